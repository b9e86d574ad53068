"""Masked language modelling (BERT), with its optional next-sentence prediction."""

from __future__ import annotations

import numpy as np
from torch import Tensor

from lmstudio_app.config import engine_messages as say
from lmstudio_app.config import error_messages as refusals
from lmstudio_app.config.messages import Message
from lmstudio_app.config.objectives import MASKED_LM_HEAD, MLM, NEXT_SENTENCE_HEAD
from lmstudio_app.config.schema import ObjectiveConfig
from lmstudio_app.engine.data.cache import TokenizedSplit
from lmstudio_app.engine.model.transformer import Transformer
from lmstudio_app.engine.objectives.batch import IGNORE, Batch, Example, Tag
from lmstudio_app.engine.objectives.objectives import GalleryMask, Metrics, Objective, token_loss
from lmstudio_app.engine.data.tokenizer import TextTokenizer
from lmstudio_app.engine.objectives.objectives import padding_allowed_picture
from lmstudio_app.engine.objectives.sampling import require_tokens, sentence_run_positions, window_from_sentence
from lmstudio_app.errors import DataError

class MaskedLM(Objective):
    """BERT: predict selected tokens, most replaced by [MASK]; optionally next-sentence prediction."""

    spec = MLM

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
        mlm_loss, mlm_accuracy = token_loss(model.heads[MASKED_LM_HEAD](hidden[selected]), batch.labels[selected])
        if batch.sequence_labels is None:
            return mlm_loss, {"loss": mlm_loss.detach(), "accuracy": mlm_accuracy}
        nsp_logits = model.heads[NEXT_SENTENCE_HEAD](hidden, batch.attention_mask)  # (B, 2)
        nsp_loss, nsp_accuracy = token_loss(nsp_logits, batch.sequence_labels)
        loss = mlm_loss + nsp_loss
        return loss, {"loss": loss.detach(), "mlm_loss": mlm_loss.detach(), "accuracy": mlm_accuracy,
                      "nsp_loss": nsp_loss.detach(), "nsp_accuracy": nsp_accuracy}

    @classmethod
    def mask_picture(cls, length: int, example_ranks: list[int] | None) -> GalleryMask:
        return GalleryMask(say.MASKED_TITLE, Message(say.MASKED_MASK), padding_allowed_picture(length))
