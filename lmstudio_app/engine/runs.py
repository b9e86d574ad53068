"""Run folders: creating one for a new run, and loading a finished or running one back."""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass
from pathlib import Path

import torch

from lmstudio_app.config import ExperimentConfig, load_config, save_config
from lmstudio_app.engine import checkpoint as ckpt
from lmstudio_app.engine.data.tokenizer import TextTokenizer, required_sentinels
from lmstudio_app.engine.model import Transformer, build_model
from lmstudio_app.errors import CheckpointError, ConfigError
from lmstudio_app.fsutil import user_data_dir

CONFIG_FILE = "config.toml"
TOKENIZER_FILE = "tokenizer.json"
METRICS_FILE = "metrics.jsonl"


def runs_root() -> Path:
    return user_data_dir() / "runs"


def default_run_dir(config: ExperimentConfig) -> Path:
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", config.name).strip("-") or "run"
    base = runs_root() / f"{slug}-{time.strftime('%Y%m%d-%H%M%S')}"
    path, counter = base, 1
    while path.exists():
        counter += 1
        path = base.with_name(f"{base.name}-{counter}")
    return path


def create_run(run_dir: Path, config: ExperimentConfig, tokenizer: TextTokenizer) -> None:
    if (run_dir / CONFIG_FILE).exists():
        raise ConfigError(f"{run_dir} already holds a run; continue it with 'lmstudio resume {run_dir}' "
                          f"or choose another --out folder")
    run_dir.mkdir(parents=True, exist_ok=True)
    save_config(config, run_dir / CONFIG_FILE)
    tokenizer.save(run_dir / TOKENIZER_FILE)


def read_run_config(run_dir: Path) -> ExperimentConfig:
    if not (run_dir / CONFIG_FILE).is_file():
        raise CheckpointError(f"{run_dir}: not a run folder (no {CONFIG_FILE})")
    return load_config(run_dir / CONFIG_FILE)


def read_run_tokenizer(run_dir: Path, config: ExperimentConfig) -> TextTokenizer:
    return TextTokenizer.load(run_dir / TOKENIZER_FILE, required_sentinels(config))


@dataclass
class ModelHandle:
    """A model with what it takes to use it: its tokenizer, its config, and where and when it comes from.

    A saved run's checkpoint, or a live trainer's model (used only in the loop's
    thread, between steps). The playground, the attention probe and every
    command that uses a model take one of these.
    """

    run_dir: Path
    config: ExperimentConfig
    tokenizer: TextTokenizer
    model: Transformer
    step: int
    checkpoint: Path | None = None  # None for a live model
    live: bool = False


def load_run(run_dir: str | Path, which: str = "latest", device: str | torch.device = "cpu") -> ModelHandle:
    """A run's model (in eval mode) from its latest or best checkpoint."""
    run_dir = Path(run_dir)
    config = read_run_config(run_dir)
    tokenizer = read_run_tokenizer(run_dir, config)
    latest = ckpt.latest_checkpoint(run_dir)
    if latest is None:
        raise CheckpointError(f"{run_dir}: has no complete checkpoint yet")
    chosen = latest
    if which == "best":
        state = json.loads((latest / ckpt.STATE_FILE).read_text(encoding="utf-8"))
        best = state.get("best_step")
        if best is not None and ckpt.is_complete(latest.parent / ckpt.step_name(best)):
            chosen = latest.parent / ckpt.step_name(best)
    model = build_model(config)
    ckpt.load_weights(model, chosen, device)
    model.to(device).eval()
    step = json.loads((chosen / ckpt.STATE_FILE).read_text(encoding="utf-8"))["step"]
    return ModelHandle(run_dir, config, tokenizer, model, step, chosen)
