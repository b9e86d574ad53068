"""Attention views: one head as a labelled heatmap, all layers × heads as a grid, over training time.

Matrices are shown with queries as rows and keys as columns (row 0 at the
top). Items are created once per shape and updated with ``setImage``.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSlider,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from lmstudio_app.errors import os_error_sentence
from lmstudio_app.gui import captions
from lmstudio_app.gui.attention_math import head_entropy, mean_distance
from lmstudio_app.gui.captions import caption
from lmstudio_app.gui.flow import FlowRow
from lmstudio_app.gui.i18n import on_language_change, retranslated, texts, tr, translatable
from lmstudio_app.gui.positions_view import PositionsView
from lmstudio_app.gui.redraw import Redraw
from lmstudio_app.gui.representations_view import RepresentationsView
from lmstudio_app.gui.session import SessionModel
from lmstudio_app.gui.stages_view import KIND_LABELS, StagesView
from lmstudio_app.gui.ticks import FittedTicks
from lmstudio_app.model_requests import Positions, ProbeLayers, Representations, Stages

MEAN_OF_HEADS = -1
COLORMAP = pg.colormap.get("viridis")
EMPTY = translatable(
    "No attention to show yet.\n\nPress Start (Ctrl+R): every training.probe_every steps the model reads the "
    "probe text and every layer and head of its attention appears here, with a scrubber to replay training. "
    "Or open a saved run (Runs › Open in playground) and press Probe.")
MIN_TILE = 72  # px: the smallest a head's heatmap in the model view gets; more layers or heads scroll
TILE_LABEL = 30  # px: the row of head names, the column of layer names
COLORBAR_WIDTH = 70


def _first_kind(family: str) -> str:
    return {"encoder": "encoder", "decoder": "decoder"}.get(family, "cross")


def token_ticks(tokens: tuple[str, ...]) -> list[tuple[float, str]]:
    """A tick per token, at its cell's centre; spaces and line breaks made visible."""
    return [(i + 0.5, t.replace("\n", "⏎").replace(" ", "·")) for i, t in enumerate(tokens)]


class HeadView(pg.GraphicsLayoutWidget):
    """One matrix: query tokens down the left, key tokens along the bottom, a colour bar, hover read-out."""

    hovered = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("headView")
        self.setBackground("w")
        self.plot = self.addPlot(row=0, col=0)
        self.plot.invertY(True)
        self.plot.setAspectLocked(False)
        self.plot.setMenuEnabled(False)
        retranslated(self, lambda: (self.setAccessibleName(tr("attention heatmap")),
                                    self.plot.setLabel("left", tr("query")), self.plot.setLabel("bottom", tr("key"))))
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setColorMap(COLORMAP)
        self.plot.addItem(self.image)
        self.colorbar = pg.ColorBarItem(values=(0.0, 1.0), colorMap=COLORMAP, interactive=False, width=12)
        self.colorbar.setImageItem(self.image, insert_in=self.plot)
        # Token labels: as many as fit, each cut to its room (many tokens ran into each other)
        self.key_ticks, self.query_ticks = FittedTicks(self.plot, "bottom"), FittedTicks(self.plot, "left")
        self.matrix = np.zeros((1, 1), dtype=np.float32)
        self.queries: tuple[str, ...] = ()
        self.keys: tuple[str, ...] = ()
        self.scene().sigMouseMoved.connect(self._hover)

    def show_matrix(self, matrix: np.ndarray, queries: tuple[str, ...], keys: tuple[str, ...], title: str) -> None:
        """``matrix`` is (T_q, T_k): row i holds query i's weights over the keys."""
        self.matrix, self.queries, self.keys = matrix, queries, keys
        self.image.setImage(matrix, levels=(0.0, max(float(matrix.max()), 1e-6)))
        self.colorbar.setLevels((0.0, max(float(matrix.max()), 1e-6)))
        self.key_ticks.set(token_ticks(keys))
        self.query_ticks.set(token_ticks(queries))
        self.plot.setTitle(title)
        self.plot.setRange(xRange=(0, matrix.shape[1]), yRange=(0, matrix.shape[0]), padding=0)

    def _hover(self, position) -> None:
        if not self.plot.sceneBoundingRect().contains(position):
            return
        point = self.plot.vb.mapSceneToView(position)
        column, row = int(np.floor(point.x())), int(np.floor(point.y()))
        if 0 <= row < self.matrix.shape[0] and 0 <= column < self.matrix.shape[1]:
            self.hovered.emit(tr("query {row} {query} → key {column} {key}: {weight}").format(
                row=row, query=repr(self.queries[row]), column=column, key=repr(self.keys[column]),
                weight=f"{self.matrix[row, column]:.4f}"))


