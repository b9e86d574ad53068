"""Where words begin in Chinese text, for whole-word masking (as Chinese BERT-wwm does).

Chinese has no spaces, so whole-word masking needs a segmenter. A corpus
that carries a gold segmentation (``zh-news``) uses it; other text with CJK
characters is cut by ``jieba``, the most widely used Chinese segmenter on the
package registry: pure Python, MIT, its dictionary ships inside the package
(nothing is downloaded), and ~1 MB/s is fast enough to segment a corpus once
while it is tokenized. Text without CJK needs none: spaces and the
tokenizer's word-start markers find its words.
"""

from __future__ import annotations

import importlib.util
import logging
from functools import cache

from lmstudio_app.engine.data.documents import Document
from lmstudio_app.fsutil import user_data_dir

GOLD = "gold"


def jieba_available() -> bool:
    return importlib.util.find_spec("jieba") is not None


@cache
def _jieba():
    import jieba

    jieba.setLogLevel(logging.WARNING)  # it announces loading its dictionary on stderr
    tokenizer = jieba.Tokenizer()
    folder = user_data_dir() / "cache" / "jieba"
    folder.mkdir(parents=True, exist_ok=True)
    tokenizer.tmp_dir = str(folder)  # its prepared dictionary, instead of the system's temp folder
    return tokenizer


def jieba_name() -> str:
    import jieba

    return f"jieba {jieba.__version__}"


def choose_segmentation(gold_documents: int, cjk_characters: int) -> str:
    """What finds the words of a corpus: "gold", "jieba x.y", or "" (no segmenter: the tokens' own word starts)."""
    if gold_documents:
        return GOLD
    if cjk_characters and jieba_available():
        return jieba_name()
    return ""


def word_starts(document: Document, segmentation: str) -> frozenset[int]:
    """Character offsets in the document at which a word begins."""
    words = document.words if segmentation == GOLD and document.words is not None else _jieba().cut(document.text)
    starts, position = set(), 0
    for word in words:
        starts.add(position)
        position += len(word)
    return frozenset(starts)
