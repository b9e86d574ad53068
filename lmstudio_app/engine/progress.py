"""Progress reporting for slow work (tokenizer training, tokenization, saving).

A progress callback takes the phase (a ``Message``: the CLI prints its English,
the window its translation) and a fraction in [0, 1], or None when the amount
of work is unknown. The CLI prints it (``lmstudio_app.console``);
the GUI's controller polls it. A trainer's callback is also where a stop request
takes effect: it raises, and the slow work ends at its next report.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from lmstudio_app.config.messages import Message

Progress = Callable[[Message, "float | None"], None]
T = TypeVar("T")

REPORT_EVERY = 0.1  # seconds between reports while native code works


def no_progress(phase: Message, fraction: float | None) -> None:
    """The callback used when nobody is watching."""


class Abandoned(Exception):
    """Raised in the helper thread of ``reporting_while`` to end work whose caller has left."""


class Beside:
    """What the work in ``reporting_while``'s helper thread sees: how far it got, and whether to give up."""

    def __init__(self):
        self.fraction: float | None = None
        self.abandoned = False

    def report(self, fraction: float | None) -> None:
        """Called by the work (e.g. from an iterator native code pulls from): raises once the caller has left."""
        self.fraction = fraction
        if self.abandoned:
            raise Abandoned


def reporting_while(work: Callable[[Beside], T], phase: Message, progress: Progress) -> T:
    """``work(beside)`` in a helper thread while this thread reports ``phase`` every ``REPORT_EVERY`` seconds.

    For long calls into native code that releases the GIL (tokenizer training, numpy's sorts, building a model):
    run in this thread they would hold off a stop request, and a signal's Python handler, until they return.
    When ``progress`` raises (a stop), the exception goes up at once; the work is abandoned — whatever it
    pulls through ``beside.report`` raises ``Abandoned`` — and its result dropped. The work's own exception is
    raised here as if it had run in this thread."""
    beside = Beside()
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["value"] = work(beside)
        except BaseException as error:  # handed to the caller's thread, which raises it
            outcome["error"] = error

    # daemon: an abandoned helper never holds up an exit
    helper = threading.Thread(target=run, name=phase.english(), daemon=True)
    helper.start()
    try:
        progress(phase, beside.fraction)  # at least once, however soon the work ends
        while helper.is_alive():
            helper.join(REPORT_EVERY)
            progress(phase, beside.fraction)
    except BaseException:
        beside.abandoned = True
        raise
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]
