"""Reading a person's own text files: .txt, .jsonl and .csv.

Every way a file can be unusable (missing, unreadable, empty, binary, not
UTF-8, a line too long, a malformed row) becomes a ``DataError`` whose message
names the file, the line where it applies, and what to do. Files are read
line by line with a bounded line length, so no input can exhaust memory.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

from lmstudio_app.config import error_messages as refusals
from lmstudio_app.config.messages import Message
from lmstudio_app.engine.data.documents import Document
from lmstudio_app.errors import DataError

MAX_LINE_BYTES = 4_000_000
# Paragraphs longer than this become several documents, so splits stay fine-grained.
MAX_DOCUMENT_CHARS = 100_000
_SNIFF_BYTES = 8192
_ENCODING_SAMPLE_BYTES = 65536
_MAGIC = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (or .docx/.xlsx)",
    b"\x1f\x8b": "a gzip archive",
    b"\x7fELF": "a program",
}


class EmptyFileError(DataError):
    """A file with nothing to learn from; folders skip these, a file named on its own is an error."""


def check_text_file(path: Path) -> None:
    """Fail early, with a useful sentence, on anything that is not a readable UTF-8 text file."""
    if not path.exists():
        raise DataError(refusals.NO_SUCH_FILE, path=path)
    if path.is_dir():
        raise DataError(refusals.FOLDER_NOT_FILE, path=path)
    if not path.is_file():
        raise DataError(refusals.NOT_REGULAR, path=path)
    try:
        with path.open("rb") as handle:
            head = handle.read(_SNIFF_BYTES)
    except PermissionError:
        raise DataError(refusals.NOT_READABLE, path=path) from None
    except OSError as error:
        raise DataError(refusals.CANNOT_READ, path=path, detail=error.strerror) from None
    if not head:
        raise EmptyFileError(refusals.FILE_EMPTY, path=path)
    for magic, kind in _MAGIC.items():
        if head.startswith(magic):
            raise DataError(refusals.LOOKS_LIKE, path=path, kind=kind)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DataError(refusals.UTF16, path=path)
    if b"\x00" in head:
        raise DataError(refusals.NUL_AT_START, path=path)


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    """(line number, decoded line) with every per-line problem turned into a DataError."""
    check_text_file(path)
    with path.open("rb") as handle:
        number = 0
        while True:
            raw = handle.readline(MAX_LINE_BYTES)
            if not raw:
                return
            number += 1
            if len(raw) == MAX_LINE_BYTES and not raw.endswith(b"\n"):
                raise DataError(refusals.LINE_TOO_LONG, path=path, line=number, limit=f"{MAX_LINE_BYTES:,}")
            if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            if b"\x00" in raw:
                raise DataError(refusals.NUL_IN_LINE, path=path, line=number)
            try:
                yield number, raw.decode("utf-8")
            except UnicodeDecodeError as error:
                raise DataError(refusals.NOT_UTF8, path=path, line=number, byte=f"0x{raw[error.start]:02x}",
                                column=error.start + 1, encoding=_likely_encoding(path)) from None


def _likely_encoding(path: Path) -> Message:
    """What a file that is not UTF-8 probably is, and the command that converts it. Chinese text in a legacy
    encoding is mostly bytes ≥ 0x80 in pairs; Big5 pairs often end in 0x40–0x7E, where GB2312's never do (and
    GBK's rarely: its extension area)."""
    with path.open("rb") as handle:
        sample = handle.read(_ENCODING_SAMPLE_BYTES)
    sample = sample[: sample.rfind(b"\n") + 1] or sample  # whole lines: no character cut in two
    letters = bytes(byte for byte in sample if byte > 0x20)
    high = [index for index, byte in enumerate(sample) if byte >= 0x80]
    convert = f"iconv -f {{codec}} -t UTF-8 {path.name} > {path.stem}-utf8{path.suffix}"
    if letters and len(high) / len(letters) > 0.3:
        trails = _double_byte_trails(sample)
        if trails and sum(0x40 <= byte <= 0x7E for byte in trails) / len(trails) > 0.1 and _decodes(sample, "big5"):
            return Message(refusals.LOOKS_BIG5, {"command": convert.format(codec="BIG5")})
        if _decodes(sample, "gb18030"):
            return Message(refusals.LOOKS_GB18030, {"command": convert.format(codec="GB18030")})
    return Message(refusals.LOOKS_LATIN1, {"command": convert.format(codec="WINDOWS-1252")})


def _double_byte_trails(sample: bytes) -> list[int]:
    """The second byte of each pair that starts with a byte ≥ 0x81, reading left to right."""
    trails, index = [], 0
    while index < len(sample) - 1:
        if sample[index] >= 0x81:
            trails.append(sample[index + 1])
            index += 2
        else:
            index += 1
    return trails


def _decodes(sample: bytes, codec: str) -> bool:
    try:
        sample.decode(codec)
    except UnicodeDecodeError:
        return False
    return True


