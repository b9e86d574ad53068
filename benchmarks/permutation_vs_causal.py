"""Permutation LM (XLNet) against causal LM on the same corpus, model, steps and batches.

Both train gpt-nano's shape on its corpus; each is then evaluated its own way on the
same held-out windows: CLM predicts every next token from the ones before it, PLM
predicts the last ``predict_fraction`` of a random factorisation order from the
tokens before them in that order (on average half the sequence, from both sides).
The unigram entropy of the training split is the bar both must clear.

Run: .venv/bin/python benchmarks/permutation_vs_causal.py [--steps 1000] [--fractions 0.15,0.5]
"""

from __future__ import annotations

import argparse
import tempfile
import time

import numpy as np

from lmstudio_app.config import apply_overrides, load_preset
from lmstudio_app.engine.train.trainer import Trainer


def train(objective: str, steps: int, fraction: float, folder: str) -> tuple[float, float, float]:
    """(validation loss, unigram entropy of the training split, seconds)."""
    config = apply_overrides(load_preset("gpt-nano"), [
        f"objective.name={objective}", f"objective.predict_fraction={fraction}", "model.max_seq_len=64",
        "training.batch_size=16", f"training.steps={steps}", f"training.eval_every={steps}",
        "training.eval_batches=16", "training.probe_every=0", "training.checkpoint_every=0",
        "training.learning_rate=2e-3", f"training.warmup_steps={steps // 10}"])
    started = time.perf_counter()
    trainer = Trainer(config, folder)
    finished = list(trainer.events())[-1]
    counts = np.bincount(np.asarray(trainer.data.train.tokens, dtype=np.int64)).astype(float)
    shares = counts[counts > 0] / counts.sum()
    return finished.final_metrics["loss"], float(-(shares * np.log(shares)).sum()), time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--steps", type=int, default=1000)
    parser.add_argument("--fractions", default="0.15,0.5", help="plm predict_fraction values to try")
    args = parser.parse_args()
    print(f"{'objective':<22}{'validation loss':>16}{'unigram':>10}{'seconds':>9}")
    with tempfile.TemporaryDirectory() as folder:
        runs = [("clm", 0.15)] + [("plm", float(f)) for f in args.fractions.split(",")]
        for index, (objective, fraction) in enumerate(runs):
            loss, unigram, seconds = train(objective, args.steps, fraction, f"{folder}/{index}")
            label = objective if objective == "clm" else f"plm, predict {fraction:g}"
            print(f"{label:<22}{loss:>16.3f}{unigram:>10.3f}{seconds:>9.0f}", flush=True)


if __name__ == "__main__":
    main()
