"""Does pretraining help? The same task, seed and budget, fine-tuned from several starting points. And does this
part of the model matter? The same experiment with one thing changed.

``compare_init`` runs the experiment from the pretrained checkpoint and from
scratch (the same architecture and tokenizer, fresh weights), or, given
strategies, once per strategy from the checkpoint plus the from-scratch
baseline. Each variant is a full run on disk; the result holds their
validation curves and final metrics. ``compare_variants`` trains labelled
variants of one experiment (each a few dotted overrides: no positions, no
residuals, LAMB…) and ends with each run's final numbers.
"""

from __future__ import annotations

import copy
import dataclasses
import re
from collections.abc import Iterator
from pathlib import Path

from lmstudio_app.config import ExperimentConfig, apply_values
from lmstudio_app.config import engine_messages as say
from lmstudio_app.config import error_messages as refusals
from lmstudio_app.config.messages import Message
from lmstudio_app.config.messages import problem
from lmstudio_app.config.runs import adopt, config_differences
from lmstudio_app.engine.application.training import TrainingRun
from lmstudio_app.engine.control import Control
from lmstudio_app.engine.progress import Progress, no_progress
from lmstudio_app.engine.runs import default_run_dir, read_run_config
from lmstudio_app.errors import ConfigError, TrainingError
from lmstudio_app.events import (
    Compared,
    EvalMetrics,
    Event,
    Failed,
    Finished,
    Notice,
    Started,
    StepMetrics,
    SweepFinished,
    VariantResult,
    VariantRow,
    VariantsCompared,
)
from lmstudio_app.requests import Variant
from lmstudio_app.run_folder import TOKENIZER_FILE

# The metric a learning curve plots for each task: what a person would quote.
PRIMARY_METRIC = {"sequence-classification": "accuracy", "pair-classification": "accuracy",
                  "token-classification": "accuracy", "seq2seq": "exact_match"}


def variants(config: ExperimentConfig, pretrained: Path,
             strategies: list[str] | None) -> list[tuple[Message, ExperimentConfig]]:
    """(start, config) of each run to compare: the start also names the run and its folder."""
    if not config.finetune.task:
        raise ConfigError(problem("finetune.task", refusals.COMPARE_NEEDS_TASK))
    base = read_run_config(pretrained)
    out = []
    for strategy in strategies or ["full"]:
        variant = copy.deepcopy(config)
        variant.finetune.from_run, variant.finetune.strategy = str(pretrained), strategy
        out.append((say.start_part(True, strategy if strategies else None), variant))
    scratch = copy.deepcopy(config)
    scratch.finetune.from_run, scratch.finetune.strategy = "", "full"
    adopt(scratch, base)
    scratch.tokenizer.path = str(pretrained / TOKENIZER_FILE)
    out.append((say.start_part(False, "full" if strategies else None), scratch))
    for start, variant in out:  # distinct names, so the run browser tells them apart
        variant.name = f"{config.name} · {start.english()}"
    return out


def compare_init(config: ExperimentConfig, pretrained: str | Path, out_dir: str | Path,
                 strategies: list[str] | None = None, progress: Progress = no_progress,
                 control: Control | None = None, leave_a_core: bool = False) -> Iterator[Event]:
    """Train every variant in ``out_dir/<label>``, yielding each run's events, then a ``Notice`` if the runs, as
    trained, differ in more than where they started, and last ``Compared``. A stop requested through ``control``
    ends the run in progress and starts no other."""
    results, trained = [], []
    for start, variant in variants(config, Path(pretrained), strategies):
        if control is not None and control.stop_requested:
            break
        label = start.english()
        run_dir = str(Path(out_dir) / label)
        run = TrainingRun(variant, run_dir, progress=progress, control=control, leave_a_core=leave_a_core)
        curve, final, started, last = [], {}, None, None
        for last in run.events():
            if isinstance(last, EvalMetrics):
                curve.append((last.step, last.metrics))
            elif isinstance(last, Finished):
                final = last.final_metrics
            elif isinstance(last, Started):
                started = last
                trained.append(last.config)
            yield last
        if isinstance(last, Failed):
            raise TrainingError(refusals.LABELLED_FAILURE, label=label, failure=last.message)
        results.append(VariantResult(label, run_dir, tuple(curve), final,
                                     started.trainable_parameters if started else 0,
                                     started.train_size if started else 0, start=start))
    unfair = twin_differences(trained)
    if unfair:
        yield Notice(Message(say.UNFAIR_COMPARISON, {"differences": unfair}))
    yield Compared(tuple(results))


