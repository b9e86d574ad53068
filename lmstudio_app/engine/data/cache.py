"""The tokenized corpus on disk: token ids in a memory map, plus sentence and document spans.

A cache folder is keyed by a hash of the corpus content, the split and the
tokenizer, so a second run with the same inputs skips tokenization and any
change makes a new key. It is built in a temporary folder and renamed into
place; ``meta.json`` records each file's size and SHA-256, and a cache whose
files do not match it is rebuilt, never trusted.
"""

from __future__ import annotations

import array
import hashlib
import itertools
import json
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from lmstudio_app.config import engine_messages as say
from lmstudio_app.config.messages import Message
from lmstudio_app.engine.data.documents import Document, split_sentences
from lmstudio_app.engine.data.segmentation import word_starts
from lmstudio_app.engine.data.tokenizer import TextTokenizer
from lmstudio_app.engine.progress import Progress, no_progress
from lmstudio_app.fsutil import atomic_write_text, sha256_file, user_data_dir

FORMAT = 1
SPLITS = ("train", "validation")
_BATCH_CHARACTERS = 250_000  # enough for the tokenizer's threads; a stop request waits for one batch


@dataclass
class TokenizedSplit:
    """One split's token ids; each document is followed by an EOS token."""

    tokens: np.ndarray  # (N,) uint16 or uint32, memory-mapped
    sentences: np.ndarray  # (S, 2) int64 [start, end) token spans
    documents: np.ndarray  # (D, 2) int64 [first, end) spans of sentence indices
    word_starts: np.ndarray | None = None  # (N,) bool, a segmenter's word starts (Chinese); None: no segmenter

    @property
    def num_documents(self) -> int:
        return len(self.documents)

    def __len__(self) -> int:
        return self.num_documents

    @property
    def num_tokens(self) -> int:
        return len(self.tokens)

    def document_span(self, index: int) -> tuple[int, int]:
        """[start, end) of a document's tokens, without its EOS."""
        first, end = self.documents[index]
        return int(self.sentences[first, 0]), int(self.sentences[end - 1, 1])

    def document_tokens(self, index: int) -> np.ndarray:
        start, end = self.document_span(index)
        return self.tokens[start:end]

    def document_sentences(self, index: int) -> list[np.ndarray]:
        first, end = self.documents[index]
        return [self.tokens[s:e] for s, e in self.sentences[first:end]]


def cache_key(corpus_fingerprint: str, held_out: frozenset[int], tokenizer: TextTokenizer,
              segmentation: str = "") -> str:
    digest = hashlib.sha256()
    digest.update(f"format {FORMAT}\ncorpus {corpus_fingerprint}\n".encode())
    if segmentation:
        digest.update(f"segmentation {segmentation}\n".encode())
    digest.update(("held out " + ",".join(map(str, sorted(held_out))) + "\n").encode())
    digest.update(tokenizer.to_json().encode())
    return digest.hexdigest()[:32]


def cache_root() -> Path:
    return user_data_dir() / "cache" / "tokens"


@dataclass
class CacheResult:
    splits: dict[str, TokenizedSplit]
    hit: bool  # True when nothing had to be tokenized
    rebuilt_because: str = ""  # why an existing cache folder was not trusted


def load_or_build(key: str, documents: Iterable[Document], held_out: frozenset[int], tokenizer: TextTokenizer,
                  progress: Progress = no_progress, total_characters: int | None = None,
                  segmentation: str = "") -> CacheResult:
    """The splits of ``key``, tokenized now unless a trusted cache holds them. With a ``segmentation``
    (see ``segmentation.choose_segmentation``) each token is also marked where a word begins."""
    folder = cache_root() / key
    reason = ""
    if folder.exists():
        try:
            return CacheResult(_load(folder, key, tokenizer.vocab_size), hit=True)
        except (OSError, ValueError, KeyError) as error:
            reason = str(error) or type(error).__name__
            progress(Message(say.CACHE_UNUSABLE, {"reason": reason}), None)
            shutil.rmtree(folder, ignore_errors=True)
    _build(folder, key, documents, held_out, tokenizer, progress, total_characters, segmentation)
    return CacheResult(_load(folder, key, tokenizer.vocab_size), hit=False, rebuilt_because=reason)


def _dtype(vocab_size: int) -> np.dtype:
    return np.dtype(np.uint16 if vocab_size <= np.iinfo(np.uint16).max + 1 else np.uint32)


