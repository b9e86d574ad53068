"""What the engine reports: frozen dataclasses of plain data, never tensors.

Training runs, jobs between runs and answers from a model all report through
these types and nothing else, so they cross threads and processes safely and
every front end reads the same facts. The module needs only the stdlib, numpy
and the config (no torch, no Qt): the window's session model imports it before
the engine is loaded.

Adding a kind of event means: the dataclass here (and in ``Event``), the code
in the engine that yields it, the session model's handler, and the one view
that shows it.
"""

from __future__ import annotations

import json
import string
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from lmstudio_app.config import ExperimentConfig
from lmstudio_app.config import error_messages as refusals
from lmstudio_app.config import lessons
from lmstudio_app.config.messages import Message
from lmstudio_app.config.model_stats import HeadSpec, head_specs
from lmstudio_app.config.objectives import MASKED_LM_HEAD
from lmstudio_app.errors import DataError
from lmstudio_app.fsutil import atomic_write_text
from lmstudio_app.run_folder import refuse_inside_run
from lmstudio_app.run_index import RunRecord

if TYPE_CHECKING:
    from lmstudio_app.engine.data.documents import CorpusSummary
    from lmstudio_app.engine.data.tokenizer import TokenizerDiagnostics

Candidates = tuple[tuple[str, float], ...]  # (token or label, probability), most likely first


# ---------------------------------------------------------------- training


@dataclass(frozen=True)
class Preparing:
    """Slow set-up work (reading a corpus, training a tokenizer, saving) and how far it is."""

    phase: Message
    fraction: float | None  # None when the amount of work is unknown; 1.0 when the phase is over


@dataclass(frozen=True)
class Started:
    run_dir: str
    config: ExperimentConfig  # as the trainer filled it in (vocabulary, labels, adopted architecture)
    start_step: int  # > 0 when resuming
    parameters: int
    trainable_parameters: int
    device: Message  # where it trains: "CPU, 4 threads (fp32)"
    precision: str
    corpus_summary: str
    initialization: str = ""  # fine-tuning: which weights came from the pretrained run
    baselines: dict[str, float] = field(default_factory=dict)  # n-gram cross-entropies on the validation batches
    train_size: int = 0  # training examples (fine-tuning) or documents (pretraining)

    @property
    def name(self) -> str:
        return self.config.name

    @property
    def total_steps(self) -> int:
        return self.config.training.steps


@dataclass(frozen=True)
class MetricsHistory:
    """A resumed run's rows before it resumed, as its metrics.jsonl holds them (each a ``StepMetrics.values()``
    or an evaluation's metrics, with its "step"): so a window that opens it again draws the whole run."""

    train: tuple[dict[str, float], ...]
    validation: tuple[dict[str, float], ...]


@dataclass(frozen=True)
class StepMetrics:
    step: int  # optimizer steps done
    metrics: dict[str, float]  # loss, accuracy, … averaged since the last report
    learning_rate: float
    grad_norm: float
    tokens_per_second: float
    tokens_seen: int
    elapsed: float  # seconds of training, pauses excluded
    eta: float  # seconds to the last step at the recent pace
    group_learning_rates: dict[str, float] = field(default_factory=dict)  # per layer group, when they differ
    trainable: dict[str, bool] = field(default_factory=dict)  # per layer group, for gradual unfreezing
    layers: dict[str, float] = field(default_factory=dict)  # "grad_norm/encoder.0"…: per-layer signals, when taken

    def values(self) -> dict[str, float]:
        """Every number of the report as one flat mapping (what metrics.jsonl, the index and the GUI store)."""
        return {**self.metrics, "learning_rate": self.learning_rate, "grad_norm": self.grad_norm,
                "tokens_per_second": self.tokens_per_second, "tokens_seen": float(self.tokens_seen),
                "elapsed": self.elapsed, "eta": self.eta,
                **{f"lr/{group}": rate for group, rate in self.group_learning_rates.items()},
                **{f"trainable/{group}": float(on) for group, on in self.trainable.items()}, **self.layers}


