"""Attention views with real snapshots: orientation, the reverse task's anti-diagonal, grid, scrubber, export."""

import re

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QPushButton

from lmstudio_app.config import load_preset
from lmstudio_app.events import AttentionSnapshot
from lmstudio_app.gui.attention_math import anti_diagonal_fraction, head_entropy, mean_distance
from lmstudio_app.gui.session import RunState


def snapshot(step, matrix, tokens=None, kind="decoder", layers=1):
    heads = np.stack([matrix, matrix[::-1]])  # head 0: the matrix, head 1: rows reversed
    tokens = tokens or tuple(f"t{i}" for i in range(matrix.shape[1]))
    return AttentionSnapshot(step=step, tokens=tokens, target_tokens=(), seconds=0.01,
                             attention={kind: tuple(heads.astype(np.float32) for _ in range(layers))})


def brightest_columns(view, rows, columns):
    """Per rendered row, the column whose pixel is brightest (sampled at the cell centres).

    Brightness is luma, which rises with the value along viridis; HSL lightness does not (a 0.25 blue is
    lighter than a 0.5 teal), so it picked the wrong cell where two values of a row were close."""
    image = view.head_view.grab().toImage()
    box = view.head_view.plot.vb
    found = []
    for row in range(rows):
        values = []
        for column in range(columns):
            scene = box.mapViewToScene(QPointF(column + 0.5, row + 0.5))
            point = view.head_view.mapFromScene(scene)
            colour = image.pixelColor(point)
            values.append(0.299 * colour.red() + 0.587 * colour.green() + 0.114 * colour.blue())
        found.append(int(np.argmax(values)))
    return found


def test_queries_are_rows_and_keys_are_columns(qtbot, window):
    view = window.attention_view
    window.dashboard.setCurrentWidget(view)
    matrix = np.full((4, 6), 0.02, dtype=np.float32)
    for query, key in enumerate([5, 0, 3, 1]):
        matrix[query, key] = 0.9
    window.session.apply([snapshot(10, matrix)])
    qtbot.waitUntil(lambda: view.when.text().startswith("step 10"))
    view.head.setCurrentIndex(view.head.findData(0))
    view.refresh()
    np.testing.assert_array_equal(view.current_matrix(), matrix)
    assert brightest_columns(view, 4, 6) == [5, 0, 3, 1]
    assert view.head_view.plot.getAxis("bottom")._tickLevels[0][0][1] == "t0"


def test_time_scrubber_replays_snapshots_and_memory_is_bounded(qtbot, window):
    from lmstudio_app.gui.session import MAX_SNAPSHOTS

    view = window.attention_view
    window.dashboard.setCurrentWidget(view)
    for step in range(1, MAX_SNAPSHOTS + 11):
        window.session.apply([snapshot(step, np.eye(3, dtype=np.float32))])
    assert len(window.session.snapshots) == MAX_SNAPSHOTS
    qtbot.waitUntil(lambda: view.when.text().startswith(f"step {MAX_SNAPSHOTS + 10}"))
    view.scrubber.setValue(0)
    view.refresh()
    assert view.when.text().startswith("step 11 ") and not view.follow.isChecked()
    view.scrubber.setValue(view.scrubber.maximum())
    assert view.follow.isChecked()


def test_model_view_click_opens_the_head_and_summaries_are_shown(qtbot, window):
    view = window.attention_view
    matrix = np.eye(5, dtype=np.float32)
    window.session.apply([snapshot(3, matrix, layers=3)])
    view.refresh()
    assert view.model_view.shape == (3, 2)
    view.views.setCurrentIndex(1)
    view.model_view.headClicked.emit(2, 1)
    assert view.layer.value() == 2 and view.head.currentData() == 1 and view.views.currentIndex() == 0
    assert view.summary.rowCount() == 3 and view.summary.columnCount() == 2
    assert view.summary.item(0, 0).text().startswith("H 0.00")


