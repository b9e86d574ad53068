"""Progress reporting for slow work (tokenizer training, tokenization, saving).

A progress callback takes a phase description and a fraction in [0, 1], or
None when the amount of work is unknown. The CLI prints it (``lmstudio_app.console``);
the GUI's controller polls it.
"""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[str, "float | None"], None]


def no_progress(phase: str, fraction: float | None) -> None:
    """The callback used when nobody is watching."""