class OneBasedSpinBox(QSpinBox):
    """Counts from 1 on screen (layer 1 is the first, as in the architecture diagram); ``value()`` is the index."""

    def textFromValue(self, value: int) -> str:
        return str(value + 1)

    def valueFromText(self, text: str) -> int:
        # Qt hands over the text with its prefix; an exception here would abort the process, not raise.
        digits = text.removeprefix(self.prefix()).strip()
        return int(digits) - 1 if digits.isdigit() else self.value()

    def validate(self, text: str, position: int):
        digits = text.removeprefix(self.prefix()).strip()
        if not digits:
            return QValidator.State.Intermediate, text, position
        if not digits.isdigit():
            return QValidator.State.Invalid, text, position
        inside = self.minimum() <= int(digits) - 1 <= self.maximum()
        return (QValidator.State.Acceptable if inside else QValidator.State.Intermediate), text, position


class ModelView(pg.GraphicsLayoutWidget):
    """Every layer × head as a small heatmap, labelled, on one shared colour scale; a click opens that head in
    the head view. Each tile keeps a readable size: a deep or wide model scrolls (``scroll_area``) instead of
    shrinking its tiles to strips, and the colour bar stays beside it, whole (``colorbar_view``)."""

    headClicked = Signal(int, int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("modelView")
        texts(self, setAccessibleName=translatable("all layers and heads"))
        self.setBackground("w")
        self.shape = (0, 0)
        self.images: list[list[pg.ImageItem]] = []
        self.levels = (0.0, 1.0)
        self.colorbar_view = pg.GraphicsLayoutWidget()
        self.colorbar_view.setObjectName("modelViewColorBar")
        self.colorbar_view.setBackground("w")
        self.colorbar_view.setFixedWidth(COLORBAR_WIDTH)
        self.colorbar = pg.ColorBarItem(values=(0.0, 1.0), colorMap=COLORMAP, interactive=False, width=12)
        self.colorbar_view.addItem(self.colorbar)
        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("modelViewScroll")
        self.scroll_area.setWidget(self)
        self.scroll_area.setWidgetResizable(True)
        self.panel = QWidget()
        row = QHBoxLayout(self.panel)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.scroll_area, 1)
        row.addWidget(self.colorbar_view)

    def _build(self, layers: int, heads: int) -> None:
        self.clear()
        self.images = []
        for head in range(heads):
            self.addLabel(tr("head {number}").format(number=head + 1), row=0, col=head + 1, size="8pt")
        for layer in range(layers):
            self.addLabel(tr("layer {number}").format(number=layer + 1), row=layer + 1, col=0, angle=-90,
                          size="8pt")
            row = []
            for head in range(heads):
                box = self.addViewBox(row=layer + 1, col=head + 1, lockAspect=False, enableMouse=False)
                box.invertY(True)
                image = pg.ImageItem(axisOrder="row-major")
                image.setColorMap(COLORMAP)
                box.addItem(image)
                image.mouseClickEvent = lambda event, row=layer, column=head: self.headClicked.emit(row, column)
                row.append(image)
            self.images.append(row)
        self.setMinimumSize(TILE_LABEL + heads * MIN_TILE, TILE_LABEL + layers * MIN_TILE)
        self.shape = (layers, heads)

    def show_layers(self, layers: tuple[np.ndarray, ...]) -> None:
        heads = layers[0].shape[0] if layers else 0
        if self.shape != (len(layers), heads):
            self._build(len(layers), heads)
        # One scale for every head, so a sharper head looks sharper.
        self.levels = (0.0, max(max((float(weights.max()) for weights in layers), default=0.0), 1e-6))
        for layer, weights in enumerate(layers):
            for head in range(heads):
                self.images[layer][head].setImage(weights[head], levels=self.levels)
        self.colorbar.setLevels(self.levels)


