"""What a model will cost, computed from its config alone (no torch needed).

The parameter count is exact: it mirrors the engine's builder, and a test
holds it equal to ``sum(p.numel())`` of the built model for every preset and
for random valid configs. FLOPs and memory are estimates with the usual
conventions (a multiply-add is two FLOPs; training is three forward passes).
"""

from __future__ import annotations

from dataclasses import dataclass

from lmstudio_app.config.objectives import (
    LM_HEAD,
    HeadSpec,
    pretraining_spec,
    vocabulary,
)
from lmstudio_app.config.positions import SCHEMES
from lmstudio_app.config.schema import ExperimentConfig, ModelConfig

GATED = ("swiglu", "geglu")
BYTES_PER_VALUE = {"fp32": 4, "bf16": 2, "fp16": 2}


def resolved_vocab_size(config: ExperimentConfig) -> int:
    """The embedding's row count: the model's own setting, else the tokenizer's target size."""
    return vocabulary(config)


def training_seq_len(config: ExperimentConfig) -> int:
    return config.training.seq_len or config.model.max_seq_len


def context_limit(model: ModelConfig) -> int | None:
    """The most tokens a stack reads at once: ``max_seq_len`` where positions come from a table that long (of
    vectors or of angles); none where they are offsets between tokens, which reach any length, as in transformers'
    T5: there ``max_seq_len`` is only the length training cuts text to."""
    return None if SCHEMES[model.position].reaches_any_length else model.max_seq_len


def decoder_layers(model: ModelConfig) -> int:
    return model.n_decoder_layers or model.n_layers


def ffn_width(model: ModelConfig) -> int:
    return model.d_ff or 4 * model.d_model


def classification_pooling(config: ExperimentConfig) -> str:
    """[CLS] for encoders, the last token for decoders (the only one that saw everything), else the mean."""
    if config.finetune.pooling != "auto":
        return config.finetune.pooling
    return {"encoder": "cls", "decoder": "last"}.get(config.model.family, "mean")


def head_specs(config: ExperimentConfig) -> dict[str, HeadSpec]:
    """The heads the experiment's objective (or fine-tuning task) needs, by name."""
    vocab = resolved_vocab_size(config)
    task = config.finetune.task
    labels = len(config.finetune.labels) or 2  # the data fills in the real label set before building
    if task in ("sequence-classification", "pair-classification"):
        return {"classifier": HeadSpec("sequence", labels, classification_pooling(config))}
    if task == "token-classification":
        return {"tagger": HeadSpec("token", labels)}
    if task == "seq2seq":
        return {LM_HEAD: HeadSpec("lm", vocab)}
    return pretraining_spec(config).heads(config)


# ---------------------------------------------------------------- parameters


def _linear(n_in: int, n_out: int, bias: bool) -> int:
    return n_in * n_out + (n_out if bias else 0)


def _norm(model: ModelConfig) -> int:
    if model.norm == "rmsnorm":
        return model.d_model
    return model.d_model * (2 if model.bias else 1)


def _attention(model: ModelConfig) -> int:
    return 4 * _linear(model.d_model, model.d_model, model.bias)


def _feed_forward(model: ModelConfig) -> int:
    d, f = model.d_model, ffn_width(model)
    return _linear(d, f * (2 if model.activation in GATED else 1), model.bias) + _linear(f, d, model.bias)


def _sublayer_norm(model: ModelConfig) -> int:
    return 0 if model.norm_position == "none" else _norm(model)


def layer_parameters(model: ModelConfig, cross_attention: bool) -> int:
    per_sublayer = _attention(model) + _sublayer_norm(model)
    return per_sublayer * (2 if cross_attention else 1) + _feed_forward(model) + _sublayer_norm(model)


def head_parameters(config: ExperimentConfig, spec: HeadSpec) -> int:
    m = config.model
    d = m.d_model
    projection = 0 if m.tie_embeddings else d * spec.outputs
    if spec.kind == "lm":
        return projection
    if spec.kind == "masked":
        return _linear(d, d, m.bias) + _norm(m) + projection + (spec.outputs if m.bias else 0)
    if spec.kind == "sequence":
        return _linear(d, d, m.bias) + _linear(d, spec.outputs, m.bias)
    return _linear(d, spec.outputs, m.bias)


@dataclass(frozen=True)
class ParameterRow:
    name: str
    count: int  # parameters in one such part
    repeat: int = 1  # how many identical parts

    @property
    def total(self) -> int:
        return self.count * self.repeat


