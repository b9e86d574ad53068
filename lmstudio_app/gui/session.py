"""The session model: the one place the window's state lives. Widgets observe it; none own state.

It holds the experiment being edited, its validation problems, the run state,
the live run's metric series and attention snapshots, the model the playground
uses and its answers. Everything here is plain Python and numpy: the controller
hands it the engine's typed events and the requests it sends (``apply``), and it
emits what changed. It is the only writer of its state and the only emitter of
its signals: the window's own happenings are applied too (a run request, a stop,
a notice or refusal of a view through ``tell`` and ``refuse``).
"""

from __future__ import annotations

import copy
import dataclasses
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import Enum

import numpy as np
from PySide6.QtCore import QObject, Signal

from lmstudio_app.config import ExperimentConfig, preset_names, problems_of
from lmstudio_app.config.messages import Message, Problem
from lmstudio_app.config.registry import NSP_COMBINES_WITH, objectives_for
from lmstudio_app.config.schema import FAMILIES
from lmstudio_app.config.runs import adopt, adopts_architecture, read_run_config
from lmstudio_app.config.validate import from_dict
from lmstudio_app.errors import ConfigError, LmStudioError, os_error_sentence
from lmstudio_app.events import (
    AttentionSnapshot,
    AttentionStages,
    Candidates,
    CheckpointSaved,
    Classified,
    Compared,
    EvalMetrics,
    Evaluated,
    Event,
    Exported,
    Failed,
    Finished,
    GenerationStarted,
    HeadImportanceMeasured,
    Imported,
    LessonJudged,
    LayerProbe,
    LayerRepresentations,
    MasksFilled,
    MetricsHistory,
    ModelReady,
    Notice,
    ObjectivePreview,
    Paused,
    PositionViews,
    Preparing,
    Resumed,
    RunSeriesRead,
    RunsListed,
    RunsRestored,
    RunsTrashed,
    Started,
    StepMetrics,
    SweepFinished,
    Tagged,
    TaskPreview,
    TextGenerated,
    TokenizerReport,
    VariantsCompared,
)
from lmstudio_app.gui.i18n import tr
from lmstudio_app.lesson_book import read_book
from lmstudio_app.requests import CompareVariants, Resume, RunLesson, Sweep, Train
from lmstudio_app.run_index import RunRecord, seconds_to_train


def has_model(run: RunRecord) -> bool:
    """A run whose model can be used: it trained some steps, or it was imported (its step 0 is that model)."""
    return run.step > 0 or run.status == "imported"


def run_point(run: RunRecord) -> str:
    """Where a listed run's model stands: "step 300", or "imported" (it never trained here)."""
    return tr("imported") if run.status == "imported" else tr("step {step}").format(step=f"{run.step:,}")


class RunState(str, Enum):
    IDLE = "idle"
    PREPARING = "preparing"  # reading data, training the tokenizer, building the model
    RUNNING = "running"
    PAUSED = "paused"
    STOPPING = "stopping"


@dataclass(frozen=True)
class StopAsked:
    """The person asked the run (or sweep) in progress to stop: it saves a checkpoint first."""


# What the window asks that changes the run state: the session applies these as it applies events
Asked = Train | Resume | Sweep | CompareVariants | RunLesson | StopAsked


@dataclass(frozen=True)
class RunStatus:
    """Where the live or last run stands, for the status bar: ``total`` is 0 before any run started, speed and
    ETA are None until it has taken a step."""

    step: int = 0
    total: int = 0
    device: Message | None = None
    tokens_per_second: float | None = None
    eta: float | None = None  # seconds to the last step at the recent pace


class Series:
    """A growable float64 column (amortized O(1) appends; views without copies for plotting)."""

    def __init__(self, capacity: int = 1024):
        self._data = np.empty(capacity)
        self.size = 0

    def append(self, value: float) -> None:
        if self.size == len(self._data):
            grown = np.empty(2 * len(self._data))
            grown[: self.size] = self._data
            self._data = grown
        self._data[self.size] = value
        self.size += 1

    @property
    def values(self) -> np.ndarray:
        return self._data[: self.size]