@dataclass(frozen=True)
class EvalMetrics:
    step: int
    metrics: dict[str, float]  # validation loss, accuracy, … (taggers add f1/<tag> per tag)
    seconds: float
    confusion: list[list[int]] | None = None  # classification and tagging: rows true class, columns predicted
    labels: list[str] | None = None

    def per_label_f1(self) -> dict[str, float]:
        return {name[3:]: value for name, value in self.metrics.items() if name.startswith("f1/")}


@dataclass(frozen=True)
class AttentionSnapshot:
    step: int
    tokens: tuple[str, ...]  # the encoder's (or decoder-only model's) tokens
    target_tokens: tuple[str, ...]  # the decoder's tokens in an encoder-decoder, else ()
    attention: dict[str, tuple[np.ndarray, ...]]  # "encoder"/"decoder"/"cross" → per layer (H, T_q, T_k) float32
    seconds: float  # what the probe cost
    dropped_tokens: int = 0  # tokens of the probe text beyond the model's context, not read
    read_until: str = ""  # when some were dropped: the end of the text that was read

    def save_npz(self, path: str) -> None:
        """Every matrix as ``<kind>_layer<i>`` (heads × queries × keys), with the tokens and the step."""
        path = refuse_inside_run(path, refusals.SAVED_ATTENTION)
        arrays = {f"{kind}_layer{index}": weights for kind, layers in self.attention.items()
                  for index, weights in enumerate(layers)}
        np.savez_compressed(path, tokens=np.array(self.tokens), target_tokens=np.array(self.target_tokens),
                            step=self.step, **arrays)


@dataclass(frozen=True)
class WhatIf:
    """The head's softmax with its scaled scores multiplied by ``factor`` (√d_k undoes the scaling)."""

    label: Message  # "no scaling (×√d_k = ×4)"
    factor: float
    weights: np.ndarray  # (T_q, T_k)
    mean_entropy: float  # nats, averaged over the queries
    mean_max_weight: float  # the largest weight of each query, averaged


@dataclass(frozen=True)
class AttentionStages:
    """softmax(QKᵀ/√d_k + M)V for one head, stage by stage (each (T_q, T_k) unless said otherwise)."""

    step: int
    kind: str  # "encoder", "decoder" or "cross"
    layer: int  # from 0
    head: int  # from 0
    queries: tuple[str, ...]
    keys: tuple[str, ...]
    head_dim: int  # d_k
    raw: np.ndarray  # QKᵀ
    scaled: np.ndarray  # QKᵀ/√d_k
    bias: np.ndarray | None  # the position scheme's bias added to the scores, if it has one
    allowed: np.ndarray  # bool: False where M is -∞ (a future token, padding)
    weights: np.ndarray  # the softmax, as the attention views show it
    contributions: np.ndarray  # ‖weight · v_j W_O‖: how much each key really adds to each query's output
    output_norms: np.ndarray  # (T_q,) ‖Σ_j weight · v_j W_O‖: the head's whole output per query
    what_ifs: tuple[WhatIf, ...]  # the same head at other temperatures; the one with factor 1 is as trained


@dataclass(frozen=True)
class PositionViews:
    """How a model tells positions apart, for its position scheme (``model.position``)."""

    step: int
    scheme: str  # the model.position it was drawn for: a name of config/positions.py's SCHEMES
    stack: str  # whose positions these are: "encoder" or "decoder"
    table: np.ndarray | None  # (T, C): the position vectors added to the token embeddings, if any
    similarity: np.ndarray  # (T, T): how alike positions i and j look to the model (cosine)
    frequencies: np.ndarray | None  # (D/2,): rotation speed of queries' and keys' channel pairs, radians per position
    bias: np.ndarray | None  # (H, T, T): the bias on the scores per head, if any


