"""Multi-head attention with two paths that must agree.

Training uses PyTorch's fused ``scaled_dot_product_attention``; probes and
heatmaps use ``attention_with_weights``, which also returns the attention
probabilities. Both read the same ``AttentionMask``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch import Tensor, nn


@dataclass
class KeyValueCache:
    """One attention layer's keys and values of the tokens read so far (generation, one token at a time).
    Self-attention's live in buffers of the model's context length, allocated once and filled in place: adding
    a token copies only that token's keys and values, where growing a tensor would copy all of them each time.
    Cross-attention's are computed from the encoder's output once and then only read."""

    capacity: int  # the most tokens the self-attention buffers hold: the model's context
    keys: Tensor | None = None  # (B, H, capacity, D), valid up to ``length``
    values: Tensor | None = None
    length: int = 0
    cross_keys: Tensor | None = None  # (B, H, T_src, D)
    cross_values: Tensor | None = None

    def extend(self, keys: Tensor, values: Tensor) -> tuple[Tensor, Tensor]:
        """Adds the new tokens' keys and values, (B, H, T_new, D) each; returns those of every token so far."""
        end = self.length + keys.shape[2]
        if end > self.capacity:
            raise ValueError(f"a key/value cache for {self.capacity} tokens cannot take {end}")
        if self.keys is None:
            shape = (*keys.shape[:2], self.capacity, keys.shape[3])
            self.keys, self.values = keys.new_empty(shape), values.new_empty(shape)
        self.keys[:, :, self.length:end] = keys
        self.values[:, :, self.length:end] = values
        self.length = end
        return self.keys[:, :, :end], self.values[:, :, :end]


@dataclass(frozen=True)
class AttentionMask:
    """Which keys each query may look at, and an optional additive score bias."""

    allowed: Tensor | None = None  # (B or 1, 1, T_q, T_k) bool, True where a query may attend
    bias: Tensor | None = None  # (1, H, T_q, T_k) float added to the scores (a position scheme's bias)
    causal_only: bool = False  # allowed is exactly the causal triangle: SDPA may use its causal kernel

    def for_sdpa(self, dtype: torch.dtype) -> tuple[Tensor | None, bool]:
        """(attn_mask, is_causal) arguments for ``scaled_dot_product_attention``."""
        if self.causal_only and self.bias is None:
            return None, True
        if self.bias is None:
            return self.allowed, False
        bias = self.bias.to(dtype)
        if self.allowed is None:
            return bias, False
        return bias.masked_fill(~self.allowed, float("-inf")), False


def causal_allowed(length: int, device: torch.device) -> Tensor:
    """(1, 1, T, T): query i may look at keys 0..i."""
    return torch.ones(length, length, dtype=torch.bool, device=device).tril()[None, None]


def padding_allowed(attention_mask: Tensor) -> Tensor:
    """(B, 1, 1, T_k) from a (B, T_k) mask of real (1) and padding (0) tokens."""
    return attention_mask.bool()[:, None, None, :]


def prefix_allowed(prefix_lengths: Tensor, length: int) -> Tensor:
    """(B, 1, T, T): causal, except that every query sees the whole prefix (prefix LM)."""
    keys = torch.arange(length, device=prefix_lengths.device)
    in_prefix = keys[None, :] < prefix_lengths[:, None]  # (B, T_k)
    return causal_allowed(length, prefix_lengths.device) | in_prefix[:, None, None, :]


def permutation_allowed(ranks: Tensor) -> tuple[Tensor, Tensor]:
    """(content, query) masks (B, 1, T, T) for each position's rank in a factorisation order, (B, T): the content
    stream sees the tokens ranked up to its own, the query stream only those ranked before it. A query with
    nothing before it (the first in the order, never predicted) may see itself, so its softmax has a key."""
    content = ranks[:, None, :] <= ranks[:, :, None]  # (B, T_q, T_k)
    query = ranks[:, None, :] < ranks[:, :, None]
    query |= ~query.any(-1, keepdim=True) & torch.eye(ranks.size(1), dtype=torch.bool, device=ranks.device)
    return content[:, None], query[:, None]


