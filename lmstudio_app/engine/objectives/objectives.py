"""The pretraining objectives: each turns tokenized text into batches and defines its loss.

An objective draws examples with a numpy ``Generator`` the caller seeds (one
per step, so a resumed run draws the same batches) and computes its loss and
metrics as tensors, leaving device syncs to the logging code.
"""

from __future__ import annotations

import contextlib
import math
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import numpy as np
import torch
import torch.nn.functional as F
from torch import Tensor

from lmstudio_app.config import engine_messages as say
from lmstudio_app.config import error_messages as refusals
from lmstudio_app.config.messages import Message
from lmstudio_app.config.schema import ObjectiveConfig
from lmstudio_app.engine.data.cache import TokenizedSplit
from lmstudio_app.engine.data.tokenizer import TextTokenizer
from lmstudio_app.engine.model import Transformer
from lmstudio_app.engine.objectives.batch import (
    IGNORE,
    Batch,
    Example,
    Tag,
    collate,
    example_rngs,
)
from lmstudio_app.engine.objectives.sampling import (
    document_of,
    random_partition,
    random_window,
    require_tokens,
    sentence_run,
    sentence_run_positions,
    window_from_sentence,
    window_start,
)
from lmstudio_app.errors import DataError

Metrics = dict[str, Tensor]
EVAL_STREAM = 1_000_003  # keeps validation batches apart from training batches of the same seed


@dataclass
class Evaluation:
    metrics: dict[str, float]
    confusion: list[list[int]] | None = None  # rows: true class, columns: predicted
    labels: list[str] | None = None
    predictions: list | None = None  # per example in split order: a label, or a tag per labelled token


def token_loss(logits: Tensor, labels: Tensor) -> tuple[Tensor, Tensor]:
    """Mean cross-entropy and accuracy over labelled positions (zero labelled positions give 0)."""
    labels = labels.reshape(-1)
    logits = logits.reshape(labels.numel(), -1).float()
    labelled = labels != IGNORE
    count = labelled.sum().clamp_min(1)
    loss = F.cross_entropy(logits, labels, ignore_index=IGNORE, reduction="sum") / count
    accuracy = ((logits.argmax(-1) == labels) & labelled).sum() / count
    return loss, accuracy


class Objective(ABC):
    name: str
    target_len: int | None = None  # decoder length of encoder-decoder objectives
    perplexity_metric: str | None = "loss"  # the token-level loss whose exp is the perplexity

    def __init__(self, config: ObjectiveConfig, tokenizer: TextTokenizer, seq_len: int):
        self.config = config
        self.tokenizer = tokenizer
        self.special = tokenizer.special
        self.seq_len = seq_len

    @abstractmethod
    def example(self, split: TokenizedSplit, rng: np.random.Generator) -> Example:
        """One corrupted example with its targets."""

    @abstractmethod
    def loss(self, model: Transformer, batch: Batch) -> tuple[Tensor, Metrics]:
        """The loss to minimise and the metrics to log (tensors, no device sync)."""

    def check(self, split: TokenizedSplit) -> None:
        """Raise ``DataError`` when the split cannot feed this objective."""
        require_tokens(split, self.seq_len + 1, refusals.A_SEQUENCE)

    @torch.no_grad()
    def evaluate(self, model: Transformer, split, *, batch_size: int, batches: int, seed: int,
                 autocast=contextlib.nullcontext) -> Evaluation:
        """Mean metrics over a fixed set of held-out batches (the same ones at every evaluation)."""
        device = next(model.parameters()).device
        sums: dict[str, Tensor] = {}
        for batch in self.evaluation_batches(split, batch_size=batch_size, batches=batches, seed=seed):
            with autocast():
                _, values = self.loss(model, batch.to(device))
            for name, value in values.items():
                sums[name] = sums.get(name, 0) + value.float()
        names = sorted(sums)
        return Evaluation(dict(zip(names, (torch.stack([sums[n] for n in names]) / batches).tolist())))

    def evaluation_batches(self, split, *, batch_size: int, batches: int, seed: int,
                           piece: int | None = None) -> Iterator[Batch]:
        """The held-out batches every evaluation (and the n-gram baselines) score: the same ones each time. With
        ``piece``, each batch comes in consecutive pieces of at most that many of its examples (the same examples:
        each has its own generator), for work that reads their tokens and need not hold a large batch at once."""
        size = piece or batch_size
        for index in range(batches):
            for start in range(0, batch_size, size):
                yield self.batch(split, example_rngs(seed, EVAL_STREAM, index,
                                                     indices=range(start, min(start + size, batch_size))))

    def batch(self, split: TokenizedSplit, rngs: Iterable[np.random.Generator]) -> Batch:
        """One example per generator, padded into a batch."""
        examples = [self.example(split, rng) for rng in rngs]
        return collate(examples, self.seq_len, self.special.pad, self.target_len)

    def _lm_loss(self, model: Transformer, batch: Batch) -> tuple[Tensor, Metrics]:
        hidden = model(**batch.model_inputs()).hidden
        loss, accuracy = token_loss(model.heads["lm"](hidden), batch.labels)
        return loss, {"loss": loss.detach(), "accuracy": accuracy}