def parameter_table(config: ExperimentConfig) -> list[ParameterRow]:
    """Parameters per part of the model, in the order data flows through it."""
    m = config.model
    rows = [ParameterRow("token embedding", resolved_vocab_size(config) * m.d_model)]
    stacks = []  # (name, settings, layers, cross-attention, segments)
    if m.family in ("encoder", "encoder-decoder"):
        stacks.append(("encoder", m, m.n_layers, False, True))
    if m.family == "decoder":
        stacks.append(("decoder", m, m.n_layers, False, True))
    if m.family == "encoder-decoder":
        stacks.append(("decoder", m, decoder_layers(m), True, False))
    for stack, settings, depth, cross, segments in stacks:
        rows.extend(_stack_rows(stack, settings, depth, cross, segments))
    for name, spec in head_specs(config).items():
        rows.append(ParameterRow(f"{name} head", head_parameters(config, spec)))
    companion = companion_stack(config)
    if companion is not None:
        rows.extend(_stack_rows(pretraining_spec(config).companion_name, companion, companion.n_layers, False, True))
    if config.finetune.task and config.finetune.strategy == "lora":
        rows.append(ParameterRow("LoRA adapters", lora_parameters(config)))
    objective = pretraining_spec(config)
    if objective is not None:
        rows.extend(ParameterRow(what, count) for what, count in objective.parameters(config))
    return rows


def _stack_rows(stack: str, m: ModelConfig, depth: int, cross: bool, segments: bool) -> list[ParameterRow]:
    rows = [ParameterRow(f"{stack} {what}", count) for what, count in SCHEMES[m.position].parameters(m)]
    if m.n_segments and segments:
        rows.append(ParameterRow(f"{stack} segments", m.n_segments * m.d_model))
    if m.norm_position == "post":
        rows.append(ParameterRow(f"{stack} input norm", _norm(m)))
    rows.append(ParameterRow(f"{stack} layer", layer_parameters(m, cross), depth))
    if m.norm_position == "pre":
        rows.append(ParameterRow(f"{stack} final norm", _norm(m)))
    return rows


def companion_stack(config: ExperimentConfig) -> ModelConfig | None:
    """The settings of the second encoder stack the pretraining objective trains beside the model (ELECTRA's
    generator), or None."""
    objective = pretraining_spec(config)
    return None if objective is None else objective.companion(config)


def uses_query_stream(config: ExperimentConfig) -> bool:
    """Permutation LM pretraining reads positions through a second, query stream that starts from one learned
    vector (XLNet's two-stream attention)."""
    objective = pretraining_spec(config)
    return objective is not None and objective.query_stream


def lora_shapes(model: ModelConfig) -> dict[str, tuple[int, int]]:
    """(in, out) of each projection LoRA can adapt."""
    d, hidden = model.d_model, ffn_width(model)
    up = hidden * (2 if model.activation in GATED else 1)
    return {"q": (d, d), "k": (d, d), "v": (d, d), "o": (d, d), "up": (d, up), "down": (hidden, d)}


def lora_parameters(config: ExperimentConfig) -> int:
    """Adapters A (r × in) and B (out × r) on each targeted projection of every layer, cross-attention included."""
    m, f = config.model, config.finetune
    shapes = lora_shapes(m)
    per_layer = sum(f.lora_rank * sum(shapes[t]) for t in f.lora_targets)
    attention = sum(f.lora_rank * sum(shapes[t]) for t in f.lora_targets if t in ("q", "k", "v", "o"))
    layers = m.n_layers + (decoder_layers(m) if m.family == "encoder-decoder" else 0)
    cross = decoder_layers(m) * attention if m.family == "encoder-decoder" else 0
    return layers * per_layer + cross


def parameter_count(config: ExperimentConfig) -> int:
    return sum(row.total for row in parameter_table(config))


# ---------------------------------------------------------------- compute and memory


def forward_flops_per_token(config: ExperimentConfig, seq_len: int | None = None) -> int:
    """Forward FLOPs per position of a training sequence, through every stack and the heads.

    Matrix multiplies cost 2 FLOPs per weight; attention scores and the weighted
    sum cost 4·T_k·d per query (counted over all keys, as in PaLM's estimate).
    """
    m = config.model
    length = seq_len or training_seq_len(config)
    d = m.d_model
    stacks = decoder_layers(m) + m.n_layers if m.family == "encoder-decoder" else m.n_layers
    flops = stacks * _layer_flops(m, length)
    if m.family == "encoder-decoder":
        flops += decoder_layers(m) * (8 * d * d + 4 * length * d)
    for spec in head_specs(config).values():
        flops += 2 * d * spec.outputs + (2 * d * d if spec.kind in ("masked", "sequence") else 0)
    companion = companion_stack(config)
    if companion is not None:  # its layers, and its prediction through the embedding's width onto the vocabulary
        flops += companion.n_layers * _layer_flops(companion, length)
        flops += 2 * companion.d_model * d + 2 * d * resolved_vocab_size(config)
    return flops


