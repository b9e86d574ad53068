"""Loss dashboard, playground and run browser, driven through their widgets with real runs."""

import json
import math

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from lmstudio_app.config import apply_overrides
from lmstudio_app.config.engine_messages import CPU_THREADS
from lmstudio_app.config.messages import Message
from lmstudio_app.engine.train.trainer import Trainer
from lmstudio_app.events import (
    AttentionSnapshot,
    EvalMetrics,
    Finished,
    GenerationStarted,
    MasksFilled,
    ModelReady,
    Started,
    StepMetrics,
    TextGenerated,
)
from lmstudio_app.formatting import duration
from lmstudio_app.gui.runs_view import COLUMNS
from lmstudio_app.gui.smoothing import Smoother
from lmstudio_app.run_index import RunIndex, seconds_to_train

from .conftest import tiny_gui_config
from .driving import answering, chosen, click, listed, overlaid, path_entered, pressed, type_into_field, typed


def train_run(run_dir, *extra):
    """A few real steps recorded as the window and the CLI record them, so the run is in the index."""
    from lmstudio_app.engine.application.training import train

    config = tiny_gui_config("training.steps=12", "training.eval_every=6", "training.probe_every=0", *extra)
    last = train(config, run_dir)
    assert last.reason == "completed", last
    return config


def generated(qtbot, window, ask) -> None:
    """Press ``ask`` and wait until the generation it starts is complete."""
    with qtbot.waitSignal(window.session.generationChanged, timeout=60_000,
                          check_params_cb=lambda: window.session.generation.done):
        ask()


def generate_and_probe(qtbot, window) -> AttentionSnapshot:
    """Generate a few tokens in the playground, then probe attention on "while True", with the model in use."""
    playground = window.playground
    playground.prompt.setPlainText("for ")
    playground.max_tokens.setValue(5)
    generated(qtbot, window, playground.generate_button.click)
    assert window.session.generation.text
    with qtbot.waitSignal(window.session.snapshotAdded, timeout=60_000) as probed:
        window.attention_view.probe_text.setText("while True")
        window.attention_view.probe_text.returnPressed.emit()
    return probed.args[0]


def test_debiased_smoothing():
    smoother = Smoother(0.9)
    values = np.array([2.0, 2.0, 2.0])
    np.testing.assert_allclose(smoother(values), [2.0, 2.0, 2.0])  # debiased: no pull towards zero
    extended = smoother(np.array([2.0, 2.0, 2.0, np.nan, 1.0]))
    assert np.isnan(extended[3]) and 1.0 < extended[4] < 2.0
    smoother.set_beta(0.0)
    np.testing.assert_allclose(smoother(np.array([3.0, 1.0])), [3.0, 1.0])


def test_loss_view_draws_train_validation_and_survives_nan(qtbot, window):
    view = window.loss_view
    rows = [StepMetrics(step=i, metrics={"loss": float("nan") if i == 5 else 3.0 / i, "accuracy": 0.1 * i},
                        learning_rate=1e-3, grad_norm=float("inf") if i == 6 else 1.0, tokens_per_second=1000.0,
                        tokens_seen=100 * i, elapsed=0.5 * i, eta=1.0) for i in range(1, 11)]
    window.session.apply([*rows, EvalMetrics(10, {"loss": 0.4, "accuracy": 0.8}, seconds=0.1)])
    view.redraw()
    x, y = view.loss_raw.getData()
    assert len(x) == 10 and np.isnan(y[4])
    assert view.loss_validation.getData()[1].tolist() == [0.4]
    view.x_axis.setCurrentText("tokens seen")
    view.redraw()
    assert view.loss_raw.getData()[0][-1] == 1000.0
    assert view.loss_validation.getData()[0][0] == 1000.0  # validation placed on the same axis
    view.perplexity.setChecked(True)
    view.redraw()
    assert view.loss_validation.getData()[1][0] == pytest.approx(np.exp(0.4))
    view.log_scale.setChecked(True)
    for name in ("learning rate", "gradient norm", "tokens / s", "scores"):
        view.detail.setCurrentText(name)
        view.redraw()
        window.grab()  # painting with NaN and inf must not raise
    assert "validation accuracy" in view.details["scores"].curves
    assert "step 10" in view.describe_row(9) and "validation loss 0.4" in view.describe_row(9)


def test_per_layer_signals_draw_a_line_per_layer_through_the_measured_steps(qtbot, window):
    view = window.loss_view
    measured = {step: {f"grad_norm/decoder.{i}": 10.0 ** (i - 3) * step for i in range(3)}
                | {"grad_norm/embeddings": 1e-4 * step} for step in (2, 4)}
    window.session.apply([StepMetrics(step=i, metrics={"loss": 1.0}, learning_rate=1e-3, grad_norm=1.0,
                                      tokens_per_second=1.0, tokens_seen=1, elapsed=1.0, eta=0.0,
                                      layers=measured.get(i, {})) for i in range(1, 5)])
    view.detail.setCurrentText("gradient norm per layer")
    view.redraw()
    curves = view.details["gradient norm per layer"].curves
    assert list(curves) == ["embeddings", "decoder.0", "decoder.1", "decoder.2"]  # bottom to top
    x, y = curves["decoder.2"].getData()
    assert list(x) == [2, 4] and list(y) == pytest.approx([0.2, 0.4])  # the measured steps only, joined
    assert "loss" not in curves and "grad_norm/decoder.0" not in view.details["scores"].curves
    colors = [curve.opts["pen"].color().name() for curve in curves.values()]
    assert len(set(colors)) == 4  # one colour per depth