class CausalLM(Objective):
    """Predict every next token from the tokens before it."""

    name = "clm"

    def example(self, split: TokenizedSplit, rng: np.random.Generator) -> Example:
        window = random_window(split, rng, self.seq_len + 1)
        tags = np.full(self.seq_len, Tag.TARGET, dtype=np.int8)
        return Example(window[:-1], window[1:].copy(), tags, original=window)

    def batch(self, split: TokenizedSplit, rngs: Iterable[np.random.Generator]) -> Batch:
        """The examples ``example`` draws, cut from the token array in one go: building them one by one cost
        a measurable share of a small model's step."""
        length = self.seq_len + 1
        starts = np.array([window_start(split, rng, length) for rng in rngs])
        windows = np.asarray(split.tokens[starts[:, None] + np.arange(length)], dtype=np.int64)  # (B, T + 1)
        return Batch(input_ids=torch.from_numpy(np.ascontiguousarray(windows[:, :-1])),
                     labels=torch.from_numpy(np.ascontiguousarray(windows[:, 1:])))

    def loss(self, model: Transformer, batch: Batch) -> tuple[Tensor, Metrics]:
        return self._lm_loss(model, batch)


class PrefixLM(CausalLM):
    """Attend bidirectionally within a prefix, causally after it; only the suffix carries loss."""

    name = "prefix-lm"
    batch = Objective.batch  # its examples differ from CausalLM's: built one by one

    def example(self, split: TokenizedSplit, rng: np.random.Generator) -> Example:
        example = super().example(split, rng)
        if self.config.prefix_fraction:
            prefix = max(1, int(self.config.prefix_fraction * self.seq_len))
        else:
            prefix = int(rng.integers(1, self.seq_len))
        # Position t predicts token t+1; inside the prefix that token is visible, so no loss there.
        example.labels[: prefix - 1] = IGNORE
        example.input_tags[:prefix] = Tag.PREFIX
        example.prefix_length = prefix
        return example


