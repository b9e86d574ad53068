"""The window in 简体中文: every shown string translated, switched at runtime, the CJK font banner."""

import math
import re
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pyqtgraph as pg
import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTableWidget,
    QTabWidget,
    QTextEdit,
    QToolBox,
    QWidget,
)

from lmstudio_app.config import preset_names
from lmstudio_app.config.registry import OBJECTIVES
from lmstudio_app.config.schema import LORA_TARGETS, SECTIONS
from lmstudio_app.gui.i18n import language

from .conftest import tiny_gui_config
from .driving import overlaid, runs_listed

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "i18n" / "lmstudio_zh_CN.ts"
QM = TS.with_suffix(".qm")

# What may stay in Latin letters in the Chinese window: proper names, units, and the names of things a person
# types or reads in code (config values and fields, commands, file formats).
PROPER_NAMES = {
    "lmstudio", "gpt", "bert", "bart", "xlnet", "llama", "lora", "adamw", "pytorch", "torch", "cuda", "gpu", "cpu",
    "cka", "png", "npz", "numpy", "noto", "cjk", "debian", "ubuntu", "fedora", "macos", "windows", "unicode",
    "wordpiece", "ulmfit", "llrd", "lamb", "transformer", "softmax", "dropout", "transformers", "safetensors", "gelu", "geglu", "swiglu",
    "tanh", "mlm", "nsp", "plm", "seq2seq", "chrf", "ctrl", "epsilon", "alpha", "lambda", "top", "exp", "sqrt",
    "bf16", "fp16", "fp32", "json", "jsonl", "csv", "txt", "md", "toml", "flop", "kflop", "mflop", "gflop", "tflop",
    "english", "nan", "true", "false", "snownlp", "jieba", "isnext", "notnext", "a", "b", "pflop", "kb", "mb",
    "gb", "tb", "kib", "mib", "gib",
    "d_k", "qk", "vw",
    "k", "p", "q", "v", "o", "m", "d", "x", "y", "n",
}


def code_names() -> set[str]:
    """Config sections, fields and choices, presets and objectives: identifiers a person types."""
    import dataclasses

    names = set(SECTIONS) | set(preset_names()) | set(OBJECTIVES) | set(LORA_TARGETS)
    for section in SECTIONS.values():
        for field in dataclasses.fields(section):
            names.add(field.name)
            names.update(str(choice) for choice in field.metadata.get("choices", ()))
    return {name.lower() for name in names}


ALLOWED = PROPER_NAMES | code_names()
# A tab bar's scroll buttons and a dock's close and float buttons: Qt names them (in the language of the moment)
# when it makes them, and never again
QT_NAMED_ONCE = {"ScrollLeftButton", "ScrollRightButton", "qt_dockwidget_closebutton", "qt_dockwidget_floatbutton"}
WORD = re.compile(r"[A-Za-z][A-Za-z0-9_\-]*(?:\.[A-Za-z0-9_\-]+)*")


def english_words(text: str, names: frozenset[str] = frozenset()) -> list[str]:
    """Latin-letter words in ``text`` that are not names, code identifiers or units."""
    text = re.sub(r"<[^>]+>", " ", text)  # rich text tags
    text = re.sub(r"&[a-z]+;", " ", text)
    text = re.sub(r"\[[A-Z]+\]", " ", text)  # special tokens: [MASK]
    text = re.sub(r"\(&[A-Z]\)", " ", text)  # a menu's mnemonic: 实验(&E)
    text = re.sub(r"\S+/\S+|\S+\\\S+", " ", text)  # paths
    text = re.sub(r"lmstudio [a-z-]+(?: --[a-z-]+)*", " ", text)  # a command to type
    text = re.sub(r"(?:sudo )?(?:apt|dnf|brew|pip) install(?: --cask)? [\w.-]+", " ", text)  # a package to install
    text = re.sub(r"(?:Ctrl|Shift|Alt|Meta)\+\S*", " ", text)  # a shortcut
    leftover = []
    for word in WORD.findall(text):
        plain = word.lower().strip("-.")
        if (plain in ALLOWED or plain in names or "_" in plain or "." in plain or any(c.isdigit() for c in plain)
                or all(part in ALLOWED for part in plain.split("-"))):
            continue
        leftover.append(word)
    return leftover