def test_export_png_and_npz(qtbot, window, tmp_path):
    view = window.attention_view
    window.session.apply([snapshot(7, np.eye(4, dtype=np.float32), layers=2)])
    view.refresh()
    assert view.export_png(str(tmp_path / "head.png"))
    assert (tmp_path / "head.png").read_bytes()[:4] == b"\x89PNG"
    assert view.export_npz(str(tmp_path / "attention.npz"))
    saved = np.load(tmp_path / "attention.npz")
    assert saved["decoder_layer1"].shape == (2, 4, 4) and int(saved["step"]) == 7
    assert list(saved["tokens"]) == ["t0", "t1", "t2", "t3"]


def test_summaries_are_entropy_and_distance():
    uniform = np.full((1, 4, 4), 0.25)
    diagonal = np.eye(4)[None]
    assert head_entropy(uniform)[0] == pytest.approx(np.log(4))
    assert head_entropy(diagonal)[0] == pytest.approx(0.0, abs=1e-6)
    assert mean_distance(diagonal)[0] == 0.0
    assert mean_distance(np.eye(4)[::-1][None])[0] == pytest.approx(2.0)  # distances 3, 1, 1, 3


@pytest.mark.slow
def test_reverse_task_cross_attention_is_the_anti_diagonal(qtbot, isolated_home):
    from lmstudio_app.gui.main_window import MainWindow

    window = MainWindow(load_preset("reverse-attention"), restore=False)
    window.show()
    with qtbot.waitSignal(window.session.runFinished, timeout=600_000):
        window.start_training()
    view = window.attention_view
    window.dashboard.setCurrentWidget(view)
    view.refresh()
    assert view.current_kind() == "cross"
    snap = view.snapshot
    source = [t for t in snap.tokens if t != "[EOS]"]
    fractions = []
    for layer in range(len(snap.attention["cross"])):
        view.layer.setValue(layer)
        view.head.setCurrentIndex(view.head.findData(-1))  # mean of heads
        view.refresh()
        fractions.append(anti_diagonal_fraction(view.current_matrix(), len(source)))
    best = int(np.argmax(fractions))
    print(f"anti-diagonal fraction per cross-attention layer: {fractions}")
    assert fractions[best] >= 0.75
    view.layer.setValue(best)
    view.refresh()
    rows = min(len(snap.target_tokens), len(source))
    drawn = brightest_columns(view, rows, len(snap.tokens))
    assert np.mean([column == len(source) - 1 - row for row, column in enumerate(drawn)]) >= 0.75
    assert window.session.state == RunState.IDLE
    window.close()


def test_before_any_snapshot_the_view_says_what_to_do_instead_of_drawing_empty_axes(qtbot, window):
    view = window.attention_view
    window.dashboard.setCurrentWidget(view)
    view.refresh()
    assert view.empty.isVisible() and not view.views.isVisible()
    assert "Press Start (Ctrl+R)" in view.empty.text()
    window.session.apply([snapshot(1, np.eye(3, dtype=np.float32))])
    qtbot.waitUntil(lambda: view.views.isVisible())
    assert not view.empty.isVisible()


def test_layers_and_heads_are_numbered_from_one_as_in_the_diagram(qtbot, window):
    view = window.attention_view
    window.dashboard.setCurrentWidget(view)
    window.session.apply([snapshot(3, np.eye(4, dtype=np.float32), layers=2)])
    view.refresh()
    view.layer.setValue(0)
    view.head.setCurrentIndex(view.head.findData(0))
    view.refresh()
    assert view.layer.text() == "layer 1" and view.head.currentText() == "head 1"
    assert "layer 1 · head 1" in view.head_view.plot.titleLabel.text
    assert [view.summary.verticalHeaderItem(r).text() for r in range(2)] == ["layer 1", "layer 2"]
    assert view.summary.horizontalHeaderItem(0).text() == "head 1"
    view.layer.lineEdit().setText("layer 2")
    view.layer.interpretText()
    assert view.layer.value() == 1