def variant_folders(labels: list[str]) -> list[str]:
    """A folder name per label, distinct, safe on every file system ("AdamW · LLRD" → "AdamW-LLRD")."""
    folders: list[str] = []
    for number, label in enumerate(labels, 1):
        folder = re.sub(r"[^\w.-]+", "-", label).strip("-.") or f"variant-{number}"
        folders.append(folder if folder not in folders else f"{folder}-{number}")
    return folders


def compare_variants(config: ExperimentConfig, variants: list[Variant], out_dir: str | Path,
                     progress: Progress = no_progress, control: Control | None = None,
                     leave_a_core: bool = False) -> Iterator[Event]:
    """Train each variant of ``config`` (its overrides applied, its label in the run's name) in
    ``out_dir/<label>``, one after another, yielding each run's events and last ``VariantsCompared``. Every
    variant's config is checked before the first run starts. A stop requested through ``control`` ends the run
    in progress (its row says "stopped") and starts no other."""
    configs = []
    for variant in variants:
        changed = apply_values(config, variant.overrides)
        changed.name = f"{config.name} · {variant.label}"
        configs.append(changed)
    rows = []
    for variant, changed, folder in zip(variants, configs, variant_folders([v.label for v in variants])):
        if control is not None and control.stop_requested:
            break
        run_dir = str(Path(out_dir) / folder)
        run = TrainingRun(changed, run_dir, progress=progress, control=control, leave_a_core=leave_a_core)
        train_loss, finished, last = None, None, None
        for last in run.events():
            if isinstance(last, StepMetrics):
                train_loss = last.metrics.get("loss", train_loss)
            elif isinstance(last, Finished):
                finished = last
            yield last
        if isinstance(last, Failed):
            raise TrainingError(refusals.LABELLED_FAILURE, label=variant.label, failure=last.message)
        rows.append(VariantRow(variant.label, run_dir, dict(variant.overrides), finished.step if finished else 0,
                               finished.reason if finished else "stopped", train_loss,
                               dict(finished.final_metrics) if finished else {}))
    yield VariantsCompared(tuple(rows))


def variants_table(rows: tuple[VariantRow, ...]) -> str:
    """A line per variant: steps, final training loss and each final validation metric."""
    metrics = sorted({name for row in rows for name in row.validation})
    width = max([len(row.label) for row in rows] + [7]) + 2
    lines = [f"{'variant':<{width}}{'steps':>8}{'train loss':>12}" + "".join(f"{'val ' + m:>18}" for m in metrics)]
    for row in rows:
        loss = f"{row.train_loss:>12.4f}" if row.train_loss is not None else f"{'-':>12}"
        cells = "".join(f"{row.validation[m]:>18.4f}" if m in row.validation else f"{'-':>18}" for m in metrics)
        lines.append(f"{row.label:<{width}}{row.steps:>8}{loss}{cells}"
                     + ("" if row.reason == "completed" else f"  ({row.reason})"))
    return "\n".join(lines)


