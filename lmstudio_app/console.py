"""What the command line prints while something slow runs: progress of preparation, and training's events.

Plain text on stderr: one rewritten line on a terminal, periodic lines when
the output goes to a file or a pipe.
"""

from __future__ import annotations

import sys
import time

from lmstudio_app.config.messages import Message
from lmstudio_app.events import (
    CheckpointSaved,
    EvalMetrics,
    Event,
    Failed,
    Finished,
    Notice,
    Paused,
    Preparing,
    Resumed,
    Started,
    StepMetrics,
)
from lmstudio_app.formatting import duration


class ConsoleProgress:
    """A progress callback (phase, fraction or None) that prints the phase in English."""

    def __init__(self, stream=None):
        self.stream = stream or sys.stderr
        self.interactive = self.stream.isatty()
        self.phase = ""
        self.last = 0.0

    def __call__(self, phase: Message, fraction: float | None) -> None:
        try:
            self._show(phase.english(), fraction)
        except OSError:
            pass  # the terminal is gone; the work goes on

    def _show(self, phase: str, fraction: float | None) -> None:
        now = time.monotonic()
        if phase == self.phase and fraction != 1.0 and now - self.last < 0.2:
            return
        self.last = now
        amount = "" if fraction is None else f" {fraction:6.1%}"
        if self.interactive:
            end = "\n" if fraction == 1.0 else ""
            self.stream.write(f"\r\033[K{phase}{amount}{end}")
        elif phase != self.phase:
            self.stream.write(f"{phase}…\n")
        self.stream.flush()
        self.phase = phase

    def done(self) -> None:
        if self.interactive and self.phase:
            try:
                self.stream.write("\r\033[K")
                self.stream.flush()
            except OSError:
                pass


class ConsoleSink:
    """Training's events as text: a progress bar with loss, tokens/s and ETA, evaluations, the outcome.
    ``progress`` is the callback to hand the trainer for the preparation before the first step."""

    def __init__(self, stream=None, interval: float = 2.0):
        self.stream = stream or sys.stderr
        self.interactive = self.stream.isatty()
        self.interval = interval
        self.total = 0
        self.last_line = 0.0
        self.progress = ConsoleProgress(self.stream)
        self.started = False  # a run stopped before its Started event trained and saved nothing

    def _print(self, text: str, transient: bool = False) -> None:
        if self.stream is None:
            return
        try:
            if self.interactive:
                self.stream.write(f"\r\033[K{text}" + ("" if transient else "\n"))
            else:
                self.stream.write(text + "\n")
            self.stream.flush()
        except OSError:
            self.stream = None  # the terminal is gone (closed, hung up): training goes on without output

    def say(self, text: str) -> None:
        """A line of its own, e.g. why training is stopping."""
        self._print(text)

    def __call__(self, event: Event) -> None:
        if isinstance(event, Preparing):
            self.progress(event.phase, event.fraction)
        elif isinstance(event, Started):
            self.progress.done()
            self.started = True
            self.total = event.total_steps
            resumed = f", resuming at step {event.start_step}" if event.start_step else ""
            self._print(f"{event.name}: {event.parameters:,} parameters on {event.device.english()}{resumed}\n"
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
        elif isinstance(event, Finished) and not self.started:
            self.progress.done()
            self._print(f"{event.reason} before training began; nothing was trained or saved")
        elif isinstance(event, Finished):
            loss = event.final_metrics.get("loss")
            summary = f", validation loss {loss:.4f}" if loss is not None else ""
            probe = f"; attention probes took {event.probe_seconds / max(event.elapsed, 1e-9):.1%} of the time" \
                if event.probe_seconds else ""
            if event.layer_stats_seconds:
                probe += f", per-layer signals {event.layer_stats_seconds / max(event.elapsed, 1e-9):.1%}"
            self._print(f"{event.reason} at step {event.step} after {duration(event.elapsed)}{summary}{probe}\n"
                        f"  run folder: {event.run_dir}")
        elif isinstance(event, Notice):
            self.progress.done()
            self._print(f"note: {event.message.english()}")
        elif isinstance(event, Failed) and event.step:
            self.progress.done()
            self._print(f"failed at step {event.step}")
