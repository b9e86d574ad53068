"""Driving the window as a person does: actions are triggered, buttons clicked with the mouse, and the dialogs
they open are answered by finding the open QInputDialog, QFileDialog or QMessageBox and filling it in.

    with answering(qtbot, typed("renamed")):
        click(qtbot, window.findChild(QPushButton, "renameRunButton"))

Dialogs are Qt's own, not the platform's (``AA_DontUseNativeDialogs``, set in conftest.py), so a test can read
and fill them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QMenu,
    QMessageBox,
    QScrollArea,
    QStackedWidget,
    QTabWidget,
    QToolBox,
    QWidget,
)


@dataclass(frozen=True)
class Answer:
    """What a person does with the next dialog of a kind."""

    kind: type[QDialog]
    respond: Callable[[QDialog], None]
    description: str


def _press_ok(dialog: QDialog) -> None:
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    assert ok is not None and ok.isEnabled(), f"{dialog.windowTitle()}: no enabled OK button"
    QTest.mouseClick(ok, Qt.MouseButton.LeftButton)


def _type_into(line: QLineEdit, text: str) -> None:
    line.setFocus()
    line.selectAll()
    QTest.keyClick(line, Qt.Key.Key_Backspace)
    QTest.keyClicks(line, text)


def typed(text: str) -> Answer:
    """Type ``text`` into a text dialog (over what it proposes) and press OK."""
    def respond(dialog: QDialog) -> None:
        _type_into(dialog.findChild(QLineEdit), text)
        _press_ok(dialog)
    return Answer(QInputDialog, respond, f"type {text!r}")


def chosen(starting: str) -> Answer:
    """Pick the item that starts with ``starting`` in a choice dialog and press OK."""
    def respond(dialog: QDialog) -> None:
        combo = dialog.findChild(QComboBox)
        items = [combo.itemText(i) for i in range(combo.count())]
        matches = [i for i, text in enumerate(items) if text.startswith(starting)]
        assert matches, f"{dialog.windowTitle()}: no item starts with {starting!r} among {items}"
        combo.setCurrentIndex(matches[0])
        _press_ok(dialog)
    return Answer(QInputDialog, respond, f"choose {starting!r}")


def path_entered(path) -> Answer:
    """Paste a path into a file or folder chooser's name field and press Enter. (Typed key by key into a chooser
    that has just opened, the first "/" would race its folder view, which writes its own selection there.)"""
    def respond(dialog: QDialog) -> None:
        line = dialog.findChild(QLineEdit, "fileNameEdit")
        line.setFocus()
        line.setText(str(path))
        QTest.keyClick(line, Qt.Key.Key_Return)
    return Answer(QFileDialog, respond, f"enter the path {path}")


def pressed(button: QMessageBox.StandardButton) -> Answer:
    """Click a message box's button (Yes, No, …)."""
    def respond(dialog: QDialog) -> None:
        target = dialog.button(button)
        assert target is not None, f"the message box {dialog.text()!r} has no {button.name} button"
        QTest.mouseClick(target, Qt.MouseButton.LeftButton)
    return Answer(QMessageBox, respond, f"press {button.name}")


def open_dialog() -> QDialog | None:
    """The modal dialog a person is looking at now, if any."""
    dialog = QApplication.activeModalWidget()
    return dialog if isinstance(dialog, QDialog) and dialog.isVisible() else None


def describe(dialog: QDialog) -> str:
    text = dialog.text() if isinstance(dialog, QMessageBox) else getattr(dialog, "labelText", lambda: "")()
    return f"{type(dialog).__name__} {dialog.windowTitle()!r}: {text!r}"


