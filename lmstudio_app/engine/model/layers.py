"""The small parts a Transformer layer is made of: norms, feed-forward, positions."""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F
from torch import Tensor, nn

GATED_ACTIVATIONS = ("swiglu", "geglu")


def activation_function(activation: str, gelu_approximation: str = "none"):
    """The element-wise function of ``activation`` (the gate's, for gated ones)."""
    if activation in ("gelu", "geglu"):
        return lambda x: F.gelu(x, approximate=gelu_approximation)
    return F.silu if activation == "swiglu" else F.relu


def build_norm(kind: str, width: int, eps: float, bias: bool) -> nn.Module:
    if kind == "rmsnorm":
        return nn.RMSNorm(width, eps=eps)
    return nn.LayerNorm(width, eps=eps, bias=bias)


class FeedForward(nn.Module):
    """Position-wise MLP; gated variants (SwiGLU, GeGLU) multiply by a second projection."""

    def __init__(self, d_model: int, d_ff: int, activation: str, bias: bool, gelu_approximation: str = "none"):
        super().__init__()
        self.gated = activation in GATED_ACTIVATIONS
        self.activation = activation_function(activation, gelu_approximation)
        self.up = nn.Linear(d_model, d_ff * (2 if self.gated else 1), bias=bias)
        self.down = nn.Linear(d_ff, d_model, bias=bias)

    def forward(self, x: Tensor) -> Tensor:
        h = self.up(x)  # (B, T, F) or (B, T, 2F)
        if self.gated:
            value, gate = h.chunk(2, dim=-1)
            h = value * self.activation(gate)
        else:
            h = self.activation(h)
        return self.down(h)  # (B, T, C)


class LearnedPositions(nn.Module):
    def __init__(self, max_seq_len: int, d_model: int):
        super().__init__()
        self.table = nn.Embedding(max_seq_len, d_model)

    def forward(self, length: int, offset: int = 0) -> Tensor:
        return self.table.weight[offset:offset + length]  # (T, C)


class SinusoidalPositions(nn.Module):
    """The fixed sine/cosine table of Vaswani et al. (2017); no parameters."""

    def __init__(self, max_seq_len: int, d_model: int):
        super().__init__()
        position = torch.arange(max_seq_len, dtype=torch.float32)[:, None]
        frequency = torch.exp(torch.arange(0, d_model, 2, dtype=torch.float32) * (-math.log(10000.0) / d_model))
        table = torch.zeros(max_seq_len, d_model)
        table[:, 0::2] = torch.sin(position * frequency)
        table[:, 1::2] = torch.cos(position * frequency[: d_model // 2])
        self.register_buffer("table", table, persistent=False)

    def forward(self, length: int, offset: int = 0) -> Tensor:
        return self.table[offset:offset + length]  # (T, C)


def alibi_slopes(n_heads: int) -> Tensor:
    """Per-head slopes of ALiBi (Press et al., 2022), including its rule for non-powers of two."""
    def powers(n: int) -> list[float]:
        start = 2 ** (-8 / n)
        return [start ** (i + 1) for i in range(n)]

    closest = 2 ** math.floor(math.log2(n_heads))
    slopes = powers(closest)
    if closest < n_heads:
        slopes += powers(2 * closest)[0::2][: n_heads - closest]
    return torch.tensor(slopes, dtype=torch.float32)


def _key_minus_query(length_q: int, length_k: int, query_offset: int, device: torch.device) -> Tensor:
    """(T_q, T_k) key position minus query position, queries at query_offset…, keys at 0…."""
    queries = query_offset + torch.arange(length_q, device=device)[:, None]
    return torch.arange(length_k, device=device)[None, :] - queries


class AlibiBias(nn.Module):
    """ALiBi (Press et al., 2022): a penalty on the scores growing linearly with the distance, a slope per head."""

    def __init__(self, n_heads: int):
        super().__init__()
        self.register_buffer("slopes", alibi_slopes(n_heads), persistent=False)

    def forward(self, length_q: int, length_k: int, query_offset: int = 0) -> Tensor:
        distance = _key_minus_query(length_q, length_k, query_offset, self.slopes.device).abs().float()
        return (-self.slopes[:, None, None] * distance)[None]  # (1, H, T_q, T_k)


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
    """T5's relative position bias (Raffel et al., 2020): a learned scalar per head and distance bucket added to
    the scores, one table per stack shared by all its layers."""

    def __init__(self, n_heads: int, buckets: int, max_distance: int, bidirectional: bool):
        super().__init__()
        self.table = nn.Embedding(buckets, n_heads)
        self.max_distance = max_distance
        self.bidirectional = bidirectional

    def forward(self, length_q: int, length_k: int, query_offset: int = 0) -> Tensor:
        relative = _key_minus_query(length_q, length_k, query_offset, self.table.weight.device)
        buckets = relative_bucket(relative, self.bidirectional, self.table.num_embeddings, self.max_distance)
        return self.table(buckets).permute(2, 0, 1)[None]  # (T_q, T_k, H) → (1, H, T_q, T_k)
