"""Reading a local ``transformers`` checkpoint into a run of ours, so every view, the playground and every
fine-tuning strategy work on it.

Never a download: the source is a folder on disk, or a model id found in the local Hugging Face cache (a
snapshot whose files are links into the cache's blobs; a link that leaves the folder, or the cache's
repository, is refused). Weights come from safetensors, or from ``pytorch_model.bin`` read with
``torch.load(weights_only=True)``, which refuses any pickle that would run code. Each tensor goes through the
same ``Link`` table export writes with, so a class is read exactly as it is written; whatever has no exact
counterpart is refused with a sentence. The tokenizer is read as ``transformers`` reads the folder, and the
framing (input template, decoder start, end tokens, roles the checkpoint lacks) is read from the checkpoint
and saved with the run (``framing.json``).
"""

from __future__ import annotations

import functools
import json
import os
import pickle
import re
import sqlite3
from dataclasses import asdict, dataclass
from pathlib import Path

import torch
from safetensors import SafetensorError
from safetensors.torch import load_file

from lmstudio_app.config import ExperimentConfig, from_dict, to_dict
from lmstudio_app.config import engine_messages as say
from lmstudio_app.config import error_messages as refusals
from lmstudio_app.config.framing import Framing
from lmstudio_app.config.messages import Message, problem
from lmstudio_app.config.model_stats import parameter_count
from lmstudio_app.engine import checkpoint as ckpt
from lmstudio_app.engine.application.transformers_shapes import SHAPES
from lmstudio_app.engine.application.transformers_tokenizers import (
    KNOWN_CLASSES,
    as_transformers_reads_it,
    class_of,
    role_names,
    templates,
)
from lmstudio_app.engine.data.tokenizer import ROLE_ALIASES, ROLE_TOKENS, ROLES, SENTINEL, TextTokenizer
from lmstudio_app.engine.build import build_model
from lmstudio_app.engine.model import Transformer
from lmstudio_app.engine.runs import RunFolder, fresh_run_dir
from lmstudio_app.errors import CheckpointError, ConfigError
from lmstudio_app.formatting import human
from lmstudio_app.machine import available_ram
from lmstudio_app.run_folder import IMPORTED_FILE
from lmstudio_app.run_index import RunIndex

# owner/name or name: what a hub id looks like, when no such folder exists
_HUB_ID = re.compile(r"[A-Za-z0-9][\w.-]*(/[\w.-]+)?")
_TOKENIZER_KINDS = {"WordPiece": "wordpiece", "Unigram": "unigram", "WordLevel": "char"}
# generation settings a checkpoint may carry that greedy decoding here does not apply (beam search and the like)
_NOT_APPLIED = {"num_beams": 1, "no_repeat_ngram_size": 0, "repetition_penalty": 1.0, "min_length": 0,
                "min_new_tokens": None, "suppress_tokens": None, "begin_suppress_tokens": None, "bad_words_ids": None}
_TOKEN_KEYS = ("bos_token_id", "eos_token_id", "pad_token_id", "sep_token_id", "decoder_start_token_id",
               "forced_bos_token_id", "forced_eos_token_id")


@dataclass(frozen=True)
class ImportReport:
    run_dir: str
    architecture: str
    parameters: int
    added_tokens: tuple[str, ...]  # special tokens our objectives need that the tokenizer lacked
    ignored: tuple[str, ...]  # tensors of the checkpoint no part of this class reads (buffers, other heads)
    framing: Message | None = None  # how the model reads text, in words
    notes: tuple[Message, ...] = ()  # what the app does differently from transformers with this checkpoint

    def lines(self) -> list[Message]:
        lines = [Message(say.IMPORTED, {"architecture": self.architecture, "parameters": f"{self.parameters:,}",
                                        "run": self.run_dir})]
        if self.framing:
            lines.append(self.framing)
        if self.added_tokens:
            lines.append(Message(say.ADDED_TOKENS, {"tokens": ", ".join(self.added_tokens)}))
        if self.ignored:
            shown = ", ".join(self.ignored[:4]) + (" …" if len(self.ignored) > 4 else "")
            lines.append(Message(say.NOT_READ, {"count": len(self.ignored), "names": shown}))
        return lines + list(self.notes)

    def describe(self) -> str:
        """In English, a line each, for the command line."""
        return "\n".join(line.english() for line in self.lines())

    def summary(self) -> Message:
        """Every line in one, for a status bar."""
        return functools.reduce(lambda first, then: Message(say.AND_THEN, {"first": first, "then": then}),
                                self.lines())


