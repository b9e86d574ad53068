"""The attention probe: a no-grad forward on a fixed text through the weights-returning path, and one head's
attention taken apart stage by stage."""

from __future__ import annotations

import math
import time

import numpy as np
import torch
from torch import Tensor

from lmstudio_app.config import engine_messages as say
from lmstudio_app.config import error_messages as refusals
from lmstudio_app.config.messages import Message
from lmstudio_app.engine.data.tokenizer import TextTokenizer
from lmstudio_app.engine.generate import greedy_continuation
from lmstudio_app.engine.model import Transformer
from lmstudio_app.engine.model.attention import AttentionMask, MultiHeadAttention
from lmstudio_app.engine.model.transformer import ModelOutput
from lmstudio_app.errors import DataError
from lmstudio_app.events import (
    AttentionSnapshot,
    AttentionStages,
    PositionViews,
    WhatIf,
)

PROBE_ORDER_SEED = 0  # the same order at every snapshot, so that snapshots over training compare
READ_UNTIL_CHARS = 40  # of a probe text cut to the context, how much of its end is quoted


def _text_room(model: Transformer, tokenizer: TextTokenizer, max_len: int) -> int:
    """How many of the probe text's tokens fit in the context, beside the tokens that frame it."""
    return max(max_len - tokenizer.framing_for(model.family).added(), 0)


def probe_inputs(model: Transformer, tokenizer: TextTokenizer, text: str, max_len: int) -> list[int]:
    """The probe text as the model's first stack sees it, framed as the model reads text ([CLS]/[SEP] for the
    app's encoders), cut to the context."""
    return tokenizer.framing_for(model.family).frame(tokenizer.encode(text), limit=max_len).ids or \
        [tokenizer.special.bos]


def _cut(model: Transformer, tokenizer: TextTokenizer, text: str, max_len: int) -> tuple[int, str]:
    """(tokens of the text beyond the context, the end of what was read) — (0, "") when it all fits."""
    ids = tokenizer.encode(text)
    room = _text_room(model, tokenizer, max_len)
    if len(ids) <= room:
        return 0, ""
    return len(ids) - room, tokenizer.decode(ids[:room])[-READ_UNTIL_CHARS:]


def _probe_forward(model: Transformer, tokenizer: TextTokenizer, text: str, max_len: int,
                   target_ids: list[int] | None):
    """(source ids, target ids or None, model output with attention weights), the model in eval mode."""
    device = next(model.parameters()).device
    source_ids = probe_inputs(model, tokenizer, text, max_len)
    source = torch.tensor([source_ids], device=device)
    if model.query_start is not None:  # a permutation LM: its query stream, in one fixed factorisation order
        ranks = torch.from_numpy(np.random.default_rng(PROBE_ORDER_SEED).permutation(len(source_ids)))[None]
        stream = model.two_stream(source, ranks.to(device), need_weights=True)
        return source_ids, None, ModelOutput(stream.hidden, attentions={"decoder": stream.self_attentions})
    if model.family != "encoder-decoder":
        return source_ids, None, model(source, need_weights=True)
    # Targets rarely outgrow their source by much; the cap keeps the probe cheap early in training.
    target = target_ids or [tokenizer.framing_for(model.family).decoder_start, *greedy_continuation(
        model, tokenizer, source_ids, max_new_tokens=min(max_len, 2 * len(source_ids) + 8) - 1)]
    return source_ids, target, model(source, decoder_input_ids=torch.tensor([target], device=device),
                                     need_weights=True)


