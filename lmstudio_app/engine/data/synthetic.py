"""Algorithmic tasks generated from a seed: copy, reverse, sort, add.

Their right answers are known, and so is the attention that solves them
(reverse: the anti-diagonal), which makes them the app's attention demos.
Items are single letters or digits separated by spaces, so every tokenizer
gives one token per item.
"""

from __future__ import annotations

import random
import string
from collections.abc import Iterator

from lmstudio_app.engine.data.documents import Document

TASKS = ("copy", "reverse", "sort", "add")
SEPARATOR = " = "


def synthetic_pairs(task: str, count: int, max_length: int, seed: int) -> Iterator[tuple[str, str]]:
    """(source, target) pairs; the same arguments always give the same pairs."""
    rng = random.Random(f"{task}/{seed}")
    for _ in range(count):
        if task == "add":
            digits = max(1, (max_length - 1) // 2)
            a, b = rng.randrange(10 ** rng.randint(1, digits)), rng.randrange(10 ** rng.randint(1, digits))
            yield f"{' '.join(str(a))} + {' '.join(str(b))}", " ".join(str(a + b))
            continue
        items = [rng.choice(string.ascii_lowercase) for _ in range(rng.randint(3, max_length))]
        answer = {"copy": items, "reverse": items[::-1], "sort": sorted(items)}[task]
        yield " ".join(items), " ".join(answer)


def synthetic_documents(task: str, count: int, max_length: int, seed: int) -> Iterator[Document]:
    """Each pair written as one line of text, "source = target", for language-model objectives."""
    for index, (source, target) in enumerate(synthetic_pairs(task, count, max_length, seed)):
        yield Document(source + SEPARATOR + target, f"{task} #{index}")
