"""Corpora by name, a first pass that summarises and fingerprints them, and the split.

A corpus is a re-iterable stream of documents: nothing holds all of its text
at once. The first pass (``scan_corpus``) counts documents, characters, lines
and bytes and hashes the content; the hash keys the tokenizer and token caches.
"""

from __future__ import annotations

import hashlib
import itertools
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lmstudio_app.config import engine_messages as say
from lmstudio_app.config import error_messages as refusals
from lmstudio_app.config.messages import Message
from lmstudio_app.config.schema import DataConfig
from lmstudio_app.engine.data.builtin import (
    python_docs,
    python_docstrings,
    python_source,
)
from lmstudio_app.engine.data.chinese import zh_news
from lmstudio_app.engine.data.documents import CorpusSummary, Document
from lmstudio_app.engine.data.segmentation import choose_segmentation
from lmstudio_app.engine.data.synthetic import synthetic_documents
from lmstudio_app.engine.data.text_files import EmptyFileError, files_in, read_file
from lmstudio_app.engine.data.tokenizer import count_cjk
from lmstudio_app.engine.progress import Progress, no_progress
from lmstudio_app.errors import DataError


@dataclass
class Corpus:
    name: str
    _documents: Callable[[], Iterator[Document]]
    max_documents: int = 0
    skipped: list[str] = field(default_factory=list)  # files a folder contributed nothing from

    def documents(self) -> Iterator[Document]:
        stream = self._documents()
        return itertools.islice(stream, self.max_documents) if self.max_documents else stream


def open_corpus(data: DataConfig, progress: Progress = no_progress) -> Corpus:
    builtin = {
        "python-docs": python_docs,
        "python-docstrings": lambda: python_docstrings(progress),
        "python-source": python_source,
        "zh-news": zh_news,
    }
    if data.corpus in builtin:
        return Corpus(data.corpus, builtin[data.corpus], data.max_documents)
    if data.corpus.startswith("synthetic-"):
        task = data.corpus.removeprefix("synthetic-")
        return Corpus(data.corpus, lambda: synthetic_documents(task, data.synthetic_examples,
                                                              data.synthetic_length, data.seed),
                      data.max_documents)
    skipped: list[str] = []
    return Corpus("files", lambda: _file_documents(data, skipped), data.max_documents, skipped)


def _file_documents(data: DataConfig, skipped: list[str]) -> Iterator[Document]:
    skipped.clear()
    for entry in data.paths:
        path = Path(entry).expanduser()
        if not path.is_dir():
            yield from read_file(path, data.text_field)
            continue
        for file in files_in(path, data.glob):
            try:
                yield from read_file(file, data.text_field)
            except EmptyFileError as error:
                skipped.append(str(error))


@dataclass(frozen=True)
class CorpusScan:
    fingerprint: str  # sha256 of every document's text and order
    documents: int
    characters: int
    lines: int
    bytes: int
    cjk_characters: int = 0
    gold_segmented: int = 0  # documents that carry their words

    @property
    def segmentation(self) -> str:
        """What finds this corpus's words for whole-word masking ("" when spaces and tokens do)."""
        return choose_segmentation(self.gold_segmented, self.cjk_characters)


def scan_corpus(corpus: Corpus, progress: Progress = no_progress) -> CorpusScan:
    digest = hashlib.sha256()
    documents = characters = lines = size = cjk = gold = 0
    for document in corpus.documents():
        encoded = document.text.encode("utf-8", "surrogatepass")
        digest.update(len(encoded).to_bytes(8, "little"))
        digest.update(encoded)
        documents += 1
        characters += len(document.text)
        lines += document.text.count("\n") + 1
        size += len(encoded)
        cjk += count_cjk(document.text)
        gold += document.words is not None
        if documents % 100 == 0:  # documents run to 100,000 characters: a stop request waits for at most 100
            progress(Message(say.READING, {"name": corpus.name}), None)
    if documents == 0:
        if corpus.skipped:
            raise DataError(refusals.NO_DOCUMENTS_SKIPPED, corpus=corpus.name, skipped="; ".join(corpus.skipped[:3]))
        raise DataError(refusals.CORPUS_HAS_NO_DOCUMENTS, corpus=corpus.name)
    return CorpusScan(digest.hexdigest(), documents, characters, lines, size, cjk, gold)


def validation_indices(documents: int, fraction: float, seed: int) -> frozenset[int]:
    """Which documents are held out: a seeded sample, at least one when any are asked for."""
    if fraction <= 0:
        return frozenset()
    if documents < 2:
        raise DataError(refusals.ONE_DOCUMENT, documents=documents)
    count = min(documents - 1, max(1, round(documents * fraction)))
    return frozenset(random.Random(seed).sample(range(documents), count))


def summarize(corpus: Corpus, scan: CorpusScan, held_out: frozenset[int]) -> CorpusSummary:
    return CorpusSummary(
        name=corpus.name,
        documents=scan.documents,
        characters=scan.characters,
        lines=scan.lines,
        bytes=scan.bytes,
        train_documents=scan.documents - len(held_out),
        validation_documents=len(held_out),
        skipped=tuple(corpus.skipped),
        segmentation=scan.segmentation,
        cjk_characters=scan.cjk_characters,
    )
