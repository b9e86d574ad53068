"""Writing a run as a folder that Hugging Face ``transformers`` loads with no custom code.

Only exact counterparts are written: a config HF cannot express is refused with a
sentence naming the knob and the setting that would export, never approximated.
Nothing here imports ``transformers``: the folder is plain JSON and safetensors.
Today: decoders shaped like GPT-2 (learned positions, LayerNorm, GELU, pre-norm,
biases), as ``GPT2LMHeadModel``.
"""

from __future__ import annotations

import json
from pathlib import Path

import torch
from safetensors.torch import save_file

from lmstudio_app.config.exports import transformers_class
from lmstudio_app.engine.runs import ModelHandle

TRANSFORMERS_FILES = {"model.safetensors", "config.json", "tokenizer.json", "tokenizer_config.json",
                      "special_tokens_map.json"}
def write_transformers(handle: ModelHandle, folder: Path) -> str:
    """Write ``handle``'s model and tokenizer into ``folder`` as ``transformers`` files; returns the class."""
    config = handle.config
    architecture = transformers_class(config)
    save_file(_gpt2_weights(handle), str(folder / "model.safetensors"), metadata={"format": "pt"})
    m = config.model
    special = handle.tokenizer.special
    vocab = handle.model.token_embedding.num_embeddings
    hf_config = {
        "architectures": [architecture], "model_type": "gpt2", "vocab_size": vocab,
        "n_positions": m.max_seq_len, "n_embd": m.d_model, "n_layer": m.n_layers, "n_head": m.n_heads,
        "n_inner": handle.model.decoder.layers[0].ffn.down.in_features, "activation_function": "gelu",
        "resid_pdrop": m.residual_dropout, "embd_pdrop": m.embedding_dropout, "attn_pdrop": m.attention_dropout,
        "layer_norm_epsilon": m.norm_eps, "initializer_range": 0.02, "scale_attn_weights": True,
        "tie_word_embeddings": m.tie_embeddings, "bos_token_id": special.bos, "eos_token_id": special.eos,
        "pad_token_id": special.pad, "torch_dtype": "float32",
    }
    (folder / "config.json").write_text(json.dumps(hf_config, indent=2), encoding="utf-8")
    handle.tokenizer.save(folder / "tokenizer.json")
    names = {role: handle.tokenizer.backend.id_to_token(getattr(special, role)) for role in ("bos", "eos", "pad", "unk")}
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
    if not handle.config.model.tie_embeddings:
        weights["lm_head.weight"] = model.heads["lm"].proj.weight
    return {name: tensor.detach().float().contiguous().cpu().clone() for name, tensor in weights.items()}
