"""Checkpoints written atomically and loaded without trusting anything in them.

A checkpoint is ``checkpoints/step-NNNNNNN/`` holding ``model.safetensors``,
``optimizer.pt`` (plain tensors and numbers: ``torch.load(weights_only=True)``
reads it) and ``trainer_state.json``. It is written into a temporary folder,
each file fsynced, then ``SHA256SUMS.json`` (the manifest: each file's SHA-256),
then the marker ``COMPLETE``, and the folder is renamed into place. Only folders
with ``COMPLETE`` count, so a run never points at a half-written checkpoint, and
a checkpoint is intact when its files match its manifest. Checkpoints saved
before the manifest existed kept the sums in ``COMPLETE``; they are checked
against those. Nothing is deleted silently: ``tidy`` reports what an interrupted
save left and what it did with it, and damaged or superseded checkpoints move to
``quarantine/``.
"""

from __future__ import annotations

import base64
import functools
import io
import json
import os
import pickle
import re
import shutil
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

import torch
from safetensors import SafetensorError
from safetensors.torch import load_model, save_model
from torch import nn

from lmstudio_app.config import engine_messages as say
from lmstudio_app.config import error_messages as refusals
from lmstudio_app.config.messages import Message
from lmstudio_app.errors import CheckpointError
from lmstudio_app.fsutil import sha256_file
from lmstudio_app.run_folder import (
    CHECKPOINT_FILES,
    MANIFEST,
    MARKER,
    MODEL_FILE,
    OPTIMIZER_FILE,
    SAVE_UNDER_WAY,
    STATE_FILE,
    best_checkpoint_step,
    checkpoint_dir,
    checkpoints,
    is_complete,
    is_step_folder,
    quarantine_dir,
    step_name,
    step_of,
)

FORMAT = 1


@dataclass
class TrainerState:
    step: int = 0  # optimizer steps done; the next batch drawn is batch(seed, step)
    tokens_seen: int = 0
    elapsed: float = 0.0
    best_validation_loss: float | None = None
    best_step: int | None = None
    cpu_rng: str = ""  # base64 of torch's CPU generator state (dropout)
    cuda_rng: list[str] = field(default_factory=list)
    # the steps since the last logged row (train/log_window.py): a run resumed between two rows logs the next
    # one as the uninterrupted run does; empty in checkpoints saved before it was kept
    log_window: dict = field(default_factory=dict)
    format: int = FORMAT

    def capture_rng(self) -> None:
        self.cpu_rng = base64.b64encode(torch.get_rng_state().numpy().tobytes()).decode()
        if torch.cuda.is_available():
            self.cuda_rng = [base64.b64encode(s.numpy().tobytes()).decode() for s in torch.cuda.get_rng_state_all()]

    def restore_rng(self) -> None:
        if self.cpu_rng:
            torch.set_rng_state(torch.frombuffer(bytearray(base64.b64decode(self.cpu_rng)), dtype=torch.uint8))
        if self.cuda_rng and torch.cuda.is_available() and len(self.cuda_rng) == torch.cuda.device_count():
            torch.cuda.set_rng_state_all([torch.frombuffer(bytearray(base64.b64decode(s)), dtype=torch.uint8)
                                          for s in self.cuda_rng])


