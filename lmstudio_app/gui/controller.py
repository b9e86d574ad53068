"""The controller: owns the worker thread, turns what a person does into worker requests, and hands
the worker's events to the session model. With worker.py, the only GUI module that touches the engine."""

from __future__ import annotations

import copy
from functools import partial

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from lmstudio_app.config import ExperimentConfig
from lmstudio_app.engine.control import Control
from lmstudio_app.events import Failed, Preparing, SweepFinished
from lmstudio_app.gui.session import RunState, SessionModel
from lmstudio_app.gui.worker import RunBook, Worker
from lmstudio_app.model_requests import Generate, ModelRequest, Probe
from lmstudio_app.run_requests import CloseRunBook, ListRuns, RunBookRequest

WARM_UP_DELAY_MS = 300


class Controller(QObject):
    # Requests to the worker thread (queued connections: the slots run there).
    _train = Signal(object, str, str)
    _preview_objective = Signal(object, int)
    _prepare_tokenizer = Signal(object)
    _open_run = Signal(str)
    _import_model = Signal(str)
    _sweep = Signal(object, str, list)
    _export_run = Signal(str, str, str)
    _use_model = Signal(object)
    _warm_up = Signal()
    _ask_run_book = Signal(object)  # a run_requests request

    def __init__(self, session: SessionModel):
        super().__init__()
        self.session = session
        self.control: Control | None = None
        self.sweeping = False  # a sweep's runs share one Control: kept between them, until SweepFinished
        self.thread = QThread()
        self.thread.setObjectName("lmstudio-worker")
        self.worker = Worker()
        self.worker.moveToThread(self.thread)
        self._train.connect(self.worker.train)
        self._preview_objective.connect(self.worker.preview_objective)
        self._prepare_tokenizer.connect(self.worker.prepare_tokenizer)
        self._open_run.connect(self.worker.open_run)
        self._import_model.connect(self.worker.import_model)
        self._sweep.connect(self.worker.sweep)
        self._export_run.connect(self.worker.export_run)
        self._use_model.connect(self.worker.use_model)
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
        self.control = Control()
        self.worker.control = self.control
        self.session.set_state(RunState.PREPARING)
        self._train.emit(self.experiment(), run_dir, resume_from)
        return True

    def pause(self) -> None:
        if self.control and self.session.state == RunState.RUNNING:
            self.control.pause()

    def resume(self) -> None:
        if self.control and self.session.state == RunState.PAUSED:
            self.control.resume()

    def stop(self) -> None:
        if self.control and self.training:
            self.session.set_state(RunState.STOPPING)
            self.control.stop()

    def save_checkpoint(self) -> None:
        if self.live:
            self.control.request_checkpoint()

    # --------------------------------------------------------------- the model in use

    def ask(self, request: ModelRequest) -> None:
        """A playground or probe request, answered by the live model between its steps, or else by the
        model the worker holds (a saved run, or the last run's final model)."""
        if isinstance(request, Generate):  # a Stop meant for the generation before it
            self.worker.generation_stop.clear()
        if self.live:
            self.control.request_call(partial(self.worker.answer, request=request))
        else:
            self._use_model.emit(request)

    def stop_generation(self) -> None:
        """End the playground's generation after its next token (the worker's loop asks between tokens)."""
        self.worker.generation_stop.set()

    def probe(self, text: str) -> None:
        self.ask(Probe(text))

    def open_run(self, run_dir: str) -> None:
        self._open_run.emit(run_dir)

    def sweep(self, pretrained: str, sizes: list[int]) -> bool:
        """Fine-tune the experiment from ``pretrained`` and from scratch at each training-set size (0 = all)."""
        if self.training or not self.session.valid:
            return False
        self.control = Control()
        self.worker.control = self.control
        self.sweeping = True
        self.session.set_state(RunState.PREPARING)
        self._sweep.emit(self.experiment(), pretrained, list(sizes))
        return True

    def import_model(self, folder: str) -> None:
        """Read a transformers checkpoint folder into a new run and use it; a Notice says what was read."""
        self._import_model.emit(folder)

    # --------------------------------------------------------------- jobs

    def export_run(self, run_dir: str, out: str, format: str) -> None:
        """Export a run's best checkpoint into ``out`` (a new folder) in ``format``; a Notice says where."""
        self._export_run.emit(run_dir, out, format)

    def ask_run_book(self, request: RunBookRequest) -> None:
        """List, read, rename, delete, restore runs or rebuild the index, in the run book's thread."""
        self._ask_run_book.emit(request)

    @Slot(int)
    def _list_runs(self, answers: int) -> None:
        self.ask_run_book(ListRuns(answers))

    def preview_objective(self, seed: int = 0) -> None:
        if self.session.valid:
            self._preview_objective.emit(self.experiment(), seed)

    def prepare_tokenizer(self) -> None:
        if self.session.valid:
            self._prepare_tokenizer.emit(self.experiment())

    # --------------------------------------------------------------- worker reports

    @Slot(object)
    def _on_events(self, events: tuple) -> None:
        self.session.apply(events)
        if self.sweeping and any(isinstance(event, (SweepFinished, Failed)) for event in events):
            self.sweeping = False  # ended, or refused before its first run began
            self.session.set_state(RunState.IDLE)
        elif self.session.state == RunState.PREPARING and any(isinstance(event, Failed) for event in events):
            # A start refused before its run began (a resumed run whose experiment cannot be read): the worker,
            # busy with the start, answered nothing else
            self.session.set_state(RunState.IDLE)
        if self.session.state == RunState.IDLE and not self.sweeping:
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
