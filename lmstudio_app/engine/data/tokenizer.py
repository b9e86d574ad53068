"""Tokenizers, trained and run by the ``tokenizers`` library.

Five kinds (character, byte-level BPE, BPE, WordPiece, Unigram), each with the
special tokens the objectives need registered once and looked up by role
(``tokenizer.special.mask``), never by a hard-coded id. A user's own
``tokenizer.json`` gets the roles it lacks added as new special tokens.
"""

from __future__ import annotations

import codecs
import collections
import os
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tokenizers import (
    Regex,
    Tokenizer,
    decoders,
    models,
    normalizers,
    pre_tokenizers,
    trainers,
)

from lmstudio_app.cjk import CJK_CHARACTERS, without_spaces_between
from lmstudio_app.config import engine_messages as say
from lmstudio_app.config import error_messages as refusals
from lmstudio_app.config.framing import Framing, app_framing, read_framing
from lmstudio_app.config.messages import Message, Template
from lmstudio_app.config.objectives import SPECS as OBJECTIVE_SPECS
from lmstudio_app.config.schema import ExperimentConfig, TokenizerConfig
from lmstudio_app.engine.progress import Beside, Progress, no_progress, reporting_while
from lmstudio_app.errors import TokenizerError
from lmstudio_app.fsutil import atomic_write_text

ROLES = ("pad", "unk", "bos", "eos", "cls", "sep", "mask")
ROLE_TOKENS = {"pad": "[PAD]", "unk": "[UNK]", "bos": "[BOS]", "eos": "[EOS]", "cls": "[CLS]", "sep": "[SEP]",
               "mask": "[MASK]"}
# Names other tokenizers use for the same roles, tried in order when loading a tokenizer.json.
ROLE_ALIASES = {
    "pad": ("[PAD]", "<pad>", "<|pad|>"),
    "unk": ("[UNK]", "<unk>", "<|unk|>"),
    "bos": ("[BOS]", "<s>", "<bos>", "<|startoftext|>", "<|endoftext|>"),
    "eos": ("[EOS]", "</s>", "<eos>", "<|endoftext|>"),
    "cls": ("[CLS]", "<cls>", "<s>"),
    "sep": ("[SEP]", "<sep>", "</s>"),
    "mask": ("[MASK]", "<mask>"),
}
SENTINEL = "<extra_id_{}>"
_CJK = re.compile(f"[{CJK_CHARACTERS}]")


def count_cjk(text: str) -> int:
    return len(_CJK.findall(text))


def word_count(text: str) -> int:
    """Words as a reader counts them: runs between spaces, and every CJK character on its own."""
    return len(_CJK.sub(" 字 ", text).split())


@dataclass(frozen=True)
class SpecialIds:
    pad: int
    unk: int
    bos: int
    eos: int
    cls: int
    sep: int
    mask: int
    sentinels: tuple[int, ...] = ()

    def all(self) -> frozenset[int]:
        return frozenset([self.pad, self.unk, self.bos, self.eos, self.cls, self.sep, self.mask, *self.sentinels])


def _byte_level_alphabet() -> dict[str, int]:
    """The byte-level pre-tokenizer's printable stand-in for each byte (GPT-2's scheme): printable
    Latin-1 bytes stand for themselves, the others for code points from 256 up, in byte order."""
    printable = [*range(ord("!"), ord("~") + 1), *range(ord("¡"), ord("¬") + 1), *range(ord("®"), ord("ÿ") + 1)]
    stand_ins = {byte: chr(byte) for byte in printable}
    extra = 256
    for byte in range(256):
        if byte not in stand_ins:
            stand_ins[byte] = chr(extra)
            extra += 1
    return {char: byte for byte, char in stand_ins.items()}


BYTE_OF_CHAR = _byte_level_alphabet()


def _hex_bytes(error: UnicodeDecodeError) -> tuple[str, int]:
    return "".join(f"<0x{byte:02X}>" for byte in error.object[error.start:error.end]), error.end


