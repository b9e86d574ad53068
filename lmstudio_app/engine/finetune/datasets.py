"""Downstream task data: built-in tasks derived offline from Python itself, or a person's files.

Every task is a list of ``TaskRecord``s: text (and a second text for pairs)
with a label, character-span tags, or a target text.
"""

from __future__ import annotations

import collections
import io
import keyword
import random
import tokenize
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lmstudio_app.config import engine_messages as say
from lmstudio_app.config import error_messages as refusals
from lmstudio_app.config.messages import Message
from lmstudio_app.config.schema import ExperimentConfig
from lmstudio_app.engine.data import chinese
from lmstudio_app.engine.data.builtin import python_docstrings, stdlib_dir, stdlib_files
from lmstudio_app.engine.data.synthetic import synthetic_pairs
from lmstudio_app.engine.data.text_files import table_rows, text_field
from lmstudio_app.engine.progress import Progress, no_progress
from lmstudio_app.errors import DataError


@dataclass(frozen=True)
class TaskRecord:
    text: str
    origin: str
    pair: str | None = None  # pair-classification: the second text
    label: str | None = None  # classification
    spans: tuple[tuple[int, int, str], ...] = ()  # token classification: (start, end, tag) over ``text``
    target: str | None = None  # seq2seq


@dataclass
class TaskDataset:
    name: str
    records: list[TaskRecord]
    notes: list[str] = field(default_factory=list)


DOCSTRING_FAMILIES = 8  # the most frequent standard-library families become the classes
PER_FAMILY = 400


def docstring_family(seed: int, progress: Progress) -> TaskDataset:
    """Docstring → the top-level standard-library package it documents (asyncio, email, tkinter, …)."""
    by_family: dict[str, list[TaskRecord]] = collections.defaultdict(list)
    for document in python_docstrings(progress):
        family = document.origin.split(".")[0]
        by_family[family].append(TaskRecord(document.text, document.origin, label=family))
    largest = sorted(by_family, key=lambda f: (-len(by_family[f]), f))[:DOCSTRING_FAMILIES]
    rng = random.Random(seed)
    records = []
    for family in sorted(largest):
        examples = by_family[family]
        records += rng.sample(examples, min(PER_FAMILY, len(examples)))
    rng.shuffle(records)
    return TaskDataset("docstring-family", records,
                       [f"{len(largest)} families: " + ", ".join(sorted(largest)), f"at most {PER_FAMILY} each"])


def docstring_to_name(seed: int, progress: Progress) -> TaskDataset:
    """A function's docstring → its name (first paragraph of public functions' docstrings)."""
    records = []
    for document in python_docstrings(progress):
        name = document.origin.rsplit(".", 1)[-1]
        if name.startswith("_") or not name.islower() or document.origin.count(".") < 1:
            continue
        summary = document.text.split("\n\n")[0].strip()
        if 20 <= len(summary) <= 400:
            records.append(TaskRecord(summary, document.origin, target=name))
    random.Random(seed).shuffle(records)
    return TaskDataset("docstring-to-name", records[:6000])


TOKEN_TAGS = ("KEYWORD", "NAME", "OP", "NUMBER", "STRING", "COMMENT")


def python_token_types(seed: int, progress: Progress, lines_per_example: int = 6,
                       limit: int = 4000) -> TaskDataset:
    """Chunks of standard-library source, each character span tagged by Python's own ``tokenize``."""
    files = stdlib_files(include_tests=False)
    rng = random.Random(seed)
    rng.shuffle(files)
    records: list[TaskRecord] = []
    for path in files:
        progress(Message(say.TAGGING_SOURCE), len(records) / limit)
        try:
            lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        except (UnicodeDecodeError, OSError):
            continue
        for start in range(0, len(lines) - lines_per_example, lines_per_example * 4):
            chunk = "".join(lines[start:start + lines_per_example])
            spans = _token_spans(chunk)
            if spans:
                records.append(TaskRecord(chunk, f"{path.relative_to(stdlib_dir())}:{start + 1}", spans=spans))
            if len(records) >= limit:
                return TaskDataset("python-token-types", records, [f"tags: {', '.join(TOKEN_TAGS)}"])
    return TaskDataset("python-token-types", records, [f"tags: {', '.join(TOKEN_TAGS)}"])


