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
        raise DataError(f"{path}: no such file")
    if path.is_dir():
        raise DataError(f"{path}: is a folder; give a file, or the folder in data.paths with a data.glob")
    if not path.is_file():
        raise DataError(f"{path}: not a regular file (a pipe or device cannot be read as a corpus)")
    try:
        with path.open("rb") as handle:
            head = handle.read(_SNIFF_BYTES)
    except PermissionError:
        raise DataError(f"{path}: permission denied; make the file readable (chmod +r) or copy it") from None
    except OSError as error:
        raise DataError(f"{path}: cannot be read ({error.strerror})") from None
    if not head:
        raise EmptyFileError(f"{path}: the file is empty")
    for magic, kind in _MAGIC.items():
        if head.startswith(magic):
            raise DataError(f"{path}: looks like {kind}, not text")
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DataError(f"{path}: is UTF-16 text; save it as UTF-8 (e.g. iconv -f UTF-16 -t UTF-8)")
    if b"\x00" in head:
        raise DataError(f"{path}: contains NUL bytes near the start; it looks like a binary file, not text")


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
                raise DataError(
                    f"{path}: line {number} is longer than {MAX_LINE_BYTES:,} bytes; "
                    f"split the text into lines or paragraphs"
                )
            if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            if b"\x00" in raw:
                raise DataError(f"{path}: line {number} contains NUL bytes; this looks like a binary file")
            try:
                yield number, raw.decode("utf-8")
            except UnicodeDecodeError as error:
                raise DataError(
                    f"{path}: line {number} is not valid UTF-8 (byte 0x{raw[error.start]:02x} at column "
                    f"{error.start + 1}); {_likely_encoding(path)}"
                ) from None


def _likely_encoding(path: Path) -> str:
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
            return f"it looks like Chinese text in Big5: convert it with {convert.format(codec='BIG5')}"
        if _decodes(sample, "gb18030"):
            return (f"it looks like Chinese text in GB18030 (GBK, GB2312): convert it with "
                    f"{convert.format(codec='GB18030')}")
    return (f"the file may be Latin-1 or Windows-1252: re-save it as UTF-8 "
            f"({convert.format(codec='WINDOWS-1252')})")


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
        raise EmptyFileError(f"{path}: contains only whitespace")


def jsonl_rows(path: Path) -> Iterator[tuple[int, dict]]:
    """(line number, object) for each non-blank line of a JSON Lines file."""
    any_rows = False
    for number, line in _lines(path):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise DataError(f"{path}: line {number} is not valid JSON ({error.msg} at column {error.colno})") from None
        except RecursionError:  # the parser recurses once per bracket
            raise DataError(f"{path}: line {number} nests JSON arrays or objects too deeply to read") from None
        if not isinstance(record, dict):
            raise DataError(f"{path}: line {number} is a JSON {type(record).__name__}, expected an object")
        any_rows = True
        yield number, record
    if not any_rows:
        raise EmptyFileError(f"{path}: contains no JSON lines")


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
                raise DataError(f"{path}: has no header row")
            for field in required:
                if field not in columns:
                    raise DataError(f"{path}: has no column '{field}' (columns: {', '.join(columns)})")
            any_rows = False
            started = reader.line_num + 1
            for fields in reader:
                if fields:
                    if len(fields) != len(columns):
                        raise DataError(f"{path}: line {started} has {len(fields)} fields but the header has "
                                        f"{len(columns)}; check its commas and quotes")
                    any_rows = True
                    yield started, dict(zip(columns, fields))
                started = reader.line_num + 1
        except csv.Error as error:
            if "unexpected end of data" in str(error):
                raise DataError(f"{path}: line {started} opens a quoted field that is never closed; "
                                f"add the missing \" (a quote inside a field is written \"\")") from None
            raise DataError(f"{path}: line {started} is not valid CSV ({error}); every opened quote must be "
                            f"closed, and a quote inside a field is written \"\"") from None
        except UnicodeDecodeError:
            raise DataError(
                f"{path}: near line {reader.line_num + 1} is not valid UTF-8; re-save the file as UTF-8"
            ) from None
    if not any_rows:
        raise EmptyFileError(f"{path}: has a header but no rows")


def table_rows(path: Path, required: tuple[str, ...]) -> Iterator[tuple[int, dict]]:
    """Rows of a .csv or .jsonl file; anything else is refused."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return csv_rows(path, required)
    if suffix == ".jsonl":
        return jsonl_rows(path)
    raise DataError(f"{path}: task data must be a .csv or .jsonl file")


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
        raise DataError(f"{path}: line {line} has no '{field}' (fields: {', '.join(map(str, record))})")
    value = record[field]
    if not isinstance(value, str):
        raise DataError(f"{path}: line {line}: '{field}' is a {type(value).__name__}, expected text")
    if "\x00" in value:
        raise DataError(f"{path}: line {line} contains NUL bytes; this looks like a binary file")
    return value


READERS = {".jsonl": read_jsonl, ".csv": read_csv}


def read_file(path: Path, text_field: str) -> Iterator[Document]:
    """Documents of one file, chosen by its suffix (anything else is plain text)."""
    reader = READERS.get(path.suffix.lower())
    return reader(path, text_field) if reader else read_txt(path)


def files_in(folder: Path, pattern: str) -> list[Path]:
    """The files a folder contributes, in a stable order."""
    if not folder.exists():
        raise DataError(f"{folder}: no such folder")
    try:
        found = sorted(p for p in folder.glob(pattern) if p.is_file())
    except (ValueError, NotImplementedError) as error:
        raise DataError(f"data.glob: '{pattern}' is not a usable pattern ({error})") from None
    if not found:
        raise DataError(f"{folder}: no files match '{pattern}'; check data.glob")
    return found

