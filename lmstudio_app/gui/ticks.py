"""Axis labels that never run into each other: every k-th label, each shortened to the room it has.

pyqtgraph draws every tick label it is given, side by side, however little room
there is: token labels became "[UNK][UNK" and "##ick brow", layer names on a small
CKA matrix one black smear. ``FittedTicks`` keeps the labels of one axis and, on
every resize and zoom, shows as many as fit: labels along a horizontal axis are
elided to the space between two shown ticks, labels down a vertical one keep a
line each.
"""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetricsF

GAP = 6  # px between two labels
SHORTEST = "ab…"  # a label is never cut shorter than this: thinning takes over


class FittedTicks:
    def __init__(self, plot: pg.PlotItem, side: str, max_width: float = 90):
        self.axis = plot.getAxis(side)
        self.box = plot.vb
        self.horizontal = side in ("bottom", "top")
        self.max_width = max_width  # a vertical axis's labels: longer ones are elided
        self.ticks: list[tuple[float, str]] = []
        self.box.sigResized.connect(self.fit)
        self.box.sigRangeChanged.connect(self.fit)

    def set(self, ticks: list[tuple[float, str]]) -> None:
        """(position, label) pairs, in order along the axis."""
        self.ticks = list(ticks)
        self.fit()

    def fit(self, *_: object) -> None:
        font = self.axis.style["tickFont"] or self.axis.font()
        metrics = QFontMetricsF(font)
        spacing = self._spacing()
        if self.horizontal:
            widest = max((metrics.horizontalAdvance(label) for _, label in self.ticks), default=0.0)
            shortest = min(widest, metrics.horizontalAdvance(SHORTEST))
            step = 1 if spacing <= 0 else max(1, math.ceil((shortest + GAP) / spacing))
            room = spacing * step - GAP if spacing > 0 else widest
        else:
            step = 1 if spacing <= 0 else max(1, math.ceil((metrics.height() + GAP / 2) / spacing))
            room = self.max_width
        shown = [(position, metrics.elidedText(label, Qt.TextElideMode.ElideRight, room))
                 for position, label in self.ticks[::step]]
        self.axis.setTicks([shown])

    def _spacing(self) -> float:
        """Pixels between two neighbouring ticks at the current size and zoom (0 when unknown)."""
        if len(self.ticks) < 2:
            return 0.0
        (x0, x1), (y0, y1) = self.box.viewRange()
        pixels, span = (self.box.width(), x1 - x0) if self.horizontal else (self.box.height(), y1 - y0)
        if span <= 0 or pixels <= 0:
            return 0.0
        gaps = [abs(b[0] - a[0]) for a, b in zip(self.ticks, self.ticks[1:])]
        return min(gaps) * pixels / span
