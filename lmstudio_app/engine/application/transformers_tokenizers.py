"""A checkpoint's tokenizer as ``transformers`` reads it, and the framing around it, in both directions.

Import: ``AutoTokenizer`` does not read a folder's ``tokenizer.json`` as it is written. The class
``tokenizer_config.json`` names (or the one registered for the model type) rebuilds parts of
it: ``T5Tokenizer`` replaces the normalizer and pre-tokenizer (so double spaces and newlines
tokenize differently than the file says), ``BertTokenizer`` lowercases unless told not to,
``LlamaTokenizer`` sets its byte fallback and, from ``add_bos_token``, its post-processor. What
the model was trained with is what ``transformers`` hands it, so the import reads the folder the
same way (as ``transformers`` 5 does; written without importing it). The framing is then read
from the result: the post-processor's template, found by running it.

Export: ``tokenizer_config.json`` names ``PreTrainedTokenizerFast``, which reads ``tokenizer.json``
as written, and leaves out ``add_bos_token``/``add_eos_token`` (with them, it would rebuild the
post-processor); the file's post-processor is the run's framing.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from tokenizers import Tokenizer, decoders, normalizers, pre_tokenizers, processors

from lmstudio_app.config import error_messages as refusals
from lmstudio_app.config.framing import PAIR_TEXT, TEXT, Framing, Piece
from lmstudio_app.config.messages import problem
from lmstudio_app.engine.data.tokenizer import library_errors
from lmstudio_app.errors import ConfigError

ROLE_KEYS = {"pad": "pad_token", "unk": "unk_token", "bos": "bos_token", "eos": "eos_token", "cls": "cls_token",
             "sep": "sep_token", "mask": "mask_token"}
AS_WRITTEN = "PreTrainedTokenizerFast"  # the class that reads tokenizer.json as it is written
# the tokenizer class transformers picks for a model type when tokenizer_config.json names none
CLASS_OF_MODEL_TYPE = {"bert": "BertTokenizer", "gpt2": "GPT2Tokenizer", "llama": "LlamaTokenizer",
                       "t5": "T5Tokenizer", "bart": "BartTokenizer"}
# each class's special tokens when tokenizer_config.json leaves them out
_DEFAULT_ROLES = {
    "BertTokenizer": {"unk": "[UNK]", "sep": "[SEP]", "pad": "[PAD]", "cls": "[CLS]", "mask": "[MASK]"},
    "GPT2Tokenizer": {"unk": "<|endoftext|>", "bos": "<|endoftext|>", "eos": "<|endoftext|>"},
    "LlamaTokenizer": {"unk": "<unk>", "bos": "<s>", "eos": "</s>"},
    "T5Tokenizer": {"eos": "</s>", "unk": "<unk>", "pad": "<pad>"},
    "RobertaTokenizer": {"bos": "<s>", "eos": "</s>", "sep": "</s>", "cls": "<s>", "unk": "<unk>", "pad": "<pad>",
                         "mask": "<mask>"},
}


def token_name(value) -> str | None:
    """A special token as tokenizer_config.json stores it: a string, or an AddedToken's fields."""
    if isinstance(value, dict):
        value = value.get("content")
    return value if isinstance(value, str) and value else None


def class_of(settings: dict, model_type: str, text: str) -> str:
    """The tokenizer class transformers builds for the folder (``text``: its tokenizer.json), without its "Fast"
    suffix. A folder that names LlamaTokenizer but holds a byte-level tokenizer (Llama 3) is read as written."""
    declared = settings.get("tokenizer_class") if isinstance(settings.get("tokenizer_class"), str) else None
    name = declared or CLASS_OF_MODEL_TYPE.get(model_type, AS_WRITTEN)
    name = name if name == AS_WRITTEN else name.removesuffix("Fast")
    if declared and name == "LlamaTokenizer" and '"ByteLevel"' in text:
        return AS_WRITTEN
    return {"BartTokenizer": "RobertaTokenizer", "TokenizersBackend": AS_WRITTEN}.get(name, name)


def role_names(settings: dict, tokenizer_class: str) -> dict[str, str]:
    """Each role's token as the folder names it (tokenizer_config.json, then the class's defaults)."""
    names = dict(_DEFAULT_ROLES.get(tokenizer_class, {}))
    for role, key in ROLE_KEYS.items():
        if key in settings:
            names.pop(role, None)
            if token_name(settings[key]) is not None:
                names[role] = token_name(settings[key])
    return names