def test_the_trust_ratio_per_layer_is_a_plot_of_its_own(qtbot, window):
    view = window.loss_view
    window.session.apply([StepMetrics(step=i, metrics={"loss": 1.0}, learning_rate=1e-3, grad_norm=1.0,
                                      tokens_per_second=1.0, tokens_seen=1, elapsed=1.0, eta=0.0,
                                      layers={"trust_ratio/decoder.0": 30.0 * i, "trust_ratio/decoder.1": 5.0 * i,
                                              "update_ratio/decoder.0": 1e-3})
                          for i in range(1, 3)])
    choose(qtbot, view.detail, "trust ratio ‖w‖ / ‖update‖ per layer")
    view.redraw()
    curves = view.details["trust ratio ‖w‖ / ‖update‖ per layer"].curves
    assert list(curves) == ["decoder.0", "decoder.1"]
    assert list(curves["decoder.1"].getData()[1]) == [5.0, 10.0]


def test_fine_tuning_rows_draw_per_group_learning_rates(qtbot, window):
    view = window.loss_view
    window.session.apply([StepMetrics(step=i, metrics={"loss": 1.0}, learning_rate=1e-3, grad_norm=1.0,
                                      tokens_per_second=1.0, tokens_seen=1, elapsed=1.0, eta=0.0,
                                      group_learning_rates={"head": 1e-3, "encoder.0": 5e-4},
                                      trainable={"head": True}) for i in range(1, 4)])
    view.detail.setCurrentText("learning rate")
    view.redraw()
    assert {"lr/head", "lr/encoder.0"} <= set(view.details["learning rate"].curves)


def decoder_in_the_playground(qtbot, window, tmp_path):
    """A small decoder trained and opened: the model the playground uses."""
    train_run(tmp_path / "decoder")
    listed(qtbot, window)
    with qtbot.waitSignal(window.session.modelChanged, timeout=60_000):
        window.open_run(str(tmp_path / "decoder"))
    return window.playground


def test_playground_generates_on_a_saved_run(qtbot, window, tmp_path):
    playground = decoder_in_the_playground(qtbot, window, tmp_path)
    assert playground.generate_button.isEnabled() and not playground.fill_button.isEnabled()
    playground.prompt.setPlainText("The ")
    playground.max_tokens.setValue(12)
    playground.seed.setText("3")
    generated(qtbot, window, playground.generate_button.click)
    assert window.session.generation.text and playground.output.toPlainText().startswith("The ")
    assert len(playground.bars.bars.opts["width"]) == 5


def test_a_run_opened_from_the_runs_view_is_the_one_the_playground_lists_as_in_use(qtbot, window, tmp_path):
    train_run(tmp_path / "longer", "training.steps=12")
    train_run(tmp_path / "shorter", "training.steps=6")
    listed(qtbot, window)
    runs = window.runs_view
    runs.select([str(tmp_path / "longer")])
    with qtbot.waitSignal(window.session.modelChanged, timeout=60_000):
        qtbot.mouseClick(runs.findChild(QPushButton, "openInPlaygroundButton"), Qt.MouseButton.LeftButton)
    playground = window.playground
    assert window.dashboard.currentWidget() is playground
    assert playground.source.currentData() == str(tmp_path / "longer")
    assert playground.source.currentText().endswith("step 12")
    assert playground.model_label.text().endswith("at step 12")


def test_a_run_in_a_deep_folder_leaves_the_window_at_1024_wide(qtbot, window, tmp_path):
    """The playground says which run it uses by its folder; a long path is shortened in the middle (whole in the
    tooltip) instead of widening the window past a 1024-pixel screen."""
    deep = tmp_path / "projects of the lab" / ("experiments-" * 6) / "a-run-with-a-rather-long-name"
    train_run(deep)
    window.resize(1024, 700)
    listed(qtbot, window)
    window.show_view("runs")
    window.runs_view.select([str(deep)])
    with qtbot.waitSignal(window.session.modelChanged, timeout=60_000):
        click(qtbot, window.runs_view.findChild(QPushButton, "openInPlaygroundButton"))
    label = window.playground.model_label
    qtbot.waitUntil(lambda: window.width() == 1024 and label.text().endswith("at step 12"))
    assert window.minimumSizeHint().width() <= 1024
    assert label.toolTip() == f"using {deep} at step 12"
    assert label.fontMetrics().horizontalAdvance(label.text()) <= label.width()


def test_playground_fills_masks_and_classifies(qtbot, window, tmp_path):
    train_run(tmp_path / "encoder", "model.family=encoder", "objective.name=mlm", "tokenizer.kind=wordpiece",
              "tokenizer.vocab_size=300")
    with qtbot.waitSignal(window.session.modelChanged, timeout=60_000):
        window.open_run(str(tmp_path / "encoder"))
    playground = window.playground
    assert playground.fill_button.isEnabled() and not playground.generate_button.isEnabled()
    playground.prompt.setPlainText("the [MASK] statement")
    with qtbot.waitSignal(window.session.answered, timeout=60_000):
        playground.fill_button.click()
    assert playground.output.toPlainText().startswith("[MASK] 1:")

    table = tmp_path / "labels.jsonl"
    table.write_text("\n".join(json.dumps({"text": f"word{i} text", "label": "a" if i % 2 else "b"})
                               for i in range(40)))
    train_run(tmp_path / "classifier", "model.family=encoder", "tokenizer.kind=wordpiece",
              "finetune.task=sequence-classification", "finetune.dataset=files", f"finetune.paths=['{table}']")
    with qtbot.waitSignal(window.session.modelChanged, timeout=60_000):
        window.open_run(str(tmp_path / "classifier"))
    assert playground.classify_button.isEnabled()
    playground.prompt.setPlainText("word3 text")
    with qtbot.waitSignal(window.session.answered, timeout=60_000):
        playground.classify_button.click()
    labels = playground.output.toPlainText().splitlines()
    assert len(labels) == 2 and {line.split(":")[0] for line in labels} == {"a", "b"}


