"""Positions made visible: what the model adds, rotates or biases by position, and which positions look alike.

The scheme says what there is to draw (engine/model/positions/, PositionViews) and
how to read it (its caption, config/positions.py): a table added to the token
embeddings with the cosine similarity of every pair of positions; the rotation
frequency of each channel pair of queries and keys, with how alike a query and a
key look at each offset; or a bias on the scores, one matrix per head; or, for a
scheme that adds nothing, no plots and the caption that says what that means. With a
live model the view follows training, one refresh per snapshot.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from lmstudio_app.config.positions import SCHEMES
from lmstudio_app.events import PositionViews
from lmstudio_app.gui.flow import FlowRow
from lmstudio_app.gui.i18n import retranslated, tr, translatable
from lmstudio_app.gui.redraw import Redraw
from lmstudio_app.gui.session import SessionModel
from lmstudio_app.gui.view_parts import plot_canvas, redraw_combo, refresh_button, view_title

DIVERGING = pg.colormap.get("CET-D1")
STACKS = (translatable("encoder"), translatable("decoder"))  # PositionViews.stack


class PositionsView(QWidget):
    requested = Signal()

    def __init__(self, session: SessionModel, parent=None):
        super().__init__(parent)
        self.session = session
        refresh = refresh_button("refreshPositionsButton",
                                 translatable("read the positions of the model in use again"), self.requested)
        self.head = redraw_combo("scoreBiasHeadCombo", translatable("head of the score bias"),
                                 lambda: self.redraws.request())
        self.title = view_title("positionsTitle", translatable("Press Refresh (or open this tab) with a model in use "
                                                               "to see how it encodes positions."))
        self.graphics = plot_canvas("positionPlots")
        self.left = self.graphics.addPlot(row=0, col=0)
        self.right = self.graphics.addPlot(row=0, col=1)
        for plot in (self.left, self.right):
            plot.invertY(True)
            plot.setMenuEnabled(False)
        self.left_image = pg.ImageItem(axisOrder="row-major")
        self.left_image.setColorMap(DIVERGING)
        self.right_image = pg.ImageItem(axisOrder="row-major")
        self.right_image.setColorMap(DIVERGING)
        self.right.addItem(self.right_image)
        self.frequency_curve = pg.PlotDataItem(pen=pg.mkPen("#4e79a7", width=2), symbol="o", symbolSize=4)
        self.left.addItem(self.left_image)  # a matrix (table or bias) or a curve (frequencies): one shown at a time
        self.left.addItem(self.frequency_curve)
        controls = FlowRow()
        controls.addWidget(refresh)
        self.head_group = controls.add_labeled(translatable("head"), self.head)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.title)
        layout.addWidget(self.graphics, 1)
        self.redraws = Redraw(self, self.draw, 100)
        session.positionsReady.connect(lambda _: self.redraws.request())
        retranslated(self, self._retranslate)

    def _retranslate(self) -> None:
        self.head.clear()  # refilled in the new language
        self.draw()

    def draw(self) -> None:
        views: PositionViews | None = self.session.positions
        if views is None:
            return
        self.title.setText(tr("<b>{scheme}</b> positions of the {stack} at step {step}.").format(
            scheme=views.scheme, stack=tr(views.stack), step=f"{views.step:,}") + " " + tr(SCHEMES[views.scheme].caption))
        self.head_group.setVisible(views.bias is not None)
        # A scheme that adds nothing (an ablation) has nothing to draw: its caption, above, says why.
        self.graphics.setVisible(any(part is not None for part in (views.table, views.frequencies, views.bias)))
        if self.graphics.isHidden():
            return
        turns = views.frequencies is not None
        self.left.invertY(not turns)
        self.frequency_curve.setVisible(turns)
        self.left_image.setVisible(not turns)
        if turns:
            self.left.setTitle(tr("radians turned per position, per channel pair"))
            self.left.setLabel("left", tr("radians"))
            self.left.setLabel("bottom", tr("channel pair"))
            self.frequency_curve.setData(np.arange(len(views.frequencies)), views.frequencies)
            self.left.setLogMode(y=True)
            self.left.enableAutoRange()
        else:
            self.left.setLogMode(y=False)
            if views.bias is not None:
                heads = views.bias.shape[0]
                if self.head.count() != heads:
                    self.head.blockSignals(True)
                    self.head.clear()
                    self.head.addItems([tr("head {number}").format(number=h + 1) for h in range(heads)])
                    self.head.blockSignals(False)
                matrix = views.bias[max(self.head.currentIndex(), 0)]
                self.left.setTitle(tr("score bias of head {number}").format(
                    number=max(self.head.currentIndex(), 0) + 1))
                self.left.setLabel("left", tr("query position"))
                self.left.setLabel("bottom", tr("key position"))
            else:
                matrix = views.table
                self.left.setTitle(tr("position vectors"))
                self.left.setLabel("left", tr("position"))
                self.left.setLabel("bottom", tr("dimension"))
            extent = max(float(np.abs(matrix).max()), 1e-6)
            self.left_image.setImage(matrix, levels=(-extent, extent))
            self.left.setRange(xRange=(0, matrix.shape[1]), yRange=(0, matrix.shape[0]), padding=0)
        if views.bias is not None:  # a bias per head: the right plot is their mean, as the caption says
            self.right.setTitle(tr("mean score bias over heads"))
            self.right.setLabel("left", tr("query position"))
            self.right.setLabel("bottom", tr("key position"))
        else:
            self.right.setTitle(tr("which positions look alike"))
            self.right.setLabel("left", tr("position"))
            self.right.setLabel("bottom", tr("position"))
        extent = max(float(np.abs(views.similarity).max()), 1e-6)
        self.right_image.setImage(views.similarity, levels=(-extent, extent))
        self.right.setRange(xRange=(0, views.similarity.shape[1]), yRange=(0, views.similarity.shape[0]), padding=0)
