"""Training, resuming and fine-tuning a run: the one way both front ends do it.

A ``TrainingRun`` is the trainer's event stream after the run's own records
(metrics.jsonl, the run index) have taken each event. A front end iterates it
and presents what it sees; stopping and pausing go through ``control``. When
the events end, ``final_model()`` is the model the run ended with, so the
window can keep using it without reading it back from disk.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from lmstudio_app.config import ExperimentConfig
from lmstudio_app.engine.application.records import run_records
from lmstudio_app.engine.progress import Progress, no_progress
from lmstudio_app.engine.runs import ModelHandle
from lmstudio_app.engine.train.loop import Control, Trainer
from lmstudio_app.events import Event


class TrainingRun:
    def __init__(self, config: ExperimentConfig, run_dir: str | Path | None = None, *, resume: bool = False,
                 control: Control | None = None, progress: Progress = no_progress):
        self.trainer = Trainer(config, run_dir, resume=resume, control=control, progress=progress)
        self.records = run_records()

    @property
    def control(self) -> Control:
        return self.trainer.control

    def events(self) -> Iterator[Event]:
        for event in self.trainer.events():
            for record in self.records:
                record(event)
            yield event

    def final_model(self) -> ModelHandle | None:
        """After the events: the model as training left it, or None when the run never built one."""
        if self.trainer.model is None:
            return None
        return self.trainer.model_handle(live=False)


def train(config: ExperimentConfig, run_dir: str | Path | None = None, **options) -> Event | None:
    """Train to the end without watching; the last event says how it ended."""
    last = None
    for last in TrainingRun(config, run_dir, **options).events():
        pass
    return last
