"""The loss dashboard: live curves of loss, metrics, learning rate, gradient norm and throughput.

Plot items are created once and fed with ``setData``; redraws are coalesced to
at most ten a second, only the lower plot's shown group is fed, and nothing is
drawn while the view is behind another tab (``Redraw``). Curves downsample and
clip to the view, so 100,000+ points stay smooth; NaN points leave gaps instead
of breaking the plot.
"""

from __future__ import annotations

import html
import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QSizePolicy,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from lmstudio_app.gui import captions
from lmstudio_app.gui.captions import caption
from lmstudio_app.gui.flow import FlowRow
from lmstudio_app.gui.i18n import duration_text, group_label, metric_label, retranslated, texts, tr, translatable
from lmstudio_app.gui.redraw import Redraw
from lmstudio_app.gui.session import MetricTable, SessionModel
from lmstudio_app.gui.smoothing import Smoother

X_AXES = {translatable("step"): "step", translatable("tokens seen"): "tokens_seen",
          translatable("wall time (s)"): "elapsed"}
PALETTE = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7", "#9c755f"]
LOSS_PART_COLORS = [PALETTE[i] for i in (2, 6, 8, 1)]  # not the loss's own blue and red
LEGEND_ENTRY_WIDTH = 190  # px: the narrowest legend column; a row holds as many of its widest entry as fit
LEGEND_MARGINS = 60  # px: the graphics' margins and the legend's spacing around its columns
REDRAW_INTERVAL_MS = 100  # curves at ≤ 10 frames a second: smooth to the eye, cheap for the training thread
# Per-layer signals (training.layer_stats_every): the detail plot's name for each, and its columns' prefix.
LAYER_DETAILS = {translatable("gradient norm per layer"): "grad_norm/",
                 translatable("update / weight per layer"): "update_ratio/",
                 translatable("weight norm per layer"): "param_norm/",
                 translatable("trust ratio ‖w‖ / ‖update‖ per layer"): "trust_ratio/",
                 translatable("attention entropy per layer"): "attention_entropy/"}
DETAILS = (translatable("scores"), translatable("learning rate"), translatable("gradient norm"), *LAYER_DETAILS,
           translatable("tokens / s"))
BASELINE_ORDERS = (translatable("unigram"), translatable("bigram"), translatable("trigram"))
BASELINE_STYLES = (Qt.PenStyle.DashLine, Qt.PenStyle.DotLine, Qt.PenStyle.DashDotLine)
DEPTH = pg.colormap.get("viridis")  # bottom layer dark, top layer light
NON_METRICS = {"step", "learning_rate", "grad_norm", "tokens_per_second", "tokens_seen", "elapsed", "eta", "loss",
               "perplexity"}
SPLITS = (translatable("train"), translatable("validation"))


def logged_metrics(table: MetricTable, split: str) -> list[str]:
    """The task and objective metrics of a split, without bookkeeping columns and per-label F1."""
    hidden = ("lr/", "trainable/", *LAYER_DETAILS.values())  # drawn in their own lower plots
    return [name for name in sorted(table.columns) if name not in NON_METRICS and not name.startswith(hidden)
            and not (split == "validation" and name.startswith("f1/"))]


def layer_order(group: str) -> tuple[int, int]:
    """Bottom to top: embeddings, encoder layers, decoder layers (cross-attention after them), head."""
    kind, _, index = group.partition(".")
    rank = {"embeddings": 0, "encoder": 1, "decoder": 2, "cross": 3, "head": 4}.get(kind, 5)
    return rank, int(index) if index.isdigit() else 0


def is_loss(name: str) -> bool:
    """Losses (nats, 0…∞) share the loss plot; everything else is a score between 0 and 1."""
    return name.endswith("loss")


def legend_row(columns: int = 6) -> pg.LegendItem:
    legend = pg.LegendItem(labelTextSize="8pt", colCount=columns, horSpacing=12)
    legend.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
    return legend


def configure_curve(curve: pg.PlotDataItem) -> pg.PlotDataItem:
    curve.setDownsampling(auto=True, method="peak")
    curve.setClipToView(True)
    return curve