@dataclass(frozen=True)
class Source:
    """A checkpoint folder, and the folder its files' links may point into (itself, or a cache repository)."""

    folder: Path
    root: Path
    name: str

    def file(self, name: str) -> Path:
        """``name`` in the folder; a link to anything outside ``root`` is refused."""
        path = self.folder / name
        target = path.resolve()
        if path.is_symlink() or target != path.absolute():
            if not target.is_relative_to(self.root.resolve()):
                raise CheckpointError(refusals.LINK_OUTSIDE, path=path, target=target, root=self.root)
        return path


def import_transformers(source: str | Path, out: str | Path) -> ImportReport:
    """A new run in ``out`` holding the ``transformers`` checkpoint in ``source`` (a folder, or a model id in the
    local Hugging Face cache) as its step-0 checkpoint."""
    where = checkpoint_source(source)
    folder = where.folder
    hf = _read_json(where.file("config.json"), "config.json")
    architecture = _architecture(hf)
    shape = SHAPES[architecture]
    generation = _optional_json(where, "generation_config.json")
    settings = _optional_json(where, "special_tokens_map.json") | _optional_json(where, "tokenizer_config.json")
    backend, tokenizer_class = _read_tokenizer(where, settings, shape.model_type)
    _check_memory(where, hf, architecture, backend.get_vocab_size(with_added_tokens=True))
    weights = _read_weights(where)
    embedding = shape.embedding
    base, _, bare = embedding.partition(".")
    if embedding not in weights and bare in weights:  # saved from the bare base model (as the hub's gpt2 is)
        weights = {f"{base}.{name}": tensor for name, tensor in weights.items()}
    if embedding not in weights:
        raise CheckpointError(refusals.NO_TOKEN_EMBEDDING, architecture=architecture, embedding=embedding)
    vocab_rows = weights[embedding].shape[0]
    tokenizer = _tokenizer(backend, tokenizer_class, settings, hf, generation, architecture, vocab_rows)
    config = _config(hf, architecture, tokenizer, where, vocab_rows)
    model = build_model(config)
    ignored = _load(model, config, architecture, weights, vocab_rows, hf)
    added = tuple(tokenizer.backend.id_to_token(i) for i in range(vocab_rows, tokenizer.vocab_size))
    notes = [*_not_applied(generation, hf), *_broken(weights)]
    if tokenizer_class not in KNOWN_CLASSES:
        notes.append(Message(say.TOKENIZER_AS_WRITTEN, {"name": tokenizer_class}))
    run = RunFolder(Path(out), resume=False)
    run.claim()
    keep = False
    try:
        run.create(config, tokenizer)
        optimizer = torch.optim.AdamW(model.parameters())  # no state yet: a fine-tune or resume starts it
        ckpt.save_checkpoint(run.path, model, optimizer, ckpt.TrainerState(step=0))
        framing = tokenizer.framing_for(config.model.family).describe(_namer(tokenizer))
        report = ImportReport(str(run.path), architecture, sum(p.numel() for p in model.parameters()), added,
                              tuple(ignored), framing, tuple(notes))
        (run.path / IMPORTED_FILE).write_text(json.dumps({"source": str(folder.resolve()), **asdict(report)},
                                                         indent=1), encoding="utf-8")
        keep = True
    finally:
        run.release(keep)
    _index(run.path)
    return report


def imported_run_dir(source: str | Path) -> Path:
    """A new folder under the runs folder, named after the checkpoint."""
    return fresh_run_dir(f"{checkpoint_source(source).name}-imported")


def hub_cache() -> Path:
    """Where ``huggingface_hub`` keeps downloaded models: $HF_HUB_CACHE, else $HF_HOME/hub, else
    $XDG_CACHE_HOME/huggingface/hub, else ~/.cache/huggingface/hub."""
    if os.environ.get("HF_HUB_CACHE"):
        return Path(os.environ["HF_HUB_CACHE"]).expanduser()
    home = os.environ.get("HF_HOME") or Path(os.environ.get("XDG_CACHE_HOME") or "~/.cache") / "huggingface"
    return Path(home).expanduser() / "hub"