@dataclass(frozen=True)
class Paused:
    step: int


@dataclass(frozen=True)
class Resumed:
    step: int


@dataclass(frozen=True)
class CheckpointSaved:
    step: int
    path: str
    seconds: float


@dataclass(frozen=True)
class Finished:
    step: int
    reason: str  # "completed", "stopped" or "interrupted"
    run_dir: str
    final_metrics: dict[str, float]
    best_validation_loss: float | None
    elapsed: float
    probe_seconds: float
    layer_stats_seconds: float = 0.0  # measuring the per-layer signals (training.layer_stats_every)


@dataclass(frozen=True)
class LayerRepresentations:
    """Each layer's hidden states in 2-D (PCA) and how alike the layers are (linear CKA)."""

    step: int
    layers: tuple[Message, ...]  # "embeddings", "layer 1", …
    points: tuple[np.ndarray, ...]  # per layer (N, 2) float32
    labels: tuple[str, ...]  # per point: its label, or its token's kind
    matrix: np.ndarray  # (L, L) linear CKA between layers
    source: Message  # what the points are, in words


@dataclass(frozen=True)
class LayerProbe:
    """A linear classifier per layer on frozen features: how well each layer's representation gives the labels."""

    step: int
    layers: tuple[Message, ...]  # as LayerRepresentations names them
    accuracy: tuple[float, ...]  # validation accuracy of a linear classifier on each layer's features
    chance: float  # the majority label's share of the validation set
    examples: tuple[int, int]  # (train, validation)

    def describe(self) -> str:
        lines = [f"linear probe on {self.examples[0]:,} training and {self.examples[1]:,} validation examples "
                 f"(majority label: {self.chance:.3f})", f"{'layer':<12}{'accuracy':>10}"]
        lines += [f"{layer.english():<12}{value:>10.4f}" for layer, value in zip(self.layers, self.accuracy)]
        return "\n".join(lines)


@dataclass(frozen=True)
class HeadImportanceMeasured:
    """Each attention head's weight in the validation loss: the loss with that head's output zeroed (an
    ablation at evaluation time), beside the loss of the whole model."""

    step: int
    base_loss: float  # the validation loss of the model as trained
    # (kind, layer, head) → the validation loss with that head zeroed; kind is "encoder", "decoder" (self-attention)
    # or "cross", layers and heads from 0
    head_losses: dict[tuple[str, int, int], float]

    def describe(self) -> str:
        """A row per layer, a column per head: the loss each zeroed head leaves, minus the base loss."""
        lines = [f"validation loss {self.base_loss:.4f} at step {self.step}; with one head zeroed, the change:"]
        layers = sorted({(kind, layer) for kind, layer, _ in self.head_losses}, key=lambda kl: (
            ("encoder", "decoder", "cross").index(kl[0]), kl[1]))
        heads = 1 + max(head for _, _, head in self.head_losses)
        lines.append(f"{'layer':<14}" + "".join(f"{f'head {h + 1}':>11}" for h in range(heads)))
        for kind, layer in layers:
            cells = "".join(f"{self.head_losses[kind, layer, h] - self.base_loss:>+11.4f}"
                            if (kind, layer, h) in self.head_losses else f"{'-':>11}" for h in range(heads))
            lines.append(f"{f'{kind} {layer + 1}':<14}{cells}")
        return "\n".join(lines)


@dataclass(frozen=True)
class SweepFinished:
    """A data-efficiency sweep ended: its final validation ``metric`` by training-set size, one line per start."""

    metric: str
    curves: dict[str, tuple[tuple[int, float], ...]]  # start → ((examples, metric), …) by size
    run_dirs: tuple[str, ...]
    starts: dict[str, Message]  # each start of ``curves``, as a person reads it ("pretrained", "scratch-lora")


