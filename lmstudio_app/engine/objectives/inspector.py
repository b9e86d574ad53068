"""One corrupted example in a form a person can read: what the model sees and must predict."""

from __future__ import annotations

import numpy as np
import torch

from lmstudio_app.config import engine_messages as say
from lmstudio_app.config.messages import Message
from lmstudio_app.engine.data.cache import TokenizedSplit
from lmstudio_app.engine.model.attention import (
    causal_allowed,
    padding_allowed,
    permutation_allowed,
    prefix_allowed,
)
from lmstudio_app.engine.objectives.batch import IGNORE, Tag
from lmstudio_app.engine.objectives.objectives import Objective
from lmstudio_app.events import Inspection, MaskPicture, ShownToken


def inspect_example(objective: Objective, split: TokenizedSplit, seed: int = 0) -> Inspection:
    example = objective.example(split, np.random.default_rng(seed))
    texts = objective.tokenizer.token_texts
    inputs = [ShownToken(t, Tag(tag).name.lower()) for t, tag in zip(texts(example.input_ids.tolist()),
                                                                     example.input_tags)]
    aligned = example.decoder_input_ids is None
    if aligned:
        targets = [ShownToken(texts([label])[0] if label != IGNORE else "", "target" if label != IGNORE else "")
                   for label in example.labels.tolist()]
    else:
        sentinels = set(objective.special.sentinels)
        targets = [ShownToken(text, "sentinel" if token in sentinels else
                              "special" if objective.tokenizer.is_special(token) else "plain")
                   for token, text in zip(example.labels.tolist(), texts(example.labels.tolist()))]
    return Inspection(
        objective=objective.name + (" + nsp" if example.sequence_label is not None else ""),
        original=texts(example.original.tolist()),
        inputs=inputs,
        targets=targets,
        aligned=aligned,
        segments=None if example.segment_ids is None else example.segment_ids.tolist(),
        notes=list(example.notes),
        joiner=objective.tokenizer.display_joiner,
        permutation_ranks=None if example.permutation_ranks is None else example.permutation_ranks.tolist(),
        whole_words=None if example.word_ids is None else _whole_words(objective, example),
    )


def _whole_words(objective: Objective, example) -> list[tuple[str, bool]]:
    """Each word of the example as it reads, and whether its tokens were selected for prediction."""
    words = []
    for word in np.unique(example.word_ids):
        at = example.word_ids == word
        ids = example.original[at].tolist()
        text = objective.tokenizer.decode(ids) if not objective.tokenizer.is_special(ids[0]) else \
            objective.tokenizer.token_texts(ids)[0]
        words.append((text, bool((example.labels[at] != IGNORE).any())))
    return words


GALLERY_LENGTH = 8
GALLERY_ORDER_SEED = 3


def mask_gallery(permutation_ranks: list[int] | None = None) -> tuple[MaskPicture, ...]:
    """The masks the objectives train with, drawn by the engine's own mask builders for 8 tokens: the three kinds
    of language model (causal, masked, encoder-decoder) and the variants between them. Given an example's
    factorisation order (its positions' ranks), the permutation LM's picture is that example's mask."""
    length = GALLERY_LENGTH
    real = torch.tensor([[1] * (length - 2) + [0] * 2])  # two padding tokens at the end
    if permutation_ranks is None:
        order = np.random.default_rng(GALLERY_ORDER_SEED).permutation(length)
        ranks = torch.empty(1, length, dtype=torch.long)
        ranks[0, torch.from_numpy(order)] = torch.arange(length)
    else:
        ranks = torch.tensor([permutation_ranks])
        order = np.argsort(permutation_ranks)
    _, query = permutation_allowed(ranks)
    shown_order = " → ".join(str(p + 1) for p in order[:12]) + (" → …" if len(order) > 12 else "")
    square = (length, length)
    query_stream = say.QUERY_STREAM if permutation_ranks is None else say.QUERY_STREAM_OF_EXAMPLE
    pictures = [
        (("clm",), say.CAUSAL_TITLE, Message(say.CAUSAL_MASK), causal_allowed(length, torch.device("cpu"))),
        (("prefix-lm",), say.PREFIX_TITLE, Message(say.PREFIX_MASK), prefix_allowed(torch.tensor([3]), length)),
        (("mlm",), say.MASKED_TITLE, Message(say.MASKED_MASK), padding_allowed(real).expand(1, 1, *square)),
        (("span-corruption", "denoising"), say.CROSS_TITLE, Message(say.CROSS_MASK),
         padding_allowed(real).expand(1, 1, *square)),
        (("plm",), say.PERMUTATION_TITLE, Message(query_stream, {"order": shown_order}), query),
    ]
    return tuple(MaskPicture(objectives, Message(title), explanation, allowed[0, 0].numpy().copy())
                 for objectives, title, explanation, allowed in pictures)
