"""What every pretraining objective's engine side answers: it turns tokenized text into batches, defines its
loss, draws its attention mask for the gallery, and adds to the model what its pretraining needs. Each objective
is one module beside this one, registered in this package's ``ENGINES`` under its descriptor's name
(config/objectives.py).

An objective draws examples with a numpy ``Generator`` the caller seeds (one
per step, so a resumed run draws the same batches) and computes its loss and
metrics as tensors, leaving device syncs to the logging code.
"""

from __future__ import annotations

import contextlib
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import ClassVar

import numpy as np
import torch
import torch.nn.functional as F
from torch import Tensor

from lmstudio_app.config import error_messages as refusals
from lmstudio_app.config.messages import Message, Template
from lmstudio_app.config.objectives import LM_HEAD, ObjectiveSpec
from lmstudio_app.config.schema import ExperimentConfig, ObjectiveConfig
from lmstudio_app.engine.data.cache import TokenizedSplit
from lmstudio_app.engine.data.tokenizer import TextTokenizer
from lmstudio_app.engine.model.attention import padding_allowed
from lmstudio_app.engine.model.transformer import Stack, Transformer
from lmstudio_app.engine.objectives.batch import (
    IGNORE,
    Batch,
    Example,
    collate,
    example_rngs,
)
from lmstudio_app.engine.objectives.sampling import require_tokens

Metrics = dict[str, Tensor]
EVAL_STREAM = 1_000_003  # keeps validation batches apart from training batches of the same seed


@dataclass
class Evaluation:
    metrics: dict[str, float]
    confusion: list[list[int]] | None = None  # rows: true class, columns: predicted
    labels: list[str] | None = None
    predictions: list | None = None  # per example in split order: a label, or a tag per labelled token


def token_loss(logits: Tensor, labels: Tensor) -> tuple[Tensor, Tensor]:
    """Mean cross-entropy and accuracy over labelled positions (zero labelled positions give 0)."""
    labels = labels.reshape(-1)
    logits = logits.reshape(labels.numel(), -1).float()
    labelled = labels != IGNORE
    count = labelled.sum().clamp_min(1)
    loss = F.cross_entropy(logits, labels, ignore_index=IGNORE, reduction="sum") / count
    accuracy = ((logits.argmax(-1) == labels) & labelled).sum() / count
    return loss, accuracy


@dataclass(frozen=True)
class GalleryMask:
    """An objective's attention mask as the gallery draws it: which positions (columns) each (row) may see."""

    title: Template
    explanation: Message
    allowed: Tensor  # (1, 1, T, T) boolean


@dataclass(frozen=True)
class ModelParts:
    """The builder's own parts, handed to an objective that adds to the model, so it builds as the model does."""

    stack: Callable[..., Stack]  # (ModelConfig, n_layers=, causal=, cross_attention=, segments=) → a stack


def padding_allowed_picture(length: int) -> Tensor:
    """Every real token sees every real token; the last two positions are padding."""
    real = torch.tensor([[1] * (length - 2) + [0] * 2])
    return padding_allowed(real).expand(1, 1, length, length)


class Objective(ABC):
    spec: ClassVar[ObjectiveSpec]  # the descriptor it implements; task objectives (fine-tuning) have none
    target_len: int | None = None  # decoder length of encoder-decoder objectives
    perplexity_metric: str | None = "loss"  # the token-level loss whose exp is the perplexity

    @property
    def name(self) -> str:
        return self.spec.name

    def __init__(self, config: ObjectiveConfig, tokenizer: TextTokenizer, seq_len: int):
        self.config = config
        self.tokenizer = tokenizer
        self.special = tokenizer.special
        self.seq_len = seq_len

    @abstractmethod
    def example(self, split: TokenizedSplit, rng: np.random.Generator) -> Example:
        """One corrupted example with its targets."""

    def preview_example(self, split: TokenizedSplit, rng: np.random.Generator) -> Example:
        """The example the inspector shows: the training example, unless part of the corruption happens in the
        model (ELECTRA's generator), which the example then shows with a stand-in its notes name."""
        return self.example(split, rng)

    @abstractmethod
    def loss(self, model: Transformer, batch: Batch) -> tuple[Tensor, Metrics]:
        """The loss to minimise and the metrics to log (tensors, no device sync)."""

    def check(self, split: TokenizedSplit) -> None:
        """Raise ``DataError`` when the split cannot feed this objective."""
        require_tokens(split, self.seq_len + 1, refusals.A_SEQUENCE)

    @torch.no_grad()
    def evaluate(self, model: Transformer, split, *, batch_size: int, batches: int, seed: int,
                 autocast=contextlib.nullcontext) -> Evaluation:
        """Mean metrics over a fixed set of held-out batches (the same ones at every evaluation)."""
        device = next(model.parameters()).device
        sums: dict[str, Tensor] = {}
        for batch in self.evaluation_batches(split, batch_size=batch_size, batches=batches, seed=seed):
            with autocast():
                _, values = self.loss(model, batch.to(device))
            for name, value in values.items():
                sums[name] = sums.get(name, 0) + value.float()
        names = sorted(sums)
        return Evaluation(dict(zip(names, (torch.stack([sums[n] for n in names]) / batches).tolist())))

    def evaluation_batches(self, split, *, batch_size: int, batches: int, seed: int,
                           piece: int | None = None) -> Iterator[Batch]:
        """The held-out batches every evaluation (and the n-gram baselines) score: the same ones each time. With
        ``piece``, each batch comes in consecutive pieces of at most that many of its examples (the same examples:
        each has its own generator), for work that reads their tokens and need not hold a large batch at once."""
        size = piece or batch_size
        for index in range(batches):
            for start in range(0, batch_size, size):
                yield self.batch(split, example_rngs(seed, EVAL_STREAM, index,
                                                     indices=range(start, min(start + size, batch_size))))

    def batch(self, split: TokenizedSplit, rngs: Iterable[np.random.Generator]) -> Batch:
        """One example per generator, padded into a batch."""
        examples = [self.example(split, rng) for rng in rngs]
        return collate(examples, self.seq_len, self.special.pad, self.target_len)

    def _lm_loss(self, model: Transformer, batch: Batch) -> tuple[Tensor, Metrics]:
        hidden = model(**batch.model_inputs()).hidden
        loss, accuracy = token_loss(model.heads[LM_HEAD](hidden), batch.labels)
        return loss, {"loss": loss.detach(), "accuracy": accuracy}

    @classmethod
    def extend_model(cls, model: Transformer, config: ExperimentConfig, parts: ModelParts) -> None:
        """Add what pretraining with this objective needs beyond the stacks and the heads its descriptor names
        (before the weights are initialised); what it adds, its descriptor's ``parameters`` counts."""

    @classmethod
    def mask_picture(cls, length: int, example_ranks: list[int] | None) -> GalleryMask | None:
        """Its attention mask for ``length`` tokens in the mask gallery (``example_ranks``: the factorisation order
        of the example the inspector shows, where the objective has one); None draws nothing."""
        return None

