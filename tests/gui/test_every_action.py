"""Every action of the window, used as a person uses it.

The test finds every action of the menus and the toolbar and every push button of every view, and triggers or
clicks each one in a state where it is enabled, answering the dialogs it opens. Each must change what it says it
changes (its entry in CASES) without an exception reaching Qt's event loop and without an error dialog. An action
or a button nobody wrote a case for fails the test: a new one cannot be forgotten. (A clicked(bool) once fed False
into four slots' optional arguments, and every test that called the slots directly passed.)
"""

from __future__ import annotations

import fnmatch
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QMessageBox, QPushButton, QToolButton, QWidget

from lmstudio_app.config import DEFAULT_PRESET, apply_overrides, lessons, load_config, save_config, to_toml
from lmstudio_app.engine import checkpoint as ckpt
from lmstudio_app.engine.application.training import train
from lmstudio_app.gui.fonts import DISMISSED_KEY
from lmstudio_app.gui.i18n import language, tr
from lmstudio_app.gui.session import RunState
from lmstudio_app.run_index import RunIndex
from tests.engine.finetune.conftest import SMALL, task_config
from tests.lesson_sizes import tiny_lesson

from .conftest import tiny_gui_config
from .driving import (
    Answer,
    answering,
    chosen,
    click,
    listed,
    runs_listed,
    menu_actions,
    path_entered,
    pressed,
    reveal,
    type_into_field,
    typed,
)

transformers = pytest.importorskip("transformers")

SIGNALS = ("runStarted", "runFinished", "checkpointSaved", "snapshotAdded", "stagesReady", "positionsReady",
           "representationsReady", "layerProbeReady", "previewReady", "tokenizerReported", "modelChanged",
           "answered", "sweepReady", "runEvaluated", "lessonJudged", "noticed", "errorRaised")


@dataclass
class Walk:
    """The window being walked through, the runs and files it is given, and what its session model said."""

    window: object
    qtbot: object
    folder: Path
    runs: dict[str, Path] = field(default_factory=dict)
    heard: dict[str, list] = field(default_factory=dict)
    marked: dict[str, int] = field(default_factory=dict)
    current: QAction | QPushButton | None = None  # the action or button being used
    opened: Opened | None = None  # where Reveal folder asked the desktop to go
    lesson: object = None  # the catalogue's lesson, while a test-size one stands in for it

    def listen(self) -> None:
        for name in SIGNALS:
            self.heard[name] = []
            getattr(self.window.session, name).connect(lambda *args, name=name: self.heard[name].append(args))

    def mark(self) -> None:
        self.marked = {name: len(values) for name, values in self.heard.items()}

    def since(self, name: str) -> list:
        return self.heard[name][self.marked.get(name, 0):]

    def wait_for(self, name: str, timeout_ms: int = 120_000):
        """The first arguments of ``name`` emitted since the action was triggered (waiting for it)."""
        self.qtbot.waitUntil(lambda: bool(self.since(name) or self.since("errorRaised")), timeout=timeout_ms)
        assert not self.since("errorRaised"), self.since("errorRaised")
        return self.since(name)[0]

    def child(self, kind: type, name: str):
        found = self.window.findChild(kind, name)
        assert found is not None, name
        return found

    def select_run(self, key: str) -> None:
        listed(self.qtbot, self.window)
        self.window.runs_view.select([str(self.runs[key])])
        assert [r.run_dir for r in self.window.runs_view.selected()] == [str(self.runs[key])]

    def add_run(self, key: str) -> Path:
        """A copy of the first run, listed in the index behind the window's back."""
        copy = self.folder / key
        shutil.copytree(self.runs["trained"], copy)
        index = RunIndex()
        index.import_run(copy)
        index.close()
        self.runs[key] = copy
        return copy


def nothing(walk: Walk) -> None:
    """No state to arrange."""


@dataclass(frozen=True)
class Case:
    """What is arranged before an action or button is used, the dialogs answered, and what must follow."""

    outcome: Callable[[Walk], None]
    before: Callable[[Walk], None] = nothing
    answers: Callable[[Walk], tuple[Answer, ...]] = lambda walk: ()