def test_playground_uses_the_live_model_while_paused(qtbot, window):
    from lmstudio_app.gui.session import RunState

    with qtbot.waitSignal(window.session.runStarted, timeout=120_000):
        window.start_training()
    qtbot.waitUntil(lambda: window.session.train.rows >= 2, timeout=60_000)
    window.controller.pause()
    qtbot.waitUntil(lambda: window.session.state == RunState.PAUSED, timeout=60_000)
    assert window.playground.generate_button.isEnabled()
    probed = generate_and_probe(qtbot, window)
    assert "".join(probed.tokens) == "while True"
    window.controller.stop()
    qtbot.waitUntil(lambda: window.session.state == RunState.IDLE, timeout=60_000)


def test_run_browser_overlays_diffs_renames_and_deletes(qtbot, window, tmp_path):
    train_run(tmp_path / "small")
    train_run(tmp_path / "wider", "model.d_model=64")
    runs = window.runs_view
    listed(qtbot, window)
    assert runs.table.rowCount() == 2
    overlaid(qtbot, window, [tmp_path / "small", tmp_path / "wider"])
    assert len(runs.selected()) == 2
    assert runs.metric.currentText() == "validation/loss"
    drawn = [c for c in runs.curves.values() if c.getData()[0] is not None and len(c.getData()[0])]
    assert len(drawn) == 2
    differing = [runs.diff.verticalHeaderItem(r).text() for r in range(runs.diff.rowCount())]
    assert "model.d_model" in differing and "training.steps" not in differing
    assert runs.finals.rowCount() >= 2  # validation loss, accuracy, perplexity
    runs.select([str(tmp_path / "small")])
    with qtbot.waitSignal(window.session.runsChanged, timeout=30_000):  # the run book renames, then lists
        with answering(qtbot, typed("renamed")):
            click(qtbot, runs.findChild(QPushButton, "renameRunButton"))
    assert RunIndex().get(str(tmp_path / "small")).name == "renamed"
    assert [runs.table.item(row, 0).text() for row in range(2)].count("renamed") == 1  # the table shows it
    runs.select([str(tmp_path / "small")])
    with qtbot.waitSignal(window.session.runsChanged, timeout=30_000):
        with answering(qtbot, pressed(QMessageBox.StandardButton.Yes)):
            click(qtbot, runs.findChild(QPushButton, "deleteRunButton"))
    assert not (tmp_path / "small").exists() and RunIndex().get(str(tmp_path / "small")) is None
    assert runs.table.rowCount() == 1


@pytest.mark.parametrize("size", [(1024, 700), (1280, 800)])
def test_the_run_table_shows_several_runs_in_a_small_window(qtbot, window, tmp_path, size):
    import shutil

    train_run(tmp_path / "run-0")
    index = RunIndex()
    for copy in range(1, 10):  # the same real run folder, ten times in the index
        shutil.copytree(tmp_path / "run-0", tmp_path / f"run-{copy}")
        index.import_run(tmp_path / f"run-{copy}")
    index.close()
    window.resize(*size)
    window.split_evenly()
    window.dashboard.setCurrentWidget(window.runs_view)
    listed(qtbot, window)
    table = window.runs_view.table
    qtbot.waitUntil(lambda: table.rowCount() == 10 and table.viewport().height() > 0, timeout=5_000)
    whole_rows = table.viewport().height() // table.rowHeight(0)
    assert whole_rows >= 5, (size, table.viewport().height(), table.rowHeight(0))
    assert table.rowHeight(0) == table.verticalHeader().defaultSectionSize()  # one line per run, never wrapped
    assert window.height() <= size[1]  # and the window still fits in that size


def test_a_long_run_name_leaves_the_other_columns_in_view(qtbot, window, tmp_path):
    """A run renamed with a sentence: its name is shortened in the table (whole in its tooltip), and its steps
    and validation loss stay in view at 1024×700 instead of being pushed off to the right."""
    train_run(tmp_path / "run")
    long_name = "the run where I tried a smaller learning rate and twice the warmup to see whether it helps " * 2
    window.resize(1024, 700)
    window.split_evenly()
    window.show_view("runs")
    listed(qtbot, window)
    runs = window.runs_view
    runs.select([str(tmp_path / "run")])
    with answering(qtbot, typed(long_name)):
        click(qtbot, runs.findChild(QPushButton, "renameRunButton"))
    table = runs.table
    qtbot.waitUntil(lambda: table.item(0, 0).text() == long_name.strip())
    loss = COLUMNS.index("best val. loss")
    assert table.columnViewportPosition(loss) + table.columnWidth(loss) <= table.viewport().width()
    assert long_name.strip() in table.item(0, 0).toolTip()


def test_the_run_overlay_redraws_its_curves_on_another_x_axis(qtbot, window, tmp_path):
    train_run(tmp_path / "run")
    metrics = tmp_path / "run" / "metrics.jsonl"
    last = [row for row in map(json.loads, metrics.read_text().splitlines()) if row["split"] == "train"][-1]
    with metrics.open("a") as rows:  # a long run: enough points for pyqtgraph to thin them by the range in view
        for step in range(13, 3001):
            rows.write(json.dumps({**last, "step": step, "tokens_seen": 4096.0 * step, "elapsed": 0.5 * step}) + "\n")
    index = RunIndex()
    index.forget(str(tmp_path / "run"))
    index.import_run(tmp_path / "run")
    index.close()
    listed(qtbot, window)
    view = window.runs_view
    window.dashboard.setCurrentWidget(view)
    overlaid(qtbot, window, [tmp_path / "run"])
    view.metric.setCurrentIndex(view.metric.findData("train/loss"))
    for axis, last_x in (("tokens seen", 4096.0 * 3000), ("wall time (s)", 0.5 * 3000), ("step", 3000)):
        view.x_axis.setCurrentIndex(view.x_axis.findData(axis))
        qtbot.wait(150)  # pyqtgraph's own range update
        (curve,) = view.curves.values()
        x = curve.getData()[0]
        assert x is not None and len(x) > 0 and x[-1] == pytest.approx(last_x), axis
        low, high = view.overlay.vb.viewRange()[0]
        assert last_x <= high <= 1.2 * last_x, (axis, low, high)


