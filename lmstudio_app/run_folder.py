"""A run folder's layout: the one module that knows what a run keeps where (stdlib only: no torch, no Qt).

    <run>/config.toml          the experiment as trained (a rename is written here, so a rebuilt index keeps it)
    <run>/tokenizer.json       the run's tokenizer, and framing.json beside it for an imported checkpoint's
    <run>/metrics.jsonl        one JSON object per logged step and evaluation
    <run>/imported.json        a run made from another tool's checkpoint: where it came from
    <run>/error.log            what a bug in training left to read
    <run>/.lock                the OS lock of the one process that writes the run, with a line saying who it is
    <run>/checkpoints/step-NNNNNNN/   model.safetensors, optimizer.pt, trainer_state.json, then SHA256SUMS.json
                                      (each file's SHA-256), then the marker COMPLETE: only marked ones count
    <run>/checkpoints/.tmp-…   a checkpoint save under way (or one a crash interrupted)
    <run>/quarantine/          damaged or superseded checkpoints, moved aside, never deleted

The engine writes and checks these (``engine.checkpoint``, ``engine.runs``); the run index reads them back
(``run_index``); the front ends ask about them through both. None of them spells a name of this layout itself.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

from lmstudio_app.errors import ConfigError

if TYPE_CHECKING:
    from lmstudio_app.config.messages import Template

CONFIG_FILE = "config.toml"
TOKENIZER_FILE = "tokenizer.json"
FRAMING_FILE = "framing.json"
METRICS_FILE = "metrics.jsonl"
IMPORTED_FILE = "imported.json"
ERROR_LOG = "error.log"
LOCK_FILE = ".lock"
CHECKPOINTS = "checkpoints"
QUARANTINE = "quarantine"
SAVE_UNDER_WAY = ".tmp-"  # the prefix of a checkpoint folder being written

# A checkpoint folder's files, in the order a save writes them
MODEL_FILE = "model.safetensors"
OPTIMIZER_FILE = "optimizer.pt"
STATE_FILE = "trainer_state.json"
CHECKPOINT_FILES = (MODEL_FILE, OPTIMIZER_FILE, STATE_FILE)
MANIFEST = "SHA256SUMS.json"  # written after the files, before the marker
MARKER = "COMPLETE"
STEP_PREFIX = "step-"


def checkpoint_dir(run_dir: str | os.PathLike) -> Path:
    return Path(run_dir) / CHECKPOINTS


def quarantine_dir(run_dir: str | os.PathLike) -> Path:
    return Path(run_dir) / QUARANTINE


def step_name(step: int) -> str:
    return f"{STEP_PREFIX}{step:07d}"


def step_of(path: Path) -> int:
    return int(path.name.removeprefix(STEP_PREFIX))


def is_step_folder(path: Path) -> bool:
    """A checkpoint's folder, complete or not (not a save under way)."""
    return path.name.startswith(STEP_PREFIX) and path.name.removeprefix(STEP_PREFIX).isdigit()


def is_complete(path: Path) -> bool:
    return (path / MARKER).is_file()


def checkpoints(run_dir: str | os.PathLike) -> list[Path]:
    """The run's complete checkpoints (those with their marker), oldest first."""
    folder = checkpoint_dir(run_dir)
    if not folder.is_dir():
        return []
    return sorted((p for p in folder.iterdir() if is_step_folder(p) and is_complete(p)), key=step_of)


def checkpoint_steps(run_dir: str | os.PathLike) -> list[int]:
    return [step_of(p) for p in checkpoints(run_dir)]


def has_saves(run_dir: str | os.PathLike) -> bool:
    """Whether the run saved anything into its checkpoints folder (complete or not, a save under way aside)."""
    folder = checkpoint_dir(run_dir)
    return folder.is_dir() and any(not p.name.startswith(SAVE_UNDER_WAY) for p in folder.iterdir())


def best_checkpoint_step(run_dir: str | os.PathLike) -> int | None:
    """The step "best" resumes and exports from: the lowest validation loss, as the latest complete checkpoint
    recorded it, while that checkpoint is still complete; else the latest step (None without checkpoints)."""
    found = checkpoints(run_dir)
    if not found:
        return None
    steps = [step_of(p) for p in found]
    try:
        best = json.loads((found[-1] / STATE_FILE).read_text(encoding="utf-8")).get("best_step")
    except (OSError, ValueError, AttributeError):
        best = None
    return best if isinstance(best, int) and best in steps else steps[-1]


def holds_run(folder: str | os.PathLike) -> bool:
    return (Path(folder) / CONFIG_FILE).is_file()


def trained_in(folder: Path) -> bool:
    """A folder training has written (its config with checkpoints or a lock), not an experiment file's folder."""
    return holds_run(folder) and (checkpoint_dir(folder).is_dir() or (folder / LOCK_FILE).exists())


def refuse_inside_run(path: str | os.PathLike, what: Template) -> Path:
    """``path`` for a result a command writes (a tokenizer, matrices, predictions); refused when it lies in a
    run folder, which only training writes: one careless --out must not damage a run. ``what`` names the result
    (``refusals.SAVED_TOKENIZER``)."""
    # (imported here: the config package, which error_messages belongs to, imports this module)
    from lmstudio_app.config import error_messages as refusals
    from lmstudio_app.config.messages import Message, problem

    path = Path(path).absolute()
    for folder in path.parents:
        if trained_in(folder):
            raise ConfigError(problem("", refusals.INSIDE_RUN, path=path, folder=folder, what=Message(what)))
    return path


def find_run_folders(root: Path, depth: int = 3) -> list[Path]:
    """Folders holding a run's config below ``root`` (runs, and the runs of a comparison one level down); hidden
    folders are skipped."""
    if depth < 0 or not root.is_dir():
        return []
    if holds_run(root):
        return [root]
    found = []
    try:
        children = sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))
    except OSError:
        return []
    for child in children:
        found += find_run_folders(child, depth - 1)
    return found