@dataclass(frozen=True)
class VariantResult:
    """One run of a comparison: where it started, its validation curve and its final metrics."""

    label: str
    run_dir: str
    curve: tuple[tuple[int, dict[str, float]], ...] = ()  # (step, validation metrics)
    final: dict[str, float] = field(default_factory=dict)
    trainable_parameters: int = 0
    train_examples: int = 0  # labelled examples it was fine-tuned on
    start: Message | None = None  # where it started ("pretrained", "scratch", …), however the label is dressed later


@dataclass(frozen=True)
class Compared:
    """A comparison of starts (``lmstudio compare-init``) ended: each run's curve and final metrics."""

    variants: tuple[VariantResult, ...]


@dataclass(frozen=True)
class LessonJudged:
    """A lesson's verdict, computed from its runs' files (``config/lessons.py`` says what it claims): ``held`` is
    None when it could not be measured (``problem`` says why). ``values`` fill the lesson's ``measured`` template;
    ``runs`` are (label, run folder) in the order the lesson trained them."""

    lesson: str
    held: bool | None
    values: dict[str, object]  # str, or a Message a reader renders in its language
    runs: tuple[tuple[str, str], ...]
    long: bool  # the longer variant ran
    problem: Message | None = None

    def describe(self) -> str:
        """The verdict in English, as the command line prints it."""
        lesson = lessons.LESSONS_BY_NAME[self.lesson]
        return "\n".join(line.english() for line in verdict_lines(self, lesson))


def verdict_lines(judged: LessonJudged, lesson: lessons.Lesson) -> list[Message]:
    """What a verdict says, a message a line: held or not with the claim, the numbers, and for a short run that
    did not show it, the longer variant."""
    if judged.held is None:
        verdict = Message(lessons.NOT_MEASURED, {"reason": judged.problem or ""})
    else:
        verdict = Message(lessons.HELD if judged.held else lessons.NOT_HELD)
    lines = [Message(lessons.VERDICT_LINE, {"verdict": verdict, "claim": Message(lesson.claim)})]
    # (values remembered by an older version may not fill today's template: then the numbers are left out)
    if judged.values and {name for _, name, _, _ in string.Formatter().parse(lesson.measured) if name} <= set(
            judged.values):
        lines.append(Message(lesson.measured, judged.values))
    if judged.held is False and not judged.long:
        lines.append(Message(lessons.SMALL_RUN))
    return lines


@dataclass(frozen=True)
class VariantRow:
    """One run of ``CompareVariants``: what it changed and how it ended."""

    label: str
    run_dir: str
    overrides: dict[str, object]  # the dotted fields it set
    steps: int  # optimizer steps it trained
    reason: str  # "completed" or "stopped" (as Finished.reason)
    train_loss: float | None  # the last logged training loss (None: stopped before its first log)
    validation: dict[str, float]  # the final validation metrics (Finished.final_metrics; empty without them)


@dataclass(frozen=True)
class VariantsCompared:
    """A comparison of variants (``lmstudio compare-variants``) ended: a row per run trained, in order."""

    rows: tuple[VariantRow, ...]


@dataclass(frozen=True)
class Notice:
    """Something a person should know that does not stop the work: a side record that could not be
    written, a checkpoint that was repaired or set aside."""

    message: Message


@dataclass(frozen=True)
class Failed:
    """A run that could not go on, or a job or request that could not be done; ``step`` is None outside a run.
    ``message`` says why (``english()`` for the command line, ``render(tr)`` in the window)."""

    message: Message
    bad_input: bool  # a config, data or path problem (CLI exit 2) rather than a training failure (exit 1)
    step: int | None = None
    run_dir: str = ""


# ---------------------------------------------------------------- jobs between runs


@dataclass(frozen=True)
class RunsListed:
    """Every run in the index, newest first (``engine.application.runs.list_runs``); ``read_only`` when the
    index was locked by another process and the runs were read from their folders."""

    runs: tuple[RunRecord, ...]
    flops_per_second: float | None  # the training speed the newest measured run reached on this machine
    notice: Message | None = None  # what reading had to repair or work around, to say once
    read_only: bool = False
    answers: int = 0  # the window's listing request this answers (0: listed again after a change)


