"""Errors the engine writes in English reach the Chinese window translated: each raised through the window's own
path (a file chosen in a dialog, a corpus read, a model folder opened) and read from the dialog it opens."""

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QMessageBox, QPushButton

from lmstudio_app.gui.i18n import language

from .conftest import tiny_gui_config


@pytest.fixture
def chinese(qtbot, isolated_home):
    from lmstudio_app.gui.main_window import MainWindow

    window = MainWindow(tiny_gui_config(), restore=False, language_code="zh_CN")
    window.show()
    yield window
    window.close()
    language().set("en")


def answer_the_file_dialog(path, tries: int = 100) -> None:
    """Put ``path`` into the file dialog the window opens next and accept it, as a person would; if none opens
    within ``tries`` looks, do nothing."""
    def answer(left: int) -> None:
        dialog = next((w for w in QApplication.topLevelWidgets() if isinstance(w, QFileDialog) and w.isVisible()),
                      None)
        if dialog is None:
            if left:
                QTimer.singleShot(20, lambda: answer(left - 1))
            return
        name = dialog.findChild(QLineEdit, "fileNameEdit")
        name.setText(str(path))  # pasted: typed key by key, the dialog's completer pops up at every letter
        QTest.keyClick(name, Qt.Key.Key_Return)

    QTimer.singleShot(0, lambda: answer(tries))


def dialog_text(qtbot, window) -> str:
    qtbot.waitUntil(lambda: window.error_dialog is not None and window.error_dialog.isVisible(), timeout=60_000)
    box: QMessageBox = window.error_dialog
    return "\n".join(part for part in (box.text(), box.informativeText()) if part)


def read_corpus(qtbot, window, path) -> str:
    """Data step: Add files… (the file chosen in its dialog), then Read corpus and train tokenizer."""
    window.steps.setCurrentIndex(0)
    answer_the_file_dialog(path)
    qtbot.mouseClick(window.data_page.findChild(QPushButton, "addFilesButton"), Qt.MouseButton.LeftButton)
    assert window.session.config.data.paths == [str(path)]
    qtbot.mouseClick(window.data_page.prepare, Qt.MouseButton.LeftButton)
    return dialog_text(qtbot, window)


