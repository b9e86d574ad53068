"""The controller: owns the worker thread, turns user intents into worker requests and worker
signals into session updates. With worker.py, the only GUI module that touches engine objects."""

from __future__ import annotations

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from lmstudio_app.engine.train.loop import Control
from lmstudio_app.gui.session import RunState, SessionModel
from lmstudio_app.gui.worker import Worker


class Controller(QObject):
    # Requests to the worker thread (queued connections: the slots run there).
    _train = Signal(object, str, bool)
    _inspect = Signal(object, int)
    _prepare_tokenizer = Signal(object)
    _load_run = Signal(str)
    _use_model = Signal(dict)

    # What the window shows besides the session model.
    resultReady = Signal(str, object)
    busyChanged = Signal(bool)
    checkpointSaved = Signal(dict)

    def __init__(self, session: SessionModel):
        super().__init__()
        self.session = session
        self.control: Control | None = None
        self.thread = QThread()
        self.thread.setObjectName("lmstudio-worker")
        self.worker = Worker()
        self.worker.moveToThread(self.thread)
        self._train.connect(self.worker.train)
        self._inspect.connect(self.worker.inspect)
        self._prepare_tokenizer.connect(self.worker.prepare_tokenizer)
        self._load_run.connect(self.worker.load_run)
        self._use_model.connect(self.worker.use_model)
        # Every worker signal goes to a @Slot method of this QObject: never a lambda (it has no thread,
        # so Qt would call it in the worker thread), never another object's plain method or signal
        # (PySide6 has crashed on undecorated cross-thread receivers).
        w = self.worker
        w.started.connect(self._on_started)
        w.steps.connect(self._on_steps)
        w.evaluated.connect(self._on_evaluated)
        w.snapshot.connect(self._on_snapshot)
        w.checkpointSaved.connect(self._on_checkpoint)
        w.paused.connect(self._on_paused)
        w.resumed.connect(self._on_resumed)
        w.finished.connect(self._on_finished)
        w.failed.connect(self._on_failed)
        w.result.connect(self._on_result)
        w.busy.connect(self._on_busy)
        self.progress_poll = QTimer(self)
        self.progress_poll.setInterval(100)
        self.progress_poll.timeout.connect(self._poll_progress)
        self.progress_poll.start()
        self._shown_progress: tuple[str, float] | None = None
        self.thread.start()

    # --------------------------------------------------------------- training

    @property
    def training(self) -> bool:
        return self.session.state != RunState.IDLE

    def start(self, run_dir: str = "", resume: bool = False) -> bool:
        if self.training or (not resume and not self.session.valid):
            return False
        self.control = Control()
        self.worker.control = self.control
        self.session.set_state(RunState.PREPARING)
        self._train.emit(self.session.config, run_dir, resume)
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
        if self.control and self.session.state in (RunState.RUNNING, RunState.PAUSED):
            self.control.request_checkpoint()

    def probe(self, text: str) -> None:
        """Attention on new text: from the live model when training, else from the loaded run."""
        if self.control and self.session.state in (RunState.RUNNING, RunState.PAUSED):
            self.control.request_probe(text)
        else:
            self._use_model.emit({"kind": "probed", "text": text})

    def use_model(self, request: dict) -> None:
        """A playground request, answered by the live model between steps or by the loaded run."""
        if self.control and self.session.state in (RunState.RUNNING, RunState.PAUSED):
            self.control.request_call(self.worker.live_request(request))
        else:
            self._use_model.emit(request)

    # --------------------------------------------------------------- jobs

    def inspect(self, seed: int = 0) -> None:
        if self.session.valid:
            self._inspect.emit(self.session.config, seed)

    def prepare_tokenizer(self) -> None:
        if self.session.valid:
            self._prepare_tokenizer.emit(self.session.config)

    def load_run(self, run_dir: str) -> None:
        self._load_run.emit(run_dir)

    # --------------------------------------------------------------- worker reports

    @Slot()
    def _poll_progress(self) -> None:
        latest = self.worker.latest_progress
        if latest != self._shown_progress:
            self._shown_progress = latest
            phase, fraction = latest or ("", 1.0)
            self.session.progressChanged.emit(phase, fraction)

    @Slot(list)
    def _on_steps(self, rows: list) -> None:
        self.session.add_training_rows(rows)

    @Slot(dict)
    def _on_evaluated(self, row: dict) -> None:
        self.session.add_evaluation(row)

    @Slot(object)
    def _on_snapshot(self, snapshot) -> None:
        self.session.add_snapshot(snapshot)

    @Slot(dict)
    def _on_checkpoint(self, info: dict) -> None:
        self.checkpointSaved.emit(info)

    @Slot(str, object)
    def _on_result(self, kind: str, payload) -> None:
        self.resultReady.emit(kind, payload)

    @Slot(bool)
    def _on_busy(self, busy: bool) -> None:
        self.busyChanged.emit(busy)

    @Slot(dict)
    def _on_started(self, info: dict) -> None:
        self.session.begin_run(info)
        self.session.status = {"step": info["start_step"], "total": info["total_steps"], "device": info["device"]}
        self.session.statusChanged.emit(self.session.status)
        self.session.set_state(RunState.PAUSED if self.control and self.control.paused else RunState.RUNNING)

    @Slot(int)
    def _on_paused(self, step: int) -> None:
        self.session.set_state(RunState.PAUSED)

    @Slot(int)
    def _on_resumed(self, step: int) -> None:
        self.session.set_state(RunState.RUNNING)

    @Slot(dict)
    def _on_finished(self, info: dict) -> None:
        self.session.set_state(RunState.IDLE)
        self.session.runFinished.emit(info)
        self.control = None

    @Slot(str, bool)
    def _on_failed(self, message: str, bad_input: bool) -> None:
        if self.training:
            self.session.set_state(RunState.IDLE)
            self.control = None
        self.session.errorRaised.emit(message)

    # --------------------------------------------------------------- shutdown

    def shutdown(self, timeout_ms: int = 60_000) -> bool:
        """Stop any run (it saves a checkpoint), then end the thread. True when it ended in time."""
        self.progress_poll.stop()
        if self.control:
            self.control.stop()
        self.thread.quit()
        return self.thread.wait(timeout_ms)