# ------------------------------------------------------------------ outcomes, in the order they run


def new_experiment(walk: Walk) -> None:
    assert walk.window.session.config.name == DEFAULT_PRESET


def write_experiment(walk: Walk) -> None:
    save_config(tiny_gui_config("name=opened-experiment"), walk.folder / "opened.toml")


def opened_experiment(walk: Walk) -> None:
    assert walk.window.session.config.name == "opened-experiment"
    assert walk.window.experiment_path == str(walk.folder / "opened.toml")


def saved_experiment(walk: Walk) -> None:
    saved = walk.folder / "saved.toml"
    assert to_toml(load_config(saved)) == to_toml(walk.window.session.config)


def preset_loaded(walk: Walk) -> None:
    name = walk.current.objectName().removeprefix("preset_")
    assert walk.window.session.config.name == name
    walk.window.session.set_config(tiny_gui_config())  # the rest of the walk trains tiny models


def make_a_problem(walk: Walk) -> None:
    type_into_field(walk.qtbot, walk.child(QWidget, "model_n_heads"), "3")
    walk.window.steps.setCurrentIndex(0)  # the problem's step closed


def problem_shown(walk: Walk) -> None:
    heads = walk.child(QWidget, "model_n_heads")
    assert walk.window.steps.currentIndex() == 1
    walk.qtbot.waitUntil(heads.hasFocus, timeout=5_000)
    type_into_field(walk.qtbot, heads, "2")
    assert walk.window.session.valid


def show_font_banner(walk: Walk) -> None:
    walk.window.font_banner.show()  # as on a machine without a Chinese font


def font_banner_dismissed(walk: Walk) -> None:
    assert not walk.window.font_banner.isVisible() and walk.window.store.value(DISMISSED_KEY, False, bool)


def write_text_file(walk: Walk) -> None:
    walk.window.session.set_config(tiny_gui_config())
    (walk.folder / "texts").mkdir()
    (walk.folder / "texts" / "notes.txt").write_text(
        "\n\n".join(f"Paragraph {i} is about attention, tokens and how a model reads them." for i in range(40)))


def file_added(walk: Walk) -> None:
    data = walk.window.session.config.data
    assert data.corpus == "files" and str(walk.folder / "texts" / "notes.txt") in data.paths


def folder_added(walk: Walk) -> None:
    assert str(walk.folder / "texts") in walk.window.session.config.data.paths


def tokenizer_trained(walk: Walk) -> None:
    walk.wait_for("tokenizerReported")
    report = walk.window.data_page.report.toPlainText()
    assert report.startswith("files: ") and "vocabulary:" in report


def previewed(walk: Walk) -> None:
    walk.wait_for("previewReady")
    assert "model input" in walk.window.objective_page.preview.toPlainText()


def add_a_run_behind_the_windows_back(walk: Walk) -> None:
    walk.add_run(f"listed-later-{len(walk.runs)}")


def runs_read_again(walk: Walk) -> None:
    runs_listed(walk.qtbot, walk.window)
    newest = str(walk.runs[list(walk.runs)[-1]])
    assert newest in {r.run_dir for r in walk.window.session.runs}
    assert walk.window.runs_view.table.rowCount() == len(walk.window.session.runs)
    combo = walk.window.playground.source
    assert newest in {combo.itemData(i) for i in range(combo.count())}


def select_trained(walk: Walk) -> None:
    walk.select_run("trained")


def opened_in_playground(walk: Walk) -> None:
    walk.qtbot.waitUntil(lambda: walk.window.session.model is not None
                         and walk.window.session.model.run_dir == str(walk.runs["trained"]), timeout=60_000)
    assert walk.window.dashboard.currentWidget() is walk.window.playground


