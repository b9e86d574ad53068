"""Generation speed with and without the key/value cache, interleaved in one run.

Each preset's architecture with fresh weights (speed does not depend on what a
model learned) decodes 256 tokens greedily after a short prompt, at its own
context and at a longer one, through the engine's ``Decoding`` (what the
playground's generation runs on). It never stops at an end-of-text token: a
fresh model may choose one at any step, and a run cut short would measure the
prompt's cost instead of the decoding's. Runs alternate between the two paths
and the medians are compared.
Run: .venv/bin/python benchmarks/generation.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import statistics
import time

import torch

from lmstudio_app.config import TokenizerConfig, apply_overrides, load_preset
from lmstudio_app.engine.data.tokenizer import train_tokenizer
from lmstudio_app.engine.generate import Decoding
from lmstudio_app.engine.build import build_model

CASES = [("gpt-nano", 64), ("gpt-nano", 256), ("nanogpt-shakespeare-cpu", 64), ("nanogpt-shakespeare-cpu", 256),
         ("t5-mini", 64)]


@torch.inference_mode()
def tokens_per_second(model, tokenizer, use_cache: bool, tokens: int = 256) -> float:
    started = time.perf_counter()
    memory = None
    prompt = tokenizer.encode("The for statement")
    if model.family == "encoder-decoder":
        memory = model.encode(torch.tensor([prompt])).hidden
        prompt = [tokenizer.special.bos]
    decoding = Decoding(model, [prompt], memory, use_cache=use_cache)
    for _ in range(tokens):
        decoding.append([int(decoding.logits[0].argmax())])
    return tokens / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    tokenizer = train_tokenizer(TokenizerConfig(kind="char", vocab_size=200, min_frequency=1),
                                ["The for statement iterates over the items of any sequence. " * 40])
    print(f"{'preset':<26}{'context':>8}{'no cache tok/s':>16}{'cache tok/s':>13}{'speed-up':>10}")
    for preset, context in CASES:
        config = apply_overrides(load_preset(preset), [f"model.max_seq_len={context}",
                                                       f"model.vocab_size={tokenizer.vocab_size}"])
        torch.manual_seed(0)
        model = build_model(config).eval()
        rates: dict[bool, list[float]] = {False: [], True: []}
        tokens_per_second(model, tokenizer, True, 32)  # warm-up
        for _ in range(args.rounds):
            for use_cache in (False, True):
                rates[use_cache].append(tokens_per_second(model, tokenizer, use_cache))
        plain, cached = statistics.median(rates[False]), statistics.median(rates[True])
        print(f"{preset:<26}{context:>8}{plain:>16,.0f}{cached:>13,.0f}{cached / plain:>9.2f}×", flush=True)


if __name__ == "__main__":
    main()