class AttentionView(QWidget):
    probeRequested = Signal(str)
    stagesRequested = Signal(object)  # a Stages request
    inspectionRequested = Signal(object)  # Positions, Representations or ProbeLayers: the model in use answers

    def __init__(self, session: SessionModel, parent=None):
        super().__init__(parent)
        self.session = session
        self.kind = QComboBox()
        self.kind.setObjectName("attentionKindCombo")
        texts(self.kind, setAccessibleName=translatable("attention kind"))
        self.layer = OneBasedSpinBox()
        self.layer.setObjectName("attentionLayerSpin")
        texts(self.layer, setAccessibleName=translatable("layer"), setPrefix=translatable("layer "))
        self.head = QComboBox()
        self.head.setObjectName("attentionHeadCombo")
        texts(self.head, setAccessibleName=translatable("head"))
        for combo in (self.kind, self.head):  # filled only once a snapshot arrives: grow with the items
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.scrubber = QSlider(Qt.Orientation.Horizontal)
        self.scrubber.setObjectName("timeScrubber")
        texts(self.scrubber, setAccessibleName=translatable("training time"),
              setToolTip=translatable("replay how attention changed during training"))
        self.follow = QCheckBox()
        self.follow.setObjectName("followLatestCheck")
        texts(self.follow, setText=translatable("follow latest"),
              setAccessibleName=translatable("follow latest snapshot"))
        self.follow.setChecked(True)
        self.when = QLabel()
        self.when.setObjectName("snapshotLabel")
        self.probe_text = QLineEdit()
        self.probe_text.setObjectName("probeTextEdit")
        texts(self.probe_text, setAccessibleName=translatable("probe text"),
              setPlaceholderText=translatable("probe text: press Enter to see the current model's attention on it"))
        probe = QPushButton()
        probe.setObjectName("probeButton")
        texts(probe, setText=translatable("Probe"), setAccessibleName=translatable("probe"))
        export_png = QPushButton()
        export_png.setObjectName("exportPngButton")
        texts(export_png, setText=translatable("Export PNG…"), setAccessibleName=translatable("export picture"))
        export_npz = QPushButton()
        export_npz.setObjectName("exportNpzButton")
        texts(export_npz, setText=translatable("Export .npz…"), setAccessibleName=translatable("export matrices"))
        self.readout = QLabel(" ")
        self.readout.setObjectName("attentionReadout")
        self.cut_note = QLabel()
        self.cut_note.setObjectName("probeTextCut")
        self.cut_note.setWordWrap(True)
        self.cut_note.setStyleSheet("color: #a35200;")
        self.cut_note.hide()
        self.empty = QLabel()
        texts(self.empty, setText=EMPTY)
        self.empty.setObjectName("attentionEmptyHint")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.head_view = HeadView()
        self.model_view = ModelView()
        self.summary = QTableWidget()
        self.summary.setObjectName("headSummaryTable")
        texts(self.summary, setAccessibleName=translatable("per-head entropy and distance"))
        self.views = QTabWidget()
        self.views.setObjectName("attentionViews")
        grid = QSplitter(Qt.Orientation.Vertical)
        grid.addWidget(self.model_view.panel)
        grid.addWidget(self.summary)
        grid.setStretchFactor(0, 3)
        grid.setSizes([3, 1])  # the heatmaps before the table of their numbers
        self.stages_view = StagesView(session)
        self.stages_view.requested.connect(self.request_stages)
        self.positions_view = PositionsView(session)
        self.positions_view.requested.connect(self.request_positions)
        self.representations_view = RepresentationsView(session)
        tabs = ((self.head_view, translatable("Head view")), (grid, translatable("Model view")),
                (self.stages_view, translatable("Step by step")), (self.positions_view, translatable("Positions")),
                (self.representations_view, translatable("Representations")))
        for view, _ in tabs:
            self.views.addTab(view, "")
        retranslated(self.views, lambda: [self.views.setTabText(index, tr(title))
                                          for index, (_, title) in enumerate(tabs)])
        self.representations_view.requested.connect(self.request_representations)
        self.representations_view.probeRequested.connect(self.request_layer_probe)
        # Opening the tab, or choosing another layer or head on it, takes that head apart.
        self.views.currentChanged.connect(self._follow_with_stages)
        self.views.currentChanged.connect(self._show_controls_of_tab)

        top = FlowRow()
        for widget in (self.kind, self.layer, self.head, self.follow, self.when, export_png):
            top.addWidget(widget)
        top.addWidget(export_npz)
        self.probe_row = QWidget()
        probe_row = QHBoxLayout(self.probe_row)
        probe_row.setContentsMargins(0, 0, 0, 0)
        probe_row.addWidget(self.probe_text, 1)
        probe_row.addWidget(probe)
        self.caption = caption(captions.ATTENTION, "attentionCaption")
        # What only the snapshots' heads use: hidden on the tabs that do not read them (Positions, Representations)
        self.head_controls = (self.kind, self.layer, self.head, self.follow, self.when, export_npz, self.scrubber,
                              self.readout, self.caption)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.scrubber)
        layout.addWidget(self.probe_row)
        layout.addWidget(self.cut_note)
        layout.addWidget(self.views, 1)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.readout)
        layout.addWidget(self.caption)

        self._probed = None  # the model in use last asked for its attention because it had none to show
        self.redraws = Redraw(self, self.refresh, 50)
        session.snapshotAdded.connect(self._snapshot_added)
        session.runStarted.connect(lambda info: self._reset())
        session.modelChanged.connect(self._model_changed)
        self.kind.currentIndexChanged.connect(self.schedule)
        self.layer.valueChanged.connect(self.schedule)
        self.head.currentIndexChanged.connect(self.schedule)
        for selector in (self.kind, self.head):
            selector.currentIndexChanged.connect(self._follow_with_stages)
        self.layer.valueChanged.connect(self._follow_with_stages)
        self.scrubber.valueChanged.connect(self._scrubbed)
        self.model_view.headClicked.connect(self.open_head)
        self.head_view.hovered.connect(self.readout.setText)
        self.probe_text.returnPressed.connect(self._probe)
        probe.clicked.connect(self._probe)
        export_png.clicked.connect(lambda: self.export_png())
        export_npz.clicked.connect(lambda: self.export_npz())
        self._reset()
        on_language_change(self, self._language_changed)

    def _language_changed(self) -> None:
        for combo in (self.kind, self.head):  # refilled, in the new language, by the next drawing
            combo.blockSignals(True)  # emptying them is not a choice: nothing to ask the model
            combo.clear()
            combo.blockSignals(False)
        self.model_view.shape = (0, 0)
        if self.snapshot is None:
            self.when.setText(tr("no snapshot yet"))
        self.schedule()

    # --------------------------------------------------------------- state

    @property
    def snapshot(self):
        snapshots = self.session.snapshots
        if not snapshots:
            return None
        return snapshots[min(self.scrubber.value(), len(snapshots) - 1)]

    def _reset(self) -> None:
        self.scrubber.setRange(0, 0)
        self.when.setText(tr("no snapshot yet"))
        self.schedule()

    def schedule(self) -> None:
        self.redraws.request()

    def _snapshot_added(self, snapshot) -> None:
        count = len(self.session.snapshots)
        self.scrubber.blockSignals(True)
        self.scrubber.setRange(0, count - 1)
        if self.follow.isChecked():
            self.scrubber.setValue(count - 1)
        self.scrubber.blockSignals(False)
        self.schedule()
        model = self.session.model
        if model is not None and model.live and self.isVisible() and self.views.currentWidget() is self.positions_view:
            self.request_positions()  # watch the positions organise as the model trains

    def _scrubbed(self, value: int) -> None:
        self.follow.setChecked(value == self.scrubber.maximum())
        self.schedule()

    def _sync_selectors(self, snapshot) -> None:
        kinds = list(snapshot.attention)
        if [self.kind.itemData(i) for i in range(self.kind.count())] != kinds:
            self.kind.blockSignals(True)
            self.kind.clear()
            for kind in kinds:
                self.kind.addItem(tr(KIND_LABELS[kind]), kind)
            # Cross-attention is where an encoder-decoder shows what it aligned; open it first.
            self.kind.setCurrentIndex(kinds.index("cross") if "cross" in kinds else 0)
            self.kind.blockSignals(False)
        layers = snapshot.attention[self.current_kind()]
        self.layer.blockSignals(True)
        self.layer.setRange(0, len(layers) - 1)
        self.layer.blockSignals(False)
        heads = layers[0].shape[0]
        if self.head.count() != heads + 1:
            self.head.blockSignals(True)
            self.head.clear()
            self.head.addItem(tr("mean of heads"), MEAN_OF_HEADS)
            for h in range(heads):
                self.head.addItem(tr("head {number}").format(number=h + 1), h)
            self.head.setCurrentIndex(1)
            self.head.blockSignals(False)

    def current_kind(self) -> str:
        return self.kind.currentData() or "decoder"

    def axis_tokens(self, snapshot, kind: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(query tokens, key tokens) of a kind of attention."""
        if kind == "encoder":
            return snapshot.tokens, snapshot.tokens
        if kind == "cross":
            return snapshot.target_tokens, snapshot.tokens
        own = snapshot.target_tokens or snapshot.tokens
        return own, own

    def current_matrix(self) -> np.ndarray | None:
        snapshot = self.snapshot
        if snapshot is None:
            return None
        weights = snapshot.attention[self.current_kind()][self.layer.value()]  # (H, T_q, T_k)
        head = self.head.currentData()
        return weights.mean(0) if head == MEAN_OF_HEADS or head is None else weights[head]

    # --------------------------------------------------------------- drawing

    def refresh(self) -> None:
        snapshot, model = self.snapshot, self.session.model
        nothing = snapshot is None and model is None
        self.empty.setVisible(nothing)
        self.views.setVisible(not nothing)
        if snapshot is None:
            if model is not None and self._probed is not model:
                # A model with no attention to show (just opened, or trained without probes): read it now,
                # once per model (a probe that fails says why, and is not repeated at every redraw).
                self._probed = model
                self.probeRequested.emit(self.probe_text.text().strip() or model.config.training.probe_text)
            return
        self._sync_selectors(snapshot)
        kind = self.current_kind()
        queries, keys = self.axis_tokens(snapshot, kind)
        head = self.head.currentText()
        self.head_view.show_matrix(self.current_matrix(), queries, keys, " · ".join(
            (tr(KIND_LABELS[kind]), tr("layer {number}").format(number=self.layer.value() + 1), head)))
        self.when.setText(tr("step {step}").format(step=snapshot.step)
                          + f" ({self.scrubber.value() + 1}/{len(self.session.snapshots)})")
        self.cut_note.setVisible(self.showing_heads() and bool(snapshot.dropped_tokens))
        if snapshot.dropped_tokens:
            self.cut_note.setText(tr("The probe text is longer than the model's context: its last {count} tokens were "
                                     "not read. It was read up to “…{end}”.").format(
                count=f"{snapshot.dropped_tokens:,}", end=snapshot.read_until))
        layers = snapshot.attention[kind]
        self.model_view.show_layers(layers)
        self._show_summary(layers, kind)

    def _show_summary(self, layers: tuple[np.ndarray, ...], kind: str) -> None:
        heads = layers[0].shape[0]
        self.summary.setRowCount(len(layers))
        self.summary.setColumnCount(heads)
        self.summary.setHorizontalHeaderLabels([tr("head {number}").format(number=h + 1) for h in range(heads)])
        self.summary.setVerticalHeaderLabels([tr("layer {number}").format(number=index + 1)
                                              for index in range(len(layers))])
        for layer, weights in enumerate(layers):
            entropy, distance = head_entropy(weights), mean_distance(weights)
            for head in range(heads):
                text = f"H {entropy[head]:.2f}" + (f" · d {distance[head]:.1f}" if kind != "cross" else "")
                item = QTableWidgetItem(text)
                item.setToolTip(tr("entropy of the attention distribution (nats) · mean distance query→key"))
                self.summary.setItem(layer, head, item)

    def open_head(self, layer: int, head: int) -> None:
        self.layer.setValue(layer)
        self.head.setCurrentIndex(self.head.findData(head))
        self.views.setCurrentIndex(0)
        self.refresh()

    # --------------------------------------------------------------- actions

    def _model_changed(self, model) -> None:
        """Another model in use: the views show its attention (read when drawn, if it has none yet), and an open
        step-by-step, positions or representations tab reads it again."""
        if self.snapshot is None:
            self._reset()
        else:
            self.schedule()
        if not model.live and self.isVisible():
            self._follow_with_stages()

    def showing_heads(self) -> bool:
        """The tab shows the snapshots' heads (not Positions or Representations)."""
        return self.views.currentWidget() not in (self.positions_view, self.representations_view)

    def _show_controls_of_tab(self, *_: object) -> None:
        for widget in self.head_controls:
            widget.setVisible(self.showing_heads())
        self.probe_row.setVisible(self.views.currentWidget() is not self.positions_view)  # no text read there
        self.cut_note.setVisible(self.showing_heads() and self.snapshot is not None and
                                 bool(self.snapshot.dropped_tokens))

    def _follow_with_stages(self, *_: object) -> None:
        if self.session.model is None:
            return
        if self.views.currentWidget() is self.stages_view:
            self.request_stages()
        elif self.views.currentWidget() is self.positions_view:
            self.request_positions()
        elif self.views.currentWidget() is self.representations_view:
            self.request_representations()

    def request_representations(self) -> None:
        if self.session.model is None:
            self.session.errorRaised.emit(tr("no model to look into yet: start training, or open a saved run"))
            return
        self.inspectionRequested.emit(Representations(self.probe_text.text().strip()))

    def request_layer_probe(self, dataset: str) -> None:
        if self.session.model is None:
            self.session.errorRaised.emit(tr("no model to look into yet: start training, or open a saved run"))
            return
        self.inspectionRequested.emit(ProbeLayers(dataset))

    def request_positions(self) -> None:
        if self.session.model is None:
            self.session.errorRaised.emit(tr("no model to look into yet: start training, or open a saved run"))
            return
        self.inspectionRequested.emit(Positions())

    def request_stages(self) -> None:
        """Take the chosen layer and head apart on the probe text (the mean of heads has no single Q and K:
        head 1 then)."""
        if self.session.model is None:
            self.session.errorRaised.emit(tr("no model to look into yet: start training, or open a saved run"))
            return
        snapshot = self.snapshot
        if snapshot is not None:
            self._sync_selectors(snapshot)  # the pickers may not have been filled yet if the tab was never drawn
        kind = self.current_kind() if snapshot is not None else _first_kind(self.session.model.config.model.family)
        head = self.head.currentData()
        text = self.probe_text.text().strip() or self.session.effective.training.probe_text
        self.stagesRequested.emit(Stages(text, kind, self.layer.value(),
                                         0 if head in (None, MEAN_OF_HEADS) else head))

    def _probe(self) -> None:
        text = self.probe_text.text().strip()
        if text:
            self.probeRequested.emit(text)

    def export_png(self, path: str | None = None) -> bool:
        if not path:
            path, _ = QFileDialog.getSaveFileName(self, tr("Export attention picture"), "attention.png",
                                                  "PNG (*.png)")
        if not path:
            return False
        if not self.views.currentWidget().grab().save(path):
            self.session.errorRaised.emit(tr("the picture could not be written to {path}").format(path=path))
            return False
        self.session.noticed.emit(tr("attention picture saved: {path}").format(path=path))
        return True

    def export_npz(self, path: str | None = None) -> bool:
        snapshot = self.snapshot
        if snapshot is None:
            return False
        if not path:
            path, _ = QFileDialog.getSaveFileName(self, tr("Export attention matrices"), "attention.npz",
                                                  "NumPy (*.npz)")
        if not path:
            return False
        try:
            snapshot.save_npz(path)
        except OSError as error:
            self.session.errorRaised.emit(os_error_sentence(error).render(tr))
            return False
        self.session.noticed.emit(tr("attention matrices saved: {path}").format(path=path))
        return True
