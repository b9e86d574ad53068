"""What the engine says besides its errors (progress, notes, captions, names, notices) reaches the window as
Messages: the Chinese window shows each in Chinese, by the path a person takes, and reads no English back."""

import importlib
from pathlib import Path

import pytest
from PySide6.QtWidgets import QPushButton, QToolButton

from lmstudio_app.gui.i18n import language

from .conftest import tiny_gui_config
from .driving import answering, chosen, click, listed
from .test_attention_view import click_tab
from .test_dashboard import train_run
from .test_i18n import english_words

GUI = Path(__file__).resolve().parents[2] / "lmstudio_app" / "gui"
# The tables of patterns that matched the engine's English to templates, before the engine handed over Messages
REMOVED_TABLES = {"main_window": ("PHASES",), "pages": ("NOTES",), "mask_gallery": ("EXPLANATIONS", "ENGINE_TEXTS"),
                  "representations_view": ("SOURCES", "LAYERS"), "runs_view": ("STARTS",),
                  "stages_view": ("WHAT_IFS",), "i18n": ("RUN_NAME_PARTS", "DEVICES")}


@pytest.fixture
def chinese(qtbot, isolated_home):
    """A Chinese window for the experiment given; English again afterwards, for the tests that follow."""
    from lmstudio_app.gui.main_window import MainWindow

    windows = []

    def open_window(*settings: str):
        window = MainWindow(tiny_gui_config(*settings), restore=False, language_code="zh_CN")
        window.resize(1280, 800)
        window.show()
        windows.append(window)
        return window

    yield open_window
    for window in windows:
        window.controller.stop()
        window.wait_until_idle()
        window.close()
    language().set("en")


def test_the_window_keeps_no_table_of_the_engine_s_sentences():
    left = {module: [name for name in names if hasattr(importlib.import_module(f"lmstudio_app.gui.{module}"), name)]
            for module, names in REMOVED_TABLES.items()}
    assert left == {module: [] for module in REMOVED_TABLES}
    readers = [path.name for path in GUI.glob("*.py") if "translate_matching" in path.read_text(encoding="utf-8")]
    assert readers == []  # nothing in the window reads the engine's English back


def test_a_run_started_in_the_chinese_window_says_what_it_prepares(qtbot, chinese):
    """The n-gram baselines of 25 million evaluation examples take long enough to be read."""
    window = chinese("training.batch_size=256", "training.eval_batches=100000")
    click(qtbot, window.findChild(QToolButton, "startButton"))
    qtbot.waitUntil(lambda: window.phase_label.toolTip() == "正在拟合 n 元语法基线", timeout=120_000)
    assert window.phase_label.text() == "正在拟合 n 元语法基线"
    with qtbot.waitSignal(window.session.runFinished, timeout=10_000):
        click(qtbot, window.findChild(QToolButton, "stopButton"))


def test_a_run_in_the_chinese_window_says_where_it_trains_and_names_its_what_ifs(qtbot, chinese):
    window = chinese("training.threads=1", "training.steps=20", "training.eval_every=10", "training.probe_every=10")
    devices = []
    window.session.runStarted.connect(lambda _: devices.append(window.device_label.text()))
    with qtbot.waitSignal(window.session.runFinished, timeout=120_000):
        click(qtbot, window.findChild(QToolButton, "startButton"))
    assert devices == ["正在 CPU，1 个线程（fp32）上训练"]
    view = window.attention_view
    click_tab(qtbot, window.dashboard, window.dashboard.indexOf(view))
    with qtbot.waitSignal(window.session.stagesReady, timeout=60_000):
        click_tab(qtbot, view.views, view.views.indexOf(view.stages_view))
    what_if = view.stages_view.what_if
    qtbot.waitUntil(lambda: what_if.count() == 3)  # drawn a moment later
    assert [what_if.itemText(i) for i in range(what_if.count())] == [  # d_k = 32 / 2 heads = 16
        "不缩放（×√d_k = ×4）", "训练时的缩放（×1）", "更平缓（×1/√d_k = ×0.25）"]


def test_the_objective_step_shows_the_notes_on_its_example_and_its_mask_in_chinese(qtbot, chinese):
    window = chinese("model.family=encoder", "objective.name=mlm", "objective.next_sentence_prediction=true",
                     "model.n_segments=2")
    with qtbot.waitSignal(window.session.previewReady, timeout=120_000):
        window.show_view("objective")
    page = window.objective_page
    notes = [line for line in page.preview.toPlainText().splitlines() if line.startswith("下一句标签：")]
    assert notes in (["下一句标签：IsNext（B 紧接着 A）"], ["下一句标签：NotNext（B 来自另一篇文档）"]), \
        page.preview.toPlainText()
    caption = page.gallery.caption.text()
    assert caption == ("<b>掩码语言模型（BERT）</b>：每个词元双向看到所有真实词元；谁也看不到填充（这里是最后 2 个词元）")
    titles = [plot.titleLabel.text for plot in page.gallery.plots]
    assert "▶ 掩码语言模型（BERT）" in titles and {title: english_words(title) for title in titles
                                                if english_words(title)} == {}


def test_an_engine_sentence_changed_at_run_time_shows_changed_not_as_a_stale_translation(qtbot, chinese,
                                                                                         monkeypatch):
    from lmstudio_app.config import engine_messages

    monkeypatch.setattr(engine_messages, "MASKED_TITLE", engine_messages.Template("bidirectional LM (BERT)"))
    window = chinese("model.family=encoder", "objective.name=mlm")
    with qtbot.waitSignal(window.session.previewReady, timeout=120_000):
        window.show_view("objective")
    assert window.objective_page.gallery.caption.text() == (
        "<b>bidirectional LM (BERT)</b>：每个词元双向看到所有真实词元；谁也看不到填充（这里是最后 2 个词元）")


def test_where_a_fine_tune_started_reads_in_chinese_in_the_runs_table(qtbot, chinese, tmp_path):
    moods = tmp_path / "moods.csv"
    moods.write_text("text,label\n" + "".join(f"{'a good fine day' if i % 2 else 'a bad sad night'},"
                                              f"{'pos' if i % 2 else 'neg'}\n" for i in range(40)), encoding="utf-8")
    train_run(tmp_path / "classifier", "finetune.task=sequence-classification", "finetune.dataset=files",
              f'finetune.paths=["{moods.as_posix()}"]', "training.steps=4", "training.eval_every=0")
    window = chinese()
    click(qtbot, window.runs_view.findChild(QPushButton, "refreshRunsButton"))
    listed(qtbot, window)
    assert window.runs_view.table.item(0, 0).text() == "gui-tiny (从头训练)"


def test_a_notice_of_the_engine_reads_in_chinese(qtbot, chinese, tmp_path):
    train_run(tmp_path / "run", "training.steps=8", "training.checkpoint_every=4", "training.eval_every=0",
              "training.keep_checkpoints=3")
    window = chinese()
    listed(qtbot, window)
    window.runs_view.select([str(tmp_path / "run")])
    notices = []
    window.session.noticed.connect(notices.append)
    with qtbot.waitSignal(window.session.runFinished, timeout=120_000):
        with answering(qtbot, chosen("第 4 步")):
            click(qtbot, window.runs_view.findChild(QPushButton, "resumeRunButton"))
    moved = tmp_path / "run" / "quarantine" / "step-0000008-after-resuming-from-4"
    assert notices == [f"step-0000008 在所选的第 4 步之后；已将它移到 {moved}"]