@dataclass(frozen=True)
class RunSeriesRead:
    """Every metric series of the runs the window overlays, read from the index by the run book."""

    run_dirs: tuple[str, ...]  # the runs asked for, in the order asked
    series: dict[str, dict[tuple[str, str], tuple[list[int], list[float]]]]  # run → (split, name) → steps, values


@dataclass(frozen=True)
class RunsTrashed:
    """Runs the window deleted into its trash: gone from their place and the index, back with RestoreRuns until
    the window closes."""

    run_dirs: tuple[str, ...]


@dataclass(frozen=True)
class RunsRestored:
    """Runs taken back out of the trash, to their folders and the index."""

    run_dirs: tuple[str, ...]


@dataclass(frozen=True)
class TokenizerReport:
    corpus: CorpusSummary  # documents, characters, the split
    diagnostics: TokenizerDiagnostics  # the tokenizer on held-out text


@dataclass(frozen=True)
class ShownToken:
    text: str
    tag: str  # a Tag name in lower case: "plain", "masked", "replaced", "kept", "sentinel", …


@dataclass(frozen=True)
class Inspection:
    objective: str
    original: list[str]
    inputs: list[ShownToken]
    targets: list[ShownToken]  # per input position for encoders/decoders, the target sequence for seq2seq
    aligned: bool  # targets line up with inputs
    segments: list[int] | None
    notes: list[Message]  # what the objective did to the example
    joiner: str = ""  # between token texts: a space for WordPiece, else nothing
    permutation_ranks: list[int] | None = None  # permutation LM: each position's place in the sampled order
    whole_words: list[tuple[str, bool]] | None = None  # whole-word masking: each word, and whether it is predicted

    def render(self, color: bool = False) -> str:
        def show(tokens: list[ShownToken]) -> str:
            return self.joiner.join(_styled(t, color) for t in tokens)

        lines = [f"objective: {self.objective}", "", "original:", "  " + self.joiner.join(self.original), "",
                 "model input:", "  " + show(self.inputs)]
        if self.segments is not None:
            lines += ["segments:", "  " + " ".join(str(s) for s in self.segments)]
        if self.whole_words is not None:
            lines += ["whole words (selected in [ ]):",
                      "  " + " | ".join(f"[{text}]" if selected else text for text, selected in self.whole_words)]
        if self.aligned:
            predicted = [(i, t) for i, t in enumerate(self.inputs) if self.targets[i].text]
            lines += ["", "predicted at:"]
            lines += [f"  {i:>4}  {t.text!r:>14} -> {self.targets[i].text!r}  ({t.tag})" for i, t in predicted[:60]]
            if len(predicted) > 60:
                lines.append(f"  … {len(predicted) - 60} more")
        else:
            lines += ["", "target (decoder):", "  " + show(self.targets)]
        lines += [""] + [f"note: {n.english()}" for n in self.notes]
        legend = "legend: [MASK]=masked  ~x~=replaced by random  =x==kept but predicted  <…>=sentinel  {x}=special"
        return "\n".join(lines + [legend])


_COLORS = {"masked": "41", "replaced": "43", "kept": "44", "sentinel": "45", "inserted": "41", "special": "2",
           "prefix": "36"}


def _styled(token: ShownToken, color: bool) -> str:
    text = token.text
    if color and token.tag in _COLORS:
        return f"\033[{_COLORS[token.tag]}m{text}\033[0m"
    return {"replaced": f"~{text}~", "kept": f"={text}=", "special": f"{{{text}}}"}.get(token.tag, text)


