"""What every position scheme's engine side answers, and the two views several share."""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import Tensor, nn

from lmstudio_app.config.positions import PositionScheme
from lmstudio_app.config.schema import ModelConfig


@dataclass(frozen=True)
class Drawn:
    """What the Positions tab draws of a stack: how alike positions look, and one of the rest."""

    similarity: Tensor  # (T, T)
    table: Tensor | None = None  # (T, C) vectors added to the token embeddings
    frequencies: Tensor | None = None  # (D/2,) radians per position of each channel pair of queries and keys
    bias: Tensor | None = None  # (H, T, T) added to the scores


class PositionEngine:
    """A scheme's parts, each built once per stack; a scheme adds nothing where it returns None. The stack keeps
    them as ``positions`` (added to the input), its attention as ``rotation`` (of queries and keys) and
    ``position_bias`` (on the scores): checkpoints name their parameters so."""

    scheme: PositionScheme

    def input_table(self, m: ModelConfig) -> nn.Module | None:
        """A module (length, offset) → (T, C) added to the token embeddings."""
        return None

    def rotation(self, m: ModelConfig) -> nn.Module | None:
        """A module (x (B, H, T, D), offset) → the same shape, applied to queries and keys."""
        return None

    def score_bias(self, m: ModelConfig, bidirectional: bool) -> nn.Module | None:
        """A module (T_q, T_k, query offset) → (1, H, T_q, T_k) added to the self-attention scores."""
        return None

    def view(self, stack: nn.Module, length: int) -> Drawn:
        raise NotImplementedError


class AddedTable(PositionEngine):
    """A scheme that adds a vector per position: the table and the cosine similarity of its rows."""

    def view(self, stack: nn.Module, length: int) -> Drawn:
        table = stack.positions(length).float()  # (T, C)
        unit = torch.nn.functional.normalize(table, dim=-1)
        return Drawn(similarity=unit @ unit.T, table=table)


class ScoresBias(PositionEngine):
    """A scheme that biases the scores: the bias per head, and its mean over heads."""

    def view(self, stack: nn.Module, length: int) -> Drawn:
        bias = stack.score_bias(length, length)[0].float()  # (H, T, T)
        return Drawn(similarity=bias.mean(0), bias=bias)


def key_minus_query(length_q: int, length_k: int, query_offset: int, device: torch.device) -> Tensor:
    """(T_q, T_k) key position minus query position, queries at query_offset…, keys at 0…."""
    queries = query_offset + torch.arange(length_q, device=device)[:, None]
    return torch.arange(length_k, device=device)[None, :] - queries
