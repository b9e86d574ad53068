"""ALiBi (Press et al., 2022): a penalty on the scores growing linearly with the distance, a slope per head."""

from __future__ import annotations

import math

import torch
from torch import Tensor, nn

from lmstudio_app.config.positions import ALIBI
from lmstudio_app.config.schema import ModelConfig
from lmstudio_app.engine.model.positions.scheme import ScoresBias, key_minus_query


def alibi_slopes(n_heads: int) -> Tensor:
    """Per-head slopes, including ALiBi's rule for non-powers of two."""
    def powers(n: int) -> list[float]:
        start = 2 ** (-8 / n)
        return [start ** (i + 1) for i in range(n)]

    closest = 2 ** math.floor(math.log2(n_heads))
    slopes = powers(closest)
    if closest < n_heads:
        slopes += powers(2 * closest)[0::2][: n_heads - closest]
    return torch.tensor(slopes, dtype=torch.float32)


class AlibiBias(nn.Module):
    def __init__(self, n_heads: int):
        super().__init__()
        self.register_buffer("slopes", alibi_slopes(n_heads), persistent=False)

    def forward(self, length_q: int, length_k: int, query_offset: int = 0) -> Tensor:
        distance = key_minus_query(length_q, length_k, query_offset, self.slopes.device).abs().float()
        return (-self.slopes[:, None, None] * distance)[None]  # (1, H, T_q, T_k)


class Alibi(ScoresBias):
    scheme = ALIBI

    def score_bias(self, m: ModelConfig, bidirectional: bool) -> nn.Module:
        return AlibiBias(m.n_heads)


ENGINE = Alibi()