def test_the_model_view_is_labelled_and_shares_one_colour_scale(qtbot, window):
    view = window.attention_view
    matrix = np.full((3, 3), 0.1, dtype=np.float32)
    matrix[0, 0] = 0.7
    window.session.apply([snapshot(3, matrix, layers=2)])
    view.refresh()
    grid = view.model_view
    labels = {item.text for item in grid.ci.items if isinstance(item, pg.LabelItem)}
    assert {"layer 1", "layer 2", "head 1", "head 2"} <= labels
    assert grid.levels == pytest.approx((0.0, 0.7))
    for row in grid.images:
        for image in row:
            assert tuple(image.levels) == pytest.approx((0.0, 0.7))  # a flat head looks flat, not saturated
    assert grid.colorbar.levels() == pytest.approx((0.0, 0.7))


def test_exports_say_where_they_went(qtbot, window, tmp_path):
    view = window.attention_view
    window.session.apply([snapshot(7, np.eye(4, dtype=np.float32))])
    view.refresh()
    with qtbot.waitSignal(window.session.noticed) as said:
        assert view.export_npz(str(tmp_path / "a.npz"))
    assert said.args == [f"attention matrices saved: {tmp_path / 'a.npz'}"]
    assert window.statusBar().currentMessage() == said.args[0]
    with qtbot.waitSignal(window.session.errorRaised) as failed:
        assert not view.export_npz(str(tmp_path / "missing" / "a.npz"))
    assert "missing" in failed.args[0]


def test_step_by_step_takes_the_chosen_head_apart(qtbot, window, tmp_path):
    from .test_dashboard import train_run

    train_run(tmp_path / "decoder")
    with qtbot.waitSignal(window.session.modelChanged, timeout=60_000):
        window.open_run(str(tmp_path / "decoder"))
    view = window.attention_view
    window.dashboard.setCurrentWidget(view)
    view.probe_text.setText("for x in y")
    with qtbot.waitSignal(window.session.stagesReady, timeout=60_000) as ready:
        view.views.setCurrentWidget(view.stages_view)  # opening the tab asks for the current head
    stages = ready.args[0]
    assert (stages.kind, stages.layer, stages.head) == ("decoder", 0, 0)
    assert "".join(stages.queries) == "for x in y"
    grid = view.stages_view.grid
    qtbot.waitUntil(lambda: grid.images["weights"].image is not None, timeout=5_000)
    np.testing.assert_array_equal(grid.images["weights"].image, stages.weights)  # the view draws the engine's numbers
    np.testing.assert_array_equal(grid.images["raw"].image, stages.raw)
    red = grid.forbidden.image[..., 3] > 0
    np.testing.assert_array_equal(red, ~stages.allowed)  # every forbidden cell, and only those, marked
    assert red[0, 1] and not red[1, 0]  # a decoder's query 1 may not read key 2
    unscaled, trained, softer = stages.what_ifs
    # On this trained checkpoint: without the 1/√d_k scaling the softmax is sharper, and softer with more of it.
    assert unscaled.mean_entropy < trained.mean_entropy < softer.mean_entropy
    assert unscaled.mean_max_weight > trained.mean_max_weight > softer.mean_max_weight
    assert view.stages_view.what_if.currentText() == unscaled.label.english()
    assert f"mean entropy {unscaled.mean_entropy:.3f}" in view.stages_view.effect.text()
    view.stages_view.what_if.setCurrentIndex(2)
    view.stages_view.draw()
    np.testing.assert_array_equal(grid.images["what_if"].image, stages.what_ifs[2].weights)
    view.stages_view.describe(1, 0)
    assert f"softmax {stages.weights[1, 0]:.4f}" in view.stages_view.readout.text()
    assert "query 2 'o' → key 1 'f'" in view.stages_view.readout.text()
    view.stages_view.describe(0, 1)
    assert "M −∞ (forbidden)" in view.stages_view.readout.text()
    view.head.setCurrentIndex(view.head.findData(-1))  # the mean has no single Q and K: head 1 then
    with qtbot.waitSignal(window.session.stagesReady, timeout=60_000) as again:
        view.stages_view.show_button.click()
    assert again.args[0].head == 0


