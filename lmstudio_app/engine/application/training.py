"""Training, resuming and fine-tuning a run: the one way both front ends do it.

A ``TrainingRun`` is the trainer's event stream after the run's own records
(metrics.jsonl, the run index) have taken each event. A front end iterates it
and presents what it sees; stopping and pausing go through ``control``. When
the events end, ``final_model()`` is the model the run ended with, so the
window can keep using it without reading it back from disk.

The records are side channels: when one cannot be written (a full disk, an
index another program holds locked), training goes on without it after one
``Notice``; the run folder's checkpoints stay the source of truth, and the
index is brought up to date from the folder when the run ends.
"""

from __future__ import annotations

import signal
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from lmstudio_app.config import ExperimentConfig, apply_overrides
from lmstudio_app.config import engine_messages as say
from lmstudio_app.config import error_messages as refusals
from lmstudio_app.config.messages import Message
from lmstudio_app.config.messages import problem
from lmstudio_app.engine.application.records import IndexSink, JsonlSink, run_records
from lmstudio_app.engine.control import Control
from lmstudio_app.engine.progress import Progress, no_progress
from lmstudio_app.engine.runs import ModelHandle, read_run_config
from lmstudio_app.engine.train.trainer import Trainer
from lmstudio_app.errors import ConfigError, os_error_sentence
from lmstudio_app.events import Event, Failed, Finished, MetricsHistory, Notice, Started
from lmstudio_app.run_folder import METRICS_FILE
from lmstudio_app.run_index import RunIndex, metric_rows

# What stops a run from outside, and the reason its Finished event gives.
STOP_SIGNALS = {"SIGINT": "interrupted", "SIGTERM": "terminated", "SIGHUP": "hung up"}


class TrainingRun:
    def __init__(self, config: ExperimentConfig, run_dir: str | Path | None = None, *, resume: bool = False,
                 checkpoint: str = "latest", control: Control | None = None, progress: Progress = no_progress,
                 leave_a_core: bool = False):
        self.trainer = Trainer(config, run_dir, resume=resume, checkpoint=checkpoint, control=control,
                               progress=progress, leave_a_core=leave_a_core)
        self.records = run_records()

    @classmethod
    def resume(cls, run_dir: str | Path, checkpoint: str = "latest", overrides: list[str] | None = None,
               **options) -> TrainingRun:
        """Continue a run from its folder's config (with ``overrides``, e.g. more steps) and a checkpoint."""
        config = read_run_config(Path(run_dir))
        if overrides:
            changed = apply_overrides(config, overrides)
            fixed = [f"{section}.{name}" for section in ("data", "tokenizer", "model", "objective", "finetune")
                     for name, value in vars(getattr(config, section)).items()
                     if getattr(getattr(changed, section), name) != value]
            if changed.training.optimizer != config.training.optimizer:  # its state in the checkpoint is the old one's
                fixed.append("training.optimizer")
            if fixed:
                raise ConfigError([problem(name, refusals.FIXED_ON_RESUME) for name in fixed])
            config = changed
        return cls(config, run_dir, resume=True, checkpoint=checkpoint, **options)

    @property
    def control(self) -> Control:
        return self.trainer.control

    def events(self) -> Iterator[Event]:
        """The trainer's events; the outcome (Finished or Failed) always comes last, once the run folder is
        released and, if the index lost track of the run, the index has read it back."""
        lost_index, outcome = False, None
        for event in self.trainer.events():
            for record in list(self.records):
                try:
                    record(event)
                except (OSError, sqlite3.Error) as error:
                    self.records.remove(record)
                    lost_index |= isinstance(record, IndexSink)
                    yield Notice(_record_lost(record, error))
            if isinstance(event, (Finished, Failed)):
                outcome = event
            else:
                yield event
            if isinstance(event, Started) and event.start_step:
                yield history(Path(event.run_dir), event.start_step)
        if lost_index and outcome is not None and outcome.run_dir:
            yield from _resync_index(outcome.run_dir)
        if outcome is not None:
            yield outcome

    def final_model(self) -> ModelHandle | None:
        """After the events: the model as training left it, or None when the run never built one."""
        if self.trainer.model is None:
            return None
        return self.trainer.model_handle(live=False)


def history(run_dir: Path, last_step: int) -> MetricsHistory:
    """The rows a run logged up to ``last_step``, the checkpoint it resumes from."""
    rows = metric_rows(run_dir / METRICS_FILE)

    def upto(split: str) -> tuple[dict[str, float], ...]:
        return tuple({k: v for k, v in row.items() if k != "split"} for row in rows[split] if row["step"] <= last_step)

    return MetricsHistory(upto("train"), upto("validation"))


def _record_lost(record, error: Exception) -> Message:
    why = os_error_sentence(error) if isinstance(error, OSError) else f"{type(error).__name__}: {error}"
    return Message(say.METRICS_LOST if isinstance(record, JsonlSink) else say.INDEX_LOST, {"why": why})


def _resync_index(run_dir: str) -> Iterator[Notice]:
    try:
        index = RunIndex()
        try:
            index.import_run(Path(run_dir))
        finally:
            index.close()
    except (OSError, sqlite3.Error) as error:
        yield Notice(Message(say.INDEX_STALE, {"why": f"{type(error).__name__}: {error}"}))


def train(config: ExperimentConfig, run_dir: str | Path | None = None, **options) -> Event | None:
    """Train to the end without watching; the last event says how it ended."""
    last = None
    for last in TrainingRun(config, run_dir, **options).events():
        pass
    return last


@contextmanager
def stop_on_signals(control: Control, on_stop=lambda reason: None):
    """While training in the foreground: Ctrl-C, SIGTERM and SIGHUP (a closed terminal) stop the run after its
    current step, which saves a checkpoint; a second Ctrl-C aborts at once. ``on_stop(reason)`` is told first."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {}

    def stop(signum, frame):
        reason = STOP_SIGNALS[signal.Signals(signum).name]
        if reason == "interrupted" and control.stop_requested:
            raise KeyboardInterrupt
        on_stop(reason)
        control.stop(reason)

    for name in STOP_SIGNALS:
        if hasattr(signal, name):
            previous[name] = signal.signal(getattr(signal, name), stop)
    try:
        yield
    finally:
        for name, handler in previous.items():
            signal.signal(getattr(signal, name), handler)

