"""The run browser: every run in the index; overlay their curves, diff their configs, compare them."""

from __future__ import annotations

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

from lmstudio_app.config.messages import Message
from lmstudio_app.config.runs import differences, folder_name, parse_sizes
from lmstudio_app.errors import ConfigError
from lmstudio_app.events import RunSeriesRead
from lmstudio_app.gui.flow import FlowRow
from lmstudio_app.gui.i18n import (
    metric_label,
    retranslated,
    run_name,
    texts,
    tr,
    translatable,
)
from lmstudio_app.gui.loss_view import PALETTE, configure_curve, jump_to_x, legend_row
from lmstudio_app.gui.session import SessionModel
from lmstudio_app.gui.smoothing import Smoother
from lmstudio_app.run_folder import best_checkpoint_step, checkpoint_steps
from lmstudio_app.run_index import RunRecord, Series
from lmstudio_app.run_requests import DeleteRuns, RenameRun, RunSeries

COLUMNS = (translatable("name"), translatable("family"), translatable("objective / task"), translatable("status"),
           translatable("steps"), translatable("best val. loss"), translatable("started"))
NAME_CHARS = 24  # the widest the name column grows to, in average characters
STATUSES = (translatable("running"), translatable("paused"), translatable("completed"), translatable("stopped"),
            translatable("interrupted"), translatable("imported"), translatable("crashed"),
            translatable("failed"))  # RunRecord.live_status
RUNS_HINT = translatable(
    "Select two or more runs to overlay their curves, e.g. a fine-tuning run from a pretrained checkpoint "
    "and the same run from scratch (lmstudio compare-init).")
NO_RUNS_HINT = translatable(
    "No runs yet. Press Start (Ctrl+R) to train the experiment on the left; every run is listed here, "
    "with its curves, final metrics and config, to compare and resume.")
VISIBLE_RUNS = 5  # rows the run table keeps in view however short the window: the plots below give way
X_KEYS = {translatable("step"): None, translatable("tokens seen"): "tokens_seen",
          translatable("wall time (s)"): "elapsed"}


def rows_height(table: QTableWidget, rows: int) -> int:
    """The height that shows ``rows`` rows of ``table`` whole, with its header and a horizontal scroll bar."""
    return (rows * table.verticalHeader().defaultSectionSize() + table.horizontalHeader().sizeHint().height()
            + table.horizontalScrollBar().sizeHint().height() + 2 * table.frameWidth())


def config_diff(configs: list[str]) -> list[tuple[str, list[object]]]:
    """(field, values per run) for every field whose value differs between the runs' configs."""
    return differences([tomllib.loads(text) for text in configs])


def column_labels(runs: list[RunRecord]) -> list[str]:
    """Run names; where names repeat, with where each fine-tune started, and else with the folder's name."""
    names = [run_name(r) for r in runs]
    labels = [name if names.count(name) == 1 else f"{name} ({r.start.render(tr)})" if r.start
              else name for name, r in zip(names, runs)]
    return [label if labels.count(label) == 1 else f"{name} ({Path(r.run_dir).name})"
            for label, name, r in zip(labels, names, runs)]


