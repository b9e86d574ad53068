"""How each ``transformers`` class we read and write corresponds to our model, in both directions.

One ``Shape`` per class: its ``config.json`` written from our config, our config's
sections read from its ``config.json`` (refusing, with a sentence, any knob we have no
exact counterpart for), and the ``Link``s that name each of its tensors and say which
of our parameters it is made of. Export reads the links; import writes through them.
Nothing here imports ``transformers``: its files are plain JSON and safetensors.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import torch
from torch import Tensor

from lmstudio_app.config import error_messages as refusals
from lmstudio_app.config.messages import problem
from lmstudio_app.config.objectives import (CLM, DENOISING, ELECTRA, MASKED_LM_HEAD, MLM, NEXT_SENTENCE_HEAD,
                                            SPAN_CORRUPTION)
from lmstudio_app.config.positions import LEARNED, RELATIVE, ROTARY
from lmstudio_app.config.schema import TASK_DATASETS_KINDS, ExperimentConfig
from lmstudio_app.engine.model import Transformer
from lmstudio_app.errors import CheckpointError, ConfigError

# transformers' activation names for GELU, and which of our approximations each one is.
GELU_APPROXIMATION_OF = {"gelu": "none", "gelu_python": "none", "gelu_new": "tanh", "gelu_pytorch_tanh": "tanh",
                         "gelu_fast": "tanh"}
GELU_NAME = {"none": "gelu", "tanh": "gelu_new"}


@dataclass(frozen=True)
class Link:
    """One tensor of a ``transformers`` checkpoint, made of ``parts`` of ours (stacked along rows)."""

    name: str
    parts: tuple[Tensor, ...]
    transposed: bool = False  # GPT-2's Conv1D keeps (in, out) where our Linear keeps (out, in)
    leading_rows: int = 0  # rows it has before ours (BART's two reserved positions): zeros on export
    scale: float = 1.0  # it holds ours × scale (T5 has no 1/√d_k: that factor lives in its query weights)
    optional: bool = False  # a second copy of a tensor some checkpoints leave out
    constant: bool = False  # not a parameter of ours: written as is, and must hold exactly that when read
    read: bool = True  # False: a copy written for other readers, never read back
    written: bool = True  # False: read from checkpoints that have it, never written

    def value(self) -> Tensor:
        tensor = torch.cat([part.detach() for part in self.parts]) * self.scale
        if self.leading_rows:
            tensor = torch.cat([tensor.new_zeros(self.leading_rows, *tensor.shape[1:]), tensor])
        return tensor.T if self.transposed else tensor

    def shape(self) -> tuple[int, ...]:
        rows = sum(part.shape[0] for part in self.parts) + self.leading_rows
        shape = (rows, *self.parts[0].shape[1:])
        return tuple(reversed(shape)) if self.transposed else shape

    def load(self, tensor: Tensor) -> None:
        """Copy a checkpoint's tensor into our parameters; a constant is only checked."""
        if self.constant:
            if torch.count_nonzero(tensor):
                raise CheckpointError(refusals.NOT_ZEROS, name=self.name)
            return
        if tuple(tensor.shape) != self.shape():
            raise CheckpointError(refusals.WRONG_SHAPE, name=self.name, shape=tuple(tensor.shape), implied=self.shape())
        tensor = (tensor.T if self.transposed else tensor)[self.leading_rows:].to(torch.float32) / self.scale
        start = 0
        for part in self.parts:
            part.copy_(tensor[start:start + part.shape[0]])
            start += part.shape[0]


@dataclass(frozen=True)
class Shape:
    model_type: str
    embedding: str  # its token embedding's tensor: how many rows the checkpoint has
    hf_config: Callable[[ExperimentConfig, Transformer], dict]  # class-specific config.json keys
    sections: Callable[[dict], dict[str, dict]]  # our config's model/objective fields from its config.json
    # its tensors and ours, given its config.json (the checkpoint's on import, the one written on export)
    links: Callable[[Transformer, ExperimentConfig, dict], list[Link]]
    token_ids: dict[str, int]  # the config class's token ids where config.json leaves them out


