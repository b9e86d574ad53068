"""The window under faults: a damaged index, resuming from a chosen checkpoint, a termination signal."""

import os
import signal
import sqlite3
from contextlib import ExitStack

from PySide6.QtWidgets import QMessageBox, QPushButton

from lmstudio_app.engine import checkpoint as ckpt
from lmstudio_app.engine.application.training import train
from lmstudio_app.gui.session import RunState
from lmstudio_app.run_index import RunIndex, index_path

from tests.test_faults import folder_bytes, lock_held_elsewhere

from .conftest import tiny_gui_config
from .driving import Answer, answering, chosen, click, listed, pressed, runs_listed, typed


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


def test_the_window_deletes_no_run_whose_writer_started_while_the_question_was_open(qtbot, window, tmp_path):
    """The index says "completed"; a resume takes the run while Delete's question is open: the answer Yes is
    refused with the writer's pid, and the folder (its .lock too) stays byte for byte; renaming is refused too."""
    run = tmp_path / "run"
    train(tiny_gui_config("training.steps=3", "training.eval_every=0", "training.checkpoint_every=3"), run)
    listed(qtbot, window)
    window.runs_view.select([str(run)])
    assert window.runs_view.selected()[0].live_status == "completed"
    with ExitStack() as writers:
        writer, before = [], {}

        def a_writer_starts_then_yes(dialog) -> None:
            writer.append(writers.enter_context(lock_held_elsewhere(run)))
            before.update(folder_bytes(run))  # the writer's .lock line is in it now
            pressed(QMessageBox.StandardButton.Yes).respond(dialog)

        with qtbot.waitSignal(window.session.errorRaised, timeout=60_000) as refused:
            with answering(qtbot, Answer(QMessageBox, a_writer_starts_then_yes, "a writer starts, then Yes")):
                click(qtbot, window.runs_view.findChild(QPushButton, "deleteRunButton"))
        assert f"is being written by another process: pid {writer[0].pid} on " in refused.args[0]
        assert "cannot be deleted" in refused.args[0]
        assert folder_bytes(run) == before
        runs_listed(qtbot, window)
        assert str(run) in {r.run_dir for r in window.session.runs}
        window.runs_view.select([str(run)])
        with qtbot.waitSignal(window.session.errorRaised, timeout=60_000) as refused:
            with answering(qtbot, typed("renamed meanwhile")):
                click(qtbot, window.runs_view.findChild(QPushButton, "renameRunButton"))
        assert f"pid {writer[0].pid} on " in refused.args[0] and folder_bytes(run) == before
    runs_listed(qtbot, window)
    window.runs_view.select([str(run)])
    with qtbot.waitSignal(window.session.noticed, timeout=60_000):
        with answering(qtbot, pressed(QMessageBox.StandardButton.Yes)):
            click(qtbot, window.runs_view.findChild(QPushButton, "deleteRunButton"))
    runs_listed(qtbot, window)
    assert not run.exists() and str(run) not in {r.run_dir for r in window.session.runs}


def test_the_window_lists_runs_over_an_index_row_no_run_wrote(qtbot, isolated_home, tmp_path):
    from lmstudio_app.gui.main_window import MainWindow

    train(tiny_gui_config("training.steps=3", "training.eval_every=3"), tmp_path / "kept")
    with sqlite3.connect(index_path()) as other_program:
        other_program.execute("UPDATE runs SET created = 'abc', best_validation_loss = 'zz', pid = 100000000000")
    window = MainWindow(tiny_gui_config(), restore=False)
    qtbot.addWidget(window)
    window.show()
    runs_listed(qtbot, window)
    assert window.runs_view.table.rowCount() == 1 and window.runs_view.table.item(0, 3).text() == "completed"
    assert "was damaged" in window.statusBar().currentMessage() and window.error_dialog is None


def test_an_index_locked_by_another_process_opens_the_window_at_once_read_only(qtbot, isolated_home, tmp_path):
    from lmstudio_app.gui.main_window import MainWindow

    train(tiny_gui_config("training.steps=3", "training.eval_every=0"), tmp_path / "kept")
    blocker = sqlite3.connect(index_path(), isolation_level=None)
    blocker.execute("PRAGMA locking_mode=EXCLUSIVE")  # no reader gets in, even in WAL mode
    blocker.execute("BEGIN EXCLUSIVE")
    blocker.execute("UPDATE runs SET updated = updated")
    try:
        window = MainWindow(tiny_gui_config(), restore=False)
        qtbot.addWidget(window)
        window.show()
        assert window.session.runs == []  # the window is up before any listing
        runs_listed(qtbot, window)
        assert [r.run_dir for r in window.session.runs] == [str(tmp_path / "kept")] and window.session.runs_read_only
        assert "is locked by another process" in window.statusBar().currentMessage() and window.error_dialog is None
        assert not window.runs_view.findChild(QPushButton, "deleteRunButton").isEnabled()
        assert not window.runs_view.findChild(QPushButton, "renameRunButton").isEnabled()
        window.runs_view.select([str(tmp_path / "kept")])  # no curves to read while locked, and no error
        assert window.runs_view.selected() and window.error_dialog is None
    finally:
        blocker.close()
    listed(qtbot, window)
    assert not window.session.runs_read_only and window.runs_view.findChild(QPushButton, "deleteRunButton").isEnabled()


def test_five_hundred_runs_are_listed_off_the_gui_thread(qtbot, isolated_home):
    """The run book lists them in its thread and hands the session one RunsListed event: the window is up and
    answering before the list arrives."""
    from lmstudio_app.gui.main_window import MainWindow
    from lmstudio_app.run_index import RunIndex

    index = RunIndex()
    config = tiny_gui_config().name
    with index.connection:
        index.connection.executemany(
            "INSERT INTO runs (run_dir, name, family, objective, task, status, created, updated, step, total_steps, "
            "parameters, config) VALUES (?, ?, 'decoder', 'clm', '', 'completed', ?, ?, 10, 10, 1000, '')",
            [(f"/nowhere/run-{n:03d}", f"{config}-{n}", 1.7e9 + n, 1.7e9 + n) for n in range(500)])
    index.close()
    window = MainWindow(tiny_gui_config(), restore=False)
    qtbot.addWidget(window)
    window.show()
    assert window.session.runs == [] and window.runs_view.table.rowCount() == 0  # not listed in this thread
    with qtbot.waitSignal(window.session.runsChanged, timeout=60_000):
        pass
    assert len(window.session.runs) == 500 and window.runs_view.table.rowCount() == 500
    assert window.session.runs[0].run_dir == "/nowhere/run-499"  # newest first