class RunsView(QWidget):
    openInPlayground = Signal(str)
    exportRequested = Signal(str, str, str)  # run folder, new export folder, format ("lmstudio" or "transformers")
    resumeRequested = Signal(str, str)  # run folder, checkpoint ("latest", "best" or a step)
    sweepRequested = Signal(str, list)  # pretrained run folder, training-set sizes (0 = all)
    runBookRequested = Signal(object)  # RunSeries, RenameRun, or DeleteRuns once the person said yes
    evaluateRequested = Signal(str, str)  # run folder, task file ("": the run's validation split)

    def __init__(self, session: SessionModel, parent=None):
        super().__init__(parent)
        self.session = session
        self.records: list[RunRecord] = []
        self.series: RunSeriesRead | None = None  # the selected runs' series, as the run book last read them
        self.asked: tuple[str, ...] = ()  # the runs whose series were asked for last
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("runsTable")
        retranslated(self.table, lambda: (self.table.setAccessibleName(tr("runs")),
                                          self.table.setHorizontalHeaderLabels([tr(c) for c in COLUMNS])))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setWordWrap(False)  # a run is one line: a narrow "started" column elides, never grows the row
        self.table.setMinimumHeight(rows_height(self.table, VISIBLE_RUNS))
        self.table.itemSelectionChanged.connect(self.refresh_comparison)
        buttons = FlowRow()
        self.changes_runs: list[QPushButton] = []
        for text, name, slot in ((translatable("Refresh"), "refreshRunsButton", session.refresh_runs),
                                 (translatable("Open in playground"), "openInPlaygroundButton", self._open),
                                 (translatable("Resume…"), "resumeRunButton", self.resume_selected),
                                 (translatable("Rename…"), "renameRunButton", self.rename_selected),
                                 (translatable("Export…"), "exportRunButton", self.export_selected),
                                 (translatable("Evaluate…"), "evaluateRunButton", self.evaluate_selected),
                                 (translatable("Sweep data size…"), "sweepButton", self.sweep_selected),
                                 (translatable("Delete…"), "deleteRunButton", self.delete_selected),
                                 (translatable("Reveal folder"), "revealRunButton", self._reveal)):
            button = QPushButton()
            button.setObjectName(name)
            retranslated(button, lambda button=button, text=text: (button.setText(tr(text)),
                                                                   button.setAccessibleName(tr(text).rstrip("…"))))
            button.clicked.connect(slot)
            buttons.addWidget(button)
            if name in ("renameRunButton", "deleteRunButton"):
                self.changes_runs.append(button)  # disabled while the runs are listed read-only

        self.metric = QComboBox()
        self.metric.setObjectName("overlayMetricCombo")
        texts(self.metric, setAccessibleName=translatable("metric to overlay"))
        self.metric.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)  # filled per selection
        self.x_axis = QComboBox()
        self.x_axis.setObjectName("overlayXAxisCombo")
        texts(self.x_axis, setAccessibleName=translatable("x axis"))
        for name in X_KEYS:
            self.x_axis.addItem(name, name)
        retranslated(self.x_axis, lambda: [self.x_axis.setItemText(i, tr(self.x_axis.itemData(i)))
                                           for i in range(self.x_axis.count())])
        self.smoothing = QSlider(Qt.Orientation.Horizontal)
        self.smoothing.setObjectName("overlaySmoothingSlider")
        texts(self.smoothing, setAccessibleName=translatable("smoothing"))
        self.smoothing.setRange(0, 99)
        self.smoothing.setValue(60)
        for control in (self.metric, self.x_axis):
            control.currentIndexChanged.connect(self.refresh_comparison)
        self.smoothing.valueChanged.connect(self.refresh_comparison)
        self.overlay_graphics = pg.GraphicsLayoutWidget()
        self.overlay_graphics.setObjectName("overlayPlot")
        texts(self.overlay_graphics, setAccessibleName=translatable("selected runs' curves"))
        self.overlay_graphics.setBackground("w")
        self.overlay_legend = legend_row(columns=2)  # above the plot, never over the curves
        self.overlay_graphics.addItem(self.overlay_legend, row=0, col=0)
        self.overlay = self.overlay_graphics.addPlot(row=1, col=0)
        self.curves: dict[str, pg.PlotDataItem] = {}
        self.x_key: str | None = None  # what the overlay's x axis showed last (a step, when None)
        self.diff = QTableWidget()
        self.diff.setObjectName("configDiffTable")
        texts(self.diff, setAccessibleName=translatable("config differences"))
        self.finals = QTableWidget()
        self.finals.setObjectName("finalMetricsTable")
        texts(self.finals, setAccessibleName=translatable("final metrics"))
        self.smoothing.setFixedWidth(140)
        controls = FlowRow()
        for label, widget in ((translatable("metric"), self.metric), (translatable("x axis"), self.x_axis),
                              (translatable("smoothing"), self.smoothing)):
            controls.add_labeled(label, widget)
        # Below the table, one thing at a time in the whole height left: at 1024×700 curves, final metrics and
        # config differences stacked left each a few pixels, and the table a single row.
        curves = QWidget()
        inner = QVBoxLayout(curves)
        inner.addLayout(controls)
        inner.addWidget(self.overlay_graphics, 1)
        details = QTabWidget()
        details.setObjectName("runDetails")
        details.addTab(curves, "")
        details.addTab(self.finals, "")
        details.addTab(self.diff, "")
        self.sweep_plot = pg.PlotWidget(background="w")
        self.sweep_plot.setObjectName("sweepPlot")
        self.sweep_plot.setLogMode(x=True)
        retranslated(self.sweep_plot, lambda: (
            self.sweep_plot.setAccessibleName(tr("data-efficiency sweep")),
            self.sweep_plot.setLabel("bottom", tr("labelled training examples"))))
        self.sweep_plot.addLegend(offset=(-10, 10))
        self.sweep_plot.getAxis("left").enableAutoSIPrefix(False)  # an accuracy of 0.4 is not "400 m"
        self.sweep_curves: dict[str, pg.PlotDataItem] = {}
        self.details = details
        details.addTab(self.sweep_plot, "")
        retranslated(details, lambda: [details.setTabText(index, tr(title)) for index, title in enumerate((
            translatable("Curves"), translatable("Final metrics"), translatable("Config differences"),
            translatable("Data efficiency")))])
        session.sweepReady.connect(self.show_sweep)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.addLayout(buttons)
        top_layout.addWidget(self.table)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(details)
        layout = QVBoxLayout(self)
        self.hint = QLabel()
        self.hint.setObjectName("runsHint")
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        layout.addWidget(split, 1)
        session.runsChanged.connect(self.refresh)
        session.seriesRead.connect(self.show_series)
        retranslated(self, self.refresh)

    # --------------------------------------------------------------- the table

    def refresh(self) -> None:
        self.records = list(self.session.runs)
        self.series, self.asked = None, ()  # listed again: a selected run may have logged more since
        self.table.setRowCount(len(self.records))
        for row, r in enumerate(self.records):
            best = f"{r.best_validation_loss:.4f}" if r.best_validation_loss is not None else "—"
            name = f"{run_name(r)} ({r.start.render(tr)})" if r.start else run_name(r)
            steps = "—" if r.status == "imported" else f"{r.step:,}/{r.total_steps:,}"  # trained elsewhere
            cells = (name, r.family, r.task or r.objective, tr(r.live_status), steps, best,
                     time.strftime("%Y-%m-%d %H:%M", time.localtime(r.created)))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(f"{name}\n{r.run_dir}" if column == 0 else r.run_dir)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        # A name may be a sentence: elided past NAME_CHARS (whole in its tooltip), the steps and losses stay in view
        self.table.setColumnWidth(0, min(self.table.columnWidth(0),
                                         self.table.fontMetrics().averageCharWidth() * NAME_CHARS))
        self.hint.setText(tr(RUNS_HINT if self.records else NO_RUNS_HINT))
        for button in self.changes_runs:
            button.setEnabled(not self.session.runs_read_only)
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
        """Show the selected runs: their config differences at once, their curves and final metrics when the run
        book has read their series (asked for once per selection; the metric, x axis and smoothing redraw what
        was read)."""
        runs = self.selected()
        for curve in self.curves.values():  # runs no longer selected leave the plot and its legend
            self.overlay_legend.removeItem(curve)
            self.overlay.removeItem(curve)
        self.curves = {}
        self._show_diff(runs)
        wanted = tuple(r.run_dir for r in runs)
        if not runs or self.session.runs_read_only:  # the index is read only for selected runs, and only when free
            self.finals.setRowCount(0)
            self.finals.setColumnCount(0)
            self.asked = ()
            return
        if self.series is not None and self.series.run_dirs == wanted:
            self._compare(runs, self.series.series)
        elif self.asked != wanted:
            self.asked = wanted
            self.runBookRequested.emit(RunSeries(wanted))

    def show_series(self, read: RunSeriesRead) -> None:
        """The run book's answer: drawn when it is for the runs selected now (a later selection asks again)."""
        if read.run_dirs == tuple(r.run_dir for r in self.selected()):
            self.series = read
            self.refresh_comparison()

    def _compare(self, runs: list[RunRecord], series: dict[str, dict[tuple[str, str], Series]]) -> None:
        names = sorted({f"{split}/{name}" for r in runs for split, name in series.get(r.run_dir, {})
                        if name not in ("tokens_seen", "elapsed", "eta") and split != "baseline"})
        shown = [metric_label(name) for name in names]
        if names and [self.metric.itemText(i) for i in range(self.metric.count())] != shown:
            current = self.metric.currentData() or "validation/loss"
            self.metric.blockSignals(True)
            self.metric.clear()
            for name in names:
                self.metric.addItem(metric_label(name), name)
            self.metric.setCurrentIndex(max(0, self.metric.findData(current if current in names else
                                                                    ("validation/loss" if "validation/loss" in
                                                                     names else names[0]))))
            self.metric.blockSignals(False)
        split, _, metric = (self.metric.currentData() or "").partition("/")
        key = X_KEYS[self.x_axis.currentData()]
        drawn = []
        for run, label in zip(runs, column_labels(runs)):
            logged = series.get(run.run_dir, {})
            steps, values = logged.get((split, metric), ([], []))
            x = np.asarray(steps, dtype=float)
            if key and steps:
                train_steps, train_x = logged.get(("train", key), ([], []))
                if train_steps:
                    x = np.interp(x, train_steps, np.asarray(train_x, dtype=float))
            y = np.asarray(values, dtype=float)
            if split == "train" and self.smoothing.value():
                y = Smoother(self.smoothing.value() / 100)(y)
            drawn.append((label, x, y))
        if key != self.x_key:
            jump_to_x(self.overlay, np.concatenate([x for _, x, _ in drawn]) if drawn else np.empty(0))
            self.x_key = key
        for label, x, y in drawn:
            color = PALETTE[len(self.curves) % len(PALETTE)]
            # a line through one point draws nothing: a run evaluated once shows its point as a dot
            dot = {"symbol": "o", "symbolBrush": color, "symbolPen": None} if len(x) == 1 else {}
            curve = configure_curve(self.overlay.plot(pen=pg.mkPen(color, width=2), connect="finite", **dot))
            self.overlay_legend.addItem(curve, label)
            self.curves[label] = curve
            curve.setData(x, y)
        self.overlay.setLabel("bottom", self.x_axis.currentText())
        self.overlay.setTitle(self.metric.currentText())  # the metric, in the window's language
        self._show_finals(runs, series)

    def _show_finals(self, runs: list[RunRecord], series: dict[str, dict[tuple[str, str], Series]]) -> None:
        rows: dict[str, list[str]] = {}
        for column, run in enumerate(runs):
            for (split, name), (_, values) in sorted(series.get(run.run_dir, {}).items()):
                if split == "validation" and values:
                    rows.setdefault(name, ["—"] * len(runs))[column] = f"{values[-1]:.4f}"
        self.finals.setRowCount(len(rows))
        self.finals.setColumnCount(len(runs))
        self.finals.setHorizontalHeaderLabels(column_labels(runs))
        self.finals.setVerticalHeaderLabels([metric_label(name) for name in rows])
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

    def resume_selected(self) -> None:
        """Continue the selected run from a checkpoint the person picks (the latest first)."""
        runs = self.selected()
        if not runs:
            return
        steps = checkpoint_steps(Path(runs[0].run_dir))
        if not steps:
            self.session.refuse(Message(translatable("{run} has no complete checkpoint to resume from"),
                                        {"run": runs[0].run_dir}))
            return
        best = best_checkpoint_step(Path(runs[0].run_dir))
        values = ["latest", "best", *(str(step) for step in reversed(steps[:-1]))]
        choices = [tr("latest (step {step})").format(step=f"{steps[-1]:,}"),
                   tr("best (lowest validation loss, step {step})").format(step=f"{best:,}"),
                   *(tr("step {step}").format(step=f"{step:,}") for step in reversed(steps[:-1]))]
        chosen, ok = QInputDialog.getItem(self, tr("Resume run"), tr("Continue from the checkpoint of:"),
                                          choices, 0, False)
        if ok:
            self.resumeRequested.emit(runs[0].run_dir, values[choices.index(chosen)])

    def rename_selected(self) -> None:
        runs = self.selected()
        if not runs:
            return
        name, ok = QInputDialog.getText(self, tr("Rename run"), tr("Name:"), text=runs[0].name)
        if ok and name.strip():
            self.runBookRequested.emit(RenameRun(runs[0].run_dir, name.strip()))

    def delete_selected(self) -> None:
        runs = self.selected()
        if not runs:
            return
        listing = "\n".join(r.run_dir for r in runs)
        answer = QMessageBox.question(self, tr("Delete runs"), tr("Delete these runs and their folders?")
                                      + f"\n\n{listing}\n\n" + tr(
                                          "They wait in the trash until this window closes: Runs › Undo delete "
                                          "brings them back."),
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        if answer == QMessageBox.StandardButton.Yes:  # whether a writer holds a run is asked only now, by the run book
            self.runBookRequested.emit(DeleteRuns(tuple(r.run_dir for r in runs)))

    def export_selected(self) -> None:
        """Export the selected run's best checkpoint, in the format the person picks, into a new folder named after
        the run inside the folder they pick."""
        runs = self.selected()
        if not runs:
            return
        choices = [tr("this app's format (safetensors + config.toml)"), tr("transformers (from_pretrained)")]
        choice, ok = QInputDialog.getItem(self, tr("Export run"), tr("Format:"), choices, 0, False)
        if not ok:
            return
        format = ("lmstudio", "transformers")[choices.index(choice)]
        folder = QFileDialog.getExistingDirectory(self, tr("Export into this folder"))
        if folder:
            # named as the person named the run (a rename included), not after its folder
            out = Path(folder) / f"{folder_name(runs[0].name) or Path(runs[0].run_dir).name}-{format}"
            self.exportRequested.emit(runs[0].run_dir, str(out), format)

    def evaluate_selected(self) -> None:
        """Evaluate the selected run's best checkpoint, as `lmstudio eval` does: on its validation split or, for a
        fine-tuned run, on a task file the person picks."""
        runs = self.selected()
        if not runs:
            return
        data_file = ""
        if runs[0].task:
            choices = [tr("its validation split"), tr("a task file (.csv or .jsonl)…")]
            choice, ok = QInputDialog.getItem(self, tr("Evaluate run"), tr("Evaluate on:"), choices, 0, False)
            if not ok:
                return
            if choices.index(choice) == 1:
                data_file, _ = QFileDialog.getOpenFileName(self, tr("Evaluate on this task file"), "",
                                                           tr("Task files (*.csv *.jsonl)"))
                if not data_file:
                    return
        self.evaluateRequested.emit(runs[0].run_dir, data_file)

    def sweep_selected(self) -> None:
        """Fine-tune the current experiment from the selected (pretrained) run and from scratch at each size the
        person lists."""
        runs = self.selected()
        if len(runs) != 1:
            self.session.refuse(Message(translatable("select the one pretrained run the sweep fine-tunes from")))
            return
        text, ok = QInputDialog.getText(self, tr("Data-efficiency sweep"), tr(
            "Training-set sizes (fine-tuning the current experiment from this run and from scratch):"),
                                        text="50,100,300,1000,all")
        if not ok:
            return
        try:
            sizes = parse_sizes(text)
        except ConfigError as error:
            self.session.refuse(error.message)
            return
        self.sweepRequested.emit(runs[0].run_dir, sizes)

    def show_sweep(self, sweep) -> None:
        """Final validation metric against training-set size, a line per start; the points are the runs'."""
        self.sweep_plot.setLabel("left", tr("final validation {metric}").format(metric=metric_label(sweep.metric)))
        for index, (start, points) in enumerate(sweep.curves.items()):
            if start not in self.sweep_curves:
                color = PALETTE[index % len(PALETTE)]
                self.sweep_curves[start] = self.sweep_plot.plot(
                    name=sweep.starts[start].render(tr), pen=pg.mkPen(color, width=2), symbol="o", symbolBrush=color,
                    symbolPen=None)
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
