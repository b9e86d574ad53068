"""T5's relative position bias (Raffel et al., 2020): a learned scalar per head and distance bucket added to the
scores, one table per stack shared by all its layers."""

from __future__ import annotations

import math

import torch
from torch import Tensor, nn

from lmstudio_app.config.positions import RELATIVE
from lmstudio_app.config.schema import ModelConfig
from lmstudio_app.engine.model.positions.scheme import ScoresBias, key_minus_query


def relative_bucket(relative: Tensor, bidirectional: bool, buckets: int, max_distance: int) -> Tensor:
    """T5's bucket of each key-minus-query offset. Bidirectional (encoder): half the buckets for keys after the
    query. Causal (decoder): only keys before it, so all buckets for those. Within a side, the first half of the
    buckets holds distances 0, 1, 2… one each; the rest cover the distances up to ``max_distance`` on a log
    scale, and anything farther shares the last."""
    bucket = torch.zeros_like(relative)
    if bidirectional:
        buckets //= 2
        bucket = bucket + (relative > 0).long() * buckets
        distance = relative.abs()
    else:
        distance = (-relative).clamp_min(0)
    exact = buckets // 2
    logarithmic = exact + (torch.log(distance.float().clamp_min(1) / exact) / math.log(max_distance / exact)
                           * (buckets - exact)).long()
    return bucket + torch.where(distance < exact, distance, logarithmic.clamp_max(buckets - 1))


class RelativePositionBias(nn.Module):
    def __init__(self, n_heads: int, buckets: int, max_distance: int, bidirectional: bool):
        super().__init__()
        self.table = nn.Embedding(buckets, n_heads)
        self.max_distance = max_distance
        self.bidirectional = bidirectional

    def forward(self, length_q: int, length_k: int, query_offset: int = 0) -> Tensor:
        relative = key_minus_query(length_q, length_k, query_offset, self.table.weight.device)
        buckets = relative_bucket(relative, self.bidirectional, self.table.num_embeddings, self.max_distance)
        return self.table(buckets).permute(2, 0, 1)[None]  # (T_q, T_k, H) → (1, H, T_q, T_k)


class Relative(ScoresBias):
    scheme = RELATIVE

    def score_bias(self, m: ModelConfig, bidirectional: bool) -> nn.Module:
        return RelativePositionBias(m.n_heads, m.relative_buckets, m.relative_max_distance, bidirectional)


ENGINE = Relative()