def renamed(walk: Walk) -> None:
    assert walk.wait_for("noticed", 30_000) == ("renamed " + str(walk.runs["trained"]),)  # then listed again
    names = [walk.window.runs_view.table.item(row, 0).text() for row in range(walk.window.runs_view.table.rowCount())]
    assert "renamed by hand" in names
    assert RunIndex().get(str(walk.runs["trained"])).name == "renamed by hand"


def export_folder(walk: Walk) -> tuple[Answer, ...]:
    (walk.folder / "exports").mkdir()
    return chosen("transformers"), path_entered(walk.folder / "exports")


def exported(walk: Walk) -> None:
    walk.wait_for("noticed", 60_000)
    target = walk.folder / "exports" / "renamed-by-hand-transformers"  # the name the rename before it gave the run
    model = transformers.AutoModelForCausalLM.from_pretrained(target)
    tokenizer = transformers.PreTrainedTokenizerFast(tokenizer_file=str(target / "tokenizer.json"))
    ids = tokenizer("for x in y", return_tensors="pt").input_ids
    assert model(ids).logits.shape == (1, ids.shape[1], model.config.vocab_size)


def select_resumable(walk: Walk) -> None:
    walk.add_run("resumable")
    walk.select_run("resumable")


def resumed(walk: Walk) -> None:
    finished = walk.wait_for("runFinished")[0]
    assert finished.reason == "completed" and finished.step == 8
    # the run's history up to its saved step 4 (from metrics.jsonl), then steps 5… trained on from there
    assert list(walk.window.session.train.get("step")) == [1, 2, 3, 4, 5, 6, 7, 8]
    assert walk.window.session.run_dir == str(walk.runs["resumable"])


def select_disposable(walk: Walk) -> None:
    walk.add_run("disposable")
    walk.select_run("disposable")


def deleted(walk: Walk) -> None:
    assert walk.wait_for("noticed", 30_000) == (f"deleted {walk.runs['disposable']} (Runs › Undo delete brings "
                                                f"them back until this window closes)",)
    assert not walk.runs["disposable"].exists()
    assert str(walk.runs["disposable"]) not in {r.run_dir for r in walk.window.session.runs}


def restored(walk: Walk) -> None:
    assert walk.wait_for("noticed", 30_000) == (f"restored {walk.runs['disposable']}",)
    assert (walk.runs["disposable"] / "config.toml").is_file()
    assert str(walk.runs["disposable"]) in {r.run_dir for r in walk.window.session.runs}


def rebuilt(walk: Walk) -> None:
    assert walk.wait_for("noticed", 60_000)[0].startswith("the run index was rebuilt: ")
    names = {r.run_dir: r.name for r in walk.window.session.runs}
    assert names[str(walk.runs["trained"])] == "renamed by hand"  # the rename before it was written to its config


class Opened(QObject):
    """Where the desktop would have been asked to open a folder (Qt's handler for file: URLs)."""

    def __init__(self):
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


def catch_folder_opening(walk: Walk) -> None:
    walk.opened = Opened()
    QDesktopServices.setUrlHandler("file", walk.opened, "open")
    walk.select_run("trained")


def folder_revealed(walk: Walk) -> None:
    QDesktopServices.unsetUrlHandler("file")
    assert [url.toLocalFile() for url in walk.opened.urls] == [str(walk.runs["trained"])]


def choose_the_trained_run(walk: Walk) -> None:
    combo = walk.window.playground.source
    listed(walk.qtbot, walk.window)
    combo.setCurrentIndex(combo.findData(str(walk.runs["trained"])))


def run_opened(walk: Walk) -> None:
    ready = walk.wait_for("modelChanged", 60_000)[0]
    assert ready.run_dir == str(walk.runs["trained"]) and not ready.live


def write_a_prompt(walk: Walk) -> None:
    walk.window.playground.prompt.setPlainText("for ")
    type_into_field(walk.qtbot, walk.window.playground.max_tokens, "6")


def generated(walk: Walk) -> None:
    walk.qtbot.waitUntil(lambda: walk.window.session.generation.done and bool(walk.window.session.generation.text),
                         timeout=60_000)
    assert walk.window.playground.output.toPlainText().startswith("for ")


