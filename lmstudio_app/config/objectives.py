"""The pretraining objectives, each described once.

An objective is a plug-in. Its descriptor here says, without torch, what the config layer, the validator, the
forms and ``model_stats`` need: its name, the families it fits, the objective settings it reads (their help,
bounds and choices are the fields' own, in config/schema.py), the heads it puts on the model, what else it adds
to the model and what that costs, and the problems a config can have with it. Its engine side (an example, the
loss, the mask picture, a special forward) is one module under engine/objectives/, registered under the same
name. To add an objective: a descriptor in ``SPECS`` below, its settings in ``ObjectiveConfig``, a module there,
and its sentences' Chinese. The sentences an objective's descriptor shows are templates here (a catalogue
module, config/messages.py ``CATALOGUE_MODULES``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

from lmstudio_app.config import messages as rules
from lmstudio_app.config.messages import Problem, Template, problem

# Head names: checkpoints name the weights of each head so, and transformers' tables map them.
LM_HEAD = "lm"  # next or target token
MASKED_LM_HEAD = "mlm"  # the token behind a [MASK]
NEXT_SENTENCE_HEAD = "nsp"


@dataclass(frozen=True)
class HeadSpec:
    """A task head: what it predicts and over how many outputs."""

    kind: str  # "lm" (next/target token), "masked" (masked token), "sequence" (pooled class), "token" (tag per token)
    outputs: int
    pooling: str = "cls"  # for "sequence" heads: "cls", "mean" or "last"


def vocabulary(config) -> int:
    """The embedding's row count: the model's own setting, else the tokenizer's target size."""
    return config.model.vocab_size or config.tokenizer.vocab_size


def _lm_head(config) -> dict[str, HeadSpec]:
    return {LM_HEAD: HeadSpec("lm", vocabulary(config))}


def _none(_config) -> tuple:
    return ()


def _no_companion(_config) -> None:
    return None


@dataclass(frozen=True)
class ObjectiveSpec:
    name: str  # the value of objective.name
    families: tuple[str, ...]
    options: tuple[str, ...] = ()  # the objective settings it reads, in the order its form shows them
    # the heads its pretraining needs, by name, from an ExperimentConfig
    heads: Callable[..., dict[str, HeadSpec]] = _lm_head
    # (what, count) of the parameters it adds beyond the stacks and heads, from an ExperimentConfig
    parameters: Callable[..., tuple[tuple[str, int], ...]] = _none
    query_stream: bool = False  # adds XLNet's second, query stream: each layer runs twice per token
    # the model settings (a ModelConfig) of a second encoder stack it trains beside the model, reading the shared
    # token embedding and predicting masked tokens through it (ELECTRA's generator); None for none
    companion: Callable[..., object] = _no_companion
    companion_name: str = "companion"  # what the parameter table calls it
    masks_attention: bool = False  # a mask beyond causal and padding, so attention stores its weights
    # tokens the decoder of an encoder-decoder reads per example, from (ExperimentConfig, source length)
    decoder_length: Callable[..., int] | None = None
    predicts_next_token: bool = False  # its loss is next-token prediction, so n-gram baselines compare with it
    next_sentence: bool = False  # BERT's next-sentence prediction may join it
    sentinels: bool = False  # the tokenizer registers T5's sentinel tokens for it
    generates: bool = False  # its pretrained model continues or rewrites text
    exports_as: str = ""  # the kind of transformers model its pretrained model is written as ("" none)
    # the problems an ExperimentConfig pretraining with it has
    problems: Callable[..., tuple[Problem, ...]] = _none
    # metrics it logs beyond "loss" and "accuracy" (a key ending in "loss" is drawn as a part of the loss), and
    # how the window names them
    metrics: tuple[tuple[str, Template], ...] = ()


MLM_LOSS = Template("MLM loss")
NSP_LOSS = Template("NSP loss")
NSP_ACCURACY = Template("NSP accuracy")


def _masked_heads(config) -> dict[str, HeadSpec]:
    heads = {MASKED_LM_HEAD: HeadSpec("masked", vocabulary(config))}
    if config.objective.next_sentence_prediction:
        heads[NEXT_SENTENCE_HEAD] = HeadSpec("sequence", 2, "cls")
    return heads


def _query_start(config) -> tuple[tuple[str, int], ...]:
    return (("query stream start", config.model.d_model),)


def _span_targets(config, length: int) -> int:
    o = config.objective
    noise = o.noise_density * length
    return int(noise + noise / o.mean_span_length) + 2  # the corrupted tokens, a sentinel per span, EOS