codecs.register_error("lmstudio-hex-bytes", _hex_bytes)


def byte_level_label(raw: str) -> str:
    """A byte-level token as text, with bytes that are not (whole) UTF-8 characters as ``<0xE8>``."""
    if not all(char in BYTE_OF_CHAR for char in raw):
        return raw  # an added token, stored as plain text
    return bytes(BYTE_OF_CHAR[char] for char in raw).decode("utf-8", errors="lmstudio-hex-bytes")


def required_sentinels(config: ExperimentConfig) -> int:
    """T5's sentinels are registered only for the objective that uses them."""
    return config.tokenizer.sentinels if OBJECTIVE_SPECS[config.objective.name].sentinels else 0


@contextmanager
def library_errors(doing: Template, **params):
    """Turn the tokenizers library's exceptions, Rust panics included, into ``TokenizerError``; ``doing`` (with
    its ``params``) says what was being done."""
    what = Message(doing, params)
    try:
        yield
    except TokenizerError:
        raise
    except Exception as error:
        raise TokenizerError(refusals.LIBRARY_SAYS, what=what, detail=error) from None
    except BaseException as error:
        # PanicException derives from BaseException, so `except Exception` misses it.
        if type(error).__name__ == "PanicException":
            raise TokenizerError(refusals.LIBRARY_FAILED, what=what, detail=error) from None
        raise


