"""Every request, answered by the application layer's one entry point and by the window's worker, gives the same
events (the same outcome) and writes the same files; the window's Runs › Evaluate… gives what `lmstudio eval`
gives; the window's training and its sweep leave a core free alike."""

from __future__ import annotations

import dataclasses
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from safetensors.numpy import load_file
from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QApplication, QPushButton

from lmstudio_app.cli import main
from lmstudio_app.config import ExperimentConfig, apply_overrides, to_toml
from lmstudio_app.engine.application import training as training_module
from lmstudio_app.engine.application.requests import Context, handle
from lmstudio_app.engine.application.training import train
from lmstudio_app.engine.control import Control
from lmstudio_app.gui.worker import Worker
from lmstudio_app.model_requests import (
    Classify,
    FillMasks,
    Generate,
    Positions,
    Probe,
    ProbeLayers,
    Representations,
    Stages,
)
from lmstudio_app.requests import (
    CompareInit,
    Evaluate,
    Export,
    Import,
    OpenRun,
    PrepareTokenizer,
    PreviewObjective,
    Resume,
    Sweep,
    Train,
)
from lmstudio_app.run_index import RunIndex
from tests.engine.finetune.conftest import SMALL, encoder_config, task_config
from tests.engine.train.conftest import tiny

from .conftest import tiny_gui_config
from .driving import answering, chosen, click, listed, path_entered

# What differs between two runs of the same request however alike they are: clocks and speeds.
TIMINGS = {"elapsed", "seconds", "eta", "tokens_per_second", "probe_seconds", "layer_stats_seconds"}
# Files whose bytes hold times (and the checksums of those), compared by name only.
NAMED_ONLY = ("trainer_state.json", "SHA256SUMS.json", "metrics.jsonl", ".lock")


@dataclasses.dataclass(frozen=True)
class Given:
    """What the requests of a case are made from: runs trained once, files written once."""

    decoder: Path  # a tiny trained decoder with checkpoints at steps 2 and 4
    classifier: Path  # a tiny fine-tuned sequence classifier
    labels_file: Path  # the classifier's task file
    pretrained: Path  # a tiny pretrained encoder
    bert: Path  # a transformers BERT folder


@pytest.fixture(scope="module")
def given(tmp_path_factory, pretrained_encoder) -> Given:
    folder = tmp_path_factory.mktemp("given")
    decoder = folder / "decoder"
    assert train(tiny("training.steps=4", "training.checkpoint_every=2", "training.eval_every=2"),
                 decoder).reason == "completed"
    labels = folder / "labels.jsonl"
    labels.write_text("\n".join(json.dumps({"text": f"{'def class' if i % 3 else 'import from'} item{i}",
                                            "label": "code" if i % 3 else "import"}) for i in range(40)))
    classifier = folder / "classifier"
    assert train(classifier_config(labels), classifier).reason == "completed"
    from tests.engine.application.hf_checkpoints import write_checkpoint

    write_checkpoint(folder / "bert", "BertForMaskedLM")
    return Given(decoder, classifier, labels, pretrained_encoder, folder / "bert")


def classifier_config(labels: Path) -> ExperimentConfig:
    return apply_overrides(encoder_config(), ["finetune.task=sequence-classification", "finetune.dataset=files",
                                              f"finetune.paths=['{labels}']", "training.steps=4"])


def sweep_config(given: Given) -> ExperimentConfig:
    return apply_overrides(task_config(given.pretrained), SMALL + ["training.steps=2", "finetune.max_examples=120"])


def resumable(given: Given, where: Path) -> str:
    """A copy of the decoder run, to resume (resuming writes to the run)."""
    shutil.copytree(given.decoder, where / "run")
    return str(where / "run")


