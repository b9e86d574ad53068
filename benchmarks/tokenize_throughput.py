"""Tokenized-corpus build against the tokenizers library's own encode_batch, on the same text.

Reads python-source documents into memory once (reading files is not what is
compared), then alternates: the library's `encode_batch` over the documents
(ids read out, nothing written), and our cache build over the same documents
(sentence split, encode, write the token files, checksum). Reports MB/s of
both, their ratio, and the peak resident memory (the build streams; memory
stays bounded by the batch size, not the corpus).

Run: .venv/bin/python benchmarks/tokenize_throughput.py [--kinds byte-bpe,char,wordpiece] [--documents 600]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import tempfile
import time

from lmstudio_app.config import ExperimentConfig, apply_overrides
from lmstudio_app.engine.data import cache
from lmstudio_app.engine.data.prepare import obtain_tokenizer, plan_corpus


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--kinds", default="byte-bpe,char,wordpiece")
    parser.add_argument("--documents", type=int, default=600)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    os.environ.setdefault("LMSTUDIO_HOME", tempfile.mkdtemp(prefix="lmstudio-bench-"))
    print(f"{'tokenizer':>10}{'MB':>7}{'library MB/s':>14}{'ours MB/s':>11}{'ratio':>7}{'peak RSS':>10}")
    for kind in args.kinds.split(","):
        config = apply_overrides(ExperimentConfig(), [
            "data.corpus=python-source", f"tokenizer.kind={kind}", "tokenizer.vocab_size=8000",
            f"data.max_documents={args.documents}"])
        plan = plan_corpus(config)
        tokenizer = obtain_tokenizer(config, plan)
        documents = list(plan.corpus.documents())
        texts = [document.text for document in documents]
        megabytes = sum(len(text.encode()) for text in texts) / 1e6
        library, ours = [], []
        for _ in range(args.rounds):
            started = time.perf_counter()
            for start in range(0, len(texts), 200):
                [encoding.ids for encoding in tokenizer.backend.encode_batch(texts[start:start + 200],
                                                                             add_special_tokens=False)]
            library.append(megabytes / (time.perf_counter() - started))
            shutil.rmtree(cache.cache_root() / "benchmark", ignore_errors=True)
            started = time.perf_counter()
            cache.load_or_build("benchmark", iter(documents), plan.held_out, tokenizer)
            ours.append(megabytes / (time.perf_counter() - started))
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        theirs, mine = statistics.median(library), statistics.median(ours)
        print(f"{kind:>10}{megabytes:>7.1f}{theirs:>14.2f}{mine:>11.2f}{mine / theirs:>7.2f}{peak / 1e6:>8.0f} MB",
              flush=True)


if __name__ == "__main__":
    main()