class TextTokenizer:
    """A ``tokenizers.Tokenizer`` with our special-token roles, and the framing of an imported checkpoint's
    tokenizer (``framing``; None for the app's own, see ``framing_for``)."""

    def __init__(self, backend: Tokenizer, kind: str, sentinels: int = 0, framing: Framing | None = None):
        self.backend = backend
        self.kind = kind
        self.framing = framing
        if framing is None:
            ids = {role: self._ensure_token(ROLE_ALIASES[role], ROLE_TOKENS[role]) for role in ROLES}
        else:
            ids = {role: framing.roles[role] for role in ROLES}
        sentinel_ids = tuple(self._ensure_token((SENTINEL.format(i),), SENTINEL.format(i)) for i in range(sentinels))
        self.special = SpecialIds(**ids, sentinels=sentinel_ids)
        self._special_set = self.special.all()
        self._framing_tokens = frozenset(token for role, token in ids.items() if role != "unk")

    def framing_for(self, family: str) -> Framing:
        """How a model of ``family`` reads text with this tokenizer: an imported checkpoint's framing, or the
        app's own."""
        if self.framing is not None:
            return self.framing
        return app_framing({role: getattr(self.special, role) for role in ROLES}, family)

    def _ensure_token(self, candidates: tuple[str, ...], fallback: str) -> int:
        for token in candidates:
            token_id = self.backend.token_to_id(token)
            if token_id is not None:
                return token_id
        self.backend.add_special_tokens([fallback])
        return self.backend.token_to_id(fallback)

    @property
    def vocab_size(self) -> int:
        return self.backend.get_vocab_size(with_added_tokens=True)

    def encode(self, text: str) -> list[int]:
        with library_errors(refusals.TOKENIZING):
            return self.backend.encode(text, add_special_tokens=False).ids

    def encode_with_offsets(self, text: str) -> tuple[list[int], list[tuple[int, int]]]:
        """Token ids and each token's (start, end) character span in ``text``."""
        with library_errors(refusals.TOKENIZING):
            encoding = self.backend.encode(text, add_special_tokens=False)
        return encoding.ids, encoding.offsets

    def encode_batch(self, texts: list[str]) -> list[list[int]]:
        with library_errors(refusals.TOKENIZING):
            return [e.ids for e in self.backend.encode_batch(texts, add_special_tokens=False)]

    def encode_batch_with_offsets(self, texts: list[str]) -> list[tuple[list[int], list[tuple[int, int]]]]:
        """Per text, token ids and each token's (start, end) character span."""
        with library_errors(refusals.TOKENIZING):
            return [(e.ids, e.offsets) for e in self.backend.encode_batch(texts, add_special_tokens=False)]

    def decode(self, ids: Iterable[int], skip_special: bool = False) -> str:
        with library_errors(refusals.DECODING):
            text = self.backend.decode(list(ids), skip_special_tokens=skip_special)
        # WordPiece's decoder puts a space between words, and each CJK character is one: Chinese has none
        return without_spaces_between(text) if self.display_joiner else text

    def shown_text(self, ids: Iterable[int]) -> str:
        """Text as a person reads it: without the tokens that frame text ([CLS], ``<s>``, padding…), as
        ``transformers`` decodes with ``skip_special_tokens``. [UNK] and T5's sentinels stay: they stand for
        text (an unknown character, a span of the answer)."""
        return self.decode([token for token in ids if token not in self._framing_tokens])

    def token_texts(self, ids: Iterable[int]) -> list[str]:
        """How each token reads on its own, for heatmap axes, probability bars and the objective inspector.

        Byte-level tokens show their bytes as text where they hold whole UTF-8
        characters and as ``<0xE8>`` where they hold part of one (decoding such a
        token alone would give "\ufffd"); character tokens are decoded;
        SentencePiece-style tokens show their word-start marker as a space;
        WordPiece tokens keep their ## continuation prefix.
        """
        decoder = type(self.backend.decoder).__name__
        texts = []
        for token_id in ids:
            raw = self.backend.id_to_token(token_id) or ""
            if token_id in self._special_set:
                texts.append(raw)
            elif decoder == "ByteLevel":
                texts.append(byte_level_label(raw))
            elif decoder in ("Fuse", "ByteFallback"):
                text = self.decode([token_id])
                texts.append(raw if "\ufffd" in text else text)
            else:
                texts.append(raw.replace("\u2581", " "))
        return texts

    def stream(self, context: Iterable[int] = ()) -> TextStream:
        """Text (as ``shown_text`` shows it) of tokens appended one by one after ``context``, handed out as it
        becomes final."""
        return TextStream(self, list(context))

    @property
    def display_joiner(self) -> str:
        """What to put between token texts so that they read as text (WordPiece tokens hold no spaces)."""
        return " " if type(self.backend.decoder).__name__ == "WordPiece" else ""

    def is_special(self, token_id: int) -> bool:
        return token_id in self._special_set

    def to_json(self) -> str:
        return self.backend.to_str()

    def save(self, path: str | os.PathLike) -> None:
        atomic_write_text(path, self.to_json())

    @classmethod
    def from_json(cls, text: str, kind: str = "loaded", sentinels: int = 0, source: str = "tokenizer",
                  framing: Framing | None = None) -> TextTokenizer:
        with library_errors(refusals.NOT_A_LIBRARY_TOKENIZER, source=source):
            backend = Tokenizer.from_str(text)
        return cls(backend, kind, sentinels, framing)

    @classmethod
    def load(cls, path: str | os.PathLike, sentinels: int = 0) -> TextTokenizer:
        """A tokenizer.json, with the framing saved beside it (an imported run's ``framing.json``) if there is one:
        a run's tokenizer is read as its model reads text, wherever it is used again."""
        path = Path(path)
        framing = read_framing(path.parent)
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise TokenizerError(refusals.NO_TOKENIZER_FILE, path=path) from None
        except (OSError, UnicodeDecodeError) as error:
            raise TokenizerError(refusals.NOT_TOKENIZER_JSON, path=path, detail=error) from None
        return cls.from_json(text, "loaded", sentinels, source=str(path), framing=framing)


