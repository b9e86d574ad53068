"""The ``lmstudio`` command line: every GUI action has a headless twin here.

Errors a person can cause end as one sentence on stderr and an exit code:
0 success, 2 bad config or input, 1 training failure, 130 interrupted.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from lmstudio_app.config import (
    DEFAULT_PRESET,
    ExperimentConfig,
    apply_overrides,
    load_config,
    load_preset,
    preset_names,
)
from lmstudio_app.config.model_stats import (
    ffn_width,
    forward_flops_per_token,
    memory_estimate,
    parameter_table,
    resolved_vocab_size,
    training_flops_per_token,
    training_seq_len,
)
from lmstudio_app.errors import ConfigError, LmStudioError, TrainingError

EXIT_OK, EXIT_FAILURE, EXIT_BAD_INPUT, EXIT_INTERRUPTED = 0, 1, 2, 130


def resolve_experiment(spec: str, overrides: list[str] | None = None) -> ExperimentConfig:
    """An experiment from a TOML path or a preset name, with ``--set`` overrides applied."""
    if Path(spec).exists() or spec.endswith(".toml"):
        config = load_config(spec)
    elif spec in preset_names():
        config = load_preset(spec)
    else:
        raise ConfigError(f"no such experiment file or preset (presets: {', '.join(preset_names())})", spec)
    return apply_overrides(config, overrides) if overrides else config


class ConsoleProgress:
    """Progress on stderr: one rewritten line on a terminal, one line per phase otherwise."""

    def __init__(self, stream=None):
        self.stream = stream or sys.stderr
        self.interactive = self.stream.isatty()
        self.phase = ""
        self.last = 0.0

    def __call__(self, phase: str, fraction: float | None) -> None:
        now = time.monotonic()
        if phase == self.phase and fraction != 1.0 and now - self.last < 0.2:
            return
        self.last = now
        amount = "" if fraction is None else f" {fraction:6.1%}"
        if self.interactive:
            end = "\n" if fraction == 1.0 else ""
            self.stream.write(f"\r\033[K{phase}{amount}{end}")
        elif phase != self.phase:
            self.stream.write(f"{phase}…\n")
        self.stream.flush()
        self.phase = phase

    def done(self) -> None:
        if self.interactive and self.phase:
            self.stream.write("\r\033[K")
            self.stream.flush()


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
    seq_len = training_seq_len(config)
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
    print(describe_model(resolve_experiment(args.experiment, args.set)))
    return EXIT_OK


def cmd_data_summary(args: argparse.Namespace) -> int:
    from lmstudio_app.engine.data.prepare import plan_corpus

    config = resolve_experiment(args.experiment, args.set)
    progress = ConsoleProgress()
    plan = plan_corpus(config, progress)
    progress.done()
    print(plan.summary.describe())
    first = next(plan.corpus.documents())
    preview = first.text[:300].replace("\n", "\n    ")
    print(f"first document ({first.origin}):\n    {preview}{'…' if len(first.text) > 300 else ''}")
    return EXIT_OK


def cmd_tokenizer_train(args: argparse.Namespace) -> int:
    from lmstudio_app.engine.data.prepare import obtain_tokenizer, plan_corpus
    from lmstudio_app.engine.data.tokenizer import diagnose

    config = resolve_experiment(args.experiment, args.set)
    progress = ConsoleProgress()
    plan = plan_corpus(config, progress)
    tokenizer = obtain_tokenizer(config, plan, progress)
    progress.done()
    tokenizer.save(args.out)
    print(f"saved {config.tokenizer.kind} tokenizer to {args.out}")
    sample = plan.texts("validation") if plan.held_out else plan.texts("train")
    print(diagnose(tokenizer, sample).describe())
    return EXIT_OK


def cmd_inspect(args: argparse.Namespace) -> int:
    from lmstudio_app.engine.data.prepare import prepare_data
    from lmstudio_app.engine.objectives import build_objective
    from lmstudio_app.engine.objectives.inspector import inspect_example

    config = resolve_experiment(args.experiment, args.set)
    progress = ConsoleProgress()
    data = prepare_data(config, progress)
    progress.done()
    objective = build_objective(config.objective, data.tokenizer, training_seq_len(config))
    split = data.validation if args.split == "validation" else data.train
    objective.check(split)
    print(inspect_example(objective, split, args.seed).render(color=sys.stdout.isatty()))
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="lmstudio", description="A desktop lab for Transformer language models.")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def experiment_command(group, name: str, handler, help: str) -> argparse.ArgumentParser:
        command = group.add_parser(name, help=help, description=help)
        command.add_argument("experiment", nargs="?", default=DEFAULT_PRESET,
                             help=f"experiment .toml or preset name (default {DEFAULT_PRESET})")
        command.add_argument("--set", action="append", default=[], metavar="SECTION.FIELD=VALUE",
                             help="override a config field (TOML value syntax); repeatable")
        command.set_defaults(handler=handler)
        return command

    experiment_command(commands, "info", cmd_info, "print a model's parameters, FLOPs and memory from its config")
    data = commands.add_parser("data", help="corpora").add_subparsers(dest="data_command", metavar="ACTION",
                                                                       required=True)
    experiment_command(data, "summary", cmd_data_summary, "read the corpus and print its summary and split")
    tokenizer = commands.add_parser("tokenizer", help="tokenizers").add_subparsers(
        dest="tokenizer_command", metavar="ACTION", required=True)
    train_tokenizer = experiment_command(tokenizer, "train", cmd_tokenizer_train,
                                         "train the experiment's tokenizer and print diagnostics")
    train_tokenizer.add_argument("--out", default="tokenizer.json", help="where to save it (tokenizer.json)")
    inspect = experiment_command(commands, "inspect", cmd_inspect,
                                 "show one example as the objective corrupts it, with its targets")
    inspect.add_argument("--seed", type=int, default=0, help="which example (default 0)")
    inspect.add_argument("--split", choices=("train", "validation"), default="train")
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
