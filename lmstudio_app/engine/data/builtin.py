"""Corpora every Python installation carries: its language reference, docstrings and source.

Nothing is downloaded: the text comes from ``pydoc_data.topics`` and from the
standard library's own files, read (never imported) from disk.
"""

from __future__ import annotations

import ast
import hashlib
import json
import sys
import sysconfig
import tokenize
from collections.abc import Iterator
from pathlib import Path

from lmstudio_app.config import engine_messages as say
from lmstudio_app.config import error_messages as refusals
from lmstudio_app.config.messages import Message
from lmstudio_app.engine.data.documents import Document
from lmstudio_app.engine.progress import Progress, no_progress
from lmstudio_app.errors import DataError
from lmstudio_app.fsutil import atomic_write_text, user_data_dir

_EXCLUDED_DIRS = {"site-packages", "dist-packages", "__pycache__"}
_TEST_DIRS = {"test", "tests", "idle_test"}
_DOCSTRING_FORMAT = 1


def stdlib_dir() -> Path:
    return Path(sysconfig.get_paths()["stdlib"])


def stdlib_files(include_tests: bool = True) -> list[Path]:
    """The standard library's .py files in a stable order, without third-party packages."""
    root = stdlib_dir()
    excluded = _EXCLUDED_DIRS | (set() if include_tests else _TEST_DIRS)
    return sorted(p for p in root.rglob("*.py") if not excluded & set(p.relative_to(root).parts[:-1]))


def python_docs() -> Iterator[Document]:
    """Each topic of the language reference that ``help()`` shows, as a document."""
    try:
        from pydoc_data.topics import topics
    except ImportError:
        raise DataError(refusals.NO_PYDOC_DATA) from None
    for name in sorted(topics):
        yield Document(topics[name], f"pydoc topic '{name}'")


def python_source() -> Iterator[Document]:
    """Each standard-library .py file, decoded with the encoding it declares."""
    root = stdlib_dir()
    for path in stdlib_files():
        try:
            with tokenize.open(path) as handle:
                text = handle.read()
        except (SyntaxError, UnicodeDecodeError, OSError):
            continue
        if text.strip() and "\x00" not in text:
            yield Document(text, str(path.relative_to(root)))


def python_docstrings(progress: Progress = no_progress) -> Iterator[Document]:
    """Docstrings of the standard library's modules, classes and functions (tests left out).

    Parsing ~1,000 files takes a while, so the extracted docstrings are kept in
    the user data folder, keyed by this Python's version and library path.
    """
    cache = _docstring_cache_path()
    if not _cache_is_complete(cache):
        records = list(_extract_docstrings(progress))
        atomic_write_text(cache, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
                          + json.dumps({"complete": len(records)}) + "\n")
    with cache.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if "text" in record:
                yield Document(record["text"], record["origin"])


def _docstring_cache_path() -> Path:
    key = hashlib.sha256(f"{_DOCSTRING_FORMAT}|{sys.version}|{stdlib_dir()}".encode()).hexdigest()[:16]
    return user_data_dir() / "cache" / f"python-docstrings-{key}.jsonl"


def _cache_is_complete(cache: Path) -> bool:
    """The last line counts the records; a truncated or edited file is rebuilt."""
    try:
        lines = cache.read_text(encoding="utf-8").splitlines()
        return json.loads(lines[-1]).get("complete") == len(lines) - 1
    except (OSError, ValueError, IndexError, AttributeError):
        return False


def _extract_docstrings(progress: Progress) -> Iterator[dict]:
    root = stdlib_dir()
    files = stdlib_files(include_tests=False)
    for index, path in enumerate(files):
        progress(Message(say.EXTRACTING_DOCSTRINGS), index / len(files))
        module = ".".join(path.relative_to(root).with_suffix("").parts).removesuffix(".__init__")
        try:
            tree = ast.parse(path.read_bytes())
        except (SyntaxError, ValueError, OSError):
            continue
        for qualname, node in _documented_nodes(tree, module):
            text = ast.get_docstring(node)
            if text and text.strip():
                yield {"text": text, "origin": qualname}
    progress(Message(say.EXTRACTING_DOCSTRINGS), 1.0)


def _documented_nodes(tree: ast.Module, module: str):
    yield module, tree
    stack = [(module, node) for node in tree.body]
    while stack:
        prefix, node = stack.pop(0)
        if isinstance(node, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            name = f"{prefix}.{node.name}"
            yield name, node
            if isinstance(node, ast.ClassDef):
                stack.extend((name, child) for child in node.body)
