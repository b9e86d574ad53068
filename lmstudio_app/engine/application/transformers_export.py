"""Writing a run as a folder that Hugging Face ``transformers`` loads with no custom code.

Only exact counterparts are written: a config HF cannot express is refused with a
sentence naming the knob and the setting that would export, never approximated.
Nothing here imports ``transformers``: the folder is plain JSON and safetensors.
Today: decoders shaped like GPT-2 (``GPT2LMHeadModel``) or Llama (``LlamaForCausalLM``), and
BERT-shaped encoders (``BertForMaskedLM``, or ``BertForPreTraining`` with next-sentence prediction);
which configs those are is decided in ``config/exports.py``.
"""

from __future__ import annotations

import json
from pathlib import Path

import torch
from safetensors.torch import save_file

from lmstudio_app.config.exports import transformers_class
from lmstudio_app.engine.data.tokenizer import ROLES
from lmstudio_app.engine.runs import ModelHandle

TRANSFORMERS_FILES = {"model.safetensors", "config.json", "tokenizer.json", "tokenizer_config.json",
                      "special_tokens_map.json"}
def write_transformers(handle: ModelHandle, folder: Path) -> str:
    """Write ``handle``'s model and tokenizer into ``folder`` as ``transformers`` files; returns the class."""
    config = handle.config
    architecture = transformers_class(config)
    m = config.model
    special = handle.tokenizer.special
    shared = {"architectures": [architecture], "vocab_size": handle.model.token_embedding.num_embeddings,
              "tie_word_embeddings": m.tie_embeddings, "bos_token_id": special.bos, "eos_token_id": special.eos,
              "pad_token_id": special.pad, "torch_dtype": "float32", "initializer_range": 0.02}
    stack = handle.model.decoder or handle.model.encoder
    ffn_width = stack.layers[0].ffn.down.in_features
    if architecture == "BartForConditionalGeneration":
        weights = _bart_weights(handle)
        hf_config = shared | {
            "model_type": "bart", "d_model": m.d_model, "encoder_layers": m.n_layers,
            "decoder_layers": len(handle.model.decoder.layers), "encoder_attention_heads": m.n_heads,
            "decoder_attention_heads": m.n_heads, "encoder_ffn_dim": ffn_width, "decoder_ffn_dim": ffn_width,
            "activation_function": "gelu", "dropout": m.residual_dropout, "attention_dropout": m.attention_dropout,
            "activation_dropout": 0.0, "max_position_embeddings": m.max_seq_len, "scale_embedding": False,
            "decoder_start_token_id": special.bos, "forced_eos_token_id": special.eos,
            "is_encoder_decoder": True}
    elif architecture.startswith("Bert"):
        weights = _bert_weights(handle)
        hf_config = shared | {
            "model_type": "bert", "hidden_size": m.d_model, "num_hidden_layers": m.n_layers,
            "num_attention_heads": m.n_heads, "intermediate_size": ffn_width, "hidden_act": "gelu",
            "hidden_dropout_prob": m.residual_dropout, "attention_probs_dropout_prob": m.attention_dropout,
            "max_position_embeddings": m.max_seq_len, "type_vocab_size": max(m.n_segments, 1),
            "layer_norm_eps": m.norm_eps, "position_embedding_type": "absolute"}
    elif architecture == "GPT2LMHeadModel":
        weights = _gpt2_weights(handle)
        hf_config = shared | {
            "model_type": "gpt2", "n_positions": m.max_seq_len, "n_embd": m.d_model, "n_layer": m.n_layers,
            "n_head": m.n_heads, "n_inner": ffn_width, "activation_function": "gelu",
            "resid_pdrop": m.residual_dropout, "embd_pdrop": m.embedding_dropout, "attn_pdrop": m.attention_dropout,
            "layer_norm_epsilon": m.norm_eps, "scale_attn_weights": True}
    else:
        weights = _llama_weights(handle)
        hf_config = shared | {
            "model_type": "llama", "hidden_size": m.d_model, "intermediate_size": ffn_width,
            "num_hidden_layers": m.n_layers, "num_attention_heads": m.n_heads, "num_key_value_heads": m.n_heads,
            "head_dim": m.d_model // m.n_heads, "hidden_act": "silu", "max_position_embeddings": m.max_seq_len,
            "rms_norm_eps": m.norm_eps, "rope_theta": 10000.0, "attention_bias": False, "mlp_bias": False,
            "attention_dropout": m.attention_dropout}
    save_file(weights, str(folder / "model.safetensors"), metadata={"format": "pt"})
    (folder / "config.json").write_text(json.dumps(hf_config, indent=2), encoding="utf-8")
    handle.tokenizer.save(folder / "tokenizer.json")
    names = {role: handle.tokenizer.backend.id_to_token(getattr(special, role)) for role in ROLES}
    roles = {f"{role}_token": token for role, token in names.items() if token}
    (folder / "special_tokens_map.json").write_text(json.dumps(roles, indent=2), encoding="utf-8")
    tokenizer_config = {"tokenizer_class": "PreTrainedTokenizerFast", "model_max_length": m.max_seq_len,
                        "add_bos_token": False, "add_eos_token": False, "clean_up_tokenization_spaces": False,
                        **roles}
    (folder / "tokenizer_config.json").write_text(json.dumps(tokenizer_config, indent=2), encoding="utf-8")
    return architecture