def test_comparison_of_pretrained_and_scratch_is_one_view(qtbot, window, tmp_path):
    from lmstudio_app.engine.application.compare import compare_init

    base = tiny_gui_config("model.family=encoder", "objective.name=mlm", "tokenizer.kind=wordpiece",
                           "tokenizer.vocab_size=300", "training.steps=6", "training.eval_every=0")
    list(Trainer(base, tmp_path / "pretrained").events())
    task = apply_overrides(base, ["finetune.task=sequence-classification", "finetune.dataset=docstring-family",
                                  "finetune.max_examples=120", "training.eval_every=3"])
    *_, compared = compare_init(task, tmp_path / "pretrained", tmp_path / "compare")
    results = compared.variants
    runs = window.runs_view
    listed(qtbot, window)
    overlaid(qtbot, window, [r.run_dir for r in results])
    runs.metric.setCurrentText("validation/accuracy")
    assert runs.overlay.titleLabel.text == "validation/accuracy"
    assert runs.finals.columnCount() == 2
    names = [runs.finals.verticalHeaderItem(r).text() for r in range(runs.finals.rowCount())]
    assert {"accuracy", "macro F1", "loss"} <= set(names)


def test_evaluation_view_shows_the_confusion_matrix_and_f1_per_label(qtbot, window):
    view = window.evaluation_view
    window.dashboard.setCurrentWidget(view)
    assert "No evaluation yet" in view.title.text()
    evaluation = EvalMetrics(40, {"loss": 0.61, "accuracy": 0.7, "macro_f1": 0.69, "f1/spam": 0.75, "f1/ham": 0.625},
                             seconds=0.3, confusion=[[6, 2], [1, 1]], labels=["spam", "ham"])
    window.session.apply([evaluation])
    qtbot.waitUntil(lambda: view.title.text().startswith("Validation at step 40"))
    assert view.metrics.text() == "<b>accuracy</b> 0.7000   <b>loss</b> 0.6100   <b>macro F1</b> 0.6900"
    assert view.confusion.verticalHeaderItem(1).text() == "2 ham"
    assert view.confusion.horizontalHeaderItem(1).text() == "2"
    assert [[view.confusion.item(r, c).text() for c in range(2)] for r in range(2)] == [["6", "2"], ["1", "1"]]
    shades = [view.confusion.item(0, column).background().color().name() for column in range(2)]
    assert shades[0] != shades[1]
    assert list(view.f1_bars.opts["width"]) == [0.75, 0.625]
    window.grab()


def test_a_confusion_matrix_of_eight_labels_is_seen_whole_at_1024x700(qtbot, window):
    """Columns as wide as their counts, numbered as the rows are (the name in the header's tooltip): the
    labels' names no longer push five of eight columns out of view."""
    labels = ["asyncio", "distutils", "email", "idlelib", "importlib", "lib2to3", "logging", "tkinter"]
    confusion = [[3 if row == column else 1 for column in range(8)] for row in range(8)]
    window.resize(1024, 700)
    window.split_evenly()
    view = window.evaluation_view
    window.dashboard.setCurrentWidget(view)
    window.session.apply([EvalMetrics(6, {"loss": 2.3, "accuracy": 0.3}, seconds=0.1, confusion=confusion,
                                      labels=labels)])
    table = view.confusion
    qtbot.waitUntil(lambda: table.columnCount() == 8 and table.viewport().width() > 0)
    assert table.columnViewportPosition(7) + table.columnWidth(7) <= table.viewport().width()
    assert [table.horizontalHeaderItem(c).toolTip() for c in range(8)] == labels
    assert all(table.columnWidth(c) >= table.sizeHintForColumn(c) for c in range(8))  # every count whole


def test_after_pretraining_the_evaluation_tab_says_why_it_has_no_confusion_matrix(qtbot, window):
    from .test_numbers import type_into

    form = window.training_page.form.editors
    type_into(qtbot, form["steps"].control, "20")
    type_into(qtbot, form["eval_every"].control, "10")
    with qtbot.waitSignal(window.session.runFinished, timeout=120_000):
        window.start_action.trigger()
    view = window.evaluation_view
    tabs = window.dashboard
    qtbot.mouseClick(tabs.tabBar(), Qt.MouseButton.LeftButton, pos=tabs.tabBar().tabRect(tabs.indexOf(view)).center())
    qtbot.waitUntil(lambda: view.title.text().startswith("Validation at step"))
    assert view.no_labels.isVisibleTo(window) and not view.confusion.isVisibleTo(window)
    assert not view.f1.isVisibleTo(window)
    assert view.no_labels.text().startswith("This run predicts tokens, not labels")
    assert "loss" in view.metrics.text()


CPU = Message(CPU_THREADS, {"threads": 2, "precision": "fp32"})


def started(run_dir: str, config) -> Started:
    return Started(run_dir, config, 0, 1000, 1000, CPU, "fp32", "")