def shown_texts(window) -> dict[str, str]:
    """Every text the window shows or tells a screen reader, keyed by where it is."""
    found: dict[str, str] = {}

    def add(where: str, text: str) -> None:
        if text and text.strip():
            found[where] = text

    for widget in [window, *window.findChildren(QWidget)]:
        if widget.objectName() in QT_NAMED_ONCE:
            continue
        name = f"{type(widget).__name__}#{widget.objectName() or id(widget)}"
        add(f"{name}.toolTip", widget.toolTip())
        add(f"{name}.accessibleName", widget.accessibleName())
        add(f"{name}.accessibleDescription", widget.accessibleDescription())
        if isinstance(widget, QLabel):
            add(f"{name}.text", widget.text())
        elif isinstance(widget, QAbstractButton):
            add(f"{name}.text", widget.text())
        elif isinstance(widget, QGroupBox):
            add(f"{name}.title", widget.title())
        elif isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit)):
            add(f"{name}.placeholder", widget.placeholderText())
        if isinstance(widget, QComboBox):
            for index in range(widget.count()):
                data = widget.itemData(index)
                if isinstance(data, str) and widget.itemText(index) == data:
                    continue  # the choice is the config value itself (a code name)
                add(f"{name}.item{index}", widget.itemText(index))
        if isinstance(widget, QTabWidget):
            for index in range(widget.count()):
                add(f"{name}.tab{index}", widget.tabText(index))
        if isinstance(widget, QToolBox):
            for index in range(widget.count()):
                add(f"{name}.item{index}", widget.itemText(index))
        if isinstance(widget, QTableWidget):
            for column in range(widget.columnCount()):
                header = widget.horizontalHeaderItem(column)
                add(f"{name}.header{column}", header.text() if header else "")
        if isinstance(widget, pg.GraphicsView):
            for item in widget.scene().items():
                if isinstance(item, pg.LabelItem):
                    add(f"{name}.label{id(item)}", item.text)

    def menu_texts(actions, prefix: str) -> None:
        for action in actions:
            add(f"{prefix}/{action.objectName() or action.text()}.text", action.text())
            add(f"{prefix}/{action.objectName() or action.text()}.toolTip", action.toolTip()
                if action.toolTip() != action.text().replace("&", "") else "")
            if action.menu() is not None:
                menu_texts(action.menu().actions(), f"{prefix}/{action.text()}")

    menu_texts(window.menuBar().actions(), "menu")
    return found


def leftovers(window) -> dict[str, list[str]]:
    """Texts with English words left in them, after opening every step and tab."""
    for index in range(window.steps.count()):
        window.steps.setCurrentIndex(index)
    for index in range(window.dashboard.count()):
        window.dashboard.setCurrentIndex(index)
    for index in range(window.attention_view.views.count()):
        window.attention_view.views.setCurrentIndex(index)
    from lmstudio_app.gui.fonts import DONT_SHOW, NO_CJK_FONT

    found = {}
    for lesson in range(window.lessons_view.list.count()):  # Help › Lessons shows one lesson at a time
        window.lessons_view.list.setCurrentRow(lesson)
        for where, text in shown_texts(window).items():
            if "lmstudio_presets" in where:
                continue
            text = text.replace(NO_CJK_FONT, "").replace(DONT_SHOW, "")  # the font banner says it in English too
            text = re.sub(r"“…[^”]*”", " ", text)  # the end of a probe text cut to the context, as it was typed
            words = english_words(text, frozenset({window.session.config.name.lower()}))  # the experiment's name
            if words:
                found[where] = words
    return found


@pytest.fixture
def english_afterwards():
    yield
    language().set("en")


