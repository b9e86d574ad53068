"""Blocks, stacks and the model that holds them.

A ``Stack`` is an encoder (bidirectional) or a decoder (causal, optionally
cross-attending to an encoder). A ``Transformer`` has an encoder, a decoder,
or both, one shared token embedding, and named task heads. It returns hidden
states; objectives and tasks apply the heads they need, where they need them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import torch
from torch import Tensor, nn

from lmstudio_app.engine.model.attention import (
    AttentionMask,
    KeyValueCache,
    MultiHeadAttention,
    causal_allowed,
    padding_allowed,
    permutation_allowed,
    prefix_allowed,
)
from lmstudio_app.engine.model.layers import FeedForward


class Block(nn.Module):
    """One layer: self-attention, optional cross-attention, feed-forward, each a residual sub-layer."""

    def __init__(self, self_attn: MultiHeadAttention, ffn: FeedForward, norms: list[nn.Module],
                 dropout: float, pre_norm: bool, cross_attn: MultiHeadAttention | None = None,
                 residual: bool = True):
        super().__init__()
        self.self_attn = self_attn
        self.self_attn_norm = norms[0]
        self.cross_attn = cross_attn
        self.cross_attn_norm = norms[1] if cross_attn is not None else None
        self.ffn = ffn
        self.ffn_norm = norms[-1]
        self.dropout = nn.Dropout(dropout)
        self.pre_norm = pre_norm
        self.residual = residual  # off only to show what the residual connection does

    def _residual(self, x: Tensor, norm: nn.Module, sublayer) -> tuple[Tensor, Tensor | None]:
        out, weights = sublayer(norm(x) if self.pre_norm else x)
        out = self.dropout(out)
        if self.residual:
            out = x + out
        return (out if self.pre_norm else norm(out)), weights

    def forward(self, x: Tensor, self_mask: AttentionMask, context: Tensor | None = None,
                cross_mask: AttentionMask | None = None, need_weights: bool = False,
                cache: KeyValueCache | None = None, offset: int = 0) -> tuple[Tensor, Tensor | None, Tensor | None]:
        x, self_weights = self._residual(
            x, self.self_attn_norm,
            lambda h: self.self_attn(h, self_mask, need_weights=need_weights, cache=cache, offset=offset))
        cross_weights = None
        if self.cross_attn is not None:
            x, cross_weights = self._residual(
                x, self.cross_attn_norm,
                lambda h: self.cross_attn(h, cross_mask, context=context, need_weights=need_weights, cache=cache))
        x, _ = self._residual(x, self.ffn_norm, lambda h: (self.ffn(h), None))
        return x, self_weights, cross_weights

    def two_stream(self, content: Tensor, query: Tensor, content_mask: AttentionMask, query_mask: AttentionMask,
                   need_weights: bool = False) -> tuple[Tensor, Tensor, Tensor | None]:
        """XLNet's two-stream self-attention, both (B, T, C), with the same weights: the content stream as usual;
        the query stream takes its queries from itself and its keys and values from the content stream as it
        entered this layer, so a position learns where it is but never sees its own token. With ``need_weights``,
        also the query stream's attention (B, H, T, T)."""
        keys = self.self_attn_norm(content) if self.pre_norm else content
        content, _ = self._residual(content, self.self_attn_norm, lambda h: self.self_attn(h, content_mask))
        query, weights = self._residual(query, self.self_attn_norm, lambda h: self.self_attn(
            h, query_mask, context=keys, need_weights=need_weights))
        content, _ = self._residual(content, self.ffn_norm, lambda h: (self.ffn(h), None))
        query, _ = self._residual(query, self.ffn_norm, lambda h: (self.ffn(h), None))
        return content, query, weights


@dataclass
class StackOutput:
    hidden: Tensor  # (B, T, C)
    self_attentions: list[Tensor] = field(default_factory=list)  # per layer (B, H, T, T) when asked for
    cross_attentions: list[Tensor] = field(default_factory=list)  # per layer (B, H, T, T_src)


