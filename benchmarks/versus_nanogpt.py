"""Training throughput against nanoGPT, side by side on this machine, at identical shapes.

Give it a nanoGPT checkout (public: github.com/karpathy/nanoGPT); it works in a
temporary copy, never in the checkout. Both train the same character-level data
(Python's language reference, encoded by our char tokenizer, written as
nanoGPT's train.bin/val.bin) with the same shape, batch, optimizer settings and
no dropout, each with its own defaults otherwise (nanoGPT: torch's default
threads; lmstudio: `lmstudio train` as a person runs it). Throughput is the
median of the logged intervals after warm-up. This machine's speed drifts from
minute to minute, so the two alternate for ``--repeats`` rounds and the ratio is
the median of the rounds' ratios (each round: theirs, then ours, back to back).

Run: .venv/bin/python benchmarks/versus_nanogpt.py /path/to/nanoGPT [--iters 300] [--repeats 3]
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from lmstudio_app.config import apply_overrides, load_preset, save_config
from lmstudio_app.engine.data.builtin import python_docs
from lmstudio_app.engine.data.tokenizer import TextTokenizer

SHAPES = {  # name: (layers, heads, width, context, batch)
    "tiny 2L/64, T64, B12": (2, 4, 64, 64, 12),
    "shakespeare recipe 4L/128, T64, B12": (4, 4, 128, 64, 12),
    "small 4L/128, T128, B32": (4, 4, 128, 128, 32),
}
WARMUP = 30  # iterations left out of the medians


def ours(shape, iters: int, folder: Path) -> tuple[float, float, Path]:
    """(median tokens/s, wall seconds, run folder) of `lmstudio train` on this shape."""
    layers, heads, width, context, batch = shape
    config = apply_overrides(load_preset("nanogpt-shakespeare-cpu"), [
        f"model.n_layers={layers}", f"model.n_heads={heads}", f"model.d_model={width}",
        f"model.max_seq_len={context}", f"training.batch_size={batch}", "model.bias=false",
        f"training.steps={iters}", "training.eval_every=0", "training.probe_every=0", "training.checkpoint_every=0",
        "training.log_every=10", f"training.warmup_steps={warmup(iters)}"])
    save_config(config, folder / "ours.toml")
    folder.mkdir(parents=True, exist_ok=True)
    run_dir = folder / f"run-{layers}-{width}-{context}-{batch}"
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "lmstudio_app", "train", str(folder / "ours.toml"), "--out", str(run_dir)],
                   check=True, capture_output=True)
    wall = time.perf_counter() - started
    rows = [json.loads(line) for line in (run_dir / "metrics.jsonl").read_text().splitlines()]
    rates = [row["tokens_per_second"] for row in rows if row["split"] == "train" and row["step"] > WARMUP]
    return statistics.median(rates), wall, run_dir


def nanogpt_data(copy: Path, run_dir: Path) -> None:
    """Our corpus, encoded by our run's tokenizer, as nanoGPT's dataset 'lmstudio'."""
    tokenizer = TextTokenizer.load(run_dir / "tokenizer.json")
    ids = np.array([i for doc in python_docs() for i in tokenizer.encode(doc.text) + [tokenizer.special.eos]],
                   dtype=np.uint16)
    data = copy / "data" / "lmstudio"
    data.mkdir(parents=True, exist_ok=True)
    cut = int(0.9 * len(ids))
    ids[:cut].tofile(data / "train.bin")
    ids[cut:].tofile(data / "val.bin")
    with open(data / "meta.pkl", "wb") as handle:
        pickle.dump({"vocab_size": tokenizer.vocab_size}, handle)


def warmup(iters: int) -> int:
    """Both warm up alike, and nanoGPT's schedule divides by lr_decay_iters - warmup_iters at its last
    iteration: with warmup = iters (--iters 100 or fewer) it raised ZeroDivisionError."""
    return min(100, iters - 1)


def theirs(copy: Path, shape, iters: int) -> tuple[float, float]:
    layers, heads, width, context, batch = shape
    started = time.perf_counter()
    result = subprocess.run([
        sys.executable, "train.py", "config/train_shakespeare_char.py", "--dataset=lmstudio", "--device=cpu",
        "--compile=False", "--dtype=float32", "--eval_interval=1000000", "--eval_iters=1", "--log_interval=10",
        f"--max_iters={iters}", f"--lr_decay_iters={iters}", f"--warmup_iters={warmup(iters)}", "--dropout=0.0",
        "--bias=False", f"--n_layer={layers}", f"--n_head={heads}", f"--n_embd={width}", f"--block_size={context}",
        f"--batch_size={batch}", "--always_save_checkpoint=False", f"--out_dir={copy / 'out'}"],
        cwd=copy, check=True, capture_output=True, text=True)
    wall = time.perf_counter() - started
    times = [(int(step), float(ms)) for step, ms in re.findall(r"iter (\d+): loss [\d.]+, time ([\d.]+)ms",
                                                               result.stdout)]
    rates = [batch * context / (ms / 1000) for step, ms in times if step > WARMUP]
    return statistics.median(rates), wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("nanogpt", type=Path, help="a nanoGPT checkout")
    parser.add_argument("--iters", type=int, default=300)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    if not (args.nanogpt / "train.py").is_file():
        sys.exit(f"error: {args.nanogpt}: not a nanoGPT checkout (no train.py)")
    os.environ.setdefault("LMSTUDIO_HOME", tempfile.mkdtemp(prefix="lmstudio-versus-"))
    with tempfile.TemporaryDirectory(prefix="versus-nanogpt-") as scratch:
        folder = Path(scratch)
        copy = folder / "nanoGPT"
        shutil.copytree(args.nanogpt, copy, ignore=shutil.ignore_patterns(".git", "assets"))
        print(f"{args.iters} iterations per run, {args.repeats} rounds, CPU, {os.cpu_count()} cores; "
              f"tokens/s = median after {WARMUP} steps")
        print(f"{'shape':<38}{'nanoGPT tok/s':>15}{'lmstudio tok/s':>16}{'ratio':>8}{'rounds':>22}")
        for name, shape in SHAPES.items():
            rounds = []
            for attempt in range(args.repeats):
                if attempt == 0:
                    _, _, run_dir = ours(shape, args.iters, folder)
                    nanogpt_data(copy, run_dir)
                their_rate, _ = theirs(copy, shape, args.iters)
                our_rate, _, run_dir = ours(shape, args.iters, folder / f"round-{attempt}")
                rounds.append((their_rate, our_rate))
            ratios = [our / their for their, our in rounds]
            print(f"{name:<38}{statistics.median(t for t, _ in rounds):>15,.0f}"
                  f"{statistics.median(o for _, o in rounds):>16,.0f}{statistics.median(ratios):>8.2f}"
                  f"{'  ' + ' '.join(f'{r:.2f}' for r in ratios):>22}", flush=True)


if __name__ == "__main__":
    main()