def reddest_cell(view, plot, rows, columns):
    """(row, column) of the rendered cell whose pixel is most red (red minus blue), sampled at cell centres."""
    image = view.grab().toImage()
    best, where = -1e9, None
    for row in range(rows):
        for column in range(columns):
            point = view.mapFromScene(plot.vb.mapViewToScene(QPointF(column + 0.5, row + 0.5)))
            color = image.pixelColor(point)
            if color.red() - color.blue() > best:
                best, where = color.red() - color.blue(), (row, column)
    return where


def test_positions_view_draws_rows_as_positions_and_columns_as_dimensions(qtbot, window):
    from lmstudio_app.events import PositionViews

    table = np.zeros((6, 9), dtype=np.float32)
    table[2, 7] = 1.0
    similarity = np.zeros((6, 6), dtype=np.float32)
    similarity[4, 1] = 1.0
    window.session.apply([snapshot(5, np.eye(3, dtype=np.float32)),
                          PositionViews(step=5, scheme="learned", stack="decoder", table=table,
                                        similarity=similarity, frequencies=None, bias=None)])
    view = window.attention_view
    window.dashboard.setCurrentWidget(view)
    view.views.setCurrentWidget(view.positions_view)
    positions = view.positions_view
    qtbot.waitUntil(lambda: positions.left_image.image is not None, timeout=5_000)
    assert reddest_cell(positions.graphics, positions.left, 6, 9) == (2, 7)
    assert reddest_cell(positions.graphics, positions.right, 6, 6) == (4, 1)
    assert "learned</b> positions of the decoder at step 5" in positions.title.text()
    assert positions.right.titleLabel.text == "which positions look alike"


def test_a_model_without_positions_shows_why_there_is_nothing_to_draw(qtbot, window):
    from lmstudio_app.events import PositionViews

    window.session.apply([snapshot(3, np.eye(3, dtype=np.float32)),
                          PositionViews(step=3, scheme="none", stack="encoder", table=None,
                                        similarity=np.ones((4, 4), dtype=np.float32), frequencies=None,
                                        bias=None)])
    view = window.attention_view
    window.dashboard.setCurrentWidget(view)
    view.views.setCurrentWidget(view.positions_view)
    positions = view.positions_view
    qtbot.waitUntil(lambda: "none</b> positions of the encoder" in positions.title.text(), timeout=5_000)
    assert positions.graphics.isHidden()
    assert "bag of tokens" in positions.title.text() and "nothing to draw" in positions.title.text()
    window.session.apply([PositionViews(step=4, scheme="learned", stack="encoder", table=np.eye(4, dtype=np.float32),
                                        similarity=np.eye(4, dtype=np.float32), frequencies=None, bias=None)])
    qtbot.waitUntil(lambda: not positions.graphics.isHidden(), timeout=5_000)


def test_positions_of_a_saved_run_and_of_alibi_heads(qtbot, window, tmp_path):
    from .test_dashboard import train_run

    train_run(tmp_path / "alibi", "model.position=alibi")
    with qtbot.waitSignal(window.session.modelChanged, timeout=60_000):
        window.open_run(str(tmp_path / "alibi"))
    view = window.attention_view
    window.dashboard.setCurrentWidget(view)
    with qtbot.waitSignal(window.session.positionsReady, timeout=60_000) as ready:
        view.views.setCurrentWidget(view.positions_view)  # opening the tab reads the model's positions
    views = ready.args[0]
    assert views.scheme == "alibi" and views.bias.shape[0] == 2
    positions = view.positions_view
    qtbot.waitUntil(lambda: positions.head.count() == 2, timeout=5_000)
    positions.head.setCurrentIndex(1)
    positions.draw()
    np.testing.assert_array_equal(positions.left_image.image, views.bias[1])
    np.testing.assert_array_equal(positions.right_image.image, views.similarity)
    # the right plot is the bias averaged over heads (the caption says so), not positions' similarity
    assert positions.right.titleLabel.text == "mean score bias over heads"
    assert [positions.right.getAxis(side).labelText for side in ("left", "bottom")] == ["query position",
                                                                                        "key position"]
    with qtbot.waitSignal(window.session.positionsReady, timeout=60_000):
        positions.findChild(QPushButton, "refreshPositionsButton").click()


