"""Every registered objective in the window: picked on the objective step of a model of a family it fits, its
own settings (and only they) show with their help, and its preview fills the step. A new objective joins this
test without an edit here (its engine side: tests/engine/objectives/test_objective_plugins.py)."""

import dataclasses

import pytest
from PySide6.QtWidgets import QComboBox, QPushButton, QWidget

from lmstudio_app.config.objectives import SPECS
from lmstudio_app.config.schema import ObjectiveConfig

HELP = {f.name: f.metadata["help"] for f in dataclasses.fields(ObjectiveConfig)}
EVERY_OPTION = {option for spec in SPECS.values() for option in spec.options}


@pytest.mark.parametrize("name", SPECS)
def test_the_objective_step_offers_an_objective_with_its_settings_and_previews_it(qtbot, window, name):
    spec = SPECS[name]
    family, objective = window.findChild(QComboBox, "familyCombo"), window.findChild(QComboBox, "objectiveCombo")
    family.setCurrentIndex(family.findData(spec.families[0]))
    objective.setCurrentIndex(objective.findData(name))
    assert window.session.config.objective.name == name and window.session.valid
    page = window.objective_page
    with qtbot.waitSignal(window.session.previewReady, timeout=120_000):
        window.show_view("objective")
    def visible(option: str) -> list[QWidget]:  # objectives sharing a setting each show it in their own form
        return [editor for editor in page.findChildren(QWidget, f"objective_{option}") if editor.isVisibleTo(page)]

    assert {option for option in EVERY_OPTION if visible(option)} == set(spec.options)
    for option in spec.options:
        assert [editor.toolTip() for editor in visible(option)] == [HELP[option]]
    with qtbot.waitSignal(window.session.previewReady, timeout=120_000):
        page.findChild(QPushButton, "previewButton").click()
    assert "model input" in page.preview.toPlainText()
    assert page.gallery.current(name) is not None  # its mask is in the gallery, marked as the experiment's
