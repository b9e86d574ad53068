"""The position schemes: how a model tells positions apart, each described once.

A scheme is a plug-in. Its descriptor here says, without torch, what the rest of
the config layer and the GUI need: its name, the model settings that belong to
it, the families it fits, what it costs in parameters, whether it limits the
context, and what its view in the Positions tab shows. Its engine side (what it
adds to the input, to queries and keys, to the scores) is one module under
engine/model/positions/, registered under the same name. To add a scheme: a
descriptor in ``SCHEMES`` below, a module there, and its caption's Chinese.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from lmstudio_app.config import messages as rules
from lmstudio_app.config.messages import Problem, problem
from lmstudio_app.config.registry import FAMILIES


def _none(_model) -> tuple:
    return ()


@dataclass(frozen=True)
class PositionScheme:
    name: str  # the value of model.position
    caption: str  # what the Positions tab shows of it (translated there)
    options: tuple[str, ...] = ()  # model settings that mean something only with this scheme
    families: tuple[str, ...] = FAMILIES
    reaches_any_length: bool = False  # offsets between tokens, no table as long as max_seq_len
    biases_scores: bool = False  # adds to the attention scores, so the fused kernel must store them
    scales_embeddings: bool = False  # token embeddings × √d_model before it adds a fixed table (Vaswani et al.)
    # (what, count) of each stack's parameters of its own, from a ModelConfig
    parameters: Callable[..., tuple[tuple[str, int], ...]] = _none
    # the problems a ModelConfig has with it
    problems: Callable[..., tuple[Problem, ...]] = _none


def _learned_parameters(m) -> tuple[tuple[str, int], ...]:
    return (("positions", m.max_seq_len * m.d_model),)


def _even_head_width(m) -> tuple[Problem, ...]:
    width, rest = divmod(m.d_model, m.n_heads)
    if not rest and width % 2:  # an uneven split is the heads' own problem
        return (problem("model.position", rules.ROTARY_EVEN_WIDTH, width=width),)
    return ()


def _bucket_parameters(m) -> tuple[tuple[str, int], ...]:
    return (("relative position bias", m.relative_buckets * m.n_heads),)


def _reach_past_exact_buckets(m) -> tuple[Problem, ...]:
    if m.relative_max_distance <= m.relative_buckets // 2:
        return (problem("model.relative_max_distance", rules.RELATIVE_REACH, distance=m.relative_max_distance,
                        half=m.relative_buckets // 2),)
    return ()


LEARNED = PositionScheme(
    "learned",
    caption="Left: the learned position vectors added to the token embeddings (rows: positions, columns: "
            "dimensions). Right: cosine similarity of every pair of positions. They start random, so only the "
            "diagonal stands out; with training, nearby positions often grow alike and a band forms along it.",
    parameters=_learned_parameters)
SINUSOIDAL = PositionScheme(
    "sinusoidal",
    caption="Left: the fixed sine/cosine table added to the token embeddings (rows: positions, columns: dimensions; "
            "low dimensions turn fast, high ones slowly). Right: cosine similarity of every pair of positions: it "
            "depends only on their distance.",
    scales_embeddings=True)
ROTARY = PositionScheme(
    "rotary",
    caption="Left: the angle each channel pair of a query or key turns per position. Right: how alike a query and a "
            "key look at each offset (the mean cosine over channel pairs): only the distance matters.",
    problems=_even_head_width)
ALIBI = PositionScheme(
    "alibi",
    caption="Left: one head's bias on the scores (rows: queries, columns: keys): minus slope × distance. Right: the "
            "mean over heads. Steep heads look only nearby; gentle ones far away.",
    reaches_any_length=True, biases_scores=True)
RELATIVE = PositionScheme(
    "relative",
    caption="Left: one head's learned bias on the scores (rows: queries, columns: keys), one value per distance "
            "bucket: exact for nearby offsets, log-spaced farther out, so it depends only on the offset. Right: the "
            "mean over heads. Heads learn their own preference: the previous token, the next, or far away.",
    options=("relative_buckets", "relative_max_distance"), reaches_any_length=True, biases_scores=True,
    parameters=_bucket_parameters, problems=_reach_past_exact_buckets)

NONE = PositionScheme(
    "none",
    caption="This model adds nothing by position: no table, no rotation, no bias, so there is nothing to draw. An "
            "encoder without positions reads its input as a bag of tokens: shuffle the input and every output is "
            "shuffled the same way, so it cannot tell 'dog bites man' from 'man bites dog'. A decoder's causal mask "
            "still lets it count how many tokens came before, so it can learn some sense of order on its own.",
    reaches_any_length=True)

SCHEMES: dict[str, PositionScheme] = {scheme.name: scheme
                                      for scheme in (LEARNED, SINUSOIDAL, ROTARY, ALIBI, RELATIVE, NONE)}
POSITIONS = tuple(SCHEMES)
SCHEME_OPTIONS = tuple(option for scheme in SCHEMES.values() for option in scheme.options)


def positions_for(family: str) -> list[str]:
    """The position schemes a model of this family can use."""
    return [name for name, scheme in SCHEMES.items() if family in scheme.families]