def test_an_experiment_file_that_is_not_toml(qtbot, chinese, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[model\nn_heads = 4\n", encoding="utf-8")
    answer_the_file_dialog(bad)
    chinese.open_action.trigger()
    assert dialog_text(qtbot, chinese) == (
        f"{bad}：不是有效的 TOML，第 1 行第 7 列（Expected ']' at the end of a table declaration）")


def test_an_experiment_file_with_problems(qtbot, chinese, tmp_path):
    wrong = tmp_path / "wrong.toml"
    wrong.write_text("[model]\nn_heads = 3\nd_model = 4\n", encoding="utf-8")
    answer_the_file_dialog(wrong)
    chinese.open_action.trigger()
    assert dialog_text(qtbot, chinese) == f"{wrong}：model.d_model：4 小于最小值 8"


def test_an_empty_text_file(qtbot, chinese, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    assert read_corpus(qtbot, chinese, empty) == f"{empty}：文件是空的"


def test_a_text_file_of_only_whitespace(qtbot, chinese, tmp_path):
    """No pattern of the window's table matched this one: it was shown in English."""
    blank = tmp_path / "blank.txt"
    blank.write_text("  \n\n\t\n", encoding="utf-8")
    assert read_corpus(qtbot, chinese, blank) == f"{blank}：只含空白字符"


def test_a_utf_16_text_file(qtbot, chinese, tmp_path):
    wide = tmp_path / "wide.txt"
    wide.write_text("今天天气很好。\n", encoding="utf-16")
    assert read_corpus(qtbot, chinese, wide) == f"{wide}：是 UTF-16 文本；请另存为 UTF-8（例如 iconv -f UTF-16 -t UTF-8）"


def test_a_gbk_text_file(qtbot, chinese, tmp_path):
    news = tmp_path / "news.txt"
    news.write_bytes(("今天天气很好，我们去公园散步。\n" * 20).encode("gbk"))
    assert read_corpus(qtbot, chinese, news) == (
        f"{news}：第 1 行不是有效的 UTF-8（第 1 列的字节 0xbd）；看起来是 GB18030 (GBK, GB2312) 编码的中文文本："
        f"请用 iconv -f GB18030 -t UTF-8 news.txt > news-utf8.txt 转换")


def test_a_latin_1_text_file(qtbot, chinese, tmp_path):
    latin = tmp_path / "latin.txt"
    latin.write_bytes("café au lait\n".encode("latin-1"))
    assert read_corpus(qtbot, chinese, latin) == (
        f"{latin}：第 1 行不是有效的 UTF-8（第 4 列的字节 0xe9）；文件可能是 Latin-1 或 Windows-1252 编码：请另存为 "
        f"UTF-8（iconv -f WINDOWS-1252 -t UTF-8 latin.txt > latin-utf8.txt）")


def test_a_line_too_long(qtbot, chinese, tmp_path):
    long = tmp_path / "long.txt"
    long.write_bytes(b"a" * 4_000_001)
    assert read_corpus(qtbot, chinese, long) == f"{long}：第 1 行超过 4,000,000 字节；请把文本分成多行或多段"


def test_a_model_folder_without_config_json(qtbot, chinese, tmp_path):
    (tmp_path / "notes").mkdir()
    answer_the_file_dialog(tmp_path / "notes")
    chinese.import_action.trigger()  # Experiment › Open model folder…
    text = dialog_text(qtbot, chinese)
    assert text.endswith("：没有 config.json，所以不是 transformers 检查点文件夹"), text


def opened_with(qtbot, window, folder) -> str:
    """Experiment › Open model folder…, the folder chosen in its dialog."""
    answer_the_file_dialog(folder)
    window.import_action.trigger()
    return dialog_text(qtbot, window)


def test_a_config_json_that_cannot_be_read(qtbot, chinese, tmp_path):
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "config.json").write_text("{not json", encoding="utf-8")
    assert opened_with(qtbot, chinese, folder) == (
        f"{folder / 'config.json'}：无法作为 config.json 读取（Expecting property name enclosed in double quotes: line 1 "
        f"column 2 (char 1)）")


def test_grouped_query_attention(qtbot, chinese, tmp_path):
    pytest.importorskip("transformers")
    from tests.engine.application.hf_checkpoints import write_checkpoint

    write_checkpoint(tmp_path / "gqa", "LlamaForCausalLM", num_key_value_heads=2)
    assert opened_with(qtbot, chinese, tmp_path / "gqa") == (
        "num_key_value_heads = 2：这里没有分组查询注意力的对应结构（每个头都需要自己的键和值）")


def test_a_run_folder_that_already_holds_a_run(qtbot, chinese, tmp_path):
    """No window action reaches it once Resume… asks for its checkpoint (#30); it is how a new run into a run's
    folder ends (the application layer's Failed event, as the worker hands it over), read in Chinese."""
    from lmstudio_app.engine.application.training import train

    from .test_dashboard import train_run

    config = train_run(tmp_path / "run")
    refused = train(config, tmp_path / "run")
    chinese.session.apply([refused])
    assert dialog_text(qtbot, chinese) == (
        f"{tmp_path / 'run'} 中已经有一个运行；用“lmstudio resume {tmp_path / 'run'}”继续它，或换一个 --out 文件夹")


def test_an_unexpected_error(qtbot, chinese):
    """A bug in the worker arrives as a Failed event (gui/worker.py); the dialog says what it is, in Chinese."""
    from lmstudio_app.config.error_messages import UNEXPECTED
    from lmstudio_app.config.messages import Message
    from lmstudio_app.events import Failed

    chinese.session.apply([Failed(Message(UNEXPECTED, {"error": "ValueError: negative dimensions are not allowed"}),
                                  bad_input=False)])
    assert dialog_text(qtbot, chinese) == "意外错误（程序的缺陷）：ValueError: negative dimensions are not allowed"


def test_resuming_a_run_whose_experiment_became_invalid(qtbot, chinese, tmp_path):
    """A config error raised in the worker (resuming reads the run's config.toml there) reached the window as
    English text, its problems untranslated; now each problem and the line above them are in Chinese."""
    from lmstudio_app.engine.application.training import train

    from .driving import answering, chosen, click, listed

    train(tiny_gui_config("training.steps=2", "training.eval_every=0", "training.checkpoint_every=2"),
          tmp_path / "run")
    experiment = tmp_path / "run" / "config.toml"
    text = experiment.read_text(encoding="utf-8")
    experiment.write_text(text.replace("d_model = 32", "d_model = 4").replace("batch_size = 4", "batch_size = 0"),
                          encoding="utf-8")
    listed(qtbot, chinese)
    chinese.runs_view.select([str(tmp_path / "run")])
    with answering(qtbot, chosen("最新")):  # "latest (step 2)"
        click(qtbot, chinese.runs_view.findChild(QPushButton, "resumeRunButton"))
    assert dialog_text(qtbot, chinese) == (
        f"{experiment} 有 2 个问题：\n"
        "  model.d_model：4 小于最小值 8\n"
        "  training.batch_size：0 小于最小值 1")
    assert not chinese.controller.training  # the refused start left the window idle, not preparing forever