def jump_to_x(plot: pg.PlotItem, x: np.ndarray) -> None:
    """Show the x range of curves about to be drawn in other x units, then follow them again. pyqtgraph thins a
    curve by how many of its points fall on a pixel of the range in view: judged by the old units' range (tokens
    seen, in millions), curves in seconds were thinned to nothing and the range never moved to them. Call it with
    the plot's curves emptied, or auto-ranging would go back to their old range."""
    finite = x[np.isfinite(x)]
    if finite.size:
        plot.setXRange(float(finite.min()), float(finite.max()))
    plot.enableAutoRange(x=True)


class CurveSet:
    """Named curves on one plot, created on first use and reused from then on, until the next run clears them.
    A curve is known by its name; its legend shows its label (the name in the window's language)."""

    def __init__(self, plot: pg.PlotItem, legend: pg.LegendItem, palette: list[str] = PALETTE):
        self.plot = plot
        self.legend = legend
        self.palette = palette
        self.curves: dict[str, pg.PlotDataItem] = {}
        self.labels: dict[str, str] = {}
        self.shown = True

    def curve(self, name: str, label: str = "", **style) -> pg.PlotDataItem:
        label = label or name
        if name not in self.curves:
            curve = configure_curve(pg.PlotDataItem(name=label, connect="finite", **style))
            self.plot.addItem(curve)
            curve.setVisible(self.shown)
            if self.shown:
                self.legend.addItem(curve, label)
            self.curves[name] = curve
        elif self.labels[name] != label:  # the window's language changed
            for sample, text in self.legend.items:
                if sample.item is self.curves[name]:
                    text.setText(label)
        self.labels[name] = label
        return self.curves[name]

    def set_data(self, name: str, x: np.ndarray, y: np.ndarray, label: str = "", **style) -> None:
        """Draw one series; a series of one point gets a marker, or it would not be seen at all."""
        curve = self.curve(name, label, **style)
        curve.setData(x, y)
        lonely = np.count_nonzero(np.isfinite(y)) == 1
        if lonely != (curve.opts["symbol"] is not None):
            pen = curve.opts["pen"]
            color = pg.mkPen(pen).color() if pen is not None else "#888888"
            curve.setSymbol("o" if lonely else None)
            curve.setSymbolBrush(color)
            curve.setSymbolPen(None)
            curve.setSymbolSize(7)

    def empty(self) -> None:
        """No data until the next redraw; the curves and their legend entries stay."""
        for curve in self.curves.values():
            curve.setData([], [])

    def show(self, on: bool) -> None:
        self.shown = on
        for name, curve in self.curves.items():
            curve.setVisible(on)
            if on:
                self.legend.addItem(curve, self.labels[name])

    def clear(self) -> None:
        for curve in self.curves.values():
            self.legend.removeItem(curve)
            self.plot.removeItem(curve)
        self.curves, self.labels = {}, {}

    def color(self, index: int) -> str:
        return self.palette[index % len(self.palette)]