def start_a_long_generation(walk: Walk) -> None:
    playground = walk.window.playground
    type_into_field(walk.qtbot, playground.temperature, "0")
    type_into_field(walk.qtbot, playground.max_tokens, "100000")
    click(walk.qtbot, playground.generate_button)
    walk.qtbot.waitUntil(lambda: len(walk.window.session.generation.text) >= 20, timeout=60_000)


def generation_stopped(walk: Walk) -> None:
    walk.qtbot.waitUntil(lambda: walk.window.session.generation.done, timeout=1_000)
    assert len(walk.window.session.generation.text) < 5_000
    type_into_field(walk.qtbot, walk.window.playground.temperature, "0.8")


def bert_folder(walk: Walk) -> tuple[Answer, ...]:
    from tests.engine.application.hf_checkpoints import write_checkpoint

    write_checkpoint(walk.folder / "tiny-bert", "BertForMaskedLM")
    return (path_entered(walk.folder / "tiny-bert"),)


def imported(walk: Walk) -> None:
    snapshot = walk.wait_for("snapshotAdded", 60_000)[0]
    assert walk.window.session.model.config.model.family == "encoder"
    assert snapshot.tokens == as_transformers_reads(walk, walk.window.session.model.config.training.probe_text)
    assert walk.window.dashboard.currentWidget() is walk.window.attention_view


def write_probe_text(walk: Walk) -> None:
    reveal(walk.window.attention_view.probe_text)
    walk.qtbot.keyClicks(walk.window.attention_view.probe_text, "the quick fox")  # not Enter: that probes too


def probed(walk: Walk) -> None:
    snapshot = walk.wait_for("snapshotAdded", 60_000)[0]
    assert snapshot.tokens == as_transformers_reads(walk, "the quick fox")


def as_transformers_reads(walk: Walk, text: str) -> tuple[str, ...]:
    """The imported BERT's tokens for a text as transformers reads it (the window probes as its checkpoint frames)."""
    from transformers import AutoTokenizer

    reads = AutoTokenizer.from_pretrained(walk.folder / "tiny-bert")
    return tuple(reads.convert_ids_to_tokens(reads(text)["input_ids"]))


def png_path(walk: Walk) -> tuple[Answer, ...]:
    return (path_entered(walk.folder / "attention.png"),)


