"""Span corruption (T5): spans become sentinels; the target lists each sentinel and its span."""

from __future__ import annotations

import numpy as np
from torch import Tensor

from lmstudio_app.config import engine_messages as say
from lmstudio_app.config import error_messages as refusals
from lmstudio_app.config.messages import Message
from lmstudio_app.config.objectives import SPAN_CORRUPTION
from lmstudio_app.config.schema import ObjectiveConfig
from lmstudio_app.engine.data.cache import TokenizedSplit
from lmstudio_app.engine.model.transformer import Transformer
from lmstudio_app.engine.objectives.batch import Batch, Example, Tag
from lmstudio_app.engine.objectives.objectives import GalleryMask, Metrics, Objective
from lmstudio_app.engine.data.tokenizer import TextTokenizer
from lmstudio_app.engine.objectives.objectives import padding_allowed_picture
from lmstudio_app.engine.objectives.sampling import random_partition, random_window, require_tokens
from lmstudio_app.errors import DataError

class SpanCorruption(Objective):
    """T5: random spans become sentinels in the input; the target lists each sentinel and its span."""

    spec = SPAN_CORRUPTION

    def __init__(self, config: ObjectiveConfig, tokenizer: TextTokenizer, seq_len: int):
        super().__init__(config, tokenizer, seq_len)
        self.framing = tokenizer.framing_for("encoder-decoder")  # the target as the decoder answers, its start
        if not self.special.sentinels:
            raise DataError(refusals.NO_SENTINELS)
        self.source_len = self._longest_source()
        self.target_len = self._lengths(self.source_len)[1]

    def _counts(self, length: int) -> tuple[int, int]:
        noise = min(max(int(round(length * self.config.noise_density)), 1), length - 1)
        spans = max(1, int(round(noise / self.config.mean_span_length)))
        return noise, min(spans, noise, length - noise, len(self.special.sentinels))

    def _lengths(self, length: int) -> tuple[int, int]:
        """(input, target) lengths for ``length`` source tokens, each with its EOS."""
        noise, spans = self._counts(length)
        return length - noise + spans + 1, noise + spans + 1

    def _longest_source(self) -> int:
        length = self.seq_len
        while self._lengths(length + 1)[0] <= self.seq_len:
            length += 1
        while length > 2 and self._lengths(length)[0] > self.seq_len:
            length -= 1
        return length

    def check(self, split: TokenizedSplit) -> None:
        require_tokens(split, self.source_len, refusals.A_SOURCE_WINDOW)

    def noise_mask(self, length: int, rng: np.random.Generator) -> np.ndarray:
        noise, spans = self._counts(length)
        noise_lengths = random_partition(noise, spans, rng)
        plain_lengths = random_partition(length - noise, spans, rng)
        runs = np.stack([plain_lengths, noise_lengths], axis=1).reshape(-1)  # plain, noise, plain, noise, …
        return np.repeat(np.tile([False, True], spans), runs)

    def example(self, split: TokenizedSplit, rng: np.random.Generator) -> Example:
        s = self.special
        original = random_window(split, rng, self.source_len)
        noise = self.noise_mask(len(original), rng)
        span_starts = noise & ~np.concatenate([[False], noise[:-1]])
        span_index = np.cumsum(span_starts) - 1
        sentinels = np.asarray(s.sentinels, dtype=np.int64)
        # Input: plain tokens, each span collapsed to its sentinel. Target: each sentinel followed by its span.
        keep = ~noise | span_starts
        inputs = np.where(span_starts, sentinels[span_index], original)[keep]
        tags = np.where(span_starts, Tag.SENTINEL, Tag.PLAIN)[keep].astype(np.int8)
        target = np.concatenate([[sentinels[span_index[i]], original[i]] if span_starts[i] else [original[i]]
                                 for i in np.flatnonzero(noise)]).astype(np.int64)
        inputs = np.concatenate([inputs, [s.eos]])
        tags = np.concatenate([tags, [Tag.SPECIAL]]).astype(np.int8)
        target = np.array(self.framing.frame(target.tolist(), limit=self.target_len).ids)
        return Example(inputs, target, tags, original=original,
                       decoder_input_ids=np.concatenate([[self.framing.decoder_start], target[:-1]]))

    def loss(self, model: Transformer, batch: Batch) -> tuple[Tensor, Metrics]:
        return self._lm_loss(model, batch)

    @classmethod
    def mask_picture(cls, length: int, example_ranks: list[int] | None) -> GalleryMask:
        return GalleryMask(say.CROSS_TITLE, Message(say.CROSS_MASK), padding_allowed_picture(length))
