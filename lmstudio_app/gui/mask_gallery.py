"""The mask gallery: who may attend to whom under each kind of language model, side by side.

Pictures come from the engine (``ObjectivePreview.gallery``, drawn by the same
mask builders training uses); the one the experiment's objective uses is marked.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from lmstudio_app.events import MaskPicture
from lmstudio_app.gui.heatmaps import matrix_tile
from lmstudio_app.gui.i18n import on_language_change, texts, tr, translatable

ALLOWED_RGBA = (78, 121, 167, 255)
FORBIDDEN_RGBA = (246, 214, 213, 255)
SLOTS = 5
MAX_COLUMNS = 3
TILE_WIDTH = 150  # px a picture needs beside its title; a narrower gallery takes fewer columns and more rows
ROW_HEIGHT = 160


class MaskGallery(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("maskGallery")
        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.setBackground("w")
        self.plots: list[pg.PlotItem] = []
        self.images: list[pg.ImageItem] = []
        for slot in range(SLOTS):
            plot, image = matrix_tile(self.graphics.ci, slot // MAX_COLUMNS, slot % MAX_COLUMNS)
            plot.setAspectLocked(True)
            self.plots.append(plot)
            self.images.append(image)
        self.columns = MAX_COLUMNS
        self.graphics.setMinimumHeight(self._rows() * ROW_HEIGHT)
        self.caption = QLabel("")
        self.caption.setObjectName("maskGalleryCaption")
        self.caption.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        header = QLabel()
        texts(header, setText=translatable("<b>Attention masks</b> of every kind of language model (rows: queries, "
                                           "columns: keys; blue: may attend). ▶ marks this experiment's."))
        header.setWordWrap(True)
        layout.addWidget(header)
        layout.addWidget(self.graphics)
        layout.addWidget(self.caption)
        self.pictures: tuple[MaskPicture, ...] = ()
        self.objective = ""
        on_language_change(self, lambda: self.show_pictures(self.pictures, self.objective))

    def _rows(self) -> int:
        return -(-SLOTS // self.columns)

    def resizeEvent(self, event) -> None:
        """As many pictures side by side as fit: a column cut off at the pane's edge had no scroll bar to reach it."""
        super().resizeEvent(event)
        columns = max(1, min(MAX_COLUMNS, event.size().width() // TILE_WIDTH))
        if columns != self.columns:
            self.columns = columns
            for plot in self.plots:
                self.graphics.ci.removeItem(plot)
            for slot, plot in enumerate(self.plots):
                self.graphics.ci.addItem(plot, row=slot // columns, col=slot % columns)
            self.graphics.setMinimumHeight(self._rows() * ROW_HEIGHT)

    def minimumSizeHint(self):
        hint = super().minimumSizeHint()
        hint.setWidth(TILE_WIDTH)
        return hint

    def show_pictures(self, pictures: tuple[MaskPicture, ...], objective: str) -> None:
        self.pictures, self.objective = pictures, objective
        for plot, image, picture in zip(self.plots, self.images, pictures):
            colours = np.where(picture.allowed[..., None], ALLOWED_RGBA, FORBIDDEN_RGBA).astype(np.uint8)
            image.setImage(colours, levels=(0, 255))
            current = objective in picture.objectives
            plot.setTitle(("▶ " if current else "") + picture.title.render(tr), size="8pt", bold=current)
            plot.setRange(xRange=(0, picture.allowed.shape[1]), yRange=(0, picture.allowed.shape[0]), padding=0.02)
        named = tr("<b>{title}</b>: {explanation}")  # translated: Chinese takes a full-width colon
        self.caption.setText(" · ".join(named.format(title=p.title.render(tr), explanation=p.explanation.render(tr))
                                        for p in pictures if objective in p.objectives))

    def current(self, objective: str) -> MaskPicture | None:
        return next((p for p in self.pictures if objective in p.objectives), None)
