"""A run's records besides its checkpoints: metrics.jsonl in its folder, and its row in the run index.

Both are written from the run's events alone. The index learns the run's name
and config from ``Started``, which carries the config as the trainer filled it
in, so the index always agrees with the run folder's ``config.toml``.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Callable
from pathlib import Path

from lmstudio_app.config import to_toml
from lmstudio_app.events import (
    EvalMetrics,
    Event,
    Failed,
    Finished,
    Started,
    StepMetrics,
)
from lmstudio_app.fsutil import atomic_write_text
from lmstudio_app.run_folder import METRICS_FILE
from lmstudio_app.run_index import RunIndex

Sink = Callable[[Event], None]


def run_records() -> list[Sink]:
    """The sinks every run's events go through, whichever front end started it. Under ``torchrun`` only
    the first process keeps records."""
    if os.environ.get("RANK", "0") != "0":
        return []
    return [JsonlSink(), IndexSink()]


def _finite(value: float | None) -> float | None:
    return value if value is not None and math.isfinite(value) else None


class JsonlSink:
    """Appends one JSON object per logged step and evaluation to the run's metrics.jsonl."""

    def __init__(self):
        self.handle = None

    def __call__(self, event: Event) -> None:
        if isinstance(event, Started):
            path = Path(event.run_dir) / METRICS_FILE
            if event.start_step:
                trim_metrics(path, event.start_step)  # keeps the baselines' row of step 0
            self.handle = path.open("a", encoding="utf-8")
            if event.baselines and not event.start_step:
                self._write({"step": 0, "split": "baseline", **event.baselines})
        elif isinstance(event, StepMetrics) and self.handle:
            self._write({"step": event.step, "split": "train", **event.values()})
        elif isinstance(event, EvalMetrics) and self.handle:
            self._write({"step": event.step, "split": "validation", **event.metrics})
        elif isinstance(event, (Finished, Failed)) and self.handle:
            self.handle.close()
            self.handle = None

    def _write(self, record: dict) -> None:
        self.handle.write(json.dumps({k: _finite(v) if isinstance(v, float) else v for k, v in record.items()}) + "\n")
        self.handle.flush()


def trim_metrics(path: Path, last_step: int) -> None:
    """Before a resumed run logs again: drop the rows after the checkpoint it continues from (steps that
    will be trained again) and a row torn by a crash, so every step is in the file once."""
    if not path.exists():
        return
    kept = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            row = json.loads(line)
        except ValueError:
            continue
        if isinstance(row, dict) and isinstance(row.get("step"), int) and row["step"] <= last_step:
            kept.append(line + "\n")
    atomic_write_text(path, "".join(kept))


class IndexSink:
    """Keeps the SQLite run index current: the run, its status and its metric series.

    The index at its path is the one everyone reads: when the file this sink has open was set aside (a reader
    found it damaged), deleted or replaced, the sink opens the one at the path again (which reads the run folders
    back) before it writes, so the run's final state is never written into a file nobody reads."""

    def __init__(self, index: RunIndex | None = None):
        self.index = index
        self.run_dir = ""

    def _follow_the_path(self) -> None:
        if not self.index.moved:
            return
        self.index.close()
        self.index = RunIndex()
        if self.index.get(self.run_dir) is None:
            self.index.import_run(Path(self.run_dir))

    def __call__(self, event: Event) -> None:
        if self.index and self.run_dir and not isinstance(event, Started):
            self._follow_the_path()
        if isinstance(event, Started):
            self.index = self.index or RunIndex()
            self.run_dir = event.run_dir
            config = event.config
            self.index.register(event.run_dir, config.name, config.model.family, config.objective.name,
                                event.total_steps, to_toml(config), parameters=event.parameters,
                                task=config.finetune.task)
            # a resumed run logs the steps after its checkpoint again, and a new start in the folder of one
            # that never saved a checkpoint logs all of them again
            self.index.forget_metrics_after(event.run_dir, event.start_step)
            if event.baselines:
                self.index.add_metrics(event.run_dir, 0, "baseline", event.baselines)
        elif not self.index:
            return
        elif isinstance(event, StepMetrics):
            self.index.add_metrics(self.run_dir, event.step, "train", event.values())
            self.index.update(self.run_dir, step=event.step)
        elif isinstance(event, EvalMetrics):
            self.index.add_metrics(self.run_dir, event.step, "validation", event.metrics)
        elif isinstance(event, (Finished, Failed)):
            try:
                if isinstance(event, Finished):
                    self.index.update(self.run_dir, status=event.reason, step=event.step,
                                      best_validation_loss=_finite(event.best_validation_loss),
                                      final_loss=_finite(event.final_metrics.get("loss")))
                else:
                    self.index.update(self.run_dir, status="failed")
            finally:
                self.index.close()  # a window trains many runs: each one's connection ends with it
                self.index = None