def _layer_flops(m: ModelConfig, length: int) -> int:
    d = m.d_model
    attention_matmuls = 4 * d * d
    ffn_matmuls = d * ffn_width(m) * (3 if m.activation in GATED else 2)
    return 2 * (attention_matmuls + ffn_matmuls) + 4 * length * d


def training_flops_per_token(config: ExperimentConfig, seq_len: int | None = None) -> int:
    """Forward plus backward (twice the forward)."""
    return 3 * forward_flops_per_token(config, seq_len)


RUNTIME_BYTES = 100 * 2**20  # what PyTorch itself holds once training runs (kernels, thread pools, allocator)


@dataclass(frozen=True)
class MemoryEstimate:
    parameters: int  # bytes
    gradients: int
    optimizer: int
    activations: int  # stored for the backward pass, plus the backward's own peak at the output layer
    runtime: int = RUNTIME_BYTES

    @property
    def total(self) -> int:
        return self.parameters + self.gradients + self.optimizer + self.activations + self.runtime


def decoder_length(config: ExperimentConfig) -> int:
    """Tokens the decoder of an encoder-decoder reads per example, as its objective builds targets."""
    length = training_seq_len(config)
    objective = pretraining_spec(config)
    if objective is not None and objective.decoder_length is not None:
        return objective.decoder_length(config, length)
    return length + 1


def attention_materialized(config: ExperimentConfig) -> bool:
    """Whether attention stores its B·H·T·T weights: the fused kernel does not when it can run unmasked and
    without dropout; dropout, padding masks (encoders), prefix masks and a position scheme's bias on the scores
    make it store them."""
    m, objective = config.model, pretraining_spec(config)
    return (m.attention_dropout > 0 or m.family != "decoder" or SCHEMES[m.position].biases_scores
            or objective is None or objective.masks_attention)


def _layer_values(m: ModelConfig) -> int:
    """Values a layer stores per token, attention weights aside."""
    hidden = ffn_width(m) * (2 if m.activation in GATED else 1)
    return 10 * m.d_model + 3 * hidden + (2 * m.d_model if m.residual_dropout > 0 else 0)


def _stored_attention(m: ModelConfig) -> int:
    """Stored attention per token and key: scores' softmax, and with dropout the dropped copy and its mask, per
    head."""
    return (3 if m.attention_dropout > 0 else 2) * m.n_heads


def memory_estimate(config: ExperimentConfig, batch_size: int | None = None,
                    precision: str = "fp32") -> MemoryEstimate:
    """Bytes to train: fp32 weights, gradients and AdamW moments, stored activations, PyTorch's own share.

    Activations follow the usual accounting for a layer: about 10·d values per
    token for the attention sub-layer and 3 per hidden unit of the feed-forward
    block (2·d more with residual dropout), plus 2·H·T per token where attention
    stores its weights (3·H·T with attention dropout); at the output,
    four values per logit (the stored log-probabilities and the backward's
    buffers). Checked against measured peaks by benchmarks/memory_estimate.py.
    """
    m = config.model
    batch = batch_size or config.training.batch_size
    length = training_seq_len(config)
    n = parameter_count(config)
    value = BYTES_PER_VALUE[precision]
    stored = _stored_attention(m) if attention_materialized(config) else 0
    layer = _layer_values(m)
    source_tokens = batch * length
    target = decoder_length(config) if m.family == "encoder-decoder" else length
    values = source_tokens * m.n_layers * (layer + stored * length)
    if uses_query_stream(config):  # permutation LM runs each layer for a content and a query stream
        values *= 2
    if m.family == "encoder-decoder":
        per_target = layer + stored * target + 6 * m.d_model + stored * length
        values += batch * target * decoder_layers(m) * per_target
    for spec in head_specs(config).values():
        positions = {"sequence": batch, "masked": int(source_tokens * config.objective.mask_probability) + batch,
                     "token": source_tokens}.get(spec.kind, batch * target)
        values += 4 * positions * spec.outputs
    companion = companion_stack(config)
    if companion is not None:  # an encoder: it stores its attention; and its masked-token logits
        per_token = _layer_values(companion) + _stored_attention(companion) * length
        values += source_tokens * companion.n_layers * per_token
        values += 4 * (int(source_tokens * config.objective.mask_probability) + batch) * resolved_vocab_size(config)
    return MemoryEstimate(parameters=4 * n, gradients=4 * n, optimizer=8 * n, activations=values * value)