def data_efficiency(config: ExperimentConfig, pretrained: str | Path, out_dir: str | Path, sizes: list[int],
                    strategies: list[str] | None = None, progress: Progress = no_progress,
                    control: Control | None = None, leave_a_core: bool = False) -> Iterator[Event]:
    """``compare_init`` at each training-set size (0 = every training example): the same validation examples,
    seed and number of steps for every size, each smaller training set a subset of the larger ones. Runs go to
    ``out_dir/<size>/<label>``; labels read "pretrained · 50 examples". Yields every run's events, then
    ``SweepFinished``."""
    results = []
    for size in sizes:
        sized = copy.deepcopy(config)
        sized.finetune.train_examples = size
        sized.name = f"{config.name} · {say.examples_part(size).english()}"
        folder = Path(out_dir) / (f"{size}-examples" if size else "all-examples")
        if control is not None and control.stop_requested:
            break
        for event in compare_init(sized, pretrained, folder, strategies, progress, control, leave_a_core):
            if isinstance(event, Compared):
                results += [dataclasses.replace(result, label=f"{result.label} · "
                                                f"{Message(say.EXAMPLES, {'count': result.train_examples}).english()}")
                            for result in event.variants]
            else:
                yield event
    yield sweep_finished(results, config.finetune.task)


def learning_curves(results: list[VariantResult], metric: str) -> dict[str, list[tuple[int, float]]]:
    """(training examples, final ``metric``) per start, in order of size: one line of the sweep's plot each."""
    curves: dict[str, list[tuple[int, float]]] = {}
    for result in results:
        if metric in result.final:
            curves.setdefault(result.start.english(), []).append((result.train_examples, result.final[metric]))
    return {start: sorted(points) for start, points in curves.items()}


def sweep_finished(results: list[VariantResult], task: str) -> SweepFinished:
    """The sweep's outcome as an event: the window plots its curves."""
    metric = PRIMARY_METRIC.get(task, "loss")
    curves = {start: tuple(points) for start, points in learning_curves(results, metric).items()}
    return SweepFinished(metric, curves, tuple(result.run_dir for result in results),
                         {result.start.english(): result.start for result in results})


def sweep_table(sweep: SweepFinished) -> str:
    """Final ``metric`` by training-set size (rows) and start (columns)."""
    metric, curves = sweep.metric, sweep.curves
    sizes = sorted({size for points in curves.values() for size, _ in points})
    lines = [f"{'examples':>9}" + "".join(f"{start:>22}" for start in curves),
             *(f"{size:>9,}" + "".join(f"{dict(points).get(size, float('nan')):>22.4f}" for points in curves.values())
               for size in sizes)]
    return f"final validation {metric}\n" + "\n".join(lines)


def twin_differences(configs: list[ExperimentConfig]) -> str:
    """The fields, besides the start, in which runs that should differ only in their start differ, as trained."""
    start = ("name", "finetune.from_run", "finetune.strategy", "finetune.checkpoint", "tokenizer.path",
             "finetune.train_examples")
    return "; ".join(f"{name} = {' vs '.join(map(str, values))}"
                     for name, values in config_differences(configs, ignore=start))


def default_comparison_dir(config: ExperimentConfig) -> Path:
    folder = default_run_dir(config)
    return folder.with_name(folder.name + "-compare")


def comparison_table(results: list[VariantResult], metrics: list[str]) -> str:
    """Validation curves side by side, then the final metrics."""
    header = f"{'step':>6}" + "".join(f"{r.label + ' ' + m:>28}" for r in results for m in metrics)
    lines = [header]
    steps = sorted({step for r in results for step, _ in r.curve})
    for step in steps:
        cells = []
        for r in results:
            values = dict(r.curve).get(step, {})
            cells += [f"{values[m]:>28.4f}" if m in values else f"{'-':>28}" for m in metrics]
        lines.append(f"{step:>6}" + "".join(cells))
    lines.append("")
    lines.append(f"{'final':<14}" + "".join(f"{r.label:>20}" for r in results))
    for metric in sorted({m for r in results for m in r.final}):
        lines.append(f"{metric:<14}" + "".join(
            f"{r.final[metric]:>20.4f}" if metric in r.final else f"{'-':>20}" for r in results))
    lines.append(f"{'trainable':<14}" + "".join(f"{r.trainable_parameters:>20,}" for r in results))
    return "\n".join(lines)