def _ffn_width(model: Transformer) -> int:
    stack = model.decoder or model.encoder
    return stack.layers[0].ffn.down.in_features


def _gelu(name: str, knob: str) -> str:
    if name not in GELU_APPROXIMATION_OF:
        raise ConfigError(problem("", refusals.NO_GELU, knob=knob, name=name, read=", ".join(GELU_APPROXIMATION_OF)))
    return GELU_APPROXIMATION_OF[name]


def _refuse_unless(hf: dict, key: str, wanted, default) -> None:
    value = hf.get(key, default)
    if value != wanted:
        raise ConfigError(problem("", refusals.ONLY_READ, key=key, value=repr(value), wanted=repr(wanted)))


def _lm_head(model: Transformer, config: ExperimentConfig, name: str = "lm_head.weight") -> list[Link]:
    return [] if config.model.tie_embeddings else [Link(name, (model.heads["lm"].proj.weight,))]


def _pairs(pairs: list[tuple[str, object]], prefix: str, bias: bool = True) -> list[Link]:
    """weight (and bias) links of modules that keep our layout, under ``prefix``."""
    links, lead = [], f"{prefix}." if prefix else ""
    for theirs, ours in pairs:
        links.append(Link(f"{lead}{theirs}.weight", (ours.weight,)))
        if bias:
            links.append(Link(f"{lead}{theirs}.bias", (ours.bias,)))
    return links


# ---------------------------------------------------------------- GPT-2


def _gpt2_config(config: ExperimentConfig, model: Transformer) -> dict:
    m = config.model
    return {"n_positions": m.max_seq_len, "n_embd": m.d_model, "n_layer": m.n_layers, "n_head": m.n_heads,
            "n_inner": _ffn_width(model), "activation_function": GELU_NAME[m.gelu_approximation],
            "resid_pdrop": m.residual_dropout, "embd_pdrop": m.embedding_dropout, "attn_pdrop": m.attention_dropout,
            "layer_norm_epsilon": m.norm_eps, "scale_attn_weights": True}


def _gpt2_sections(hf: dict) -> dict[str, dict]:
    _refuse_unless(hf, "scale_attn_weights", True, True)
    _refuse_unless(hf, "scale_attn_by_inverse_layer_idx", False, False)
    width = hf.get("n_embd", 768)
    return {"model": {
        "family": "decoder", "position": LEARNED.name, "norm": "layernorm", "norm_position": "pre",
        "activation": "gelu", "bias": True, "n_segments": 0,
        "gelu_approximation": _gelu(hf.get("activation_function", "gelu_new"), "activation_function"),
        "d_model": width, "n_heads": hf.get("n_head", 12), "n_layers": hf.get("n_layer", 12),
        "d_ff": hf.get("n_inner") or 4 * width, "max_seq_len": hf.get("n_positions", 1024),
        "norm_eps": hf.get("layer_norm_epsilon", 1e-5), "tie_embeddings": hf.get("tie_word_embeddings", True),
        "residual_dropout": hf.get("resid_pdrop", 0.1), "embedding_dropout": hf.get("embd_pdrop", 0.1),
        "attention_dropout": hf.get("attn_pdrop", 0.1)}, "objective": {"name": CLM.name}}