def checkpoint_source(source: str | Path) -> Source:
    """The folder to read: ``source`` itself, or a model id's snapshot in the local Hugging Face cache."""
    folder = Path(source).expanduser()
    if not folder.exists() and _HUB_ID.fullmatch(str(source)):
        folder = _cached_snapshot(str(source))
    if not folder.exists():
        raise ConfigError(problem("", refusals.NO_SUCH_FOLDER, folder=source))
    if not folder.is_dir():
        raise ConfigError(problem("", refusals.IMPORT_FILE_NOT_FOLDER, source=source))
    if folder.absolute().name.startswith("models--") and (folder / "snapshots").is_dir():
        # The cache's repository folder, as a person picks it when browsing the cache: read its snapshot.
        folder = _snapshot(folder, str(source))
    snapshots = folder.absolute().parent
    in_cache = snapshots.name == "snapshots" and snapshots.parent.name.startswith("models--")
    root = snapshots.parent if in_cache else folder
    name = root.name.removeprefix("models--").split("--")[-1] if in_cache else folder.absolute().name
    where = Source(folder, root, name)
    if not where.file("config.json").is_file():
        raise ConfigError(problem("", refusals.NO_CONFIG_JSON, folder=folder))
    return where


def _cached_snapshot(model_id: str) -> Path:
    """The snapshot of ``model_id`` in the local cache."""
    return _snapshot(hub_cache() / f"models--{model_id.replace('/', '--')}", model_id)


def _snapshot(repository: Path, model_id: str) -> Path:
    """The snapshot of a cache repository folder: the one refs/main names, else the newest."""
    snapshots = repository / "snapshots"
    found = sorted((p for p in snapshots.iterdir() if p.is_dir()), key=lambda p: p.stat().st_mtime) \
        if snapshots.is_dir() else []
    if not found:
        raise ConfigError(problem("", refusals.NOT_IN_CACHE, model=model_id, repository=repository))
    main = repository / "refs" / "main"
    named = main.read_text(encoding="utf-8").strip() if main.is_file() else ""
    return next((p for p in found if p.name == named), found[-1])


def _read_json(path: Path, what: str) -> dict:
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ConfigError(problem("", refusals.CANNOT_READ_AS, path=path, what=what, detail=error)) from None
    except RecursionError:  # the parser recurses once per bracket
        raise ConfigError(problem("", refusals.NESTS_TOO_DEEP, path=path, what=what)) from None
    if not isinstance(value, dict):
        raise ConfigError(problem("", refusals.NOT_AN_OBJECT, path=path, what=what))
    return value


def _optional_json(where: Source, name: str) -> dict:
    path = where.file(name)
    return _read_json(path, name) if path.is_file() else {}


def _architecture(hf: dict) -> str:
    named = hf.get("architectures") or []
    named = named if isinstance(named, list) else [named]
    supported = [name for name in named if isinstance(name, str) and name in SHAPES]
    if not supported:
        what = ", ".join(map(str, named)) if named else Message(refusals.NO_ARCHITECTURES,
                                                                {"model_type": hf.get("model_type", "?")})
        raise ConfigError(problem("", refusals.UNKNOWN_CLASS, what=what, supported=", ".join(SHAPES)))
    return supported[0]


def _check_memory(where: Source, hf: dict, architecture: str, tokens: int) -> None:
    """Refuse, before anything is allocated, a model that cannot fit in this machine's memory: its weights as
    read, and the model built from them."""
    rows = hf.get("vocab_size") if isinstance(hf.get("vocab_size"), int) else 0
    config = _experiment(hf, architecture, where, max(rows, tokens, 16), {"vocab_size": max(tokens, 16)})
    parameters = parameter_count(config)
    files = sum(where.file(name).stat().st_size for name in ("model.safetensors", "pytorch_model.bin")
                if where.file(name).is_file())
    needed = 4 * parameters + files
    free = available_ram()
    if free is not None and needed > free:
        raise ConfigError(problem("", refusals.TOO_BIG_TO_IMPORT, path=where.folder / "config.json",
                                  parameters=f"{parameters:,}", needed=human(needed, "B"), free=human(free, "B")))


