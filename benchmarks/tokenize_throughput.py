"""Tokenization throughput on the python-source corpus (tens of MB), per tokenizer kind.

Run: .venv/bin/python benchmarks/tokenize_throughput.py [--kinds byte-bpe,char]
Reports MB/s for reading+tokenizing+writing the cache (tokenizer training excluded)
and the process's peak resident memory, which stays bounded (the corpus is streamed).
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time

from lmstudio_app.config import ExperimentConfig, apply_overrides
from lmstudio_app.engine.data import cache
from lmstudio_app.engine.data.prepare import obtain_tokenizer, plan_corpus


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kinds", default="byte-bpe,char,wordpiece")
    args = parser.parse_args()
    os.environ.setdefault("LMSTUDIO_HOME", tempfile.mkdtemp(prefix="lmstudio-bench-"))
    for kind in args.kinds.split(","):
        config = apply_overrides(ExperimentConfig(), [
            "data.corpus=python-source", f"tokenizer.kind={kind}", "tokenizer.vocab_size=8000"])
        plan = plan_corpus(config)
        started = time.perf_counter()
        tokenizer = obtain_tokenizer(config, plan)
        trained = time.perf_counter() - started
        key = cache.cache_key(plan.scan.fingerprint, plan.held_out, tokenizer)
        started = time.perf_counter()
        result = cache.load_or_build(key, plan.corpus.documents(), plan.held_out, tokenizer)
        seconds = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        tokens = result.splits["train"].num_tokens + result.splits["validation"].num_tokens
        megabytes = plan.scan.bytes / 1e6
        print(f"{kind:>10}: {megabytes:.1f} MB -> {tokens:,} tokens in {seconds:.1f} s = "
              f"{megabytes / seconds:.2f} MB/s (tokenizer training {trained:.1f} s); "
              f"peak resident memory so far {peak / 1e6:.0f} MB")


if __name__ == "__main__":
    main()
