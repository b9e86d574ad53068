"""How text is put in front of a model, and which special tokens it knows (stdlib only).

A model answers well only when it reads its input the way it was trained to: BERT reads
``[CLS] text [SEP]``, BART ``<s> text </s>`` and starts decoding from ``</s>``, T5 reads
``text </s>`` and starts from ``<pad>``. A run the app trained uses the app's own framing
(``app_framing``); an imported checkpoint's framing is read from it (its tokenizer's
post-processor, ``config.json`` and ``generation_config.json``) and saved in the run as
``framing.json``, so that generation, fill-mask, classification, probing and fine-tuning read
text as the checkpoint does, and export writes the same framing back.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from lmstudio_app.config import engine_messages as say
from lmstudio_app.config import error_messages as refusals
from lmstudio_app.config.messages import Message
from lmstudio_app.errors import CheckpointError
from lmstudio_app.run_folder import FRAMING_FILE

TEXT, PAIR_TEXT = "A", "B"  # where the text (and a pair's second text) goes in a template
Piece = int | str  # a token id, or TEXT / PAIR_TEXT


@dataclass(frozen=True)
class Framed:
    ids: list[int]
    segments: list[int]
    texts: list[int | None]  # which text each position holds (0, 1), None for the framing's own tokens


@dataclass(frozen=True)
class Framing:
    roles: dict[str, int]  # pad, unk, bos, eos, cls, sep, mask → token id
    single: tuple[Piece, ...]  # one text, e.g. ([CLS], "A", [SEP])
    pair: tuple[Piece, ...]  # two texts, e.g. ([CLS], "A", [SEP], "B", [SEP])
    pair_segments: tuple[int, ...]  # the segment (token type) of each piece of ``pair``
    decoder_start: int | None = None  # what an encoder-decoder's decoder starts from
    stop: tuple[int, ...] = ()  # generation ends after any of these
    forced_bos: int | None = None  # forced as the first token generated
    forced_eos: int | None = None  # forced as the last token when generation reaches its length limit
    unlearned: tuple[int, ...] = ()  # tokens added for roles the checkpoint lacked: the model never learned them
    token_ids: dict[str, int | None] = field(default_factory=dict)  # config.json's *_token_id keys, written back
    imported: bool = False

    def frame(self, first: list[int], second: list[int] | None = None, limit: int | None = None) -> Framed:
        """The ids a model reads for ``first`` (and ``second``), cut to ``limit`` tokens in all: the longer text
        loses its last tokens first."""
        template = self.single if second is None else self.pair
        segments = (0,) * len(template) if second is None else self.pair_segments
        if limit is not None:
            room = max(limit - self.added(second is not None), 0)
            first, second = cut(first, second, room)
        ids, segments_out, texts = [], [], []
        for piece, segment in zip(template, segments):
            tokens = first if piece == TEXT else second if piece == PAIR_TEXT else [piece]
            ids += tokens
            segments_out += [segment] * len(tokens)
            texts += [0 if piece == TEXT else 1 if piece == PAIR_TEXT else None] * len(tokens)
        return Framed(ids, segments_out, texts)

    def added(self, pair: bool = False) -> int:
        """How many tokens the framing adds around one text (or a pair)."""
        return sum(isinstance(piece, int) for piece in (self.pair if pair else self.single))

    def leading(self) -> tuple[int, ...]:
        """The tokens before the text (Llama's ``<s>``, BERT's ``[CLS]``)."""
        return tuple(self.single[:self.single.index(TEXT)])

    def describe(self, name_of) -> Message:
        """The framing in words, with ``name_of(id)`` naming tokens."""
        def shown(template):
            return " ".join("text" if p == TEXT else "pair" if p == PAIR_TEXT else name_of(p) for p in template)
        said = Message(say.FRAMING_INPUT, {"tokens": shown(self.single)})
        if self.decoder_start is None:
            return said
        return Message(say.AND_THEN, {"first": said, "then": Message(say.DECODER_STARTS,
                                                                      {"token": name_of(self.decoder_start)})})

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=1)

    @classmethod
    def from_json(cls, text: str, source: str) -> Framing:
        try:
            raw = json.loads(text)
            return cls(**{key: tuple(value) if isinstance(value, list) else value for key, value in raw.items()})
        except (ValueError, TypeError) as error:
            raise CheckpointError(refusals.NOT_A_FRAMING, source=source, detail=error) from None


def cut(first: list[int], second: list[int] | None, room: int) -> tuple[list[int], list[int] | None]:
    """Texts cut to ``room`` tokens in all, the longer one first."""
    if second is None:
        return first[:room], None
    first, second = list(first), list(second)
    while len(first) + len(second) > room:
        if len(second) > len(first):
            second.pop()
        else:
            first.pop()
    return first, second


def app_framing(roles: dict[str, int], family: str) -> Framing:
    """How the app frames text for a model it trained: encoders read ``[CLS] text [SEP]``, encoder-decoders read
    ``text [EOS]`` and decode from ``[BOS]``, decoders read the text as it is."""
    pad, bos, eos, cls, sep = (roles[role] for role in ("pad", "bos", "eos", "cls", "sep"))
    ids = {"bos_token_id": bos, "eos_token_id": eos, "pad_token_id": pad}
    if family == "encoder":
        return Framing(roles, (cls, TEXT, sep), (cls, TEXT, sep, PAIR_TEXT, sep), (0, 0, 0, 1, 1), stop=(eos,),
                       token_ids=ids)
    if family == "encoder-decoder":
        return Framing(roles, (TEXT, eos), (TEXT, sep, PAIR_TEXT, eos), (0, 0, 1, 1), decoder_start=bos,
                       stop=(eos,), token_ids=ids | {"decoder_start_token_id": bos, "forced_eos_token_id": None})
    return Framing(roles, (TEXT,), (TEXT, sep, PAIR_TEXT), (0, 0, 1), stop=(eos,), token_ids=ids)


def task_framing(base: Framing, family: str, task: str) -> Framing:
    """How a fine-tuning task frames its input: the model's own framing, with the app's marks where the task adds
    some (a decoder reads ``prompt [SEP]`` before its answer; a decoder classifies ``text [EOS]``); a tagger
    reads the text with only its leading tokens, so that every other position is a tagged token."""
    if family == "encoder" or not task:
        return base
    lead, sep, eos = base.leading(), base.roles["sep"], base.roles["eos"]
    if task == "token-classification":
        return replace(base, single=(*lead, TEXT))
    if family == "encoder-decoder":
        return base
    if task == "seq2seq":
        return replace(base, single=(*lead, TEXT, sep))
    return replace(base, single=(*lead, TEXT, eos), pair=(*lead, TEXT, sep, PAIR_TEXT, eos),
                   pair_segments=(0,) * len(lead) + (0, 0, 1, 1))


def read_framing(run_dir: str | Path) -> Framing | None:
    """An imported run's framing; None for a run of the app's own (it frames text as ``app_framing`` says)."""
    path = Path(run_dir) / FRAMING_FILE
    if not path.is_file():
        return None
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CheckpointError(refusals.CANNOT_READ, path=path, detail=error) from None
    return Framing.from_json(text, str(path))