@torch.no_grad()
def probe_attention(model: Transformer, tokenizer: TextTokenizer, text: str, max_len: int, step: int,
                    target_ids: list[int] | None = None) -> AttentionSnapshot:
    """Attention of every layer and head on ``text``; encoder-decoders decode greedily unless given a target."""
    started = time.perf_counter()
    was_training = model.training
    model.eval()
    try:
        source_ids, target, out = _probe_forward(model, tokenizer, text, max_len, target_ids)
    finally:
        model.train(was_training)
    attention = {kind: tuple(layer[0].detach().float().cpu().numpy().astype(np.float32) for layer in layers)
                 for kind, layers in out.attentions.items()}
    dropped, read_until = _cut(model, tokenizer, text, max_len)
    return AttentionSnapshot(step=step, tokens=tuple(tokenizer.token_texts(source_ids)),
                             target_tokens=tuple(tokenizer.token_texts(target)) if target else (),
                             attention=attention, seconds=time.perf_counter() - started,
                             dropped_tokens=dropped, read_until=read_until)


def attention_module(model: Transformer, kind: str, layer: int) -> MultiHeadAttention:
    """The attention module of ``kind`` ("encoder", "decoder", "cross") in ``layer`` (from 0)."""
    stack = model.encoder if kind == "encoder" else model.decoder
    kinds = {"encoder": model.encoder is not None, "decoder": model.decoder is not None,
             "cross": model.family == "encoder-decoder"}
    if not kinds.get(kind):
        raise DataError(refusals.NO_ATTENTION_KIND, family=model.family, kind=kind,
                        kinds=", ".join(k for k, present in kinds.items() if present))
    if not 0 <= layer < len(stack.layers):
        raise DataError(refusals.NO_SUCH_LAYER, layer=layer + 1, kind=kind, layers=len(stack.layers))
    block = stack.layers[layer]
    return block.cross_attn if kind == "cross" else block.self_attn


def _entropy(weights: Tensor) -> Tensor:
    """(T_q,) entropy in nats of each query's distribution (0 · log 0 counts as 0)."""
    return -(torch.special.xlogy(weights, weights)).sum(-1)


@torch.no_grad()
def attention_stages(model: Transformer, tokenizer: TextTokenizer, text: str, kind: str, layer: int, head: int,
                     max_len: int, step: int, target_ids: list[int] | None = None) -> AttentionStages:
    """One head's attention on ``text``, recomputed from the queries, keys and values its module computes in
    the probe's forward pass: QKᵀ, QKᵀ/√d_k, the mask M (and any position bias), the softmax, and what each key
    adds to each query's output through the value and output projections."""
    module = attention_module(model, kind, layer)
    if not 0 <= head < module.n_heads:
        raise DataError(refusals.NO_SUCH_HEAD, head=head + 1, heads=module.n_heads)
    seen: dict[str, object] = {}

    def keep_inputs(_module, args, kwargs) -> None:  # forward(x, mask, context=…, offset=…)
        seen.update(x=args[0], mask=args[1], context=kwargs.get("context"), offset=kwargs.get("offset", 0))

    was_training = model.training
    model.eval()
    hook = module.register_forward_pre_hook(keep_inputs, with_kwargs=True)
    try:
        source_ids, target, _ = _probe_forward(model, tokenizer, text, max_len, target_ids)
        q, k, v = module.heads(seen["x"], seen["context"], seen["offset"])  # (1, H, T, D) each
    finally:
        hook.remove()
        model.train(was_training)
    mask: AttentionMask = seen["mask"]
    q, k, v = q[0, head].float(), k[0, head].float(), v[0, head].float()  # (T_q, D), (T_k, D), (T_k, D)
    length_q, length_k, d_k = q.shape[0], k.shape[0], q.shape[1]
    raw = q @ k.T  # (T_q, T_k)
    scaled = raw / math.sqrt(d_k)
    bias = None if mask.bias is None else mask.bias[0, head].float().expand(length_q, length_k)
    allowed = torch.ones(length_q, length_k, dtype=torch.bool, device=q.device)
    if mask.allowed is not None:
        allowed = mask.allowed[0, 0].expand(length_q, length_k)

    def softmax_at(factor: float) -> Tensor:
        scores = scaled * factor + (bias if bias is not None else 0.0)
        return torch.softmax(scores.masked_fill(~allowed, float("-inf")), dim=-1)

    weights = softmax_at(1.0)
    # What each key adds to the output: its value through this head's slice of the output projection (the
    # projection's bias is not any key's), scaled by its weight.
    width = module.out_proj.in_features
    spread = torch.zeros(length_k, width, device=q.device)
    spread[:, head * d_k:(head + 1) * d_k] = v
    zero = torch.zeros(1, width, device=q.device)
    transformed = (module.out_proj(spread.to(module.out_proj.weight.dtype))
                   - module.out_proj(zero.to(module.out_proj.weight.dtype))).float()  # (T_k, C)
    contributions = weights * transformed.norm(dim=-1)[None, :]
    output_norms = (weights @ transformed).norm(dim=-1)
    what_ifs = []
    for label, factor in ((Message(say.NO_SCALING, {"factor": f"{math.sqrt(d_k):.3g}"}), math.sqrt(d_k)),
                          (Message(say.AS_TRAINED), 1.0),
                          (Message(say.SOFTER, {"factor": f"{1 / math.sqrt(d_k):.3g}"}), 1 / math.sqrt(d_k))):
        changed = softmax_at(factor)
        what_ifs.append(WhatIf(label, factor, _numpy(changed), float(_entropy(changed).mean()),
                               float(changed.max(-1).values.mean())))
    source_tokens = tuple(tokenizer.token_texts(source_ids))
    target_tokens = tuple(tokenizer.token_texts(target)) if target else source_tokens
    return AttentionStages(step=step, kind=kind, layer=layer, head=head,
                           queries=source_tokens if kind == "encoder" else target_tokens,
                           keys=target_tokens if kind == "decoder" else source_tokens, head_dim=d_k,
                           raw=_numpy(raw), scaled=_numpy(scaled),
                           bias=None if bias is None else _numpy(bias), allowed=allowed.cpu().numpy().copy(),
                           weights=_numpy(weights), contributions=_numpy(contributions),
                           output_norms=_numpy(output_norms), what_ifs=tuple(what_ifs))


