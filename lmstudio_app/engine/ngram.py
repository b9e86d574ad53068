"""Statistical language models as baselines: unigram, bigram and trigram token models fitted on the training
split and scored on the validation batches the network is evaluated on, so the loss plot can show how far a
Transformer gets beyond counting.

The unigram model is add-one smoothed; the bigram and trigram models interpolate with the next lower order by
Witten-Bell (a context seen c times with T distinct followers keeps c / (c + T) of its mass for what followed
it), which needs no tuning. Everything is counted with numpy on the token array: a few seconds for millions of
tokens, cached per tokenized corpus and evaluation set-up.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from lmstudio_app.config import engine_messages as say
from lmstudio_app.config.messages import Message
from lmstudio_app.config.objectives import SPECS as OBJECTIVE_SPECS
from lmstudio_app.engine.data.cache import TokenizedSplit, cache_root
from lmstudio_app.engine.objectives.batch import IGNORE
from lmstudio_app.engine.progress import Progress, no_progress, reporting_while
from lmstudio_app.fsutil import atomic_write_text

ORDERS = ("unigram", "bigram", "trigram")
# the objectives whose loss is next-token prediction from the tokens before it
CAUSAL_OBJECTIVES = tuple(name for name, spec in OBJECTIVE_SPECS.items() if spec.predicts_next_token)


def _counted(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return np.unique(keys, return_counts=True)


def _lookup(sorted_keys: np.ndarray, counts: np.ndarray, queries: np.ndarray) -> np.ndarray:
    """counts[key] for each query, 0 where the key was never seen."""
    if not len(sorted_keys):
        return np.zeros(len(queries), dtype=np.int64)
    where = np.clip(np.searchsorted(sorted_keys, queries), 0, len(sorted_keys) - 1)
    return np.where(sorted_keys[where] == queries, counts[where], 0)


@dataclass(frozen=True)
class NgramCounts:
    vocab: int
    unigrams: np.ndarray  # (V,) token counts
    followed: np.ndarray  # (V,) how often each token is followed by another
    followers: np.ndarray  # (V,) how many distinct tokens follow it
    bigrams: tuple[np.ndarray, np.ndarray]  # sorted keys v·V + w, and their counts
    trigrams: tuple[np.ndarray, np.ndarray]  # sorted keys (u·V + v)·V + w, and their counts
    pairs: tuple[np.ndarray, np.ndarray, np.ndarray]  # sorted keys u·V + v, how often followed, distinct followers

    @classmethod
    def fit(cls, tokens: np.ndarray, vocab: int) -> NgramCounts:
        tokens = np.asarray(tokens, dtype=np.int64)
        unigrams = np.bincount(tokens, minlength=vocab)
        bigram_keys, bigram_counts = _counted(tokens[:-1] * vocab + tokens[1:])
        followed = np.bincount(tokens[:-1], minlength=vocab)
        followers = np.bincount(bigram_keys // vocab, minlength=vocab)
        trigram_keys, trigram_counts = _counted((tokens[:-2] * vocab + tokens[1:-1]) * vocab + tokens[2:])
        pair_keys, pair_counts = _counted(tokens[:-2] * vocab + tokens[1:-1])
        distinct_pairs = _lookup(*_counted(trigram_keys // vocab), pair_keys)
        return cls(vocab, unigrams, followed, followers, (bigram_keys, bigram_counts), (trigram_keys, trigram_counts),
                   (pair_keys, pair_counts, distinct_pairs))

    def probabilities(self, previous2: np.ndarray, previous: np.ndarray, target: np.ndarray) -> dict[str, np.ndarray]:
        """P(target) under each order; ``previous2`` is -1 where the context holds only one token."""
        v = self.vocab
        unigram = (self.unigrams[target] + 1.0) / (self.unigrams.sum() + v)
        seen, kinds = self.followed[previous].astype(np.float64), self.followers[previous].astype(np.float64)
        pair = _lookup(*self.bigrams, previous * v + target)
        bigram = np.where(seen > 0, (pair + kinds * unigram) / np.maximum(seen + kinds, 1), unigram)
        has_two = previous2 >= 0
        context = np.where(has_two, previous2, 0) * v + previous
        pair_keys, pair_counts, pair_distinct = self.pairs
        seen2 = np.where(has_two, _lookup(pair_keys, pair_counts, context), 0).astype(np.float64)
        kinds2 = np.where(has_two, _lookup(pair_keys, pair_distinct, context), 0).astype(np.float64)
        triple = np.where(has_two, _lookup(*self.trigrams, context * v + target), 0)
        trigram = np.where(seen2 > 0, (triple + kinds2 * bigram) / np.maximum(seen2 + kinds2, 1), bigram)
        return {"unigram": unigram, "bigram": bigram, "trigram": trigram}

    def log_losses(self, previous2: np.ndarray, previous: np.ndarray, target: np.ndarray) -> dict[str, float]:
        """Summed −log P(target) in nats, under each order."""
        return {order: float(-np.log(p).sum())
                for order, p in self.probabilities(previous2, previous, target).items()}

    def cross_entropies(self, previous2: np.ndarray, previous: np.ndarray, target: np.ndarray) -> dict[str, float]:
        """Mean −log P(target) in nats per token, under each order."""
        return {order: total / len(target) for order, total in self.log_losses(previous2, previous, target).items()}


def batch_contexts(input_ids: np.ndarray, labels: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(token two back, token before, target) of every position with a loss in a causal batch, (B, T) each:
    the label at t follows the input at t. An n-gram sees no more than the network: nothing before the window."""
    rows, columns = np.nonzero(labels != IGNORE)
    previous = input_ids[rows, columns]
    previous2 = np.where(columns > 0, input_ids[rows, np.maximum(columns - 1, 0)], -1)
    return previous2.astype(np.int64), previous.astype(np.int64), labels[rows, columns].astype(np.int64)


def ngram_baselines(train: TokenizedSplit, batches: Iterable[tuple[np.ndarray, np.ndarray]], vocab: int,
                    cache_key: str, progress: Progress = no_progress) -> dict[str, float]:
    """Cross-entropy of each order on the (input_ids, labels) batches, scored one at a time (so their number and
    size cost no memory); cached under ``cache_key``. ``progress`` hears of the counting while it runs."""
    path = cache_root() / "baselines" / f"{hashlib.sha256(cache_key.encode()).hexdigest()[:32]}.json"
    try:
        cached = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(cached, dict) and set(cached) == set(ORDERS):
            return {order: float(cached[order]) for order in ORDERS}
    except (OSError, ValueError):
        pass  # not computed yet, or unreadable: computed again
    # numpy's sorts release the GIL: counting a large corpus in a helper thread leaves a stop request heard
    counts = reporting_while(lambda beside: NgramCounts.fit(np.asarray(train.tokens), vocab),
                             Message(say.FITTING_BASELINES), progress)
    totals, scored = dict.fromkeys(ORDERS, 0.0), 0
    for inputs, labels in batches:
        contexts = batch_contexts(inputs, labels)
        for order, total in counts.log_losses(*contexts).items():
            totals[order] += total
        scored += len(contexts[2])
    result = {order: totals[order] / scored for order in ORDERS}
    try:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(path, json.dumps(result))
    except OSError:
        pass  # a cache that cannot be written only costs the counting next time
    return result
