"""Prefix language modelling: a bidirectional prefix, then causal prediction of the rest."""

from __future__ import annotations

import numpy as np
import torch

from lmstudio_app.config import engine_messages as say
from lmstudio_app.config.messages import Message
from lmstudio_app.config.objectives import PREFIX_LM
from lmstudio_app.engine.data.cache import TokenizedSplit
from lmstudio_app.engine.objectives.batch import IGNORE, Example, Tag
from lmstudio_app.engine.objectives.objectives import GalleryMask, Objective
from lmstudio_app.engine.model.attention import prefix_allowed
from lmstudio_app.engine.objectives.causal import CausalLM

class PrefixLM(CausalLM):
    """Attend bidirectionally within a prefix, causally after it; only the suffix carries loss."""

    spec = PREFIX_LM
    batch = Objective.batch  # its examples differ from CausalLM's: built one by one

    def example(self, split: TokenizedSplit, rng: np.random.Generator) -> Example:
        example = super().example(split, rng)
        if self.config.prefix_fraction:
            prefix = max(1, int(self.config.prefix_fraction * self.seq_len))
        else:
            prefix = int(rng.integers(1, self.seq_len))
        # Position t predicts token t+1; inside the prefix that token is visible, so no loss there.
        example.labels[: prefix - 1] = IGNORE
        example.input_tags[:prefix] = Tag.PREFIX
        example.prefix_length = prefix
        return example

    @classmethod
    def mask_picture(cls, length: int, example_ranks: list[int] | None) -> GalleryMask:
        return GalleryMask(say.PREFIX_TITLE, Message(say.PREFIX_MASK), prefix_allowed(torch.tensor([3]), length))