def test_the_translation_file_has_every_string_the_window_shows_and_nothing_else():
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "translations.py"), "--check"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_the_compiled_file_says_what_the_source_says(qapp):
    translator = QTranslator()
    assert translator.load(str(QM))
    messages = list(ElementTree.parse(TS).getroot().iter("message"))
    assert len(messages) > 500
    for message in messages:
        source, translation = message.findtext("source"), message.findtext("translation")
        assert translator.translate("lmstudio", source) == translation, source


def test_the_chinese_window_leaves_no_english_behind(qtbot, isolated_home, english_afterwards):
    from lmstudio_app.gui.main_window import MainWindow

    window = MainWindow(tiny_gui_config(), restore=False, language_code="zh_CN")
    qtbot.addWidget(window)
    window.show()
    assert window.start_action.text() == "开始"
    assert window.dashboard.tabText(0) == "损失"
    assert leftovers(window) == {}


def test_switching_language_retranslates_the_open_window_both_ways(qtbot, isolated_home, english_afterwards):
    from lmstudio_app.gui.main_window import MainWindow

    window = MainWindow(tiny_gui_config(), restore=False, language_code="en")
    qtbot.addWidget(window)
    window.show()
    form = window.architecture_page.form
    heads = form.editors["n_heads"].control
    assert (window.start_action.text(), window.steps.itemText(1), heads.toolTip()) == (
        "Start", "Architecture", "attention heads per layer")
    window.findChild(type(window.start_action), "language_zh_CN").trigger()
    assert (window.start_action.text(), window.steps.itemText(1), heads.toolTip()) == (
        "开始", "架构", "每层的注意力头数")
    assert window.loss_view.empty.text().startswith("按“开始”（Ctrl+R）训练")
    assert leftovers(window) == {}
    assert window.store.value("language") == "zh_CN"  # the next start opens in Chinese
    window.findChild(type(window.start_action), "language_en").trigger()
    assert (window.start_action.text(), window.steps.itemText(1), heads.toolTip()) == (
        "Start", "Architecture", "attention heads per layer")
    assert window.loss_view.empty.text().startswith("Press Start (Ctrl+R) to train")


