"""Examples (numpy, one sequence) and batches (torch, padded to the sequence length)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from enum import IntEnum

import numpy as np
import torch
from torch import Tensor

from lmstudio_app.config.messages import Message

IGNORE = -100  # label of positions that carry no loss (PyTorch's cross-entropy default)


class Tag(IntEnum):
    """What happened to a token, for the objective inspector."""

    PLAIN = 0
    MASKED = 1  # replaced by [MASK]
    REPLACED = 2  # replaced by a random token
    KEPT = 3  # selected for prediction but left unchanged
    SENTINEL = 4  # a T5 sentinel standing for a span
    SPECIAL = 5  # [CLS], [SEP], [BOS], [EOS]
    INSERTED = 6  # a [MASK] standing for an empty span (BART)
    PREFIX = 7  # prefix-LM: seen bidirectionally, no loss
    TARGET = 8  # a token the model must predict


@dataclass
class Example:
    """One training example before padding."""

    input_ids: np.ndarray  # (T_in,)
    labels: np.ndarray  # (T_in,) for encoders and decoders, (T_out,) for encoder-decoders
    input_tags: np.ndarray  # (T_in,) Tag values
    original: np.ndarray  # (T_orig,) the uncorrupted tokens
    segment_ids: np.ndarray | None = None  # (T_in,)
    prefix_length: int | None = None
    decoder_input_ids: np.ndarray | None = None  # (T_out,)
    sequence_label: int | None = None  # a class for the whole sequence (NSP: 0 = B follows A, 1 = random)
    permutation_ranks: np.ndarray | None = None  # (T_in,) each position's place in a factorisation order (PLM)
    notes: tuple[Message, ...] = ()
    word_ids: np.ndarray | None = None  # (T_in,) whole-word masking: which word each token belongs to


@dataclass
class Batch:
    input_ids: Tensor  # (B, T)
    labels: Tensor  # (B, T) or (B, T_out) with IGNORE where there is no loss
    attention_mask: Tensor | None = None  # (B, T), 1 for real tokens
    segment_ids: Tensor | None = None
    prefix_lengths: Tensor | None = None  # (B,)
    decoder_input_ids: Tensor | None = None  # (B, T_out)
    decoder_attention_mask: Tensor | None = None
    sequence_labels: Tensor | None = None  # (B,) classes of whole sequences (NSP, classification)
    permutation_ranks: Tensor | None = None  # (B, T) factorisation orders (permutation LM)

    def to(self, device: torch.device | str) -> Batch:
        return Batch(**{f.name: None if getattr(self, f.name) is None
                        else getattr(self, f.name).to(device, non_blocking=True)
                        for f in dataclasses.fields(self)})

    def model_inputs(self) -> dict[str, Tensor | None]:
        return {
            "input_ids": self.input_ids,
            "attention_mask": self.attention_mask,
            "segment_ids": self.segment_ids,
            "prefix_lengths": self.prefix_lengths,
            "decoder_input_ids": self.decoder_input_ids,
            "decoder_attention_mask": self.decoder_attention_mask,
        }

    @property
    def size(self) -> int:
        return self.input_ids.size(0)

    def num_tokens(self) -> int:
        """Real (non-padding) input tokens, for throughput."""
        if self.attention_mask is None:
            return self.input_ids.numel()
        return int(self.attention_mask.sum())


def example_rngs(*key: int, indices: range) -> list[np.random.Generator]:
    """An independent generator per example: example i of a batch depends only on (key, i), so a
    resumed run or another data-parallel rank can draw exactly the examples it needs."""
    return [np.random.default_rng([*key, i]) for i in indices]


def pad(rows: list[np.ndarray], length: int, value: int) -> np.ndarray:
    out = np.full((len(rows), length), value, dtype=np.int64)
    for i, row in enumerate(rows):
        out[i, : len(row)] = row[:length]
    return out


def collate(examples: list[Example], seq_len: int, pad_id: int, target_len: int | None = None) -> Batch:
    """Pad examples to fixed lengths (fixed shapes keep compiled kernels reusable)."""
    lengths = np.array([len(e.input_ids) for e in examples])
    batch = Batch(
        input_ids=torch.from_numpy(pad([e.input_ids for e in examples], seq_len, pad_id)),
        labels=torch.from_numpy(pad([e.labels for e in examples], target_len or seq_len, IGNORE)),
    )
    if (lengths < seq_len).any():  # without padding no mask is needed, and causal attention stays fused
        batch.attention_mask = torch.from_numpy((np.arange(seq_len)[None, :] < lengths[:, None]).astype(np.int64))
    if examples[0].segment_ids is not None:
        batch.segment_ids = torch.from_numpy(pad([e.segment_ids for e in examples], seq_len, 0))
    if examples[0].prefix_length is not None:
        batch.prefix_lengths = torch.tensor([e.prefix_length for e in examples])
    if examples[0].decoder_input_ids is not None:
        decoder_rows = [e.decoder_input_ids for e in examples]
        decoder_lengths = np.array([len(r) for r in decoder_rows])
        batch.decoder_input_ids = torch.from_numpy(pad(decoder_rows, target_len, pad_id))
        batch.decoder_attention_mask = torch.from_numpy(
            (np.arange(target_len)[None, :] < decoder_lengths[:, None]).astype(np.int64))
    if examples[0].sequence_label is not None:
        batch.sequence_labels = torch.tensor([e.sequence_label for e in examples])
    if examples[0].permutation_ranks is not None:
        batch.permutation_ranks = torch.from_numpy(np.stack([e.permutation_ranks for e in examples]))
    return batch