def test_the_representations_view_draws_the_chosen_layer_by_label_and_the_cka_matrix(qtbot, window):
    from lmstudio_app.config.engine_messages import POOLED_EXAMPLES
    from lmstudio_app.config.messages import Message
    from lmstudio_app.engine.representations import layer_names
    from lmstudio_app.events import LayerRepresentations

    points = (np.array([[0, 0], [1, 1], [2, 0]], dtype=np.float32), np.array([[5, 1], [6, 2], [7, 3]], np.float32))
    matrix = np.array([[1.0, 0.4], [0.4, 1.0]], dtype=np.float32)
    window.session.apply([LayerRepresentations(step=7, layers=layer_names(2), points=points, labels=("a", "b", "a"),
                                               matrix=matrix, source=Message(POOLED_EXAMPLES, {"count": 3}))])
    view = window.attention_view.representations_view
    view.draw()
    assert view.layer.currentText() == "layer 1"  # the top layer first
    xs, ys = view.scatters["a"].getData()
    assert list(xs) == [5, 7] and list(ys) == [1, 3]
    view.layer.setCurrentIndex(0)
    view.draw()
    assert list(view.scatters["b"].getData()[0]) == [1]
    assert np.array_equal(view.similarity.image, matrix)
    assert "step 7: 3 validation examples, pooled, by label" in view.title.text()


def test_the_layer_probe_is_a_bar_per_layer_over_the_majority_share(qtbot, window):
    from lmstudio_app.engine.representations import layer_names
    from lmstudio_app.events import LayerProbe

    view = window.attention_view.representations_view
    assert not view.probe_plot.isVisible()
    assert view.probe_dataset.currentData() == "docstring-family"
    window.session.apply([LayerProbe(9, layer_names(3), (0.45, 0.5, 0.4), 0.17, (90, 10))])
    assert view.probe_bars.opts["height"] == [0.45, 0.5, 0.4] and view.probe_bars.opts["x"] == [0, 1, 2]
    assert view.chance.value() == 0.17
    assert "10 examples (90 to train)" in view.probe_summary.text()


def test_probing_each_layer_of_a_saved_run_from_the_window(qtbot, window, pretrained_encoder):
    with qtbot.waitSignal(window.session.modelChanged, timeout=60_000):
        window.open_run(str(pretrained_encoder))
    view = window.attention_view.representations_view
    with qtbot.waitSignal(window.session.layerProbeReady, timeout=120_000) as probed:
        view.findChild(QPushButton, "probeLayersButton").click()
    found = probed.args[0]
    assert [layer.english() for layer in found.layers] == ["embeddings", "layer 1", "layer 2"]
    assert all(0 <= a <= 1 for a in found.accuracy)
    assert view.probe_bars.opts["height"] == list(found.accuracy)


def test_a_fine_tune_without_probes_shows_its_final_models_attention(qtbot, window, pretrained_encoder):
    from tests.engine.finetune.conftest import task_config

    window.session.set_config(task_config(pretrained_encoder, "training.steps=3"))  # probe_every = 0
    with qtbot.waitSignal(window.session.runFinished, timeout=120_000):
        window.start_action.trigger()
    assert not window.session.snapshots
    view = window.attention_view
    with qtbot.waitSignal(window.session.snapshotAdded, timeout=60_000) as probed:
        window.dashboard.setCurrentWidget(view)
    snapshot = probed.args[0]
    assert snapshot.step == 3 and list(snapshot.attention) == ["encoder"]
    qtbot.waitUntil(lambda: view.head.count() == 3, timeout=5_000)  # the mean and 2 heads, not empty pickers
    assert view.head_view.queries == snapshot.tokens and view.head_view.image.image.shape == (len(snapshot.tokens),) * 2
    assert view.when.text().startswith("step 3")