def test_qt_s_own_dialogs_speak_chinese_too(qtbot, english_afterwards):
    language().set("zh_CN")
    box = QMessageBox(QMessageBox.Icon.Question, "lmstudio", "?",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    qtbot.addWidget(box)
    texts = {button.text().replace("&", "") for button in box.buttons()}
    assert texts & {"是(Y)", "是", "否(N)", "否"}, texts


def test_an_unknown_language_falls_back_to_english(english_afterwards):
    language().set("zh_CN")
    assert language().set("klingon") is True and language().code == "en"
    assert QCoreApplication.translate("lmstudio", "Start") == "Start"


def test_the_font_banner_shows_without_a_cjk_font_until_dismissed(qtbot, isolated_home, monkeypatch):
    from lmstudio_app.gui import fonts
    from lmstudio_app.gui.main_window import settings

    monkeypatch.setattr(fonts, "has_cjk_font", lambda: False)
    banner = fonts.FontBanner(settings())
    qtbot.addWidget(banner)
    assert not banner.isHidden()
    assert "fonts-noto-cjk" in banner.message.text()
    banner.dismiss.click()
    assert banner.isHidden()
    again = fonts.FontBanner(settings())
    qtbot.addWidget(again)
    assert again.isHidden()  # dismissed for good
    settings().remove(fonts.DISMISSED_KEY)
    monkeypatch.setattr(fonts, "has_cjk_font", lambda: True)
    isolated = fonts.FontBanner(settings())
    qtbot.addWidget(isolated)
    assert isolated.isHidden()


def test_without_a_cjk_font_the_chinese_window_s_banner_says_it_in_english_too(qtbot, isolated_home, monkeypatch,
                                                                              english_afterwards):
    from lmstudio_app.gui import fonts
    from lmstudio_app.gui.main_window import MainWindow

    monkeypatch.setattr(fonts, "has_cjk_font", lambda: False)
    window = MainWindow(tiny_gui_config(), restore=False, language_code="zh_CN")
    qtbot.addWidget(window)
    banner = window.font_banner
    assert banner.isVisibleTo(window)
    chinese, english = banner.message.text().split("\n")
    assert chinese.startswith("没有已安装的字体") and english.startswith("No installed font can draw Chinese")
    assert "fonts-noto-cjk" in english and banner.dismiss.text().endswith("/ Don't show again")
    window.set_language("en")
    assert banner.message.text().startswith("No installed font") and "\n" not in banner.message.text()


def test_a_run_trained_in_chinese_reports_in_chinese(qtbot, isolated_home, english_afterwards):
    """Texts that training writes (status, run table, evaluation, attention pickers) are translated too."""
    from lmstudio_app.gui.main_window import MainWindow

    window = MainWindow(tiny_gui_config("training.steps=20", "training.eval_every=10", "training.probe_every=10"),
                        restore=False, language_code="zh_CN")
    window.show()
    try:
        with qtbot.waitSignal(window.session.runFinished, timeout=120_000):
            assert window.controller.start()
        window.show_view("attention")  # views draw only while shown
        qtbot.waitUntil(lambda: window.attention_view.head.count() > 0 and window.runs_view.table.rowCount() == 1,
                        timeout=10_000)
        assert window.runs_view.table.item(0, 3).text() == "已完成"
        assert window.attention_view.head.itemText(0) == "各头平均"
        window.show_view("evaluation")
        qtbot.waitUntil(lambda: window.evaluation_view.title.text().startswith("第 20 步的验证（"), timeout=10_000)
        assert leftovers(window) == {}
    finally:
        window.close()


def test_the_status_bar_speaks_the_window_s_language_during_and_after_a_run(qtbot, isolated_home,
                                                                           english_afterwards):
    from PySide6.QtGui import QAction

    from lmstudio_app.gui.main_window import MainWindow
    from lmstudio_app.gui.session import RunState

    window = MainWindow(tiny_gui_config("training.threads=1", "training.probe_every=0"), restore=False,
                        language_code="zh_CN")
    window.show()
    try:
        window.start_action.trigger()
        qtbot.waitUntil(lambda: window.eta_label.text() != "", timeout=60_000)
        assert window.device_label.text() == "正在 CPU，1 个线程（fp32）上训练"
        assert re.fullmatch(r"剩余 \d+分\d\d秒", window.eta_label.text()), window.eta_label.text()
        window.stop_action.trigger()
        qtbot.waitUntil(lambda: window.session.state == RunState.IDLE, timeout=60_000)
        step = window.session.status.step
        assert window.step_label.text() == f"第 {step}/400 步"
        window.findChild(QAction, "language_en").trigger()
        assert (window.device_label.text(), window.step_label.text()) == ("idle", f"step {step}/400")
    finally:
        window.controller.stop()
        window.wait_until_idle()
        window.close()


def test_what_the_engine_says_it_is_preparing_is_shown_in_chinese(isolated_home, tmp_path, english_afterwards):
    """Every progress phase of a run from scratch (fresh caches), as the status bar shows it."""
    from lmstudio_app.engine.train.trainer import Trainer
    from lmstudio_app.gui.i18n import tr

    phases = []
    config = tiny_gui_config("training.steps=3", "training.eval_every=3", "training.checkpoint_every=2")
    list(Trainer(config, tmp_path / "run", progress=lambda phase, fraction: phases.append(phase)).events())
    language().set("zh_CN")
    shown = {phase.english(): phase.render(tr) for phase in phases}
    assert {"tokenizing the corpus", "saving checkpoint"} <= set(shown)
    assert not {phase: text for phase, text in shown.items() if english_words(text)}, shown


def test_a_field_s_range_problem_is_shown_in_the_window_s_language(qtbot, isolated_home, english_afterwards):
    from lmstudio_app.gui.main_window import MainWindow

    window = MainWindow(tiny_gui_config(), restore=False, language_code="zh_CN")
    qtbot.addWidget(window)
    window.session.set_field("training", "warmup_steps", -3)
    error = window.training_page.form.editors["warmup_steps"].error
    assert error.text() == "-3 小于最小值 0"
    window.set_language("en")
    assert error.text() == "-3 is below the minimum 0"


def broken_configs():
    """Experiments that each break some of the validator's rules."""
    from lmstudio_app.config import ExperimentConfig

    def config(**fields):
        made = ExperimentConfig()
        for path, value in fields.items():
            section, name = path.split("__")
            setattr(getattr(made, section), name, value)
        return made

    return [
        config(training__warmup_steps=-3, model__activation="gelu2", training__learning_rate=math.nan),
        config(model__n_heads=3, data__corpus="zh-news"),
        config(model__position="rotary", model__d_model=12, model__n_heads=4),
        config(model__position="relative", model__relative_buckets=64, model__relative_max_distance=10,
               model__n_decoder_layers=2),
        config(model__family="encoder", objective__name="clm", objective__next_sentence_prediction=True),
        config(objective__name="mlm", model__family="encoder", objective__next_sentence_prediction=True,
               objective__mask_token_fraction=0.9, objective__random_token_fraction=0.3),
        config(model__family="encoder-decoder", objective__name="span-corruption", tokenizer__sentinels=0,
               training__seq_len=256, data__corpus="files"),
        config(finetune__task="sequence-classification", finetune__dataset="python-token-types"),
        config(finetune__task="pair-classification", finetune__dataset="files", model__family="encoder"),
        config(finetune__task="seq2seq", model__family="encoder", finetune__lora_targets=["q9"]),
        config(finetune__task="sequence-classification", finetune__strategy="lora", finetune__lora_targets=[]),
        config(finetune__task="sequence-classification", finetune__strategy="bitfit", model__bias=False,
               finetune__unfreeze_every=5, finetune__freeze_layers=99),
    ]


def test_every_rule_of_the_validator_reads_in_chinese(qapp, monkeypatch, english_afterwards):
    from lmstudio_app.config import availability, problems_of
    from lmstudio_app.gui.forms import problem_message, problem_text

    monkeypatch.setattr(availability, "installed", lambda package: package != "snownlp")
    problems = [problem for config in broken_configs() for problem in problems_of(config)]
    assert len(problems) == 26
    language().set("zh_CN")
    english = {problem: problem_message(problem) for problem in problems if english_words(problem_message(problem))}
    assert english == {}
    heads = next(problem for problem in problems if problem.field == "model.n_heads")
    assert problem_text(heads) == "model.n_heads：3 不能整除 model.d_model=128"


def test_the_corpus_and_tokenizer_report_follows_the_language(qtbot, isolated_home, english_afterwards):
    from lmstudio_app.gui.main_window import MainWindow

    window = MainWindow(tiny_gui_config(), restore=False, language_code="zh_CN")
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.session.tokenizerReported, timeout=60_000):
        window.data_page.prepare.click()
    report = window.data_page.report.toPlainText()
    assert report.startswith("python-docs：") and "篇文档（训练" in report and "\n词表：" in report
    window.set_language("en")
    assert "documents (" in window.data_page.report.toPlainText()
    assert "\nvocabulary: " in window.data_page.report.toPlainText()