def finished(run_dir: str, step: int = 0) -> Finished:
    return Finished(step, "stopped", run_dir, {}, None, elapsed=1.0, probe_seconds=0.0)


@pytest.fixture
def replayed(window):
    """The window, fed a run's events by hand instead of by a worker; idle again afterwards (the run ends)."""
    yield window
    window.session.apply([finished("run")])


def steps_with(metrics: dict, count: int = 3) -> list[StepMetrics]:
    return [StepMetrics(step=i, metrics={"loss": 2.0, **metrics}, learning_rate=1e-3, grad_norm=1.0,
                        tokens_per_second=1.0, tokens_seen=i, elapsed=i, eta=1.0) for i in range(1, count + 1)]


def choose(qtbot, combo, text: str) -> None:
    """Open the combo's list and click the item that shows ``text``, as a person picks one."""
    from PySide6.QtCore import Qt

    index = combo.findText(text)
    assert index >= 0, f"{text!r} not among {[combo.itemText(i) for i in range(combo.count())]}"
    combo.showPopup()
    items = combo.view()
    qtbot.mouseClick(items.viewport(), Qt.MouseButton.LeftButton,
                     pos=items.visualRect(items.model().index(index, 0)).center())
    assert combo.currentIndex() == index


def legend_texts(legend) -> list[str]:
    return [label.text for _, label in legend.items]


def test_per_layer_legends_count_layers_from_one_and_name_them(qtbot, replayed):
    window = replayed
    view, session = window.loss_view, window.session
    layers = {"grad_norm/embeddings": 1e-3, "grad_norm/decoder.0": 1e-2, "grad_norm/decoder.1": 1e-1,
              "grad_norm/head": 1.0}
    session.apply([started("run", session.config),
                   *(StepMetrics(step=i, metrics={"loss": 1.0}, learning_rate=1e-3, grad_norm=1.0,
                                 tokens_per_second=1.0, tokens_seen=i, elapsed=i, eta=0.0, layers=layers,
                                 group_learning_rates={"head": 1e-3, "encoder.1": 5e-4}) for i in (1, 2))])
    window.show_view("loss")
    choose(qtbot, view.detail, "gradient norm per layer")
    qtbot.waitUntil(lambda: legend_texts(view.detail_legend) == ["embeddings", "decoder layer 1", "decoder layer 2",
                                                                 "output head"])
    choose(qtbot, view.detail, "learning rate")
    qtbot.waitUntil(lambda: legend_texts(view.detail_legend) == ["encoder layer 2", "output head"])


def test_legends_name_metrics_in_words_not_as_logged(qtbot, replayed):
    window = replayed
    view, session = window.loss_view, window.session
    session.apply([started("run", session.config), *steps_with({"mlm_loss": 1.5, "nsp_accuracy": 0.5})])
    window.show_view("loss")
    qtbot.waitUntil(lambda: "train MLM loss" in legend_texts(view.loss_legend))
    choose(qtbot, view.detail, "scores")
    qtbot.waitUntil(lambda: legend_texts(view.detail_legend) == ["train NSP accuracy"])
    choose(qtbot, view.detail, "learning rate")
    qtbot.waitUntil(lambda: legend_texts(view.detail_legend) == ["learning rate"])


def test_a_new_run_leaves_no_curve_of_the_last_one(qtbot, replayed):
    window = replayed
    view, session = window.loss_view, window.session
    session.apply([started("run-a", session.config), *steps_with({"mlm_loss": 1.5, "nsp_accuracy": 0.5}),
                   EvalMetrics(3, {"loss": 2.0, "chrf": 0.3, "exact_match": 0.1}, seconds=0.1)])
    view.redraw()
    assert set(view.details["scores"].curves) == {"train nsp_accuracy", "validation chrf", "validation exact_match"}
    assert set(view.loss_parts.curves) == {"train mlm_loss"}
    session.apply([started("run-b", session.config), *steps_with({"accuracy": 0.2})])
    view.redraw()
    assert set(view.details["scores"].curves) == {"train accuracy"}
    assert view.loss_parts.curves == {}
    drawn = [item for item in view.detail_plot.listDataItems() if item.isVisible()]
    assert len(drawn) == 1
    legend_labels = [label.text for _, label in view.detail_legend.items]
    assert legend_labels == ["train accuracy"]


def test_scores_keep_their_scale_and_losses_join_the_loss_plot(qtbot, replayed):
    window = replayed
    view, session = window.loss_view, window.session
    session.apply([started("run", session.config), *steps_with({"mlm_loss": 6.0, "accuracy": 0.3}, 20)])
    view.redraw()
    low, high = view.detail_plot.vb.viewRange()[1]
    assert low == pytest.approx(-0.02) and high == pytest.approx(1.02)  # 0.3 looks like 0.3, not like the top
    assert view.loss_parts.curves["train mlm_loss"] in view.loss_plot.listDataItems()
    assert "train mlm_loss" not in view.details["scores"].curves


def test_perplexity_shows_every_loss_curve_in_perplexity(qtbot, replayed):
    window = replayed
    view, session = window.loss_view, window.session
    window.dashboard.setCurrentWidget(view)
    losses = [2.1 if i % 2 else 1.9 for i in range(40)]
    session.apply([started("run", session.config)] + [
        StepMetrics(step=i + 1, metrics={"loss": loss, "mlm_loss": loss}, learning_rate=1e-3, grad_norm=1.0,
                    tokens_per_second=1.0, tokens_seen=i, elapsed=i, eta=1.0) for i, loss in enumerate(losses)])
    view.redraw()  # smoothed once in nats
    click(qtbot, view.perplexity)
    view.redraw()
    lowest, highest = math.exp(1.9), math.exp(2.1)
    for curve in (view.loss_raw, view.loss_smooth, view.loss_parts.curves["train mlm_loss"]):
        shown = curve.getData()[1]
        assert len(shown) == 40 and np.all((shown >= lowest - 1e-9) & (shown <= highest + 1e-9)), shown[:3]
    click(qtbot, view.perplexity)
    view.redraw()
    assert np.all(view.loss_smooth.getData()[1] <= 2.1 + 1e-9)  # back in nats