class TextStream:
    """The text of a growing token sequence, handed out in pieces that never change afterwards.

    Each new token decodes the whole sequence (decoders join tokens in ways a
    token alone cannot show: spaces before words, bytes of one character spread
    over tokens). A piece is handed out once two consecutive decodes agree on it
    and it does not end in half a character, so ``start`` (the context's text up to
    any character it leaves unfinished) and the pieces always add up to
    ``decode(context + ids)``.
    """

    def __init__(self, tokenizer: TextTokenizer, context: list[int]):
        self.tokenizer = tokenizer
        self.ids = context
        self.latest = tokenizer.shown_text(context)
        self.start = self.latest.rstrip("\ufffd")
        self.shown = self.start

    def push(self, token_id: int) -> str:
        """The text that became final with this token (often '', e.g. inside a character)."""
        self.ids.append(token_id)
        decoded = self.tokenizer.shown_text(self.ids)
        agreed = os.path.commonprefix([self.latest, decoded]).rstrip("\ufffd")
        self.latest = decoded
        return self._advance(agreed)

    def flush(self) -> str:
        """The rest of the text, at the end of the sequence."""
        return self._advance(self.latest)

    def _advance(self, text: str) -> str:
        if len(text) <= len(self.shown) or not text.startswith(self.shown):
            return ""
        piece, self.shown = text[len(self.shown):], text
        return piece


def _normalizer(config: TokenizerConfig):
    steps = {"nfc": [normalizers.NFC()], "nfkc": [normalizers.NFKC()], "none": []}[config.normalization]
    if config.lowercase:
        steps.append(normalizers.Lowercase())
    return normalizers.Sequence(steps) if steps else None