def test_what_the_engine_writes_for_the_window_reads_in_chinese(qapp, english_afterwards):
    """Mask captions, the objectives' notes on an example, representation sources, layer and token-kind names:
    made by the engine as Messages, each of which the window renders in Chinese."""
    import numpy as np

    from lmstudio_app.config import apply_overrides
    from lmstudio_app.engine.data.prepare import prepare_data
    from lmstudio_app.engine.objectives import build_objective
    from lmstudio_app.engine.objectives.inspector import mask_gallery
    from lmstudio_app.config.engine_messages import FROM_RUN, FROM_SCRATCH, POOLED_EXAMPLES, PROBE_TOKENS
    from lmstudio_app.config.messages import Message
    from lmstudio_app.engine.representations import layer_names, token_kind
    from lmstudio_app.gui.i18n import tr

    language().set("zh_CN")
    shown = []
    for pictures in (mask_gallery(), mask_gallery([2, 0, 3, 1, 5, 4, 7, 6])):
        shown += [p.title.render(tr) for p in pictures] + [p.explanation.render(tr) for p in pictures]
    for objective, extra in (("plm", []), ("mlm", ["objective.next_sentence_prediction=true", "model.n_segments=2"]),
                             ("denoising", [])):
        family = {"plm": "decoder", "mlm": "encoder", "denoising": "encoder-decoder"}[objective]
        config = apply_overrides(tiny_gui_config(), [f"objective.name={objective}", f"model.family={family}", *extra])
        data = prepare_data(config)
        built = build_objective(config.objective, data.tokenizer, 32)
        rng = np.random.default_rng(0)
        notes = [note for _ in range(20) for note in built.example(data.train, rng).notes]
        assert notes
        shown += [note.render(tr) for note in notes]
    shown += [Message(POOLED_EXAMPLES, {"count": 12}).render(tr), Message(PROBE_TOKENS, {"count": 9}).render(tr)]
    shown += [name.render(tr) for name in layer_names(4)]
    shown += [tr(token_kind(text)) for text in ("[CLS]", " ", "7", "a", "word", "##ing", ",")]
    shown += [Message(FROM_SCRATCH).render(tr), Message(FROM_RUN, {"run": "run-7"}).render(tr)]
    assert [text for text in shown if english_words(text)] == []


