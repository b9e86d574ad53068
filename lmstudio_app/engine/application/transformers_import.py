"""Reading a local ``transformers`` checkpoint into a run of ours, so every view, the playground and every
fine-tuning strategy work on it.

Never a download: the source must be a folder on disk. Weights come from safetensors, or from
``pytorch_model.bin`` read with ``torch.load(weights_only=True)``, which refuses any pickle that
would run code. Each tensor goes through the same ``Link`` table export writes with, so a class
is read exactly as it is written; whatever has no exact counterpart is refused with a sentence.
"""

from __future__ import annotations

import json
import pickle
import re
import sqlite3
from dataclasses import asdict, dataclass
from pathlib import Path

import torch
from safetensors import SafetensorError
from safetensors.torch import load_file

from lmstudio_app.config import ExperimentConfig, from_dict, to_dict
from lmstudio_app.engine import checkpoint as ckpt
from lmstudio_app.engine.application.transformers_shapes import SHAPES
from lmstudio_app.engine.data.tokenizer import SENTINEL, TextTokenizer
from lmstudio_app.engine.model import Transformer, build_model
from lmstudio_app.engine.runs import RunFolder, fresh_run_dir
from lmstudio_app.errors import CheckpointError, ConfigError
from lmstudio_app.run_index import IMPORTED_FILE, RunIndex

# owner/name or name: what a hub id looks like, when no such folder exists
_HUB_ID = re.compile(r"[A-Za-z0-9][\w.-]*(/[\w.-]+)?")
_TOKENIZER_KINDS = {"WordPiece": "wordpiece", "Unigram": "unigram", "WordLevel": "char"}


@dataclass(frozen=True)
class ImportReport:
    run_dir: str
    architecture: str
    parameters: int
    added_tokens: tuple[str, ...]  # special tokens our objectives need that the tokenizer lacked
    ignored: tuple[str, ...]  # tensors of the checkpoint no part of this class reads (buffers, other heads)

    def describe(self) -> str:
        lines = [f"imported {self.architecture} ({self.parameters:,} parameters) as the run {self.run_dir}"]
        if self.added_tokens:
            lines.append(f"added {', '.join(self.added_tokens)} to the tokenizer (their embedding rows start at the "
                         f"mean of the others)")
        if self.ignored:
            shown = ", ".join(self.ignored[:4]) + (" …" if len(self.ignored) > 4 else "")
            lines.append(f"not read ({len(self.ignored)}): {shown}")
        return "\n".join(lines)


def import_transformers(source: str | Path, out: str | Path) -> ImportReport:
    """A new run in ``out`` holding the ``transformers`` checkpoint in ``source`` as its step-0 checkpoint."""
    folder = _source_folder(source)
    hf = _read_json(folder / "config.json", "config.json")
    architecture = _architecture(hf)
    weights = _read_weights(folder)
    embedding = SHAPES[architecture].embedding
    base, _, bare = embedding.partition(".")
    if embedding not in weights and bare in weights:  # saved from the bare base model (as the hub's gpt2 is)
        weights = {f"{base}.{name}": tensor for name, tensor in weights.items()}
    if embedding not in weights:
        raise CheckpointError(f"{architecture}: the weights lack its token embedding ({embedding})")
    vocab_rows = weights[embedding].shape[0]
    tokenizer = _read_tokenizer(folder)
    config = _config(hf, architecture, tokenizer, folder, vocab_rows)
    model = build_model(config)
    ignored = _load(model, config, architecture, weights, vocab_rows)
    added = tuple(tokenizer.backend.id_to_token(i) for i in range(vocab_rows, tokenizer.vocab_size))
    run = RunFolder(Path(out), resume=False)
    run.claim()
    keep = False
    try:
        run.create(config, tokenizer)
        optimizer = torch.optim.AdamW(model.parameters())  # no state yet: a fine-tune or resume starts it
        ckpt.save_checkpoint(run.path, model, optimizer, ckpt.TrainerState(step=0))
        report = ImportReport(str(run.path), architecture, sum(p.numel() for p in model.parameters()), added,
                              tuple(ignored))
        (run.path / IMPORTED_FILE).write_text(json.dumps({"source": str(folder.resolve()), **asdict(report)},
                                                         indent=1), encoding="utf-8")
        keep = True
    finally:
        run.release(keep)
    _index(run.path)
    return report