@dataclass(frozen=True)
class MaskPicture:
    """Who may attend to whom under one kind of language model, for a short example."""

    objectives: tuple[str, ...]  # the objectives that use this mask
    title: Message
    explanation: Message
    allowed: np.ndarray  # (T_q, T_k) bool: rows are queries, columns keys


@dataclass(frozen=True)
class ObjectivePreview:
    seed: int
    inspection: Inspection  # one example as the objective corrupts it
    gallery: tuple[MaskPicture, ...] = ()  # the attention mask of every kind of language model, side by side


@dataclass(frozen=True)
class TaskPreview:
    """One example of a fine-tuning task as the model reads it, and the answer it is trained to give: what a
    fine-tune trains instead of a pretraining objective."""

    seed: int
    task: str  # finetune.task
    dataset: str  # finetune.dataset
    family: str
    head: HeadSpec  # the head the task puts on the model
    labels: tuple[str, ...]  # classes or tags; () for seq2seq
    # The input's layout: ("special", "[CLS]"), or ("field", f) for the task's own text f: "text", "pair", "prompt"
    # or "answer"
    framing: tuple[tuple[str, str], ...]
    inputs: tuple[ShownToken, ...]  # what the model reads (its encoder, in an encoder-decoder)
    segments: tuple[int, ...] | None
    answer: tuple[ShownToken, ...]  # the label; the tag of each input token (aligned); the tokens to generate
    aligned: bool  # answer[i] is input i's (token classification)
    joiner: str  # between token texts: a space for WordPiece, else nothing
    train_examples: int
    validation_examples: int
    start: str  # the pretrained run whose weights, architecture and tokenizer it starts from; "" from scratch

    def describe(self) -> str:
        """In English, for the command line."""
        def tokens(items) -> str:
            return self.joiner.join(f"{{{t.text}}}" if t.tag == "special" else t.text for t in items)

        framing = " ".join(f"<{text}>" if kind == "field" else text for kind, text in self.framing)
        head = {"sequence": f"{self.head.outputs} classes, pooled from the {self.head.pooling} state",
                "token": f"{self.head.outputs} tags, one per token",
                "lm": f"next token over {self.head.outputs:,} (generated)"}[self.head.kind]
        if self.aligned:
            answer = " ".join(f"{i.text}/{a.text}" for i, a in zip(self.inputs, self.answer) if a.text)
        else:
            answer = tokens(self.answer)
        return "\n".join([
            f"task: {self.task} on {self.dataset} ({self.train_examples:,} train, {self.validation_examples:,} "
            f"validation examples)", f"model: {self.family}, " + (f"from {self.start}" if self.start else
                                                                  "from scratch"),
            f"head: {head}", f"labels: {', '.join(self.labels)}" if self.labels else "labels: none (generated)",
            f"input framing: {framing}", "", "model input:", "  " + tokens(self.inputs),
            *(["segments:", "  " + " ".join(map(str, self.segments))] if self.segments is not None else []),
            "", "answer:", "  " + answer])


