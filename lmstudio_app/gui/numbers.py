"""A number field that keeps what was typed: scientific notation, no rounding, no silent clamping.

``QDoubleSpinBox`` rounds to a fixed number of decimals (a learning rate of 2e-7
became 0.0) and both Qt spin boxes clamp or drop keystrokes outside their range
(1.5 became 0.5 in a dropout field, 99999 became 9999). ``NumberBox`` accepts any
number, shows it as typed, and leaves the range to whoever reports it: the
config validator for experiment fields, ``limits`` for standalone fields. Text
that is not a number of the field's kind (3.5 for a count, nan, a stray letter)
stays in the field and is reported too: the value stays the last one it could read.
"""

from __future__ import annotations

import math
import re

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QColor, QPalette, QValidator
from PySide6.QtWidgets import QAbstractSpinBox, QStyle, QWidget

from lmstudio_app.config.messages import Message
from lmstudio_app.gui.i18n import tr, translatable

SIZE_SAMPLE = "0.00025"
_INTEGER = re.compile(r"[+-]?\d+")
# Commas only as thousands separators (1,000 or 1,000.5): a decimal comma (0,001 or 1,5) is no number here, where
# dropping it made a learning rate typed as 0,001 a learning rate of 1.
_GROUPED = re.compile(r"[+-]?[1-9]\d{0,2}(,\d{3})+(\.\d*)?([eE][+-]?\d+)?")
NOT_WHOLE = translatable("{text} is not a whole number")
NOT_FINITE = translatable("{text} is not a finite number")
NOT_A_NUMBER = translatable("“{text}” is not a number")
NUMBER_NEEDED = translatable("a number is needed")


def plain(text: str) -> str | None:
    """``text`` without the underscores and thousands separators a person may write in a number; None when a
    comma in it does not group thousands."""
    text = text.strip().replace("_", "")
    if "," not in text:
        return text
    return text.replace(",", "") if _GROUPED.fullmatch(text) else None


def reading_problem(text: str, kind: type) -> str:
    """Why ``text`` (typed, stripped) is not a number of ``kind``, as a translatable template to ``format(text=…)``;
    "" when it is one."""
    if not text:
        return NUMBER_NEEDED
    try:
        number = float(plain(text))
    except (TypeError, ValueError):
        return NOT_A_NUMBER
    if not math.isfinite(number):
        return NOT_FINITE
    return NOT_WHOLE if kind is int and not number.is_integer() else ""


INVALID_FILL = QColor("#fbe3e2")


def mark_invalid(control: QWidget, invalid: bool) -> None:
    """A pale red fill for a field whose value is wrong. A palette, not a style sheet: a style sheet's border made
    Qt draw the field itself, without its spin arrows or its combo arrow."""
    palette = QPalette()  # nothing set: the control follows its parent again
    if invalid:
        palette = QPalette(control.palette())
        for role in (QPalette.ColorRole.Base, QPalette.ColorRole.Button):
            palette.setColor(role, INVALID_FILL)
    control.setPalette(palette)
    control.setProperty("invalid", invalid)


def format_number(value: float | int) -> str:
    """The shortest text that reads back as ``value``: 0.0003, 2e-7, 1e20, 12."""
    if isinstance(value, int):
        return str(value)
    text = f"{value:.12g}"
    return re.sub(r"e([+-])0*(\d)", lambda m: "e" + ("-" if m[1] == "-" else "") + m[2], text)


def nice(value: float) -> float:
    """``value`` without the binary noise that repeated stepping adds (0.30000000000000004 → 0.3)."""
    return float(f"{value:.12g}")