def _read_weights(where: Source) -> dict[str, torch.Tensor]:
    folder = where.folder
    safetensors = where.file("model.safetensors")
    if safetensors.is_file():
        try:
            return load_file(str(safetensors))
        except (SafetensorError, OSError) as error:
            raise CheckpointError(refusals.CANNOT_READ, path=safetensors, detail=error) from None
    if any(folder.glob("model-*-of-*.safetensors")) or any(folder.glob("pytorch_model-*-of-*.bin")):
        raise CheckpointError(refusals.SHARDED, folder=folder)
    path = where.file("pytorch_model.bin")
    if not path.is_file():
        raise CheckpointError(refusals.NO_WEIGHTS, folder=folder)
    try:
        state = torch.load(path, map_location="cpu", weights_only=True)
    except pickle.UnpicklingError as error:
        first = str(error).strip().splitlines()[0] if str(error).strip() else "refused"
        raise CheckpointError(refusals.RUNS_CODE, path=path, detail=first[:160]) from None
    except (OSError, RuntimeError, EOFError) as error:
        raise CheckpointError(refusals.CANNOT_READ, path=path, detail=error) from None
    if not isinstance(state, dict) or not all(isinstance(t, torch.Tensor) for t in state.values()):
        raise CheckpointError(refusals.NOT_TENSORS, path=path)
    return state


def _read_tokenizer(where: Source, settings: dict, model_type: str):
    path = where.file("tokenizer.json")
    if not path.is_file():
        raise ConfigError(problem("", refusals.NO_TOKENIZER_JSON, folder=where.folder))
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(problem("", refusals.NOT_TOKENIZER_JSON, path=path, detail=error)) from None
    tokenizer_class = class_of(settings, model_type, text)
    try:
        return as_transformers_reads_it(text, settings, tokenizer_class, str(path)), tokenizer_class
    except json.JSONDecodeError as error:
        raise ConfigError(problem("", refusals.NOT_TOKENIZER_JSON, path=path, detail=error)) from None


def _tokenizer(backend, tokenizer_class: str, settings: dict, hf: dict, generation: dict, architecture: str,
               vocab_rows: int) -> TextTokenizer:
    """Our tokenizer of the checkpoint's, with each role's token as the checkpoint names it (a role it lacks gets
    a new token, which the model never learned), and the checkpoint's framing."""
    single, pair, segments = templates(backend)
    named = role_names(settings, tokenizer_class)
    token_ids = {key: _token_id(hf, {}, key, architecture) for key in _TOKEN_KEYS}
    roles = {}
    for role in ROLES:
        candidates = [named.get(role)]
        if f"{role}_token_id" in token_ids and token_ids[f"{role}_token_id"] is not None:
            candidates.append(backend.id_to_token(token_ids[f"{role}_token_id"]))
        candidates += ROLE_ALIASES[role]
        found = next((backend.token_to_id(t) for t in candidates if t and backend.token_to_id(t) is not None), None)
        if found is None:
            backend.add_special_tokens([ROLE_TOKENS[role]])
            found = backend.token_to_id(ROLE_TOKENS[role])
        roles[role] = found
    sentinels = 0
    while backend.token_to_id(SENTINEL.format(sentinels)) is not None:
        sentinels += 1
    encoder_decoder = SHAPES[architecture].sections(hf)["model"]["family"] == "encoder-decoder"
    start = _token_id(hf, generation, "decoder_start_token_id", architecture, vocab_rows)
    stop = _token_id(hf, generation, "eos_token_id", architecture)
    stop = tuple(stop) if isinstance(stop, list) else () if stop is None else (stop,)  # none: as transformers
    vocabulary = backend.get_vocab_size(with_added_tokens=True)
    framing = Framing(
        roles, single, pair, segments,
        decoder_start=(roles["pad"] if start is None else start) if encoder_decoder else None, stop=stop,
        forced_bos=_token_id(hf, generation, "forced_bos_token_id", architecture, vocab_rows),
        forced_eos=_token_id(hf, generation, "forced_eos_token_id", architecture, vocab_rows),
        unlearned=tuple(range(vocab_rows, vocabulary)),
        token_ids={key: value for key, value in token_ids.items() if key in hf}, imported=True)
    return TextTokenizer(backend, "loaded", sentinels, framing)