def _token_spans(chunk: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, tag) of each Python token in ``chunk``; chunks that do not tokenize are skipped."""
    line_starts = [0]
    for line in chunk.splitlines(keepends=True):
        line_starts.append(line_starts[-1] + len(line))
    spans = []
    try:
        for token in tokenize.generate_tokens(io.StringIO(chunk).readline):
            tag = _tag(token)
            if tag is None:
                continue
            start = line_starts[token.start[0] - 1] + token.start[1]
            end = line_starts[token.end[0] - 1] + token.end[1]
            spans.append((start, end, tag))
    except (tokenize.TokenError, SyntaxError, IndentationError):
        return ()
    return tuple(spans)


def _tag(token: tokenize.TokenInfo) -> str | None:
    if token.type == tokenize.NAME:
        return "KEYWORD" if keyword.iskeyword(token.string) else "NAME"
    return {tokenize.OP: "OP", tokenize.NUMBER: "NUMBER", tokenize.STRING: "STRING",
            tokenize.COMMENT: "COMMENT"}.get(token.type)


def zh_sentiment(seed: int) -> TaskDataset:
    """Product-review sentence → 正面 (positive) or 负面 (negative), as many of each."""
    records = [TaskRecord(text, origin, label=label) for text, label, origin in chinese.sentiment_reviews(seed)]
    return TaskDataset("zh-sentiment", records, ["labels 正面 / 负面, balanced"])


def zh_pos(seed: int) -> TaskDataset:
    """People's Daily sentences, each word tagged with its part of speech (Peking University tag set)."""
    records = [TaskRecord("".join(w.word for w in words), origin,
                          spans=tuple((start, end, w.tag) for start, end, w in chinese.word_spans(words)))
               for origin, words in chinese.news_sentences()]
    random.Random(seed).shuffle(records)
    return TaskDataset("zh-pos", records, ["tags: the Peking University part-of-speech set"])


def zh_segmentation(seed: int) -> TaskDataset:
    """People's Daily sentences, each character tagged B/M/E/S by the gold word it is part of."""
    records = []
    for origin, words in chinese.news_sentences():
        spans = tuple((start + offset, start + offset + 1, tag)
                      for start, _, w in chinese.word_spans(words)
                      for offset, tag in enumerate(chinese.segmentation_tags(w.word)))
        records.append(TaskRecord("".join(w.word for w in words), origin, spans=spans))
    random.Random(seed).shuffle(records)
    return TaskDataset("zh-segmentation", records, ["B/M/E/S: begins, inside, ends a word; a one-character word"])


def synthetic_task(name: str, config: ExperimentConfig) -> TaskDataset:
    task = name.removeprefix("synthetic-")
    d = config.data
    records = [TaskRecord(source, f"{task} #{i}", target=target)
               for i, (source, target) in enumerate(synthetic_pairs(task, d.synthetic_examples, d.synthetic_length,
                                                                    d.seed))]
    return TaskDataset(name, records)


def file_task(config: ExperimentConfig) -> TaskDataset:
    """Rows of the configured .csv/.jsonl files, read according to the task kind."""
    f = config.finetune
    required = (f.text_field, f.label_field) + ((f.pair_field,) if f.task == "pair-classification" else ())
    records = []
    for entry in f.paths:
        path = Path(entry).expanduser()
        for line, row in table_rows(path, required):
            origin = f"{path}:{line}"
            if f.task == "token-classification":
                records.append(_tagged_words(row, path, line, f.text_field, f.label_field))
                continue
            text = text_field(row, f.text_field, path, line)
            if f.task == "seq2seq":
                records.append(TaskRecord(text, origin, target=text_field(row, f.label_field, path, line)))
                continue
            label = row.get(f.label_field)
            if label is None or label == "":
                raise DataError(refusals.NO_LABEL, path=path, line=line, field=f.label_field)
            pair = text_field(row, f.pair_field, path, line) if f.task == "pair-classification" else None
            records.append(TaskRecord(text, origin, pair=pair, label=str(label)))
    return TaskDataset("files", records)


def _tagged_words(row: dict, path: Path, line: int, words_field: str, tags_field: str) -> TaskRecord:
    """A JSON row with a list of words and a list of tags of the same length."""
    words, tags = row.get(words_field), row.get(tags_field)
    if not isinstance(words, list) or not isinstance(tags, list) or len(words) != len(tags) or not words:
        raise DataError(refusals.WORDS_AND_TAGS, path=path, line=line, words=words_field, tags=tags_field)
    spans, position = [], 0
    for word, tag in zip(words, tags):
        spans.append((position, position + len(str(word)), str(tag)))
        position += len(str(word)) + 1
    return TaskRecord(" ".join(map(str, words)), f"{path}:{line}", spans=tuple(spans))


def load_task(config: ExperimentConfig, progress: Progress = no_progress) -> TaskDataset:
    f = config.finetune
    seed = config.data.seed
    builders = {"docstring-family": lambda: docstring_family(seed, progress),
                "docstring-to-name": lambda: docstring_to_name(seed, progress),
                "python-token-types": lambda: python_token_types(seed, progress),
                "zh-sentiment": lambda: zh_sentiment(seed),
                "zh-pos": lambda: zh_pos(seed),
                "zh-segmentation": lambda: zh_segmentation(seed)}
    if f.dataset in builders:
        dataset = builders[f.dataset]()
    elif f.dataset.startswith("synthetic-"):
        dataset = synthetic_task(f.dataset, config)
    else:
        dataset = file_task(config)
    if f.max_examples:
        dataset.records = dataset.records[: f.max_examples]
    if not dataset.records:
        raise DataError(refusals.NO_EXAMPLES, task=dataset.name)
    return dataset


def iter_texts(records: list[TaskRecord]) -> Iterator[str]:
    """Every text of the records, for training a tokenizer when there is no pretrained one."""
    for record in records:
        yield record.text
        if record.pair:
            yield record.pair
        if record.target:
            yield record.target
