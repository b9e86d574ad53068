"""Exporting a run's model as a self-contained folder, without ever overwriting a run."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from safetensors.torch import save_model

from lmstudio_app.config import save_config
from lmstudio_app.config import error_messages as refusals
from lmstudio_app.config.messages import NOT_A_CHOICE, problem
from lmstudio_app.engine.application.transformers_export import (
    TRANSFORMERS_FILES,
    transformers_class,
    write_transformers,
)
from lmstudio_app.engine.application.runs import refuse_while_written
from lmstudio_app.engine.model.lora import merge_lora
from lmstudio_app.engine.runs import load_run
from lmstudio_app.errors import ConfigError
from lmstudio_app.run_folder import (
    CONFIG_FILE,
    MODEL_FILE,
    TOKENIZER_FILE,
    checkpoint_dir,
    holds_run,
    refuse_inside_run,
)

EXPORT_FILES = {MODEL_FILE, CONFIG_FILE, TOKENIZER_FILE} | TRANSFORMERS_FILES
FORMATS = ("lmstudio", "transformers")


def export_run(run_dir: str | Path, out: str | Path, which: str = "best", replace: bool = False,
               format: str = "lmstudio") -> Path:
    """LoRA adapters merged; plain safetensors, config and tokenizer in the app's own format, or as a folder
    ``transformers`` loads (``format="transformers"``, refused with a sentence when there is no exact
    counterpart). ``out`` must be new or empty, or (with ``replace``) an earlier export; a folder holding a run is
    never written to."""
    if format not in FORMATS:
        raise ConfigError(problem("format", NOT_A_CHOICE, value=format, choices=", ".join(FORMATS)))
    out = Path(out)
    refuse_while_written(run_dir, refusals.BUSY_EXPORTED)  # its checkpoints are being saved and rotated
    _check_target(Path(run_dir), out, replace)
    run = load_run(run_dir, which)
    config = run.config
    if format == "transformers":
        transformers_class(config)  # refuse before anything is written
    if config.finetune.strategy == "lora":
        merge_lora(run.model)
        config.finetune.strategy = "full"  # the exported config rebuilds the merged, adapter-free model
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.export-"))
    try:
        if format == "transformers":
            write_transformers(run, staging)
        else:
            save_model(run.model, str(staging / MODEL_FILE),
                       metadata={"format": "lmstudio-1", "step": str(run.step)})
            save_config(config, staging / CONFIG_FILE)
            run.tokenizer.save(staging / TOKENIZER_FILE)
        if out.exists():
            shutil.rmtree(out)  # an empty folder, or an earlier export (checked above)
        staging.rename(out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return out


def _check_target(run_dir: Path, out: Path, replace: bool) -> None:
    refuse_inside_run(out / MODEL_FILE, refusals.SAVED_EXPORT)
    if out.exists() and not out.is_dir():
        raise ConfigError(problem("", refusals.EXPORT_TO_FILE, out=out))
    if not out.exists():
        return
    if out.resolve() == run_dir.resolve() or holds_run(out) and checkpoint_dir(out).exists():
        raise ConfigError(problem("", refusals.EXPORT_OVER_RUN, out=out))
    contents = {p.name for p in out.iterdir()}
    if not contents:
        return
    if not replace:
        raise ConfigError(problem("", refusals.EXPORT_NOT_EMPTY, out=out))
    if not contents <= EXPORT_FILES:
        raise ConfigError(problem("", refusals.MORE_THAN_EXPORT, out=out,
                                  files=", ".join(sorted(contents - EXPORT_FILES)[:3])))
