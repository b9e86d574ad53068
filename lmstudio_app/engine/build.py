"""Builder functions: an ``ExperimentConfig`` in, a ``Transformer`` out.

Each module gets its parts handed in; the choices the config makes (norm
kind, activation, positional scheme, tying) are taken here and nowhere else.
"""

from __future__ import annotations

import math

from torch import nn

from lmstudio_app.config import engine_messages as say
from lmstudio_app.config.messages import Message
from lmstudio_app.config.model_stats import (
    HeadSpec,
    context_limit,
    decoder_layers,
    ffn_width,
    head_specs,
    resolved_vocab_size,
)
from lmstudio_app.config.objectives import pretraining_spec
from lmstudio_app.config.positions import SCHEMES
from lmstudio_app.config.schema import ExperimentConfig, ModelConfig
from lmstudio_app.engine.model.attention import MultiHeadAttention
from lmstudio_app.engine.model.heads import LMHead, MLMHead, SequenceHead, TokenHead
from lmstudio_app.engine.model.layers import FeedForward, build_norm
from lmstudio_app.engine.model.positions import ENGINES as POSITION_ENGINES
from lmstudio_app.engine.objectives import ENGINES, ModelParts
from lmstudio_app.engine.model.lora import add_lora
from lmstudio_app.engine.model.transformer import Block, Stack, Transformer
from lmstudio_app.engine.progress import Progress, no_progress


# Weights that write into the residual stream get a smaller initial scale (GPT-2).
_RESIDUAL_OUTPUTS = ("out_proj.weight", "ffn.down.weight")


def build_model(config: ExperimentConfig, progress: Progress = no_progress) -> Transformer:
    """The model the config describes, freshly initialized. ``progress`` hears of each layer and each weight
    initialized, so a stop request (a progress callback that raises) need not wait for a large model."""
    m = config.model
    token_embedding = nn.Embedding(resolved_vocab_size(config), m.d_model)
    encoder = decoder = None
    if m.family in ("encoder", "encoder-decoder"):
        encoder = build_stack(m, n_layers=m.n_layers, causal=False, cross_attention=False, segments=True,
                              progress=progress)
    if m.family == "decoder":
        decoder = build_stack(m, n_layers=m.n_layers, causal=True, cross_attention=False, segments=True,
                              progress=progress)
    if m.family == "encoder-decoder":
        decoder = build_stack(m, n_layers=decoder_layers(m), causal=True, cross_attention=True, segments=False,
                              progress=progress)
    heads = {name: build_head(spec, m) for name, spec in head_specs(config).items()}
    scale = math.sqrt(m.d_model) if SCHEMES[m.position].scales_embeddings else 1.0
    model = Transformer(m.family, token_embedding, scale, encoder, decoder, heads, m.max_seq_len,
                        context_limit(m))
    objective = pretraining_spec(config)
    if objective is not None:
        ENGINES[objective.name].extend_model(model, config, ModelParts(stack=build_stack))
    initialize(model, m, progress)
    if m.tie_embeddings:
        for head in model.heads.values():
            if isinstance(head, (LMHead, MLMHead)):
                head.proj.weight = token_embedding.weight
    f = config.finetune
    if f.task and f.strategy == "lora":
        for stack in (model.encoder, model.decoder):
            if stack is not None:
                add_lora(stack, f.lora_targets, f.lora_rank, f.lora_alpha, f.lora_dropout)
    return model


def _reported(block: Block, progress: Progress) -> Block:
    progress(Message(say.BUILDING_MODEL), None)
    return block


def build_stack(m: ModelConfig, *, n_layers: int, causal: bool, cross_attention: bool, segments: bool,
                progress: Progress = no_progress) -> Stack:
    scheme = POSITION_ENGINES[m.position]
    rotation = scheme.rotation(m)  # one per stack, shared by its layers' self-attention
    return Stack(
        [_reported(build_block(m, rotation, cross_attention), progress) for _ in range(n_layers)],
        causal=causal,
        positions=scheme.input_table(m),
        segments=nn.Embedding(m.n_segments, m.d_model) if segments and m.n_segments else None,
        input_norm=_norm(m) if m.norm_position == "post" else None,
        final_norm=_norm(m) if m.norm_position == "pre" else None,
        dropout=m.embedding_dropout,
        position_bias=scheme.score_bias(m, bidirectional=not causal),
    )


def build_block(m: ModelConfig, rotation: nn.Module | None, cross_attention: bool) -> Block:
    def attention(rotation_for_this: nn.Module | None) -> MultiHeadAttention:
        return MultiHeadAttention(m.d_model, m.n_heads, bias=m.bias, dropout=m.attention_dropout,
                                  rotation=rotation_for_this)

    return Block(
        self_attn=attention(rotation),
        ffn=FeedForward(m.d_model, ffn_width(m), m.activation, m.bias, m.gelu_approximation),
        norms=[_norm(m) if m.norm_position != "none" else nn.Identity() for _ in range(3 if cross_attention else 2)],
        dropout=m.residual_dropout,
        pre_norm=m.norm_position != "post",
        residual=m.residual,
        cross_attn=attention(None) if cross_attention else None,
    )


def build_head(spec: HeadSpec, m: ModelConfig) -> nn.Module:
    if spec.kind == "lm":
        return LMHead(m.d_model, spec.outputs)
    if spec.kind == "masked":
        return MLMHead(m.d_model, spec.outputs, _norm(m), m.bias, m.gelu_approximation)
    if spec.kind == "sequence":
        return SequenceHead(m.d_model, spec.outputs, spec.pooling, m.bias, m.residual_dropout)
    return TokenHead(m.d_model, spec.outputs, m.bias, m.residual_dropout)


def initialize(model: nn.Module, m: ModelConfig, progress: Progress = no_progress) -> None:
    """Normal(0, σ) weights with σ = init_std, or 1/sqrt(d_model) by default; zero biases; outputs
    into the residual stream scaled by 1/sqrt(2·layers). GPT-2's fixed σ = 0.02 suits d_model ≈ 768;
    in small models it leaves attention uniform and a copy task unlearned for thousands of steps."""
    depth = sum(len(stack.layers) for stack in (model.encoder, model.decoder) if stack is not None)
    base_std = m.init_std or m.d_model ** -0.5
    residual_std = base_std / math.sqrt(2 * depth)
    for name, module in model.named_modules():
        if isinstance(module, (nn.Linear, nn.Embedding)):
            progress(Message(say.BUILDING_MODEL), None)
            std = residual_std if any(f"{name}.weight".endswith(s) for s in _RESIDUAL_OUTPUTS) else base_std
            nn.init.normal_(module.weight, mean=0.0, std=std)
            if getattr(module, "bias", None) is not None:
                nn.init.zeros_(module.bias)


def _norm(m: ModelConfig) -> nn.Module:
    return build_norm(m.norm, m.d_model, m.norm_eps, m.bias)