def _gpt2_weights(handle: ModelHandle) -> dict[str, torch.Tensor]:
    """GPT-2's tensor names and layouts: its Conv1D weights are (in, out), our Linear's (out, in)."""
    model = handle.model
    weights = {"transformer.wte.weight": model.token_embedding.weight,
               "transformer.wpe.weight": model.decoder.positions.table.weight}
    for index, block in enumerate(model.decoder.layers):
        prefix, attention = f"transformer.h.{index}", block.self_attn
        projections = (attention.q_proj, attention.k_proj, attention.v_proj)
        weights |= {
            f"{prefix}.ln_1.weight": block.self_attn_norm.weight, f"{prefix}.ln_1.bias": block.self_attn_norm.bias,
            f"{prefix}.attn.c_attn.weight": torch.cat([p.weight for p in projections]).T,
            f"{prefix}.attn.c_attn.bias": torch.cat([p.bias for p in projections]),
            f"{prefix}.attn.c_proj.weight": attention.out_proj.weight.T,
            f"{prefix}.attn.c_proj.bias": attention.out_proj.bias,
            f"{prefix}.ln_2.weight": block.ffn_norm.weight, f"{prefix}.ln_2.bias": block.ffn_norm.bias,
            f"{prefix}.mlp.c_fc.weight": block.ffn.up.weight.T, f"{prefix}.mlp.c_fc.bias": block.ffn.up.bias,
            f"{prefix}.mlp.c_proj.weight": block.ffn.down.weight.T, f"{prefix}.mlp.c_proj.bias": block.ffn.down.bias,
        }
    final = model.decoder.final_norm
    weights |= {"transformer.ln_f.weight": final.weight, "transformer.ln_f.bias": final.bias}
    return _with_head(handle, weights)


def _llama_weights(handle: ModelHandle) -> dict[str, torch.Tensor]:
    """Llama's names; our SwiGLU's up projection holds Llama's up (value) rows, then its gate rows."""
    model = handle.model
    weights = {"model.embed_tokens.weight": model.token_embedding.weight,
               "model.norm.weight": model.decoder.final_norm.weight}
    for index, block in enumerate(model.decoder.layers):
        prefix, attention = f"model.layers.{index}", block.self_attn
        value, gate = block.ffn.up.weight.chunk(2, dim=0)
        weights |= {
            f"{prefix}.input_layernorm.weight": block.self_attn_norm.weight,
            f"{prefix}.self_attn.q_proj.weight": attention.q_proj.weight,
            f"{prefix}.self_attn.k_proj.weight": attention.k_proj.weight,
            f"{prefix}.self_attn.v_proj.weight": attention.v_proj.weight,
            f"{prefix}.self_attn.o_proj.weight": attention.out_proj.weight,
            f"{prefix}.post_attention_layernorm.weight": block.ffn_norm.weight,
            f"{prefix}.mlp.up_proj.weight": value, f"{prefix}.mlp.gate_proj.weight": gate,
            f"{prefix}.mlp.down_proj.weight": block.ffn.down.weight,
        }
    return _with_head(handle, weights)


