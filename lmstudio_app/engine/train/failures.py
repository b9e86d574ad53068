"""How a run fails readably: out of memory and a non-finite loss become sentences with advice, the weights
are saved on the way out when they are whole and newer than the last checkpoint, and a bug's traceback goes
to a log file the message names.
"""

from __future__ import annotations

import contextlib
import os
import time
import traceback
from collections.abc import Iterator
from pathlib import Path

import torch
from torch import Tensor

from lmstudio_app.config import error_messages as refusals
from lmstudio_app.config.messages import Message
from lmstudio_app.engine.train.reports import last_checkpoint, write_checkpoint
from lmstudio_app.engine.train.setup import TrainingSetup
from lmstudio_app.errors import TrainingError, os_error_sentence
from lmstudio_app.fsutil import user_data_dir
from lmstudio_app.run_folder import ERROR_LOG


def _out_of_memory(error: BaseException) -> bool:
    return isinstance(error, torch.OutOfMemoryError) or (
        isinstance(error, RuntimeError) and ("out of memory" in str(error) or "can't allocate memory" in str(error)))


@contextlib.contextmanager
def out_of_memory_explained(setup: TrainingSetup) -> Iterator[None]:
    """Running out of memory in a step becomes a TrainingError naming the device and the batch, with the
    step's gradients and the allocator's cache freed."""
    try:
        yield
    except (RuntimeError, torch.OutOfMemoryError) as error:
        if not _out_of_memory(error):
            raise
        setup.optimization.optimizer.zero_grad(set_to_none=True)
        if setup.placement.device.type == "cuda":
            torch.cuda.empty_cache()
        t = setup.config.training
        raise TrainingError(refusals.OUT_OF_MEMORY, device=setup.placement.describe(), step=setup.state.step + 1,
                            batch=t.batch_size, tokens=setup.seq_len) from None


def not_finite(setup: TrainingSetup, loss: Tensor, grad_norm: Tensor) -> TrainingError:
    """The error that ends a step whose loss or gradient is not finite, before it reaches the weights; the
    first process saves the weights of the step before, for a run resumed with other settings."""
    what = Message(refusals.LOSS_BECAME, {"value": float(loss)}) if not torch.isfinite(loss) else \
        Message(refusals.GRAD_NORM_BECAME, {"value": float(grad_norm)})
    t = setup.config.training
    advice = {"step": setup.state.step + 1, "what": what, "rate": f"{t.learning_rate:g}", "clip": f"{t.grad_clip:g}"}
    if not setup.is_main:
        return TrainingError(refusals.NOT_FINITE, **advice)
    setup.optimization.optimizer.zero_grad(set_to_none=True)
    return TrainingError(refusals.NOT_FINITE_SAVED, path=write_checkpoint(setup), **advice)


def save_before_leaving(setup: TrainingSetup | None) -> Message | None:
    """Save the weights as they are when the run stops unexpectedly: only once training began, only whole
    weights, only when newer than the last checkpoint. Returns a sentence saying where they went (or that
    they could not)."""
    if setup is None or not setup.is_main:
        return None
    running, step = setup.running, setup.state.step
    if running.updating or step <= running.last_saved_step:
        return None
    try:
        path = write_checkpoint(setup)
    except Exception as error:
        why = os_error_sentence(error) if isinstance(error, OSError) else f"{type(error).__name__}: {error}"
        return Message(refusals.SAVING_FAILED_TOO, {"why": why, "last": last_checkpoint(setup)})
    running.last_saved_step = step
    return Message(refusals.SAVED_AT_STEP, {"step": step, "path": path})


def log_bug(run_dir: Path | None, run_dir_stays: bool) -> Path | None:
    """Append the traceback being handled to the run's error log, or, for a run folder that is removed as the
    run ends (see RunFolder.release), to one in the user data folder. Returns where, or None."""
    path = run_dir / ERROR_LOG if run_dir_stays else \
        user_data_dir() / "logs" / f"error-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}.log"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "a", encoding="utf-8") as log:
            log.write(f"--- {time.strftime('%Y-%m-%d %H:%M:%S')}\n{traceback.format_exc()}")
    except OSError:
        return None
    return path


def bug_message(error: Exception, logged: Path | None) -> Message:
    bug = f"{type(error).__name__}: {error}"
    return Message(refusals.UNEXPECTED_LOGGED, {"error": bug, "path": logged}) if logged else \
        Message(refusals.UNEXPECTED, {"error": bug})