class Stack(nn.Module):
    """Position and segment inputs, N blocks, and (pre-norm) a final norm."""

    def __init__(self, layers: list[Block], *, causal: bool, positions: nn.Module | None,
                 segments: nn.Embedding | None, input_norm: nn.Module | None,
                 final_norm: nn.Module | None, dropout: float,
                 position_bias: nn.Module | None = None):
        super().__init__()
        self.causal = causal
        self.positions = positions
        self.segments = segments
        self.input_norm = input_norm
        self.input_dropout = nn.Dropout(dropout)
        self.layers = nn.ModuleList(layers)
        self.final_norm = final_norm
        self.position_bias = position_bias  # added to every layer's self-attention scores

    def score_bias(self, length_q: int, length_k: int, query_offset: int = 0) -> Tensor | None:
        """(1, H, T_q, T_k) the position scheme's bias on the self-attention scores, or None."""
        return None if self.position_bias is None else self.position_bias(length_q, length_k, query_offset)

    def _inputs(self, tokens: Tensor, segment_ids: Tensor | None = None, seen: int = 0) -> Tensor:
        """(B, T, C) token embeddings with positions and segments added, normalized (post-norm), dropped out."""
        x = tokens
        if self.positions is not None:
            x = x + self.positions(tokens.size(1), seen)  # (B, T, C) + (T, C)
        if self.segments is not None:
            if segment_ids is None:
                segment_ids = torch.zeros(tokens.shape[:2], dtype=torch.long, device=tokens.device)
            x = x + self.segments(segment_ids)
        if self.input_norm is not None:
            x = self.input_norm(x)
        return self.input_dropout(x)

    def two_stream(self, tokens: Tensor, query_start: Tensor, ranks: Tensor,
                   need_weights: bool = False) -> StackOutput:
        """The query stream's output (B, T, C) for a factorisation order given as each position's rank in it,
        (B, T). Content: position i sees the tokens ranked up to itself; query: only those ranked before it
        (``permutation_allowed``)."""
        length = tokens.size(1)
        content_allowed, query_allowed = permutation_allowed(ranks)
        bias = self.score_bias(length, length)
        content_mask = AttentionMask(allowed=content_allowed, bias=bias)
        query_mask = AttentionMask(allowed=query_allowed, bias=bias)
        content = self._inputs(tokens)
        query = self._inputs(query_start.expand_as(tokens))  # no token: its position alone
        output = StackOutput(hidden=query)
        for layer in self.layers:
            content, query, weights = layer.two_stream(content, query, content_mask, query_mask, need_weights)
            if need_weights:
                output.self_attentions.append(weights)
        output.hidden = self.final_norm(query) if self.final_norm is not None else query
        return output

    def self_attention_mask(self, length: int, device: torch.device, attention_mask: Tensor | None,
                            prefix_lengths: Tensor | None, seen: int = 0) -> AttentionMask:
        """Who may look at whom among ``length`` new tokens after ``seen`` cached ones (generation)."""
        bias = self.score_bias(length, seen + length, seen)
        if seen:  # new tokens see every cached one, and the new ones before them
            keys = torch.arange(seen + length, device=device)
            allowed = None if length == 1 else (keys[None, :] <= seen + keys[:length, None])[None, None]
            return AttentionMask(allowed=allowed, bias=bias)
        allowed, causal_only = None, False
        if self.causal:
            if prefix_lengths is not None:
                allowed = prefix_allowed(prefix_lengths, length)
            else:
                allowed = causal_allowed(length, device)
                causal_only = attention_mask is None
        if attention_mask is not None:
            keys = padding_allowed(attention_mask)
            allowed = keys if allowed is None else allowed & keys
        return AttentionMask(allowed=allowed, bias=bias, causal_only=causal_only)

    def forward(self, tokens: Tensor, attention_mask: Tensor | None = None, segment_ids: Tensor | None = None,
                prefix_lengths: Tensor | None = None, context: Tensor | None = None,
                context_mask: Tensor | None = None, need_weights: bool = False,
                cache: list[KeyValueCache] | None = None, seen: int = 0) -> StackOutput:
        """tokens: (B, T, C) token embeddings; masks are (B, T) with 1 for real tokens. With a ``cache`` (one
        per layer), the tokens follow ``seen`` tokens whose keys and values it holds."""
        length = tokens.size(1)
        x = self._inputs(tokens, segment_ids, seen)
        self_mask = self.self_attention_mask(length, x.device, attention_mask, prefix_lengths, seen)
        cross_mask = None
        if context is not None:
            cross_mask = AttentionMask(allowed=None if context_mask is None else padding_allowed(context_mask))
        output = StackOutput(hidden=x)
        for index, layer in enumerate(self.layers):
            x, self_weights, cross_weights = layer(x, self_mask, context, cross_mask, need_weights,
                                                   cache[index] if cache is not None else None, seen)
            if need_weights:
                output.self_attentions.append(self_weights)
                if cross_weights is not None:
                    output.cross_attentions.append(cross_weights)
        output.hidden = self.final_norm(x) if self.final_norm is not None else x
        return output


