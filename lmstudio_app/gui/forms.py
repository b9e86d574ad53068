"""Forms built from the config's own field descriptions: one control per field, errors inline.

Each control reads its value from the session model and writes changes back;
it never keeps its own copy of the experiment. Controls are named
``{section}_{field}`` (a few have the short names automation expects, such as
``familyCombo``) and carry the field's help text as tooltip and accessible
description.
"""

from __future__ import annotations

import dataclasses
import re
import typing

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from lmstudio_app.config.availability import missing_packages
from lmstudio_app.config.messages import FIELD_PROBLEM, Message, Problem
from lmstudio_app.config.schema import SECTIONS
from lmstudio_app.gui.i18n import retranslated, texts, tr, translatable
from lmstudio_app.gui.numbers import NumberBox, mark_invalid
from lmstudio_app.gui.session import SessionModel

SPECIAL_NAMES = {
    ("model", "family"): "familyCombo",
    ("objective", "name"): "objectiveCombo",
    ("data", "corpus"): "corpusCombo",
    ("tokenizer", "kind"): "tokenizerCombo",
    ("finetune", "task"): "taskCombo",
    ("finetune", "strategy"): "strategyCombo",
}


def control_name(section: str, name: str) -> str:
    return SPECIAL_NAMES.get((section, name), f"{section}_{name}")


def label_text(name: str) -> str:
    return name.replace("_", " ")


def problem_message(problem: str) -> str:
    """A problem without its field, in the window's language: what a form shows under the field. A ``Problem``
    (the validator's, or a number box's) is rendered from its template; a plain line (another error the session
    counts, such as a pretrained run that cannot be read) is shown as written."""
    if isinstance(problem, Problem):
        return problem.message.render(tr)
    return problem.split(": ", 1)[1] if ": " in problem else problem


def problem_text(problem: str) -> str:
    """A problem with its field ("model.n_heads: …"), the message in the window's language."""
    field, colon, _ = problem.partition(": ")
    if not colon:
        return problem_message(problem)
    return Message(FIELD_PROBLEM, {"field": field, "problem": problem_message(problem)}).render(tr)


ZERO_WORDS = (translatable("all"), translatable("never"), translatable("none"), translatable("off"),
              translatable("auto"))


def zero_text(help_text: str) -> str:
    """What a field shows for 0 when its help says what 0 means: "(0 = all)" → "all", "(0 = 4 × d_model)" →
    "auto" (in English: ``tr`` gives the window's word)."""
    match = re.search(r"\(0 = ([^)]*)\)", help_text)
    if not match:
        return ""
    meaning = match[1].strip()
    return meaning if meaning in ZERO_WORDS else "auto"


class FieldEditor(QWidget):
    """One field: its control and, under it, the validator's message when the value is wrong."""

    edited = Signal(object)
    unreadable = Signal(object)  # why the typed text is not a value of the field, a Message (None once it is one)

    def __init__(self, section: str, field: dataclasses.Field, type_: typing.Any, parent=None):
        super().__init__(parent)
        self.section, self.name = section, field.name
        meta = field.metadata
        self.lists = typing.get_origin(type_) is list  # typed as "a, b, c"
        self.control = self._make_control(type_, meta)
        self.control.setObjectName(control_name(section, field.name))
        self.help = meta.get("help", "")
        self.error = QLabel()
        self.error.setObjectName(f"{section}_{field.name}_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #d9534f;")
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        layout.addWidget(self.control)
        layout.addWidget(self.error)
        self.problems: list[str] = []
        retranslated(self, self._retranslate)

    def _retranslate(self) -> None:
        control = self.control
        control.setToolTip(tr(self.help))
        control.setAccessibleName(tr(label_text(self.name)))
        control.setAccessibleDescription(tr(self.help))
        if isinstance(control, QComboBox):
            if control.findData("") >= 0:
                control.setItemText(control.findData(""), tr("(none)"))
            self._disable_missing(control)
        elif isinstance(control, NumberBox) and control.zero_text:
            control.set_zero_text(tr(zero_text(self.help)))
        self._show_placeholder()
        self.show_problems(self.problems)

    def _show_placeholder(self) -> None:
        """Says "comma-separated" in an empty list field while it can be typed into; in a disabled field the grey
        placeholder read like a value."""
        if self.lists:
            self.control.setPlaceholderText(tr("comma-separated") if self.isEnabled() else "")

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.EnabledChange:  # also when a form or step around it is disabled
            self._show_placeholder()

    def _make_control(self, type_, meta) -> QWidget:
        choices = meta.get("choices") or ()
        if choices:
            control = QComboBox()
            for choice in choices:
                control.addItem(choice or "(none)", choice)  # "(none)" in the window's language: _retranslate
            control.currentIndexChanged.connect(lambda _: self.edited.emit(control.currentData()))
            return control
        if type_ is bool:
            control = QCheckBox()
            control.toggled.connect(self.edited.emit)
            return control
        if type_ in (int, float):
            # The range is the validator's to report (under the field), never the control's to enforce.
            step = 1 if type_ is int else (0.01 if (meta.get("max") or 10) <= 1 else 0.1)
            control = NumberBox(type_, zero_text=zero_text(meta.get("help", "")), step=step)
            control.valueChanged.connect(self.edited.emit)
            control.unreadableChanged.connect(self.unreadable.emit)
            return control
        control = QLineEdit()
        if self.lists:
            control.editingFinished.connect(
                lambda: self.edited.emit([part.strip() for part in control.text().split(",") if part.strip()]))
        else:
            control.editingFinished.connect(lambda: self.edited.emit(control.text()))
        return control

    def _disable_missing(self, combo: QComboBox) -> None:
        """Choices whose data comes with a package that is not installed: greyed out, the tooltip says how to
        install it."""
        for choice, package in missing_packages(self.section, self.name).items():
            index = combo.findData(choice)
            if index >= 0:
                item = combo.model().item(index)
                item.setEnabled(False)
                item.setToolTip(tr("comes with the {package} package, which is not installed: pip install {package}")
                                .format(package=package))

    def show_value(self, value) -> None:
        control = self.control
        control.blockSignals(True)
        if isinstance(control, QComboBox):
            index = control.findData(value)
            if index < 0:  # a value the list does not offer: show it so the error beside it makes sense
                control.addItem(str(value), value)
                index = control.count() - 1
            control.setCurrentIndex(index)
        elif isinstance(control, QCheckBox):
            control.setChecked(bool(value))
        elif isinstance(control, NumberBox):
            control.setValue(value)
        elif isinstance(value, list):
            control.setText(", ".join(value))
        else:
            control.setText(str(value))
        control.blockSignals(False)

    def show_problems(self, problems: list[str]) -> None:
        self.problems = problems
        text = "\n".join(problem_message(p) for p in problems)
        self.error.setText(text)
        self.error.setVisible(bool(text))
        mark_invalid(self.control, bool(text))


