"""NumberBox: what is typed is what is stored; nothing is rounded or clamped behind the person's back."""

import pytest
from PySide6.QtCore import Qt

from lmstudio_app.gui.numbers import NumberBox, format_number


def type_into(qtbot, box: NumberBox, text: str) -> None:
    box.lineEdit().selectAll()
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


def test_letters_are_refused_and_an_unfinished_number_reverts(qtbot):
    box = NumberBox(float)
    qtbot.addWidget(box)
    box.setValue(0.25)
    type_into(qtbot, box, "banana")
    assert box.value() == 0.25
    type_into(qtbot, box, "1e-")
    box.clearFocus()
    box.editingFinished.emit()
    assert box.value() == 0.25 and box.lineEdit().text() == "0.25"


def test_zero_shows_its_meaning_and_can_be_typed(qtbot):
    box = NumberBox(int, zero_text="auto")
    qtbot.addWidget(box)
    box.setValue(64)
    type_into(qtbot, box, "auto")
    assert box.value() == 0 and box.lineEdit().text() == "auto"


def test_integer_fields_refuse_fractions(qtbot):
    box = NumberBox(int)
    qtbot.addWidget(box)
    box.setValue(4)
    type_into(qtbot, box, "2.5")
    assert box.value() == 4
    type_into(qtbot, box, "1e3")
    assert box.value() == 1000


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
