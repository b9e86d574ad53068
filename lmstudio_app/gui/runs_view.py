"""The run browser: every run in the index; overlay their curves, diff their configs, compare them."""

from __future__ import annotations

import shutil
import sqlite3
import time
from pathlib import Path

import numpy as np
import pyqtgraph as pg
import tomllib
from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QSlider,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from lmstudio_app.config.runs import differences, parse_sizes
from lmstudio_app.errors import ConfigError
from lmstudio_app.gui.flow import FlowRow
from lmstudio_app.gui.loss_view import PALETTE, configure_curve, legend_row
from lmstudio_app.gui.session import SessionModel
from lmstudio_app.gui.smoothing import Smoother
from lmstudio_app.run_index import RunIndex, RunRecord, checkpoint_steps

COLUMNS = ("name", "family", "objective / task", "status", "steps", "best val. loss", "started")
RUNS_HINT = ("Select two or more runs to overlay their curves, e.g. a fine-tuning run from a pretrained checkpoint "
             "and the same run from scratch (lmstudio compare-init).")
NO_RUNS_HINT = ("No runs yet. Press Start (Ctrl+R) to train the experiment on the left; every run is listed here, "
                "with its curves, final metrics and config, to compare and resume.")
X_KEYS = {"step": None, "tokens seen": "tokens_seen", "wall time (s)": "elapsed"}


def config_diff(configs: list[str]) -> list[tuple[str, list[object]]]:
    """(field, values per run) for every field whose value differs between the runs' configs."""
    return differences([tomllib.loads(text) for text in configs])


def column_labels(runs: list[RunRecord]) -> list[str]:
    """Run names; where names repeat, with where each fine-tune started, and else with the folder's name."""
    names = [r.name for r in runs]
    labels = [name if names.count(name) == 1 else f"{name} ({r.start})" if r.start else name
              for name, r in zip(names, runs)]
    return [label if labels.count(label) == 1 else f"{r.name} ({Path(r.run_dir).name})"
            for label, r in zip(labels, runs)]


