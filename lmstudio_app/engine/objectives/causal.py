"""Causal language modelling (GPT): every next token from the tokens before it."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import torch
from torch import Tensor

from lmstudio_app.config import engine_messages as say
from lmstudio_app.config.messages import Message
from lmstudio_app.config.objectives import CLM
from lmstudio_app.engine.data.cache import TokenizedSplit
from lmstudio_app.engine.model.transformer import Transformer
from lmstudio_app.engine.objectives.batch import Batch, Example, Tag
from lmstudio_app.engine.objectives.objectives import GalleryMask, Metrics, Objective
from lmstudio_app.engine.model.attention import causal_allowed
from lmstudio_app.engine.objectives.sampling import random_window, window_start

class CausalLM(Objective):
    """Predict every next token from the tokens before it."""

    spec = CLM

    def example(self, split: TokenizedSplit, rng: np.random.Generator) -> Example:
        window = random_window(split, rng, self.seq_len + 1)
        tags = np.full(self.seq_len, Tag.TARGET, dtype=np.int8)
        return Example(window[:-1], window[1:].copy(), tags, original=window)

    def batch(self, split: TokenizedSplit, rngs: Iterable[np.random.Generator]) -> Batch:
        """The examples ``example`` draws, cut from the token array in one go: building them one by one cost
        a measurable share of a small model's step."""
        length = self.seq_len + 1
        starts = np.array([window_start(split, rng, length) for rng in rngs])
        windows = np.asarray(split.tokens[starts[:, None] + np.arange(length)], dtype=np.int64)  # (B, T + 1)
        return Batch(input_ids=torch.from_numpy(np.ascontiguousarray(windows[:, :-1])),
                     labels=torch.from_numpy(np.ascontiguousarray(windows[:, 1:])))

    def loss(self, model: Transformer, batch: Batch) -> tuple[Tensor, Metrics]:
        return self._lm_loss(model, batch)

    @classmethod
    def mask_picture(cls, length: int, example_ranks: list[int] | None) -> GalleryMask:
        return GalleryMask(say.CAUSAL_TITLE, Message(say.CAUSAL_MASK), causal_allowed(length, torch.device("cpu")))
