"""Attention step by step: softmax(QKᵀ/√d_k + M)·V for one head, one heatmap per stage.

The engine computes every stage (``engine.probe.attention_stages``); this view
only draws what the session holds. Rows are queries and columns keys, as in
the head view. The what-if picker shows the same head at another temperature:
without the 1/√d_k scaling the scores grow with d_k and the softmax saturates.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from lmstudio_app.events import AttentionStages
from lmstudio_app.gui.flow import FlowRow
from lmstudio_app.gui.heatmaps import matrix_tile
from lmstudio_app.gui.i18n import retranslated, texts, tr, translatable
from lmstudio_app.gui.redraw import Redraw
from lmstudio_app.gui.session import SessionModel

SCORES_MAP = pg.colormap.get("CET-D1")  # diverging: negative blue, positive red
WEIGHTS_MAP = pg.colormap.get("viridis")
FORBIDDEN_RGBA = (217, 83, 79, 230)  # M = −∞: a future token, or padding
STAGES = (("raw", "1 · QKᵀ"), ("scaled", "2 · QKᵀ / √d_k"), ("mask", translatable("3 · mask M (+ bias)")),
          ("weights", "4 · softmax"), ("contributions", translatable("5 · adds ‖α·vW_O‖")),
          ("what_if", translatable("6 · what if")))
MIN_ROW = 150  # px: the least a row of three heatmaps gets (with its titles); a short window scrolls instead
KIND_LABELS = {"encoder": translatable("encoder self-attention"), "decoder": translatable("decoder self-attention"),
               "cross": translatable("cross-attention")}
EMPTY = translatable(
    "Pick a layer and a head above, then press Show steps: the head's attention on the probe text is taken "
    "apart stage by stage. Needs a model: a live run (paused or not), a finished one, or a saved run.")


class StageGrid(pg.GraphicsLayoutWidget):
    """Six heatmaps, made once; ``show_stages`` feeds them with ``setImage``."""

    hovered = Signal(int, int)  # query, key

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("stageGrid")
        texts(self, setAccessibleName=translatable("attention step by step"))
        self.setBackground("w")
        self.plots: dict[str, pg.PlotItem] = {}
        self.images: dict[str, pg.ImageItem] = {}
        for index, (name, title) in enumerate(STAGES):
            plot, image = matrix_tile(self.ci, index // 3, index % 3, title)
            image.setColorMap(WEIGHTS_MAP if name in ("weights", "contributions", "what_if") else SCORES_MAP)
            self.plots[name], self.images[name] = plot, image
        for column in range(3):
            self.ci.layout.setColumnStretchFactor(column, 1)
        self.setMinimumHeight(2 * MIN_ROW)
        retranslated(self, lambda: [self.plots[name].setTitle(tr(title)) for name, title in STAGES])
        self.forbidden = pg.ImageItem(axisOrder="row-major")  # drawn over the mask stage
        self.plots["mask"].addItem(self.forbidden)
        self.scene().sigMouseMoved.connect(self._hover)
        self.shape = (0, 0)

    def show_stages(self, stages: AttentionStages, what_if: int) -> None:
        self.shape = stages.weights.shape
        bias = stages.bias if stages.bias is not None else np.zeros_like(stages.scaled)
        shown_bias = np.where(stages.allowed, bias, 0)
        for name, matrix in (("raw", stages.raw), ("scaled", stages.scaled), ("mask", shown_bias)):
            extent = max(float(np.abs(matrix[stages.allowed]).max(initial=0.0)), 1e-6)  # centred on 0
            self.images[name].setImage(matrix, levels=(-extent, extent))
        self.images["weights"].setImage(stages.weights, levels=(0.0, 1.0))
        self.images["contributions"].setImage(stages.contributions,
                                              levels=(0.0, max(float(stages.contributions.max()), 1e-6)))
        self.images["what_if"].setImage(stages.what_ifs[what_if].weights, levels=(0.0, 1.0))
        overlay = np.zeros((*stages.allowed.shape, 4), dtype=np.uint8)
        overlay[~stages.allowed] = FORBIDDEN_RGBA
        self.forbidden.setImage(overlay, levels=(0, 255))
        for plot in self.plots.values():
            plot.setRange(xRange=(0, self.shape[1]), yRange=(0, self.shape[0]), padding=0)

    def _hover(self, position) -> None:
        for plot in self.plots.values():
            if plot.sceneBoundingRect().contains(position):
                point = plot.vb.mapSceneToView(position)
                row, column = int(np.floor(point.y())), int(np.floor(point.x()))
                if 0 <= row < self.shape[0] and 0 <= column < self.shape[1]:
                    self.hovered.emit(row, column)
                return


class StagesView(QWidget):
    """The stage grid, the what-if picker with what it does to entropy and peak weight, and a cell read-out."""

    requested = Signal()  # the person wants the current layer and head taken apart

    def __init__(self, session: SessionModel, parent=None):
        super().__init__(parent)
        self.session = session
        self.show_button = QPushButton()
        self.show_button.setObjectName("showStagesButton")
        texts(self.show_button, setText=translatable("Show steps"),
              setToolTip=translatable("take the chosen layer and head apart on the probe text"))
        self.show_button.clicked.connect(self.requested)
        self.what_if = QComboBox()
        self.what_if.setObjectName("whatIfCombo")
        texts(self.what_if, setAccessibleName=translatable("what if the scores were scaled differently"))
        self.what_if.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.what_if.currentIndexChanged.connect(lambda _: self.redraws.request())
        self.effect = QLabel("")
        self.effect.setObjectName("whatIfEffect")
        self.effect.setWordWrap(True)
        self.title = QLabel()
        self.title.setObjectName("stagesTitle")
        self.title.setWordWrap(True)
        self.readout = QLabel(" ")
        self.readout.setObjectName("stagesReadout")
        self.readout.setWordWrap(True)
        self.grid = StageGrid()
        self.grid.hovered.connect(self.describe)
        controls = FlowRow()
        controls.addWidget(self.show_button)
        controls.add_labeled(translatable("what if"), self.what_if)
        # The explanations and the six heatmaps scroll together, so the heatmaps keep their size in a short window.
        content = QWidget()
        inner = QVBoxLayout(content)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(self.title)
        inner.addWidget(self.grid, 1)
        inner.addWidget(self.effect)
        inner.addWidget(self.readout)
        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("stagesScroll")
        self.scroll_area.setWidget(content)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.scroll_area, 1)
        self.redraws = Redraw(self, self.draw, 50)
        session.stagesReady.connect(lambda _: self.redraws.request())
        retranslated(self, self.draw)

    def draw(self) -> None:
        stages = self.session.stages
        if stages is None:
            self.title.setText(tr(EMPTY))
            return
        labels = [what_if.label.render(tr) for what_if in stages.what_ifs]
        if [self.what_if.itemText(i) for i in range(self.what_if.count())] != labels:
            self.what_if.blockSignals(True)
            self.what_if.clear()
            self.what_if.addItems(labels)
            self.what_if.setCurrentIndex(0)  # no scaling: the saturation the scaling prevents
            self.what_if.blockSignals(False)
        chosen = max(self.what_if.currentIndex(), 0)
        self.title.setText(tr(
            "{kind} · layer {layer} · head {head} · step {step} · d_k = {head_dim}. Red cells in 3 are "
            "forbidden (M = −∞: softmax gives them 0); 5 is each key's share of the head's output, weight × the size "
            "of its value after the output projection; 6 is the softmax picked under “what if”.").format(
            kind=tr(KIND_LABELS[stages.kind]), layer=stages.layer + 1, head=stages.head + 1, step=f"{stages.step:,}",
            head_dim=stages.head_dim))
        self.grid.show_stages(stages, chosen)
        trained = next(w for w in stages.what_ifs if w.factor == 1.0)
        other = stages.what_ifs[chosen]
        self.effect.setText(tr(
            "<b>{label}</b>: mean entropy {entropy} nats (as trained {trained_entropy}), mean largest weight {peak} "
            "(as trained {trained_peak}). Larger scores make the softmax peakier, until one key takes nearly all the "
            "weight and the gradient through the others vanishes: the reason for dividing by √d_k.").format(
            label=other.label.render(tr), entropy=f"{other.mean_entropy:.3f}",
            trained_entropy=f"{trained.mean_entropy:.3f}", peak=f"{other.mean_max_weight:.3f}", trained_peak=f"{trained.mean_max_weight:.3f}"))

    def describe(self, query: int, key: int) -> None:
        """Every stage's number for one cell."""
        s = self.session.stages
        if s is None:
            return
        mask = ((tr("+ bias {bias}").format(bias=f"{s.bias[query, key]:.4g}") if s.bias is not None else "+ 0")
                if s.allowed[query, key] else tr("−∞ (forbidden)"))
        self.readout.setText(tr(
            "query {query} {query_token} → key {key} {key_token}: QKᵀ {raw} · ÷√{head_dim} {scaled} · M {mask} · "
            "softmax {weight} · adds {contribution} (the head's whole output for this query: {output})").format(
            query=query + 1, query_token=repr(s.queries[query]), key=key + 1, key_token=repr(s.keys[key]),
            raw=f"{s.raw[query, key]:.4g}", head_dim=s.head_dim, scaled=f"{s.scaled[query, key]:.4g}", mask=mask,
            weight=f"{s.weights[query, key]:.4f}", contribution=f"{s.contributions[query, key]:.4g}",
            output=f"{s.output_norms[query]:.4g}"))