def _gpt2_links(model: Transformer, config: ExperimentConfig, hf: dict) -> list[Link]:
    decoder = model.decoder
    links = [Link("transformer.wte.weight", (model.token_embedding.weight,)),
             Link("transformer.wpe.weight", (decoder.positions.table.weight,)),
             Link("transformer.ln_f.weight", (decoder.final_norm.weight,)),
             Link("transformer.ln_f.bias", (decoder.final_norm.bias,))]
    for index, block in enumerate(decoder.layers):
        prefix, attention = f"transformer.h.{index}", block.self_attn
        projections = (attention.q_proj, attention.k_proj, attention.v_proj)
        links += [Link(f"{prefix}.attn.c_attn.weight", tuple(p.weight for p in projections), transposed=True),
                  Link(f"{prefix}.attn.c_attn.bias", tuple(p.bias for p in projections)),
                  Link(f"{prefix}.attn.c_proj.weight", (attention.out_proj.weight,), transposed=True),
                  Link(f"{prefix}.attn.c_proj.bias", (attention.out_proj.bias,)),
                  Link(f"{prefix}.mlp.c_fc.weight", (block.ffn.up.weight,), transposed=True),
                  Link(f"{prefix}.mlp.c_fc.bias", (block.ffn.up.bias,)),
                  Link(f"{prefix}.mlp.c_proj.weight", (block.ffn.down.weight,), transposed=True),
                  Link(f"{prefix}.mlp.c_proj.bias", (block.ffn.down.bias,))]
        links += _pairs([("ln_1", block.self_attn_norm), ("ln_2", block.ffn_norm)], prefix)
    return links + _lm_head(model, config)


# ---------------------------------------------------------------- Llama


def _llama_config(config: ExperimentConfig, model: Transformer) -> dict:
    m = config.model
    return {"hidden_size": m.d_model, "intermediate_size": _ffn_width(model), "num_hidden_layers": m.n_layers,
            "num_attention_heads": m.n_heads, "num_key_value_heads": m.n_heads, "head_dim": m.d_model // m.n_heads,
            "hidden_act": "silu", "max_position_embeddings": m.max_seq_len, "rms_norm_eps": m.norm_eps,
            "rope_theta": 10000.0, "attention_bias": False, "mlp_bias": False,
            "attention_dropout": m.attention_dropout}


