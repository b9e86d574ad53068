"""One training run from its config to its last event: claim the run folder, choose where to train, let the
run's recipe build the setup, run ``train(setup, hooks)`` (engine/train/loop.py), and turn every way out of it
(finished, stopped, failed, abandoned by the caller) into an event, saving the weights first once training
has begun (engine/train/failures.py).
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import torch

from lmstudio_app.config import ExperimentConfig, validate
from lmstudio_app.config import error_messages as refusals
from lmstudio_app.config.messages import Message
from lmstudio_app.engine.control import Control
from lmstudio_app.engine.data.prepare import PreparedData
from lmstudio_app.engine.finetune.task_data import TaskData
from lmstudio_app.engine.model import Transformer
from lmstudio_app.engine.progress import Progress, no_progress
from lmstudio_app.engine.runs import ModelHandle, RunFolder, default_run_dir
from lmstudio_app.engine.train.device import choose_placement
from lmstudio_app.engine.train.distributed import Distributed, from_environment
from lmstudio_app.engine.train.failures import bug_message, log_bug, save_before_leaving
from lmstudio_app.engine.train.hooks import model_handle, step_hooks
from lmstudio_app.engine.train.loop import train
from lmstudio_app.engine.train.setup import Start, TrainingSetup, recipe_for
from lmstudio_app.errors import Cancelled, LmStudioError, TrainingError, os_error_sentence
from lmstudio_app.events import Event, Failed, Finished, Notice


class Trainer:
    """Trains one run. ``events()`` is the run; ``setup`` is what its recipe built, once it has."""

    def __init__(self, config: ExperimentConfig, run_dir: str | Path | None = None, *, resume: bool = False,
                 checkpoint: str = "latest", control: Control | None = None, progress: Progress = no_progress,
                 leave_a_core: bool = False):
        self.config = copy.deepcopy(config)  # the run fills in model.vocab_size; the caller's copy stays
        self.run_dir = Path(run_dir).absolute() if run_dir is not None else None  # the index's key: any cwd
        self.resume = resume
        self.checkpoint = checkpoint  # which one a resumed run continues from: "latest", "best" or a step
        self.control = control or Control()
        self.progress = progress
        self.leave_a_core = leave_a_core  # a window shares the CPU: with threads = 0, one core stays free for it
        self.setup: TrainingSetup | None = None  # built by the run's recipe in events()
        self.folder: RunFolder | None = None  # held by the main process while it trains
        self.distributed: Distributed | None = None  # the torchrun process group, set up by events()
        self.notices: list[Message] = []  # what set-up did to the run folder, reported before Started
        self.ready = False  # set-up is done: from here on a failure keeps the run and saves it first

    def events(self) -> Iterator[Event]:
        try:
            self._set_up()
            yield from (Notice(notice) for notice in self.notices)
            self.ready = True
            yield from train(self.setup, step_hooks(self.setup, self.control))
        except LmStudioError as error:
            yield self._failed(error.message, bad_input=not isinstance(error, TrainingError) and not self.ready)
        except OSError as error:
            yield self._failed(os_error_sentence(error), bad_input=not self.ready)
        except Cancelled:
            yield Finished(self._step(), self.control.stop_reason, str(self.run_dir or ""), {}, None, 0.0, 0.0)
        except GeneratorExit:
            self._save_before_leaving()
            raise
        except Exception as error:  # a bug: keep the work, and the details for a report
            run_dir_stays = self.run_dir is not None and self.run_dir.is_dir() and (self.ready or self.resume)
            yield self._failed(bug_message(error, log_bug(self.run_dir, run_dir_stays)), bad_input=False)
        finally:
            if self.folder is not None:
                self.folder.release(keep=self.ready)
            if self.distributed is not None:
                # Left to the interpreter's exit, gloo's threads are torn down in a race that aborts the process
                # now and then ("terminate called without an active exception") after a complete run.
                self.distributed.close()

    def _failed(self, failure: Message, bad_input: bool) -> Failed:
        saved = self._save_before_leaving()
        return Failed(Message(refusals.AND_THEN, {"failure": failure, "saved": saved}) if saved else failure,
                      bad_input=bad_input, step=self._step(), run_dir=str(self.run_dir or ""))

    def _save_before_leaving(self) -> Message | None:
        return save_before_leaving(self.setup if self.ready else None)

    def _step(self) -> int:
        return self.setup.state.step if self.setup else 0

    def _preparing(self, phase: Message, fraction: float | None) -> None:
        """Progress of the slow set-up steps, which is also where a stop request takes effect."""
        if self.control.stop_requested:
            raise Cancelled
        self.progress(phase, fraction)

    def _set_up(self) -> None:
        """Claim the run folder and choose where to train, then let the run's recipe build the rest."""
        validate(self.config)
        placement = choose_placement(self.config.training, leave_a_core=self.leave_a_core)
        self.distributed = from_environment(placement.device.type)
        is_main = self.distributed is None or self.distributed.is_main
        if is_main:
            self.run_dir = self.run_dir or default_run_dir(self.config)
            self.folder = RunFolder(self.run_dir, self.resume)
            self.notices += self.folder.claim()
        if self.distributed and placement.device.type == "cuda":
            placement = replace(placement, device=torch.device(f"cuda:{self.distributed.local_rank}"))
        if placement.device.type == "cuda":
            torch.backends.cuda.matmul.allow_tf32 = True
            torch.backends.cudnn.allow_tf32 = True
        start = Start(self.config, self.run_dir, self.resume, self.checkpoint, placement, self.distributed,
                      self.folder, self._preparing, self.progress)
        self.setup = recipe_for(self.config)(start)
        self.run_dir = self.setup.run_dir
        self.notices += self.setup.report.notices

    @property
    def model(self) -> Transformer | None:
        return self.setup.model if self.setup else None

    @property
    def data(self) -> PreparedData | TaskData | None:
        return self.setup.data if self.setup else None

    def model_handle(self, live: bool = True) -> ModelHandle:
        """The model as it is now (see hooks.model_handle); after the last event, the run's final model."""
        return model_handle(self.setup, live)
