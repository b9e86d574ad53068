"""Checking learning by learning: each objective's tiny preset learns, NSP beats chance, gpt-nano trains."""

import json
import math
import random
import subprocess
import sys
from pathlib import Path

import pytest

from lmstudio_app.config import apply_overrides, load_preset
from lmstudio_app.engine.train.trainer import Trainer
from lmstudio_app.events import EvalMetrics, Finished, StepMetrics

ROOT = Path(__file__).resolve().parents[3]

SHRINK = ["model.d_model=64", "model.n_heads=4", "model.n_layers=2", "model.max_seq_len=64",
          "training.batch_size=16", "training.steps=150", "training.log_every=10", "training.eval_every=0",
          "training.probe_every=0", "training.checkpoint_every=0", "training.learning_rate=2e-3",
          "training.warmup_steps=15", "tokenizer.vocab_size=1000"]


@pytest.mark.slow
@pytest.mark.parametrize("preset,extra", [
    ("gpt-nano", []),
    ("gpt-nano", ["objective.name=prefix-lm"]),
    ("bert-mini", ["objective.next_sentence_prediction=false"]),
    ("bert-mini", ["objective.whole_word_masking=true", "objective.next_sentence_prediction=false"]),
    ("t5-mini", ["model.n_decoder_layers=2"]),
    ("bart-mini", ["model.n_decoder_layers=2"]),
])
def test_each_objective_learns_on_its_tiny_preset(preset, extra, tmp_path):
    config = apply_overrides(load_preset(preset), SHRINK + extra)
    events = list(Trainer(config, tmp_path / "run").events())
    assert isinstance(events[-1], Finished), events[-1]
    curve = [e.metrics["loss"] for e in events if isinstance(e, StepMetrics)]
    assert curve[-1] < curve[0] - 0.75, curve  # nats: well past noise, as far as a unigram model gets


def topic_corpus(path: Path) -> None:
    """Paragraphs that each stay on one topic: whether B continues A is learnable from the topic words."""
    rng = random.Random(0)
    topics = ["river", "engine", "garden", "planet", "violin", "harbor", "forest", "market", "castle", "desert",
              "glacier", "library", "theater", "orchard", "canyon", "bridge"]
    verbs = ["shines", "waits", "grows", "moves", "rests", "sings", "turns", "falls"]
    paragraphs = []
    for _ in range(600):
        topic = rng.choice(topics)
        sentences = [f"The {topic} {rng.choice(verbs)} near the {topic}." for _ in range(rng.randint(3, 6))]
        paragraphs.append(" ".join(sentences))
    path.write_text("\n\n".join(paragraphs))


@pytest.mark.slow
def test_next_sentence_prediction_rises_above_chance(tmp_path):
    corpus = tmp_path / "topics.txt"
    topic_corpus(corpus)
    config = apply_overrides(load_preset("bert-mini"), SHRINK + [
        "data.corpus=files", f"data.paths=['{corpus}']", "tokenizer.vocab_size=200", "training.steps=300",
        "training.eval_every=300", "training.eval_batches=16", "training.learning_rate=1e-3"])
    events = list(Trainer(config, tmp_path / "run").events())
    evaluation = [e for e in events if isinstance(e, EvalMetrics)][-1]
    # 256 held-out pairs: chance is 0.5 with a standard deviation of about 0.03.
    assert evaluation.metrics["nsp_accuracy"] > 0.6, evaluation.metrics


@pytest.mark.slow
def test_gpt_nano_trains_from_the_cli_and_validation_loss_falls(tmp_path):
    result = subprocess.run([sys.executable, "-m", "lmstudio_app", "train", "gpt-nano", "--out", str(tmp_path / "run"),
                             "--set", "training.steps=400"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    lines = [json.loads(x) for x in (tmp_path / "run" / "metrics.jsonl").read_text().splitlines()]
    validation = [x["loss"] for x in lines if x["split"] == "validation"]
    vocab = json.loads((tmp_path / "run" / "tokenizer.json").read_text())
    uniform = math.log(len(vocab["model"]["vocab"]))
    assert validation[-1] < 0.6 * uniform, (validation, uniform)
    assert validation[-1] < validation[0]


@pytest.mark.slow
def test_gpt_zh_mini_falls_well_below_the_character_unigram_entropy(tmp_path):
    """A character decoder on the People's Daily learns more than how often each character occurs."""
    import collections
    import unicodedata

    from lmstudio_app.engine.data.chinese import zh_news

    counts = collections.Counter()
    for document in zh_news():
        counts.update(unicodedata.normalize("NFKC", document.text))
    total = sum(counts.values())
    unigram = -sum(c / total * math.log(c / total) for c in counts.values())  # nats per character: ~6.5
    config = apply_overrides(load_preset("gpt-zh-mini"), [
        "training.steps=300", "training.eval_every=300", "training.eval_batches=10", "training.probe_every=0",
        "training.checkpoint_every=0", "training.learning_rate=2e-3", "training.warmup_steps=30"])
    events = list(Trainer(config, tmp_path / "run").events())
    assert isinstance(events[-1], Finished), events[-1]
    validation = [e for e in events if isinstance(e, EvalMetrics)][-1].metrics["loss"]
    print(f"unigram entropy {unigram:.3f} nats, gpt-zh-mini validation loss {validation:.3f}")
    assert validation < unigram - 0.8, (validation, unigram)  # measured here: 5.46 against 6.54