def _llama_sections(hf: dict) -> dict[str, dict]:
    width, heads = hf.get("hidden_size", 4096), hf.get("num_attention_heads", 32)
    rope = hf.get("rope_parameters") or {"rope_type": (hf.get("rope_scaling") or {}).get("rope_type", "default"),
                                         "rope_theta": hf.get("rope_theta", 10000.0)}
    if rope.get("rope_type", "default") != "default" or rope.get("rope_theta", 10000.0) != 10000.0:
        raise ConfigError(problem("", refusals.ROPE, rope=rope))
    if (hf.get("num_key_value_heads") or heads) != heads:
        raise ConfigError(problem("", refusals.GROUPED_QUERY, count=hf["num_key_value_heads"]))
    if (hf.get("head_dim") or width // heads) != width // heads:
        raise ConfigError(problem("", refusals.HEAD_DIM, head_dim=hf["head_dim"]))
    for key, wanted, default in (("hidden_act", "silu", "silu"), ("attention_bias", False, False),
                                 ("mlp_bias", False, False)):
        _refuse_unless(hf, key, wanted, default)
    return {"model": {
        "family": "decoder", "position": ROTARY.name, "norm": "rmsnorm", "norm_position": "pre",
        "activation": "swiglu", "bias": False, "n_segments": 0, "d_model": width, "n_heads": heads,
        "n_layers": hf.get("num_hidden_layers", 32), "d_ff": hf.get("intermediate_size", 11008),
        "max_seq_len": hf.get("max_position_embeddings", 2048), "norm_eps": hf.get("rms_norm_eps", 1e-6),
        "tie_embeddings": hf.get("tie_word_embeddings", False), "embedding_dropout": 0.0, "residual_dropout": 0.0,
        "attention_dropout": hf.get("attention_dropout", 0.0)}, "objective": {"name": CLM.name}}


def _llama_links(model: Transformer, config: ExperimentConfig, hf: dict) -> list[Link]:
    links = [Link("model.embed_tokens.weight", (model.token_embedding.weight,)),
             Link("model.norm.weight", (model.decoder.final_norm.weight,))]
    for index, block in enumerate(model.decoder.layers):
        prefix, attention = f"model.layers.{index}", block.self_attn
        value, gate = block.ffn.up.weight.chunk(2, dim=0)  # our SwiGLU's up holds Llama's up rows, then its gate
        links += _pairs([("self_attn.q_proj", attention.q_proj), ("self_attn.k_proj", attention.k_proj),
                         ("self_attn.v_proj", attention.v_proj), ("self_attn.o_proj", attention.out_proj),
                         ("input_layernorm", block.self_attn_norm), ("post_attention_layernorm", block.ffn_norm),
                         ("mlp.down_proj", block.ffn.down)], prefix, bias=False)
        links += [Link(f"{prefix}.mlp.up_proj.weight", (value,)), Link(f"{prefix}.mlp.gate_proj.weight", (gate,))]
    return links + _lm_head(model, config)


# ---------------------------------------------------------------- BERT


def _bert_config(config: ExperimentConfig, model: Transformer) -> dict:
    m, labels = config.model, config.finetune.labels
    hf = {"hidden_size": m.d_model, "num_hidden_layers": m.n_layers, "num_attention_heads": m.n_heads,
          "intermediate_size": _ffn_width(model), "hidden_act": GELU_NAME[m.gelu_approximation],
          "hidden_dropout_prob": m.residual_dropout, "attention_probs_dropout_prob": m.attention_dropout,
          "max_position_embeddings": m.max_seq_len, "type_vocab_size": max(m.n_segments, 1),
          "layer_norm_eps": m.norm_eps, "position_embedding_type": "absolute"}
    if config.finetune.task:  # a classifier or tagger: its labels by output index
        hf |= {"id2label": dict(enumerate(labels)), "label2id": {label: i for i, label in enumerate(labels)}}
    return hf


def _bert_sections(hf: dict, head: str) -> dict[str, dict]:
    """``head``: "mlm", "nsp" (MLM and next-sentence prediction), "sequence" or "token" (fine-tuned), or
    ENCODER_ONLY (ELECTRA's discriminator: its own head and its generator start afresh on import)."""
    _refuse_unless(hf, "position_embedding_type", "absolute", "absolute")
    dropout = hf.get("hidden_dropout_prob", 0.1)
    sections = {"model": {
        "family": "encoder", "position": LEARNED.name, "norm": "layernorm", "norm_position": "post",
        "activation": "gelu", "bias": True, "gelu_approximation": _gelu(hf.get("hidden_act", "gelu"), "hidden_act"),
        "d_model": hf.get("hidden_size", 768), "n_heads": hf.get("num_attention_heads", 12),
        "n_layers": hf.get("num_hidden_layers", 12), "d_ff": hf.get("intermediate_size", 3072),
        "max_seq_len": hf.get("max_position_embeddings", 512), "n_segments": hf.get("type_vocab_size", 2),
        "norm_eps": hf.get("layer_norm_eps", 1e-12), "tie_embeddings": hf.get("tie_word_embeddings", True),
        "residual_dropout": dropout, "embedding_dropout": dropout,
        "attention_dropout": hf.get("attention_probs_dropout_prob", 0.1)},
        "objective": {"name": ELECTRA.name if head == ENCODER_ONLY else MLM.name,
                      "next_sentence_prediction": head == NEXT_SENTENCE_HEAD}}
    if head in ("sequence", "token"):
        names = hf.get("id2label") or {i: f"LABEL_{i}" for i in range(hf.get("num_labels", 2))}
        labels = [str(names[key]) for key in sorted(names, key=int)]
        task = "sequence-classification" if head == "sequence" else "token-classification"
        # a built-in dataset of the same kind keeps the config valid; fine-tuning it further names its own data
        dataset = next(name for name, kind in TASK_DATASETS_KINDS.items() if kind == task)
        sections["finetune"] = {"task": task, "labels": labels, "dataset": dataset,
                                "pooling": "cls" if head == "sequence" else "auto"}
    return sections


def _bert_links(model: Transformer, config: ExperimentConfig, hf: dict) -> list[Link]:
    """Without segment embeddings, one all-zero token-type row keeps BERT's sum exact."""
    encoder, width = model.encoder, config.model.d_model
    segments = (Link("bert.embeddings.token_type_embeddings.weight", (encoder.segments.weight,))
                if encoder.segments is not None else
                Link("bert.embeddings.token_type_embeddings.weight", (torch.zeros(1, width),), constant=True))
    links = [Link("bert.embeddings.word_embeddings.weight", (model.token_embedding.weight,)),
             Link("bert.embeddings.position_embeddings.weight", (encoder.positions.table.weight,)), segments]
    links += _pairs([("LayerNorm", encoder.input_norm)], "bert.embeddings")
    for index, block in enumerate(encoder.layers):
        attention = block.self_attn
        links += _pairs([("attention.self.query", attention.q_proj), ("attention.self.key", attention.k_proj),
                         ("attention.self.value", attention.v_proj), ("attention.output.dense", attention.out_proj),
                         ("intermediate.dense", block.ffn.up), ("output.dense", block.ffn.down),
                         ("attention.output.LayerNorm", block.self_attn_norm), ("output.LayerNorm", block.ffn_norm)],
                        f"bert.encoder.layer.{index}")
    heads = model.heads
    if MASKED_LM_HEAD in heads:
        mlm = heads[MASKED_LM_HEAD]
        links += _pairs([("dense", mlm.dense), ("LayerNorm", mlm.norm)], "cls.predictions.transform")
        links += [Link("cls.predictions.bias", (mlm.proj.bias,)),
                  Link("cls.predictions.decoder.bias", (mlm.proj.bias,), optional=True)]  # its own key since v5
        if not config.model.tie_embeddings:
            links.append(Link("cls.predictions.decoder.weight", (mlm.proj.weight,)))
    if NEXT_SENTENCE_HEAD in heads:  # BERT's pooler (dense + tanh on [CLS]) and its next-sentence classifier
        nsp = heads[NEXT_SENTENCE_HEAD]
        links += _pairs([("pooler.dense", nsp.dense)], "bert") + _pairs([("seq_relationship", nsp.out)], "cls")
    if "classifier" in heads:  # the pooler again, then BertForSequenceClassification's classifier
        links += _pairs([("pooler.dense", heads["classifier"].dense)], "bert")
        links += _pairs([("classifier", heads["classifier"].out)], "")
    if "tagger" in heads:
        links += _pairs([("classifier", heads["tagger"].out)], "")
    return links


# ---------------------------------------------------------------- BART


def _bart_config(config: ExperimentConfig, model: Transformer) -> dict:
    m = config.model
    width = _ffn_width(model)
    return {"d_model": m.d_model, "encoder_layers": m.n_layers, "decoder_layers": len(model.decoder.layers),
            "encoder_attention_heads": m.n_heads, "decoder_attention_heads": m.n_heads, "encoder_ffn_dim": width,
            "decoder_ffn_dim": width, "activation_function": GELU_NAME[m.gelu_approximation],
            "dropout": m.residual_dropout, "attention_dropout": m.attention_dropout, "activation_dropout": 0.0,
            "max_position_embeddings": m.max_seq_len, "scale_embedding": False, "is_encoder_decoder": True}


def _bart_sections(hf: dict) -> dict[str, dict]:
    for key, wanted, default in (("scale_embedding", False, False), ("normalize_before", False, False),
                                 ("add_final_layer_norm", False, False)):
        _refuse_unless(hf, key, wanted, default)
    for encoder_key, decoder_key, default in (("encoder_attention_heads", "decoder_attention_heads", 16),
                                              ("encoder_ffn_dim", "decoder_ffn_dim", 4096)):
        if hf.get(encoder_key, default) != hf.get(decoder_key, default):
            raise ConfigError(problem("", refusals.STACKS_DIFFER, encoder_key=encoder_key,
                                      encoder=hf.get(encoder_key, default), decoder_key=decoder_key,
                                      decoder=hf.get(decoder_key, default)))
    dropout = hf.get("dropout", 0.1)
    return {"model": {
        "family": "encoder-decoder", "position": LEARNED.name, "norm": "layernorm", "norm_position": "post",
        "activation": "gelu", "bias": True, "n_segments": 0,
        "gelu_approximation": _gelu(hf.get("activation_function", "gelu"), "activation_function"),
        "d_model": hf.get("d_model", 1024), "n_heads": hf.get("encoder_attention_heads", 16),
        "n_layers": hf.get("encoder_layers", 12), "n_decoder_layers": hf.get("decoder_layers", 12),
        "d_ff": hf.get("encoder_ffn_dim", 4096), "max_seq_len": hf.get("max_position_embeddings", 1024),
        "norm_eps": 1e-5, "tie_embeddings": hf.get("tie_word_embeddings", True), "residual_dropout": dropout,
        "embedding_dropout": dropout, "attention_dropout": hf.get("attention_dropout", 0.0)},
        "objective": {"name": DENOISING.name}}


def _bart_links(model: Transformer, config: ExperimentConfig, hf: dict) -> list[Link]:
    """Its learned positions start at row 2 (two rows reserved by fairseq); the post-norm stacks' input norms
    are its ``layernorm_embedding``."""
    embedding = model.token_embedding.weight
    links = [Link("model.shared.weight", (embedding,)),
             Link("final_logits_bias", (torch.zeros(1, embedding.shape[0]),), constant=True)]
    for side, stack in (("encoder", model.encoder), ("decoder", model.decoder)):
        links += [Link(f"model.{side}.embed_tokens.weight", (embedding,), optional=True),
                  Link(f"model.{side}.embed_positions.weight", (stack.positions.table.weight,), leading_rows=2)]
        links += _pairs([("layernorm_embedding", stack.input_norm)], f"model.{side}")
        for index, block in enumerate(stack.layers):
            parts = [("self_attn.q_proj", block.self_attn.q_proj), ("self_attn.k_proj", block.self_attn.k_proj),
                     ("self_attn.v_proj", block.self_attn.v_proj), ("self_attn.out_proj", block.self_attn.out_proj),
                     ("self_attn_layer_norm", block.self_attn_norm), ("fc1", block.ffn.up), ("fc2", block.ffn.down),
                     ("final_layer_norm", block.ffn_norm)]
            if block.cross_attn is not None:
                parts += [("encoder_attn.q_proj", block.cross_attn.q_proj),
                          ("encoder_attn.k_proj", block.cross_attn.k_proj),
                          ("encoder_attn.v_proj", block.cross_attn.v_proj),
                          ("encoder_attn.out_proj", block.cross_attn.out_proj),
                          ("encoder_attn_layer_norm", block.cross_attn_norm)]
            links += _pairs(parts, f"model.{side}.layers.{index}")
    return links + _lm_head(model, config)


# ---------------------------------------------------------------- T5

_T5_FEED_FORWARD = {"relu": ("relu", "none"), "gelu": ("gelu", "none"), "gelu_new": ("gelu", "tanh"),
                    "gated-gelu": ("geglu", "tanh"), "gated-gelu_new": ("geglu", "tanh"),
                    "gated-gelu_python": ("geglu", "none"), "gated-silu": ("swiglu", "none")}
_T5_FEED_FORWARD_NAME = {ours: name for name, ours in reversed(_T5_FEED_FORWARD.items())}


def _t5_config(config: ExperimentConfig, model: Transformer) -> dict:
    """T5 multiplies the decoder's output by 1/√d_model before an output layer tied to the embedding, unless its
    config says ``tie_word_embeddings: false`` (T5 v1.1): then it reads its own ``lm_head`` unscaled. Our output
    layer is either the embedding itself (written unscaled, with a copy as ``lm_head``), the embedding × 1/√d_model
    (an imported T5: written tied, as it came), or a layer of its own (written unscaled)."""
    m = config.model
    approximation = m.gelu_approximation if m.activation in ("gelu", "geglu") else "none"
    return {"d_model": m.d_model, "d_kv": m.d_model // m.n_heads, "d_ff": _ffn_width(model),
            "num_layers": m.n_layers, "num_decoder_layers": len(model.decoder.layers), "num_heads": m.n_heads,
            "relative_attention_num_buckets": m.relative_buckets,
            "relative_attention_max_distance": m.relative_max_distance, "dropout_rate": m.residual_dropout,
            "layer_norm_epsilon": m.norm_eps, "tie_word_embeddings": _scaled_tie(model, config),
            "feed_forward_proj": _T5_FEED_FORWARD_NAME[(m.activation, approximation)], "is_encoder_decoder": True}


@torch.no_grad()
def _scaled_tie(model: Transformer, config: ExperimentConfig) -> bool:
    """Whether our output layer is the embedding × 1/√d_model (to rounding): T5's tied, scaled output."""
    if config.model.tie_embeddings:
        return False
    embedding, head = model.token_embedding.weight, model.heads["lm"].proj.weight
    rescaled = head.float() * config.model.d_model ** 0.5
    return bool((rescaled - embedding.float()).abs().max() <= 1e-6 * embedding.float().abs().max().clamp_min(1e-30))


def _t5_sections(hf: dict) -> dict[str, dict]:
    width, heads = hf.get("d_model", 512), hf.get("num_heads", 8)
    if hf.get("d_kv", 64) * heads != width:
        raise ConfigError(problem("", refusals.D_KV, d_kv=hf.get("d_kv", 64), width=width // heads))
    projection = hf.get("feed_forward_proj", "relu")
    if projection not in _T5_FEED_FORWARD:
        raise ConfigError(problem("", refusals.FEED_FORWARD, projection=projection, read=", ".join(_T5_FEED_FORWARD)))
    activation, approximation = _T5_FEED_FORWARD[projection]
    dropout = hf.get("dropout_rate", 0.1)
    return {"model": {
        "family": "encoder-decoder", "position": RELATIVE.name, "norm": "rmsnorm", "norm_position": "pre",
        "activation": activation, "gelu_approximation": approximation, "bias": False, "n_segments": 0,
        "d_model": width, "n_heads": heads, "n_layers": hf.get("num_layers", 6),
        "n_decoder_layers": hf.get("num_decoder_layers") or hf.get("num_layers", 6), "d_ff": hf.get("d_ff", 2048),
        "relative_buckets": hf.get("relative_attention_num_buckets", 32),
        "relative_max_distance": hf.get("relative_attention_max_distance", 128), "max_seq_len": 512,
        "norm_eps": hf.get("layer_norm_epsilon", 1e-6), "residual_dropout": dropout, "embedding_dropout": dropout,
        "attention_dropout": dropout,
        # a scaled output layer cannot share the embedding's weights, and an untied one has its own
        "tie_embeddings": False},
        "objective": {"name": SPAN_CORRUPTION.name}}


def _t5_links(model: Transformer, config: ExperimentConfig, hf: dict) -> list[Link]:
    embedding, head = model.token_embedding.weight, model.heads["lm"].proj.weight
    links = [Link("shared.weight", (embedding,))]
    for side, stack in (("encoder", model.encoder), ("decoder", model.decoder)):
        links += [Link(f"{side}.embed_tokens.weight", (embedding,), optional=True),
                  Link(f"{side}.final_layer_norm.weight", (stack.final_norm.weight,)),
                  Link(f"{side}.block.0.layer.0.SelfAttention.relative_attention_bias.weight",
                       (stack.position_bias.table.weight,))]
        for index, block in enumerate(stack.layers):
            prefix = f"{side}.block.{index}.layer"
            sublayers = [("SelfAttention", block.self_attn, block.self_attn_norm)]
            if block.cross_attn is not None:
                sublayers.append(("EncDecAttention", block.cross_attn, block.cross_attn_norm))
            for number, (name, attention, norm) in enumerate(sublayers):
                links += [Link(f"{prefix}.{number}.{name}.q.weight", (attention.q_proj.weight,),
                               scale=attention.head_dim ** -0.5),
                          Link(f"{prefix}.{number}.{name}.k.weight", (attention.k_proj.weight,)),
                          Link(f"{prefix}.{number}.{name}.v.weight", (attention.v_proj.weight,)),
                          Link(f"{prefix}.{number}.{name}.o.weight", (attention.out_proj.weight,)),
                          Link(f"{prefix}.{number}.layer_norm.weight", (norm.weight,))]
            ffn, number = block.ffn, len(sublayers)
            if ffn.gated:  # our up holds the value rows (T5's wi_1), then the gate's (wi_0)
                value, gate = ffn.up.weight.chunk(2, dim=0)
                links += [Link(f"{prefix}.{number}.DenseReluDense.wi_0.weight", (gate,)),
                          Link(f"{prefix}.{number}.DenseReluDense.wi_1.weight", (value,))]
            else:
                links.append(Link(f"{prefix}.{number}.DenseReluDense.wi.weight", (ffn.up.weight,)))
            links += [Link(f"{prefix}.{number}.DenseReluDense.wo.weight", (ffn.down.weight,)),
                      Link(f"{prefix}.{number}.layer_norm.weight", (block.ffn_norm.weight,))]
    if config.model.tie_embeddings:  # written too, for transformers versions that read T5's output layer apart
        return links + [Link("lm_head.weight", (head,), read=False)]
    # Our output layer is T5's: shared (or its own lm_head where the checkpoint has one), × 1/√d_model where T5
    # scales the decoder's output first; on export it is written only where T5 reads it apart (unscaled).
    scale = config.model.d_model ** 0.5 if hf.get("tie_word_embeddings", True) is not False else 1.0
    return links + [Link("shared.weight", (head,), scale=scale, written=False),
                    Link("lm_head.weight", (head,), scale=scale, optional=True, written=scale == 1.0)]


_BERT_EMBEDDING = "bert.embeddings.word_embeddings.weight"
ENCODER_ONLY = "encoder"  # BertModel: no head of BERT's
# transformers' config classes' token ids, where a config.json leaves them out
_BART_IDS = {"bos_token_id": 0, "pad_token_id": 1, "eos_token_id": 2, "decoder_start_token_id": 2,
             "forced_eos_token_id": 2}
SHAPES = {
    "GPT2LMHeadModel": Shape("gpt2", "transformer.wte.weight", _gpt2_config, _gpt2_sections, _gpt2_links,
                             {"bos_token_id": 50256, "eos_token_id": 50256}),
    "LlamaForCausalLM": Shape("llama", "model.embed_tokens.weight", _llama_config, _llama_sections, _llama_links,
                              {"bos_token_id": 1, "eos_token_id": 2}),
    **{name: Shape("bert", _BERT_EMBEDDING, _bert_config, lambda hf, head=head: _bert_sections(hf, head),
                   _bert_links, {"pad_token_id": 0})
       for name, head in (("BertModel", ENCODER_ONLY), ("BertForMaskedLM", MASKED_LM_HEAD),
                          ("BertForPreTraining", NEXT_SENTENCE_HEAD),
                          ("BertForSequenceClassification", "sequence"), ("BertForTokenClassification", "token"))},
    "BartForConditionalGeneration": Shape("bart", "model.shared.weight", _bart_config, _bart_sections, _bart_links,
                                          _BART_IDS),
    "T5ForConditionalGeneration": Shape("t5", "shared.weight", _t5_config, _t5_sections, _t5_links,
                                        {"pad_token_id": 0, "eos_token_id": 1}),
}