def test_curves_keep_their_identity_and_change_their_legend_when_the_language_changes(qtbot, window,
                                                                                    english_afterwards):
    from lmstudio_app.events import EvalMetrics

    from .test_dashboard import finished, started, steps_with

    view, session = window.loss_view, window.session
    try:
        session.apply([started("run-a", session.config), *steps_with({"accuracy": 0.2}),
                       EvalMetrics(3, {"loss": 2.0, "accuracy": 0.3}, seconds=0.1)])
        view.redraw()
        scores = view.details["scores"]
        before = dict(scores.curves)
        window.set_language("zh_CN")
        view.redraw()
        assert scores.curves == before  # the same curves, not a second set in the new language
        assert [label.text for _, label in view.detail_legend.items] == ["训练 准确率", "验证 准确率"]
    finally:
        session.apply([finished("run-a", 3)])


@pytest.fixture
def chinese_window(qtbot, isolated_home, english_afterwards):
    from lmstudio_app.gui.main_window import MainWindow

    window = MainWindow(tiny_gui_config(), restore=False, language_code="zh_CN")
    window.resize(1280, 800)
    window.show()
    yield window
    window.close()


def test_step_by_step_names_the_attention_and_the_what_ifs_in_chinese(qtbot, chinese_window):
    import numpy as np

    from lmstudio_app.config.engine_messages import AS_TRAINED, NO_SCALING, SOFTER
    from lmstudio_app.config.messages import Message
    from lmstudio_app.events import AttentionStages, WhatIf

    from .test_attention_view import click_tab, snapshot

    window = chinese_window
    tokens = ("a", "b", "c")
    allowed = np.tril(np.ones((3, 3), dtype=bool))
    weights = (allowed / allowed.sum(1, keepdims=True)).astype(np.float32)
    what_ifs = (WhatIf(Message(NO_SCALING, {"factor": 4}), 4.0, weights, 1.0, 0.5),
                WhatIf(Message(AS_TRAINED), 1.0, weights, 1.0, 0.5),
                WhatIf(Message(SOFTER, {"factor": 0.25}), 0.25, weights, 1.0, 0.5))
    window.session.apply([snapshot(3, weights), AttentionStages(3, "decoder", 0, 0, tokens, tokens, 16, weights,
                                                                weights, None, allowed, weights, weights,
                                                                np.ones(3), what_ifs)])
    view = window.attention_view
    click_tab(qtbot, window.dashboard, window.dashboard.indexOf(view))
    click_tab(qtbot, view.views, view.views.indexOf(view.stages_view))
    stages = view.stages_view
    qtbot.waitUntil(lambda: stages.what_if.count() == 3)
    assert [stages.what_if.itemText(i) for i in range(3)] == [
        "不缩放（×√d_k = ×4）", "训练时的缩放（×1）", "更平缓（×1/√d_k = ×0.25）"]
    assert stages.title.text().startswith("解码器自注意力 · 第 1 层 · 第 1 个头")
    assert english_words(stages.title.text()) == [] and english_words(stages.effect.text()) == []