def _blueprint(config: TokenizerConfig, specials: list[str]) -> tuple[Tokenizer, object]:
    """An untrained tokenizer of the configured kind, and the trainer that fits it."""
    unk = ROLE_TOKENS["unk"]
    kind = config.kind
    # The most frequent characters start the vocabulary; the rest become [UNK]. English needs far fewer
    # than 1,000, Chinese text some thousands (each character a word): up to half the vocabulary.
    alphabet = max(1000, config.vocab_size // 2)
    if kind == "char":
        # BPE with no merges: the alphabet alone, the most frequent characters first. Splitting
        # into characters first keeps training memory bounded (the trainer counts words).
        tokenizer = Tokenizer(models.BPE(unk_token=unk))
        tokenizer.pre_tokenizer = pre_tokenizers.Split(Regex("."), behavior="isolated")
        tokenizer.decoder = decoders.Fuse()
        trainer = trainers.BpeTrainer(vocab_size=1, limit_alphabet=max(1, config.vocab_size - len(specials)),
                                      special_tokens=specials, show_progress=False)
    elif kind == "byte-bpe":
        tokenizer = Tokenizer(models.BPE())
        tokenizer.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
        tokenizer.decoder = decoders.ByteLevel()
        trainer = trainers.BpeTrainer(vocab_size=config.vocab_size, min_frequency=config.min_frequency,
                                      initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
                                      special_tokens=specials, max_token_length=24, show_progress=False)
    elif kind == "bpe":
        tokenizer = Tokenizer(models.BPE(unk_token=unk))
        tokenizer.pre_tokenizer = pre_tokenizers.Metaspace()
        tokenizer.decoder = decoders.Metaspace()
        trainer = trainers.BpeTrainer(vocab_size=config.vocab_size, min_frequency=config.min_frequency,
                                      special_tokens=specials, limit_alphabet=alphabet, max_token_length=24,
                                      show_progress=False)
    elif kind == "wordpiece":
        tokenizer = Tokenizer(models.WordPiece(unk_token=unk, max_input_chars_per_word=100))
        tokenizer.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
        tokenizer.decoder = decoders.WordPiece(prefix="##")
        trainer = trainers.WordPieceTrainer(vocab_size=config.vocab_size, min_frequency=config.min_frequency,
                                            special_tokens=specials, limit_alphabet=alphabet,
                                            continuing_subword_prefix="##", show_progress=False)
    elif kind == "unigram":
        tokenizer = Tokenizer(models.Unigram())
        tokenizer.pre_tokenizer = pre_tokenizers.Metaspace()
        tokenizer.decoder = decoders.Metaspace()
        trainer = trainers.UnigramTrainer(vocab_size=config.vocab_size, special_tokens=specials, unk_token=unk,
                                          max_piece_length=16, show_progress=False)
    else:
        raise TokenizerError(refusals.UNKNOWN_TOKENIZER, kind=kind)
    if kind != "char" and (config.isolate_cjk == "on" or config.isolate_cjk == "auto" and kind == "wordpiece"):
        tokenizer.pre_tokenizer = pre_tokenizers.Sequence([
            pre_tokenizers.Split(Regex(f"[{CJK_CHARACTERS}]"), behavior="isolated"), tokenizer.pre_tokenizer])
    normalizer = _normalizer(config)
    if normalizer is not None:
        tokenizer.normalizer = normalizer
    return tokenizer, trainer


def train_tokenizer(config: TokenizerConfig, texts: Iterable[str], *, total_chars: int | None = None,
                    sentinels: int = 0, progress: Progress = no_progress) -> TextTokenizer:
    """Fit a tokenizer of ``config.kind`` on a stream of texts, reporting how much was read."""
    specials = [ROLE_TOKENS[role] for role in ROLES] + [SENTINEL.format(i) for i in range(sentinels)]
    backend, trainer = _blueprint(config, specials)
    phase = Message(say.TRAINING_TOKENIZER, {"kind": config.kind})

    def train(beside: Beside) -> None:
        def reporting(stream: Iterable[str]) -> Iterator[str]:
            seen = 0
            for text in stream:
                seen += len(text)
                beside.report(min(seen / total_chars, 0.99) if total_chars else None)
                yield text

        backend.train_from_iterator(reporting(texts), trainer=trainer)

    with library_errors(refusals.TRAINING_TOKENIZER, kind=config.kind, size=config.vocab_size):
        reporting_while(train, phase, progress)  # the merges run in native code, where a stop would wait
    progress(phase, 1.0)
    if backend.get_vocab_size() <= len(specials):
        raise TokenizerError(refusals.NO_TOKENS, kind=config.kind)
    return TextTokenizer(backend, config.kind, sentinels)


@dataclass(frozen=True)
class TokenizerDiagnostics:
    vocab_size: int
    tokens: int  # tokens in the sample measured
    unknown_rate: float  # share of tokens that are [UNK]
    tokens_per_word: float
    tokens_per_character: float
    longest_tokens: tuple[str, ...]
    most_frequent: tuple[tuple[str, int], ...]

    def describe(self) -> str:
        return "\n".join([
            f"vocabulary: {self.vocab_size:,} tokens",
            f"on {self.tokens:,} validation tokens: unknown {self.unknown_rate:.2%}, "
            f"{self.tokens_per_word:.2f} tokens per word, {self.tokens_per_character:.3f} per character",
            "longest: " + ", ".join(repr(t) for t in self.longest_tokens),
            "most frequent: " + ", ".join(f"{t!r} ({n:,})" for t, n in self.most_frequent),
        ])


def diagnose(tokenizer: TextTokenizer, texts: Iterable[str], max_characters: int = 2_000_000) -> TokenizerDiagnostics:
    """How the tokenizer does on held-out text (the first ``max_characters`` of it)."""
    counts: collections.Counter[int] = collections.Counter()
    words = characters = 0
    for text in texts:
        counts.update(tokenizer.encode(text))
        words += word_count(text)
        characters += len(text)
        if characters >= max_characters:
            break
    total = sum(counts.values())
    regular = [i for i in tokenizer.backend.get_vocab(with_added_tokens=True).values() if not tokenizer.is_special(i)]
    texts = dict(zip(regular, tokenizer.token_texts(regular)))
    longest = sorted(regular, key=lambda i: (-len(texts[i]), texts[i]))[:10]
    return TokenizerDiagnostics(
        vocab_size=tokenizer.vocab_size,
        tokens=total,
        unknown_rate=counts[tokenizer.special.unk] / total if total else 0.0,
        tokens_per_word=total / words if words else 0.0,
        tokens_per_character=total / characters if characters else 0.0,
        longest_tokens=tuple(texts[i] for i in longest),
        most_frequent=tuple((tokenizer.token_texts([i])[0], n) for i, n in counts.most_common(10)),
    )
