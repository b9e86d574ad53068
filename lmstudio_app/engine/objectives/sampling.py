"""Drawing raw token material from a tokenized split: windows, sentence runs, documents."""

from __future__ import annotations

import numpy as np

from lmstudio_app.config import error_messages as refusals
from lmstudio_app.config.messages import Message, Template
from lmstudio_app.engine.data.cache import TokenizedSplit
from lmstudio_app.errors import DataError


def require_tokens(split: TokenizedSplit, length: int, what: Template) -> None:
    """Refuse a split shorter than one ``what`` (``refusals.A_SEQUENCE``) of ``length`` tokens."""
    if split.num_tokens < length:
        raise DataError(refusals.TOO_FEW_TOKENS, tokens=f"{split.num_tokens:,}", what=Message(what), length=length)


def window_start(split: TokenizedSplit, rng: np.random.Generator, length: int) -> int:
    """A uniformly random offset at which ``length`` tokens fit (documents joined by EOS)."""
    return int(rng.integers(0, split.num_tokens - length + 1))


def random_window(split: TokenizedSplit, rng: np.random.Generator, length: int) -> np.ndarray:
    """``length`` consecutive tokens from a uniformly random offset."""
    start = window_start(split, rng, length)
    return np.asarray(split.tokens[start:start + length], dtype=np.int64)


def window_from_sentence(split: TokenizedSplit, rng: np.random.Generator, length: int) -> np.ndarray:
    """Positions of up to ``length`` consecutive tokens starting where a random sentence starts."""
    start = int(split.sentences[rng.integers(0, len(split.sentences)), 0])
    return np.arange(start, min(start + length, split.num_tokens), dtype=np.int64)


def document_of(split: TokenizedSplit, sentence: int) -> int:
    return int(np.searchsorted(split.documents[:, 1], sentence, side="right"))


def sentence_run(split: TokenizedSplit, first: int, budget: int) -> list[np.ndarray]:
    """Sentences of one document from sentence ``first`` on, at most ``budget`` tokens (the last one cut)."""
    return [np.asarray(split.tokens[positions], dtype=np.int64) for positions in sentence_run_positions(split, first,
                                                                                                         budget)]


def sentence_run_positions(split: TokenizedSplit, first: int, budget: int) -> list[np.ndarray]:
    """Where in the split the tokens of ``sentence_run`` are."""
    end = split.documents[document_of(split, first), 1]
    run, used = [], 0
    for start, stop in split.sentences[first:end]:
        take = min(stop - start, budget - used)
        if take <= 0:
            break
        run.append(np.arange(start, start + take, dtype=np.int64))
        used += take
    return run


def random_partition(total: int, parts: int, rng: np.random.Generator) -> np.ndarray:
    """``parts`` positive integers summing to ``total``, uniformly over such compositions."""
    cuts = np.sort(rng.choice(np.arange(1, total), size=parts - 1, replace=False)) if parts > 1 else []
    return np.diff(np.concatenate([[0], cuts, [total]])).astype(np.int64)
