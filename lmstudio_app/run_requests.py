"""What the window asks of the run book (``gui.worker.RunBook``): one typed request each, answered by events.

Stdlib only: the views build these without the engine, the run book's one slot reads them in its thread.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ListRuns:
    """Every run in the index, answered by RunsListed."""

    answers: int = 0  # the window's listing request number, carried back in RunsListed.answers


@dataclass(frozen=True)
class RunSeries:
    """The metric series of the runs to overlay, answered by RunSeriesRead."""

    run_dirs: tuple[str, ...]


@dataclass(frozen=True)
class RenameRun:
    """A new name, written to the run's config.toml and the index; then the runs are listed again."""

    run_dir: str
    name: str


@dataclass(frozen=True)
class DeleteRuns:
    """Move runs into the window's trash (RunsTrashed); each unless another process writes it, tested only now,
    after the person answered."""

    run_dirs: tuple[str, ...]


@dataclass(frozen=True)
class RestoreRuns:
    """Put runs deleted in this window back (RunsRestored)."""

    run_dirs: tuple[str, ...]


@dataclass(frozen=True)
class RebuildIndex:
    """Read every run folder back into the index (as ``lmstudio runs --rebuild-index``); then list the runs."""


@dataclass(frozen=True)
class CloseRunBook:
    """The window closes: the runs deleted in it go for good (its trash is emptied) and the run book's thread
    ends."""


RunBookRequest = ListRuns | RunSeries | RenameRun | DeleteRuns | RestoreRuns | RebuildIndex | CloseRunBook
