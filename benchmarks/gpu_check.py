"""The CUDA paths in a few minutes: precisions, GradScaler, torch.compile, the KV cache, memory, speed.

On a CUDA machine: each family trains a few steps in fp32, bf16 and fp16 (with the
gradient scaler) from the same seed; the mixed-precision losses must follow
fp32's within a tolerance. gpt-nano then trains once more under torch.compile,
generation is checked with and without the key/value cache, the memory estimate
is compared with the allocator's peak, and tokens/s and MFU are printed.
Exit code 0 when every check holds, 1 otherwise.

Run on a GPU machine:  bash benchmarks/gpu_check.sh        (or: python benchmarks/gpu_check.py)
Smoke-run on a CPU:    python benchmarks/gpu_check.py --device cpu   (fp16 and compile are left out)
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time

import torch

from lmstudio_app.config import apply_overrides, load_preset
from lmstudio_app.config.model_stats import memory_estimate, training_flops_per_token
from lmstudio_app.engine.generate import generate_ids
from lmstudio_app.engine.train.trainer import Trainer
from lmstudio_app.events import Failed, Started, StepMetrics

FAMILIES = {"decoder": "gpt-nano", "encoder": "bert-mini", "encoder-decoder": "t5-mini"}
PEAK_TFLOPS = {"H200": 989.0, "H100": 989.0, "A100": 312.0, "L40S": 362.0, "A10": 125.0, "4090": 165.0,
               "3090": 71.0, "V100": 125.0, "T4": 65.0}  # dense bf16/fp16 tensor-core peaks
LOSS_TOLERANCE = 0.05  # relative difference of the first steps' mean loss from fp32


def train(preset: str, device: str, precision: str, steps: int, *extra: str) -> tuple[list[float], float, object]:
    """(per-step losses, median tokens/s after warm-up, the trainer)."""
    config = apply_overrides(load_preset(preset), [
        f"training.device={device}", f"training.precision={precision}", f"training.steps={steps}",
        "training.log_every=1", "training.eval_every=0", "training.probe_every=0", "training.checkpoint_every=0",
        "model.embedding_dropout=0.0", "model.attention_dropout=0.0", "model.residual_dropout=0.0", *extra])
    trainer = Trainer(config, tempfile.mkdtemp(prefix="gpu-check-") + "/run")
    losses, rates = [], []
    for event in trainer.events():
        if isinstance(event, Failed):
            raise RuntimeError(f"{preset} {precision}: {event.message}")
        if isinstance(event, StepMetrics):
            losses.append(event.metrics["loss"])
            if event.step > 5:
                rates.append(event.tokens_per_second)
        if isinstance(event, Started):
            print(f"  {preset} {precision}: {event.device.english()}", flush=True)
    return losses, statistics.median(rates) if rates else 0.0, trainer


def peak_flops(device: str, override: float | None) -> float | None:
    if override:
        return override * 1e12
    if device != "cuda":
        return None
    name = torch.cuda.get_device_name()
    return next((tflops * 1e12 for key, tflops in PEAK_TFLOPS.items() if key in name), None)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--device", default="cuda", choices=("cuda", "cpu"))
    parser.add_argument("--steps", type=int, default=30)
    parser.add_argument("--peak-tflops", type=float, help="the device's peak (for MFU) when it is not in the table")
    args = parser.parse_args()
    if args.device == "cuda" and not torch.cuda.is_available():
        print("no CUDA device: run this on a GPU machine (or --device cpu for a smoke run)", file=sys.stderr)
        return 2
    os.environ.setdefault("LMSTUDIO_HOME", tempfile.mkdtemp(prefix="lmstudio-gpu-check-"))
    failures = []
    precisions = ["fp32", "bf16"] + (["fp16"] if args.device == "cuda" else [])
    peak = peak_flops(args.device, args.peak_tflops)
    print(f"{'preset':<12}{'precision':>10}{'first-steps loss':>18}{'vs fp32':>9}{'tokens/s':>12}{'MFU':>7}")
    for family, preset in FAMILIES.items():
        reference = None
        for precision in precisions:
            losses, rate, trainer = train(preset, args.device, precision, args.steps)
            first = statistics.fmean(losses[:5])
            reference = reference if reference is not None else first
            drift = abs(first - reference) / reference
            mfu = rate * training_flops_per_token(trainer.config) / peak if peak else float("nan")
            print(f"{preset:<12}{precision:>10}{first:>18.4f}{drift:>9.2%}{rate:>12,.0f}{mfu:>7.1%}", flush=True)
            if drift > LOSS_TOLERANCE:
                failures.append(f"{preset} {precision}: first-steps loss {first:.4f} vs fp32 {reference:.4f}")
    if args.device == "cuda":
        torch.cuda.reset_peak_memory_stats()
        started = time.perf_counter()
        _, rate, trainer = train("gpt-nano", "cuda", "bf16", args.steps, "training.compile=true")
        print(f"torch.compile: gpt-nano bf16 {rate:,.0f} tokens/s (run with compilation {time.perf_counter() - started:.0f} s)")
        for preset in FAMILIES.values():
            torch.cuda.reset_peak_memory_stats()
            _, _, trainer = train(preset, "cuda", "fp32", 8)
            estimate = memory_estimate(trainer.config)
            measured = torch.cuda.max_memory_allocated()
            ratio = (estimate.total - estimate.runtime) / measured
            print(f"memory: {preset} estimate {estimate.total / 1e6:.0f} MB (without the CPU runtime term "
                  f"{(estimate.total - estimate.runtime) / 1e6:.0f} MB), allocator peak {measured / 1e6:.0f} MB, "
                  f"ratio {ratio:.2f}")
            if not 0.75 <= ratio <= 1.25:
                failures.append(f"memory estimate of {preset} off by {ratio:.2f}")
    _, _, trainer = train("gpt-nano", args.device, "fp32", 4)
    model, tokenizer = trainer.model.eval(), trainer.data.tokenizer
    prompt = tokenizer.encode("The for statement")
    tokens = {cache: [t.token_id for t in generate_ids(model, tokenizer, prompt, max_new_tokens=200, temperature=0.0,
                                                      use_cache=cache)] for cache in (False, True)}
    if tokens[True] != tokens[False]:
        failures.append("greedy tokens with the key/value cache differ from recomputation")
    print(f"KV cache: greedy tokens {'equal' if tokens[True] == tokens[False] else 'DIFFER'} over 200 tokens")
    for failure in failures:
        print(f"FAILED: {failure}", file=sys.stderr)
    print("all checks passed" if not failures else f"{len(failures)} check(s) failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
