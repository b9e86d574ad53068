"""The controller: owns the worker thread, turns what a person does into requests (``lmstudio_app.requests``) for
the worker's one slot, and hands the worker's events and its own requests to the session model, which alone
decides the run state from them. With worker.py, the only GUI module that touches the engine."""

from __future__ import annotations

import copy
from functools import partial

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from lmstudio_app.config import ExperimentConfig
from lmstudio_app.engine.control import Control
from lmstudio_app.events import Preparing
from lmstudio_app.gui.session import RunState, SessionModel, StopAsked
from lmstudio_app.gui.worker import RunBook, Worker
from lmstudio_app.model_requests import Generate, ModelRequest, Probe
from lmstudio_app.requests import (
    CompareVariants,
    Evaluate,
    Export,
    Import,
    OpenRun,
    PrepareTokenizer,
    PreviewObjective,
    Request,
    Resume,
    RunLesson,
    Sweep,
    Train,
    Variant,
)
from lmstudio_app.run_requests import CloseRunBook, ListRuns, RunBookRequest

WARM_UP_DELAY_MS = 300
# What the window trains leaves one core free for the window (with training.threads = 0): every run and sweep alike.
LEAVE_A_CORE = True


class Controller(QObject):
    # Requests to the worker thread (queued connections: the slots run there, one after another).
    _request = Signal(object, object)  # a request, and the Control that stops it
    _warm_up = Signal()
    _ask_run_book = Signal(object)  # a run_requests request

    def __init__(self, session: SessionModel):
        super().__init__()
        self.session = session
        self.control: Control | None = None  # a sweep's runs share one: kept between them, until the sweep ends
        self.generation = Control()  # stops the playground's latest generation
        self.thread = QThread()
        self.thread.setObjectName("lmstudio-worker")
        self.worker = Worker()
        self.worker.moveToThread(self.thread)
        self._request.connect(self.worker.run)
        self._warm_up.connect(self.worker.warm_up)
        # The worker's one signal goes to a @Slot method of this QObject: never a lambda (it has no thread,
        # so Qt would call it in the worker thread), never another object's plain method or signal
        # (PySide6 has crashed on undecorated cross-thread receivers).
        self.worker.events.connect(self._on_events)
        # Runs are listed, renamed and deleted in a thread of their own: never behind a training run, never in
        # the GUI thread (500 runs, or an index another process holds locked, once froze the window).
        self.runs_thread = QThread()
        self.runs_thread.setObjectName("lmstudio-runs")
        self.run_book = RunBook()
        self.run_book.moveToThread(self.runs_thread)
        self._ask_run_book.connect(self.run_book.ask)
        session.runsWanted.connect(self._list_runs)
        self.run_book.events.connect(self._on_events)
        self.runs_thread.start()
        self.progress_poll = QTimer(self)
        self.progress_poll.setInterval(100)
        self.progress_poll.timeout.connect(self._poll_progress)
        self.progress_poll.start()
        self._shown_progress: Preparing | None = None
        self.thread.start()
        # The window shows before torch is imported; the worker imports the engine once it has painted.
        QTimer.singleShot(WARM_UP_DELAY_MS, self._warm_up)

    def experiment(self) -> ExperimentConfig:
        """The experiment as it is now, for the worker: a copy, since the person goes on editing the session's
        while the worker reads (a max seq len typed during a preview once made the preview fail half-way)."""
        return copy.deepcopy(self.session.config)

    def submit(self, request: Request, control: Control | None = None) -> None:
        """Hand ``request`` to the worker, which runs requests one after another; ``control`` stops it."""
        self._request.emit(request, control or Control())

    # --------------------------------------------------------------- training

    @property
    def training(self) -> bool:
        return self.session.state != RunState.IDLE

    @property
    def live(self) -> bool:
        """A run's model is in memory and answers between its steps."""
        return self.control is not None and self.session.state in (RunState.RUNNING, RunState.PAUSED)

    def start(self, run_dir: str = "", resume_from: str = "") -> bool:
        """Train the experiment (into ``run_dir`` if given), or resume the run in ``run_dir`` from a checkpoint
        ("latest", "best" or a step)."""
        if self.training or (not resume_from and not self.session.valid):
            return False
        self._run(Resume(run_dir, resume_from, leave_a_core=LEAVE_A_CORE) if resume_from else
                  Train(self.experiment(), run_dir, leave_a_core=LEAVE_A_CORE))
        return True

    def run_lesson(self, name: str, long: bool) -> bool:
        """Run a lesson: its runs, then its verdict."""
        if self.training:
            return False
        self._run(RunLesson(name, long, leave_a_core=LEAVE_A_CORE))
        return True

    def _run(self, request: Train | Resume | Sweep | CompareVariants | RunLesson) -> None:
        """Send a request that trains, with the Control that pauses and stops it; the session hears of it first."""
        self.control = Control()
        self.session.apply([request])
        self.submit(request, self.control)

    def pause(self) -> None:
        if self.control and self.session.state == RunState.RUNNING:
            self.control.pause()

    def resume(self) -> None:
        if self.control and self.session.state == RunState.PAUSED:
            self.control.resume()

    def stop(self) -> None:
        if self.control and self.training:
            self.session.apply([StopAsked()])
            self.control.stop()

    def save_checkpoint(self) -> None:
        if self.live:
            self.control.request_checkpoint()

    # --------------------------------------------------------------- the model in use

    def ask(self, request: ModelRequest) -> None:
        """A playground or probe request, answered by the live model between its steps, or else by the
        model the worker holds (a saved run, or the last run's final model)."""
        control = Control()
        if isinstance(request, Generate):  # Stop generation stops this one, not the generation before it
            self.generation = control
        if self.live:
            self.control.request_call(partial(self.worker.answer, request=request, control=control))
        else:
            self.submit(request, control)

    def stop_generation(self) -> None:
        """End the playground's generation after its next token (the worker's loop asks between tokens)."""
        self.generation.stop()

    def probe(self, text: str) -> None:
        self.ask(Probe(text))

    def open_run(self, run_dir: str) -> None:
        self.submit(OpenRun(run_dir))

    def sweep(self, pretrained: str, sizes: list[int]) -> bool:
        """Fine-tune the experiment from ``pretrained`` and from scratch at each training-set size (0 = all)."""
        if self.training or not self.session.valid:
            return False
        self._run(Sweep(self.experiment(), pretrained, tuple(sizes), leave_a_core=LEAVE_A_CORE))
        return True

    def compare_variants(self, variants: list[Variant]) -> bool:
        """Train the experiment once per variant (a label and dotted overrides), one run after another."""
        if self.training or not self.session.valid:
            return False
        self._run(CompareVariants(self.experiment(), tuple(variants), leave_a_core=LEAVE_A_CORE))
        return True

    def import_model(self, folder: str) -> None:
        """Read a transformers checkpoint folder into a new run and use it; a Notice says what was read."""
        self.submit(Import(folder, use=True))

    # --------------------------------------------------------------- jobs

    def export_run(self, run_dir: str, out: str, format: str) -> None:
        """Export a run's best checkpoint into ``out`` (a new folder) in ``format``; a Notice says where."""
        self.submit(Export(run_dir, out, format))

    def evaluate_run(self, run_dir: str, data_file: str) -> None:
        """Evaluate a run's best checkpoint on its validation split ("") or a task file, as `lmstudio eval` does."""
        self.submit(Evaluate(run_dir, data_file))

    def ask_run_book(self, request: RunBookRequest) -> None:
        """List, read, rename, delete, restore runs or rebuild the index, in the run book's thread."""
        self._ask_run_book.emit(request)

    @Slot(int)
    def _list_runs(self, answers: int) -> None:
        self.ask_run_book(ListRuns(answers))

    def preview_objective(self, seed: int = 0) -> None:
        if self.session.valid:
            self.submit(PreviewObjective(self.experiment(), seed))

    def prepare_tokenizer(self) -> None:
        if self.session.valid:
            self.submit(PrepareTokenizer(self.experiment()))

    # --------------------------------------------------------------- worker reports

    @Slot(object)
    def _on_events(self, events: tuple) -> None:
        self.session.apply(events)
        if self.session.state == RunState.IDLE and not self.session.sweeping:
            self.control = None

    @Slot()
    def _poll_progress(self) -> None:
        latest = self.worker.latest_progress
        if latest != self._shown_progress:
            self._shown_progress = latest
            self.session.apply([latest or Preparing("", 1.0)])

    # --------------------------------------------------------------- shutdown

    def shutdown(self, timeout_ms: int = 60_000) -> bool:
        """Stop any run (it saves a checkpoint), then end the thread. True when it ended in time."""
        self.progress_poll.stop()
        if self.control:
            self.control.stop()
        self.thread.quit()
        self.ask_run_book(CloseRunBook())  # the runs deleted in the window go for good; the thread then ends
        return self.thread.wait(timeout_ms) and self.runs_thread.wait(timeout_ms)
