"""Permutation language modelling (XLNet) and its two-stream query path."""

from __future__ import annotations

import numpy as np
import torch
from torch import Tensor, nn

from lmstudio_app.config import engine_messages as say
from lmstudio_app.config import error_messages as refusals
from lmstudio_app.config.messages import Message
from lmstudio_app.config.objectives import PLM
from lmstudio_app.config.schema import ExperimentConfig
from lmstudio_app.engine.data.cache import TokenizedSplit
from lmstudio_app.engine.model.transformer import Transformer
from lmstudio_app.engine.objectives.batch import IGNORE, Batch, Example, Tag
from lmstudio_app.engine.objectives.objectives import GalleryMask, Metrics, ModelParts, Objective, token_loss
from lmstudio_app.engine.model.attention import permutation_allowed
from lmstudio_app.engine.objectives.sampling import random_window, require_tokens

GALLERY_ORDER_SEED = 3

class PermutationLM(Objective):
    """XLNet: sample a factorisation order per sequence and predict its last tokens, each from the tokens before
    it in that order (partial prediction). Two-stream attention (``Transformer.two_stream``) lets a predicted
    position know where it is without seeing its own token; the text itself stays in place."""

    spec = PLM

    def check(self, split: TokenizedSplit) -> None:
        require_tokens(split, self.seq_len, refusals.A_SEQUENCE)

    @property
    def predicted(self) -> int:
        """How many tokens of each sequence are predicted: at least one, and never all (the first in the order
        has nothing to be predicted from)."""
        return max(1, min(self.seq_len - 1, round(self.seq_len * self.config.predict_fraction)))

    def example(self, split: TokenizedSplit, rng: np.random.Generator) -> Example:
        window = random_window(split, rng, self.seq_len)
        order = rng.permutation(self.seq_len)  # order[r] = the position factorised r-th
        ranks = np.empty(self.seq_len, dtype=np.int64)
        ranks[order] = np.arange(self.seq_len)
        predicted = ranks >= self.seq_len - self.predicted
        labels = np.where(predicted, window, IGNORE)
        tags = np.where(predicted, Tag.TARGET, Tag.PLAIN).astype(np.int8)
        shown = " → ".join(str(p + 1) for p in order[:24]) + (" → …" if self.seq_len > 24 else "")
        notes = (Message(say.FACTORISATION_ORDER, {"order": shown}),
                 Message(say.PREDICTED_LAST, {"count": self.predicted}))
        return Example(window.copy(), labels, tags, original=window, permutation_ranks=ranks, notes=notes)

    def loss(self, model: Transformer, batch: Batch) -> tuple[Tensor, Metrics]:
        hidden = model.two_stream(batch.input_ids, batch.permutation_ranks).hidden  # (B, T, C): the query stream
        loss, accuracy = token_loss(model.heads["lm"](hidden), batch.labels)
        return loss, {"loss": loss.detach(), "accuracy": accuracy}

    @classmethod
    def extend_model(cls, model: Transformer, config: ExperimentConfig, parts: ModelParts) -> None:
        """XLNet's query stream starts from one learned vector: a predicted position knows where it is, not what
        it holds."""
        m = config.model
        model.query_start = nn.Parameter(torch.randn(m.d_model) * (m.init_std or m.d_model ** -0.5))

    @classmethod
    def mask_picture(cls, length: int, example_ranks: list[int] | None) -> GalleryMask:
        """The query stream's mask in a seeded order, or in the order of the example shown above it."""
        if example_ranks is None:
            order = np.random.default_rng(GALLERY_ORDER_SEED).permutation(length)
            ranks = torch.empty(1, length, dtype=torch.long)
            ranks[0, torch.from_numpy(order)] = torch.arange(length)
        else:
            ranks = torch.tensor([example_ranks])
            order = np.argsort(example_ranks)
        _, query = permutation_allowed(ranks)
        shown_order = " → ".join(str(p + 1) for p in order[:12]) + (" → …" if len(order) > 12 else "")
        explanation = say.QUERY_STREAM if example_ranks is None else say.QUERY_STREAM_OF_EXAMPLE
        return GalleryMask(say.PERMUTATION_TITLE, Message(explanation, {"order": shown_order}), query)