def test_another_x_axis_redraws_the_curves_in_its_units_and_keeps_the_scores_scale(qtbot, replayed):
    window = replayed
    view, session = window.loss_view, window.session
    window.dashboard.setCurrentWidget(view)
    steps = 3000  # enough points for pyqtgraph to thin them by the range in view
    session.apply([started("run", session.config)] + [
        StepMetrics(step=i, metrics={"loss": 3.0 / i, "accuracy": 0.3}, learning_rate=1e-3, grad_norm=1.0,
                    tokens_per_second=1.0, tokens_seen=4096 * i, elapsed=0.5 * i, eta=1.0)
        for i in range(1, steps + 1)])
    for axis, last in (("tokens seen", 4096.0 * steps), ("wall time (s)", 0.5 * steps), ("step", steps)):
        view.x_axis.setCurrentText(axis)
        qtbot.waitUntil(lambda: view.redraws.count > 0 and not view.redraws.stale, timeout=5_000)
        qtbot.wait(150)  # the coalesced redraw, and pyqtgraph's own range update
        x = view.loss_raw.getData()[0]
        assert len(x) > 0 and x[-1] == pytest.approx(last), axis  # drawn, in these units
        low, high = view.loss_plot.vb.viewRange()[0]
        assert low <= 0.5 * last / steps and last <= high <= 1.2 * last, (axis, low, high)
        assert view.detail_plot.vb.viewRange()[1] == pytest.approx([-0.02, 1.02]), axis  # scores keep 0…1


def test_legends_sit_outside_the_plots_and_single_points_get_markers(qtbot, replayed):
    window = replayed
    view, session = window.loss_view, window.session
    session.apply([started("run", session.config), *steps_with({"accuracy": 0.3}, 5),
                   EvalMetrics(5, {"loss": 2.0, "accuracy": 0.4}, seconds=0.1)])
    view.redraw()
    window.grab()
    for legend, plot in ((view.loss_legend, view.loss_plot), (view.detail_legend, view.detail_plot)):
        assert not legend.sceneBoundingRect().intersects(plot.vb.sceneBoundingRect())
    scores = view.details["scores"].curves
    assert scores["validation accuracy"].opts["symbol"] == "o"  # one evaluation: a marker, or nothing shows
    assert scores["train accuracy"].opts["symbol"] is None


def test_the_finished_run_becomes_the_model_in_use_at_its_last_step(qtbot, window):
    with qtbot.waitSignal(window.session.runStarted, timeout=120_000):
        window.start_training()
    qtbot.waitUntil(lambda: window.session.train.rows >= 3, timeout=60_000)
    with qtbot.waitSignal(window.session.runFinished, timeout=120_000) as stopped:
        window.controller.stop()
    finished, ready = stopped.args[0], window.session.model
    assert not ready.live and ready.step == finished.step > 0  # already as the run ended, not a moment later
    assert window.playground.model_label.toolTip() == f"using {window.session.run_dir} at step {finished.step:,}"
    assert generate_and_probe(qtbot, window).step == finished.step
    window.show_view("attention")
    qtbot.waitUntil(lambda: f"step {finished.step}" in window.attention_view.when.text(), timeout=5_000)


def test_runs_that_share_a_name_are_told_apart_by_where_they_started(qtbot, window, tmp_path):
    train_run(tmp_path / "pretrained", "model.family=encoder", "objective.name=mlm", "tokenizer.kind=wordpiece",
              "tokenizer.vocab_size=300")
    task = ["model.family=encoder", "tokenizer.kind=wordpiece", "tokenizer.vocab_size=300", "name=family",
            "finetune.task=sequence-classification", "finetune.dataset=docstring-family", "finetune.max_examples=60"]
    train_run(tmp_path / "tuned", *task, f"finetune.from_run={tmp_path / 'pretrained'}")
    train_run(tmp_path / "scratch", *task)
    runs = window.runs_view
    listed(qtbot, window)
    shown = {runs.table.item(row, 0).text() for row in range(runs.table.rowCount())}
    assert {"family (from pretrained)", "family (from scratch)"} <= shown
    overlaid(qtbot, window, [tmp_path / "tuned", tmp_path / "scratch"])
    headers = [runs.finals.horizontalHeaderItem(c).text() for c in range(runs.finals.columnCount())]
    assert sorted(headers) == ["family (from pretrained)", "family (from scratch)"]
    for column in range(runs.finals.columnCount()):  # headers are not cut
        text = runs.finals.horizontalHeaderItem(column).text()
        assert runs.finals.columnWidth(column) >= runs.finals.fontMetrics().horizontalAdvance(text)
    assert sorted(runs.curves) == sorted(headers)
    overlaid(qtbot, window, [tmp_path / "tuned"])
    assert list(runs.curves) == ["family"]  # the other run left the plot and its legend
    assert [label.text for _, label in runs.overlay_legend.items] == ["family"]


