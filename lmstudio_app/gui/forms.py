"""Forms built from the config's own field descriptions: one control per field, errors inline.

Each control reads its value from the session model and writes changes back;
it never keeps its own copy of the experiment. Controls are named
``{section}_{field}`` (a few have the short names automation expects, such as
``familyCombo``) and carry the field's help text as tooltip and accessible
description.
"""

from __future__ import annotations

import dataclasses
import typing

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from lmstudio_app.config.schema import SECTIONS
from lmstudio_app.gui.session import SessionModel

SPECIAL_NAMES = {
    ("model", "family"): "familyCombo",
    ("objective", "name"): "objectiveCombo",
    ("data", "corpus"): "corpusCombo",
    ("tokenizer", "kind"): "tokenizerCombo",
    ("finetune", "task"): "taskCombo",
    ("finetune", "strategy"): "strategyCombo",
}
_INT_LIMIT = 2_000_000_000


def control_name(section: str, name: str) -> str:
    return SPECIAL_NAMES.get((section, name), f"{section}_{name}")


def label_text(name: str) -> str:
    return name.replace("_", " ")


class FieldEditor(QWidget):
    """One field: its control and, under it, the validator's message when the value is wrong."""

    edited = Signal(object)

    def __init__(self, section: str, field: dataclasses.Field, type_: typing.Any, parent=None):
        super().__init__(parent)
        self.section, self.name = section, field.name
        meta = field.metadata
        self.control = self._make_control(type_, meta)
        self.control.setObjectName(control_name(section, field.name))
        self.control.setToolTip(meta.get("help", ""))
        self.control.setAccessibleName(label_text(field.name))
        self.control.setAccessibleDescription(meta.get("help", ""))
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

    def _make_control(self, type_, meta) -> QWidget:
        choices = meta.get("choices") or ()
        if choices:
            control = QComboBox()
            for choice in choices:
                control.addItem(choice or "(none)", choice)
            control.currentIndexChanged.connect(lambda _: self.edited.emit(control.currentData()))
            return control
        if type_ is bool:
            control = QCheckBox()
            control.toggled.connect(self.edited.emit)
            return control
        if type_ is int:
            control = QSpinBox()
            control.setRange(int(meta["min"]) if meta.get("min") is not None else -_INT_LIMIT,
                             int(meta["max"]) if meta.get("max") is not None else _INT_LIMIT)
            control.setKeyboardTracking(False)
            control.valueChanged.connect(self.edited.emit)
            return control
        if type_ is float:
            control = QDoubleSpinBox()
            control.setDecimals(6)
            control.setRange(meta["min"] if meta.get("min") is not None else -1e9,
                             meta["max"] if meta.get("max") is not None else 1e9)
            control.setSingleStep(0.01 if (meta.get("max") or 10) <= 1 else 0.1)
            control.setKeyboardTracking(False)
            control.valueChanged.connect(self.edited.emit)
            return control
        control = QLineEdit()
        if typing.get_origin(type_) is list:
            control.setPlaceholderText("comma-separated")
            control.editingFinished.connect(
                lambda: self.edited.emit([part.strip() for part in control.text().split(",") if part.strip()]))
        else:
            control.editingFinished.connect(lambda: self.edited.emit(control.text()))
        return control

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
        elif isinstance(control, (QSpinBox, QDoubleSpinBox)):
            control.setValue(value)
        elif isinstance(value, list):
            control.setText(", ".join(value))
        else:
            control.setText(str(value))
        control.blockSignals(False)

    def show_problems(self, problems: list[str]) -> None:
        text = "\n".join(p.split(": ", 1)[1] if ": " in p else p for p in problems)
        self.error.setText(text)
        self.error.setVisible(bool(text))
        self.control.setProperty("invalid", bool(text))
        self.control.setStyleSheet("border: 1px solid #d9534f;" if text else "")


class SectionForm(QWidget):
    """The fields of one config section (or a chosen subset), bound to the session."""

    def __init__(self, session: SessionModel, section: str, fields: list[str] | None = None, columns: int = 1,
                 parent=None):
        super().__init__(parent)
        self.session = session
        self.section = section
        cls = SECTIONS[section]
        types = typing.get_type_hints(cls)
        wanted = fields or [f.name for f in dataclasses.fields(cls)]
        by_name = {f.name: f for f in dataclasses.fields(cls)}
        self.editors: dict[str, FieldEditor] = {}
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        forms = []
        for _ in range(columns):
            form = QFormLayout()
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
            outer.addLayout(form, 1)
            forms.append(form)
        per_column = -(-len(wanted) // columns)
        for position, name in enumerate(wanted):
            layout = forms[position // per_column]
            editor = FieldEditor(section, by_name[name], types[name], self)
            editor.edited.connect(lambda value, name=name: session.set_field(section, name, value))
            label = QLabel(label_text(name))
            label.setBuddy(editor.control)
            label.setToolTip(by_name[name].metadata.get("help", ""))
            layout.addRow(label, editor)
            self.editors[name] = editor
        session.configChanged.connect(self.refresh)
        session.problemsChanged.connect(self.refresh_problems)
        self.refresh()
        self.refresh_problems()

    def refresh(self) -> None:
        values = getattr(self.session.config, self.section)
        for name, editor in self.editors.items():
            editor.show_value(getattr(values, name))

    def refresh_problems(self, *_: object) -> None:
        for name, editor in self.editors.items():
            editor.show_problems(self.session.problems_for(self.section, name))

    def set_enabled_fields(self, enabled: dict[str, bool]) -> None:
        for name, on in enabled.items():
            if name in self.editors:
                self.editors[name].setEnabled(on)
