"""ELECTRA or masked LM, at equal pretraining compute: which encoder fine-tunes better? Measured on our scale.

ELECTRA's claim (Clark et al., 2020): learning from every token (is it the original or a replacement?) beats
learning from the 15 % that are masked, for the same compute. Here one small encoder is pretrained on the
python-docstrings corpus with each objective for the same number of training FLOPs — counted with
``config.model_stats.training_flops_per_token`` (which counts ELECTRA's generator), not timed — then each is
fine-tuned on the 8-way docstring-family task with the same budget, data, seed and validation examples.
Prints the FLOPs each pretraining spent, the validation accuracy curve of each fine-tune, and their final
accuracies.

Run: .venv/bin/python benchmarks/electra_vs_mlm.py [--mlm-steps 600] [--steps 200]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from lmstudio_app.config import apply_overrides, load_preset
from lmstudio_app.config.model_stats import training_flops_per_token, training_seq_len
from lmstudio_app.engine.train.trainer import Trainer
from lmstudio_app.events import EvalMetrics, Finished

SHAPE = ["model.d_model=64", "model.n_heads=4", "model.n_layers=2", "model.max_seq_len=64",
         "tokenizer.vocab_size=1000", "training.batch_size=32", "training.probe_every=0",
         "training.checkpoint_every=0", "training.log_every=50", "training.layer_stats_every=0"]
OBJECTIVES = {"mlm": ["objective.name=mlm"], "electra": ["objective.name=electra"]}


def flops_per_step(config) -> int:
    return training_flops_per_token(config) * config.training.batch_size * training_seq_len(config)


def run(config, folder: Path) -> list[EvalMetrics]:
    events = list(Trainer(config, folder).events())
    assert isinstance(events[-1], Finished) and events[-1].reason == "completed", events[-1]
    return [event for event in events if isinstance(event, EvalMetrics)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mlm-steps", type=int, default=600, help="masked-LM pretraining steps; ELECTRA gets "
                                                                     "as many steps as the same FLOPs buy")
    parser.add_argument("--steps", type=int, default=200, help="fine-tuning steps of each")
    args = parser.parse_args()
    pretraining = {name: apply_overrides(load_preset("bert-mini"), SHAPE + settings + [
        "objective.next_sentence_prediction=false", "training.eval_every=0", "training.learning_rate=2e-3",
        "training.warmup_steps=40"])
        for name, settings in OBJECTIVES.items()}
    budget = flops_per_step(pretraining["mlm"]) * args.mlm_steps
    finals = {}
    with tempfile.TemporaryDirectory(prefix="lmstudio-electra-") as folder:
        for name, config in pretraining.items():
            steps = budget // flops_per_step(config)
            config.training.steps = steps
            run(config, Path(folder) / name)
            print(f"{name:8s} pretraining: {steps} steps × {flops_per_step(config):.3e} FLOPs = "
                  f"{steps * flops_per_step(config):.3e} FLOPs (budget {budget:.3e})")
            task = apply_overrides(load_preset("bert-mini-docstring-family"), SHAPE + [
                f"finetune.from_run={Path(folder) / name}", f"training.steps={args.steps}",
                f"training.eval_every={max(1, args.steps // 5)}", "training.eval_batches=20",
                "training.learning_rate=1e-3", f"training.warmup_steps={args.steps // 10}"])
            curve = run(task, Path(folder) / f"{name}-finetuned")
            print(f"{name:8s} fine-tune accuracy by step: " +
                  ", ".join(f"{e.step}: {e.metrics['accuracy']:.3f}" for e in curve))
            finals[name] = curve[-1].metrics["accuracy"]
    print(" | ".join(f"{name} {accuracy:.3f}" for name, accuracy in finals.items()) +
          f"  (docstring-family validation accuracy after {args.steps} fine-tuning steps)")


if __name__ == "__main__":
    main()
