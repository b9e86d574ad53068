"""Help › Lessons: the course, a lesson at a time — its formula, what it explains, what to look for, Run this, and
the verdict its runs earned.

The panel only shows and asks: Run this emits ``runRequested`` (the window loads the experiment, starts the
lesson and brings the lesson's view to the front); verdicts arrive as the session's ``lessonJudged``, and those of
earlier sessions are what the session read from the lesson book when the window opened.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtSvgWidgets import QSvgWidget
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from lmstudio_app.config.lessons import FORMULA, LESSONS, LESSONS_BY_NAME, NO_RUN, Lesson
from lmstudio_app.events import LessonJudged, verdict_lines
from lmstudio_app.gui.formula import formula_svg
from lmstudio_app.gui.i18n import retranslated, texts, tr, translatable
from lmstudio_app.gui.session import RunState, SessionModel

MARKS = {True: "✔", False: "✘", None: "?"}  # a lesson's last verdict, in the list (· when it never ran)


class Formula(QSvgWidget):
    """A typeset formula at its own height, scaled down (never up) to the width it is given, its proportions
    kept."""

    def __init__(self):
        super().__init__()
        self.setObjectName("lessonFormula")
        self.renderer().setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        texts(self, setAccessibleName=FORMULA)

    def show_formula(self, latex: str) -> None:
        self.load(QByteArray(formula_svg(latex)))
        self.setFixedHeight(self.renderer().defaultSize().height())


def _heading(name: str, text: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    texts(label, setText=text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


def _paragraph(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class LessonsView(QWidget):
    runRequested = Signal(str, bool)  # the lesson's name; whether the longer variant

    def __init__(self, session: SessionModel, parent=None):
        super().__init__(parent)
        self.setObjectName("lessonsView")
        self.session = session
        self.list = QListWidget()
        self.list.setObjectName("lessonList")
        texts(self.list, setAccessibleName=translatable("lessons"))
        for lesson in LESSONS:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, lesson.name)
            self.list.addItem(item)
        self.title = _paragraph("lessonTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.formula = Formula()
        self.explanation = _paragraph("lessonExplanation")
        self.look_for = _paragraph("lessonLookFor")
        self.verdict = _paragraph("lessonVerdict")
        self.run_button = QPushButton()
        self.run_button.setObjectName("runLessonButton")
        texts(self.run_button, setText=translatable("Run this"),
              setToolTip=translatable("load the lesson's experiment, start it (about two minutes on two cores) and "
                                      "show the view where its point appears; the verdict follows when it ends"))
        self.run_long_button = QPushButton()
        self.run_long_button.setObjectName("runLongLessonButton")
        texts(self.run_long_button, setText=translatable("Run the longer variant"),
              setToolTip=translatable("the same lesson trained longer: slower, and more reliable"))
        self.run_button.clicked.connect(lambda: self.runRequested.emit(self.current().name, False))
        self.run_long_button.clicked.connect(lambda: self.runRequested.emit(self.current().name, True))

        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.title)
        layout.addWidget(self.formula)
        layout.addWidget(self.explanation)
        layout.addWidget(_heading("lookForHeading", translatable("What to look for")))
        layout.addWidget(self.look_for)
        layout.addWidget(_heading("verdictHeading", translatable("Verdict")))
        layout.addWidget(self.verdict)
        buttons = QHBoxLayout()
        buttons.addWidget(self.run_button)
        buttons.addWidget(self.run_long_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(page)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.list)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(1, 3)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(splitter)

        self.list.currentRowChanged.connect(self._show_lesson)
        session.lessonJudged.connect(self._judged)
        session.stateChanged.connect(self._enable)
        self.list.setCurrentRow(0)
        retranslated(self, self._retranslate)
        self._enable()

    def current(self) -> Lesson:
        return LESSONS_BY_NAME[self.list.currentItem().data(Qt.ItemDataRole.UserRole)]

    def choose(self, name: str) -> None:
        self.list.setCurrentRow(next(i for i, lesson in enumerate(LESSONS) if lesson.name == name))

    def _retranslate(self) -> None:
        for row, lesson in enumerate(LESSONS):
            judged = self.session.lessons.get(lesson.name)
            mark = MARKS[judged.held] if judged is not None else "·"
            self.list.item(row).setText(f"{mark}  {row + 1}. {tr(lesson.title)}")
        self._show_lesson()

    def _show_lesson(self, *_: object) -> None:
        lesson = self.current()
        self.title.setText(tr(lesson.title))
        self.formula.show_formula(lesson.formula)
        self.explanation.setText(tr(lesson.explanation))
        self.look_for.setText(tr(lesson.look_for))
        judged = self.session.lessons.get(lesson.name)
        if judged is None:
            problem = self.session.lesson_book_problem
            lines = [problem.render(tr)] if problem else []
            self.verdict.setText("\n".join([*lines, tr(NO_RUN)]))
        else:
            self.verdict.setText("\n".join(line.render(tr) for line in verdict_lines(judged, lesson)))

    def _judged(self, judged: LessonJudged) -> None:
        self.choose(judged.lesson)
        self._retranslate()
        self._enable()
        if judged.held is None:  # stopped, or nothing measured: said here, the earlier verdict stays in the list
            self.verdict.setText("\n".join(line.render(tr) for line in verdict_lines(judged, self.current())))

    def _enable(self, *_: object) -> None:
        idle = self.session.state == RunState.IDLE and not self.session.sweeping
        self.run_button.setEnabled(idle)
        self.run_long_button.setEnabled(idle)