class PermutationLM(Objective):
    """XLNet: sample a factorisation order per sequence and predict its last tokens, each from the tokens before
    it in that order (partial prediction). Two-stream attention (``Transformer.two_stream``) lets a predicted
    position know where it is without seeing its own token; the text itself stays in place."""

    name = "plm"

    def check(self, split: TokenizedSplit) -> None:
        require_tokens(split, self.seq_len, refusals.A_SEQUENCE)

    @property
    def predicted(self) -> int:
        """How many tokens of each sequence are predicted: at least one, and never all (the first in the order
        has nothing to be predicted from)."""
        return max(1, min(self.seq_len - 1, round(self.seq_len * self.config.predict_fraction)))

    def example(self, split: TokenizedSplit, rng: np.random.Generator) -> Example:
        window = random_window(split, rng, self.seq_len)
        order = rng.permutation(self.seq_len)  # order[r] = the position factorised r-th
        ranks = np.empty(self.seq_len, dtype=np.int64)
        ranks[order] = np.arange(self.seq_len)
        predicted = ranks >= self.seq_len - self.predicted
        labels = np.where(predicted, window, IGNORE)
        tags = np.where(predicted, Tag.TARGET, Tag.PLAIN).astype(np.int8)
        shown = " → ".join(str(p + 1) for p in order[:24]) + (" → …" if self.seq_len > 24 else "")
        notes = (Message(say.FACTORISATION_ORDER, {"order": shown}),
                 Message(say.PREDICTED_LAST, {"count": self.predicted}))
        return Example(window.copy(), labels, tags, original=window, permutation_ranks=ranks, notes=notes)

    def loss(self, model: Transformer, batch: Batch) -> tuple[Tensor, Metrics]:
        hidden = model.two_stream(batch.input_ids, batch.permutation_ranks).hidden  # (B, T, C): the query stream
        loss, accuracy = token_loss(model.heads["lm"](hidden), batch.labels)
        return loss, {"loss": loss.detach(), "accuracy": accuracy}


