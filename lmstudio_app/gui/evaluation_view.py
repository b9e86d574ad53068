"""The latest evaluation in detail: every metric, the confusion matrix, and F1 per label.

The loss dashboard shows how validation metrics move; this view shows what the
last evaluation found: which classes (or tags) the model confuses with which.
A saved run evaluated with Runs › Evaluate… is shown here too, with each
example's prediction.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lmstudio_app.events import EvalMetrics, Evaluated
from lmstudio_app.gui.i18n import metric_label, retranslated, texts, tr, translatable
from lmstudio_app.gui.redraw import Redraw
from lmstudio_app.gui.session import SessionModel

EMPTY = translatable(
    "No evaluation yet. Validation runs every training.eval_every steps; fine-tune a classifier or a tagger "
    "(Fine-tuning step) to see its confusion matrix and F1 per label here.")
NO_LABELS = translatable(
    "This run predicts tokens, not labels, so there is no confusion matrix or F1 per label: its validation scores "
    "are above, and over time in the Loss view. Fine-tune a classifier or a tagger (Fine-tuning step) to see which "
    "labels it confuses.")
LOW, HIGH = QColor("#ffffff"), QColor("#4e79a7")
WRONG = QColor("#f4b6b6")  # a prediction that is not the true label


def _labels_shown(labels: str | list[str]) -> str:
    """A classifier's label, or a tagger's tags (one per labelled token) separated by spaces."""
    return labels if isinstance(labels, str) else " ".join(labels)


def shade(share: float) -> QColor:
    """White for 0, the palette's blue for 1."""
    return QColor.fromRgbF(*(low + (high - low) * share for low, high in
                             zip(LOW.getRgbF()[:3], HIGH.getRgbF()[:3])))


