"""A small matrix picture in a pyqtgraph layout: rows top to bottom, no axes, no mouse interaction."""

from __future__ import annotations

import pyqtgraph as pg


def matrix_tile(layout: pg.GraphicsLayout, row: int, col: int,
                title: str | None = None) -> tuple[pg.PlotItem, pg.ImageItem]:
    """A plot with one image item, made once and fed with ``setImage`` (rows are queries, row 0 on top)."""
    plot = layout.addPlot(row=row, col=col, title=title)
    plot.invertY(True)
    plot.setMenuEnabled(False)
    plot.setMouseEnabled(False, False)
    plot.hideAxis("bottom")
    plot.hideAxis("left")
    image = pg.ImageItem(axisOrder="row-major")
    plot.addItem(image)
    return plot, image
