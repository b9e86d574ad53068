"""Writing a run as a folder that Hugging Face ``transformers`` loads with no custom code.

Only exact counterparts are written: a config HF cannot express is refused with a
sentence naming the knob and the setting that would export, never approximated.
Which configs those are is decided in ``config/exports.py``; how each class's
tensors and config keys correspond to ours, in ``transformers_shapes.py``.
The run's framing goes with it: the tokenizer's post-processor frames text as the app
does, ``config.json`` and ``generation_config.json`` carry its start, end and forced
tokens, and the tokens an imported checkpoint lacked (added for the app's own use) are
left out again, or, where the framing needs them, never generated.
Nothing here imports ``transformers``: the folder is plain JSON and safetensors.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import torch
from safetensors.torch import save_file
from tokenizers import Tokenizer

from lmstudio_app.config import error_messages as refusals
from lmstudio_app.config.exports import transformers_class
from lmstudio_app.config.framing import Framing, task_framing
from lmstudio_app.engine.application.transformers_shapes import SHAPES
from lmstudio_app.engine.application.transformers_tokenizers import AS_WRITTEN, frames_like, post_processor
from lmstudio_app.engine.data.tokenizer import ROLES, library_errors
from lmstudio_app.engine.build import build_model
from lmstudio_app.engine.model import Transformer
from lmstudio_app.engine.runs import ModelHandle

TRANSFORMERS_FILES = {"model.safetensors", "config.json", "generation_config.json", "tokenizer.json",
                      "tokenizer_config.json", "special_tokens_map.json"}


def write_transformers(handle: ModelHandle, folder: Path) -> str:
    """Write ``handle``'s model, tokenizer and framing into ``folder`` as ``transformers`` files; returns the
    class."""
    config = handle.config
    architecture = transformers_class(config)
    shape = SHAPES[architecture]
    family = config.model.family
    framing = task_framing(handle.tokenizer.framing_for(family), family, config.finetune.task)
    rows = _exported_rows(handle, framing)
    config, model = _with_rows(config, handle.model, rows)
    hf_config = {"architectures": [architecture], "model_type": shape.model_type, "vocab_size": rows,
                 "tie_word_embeddings": config.model.tie_embeddings, "torch_dtype": "float32",
                 "initializer_range": 0.02, **framing.token_ids} | shape.hf_config(config, model)
    # every tensor its own fp32 CPU copy: safetensors refuses shared storage (tied or sliced weights)
    weights = {link.name: link.value().float().contiguous().cpu().clone()
               for link in shape.links(model, config, hf_config) if link.written}
    save_file(weights, str(folder / "model.safetensors"), metadata={"format": "pt"})
    (folder / "config.json").write_text(json.dumps(hf_config, indent=2), encoding="utf-8")
    (folder / "generation_config.json").write_text(json.dumps(_generation_config(framing, family, rows), indent=2),
                                                   encoding="utf-8")
    _write_tokenizer(handle, framing, rows, folder, config.model.max_seq_len)
    return architecture


def _used(framing: Framing) -> set[int]:
    """The tokens the framing itself puts in front of the model or ends its answers with."""
    pieces = {piece for piece in framing.single + framing.pair if isinstance(piece, int)}
    return pieces | set(framing.stop) | {framing.decoder_start, framing.forced_bos, framing.forced_eos} - {None}


def _exported_rows(handle: ModelHandle, framing: Framing) -> int:
    """The vocabulary written: the model's, less the tokens added for roles an imported checkpoint lacked, where
    they come last and nothing the framing writes uses them (written back as they came)."""
    rows = handle.model.token_embedding.num_embeddings
    dropped = set(framing.unlearned) - _used(framing)
    added = {token["id"] for token in json.loads(handle.tokenizer.to_json()).get("added_tokens", [])}
    while rows - 1 in dropped and rows - 1 in added:
        rows -= 1
    return rows


@torch.no_grad()
def _with_rows(config, model: Transformer, rows: int):
    """The config and model with ``rows`` vocabulary rows: the model itself, or a copy without the last rows."""
    if rows == model.token_embedding.num_embeddings:
        return config, model
    config = copy.deepcopy(config)
    config.model.vocab_size = rows
    trimmed = build_model(config)
    state = trimmed.state_dict()
    source = model.state_dict()
    trimmed.load_state_dict({name: source[name][:rows] if source[name].shape != tensor.shape else source[name]
                             for name, tensor in state.items()})
    return config, trimmed.eval()


def _generation_config(framing: Framing, family: str, rows: int) -> dict:
    """What transformers' ``generate`` reads: the framing's start, end and forced tokens, and the tokens the model
    never learned (kept only because the framing uses them) suppressed."""
    stop = list(framing.stop)
    generation = {"bos_token_id": framing.token_ids.get("bos_token_id"),
                  "pad_token_id": framing.token_ids.get("pad_token_id"),
                  "eos_token_id": stop[0] if len(stop) == 1 else stop or None,
                  "decoder_start_token_id": framing.decoder_start if family == "encoder-decoder" else None,
                  "forced_bos_token_id": framing.forced_bos, "forced_eos_token_id": framing.forced_eos,
                  "suppress_tokens": [token for token in framing.unlearned if token < rows] or None}
    return {key: value for key, value in generation.items() if value is not None}


def _write_tokenizer(handle: ModelHandle, framing: Framing, rows: int, folder: Path, max_len: int) -> None:
    """tokenizer.json framing text as the run does, and a tokenizer_config.json whose class (``AS_WRITTEN``)
    makes ``AutoTokenizer`` use it as written."""
    raw = json.loads(handle.tokenizer.to_json())
    raw["added_tokens"] = [token for token in raw.get("added_tokens", []) if token["id"] < rows]
    with library_errors(refusals.WRITING_TOKENIZER):
        backend = Tokenizer.from_str(json.dumps(raw))
        if not frames_like(backend, framing):
            backend.post_processor = post_processor(framing, backend)
    (folder / "tokenizer.json").write_text(backend.to_str(), encoding="utf-8")
    special = handle.tokenizer.special
    names = {role: backend.id_to_token(getattr(special, role)) for role in ROLES if getattr(special, role) < rows}
    roles: dict[str, object] = {f"{role}_token": token for role, token in names.items() if token}
    sentinels = [backend.id_to_token(i) for i in special.sentinels if i < rows]
    if sentinels:
        roles["additional_special_tokens"] = sentinels
    (folder / "special_tokens_map.json").write_text(json.dumps(roles, indent=2), encoding="utf-8")
    tokenizer_config = {"tokenizer_class": AS_WRITTEN, "model_max_length": max_len,
                        "clean_up_tokenization_spaces": False, **roles}
    (folder / "tokenizer_config.json").write_text(json.dumps(tokenizer_config, indent=2), encoding="utf-8")
