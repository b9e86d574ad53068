"""One corrupted example in a form a person can read: what the model sees and must predict."""

from __future__ import annotations

import numpy as np

from lmstudio_app.config.messages import Message
from lmstudio_app.engine.data.cache import TokenizedSplit
from lmstudio_app.engine.objectives import ENGINES
from lmstudio_app.engine.objectives.batch import IGNORE, Tag
from lmstudio_app.engine.objectives.objectives import GalleryMask, Objective
from lmstudio_app.events import Inspection, MaskPicture, ShownToken


def inspect_example(objective: Objective, split: TokenizedSplit, seed: int = 0) -> Inspection:
    example = objective.preview_example(split, np.random.default_rng(seed))
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


def mask_gallery(permutation_ranks: list[int] | None = None) -> tuple[MaskPicture, ...]:
    """The masks the objectives train with, each drawn by its objective from the engine's own mask builders for
    8 tokens; objectives that draw the same picture (the same title) share it. Given an example's factorisation
    order (its positions' ranks), an objective that has one draws that example's mask."""
    drawn: dict[str, tuple[list[str], GalleryMask]] = {}
    for name, engine in ENGINES.items():
        picture = engine.mask_picture(GALLERY_LENGTH, permutation_ranks)
        if picture is not None:
            drawn.setdefault(picture.title, ([], picture))[0].append(name)
    return tuple(MaskPicture(tuple(names), Message(picture.title), picture.explanation,
                             picture.allowed[0, 0].numpy().copy()) for names, picture in drawn.values())
