"""Runs › Sweep data size…: the experiment fine-tuned from the selected run and from scratch at each size, the
runs trained one after another in the window, then the learning curves plotted from those runs' metrics."""

from PySide6.QtWidgets import QPushButton

from lmstudio_app.config import apply_overrides, load_preset
from lmstudio_app.gui.session import RunState
from lmstudio_app.run_index import RunIndex
from tests.engine.finetune.conftest import SMALL

from .driving import answering, click, listed, typed


def indexed(qtbot, window, run_dir) -> None:
    """The session fixture's run was trained without records: the index reads it from its folder."""
    index = RunIndex()
    index.import_run(run_dir)
    index.close()
    listed(qtbot, window)


def test_a_sweep_from_the_runs_view_plots_the_final_metric_of_each_run(qtbot, window, pretrained_encoder):
    window.session.set_config(apply_overrides(load_preset("bert-mini-docstring-family"), SMALL + [
        "training.steps=4", "training.eval_every=4", "training.eval_batches=2", "finetune.max_examples=300"]))
    assert window.session.valid, window.session.problems
    indexed(qtbot, window, pretrained_encoder)
    window.runs_view.select([str(pretrained_encoder)])
    with qtbot.waitSignal(window.session.sweepReady, timeout=180_000) as finished:
        with answering(qtbot, typed("30, 90")):
            click(qtbot, window.runs_view.findChild(QPushButton, "sweepButton"))
        assert window.session.sweeping
    sweep = finished.args[0]
    assert window.session.state == RunState.IDLE and not window.session.sweeping
    assert sweep.metric == "accuracy" and list(sweep.curves) == ["pretrained", "scratch"]
    assert len(sweep.run_dirs) == 4
    index = RunIndex()
    for start, points in sweep.curves.items():
        assert [size for size, _ in points] == [30, 90]
        runs = [run for run in sweep.run_dirs if run.endswith(start)]
        finals = [index.series(run, "accuracy", "validation")[1][-1] for run in runs]
        assert [value for _, value in points] == finals  # each point is that run's final validation accuracy
        curve = window.runs_view.sweep_curves[start]
        assert list(curve.xData) == [30, 90] and list(curve.yData) == finals  # as given; the axis shows log10
    qtbot.waitUntil(lambda: {run.run_dir for run in window.session.runs} >= set(sweep.run_dirs))  # ordinary runs


def test_a_sweep_without_a_fine_tuning_task_is_refused_with_a_sentence(qtbot, window, pretrained_encoder):
    indexed(qtbot, window, pretrained_encoder)
    window.runs_view.select([str(pretrained_encoder)])
    with qtbot.waitSignal(window.session.errorRaised, timeout=60_000) as refused:
        with answering(qtbot, typed("30")):
            click(qtbot, window.runs_view.findChild(QPushButton, "sweepButton"))
    assert "finetune.task: compare-init fine-tunes; set a task" in refused.args[0]
    assert window.session.state == RunState.IDLE and not window.session.sweeping


def test_the_sweep_plot_reads_as_accuracy_over_the_sizes_it_measured(qtbot, window):
    from lmstudio_app.config.engine_messages import start_part
    from lmstudio_app.events import SweepFinished

    window.session.apply([SweepFinished("accuracy", {"pretrained": ((50, 0.3), (300, 0.5)),
                                                     "scratch": ((50, 0.2), (300, 0.4))}, (),
                                        {"pretrained": start_part(True, None), "scratch": start_part(False, None)})])
    plot = window.runs_view.sweep_plot
    assert not plot.getAxis("left").autoSIPrefix  # 0.3, not "300 m"
    ticks = plot.getAxis("bottom")._tickLevels[0]
    assert [label for _, label in ticks] == ["50", "300"]
    assert window.runs_view.details.currentWidget() is plot


def test_variants_asked_by_the_window_train_one_after_another_as_ordinary_runs(qtbot, window):
    """What a lesson's Run this asks: the controller trains each variant, the session stays busy between runs
    and says so once the comparison is over."""
    from lmstudio_app.requests import Variant

    window.session.set_config(apply_overrides(window.session.config, ["training.steps=3", "training.eval_every=3",
                                                                       "training.probe_every=0"]))
    with qtbot.waitSignal(window.session.variantsCompared, timeout=120_000) as compared:
        assert window.controller.compare_variants([Variant("learned"), Variant("none", {"model.position": "none"})])
        assert window.session.sweeping and not window.controller.compare_variants([Variant("again")])
    rows = compared.args[0].rows
    assert [(row.label, row.steps, row.reason) for row in rows] == [("learned", 3, "completed"),
                                                                   ("none", 3, "completed")]
    assert window.session.state == RunState.IDLE and not window.session.sweeping
    qtbot.waitUntil(lambda: {run.run_dir for run in window.session.runs} >= {row.run_dir for row in rows})