def as_transformers_reads_it(text: str, settings: dict, tokenizer_class: str, source: str) -> Tokenizer:
    """The backend tokenizer transformers builds from ``tokenizer.json`` (``text``) and ``tokenizer_config.json``
    (``settings``) for ``tokenizer_class``; a class this module does not know reads the file as written."""
    raw = json.loads(text)
    if not isinstance(raw, dict) or not isinstance(raw.get("model"), dict):
        raise ConfigError(problem("", refusals.NOT_A_TOKENIZER_OBJECT, source=source))
    rebuild = _CLASSES.get(tokenizer_class)
    if rebuild is not None:  # the class builds its model from the file's vocabulary with settings of its own
        raw["model"] |= _MODEL_SETTINGS[tokenizer_class](settings)
    precompiled = _precompiled(raw.get("normalizer"))
    with library_errors(refusals.NOT_A_LIBRARY_TOKENIZER, source=source):
        backend = Tokenizer.from_str(json.dumps(raw))
    names = role_names(settings, tokenizer_class)
    with library_errors(refusals.WITH_SETTINGS, source=source, tokenizer_class=tokenizer_class):
        if rebuild is not None:
            rebuild(backend, settings, names, precompiled)
        if tokenizer_class not in _OWN_POST_PROCESSOR:
            _bos_eos_template(backend, settings, names)
    return backend


def _precompiled(normalizer: dict | None) -> dict | None:
    """A SentencePiece normalizer (its precompiled character map) inside tokenizer.json's normalizer."""
    if not normalizer:
        return None
    for step in normalizer.get("normalizers", [normalizer]) if normalizer.get("type") == "Sequence" else [normalizer]:
        if step.get("type") == "Precompiled" and step.get("precompiled_charsmap"):
            return step
    return None


def _bert(backend: Tokenizer, settings: dict, names: dict, precompiled) -> None:
    backend.normalizer = normalizers.BertNormalizer(
        clean_text=True, handle_chinese_chars=settings.get("tokenize_chinese_chars", True),
        strip_accents=settings.get("strip_accents"), lowercase=settings.get("do_lower_case", True))
    backend.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    backend.decoder = decoders.WordPiece(prefix="##")
    cls, sep = names.get("cls", "[CLS]"), names.get("sep", "[SEP]")
    backend.post_processor = processors.TemplateProcessing(
        single=f"{cls}:0 $A:0 {sep}:0", pair=f"{cls}:0 $A:0 {sep}:0 $B:1 {sep}:1",
        special_tokens=[(cls, _id(backend, cls, 2)), (sep, _id(backend, sep, 3))])


def _byte_level(backend: Tokenizer, settings: dict) -> None:
    backend.normalizer = None
    backend.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=settings.get("add_prefix_space", False))
    backend.decoder = decoders.ByteLevel()


def _gpt2(backend: Tokenizer, settings: dict, names: dict, precompiled) -> None:
    _byte_level(backend, settings)


def _roberta(backend: Tokenizer, settings: dict, names: dict, precompiled) -> None:
    _byte_level(backend, settings)
    sep, cls = names.get("sep", "</s>"), names.get("cls", "<s>")
    backend.post_processor = processors.RobertaProcessing(
        (sep, _id(backend, sep, 2)), (cls, _id(backend, cls, 0)), trim_offsets=settings.get("trim_offsets", True),
        add_prefix_space=settings.get("add_prefix_space", False))


def _llama(backend: Tokenizer, settings: dict, names: dict, precompiled) -> None:
    prefix = settings.get("add_prefix_space")
    prefix = True if prefix is None else prefix
    scheme = ("first" if not settings.get("legacy", False) else "always") if prefix else "never"
    backend.normalizer = None
    backend.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme=scheme, split=False)
    steps = [decoders.Replace("▁", " "), decoders.ByteFallback(), decoders.Fuse()]
    backend.decoder = decoders.Sequence(steps + ([decoders.Strip(content=" ", left=1, right=0)] if prefix else []))


def _t5(backend: Tokenizer, settings: dict, names: dict, precompiled) -> None:
    backend.normalizer = normalizers.Precompiled(_charsmap(precompiled)) if precompiled else None
    backend.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.WhitespaceSplit(), pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always",
                                                                   split=True)])
    backend.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always", split=True)
    eos = names.get("eos", "</s>")
    backend.post_processor = processors.TemplateProcessing(
        single=["$A", "</s>"], pair=["$A", "</s>", "$B", "</s>"], special_tokens=[("</s>", _id(backend, eos, 1))])


def _charsmap(precompiled: dict) -> bytes:
    import base64

    return base64.b64decode(precompiled["precompiled_charsmap"])


