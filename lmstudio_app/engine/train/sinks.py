"""Where events go: the console, metrics.jsonl, the run index. The GUI adds its own sink."""

from __future__ import annotations

import json
import math
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from lmstudio_app.config import to_toml
from lmstudio_app.config.schema import ExperimentConfig
from lmstudio_app.engine.progress import ConsoleProgress
from lmstudio_app.engine.train.events import (
    CheckpointSaved,
    EvalMetrics,
    Event,
    Failed,
    Finished,
    Paused,
    Preparing,
    Resumed,
    Started,
    StepMetrics,
)
from lmstudio_app.engine.train.loop import Trainer
from lmstudio_app.engine.train.runs import METRICS_FILE
from lmstudio_app.formatting import duration
from lmstudio_app.run_index import RunIndex

Sink = Callable[[Event], None]


def drive(trainer: Trainer, sinks: Iterable[Sink]) -> Event | None:
    """Run the loop, handing every event (and data-preparation progress) to every sink."""
    sinks = list(sinks)

    def dispatch(event: Event) -> None:
        for sink in sinks:
            sink(event)

    trainer.progress = lambda phase, fraction: dispatch(Preparing(phase, fraction))
    last = None
    for event in trainer.events():
        dispatch(event)
        last = event
    return last


def _finite(value: float | None) -> float | None:
    return value if value is not None and math.isfinite(value) else None


class JsonlSink:
    """Appends one JSON object per logged step and evaluation to the run's metrics.jsonl."""

    def __init__(self):
        self.handle = None

    def __call__(self, event: Event) -> None:
        if isinstance(event, Started):
            self.handle = (Path(event.run_dir) / METRICS_FILE).open("a", encoding="utf-8")
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


class IndexSink:
    """Keeps the SQLite run index current: the run, its status and its metric series."""

    def __init__(self, config: ExperimentConfig, index: RunIndex | None = None):
        self.config = config
        self.index = index
        self.run_dir = ""

    def __call__(self, event: Event) -> None:
        if isinstance(event, Started):
            self.index = self.index or RunIndex()
            self.run_dir = event.run_dir
            self.index.register(event.run_dir, self.config.name, self.config.model.family,
                                self.config.objective.name, event.total_steps, to_toml(self.config),
                                parameters=event.parameters, task=self.config.finetune.task)
        elif not self.index:
            return
        elif isinstance(event, StepMetrics):
            self.index.add_metrics(self.run_dir, event.step, "train", event.values())
            self.index.update(self.run_dir, step=event.step)
        elif isinstance(event, EvalMetrics):
            self.index.add_metrics(self.run_dir, event.step, "validation", event.metrics)
        elif isinstance(event, Finished):
            self.index.update(self.run_dir, status=event.reason, step=event.step,
                              best_validation_loss=_finite(event.best_validation_loss),
                              final_loss=_finite(event.final_metrics.get("loss")))
        elif isinstance(event, Failed):
            self.index.update(self.run_dir, status="failed", step=event.step)


class ConsoleSink:
    """A progress bar with loss, tokens/s and ETA on a terminal; periodic lines otherwise."""

    def __init__(self, stream=None, interval: float = 2.0):
        self.stream = stream or sys.stderr
        self.interactive = self.stream.isatty()
        self.interval = interval
        self.total = 0
        self.last_line = 0.0
        self.preparing = ConsoleProgress(self.stream)

    def _print(self, text: str, transient: bool = False) -> None:
        if self.interactive:
            self.stream.write(f"\r\033[K{text}" + ("" if transient else "\n"))
        else:
            self.stream.write(text + "\n")
        self.stream.flush()

    def __call__(self, event: Event) -> None:
        if isinstance(event, Preparing):
            self.preparing(event.phase, event.fraction)
        elif isinstance(event, Started):
            self.preparing.done()
            self.total = event.total_steps
            resumed = f", resuming at step {event.start_step}" if event.start_step else ""
            self._print(f"{event.name}: {event.parameters:,} parameters on {event.device}{resumed}\n"
                        f"  {event.corpus_summary}\n  run folder: {event.run_dir}")
        elif isinstance(event, StepMetrics):
            now = time.monotonic()
            if not self.interactive and now - self.last_line < self.interval and event.step != self.total:
                return
            self.last_line = now
            done = event.step / max(self.total, 1)
            bar = "█" * int(done * 20) + "░" * (20 - int(done * 20))
            self._print(f"step {event.step}/{self.total} {bar} loss {event.metrics.get('loss', float('nan')):.4f}"
                        f" | {event.tokens_per_second:,.0f} tok/s | lr {event.learning_rate:.2e}"
                        f" | ETA {duration(event.eta)}", transient=True)
        elif isinstance(event, EvalMetrics):
            shown = ", ".join(f"{k} {v:.4f}" for k, v in sorted(event.metrics.items()))
            self._print(f"step {event.step}: validation {shown}")
        elif isinstance(event, CheckpointSaved):
            if not self.interactive:
                self._print(f"step {event.step}: saved {event.path} ({event.seconds:.1f} s)")
        elif isinstance(event, Paused):
            self._print(f"paused at step {event.step}")
        elif isinstance(event, Resumed):
            self._print(f"resumed at step {event.step}")
        elif isinstance(event, Finished):
            loss = event.final_metrics.get("loss")
            summary = f", validation loss {loss:.4f}" if loss is not None else ""
            probe = f"; attention probes took {event.probe_seconds / max(event.elapsed, 1e-9):.1%} of the time" \
                if event.probe_seconds else ""
            self._print(f"{event.reason} at step {event.step} after {duration(event.elapsed)}{summary}{probe}\n"
                        f"  run folder: {event.run_dir}")
        elif isinstance(event, Failed):
            self._print(f"failed at step {event.step}")
