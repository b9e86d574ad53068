"""Each lesson's verdict, computed after its runs ended from what they left on disk: ``metrics.jsonl`` (with the
n-gram baselines and the per-layer signals), ``config.toml`` as the trainer filled it in, and the last checkpoint.

A rule takes the lesson's runs, (label, run folder) in the order the lesson trained them, and returns whether the
claim held and the numbers it measured (the values of the lesson's ``measured`` template); a number it cannot find
makes the verdict "could not be measured", never a guess.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from lmstudio_app.config import engine_messages as say
from lmstudio_app.config import lessons
from lmstudio_app.config.messages import Message
from lmstudio_app.config.runs import read_run_config
from lmstudio_app.engine.application.head_importance import head_importance
from lmstudio_app.engine.probe import attention_stages, probe_attention
from lmstudio_app.engine.runs import ModelHandle, load_run
from lmstudio_app.errors import LmStudioError, os_error_sentence
from lmstudio_app.events import LessonJudged
from lmstudio_app.run_folder import METRICS_FILE

Runs = tuple[tuple[str, str], ...]


class Unmeasurable(Exception):
    """A number the rule needs is not in the runs' files."""

    def __init__(self, reason: Message):
        super().__init__(reason.english())
        self.reason = reason


@dataclass(frozen=True)
class Measured:
    held: bool
    values: dict[str, object]


def _number(value: float) -> str:
    return f"{value:.4g}"


def metric_rows(run_dir: str, split: str) -> list[dict[str, float]]:
    """The rows of one split of a run's metrics file, in the order written (lines that are no JSON object are
    skipped: a run killed mid-line leaves half a row)."""
    rows = []
    with open(Path(run_dir) / METRICS_FILE, encoding="utf-8") as lines:
        for line in lines:
            try:
                row = json.loads(line)
            except ValueError:
                continue
            if isinstance(row, dict) and row.get("split") == split:
                rows.append(row)
    return rows


def _validation(run_dir: str, metric: str) -> list[tuple[int, float]]:
    """(step, value) of a validation metric over the run."""
    points = [(int(row["step"]), float(row[metric])) for row in metric_rows(run_dir, "validation") if metric in row]
    if not points:
        raise Unmeasurable(Message(lessons.MISSING_METRIC, {"metric": f"validation {metric}"}))
    return points


def final(run_dir: str, metric: str) -> float:
    return _validation(run_dir, metric)[-1][1]


def _baseline(run_dir: str, order: str) -> float:
    for row in metric_rows(run_dir, "baseline"):
        if order in row:
            return float(row[order])
    raise Unmeasurable(Message(lessons.MISSING_METRIC, {"metric": f"{order} baseline"}))


def _model(run_dir: str) -> ModelHandle:
    return load_run(run_dir, "latest")


def _attention(run_dir: str, kind: str) -> tuple[np.ndarray, ...]:
    """The trained model's attention of ``kind`` on its probe text, per layer (heads, queries, keys)."""
    handle = _model(run_dir)
    snapshot = probe_attention(handle.model, handle.tokenizer, handle.config.training.probe_text,
                               handle.model.max_seq_len, handle.step)
    if kind not in snapshot.attention:  # the lesson's experiment was changed into another family
        raise Unmeasurable(Message(lessons.NO_ATTENTION_OF, {"kind": kind}))
    return snapshot.attention[kind]


def _above_diagonal(weights: np.ndarray) -> np.ndarray:
    """(heads, queries) the weight each query gives to keys after it."""
    return np.triu(weights, k=1).sum(-1)


# ---------------------------------------------------------------- the rules


def causal(runs: Runs) -> Measured:
    run = runs[0][1]
    loss, bigram = final(run, "loss"), _baseline(run, "bigram")
    attention = _attention(run, "decoder")
    above = max(float(np.triu(layer, k=1).max()) for layer in attention)
    return Measured(above == 0.0 and loss < bigram,
                    {"above": _number(above), "loss": _number(loss), "bigram": _number(bigram)})


def learns(runs: Runs) -> Measured:
    run = runs[0][1]
    losses = _validation(run, "loss")
    uniform = math.log(read_run_config(run).model.vocab_size)
    first, loss = losses[0][1], losses[-1][1]
    return Measured(loss < first and loss < 0.75 * uniform,
                    {"loss": _number(loss), "first": _number(first), "uniform": _number(uniform),
                     "accuracy": _number(final(run, "accuracy"))})


