"""Rotary positions (RoFormer, Llama): queries and keys turned by an angle growing with their position."""

from __future__ import annotations

import torch
from torch import Tensor, nn

from lmstudio_app.config.positions import ROTARY
from lmstudio_app.config.schema import ModelConfig
from lmstudio_app.engine.model.positions.scheme import Drawn, PositionEngine


class RotaryEmbedding(nn.Module):
    """Rotates query/key channel pairs by position."""

    def __init__(self, head_dim: int, max_seq_len: int, base: float = 10000.0):
        super().__init__()
        inv_freq = base ** (-torch.arange(0, head_dim, 2, dtype=torch.float32) / head_dim)  # (D/2,)
        self.register_buffer("frequencies", inv_freq, persistent=False)  # radians per position, per channel pair
        angles = torch.arange(max_seq_len, dtype=torch.float32)[:, None] * inv_freq[None, :]  # (T_max, D/2)
        self.register_buffer("cos", angles.cos(), persistent=False)
        self.register_buffer("sin", angles.sin(), persistent=False)

    def forward(self, x: Tensor, offset: int = 0) -> Tensor:
        """x: (B, H, T, D) at positions offset… → same shape, each channel pair (i, i + D/2) rotated."""
        length = x.size(-2)
        cos = self.cos[offset:offset + length].to(x.dtype)  # (T, D/2)
        sin = self.sin[offset:offset + length].to(x.dtype)
        first, second = x.chunk(2, dim=-1)
        return torch.cat((first * cos - second * sin, first * sin + second * cos), dim=-1)


class Rotary(PositionEngine):
    scheme = ROTARY

    def rotation(self, m: ModelConfig) -> nn.Module:
        return RotaryEmbedding(m.d_model // m.n_heads, m.max_seq_len)

    def view(self, stack: nn.Module, length: int) -> Drawn:
        """The frequencies, and how alike a query and a key look at each offset, averaged over channels."""
        frequencies = stack.layers[0].self_attn.rotation.frequencies.float().cpu()  # (D/2,)
        offsets = torch.arange(length)[None, :] - torch.arange(length)[:, None]  # key − query
        # Rotating q and k by their positions leaves q·k depending on the offset alone: for q = k with equal
        # energy in every channel pair, q·k / |q|² is the mean of cos(offset × frequency).
        return Drawn(similarity=torch.cos(offsets[..., None] * frequencies).mean(-1), frequencies=frequencies)


ENGINE = Rotary()