def imported_run_dir(source: str | Path) -> Path:
    """A new folder under the runs folder, named after the checkpoint's folder."""
    return fresh_run_dir(f"{Path(source).expanduser().resolve().name}-imported")


def _source_folder(source: str | Path) -> Path:
    folder = Path(source).expanduser()
    if not folder.exists():
        if _HUB_ID.fullmatch(str(source)):
            raise ConfigError(f"{source}: no such folder. It reads like a Hugging Face hub id, and lmstudio never "
                              f"downloads: fetch it once with `huggingface-cli download {source} --local-dir DIR` "
                              f"(or save_pretrained), then import DIR")
        raise ConfigError(f"{source}: no such folder")
    if not folder.is_dir():
        raise ConfigError(f"{source}: is a file; give the folder that holds config.json and the weights")
    if not (folder / "config.json").is_file():
        raise ConfigError(f"{folder}: holds no config.json, so it is not a transformers checkpoint folder")
    return folder


def _read_json(path: Path, what: str) -> dict:
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ConfigError(f"{path}: cannot be read as {what} ({error})") from None
    if not isinstance(value, dict):
        raise ConfigError(f"{path}: {what} must be a JSON object")
    return value


def _architecture(hf: dict) -> str:
    named = hf.get("architectures") or []
    supported = [name for name in named if name in SHAPES]
    if not supported:
        what = ", ".join(named) if named else f"model_type '{hf.get('model_type', '?')}' with no architectures"
        raise ConfigError(f"{what}: not a class lmstudio reads. Supported: {', '.join(SHAPES)}")
    return supported[0]


def _read_weights(folder: Path) -> dict[str, torch.Tensor]:
    if (folder / "model.safetensors").is_file():
        try:
            return load_file(str(folder / "model.safetensors"))
        except (SafetensorError, OSError) as error:
            raise CheckpointError(f"{folder / 'model.safetensors'}: cannot be read ({error})") from None
    if any(folder.glob("model-*-of-*.safetensors")) or any(folder.glob("pytorch_model-*-of-*.bin")):
        raise CheckpointError(f"{folder}: the weights are split into shards; lmstudio reads one model.safetensors "
                              f"or pytorch_model.bin (save_pretrained with a larger max_shard_size joins them)")
    path = folder / "pytorch_model.bin"
    if not path.is_file():
        raise CheckpointError(f"{folder}: no weights (model.safetensors or pytorch_model.bin)")
    try:
        state = torch.load(path, map_location="cpu", weights_only=True)
    except pickle.UnpicklingError as error:
        first = str(error).strip().splitlines()[0] if str(error).strip() else "refused"
        raise CheckpointError(f"{path}: refused, it holds more than tensors and would run code to load "
                              f"({first[:160]}); nothing in it was executed") from None
    except (OSError, RuntimeError, EOFError) as error:
        raise CheckpointError(f"{path}: cannot be read ({error})") from None
    if not isinstance(state, dict) or not all(isinstance(t, torch.Tensor) for t in state.values()):
        raise CheckpointError(f"{path}: not a plain table of tensors")
    return state


def _read_tokenizer(folder: Path) -> TextTokenizer:
    if not (folder / "tokenizer.json").is_file():
        raise ConfigError(f"{folder}: no tokenizer.json (a fast tokenizer); save it with the model's tokenizer "
                          f"(tokenizer.save_pretrained) and import again")
    sentinels = 0
    tokenizer = TextTokenizer.load(folder / "tokenizer.json")
    while tokenizer.backend.token_to_id(SENTINEL.format(sentinels)) is not None:
        sentinels += 1
    return TextTokenizer.load(folder / "tokenizer.json", sentinels) if sentinels else tokenizer