def test_a_run_without_probes_shows_the_live_models_attention_when_looked_at(qtbot, window):
    from .conftest import tiny_gui_config

    window.session.set_config(tiny_gui_config("training.probe_every=0"))
    with qtbot.waitSignal(window.session.runStarted, timeout=120_000):
        window.start_action.trigger()
    qtbot.waitUntil(lambda: window.session.train.rows >= 2, timeout=60_000)
    with qtbot.waitSignal(window.session.snapshotAdded, timeout=60_000) as probed:
        window.dashboard.setCurrentWidget(window.attention_view)
    assert probed.args[0].step >= 1 and window.session.state == RunState.RUNNING
    with qtbot.waitSignal(window.session.runFinished, timeout=60_000):
        window.stop_action.trigger()


def click_tab(qtbot, tabs, index: int) -> None:
    from PySide6.QtCore import Qt

    bar = tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert tabs.currentIndex() == index


def test_a_deep_model_s_every_layer_is_reachable_and_its_colour_bar_whole(qtbot, window):
    """deep-thin: 12 layers at 1024×700. Every tile keeps a readable height and the view scrolls to the last."""
    window.resize(1024, 700)
    window.split_evenly()
    view = window.attention_view
    window.session.apply([snapshot(3, np.tril(np.ones((12, 12), dtype=np.float32)) / np.arange(1, 13)[:, None],
                                   layers=12)])
    click_tab(qtbot, window.dashboard, window.dashboard.indexOf(view))
    click_tab(qtbot, view.views, 1)
    grid = view.model_view
    qtbot.waitUntil(lambda: grid.shape == (12, 2))
    qtbot.wait(50)
    scroll = grid.scroll_area
    assert scroll.verticalScrollBar().isVisible()
    heights = [row[0].getViewBox().sceneBoundingRect().height() for row in grid.images]
    assert min(heights) >= 60, heights
    last = grid.images[11][0].getViewBox()
    scroll.verticalScrollBar().setValue(scroll.verticalScrollBar().maximum())
    top_left = grid.mapFromScene(last.sceneBoundingRect().topLeft())
    corner = grid.mapTo(scroll.viewport(), top_left)
    assert 0 <= corner.y() and corner.y() + 60 <= scroll.viewport().height()  # the last layer is in view
    bar = grid.colorbar_view
    assert bar.isVisibleTo(window) and bar.height() >= 150
    assert bar.rect().contains(bar.mapFromScene(grid.colorbar.sceneBoundingRect()).boundingRect())


def drawn_tick_labels(axis) -> list[tuple[str, object]]:
    """(text, scene rectangle) of every tick label the axis draws, as pyqtgraph lays them out."""
    from PySide6.QtGui import QImage, QPainter

    canvas = QImage(4, 4, QImage.Format.Format_ARGB32)
    painter = QPainter(canvas)
    try:
        specs = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    return [(text, axis.mapRectToScene(rect)) for rect, _, text in (specs[2] if specs else [])]


def assert_apart(labels) -> None:
    for (text, rect), (other, other_rect) in zip(labels, labels[1:]):
        assert not rect.intersects(other_rect), f"{text!r} runs into {other!r}"


