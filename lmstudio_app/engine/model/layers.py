"""The small parts a Transformer layer is made of: norms and feed-forward (positions: engine/model/positions/)."""

from __future__ import annotations

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
