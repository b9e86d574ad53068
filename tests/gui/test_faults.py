"""The window under faults: a damaged index, resuming from a chosen checkpoint, a termination signal."""

import os
import signal

from PySide6.QtWidgets import QPushButton

from lmstudio_app.engine import checkpoint as ckpt
from lmstudio_app.engine.application.training import train
from lmstudio_app.gui.session import RunState
from lmstudio_app.run_index import RunIndex, index_path

from .conftest import tiny_gui_config
from .driving import answering, chosen, click, listed, runs_listed


def test_the_window_opens_with_a_damaged_index_and_lists_the_rebuilt_runs(qtbot, isolated_home, tmp_path):
    from lmstudio_app.gui.main_window import MainWindow

    train(tiny_gui_config("training.steps=3", "training.eval_every=0"), tmp_path / "kept")
    index_path().write_bytes(b"\x00garbage" * 500)
    window = MainWindow(tiny_gui_config(), restore=False)
    qtbot.addWidget(window)
    window.show()
    runs_listed(qtbot, window)
    assert [r.run_dir for r in window.session.runs] == [str(tmp_path / "kept")]
    assert window.runs_view.table.rowCount() == 1 and window.runs_view.table.item(0, 3).text() == "completed"
    assert "was damaged" in window.statusBar().currentMessage()
    assert window.error_dialog is None  # repaired, not an error


def test_an_unusable_index_leaves_the_window_working(qtbot, isolated_home):
    from lmstudio_app.gui.main_window import MainWindow

    index_path().parent.mkdir(parents=True, exist_ok=True)
    index_path().mkdir()  # a folder where the index file should be: cannot be opened, not damaged
    window = MainWindow(tiny_gui_config(), restore=False)
    qtbot.addWidget(window)
    window.show()
    runs_listed(qtbot, window)
    assert window.session.runs == [] and window.error_dialog is not None
    assert "the run index" in window.error_dialog.text() and "cannot be read" in window.error_dialog.text()
    assert window.start_action.isEnabled()


def test_resume_from_a_chosen_checkpoint_in_the_window(qtbot, window, tmp_path):
    train(tiny_gui_config("training.steps=8", "training.checkpoint_every=4", "training.eval_every=0",
                          "training.keep_checkpoints=3"), tmp_path / "run")
    listed(qtbot, window)
    window.runs_view.select([str(tmp_path / "run")])
    notices = []
    window.session.noticed.connect(notices.append)
    with qtbot.waitSignal(window.session.runFinished, timeout=120_000) as finished:
        with answering(qtbot, chosen("step 4")):
            click(qtbot, window.runs_view.findChild(QPushButton, "resumeRunButton"))
    assert finished.args[0].reason == "completed" and finished.args[0].step == 8
    # the run's history up to step 4, then the steps it trained again after it (once each: 8 no longer counts)
    assert window.session.train.get("step").tolist() == [1, 2, 3, 4, 5, 6, 7, 8]
    assert (tmp_path / "run" / "quarantine" / "step-0000008-after-resuming-from-4").is_dir()
    assert notices == [f"step-0000008 came after the chosen step 4; moved it to "
                       f"{tmp_path / 'run' / 'quarantine' / 'step-0000008-after-resuming-from-4'}"]
    assert window.session.state == RunState.IDLE


def test_sigterm_closes_the_window_after_saving(qtbot, window):
    from lmstudio_app.gui.app import close_on_signals

    previous = {name: signal.getsignal(getattr(signal, name)) for name in ("SIGTERM", "SIGHUP")}
    try:
        close_on_signals(window)
        with qtbot.waitSignal(window.session.runStarted, timeout=120_000):
            window.start_training()
        qtbot.waitUntil(lambda: window.session.train.rows >= 3, timeout=60_000)
        run_dir = window.session.run_dir
        os.kill(os.getpid(), signal.SIGTERM)
        qtbot.waitUntil(lambda: not window.isVisible(), timeout=60_000)
    finally:
        for name, handler in previous.items():
            signal.signal(getattr(signal, name), handler)
    assert not window.controller.thread.isRunning()
    saved = ckpt.find_checkpoint(run_dir)
    assert ckpt.step_of(saved) >= 3
    assert RunIndex().get(run_dir).status == "stopped"
