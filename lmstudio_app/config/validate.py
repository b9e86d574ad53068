"""Turning raw mappings into configs and finding everything wrong with them.

Every problem is one ``Problem``, the line ``section.field: what is wrong and what is allowed`` made from a
template of config/messages.py; all of them are collected and raised together as one ``ConfigError``.
"""

from __future__ import annotations

import dataclasses
import difflib
import math
import typing
from collections.abc import Mapping
from typing import Any

import tomllib

from lmstudio_app.config import messages as rules
from lmstudio_app.config.availability import unavailable_problem
from lmstudio_app.config.messages import Message, Problem, problem
from lmstudio_app.config.objectives import SPECS as OBJECTIVE_SPECS
from lmstudio_app.config.positions import SCHEMES, positions_for
from lmstudio_app.config.registry import (
    NSP_COMBINES_WITH,
    OBJECTIVE_FAMILIES,
    objectives_for,
)
from lmstudio_app.config.schema import (
    LORA_TARGETS,
    SECTIONS,
    TASK_DATASETS_KINDS,
    ExperimentConfig,
)
from lmstudio_app.errors import ConfigError

_TYPE_NAMES = {bool: "true or false", int: "an integer", float: "a number", str: "a string"}


def from_dict(raw: Mapping[str, Any]) -> ExperimentConfig:
    """Build a validated config from a parsed TOML document (or any mapping)."""
    problems: list[Problem] = []
    if not isinstance(raw, Mapping):
        raise ConfigError([problem("", rules.NOT_A_DOCUMENT, value=type(raw).__name__)])
    top_level = {f.name for f in dataclasses.fields(ExperimentConfig)}
    sections: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in top_level:
            problems.append(_unknown(str(key), "", top_level, "section"))
        elif key in SECTIONS:
            if isinstance(value, Mapping):
                sections[key] = _build_section(SECTIONS[key], value, key, problems)
            else:
                problems.append(problem(key, rules.NOT_A_SECTION, value=_describe(value)))
        else:
            checked = _coerce(_field_types(ExperimentConfig)[key], value)
            if isinstance(checked, Message):
                problems.append(Problem(key, checked))
            else:
                sections[key] = checked
    config = ExperimentConfig(**sections)
    problems = _all_problems(config, problems)
    if problems:
        raise ConfigError(problems)
    return config


def validate(config: ExperimentConfig) -> None:
    """Raise ``ConfigError`` listing every problem of a config built in code."""
    mismatches = []
    for path, value, field in _fields(config):
        checked = _coerce(field.type_, value)
        if isinstance(checked, Message):
            mismatches.append(Problem(path, checked))
    problems = _all_problems(config, mismatches)
    if problems:
        raise ConfigError(problems)


def problems_of(config: ExperimentConfig) -> list[Problem]:
    """Every problem of a config (each also its line); empty when it is valid."""
    try:
        validate(config)
    except ConfigError as error:
        return error.problems
    return []


# ---------------------------------------------------------------- structure


@dataclasses.dataclass
class _Field:
    type_: Any
    metadata: Mapping[str, Any]