class EvaluationView(QWidget):
    def __init__(self, session: SessionModel, parent=None):
        super().__init__(parent)
        self.session = session
        self.title = QLabel()
        self.title.setObjectName("evaluationTitle")
        self.title.setWordWrap(True)
        self.metrics = QLabel("")
        self.metrics.setObjectName("evaluationMetrics")
        self.metrics.setWordWrap(True)
        self.metrics.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.confusion = QTableWidget()
        self.confusion.setObjectName("confusionTable")
        texts(self.confusion, setAccessibleName=translatable("confusion matrix"),
              setToolTip=translatable("rows: the true label, columns: the predicted one; shade: share of the row"))
        self.f1 = pg.PlotWidget()
        self.f1.setObjectName("f1Plot")
        texts(self.f1, setAccessibleName=translatable("F1 per label"), setTitle=translatable("F1 per label"))
        self.f1.setBackground("w")
        self.f1.setMenuEnabled(False)
        self.f1.setMouseEnabled(False, False)
        self.f1.getPlotItem().invertY(True)
        self.f1.setXRange(0, 1)
        self.f1_bars = pg.BarGraphItem(x0=[], y=[], height=0.7, width=[], brush="#4e79a7")
        self.f1.addItem(self.f1_bars)
        matrix = QWidget()
        matrix_layout = QVBoxLayout(matrix)
        matrix_layout.setContentsMargins(0, 0, 0, 0)
        explanation = QLabel()
        texts(explanation, setText=translatable("Confusion matrix — rows: the true label, columns: the model's "
                                                "prediction, shade: share of the row"))
        explanation.setWordWrap(True)
        matrix_layout.addWidget(explanation)
        matrix_layout.addWidget(self.confusion, 1)
        self.no_labels = QLabel()
        self.no_labels.setObjectName("evaluationWithoutLabels")
        self.no_labels.setWordWrap(True)
        self.no_labels.setAlignment(Qt.AlignmentFlag.AlignCenter)
        texts(self.no_labels, setText=NO_LABELS)
        self.no_labels.hide()
        self.predictions = QTableWidget(0, 4)
        self.predictions.setObjectName("predictionsTable")
        retranslated(self.predictions, lambda: (
            self.predictions.setAccessibleName(tr("each example's prediction")),
            self.predictions.setHorizontalHeaderLabels([tr("example"), tr("text"), tr("true label"),
                                                        tr("prediction")])))
        self.predictions.horizontalHeader().setStretchLastSection(True)
        self.predictions.hide()
        self.details = details = QSplitter()
        details.addWidget(matrix)
        details.addWidget(self.f1)
        details.setStretchFactor(0, 3)
        details.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.metrics)
        layout.addWidget(details, 1)
        layout.addWidget(self.no_labels, 1)
        layout.addWidget(self.predictions, 1)
        self.shown: EvalMetrics | Evaluated | None = None
        self.redraws = Redraw(self, self._draw_latest, 50)
        session.evaluated.connect(self._evaluated)
        session.runEvaluated.connect(self.show_run_evaluation)
        session.runStarted.connect(lambda started: self.clear())
        retranslated(self, self._retranslate)

    def _retranslate(self) -> None:
        if isinstance(self.shown, Evaluated):
            self.show_run_evaluation(self.shown)
        elif self.shown is not None:
            self.show_evaluation(self.shown)
        else:
            self.title.setText(tr(EMPTY))

    def clear(self) -> None:
        self.shown = None
        self.title.setText(tr(EMPTY))
        self.predictions.hide()
        self.details.show()
        self.no_labels.hide()
        self.metrics.setText("")
        self.confusion.clear()
        self.confusion.setRowCount(0)
        self.confusion.setColumnCount(0)
        self.f1_bars.setOpts(x0=[], y=[], width=[])

    def _evaluated(self, evaluation: EvalMetrics) -> None:
        self.redraws.request()

    def _draw_latest(self) -> None:
        if self.session.last_evaluation is not None:
            self.show_evaluation(self.session.last_evaluation)

    def show_evaluation(self, evaluation: EvalMetrics) -> None:
        """A training run's latest validation."""
        self.shown = evaluation
        self.title.setText(tr("Validation at step {step} ({seconds} s)").format(step=f"{evaluation.step:,}",
                                                                                 seconds=f"{evaluation.seconds:.1f}"))
        self.predictions.hide()
        self._show_metrics(evaluation)

    def show_run_evaluation(self, evaluated: Evaluated) -> None:
        """A saved run evaluated (Runs › Evaluate…): its metrics, and what it predicted for each example."""
        self.shown = evaluated
        evaluation = evaluated.evaluation
        self.title.setText(tr("{run} at step {step} on {data} ({seconds} s)").format(
            run=evaluated.run_dir, step=f"{evaluation.step:,}", data=evaluated.data_file or tr("its validation split"),
            seconds=f"{evaluation.seconds:.1f}"))
        self._show_metrics(evaluation)
        predictions = evaluated.predictions or ()
        self.predictions.setVisible(bool(predictions))
        self.predictions.setRowCount(len(predictions))
        rows = zip(evaluated.origins, evaluated.texts, evaluated.truths, predictions)
        for row, (origin, text, truth, prediction) in enumerate(rows):
            cells = (origin, text, _labels_shown(truth), _labels_shown(prediction))
            for column, cell in enumerate(cells):
                self.predictions.setItem(row, column, QTableWidgetItem(cell))
            if prediction != truth:
                wrong = self.predictions.item(row, 3)
                wrong.setBackground(WRONG)
                wrong.setForeground(QColor("black"))
                wrong.setToolTip(tr("differs from the true label"))
        for column in (0, 2):
            self.predictions.resizeColumnToContents(column)

    def _show_metrics(self, evaluation: EvalMetrics) -> None:
        shown = sorted((name, value) for name, value in evaluation.metrics.items() if not name.startswith("f1/"))
        self.metrics.setText("   ".join(f"<b>{metric_label(name)}</b> {value:.4f}" for name, value in shown))
        labelled = evaluation.confusion is not None  # a classifier or a tagger: something to confuse
        self.details.setVisible(labelled)
        self.no_labels.setVisible(not labelled)
        self._show_confusion(evaluation.confusion or [], evaluation.labels or [])
        f1 = evaluation.per_label_f1()
        self.f1_bars.setOpts(x0=[0] * len(f1), y=list(range(len(f1))), width=list(f1.values()), height=0.7)
        self.f1.getAxis("left").setTicks([[(i, f"{label} {score:.2f}") for i, (label, score) in enumerate(f1.items())]])
        self.f1.setYRange(-0.5, max(len(f1), 1) - 0.5)

    def _show_confusion(self, matrix: list[list[int]], labels: list[str]) -> None:
        self.confusion.setRowCount(len(labels))
        self.confusion.setColumnCount(len(labels))
        # Columns go by the rows' numbers (the name in the header's tooltip): as narrow as their counts, eight
        # labels fit beside the F1 plot at 1024×700, where their names pushed five columns out of view.
        self.confusion.setHorizontalHeaderLabels([str(number) for number in range(1, len(labels) + 1)])
        self.confusion.setVerticalHeaderLabels([f"{number} {label}" for number, label in enumerate(labels, 1)])
        for column, label in enumerate(labels):
            self.confusion.horizontalHeaderItem(column).setToolTip(label)
        for row, counts in enumerate(matrix):
            total = max(sum(counts), 1)
            for column, count in enumerate(counts):
                item = QTableWidgetItem(f"{count:,}")
                share = count / total
                item.setBackground(shade(share))
                item.setForeground(QColor("white" if share > 0.55 else "black"))
                item.setToolTip(tr("true {truth}, predicted {predicted}: {count} ({share} of the row)").format(
                    truth=labels[row], predicted=labels[column], count=f"{count:,}", share=f"{share:.0%}"))
                self.confusion.setItem(row, column, item)
        self.confusion.resizeColumnsToContents()
