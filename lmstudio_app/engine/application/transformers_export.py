"""Writing a run as a folder that Hugging Face ``transformers`` loads with no custom code.

Only exact counterparts are written: a config HF cannot express is refused with a
sentence naming the knob and the setting that would export, never approximated.
Which configs those are is decided in ``config/exports.py``; how each class's
tensors and config keys correspond to ours, in ``transformers_shapes.py``.
Nothing here imports ``transformers``: the folder is plain JSON and safetensors.
"""

from __future__ import annotations

import json
from pathlib import Path

from safetensors.torch import save_file

from lmstudio_app.config.exports import transformers_class
from lmstudio_app.engine.application.transformers_shapes import SHAPES
from lmstudio_app.engine.data.tokenizer import ROLES
from lmstudio_app.engine.runs import ModelHandle

TRANSFORMERS_FILES = {"model.safetensors", "config.json", "tokenizer.json", "tokenizer_config.json",
                      "special_tokens_map.json"}


def write_transformers(handle: ModelHandle, folder: Path) -> str:
    """Write ``handle``'s model and tokenizer into ``folder`` as ``transformers`` files; returns the class."""
    config, model = handle.config, handle.model
    architecture = transformers_class(config)
    shape = SHAPES[architecture]
    special = handle.tokenizer.special
    hf_config = {"architectures": [architecture], "model_type": shape.model_type,
                 "vocab_size": model.token_embedding.num_embeddings, "tie_word_embeddings": config.model.tie_embeddings,
                 "bos_token_id": special.bos, "eos_token_id": special.eos, "pad_token_id": special.pad,
                 "torch_dtype": "float32", "initializer_range": 0.02} | shape.hf_config(config, model, special)
    # every tensor its own fp32 CPU copy: safetensors refuses shared storage (tied or sliced weights)
    weights = {link.name: link.value().float().contiguous().cpu().clone() for link in shape.links(model, config)}
    save_file(weights, str(folder / "model.safetensors"), metadata={"format": "pt"})
    (folder / "config.json").write_text(json.dumps(hf_config, indent=2), encoding="utf-8")
    handle.tokenizer.save(folder / "tokenizer.json")
    names = {role: handle.tokenizer.backend.id_to_token(getattr(special, role)) for role in ROLES}
    roles: dict[str, object] = {f"{role}_token": token for role, token in names.items() if token}
    if special.sentinels:
        roles["additional_special_tokens"] = [handle.tokenizer.backend.id_to_token(i) for i in special.sentinels]
    (folder / "special_tokens_map.json").write_text(json.dumps(roles, indent=2), encoding="utf-8")
    tokenizer_config = {"tokenizer_class": "PreTrainedTokenizerFast", "model_max_length": config.model.max_seq_len,
                        "add_bos_token": False, "add_eos_token": False, "clean_up_tokenization_spaces": False,
                        **roles}
    (folder / "tokenizer_config.json").write_text(json.dumps(tokenizer_config, indent=2), encoding="utf-8")
    return architecture