def attention_with_weights(q: Tensor, k: Tensor, v: Tensor, mask: AttentionMask,
                           dropout_p: float = 0.0) -> tuple[Tensor, Tensor]:
    """Scaled dot-product attention that also returns the probabilities (B, H, T_q, T_k)."""
    scores = (q @ k.transpose(-2, -1)) / math.sqrt(q.size(-1))  # (B, H, T_q, T_k)
    if mask.bias is not None:
        scores = scores + mask.bias.to(scores.dtype)
    if mask.allowed is not None:
        scores = scores.masked_fill(~mask.allowed, float("-inf"))
    # half precision is summed in fp32; fp32 and fp64 keep their own precision
    weights = torch.softmax(scores, dim=-1, dtype=torch.promote_types(scores.dtype, torch.float32)).to(q.dtype)
    out = F.dropout(weights, p=dropout_p) @ v  # (B, H, T_q, D)
    return out, weights


class MultiHeadAttention(nn.Module):
    """Self-attention (``context=None``) or cross-attention over ``context``."""

    def __init__(self, d_model: int, n_heads: int, *, bias: bool, dropout: float,
                 rotation: nn.Module | None = None):
        super().__init__()
        self.n_heads = n_heads
        self.head_dim = d_model // n_heads
        self.dropout = dropout
        self.q_proj = nn.Linear(d_model, d_model, bias=bias)
        self.k_proj = nn.Linear(d_model, d_model, bias=bias)
        self.v_proj = nn.Linear(d_model, d_model, bias=bias)
        self.out_proj = nn.Linear(d_model, d_model, bias=bias)
        self.rotation = rotation  # of queries and keys by their positions, where the position scheme turns them

    def _split_heads(self, x: Tensor) -> Tensor:
        batch, length, _ = x.shape
        return x.view(batch, length, self.n_heads, self.head_dim).transpose(1, 2)  # (B, H, T, D)

    def _projections(self, x: Tensor, source: Tensor) -> tuple[Tensor, Tensor, Tensor]:
        """q from ``x``, k and v from ``source``, each (B, T, C). Plain projections that read the same input
        run as one matrix product of their stacked weights: one larger product is markedly faster than
        three small ones (nanoGPT's fused c_attn, without giving up the separate weights that LoRA targets
        and checkpoints name)."""
        projections = (self.q_proj, self.k_proj, self.v_proj)
        if any(type(p) is not nn.Linear for p in projections):  # LoRA-wrapped: each its own way
            return self.q_proj(x), self.k_proj(source), self.v_proj(source)
        fused = projections if source is x else projections[1:]
        weight = torch.cat([p.weight for p in fused])
        bias = None if self.q_proj.bias is None else torch.cat([p.bias for p in fused])
        outputs = F.linear(source, weight, bias).chunk(len(fused), dim=-1)
        return outputs if source is x else (self.q_proj(x), *outputs)

    def heads(self, x: Tensor, context: Tensor | None = None, offset: int = 0) -> tuple[Tensor, Tensor, Tensor]:
        """Queries from ``x`` (B, T_q, C), keys and values from ``context`` (cross-attention) or ``x``, each split
        into heads (B, H, T, D), queries and keys turned by their positions where the position scheme does so."""
        q, k, v = (self._split_heads(t) for t in self._projections(x, x if context is None else context))
        if self.rotation is not None:
            q, k = self.rotation(q, offset), self.rotation(k, offset)
        return q, k, v

    def forward(self, x: Tensor, mask: AttentionMask, context: Tensor | None = None,
                need_weights: bool = False, cache: KeyValueCache | None = None,
                offset: int = 0) -> tuple[Tensor, Tensor | None]:
        """``x`` (B, T_q, C) at positions offset…; with a ``cache``, keys and values of earlier tokens (or of the
        encoder's output, for cross-attention) come from it and the new ones are added to it."""
        batch, length, width = x.shape
        if cache is not None and context is not None and cache.cross_keys is not None:
            q, k, v = self._split_heads(self.q_proj(x)), cache.cross_keys, cache.cross_values
        else:
            q, k, v = self.heads(x, context, offset)  # (B, H, T, D) each
            if cache is not None and context is not None:
                cache.cross_keys, cache.cross_values = k, v
            elif cache is not None:
                k, v = cache.extend(k, v)
        dropout_p = self.dropout if self.training else 0.0
        if need_weights:
            out, weights = attention_with_weights(q, k, v, mask, dropout_p)
        else:
            attn_mask, is_causal = mask.for_sdpa(q.dtype)
            out = F.scaled_dot_product_attention(q, k, v, attn_mask=attn_mask, dropout_p=dropout_p,
                                                 is_causal=is_causal)
            weights = None
        out = out.transpose(1, 2).reshape(batch, length, width)  # (B, T_q, C)
        return self.out_proj(out), weights