class AdoptedBanner(QLabel):
    """Above a form whose section a fine-tune takes from its pretrained run: says so, and the form is read-only."""

    def __init__(self, session: SessionModel, what: str, form: QWidget, parent=None):
        super().__init__(parent)
        self.session, self.what, self.form = session, what, form
        self.setObjectName(f"adopted{what.title().replace(' ', '')}Banner")
        self.setWordWrap(True)
        self.setStyleSheet("background: #fff3cd; border: 1px solid #e0c060; padding: 4px;")
        session.configChanged.connect(self.refresh)
        retranslated(self, self.refresh)

    def refresh(self) -> None:
        source = self.session.adopted_from
        self.form.setEnabled(not source)
        self.setVisible(bool(source))
        if source:
            self.setText(tr("<b>Adopted from the pretrained run {run}</b> (read-only): a fine-tune keeps the {what} it "
                            "was pretrained with. To change it, choose “from scratch” under Fine-tuning › Start "
                            "from.").format(run=self.session.adopted_name, what=tr(self.what)))
            self.setToolTip(source)


class SectionForm(QWidget):
    """The fields of one config section (or a chosen subset), bound to the session. Up to ``columns`` columns
    when there is room, one when there is not: the form reflows instead of asking for a horizontal scroll bar."""

    def __init__(self, session: SessionModel, section: str, fields: list[str] | None = None, columns: int = 1,
                 parent=None):
        super().__init__(parent)
        self.session = session
        self.section = section
        self.max_columns = columns
        cls = SECTIONS[section]
        types = typing.get_type_hints(cls)
        wanted = fields or [f.name for f in dataclasses.fields(cls)]
        by_name = {f.name: f for f in dataclasses.fields(cls)}
        self.editors: dict[str, FieldEditor] = {}
        self.rows: list[tuple[QLabel, FieldEditor]] = []
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        # The grid's own minimum (every column side by side) must not bind: minimumSizeHint says one column.
        self.grid.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        for name in wanted:
            editor = FieldEditor(section, by_name[name], types[name], self)
            editor.edited.connect(lambda value, name=name: session.set_field(section, name, value))
            editor.unreadable.connect(lambda problem, name=name: session.set_input_problem(section, name, problem))
            label = QLabel()
            label.setBuddy(editor.control)
            texts(label, setText=label_text(name), setToolTip=by_name[name].metadata.get("help", ""))
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            label.setMinimumHeight(editor.control.sizeHint().height())  # level with the control, above its error
            self.rows.append((label, editor))
            self.editors[name] = editor
        self.columns = 0
        self.arrange(1)
        session.configChanged.connect(self.refresh)
        session.problemsChanged.connect(self.refresh_problems)
        self.refresh()
        self.refresh_problems()

    def column_width(self) -> int:
        """The narrowest one label-and-field column can be."""
        spacing = max(self.grid.horizontalSpacing(), 6)
        return (max(label.sizeHint().width() for label, _ in self.rows) + spacing
                + max(editor.minimumSizeHint().width() for _, editor in self.rows))

    def minimumSizeHint(self) -> QSize:
        return QSize(self.column_width(), super().minimumSizeHint().height())

    def arrange(self, columns: int) -> None:
        """Lay the fields out top to bottom in ``columns`` columns."""
        if columns == self.columns:
            return
        self.columns = columns
        for label, editor in self.rows:
            self.grid.removeWidget(label)
            self.grid.removeWidget(editor)
        per_column = -(-len(self.rows) // columns)
        for position, (label, editor) in enumerate(self.rows):
            column, row = divmod(position, per_column)
            self.grid.addWidget(label, row, 2 * column, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight)
            self.grid.addWidget(editor, row, 2 * column + 1)
        for column in range(2 * self.max_columns):
            self.grid.setColumnStretch(column, 1 if column % 2 and column < 2 * columns else 0)
        self.updateGeometry()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        gap = 18
        fitting = max(1, min(self.max_columns, (event.size().width() + gap) // (self.column_width() + gap)))
        self.arrange(fitting)

    def refresh(self) -> None:
        values = getattr(self.session.effective, self.section)
        for name, editor in self.editors.items():
            if not self.session.input_problem(self.section, name):  # what was typed stays until it is a value
                editor.show_value(getattr(values, name))

    def refresh_problems(self, *_: object) -> None:
        for name, editor in self.editors.items():
            editor.show_problems(self.session.problems_for(self.section, name))

    def set_enabled_fields(self, enabled: dict[str, bool]) -> None:
        for name, on in enabled.items():
            if name in self.editors:
                self.editors[name].setEnabled(on)