def test_before_the_first_run_the_loss_view_says_what_start_will_do(qtbot, window, tmp_path):
    view = window.loss_view
    assert view.empty.isVisibleTo(window) and not view.graphics.isVisibleTo(window)
    assert "Press Start (Ctrl+R) to train <b>gui-tiny</b>: 400 steps of 4 sequences." in view.empty.text()
    assert "About" not in view.empty.text()  # no run yet to judge this machine's speed by
    train_run(tmp_path / "measured", "training.log_every=1")
    listed(qtbot, window)
    assert window.session.flops_per_second > 0
    assert "on this machine, judged by your last run's speed" in view.empty.text()
    expected = seconds_to_train(window.session.effective, window.session.flops_per_second)
    assert 0 < expected and duration(expected) in view.empty.text()
    with qtbot.waitSignal(window.session.runStarted, timeout=120_000):
        window.start_training()
    qtbot.waitUntil(lambda: view.graphics.isVisibleTo(window), timeout=10_000)
    assert not view.empty.isVisibleTo(window)
    window.controller.stop()


def test_with_problems_the_loss_view_says_to_fix_them_not_to_press_start(qtbot, window):
    """Start is disabled while fields hold problems; the empty loss view said "Press Start … -5 steps" anyway."""
    from lmstudio_app.gui.forms import control_name

    view = window.loss_view
    type_into_field(qtbot, window.findChild(QWidget, control_name("training", "steps")), "-5")
    assert not window.start_action.isEnabled()
    assert "Press Start" not in view.empty.text() and "-5 steps" not in view.empty.text()
    assert "1 problem" in view.empty.text() and "Ctrl+J" in view.empty.text()
    type_into_field(qtbot, window.findChild(QWidget, control_name("training", "steps")), "30")
    assert "Press Start (Ctrl+R) to train <b>gui-tiny</b>: 30 steps of 4 sequences." in view.empty.text()


def model_of(window, *overrides) -> ModelReady:
    return ModelReady("/runs/x", 10, apply_overrides(window.session.config, list(overrides)), live=False)


def test_before_any_answer_the_probability_bars_show_no_made_up_scale(qtbot, window):
    """An empty chart said 0, 0.2 … 1.0 down its side, where candidates' names go once there are some."""
    from PySide6.QtGui import QImage, QPainter

    window.show_view("playground")
    picture = QImage(200, 200, QImage.Format.Format_RGB32)
    painter = QPainter(picture)
    _, _, labels = window.playground.bars.getAxis("left").generateDrawSpecs(painter)
    painter.end()
    assert labels == []


def test_fill_mask_shows_every_masks_candidates_and_no_sampling_controls(qtbot, window):
    playground = window.playground
    window.session.apply([model_of(window, "model.family=encoder", "objective.name=mlm")])
    assert playground.fill_button.isEnabled() and not playground.generate_button.isEnabled()
    assert not any(box.isEnabled() for box in (*playground.sampling, playground.seed))
    masks = (tuple((w, 0.5) for w in ("a", "b", "c")), tuple((w, 0.4) for w in ("x", "y")))
    window.session.apply([MasksFilled("[MASK] and [MASK]", masks)])
    labels = [text for _, text in playground.bars.getAxis("left")._tickLevels[0]]
    assert labels == ["#1 'a' 50.0%", "#1 'b' 50.0%", "#1 'c' 50.0%", "#2 'x' 40.0%", "#2 'y' 40.0%"]


def test_sampling_settings_out_of_range_are_reported_and_stop_generate(qtbot, window):
    playground = window.playground
    window.session.apply([model_of(window)])
    assert playground.generate_button.isEnabled() and playground.temperature.isEnabled()
    playground.top_p.setValue(1.5)
    assert playground.top_p.value() == 1.5 and not playground.generate_button.isEnabled()
    assert "1.5 is outside 0.001…1" in playground.generate_button.toolTip()
    playground.top_p.setValue(0.9)
    assert playground.generate_button.isEnabled()


def test_a_seed_that_is_no_seed_is_said_under_the_field_and_stops_generate(qtbot, window):
    playground = window.playground
    window.session.apply([model_of(window)])
    playground.seed.setFocus()
    qtbot.keyClicks(playground.seed, "abc")
    assert playground.sampling_problems.isVisibleTo(playground) and not playground.generate_button.isEnabled()
    assert playground.sampling_problems.text() == ("seed “abc” is not a whole number from 0 to 4294967295: leave it "
                                                   "empty for a different sample every time")
    playground.seed.selectAll()
    qtbot.keyClicks(playground.seed, "7")
    assert playground.sampling_problems.isHidden() and playground.generate_button.isEnabled()
    assert playground.chosen_seed() == 7


def test_a_seq2seq_answer_is_shown_apart_from_its_prompt(qtbot, window):
    window.session.apply([GenerationStarted("a b c", continues_prompt=False),
                          TextGenerated(5, "cba", (), last=True)])
    assert window.playground.output.toPlainText().splitlines() == ["a b c", "→ cba"]
    window.session.apply([GenerationStarted("def f", continues_prompt=True), TextGenerated(5, "():", (), last=True)])
    assert window.playground.output.toPlainText() == "def f():"


def test_a_prompt_longer_than_the_context_is_answered_with_a_note(qtbot, window, tmp_path):
    """The model reads the prompt's last 32 characters (its context): the playground says so above the text."""
    playground = decoder_in_the_playground(qtbot, window, tmp_path)
    window.show_view("playground")
    type_into_field(qtbot, playground.max_tokens, "2")
    playground.prompt.setPlainText("x = 1\n" * 10)  # 60 characters of a char tokenizer
    generated(qtbot, window, lambda: click(qtbot, playground.generate_button))
    assert playground.cut_note.isVisible()
    assert playground.cut_note.text() == ("The prompt is longer than the model's context: its first 28 tokens were "
                                          "not read.")
    playground.prompt.setPlainText("x = 1")
    generated(qtbot, window, lambda: click(qtbot, playground.generate_button))
    assert not playground.cut_note.isVisible()