def _numpy(tensor: Tensor) -> np.ndarray:
    return tensor.detach().float().cpu().numpy().astype(np.float32)


@torch.no_grad()
def position_views(model: Transformer, scheme: str, step: int) -> PositionViews:
    """The first stack's positions: the added table and its cosine similarities (learned, sinusoidal); the rotation
    frequencies and how alike a query and a key look at each offset, averaged over channels (rotary); the score
    bias per head (ALiBi, T5's relative buckets)."""
    stack_name = "encoder" if model.encoder is not None else "decoder"
    stack = model.encoder if model.encoder is not None else model.decoder
    length = model.max_seq_len
    table = frequencies = bias = None
    if scheme in ("learned", "sinusoidal"):
        table = stack.positions(length).float()  # (T, C)
        unit = torch.nn.functional.normalize(table, dim=-1)
        similarity = unit @ unit.T  # (T, T)
    elif scheme == "rotary":
        frequencies = stack.layers[0].self_attn.rotary.frequencies.float().cpu()  # (D/2,)
        offsets = torch.arange(length)[None, :] - torch.arange(length)[:, None]  # key − query
        # Rotating q and k by their positions leaves q·k depending on the offset alone: for q = k with equal
        # energy in every channel pair, q·k / |q|² is the mean of cos(offset × frequency).
        similarity = torch.cos(offsets[..., None] * frequencies).mean(-1)
    elif scheme in ("alibi", "relative"):
        mask = stack.self_attention_mask(length, next(model.parameters()).device, None, None, 0)
        bias = mask.bias[0].float()  # (H, T, T)
        similarity = bias.mean(0)
    else:
        raise DataError(refusals.NO_POSITION_VIEW, scheme=scheme)
    return PositionViews(step=step, scheme=scheme, stack=stack_name,
                         table=None if table is None else _numpy(table), similarity=_numpy(similarity),
                         frequencies=None if frequencies is None else _numpy(frequencies),
                         bias=None if bias is None else _numpy(bias))