class NumberBox(QAbstractSpinBox):
    """An int or float field. Arrows step by a power of ten below the value (3e-4 → 4e-4, 0.1 → 0.2);
    ``zero_text`` (e.g. "auto") is shown for 0 and may be typed for it."""

    valueChanged = Signal(object)
    problemChanged = Signal(str)  # what is wrong, in the window's language ("" once nothing is)
    unreadableChanged = Signal(object)  # why the typed text is not a number, a Message (None once it is one)

    def __init__(self, kind: type = float, zero_text: str = "", step: float = 1,
                 limits: tuple[float, float] | None = None, parent=None):
        super().__init__(parent)
        self.kind = kind
        self.zero_text = zero_text
        self.step = step
        self.limits = limits
        self._value = kind(0)
        self._problem = ""
        self.unreadable: str | None = None  # the typed text that is not a number of this kind, while it is there
        self.setKeyboardTracking(False)
        self.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToPreviousValue)
        self.editingFinished.connect(self._commit)
        self.lineEdit().setText(self.text_for(self._value))

    # ------------------------------------------------------------------ value

    def value(self) -> float | int:
        return self._value

    def setValue(self, value: float | int) -> None:
        """Show ``value``; emits ``valueChanged`` when it differs (block signals to show it silently)."""
        value = self.kind(value)
        if self.parse(self.lineEdit().text()) != value:  # text typed as "1e-4" stays so while it means the value
            self.lineEdit().setText(self.text_for(value))
        changed = value != self._value
        self._value = value
        self._set_unreadable(None)
        if changed:
            self.valueChanged.emit(value)

    def set_zero_text(self, text: str) -> None:
        """Another word for 0 (the window's language changed)."""
        self.zero_text = text
        self.lineEdit().setText(self.text_for(self._value))

    def text_for(self, value: float | int) -> str:
        return self.zero_text if value == 0 and self.zero_text else format_number(value)

    def parse(self, text: str) -> float | int | None:
        """The number ``text`` means, or None."""
        text = plain(text)
        if text is None:
            return None
        if self.zero_text and text.lower() == self.zero_text.lower():
            return self.kind(0)
        if self.kind is int and _INTEGER.fullmatch(text):
            return int(text)  # exactly: through a float, 99999999999999999999 would become 1e20
        try:
            number = float(text)
        except ValueError:
            return None
        if not math.isfinite(number):
            return None
        if self.kind is int:
            return int(number) if number.is_integer() else None
        return number

    # ------------------------------------------------------------------ range, reported not enforced

    @property
    def problem(self) -> str:
        return self._problem

    def _set_unreadable(self, text: str | None) -> None:
        changed = text != self.unreadable
        self.unreadable = text
        self._check()
        if changed:
            self.unreadableChanged.emit(None if text is None else Message(reading_problem(text, self.kind),
                                                                          {"text": text}))

    def _check(self) -> None:
        problem = ""
        if self.unreadable is not None:
            problem = tr(reading_problem(self.unreadable, self.kind)).format(text=self.unreadable)
        elif self.limits is not None and not self.limits[0] <= self._value <= self.limits[1]:
            low, high = self.limits
            problem = tr("{value} is outside {low}…{high}").format(value=self.text_for(self._value),
                                                                   low=format_number(low), high=format_number(high))
        if problem != self._problem:
            self._problem = problem
            mark_invalid(self, bool(problem))
            self.setToolTip(problem)
            self.problemChanged.emit(problem)

    # ------------------------------------------------------------------ QAbstractSpinBox's interface

    def sizeHint(self) -> QSize:
        """Room for a number like 0.00025 (the base class knows no range to measure, and guesses ~2 digits)."""
        hint = super().sizeHint()
        sample = max(SIZE_SAMPLE, self.lineEdit().text(), self.zero_text, key=len)
        arrows = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent) + 12
        return QSize(max(hint.width(), self.fontMetrics().horizontalAdvance(sample) + arrows), hint.height())

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def validate(self, text: str, position: int):
        """Any text may be typed: what is not a number is reported when the field is left, not refused key by key
        (a refused key is a silent one)."""
        if self.parse(text) is not None:
            return QValidator.State.Acceptable, text, position
        return QValidator.State.Intermediate, text, position

    def fixup(self, text: str) -> str:
        return text  # kept as typed, and reported: never put back to the last value behind the person's back

    def _commit(self) -> None:
        text = self.lineEdit().text()
        value = self.parse(text)
        if value is None:
            self._set_unreadable(text.strip())
        else:
            self.setValue(value)

    def stepBy(self, steps: int) -> None:
        current = self.parse(self.lineEdit().text())
        current = self._value if current is None else current
        if self.kind is int:
            self.setValue(int(current + steps * self.step))
            self.lineEdit().setText(self.text_for(self._value))
            return
        size = 10 ** math.floor(math.log10(abs(current))) if current else self.step
        target = nice(current + steps * size)
        if current and (target == 0 or (current > 0) != (target > 0)):  # stepping down through a power of ten
            target = nice(current + steps * size / 10)
        self.setValue(target)
        self.lineEdit().setText(self.text_for(self._value))

    def stepEnabled(self) -> QAbstractSpinBox.StepEnabledFlag:
        return QAbstractSpinBox.StepEnabledFlag.StepUpEnabled | QAbstractSpinBox.StepEnabledFlag.StepDownEnabled
