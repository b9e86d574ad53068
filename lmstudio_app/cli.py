"""The ``lmstudio`` command line: every GUI action has a headless twin here.

Errors a person can cause end as one sentence on stderr and an exit code:
0 success, 2 bad config or input, 1 training failure, 130 interrupted.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lmstudio_app.config import DEFAULT_PRESET, ExperimentConfig, load_config, load_preset, preset_names
from lmstudio_app.config.model_stats import (
    ffn_width,
    forward_flops_per_token,
    memory_estimate,
    parameter_table,
    resolved_vocab_size,
    training_flops_per_token,
)
from lmstudio_app.errors import ConfigError, LmStudioError, TrainingError

EXIT_OK, EXIT_FAILURE, EXIT_BAD_INPUT, EXIT_INTERRUPTED = 0, 1, 2, 130


def resolve_experiment(spec: str) -> ExperimentConfig:
    """An experiment from a TOML path or a preset name."""
    if Path(spec).exists() or spec.endswith(".toml"):
        return load_config(spec)
    if spec in preset_names():
        return load_preset(spec)
    raise ConfigError(f"no such experiment file or preset (presets: {', '.join(preset_names())})", spec)


def human(number: float, unit: str = "") -> str:
    for factor, suffix in ((1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")):
        if abs(number) >= factor:
            return f"{number / factor:.2f} {suffix}{unit}"
    return f"{number:.0f} {unit}".rstrip()


def describe_model(config: ExperimentConfig) -> str:
    m = config.model
    depth = f"{m.n_layers}+{m.n_decoder_layers or m.n_layers}" if m.family == "encoder-decoder" else str(m.n_layers)
    lines = [
        f"{config.name}: {m.family}, {depth} layers × {m.n_heads} heads, d_model {m.d_model}, "
        f"d_ff {ffn_width(m)} ({m.activation}), {m.norm} ({m.norm_position}-norm), "
        f"{m.position} positions, context {m.max_seq_len}",
        f"objective {config.objective.name}"
        + (" + next-sentence prediction" if config.objective.next_sentence_prediction else "")
        + f"; vocabulary {resolved_vocab_size(config)}"
        + ("" if m.vocab_size else " (tokenizer.vocab_size; the trained tokenizer sets the final size)"),
        "",
        f"{'part':<24}{'each':>12}{'×':>4}{'total':>13}",
    ]
    rows = parameter_table(config)
    for row in rows:
        lines.append(f"{row.name:<24}{row.count:>12,}{row.repeat:>4}{row.total:>13,}")
    total = sum(row.total for row in rows)
    lines.append(f"{'total parameters':<40}{total:>13,}")
    if m.tie_embeddings:
        lines.append("(output projections tied to the token embedding are counted once)")
    seq_len = config.training.seq_len or m.max_seq_len
    memory = memory_estimate(config)
    lines += [
        "",
        f"FLOPs per token at length {seq_len}: forward {human(forward_flops_per_token(config))}, "
        f"training {human(training_flops_per_token(config))}",
        f"memory to train, batch {config.training.batch_size}, fp32 (estimate): "
        f"weights {human(memory.parameters, 'B')}, gradients {human(memory.gradients, 'B')}, "
        f"AdamW {human(memory.optimizer, 'B')}, activations {human(memory.activations, 'B')}, "
        f"total {human(memory.total, 'B')}",
    ]
    return "\n".join(lines)


def cmd_info(args: argparse.Namespace) -> int:
    print(describe_model(resolve_experiment(args.experiment)))
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="lmstudio", description="A desktop lab for Transformer language models.")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    info = commands.add_parser("info", help="print a model's parameters, FLOPs and memory from its config")
    info.add_argument("experiment", nargs="?", default=DEFAULT_PRESET, help="experiment .toml or preset name")
    info.set_defaults(handler=cmd_info)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        args = parser.parse_args(["info"])
    try:
        return args.handler(args)
    except TrainingError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_FAILURE
    except LmStudioError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