def cross(runs: Runs) -> Measured:
    """The later the output token, the earlier the source token it reads most: the correlation of the query's
    position and its strongest key's, per cross-attention layer (heads averaged); the most negative counts."""
    run = runs[0][1]
    correlations = []
    for layer in _attention(run, "cross"):
        strongest = layer.mean(0).argmax(-1)
        if len(strongest) < 3 or np.ptp(strongest) == 0:
            correlations.append(0.0)
            continue
        correlations.append(float(np.corrcoef(np.arange(len(strongest)), strongest)[0, 1]))
    best = int(np.argmin(correlations))
    return Measured(correlations[best] < -0.8, {"correlation": _number(correlations[best]), "layer": best + 1,
                                                "exact": _number(final(run, "exact_match"))})


def scaling(runs: Runs) -> Measured:
    """Every head of the first layer, recomputed without the 1/√d_k: entropy and top weight against as trained."""
    handle = _model(runs[0][1])
    kind = "decoder" if handle.config.model.family == "decoder" else "encoder"
    trained, unscaled = [], []
    for head in range(handle.config.model.n_heads):
        stages = attention_stages(handle.model, handle.tokenizer, handle.config.training.probe_text, kind, 0, head,
                                  handle.model.max_seq_len, handle.step)
        by_factor = {what_if.factor: what_if for what_if in stages.what_ifs}
        trained.append(by_factor[1.0])
        unscaled.append(by_factor[max(by_factor)])
    sharper = sum(u.mean_entropy < t.mean_entropy and u.mean_max_weight > t.mean_max_weight
                  for t, u in zip(trained, unscaled))
    return Measured(sharper == len(trained), {
        "entropy": _number(np.mean([t.mean_entropy for t in trained])),
        "unscaled": _number(np.mean([u.mean_entropy for u in unscaled])),
        "top": _number(np.mean([t.mean_max_weight for t in trained])),
        "unscaled_top": _number(np.mean([u.mean_max_weight for u in unscaled])),
        "heads": len(trained), "sharper": sharper})


def heads(runs: Runs) -> Measured:
    """Each head zeroed in turn on the trained model: how much each raises the validation loss, the most and the
    least important compared."""
    measured = head_importance(_model(runs[0][1]))
    rises = {key: loss - measured.base_loss for key, loss in measured.head_losses.items()}
    least, most = min(rises, key=rises.get), max(rises, key=rises.get)
    return Measured(rises[most] > 0 and rises[most] >= 2 * max(rises[least], 0.0), {
        "base": _number(measured.base_loss), "least": _number(rises[least]), "least_layer": least[1] + 1,
        "least_head": least[2] + 1, "most": _number(rises[most]), "most_layer": most[1] + 1,
        "most_head": most[2] + 1})


def positions(runs: Runs) -> Measured:
    with_positions, without = final(runs[0][1], "exact_match"), final(runs[1][1], "exact_match")
    return Measured(with_positions - without >= 0.2 and without < 0.1,
                    {"with_positions": _number(with_positions), "without_positions": _number(without)})


_LAYER_GRADIENT = re.compile(r"grad_norm/(\w+)\.(\d+)$")


def bottom_over_top(run_dir: str) -> float:
    """The median over the logged steps of the bottom layer's gradient norm over the top layer's (the first stack
    the run logs)."""
    ratios = []
    for row in metric_rows(run_dir, "train"):
        layers = sorted((match[1], int(match[2]), float(value)) for name, value in row.items()
                        if (match := _LAYER_GRADIENT.match(name)))
        stack = [(index, value) for kind, index, value in layers if kind == layers[0][0]] if layers else []
        if len(stack) >= 2 and stack[-1][1] > 0:
            ratios.append(stack[0][1] / stack[-1][1])
    if not ratios:
        raise Unmeasurable(Message(lessons.MISSING_METRIC, {"metric": "grad_norm per layer"}))
    return float(np.median(ratios))


def residual(runs: Runs) -> Measured:
    with_both, without = bottom_over_top(runs[0][1]), bottom_over_top(runs[1][1])
    return Measured(without < 1e-3 and 0.1 <= with_both <= 10,
                    {"with_both": f"{with_both:.3g}", "without": f"{without:.3g}"})


