"""Exporting a run's model as a self-contained folder."""

from __future__ import annotations

from pathlib import Path

from safetensors.torch import save_model

from lmstudio_app.config import save_config
from lmstudio_app.engine.model.lora import merge_lora
from lmstudio_app.engine.runs import CONFIG_FILE, TOKENIZER_FILE, load_run


def export_run(run_dir: str | Path, out: str | Path, which: str = "best") -> Path:
    """LoRA adapters merged, plain safetensors, config, tokenizer."""
    run = load_run(run_dir, which)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    config = run.config
    if config.finetune.strategy == "lora":
        merge_lora(run.model)
        config.finetune.strategy = "full"  # the exported config rebuilds the merged, adapter-free model
    save_model(run.model, str(out / "model.safetensors"), metadata={"format": "lmstudio-1", "step": str(run.step)})
    save_config(config, out / CONFIG_FILE)
    run.tokenizer.save(out / TOKENIZER_FILE)
    return out