def _config(hf: dict, architecture: str, tokenizer: TextTokenizer, folder: Path, vocab_rows: int) -> ExperimentConfig:
    sections = SHAPES[architecture].sections(hf)
    model = type(tokenizer.backend.model).__name__
    decoder = type(tokenizer.backend.decoder).__name__
    kind = "byte-bpe" if model == "BPE" and decoder == "ByteLevel" else "bpe" if model == "BPE" \
        else _TOKENIZER_KINDS.get(model)
    if kind is None:
        raise ConfigError(f"{folder / 'tokenizer.json'}: a {model} tokenizer, which lmstudio does not read")
    raw = to_dict(ExperimentConfig())
    raw["name"] = re.sub(r"[^A-Za-z0-9._-]+", "-", folder.resolve().name) or "imported"
    raw["tokenizer"] |= {"kind": kind, "vocab_size": max(tokenizer.vocab_size, 16),
                         "sentinels": len(tokenizer.special.sentinels)}
    for section, values in sections.items():
        raw[section] |= values
    raw["model"]["vocab_size"] = max(vocab_rows, tokenizer.vocab_size)
    raw["training"]["seq_len"] = min(raw["training"]["seq_len"], raw["model"]["max_seq_len"])
    try:
        return from_dict(raw)
    except ConfigError as error:
        raise ConfigError(f"{architecture} in {folder}: {error}") from None


@torch.no_grad()
def _load(model: Transformer, config: ExperimentConfig, architecture: str, weights: dict[str, torch.Tensor],
          vocab_rows: int) -> list[str]:
    """Copy every tensor into the model through the class's links; returns the names no link reads. Tokens the
    tokenizer added beyond the checkpoint's rows get the mean of the checkpoint's rows."""
    vocab = model.token_embedding.num_embeddings
    links = SHAPES[architecture].links(model, config)
    missing = [link.name for link in links if link.read and not link.optional and link.name not in weights]
    if missing:
        shown = ", ".join(missing[:4]) + (" …" if len(missing) > 4 else "")
        raise CheckpointError(f"{architecture}: the weights lack {len(missing)} tensors it needs ({shown})")
    for link in links:
        if not link.read or link.name not in weights:
            continue
        if vocab > vocab_rows and link.parts[0].shape[0] == vocab:  # the rows the checkpoint has
            link = type(link)(**{**link.__dict__, "parts": tuple(part[:vocab_rows] for part in link.parts)})
        link.load(weights[link.name])
    if vocab > vocab_rows:
        for parameter in _vocabulary_rows(model, vocab):
            parameter[vocab_rows:] = parameter[:vocab_rows].mean(0)
    read = {link.name for link in links if link.read}
    return sorted(set(weights) - read)


def _vocabulary_rows(model: Transformer, vocab: int) -> list[torch.Tensor]:
    """Parameters with one row per token: the embedding, and the heads' output layers where not tied to it."""
    found = {id(model.token_embedding.weight): model.token_embedding.weight}
    for head in model.heads.values():
        projection = getattr(head, "proj", None)
        if projection is not None:
            found.setdefault(id(projection.weight), projection.weight)
            if projection.bias is not None:
                found.setdefault(id(projection.bias), projection.bias)
    return [p for p in found.values() if p.shape[0] == vocab]


def _index(run_dir: Path) -> None:
    """The run index learns of the run now; if it cannot, it reads the folder back later (runs --rebuild-index)."""
    try:
        index = RunIndex()
        try:
            index.import_run(run_dir)
        finally:
            index.close()
    except (OSError, sqlite3.Error):
        pass