def both_ways(runs: Runs) -> Measured:
    run = runs[0][1]
    attention = _attention(run, "encoder")
    share = float(np.mean([_above_diagonal(layer).mean() for layer in attention]))
    return Measured(share > 0.2, {"share": _number(share), "accuracy": _number(final(run, "accuracy"))})


def _by_start(runs: Runs) -> tuple[list[str], list[str]]:
    """The runs that started from the pretrained model and those from scratch, as their configs say."""
    pretrained, scratch = [], []
    for _, run in runs:
        (pretrained if read_run_config(run).finetune.from_run else scratch).append(run)
    return pretrained, scratch


def _compared(runs: Runs) -> tuple[str, str]:
    pretrained, scratch = _by_start(runs[1:])  # the first run is the pretraining itself
    return pretrained[0], scratch[0]


def initialisation(runs: Runs) -> Measured:
    pretrained, scratch = _compared(runs)
    ours, theirs = final(pretrained, "accuracy"), final(scratch, "accuracy")
    return Measured(ours >= theirs, {"pretrained": _number(ours), "scratch": _number(theirs),
                                     "pretrained_loss": _number(final(pretrained, "loss")),
                                     "scratch_loss": _number(final(scratch, "loss"))})


def less_data(runs: Runs) -> Measured:
    pretrained, scratch = _by_start(runs[1:])
    sizes: dict[int, dict[bool, float]] = {}
    for run in pretrained + scratch:
        size = read_run_config(run).finetune.train_examples
        sizes.setdefault(size, {})[run in pretrained] = final(run, "accuracy")
    order = sorted((size for size, both in sizes.items() if len(both) == 2), key=lambda size: size or math.inf)
    if not order:
        raise Unmeasurable(Message(lessons.MISSING_METRIC, {"metric": "validation accuracy"}))
    gaps = [sizes[size][True] - sizes[size][False] for size in order]
    rows = tuple(Message(lessons.SIZE_ROW, {"size": say.examples_part(size), "pretrained": _number(sizes[size][True]),
                                            "scratch": _number(sizes[size][False])}) for size in order)
    return Measured(min(gaps) >= 0 and gaps[0] == max(gaps), {"table": rows})


def fewer_steps(runs: Runs) -> Measured:
    pretrained, scratch = _compared(runs)
    scratch_steps, target = _validation(scratch, "accuracy")[-1]
    reached = next((step for step, value in _validation(pretrained, "accuracy") if value >= target), None)
    ratio = reached / scratch_steps if reached is not None else None
    return Measured(ratio is not None and ratio < 1, {
        "target": _number(target), "scratch_steps": scratch_steps,
        "reached": Message(lessons.REACHED_AT, {"step": reached}) if reached is not None else
        Message(lessons.NEVER_REACHED), "ratio": _number(ratio) if ratio is not None else "—"})


def adaptive(runs: Runs) -> Measured:
    adamw, llrd, lamb = (final(run, "accuracy") for _, run in runs[1:4])
    return Measured(max(llrd, lamb) >= adamw - 0.01,
                    {"adamw": _number(adamw), "llrd": _number(llrd), "lamb": _number(lamb)})


VERDICTS: dict[str, Callable[[Runs], Measured]] = {
    "causal": causal, "learns": learns, "cross": cross, "scaling": scaling, "heads": heads, "positions": positions,
    "residual": residual, "both-ways": both_ways, "initialisation": initialisation, "less-data": less_data,
    "fewer-steps": fewer_steps, "adaptive": adaptive,
}


def judge(lesson: lessons.Lesson, runs: Runs, long: bool) -> LessonJudged:
    """The lesson's verdict on ``runs``, from their files."""
    try:
        measured = VERDICTS[lesson.verdict](runs)
    except Unmeasurable as missing:
        return LessonJudged(lesson.name, None, {}, runs, long, missing.reason)
    except LmStudioError as error:  # a run folder or checkpoint gone since
        return LessonJudged(lesson.name, None, {}, runs, long, error.message)
    except OSError as error:
        return LessonJudged(lesson.name, None, {}, runs, long, os_error_sentence(error))
    return LessonJudged(lesson.name, measured.held, measured.values, runs, long)