def representations_at_1024x700(qtbot, window, layers: int, chance: float):
    from lmstudio_app.config.engine_messages import POOLED_EXAMPLES
    from lmstudio_app.config.messages import Message
    from lmstudio_app.engine.representations import layer_names
    from lmstudio_app.events import LayerProbe, LayerRepresentations

    window.resize(1024, 700)
    window.split_evenly()
    names = layer_names(layers)
    points = tuple(np.random.default_rng(i).normal(size=(20, 2)).astype(np.float32) for i in range(layers))
    window.session.apply([snapshot(5, np.eye(4, dtype=np.float32)),  # the views show once there is attention
                          LayerRepresentations(5, names, points, ("a", "b") * 10, np.eye(layers, dtype=np.float32),
                                               Message(POOLED_EXAMPLES, {"count": 20})),
                          LayerProbe(5, names, tuple(np.linspace(0.3, 0.9, layers)), chance, (90, 10))])
    view = window.attention_view
    click_tab(qtbot, window.dashboard, window.dashboard.indexOf(view))
    click_tab(qtbot, view.views, view.views.indexOf(view.representations_view))
    shown = view.representations_view
    qtbot.waitUntil(lambda: shown.layer.count() == layers)
    qtbot.wait(50)
    return shown


@pytest.mark.parametrize("chance", [0.97, 0.3])
def test_the_layer_probe_and_the_cka_matrix_keep_their_labels_whole_and_apart(qtbot, window, chance):
    shown = representations_at_1024x700(qtbot, window, 13, chance)
    label = shown.chance.label
    assert label.toPlainText() == "majority label"
    assert shown.probe_plot.vb.sceneBoundingRect().contains(label.sceneBoundingRect())  # not cut at the edge
    for axis in (shown.probe_plot.getAxis("bottom"), shown.similarity_plot.getAxis("bottom"),
                 shown.similarity_plot.getAxis("left")):
        labels = drawn_tick_labels(axis)
        assert labels and labels[0][0] == "0"  # layers by number, 0 = embeddings (the axis says so)
        assert_apart(labels)
    assert [text for text, _ in drawn_tick_labels(shown.probe_plot.getAxis("bottom"))] == [str(i) for i in range(13)]
    assert "0.97" in shown.probe_summary.text() if chance == 0.97 else "0.30" in shown.probe_summary.text()


def test_probing_each_layer_shows_its_progress_in_the_status_bar(qtbot, window, pretrained_encoder):
    with qtbot.waitSignal(window.session.modelChanged, timeout=60_000):
        window.open_run(str(pretrained_encoder))
    view = window.attention_view
    click_tab(qtbot, window.dashboard, window.dashboard.indexOf(view))
    click_tab(qtbot, view.views, view.views.indexOf(view.representations_view))
    shown_in_status_bar = []
    window.session.progressChanged.connect(lambda *_: shown_in_status_bar.append(window.phase_label.text()))
    with qtbot.waitSignal(window.session.layerProbeReady, timeout=120_000):
        qtbot.mouseClick(view.findChild(QPushButton, "probeLayersButton"), Qt.MouseButton.LeftButton)
    # polled ten times a second: which layers it caught depends on the machine, that it said so does not
    assert any(re.fullmatch(r"training a linear probe on layer \d of 3", text) for text in shown_in_status_bar), \
        shown_in_status_bar


def test_positions_and_representations_show_no_head_pickers(qtbot, window):
    view = window.attention_view
    window.session.apply([snapshot(3, np.eye(4, dtype=np.float32), layers=2)])
    click_tab(qtbot, window.dashboard, window.dashboard.indexOf(view))
    head_pickers = (view.kind, view.layer, view.head, view.follow, view.scrubber, view.caption)
    for tab in (view.positions_view, view.representations_view, view.head_view):
        click_tab(qtbot, view.views, view.views.indexOf(tab))
        visible = [widget.objectName() for widget in head_pickers if widget.isVisibleTo(window)]
        assert visible == ([] if tab is not view.head_view else [w.objectName() for w in head_pickers]), tab
    assert view.probe_row.isVisibleTo(window)


