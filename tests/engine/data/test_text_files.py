"""Every kind of bad input file gets a DataError that names the file (and line), never a crash or hang."""

import json
import os

import pytest

from lmstudio_app.config import ExperimentConfig, apply_overrides
from lmstudio_app.engine.data.corpora import open_corpus, scan_corpus
from lmstudio_app.engine.data.text_files import MAX_LINE_BYTES, EmptyFileError, read_csv, read_jsonl, read_txt
from lmstudio_app.errors import DataError, LmStudioError


def files_config(*paths, **data):
    assignments = [f"data.paths={json.dumps([str(p) for p in paths])}", "data.corpus=files"]
    assignments += [f"data.{key}={json.dumps(value)}" for key, value in data.items()]
    return apply_overrides(ExperimentConfig(), assignments)


def read_all(path, **data):
    return scan_corpus(open_corpus(files_config(path, **data).data))


def expect_error(path, fragment, error=DataError, **data):
    with pytest.raises(error) as caught:
        read_all(path, **data)
    assert isinstance(caught.value, LmStudioError)
    assert str(path) in str(caught.value)
    assert fragment in str(caught.value)
    return str(caught.value)


def test_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    expect_error(path, "is empty", EmptyFileError)


def test_whitespace_only(tmp_path):
    path = tmp_path / "blank.txt"
    path.write_text("  \n\n\t \n")
    expect_error(path, "only whitespace", EmptyFileError)


def test_png_named_txt(tmp_path):
    path = tmp_path / "picture.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    expect_error(path, "looks like a PNG image")


