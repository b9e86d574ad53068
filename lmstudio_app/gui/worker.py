"""The workers: QObjects living in QThreads that run the engine's application layer.

``Worker`` runs every request (training, jobs between runs, answers from a model) in one slot; ``RunBook`` lists,
reads, renames, deletes and restores runs in a thread of its own (stdlib and SQLite work: it never waits behind a
training run, and the GUI thread never opens the index nor deletes a file).

It is one of the two GUI modules that touch engine objects. It reports through
one signal carrying a tuple of the engine's typed events (``lmstudio_app.events``),
in order. Frequent events (step metrics, generated text) are batched so that at
most ~20 signals a second reach the window however fast training runs; any
other event goes out at once with everything before it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import sqlite3
import time
from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, Signal, Slot

from lmstudio_app.config import error_messages as refusals
from lmstudio_app.config.messages import Message
from lmstudio_app.engine.control import Control
from lmstudio_app.errors import LmStudioError, os_error_sentence
from lmstudio_app.events import (
    Event,
    Failed,
    Notice,
    Preparing,
    RunsListed,
    RunsRestored,
    RunsTrashed,
    StepMetrics,
    TextGenerated,
)
from lmstudio_app.gui.i18n import translatable
from lmstudio_app.model_requests import ModelRequest
from lmstudio_app.requests import TRAINS, Request
from lmstudio_app.run_index import index_path
from lmstudio_app.run_requests import (
    CloseRunBook,
    DeleteRuns,
    ListRuns,
    RebuildIndex,
    RenameRun,
    RestoreRuns,
    RunBookRequest,
    RunSeries,
)

BATCH_INTERVAL = 0.05  # seconds between batches of frequent events (≤ 20 Hz)
FREQUENT = (StepMetrics, TextGenerated)


@contextlib.contextmanager
def frozen_heap():
    """Collect once, then freeze what is left for as long as the run lasts. Qt, pyqtgraph, torch and the model are
    hundreds of thousands of objects that outlive the run, and frozen the collector stops walking them: a full
    collection during training took ~260 ms of the interpreter, a frame the window could not draw and steps the
    training thread could not run. Unfrozen afterwards, so that what the run leaves behind can be collected."""
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


class Worker(QObject):
    """Runs every request (``lmstudio_app.requests``) in its QThread through the application layer's one entry point,
    ``handle``. Signals are emitted only from the worker's own QThread. Progress is not a signal at all: it can
    be reported from threads Qt does not know (the tokenizers library reads its input on a Rust
    thread), and PySide6 corrupts reference counts when such threads emit. The controller polls
    ``latest_progress`` instead."""

    events = Signal(object)  # a tuple of events

    def __init__(self):
        super().__init__()
        self.latest_progress: Preparing | None = None  # set from any thread
        self.model = None  # the ModelHandle requests go to when no run is live: a saved run, or the last run's
        self._pending: list[Event] = []
        self._last_emit = 0.0

    def _report(self, event: Event) -> None:
        self._pending.append(event)
        if not isinstance(event, FREQUENT) or time.monotonic() - self._last_emit >= BATCH_INTERVAL:
            self._flush()

    def _flush(self) -> None:
        if self._pending:
            self.events.emit(tuple(self._pending))
            self._pending = []
            self._last_emit = time.monotonic()

    def _progress(self, phase: Message, fraction: float | None) -> None:
        self.latest_progress = Preparing(phase, fraction)

    def _run(self, work: Callable[[], Iterable[Event]]) -> None:
        """Report every event ``work`` yields, and an error as a ``Failed`` event with its message."""
        try:
            for event in work():
                self._report(event)
        except LmStudioError as error:
            self._report(Failed(error.message, bad_input=True))
        except OSError as error:
            self._report(Failed(os_error_sentence(error), bad_input=True))
        except sqlite3.Error as error:
            self._report(Failed(index_error(error), bad_input=True))
        except Exception as error:  # a bug must not kill the thread silently: show it and stay usable
            self._report(Failed(Message(refusals.UNEXPECTED, {"error": f"{type(error).__name__}: {error}"}),
                                bad_input=False))
        finally:
            self._flush()
            self.latest_progress = None

    @Slot()
    def warm_up(self) -> None:
        """Import the engine (torch) in this thread while the person looks at the window, so the first Start
        does not wait for it."""
        import lmstudio_app.engine.application.requests  # noqa: F401

    @Slot(object, object)
    def run(self, request: Request, control: Control) -> None:
        """Handle ``request``; ``control`` is the one way to stop it. Model requests go to the model in use (a saved
        run, or the last run's final model); opening, importing or training a run replaces it."""
        from lmstudio_app.engine.application.requests import Context, handle

        if isinstance(request, ModelRequest) and self.model is None:
            self._run(lambda: [Failed(Message(refusals.NO_MODEL_IN_USE), bad_input=True)])
            return
        context = Context(control, self._progress, self.model)
        with frozen_heap() if isinstance(request, TRAINS) else contextlib.nullcontext():
            self._run(lambda: handle(request, context))
        self.model = context.model

    def answer(self, model, request: ModelRequest, control: Control) -> None:
        """Answer ``request`` with the live ``model`` in the training thread: the loop calls this between its steps
        (see ``Controller.ask``)."""
        from lmstudio_app.engine.application.requests import Context, handle

        self._run(lambda: handle(request, Context(control, self._progress, model)))


def index_error(error: sqlite3.Error) -> Message:
    return Message(refusals.INDEX_UNREADABLE, {"path": index_path(), "error": error})


class RunBook(QObject):
    """Lists, reads, renames, deletes and restores runs in its own thread (``engine.application.runs``, no torch):
    one slot takes a typed request (``lmstudio_app.run_requests``) and answers through one signal carrying a
    tuple of events; every change is followed by the runs listed again. A change is decided here, after the
    person answered: the run's lock is tested only now, since its writer may have started while the question
    was open. The runs the window deletes wait in its trash until ``CloseRunBook``."""

    events = Signal(object)  # a tuple of events

    def __init__(self):
        super().__init__()
        self.trash = None  # made in this thread at the first request: it empties what crashed windows left

    @Slot(object)
    def ask(self, request: RunBookRequest) -> None:
        from lmstudio_app.engine.application.runs import Trash

        if self.trash is None:
            self.trash = Trash()
        {ListRuns: self._list, RunSeries: self._series, RenameRun: self._rename, DeleteRuns: self._delete,
         RestoreRuns: self._restore, RebuildIndex: self._rebuild, CloseRunBook: self._close}[type(request)](request)

    def _listed(self, *before: Event, answers: int = 0) -> None:
        from lmstudio_app.engine.application.runs import list_runs

        try:
            self.events.emit((*before, dataclasses.replace(list_runs(), answers=answers)))
        except (sqlite3.Error, OSError) as error:
            self.events.emit((*before, Failed(_problem(error), bad_input=True), RunsListed((), None, answers=answers)))

    def _change(self, run_dirs: tuple[str, ...], change: Callable[[str], None], done: str,
                then: Callable[[tuple[str, ...]], Event] | None = None) -> None:
        """``change`` each run; refusals (a writer holds the run) and failures are said together, once. ``done``
        is the template of what was done ("renamed {runs}")."""
        changed, problems = [], []
        for run_dir in run_dirs:
            try:
                change(run_dir)
                changed.append(run_dir)
            except (LmStudioError, OSError, sqlite3.Error) as error:
                problems.append(_problem(error))
        reports = [Notice(Message(done, {"runs": ", ".join(changed)}))] if changed else []
        if changed and then is not None:
            reports.append(then(tuple(changed)))
        if problems:
            reports.append(Failed(Message(refusals.ONE_PER_LINE, {"lines": tuple(problems)}), bad_input=True))
        self._listed(*reports)

    def _list(self, request: ListRuns) -> None:
        self._listed(answers=request.answers)

    def _series(self, request: RunSeries) -> None:
        from lmstudio_app.engine.application.runs import read_series

        try:
            self.events.emit((read_series(request.run_dirs),))
        except (sqlite3.Error, OSError) as error:
            self.events.emit((Failed(_problem(error), bad_input=True),))

    def _rename(self, request: RenameRun) -> None:
        from lmstudio_app.engine.application.runs import rename_run

        self._change((request.run_dir,), lambda run: rename_run(run, request.name), translatable("renamed {runs}"))

    def _delete(self, request: DeleteRuns) -> None:
        from lmstudio_app.engine.application.runs import trash_run

        self._change(request.run_dirs, lambda run: trash_run(run, self.trash),
                     translatable("deleted {runs} (Runs › Undo delete brings them back until this window closes)"),
                     RunsTrashed)

    def _restore(self, request: RestoreRuns) -> None:
        from lmstudio_app.engine.application.runs import restore_run

        self._change(request.run_dirs, lambda run: restore_run(run, self.trash), translatable("restored {runs}"),
                     RunsRestored)

    def _rebuild(self, request: RebuildIndex) -> None:
        from lmstudio_app.engine.application.runs import rebuild_index

        try:
            read = rebuild_index()
        except (LmStudioError, OSError, sqlite3.Error) as error:
            self._listed(Failed(_problem(error), bad_input=True))
        else:
            rebuilt = (translatable("the run index was rebuilt: 1 run folder read back") if read == 1 else
                       translatable("the run index was rebuilt: {count} run folders read back"))
            self._listed(Notice(Message(rebuilt, {"count": read})))

    def _close(self, request: CloseRunBook) -> None:
        self.trash.empty()
        self.thread().quit()


def _problem(error: LmStudioError | OSError | sqlite3.Error) -> Message:
    if isinstance(error, sqlite3.Error):
        return index_error(error)
    if isinstance(error, OSError):
        return os_error_sentence(error)
    return error.message