def png_written(walk: Walk) -> None:
    assert (walk.folder / "attention.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def npz_path(walk: Walk) -> tuple[Answer, ...]:
    return (path_entered(walk.folder / "attention.npz"),)


def npz_written(walk: Walk) -> None:
    with np.load(walk.folder / "attention.npz") as saved:
        assert any(name.startswith("encoder") for name in saved.files)


def stages_shown(walk: Walk) -> None:
    stages = walk.wait_for("stagesReady", 60_000)[0]
    assert stages.kind == "encoder" and stages.weights.shape[0] == len(stages.queries)


def positions_shown(walk: Walk) -> None:
    assert walk.wait_for("positionsReady", 60_000)[0].scheme == "learned"


def representations_shown(walk: Walk) -> None:
    assert walk.wait_for("representationsReady", 60_000)[0].layers[0].english() == "embeddings"


def layers_probed(walk: Walk) -> None:
    found = walk.wait_for("layerProbeReady", 120_000)[0]
    assert len(found.accuracy) == 3 and all(0 <= a <= 1 for a in found.accuracy)  # embeddings and 2 layers


def write_masked_text(walk: Walk) -> None:
    walk.window.playground.prompt.setPlainText("the quick [MASK] fox")


def masks_filled(walk: Walk) -> None:
    walk.wait_for("answered", 60_000)
    assert walk.window.playground.output.toPlainText().startswith("[MASK] 1:")


def train_tiny(walk: Walk) -> None:
    walk.window.session.set_config(tiny_gui_config("training.steps=2000"))


def training(walk: Walk) -> None:
    walk.wait_for("runStarted")
    walk.qtbot.waitUntil(lambda: walk.window.session.train.rows >= 3, timeout=60_000)
    assert walk.window.dashboard.currentWidget() is walk.window.loss_view


def paused_and_resumed(walk: Walk) -> None:
    window = walk.window
    walk.qtbot.waitUntil(lambda: window.session.state == RunState.PAUSED, timeout=30_000)
    assert window.pause_action.text() == "Resume"
    window.pause_action.trigger()
    walk.qtbot.waitUntil(lambda: window.session.state == RunState.RUNNING, timeout=30_000)


def checkpoint_saved(walk: Walk) -> None:
    saved = walk.wait_for("checkpointSaved", 60_000)[0]
    assert Path(saved.path) == ckpt.latest_checkpoint(walk.window.session.run_dir)


def stopped(walk: Walk) -> None:
    assert walk.wait_for("runFinished")[0].reason == "stopped"
    assert walk.window.session.state == RunState.IDLE


def fine_tune_from_pretrained(walk: Walk) -> None:
    walk.window.session.set_config(apply_overrides(task_config(walk.runs["pretrained"]), SMALL + [
        "training.steps=4", "training.eval_every=4", "training.eval_batches=2", "finetune.max_examples=300"]))
    index = RunIndex()
    index.import_run(walk.runs["pretrained"])
    index.close()
    walk.select_run("pretrained")


def swept(walk: Walk) -> None:
    sweep = walk.wait_for("sweepReady", 180_000)[0]
    assert {start: [size for size, _ in points] for start, points in sweep.curves.items()} == {
        "pretrained": [30, 60], "scratch": [30, 60]}
    assert len(sweep.run_dirs) == 4
    # the run book lists the swept runs off the GUI thread, after the sweep's outcome reached the window
    walk.qtbot.waitUntil(lambda: set(sweep.run_dirs) <= {r.run_dir for r in walk.window.session.runs}, timeout=30_000)
    walk.runs["classifier"] = Path(sweep.run_dirs[0])


def open_the_classifier(walk: Walk) -> None:
    walk.window.open_run(str(walk.runs["classifier"]))
    walk.qtbot.waitUntil(lambda: walk.window.session.model is not None
                         and walk.window.session.model.run_dir == str(walk.runs["classifier"]), timeout=60_000)
    walk.window.playground.prompt.setPlainText("Return the logger of this module.")


def classified(walk: Walk) -> None:
    answer = walk.wait_for("answered", 60_000)[0]
    assert len(answer.labels) == 8 and abs(sum(p for _, p in answer.labels) - 1) < 1e-4


def select_the_classifier(walk: Walk) -> None:
    walk.select_run("classifier")


def evaluated(walk: Walk) -> None:
    evaluation = walk.wait_for("runEvaluated", 120_000)[0]
    view = walk.window.evaluation_view
    assert walk.window.dashboard.currentWidget() is view
    assert evaluation.run_dir == str(walk.runs["classifier"]) and evaluation.data_file == ""
    assert "accuracy" in view.metrics.text() and view.predictions.isVisible()
    assert view.predictions.rowCount() == len(evaluation.predictions) > 0


def in_its_language(walk: Walk) -> None:
    code = walk.current.objectName().removeprefix("language_")
    assert language().code == code
    assert walk.window.run_menu.title() == {"en": "&Run", "zh_CN": "运行(&R)"}[code]


def lessons_shown(walk: Walk) -> None:
    panel = walk.window.lessons_view
    assert walk.window.lessons_dock.isVisible() and panel.title.text() == tr(lessons.LESSONS[0].title)


def choose_a_tiny_lesson(walk: Walk) -> None:
    """Run this on the √d_k lesson at test size (a few steps of a tiny model); the catalogue is put back after."""
    walk.lesson = lessons.LESSONS_BY_NAME["scaled-attention"]
    lessons.LESSONS_BY_NAME["scaled-attention"] = tiny_lesson("scaled-attention")
    walk.window.lessons_view.choose("scaled-attention")


def lesson_judged(walk: Walk) -> None:
    try:
        judged = walk.wait_for("lessonJudged", 120_000)[0]
    finally:
        lessons.LESSONS_BY_NAME["scaled-attention"] = walk.lesson
    long = walk.current.objectName() == "runLongLessonButton"
    assert judged.lesson == "scaled-attention" and judged.long == long and judged.held is not None
    assert walk.window.attention_view.views.currentWidget() is walk.window.attention_view.stages_view
    assert walk.window.lessons_view.verdict.text().startswith(("✔", "✘"))
    walk.qtbot.waitUntil(lambda: walk.window.session.state == RunState.IDLE, timeout=10_000)


def closed(walk: Walk) -> None:
    walk.qtbot.waitUntil(lambda: not walk.window.isVisible(), timeout=30_000)
    assert not walk.window.controller.thread.isRunning()


# ------------------------------------------------------------------ every action and button, keyed by objectName

CASES: dict[str, Case] = {  # in the order they are used: each arranges what it needs, or uses what came before
    # Idle, with a finished run (checkpoints at steps 4 and 8) in the index.
    "fontBannerDismiss": Case(font_banner_dismissed, show_font_banner),
    "saveAction": Case(saved_experiment, answers=lambda walk: (path_entered(walk.folder / "saved.toml"),)),
    "openAction": Case(opened_experiment, write_experiment,
                       lambda walk: (path_entered(walk.folder / "opened.toml"),)),
    "newAction": Case(new_experiment),
    "preset_*": Case(preset_loaded),
    "problemsAction": Case(problem_shown, make_a_problem),
    "addFilesButton": Case(file_added, write_text_file,
                           lambda walk: (path_entered(walk.folder / "texts" / "notes.txt"),)),
    "addFolderButton": Case(folder_added, answers=lambda walk: (path_entered(walk.folder / "texts"),)),
    "trainTokenizerButton": Case(tokenizer_trained),
    "previewButton": Case(previewed),
    "refreshRunsButton": Case(runs_read_again, add_a_run_behind_the_windows_back),
    "playgroundRefreshButton": Case(runs_read_again, add_a_run_behind_the_windows_back),
    "openInPlaygroundButton": Case(opened_in_playground, select_trained),
    "openRunButton": Case(run_opened, choose_the_trained_run),
    "generateButton": Case(generated, write_a_prompt),
    "stopGenerationButton": Case(generation_stopped, start_a_long_generation),
    "renameRunButton": Case(renamed, select_trained, lambda walk: (typed("renamed by hand"),)),
    "exportRunButton": Case(exported, select_trained, export_folder),
    "resumeRunButton": Case(resumed, select_resumable, lambda walk: (chosen("step 4"),)),
    "deleteRunButton": Case(deleted, select_disposable,
                            lambda walk: (pressed(QMessageBox.StandardButton.Yes),)),
    "undoDeleteAction": Case(restored),
    "rebuildIndexAction": Case(rebuilt),
    "revealRunButton": Case(folder_revealed, catch_folder_opening),
    # With a transformers BERT folder imported: the attention views and the playground on it.
    "importModelAction": Case(imported, answers=bert_folder),
    "probeButton": Case(probed, write_probe_text),
    "exportPngButton": Case(png_written, answers=png_path),
    "exportNpzButton": Case(npz_written, answers=npz_path),
    "showStagesButton": Case(stages_shown),
    "refreshPositionsButton": Case(positions_shown),
    "refreshRepresentationsButton": Case(representations_shown),
    "probeLayersButton": Case(layers_probed),
    "fillMaskButton": Case(masks_filled, write_masked_text),
    # During training.
    "startAction": Case(training, train_tiny),
    "pauseAction": Case(paused_and_resumed),
    "checkpointAction": Case(checkpoint_saved),
    "stopAction": Case(stopped),
    # Help › Lessons: the panel, and a lesson (at test size) run from it, short and long.
    "lessonsAction": Case(lessons_shown),
    "runLessonButton": Case(lesson_judged, choose_a_tiny_lesson),
    "runLongLessonButton": Case(lesson_judged, choose_a_tiny_lesson),
    # A fine-tune of a pretrained encoder: its data-efficiency sweep, and one of the sweep's classifiers.
    "sweepButton": Case(swept, fine_tune_from_pretrained, lambda walk: (typed("30, 60"),)),
    "classifyButton": Case(classified, open_the_classifier),
    "evaluateRunButton": Case(evaluated, select_the_classifier, lambda walk: (chosen("its validation split"),)),
    # Last: the window in each language, then closed.
    "language_*": Case(in_its_language),
    "quitAction": Case(closed),
}


def controls_of(window) -> list[QAction | QPushButton]:
    """Every action a person can reach in the menus and the toolbar, and every push button of every view."""
    actions = [*menu_actions(window.menuBar())]
    for action in window.toolbar.actions():
        button = window.toolbar.widgetForAction(action)
        if isinstance(button, QToolButton) and button.menu() is not None and action.isVisible():
            actions += menu_actions(button.menu())  # a toolbar menu (Presets): what a person picks is in it
        elif not action.isSeparator():
            actions.append(action)
    unique = list({id(action): action for action in actions}.values())
    return unique + window.findChildren(QPushButton)


def case_of(control) -> str | None:
    return next((key for key in CASES if fnmatch.fnmatchcase(control.objectName(), key)), None)


def use(walk: Walk, control) -> None:
    """Trigger an action or click a button, as a person would: only when it can be seen and is enabled, in the
    window they are looking at (the last dialog closed, the window is active again)."""
    walk.window.activateWindow()
    walk.qtbot.waitUntil(walk.window.isActiveWindow, timeout=5_000)
    if isinstance(control, QAction):
        assert control.isVisible() and control.isEnabled(), f"{control.objectName()} is hidden or disabled"
        control.trigger()
    else:
        click(walk.qtbot, control)


def test_every_action_and_button_does_what_it_says(qtbot, isolated_home, tmp_path, pretrained_encoder):
    from lmstudio_app.gui.main_window import MainWindow

    trained = tmp_path / "trained"
    assert train(tiny_gui_config("training.steps=8", "training.checkpoint_every=4", "training.keep_checkpoints=3",
                                 "training.eval_every=4", "training.probe_every=0"), trained).reason == "completed"
    window = MainWindow(tiny_gui_config(), restore=False)
    window.show()
    walk = Walk(window, qtbot, tmp_path, runs={"trained": trained, "pretrained": pretrained_encoder})
    walk.listen()
    listed(qtbot, window)
    controls = controls_of(window)
    try:
        unnamed = [control for control in controls if not control.objectName()]
        assert not unnamed, f"give these an objectName: {[c.text() for c in unnamed]}"
        forgotten = sorted({c.objectName() for c in controls if case_of(c) is None})
        assert not forgotten, f"new actions or buttons: add what they do to CASES: {forgotten}"
        stale = sorted(key for key in CASES if not any(case_of(c) == key for c in controls))
        assert not stale, f"CASES for actions the window no longer has: {stale}"
        for key, case in CASES.items():
            for control in (c for c in controls if case_of(c) == key):
                walk.current = control
                with qtbot.captureExceptions() as exceptions:
                    try:
                        case.before(walk)
                        walk.mark()
                        with answering(qtbot, *case.answers(walk)):
                            use(walk, control)
                        case.outcome(walk)
                    except AssertionError as failure:
                        raised = f" after {exceptions[0][1]!r}" if exceptions else ""
                        raise AssertionError(f"{control.objectName()}: {failure}{raised}") from None
                assert not exceptions, f"{control.objectName()}: {exceptions[0][1]!r}"
                assert not walk.since("errorRaised"), f"{control.objectName()}: {walk.since('errorRaised')}"
                assert window.error_dialog is None or not window.error_dialog.isVisible(), control.objectName()
    finally:
        QDesktopServices.unsetUrlHandler("file")
        language().set("en")
        if window.isVisible():
            if window.controller.training:
                window.controller.stop()
                window.wait_until_idle()
            window.close()
