"""Parts the views that read the model in use share: a Refresh button, a choice that redraws, a title that
says what is shown, a line that names a folder, and a white canvas for the plots. Texts given to them are translatable: they follow the
window's language."""

from __future__ import annotations

from collections.abc import Callable

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QPushButton, QSizePolicy

from lmstudio_app.gui.i18n import texts, translatable


def refresh_button(name: str, tip: str, clicked) -> QPushButton:
    button = QPushButton()
    button.setObjectName(name)
    texts(button, setText=translatable("Refresh"), setToolTip=tip)
    button.clicked.connect(clicked)
    return button


def redraw_combo(name: str, accessible_name: str, changed: Callable[[], None]) -> QComboBox:
    """A combo filled by the view itself (it grows to its items); picking an item redraws."""
    combo = QComboBox()
    combo.setObjectName(name)
    texts(combo, setAccessibleName=accessible_name)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    combo.currentIndexChanged.connect(lambda _: changed())
    return combo


def view_title(name: str, text: str) -> QLabel:
    title = QLabel()
    texts(title, setText=text)
    title.setObjectName(name)
    title.setWordWrap(True)
    return title


class ElidedLabel(QLabel):
    """One line that may name a folder: shortened in the middle to the width it is given (the whole text in its
    tooltip), so that a deep path never makes the window wider than the screen."""

    def __init__(self):
        super().__init__()
        self._whole = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def setText(self, text: str) -> None:
        self._whole = text
        self.setToolTip(text)
        self._elide()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        super().setText(self.fontMetrics().elidedText(self._whole, Qt.TextElideMode.ElideMiddle, self.width()))


def plot_canvas(name: str) -> pg.GraphicsLayoutWidget:
    canvas = pg.GraphicsLayoutWidget()
    canvas.setObjectName(name)
    canvas.setBackground("w")
    return canvas