class RunsView(QWidget):
    openInPlayground = Signal(str)
    exportRequested = Signal(str, str, str)  # run folder, new export folder, format ("lmstudio" or "transformers")
    resumeRequested = Signal(str, str)  # run folder, checkpoint ("latest", "best" or a step)
    sweepRequested = Signal(str, list)  # pretrained run folder, training-set sizes (0 = all)

    def __init__(self, session: SessionModel, parent=None):
        super().__init__(parent)
        self.session = session
        self.records: list[RunRecord] = []
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("runsTable")
        self.table.setAccessibleName("runs")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self.refresh_comparison)
        buttons = FlowRow()
        for text, name, slot in (("Refresh", "refreshRunsButton", session.refresh_runs),
                                 ("Open in playground", "openInPlaygroundButton", self._open),
                                 ("Resume…", "resumeRunButton", self.resume_selected),
                                 ("Rename…", "renameRunButton", self.rename_selected),
                                 ("Export…", "exportRunButton", self.export_selected),
                                 ("Sweep data size…", "sweepButton", self.sweep_selected),
                                 ("Delete…", "deleteRunButton", self.delete_selected),
                                 ("Reveal folder", "revealRunButton", self._reveal)):
            button = QPushButton(text)
            button.setObjectName(name)
            button.setAccessibleName(text.rstrip("…"))
            button.clicked.connect(slot)
            buttons.addWidget(button)

        self.metric = QComboBox()
        self.metric.setObjectName("overlayMetricCombo")
        self.metric.setAccessibleName("metric to overlay")
        self.metric.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)  # filled per selection
        self.x_axis = QComboBox()
        self.x_axis.setObjectName("overlayXAxisCombo")
        self.x_axis.setAccessibleName("x axis")
        self.x_axis.addItems(list(X_KEYS))
        self.smoothing = QSlider(Qt.Orientation.Horizontal)
        self.smoothing.setObjectName("overlaySmoothingSlider")
        self.smoothing.setAccessibleName("smoothing")
        self.smoothing.setRange(0, 99)
        self.smoothing.setValue(60)
        for control in (self.metric, self.x_axis):
            control.currentIndexChanged.connect(self.refresh_comparison)
        self.smoothing.valueChanged.connect(self.refresh_comparison)
        self.overlay_graphics = pg.GraphicsLayoutWidget()
        self.overlay_graphics.setObjectName("overlayPlot")
        self.overlay_graphics.setAccessibleName("selected runs' curves")
        self.overlay_graphics.setBackground("w")
        self.overlay_legend = legend_row(columns=2)  # above the plot, never over the curves
        self.overlay_graphics.addItem(self.overlay_legend, row=0, col=0)
        self.overlay = self.overlay_graphics.addPlot(row=1, col=0)
        self.curves: dict[str, pg.PlotDataItem] = {}
        self.diff = QTableWidget()
        self.diff.setObjectName("configDiffTable")
        self.diff.setAccessibleName("config differences")
        self.finals = QTableWidget()
        self.finals.setObjectName("finalMetricsTable")
        self.finals.setAccessibleName("final metrics")
        self.smoothing.setFixedWidth(140)
        controls = FlowRow()
        for label, widget in (("metric", self.metric), ("x axis", self.x_axis), ("smoothing", self.smoothing)):
            controls.add_labeled(label, widget)
        comparison = QWidget()
        inner = QVBoxLayout(comparison)
        inner.addLayout(controls)
        inner.addWidget(self.overlay_graphics, 1)
        details = QTabWidget()
        details.addTab(self.finals, "Final metrics")
        details.addTab(self.diff, "Config differences")
        self.sweep_plot = pg.PlotWidget(background="w")
        self.sweep_plot.setObjectName("sweepPlot")
        self.sweep_plot.setAccessibleName("data-efficiency sweep")
        self.sweep_plot.setLogMode(x=True)
        self.sweep_plot.setLabel("bottom", "labelled training examples")
        self.sweep_plot.addLegend(offset=(-10, 10))
        self.sweep_plot.getAxis("left").enableAutoSIPrefix(False)  # an accuracy of 0.4 is not "400 m"
        self.sweep_curves: dict[str, pg.PlotDataItem] = {}
        self.details = details
        details.addTab(self.sweep_plot, "Data efficiency")
        session.sweepReady.connect(self.show_sweep)
        inner.addWidget(details, 1)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.addLayout(buttons)
        top_layout.addWidget(self.table)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(comparison)
        layout = QVBoxLayout(self)
        self.hint = QLabel()
        self.hint.setObjectName("runsHint")
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        layout.addWidget(split, 1)
        session.runsChanged.connect(self.refresh)
        self.refresh()

    # --------------------------------------------------------------- the table

    def refresh(self) -> None:
        self.records = list(self.session.runs)
        self.table.setRowCount(len(self.records))
        for row, r in enumerate(self.records):
            best = f"{r.best_validation_loss:.4f}" if r.best_validation_loss is not None else "—"
            cells = (f"{r.name} ({r.start})" if r.start else r.name, r.family, r.task or r.objective, r.live_status,
                     f"{r.step:,}/{r.total_steps:,}", best,
                     time.strftime("%Y-%m-%d %H:%M", time.localtime(r.created)))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(r.run_dir)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.hint.setText(RUNS_HINT if self.records else NO_RUNS_HINT)
        self.refresh_comparison()

    def selected(self) -> list[RunRecord]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.records[row] for row in rows if row < len(self.records)]

    def select(self, run_dirs: list[str]) -> None:
        self.table.clearSelection()
        mode = self.table.selectionMode()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        for row, record in enumerate(self.records):
            if record.run_dir in run_dirs:
                self.table.selectRow(row)
        self.table.setSelectionMode(mode)

    # --------------------------------------------------------------- comparison

    def refresh_comparison(self) -> None:
        runs = self.selected()
        for curve in self.curves.values():  # runs no longer selected leave the plot and its legend
            self.overlay_legend.removeItem(curve)
            self.overlay.removeItem(curve)
        self.curves = {}
        self._show_diff(runs)
        if not runs:  # nothing to read: the index is opened only for selected runs
            self.finals.setRowCount(0)
            self.finals.setColumnCount(0)
            return
        try:
            self._compare(runs)
        except sqlite3.Error as error:
            self.session.errorRaised.emit(f"the run index cannot be read ({error})")

    def _compare(self, runs: list[RunRecord]) -> None:
        index = RunIndex()
        try:
            names = sorted({f"{split}/{name}" for r in runs for split, name in index.metric_names(r.run_dir)
                            if name not in ("tokens_seen", "elapsed", "eta") and split != "baseline"})
            if names and [self.metric.itemText(i) for i in range(self.metric.count())] != names:
                current = self.metric.currentText() or "validation/loss"
                self.metric.blockSignals(True)
                self.metric.clear()
                self.metric.addItems(names)
                self.metric.setCurrentIndex(max(0, self.metric.findText(current if current in names else
                                                                        ("validation/loss" if "validation/loss" in
                                                                         names else names[0]))))
                self.metric.blockSignals(False)
            split, _, metric = self.metric.currentText().partition("/")
            labels = dict(zip((r.run_dir for r in runs), column_labels(runs)))
            for run in runs:
                steps, values = index.series(run.run_dir, metric, split)
                x = np.asarray(steps, dtype=float)
                key = X_KEYS[self.x_axis.currentText()]
                if key and steps:
                    train_steps, train_x = index.series(run.run_dir, key, "train")
                    if train_steps:
                        x = np.interp(x, train_steps, train_x)
                y = np.asarray(values, dtype=float)
                if split == "train" and self.smoothing.value():
                    y = Smoother(self.smoothing.value() / 100)(y)
                label = labels[run.run_dir]
                curve = configure_curve(self.overlay.plot(pen=pg.mkPen(PALETTE[len(self.curves) % len(PALETTE)],
                                                                       width=2), connect="finite"))
                self.overlay_legend.addItem(curve, label)
                self.curves[label] = curve
                curve.setData(x, y)
            self.overlay.setLabel("bottom", self.x_axis.currentText())
            self.overlay.setTitle(self.metric.currentText())
            self._show_finals(runs, index)
        finally:
            index.close()

    def _show_finals(self, runs: list[RunRecord], index: RunIndex) -> None:
        rows: dict[str, list[str]] = {}
        for column, run in enumerate(runs):
            for split, name in index.metric_names(run.run_dir):
                if split != "validation":
                    continue
                _, values = index.series(run.run_dir, name, split)
                rows.setdefault(name, ["—"] * len(runs))[column] = f"{values[-1]:.4f}"
        self.finals.setRowCount(len(rows))
        self.finals.setColumnCount(len(runs))
        self.finals.setHorizontalHeaderLabels(column_labels(runs))
        self.finals.setVerticalHeaderLabels(list(rows))
        for row, values in enumerate(rows.values()):
            for column, text in enumerate(values):
                self.finals.setItem(row, column, QTableWidgetItem(text))
        self.finals.resizeColumnsToContents()

    def _show_diff(self, runs: list[RunRecord]) -> None:
        differences = config_diff([r.config for r in runs]) if len(runs) > 1 else []
        self.diff.setRowCount(len(differences))
        self.diff.setColumnCount(len(runs))
        self.diff.setHorizontalHeaderLabels(column_labels(runs))
        self.diff.setVerticalHeaderLabels([field for field, _ in differences])
        for row, (_, values) in enumerate(differences):
            for column, value in enumerate(values):
                self.diff.setItem(row, column, QTableWidgetItem(str(value)))
        self.diff.resizeColumnsToContents()

    # --------------------------------------------------------------- actions

    def _open(self) -> None:
        runs = self.selected()
        if runs:
            self.openInPlayground.emit(runs[0].run_dir)

    def resume_selected(self, checkpoint: str | None = None) -> None:
        """Continue the selected run from a checkpoint the person picks (the latest unless told)."""
        runs = self.selected()
        if not runs:
            return
        if checkpoint is None:
            steps = checkpoint_steps(Path(runs[0].run_dir))
            if not steps:
                self.session.errorRaised.emit(f"{runs[0].run_dir} has no complete checkpoint to resume from")
                return
            choices = [f"latest (step {steps[-1]:,})", "best (lowest validation loss)",
                       *(f"step {step:,}" for step in reversed(steps[:-1]))]
            chosen, ok = QInputDialog.getItem(self, "Resume run", "Continue from the checkpoint of:", choices, 0,
                                              False)
            if not ok:
                return
            checkpoint = chosen.split()[0] if not chosen.startswith("step") else chosen.split()[1].replace(",", "")
        self.resumeRequested.emit(runs[0].run_dir, checkpoint)

    def rename_selected(self, name: str | None = None) -> None:
        runs = self.selected()
        if not runs:
            return
        if name is None:
            name, ok = QInputDialog.getText(self, "Rename run", "Name:", text=runs[0].name)
            if not ok:
                return
        index = RunIndex()
        try:
            index.rename(runs[0].run_dir, name.strip() or runs[0].name)
        finally:
            index.close()
        self.session.refresh_runs()

    def delete_selected(self, confirmed: bool = False) -> None:
        runs = self.selected()
        if not runs:
            return
        if not confirmed:
            listing = "\n".join(r.run_dir for r in runs)
            answer = QMessageBox.question(self, "Delete runs", f"Delete these runs and their folders?\n\n{listing}",
                                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                          QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return
        index = RunIndex()
        try:
            for run in runs:
                if run.live_status == "running":
                    continue  # never delete a run that is still training
                shutil.rmtree(run.run_dir, ignore_errors=True)
                index.forget(run.run_dir)
        finally:
            index.close()
        self.session.refresh_runs()

    def export_selected(self, folder: str | None = None, format: str | None = None) -> None:
        """Export the selected run's best checkpoint into a new folder inside ``folder``, in ``format``."""
        runs = self.selected()
        if not runs:
            return
        if format is None:
            choices = ["this app's format (safetensors + config.toml)", "transformers (from_pretrained)"]
            choice, ok = QInputDialog.getItem(self, "Export run", "Format:", choices, 0, False)
            if not ok:
                return
            format = "transformers" if choice.startswith("transformers") else "lmstudio"
        if folder is None:
            folder = QFileDialog.getExistingDirectory(self, "Export into this folder")
            if not folder:
                return
        out = Path(folder) / f"{Path(runs[0].run_dir).name}-{format}"
        self.exportRequested.emit(runs[0].run_dir, str(out), format)

    def sweep_selected(self, sizes: list[int] | None = None) -> None:
        """Fine-tune the current experiment from the selected (pretrained) run and from scratch at each size."""
        runs = self.selected()
        if len(runs) != 1:
            self.session.errorRaised.emit("select the one pretrained run the sweep fine-tunes from")
            return
        if sizes is None:
            text, ok = QInputDialog.getText(self, "Data-efficiency sweep", "Training-set sizes (fine-tuning the "
                                            "current experiment from this run and from scratch):",
                                            text="50,100,300,1000,all")
            if not ok:
                return
            try:
                sizes = parse_sizes(text)
            except ConfigError as error:
                self.session.errorRaised.emit(str(error))
                return
        self.sweepRequested.emit(runs[0].run_dir, sizes)

    def show_sweep(self, sweep) -> None:
        """Final validation metric against training-set size, a line per start; the points are the runs'."""
        self.sweep_plot.setLabel("left", f"final validation {sweep.metric}")
        for index, (start, points) in enumerate(sweep.curves.items()):
            if start not in self.sweep_curves:
                color = PALETTE[index % len(PALETTE)]
                self.sweep_curves[start] = self.sweep_plot.plot(
                    name=start, pen=pg.mkPen(color, width=2), symbol="o", symbolBrush=color, symbolPen=None)
            self.sweep_curves[start].setData([size for size, _ in points], [value for _, value in points])
        for start, curve in self.sweep_curves.items():
            curve.setVisible(start in sweep.curves)
        sizes = sorted({size for points in sweep.curves.values() for size, _ in points if size > 0})
        self.sweep_plot.getAxis("bottom").setTicks([[(float(np.log10(size)), f"{size:,}") for size in sizes]])
        self.details.setCurrentWidget(self.sweep_plot)

    def _reveal(self) -> None:
        runs = self.selected()
        if runs:
            QDesktopServices.openUrl(QUrl.fromLocalFile(runs[0].run_dir))
