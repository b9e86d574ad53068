"""What the config layer knows about run folders: a run's saved config, what a fine-tune adopts from its
pretrained run, and how two runs' configs differ. Stdlib only, so the window can show these before anything
is trained."""

from __future__ import annotations

import copy
import re
from pathlib import Path

from lmstudio_app.config import error_messages as refusals
from lmstudio_app.config.messages import problem
from lmstudio_app.config.schema import ExperimentConfig
from lmstudio_app.config.toml_io import load_config, to_dict
from lmstudio_app.errors import CheckpointError, ConfigError
from lmstudio_app.run_folder import CONFIG_FILE, LOCK_FILE, holds_run

ADOPTED_SECTIONS = ("model", "tokenizer")  # a fine-tune keeps the pretrained run's architecture and tokenizer


def read_run_config(run_dir: str | Path) -> ExperimentConfig:
    run_dir = Path(run_dir)
    if not holds_run(run_dir):
        left_by_a_start = run_dir.is_dir() and {p.name for p in run_dir.iterdir()} <= {LOCK_FILE}
        raise CheckpointError(refusals.NO_RUN_YET if left_by_a_start else refusals.NOT_A_RUN, path=run_dir, config=CONFIG_FILE)
    return load_config(run_dir / CONFIG_FILE)


def folder_name(name: str) -> str:
    """``name`` as a folder's name on any system: each run of characters other than ASCII letters, digits, ``.``,
    ``_`` and ``-`` becomes one ``-``, without leading or trailing ``-`` or ``.``; empty when nothing is left."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-.")


def adopts_architecture(config: ExperimentConfig) -> bool:
    """A fine-tune that starts from a pretrained run trains that run's model, whatever the experiment says."""
    return bool(config.finetune.task and config.finetune.from_run)


def adopt(config: ExperimentConfig, pretrained: ExperimentConfig) -> None:
    """Give ``config`` the pretrained run's architecture and tokenizer, in place."""
    for section in ADOPTED_SECTIONS:
        setattr(config, section, copy.deepcopy(getattr(pretrained, section)))


def flatten(table: dict, prefix: str = "") -> dict[str, object]:
    """{"model.d_model": 64, …} from nested sections."""
    flat = {}
    for key, value in table.items():
        if isinstance(value, dict):
            flat |= flatten(value, f"{prefix}{key}.")
        else:
            flat[f"{prefix}{key}"] = value
    return flat


def differences(tables: list[dict], ignore: tuple[str, ...] = ()) -> list[tuple[str, list[object]]]:
    """(field, value per config) for every field whose value is not the same in all of them; "—" where a config
    lacks the field."""
    flats = [flatten(table) for table in tables]
    fields = sorted(set().union(*flats) - set(ignore))
    return [(f, [flat.get(f, "—") for flat in flats]) for f in fields if len({repr(flat.get(f)) for flat in flats}) > 1]


def config_differences(configs: list[ExperimentConfig], ignore: tuple[str, ...] = ()) -> list[tuple[str, list]]:
    return differences([to_dict(config) for config in configs], ignore)


def parse_sizes(text: str) -> list[int]:
    """"50,100,all" → [50, 100, 0] (0: every training example)."""
    sizes = []
    for part in (part.strip().lower() for part in text.split(",")):
        if part == "all":
            sizes.append(0)
        elif part.isdigit() and int(part) > 0:
            sizes.append(int(part))
        else:
            raise ConfigError(problem("", refusals.NOT_A_SIZE, part=part))
    return sizes
