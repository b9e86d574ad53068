"""The small parts a Transformer layer is made of: norms, feed-forward, positions."""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F
from torch import Tensor, nn

_ACTIVATIONS = {"relu": F.relu, "gelu": F.gelu, "swiglu": F.silu, "geglu": F.gelu}
GATED_ACTIVATIONS = ("swiglu", "geglu")


def build_norm(kind: str, width: int, eps: float, bias: bool) -> nn.Module:
    if kind == "rmsnorm":
        return nn.RMSNorm(width, eps=eps)
    return nn.LayerNorm(width, eps=eps, bias=bias)


class FeedForward(nn.Module):
    """Position-wise MLP; gated variants (SwiGLU, GeGLU) multiply by a second projection."""

    def __init__(self, d_model: int, d_ff: int, activation: str, bias: bool):
        super().__init__()
        self.gated = activation in GATED_ACTIVATIONS
        self.activation = _ACTIVATIONS[activation]
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


def alibi_bias(slopes: Tensor, length_q: int, length_k: int, query_offset: int = 0) -> Tensor:
    """(1, H, T_q, T_k): a penalty growing linearly with the distance between query and key (queries at
    positions query_offset…, keys at 0…)."""
    queries = query_offset + torch.arange(length_q, device=slopes.device)[:, None]
    keys = torch.arange(length_k, device=slopes.device)[None, :]
    distance = (queries - keys).abs().float()  # (T_q, T_k)
    return (-slopes[:, None, None] * distance)[None]