@dataclass
class MetricTable:
    """Columns of one split's logged metrics, aligned by row; missing values are NaN."""

    columns: dict[str, Series] = field(default_factory=dict)
    rows: int = 0

    def add(self, row: dict[str, float]) -> None:
        for name in row.keys() - self.columns.keys():
            column = Series()
            for _ in range(self.rows):
                column.append(np.nan)
            self.columns[name] = column
        for name, column in self.columns.items():
            column.append(row.get(name, np.nan))
        self.rows += 1

    def get(self, name: str) -> np.ndarray:
        column = self.columns.get(name)
        return column.values if column is not None else np.empty(0)


MAX_SNAPSHOTS = 200  # attention snapshots kept for the time scrubber (oldest dropped first)


@dataclass
class Generation:
    """The text a model is generating (or generated last) in the playground."""

    prompt: str = ""
    continues_prompt: bool = True
    unread_tokens: int = 0  # of a prompt longer than the model's context (events.GenerationStarted)
    text: str = ""
    candidates: Candidates = ()
    done: bool = True


class SessionModel(QObject):
    """The engine reports typed events; ``apply`` folds them into this state and emits what changed."""

    configChanged = Signal()
    problemsChanged = Signal(list)
    stateChanged = Signal(str)
    runStarted = Signal(object)  # Started
    metricsChanged = Signal()  # new training or validation rows
    evaluated = Signal(object)  # EvalMetrics: the latest evaluation (confusion matrix, per-label F1)
    snapshotAdded = Signal(object)  # an AttentionSnapshot
    stagesReady = Signal(object)  # AttentionStages: one head taken apart
    positionsReady = Signal(object)  # PositionViews: how the model in use encodes positions
    checkpointSaved = Signal(object)  # CheckpointSaved
    progressChanged = Signal(object, float)  # phase (a Message), fraction (-1 when unknown)
    statusChanged = Signal(object)  # RunStatus
    runFinished = Signal(object)  # Finished
    errorRaised = Signal(str)  # what went wrong, in the window's language
    noticed = Signal(str)  # something to know that stops nothing
    modelChanged = Signal(object)  # ModelReady: the model the playground and the probe use
    generationChanged = Signal()  # self.generation grew
    answered = Signal(object)  # MasksFilled, Classified or Tagged
    tokenizerReported = Signal(object)  # TokenizerReport
    previewReady = Signal(object)  # ObjectivePreview, or a fine-tune's TaskPreview
    runsWanted = Signal(int)  # list the runs again, request n (the controller's run book lists them, off this thread)
    runsChanged = Signal()  # self.runs was read again from the run index
    seriesRead = Signal(object)  # RunSeriesRead: the metric series of the runs the Runs view overlays
    trashChanged = Signal()  # self.trashed grew or shrank
    representationsReady = Signal(object)  # LayerRepresentations of the model in use
    layerProbeReady = Signal(object)  # LayerProbe: a linear probe's accuracy per layer
    sweepReady = Signal(object)  # SweepFinished: a data-efficiency sweep's learning curves
    variantsCompared = Signal(object)  # VariantsCompared: each variant's final numbers
    headImportanceMeasured = Signal(object)  # HeadImportanceMeasured: the validation loss with each head zeroed
    runEvaluated = Signal(object)  # Evaluated: a saved run's metrics and each example's prediction
    lessonJudged = Signal(object)  # LessonJudged: a lesson's verdict (or why there is none: it was stopped)

    def __init__(self, config: ExperimentConfig | None = None):
        super().__init__()
        self.config = config or ExperimentConfig()
        # from_run, its config, why it cannot be read
        self._pretrained: tuple[str, ExperimentConfig | None, Message | None] = ("", None, None)
        self.effective = self._effective()
        # "section.field" → the problem of text typed there that is no value (the config keeps the last one that was)
        self.input_problems: dict[str, Problem] = {}
        self.problems: list[str] = self._problems()
        self.state = RunState.IDLE
        # A sweep's (a comparison of variants', a lesson's) runs follow one another: it ends with its outcome or Failed
        self.sweeping = False
        self.run_dir = ""
        self.run_config: ExperimentConfig | None = None  # the live or last run's, as the trainer filled it in
        self.representations: LayerRepresentations | None = None  # the model in use's layers, as last read
        self.layer_probe: LayerProbe | None = None  # the last linear probe of the model in use's layers
        self.sweep: SweepFinished | None = None  # the last data-efficiency sweep, for its plot in Runs
        self.baselines: dict[str, float] = {}  # the live or last run's n-gram cross-entropies, when it has them
        self.train = MetricTable()
        self.validation = MetricTable()
        self.snapshots: deque = deque(maxlen=MAX_SNAPSHOTS)
        self.status = RunStatus()
        self.last_evaluation: EvalMetrics | None = None
        self.run_evaluation: Evaluated | None = None  # the last saved run evaluated (Runs › Evaluate…)
        self.model: ModelReady | None = None
        self.stages: AttentionStages | None = None  # the head last taken apart, step by step
        self.positions: PositionViews | None = None  # the model in use's positions, as last read
        self.generation = Generation()
        self.runs: list[RunRecord] = []  # every run in the index, newest first
        self.runs_read_only = False  # listed from the run folders: the index is locked by another process
        self.runs_asked = 0  # listings requested, and the last one answered: the list is current when they agree
        self.runs_answered = 0
        self.trashed: list[tuple[str, ...]] = []  # the runs of each delete this window can undo, the last one last
        self.flops_per_second: float | None = None  # training speed measured on this machine by the newest run
        book = read_book()  # what the lessons found in earlier sessions (a small file)
        self.lessons: dict[str, LessonJudged] = dict(book.verdicts)  # each lesson's last verdict
        self.lesson_book_problem: Message | None = book.problem
        self._handlers: dict[type, Callable] = {
            Preparing: self._preparing, Started: self._started, MetricsHistory: self._history,
            StepMetrics: self._step, EvalMetrics: self._evaluated,
            AttentionSnapshot: self._snapshot, Paused: self._paused, Resumed: self._resumed,
            CheckpointSaved: self.checkpointSaved.emit, Finished: self._finished, Notice: self._notice,
            Failed: self._failed,
            TokenizerReport: self.tokenizerReported.emit, ObjectivePreview: self.previewReady.emit,
            TaskPreview: self.previewReady.emit,
            ModelReady: self._model_ready, GenerationStarted: self._generation_started,
            TextGenerated: self._text_generated, MasksFilled: self.answered.emit, Classified: self.answered.emit,
            Tagged: self.answered.emit, AttentionStages: self._stages, PositionViews: self._positions,
            SweepFinished: self._sweep_finished, LayerRepresentations: self._representations,
            LayerProbe: self._layer_probe, RunsListed: self._runs_listed, RunSeriesRead: self.seriesRead.emit,
            RunsTrashed: self._runs_trashed, RunsRestored: self._runs_restored,
            Evaluated: self._run_evaluated, Exported: self._exported, Imported: self._imported,
            Compared: self._compared, VariantsCompared: self._variants_compared, LessonJudged: self._lesson_judged,
            HeadImportanceMeasured: self.headImportanceMeasured.emit,
            Train: self._run_asked, Resume: self._run_asked, Sweep: self._sweep_asked,
            CompareVariants: self._sweep_asked, RunLesson: self._sweep_asked, StopAsked: self._stop_asked,
        }
        self._changed: set[str] = set()  # signals to emit once the batch is applied

    # --------------------------------------------------------------- the experiment

    def set_config(self, config: ExperimentConfig) -> None:
        self.config = copy.deepcopy(config)
        self.input_problems = {}  # every field shows the new experiment's value
        self._changed_config()

    def set_field(self, section: str, name: str, value) -> None:
        """Change one field; the config stays editable even when the value makes it invalid."""
        target = getattr(self.config, section) if section else self.config
        if getattr(target, name) == value:
            return
        setattr(target, name, value)
        if (section, name) == ("model", "family"):
            self._follow_family()
        self._changed_config()

    def set_input_problem(self, section: str, name: str, problem: Message | None) -> None:
        """What was typed into a field is no value of it (``problem``), or is one again (None): counted and shown
        with the validator's problems until then, and Start waits."""
        path = f"{section}.{name}"
        if problem is not None:
            self.input_problems[path] = Problem(path, problem)
        else:
            self.input_problems.pop(path, None)
        before, self.problems = self.problems, self._problems()
        if self.problems != before:
            self.problemsChanged.emit(self.problems)

    def input_problem(self, section: str, name: str) -> str:
        return self.input_problems.get(f"{section}.{name}", "")

    def _changed_config(self) -> None:
        """Work out what the change means before anyone hears of it: observers of ``configChanged`` read
        ``effective`` and ``problems`` (the cost panel must not size a model with an unknown LoRA target)."""
        self.effective = self._effective()
        before, self.problems = self.problems, self._problems()
        self.configChanged.emit()
        if self.problems != before:
            self.problemsChanged.emit(self.problems)

    # --------------------------------------------------------------- what a run of it will really train

    def _pretrained_config(self) -> tuple[ExperimentConfig | None, Message | None]:
        """The config of the run ``finetune.from_run`` names (read once per choice), or why it cannot be read."""
        run_dir = self.config.finetune.from_run
        if self._pretrained[0] != run_dir:
            try:
                self._pretrained = (run_dir, read_run_config(run_dir), None)
            except LmStudioError as error:
                self._pretrained = (run_dir, None, error.message)
            except OSError as error:
                self._pretrained = (run_dir, None, os_error_sentence(error))
        return self._pretrained[1], self._pretrained[2]

    def _effective(self) -> ExperimentConfig:
        """The experiment as a run of it trains: a fine-tune from a pretrained run takes that run's architecture
        and tokenizer. The window shows and validates this one; the run is started with ``config``."""
        if not adopts_architecture(self.config):
            return self.config
        pretrained, _ = self._pretrained_config()
        if pretrained is None:
            return self.config
        effective = copy.deepcopy(self.config)
        adopt(effective, pretrained)
        return effective

    def seconds_to_train(self) -> float | None:
        """How long the experiment would train here, judged by the newest run's measured speed."""
        if self.flops_per_second is None or any(p.startswith(("model.", "training.")) for p in self.problems):
            return None
        return seconds_to_train(self.effective, self.flops_per_second)

    @property
    def adopted_from(self) -> str:
        """The pretrained run whose architecture and tokenizer the experiment trains, or ""."""
        return self.config.finetune.from_run if self.effective is not self.config else ""

    @property
    def adopted_name(self) -> str:
        return self._pretrained[1].name if self.adopted_from and self._pretrained[1] else ""

    def _follow_family(self) -> None:
        """A new family keeps the experiment sensible: a fitting objective, no stray decoder depth."""
        model, objective = self.config.model, self.config.objective
        automatic = {f"my-{family}" for family in FAMILIES}  # a name this method gave on a switch before
        if self.config.name in preset_names() or self.config.name in automatic:  # do not let its runs pass for it
            self.config.name = f"my-{model.family}"
        if model.family != "encoder-decoder":
            model.n_decoder_layers = 0
        fitting = objectives_for(model.family)
        if objective.name not in fitting:
            objective.name = fitting[0]
        if objective.name not in NSP_COMBINES_WITH:
            objective.next_sentence_prediction = False

    def update_from_dict(self, raw: dict) -> None:
        """Replace the config from a mapping, keeping the old one when the mapping is not a config."""
        try:
            self.set_config(from_dict(raw))
        except ConfigError as error:
            self.refuse(error.message)

    def _problems(self) -> list[str]:
        problems = [*self.input_problems.values(), *problems_of(self.effective)]
        if adopts_architecture(self.config):
            _, error = self._pretrained_config()
            if error:
                problems.append(Problem("finetune.from_run", error))
        return problems

    @property
    def valid(self) -> bool:
        return not self.problems

    def problems_for(self, section: str, name: str) -> list[str]:
        prefix = f"{section}.{name}:" if section else f"{name}:"
        return [p for p in self.problems if p.startswith(prefix)]

    # --------------------------------------------------------------- the run index

    def refresh_runs(self) -> None:
        """Ask for the list of runs again; it arrives as a RunsListed event. A damaged index is rebuilt (and
        said once); one that cannot be opened leaves the list empty with an error, and the window goes on."""
        self.runs_asked += 1
        self.runsWanted.emit(self.runs_asked)

    def _runs_listed(self, event: RunsListed) -> None:
        self.runs = list(event.runs)
        self.runs_answered = max(self.runs_answered, event.answers)
        self.runs_read_only = event.read_only
        self.flops_per_second = event.flops_per_second
        if event.notice:
            self.noticed.emit(event.notice.render(tr))
        self.runsChanged.emit()

    def _runs_trashed(self, event: RunsTrashed) -> None:
        self.trashed.append(event.run_dirs)
        self.trashChanged.emit()

    def _runs_restored(self, event: RunsRestored) -> None:
        restored = set(event.run_dirs)
        self.trashed = [left for left in (tuple(r for r in runs if r not in restored) for runs in self.trashed)
                        if left]
        self.trashChanged.emit()

    # --------------------------------------------------------------- events from the engine

    def tell(self, notice: Message) -> None:
        """Something a view has to say that stops nothing (a picture saved), shown like the engine's notices."""
        self.apply([Notice(notice)])

    def refuse(self, error: Message) -> None:
        """Why a view cannot do what was asked (no model to look into yet), shown like the engine's errors."""
        self.errorRaised.emit(error.render(tr))

    def _set_state(self, state: RunState) -> None:
        if state != self.state:
            self.state = state
            self.stateChanged.emit(state.value)

    def apply(self, events: Iterable[Event | Asked]) -> None:
        """Fold a batch of events (the engine's, or a run request the window sends) into the state; signals that
        many events share are emitted once, after it."""
        for event in events:
            self._handlers[type(event)](event)
        changed, self._changed = self._changed, set()
        if "metrics" in changed:
            self.metricsChanged.emit()
        if "status" in changed:
            self.statusChanged.emit(self.status)
        if "generation" in changed:
            self.generationChanged.emit()

    def _preparing(self, event: Preparing) -> None:
        self.progressChanged.emit(event.phase, -1.0 if event.fraction is None else float(event.fraction))

    def _started(self, event: Started) -> None:
        self.train = MetricTable()
        self.validation = MetricTable()
        self.snapshots.clear()
        self.last_evaluation = None
        self.run_dir = event.run_dir
        self.run_config = event.config
        self.baselines = dict(event.baselines)
        self.status = RunStatus(event.start_step, event.total_steps, event.device)
        self._changed.add("status")
        self._set_state(RunState.RUNNING)
        self.runStarted.emit(event)
        self._model_ready(ModelReady(event.run_dir, event.start_step, event.config, live=True))

    def _history(self, event: MetricsHistory) -> None:
        """A resumed run's rows before this session saw it: drawn before the steps to come."""
        for row in event.train:
            self.train.add(row)
        for row in event.validation:
            self.validation.add(row)
        self._changed.add("metrics")

    def _step(self, event: StepMetrics) -> None:
        self.train.add({"step": event.step, **event.values()})
        self.status = dataclasses.replace(self.status, step=event.step, tokens_per_second=event.tokens_per_second,
                                          eta=event.eta)
        self._changed.update(("metrics", "status"))

    def _evaluated(self, event: EvalMetrics) -> None:
        self.validation.add({"step": event.step, **event.metrics})
        self.last_evaluation = event
        self._changed.add("metrics")
        self.evaluated.emit(event)

    def _snapshot(self, snapshot: AttentionSnapshot) -> None:
        self.snapshots.append(snapshot)
        self.snapshotAdded.emit(snapshot)

    def _stages(self, event: AttentionStages) -> None:
        self.stages = event
        self.stagesReady.emit(event)

    def _positions(self, event: PositionViews) -> None:
        self.positions = event
        self.positionsReady.emit(event)

    def _run_asked(self, request: Train | Resume) -> None:
        self._set_state(RunState.PREPARING)

    def _sweep_asked(self, request: Sweep | CompareVariants | RunLesson) -> None:
        self.sweeping = True
        self._set_state(RunState.PREPARING)

    def _stop_asked(self, event: StopAsked) -> None:
        if self.state != RunState.IDLE:
            self._set_state(RunState.STOPPING)

    def _paused(self, event: Paused) -> None:
        self._set_state(RunState.PAUSED)

    def _resumed(self, event: Resumed) -> None:
        self._set_state(RunState.RUNNING)

    def _model_at_rest(self, step: int) -> None:
        """The run ended: its model stays in use (the worker keeps it), no longer live."""
        if self.model is not None and self.model.live:
            self._model_ready(dataclasses.replace(self.model, step=step, live=False))

    def _finished(self, event: Finished) -> None:
        self._model_at_rest(event.step)
        self._set_state(RunState.IDLE)
        self.runFinished.emit(event)
        self.refresh_runs()

    def _notice(self, event: Notice) -> None:
        self.noticed.emit(event.message.render(tr))

    def _failed(self, event: Failed) -> None:
        if event.step is not None:  # a run failed
            self._model_at_rest(event.step)
            self._set_state(RunState.IDLE)
        elif self.state == RunState.PREPARING:
            # A start refused before its run began (a resumed run whose experiment cannot be read): the worker,
            # busy with the start, answered nothing else
            self._set_state(RunState.IDLE)
        if self.sweeping:  # the sweep ended with its run, or was refused before its first run began
            self._end_sweep()
        self.errorRaised.emit(event.message.render(tr))

    def _run_evaluated(self, event: Evaluated) -> None:
        self.run_evaluation = event
        self.runEvaluated.emit(event)

    def _compared(self, event: Compared) -> None:
        self.refresh_runs()  # the compared runs are new runs

    def _exported(self, event: Exported) -> None:
        self.noticed.emit(tr("exported {run} to {folder}").format(run=event.run_dir, folder=event.out) + (
            tr(" (loads with transformers' from_pretrained)") if event.format == "transformers" else ""))

    def _imported(self, event: Imported) -> None:
        self.noticed.emit("; ".join(line.render(tr) for line in event.lines))

    def _representations(self, event: LayerRepresentations) -> None:
        self.representations = event
        self.representationsReady.emit(event)

    def _layer_probe(self, event: LayerProbe) -> None:
        self.layer_probe = event
        self.layerProbeReady.emit(event)

    def _end_sweep(self) -> None:
        self.sweeping = False
        self._set_state(RunState.IDLE)

    def _sweep_finished(self, event: SweepFinished) -> None:
        self._end_sweep()
        self.sweep = event
        self.refresh_runs()
        self.sweepReady.emit(event)

    def _lesson_judged(self, event: LessonJudged) -> None:
        """A lesson ended: its verdict replaces the lesson's last one, unless nothing was measured (a stop)."""
        self._end_sweep()
        if event.held is not None or event.lesson not in self.lessons:
            self.lessons[event.lesson] = event
        self.refresh_runs()
        self.lessonJudged.emit(event)

    def _variants_compared(self, event: VariantsCompared) -> None:
        self._end_sweep()
        self.refresh_runs()  # the variants are new runs
        self.variantsCompared.emit(event)

    def _model_ready(self, event: ModelReady) -> None:
        if self.model is None or event.run_dir != self.model.run_dir:
            self.snapshots.clear()  # they showed the attention of the model that was in use before
        self.model = event
        if not event.live and event.run_dir not in {run.run_dir for run in self.runs}:  # e.g. just imported
            self.refresh_runs()
        self.modelChanged.emit(event)

    def _generation_started(self, event: GenerationStarted) -> None:
        self.generation = Generation(event.prompt, event.continues_prompt, event.unread_tokens, done=False)
        self._changed.add("generation")

    def _text_generated(self, event: TextGenerated) -> None:
        generation = self.generation
        generation.text += event.text
        generation.candidates = event.candidates or generation.candidates
        generation.done = event.last
        self._changed.add("generation")