def test_latin1_names_the_line(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("first line\nsecond line\ncaf\u00e9 au lait\n".encode("latin-1"))
    message = expect_error(path, "line 3 is not valid UTF-8")
    assert "0xe9" in message
    assert "re-save it as UTF-8 (iconv -f WINDOWS-1252 -t UTF-8 latin.txt > latin-utf8.txt)" in message


@pytest.mark.parametrize(("text", "encoding", "named", "command"), [
    ("今天天气很好，我们去公园散步。人工智能正在改变世界，语言模型学习文字的规律。", "gbk",
     "Chinese text in GB18030 (GBK, GB2312)", "iconv -f GB18030 -t UTF-8 news.txt > news-utf8.txt"),
    ("今天天气很好，我们去公园散步。人工智能正在改变世界，语言模型学习文字的规律。", "gb2312",
     "Chinese text in GB18030 (GBK, GB2312)", "iconv -f GB18030 -t UTF-8 news.txt > news-utf8.txt"),
    ("今天天氣很好，我們去公園散步。人工智慧正在改變世界，語言模型學習文字的規律。", "big5",
     "Chinese text in Big5", "iconv -f BIG5 -t UTF-8 news.txt > news-utf8.txt"),
])
def test_chinese_in_a_legacy_encoding_is_named_with_the_command_that_converts_it(tmp_path, text, encoding, named,
                                                                                command):
    path = tmp_path / "news.txt"
    path.write_bytes(f"headline\n{text}\n{text}\n".encode(encoding))
    message = expect_error(path, "line 2 is not valid UTF-8")
    assert f"it looks like {named}: convert it with {command}" in message
    assert "Latin-1" not in message


def test_utf16_with_bom(tmp_path):
    path = tmp_path / "utf16.txt"
    path.write_text("hello world", encoding="utf-16")
    expect_error(path, "UTF-16")


def test_nul_bytes_later_in_the_file(tmp_path):
    path = tmp_path / "nul.txt"
    path.write_bytes(b"good text\n" * 2000 + b"bad\x00line\n")
    expect_error(path, "line 2001 contains NUL bytes")


def test_single_enormous_line(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.write(b"word " * (MAX_LINE_BYTES // 5 + 10))
    expect_error(path, "line 1 is longer than")


def test_millions_of_tiny_lines_are_read_in_bounded_documents(tmp_path):
    path = tmp_path / "tiny.txt"
    path.write_bytes(b"a\n" * 2_000_000)
    documents = list(read_txt(path))
    assert sum(len(d.text) for d in documents) == 2 * 2_000_000 - len(documents)
    assert max(len(d.text) for d in documents) <= 100_002
    assert len(documents) >= 40


def test_missing_file(tmp_path):
    expect_error(tmp_path / "absent.txt", "no such file")


def test_unreadable_file(tmp_path, monkeypatch):
    path = tmp_path / "secret.txt"
    path.write_text("private text")
    path.chmod(0)
    if os.access(path, os.R_OK):  # root reads anything; make open() refuse as it would for a user
        real_open = type(path).open

        def refusing_open(self, *args, **kwargs):
            if self == path:
                raise PermissionError(13, "Permission denied", str(self))
            return real_open(self, *args, **kwargs)

        monkeypatch.setattr(type(path), "open", refusing_open)
    expect_error(path, "permission denied")


def test_folder_given_where_a_file_is_expected(tmp_path):
    with pytest.raises(DataError, match="is a folder"):
        list(read_txt(tmp_path))


def test_malformed_jsonl_line(tmp_path):
    path = tmp_path / "rows.jsonl"
    path.write_text('{"text": "fine"}\n{"text": "also fine"}\n{"text": broken}\n')
    expect_error(path, "line 3 is not valid JSON")


def test_jsonl_without_the_field(tmp_path):
    path = tmp_path / "rows.jsonl"
    path.write_text('{"text": "fine"}\n{"body": "no text field"}\n')
    message = expect_error(path, "line 2 has no 'text'")
    assert "body" in message


def test_jsonl_non_string_field(tmp_path):
    path = tmp_path / "rows.jsonl"
    path.write_text('{"text": 12}\n')
    expect_error(path, "'text' is a int, expected text")


def test_csv_without_the_column(tmp_path):
    path = tmp_path / "table.csv"
    path.write_text("title,body\nA,first\nB,second\n")
    message = expect_error(path, "has no column 'text'")
    assert "title, body" in message


def test_a_csv_in_gbk_names_the_line_and_the_command_that_converts_it(tmp_path):
    """The CSV reader decodes the file a buffer at a time, so the line it had reached was not where the bad bytes
    were: a small file's Chinese on line 3 was said to be near line 1, with no hint of its encoding."""
    path = tmp_path / "news.csv"
    path.write_bytes("text,label\nplain,a\n今天天气很好，我们去公园散步。,b\n".encode("gbk"))
    message = expect_error(path, "line 3 is not valid UTF-8")
    assert "convert it with iconv -f GB18030 -t UTF-8 news.csv > news-utf8.csv" in message



def test_a_csv_rewritten_while_it_is_read_is_a_sentence_not_a_decode_error(tmp_path, monkeypatch):
    """The bad bytes' line is found by reading the file again; when that second read decodes (the file was
    replaced in between), the CSV reader's own position is named instead of letting UnicodeDecodeError out."""
    from lmstudio_app.engine.data import text_files
    path = tmp_path / "news.csv"
    path.write_bytes("text,label\nplain,a\n今天天气很好,b\n".encode("gbk"))
    monkeypatch.setattr(text_files, "_lines", lambda path: iter([(1, "text,label\n")]))
    with pytest.raises(DataError) as caught:
        list(read_csv(path, "text"))
    assert "news.csv: the text near line 1 is not valid UTF-8 (byte 0xbd)" in str(caught.value)

def test_csv_with_nul_byte(tmp_path):
    path = tmp_path / "table.csv"
    path.write_bytes(b"text\n" + b"fine\n" * 3000 + b"bro\x00ken\n")
    expect_error(path, "line 3002 contains NUL bytes")


def test_good_jsonl_csv_and_chinese_text(tmp_path):
    jsonl = tmp_path / "rows.jsonl"
    jsonl.write_text('{"body": "第一行"}\n\n{"body": "second"}\n', encoding="utf-8")
    assert [d.text for d in read_jsonl(jsonl, "body")] == ["第一行", "second"]
    table = tmp_path / "rows.csv"
    table.write_text('\ufeffbody,x\n"多行,\n文本",1\nplain,2\n', encoding="utf-8")
    assert [d.text for d in read_csv(table, "body")] == ["多行,\n文本", "plain"]
    text = tmp_path / "poem.txt"
    text.write_text("床前明月光，疑是地上霜。\n举头望明月，低头思故乡。\n\nSecond paragraph.\n", encoding="utf-8")
    documents = list(read_txt(text))
    assert [d.origin for d in documents] == [f"{text}:1", f"{text}:4"]
    assert documents[0].text.startswith("床前明月光")


def test_folder_recurses_with_glob_and_skips_empty_files(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "one.txt").write_text("one paragraph")
    (tmp_path / "a" / "b" / "two.txt").write_text("two\n\nparagraphs")
    (tmp_path / "a" / "b" / "empty.txt").write_text("")
    (tmp_path / "a" / "b" / "ignored.md").write_text("not matched")
    config = files_config(tmp_path, glob="**/*.txt")
    corpus = open_corpus(config.data)
    texts = [d.text for d in corpus.documents()]
    assert texts == ["two", "paragraphs", "one paragraph"]
    assert len(corpus.skipped) == 1 and "empty.txt" in corpus.skipped[0]


def test_folder_without_matches(tmp_path):
    (tmp_path / "notes.md").write_text("markdown")
    with pytest.raises(DataError, match="no files match"):
        read_all(tmp_path)