class LossView(QWidget):
    def __init__(self, session: SessionModel, parent=None):
        super().__init__(parent)
        self.session = session
        self.smoother = Smoother(0.6)
        self.metric_smoothers: dict[str, Smoother] = {}
        self.smoothing = QSlider(Qt.Orientation.Horizontal)
        self.smoothing.setObjectName("smoothingSlider")
        self.smoothing.setRange(0, 99)
        self.smoothing.setValue(60)
        texts(self.smoothing, setAccessibleName=translatable("smoothing"),
              setToolTip=translatable("exponential moving average of the training curves (debiased)"))
        self.log_scale = QCheckBox()
        self.log_scale.setObjectName("logScaleCheck")
        texts(self.log_scale, setText=translatable("log scale"), setAccessibleName=translatable("log scale"))
        self.perplexity = QCheckBox()
        self.perplexity.setObjectName("perplexityCheck")
        texts(self.perplexity, setText=translatable("perplexity"), setAccessibleName=translatable("show perplexity"),
              setToolTip=translatable("show exp(loss) instead of the loss"))
        self.x_axis = QComboBox()
        self.x_axis.setObjectName("xAxisCombo")
        texts(self.x_axis, setAccessibleName=translatable("x axis"))
        for name in X_AXES:
            self.x_axis.addItem(name, name)
        self.readout = QLabel(" ")
        self.readout.setObjectName("hoverReadout")
        self.readout.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.smoothing.setFixedWidth(140)
        controls = FlowRow()
        controls.add_labeled(translatable("smoothing"), self.smoothing)
        controls.addWidget(self.log_scale)
        controls.addWidget(self.perplexity)
        controls.add_labeled(translatable("x axis"), self.x_axis)

        # Two plots, not five: painting cost grows with every plot's axes and text, and a frame
        # must stay well under 30 ms while training competes for the interpreter.
        self.detail = QComboBox()
        self.detail.setObjectName("detailCombo")
        texts(self.detail, setAccessibleName=translatable("lower plot"))
        for name in DETAILS:
            self.detail.addItem(name, name)
        controls.add_labeled(translatable("lower plot"), self.detail)
        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.setObjectName("lossPlots")
        self.graphics.setBackground("w")
        # Legends sit in rows of their own above each plot, never over the curves; a click on an entry's
        # line hides or shows that curve.
        self.loss_legend = legend_row()
        self.graphics.addItem(self.loss_legend, row=0, col=0)
        self.loss_plot = self.graphics.addPlot(row=1, col=0)
        self.detail_legend = legend_row()
        self.graphics.addItem(self.detail_legend, row=2, col=0)
        self.detail_plot = self.graphics.addPlot(row=3, col=0)
        self.graphics.ci.layout.setRowStretchFactor(1, 3)
        self.graphics.ci.layout.setRowStretchFactor(3, 2)
        # No grid: pyqtgraph draws grid lines as part of each axis, which made a frame cost
        # about 5x more (30 ms instead of 6 ms at 1400x900).
        self.loss_raw = configure_curve(self.loss_plot.plot(pen=pg.mkPen("#4e79a780", width=1), connect="finite"))
        self.loss_smooth = configure_curve(self.loss_plot.plot(pen=pg.mkPen("#4e79a7", width=2), connect="finite"))
        # Markers, so a single evaluation is visible; evaluations are few, so they cost little to draw.
        self.loss_validation = configure_curve(self.loss_plot.plot(
            pen=pg.mkPen("#e15759", width=2), symbol="o", symbolSize=5, symbolBrush="#e15759",
            symbolPen=None, connect="finite"))
        self.loss_legend.addItem(self.loss_smooth, "train")  # labels in the window's language: _retranslate
        self.loss_legend.addItem(self.loss_validation, "validation")
        # Parts of the loss (MLM and NSP, say) are in nats too: they share the loss plot, not the scores'.
        self.loss_parts = CurveSet(self.loss_plot, self.loss_legend, LOSS_PART_COLORS)
        # The lower plot shows one group of curves at a time; every curve is created once per run.
        self.details = {name: CurveSet(self.detail_plot, self.detail_legend) for name in DETAILS}
        # What counting tokens reaches (unigram, bigram, trigram models of the same data): a loss above a line
        # means the network has not yet learned what that n-gram model knows. Named in the legend, not on the
        # lines: three labels a few hundredths apart ran into each other and into the curves.
        self.baseline_lines = {order: pg.InfiniteLine(angle=0, pen=pg.mkPen("#7f7f7f", width=1, style=style))
                               for order, style in zip(BASELINE_ORDERS, BASELINE_STYLES)}
        self.baseline_samples = {order: pg.PlotDataItem(pen=line.pen) for order, line in self.baseline_lines.items()}
        for line in self.baseline_lines.values():
            line.setVisible(False)
            self.loss_plot.addItem(line)  # the y range reaches the lowest line: where the loss should go
        self.cursor = pg.InfiniteLine(angle=90, pen=pg.mkPen("#88888880"))
        self.loss_plot.addItem(self.cursor, ignoreBounds=True)
        self.loss_plot.scene().sigMouseMoved.connect(self._hover)

        self.empty = QLabel()
        self.empty.setObjectName("lossEmptyHint")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.graphics, 1)
        layout.addWidget(self.readout)
        layout.addWidget(caption(captions.LOSS, "lossCaption"))

        self.redraws = Redraw(self, self.redraw, REDRAW_INTERVAL_MS)
        session.metricsChanged.connect(self.schedule)
        session.runStarted.connect(lambda _: self.clear())
        session.configChanged.connect(self._show_empty_state)
        session.problemsChanged.connect(self._show_empty_state)  # typed text that is no number changes no config
        session.runsChanged.connect(self._show_empty_state)
        self.smoothing.valueChanged.connect(self._smoothing_changed)
        self.log_scale.toggled.connect(self._log_changed)
        self.perplexity.toggled.connect(self.schedule)
        self.x_axis.currentIndexChanged.connect(self._axis_changed)
        self.detail.currentIndexChanged.connect(self._show_detail)
        retranslated(self, self._retranslate)

    def _retranslate(self) -> None:
        for combo in (self.x_axis, self.detail):
            for index in range(combo.count()):
                combo.setItemText(index, tr(combo.itemData(index)))
        for (_, label), text in zip(self.loss_legend.items, SPLITS):
            label.setText(tr(text))
        self.loss_plot.setLabel("bottom", self.x_axis.currentText())
        self.detail_plot.setLabel("bottom", self.x_axis.currentText())
        self._show_detail()
        self._show_empty_state()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_legends()

    def _fit_legends(self) -> None:
        """As many columns as the widest entry allows: wider legend rows would push the plots past the tab's
        right edge, hiding the latest steps (ELECTRA's loss parts have long names)."""
        room = self.graphics.viewport().width() - LEGEND_MARGINS
        for legend in (self.loss_legend, self.detail_legend):
            widest = max((sample.boundingRect().width() + label.item.boundingRect().width() + legend.layout
                          .horizontalSpacing() for sample, label in legend.items), default=0)
            columns = max(1, int(room // max(LEGEND_ENTRY_WIDTH, widest)))
            if legend.columnCount != columns:
                legend.setColumnCount(columns)

    def _show_detail(self) -> None:
        chosen = self.detail.currentData()
        self.detail_plot.setTitle(tr("scores (0 to 1)") if chosen == "scores" else tr(chosen))
        self.detail_legend.clear()
        for name, curves in self.details.items():
            curves.show(name == chosen)
        self._fit_detail_range()
        self.schedule()

    def _fit_detail_range(self) -> None:
        """Scores keep their 0…1 scale, so 0.3 looks like 0.3 and not like a full-height curve."""
        if self.detail.currentData() == "scores" and not self.log_scale.isChecked():
            self.detail_plot.enableAutoRange(x=True, y=False)
            self.detail_plot.setYRange(0.0, 1.0, padding=0.02)
        else:
            self.detail_plot.enableAutoRange()

    def clear(self) -> None:
        """A new run: no curve of the last one stays."""
        for curves in (self.loss_parts, *self.details.values()):
            curves.clear()
        self.metric_smoothers = {}
        self.schedule()

    @property
    def plots(self) -> list[pg.PlotItem]:
        return [self.loss_plot, self.detail_plot]

    def schedule(self) -> None:
        self.redraws.request()

    def _smoothing_changed(self, value: int) -> None:
        self.smoother.set_beta(value / 100)
        for smoother in self.metric_smoothers.values():
            smoother.set_beta(value / 100)
        self.schedule()

    def _log_changed(self, on: bool) -> None:
        for plot in self.plots:
            plot.setLogMode(y=on)
        self._fit_detail_range()
        self.schedule()

    def _axis_changed(self) -> None:
        """Every curve is drawn again in the new x units; the y ranges stay as they were (scores on 0…1)."""
        for curve in (self.loss_raw, self.loss_smooth, self.loss_validation):
            curve.setData([], [])
        for curves in (self.loss_parts, *self.details.values()):
            curves.empty()
        for plot in self.plots:
            plot.setLabel("bottom", self.x_axis.currentText())
            jump_to_x(plot, self.x_of(self.session.train))
        self.schedule()

    def x_of(self, table: MetricTable) -> np.ndarray:
        key = X_AXES[self.x_axis.currentData()]
        if key in table.columns:
            return table.get(key)
        # Validation rows carry only the step: place them on the training rows' axis.
        train = self.session.train
        steps = table.get("step")
        if not len(steps) or not train.rows:
            return steps
        return np.interp(steps, train.get("step"), train.get(key))

    def _loss(self, values: np.ndarray) -> np.ndarray:
        if self.perplexity.isChecked():
            with np.errstate(over="ignore"):
                return np.exp(np.minimum(values, 50.0))
        return values

    def _show_empty_state(self) -> None:
        """Before any run: what Start will do and about how long it takes, instead of empty axes."""
        empty = not self.session.train.rows and not self.session.run_dir
        self.empty.setVisible(empty)
        self.graphics.setVisible(not empty)
        if not empty:
            return
        problems = len(self.session.problems)
        if problems:  # Start is disabled: what it would train is not known yet (steps may read -5)
            self.empty.setText((tr("Start waits for {count} problem to be fixed in the experiment on the left")
                                if problems == 1 else
                                tr("Start waits for {count} problems to be fixed in the experiment on the left"))
                               .format(count=problems) + " " + tr("(Ctrl+J shows the first)."))
            return
        config = self.session.effective
        t = config.training
        what = tr("Press Start (Ctrl+R) to train <b>{name}</b>: {steps} steps of {sequences} sequences.").format(
            name=html.escape(config.name), steps=f"{t.steps:,}", sequences=t.batch_size * t.grad_accumulation)
        seconds = self.session.seconds_to_train()
        if seconds is not None:
            what += " " + tr("About {time} on this machine, judged by your last run's speed.").format(
                time=duration_text(seconds))
        self.empty.setText(what + "<br><br>" + tr("The loss curve appears here as soon as training starts."))

    def redraw(self) -> None:
        self._show_empty_state()
        train, validation = self.session.train, self.session.validation
        x = self.x_of(train)
        loss = train.get("loss")  # smoothed in nats, then shown in the plot's units
        self.loss_raw.setData(x, self._loss(loss))
        self.loss_smooth.setData(x, self._loss(self.smoother(loss) if self.smoothing.value() else loss))
        self.loss_plot.setTitle(tr("perplexity") if self.perplexity.isChecked() else tr("loss"))
        if validation.rows:
            self.loss_validation.setData(self.x_of(validation), self._loss(validation.get("loss")))
        else:
            self.loss_validation.setData([], [])
        self._draw_loss_parts()
        self._draw_baselines()
        chosen = self.detail.currentData()
        if chosen in LAYER_DETAILS:
            self._draw_layer_signal(chosen)
        else:
            {"scores": self._draw_scores, "learning rate": self._draw_learning_rates,
             "gradient norm": self._draw_gradient_norm, "tokens / s": self._draw_throughput}[chosen]()
        self._fit_legends()

    def _draw_metric_curves(self, curves: CurveSet, wanted, units=lambda values: values) -> None:
        """Train (solid, smoothed) and validation (dashed) curves of the metrics ``wanted`` picks, one colour
        per metric, smoothed as logged and then shown in ``units``."""
        colors: dict[str, int] = {}
        for split, table in zip(SPLITS, (self.session.train, self.session.validation)):
            for name in filter(wanted, logged_metrics(table, split)):
                values = table.get(name)
                key, label = f"{split} {name}", f"{tr(split)} {metric_label(name)}"
                if split == "train" and self.smoothing.value():
                    smoother = self.metric_smoothers.setdefault(key, Smoother(self.smoothing.value() / 100))
                    values = smoother(values)
                color = curves.color(colors.setdefault(name, len(colors)))
                style = Qt.PenStyle.SolidLine if split == "train" else Qt.PenStyle.DashLine
                curves.set_data(key, self.x_of(table), units(values), label,
                                pen=pg.mkPen(color, width=2, style=style))

    def _draw_baselines(self) -> None:
        """Dashed lines at the n-gram models' cross-entropy, in the loss plot's units and scale; the legend names
        each with its value."""
        for order, line in self.baseline_lines.items():
            value = self.session.baselines.get(order)
            line.setVisible(value is not None)
            sample = self.baseline_samples[order]
            listed = self.loss_legend.getLabel(sample) is not None
            if value is None:
                if listed:
                    self.loss_legend.removeItem(sample)
                continue
            shown = float(self._loss(np.array([value]))[0])
            line.setValue(np.log10(shown) if self.log_scale.isChecked() else shown)
            label = f"{tr(order)} {shown:.3g}"
            if listed:
                self.loss_legend.getLabel(sample).setText(label)
            else:
                self.loss_legend.addItem(sample, label)

    def _draw_loss_parts(self) -> None:
        self._draw_metric_curves(self.loss_parts, is_loss, self._loss)  # they share the loss plot's units

    def _draw_scores(self) -> None:
        self._draw_metric_curves(self.details["scores"], lambda name: not is_loss(name))

    def _draw_learning_rates(self) -> None:
        train = self.session.train
        rates = self.details["learning rate"]
        group_rates = sorted(n for n in train.columns if n.startswith("lr/"))
        for i, name in enumerate(group_rates or ["learning_rate"]):
            label = group_label(name.removeprefix("lr/")) if group_rates else metric_label(name)
            rates.set_data(name, self.x_of(train), train.get(name), label, pen=pg.mkPen(rates.color(i), width=1.5))

    def _draw_gradient_norm(self) -> None:
        train = self.session.train
        self.details["gradient norm"].set_data("gradient norm", self.x_of(train), train.get("grad_norm"),
                                               tr("gradient norm"), pen=pg.mkPen("#59a14f"))

    def _draw_layer_signal(self, detail: str) -> None:
        """One line per layer group, coloured by depth, through the steps where the signal was measured."""
        train, curves, prefix = self.session.train, self.details[detail], LAYER_DETAILS[detail]
        groups = sorted((name.removeprefix(prefix) for name in train.columns if name.startswith(prefix)),
                        key=layer_order)
        x = self.x_of(train)
        for depth, group in enumerate(groups):
            y = train.get(prefix + group)
            measured = np.isfinite(y)
            color = DEPTH.map(depth / max(len(groups) - 1, 1), mode="qcolor")
            curves.set_data(group, x[measured], y[measured], group_label(group), pen=pg.mkPen(color, width=1.5))

    def _draw_throughput(self) -> None:
        train = self.session.train
        self.details["tokens / s"].set_data("tokens / s", self.x_of(train), train.get("tokens_per_second"),
                                            tr("tokens / s"), pen=pg.mkPen("#9c755f"))

    def _hover(self, position) -> None:
        box = self.loss_plot.vb
        if not self.loss_plot.sceneBoundingRect().contains(position) or not self.session.train.rows:
            return
        x_value = box.mapSceneToView(position).x()
        x = self.x_of(self.session.train)
        index = int(np.clip(np.searchsorted(x, x_value), 0, len(x) - 1))
        self.cursor.setPos(x[index])
        self.readout.setText(self.describe_row(index))

    def describe_row(self, index: int) -> str:
        """Exact values of the training row ``index`` (and the nearest validation row)."""
        train = self.session.train
        parts = [tr("step {step}").format(step=int(train.get("step")[index]))]
        for name in ("loss", "perplexity", "accuracy", "learning_rate", "grad_norm", "tokens_per_second"):
            if name in train.columns and not math.isnan(train.get(name)[index]):
                parts.append(f"{metric_label(name)} {train.get(name)[index]:.5g}")
        validation = self.session.validation
        if validation.rows:
            steps = validation.get("step")
            nearest = int(np.argmin(np.abs(steps - train.get("step")[index])))
            parts.append(tr("validation loss {loss} (step {step})").format(
                loss=f"{validation.get('loss')[nearest]:.5g}", step=int(steps[nearest])))
        return " · ".join(parts)