def test_a_long_generation_is_stopped_within_a_second(qtbot, window, tmp_path):
    """100,000 tokens of a model that hardly ever says its end token ran to the end with no way to stop it; the
    playground's Stop ends it after the next token, and the next Generate runs in full."""
    playground = decoder_in_the_playground(qtbot, window, tmp_path)
    window.show_view("playground")
    assert not playground.stop_button.isEnabled()
    playground.prompt.setPlainText("for ")
    type_into_field(qtbot, playground.temperature, "0")
    type_into_field(qtbot, playground.max_tokens, "100000")
    click(qtbot, playground.generate_button)
    qtbot.waitUntil(lambda: len(window.session.generation.text) >= 50, timeout=60_000)
    assert not window.session.generation.done and playground.stop_button.isEnabled()
    click(qtbot, playground.stop_button)
    qtbot.waitUntil(lambda: window.session.generation.done, timeout=1_000)
    assert len(window.session.generation.text) < 5_000 and not playground.stop_button.isEnabled()
    type_into_field(qtbot, playground.max_tokens, "5")
    generated(qtbot, window, lambda: click(qtbot, playground.generate_button))
    assert window.session.generation.text  # the Stop was for the generation before


def test_a_run_is_exported_for_transformers_from_the_run_browser(qtbot, window, tmp_path):
    train_run(tmp_path / "decoder")
    runs = window.runs_view
    listed(qtbot, window)
    runs.select([str(tmp_path / "decoder")])
    (tmp_path / "exports").mkdir()
    export = runs.findChild(QPushButton, "exportRunButton")
    with qtbot.waitSignal(window.session.noticed, timeout=60_000) as said, \
            answering(qtbot, chosen("transformers"), path_entered(tmp_path / "exports")):
        click(qtbot, export)
    target = tmp_path / "exports" / "gui-tiny-transformers"  # the run's name, not its folder's
    assert said.args[0] == (f"exported {tmp_path / 'decoder'} to {target} (loads with transformers' "
                            f"from_pretrained)")
    assert {"config.json", "model.safetensors", "tokenizer.json"} <= {p.name for p in target.iterdir()}
    with qtbot.waitSignal(window.session.errorRaised, timeout=60_000) as refused, \
            answering(qtbot, chosen("transformers"), path_entered(tmp_path / "exports")):
        click(qtbot, export)  # the same folder again: not empty
    assert "is not empty" in refused.args[0]


def test_the_n_gram_baselines_are_dashed_lines_in_the_loss_plot_units(qtbot, replayed):
    window = replayed
    view, config = window.loss_view, window.session.config
    baselines = {"unigram": 3.0, "bigram": 2.5, "trigram": 2.0}
    window.session.apply([Started("run", config, 0, 1000, 1000, CPU, "fp32", "", baselines=baselines),
                          *steps_with({}, 2)])
    view.redraw()
    lines = view.baseline_lines
    assert all(line.isVisible() for line in lines.values())
    assert {order: line.value() for order, line in lines.items()} == baselines
    assert legend_texts(view.loss_legend)[-3:] == ["unigram 3", "bigram 2.5", "trigram 2"]
    view.perplexity.setChecked(True)
    view.redraw()
    assert lines["bigram"].value() == pytest.approx(math.exp(2.5))
    view.log_scale.setChecked(True)
    view.redraw()
    assert lines["bigram"].value() == pytest.approx(2.5 / math.log(10))  # log10(e^2.5): the plot's log units
    window.session.apply([started("run-2", config)])
    view.redraw()
    assert not any(line.isVisible() for line in lines.values())  # a masked-LM run has none
    assert legend_texts(view.loss_legend) == ["train", "validation"]


def test_baselines_close_together_are_named_apart_from_each_other_and_the_curves(qtbot, replayed):
    window = replayed
    view, config = window.loss_view, window.session.config
    window.resize(1024, 700)
    window.session.apply([Started("run", config, 0, 1000, 1000, CPU, "fp32", "",
                                  baselines={"unigram": 5.0, "bigram": 4.9, "trigram": 4.85}), *steps_with({}, 20)])
    window.show_view("loss")
    qtbot.waitUntil(lambda: legend_texts(view.loss_legend)[-3:] == ["unigram 5", "bigram 4.9", "trigram 4.85"])
    plot_area = view.loss_plot.vb.sceneBoundingRect()
    texts_in_the_plot = [item for item in view.loss_plot.scene().items()
                         if isinstance(item, pg.TextItem) and item.isVisible()
                         and plot_area.intersects(item.sceneBoundingRect())]
    assert texts_in_the_plot == []
    styles = {line.pen.style() for line in view.baseline_lines.values()}
    assert len(styles) == 3  # told apart by their dashes, as the legend shows them


def test_long_legend_names_leave_the_plots_inside_the_tab(qtbot, replayed):
    """ELECTRA's loss parts have long names ("validation discriminator loss (replaced-token detection, before
    ×λ)"): legend columns of a fixed width pushed the plots past the tab's right edge, hiding the last steps."""
    window = replayed
    window.resize(1024, 700)
    view, session = window.loss_view, window.session
    parts = {"generator_loss": 6.0, "discriminator_loss": 0.6, "accuracy": 0.6, "generator_accuracy": 0.1,
             "original_share": 0.85}
    session.apply([started("run", session.config), *steps_with(parts, 5), EvalMetrics(5, parts, seconds=0.1)])
    view.redraw()
    window.grab()
    qtbot.wait(150)
    shown = view.graphics.viewport().width()
    for item in (view.loss_legend, view.detail_legend, view.loss_plot, view.detail_plot):
        assert item.sceneBoundingRect().right() <= shown, (item, item.sceneBoundingRect(), shown)
