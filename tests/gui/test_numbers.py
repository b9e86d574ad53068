"""NumberBox: what is typed is what is stored; nothing is rounded or clamped behind the person's back."""

import pytest
from PySide6.QtCore import Qt

from lmstudio_app.gui.numbers import NumberBox, format_number


def type_into(qtbot, box: NumberBox, text: str) -> None:
    box.lineEdit().selectAll()
    qtbot.keyClick(box.lineEdit(), Qt.Key.Key_Delete)
    qtbot.keyClicks(box.lineEdit(), text)
    qtbot.keyClick(box.lineEdit(), Qt.Key.Key_Return)


@pytest.mark.parametrize(("value", "text"), [(2e-7, "2e-7"), (3e-4, "0.0003"), (0.1, "0.1"), (1e20, "1e20"),
                                             (12.0, "12"), (1.5, "1.5"), (7, "7")])
def test_numbers_are_shown_in_their_shortest_exact_form(value, text):
    assert format_number(value) == text
    assert float(text) == value


def test_scientific_notation_is_kept_as_typed_and_stored_exactly(qtbot):
    box = NumberBox(float)
    qtbot.addWidget(box)
    with qtbot.waitSignal(box.valueChanged) as changed:
        type_into(qtbot, box, "2e-7")
    assert changed.args == [2e-7]
    assert box.value() == 2e-7 and box.lineEdit().text() == "2e-7"


@pytest.mark.parametrize(("kind", "typed", "stored"), [(float, "1.5", 1.5), (float, "-5", -5.0),
                                                         (int, "99999", 99999), (int, "-5", -5)])
def test_values_outside_any_range_are_stored_not_clamped(qtbot, kind, typed, stored):
    box = NumberBox(kind)
    qtbot.addWidget(box)
    type_into(qtbot, box, typed)
    assert box.value() == stored and box.lineEdit().text() == typed


def test_limits_are_reported_not_enforced(qtbot):
    box = NumberBox(float, limits=(0.0, 1.0))
    qtbot.addWidget(box)
    with qtbot.waitSignal(box.problemChanged) as reported:
        type_into(qtbot, box, "1.5")
    assert box.value() == 1.5
    assert reported.args == ["1.5 is outside 0…1"] and box.toolTip() == "1.5 is outside 0…1"
    type_into(qtbot, box, "0.5")
    assert box.problem == ""


@pytest.mark.parametrize(("kind", "typed", "problem"), [
    (float, "banana", "“banana” is not a number"), (float, "1e-", "“1e-” is not a number"),
    (float, "nan", "nan is not a finite number"), (int, "3.5", "3.5 is not a whole number"),
    (int, "nan", "nan is not a finite number"), (int, "", "a number is needed"),
    # a decimal comma is not read as a thousands separator: 0,001 was stored as a learning rate of 1
    (float, "0,001", "“0,001” is not a number"), (float, "1,5", "“1,5” is not a number"),
    (int, "1,50", "“1,50” is not a number")])
def test_text_that_is_no_number_of_the_field_stays_and_is_reported(qtbot, kind, typed, problem):
    box = NumberBox(kind)
    qtbot.addWidget(box)
    box.setValue(4)
    with qtbot.waitSignal(box.problemChanged) as reported:
        type_into(qtbot, box, typed)
    assert reported.args == [problem] and box.toolTip() == problem
    assert box.lineEdit().text() == typed and box.value() == 4  # the value is the last one it could read
    with qtbot.waitSignal(box.problemChanged) as fixed:
        type_into(qtbot, box, "5")
    assert fixed.args == [""] and box.value() == 5


def test_zero_shows_its_meaning_and_can_be_typed(qtbot):
    box = NumberBox(int, zero_text="auto")
    qtbot.addWidget(box)
    box.setValue(64)
    type_into(qtbot, box, "auto")
    assert box.value() == 0 and box.lineEdit().text() == "auto"


def test_integers_are_read_exactly_however_they_are_written(qtbot):
    box = NumberBox(int)
    qtbot.addWidget(box)
    type_into(qtbot, box, "1e3")
    assert box.value() == 1000
    type_into(qtbot, box, "99999999999999999999")  # through a float it would be 1e20
    assert box.value() == 99999999999999999999 and box.lineEdit().text() == "99999999999999999999"
    type_into(qtbot, box, "1,000,000")  # commas that group thousands
    assert box.value() == 1_000_000


def test_commas_grouping_thousands_are_read_in_decimals_too(qtbot):
    box = NumberBox(float)
    qtbot.addWidget(box)
    type_into(qtbot, box, "1,000.5")
    assert box.value() == 1000.5 and box.problem == ""


def spin_arrow_ink(box: NumberBox) -> list[int]:
    """How many dark pixels the up and down arrows have, as drawn."""
    from PySide6.QtGui import QColor
    from PySide6.QtWidgets import QStyle, QStyleOptionSpinBox

    option = QStyleOptionSpinBox()
    box.initStyleOption(option)
    picture = box.grab().toImage()
    ink = []
    for arrow in (QStyle.SubControl.SC_SpinBoxUp, QStyle.SubControl.SC_SpinBoxDown):
        rect = box.style().subControlRect(QStyle.ComplexControl.CC_SpinBox, option, arrow, box)
        ink.append(sum(QColor(picture.pixel(x, y)).lightness() < 100
                       for x in range(rect.left() + 2, rect.right() - 1) for y in range(rect.top() + 1, rect.bottom())))
    return ink


def test_a_field_marked_wrong_keeps_its_spin_arrows(qtbot):
    box = NumberBox(float, limits=(0.0, 1.0))
    qtbot.addWidget(box)
    box.resize(200, box.sizeHint().height())
    box.show()
    arrows = spin_arrow_ink(box)
    assert min(arrows) > 0
    type_into(qtbot, box, "1.5")
    assert box.problem
    assert spin_arrow_ink(box) == arrows


def test_arrows_step_by_a_power_of_ten_below_the_value(qtbot):
    box = NumberBox(float, step=0.01)
    qtbot.addWidget(box)
    box.setValue(3e-4)
    box.stepBy(1)
    assert box.value() == 4e-4
    box.setValue(0.1)
    box.stepBy(-1)
    assert box.value() == 0.09
    box.setValue(0.0)
    box.stepBy(1)
    assert box.value() == 0.01


def test_a_number_field_is_wide_enough_for_its_number(qtbot):
    box = NumberBox(float)
    qtbot.addWidget(box)
    box.setValue(0.00025)
    box.show()
    assert box.lineEdit().width() >= box.fontMetrics().horizontalAdvance("0.00025")
