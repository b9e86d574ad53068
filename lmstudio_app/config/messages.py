"""Sentences as data: a template and its values, so each reader renders them in its own language.

The command line prints a ``Message`` in English (``english()``); the window shows
``tr(template).format(**params)`` (``render(tr)``), the English template being the
key of its translation. Every sentence the validator writes is a ``Template`` below,
every error's sentence one in ``error_messages``, and the engine's other sentences
(progress, notes, captions, notices) are in ``engine_messages``: ``catalogue()`` reads
them all, the list ``scripts/translations.py`` hands to the translators.
"""

from __future__ import annotations

import dataclasses
import importlib
from collections.abc import Callable, Mapping
from typing import Any


class Template(str):
    """An English sentence with ``{named}`` parameters; the text is also its translation key."""


@dataclasses.dataclass(frozen=True)
class Message:
    """A template and the values of its parameters (a value may itself be a ``Message``, or a tuple of them,
    said one per line)."""

    template: str
    params: Mapping[str, Any] = dataclasses.field(default_factory=dict)

    def render(self, translate: Callable[[str], str]) -> str:
        """The sentence with each template (this one's and those of its values) passed through ``translate``."""
        def rendered(value: Any) -> Any:
            if isinstance(value, Message):
                return value.render(translate)
            if isinstance(value, tuple):
                return "\n".join(rendered(item) for item in value)
            return value

        values = {name: rendered(value) for name, value in self.params.items()}
        return translate(self.template).format(**values)

    def english(self) -> str:
        return self.render(str)


class Problem(str):
    """One problem of an experiment: the line ``field: text`` the command line prints (just the text when no
    field is concerned), keeping its ``field`` and ``message`` for a reader that shows it in another language.

    A ``str`` so that everything reading problems as lines (the CLI, the error's own message) reads them
    unchanged."""

    field: str
    message: Message

    def __new__(cls, field: str, message: Message) -> Problem:
        text = message.english()
        problem = super().__new__(cls, f"{field}: {text}" if field else text)
        problem.field, problem.message = field, message
        return problem

    @property
    def line(self) -> Message:
        """The whole line as a message: the field (as written) and its text."""
        return Message(FIELD_PROBLEM, {"field": self.field, "problem": self.message}) if self.field else self.message

    def __getnewargs__(self) -> tuple[str, Message]:  # copy and pickle rebuild it from its parts
        return self.field, self.message


def problem(field: str, template: str, **params: Any) -> Problem:
    return Problem(field, Message(template, params))


# ---------------------------------------------------------------- the validator's sentences (config/validate.py)

FIELD_PROBLEM = Template("{field}: {problem}")

# The shape of the document and the types of its values
NOT_A_DOCUMENT = Template("the experiment must be a table of sections, got {value}")
NOT_A_SECTION = Template("expected a table of settings, got {value}")
UNKNOWN_SECTION_CLOSE = Template("unknown section; did you mean '{close}'?")
UNKNOWN_SECTION = Template("unknown section; valid: {valid}")
UNKNOWN_KEY_CLOSE = Template("unknown key; did you mean '{close}'?")
UNKNOWN_KEY = Template("unknown key; valid: {valid}")
EXPECTED = Template("expected {kind}, got {value}")
EXPECTED_LIST = Template("expected a list of {kind}s, got {value}")
EVERY_ITEM = Template("every item must be {kind}: {reason}")
# --set on the command line
NOT_AN_ASSIGNMENT = Template("expected section.field=value")
NAME_A_FIELD = Template("name a field, e.g. {section}.{example}=…")

# What each field declares: its range and choices
NOT_FINITE = Template("must be a finite number, got {value}")
NOT_A_CHOICE = Template("'{value}' is not one of {choices}")
BELOW_MINIMUM = Template("{value} is below the minimum {minimum}")
ABOVE_MAXIMUM = Template("{value} is above the maximum {maximum}")

# Rules across fields
HEADS_DIVIDE_WIDTH = Template("{heads} does not divide model.d_model={width}")
ROTARY_EVEN_WIDTH = Template("rotary needs an even head width, but model.d_model/model.n_heads = {width}")
RELATIVE_REACH = Template("{distance} must exceed half of model.relative_buckets ({half}), where the exact buckets "
                          "end")
DECODER_DEPTH = Template("only an encoder-decoder has a separate decoder; use 0 with model.family='{family}'")
POSITION_FITS = Template("'{position}' does not fit model.family='{family}' (fits: {fits})")
OBJECTIVE_FITS = Template("'{objective}' does not fit model.family='{family}' (fits: {fits})")
NSP_COMBINES = Template("combines only with objective.name={names}, not '{objective}'")
NSP_SEGMENTS = Template("next-sentence prediction needs 2 segment embeddings, got {count}")
TOKEN_FRACTIONS = Template("objective.mask_token_fraction + objective.random_token_fraction = {total} exceeds 1")
SENTINELS = Template("span corruption needs at least 1 sentinel token")
SEQUENCE_LENGTH = Template("{length} is longer than model.max_seq_len={maximum}")
CORPUS_FILES = Template("data.corpus='files' needs at least one file or folder")
DATASET_KIND = Template("'{dataset}' is a {kind} dataset, but finetune.task is '{task}'")
DATASET_FILES = Template("finetune.dataset='files' needs at least one .csv or .jsonl file")
PAIR_FIELD = Template("pair-classification needs the field of the second text")
TASK_NEEDS_DECODER = Template("seq2seq generates text and needs a decoder; model.family 'encoder' has none (use "
                              "decoder or encoder-decoder)")
LORA_UNKNOWN = Template("{unknown} not among {targets}")
LORA_NO_TARGET = Template("LoRA needs at least one target projection")
BITFIT_BIASES = Template("bitfit trains only biases, but model.bias is false")
UNFREEZE_FULL = Template("gradual unfreezing works with strategy 'full', not '{strategy}'")
FROZEN_LAYERS = Template("{layers} is more layers than the model has")

# config/availability.py
NOT_INSTALLED = Template("'{choice}' comes with the {package} package, which is not installed (pip install {package})")


# The modules holding templates, each read by ``catalogue``
CATALOGUE_MODULES = ("lmstudio_app.config.messages", "lmstudio_app.config.error_messages",
                     "lmstudio_app.config.engine_messages", "lmstudio_app.config.objectives",
                     "lmstudio_app.config.lessons")


def catalogue_by_module() -> dict[str, list[Template]]:
    """The templates of each catalogue module, in the order written."""
    return {module: [value for value in vars(importlib.import_module(module)).values() if isinstance(value, Template)]
            for module in CATALOGUE_MODULES}


def catalogue() -> list[Template]:
    """Every template of the catalogue modules."""
    return [template for templates in catalogue_by_module().values() for template in templates]
