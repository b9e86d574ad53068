"""What a person asks of a trained model: generate, fill masks, classify or tag, probe attention.

Plain frozen dataclasses (no torch, no Qt), so the window's views can build
them and the command line can parse into them; the engine's application layer
answers them. Option ranges live here once: requests check themselves and the
window's controls take their limits from these tables.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from lmstudio_app.config import error_messages as refusals
from lmstudio_app.config.messages import NOT_A_CHOICE, problem
from lmstudio_app.config.schema import MAX_SEED
from lmstudio_app.errors import ConfigError

GENERATION_LIMITS = {  # option: (smallest, largest) allowed value
    "max_tokens": (1, 100_000),
    "temperature": (0.0, 100.0),  # 0 = always the most likely token
    "top_k": (0, 1_000_000),  # 0 = no limit
    "top_p": (0.001, 1.0),
}
FILL_MASK_LIMITS = {"top_k": (1, 1000)}
HEAD_IMPORTANCE_LIMITS = {"batches": (0, 100_000)}
ATTENTION_KINDS = ("encoder", "decoder", "cross")


def _check(request, limits: dict[str, tuple[float, float]]) -> None:
    problems = []
    for name, (low, high) in limits.items():
        value = getattr(request, name)
        if isinstance(value, float) and not math.isfinite(value) or not low <= value <= high:
            problems.append(problem(name.replace("_", "-"), refusals.OUTSIDE, value=value, low=low, high=high))
    if problems:
        raise ConfigError(problems)


@dataclass(frozen=True)
class Generate:
    prompt: str
    max_tokens: int = 200
    temperature: float = 0.8
    top_k: int = 0
    top_p: float = 1.0
    seed: int | None = None  # None: a different sample every time

    def __post_init__(self):
        _check(self, GENERATION_LIMITS | ({} if self.seed is None else {"seed": (0, MAX_SEED)}))


@dataclass(frozen=True)
class FillMasks:
    text: str  # with one or more [MASK]
    top_k: int = 5  # candidates shown per mask

    def __post_init__(self):
        _check(self, FILL_MASK_LIMITS)


@dataclass(frozen=True)
class Classify:
    text: str
    pair: str | None = None  # the second text of a pair-classification task


@dataclass(frozen=True)
class Probe:
    text: str


@dataclass(frozen=True)
class Stages:
    """One head's attention on ``text``, step by step: scores, scaling, mask, softmax, what it contributes."""

    text: str
    kind: str  # "encoder", "decoder" (self-attention) or "cross"
    layer: int  # from 0
    head: int  # from 0

    def __post_init__(self):
        if self.kind not in ATTENTION_KINDS:
            raise ConfigError(problem("kind", NOT_A_CHOICE, value=self.kind, choices=", ".join(ATTENTION_KINDS)))
        if self.layer < 0 or self.head < 0:
            raise ConfigError(problem("", refusals.COUNT_FROM_ONE))


@dataclass(frozen=True)
class Positions:
    """How the model encodes positions: its table, bias or rotation, and which positions look alike."""


@dataclass(frozen=True)
class Representations:
    """Each layer's hidden states in 2-D and the layers' similarity: a classifier's validation examples, or
    the tokens of ``text``."""

    text: str


@dataclass(frozen=True)
class ProbeLayers:
    """A linear probe per layer on a sentence classification dataset ("": the run's own task)."""

    dataset: str = ""
    max_examples: int = 2000  # examples to read (train + validation)


@dataclass(frozen=True)
class HeadImportance:
    """The validation loss with each attention head's output zeroed in turn, beside the whole model's: which
    heads the model needs (``HeadImportanceMeasured``)."""

    batches: int = 0  # validation batches per loss (0 = training.eval_batches; a fine-tune reads every example)

    def __post_init__(self):
        _check(self, HEAD_IMPORTANCE_LIMITS)


ModelRequest = (Generate | FillMasks | Classify | Probe | Stages | Positions | Representations | ProbeLayers
                | HeadImportance)
