"""Representations made visible: each layer's hidden states in 2-D, and how alike the layers are.

Left: the chosen layer's points projected on their two principal directions (PCA), coloured by label (a
sentence classifier's validation examples) or by token kind (the probe text's tokens). Right: linear CKA
between every pair of layers: bright blocks are layers that represent the examples alike.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QLabel, QPushButton, QVBoxLayout, QWidget

from lmstudio_app.config.schema import TASK_DATASETS_KINDS
from lmstudio_app.events import LayerProbe, LayerRepresentations
from lmstudio_app.gui.flow import FlowRow
from lmstudio_app.gui.i18n import retranslated, texts, tr, translatable
from lmstudio_app.gui.loss_view import PALETTE
from lmstudio_app.gui.redraw import Redraw
from lmstudio_app.gui.session import SessionModel
from lmstudio_app.gui.ticks import FittedTicks
from lmstudio_app.gui.view_parts import plot_canvas, redraw_combo, refresh_button, view_title

SIMILARITY = pg.colormap.get("viridis")
# The token kinds the engine colours points by (engine/representations.py token_kind)
TOKEN_KINDS = (translatable("special"), translatable("space"), translatable("digit"), translatable("letter"),
               translatable("word"), translatable("punctuation"))


class RepresentationsView(QWidget):
    requested = Signal()
    probeRequested = Signal(str)  # a sentence classification dataset, or "" for the run's own task

    def __init__(self, session: SessionModel, parent=None):
        super().__init__(parent)
        self.session = session
        refresh = refresh_button("refreshRepresentationsButton",
                                 translatable("read the layers of the model in use again"), self.requested)
        self.layer = redraw_combo("representationLayerCombo", translatable("layer to project"),
                                  lambda: self.redraws.request())
        probe = QPushButton()
        probe.setObjectName("probeLayersButton")
        texts(probe, setText=translatable("Probe each layer"),
              setToolTip=translatable("train a linear classifier on each layer's frozen features: which layer knows "
                                      "the labels"))
        probe.clicked.connect(lambda: self.probeRequested.emit(self.probe_dataset.currentData()))
        self.probe_dataset = QComboBox()
        self.probe_dataset.setObjectName("probeDatasetCombo")
        self.probe_dataset.addItem("", "")
        texts(self.probe_dataset, setAccessibleName=translatable("dataset the probe reads"))
        retranslated(self.probe_dataset, lambda: self.probe_dataset.setItemText(0, tr("the run's own task")))
        for name, kind in TASK_DATASETS_KINDS.items():
            if kind in ("sequence-classification", "pair-classification"):
                self.probe_dataset.addItem(name, name)
        self.probe_dataset.setCurrentIndex(min(1, self.probe_dataset.count() - 1))
        self.title = view_title("representationsTitle", translatable("Press Refresh (or open this tab) with a model "
                                                                     "in use to see what its layers represent."))
        self.probe_summary = QLabel()
        self.probe_summary.setObjectName("probeSummary")
        self.probe_summary.setWordWrap(True)
        self.probe_summary.hide()
        self.graphics = plot_canvas("representationPlots")
        self.legend = pg.LegendItem(labelTextSize="8pt", colCount=4)
        self.graphics.addItem(self.legend, row=0, col=0, colspan=2)
        self.scatter_plot = self.graphics.addPlot(row=1, col=0)
        self.similarity_plot = self.graphics.addPlot(row=1, col=1)
        self.similarity_plot.invertY(True)
        self.similarity_plot.setAspectLocked(True)
        for plot in (self.scatter_plot, self.similarity_plot):
            plot.setMenuEnabled(False)
        self.scatters: dict[str, pg.ScatterPlotItem] = {}  # one per label, created once per label
        self.similarity = pg.ImageItem(axisOrder="row-major")
        self.similarity.setColorMap(SIMILARITY)
        self.similarity_plot.addItem(self.similarity)
        # Layers by number (0 = embeddings), as many as fit: names crowded a small matrix into a smear.
        self.similarity_ticks = [FittedTicks(self.similarity_plot, side) for side in ("bottom", "left")]
        self.probe_plot = self.graphics.addPlot(row=2, col=0, colspan=2)
        self.probe_ticks = FittedTicks(self.probe_plot, "bottom")
        self.probe_plot.setMenuEnabled(False)
        self.probe_plot.setYRange(0.0, 1.0, padding=0.02)
        self.probe_bars = pg.BarGraphItem(x=[], height=[], width=0.6, brush="#4e79a7")
        self.probe_plot.addItem(self.probe_bars)
        # Its label at the left end, inside the plot, on whichever side of the line has room.
        self.chance = pg.InfiniteLine(angle=0, pen=pg.mkPen("#e15759", style=Qt.PenStyle.DashLine),
                                      label=" ", labelOpts={"position": 0.02, "color": "#e15759"})
        self.probe_plot.addItem(self.chance)
        self.probe_plot.setVisible(False)
        controls = FlowRow()
        controls.addWidget(refresh)
        controls.add_labeled(translatable("layer"), self.layer)
        controls.addWidget(probe)
        controls.add_labeled(translatable("on"), self.probe_dataset)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.title)
        layout.addWidget(self.probe_summary)
        layout.addWidget(self.graphics, 1)
        self.redraws = Redraw(self, self.draw, 100)
        session.representationsReady.connect(lambda _: self.redraws.request())
        session.layerProbeReady.connect(self.show_probe)
        retranslated(self, self._retranslate)

    def _retranslate(self) -> None:
        self.scatter_plot.setTitle(tr("first two principal components"))
        self.similarity_plot.setTitle(tr("linear CKA between layers"))
        for plot in (self.similarity_plot, self.probe_plot):
            plot.setLabel("bottom", tr("layer (0 = embeddings)"))
        self.similarity_plot.setLabel("left", tr("layer"))
        self.probe_plot.setTitle(tr("linear probe: validation accuracy per layer"))
        self.chance.label.setFormat(tr("majority label"))
        self.legend.clear()
        for label, scatter in self.scatters.items():
            self.legend.addItem(scatter, tr(label) if label in TOKEN_KINDS else label)
        if self.session.layer_probe is not None:
            self.show_probe(self.session.layer_probe)
        self.draw()

    def show_probe(self, found: LayerProbe) -> None:
        """A bar per layer: its linear probe's validation accuracy; the dashed line is the majority share."""
        self.probe_plot.setVisible(True)
        self.probe_bars.setOpts(x=list(range(len(found.layers))), height=list(found.accuracy))
        self.chance.setValue(found.chance)
        anchor = (0, 0) if found.chance > 0.8 else (0, 1)  # below a line near the top, else above it
        self.chance.label.anchors = [anchor, anchor]
        self.chance.label.updatePosition()
        self.probe_ticks.set([(index, str(index)) for index in range(len(found.layers))])
        self.probe_summary.show()
        self.probe_summary.setText(tr("Linear probe at step {step}: a classifier on each layer's frozen features, "
                                      "validation accuracy on {examples} examples ({train} to train); the dashed "
                                      "line is the majority label's share ({chance}).").format(
            step=f"{found.step:,}", examples=f"{found.examples[1]:,}", train=f"{found.examples[0]:,}",
            chance=f"{found.chance:.2f}"))

    def draw(self) -> None:
        found: LayerRepresentations | None = self.session.representations
        if found is None:
            return
        self.title.setText(tr("What the layers represent at step {step}: {source}.").format(
            step=f"{found.step:,}", source=found.source.render(tr)))
        names = [name.render(tr) for name in found.layers]
        if [self.layer.itemText(i) for i in range(self.layer.count())] != names:
            self.layer.blockSignals(True)
            self.layer.clear()
            self.layer.addItems(names)
            self.layer.setCurrentIndex(len(found.layers) - 1)
            self.layer.blockSignals(False)
        points = found.points[max(self.layer.currentIndex(), 0)]
        labels = np.array(found.labels)
        for index, label in enumerate(sorted(set(found.labels))):
            if label not in self.scatters:
                color = PALETTE[len(self.scatters) % len(PALETTE)]
                self.scatters[label] = pg.ScatterPlotItem(size=7, brush=pg.mkBrush(color), pen=None, name=label)
                self.scatter_plot.addItem(self.scatters[label])
                self.legend.addItem(self.scatters[label], tr(label) if label in TOKEN_KINDS else label)
            chosen = labels == label
            self.scatters[label].setData(points[chosen, 0], points[chosen, 1])
        for label, scatter in self.scatters.items():
            scatter.setVisible(label in found.labels)
        self.similarity.setImage(found.matrix, levels=(0.0, 1.0))
        for ticks in self.similarity_ticks:
            ticks.set([(index + 0.5, str(index)) for index in range(len(found.layers))])
