"""Denoising (BART): shuffled sentences, infilled spans; the decoder rebuilds the original."""

from __future__ import annotations

import math

import numpy as np
from torch import Tensor

from lmstudio_app.config import engine_messages as say
from lmstudio_app.config import error_messages as refusals
from lmstudio_app.config.messages import Message
from lmstudio_app.config.objectives import DENOISING
from lmstudio_app.config.schema import ObjectiveConfig
from lmstudio_app.engine.data.cache import TokenizedSplit
from lmstudio_app.engine.model.transformer import Transformer
from lmstudio_app.engine.objectives.batch import Batch, Example, Tag
from lmstudio_app.engine.objectives.objectives import GalleryMask, Metrics, Objective
from lmstudio_app.engine.data.tokenizer import TextTokenizer
from lmstudio_app.engine.objectives.objectives import padding_allowed_picture
from lmstudio_app.engine.objectives.sampling import document_of, require_tokens, sentence_run

class Denoising(Objective):
    """BART: sentences shuffled, Poisson-length spans each replaced by one [MASK]; rebuild the original."""

    spec = DENOISING

    def __init__(self, config: ObjectiveConfig, tokenizer: TextTokenizer, seq_len: int):
        super().__init__(config, tokenizer, seq_len)
        self.framing = tokenizer.framing_for("encoder-decoder")  # the target as the decoder answers, its start
        self.target_len = seq_len

    def check(self, split: TokenizedSplit) -> None:
        require_tokens(split, 2, refusals.A_DOCUMENT)

    def infill(self, ids: np.ndarray, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, list[int]]:
        """Text infilling: (inputs, tags, span lengths). Zero-length spans insert a [MASK]."""
        length = len(ids)
        to_mask = int(math.ceil(length * self.config.mask_ratio))
        spans: list[int] = []
        while sum(spans) < to_mask:
            spans.append(int(rng.poisson(self.config.poisson_lambda)))
        if spans:
            spans[-1] -= sum(spans) - to_mask
        kept = length - to_mask
        # Each span takes its own gap between kept tokens, so spans never merge.
        gaps = rng.choice(kept + 1, size=len(spans), replace=len(spans) > kept + 1)
        order = np.argsort(gaps, kind="stable")
        inputs, tags, position, span = [], [], 0, 0
        for gap in range(kept + 1):
            while span < len(order) and gaps[order[span]] == gap:
                size = spans[order[span]]
                inputs.append(self.special.mask)
                tags.append(Tag.MASKED if size else Tag.INSERTED)
                position += size
                span += 1
            if gap < kept:
                inputs.append(ids[position])
                tags.append(Tag.PLAIN)
                position += 1
        return np.asarray(inputs, dtype=np.int64), np.asarray(tags, dtype=np.int8), spans

    def example(self, split: TokenizedSplit, rng: np.random.Generator) -> Example:
        s = self.special
        first = int(rng.integers(0, len(split.sentences)))
        sentences = sentence_run(split, first, self.seq_len - 2)
        original = np.concatenate(sentences)
        order = np.arange(len(sentences))
        if self.config.permute_sentences and len(sentences) > 1:
            order = rng.permutation(len(sentences))
        shuffled = np.concatenate([sentences[i] for i in order])
        corrupted, tags, spans = self.infill(shuffled, rng)
        room = self.seq_len - 2  # inserted masks can make the input longer than the original
        inputs = np.concatenate([[s.bos], corrupted[:room], [s.eos]])
        tags = np.concatenate([[Tag.SPECIAL], tags[:room], [Tag.SPECIAL]]).astype(np.int8)
        target = np.array(self.framing.frame(original.tolist(), limit=self.target_len).ids)
        notes = [Message(say.DOCUMENT_SENTENCES, {"document": document_of(split, first), "count": len(sentences)}),
                 Message(say.INFILLED_SPANS, {"lengths": spans})]
        if len(sentences) > 1 and self.config.permute_sentences:
            notes.append(Message(say.SENTENCE_ORDER, {"order": order.tolist()}))
        return Example(inputs, target, tags, original=original,
                       decoder_input_ids=np.concatenate([[self.framing.decoder_start], target[:-1]]),
                       notes=tuple(notes))

    def loss(self, model: Transformer, batch: Batch) -> tuple[Tensor, Metrics]:
        return self._lm_loss(model, batch)

    @classmethod
    def mask_picture(cls, length: int, example_ranks: list[int] | None) -> GalleryMask:
        return GalleryMask(say.CROSS_TITLE, Message(say.CROSS_MASK), padding_allowed_picture(length))