@dataclass
class ModelOutput:
    hidden: Tensor  # (B, T, C) of the last stack (the decoder in an encoder-decoder)
    encoder_hidden: Tensor | None = None  # (B, T_src, C), encoder-decoders only
    attentions: dict[str, list[Tensor]] = field(default_factory=dict)  # "encoder"/"decoder"/"cross" per layer


class Transformer(nn.Module):
    """Encoder-only, decoder-only or encoder-decoder, with a shared token embedding and named heads."""

    def __init__(self, family: str, token_embedding: nn.Embedding, embedding_scale: float,
                 encoder: Stack | None, decoder: Stack | None, heads: dict[str, nn.Module], max_seq_len: int,
                 context_limit: int | None):
        super().__init__()
        self.family = family
        self.max_seq_len = max_seq_len  # the length it trains on, and its decoder's key/value cache holds
        self.context_limit = context_limit  # the most tokens a stack reads (None: any number; model_stats)
        self.token_embedding = token_embedding
        self.embedding_scale = embedding_scale
        self.encoder = encoder
        self.decoder = decoder
        self.heads = nn.ModuleDict(heads)
        self.query_start: nn.Parameter | None = None  # permutation LM's query-stream input, when pretrained so

    def embed(self, input_ids: Tensor) -> Tensor:
        return self.token_embedding(input_ids) * self.embedding_scale  # (B, T, C)

    def encode(self, input_ids: Tensor, attention_mask: Tensor | None = None, segment_ids: Tensor | None = None,
               need_weights: bool = False) -> StackOutput:
        return self.encoder(self.embed(input_ids), attention_mask, segment_ids, need_weights=need_weights)

    def decode(self, input_ids: Tensor, attention_mask: Tensor | None = None, *,
               segment_ids: Tensor | None = None, prefix_lengths: Tensor | None = None,
               memory: Tensor | None = None, memory_mask: Tensor | None = None,
               need_weights: bool = False, cache: list[KeyValueCache] | None = None, seen: int = 0) -> StackOutput:
        return self.decoder(self.embed(input_ids), attention_mask, segment_ids, prefix_lengths,
                            context=memory, context_mask=memory_mask, need_weights=need_weights, cache=cache,
                            seen=seen)

    def two_stream(self, input_ids: Tensor, ranks: Tensor, need_weights: bool = False) -> StackOutput:
        """Permutation LM: the query stream's output (B, T, C) for each position's rank in a factorisation order
        (B, T); read at a position, it predicts that position's token from the tokens ranked before it. With
        ``need_weights``, the query stream's attention per layer."""
        if self.query_start is None:
            raise ValueError("this model was not built for permutation language modelling (no query stream)")
        return self.decoder.two_stream(self.embed(input_ids), self.query_start, ranks, need_weights)

    def new_cache(self) -> list[KeyValueCache]:
        """An empty key/value cache for the decoder, one entry per layer."""
        return [KeyValueCache(self.max_seq_len) for _ in self.decoder.layers]

    def forward(self, input_ids: Tensor, attention_mask: Tensor | None = None, *,
                segment_ids: Tensor | None = None, prefix_lengths: Tensor | None = None,
                decoder_input_ids: Tensor | None = None, decoder_attention_mask: Tensor | None = None,
                need_weights: bool = False) -> ModelOutput:
        if self.family == "encoder":
            out = self.encode(input_ids, attention_mask, segment_ids, need_weights)
            return ModelOutput(out.hidden, attentions={"encoder": out.self_attentions} if need_weights else {})
        if self.family == "decoder":
            out = self.decode(input_ids, attention_mask, segment_ids=segment_ids,
                              prefix_lengths=prefix_lengths, need_weights=need_weights)
            return ModelOutput(out.hidden, attentions={"decoder": out.self_attentions} if need_weights else {})
        if decoder_input_ids is None:
            raise ValueError("an encoder-decoder needs decoder_input_ids")
        enc = self.encode(input_ids, attention_mask, segment_ids, need_weights)
        dec = self.decode(decoder_input_ids, decoder_attention_mask, memory=enc.hidden,
                          memory_mask=attention_mask, need_weights=need_weights)
        attentions = {}
        if need_weights:
            attentions = {"encoder": enc.self_attentions, "decoder": dec.self_attentions,
                          "cross": dec.cross_attentions}
        return ModelOutput(dec.hidden, encoder_hidden=enc.hidden, attentions=attentions)