def test_per_layer_legends_and_the_cka_axes_read_in_chinese(qtbot, chinese_window):
    import numpy as np

    from lmstudio_app.config.engine_messages import POOLED_EXAMPLES
    from lmstudio_app.config.messages import Message
    from lmstudio_app.engine.representations import layer_names
    from lmstudio_app.events import LayerRepresentations, StepMetrics

    from .test_attention_view import click_tab, drawn_tick_labels, snapshot
    from .test_dashboard import choose, legend_texts

    window = chinese_window
    layers = {"grad_norm/embeddings": 1e-3, "grad_norm/decoder.0": 1e-2, "grad_norm/cross.0": 1e-2,
              "grad_norm/head": 1.0}
    window.session.apply([StepMetrics(step=i, metrics={"loss": 1.0}, learning_rate=1e-3, grad_norm=1.0,
                                      tokens_per_second=1.0, tokens_seen=i, elapsed=i, eta=0.0, layers=layers,
                                      group_learning_rates={"encoder.1": 1e-3}) for i in (1, 2)])
    view = window.loss_view
    choose(qtbot, view.detail, "各层梯度范数")
    qtbot.waitUntil(lambda: legend_texts(view.detail_legend) == ["嵌入层", "解码器第 1 层", "解码器第 1 层的交叉注意力",
                                                                 "输出头"])
    choose(qtbot, view.detail, "学习率")
    qtbot.waitUntil(lambda: legend_texts(view.detail_legend) == ["编码器第 2 层"])
    names = layer_names(3)
    points = tuple(np.zeros((4, 2), dtype=np.float32) for _ in names)
    window.session.apply([snapshot(2, np.eye(3, dtype=np.float32)),
                          LayerRepresentations(2, names, points, ("a", "b", "a", "b"), np.eye(3, dtype=np.float32),
                                               Message(POOLED_EXAMPLES, {"count": 4}))])
    attention = window.attention_view
    click_tab(qtbot, window.dashboard, window.dashboard.indexOf(attention))
    click_tab(qtbot, attention.views, attention.views.indexOf(attention.representations_view))
    shown = attention.representations_view
    qtbot.waitUntil(lambda: shown.layer.count() == 3)
    qtbot.wait(50)
    assert [text for text, _ in drawn_tick_labels(shown.similarity_plot.getAxis("bottom"))] == ["0", "1", "2"]
    axis_titles = [shown.similarity_plot.getAxis(side).labelText for side in ("bottom", "left")]
    assert axis_titles == ["层（0 = 嵌入层）", "层"]
    assert [shown.layer.itemText(i) for i in range(3)] == ["嵌入层", "第 1 层", "第 2 层"]


def test_the_runs_view_names_metrics_and_compared_runs_in_chinese(qtbot, chinese_window, tmp_path):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QPushButton

    from .test_dashboard import train_run

    window = chinese_window
    # named as a sweep names its runs, with the setting the sweep gave it
    train_run(tmp_path / "sweep", "training.layer_stats_every=2", "finetune.train_examples=50",
              "name=gui-tiny · 50 examples · pretrained")
    train_run(tmp_path / "compare", "name=gui-tiny · scratch-full")
    runs = window.runs_view
    qtbot.mouseClick(runs.findChild(QPushButton, "refreshRunsButton"), Qt.MouseButton.LeftButton)
    runs_listed(qtbot, window)
    names = {runs.table.item(row, 0).text() for row in range(runs.table.rowCount())}
    assert names == {"gui-tiny · 50 个样本 · 预训练起点", "gui-tiny · 从头训练-full"}
    overlaid(qtbot, window, [tmp_path / "sweep"])
    shown = [runs.metric.itemText(i) for i in range(runs.metric.count())]
    assert "训练/梯度范数 · 解码器第 1 层" in shown and "训练/权重范数 · 嵌入层" in shown
    assert {text: english_words(text) for text in shown if english_words(text)} == {}
