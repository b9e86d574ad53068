"""Starting the window, and rendering it to a PNG for the README and for tests."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from lmstudio_app.config import ExperimentConfig
from lmstudio_app.config import error_messages as refusals
from lmstudio_app.errors import LmStudioError
from lmstudio_app.config.lessons import LESSONS_BY_NAME
from lmstudio_app.gui.main_window import MainWindow


def application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("lmstudio")
    app.setOrganizationName("lmstudio")
    return app


def run_gui(config: ExperimentConfig | None = None, model_folder: str | None = None,
            language_code: str | None = None) -> int:
    headless = sys.platform.startswith("linux") and not any(
        os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))
    if headless:
        raise LmStudioError(refusals.NO_DISPLAY)
    app = application()
    window = MainWindow(config, language_code=language_code)
    window.show()
    if model_folder:
        window.import_model_folder(model_folder)
    close_on_signals(window)
    return app.exec()


def close_on_signals(window: MainWindow) -> None:
    """SIGTERM and SIGHUP close the window as Quit does, without asking: training stops and saves first."""
    def close(signum, frame) -> None:
        QTimer.singleShot(0, window.close_without_asking)

    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), close)
    # Python runs signal handlers between bytecodes; while Qt waits for events none run, so wake it now and then.
    wake = QTimer(window)
    wake.timeout.connect(window.keep_python_listening)
    wake.start(250)


def list_runs(window: MainWindow) -> None:
    """List the runs again and wait until they are (the run book lists them in its own thread)."""
    listed = QEventLoop()
    window.session.runsChanged.connect(listed.quit)
    window.session.refresh_runs()
    listed.exec()
    window.session.runsChanged.disconnect(listed.quit)


def screenshot(path: str, config: ExperimentConfig | None = None, train_steps: int = 0, view: str = "loss",
               size: tuple[int, int] = (1280, 800), prompt: str | None = None,
               runs: list[str] | None = None, model_folder: str | None = None, detail: str | None = None,
               sweep: tuple[str, list[int]] | None = None, language_code: str | None = None,
               lesson: str | None = None, run_lesson: bool = False) -> int:
    """Render the window to ``path`` and return: after ``train_steps`` of training, if any, and with
    the trained run answering ``prompt`` in the playground, if given; or with the transformers checkpoint in
    ``model_folder`` imported and its attention shown; or with Help › Lessons open on ``lesson`` (run first, its
    short variant, with ``run_lesson``; then the view that shows its point is in front)."""
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    application()
    window = MainWindow(config, restore=False, language_code=language_code)
    window.resize(*size)
    window.split_evenly()
    window.show()
    failures: list[str] = []
    window.session.errorRaised.connect(failures.append)
    if train_steps:
        window.session.set_field("training", "steps", train_steps)
        if not window.controller.start():
            print("error: the experiment is not valid:\n  " + "\n  ".join(window.session.problems), file=sys.stderr)
            window.close()
            return 2
        waiting = QEventLoop()
        window.session.runFinished.connect(waiting.quit)
        window.session.errorRaised.connect(waiting.quit)
        waiting.exec()
    if model_folder:
        imported = QEventLoop()  # importing opens the attention view, which probes the new model
        window.session.snapshotAdded.connect(imported.quit)
        window.session.errorRaised.connect(imported.quit)
        window.import_model_folder(model_folder)
        imported.exec()
    if sweep:  # (pretrained run, sizes): the Runs view's data-efficiency sweep, to its plot
        swept = QEventLoop()
        window.session.sweepReady.connect(swept.quit)
        window.session.errorRaised.connect(swept.quit)
        list_runs(window)
        window.runs_view.select([sweep[0]])
        window.start_sweep(*sweep)
        swept.exec()
    if lesson:
        window.show_lessons()
        window.lessons_view.choose(lesson)
        if run_lesson:
            judged = QEventLoop()
            window.session.lessonJudged.connect(judged.quit)
            window.session.errorRaised.connect(judged.quit)
            window.run_lesson(lesson, False)
            judged.exec()
            view = LESSONS_BY_NAME[lesson].view
    if prompt is not None and window.session.model is not None and not failures:
        # The run just trained is the model in use; ask it whatever it answers (generation, masks, labels).
        answered = QEventLoop()
        window.session.generationChanged.connect(lambda: window.session.generation.done and answered.quit())
        window.session.answered.connect(answered.quit)
        window.session.errorRaised.connect(answered.quit)
        window.dashboard.setCurrentWidget(window.playground)
        window.playground.ask_default(prompt)
        answered.exec()
    if runs:
        list_runs(window)
        window.runs_view.select(runs)
        asked = set(window.runs_view.asked)
        if asked:  # their curves come from the run book: wait for them
            drawn = QEventLoop()
            window.session.seriesRead.connect(lambda read: set(read.run_dirs) == asked and drawn.quit())
            window.session.errorRaised.connect(drawn.quit)
            drawn.exec()
    # Views that fill themselves when opened: wait for what they asked for (a model's answer, or the preview).
    answers = {"stages": window.session.stagesReady, "positions": window.session.positionsReady,
               "representations": window.session.representationsReady,
               "objective": window.session.previewReady}
    if view in answers and (window.session.model is not None or view == "objective") and not failures:
        opened = QEventLoop()  # the view asks the model when it opens
        answers[view].connect(opened.quit)
        window.session.errorRaised.connect(opened.quit)
        window.show_view(view)
        opened.exec()
    window.show_view(view)
    if detail:
        window.loss_view.detail.setCurrentIndex(window.loss_view.detail.findData(detail))
        window.loss_view.log_scale.setChecked("norm" in detail or "update" in detail)  # they span decades
    settle = QEventLoop()
    QTimer.singleShot(300, settle.quit)  # let layouts and plots draw
    settle.exec()
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    saved = window.grab().save(path)
    window.close()
    if failures:
        print(f"error: {failures[0]}", file=sys.stderr)
        return 1
    return 0 if saved else 1