class _SplitWriter:
    """Appends tokenized documents of one split to its files without holding them in memory."""

    def __init__(self, folder: Path, name: str, dtype: np.dtype, segmented: bool):
        self.handle = (folder / f"{name}.tokens").open("wb")
        self.word_starts = (folder / f"{name}.word_starts").open("wb") if segmented else None
        self.dtype = dtype
        self.position = 0
        self.sentences = array.array("q")  # flat [start, end, start, end, ...]
        self.documents = array.array("q")  # flat [first, end, ...] in sentence indices

    def add(self, sentence_ids: list[list[int]], eos: int, word_starts: list[list[bool]] | None = None) -> None:
        """One document: its sentences' tokens, then EOS, written at once (with each token's word start)."""
        lengths = [len(ids) for ids in sentence_ids if ids]
        if not lengths:
            return
        if self.word_starts is not None:
            self.word_starts.write(np.fromiter(itertools.chain(*word_starts, (True,)), dtype=np.bool_).tobytes())
        first = len(self.sentences) // 2
        ends = self.position + np.cumsum(lengths)
        self.sentences.extend(np.stack([ends - lengths, ends], axis=1).ravel().tolist())
        self.handle.write(np.fromiter(itertools.chain(*sentence_ids, (eos,)), dtype=self.dtype,
                                      count=int(ends[-1]) - self.position + 1).tobytes())
        self.position = int(ends[-1]) + 1
        self.documents.extend((first, len(self.sentences) // 2))

    def close(self, folder: Path, name: str) -> None:
        self.handle.close()
        if self.word_starts is not None:
            self.word_starts.close()
        np.save(folder / f"{name}.sentences.npy", np.frombuffer(self.sentences, dtype=np.int64).reshape(-1, 2))
        np.save(folder / f"{name}.documents.npy", np.frombuffer(self.documents, dtype=np.int64).reshape(-1, 2))


def _build(folder: Path, key: str, documents: Iterable[Document], held_out: frozenset[int],
           tokenizer: TextTokenizer, progress: Progress, total_characters: int | None, segmentation: str) -> None:
    folder.parent.mkdir(parents=True, exist_ok=True)
    temp = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{key}-"))
    try:
        dtype = _dtype(tokenizer.vocab_size)
        writers = {name: _SplitWriter(temp, name, dtype, bool(segmentation)) for name in SPLITS}
        done = 0
        for batch in _batches(documents):
            pieces = [(index, doc, split_sentences(doc.text)) for index, doc in batch]
            texts = [s for _, _, sentences in pieces for s in sentences]
            encoded = iter(tokenizer.encode_batch_with_offsets(texts) if segmentation else
                           [(ids, None) for ids in tokenizer.encode_batch(texts)])
            for index, document, sentences in pieces:
                split = "validation" if index in held_out else "train"
                sentence_encodings = [next(encoded) for _ in sentences]
                marks = _word_start_marks(document, sentences, sentence_encodings, segmentation) \
                    if segmentation else None
                writers[split].add([ids for ids, _ in sentence_encodings], tokenizer.special.eos, marks)
            done += sum(len(doc.text) for _, doc in batch)
            progress(Message(say.TOKENIZING), min(done / total_characters, 0.99) if total_characters else None)
        for name, writer in writers.items():
            writer.close(temp, name)
        files = sorted(p.name for p in temp.iterdir())
        meta = {
            "format": FORMAT,
            "key": key,
            "dtype": dtype.name,
            "vocab_size": tokenizer.vocab_size,
            "files": {name: {"bytes": (temp / name).stat().st_size, "sha256": sha256_file(temp / name)}
                      for name in files},
        }
        atomic_write_text(temp / "meta.json", json.dumps(meta, indent=1))
        try:
            temp.rename(folder)
        except OSError:
            if not folder.exists():
                raise
            shutil.rmtree(temp, ignore_errors=True)  # another process finished the same cache first
        progress(Message(say.TOKENIZING), 1.0)
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise


def _word_start_marks(document: Document, sentences: list[str], encodings: list[tuple[list[int], list]],
                      segmentation: str) -> list[list[bool]]:
    """Per sentence, whether each token begins a word: whether its first character does."""
    starts = word_starts(document, segmentation)
    marks, offset = [], 0
    for sentence, (_, offsets) in zip(sentences, encodings):
        marks.append([offset + start in starts for start, _ in offsets])
        offset += len(sentence)
    return marks


def _batches(documents: Iterable[Document]) -> Iterator[list[tuple[int, Document]]]:
    """Documents with their corpus index, in groups of about ``_BATCH_CHARACTERS`` characters of text."""
    batch: list[tuple[int, Document]] = []
    characters = 0
    for index, document in enumerate(documents):
        batch.append((index, document))
        characters += len(document.text)
        if characters >= _BATCH_CHARACTERS:
            yield batch
            batch, characters = [], 0
    if batch:
        yield batch


def _load(folder: Path, key: str, vocab_size: int) -> dict[str, TokenizedSplit]:
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    if meta.get("format") != FORMAT or meta.get("key") != key or meta.get("vocab_size") != vocab_size:
        raise ValueError("written by another version or for another tokenizer")
    for name, expected in meta["files"].items():
        path = folder / name
        if path.stat().st_size != expected["bytes"] or sha256_file(path) != expected["sha256"]:
            raise ValueError(f"{name} does not match its checksum")
    dtype = np.dtype(meta["dtype"])
    splits = {}
    for name in SPLITS:
        path = folder / f"{name}.tokens"
        size = path.stat().st_size // dtype.itemsize
        tokens = np.memmap(path, dtype=dtype, mode="r", shape=(size,)) if size else np.zeros(0, dtype=dtype)
        sentences = np.load(folder / f"{name}.sentences.npy", allow_pickle=False)
        documents = np.load(folder / f"{name}.documents.npy", allow_pickle=False)
        if len(sentences) and (sentences.min() < 0 or sentences.max() > size):
            raise ValueError(f"{name} sentence spans point outside the tokens")
        if len(documents) and (documents.min() < 0 or documents.max() > len(sentences)):
            raise ValueError(f"{name} document spans point outside the sentences")
        if size and int(tokens.max()) >= vocab_size:
            raise ValueError(f"{name} holds token ids outside the vocabulary")
        splits[name] = TokenizedSplit(tokens, sentences, documents, _load_word_starts(folder / f"{name}.word_starts",
                                                                                 size))
    return splits


def _load_word_starts(path: Path, size: int) -> np.ndarray | None:
    if not path.exists():
        return None
    if path.stat().st_size != size:
        raise ValueError(f"{path.name} does not mark every token")
    return np.memmap(path, dtype=np.bool_, mode="r", shape=(size,)) if size else np.zeros(0, dtype=np.bool_)