def _token_id(hf: dict, generation: dict, key: str, architecture: str, rows: int | None = None):
    """A token id (or list of ids) as transformers reads it: generation_config.json, config.json, then the config
    class's default. With ``rows``, an id the model reads, so it must be one of its ``rows`` tokens."""
    for source, name in ((generation, "generation_config.json"), (hf, "config.json")):
        if key in source:
            value = source[key]
            break
    else:
        return SHAPES[architecture].token_ids.get(key)
    ids = value if isinstance(value, list) and rows is None else [value]
    if value is not None and not all(type(i) is int and 0 <= i < (rows or 2**63) for i in ids):
        within = Message(refusals.TOKEN_ID_BELOW, {"rows": rows}) if rows else Message(refusals.TOKEN_IDS)
        raise ConfigError(problem("", refusals.NOT_A_TOKEN_ID, file=name, key=key, value=repr(value), within=within))
    return value


def _not_applied(generation: dict, hf: dict) -> list[Message]:
    settings = {key: generation.get(key, hf.get(key)) for key in _NOT_APPLIED}
    different = [f"{key}={value}" for key, value in settings.items()
                 if value is not None and value != _NOT_APPLIED[key]]
    if not different:
        return []
    return [Message(say.NOT_APPLIED, {"settings": ", ".join(different)})]


def _broken(weights: dict[str, torch.Tensor]) -> list[Message]:
    broken = [name for name, tensor in weights.items() if tensor.is_floating_point()
              and not bool(torch.isfinite(tensor).all())]
    if not broken:
        return []
    shown = ", ".join(broken[:3]) + (" …" if len(broken) > 3 else "")
    return [Message(say.BROKEN_WEIGHTS, {"count": len(broken), "names": shown})]


def _namer(tokenizer: TextTokenizer):
    return lambda token: tokenizer.backend.id_to_token(token) or f"#{token}"


def _experiment(hf: dict, architecture: str, where: Source, vocab: int, tokenizer: dict) -> ExperimentConfig:
    raw = to_dict(ExperimentConfig())
    raw["name"] = re.sub(r"[^A-Za-z0-9._-]+", "-", where.name) or "imported"
    raw["tokenizer"] |= tokenizer
    for section, values in SHAPES[architecture].sections(hf).items():
        raw[section] |= values
    raw["model"]["vocab_size"] = vocab
    raw["training"]["seq_len"] = min(raw["training"]["seq_len"], raw["model"]["max_seq_len"])
    try:
        return from_dict(raw)
    except ConfigError as error:
        raise ConfigError(problem("", refusals.IMPORTED_CONFIG, architecture=architecture, folder=where.folder,
                                  error=error.message)) from None


def _config(hf: dict, architecture: str, tokenizer: TextTokenizer, where: Source, vocab_rows: int) \
        -> ExperimentConfig:
    model = type(tokenizer.backend.model).__name__
    decoder = type(tokenizer.backend.decoder).__name__
    kind = "byte-bpe" if model == "BPE" and decoder == "ByteLevel" else "bpe" if model == "BPE" \
        else _TOKENIZER_KINDS.get(model)
    if kind is None:
        raise ConfigError(problem("", refusals.UNREAD_TOKENIZER, path=where.file("tokenizer.json"), model=model))
    return _experiment(hf, architecture, where, max(vocab_rows, tokenizer.vocab_size),
                       {"kind": kind, "vocab_size": max(tokenizer.vocab_size, 16),
                        "sentinels": len(tokenizer.special.sentinels)})


@torch.no_grad()
def _load(model: Transformer, config: ExperimentConfig, architecture: str, weights: dict[str, torch.Tensor],
          vocab_rows: int, hf: dict) -> list[str]:
    """Copy every tensor into the model through the class's links; returns the names no link reads. Tokens the
    tokenizer added beyond the checkpoint's rows get the mean of the checkpoint's rows."""
    vocab = model.token_embedding.num_embeddings
    links = SHAPES[architecture].links(model, config, hf)
    missing = [link.name for link in links if link.read and not link.optional and link.name not in weights]
    if missing:
        shown = ", ".join(missing[:4]) + (" …" if len(missing) > 4 else "")
        raise CheckpointError(refusals.MISSING_TENSORS, architecture=architecture, count=len(missing), shown=shown)
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