def _bert_weights(handle: ModelHandle) -> dict[str, torch.Tensor]:
    """BERT's names. Without segment embeddings a single all-zero token-type row keeps BERT's sum exact."""
    model, m = handle.model, handle.config.model
    encoder = model.encoder
    segments = encoder.segments.weight if encoder.segments is not None else torch.zeros(1, m.d_model)
    weights = {"bert.embeddings.word_embeddings.weight": model.token_embedding.weight,
               "bert.embeddings.position_embeddings.weight": encoder.positions.table.weight,
               "bert.embeddings.token_type_embeddings.weight": segments,
               "bert.embeddings.LayerNorm.weight": encoder.input_norm.weight,
               "bert.embeddings.LayerNorm.bias": encoder.input_norm.bias}
    for index, block in enumerate(encoder.layers):
        prefix, attention = f"bert.encoder.layer.{index}", block.self_attn
        for ours, theirs in ((attention.q_proj, "attention.self.query"), (attention.k_proj, "attention.self.key"),
                             (attention.v_proj, "attention.self.value"), (attention.out_proj, "attention.output.dense"),
                             (block.ffn.up, "intermediate.dense"), (block.ffn.down, "output.dense"),
                             (block.self_attn_norm, "attention.output.LayerNorm"),
                             (block.ffn_norm, "output.LayerNorm")):
            weights[f"{prefix}.{theirs}.weight"], weights[f"{prefix}.{theirs}.bias"] = ours.weight, ours.bias
    mlm = model.heads["mlm"]
    weights |= {"cls.predictions.transform.dense.weight": mlm.dense.weight,
                "cls.predictions.transform.dense.bias": mlm.dense.bias,
                "cls.predictions.transform.LayerNorm.weight": mlm.norm.weight,
                "cls.predictions.transform.LayerNorm.bias": mlm.norm.bias,
                "cls.predictions.bias": mlm.proj.bias,
                "cls.predictions.decoder.bias": mlm.proj.bias}  # its own key in transformers 5, tied before
    if not m.tie_embeddings:
        weights["cls.predictions.decoder.weight"] = mlm.proj.weight
    if "nsp" in model.heads:  # BERT's pooler (dense + tanh on [CLS]) and its next-sentence classifier
        nsp = model.heads["nsp"]
        weights |= {"bert.pooler.dense.weight": nsp.dense.weight, "bert.pooler.dense.bias": nsp.dense.bias,
                    "cls.seq_relationship.weight": nsp.out.weight, "cls.seq_relationship.bias": nsp.out.bias}
    return _copies(weights)


def _bart_weights(handle: ModelHandle) -> dict[str, torch.Tensor]:
    """BART's names. Its learned positions start at row 2 (two rows reserved by fairseq), so two zero rows lead;
    the post-norm stacks' input norms are its ``layernorm_embedding``."""
    model = handle.model
    weights = {"model.shared.weight": model.token_embedding.weight,
               "final_logits_bias": torch.zeros(1, model.token_embedding.num_embeddings)}
    for side, stack in (("encoder", model.encoder), ("decoder", model.decoder)):
        table = stack.positions.table.weight
        weights |= {f"model.{side}.embed_tokens.weight": model.token_embedding.weight,
                    f"model.{side}.embed_positions.weight": torch.cat([table.new_zeros(2, table.shape[1]), table]),
                    f"model.{side}.layernorm_embedding.weight": stack.input_norm.weight,
                    f"model.{side}.layernorm_embedding.bias": stack.input_norm.bias}
        for index, block in enumerate(stack.layers):
            prefix = f"model.{side}.layers.{index}"
            parts = [(block.self_attn.q_proj, "self_attn.q_proj"), (block.self_attn.k_proj, "self_attn.k_proj"),
                     (block.self_attn.v_proj, "self_attn.v_proj"), (block.self_attn.out_proj, "self_attn.out_proj"),
                     (block.self_attn_norm, "self_attn_layer_norm"), (block.ffn.up, "fc1"), (block.ffn.down, "fc2"),
                     (block.ffn_norm, "final_layer_norm")]
            if block.cross_attn is not None:
                parts += [(block.cross_attn.q_proj, "encoder_attn.q_proj"),
                          (block.cross_attn.k_proj, "encoder_attn.k_proj"),
                          (block.cross_attn.v_proj, "encoder_attn.v_proj"),
                          (block.cross_attn.out_proj, "encoder_attn.out_proj"),
                          (block.cross_attn_norm, "encoder_attn_layer_norm")]
            for ours, theirs in parts:
                weights[f"{prefix}.{theirs}.weight"], weights[f"{prefix}.{theirs}.bias"] = ours.weight, ours.bias
    return _with_head(handle, weights)


def _with_head(handle: ModelHandle, weights: dict[str, torch.Tensor]) -> dict[str, torch.Tensor]:
    """The output projection where it is not the token embedding itself, and every tensor as its own copy."""
    if not handle.config.model.tie_embeddings:
        weights["lm_head.weight"] = handle.model.heads["lm"].proj.weight
    return _copies(weights)


def _copies(weights: dict[str, torch.Tensor]) -> dict[str, torch.Tensor]:
    """Every tensor as its own fp32 CPU copy: safetensors refuses shared storage (tied or sliced weights)."""
    return {name: tensor.detach().float().contiguous().cpu().clone() for name, tensor in weights.items()}
