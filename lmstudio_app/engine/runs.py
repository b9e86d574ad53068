"""Run folders: claiming one for the process that trains in it, and loading a run's model back."""

from __future__ import annotations

import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

import torch

from lmstudio_app.config import ExperimentConfig, save_config
from lmstudio_app.config import engine_messages as say
from lmstudio_app.config import error_messages as refusals
from lmstudio_app.config.messages import Message
from lmstudio_app.config.messages import problem
from lmstudio_app.config.runs import folder_name, read_run_config
from lmstudio_app.engine import checkpoint as ckpt
from lmstudio_app.engine.data.tokenizer import TextTokenizer, required_sentinels
from lmstudio_app.engine.build import build_model
from lmstudio_app.engine.model import Transformer
from lmstudio_app.errors import CheckpointError, ConfigError, RunBusyError
from lmstudio_app.fsutil import FileLock, atomic_write_text, process_description, runs_root
from lmstudio_app.run_folder import (
    CHECKPOINTS,
    CONFIG_FILE,
    ERROR_LOG,
    FRAMING_FILE,
    LOCK_FILE,
    METRICS_FILE,
    QUARANTINE,
    TOKENIZER_FILE,
    has_saves,
    holds_run,
    refuse_inside_run,
)

# What a start that never saved a checkpoint leaves (a new start replaces it), and what a new start keeps.
UNFINISHED_START = {CONFIG_FILE, TOKENIZER_FILE, FRAMING_FILE, METRICS_FILE, CHECKPOINTS}
KEPT_BY_A_NEW_START = {LOCK_FILE, ERROR_LOG, QUARANTINE}


def default_run_dir(config: ExperimentConfig) -> Path:
    return fresh_run_dir(config.name)


def fresh_run_dir(name: str) -> Path:
    """A folder under the runs folder that does not exist yet, named after ``name`` and the time."""
    base = runs_root() / f"{folder_name(name) or 'run'}-{time.strftime('%Y%m%d-%H%M%S')}"
    path, counter = base, 1
    while path.exists():
        counter += 1
        path = base.with_name(f"{base.name}-{counter}")
    return path


def refuse_undecodable_path(path: Path) -> None:
    """A run's path is text in its files, its messages and the run index: a name with bytes that are not UTF-8
    (which Python carries as lone surrogates) could be trained in but never written down, listed or resumed."""
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        shown = os.fsencode(path).decode("utf-8", errors="backslashreplace")
        raise ConfigError(problem("", refusals.NAME_NOT_UTF8, folder=shown)) from None


def unfinished_start(folder: Path) -> list[Path] | None:
    """What a run stopped before its first checkpoint left in its folder (its config, tokenizer, logged steps,
    a save that never finished), or None when the folder holds more: a checkpoint, or files of someone else."""
    if has_saves(folder) or _foreign(folder):
        return None
    return [p for p in folder.iterdir() if p.name in UNFINISHED_START]


def _foreign(folder: Path) -> list[str]:
    """What in a run folder no run wrote."""
    return sorted(p.name for p in folder.iterdir() if p.name not in UNFINISHED_START | KEPT_BY_A_NEW_START)


def no_checkpoint_yet(run_dir: Path) -> CheckpointError:
    """Resuming a run that never saved a checkpoint: there is nothing to resume, but a new start can reuse it."""
    return CheckpointError(refusals.NOTHING_TO_RESUME, run=run_dir, config=run_dir / CONFIG_FILE)


