"""Does pretraining make fine-tuning need fewer labelled examples? A data-efficiency sweep, measured.

A small bert-mini is pretrained (masked LM) on python-docstrings, then fine-tuned on the 8-way
docstring-family task from that checkpoint and from scratch at each training-set size, with the same
validation examples, seed and number of steps (``compare-init --examples``). Prints the final validation
accuracy by size and start.

Run: .venv/bin/python benchmarks/data_efficiency.py [--pretrain-steps 800] [--steps 200] [--sizes 50,100,300,1000,all]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from lmstudio_app.config import apply_overrides, load_preset
from lmstudio_app.engine.application.compare import data_efficiency, sweep_table
from lmstudio_app.engine.train.trainer import Trainer

SHAPE = ["model.d_model=64", "model.n_heads=4", "model.n_layers=2", "model.max_seq_len=64",
         "tokenizer.vocab_size=1000", "training.batch_size=32", "training.probe_every=0",
         "training.checkpoint_every=0", "training.log_every=50", "training.layer_stats_every=0"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pretrain-steps", type=int, default=800)
    parser.add_argument("--steps", type=int, default=200)
    parser.add_argument("--sizes", default="50,100,300,1000,all")
    args = parser.parse_args()
    sizes = [0 if size == "all" else int(size) for size in args.sizes.split(",")]
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="lmstudio-sweep-") as folder:
        pretraining = apply_overrides(load_preset("bert-mini"), SHAPE + [
            "objective.next_sentence_prediction=false", f"training.steps={args.pretrain_steps}",
            "training.eval_every=0", "training.learning_rate=2e-3", "training.warmup_steps=40"])
        last = list(Trainer(pretraining, Path(folder) / "pretrained").events())[-1]
        assert last.reason == "completed", last
        task = apply_overrides(load_preset("bert-mini-docstring-family"), SHAPE + [
            f"training.steps={args.steps}", f"training.eval_every={args.steps}", "training.eval_batches=20",
            "training.learning_rate=1e-3", f"training.warmup_steps={args.steps // 10}"])
        *_, sweep = data_efficiency(task, Path(folder) / "pretrained", Path(folder) / "sweep", sizes)
        print(sweep_table(sweep))
    print(f"({args.pretrain_steps} pretraining steps, {args.steps} fine-tuning steps per run, "
          f"{time.perf_counter() - started:.0f} s in all)")


if __name__ == "__main__":
    main()