# Each case: the requests a person makes one after another, in a folder of their own.
CASES: dict[str, Callable[[Given, Path], list]] = {
    "train": lambda given, where: [Train(tiny("training.steps=3"), str(where / "run"), leave_a_core=True)],
    "resume": lambda given, where: [Resume(resumable(given, where), "2", ("training.steps=5",), leave_a_core=True)],
    "compare-init": lambda given, where: [CompareInit(sweep_config(given), str(given.pretrained),
                                                      str(where / "compare"), leave_a_core=True)],
    "sweep": lambda given, where: [Sweep(sweep_config(given), str(given.pretrained), (30,), str(where / "sweep"),
                                         leave_a_core=True)],
    "evaluate": lambda given, where: [Evaluate(str(given.classifier), str(given.labels_file))],
    "export": lambda given, where: [Export(str(given.decoder), str(where / "export"), "transformers")],
    "import": lambda given, where: [Import(str(given.bert), str(where / "imported"), use=True)],
    "open-run": lambda given, where: [OpenRun(str(given.decoder), "best")],
    "preview": lambda given, where: [PreviewObjective(tiny_gui_config(), seed=3)],
    "tokenizer": lambda given, where: [PrepareTokenizer(tiny_gui_config(), str(where / "tokenizer.json"))],
    "generate": lambda given, where: [OpenRun(str(given.decoder)), Generate("def ", max_tokens=8, seed=1)],
    "probe": lambda given, where: [OpenRun(str(given.decoder)), Probe("for x in y")],
    "stages": lambda given, where: [OpenRun(str(given.decoder)), Stages("for x in y", "decoder", 1, 0)],
    "positions": lambda given, where: [OpenRun(str(given.decoder)), Positions()],
    "representations": lambda given, where: [OpenRun(str(given.decoder)), Representations("for x in y")],
    "fill-mask": lambda given, where: [OpenRun(str(given.pretrained)), FillMasks("the quick [MASK] fox", 3)],
    "classify": lambda given, where: [OpenRun(str(given.classifier)), Classify("import from item7")],
    "probe-layers": lambda given, where: [OpenRun(str(given.classifier)), ProbeLayers("", 40)],
}


class Collector(QObject):
    def __init__(self):
        super().__init__()
        self.events: list = []

    @Slot(object)
    def take(self, events: tuple) -> None:
        self.events.extend(events)


class Requester(QObject):
    ask = Signal(object, object)


def through_the_window(requests: list) -> list:
    """The requests handed, one after another, to the window's worker in its own thread; the events it emitted."""
    thread = QThread()
    worker = Worker()
    worker.moveToThread(thread)
    collector, requester = Collector(), Requester()
    worker.events.connect(collector.take)
    requester.ask.connect(worker.run, Qt.ConnectionType.BlockingQueuedConnection)  # returns once it is handled
    thread.start()
    try:
        for request in requests:
            requester.ask.emit(request, Control())
        QApplication.sendPostedEvents()  # the events it emitted, queued for this thread
        QApplication.processEvents()
    finally:
        thread.quit()
        thread.wait()
    return collector.events


def through_the_entry_point(requests: list) -> list:
    context = Context()
    return [event for request in requests for event in handle(request, context)]