class MaskedLM(Objective):
    """BERT: predict selected tokens, most replaced by [MASK]; optionally next-sentence prediction."""

    name = "mlm"

    def __init__(self, config: ObjectiveConfig, tokenizer: TextTokenizer, seq_len: int):
        super().__init__(config, tokenizer, seq_len)
        if config.next_sentence_prediction:
            self.perplexity_metric = "mlm_loss"
        vocab = np.arange(tokenizer.vocab_size)
        special = np.array(sorted(self.special.all()))
        self.regular_ids = np.setdiff1d(vocab, special)
        self.special_table = np.isin(vocab, special)
        texts = tokenizer.token_texts(vocab.tolist())
        raw = [tokenizer.backend.id_to_token(int(i)) or "" for i in vocab]
        # A token begins a word when it starts with whitespace (byte-level Ġ, SentencePiece ▁ shown
        # as a space) or, in WordPiece, unless it is a "##" continuation.
        wordpiece = type(tokenizer.backend.model).__name__ == "WordPiece"  # also when loaded from disk
        self.begins_word = np.array([t[:1].isspace() or (wordpiece and not r.startswith("##"))
                                     for t, r in zip(texts, raw)])
        self.ends_space = np.array([t[-1:].isspace() for t in texts])

    def check(self, split: TokenizedSplit) -> None:
        require_tokens(split, self.seq_len, refusals.A_SEQUENCE)
        if self.config.next_sentence_prediction and not self._pair_documents(split).size:
            raise DataError(refusals.NSP_SENTENCES)

    def _pair_documents(self, split: TokenizedSplit) -> np.ndarray:
        return np.flatnonzero(split.documents[:, 1] - split.documents[:, 0] >= 2)

    def word_ids(self, ids: np.ndarray, segmented_starts: np.ndarray | None = None) -> np.ndarray:
        """Which word each token belongs to (specials are words of their own). Words begin where a
        segmenter says (``segmented_starts``, Chinese) or else where the tokens' own markers say."""
        if segmented_starts is None:
            starts = self.begins_word[ids] | self.special_table[ids]
            starts[1:] |= self.ends_space[ids[:-1]]
        else:
            starts = segmented_starts | self.special_table[ids]
        starts[1:] |= self.special_table[ids[:-1]]
        starts[0] = True
        return np.cumsum(starts) - 1

    def corrupt(self, ids: np.ndarray, rng: np.random.Generator,
                segmented_starts: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """BERT's 80/10/10 corruption: (inputs, labels, tags). Specials and padding are never selected."""
        c = self.config
        maskable = ~self.special_table[ids]
        if c.whole_word_masking:
            words = self.word_ids(ids, segmented_starts)
            selected = maskable & (rng.random(words[-1] + 1) < c.mask_probability)[words]
        else:
            selected = maskable & (rng.random(len(ids)) < c.mask_probability)
        decision = rng.random(len(ids))
        to_mask = selected & (decision < c.mask_token_fraction)
        to_random = selected & ~to_mask & (decision < c.mask_token_fraction + c.random_token_fraction)
        inputs = ids.copy()
        inputs[to_mask] = self.special.mask
        inputs[to_random] = rng.choice(self.regular_ids, size=int(to_random.sum()))
        labels = np.where(selected, ids, IGNORE)
        tags = np.full(len(ids), Tag.PLAIN, dtype=np.int8)
        tags[~maskable] = Tag.SPECIAL
        tags[selected] = Tag.KEPT
        tags[to_random] = Tag.REPLACED
        tags[to_mask] = Tag.MASKED
        return inputs, labels, tags

    def example(self, split: TokenizedSplit, rng: np.random.Generator) -> Example:
        s = self.special
        if self.config.next_sentence_prediction:
            first, second, label = self._sentence_pair(split, rng)
            # [CLS] A [SEP] B [SEP], as positions in the split; -1 stands for a special token
            positions = np.concatenate([[-1], first, [-1], second, [-1]])
            ids = np.concatenate([[s.cls], split.tokens[first], [s.sep], split.tokens[second], [s.sep]])
            segments = np.concatenate([np.zeros(len(first) + 2, np.int64), np.ones(len(second) + 1, np.int64)])
            notes = (Message(say.IS_NEXT if label == 0 else say.NOT_NEXT),)
        else:
            body = window_from_sentence(split, rng, self.seq_len - 2)
            positions = np.concatenate([[-1], body, [-1]])
            tokens = np.asarray(split.tokens[body], dtype=np.int64)
            tokens = np.where(tokens == s.eos, s.sep, tokens)  # documents run on, separated by [SEP]
            ids = np.concatenate([[s.cls], tokens, [s.sep]])
            segments, label, notes = None, None, ()
        ids = ids.astype(np.int64)
        segmented_starts = None
        if split.word_starts is not None:
            segmented_starts = np.where(positions >= 0, split.word_starts[np.maximum(positions, 0)], True)
        inputs, labels, tags = self.corrupt(ids, rng, segmented_starts)
        words = self.word_ids(ids, segmented_starts) if self.config.whole_word_masking else None
        return Example(inputs, labels, tags, original=ids, segment_ids=segments, sequence_label=label,
                       notes=notes, word_ids=words)

    def _sentence_pair(self, split: TokenizedSplit, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, int]:
        """Positions of segment A from a document and B either its continuation (label 0) or another
        document's (1)."""
        budget = self.seq_len - 3
        candidates = self._pair_documents(split)
        document = int(candidates[rng.integers(0, len(candidates))])
        first_sentence, end = split.documents[document]
        start = int(rng.integers(first_sentence, end - 1))
        sentences = [np.arange(a, b, dtype=np.int64) for a, b in split.sentences[start:end]]
        split_at = int(rng.integers(1, len(sentences)))
        first = np.concatenate(sentences[:split_at])
        is_next = rng.random() < 0.5 or split.num_documents < 2
        if is_next:
            second = np.concatenate(sentences[split_at:])
        else:
            other = int(rng.integers(0, split.num_documents - 1))
            other += other >= document
            other_first, other_end = split.documents[other]
            other_start = int(rng.integers(other_first, other_end))
            second = np.concatenate(sentence_run_positions(split, other_start, budget))
        # Trim A's start and B's end, keeping the junction that the label is about.
        while len(first) + len(second) > budget:
            if len(first) > len(second):
                first = first[1:]
            else:
                second = second[:-1]
        return first, second, 0 if is_next else 1

    def loss(self, model: Transformer, batch: Batch) -> tuple[Tensor, Metrics]:
        hidden = model(**batch.model_inputs()).hidden  # (B, T, C)
        selected = batch.labels != IGNORE
        mlm_loss, mlm_accuracy = token_loss(model.heads["mlm"](hidden[selected]), batch.labels[selected])
        if batch.sequence_labels is None:
            return mlm_loss, {"loss": mlm_loss.detach(), "accuracy": mlm_accuracy}
        nsp_logits = model.heads["nsp"](hidden, batch.attention_mask)  # (B, 2)
        nsp_loss, nsp_accuracy = token_loss(nsp_logits, batch.sequence_labels)
        loss = mlm_loss + nsp_loss
        return loss, {"loss": loss.detach(), "mlm_loss": mlm_loss.detach(), "accuracy": mlm_accuracy,
                      "nsp_loss": nsp_loss.detach(), "nsp_accuracy": nsp_accuracy}


class SpanCorruption(Objective):
    """T5: random spans become sentinels in the input; the target lists each sentinel and its span."""

    name = "span-corruption"

    def __init__(self, config: ObjectiveConfig, tokenizer: TextTokenizer, seq_len: int):
        super().__init__(config, tokenizer, seq_len)
        self.framing = tokenizer.framing_for("encoder-decoder")  # the target as the decoder answers, its start
        if not self.special.sentinels:
            raise DataError(refusals.NO_SENTINELS)
        self.source_len = self._longest_source()
        self.target_len = self._lengths(self.source_len)[1]

    def _counts(self, length: int) -> tuple[int, int]:
        noise = min(max(int(round(length * self.config.noise_density)), 1), length - 1)
        spans = max(1, int(round(noise / self.config.mean_span_length)))
        return noise, min(spans, noise, length - noise, len(self.special.sentinels))

    def _lengths(self, length: int) -> tuple[int, int]:
        """(input, target) lengths for ``length`` source tokens, each with its EOS."""
        noise, spans = self._counts(length)
        return length - noise + spans + 1, noise + spans + 1

    def _longest_source(self) -> int:
        length = self.seq_len
        while self._lengths(length + 1)[0] <= self.seq_len:
            length += 1
        while length > 2 and self._lengths(length)[0] > self.seq_len:
            length -= 1
        return length

    def check(self, split: TokenizedSplit) -> None:
        require_tokens(split, self.source_len, refusals.A_SOURCE_WINDOW)

    def noise_mask(self, length: int, rng: np.random.Generator) -> np.ndarray:
        noise, spans = self._counts(length)
        noise_lengths = random_partition(noise, spans, rng)
        plain_lengths = random_partition(length - noise, spans, rng)
        runs = np.stack([plain_lengths, noise_lengths], axis=1).reshape(-1)  # plain, noise, plain, noise, …
        return np.repeat(np.tile([False, True], spans), runs)

    def example(self, split: TokenizedSplit, rng: np.random.Generator) -> Example:
        s = self.special
        original = random_window(split, rng, self.source_len)
        noise = self.noise_mask(len(original), rng)
        span_starts = noise & ~np.concatenate([[False], noise[:-1]])
        span_index = np.cumsum(span_starts) - 1
        sentinels = np.asarray(s.sentinels, dtype=np.int64)
        # Input: plain tokens, each span collapsed to its sentinel. Target: each sentinel followed by its span.
        keep = ~noise | span_starts
        inputs = np.where(span_starts, sentinels[span_index], original)[keep]
        tags = np.where(span_starts, Tag.SENTINEL, Tag.PLAIN)[keep].astype(np.int8)
        target = np.concatenate([[sentinels[span_index[i]], original[i]] if span_starts[i] else [original[i]]
                                 for i in np.flatnonzero(noise)]).astype(np.int64)
        inputs = np.concatenate([inputs, [s.eos]])
        tags = np.concatenate([tags, [Tag.SPECIAL]]).astype(np.int8)
        target = np.array(self.framing.frame(target.tolist(), limit=self.target_len).ids)
        return Example(inputs, target, tags, original=original,
                       decoder_input_ids=np.concatenate([[self.framing.decoder_start], target[:-1]]))

    def loss(self, model: Transformer, batch: Batch) -> tuple[Tensor, Metrics]:
        return self._lm_loss(model, batch)


class Denoising(Objective):
    """BART: sentences shuffled, Poisson-length spans each replaced by one [MASK]; rebuild the original."""

    name = "denoising"

    def __init__(self, config: ObjectiveConfig, tokenizer: TextTokenizer, seq_len: int):
        super().__init__(config, tokenizer, seq_len)
        self.framing = tokenizer.framing_for("encoder-decoder")  # the target as the decoder answers, its start
        self.target_len = seq_len

    def check(self, split: TokenizedSplit) -> None:
        require_tokens(split, 2, refusals.A_DOCUMENT)

    def infill(self, ids: np.ndarray, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, list[int]]:
        """Text infilling: (inputs, tags, span lengths). Zero-length spans insert a [MASK]."""
        length = len(ids)
        to_mask = int(math.ceil(length * self.config.mask_ratio))
        spans: list[int] = []
        while sum(spans) < to_mask:
            spans.append(int(rng.poisson(self.config.poisson_lambda)))
        if spans:
            spans[-1] -= sum(spans) - to_mask
        kept = length - to_mask
        # Each span takes its own gap between kept tokens, so spans never merge.
        gaps = rng.choice(kept + 1, size=len(spans), replace=len(spans) > kept + 1)
        order = np.argsort(gaps, kind="stable")
        inputs, tags, position, span = [], [], 0, 0
        for gap in range(kept + 1):
            while span < len(order) and gaps[order[span]] == gap:
                size = spans[order[span]]
                inputs.append(self.special.mask)
                tags.append(Tag.MASKED if size else Tag.INSERTED)
                position += size
                span += 1
            if gap < kept:
                inputs.append(ids[position])
                tags.append(Tag.PLAIN)
                position += 1
        return np.asarray(inputs, dtype=np.int64), np.asarray(tags, dtype=np.int8), spans

    def example(self, split: TokenizedSplit, rng: np.random.Generator) -> Example:
        s = self.special
        first = int(rng.integers(0, len(split.sentences)))
        sentences = sentence_run(split, first, self.seq_len - 2)
        original = np.concatenate(sentences)
        order = np.arange(len(sentences))
        if self.config.permute_sentences and len(sentences) > 1:
            order = rng.permutation(len(sentences))
        shuffled = np.concatenate([sentences[i] for i in order])
        corrupted, tags, spans = self.infill(shuffled, rng)
        room = self.seq_len - 2  # inserted masks can make the input longer than the original
        inputs = np.concatenate([[s.bos], corrupted[:room], [s.eos]])
        tags = np.concatenate([[Tag.SPECIAL], tags[:room], [Tag.SPECIAL]]).astype(np.int8)
        target = np.array(self.framing.frame(original.tolist(), limit=self.target_len).ids)
        notes = [Message(say.DOCUMENT_SENTENCES, {"document": document_of(split, first), "count": len(sentences)}),
                 Message(say.INFILLED_SPANS, {"lengths": spans})]
        if len(sentences) > 1 and self.config.permute_sentences:
            notes.append(Message(say.SENTENCE_ORDER, {"order": order.tolist()}))
        return Example(inputs, target, tags, original=original,
                       decoder_input_ids=np.concatenate([[self.framing.decoder_start], target[:-1]]),
                       notes=tuple(notes))

    def loss(self, model: Transformer, batch: Batch) -> tuple[Tensor, Metrics]:
        return self._lm_loss(model, batch)


OBJECTIVES: dict[str, type[Objective]] = {cls.name: cls for cls in
                                          (CausalLM, PrefixLM, PermutationLM, MaskedLM, SpanCorruption,
                                           Denoising)}


def build_objective(config: ObjectiveConfig, tokenizer: TextTokenizer, seq_len: int) -> Objective:
    return OBJECTIVES[config.name](config, tokenizer, seq_len)

