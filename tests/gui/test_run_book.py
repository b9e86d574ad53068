"""The run book as a person uses it from the Runs view: overlay, rename, delete into the trash, undo, rebuild the
index; none of it opens SQLite or deletes a file on the GUI thread."""

import shutil
import sqlite3
import threading

from PySide6.QtWidgets import QMessageBox, QPushButton

from lmstudio_app.engine.application.runs import Trash, trash_run
from lmstudio_app.engine.application.training import train
from lmstudio_app.run_index import RunIndex
from tests.test_faults import folder_bytes

from .conftest import tiny_gui_config
from .driving import Answer, answering, click, listed, overlaid, pressed, runs_listed, typed


def trained(run_dir, *copies):
    """A short run, and copies of it listed in the index as runs of their own."""
    train(tiny_gui_config("training.steps=3", "training.eval_every=3", "training.checkpoint_every=3"), run_dir)
    index = RunIndex()
    for copy in copies:
        shutil.copytree(run_dir, copy)
        index.import_run(copy)
    index.close()


def without_lock(files: dict[str, bytes]) -> dict[str, bytes]:
    """A run's files but its .lock, which holds the line of whoever took the lock last (the run book, to delete)."""
    return {name: data for name, data in files.items() if name != ".lock"}


def table_runs(window) -> set[str]:
    table = window.runs_view.table
    return {table.item(row, 0).toolTip().split("\n")[-1] for row in range(table.rowCount())}


def test_the_runs_view_opens_no_sqlite_connection_on_the_gui_thread(qtbot, window, tmp_path, monkeypatch):
    first, second = tmp_path / "first", tmp_path / "second"
    trained(first, second)
    on_the_gui_thread = []
    connect = sqlite3.connect

    def recording(*args, **kwargs):
        on_the_gui_thread.append(threading.current_thread() is threading.main_thread())
        return connect(*args, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", recording)
    runs = window.runs_view
    window.show_view("runs")
    click(qtbot, runs.findChild(QPushButton, "refreshRunsButton"))
    runs_listed(qtbot, window)
    overlaid(qtbot, window, [first, second])
    assert len(runs.curves) == 2 and runs.finals.rowCount() >= 1
    runs.metric.setCurrentIndex(runs.metric.findData("train/loss"))  # redrawn from the series already read
    assert runs.overlay.titleLabel.text == "train/loss"
    runs.select([str(first)])
    with qtbot.waitSignal(window.session.noticed, timeout=30_000), answering(qtbot, typed("renamed")):
        click(qtbot, runs.findChild(QPushButton, "renameRunButton"))
    runs.select([str(second)])
    with qtbot.waitSignal(window.session.trashChanged, timeout=30_000), \
            answering(qtbot, pressed(QMessageBox.StandardButton.Yes)):
        click(qtbot, runs.findChild(QPushButton, "deleteRunButton"))
    with qtbot.waitSignal(window.session.trashChanged, timeout=30_000):
        window.undo_delete_action.trigger()
    with qtbot.waitSignal(window.session.noticed, timeout=30_000):
        window.findChild(type(window.undo_delete_action), "rebuildIndexAction").trigger()
    overlaid(qtbot, window, [second])
    monkeypatch.undo()
    assert on_the_gui_thread and not any(on_the_gui_thread), on_the_gui_thread  # opened, each in the run book


def test_a_deleted_run_goes_alone_and_undo_brings_it_back_as_it_was(qtbot, window, tmp_path):
    kept, doomed, other = tmp_path / "kept", tmp_path / "doomed", tmp_path / "other"
    trained(kept, doomed, other)
    listed(qtbot, window)
    others = {run: folder_bytes(run) for run in (kept, other)}
    doomed_files = without_lock(folder_bytes(doomed))
    index = RunIndex()
    row, series = index.get(str(doomed)), index.all_series(str(doomed))
    index.close()
    assert series  # its metric rows, kept with it
    window.runs_view.select([str(doomed)])
    asked = []

    def read_then_yes(dialog) -> None:
        asked.append(dialog.text())
        pressed(QMessageBox.StandardButton.Yes).respond(dialog)

    assert not window.undo_delete_action.isEnabled()
    with qtbot.waitSignal(window.session.trashChanged, timeout=30_000), \
            answering(qtbot, Answer(QMessageBox, read_then_yes, "read the question, then Yes")):
        click(qtbot, window.runs_view.findChild(QPushButton, "deleteRunButton"))
    assert str(doomed) in asked[0] and str(kept) not in asked[0] and str(other) not in asked[0]
    assert not doomed.exists() and RunIndex().get(str(doomed)) is None
    assert table_runs(window) == {str(kept), str(other)}
    assert {run: folder_bytes(run) for run in others} == others  # nothing else touched
    assert window.undo_delete_action.isEnabled()
    with qtbot.waitSignal(window.session.trashChanged, timeout=30_000):
        window.undo_delete_action.trigger()
    assert without_lock(folder_bytes(doomed)) == doomed_files
    index = RunIndex()
    assert index.get(str(doomed)) == row and index.all_series(str(doomed)) == series  # its rows, as they were
    index.close()
    assert table_runs(window) == {str(kept), str(doomed), str(other)}
    assert {run: folder_bytes(run) for run in others} == others
    assert not window.undo_delete_action.isEnabled()


def test_a_run_renamed_in_the_window_keeps_its_name_when_the_index_is_rebuilt(qtbot, window, tmp_path):
    run = tmp_path / "run"
    trained(run)
    listed(qtbot, window)
    window.runs_view.select([str(run)])
    with qtbot.waitSignal(window.session.noticed, timeout=30_000), answering(qtbot, typed("a name of my own")):
        click(qtbot, window.runs_view.findChild(QPushButton, "renameRunButton"))
    with qtbot.waitSignal(window.session.noticed, timeout=60_000) as rebuilt:
        window.findChild(type(window.undo_delete_action), "rebuildIndexAction").trigger()
    assert rebuilt.args == ["the run index was rebuilt: 1 run folder read back"]
    assert RunIndex().get(str(run)).name == "a name of my own"
    assert window.runs_view.table.item(0, 0).text() == "a name of my own"


def test_the_trash_is_emptied_as_the_window_closes_and_a_crashed_windows_at_the_next_start(qtbot, isolated_home,
                                                                                           tmp_path):
    from lmstudio_app.gui.main_window import MainWindow

    run, left_by_a_crash = tmp_path / "run", tmp_path / "left-by-a-crash"
    trained(run, left_by_a_crash)
    crashed = Trash()
    trash_run(left_by_a_crash, crashed)
    crashed.lock.release()  # as the system does when a process dies
    assert any(crashed.folder.rglob("config.toml"))
    window = MainWindow(tiny_gui_config(), restore=False)
    window.show()
    runs_listed(qtbot, window)
    assert not crashed.folder.exists()
    window.runs_view.select([str(run)])
    with qtbot.waitSignal(window.session.trashChanged, timeout=30_000), \
            answering(qtbot, pressed(QMessageBox.StandardButton.Yes)):
        click(qtbot, window.runs_view.findChild(QPushButton, "deleteRunButton"))
    assert len(list((isolated_home / ".trash").rglob("config.toml"))) == 1  # undoable while the window is open
    window.close()
    assert not window.controller.runs_thread.isRunning()
    assert list((isolated_home / ".trash").iterdir()) == [] and not run.exists()