def plain(value, where: Path):
    """An event as comparable data: its folder written as WHERE, floats to 5 digits, timings left out."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        if isinstance(value, ExperimentConfig):
            return plain(to_toml(value), where)
        return (type(value).__name__, {f.name: plain(getattr(value, f.name), where)
                                       for f in dataclasses.fields(value) if f.name not in TIMINGS})
    if isinstance(value, dict):
        return {plain(k, where): plain(v, where) for k, v in value.items() if k not in TIMINGS}
    if isinstance(value, (list, tuple)):
        return [plain(v, where) for v in value]
    if isinstance(value, np.ndarray):
        return plain(value.tolist(), where)
    if isinstance(value, (float, np.floating)):
        return float(f"{value:.5g}")
    if isinstance(value, (str, Path)):
        return str(value).replace(str(where), "WHERE")
    return value


def contents(path: Path, where: Path):
    """What a file holds: its tensors (safetensors writes its metadata in any order), or its bytes with the paths
    inside written as WHERE; None for files that hold times."""
    if path.name.endswith(NAMED_ONLY):
        return None
    if path.suffix == ".safetensors":
        return {name: (tensor.dtype.str, tensor.shape, tensor.tobytes()) for name, tensor in load_file(path).items()}
    return path.read_bytes().replace(str(where).encode(), b"WHERE")


def written(where: Path) -> dict:
    return {str(path.relative_to(where)): contents(path, where) for path in sorted(where.rglob("*")) if path.is_file()}


@pytest.mark.parametrize("case", list(CASES))
def test_a_request_gives_the_same_events_from_the_entry_point_and_the_windows_worker(case, given, tmp_path, qapp):
    direct, windowed = tmp_path / "direct", tmp_path / "window"
    direct.mkdir()
    windowed.mkdir()
    expected = through_the_entry_point(CASES[case](given, direct))
    heard = through_the_window(CASES[case](given, windowed))
    assert [type(e).__name__ for e in heard] == [type(e).__name__ for e in expected]
    assert type(heard[-1]).__name__ != "Failed", heard[-1]
    assert [plain(e, windowed) for e in heard] == [plain(e, direct) for e in expected]
    assert written(windowed) == written(direct)


def test_the_window_evaluates_a_run_as_lmstudio_eval_does(qtbot, window, given, tmp_path, capsys):
    predictions = tmp_path / "predictions.jsonl"
    assert main(["eval", str(given.classifier), "--data", str(given.labels_file), "--predictions",
                 str(predictions)]) == 0
    printed = capsys.readouterr().out.split("\n\n")[0].splitlines()  # the title and a line per metric
    index = RunIndex()  # the window's (isolated) index has not seen the run yet
    index.import_run(given.classifier)
    index.close()
    listed(qtbot, window)
    window.runs_view.select([str(given.classifier)])
    with qtbot.waitSignal(window.session.runEvaluated, timeout=120_000) as evaluated, \
            answering(qtbot, chosen("a task file"), path_entered(given.labels_file)):
        click(qtbot, window.findChild(QPushButton, "evaluateRunButton"))
    view = window.evaluation_view
    assert window.dashboard.currentWidget() is view
    # the CLI's metric lines ("  accuracy             0.7500"), as the window got them and shows them
    cli_metrics = dict(line.split() for line in printed[1:])
    got = evaluated.args[0].evaluation.metrics
    assert {name: f"{value:.4f}" for name, value in got.items()} == cli_metrics and "accuracy" in cli_metrics
    shown = [part.split("</b> ")[1] for part in view.metrics.text().split("   ")]
    assert shown == [cli_metrics[name] for name in sorted(cli_metrics) if not name.startswith("f1/")]
    saved = [json.loads(line) for line in predictions.read_text().splitlines()]
    table = view.predictions
    assert table.isVisible() and table.rowCount() == len(saved) == 40
    assert [tuple(table.item(row, column).text() for column in range(4)) for row in range(table.rowCount())] == \
        [(row["origin"], row["text"], row["label"], row["prediction"]) for row in saved]
    written = [json.loads(line) for line in given.labels_file.read_text().splitlines()]
    assert [(row["text"], row["label"]) for row in saved] == [(row["text"], row["label"]) for row in written]
    wrong = [row for row in range(table.rowCount()) if table.item(row, 3).text() != table.item(row, 2).text()]
    assert [table.item(row, 3).toolTip() for row in wrong] == ["differs from the true label"] * len(wrong)
    assert evaluated.args[0].data_file == str(given.labels_file)


def test_the_windows_training_and_its_sweep_leave_the_same_core_free(qtbot, window, given, monkeypatch):
    chosen_cores = []

    class Recorded(training_module.Trainer):
        def __init__(self, *args, leave_a_core: bool = False, **options):
            chosen_cores.append(leave_a_core)
            super().__init__(*args, leave_a_core=leave_a_core, **options)

    monkeypatch.setattr(training_module, "Trainer", Recorded)
    window.session.set_config(tiny_gui_config("training.steps=2"))
    with qtbot.waitSignal(window.session.runFinished, timeout=120_000):
        assert window.controller.start()
    window.session.set_config(sweep_config(given))
    with qtbot.waitSignal(window.session.sweepReady, timeout=180_000):
        assert window.controller.sweep(str(given.pretrained), [30])
    assert chosen_cores == [True, True, True]  # the run, then the sweep's pretrained and scratch runs
