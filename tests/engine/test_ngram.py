"""The n-gram baselines are the models they claim to be: checked against processes whose entropy is known and
against counts made here by hand."""

import collections
import json
import math

import numpy as np
import pytest

from lmstudio_app.engine.data.cache import cache_root
from lmstudio_app.engine.ngram import NgramCounts, batch_contexts
from lmstudio_app.engine.objectives.batch import IGNORE
from lmstudio_app.engine.train.trainer import Trainer
from lmstudio_app.events import EvalMetrics, Started
from tests.engine.train.conftest import tiny

V = 20


def markov_chain(transitions: np.ndarray, length: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    cumulative, draws = transitions.cumsum(1), rng.random(length)
    tokens = np.zeros(length, dtype=np.int64)
    for i in range(1, length):
        tokens[i] = min(np.searchsorted(cumulative[tokens[i - 1]], draws[i]), len(transitions) - 1)
    return tokens


def stream_contexts(tokens: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every next-token prediction of a token stream, with the two tokens before it."""
    return np.r_[-1, tokens[:-2]], tokens[:-1], tokens[1:]


def test_the_bigram_baseline_reaches_the_entropy_rate_of_a_bigram_process():
    transitions = np.random.default_rng(0).dirichlet(np.full(V, 0.3), size=V)
    values, vectors = np.linalg.eig(transitions.T)
    stationary = np.real(vectors[:, np.argmin(abs(values - 1))])
    stationary /= stationary.sum()
    entropy_rate = -(stationary[:, None] * transitions * np.log(transitions)).sum()
    counts = NgramCounts.fit(markov_chain(transitions, 200_000, 1), V)
    scores = counts.cross_entropies(*stream_contexts(markov_chain(transitions, 40_000, 2)))
    assert scores["bigram"] == pytest.approx(entropy_rate, rel=0.02)
    assert scores["unigram"] > scores["bigram"] + 0.5  # the process is far from independent tokens
    assert scores["trigram"] == pytest.approx(entropy_rate, rel=0.02)  # a third token adds nothing here


def test_the_unigram_baseline_is_the_add_one_cross_entropy_counted_by_hand():
    rng = np.random.default_rng(3)
    probabilities = rng.dirichlet(np.ones(V))
    train, validation = rng.choice(V, 30_000, p=probabilities), rng.choice(V, 10_000, p=probabilities)
    counted = collections.Counter(train.tolist())
    by_hand = -sum(math.log((counted[t] + 1) / (len(train) + V)) for t in validation.tolist()) / len(validation)
    unigram = NgramCounts.fit(train, V).cross_entropies(*stream_contexts(validation))["unigram"]
    # scored on every validation token but the first, which nothing predicts
    first = -math.log((counted[int(validation[0])] + 1) / (len(train) + V))
    assert unigram == pytest.approx((by_hand * len(validation) - first) / (len(validation) - 1), rel=1e-9)
    frequencies = np.bincount(validation, minlength=V) / len(validation)
    empirical_entropy = -(frequencies[frequencies > 0] * np.log(frequencies[frequencies > 0])).sum()
    assert unigram == pytest.approx(empirical_entropy, rel=0.01)


def test_the_trigram_baseline_sees_a_second_order_process_that_the_bigram_misses():
    """x[t] = x[t-2] XOR noise: the token before says nothing, the one before that almost everything."""
    rng = np.random.default_rng(5)
    tokens = rng.integers(0, 2, 60_000)
    for i in range(2, len(tokens)):
        tokens[i] = tokens[i - 2] if rng.random() < 0.95 else 1 - tokens[i - 2]
    counts = NgramCounts.fit(tokens[:50_000], 2)
    scores = counts.cross_entropies(*stream_contexts(tokens[50_000:]))
    assert scores["bigram"] == pytest.approx(math.log(2), rel=0.02)
    noise = -(0.95 * math.log(0.95) + 0.05 * math.log(0.05))
    assert scores["trigram"] == pytest.approx(noise, rel=0.05)


def test_batch_contexts_take_what_the_network_sees_before_each_target():
    inputs = np.array([[5, 6, 7, 8]])
    labels = np.array([[IGNORE, 7, 8, 9]])
    previous2, previous, target = batch_contexts(inputs, labels)
    assert previous2.tolist() == [5, 6, 7] and previous.tolist() == [6, 7, 8] and target.tolist() == [7, 8, 9]
    first, _, _ = batch_contexts(inputs, np.array([[6, IGNORE, IGNORE, IGNORE]]))
    assert first.tolist() == [-1]  # the window's first target has one token of context


def test_a_causal_run_reports_them_at_start_and_caches_them(tmp_path):
    config = tiny("training.eval_every=12")
    events = list(Trainer(config, tmp_path / "first").events())
    baselines = next(e for e in events if isinstance(e, Started)).baselines
    assert set(baselines) == {"unigram", "bigram", "trigram"}
    assert baselines["unigram"] > baselines["bigram"] > baselines["trigram"] > 0
    assert next(e for e in events if isinstance(e, EvalMetrics)).metrics["loss"] < baselines["unigram"] + 1.0
    assert any(json.loads(p.read_text()) == baselines for p in (cache_root() / "baselines").glob("*.json"))
    again = next(e for e in Trainer(config, tmp_path / "second").events() if isinstance(e, Started))
    assert again.baselines == baselines
    masked = next(e for e in Trainer(tiny("model.family=encoder", "objective.name=mlm"), tmp_path / "mlm").events()
                  if isinstance(e, Started))
    assert masked.baselines == {}  # n-gram models predict the next token, not a masked one