def _fsync_write(path: Path, data: bytes) -> None:
    with path.open("wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _fsync_file(path: Path) -> None:
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def _fsync_dir(path: Path) -> None:
    if os.name != "nt":
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def save_checkpoint(run_dir: Path, model: nn.Module, optimizer: torch.optim.Optimizer, state: TrainerState,
                    scaler_state: dict | None = None) -> Path:
    """Write step ``state.step`` atomically; an existing complete one of that step is kept as it is."""
    folder = checkpoint_dir(run_dir)
    final = folder / step_name(state.step)
    if is_complete(final):
        return final
    folder.mkdir(parents=True, exist_ok=True)
    temp = Path(tempfile.mkdtemp(dir=folder, prefix=f"{SAVE_UNDER_WAY}{step_name(state.step)}-"))
    try:
        _save_weights(model, temp / MODEL_FILE, {"format": f"lmstudio-{FORMAT}", "step": str(state.step)})
        _fsync_file(temp / MODEL_FILE)
        # Serialized in memory, written by us: torch's own writer reports a full disk without its errno.
        optimizer_bytes = io.BytesIO()
        torch.save({"optimizer": optimizer.state_dict(), "scaler": scaler_state}, optimizer_bytes)
        _fsync_write(temp / OPTIMIZER_FILE, optimizer_bytes.getvalue())
        state.capture_rng()
        _write_state(temp, state)
        sums = {name: sha256_file(temp / name) for name in CHECKPOINT_FILES}
        _fsync_write(temp / MANIFEST, json.dumps({"format": FORMAT, "sha256": sums}, indent=1).encode())
        _write_marker(temp)
        if final.exists():
            shutil.rmtree(final)  # an incomplete folder of the same step from an earlier crash
        temp.rename(final)
        _fsync_dir(folder)
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
    return final


def _save_weights(model: nn.Module, path: Path, metadata: dict[str, str]) -> None:
    """safetensors' writer, with its I/O failures (reported as text) turned back into OSErrors with errno."""
    try:
        save_model(model, str(path), metadata=metadata)
    except SafetensorError as error:
        found = re.search(r"os error (\d+)", str(error))
        if found is None:
            raise
        code = int(found.group(1))
        raise OSError(code, os.strerror(code), str(path)) from None


def _write_state(folder: Path, state: TrainerState) -> None:
    _fsync_write(folder / STATE_FILE, json.dumps(asdict(state), indent=1).encode())


def latest_checkpoint(run_dir: Path) -> Path | None:
    found = checkpoints(run_dir)
    return found[-1] if found else None


def quarantine(path: Path, why: str) -> Path:
    """Move a checkpoint folder out of the way, never deleting it: ``<run>/quarantine/<name>-<why>``."""
    target_dir = quarantine_dir(path.parent.parent)
    target_dir.mkdir(exist_ok=True)
    target = target_dir / f"{path.name.lstrip('.')}-{why}"
    counter = 1
    while target.exists():
        counter += 1
        target = target_dir / f"{path.name.lstrip('.')}-{why}-{counter}"
    path.rename(target)
    return target


def tidy(run_dir: Path) -> list[Message]:
    """Before a run is continued: finish what an interrupted save left behind, and say what was done.

    A ``.tmp-`` folder is a save that never finished; it is removed. A step folder
    without its marker (copied without it, or the marker deleted) is intact only
    when its files match its manifest: then it is marked complete again and used.
    Without a manifest it is unfinished, and with files that disagree with it, it is
    damaged; either way it moves to ``quarantine/``.
    """
    folder = checkpoint_dir(run_dir)
    if not folder.is_dir():
        return []
    notes = []
    for path in sorted(folder.iterdir()):
        if not path.is_dir():
            continue
        if path.name.startswith(SAVE_UNDER_WAY):
            shutil.rmtree(path, ignore_errors=True)
            notes.append(Message(say.REMOVED_UNFINISHED_SAVE, {"name": path.name}))
        elif is_step_folder(path) and not is_complete(path):
            if not (path / MANIFEST).is_file():
                moved = quarantine(path, "unfinished")
                notes.append(Message(say.NEVER_FINISHED, {"name": path.name, "marker": MARKER, "manifest": MANIFEST,
                                                          "moved": moved}))
                continue
            problem = damage(path)
            if problem is None:
                _write_marker(path)
                notes.append(Message(say.MARKED_COMPLETE, {"name": path.name, "marker": MARKER, "manifest": MANIFEST}))
            else:
                moved = quarantine(path, "damaged")
                notes.append(Message(say.MARKER_MISSING_DAMAGED, {"name": path.name, "marker": MARKER,
                                                                  "problem": problem, "moved": moved}))
    return notes


def _write_marker(path: Path) -> None:
    _fsync_write(path / MARKER, json.dumps({"format": FORMAT}).encode())
    _fsync_dir(path)


def damage(path: Path) -> Message | None:
    """What is wrong with a checkpoint's files, or None when each matches the SHA-256 recorded before its
    marker was written: in its manifest, or, saved before manifests, in its marker."""
    recorded = path / MANIFEST if (path / MANIFEST).is_file() else path / MARKER
    try:
        sums = json.loads(recorded.read_text(encoding="utf-8"))["sha256"]
        if not isinstance(sums, dict):
            raise TypeError
    except FileNotFoundError:
        return Message(refusals.NO_MANIFEST, {"manifest": MANIFEST})
    except (ValueError, KeyError, TypeError):  # a marker of today holds no sums: its manifest was removed
        return Message(refusals.MANIFEST_DAMAGED if recorded.name == MANIFEST else refusals.NO_MANIFEST, {"manifest": MANIFEST})
    for name in CHECKPOINT_FILES:
        file = path / name
        if name not in sums or not file.is_file() or sha256_file(file) != sums[name]:
            return Message(refusals.CHECKSUM, {"name": name})
    return None


def find_checkpoint(run_dir: Path, which: str = "latest") -> Path:
    """A complete checkpoint: "latest", "best" (lowest validation loss, else the latest) or a step number."""
    found = checkpoints(run_dir)
    if not found:
        raise CheckpointError(refusals.NO_CHECKPOINT_YET, run=run_dir)
    steps = ", ".join(str(step_of(p)) for p in found)
    if which == "latest":
        return found[-1]
    if which == "best":
        return found[-1].parent / step_name(best_checkpoint_step(run_dir))
    if not which.isdigit():
        raise CheckpointError(refusals.WHICH_CHECKPOINT, which=which, steps=steps)
    chosen = found[-1].parent / step_name(int(which))
    if not is_complete(chosen):
        raise CheckpointError(refusals.NO_CHECKPOINT_AT, run=run_dir, step=int(which), steps=steps)
    return chosen


def newest_intact(run_dir: Path) -> tuple[Path, dict[Path, str]]:
    """The checkpoint a run continues from by default: its newest intact one, with the newer ones that are
    damaged and what is wrong with each."""
    damaged = {}
    for path in reversed(checkpoints(run_dir)):
        problem = damage(path)
        if problem is None:
            return path, damaged
        damaged[path] = problem
    if not damaged:
        raise CheckpointError(refusals.NO_CHECKPOINT_YET, run=run_dir)
    each = [Message(refusals.ONE_DAMAGED, {"name": path.name, "problem": problem}) for path, problem in damaged.items()]
    raise CheckpointError(refusals.NONE_INTACT, run=run_dir, damaged=functools.reduce(
        lambda listed, one: Message(refusals.SEMICOLON, {"listed": listed, "one": one}), each))


def saved_steps(run_dir: Path) -> list[int]:
    return [step_of(p) for p in checkpoints(run_dir)]


def prune(run_dir: Path, keep: int, best_step: int | None) -> None:
    """Keep the ``keep`` newest checkpoints and the best one."""
    found = checkpoints(run_dir)
    protected = {p.name for p in found[-keep:]}
    if best_step is not None:
        protected.add(step_name(best_step))
    for path in found:
        if path.name not in protected:
            shutil.rmtree(path, ignore_errors=True)


def verify(path: Path) -> None:
    """Raise ``CheckpointError`` unless the checkpoint is complete and every file matches the sums recorded
    when it was written."""
    try:
        marker = json.loads((path / MARKER).read_text(encoding="utf-8"))
        written_by = marker["format"]
    except FileNotFoundError:
        raise CheckpointError(refusals.NO_MARKER, path=path, marker=MARKER) from None
    except (ValueError, KeyError, TypeError):
        raise CheckpointError(refusals.MARKER_DAMAGED, path=path, marker=MARKER) from None
    if written_by != FORMAT:
        raise CheckpointError(refusals.INCOMPATIBLE, path=path, format=written_by)
    problem = damage(path)
    if problem is not None:
        raise CheckpointError(refusals.MODIFIED, path=path, problem=problem,
                              steps=", ".join(map(str, saved_steps(path.parent.parent))))


def load_weights(model: nn.Module, path: Path, device: torch.device | str = "cpu") -> None:
    verify(path)
    try:
        missing, unexpected = load_model(model, str(path / MODEL_FILE), strict=False, device=str(device))
    except (SafetensorError, OSError, ValueError) as error:
        raise CheckpointError(refusals.NOT_SAFETENSORS, path=path / MODEL_FILE, detail=error) from None
    except RuntimeError as error:
        raise CheckpointError(refusals.DOES_NOT_FIT, path=path / MODEL_FILE, detail=str(error)[:300]) from None
    if missing or unexpected:
        raise CheckpointError(refusals.DOES_NOT_FIT_KEYS, path=path / MODEL_FILE, missing=sorted(missing)[:5],
                              unexpected=sorted(unexpected)[:5])


def load_training_state(path: Path, optimizer: torch.optim.Optimizer) -> tuple[TrainerState, dict | None]:
    """Optimizer state (restored in place), the trainer state, and the gradient scaler's state."""
    verify(path)
    try:
        saved = torch.load(path / OPTIMIZER_FILE, map_location="cpu", weights_only=True)
        optimizer.load_state_dict(saved["optimizer"])
    except (pickle.UnpicklingError, RuntimeError, KeyError, ValueError, TypeError, EOFError) as error:
        raise CheckpointError(refusals.NOT_SAFE, path=path / OPTIMIZER_FILE, detail=str(error)[:200]) from None
    try:
        state = TrainerState(**json.loads((path / STATE_FILE).read_text(encoding="utf-8")))
    except (ValueError, TypeError) as error:
        raise CheckpointError(refusals.STATE_DAMAGED, path=path / STATE_FILE, detail=error) from None
    return state, saved.get("scaler")

