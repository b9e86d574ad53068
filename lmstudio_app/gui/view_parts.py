"""Parts the views that read the model in use share: a Refresh button, a choice that redraws, a title that
says what is shown, and a white canvas for the plots. Texts given to them are translatable: they follow the
window's language."""

from __future__ import annotations

from collections.abc import Callable

import pyqtgraph as pg
from PySide6.QtWidgets import QComboBox, QLabel, QPushButton

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


def plot_canvas(name: str) -> pg.GraphicsLayoutWidget:
    canvas = pg.GraphicsLayoutWidget()
    canvas.setObjectName(name)
    canvas.setBackground("w")
    return canvas
