"""Reading and writing experiment configs as TOML.

``tomllib`` reads; the writer below is enough for our schema (one level of
tables holding strings, numbers, booleans and lists of them) and keeps this
package free of third-party imports. Floats are written with ``repr`` so a
save/load round trip is exact.
"""

from __future__ import annotations

import dataclasses
import json
import math
import os
import re
from pathlib import Path
from typing import Any

import tomllib

from lmstudio_app.config import error_messages as refusals
from lmstudio_app.config.messages import problem
from lmstudio_app.config.schema import SECTIONS, ExperimentConfig
from lmstudio_app.config.validate import from_dict
from lmstudio_app.errors import ConfigError
from lmstudio_app.fsutil import atomic_write_text


def to_dict(config: ExperimentConfig) -> dict[str, Any]:
    return dataclasses.asdict(config)


def to_toml(config: ExperimentConfig) -> str:
    data = to_dict(config)
    lines = [f"{key} = {_value(value)}" for key, value in data.items() if key not in SECTIONS]
    for section in SECTIONS:
        lines.append("")
        lines.append(f"[{section}]")
        lines.extend(f"{key} = {_value(value)}" for key, value in data[section].items())
    return "\n".join(lines) + "\n"


def from_toml(text: str, source: str = "<config>") -> ExperimentConfig:
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        # The parser's own words (English), apart from where it stopped
        where = re.fullmatch(r"(?P<detail>.+) \(at line (?P<line>\d+), column (?P<column>\d+)\)", str(error))
        raise ConfigError(problem("", refusals.NOT_TOML_AT, source=source, **where.groupdict()) if where
                          else problem("", refusals.NOT_TOML, source=source, detail=error)) from None
    try:
        return from_dict(raw)
    except ConfigError as error:
        raise ConfigError(error.problems, source) from None


def load_config(path: str | os.PathLike) -> ExperimentConfig:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(problem("", refusals.NO_EXPERIMENT_FILE), str(path)) from None
    except UnicodeDecodeError:
        raise ConfigError(problem("", refusals.EXPERIMENT_NOT_UTF8), str(path)) from None
    except OSError as error:
        raise ConfigError(problem("", refusals.EXPERIMENT_UNREADABLE, detail=error.strerror), str(path)) from None
    return from_toml(text, source=str(path))


def save_config(config: ExperimentConfig, path: str | os.PathLike) -> None:
    atomic_write_text(path, to_toml(config))


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        # A JSON string is a TOML basic string, except that TOML also wants DEL escaped.
        return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
    if isinstance(value, list):
        return "[" + ", ".join(_value(item) for item in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} to TOML")