@contextmanager
def answering(qtbot, *answers: Answer, timeout_ms: int = 10_000) -> Iterator[None]:
    """Answer, in order, the dialogs the block opens (also those that open while it runs a dialog's own event
    loop); fails if one of them never opens, or if a dialog nobody expected opens (it is closed, so that the test
    goes on instead of waiting for a person)."""
    pending = list(answers)
    unexpected: list[str] = []

    def answer_open_dialog() -> None:
        dialog = open_dialog()
        if dialog is None:
            return
        if pending and isinstance(dialog, pending[0].kind):
            pending.pop(0).respond(dialog)
        else:
            unexpected.append(describe(dialog))
            dialog.reject()

    timer = QTimer()
    timer.timeout.connect(answer_open_dialog)
    timer.start(20)
    try:
        yield
        qtbot.waitUntil(lambda: not pending or bool(unexpected), timeout=timeout_ms)
    except qtbot.TimeoutError:
        pass
    finally:
        timer.stop()
    assert not unexpected, "a dialog nobody expected opened: " + "; ".join(unexpected)
    assert not pending, "dialogs that never opened: " + "; ".join(a.description for a in pending)


def reveal(widget: QWidget) -> None:
    """Bring the tabs, tool box pages and scroll positions that hold ``widget`` to the front, as a person would
    before clicking it."""
    parent = widget.parentWidget()
    while parent is not None:
        # A tab widget's own stack is turned by the tab widget, never directly (tabs and pages would disagree).
        pages = isinstance(parent, (QTabWidget, QToolBox)) or (
            isinstance(parent, QStackedWidget) and not isinstance(parent.parentWidget(), QTabWidget))
        if pages:
            for index in range(parent.count()):
                page = parent.widget(index)
                if page is widget or page.isAncestorOf(widget):
                    parent.setCurrentIndex(index)
        parent = parent.parentWidget()
    for area in _ancestors(widget, QScrollArea):
        area.ensureWidgetVisible(widget)


def _ancestors(widget: QWidget, kind: type) -> list:
    found, parent = [], widget.parentWidget()
    while parent is not None:
        if isinstance(parent, kind):
            found.append(parent)
        parent = parent.parentWidget()
    return found


def click(qtbot, button: QAbstractButton) -> None:
    """Show the button as a person finds it, then click it with the mouse."""
    reveal(button)
    assert button.isVisible(), f"{button.objectName()} cannot be seen, so it cannot be clicked"
    assert button.isEnabled(), f"{button.objectName()} is disabled"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def type_into_field(qtbot, field: QWidget, text: str) -> None:
    """Click into a form's field, type over what it holds and press Enter."""
    reveal(field)
    line = field.lineEdit() if hasattr(field, "lineEdit") else field
    qtbot.mouseClick(line, Qt.MouseButton.LeftButton)
    line.selectAll()
    qtbot.keyClicks(line, text)
    qtbot.keyClick(line, Qt.Key.Key_Return)


def menu_actions(menu: QMenu) -> Iterator[QAction]:
    """Every action a menu and its submenus offer (separators and submenu entries excluded)."""
    for action in menu.actions():
        if action.menu() is not None:
            yield from menu_actions(action.menu())
        elif not action.isSeparator():
            yield action


def runs_listed(qtbot, window) -> None:
    """Wait until the window has the listing of runs it asked for last (the run book lists them off the GUI
    thread; a listing asked for earlier may arrive first)."""
    asked = window.session.runs_asked
    qtbot.waitUntil(lambda: window.session.runs_answered >= asked, timeout=30_000)


def listed(qtbot, window) -> None:
    """List the runs again, as Refresh does, and wait for that listing."""
    window.session.refresh_runs()
    runs_listed(qtbot, window)


def overlaid(qtbot, window, run_dirs: list) -> None:
    """Select runs in the Runs view and wait until their curves are drawn (the run book reads their series off
    the GUI thread)."""
    runs = window.runs_view
    runs.select([str(run) for run in run_dirs])
    wanted = {str(run) for run in run_dirs}
    qtbot.waitUntil(lambda: runs.series is not None and set(runs.series.run_dirs) == wanted, timeout=30_000)
