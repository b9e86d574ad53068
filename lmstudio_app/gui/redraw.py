"""When a view redraws: at most once per interval, and never while nobody can see it.

Training competes with the window for the interpreter (one lock for both threads),
so every millisecond of Python the window spends drawing is a millisecond the
training loop may wait. A view asks for a redraw whenever its data changes; the
requests coalesce into one redraw per interval, and a view behind another tab
draws nothing until it is shown, then once, from the session model's current state.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class Redraw(QObject):
    """Coalesced, visibility-aware redraws of one view."""

    def __init__(self, view: QWidget, draw: Callable[[], None], interval_ms: int):
        super().__init__(view)
        self.view = view
        self.draw = draw
        self.stale = False  # the data changed since the last redraw
        self.count = 0  # redraws done, for tests and benchmarks
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._due)
        view.installEventFilter(self)

    def request(self) -> None:
        """The view's data changed: redraw within the interval if it is visible, else once it is shown."""
        self.stale = True
        if self.view.isVisible() and not self._timer.isActive():
            self._timer.start()

    def _due(self) -> None:
        if not self.stale or not self.view.isVisible():
            return
        self.stale = False
        self.count += 1
        self.draw()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view and event.type() == QEvent.Type.Show and self.stale:
            QTimer.singleShot(0, self._due)
        return False
