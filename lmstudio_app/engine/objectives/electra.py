"""ELECTRA (Clark et al., 2020): replaced-token detection.

A small generator, an encoder narrower than the model reading the same token embeddings, fills the [MASK]s of a
masked-LM example by sampling from its own predictions; the model, the discriminator, then tells for every token
whether it is the original or a replacement. The loss is the generator's masked-LM loss plus λ times the
discriminator's; after pretraining the generator is dropped and the discriminator is a BERT-shaped encoder.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import torch
import torch.nn.functional as F
from torch import Tensor, nn

from lmstudio_app.config.messages import Message
from lmstudio_app.config.objectives import DISCRIMINATOR_HEAD, ELECTRA, GENERATOR_HEAD, STAND_IN, generator_settings
from lmstudio_app.config.schema import ExperimentConfig, ObjectiveConfig
from lmstudio_app.engine.data.cache import TokenizedSplit
from lmstudio_app.engine.data.tokenizer import TextTokenizer
from lmstudio_app.engine.model.transformer import Stack, Transformer
from lmstudio_app.engine.objectives.batch import IGNORE, Batch, Example, Tag
from lmstudio_app.engine.objectives.masked import MaskedLM
from lmstudio_app.engine.objectives.objectives import Metrics, ModelParts, token_loss

EVALUATION_SAMPLES_SEED = 0  # evaluation samples its replacements from its own generator, leaving training's alone


class Generator(nn.Module):
    """The token embeddings projected down to the generator's width, its encoder, and its masked-token prediction
    back through the embeddings' width onto the vocabulary with the embeddings' own weights."""

    def __init__(self, d_model: int, stack: Stack, width: int, vocab: int, bias: bool, gelu_approximation: str):
        super().__init__()
        self.down = nn.Linear(d_model, width, bias=bias)
        self.stack = stack
        self.up = nn.Linear(width, d_model, bias=bias)
        self.gelu_approximation = gelu_approximation
        self.out_bias = nn.Parameter(torch.zeros(vocab)) if bias else None

    def forward(self, embedded: Tensor, attention_mask: Tensor | None, segment_ids: Tensor | None) -> Tensor:
        return self.stack(self.down(embedded), attention_mask, segment_ids).hidden  # (B, T, width)

    def logits(self, hidden: Tensor, embedding: Tensor) -> Tensor:
        return F.linear(F.gelu(self.up(hidden), approximate=self.gelu_approximation), embedding, self.out_bias)


class ReplacedTokenDetection(MaskedLM):
    spec = ELECTRA
    perplexity_metric = "generator_loss"

    def __init__(self, config: ObjectiveConfig, tokenizer: TextTokenizer, seq_len: int):
        # every selected token becomes [MASK]: the generator's samples are the replacements
        super().__init__(dataclasses.replace(config, mask_token_fraction=1.0, random_token_fraction=0.0),
                         tokenizer, seq_len)
        self.unlearned: Tensor | None = None  # (V,) tokens the generator never samples: specials, unused rows

    @classmethod
    def extend_model(cls, model: Transformer, config: ExperimentConfig, parts: ModelParts) -> None:
        m, settings = config.model, generator_settings(config)
        stack = parts.stack(settings, n_layers=settings.n_layers, causal=False, cross_attention=False, segments=True)
        model.heads[GENERATOR_HEAD] = Generator(m.d_model, stack, settings.d_model,
                                                model.token_embedding.num_embeddings, m.bias, m.gelu_approximation)

    def preview_example(self, split: TokenizedSplit, rng: np.random.Generator) -> Example:
        """The discriminator's input with a random token standing in for each of the generator's samples."""
        example = self.example(split, rng)
        masked = example.input_tags == Tag.MASKED
        example.input_ids[masked] = rng.choice(self.regular_ids, size=int(masked.sum()))
        example.input_tags[masked & (example.input_ids != example.original)] = Tag.REPLACED
        example.input_tags[masked & (example.input_ids == example.original)] = Tag.KEPT
        example.notes = (*example.notes, Message(STAND_IN, {"count": int(masked.sum())}))
        return example

    def loss(self, model: Transformer, batch: Batch) -> tuple[Tensor, Metrics]:
        selected = batch.labels != IGNORE  # (B, T) the masked tokens
        generator = model.heads[GENERATOR_HEAD]
        hidden = generator(model.embed(batch.input_ids), batch.attention_mask, batch.segment_ids)
        logits = generator.logits(hidden[selected], model.token_embedding.weight)  # (N, V)
        generator_loss, generator_accuracy = token_loss(logits, batch.labels[selected])
        sampled = self._sample(logits.detach(), model.training)
        corrupted = batch.input_ids.masked_scatter(selected, sampled)
        original = torch.where(selected, batch.labels, batch.input_ids)
        replaced = (corrupted != original).float()  # a sample equal to the original counts as original
        scores = model.heads[DISCRIMINATOR_HEAD](model(corrupted, batch.attention_mask,
                                                       segment_ids=batch.segment_ids).hidden).squeeze(-1).float()
        real = torch.ones_like(replaced) if batch.attention_mask is None else batch.attention_mask.float()
        count = real.sum().clamp_min(1)
        discriminator_loss = (F.binary_cross_entropy_with_logits(scores, replaced, reduction="none") * real).sum() \
            / count
        accuracy = (((scores > 0).float() == replaced).float() * real).sum() / count
        loss = generator_loss + self.config.rtd_weight * discriminator_loss
        return loss, {"loss": loss.detach(), "generator_loss": generator_loss.detach(),
                      "discriminator_loss": discriminator_loss.detach(), "accuracy": accuracy,
                      "generator_accuracy": generator_accuracy, "original_share": ((1 - replaced) * real).sum() / count}

    def _sample(self, logits: Tensor, training: bool) -> Tensor:
        """One token per masked position from the generator's distribution, never a special or unused token."""
        if self.unlearned is None or self.unlearned.device != logits.device:
            never = np.ones(logits.size(-1), dtype=bool)
            never[self.regular_ids] = False
            self.unlearned = torch.from_numpy(never).to(logits.device)
        probabilities = torch.softmax(logits.float().masked_fill(self.unlearned, float("-inf")), dim=-1)
        generator = None
        if not training:
            generator = torch.Generator(device=logits.device).manual_seed(EVALUATION_SAMPLES_SEED)
        return torch.multinomial(probabilities, 1, generator=generator).squeeze(-1)
