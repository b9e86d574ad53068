"""File › Open model folder…: a transformers checkpoint becomes a run, the model in use, with its attention shown."""

import pytest

from lmstudio_app.gui.session import RunState
from tests.engine.application.hf_checkpoints import write_checkpoint

from .driving import answering, path_entered, runs_listed

transformers = pytest.importorskip("transformers")


def test_opening_a_model_folder_imports_it_and_shows_its_attention(qtbot, window, tmp_path):
    reference = write_checkpoint(tmp_path / "tiny-gpt2", "GPT2LMHeadModel")
    with qtbot.waitSignal(window.session.snapshotAdded, timeout=60_000) as probed:
        with answering(qtbot, path_entered(tmp_path / "tiny-gpt2")):
            window.import_action.trigger()
    snapshot = probed.args[0]
    assert window.dashboard.currentWidget() is window.attention_view
    qtbot.waitUntil(lambda: window.session.model.run_dir in {run.run_dir for run in window.session.runs})  # in Runs
    record = next(run for run in window.session.runs if run.run_dir == window.session.model.run_dir)
    assert record.status == "imported" and "tiny-gpt2-imported" in record.run_dir
    layers = snapshot.attention["decoder"]
    assert len(layers) == reference.config.n_layer == 2 and layers[0].shape[0] == reference.config.n_head == 4
    assert window.session.state == RunState.IDLE


def test_a_folder_that_is_not_a_checkpoint_is_a_sentence(qtbot, window, tmp_path):
    (tmp_path / "notes").mkdir()
    with qtbot.waitSignal(window.session.errorRaised, timeout=60_000) as refused:
        with answering(qtbot, path_entered(tmp_path / "notes")):
            window.import_action.trigger()
    assert refused.args[0].endswith("holds no config.json, so it is not a transformers checkpoint folder")
    assert window.session.model is None


def test_a_second_model_folder_replaces_the_first_in_the_attention_view_too(qtbot, window, tmp_path):
    write_checkpoint(tmp_path / "tiny-gpt2", "GPT2LMHeadModel")
    bert = write_checkpoint(tmp_path / "tiny-bert", "BertForMaskedLM", num_hidden_layers=3)
    view = window.attention_view
    for folder in ("tiny-gpt2", "tiny-bert"):
        with qtbot.waitSignal(window.session.snapshotAdded, timeout=60_000) as probed, \
                answering(qtbot, path_entered(tmp_path / folder)):
            window.import_action.trigger()
    snapshot = probed.args[0]
    assert window.session.model.config.model.family == "encoder"  # what the playground uses
    assert list(window.session.snapshots) == [snapshot] and list(snapshot.attention) == ["encoder"]
    reads = transformers.AutoTokenizer.from_pretrained(tmp_path / "tiny-bert")  # as transformers reads this BERT
    assert snapshot.tokens == tuple(reads.convert_ids_to_tokens(reads(window.session.model.config.training.probe_text)["input_ids"]))
    qtbot.waitUntil(lambda: view.kind.currentData() == "encoder", timeout=5_000)
    assert view.kind.count() == 1 and view.layer.maximum() == bert.config.num_hidden_layers - 1
    assert view.head.count() == bert.config.num_attention_heads + 1  # and the mean
    assert view.head_view.queries == snapshot.tokens


def test_an_imported_model_is_listed_as_imported_and_offered_wherever_a_model_is_used(qtbot, window, tmp_path):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QPushButton

    from lmstudio_app.engine.application.transformers_import import import_transformers

    write_checkpoint(tmp_path / "tiny-bert", "BertForMaskedLM")
    run_dir = str(import_transformers(tmp_path / "tiny-bert", tmp_path / "imported").run_dir)  # lmstudio import
    runs = window.runs_view
    qtbot.mouseClick(runs.findChild(QPushButton, "refreshRunsButton"), Qt.MouseButton.LeftButton)
    runs_listed(qtbot, window)
    row = [record.run_dir for record in runs.records].index(run_dir)
    assert runs.table.item(row, 3).text() == "imported"
    assert runs.table.item(row, 4).text() == "—"  # not "0/2,000": it trained elsewhere
    for combo in (window.playground.source, window.finetune_page.start):
        listed = combo.itemText(combo.findData(run_dir))
        assert listed.endswith(" · imported"), listed