def test_step_by_step_keeps_its_heatmaps_usable_at_1024x700(qtbot, window):
    from lmstudio_app.config.messages import Message
    from lmstudio_app.events import AttentionStages, WhatIf

    window.resize(1024, 700)
    window.split_evenly()
    tokens = tuple("the quick brown")
    size = len(tokens)
    allowed = np.tril(np.ones((size, size), dtype=bool))
    weights = (allowed / allowed.sum(1, keepdims=True)).astype(np.float32)
    what_ifs = tuple(WhatIf(Message(label), factor, weights, 1.0, 0.5) for label, factor in (("a", 4.0), ("b", 1.0)))
    window.session.apply([snapshot(3, weights),
                          AttentionStages(3, "decoder", 0, 0, tokens, tokens, 16, weights, weights, None, allowed,
                                          weights, weights, np.ones(size), what_ifs)])
    view = window.attention_view
    click_tab(qtbot, window.dashboard, window.dashboard.indexOf(view))
    click_tab(qtbot, view.views, view.views.indexOf(view.stages_view))
    grid = view.stages_view.grid
    qtbot.waitUntil(lambda: grid.images["weights"].image is not None)
    qtbot.wait(50)
    heights = {name: plot.vb.sceneBoundingRect().height() for name, plot in grid.plots.items()}
    assert min(heights.values()) >= 100, heights
    area = view.stages_view.scroll_area
    area.ensureWidgetVisible(grid, 0, 0)
    bottom = grid.mapTo(area.widget(), grid.rect().bottomLeft()).y()
    assert bottom <= area.widget().height()  # scrolling reaches the last row


def test_token_labels_on_both_axes_never_run_into_each_other(qtbot, window):
    window.resize(1024, 700)
    window.split_evenly()
    tokens = ("[CLS]", *("[UNK]", "##ick", "brow", "##n", "fox") * 8, "[SEP]")
    matrix = np.full((len(tokens), len(tokens)), 1 / len(tokens), dtype=np.float32)
    window.session.apply([snapshot(1, matrix, tokens=tokens)])
    view = window.attention_view
    click_tab(qtbot, window.dashboard, window.dashboard.indexOf(view))
    qtbot.waitUntil(lambda: view.head_view.keys == tokens)
    qtbot.wait(50)
    for side in ("bottom", "left"):
        labels = drawn_tick_labels(view.head_view.plot.getAxis(side))
        assert len(labels) >= 5, side  # thinned, not gone
        assert_apart(labels)
        for text, _ in labels:
            assert any(token.startswith(text.rstrip("…")) for token in tokens), text  # a token, or its start


def test_a_probe_text_longer_than_the_context_says_it_was_cut_and_where(qtbot, window, tmp_path):
    from PySide6.QtWidgets import QApplication

    from .test_dashboard import train_run

    train_run(tmp_path / "decoder")  # a character tokenizer, a context of 32
    with qtbot.waitSignal(window.session.modelChanged, timeout=60_000):
        window.open_run(str(tmp_path / "decoder"))
    view = window.attention_view
    click_tab(qtbot, window.dashboard, window.dashboard.indexOf(view))
    qtbot.waitUntil(lambda: len(window.session.snapshots) == 1, timeout=60_000)  # the opened run's own probe text
    text = "abcdefghij" * 1000
    QApplication.clipboard().setText(text)
    view.probe_text.setFocus()
    view.probe_text.selectAll()
    qtbot.keyClick(view.probe_text, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)  # pasted, as one would
    with qtbot.waitSignal(window.session.snapshotAdded, timeout=60_000):
        qtbot.keyClick(view.probe_text, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "9,968" in view.cut_note.text() and view.cut_note.isVisibleTo(window))
    assert view.cut_note.text() == ("The probe text is longer than the model's context: its last 9,968 tokens were not "
                                    f"read. It was read up to “…{text[:32]}”.")
    view.probe_text.selectAll()
    qtbot.keyClicks(view.probe_text, "short")
    with qtbot.waitSignal(window.session.snapshotAdded, timeout=60_000):
        qtbot.keyClick(view.probe_text, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.cut_note.isHidden())
