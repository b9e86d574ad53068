"""Progress reporting for slow work (tokenizer training, tokenization, saving).

A progress callback takes a phase description and a fraction in [0, 1], or
None when the amount of work is unknown. The CLI prints it; the GUI worker
turns it into a throttled signal.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

Progress = Callable[[str, "float | None"], None]


def no_progress(phase: str, fraction: float | None) -> None:
    """The callback used when nobody is watching."""


class ConsoleProgress:
    """Progress on stderr: one rewritten line on a terminal, one line per phase otherwise."""

    def __init__(self, stream=None):
        self.stream = stream or sys.stderr
        self.interactive = self.stream.isatty()
        self.phase = ""
        self.last = 0.0

    def __call__(self, phase: str, fraction: float | None) -> None:
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
            self.stream.write("\r\033[K")
            self.stream.flush()
