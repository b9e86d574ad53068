"""Documents, sentence boundaries and corpus summaries."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A sentence ends after . ! ? (or their CJK forms) followed by whitespace, or at a blank line; a match
# ends where the next sentence begins. (Matching the mark itself, not looking behind for it, is twice
# as fast and ends at the same places.)
_SENTENCE_END = re.compile(r"[.!?]\s+|[。！？]\s*|\n\s*\n\s*")
MAX_SENTENCE_CHARS = 2000


@dataclass(frozen=True)
class Document:
    text: str
    origin: str  # where a person finds it: "notes.txt:12", "json.decoder.JSONDecoder"
    words: tuple[str, ...] | None = None  # a gold segmentation, when the corpus has one: "".join(words) == text


def split_sentences(text: str) -> list[str]:
    """Cut text into sentences that concatenate back to exactly the text.

    Each piece keeps the whitespace that follows it. Pieces longer than
    ``MAX_SENTENCE_CHARS`` (code, lists) are cut further at line ends, or hard.
    """
    pieces, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        if match.end() > start:
            pieces.append(text[start:match.end()])
            start = match.end()
    if start < len(text):
        pieces.append(text[start:])
    return [part for piece in pieces for part in _cap_length(piece)]


def _cap_length(piece: str) -> list[str]:
    parts = []
    while len(piece) > MAX_SENTENCE_CHARS:
        cut = piece.rfind("\n", 0, MAX_SENTENCE_CHARS) + 1 or piece.rfind(" ", 0, MAX_SENTENCE_CHARS) + 1
        cut = cut or MAX_SENTENCE_CHARS
        parts.append(piece[:cut])
        piece = piece[cut:]
    if piece:
        parts.append(piece)
    return parts


@dataclass(frozen=True)
class CorpusSummary:
    name: str
    documents: int
    characters: int
    lines: int
    bytes: int
    train_documents: int
    validation_documents: int
    skipped: tuple[str, ...] = ()  # files left out, with the reason
    segmentation: str = ""  # what finds whole words in Chinese text: "gold", "jieba x.y", or ""
    cjk_characters: int = 0

    def describe(self) -> str:
        text = (
            f"{self.name}: {self.documents:,} documents ({self.train_documents:,} train, "
            f"{self.validation_documents:,} validation), {self.characters:,} characters, "
            f"{self.lines:,} lines, {self.bytes / 1e6:.2f} MB"
        )
        if self.segmentation:
            text += "; Chinese words from " + ("the corpus's gold segmentation" if self.segmentation == "gold"
                                               else self.segmentation)
        elif self.cjk_characters:
            text += ("; Chinese text but no segmenter: whole-word masking takes each character as a word "
                     "(pip install jieba)")
        if self.skipped:
            text += f"; skipped {len(self.skipped)}: " + "; ".join(self.skipped[:5])
            if len(self.skipped) > 5:
                text += "; …"
        return text