def _field_types(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _build_section(cls: type, raw: Mapping[str, Any], section: str, problems: list[Problem]) -> Any:
    types = _field_types(cls)
    values = {}
    for key, value in raw.items():
        if key not in types:
            problems.append(_unknown(str(key), section + ".", types, "key"))
            continue
        checked = _coerce(types[key], value)
        if isinstance(checked, Message):
            problems.append(Problem(f"{section}.{key}", checked))
        else:
            values[key] = checked
    return cls(**values)


def _coerce(type_: Any, value: Any) -> Any:
    """The value as the field's type, or a ``Message`` saying why it is not."""
    if typing.get_origin(type_) is list:
        (item_type,) = typing.get_args(type_)
        if not isinstance(value, list):
            return Message(rules.EXPECTED_LIST, {"kind": _TYPE_NAMES[item_type], "value": _describe(value)})
        items = [_coerce(item_type, item) for item in value]
        for item in items:
            if isinstance(item, Message):
                return Message(rules.EVERY_ITEM, {"kind": _TYPE_NAMES[item_type], "reason": item})
        return items
    if type_ is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if (type_ in (int, float) and isinstance(value, bool)) or not isinstance(value, type_):
        return Message(rules.EXPECTED, {"kind": _TYPE_NAMES[type_], "value": _describe(value)})
    return value


def _describe(value: Any) -> str:
    text = repr(value)
    if len(text) > 40:
        text = text[:37] + "..."
    return f"{text} ({type(value).__name__})"


def _unknown(key: str, prefix: str, valid: typing.Iterable[str], what: str) -> Problem:
    close = difflib.get_close_matches(key, list(valid), n=1, cutoff=0.6)
    sections = what == "section"
    if close:
        return problem(prefix + key, rules.UNKNOWN_SECTION_CLOSE if sections else rules.UNKNOWN_KEY_CLOSE, close=close[0])
    return problem(prefix + key, rules.UNKNOWN_SECTION if sections else rules.UNKNOWN_KEY, valid=", ".join(sorted(valid)))


def _fields(config: ExperimentConfig):
    """(path, value, field) for every leaf setting of the config."""
    for top in dataclasses.fields(config):
        value = getattr(config, top.name)
        if top.name in SECTIONS:
            types = _field_types(type(value))
            for f in dataclasses.fields(value):
                yield f"{top.name}.{f.name}", getattr(value, f.name), _Field(types[f.name], f.metadata)
        else:
            yield top.name, value, _Field(_field_types(ExperimentConfig)[top.name], top.metadata)


def _wrong_fields(problems: list[Problem]) -> set[str]:
    return {problem.field for problem in problems}


def _all_problems(config: ExperimentConfig, earlier: list[Problem]) -> list[Problem]:
    """``earlier`` (values of the wrong type, unknown keys), then each field's own problems, then those of every
    cross-field rule whose fields are right."""
    problems = earlier + _field_problems(config, skip=_wrong_fields(earlier))
    return problems + _rule_problems(config, _wrong_fields(problems))


def _field_problems(config: ExperimentConfig, skip: set[str]) -> list[Problem]:
    """Choices and ranges declared on the fields themselves (of the fields not in ``skip``)."""
    problems = []
    for path, value, field in _fields(config):
        meta = field.metadata
        if path in skip:
            continue
        if isinstance(value, float) and not math.isfinite(value):
            problems.append(problem(path, rules.NOT_FINITE, value=value))
        elif meta.get("choices") and value not in meta["choices"]:
            problems.append(problem(path, rules.NOT_A_CHOICE, value=value, choices=", ".join(meta["choices"])))
        elif meta.get("min") is not None and value < meta["min"]:
            problems.append(problem(path, rules.BELOW_MINIMUM, value=value, minimum=meta["min"]))
        elif meta.get("max") is not None and value > meta["max"]:
            problems.append(problem(path, rules.ABOVE_MAXIMUM, value=value, maximum=meta["max"]))
    return problems


# ---------------------------------------------------------------- cross-field rules


class _ReadsAWrongField(Exception):
    """A rule read a field whose own value is wrong: it is checked again once that field is fixed."""


class _Guarded:
    """A config (or one of its sections) as the cross-field rules see it: reading a field that has a problem of its
    own stops the rule that read it, so every other rule is still checked (two wrong fields, both reported)."""

    def __init__(self, target: Any, wrong: set[str], prefix: str = ""):
        self._target, self._wrong, self._prefix = target, wrong, prefix

    def __getattr__(self, name: str) -> Any:
        path = self._prefix + name
        if path in self._wrong:
            raise _ReadsAWrongField(path)
        value = getattr(self._target, name)
        return _Guarded(value, self._wrong, path + ".") if name in SECTIONS and not self._prefix else value


def _rule_problems(config: ExperimentConfig, wrong: set[str]) -> list[Problem]:
    """The problems of every cross-field rule whose fields are each right on their own."""
    guarded = _Guarded(config, wrong)
    problems = []
    for rule in RULES:
        try:
            problems.extend(rule(guarded))
        except _ReadsAWrongField:
            continue
    return problems


def _heads_divide_width(c) -> list[Problem]:
    m = c.model
    if m.d_model % m.n_heads:
        return [problem("model.n_heads", rules.HEADS_DIVIDE_WIDTH, heads=m.n_heads, width=m.d_model)]
    return []


def _position_scheme(c) -> list[Problem]:
    """The scheme's family and its own rules (config/positions.py)."""
    m = c.model
    scheme = SCHEMES[m.position]
    if m.family not in scheme.families:
        return [problem("model.position", rules.POSITION_FITS, position=m.position, family=m.family,
                        fits=", ".join(positions_for(m.family)))]
    return list(scheme.problems(m))


def _decoder_depth(c) -> list[Problem]:
    m = c.model
    if m.n_decoder_layers and m.family != "encoder-decoder":
        return [problem("model.n_decoder_layers", rules.DECODER_DEPTH, family=m.family)]
    return []


def _objective_fits(c) -> list[Problem]:
    m, o = c.model, c.objective
    if not c.finetune.task and m.family not in OBJECTIVE_FAMILIES[o.name]:  # a fine-tune has no objective
        return [problem("objective.name", rules.OBJECTIVE_FITS, objective=o.name, family=m.family,
                        fits=", ".join(objectives_for(m.family)))]
    return []


def _next_sentence(c) -> list[Problem]:
    o = c.objective
    if c.finetune.task or not o.next_sentence_prediction:
        return []
    problems = []
    if o.name not in NSP_COMBINES_WITH:
        problems.append(problem("objective.next_sentence_prediction", rules.NSP_COMBINES,
                                names=" or ".join(repr(n) for n in NSP_COMBINES_WITH), objective=o.name))
    if c.model.n_segments < 2:
        problems.append(problem("model.n_segments", rules.NSP_SEGMENTS, count=c.model.n_segments))
    return problems


def _token_fractions(c) -> list[Problem]:
    o = c.objective
    if o.mask_token_fraction + o.random_token_fraction > 1.0:
        return [problem("objective.random_token_fraction", rules.TOKEN_FRACTIONS,
                        total=f"{o.mask_token_fraction + o.random_token_fraction:g}")]
    return []


def _objective_own(c) -> list[Problem]:
    """The problems the pretraining objective's descriptor finds (a fine-tune has no objective)."""
    spec = OBJECTIVE_SPECS.get(c.objective.name)
    return [] if c.finetune.task or spec is None else list(spec.problems(c))


def _sequence_length(c) -> list[Problem]:
    if c.training.seq_len > c.model.max_seq_len:
        return [problem("training.seq_len", rules.SEQUENCE_LENGTH, length=c.training.seq_len,
                        maximum=c.model.max_seq_len)]
    return []


def _corpus(c) -> list[Problem]:
    if c.data.corpus == "files" and not c.data.paths:
        return [problem("data.paths", rules.CORPUS_FILES)]
    missing = not c.finetune.task and unavailable_problem("data", "corpus", c.data.corpus)
    return [missing] if missing else []


def _task_dataset(c) -> list[Problem]:
    f = c.finetune
    if not f.task:
        return []
    problems = []
    kind = TASK_DATASETS_KINDS.get(f.dataset)
    if kind and kind != f.task:
        problems.append(problem("finetune.dataset", rules.DATASET_KIND, dataset=f.dataset, kind=kind, task=f.task))
    if missing := unavailable_problem("finetune", "dataset", f.dataset):
        problems.append(missing)
    if f.dataset == "files" and not f.paths:
        problems.append(problem("finetune.paths", rules.DATASET_FILES))
    if f.task == "pair-classification" and f.dataset == "files" and not f.pair_field:
        problems.append(problem("finetune.pair_field", rules.PAIR_FIELD))
    return problems


def _task_needs_decoder(c) -> list[Problem]:
    if c.finetune.task == "seq2seq" and c.model.family == "encoder":
        return [problem("finetune.task", rules.TASK_NEEDS_DECODER)]
    return []


def _strategy(c) -> list[Problem]:
    f = c.finetune
    if not f.task:
        return []
    problems = []
    unknown = [t for t in f.lora_targets if t not in LORA_TARGETS]
    if unknown:
        problems.append(problem("finetune.lora_targets", rules.LORA_UNKNOWN, unknown=", ".join(unknown),
                                targets=", ".join(LORA_TARGETS)))
    if f.strategy == "lora" and not f.lora_targets:
        problems.append(problem("finetune.lora_targets", rules.LORA_NO_TARGET))
    if f.strategy == "bitfit" and not c.model.bias:
        problems.append(problem("finetune.strategy", rules.BITFIT_BIASES))
    if f.unfreeze_every and f.strategy != "full":
        problems.append(problem("finetune.unfreeze_every", rules.UNFREEZE_FULL, strategy=f.strategy))
    return problems


def _frozen_layers(c) -> list[Problem]:
    f, m = c.finetune, c.model
    if f.task and f.freeze_layers > max(m.n_layers, m.n_decoder_layers or m.n_layers):
        return [problem("finetune.freeze_layers", rules.FROZEN_LAYERS, layers=f.freeze_layers)]
    return []


RULES = (_heads_divide_width, _position_scheme, _decoder_depth, _task_dataset, _task_needs_decoder, _strategy,
         _frozen_layers, _objective_fits, _next_sentence, _token_fractions, _objective_own, _sequence_length,
         _corpus)


def override_value(text: str) -> Any:
    """The value of an override as TOML reads it; text that is not valid TOML is taken as a string, so
    ``data.corpus=files`` works unquoted."""
    try:
        return tomllib.loads(f"value = {text.strip()}")["value"]
    except tomllib.TOMLDecodeError:
        return text.strip()


def apply_overrides(config: ExperimentConfig, assignments: list[str]) -> ExperimentConfig:
    """A new config with ``section.field=value`` assignments applied (values in TOML syntax, see
    ``override_value``)."""
    values, problems = {}, []
    for assignment in assignments:
        path, sep, text = assignment.partition("=")
        if not sep or not path.strip():
            problems.append(problem(f"--set {assignment}", rules.NOT_AN_ASSIGNMENT))
        else:
            values[path.strip()] = (override_value(text), f"--set {assignment}")
    return _assigned(config, values, problems)


def apply_values(config: ExperimentConfig, values: Mapping[str, Any]) -> ExperimentConfig:
    """A new config with each dotted field (``{"model.position": "none"}``) set to its value."""
    return _assigned(config, {path: (value, path) for path, value in values.items()}, [])


def _assigned(config: ExperimentConfig, values: Mapping[str, tuple[Any, str]], problems: list[Problem]) \
        -> ExperimentConfig:
    """``config`` with each dotted path set to its value, validated; ``values`` maps a path to (value, how the
    person wrote it), which problems name."""
    raw = dataclasses.asdict(config)
    for path, (value, written) in values.items():
        section, dot, key = path.partition(".")
        if not dot:
            if section in SECTIONS:
                example = dataclasses.fields(SECTIONS[section])[0].name
                problems.append(problem(written, rules.NAME_A_FIELD, section=section, example=example))
            else:
                raw[section] = value
        elif not isinstance(raw.get(section), dict):
            problems.append(_unknown(section, "", SECTIONS, "section"))
        else:
            raw[section][key] = value
    if problems:
        raise ConfigError(problems)
    return from_dict(raw)