def _needs_a_sentinel(config) -> tuple[Problem, ...]:
    if config.tokenizer.sentinels < 1:
        return (problem("tokenizer.sentinels", rules.SENTINELS),)
    return ()


CLM = ObjectiveSpec("clm", ("decoder",), predicts_next_token=True, generates=True, exports_as="causal-lm")
PREFIX_LM = ObjectiveSpec("prefix-lm", ("decoder",), options=("prefix_fraction",), masks_attention=True,
                          predicts_next_token=True, generates=True)
PLM = ObjectiveSpec("plm", ("decoder",), options=("predict_fraction",), parameters=_query_start, query_stream=True,
                    generates=True)  # permutation language modelling (XLNet)
MLM = ObjectiveSpec("mlm", ("encoder",), options=("next_sentence_prediction", "mask_probability",
                                                  "mask_token_fraction", "random_token_fraction",
                                                  "whole_word_masking"),
                    heads=_masked_heads, next_sentence=True, exports_as="bert",
                    metrics=(("mlm_loss", MLM_LOSS), ("nsp_loss", NSP_LOSS), ("nsp_accuracy", NSP_ACCURACY)))
SPAN_CORRUPTION = ObjectiveSpec("span-corruption", ("encoder-decoder",), options=("noise_density", "mean_span_length"),
                                decoder_length=_span_targets, sentinels=True, generates=True,
                                problems=_needs_a_sentinel)
DENOISING = ObjectiveSpec("denoising", ("encoder-decoder",), options=("mask_ratio", "poisson_lambda",
                                                                     "permute_sentences"), generates=True)

# ---------------------------------------------------------------- ELECTRA (replaced-token detection)

GENERATOR_HEAD = "generator"  # the narrower encoder that fills the masks; dropped after pretraining
DISCRIMINATOR_HEAD = "discriminator"  # original or replaced, per token
GENERATOR_LOSS = Template("generator loss (masked LM)")
DISCRIMINATOR_LOSS = Template("discriminator loss (replaced-token detection, before ×λ)")
GENERATOR_ACCURACY = Template("generator accuracy")
ORIGINAL_SHARE = Template("share of original tokens")
STAND_IN = Template("in training, a small generator fills these {count} masks by sampling; here a random token "
                    "stands in for each sample. The model learns, for every token, whether it is the original")


def generator_settings(config):
    """The generator: an encoder as deep as the model, with the model's head width and ``rtd_generator_fraction`` of
    its heads (at least one), its feed-forward layer narrowed alike."""
    m = config.model
    heads = max(1, round(m.n_heads * config.objective.rtd_generator_fraction))
    width = heads * (m.d_model // m.n_heads)
    return dataclasses.replace(m, family="encoder", d_model=width, n_heads=heads, n_decoder_layers=0,
                               d_ff=m.d_ff * width // m.d_model if m.d_ff else 0)


def _discriminator_head(config) -> dict[str, HeadSpec]:
    return {DISCRIMINATOR_HEAD: HeadSpec("token", 1)}


def _generator_projections(config) -> tuple[tuple[str, int], ...]:
    """Down to the generator's width and back up to the embeddings', and a bias per token of the vocabulary (the
    vocabulary projection is the embeddings' own weights)."""
    d, width, bias = config.model.d_model, generator_settings(config).d_model, config.model.bias
    return (("generator projections", 2 * d * width + ((width + d + vocabulary(config)) if bias else 0)),)


ELECTRA = ObjectiveSpec("electra", ("encoder",), options=("mask_probability", "whole_word_masking",
                                                          "rtd_generator_fraction", "rtd_weight"),
                        heads=_discriminator_head, parameters=_generator_projections, companion=generator_settings,
                        companion_name="generator", exports_as="bert-encoder",
                        metrics=(("generator_loss", GENERATOR_LOSS), ("discriminator_loss", DISCRIMINATOR_LOSS),
                                 ("generator_accuracy", GENERATOR_ACCURACY), ("original_share", ORIGINAL_SHARE)))


SPECS: dict[str, ObjectiveSpec] = {spec.name: spec for spec in (CLM, PREFIX_LM, PLM, MLM, SPAN_CORRUPTION, DENOISING,
                                                                 ELECTRA)}


def pretraining_spec(config) -> ObjectiveSpec | None:
    """The descriptor of the objective an ExperimentConfig pretrains with; None for a fine-tune, which trains its
    task instead."""
    return None if config.finetune.task else SPECS[config.objective.name]


def objectives_exported_as(kind: str) -> frozenset[str]:
    return frozenset(name for name, spec in SPECS.items() if spec.exports_as == kind)
