"""Which other tools' formats a composed model can be exported to, decided from its config alone (stdlib only,
so the window can say so while the model is being composed)."""

from __future__ import annotations

from lmstudio_app.config import error_messages as refusals
from lmstudio_app.config.messages import problem
from lmstudio_app.config.objectives import objectives_exported_as
from lmstudio_app.config.positions import LEARNED, RELATIVE, ROTARY
from lmstudio_app.config.schema import ExperimentConfig
from lmstudio_app.errors import ConfigError

# a seq2seq fine-tune keeps the language-model head: the same class
_LM_TASKS = frozenset({"", "seq2seq"})
_CAUSAL_DECODER = (("model", "family", "decoder"), ("model", "n_segments", 0),
                   ("objective", "name", objectives_exported_as("causal-lm")), ("finetune", "task", _LM_TASKS))
_BERT_ENCODER = (("model", "family", "encoder"), ("model", "position", LEARNED.name), ("model", "norm", "layernorm"),
                 ("model", "norm_position", "post"), ("model", "activation", "gelu"), ("model", "bias", True))
_BERT = _BERT_ENCODER + (("objective", "name", objectives_exported_as("bert")), ("finetune", "task", ""))
_EVERY_CLASS = (("model", "residual", True),)  # no transformers class drops its residual connections
# Each transformers class we write, as our config's knobs: (section, field, the value that class has).
TRANSFORMERS_SHAPES = {
    "GPT2LMHeadModel": _CAUSAL_DECODER + (
        ("model", "position", LEARNED.name), ("model", "norm", "layernorm"), ("model", "norm_position", "pre"),
        ("model", "activation", "gelu"), ("model", "bias", True)),
    "LlamaForCausalLM": _CAUSAL_DECODER + (
        ("model", "position", ROTARY.name), ("model", "norm", "rmsnorm"), ("model", "norm_position", "pre"),
        ("model", "activation", "swiglu"), ("model", "bias", False)),
    "BartForConditionalGeneration": (
        ("model", "family", "encoder-decoder"), ("model", "position", LEARNED.name), ("model", "norm", "layernorm"),
        ("model", "norm_position", "post"), ("model", "activation", "gelu"), ("model", "bias", True),
        ("model", "n_segments", 0), ("finetune", "task", _LM_TASKS)),
    "T5ForConditionalGeneration": (
        ("model", "family", "encoder-decoder"), ("model", "position", RELATIVE.name), ("model", "norm", "rmsnorm"),
        ("model", "norm_position", "pre"), ("model", "bias", False), ("model", "n_segments", 0),
        ("finetune", "task", _LM_TASKS)),
    "BertForMaskedLM": _BERT + (("objective", "next_sentence_prediction", False),),
    "BertForPreTraining": _BERT + (("objective", "next_sentence_prediction", True),),
    # an encoder pretrained without a head transformers has (ELECTRA's discriminator): the encoder alone
    "BertModel": _BERT_ENCODER + (("objective", "name", objectives_exported_as("bert-encoder")),
                                  ("finetune", "task", "")),
    # BERT's classifier reads its pooler: dense + tanh on [CLS], which is our sequence head on "cls" pooling
    "BertForSequenceClassification": _BERT_ENCODER + (
        ("finetune", "task", frozenset({"sequence-classification", "pair-classification"})),
        ("finetune", "pooling", frozenset({"auto", "cls"}))),
    "BertForTokenClassification": _BERT_ENCODER + (("finetune", "task", "token-classification"),),
}
SHAPE_SUMMARY = ("GPT2LMHeadModel (decoder, learned positions, LayerNorm, GELU, pre-norm, biases, causal LM), "
                 "LlamaForCausalLM (decoder, rotary, RMSNorm, SwiGLU, pre-norm, no biases, causal LM), "
                 "BertForMaskedLM / BertForPreTraining (encoder, learned positions, LayerNorm, GELU, post-norm, "
                 "biases, masked LM without / with next-sentence prediction), BertModel (the same encoder pretrained "
                 "by ELECTRA: the discriminator alone), BertForSequenceClassification / "
                 "BertForTokenClassification (the same encoder fine-tuned to classify on [CLS], or to tag), "
                 "BartForConditionalGeneration "
                 "(encoder-decoder, learned positions, LayerNorm, GELU, post-norm, biases), "
                 "T5ForConditionalGeneration (encoder-decoder, relative positions, RMSNorm, pre-norm, no biases)")


def _differing(config: ExperimentConfig, shape) -> list[tuple[str, object, object]]:
    """(knob, wanted, have) for each knob where ``config`` is not ``shape``."""
    found = [(f"{section}.{field}", wanted, getattr(getattr(config, section), field))
             for section, field, wanted in shape]
    return [(knob, wanted, have) for knob, wanted, have in found
            if (have not in wanted if isinstance(wanted, frozenset) else have != wanted)]


def _setting(value) -> str:
    return " or ".join(repr(v) for v in sorted(value)) if isinstance(value, frozenset) else repr(value)


def transformers_class(config: ExperimentConfig) -> str:
    """The ``transformers`` class the run exports as, or a ``ConfigError`` naming the knobs that keep the
    nearest class out of reach."""
    distance = {name: _differing(config, shape + _EVERY_CLASS) for name, shape in TRANSFORMERS_SHAPES.items()}
    nearest = min(distance, key=lambda name: len(distance[name]))
    if not distance[nearest]:
        return nearest
    knobs = "; ".join(f"{knob} = {have!r} ({nearest} has {_setting(wanted)})"
                      for knob, wanted, have in distance[nearest])
    raise ConfigError(problem("", refusals.NO_COUNTERPART, knobs=knobs, exportable=SHAPE_SUMMARY))