def read_txt(path: Path) -> Iterator[Document]:
    """Paragraphs (blocks separated by blank lines) of a text file, each a document."""
    paragraph: list[str] = []
    size, first_line, any_text = 0, 1, False
    for number, line in _lines(path):
        if not line.strip():
            if paragraph:
                yield Document("".join(paragraph).rstrip("\n"), f"{path}:{first_line}")
                paragraph, size = [], 0
            continue
        if not paragraph:
            first_line = number
        paragraph.append(line)
        size += len(line)
        any_text = True
        if size >= MAX_DOCUMENT_CHARS:
            yield Document("".join(paragraph).rstrip("\n"), f"{path}:{first_line}")
            paragraph, size = [], 0
    if paragraph:
        yield Document("".join(paragraph).rstrip("\n"), f"{path}:{first_line}")
    if not any_text:
        raise EmptyFileError(refusals.ONLY_WHITESPACE, path=path)


def jsonl_rows(path: Path) -> Iterator[tuple[int, dict]]:
    """(line number, object) for each non-blank line of a JSON Lines file."""
    any_rows = False
    for number, line in _lines(path):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise DataError(refusals.NOT_JSON, path=path, line=number, detail=error.msg, column=error.colno) from None
        except RecursionError:  # the parser recurses once per bracket
            raise DataError(refusals.JSON_TOO_DEEP, path=path, line=number) from None
        if not isinstance(record, dict):
            raise DataError(refusals.JSON_NOT_OBJECT, path=path, line=number, kind=type(record).__name__)
        any_rows = True
        yield number, record
    if not any_rows:
        raise EmptyFileError(refusals.NO_JSON_LINES, path=path)


def csv_rows(path: Path, required: tuple[str, ...]) -> Iterator[tuple[int, dict]]:
    """(line number, row) for each row of a CSV file whose header has the ``required`` columns.

    Strict: a row with more or fewer fields than the header, or a quote that is
    never closed (which would swallow the rest of the file into one field), is
    an error naming the line where the row starts.
    """
    check_text_file(path)
    csv.field_size_limit(MAX_LINE_BYTES)
    with path.open("r", encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle, strict=True)
        started = 1
        try:
            columns = next(reader, None)
            if not columns:
                raise DataError(refusals.NO_HEADER, path=path)
            for field in required:
                if field not in columns:
                    raise DataError(refusals.NO_COLUMN, path=path, field=field, columns=", ".join(columns))
            any_rows = False
            started = reader.line_num + 1
            for fields in reader:
                if fields:
                    if len(fields) != len(columns):
                        raise DataError(refusals.FIELD_COUNT, path=path, line=started, count=len(fields),
                                        header=len(columns))
                    any_rows = True
                    yield started, dict(zip(columns, fields))
                started = reader.line_num + 1
        except csv.Error as error:
            if "unexpected end of data" in str(error):
                raise DataError(refusals.QUOTE_NOT_CLOSED, path=path, line=started) from None
            raise DataError(refusals.NOT_CSV, path=path, line=started, detail=error) from None
        except UnicodeDecodeError as error:
            # The reader decodes a buffer ahead of the row it is on, so its line is not the bad bytes' line: the
            # lines read one by one name it, with the byte and the encoding the file likely is.
            for _ in _lines(path):
                pass
            # Every line decoded on the second read: the file was rewritten in between. Say where the reader was.
            raise DataError(refusals.NOT_UTF8_NEAR, path=path, line=started,
                            byte=f"0x{error.object[error.start]:02x}", encoding=_likely_encoding(path)) from None
    if not any_rows:
        raise EmptyFileError(refusals.NO_ROWS, path=path)


def table_rows(path: Path, required: tuple[str, ...]) -> Iterator[tuple[int, dict]]:
    """Rows of a .csv or .jsonl file; anything else is refused."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return csv_rows(path, required)
    if suffix == ".jsonl":
        return jsonl_rows(path)
    raise DataError(refusals.TASK_FILE_KIND, path=path)


def read_jsonl(path: Path, field: str) -> Iterator[Document]:
    """One document per line: the string in ``field`` of each JSON object."""
    for number, record in jsonl_rows(path):
        yield Document(text_field(record, field, path, number), f"{path}:{number}")


def read_csv(path: Path, field: str) -> Iterator[Document]:
    """One document per row: the ``field`` column."""
    for number, row in csv_rows(path, (field,)):
        yield Document(text_field(row, field, path, number), f"{path}:{number}")


def text_field(record: dict, field: str, path: Path, line: int) -> str:
    if field not in record or record[field] is None:
        raise DataError(refusals.NO_FIELD, path=path, line=line, field=field, fields=", ".join(map(str, record)))
    value = record[field]
    if not isinstance(value, str):
        raise DataError(refusals.FIELD_NOT_TEXT, path=path, line=line, field=field, kind=type(value).__name__)
    if "\x00" in value:
        raise DataError(refusals.NUL_IN_LINE, path=path, line=line)
    return value


READERS = {".jsonl": read_jsonl, ".csv": read_csv}


def read_file(path: Path, text_field: str) -> Iterator[Document]:
    """Documents of one file, chosen by its suffix (anything else is plain text)."""
    reader = READERS.get(path.suffix.lower())
    return reader(path, text_field) if reader else read_txt(path)


def files_in(folder: Path, pattern: str) -> list[Path]:
    """The files a folder contributes, in a stable order."""
    if not folder.exists():
        raise DataError(refusals.NO_SUCH_FOLDER, folder=folder)
    try:
        found = sorted(p for p in folder.glob(pattern) if p.is_file())
    except (ValueError, NotImplementedError) as error:
        raise DataError(refusals.BAD_GLOB, pattern=pattern, detail=error) from None
    if not found:
        raise DataError(refusals.NO_MATCHES, folder=folder, pattern=pattern)
    return found