def _bos_eos_template(backend: Tokenizer, settings: dict, names: dict) -> None:
    """transformers rebuilds the post-processor from add_bos_token/add_eos_token when the folder sets either,
    or when tokenizer.json has none: ``<s> $A </s>``, each part only if asked for."""
    if "add_bos_token" not in settings and "add_eos_token" not in settings and backend.post_processor is not None:
        return
    bos = names.get("bos") if settings.get("add_bos_token") else None
    eos = names.get("eos") if settings.get("add_eos_token") else None
    single = [f"{bos}:0"] * bool(bos) + ["$A:0"] + [f"{eos}:0"] * bool(eos)
    pair = single + [f"{bos}:1"] * bool(bos) + ["$B:1"] + [f"{eos}:1"] * bool(eos)
    specials = [(token, backend.token_to_id(token)) for token in {bos, eos} - {None}
                if backend.token_to_id(token) is not None]
    backend.post_processor = processors.TemplateProcessing(single=" ".join(single), pair=" ".join(pair),
                                                           special_tokens=specials)


def _id(backend: Tokenizer, token: str, fallback: int) -> int:
    found = backend.token_to_id(token)
    return fallback if found is None else found


_CLASSES: dict[str, Callable] = {"BertTokenizer": _bert, "GPT2Tokenizer": _gpt2, "RobertaTokenizer": _roberta,
                                 "LlamaTokenizer": _llama, "T5Tokenizer": _t5}
KNOWN_CLASSES = {*_CLASSES, AS_WRITTEN}  # read as transformers reads them; any other class as written
_OWN_POST_PROCESSOR = {"BertTokenizer", "RobertaTokenizer", "T5Tokenizer"}  # set after transformers' generic one
_BYTE_LEVEL_BPE = {"dropout": None, "continuing_subword_prefix": "", "end_of_word_suffix": "", "fuse_unk": False}
_MODEL_SETTINGS: dict[str, Callable[[dict], dict]] = {
    "GPT2Tokenizer": lambda settings: _BYTE_LEVEL_BPE,
    "RobertaTokenizer": lambda settings: _BYTE_LEVEL_BPE,
    "LlamaTokenizer": lambda settings: {"fuse_unk": True, "byte_fallback": True, "dropout": None},
    "T5Tokenizer": lambda settings: {"unk_id": 2, "byte_fallback": False},
    "BertTokenizer": lambda settings: {"unk_token": token_name(settings.get("unk_token")) or "[UNK]",
                                       "continuing_subword_prefix": "##"},
}


def templates(backend: Tokenizer) -> tuple[tuple[Piece, ...], tuple[Piece, ...], tuple[int, ...]]:
    """(single, pair, pair segments): what the post-processor puts around one text and a pair, found by running
    it on two short texts."""
    with library_errors(refusals.READING_POST_PROCESSOR):
        single = backend.encode("a", add_special_tokens=True)
        pair = backend.encode("a", "b", add_special_tokens=True)
    if not {0, 1} <= set(pair.sequence_ids):
        raise ConfigError(problem("", refusals.POST_PROCESSOR))
    one, _ = _template(single)
    two, segments = _template(pair)
    return one, two, segments


def _template(encoding) -> tuple[tuple[Piece, ...], tuple[int, ...]]:
    pieces: list[Piece] = []
    segments: list[int] = []
    for token, text, segment in zip(encoding.ids, encoding.sequence_ids, encoding.type_ids):
        piece = token if text is None else (TEXT, PAIR_TEXT)[text]
        if text is None or not pieces or pieces[-1] != piece:
            pieces.append(piece)
            segments.append(segment)
    return tuple(pieces), tuple(segments)


def post_processor(framing: Framing, backend: Tokenizer) -> processors.TemplateProcessing:
    """The framing's templates as a post-processor, for ``transformers`` to frame text as the app does."""
    def spelled(template, segments):
        return [f"${piece}:{segment}" if isinstance(piece, str) else f"{backend.id_to_token(piece)}:{segment}"
                for piece, segment in zip(template, segments)]
    used = {piece for piece in framing.single + framing.pair if isinstance(piece, int)}
    return processors.TemplateProcessing(
        single=spelled(framing.single, (0,) * len(framing.single)), pair=spelled(framing.pair, framing.pair_segments),
        special_tokens=[(backend.id_to_token(token), token) for token in sorted(used)])


def frames_like(backend: Tokenizer, framing: Framing) -> bool:
    """Whether the tokenizer's own post-processor frames text exactly as ``framing`` says."""
    if backend.post_processor is None:
        return framing.single == (TEXT,) and framing.pair == (TEXT, PAIR_TEXT)
    single, pair, segments = templates(backend)
    return (single, pair, segments) == (framing.single, framing.pair, framing.pair_segments)