class RunFolder:
    """The one process that writes a run folder: it holds an OS lock on ``<run>/.lock`` until it is done.

    A second writer (another ``train``/``resume``, or the window) is refused with a
    sentence naming the holder. Readers never take the lock. A new run's folder
    must be new or empty, or hold only what a start killed before its first
    checkpoint left (replaced, with a note); if the run's set-up fails, what it
    wrote is removed, so the same folder can be used again.
    """

    def __init__(self, run_dir: Path, resume: bool):
        self.path = run_dir
        self.resume = resume
        self.existed = run_dir.exists()
        self.lock = FileLock(run_dir / LOCK_FILE)
        self.written: list[Path] = []
        self.claimed = False  # only the process holding the lock may remove anything from the folder

    def claim(self) -> list[Message]:
        """Take the folder for this process; returns notes on what it did to the folder's earlier content."""
        refuse_undecodable_path(self.path)
        if self.path.exists() and not self.path.is_dir():
            raise ConfigError(problem("", refusals.RUN_IS_FILE, path=self.path))
        if self.resume and not holds_run(self.path):
            raise CheckpointError(refusals.NOT_A_RUN, path=self.path, config=CONFIG_FILE)
        if not self.resume:
            refuse_inside_run(self.path, refusals.SAVED_NEW_RUN)
        lock_existed = (self.path / LOCK_FILE).exists()
        self.path.mkdir(parents=True, exist_ok=True)
        holder = self.lock.acquire(process_description())
        self.claimed = holder is None
        if holder is not None:
            raise RunBusyError(refusals.BUSY_WRITING, run=self.path, holder=holder)
        if not lock_existed:
            self.written.append(self.path / LOCK_FILE)
        # What is in the folder now is not this process's to remove, even if the folder was absent when this
        # process first looked: another may have created it, and finished its run, in between.
        self.existed = self.existed or any(p.name != LOCK_FILE for p in self.path.iterdir())
        if self.resume:
            if unfinished_start(self.path) is not None:
                raise no_checkpoint_yet(self.path)
            return []
        notes = []
        if holds_run(self.path):
            left = unfinished_start(self.path)
            if left is None and has_saves(self.path):
                raise ConfigError(problem("", refusals.HOLDS_A_RUN, folder=self.path))
            if left is None:
                raise ConfigError(problem("", refusals.START_AND_OTHERS, folder=self.path,
                                          files=", ".join(_foreign(self.path)[:3])))
            for path in left:
                if path.is_dir():
                    shutil.rmtree(path)
                else:
                    path.unlink()
            notes.append(Message(say.REPLACED_START, {"folder": self.path,
                                                      "files": ", ".join(sorted(p.name for p in left))}))
        allowed = KEPT_BY_A_NEW_START if notes else {LOCK_FILE}
        others = [p.name for p in self.path.iterdir() if p.name not in allowed]
        if others:
            raise ConfigError(problem("", refusals.NOT_EMPTY_NO_RUN, folder=self.path, files=", ".join(sorted(others)[:3])))
        return notes

    def create(self, config: ExperimentConfig, tokenizer: TextTokenizer) -> None:
        """The run's config and tokenizer, with the framing of an imported checkpoint's tokenizer (a fine-tune
        of an imported model reads text as the checkpoint did)."""
        self.written += [self.path / CONFIG_FILE, self.path / TOKENIZER_FILE]
        save_config(config, self.path / CONFIG_FILE)
        tokenizer.save(self.path / TOKENIZER_FILE)
        if tokenizer.framing is not None:
            self.written.append(self.path / FRAMING_FILE)
            atomic_write_text(self.path / FRAMING_FILE, tokenizer.framing.to_json())

    def release(self, keep: bool) -> None:
        """Let go of the folder; unless ``keep``, first remove what this process wrote into it. A process that
        never held the lock removes nothing: the folder may be another's run, created a moment after this one
        looked (two processes racing for one new folder)."""
        if not self.claimed:
            return
        if not keep and not self.resume:
            if not self.existed:
                shutil.rmtree(self.path, ignore_errors=True)
            else:
                for path in self.written:
                    path.unlink(missing_ok=True)
        self.lock.release()


def read_run_tokenizer(run_dir: Path, config: ExperimentConfig) -> TextTokenizer:
    return TextTokenizer.load(run_dir / TOKENIZER_FILE, required_sentinels(config))


@dataclass
class ModelHandle:
    """A model with what it takes to use it: its tokenizer, its config, and where and when it comes from.

    A saved run's checkpoint, or a live trainer's model (used only in the loop's
    thread, between steps). The playground, the attention probe and every
    command that uses a model take one of these.
    """

    run_dir: Path
    config: ExperimentConfig
    tokenizer: TextTokenizer
    model: Transformer
    step: int
    checkpoint: Path | None = None  # None for a live model
    live: bool = False


def load_run(run_dir: str | Path, which: str = "latest", device: str | torch.device = "cpu") -> ModelHandle:
    """A run's model (in eval mode) from its latest or best checkpoint, or the one of a given step."""
    run_dir = Path(run_dir)
    config = read_run_config(run_dir)
    tokenizer = read_run_tokenizer(run_dir, config)
    chosen = ckpt.find_checkpoint(run_dir, which)
    model = build_model(config)
    ckpt.load_weights(model, chosen, device)
    model.to(device).eval()
    return ModelHandle(run_dir, config, tokenizer, model, ckpt.step_of(chosen), chosen)