@dataclass(frozen=True)
class Evaluated:
    """A saved run evaluated on its validation split or a task file: the metrics and, for classifiers and taggers,
    each example's prediction (``predictions[i]`` of the example from ``origins[i]``)."""

    run_dir: str
    data_file: str  # "": the run's own validation split
    evaluation: EvalMetrics  # its step is the checkpoint's
    origins: tuple[str, ...] = ()  # where each evaluated example came from (task runs), in order
    predictions: tuple | None = None  # per example: a label, or the tags of its labelled tokens
    texts: tuple[str, ...] = ()  # per example: its input as the model read it, without special tokens
    truths: tuple = ()  # per example: its true label, or the true tags of its labelled tokens

    @property
    def title(self) -> str:
        """Which run, step and data, in English (the command line's first line)."""
        return f"{self.run_dir} at step {self.evaluation.step} on {self.data_file or 'its validation split'}"

    def describe(self) -> str:
        evaluation = self.evaluation
        lines = [self.title] + [f"  {name:<20} {value:.4f}" for name, value in sorted(evaluation.metrics.items())]
        if evaluation.confusion:
            labels = evaluation.labels
            width = max(8, *(len(label) for label in labels)) + 1
            lines += ["", "confusion (rows: true, columns: predicted)",
                      " " * width + "".join(f"{label[:7]:>8}" for label in labels)]
            lines += [f"{label:<{width}}" + "".join(f"{n:>8}" for n in row)
                      for label, row in zip(labels, evaluation.confusion)]
        return "\n".join(lines)

    def save_predictions(self, path: str) -> None:
        """One JSON object per example: where it came from, its text, its true label and what the model predicted."""
        if self.predictions is None:
            raise DataError(refusals.NO_PREDICTIONS)
        path = refuse_inside_run(path, refusals.SAVED_PREDICTIONS)
        rows = zip(self.origins, self.texts, self.truths, self.predictions)
        atomic_write_text(path, "".join(json.dumps({"origin": origin, "text": text, "label": truth,
                                                    "prediction": prediction}, ensure_ascii=False) + "\n"
                                        for origin, text, truth, prediction in rows))


@dataclass(frozen=True)
class Exported:
    """A run's model written as a self-contained folder."""

    run_dir: str
    out: str
    format: str  # "lmstudio" or "transformers"


@dataclass(frozen=True)
class Imported:
    """A transformers checkpoint read into a new run: what was read, and what the app does differently."""

    run_dir: str
    lines: tuple[Message, ...]  # a fact each

    @property
    def description(self) -> str:
        """In English, a line per fact, for the command line."""
        return "\n".join(line.english() for line in self.lines)


# ---------------------------------------------------------------- using a model


@dataclass(frozen=True)
class ModelReady:
    """The model that now answers requests: a live run's (between its steps) or a saved run's checkpoint."""

    run_dir: str
    step: int
    config: ExperimentConfig
    live: bool

    @property
    def heads(self) -> tuple[str, ...]:
        return tuple(head_specs(self.config))

    @property
    def generates(self) -> bool:
        return "lm" in self.heads

    @property
    def fills_masks(self) -> bool:
        return MASKED_LM_HEAD in self.heads

    @property
    def classifies(self) -> bool:
        return "classifier" in self.heads or "tagger" in self.heads


@dataclass(frozen=True)
class GenerationStarted:
    prompt: str
    continues_prompt: bool  # a decoder continues the prompt; an encoder-decoder answers it
    unread_tokens: int = 0  # of a prompt longer than the context: a decoder skips its first, an encoder its last


@dataclass(frozen=True)
class TextGenerated:
    """One generated token: the new complete text it adds ('' while a character is still incomplete)."""

    token_id: int
    text: str
    candidates: Candidates  # the most likely next tokens, as readable labels
    last: bool  # end of sequence, or the token budget is spent


@dataclass(frozen=True)
class MasksFilled:
    text: str
    masks: tuple[Candidates, ...]  # per [MASK], in reading order


@dataclass(frozen=True)
class Classified:
    text: str
    pair: str | None
    labels: Candidates  # every label, most likely first


@dataclass(frozen=True)
class Tagged:
    text: str
    tokens: tuple[tuple[str, str, float], ...]  # (token, most likely tag, its probability) per input token


Event = (Preparing | Started | MetricsHistory | StepMetrics | EvalMetrics | AttentionSnapshot | Paused | Resumed
         | CheckpointSaved | Finished | Notice | Failed | TokenizerReport | ObjectivePreview | TaskPreview | ModelReady
         | GenerationStarted | TextGenerated | MasksFilled | Classified | Tagged | AttentionStages | PositionViews
         | SweepFinished | LayerRepresentations | LayerProbe | HeadImportanceMeasured | RunsListed | RunSeriesRead
         | RunsTrashed | RunsRestored | Compared | VariantsCompared | Evaluated | Exported | Imported | LessonJudged)
