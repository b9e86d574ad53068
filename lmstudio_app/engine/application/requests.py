"""The one entry point of the application layer: ``handle(request, context)`` yields the request's events, its
outcome last.

Every action a person takes is a request (``lmstudio_app.requests``, ``lmstudio_app.model_requests``); the
command line prints the events it gets, the window's worker hands them to the session model. The outcome is a
typed event: ``Finished`` (or ``Failed``) for a run, ``Compared``, ``VariantsCompared``, ``SweepFinished``,
``Evaluated``, ``Exported``, ``Imported``, ``ModelReady``, a preview, a report or a model's answer. A request that cannot be done
raises one of the app's errors (``lmstudio_app.errors``), which each front end says in its own way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from lmstudio_app.engine.application.compare import (
    compare_init,
    compare_variants,
    data_efficiency,
    default_comparison_dir,
)
from lmstudio_app.engine.application.data import tokenizer_report, training_preview
from lmstudio_app.engine.application.evaluate import evaluate_run
from lmstudio_app.engine.application.export import export_run
from lmstudio_app.engine.application.lessons import judge_again, run_lesson
from lmstudio_app.engine.application.models import answer, model_ready, open_model
from lmstudio_app.engine.application.training import TrainingRun
from lmstudio_app.engine.application.transformers_import import import_transformers, imported_run_dir
from lmstudio_app.engine.control import Control
from lmstudio_app.engine.progress import Progress, no_progress
from lmstudio_app.engine.runs import ModelHandle
from lmstudio_app.events import Event, Exported, Imported
from lmstudio_app.model_requests import (
    Classify,
    FillMasks,
    Generate,
    HeadImportance,
    Positions,
    Probe,
    ProbeLayers,
    Representations,
    Stages,
)
from lmstudio_app.requests import (
    CompareInit,
    CompareVariants,
    Evaluate,
    Export,
    Import,
    JudgeLesson,
    OpenRun,
    PrepareTokenizer,
    PreviewObjective,
    Request,
    Resume,
    RunLesson,
    Sweep,
    Train,
)


@dataclass
class Context:
    """What a request runs with besides itself: the one way to stop it, where its progress goes, and the model in
    use, which model requests answer with and which opening, importing or training a run replaces."""

    control: Control = field(default_factory=Control)  # stop ends a run (after a checkpoint), a sweep, a generation
    progress: Progress = no_progress
    model: ModelHandle | None = None
    # Whether the run being handled has finished its set-up: from then on a stop saves a checkpoint first.
    training_began: Callable[[], bool] = lambda: False


def handle(request: Request, context: Context) -> Iterator[Event]:
    """The events that answer ``request``, its outcome last."""
    handler = HANDLERS.get(type(request))
    if handler is None:
        raise TypeError(f"not a request: {request!r}")
    yield from handler(request, context)


def _trained(run: TrainingRun, context: Context) -> Iterator[Event]:
    """A run's events; the model it ends with becomes the model in use (the window's playground and probe answer
    with it, without reading it back from disk)."""
    context.training_began = lambda: run.training_began
    yield from run.events()
    final = run.final_model()
    if final is not None:
        context.model = final


def _train(request: Train, context: Context) -> Iterator[Event]:
    yield from _trained(TrainingRun(request.config, request.run_dir or None, control=context.control,
                                    progress=context.progress, leave_a_core=request.leave_a_core), context)


def _resume(request: Resume, context: Context) -> Iterator[Event]:
    yield from _trained(TrainingRun.resume(request.run_dir, request.checkpoint, list(request.overrides),
                                           control=context.control, progress=context.progress,
                                           leave_a_core=request.leave_a_core), context)


def _compare(request: CompareInit, context: Context) -> Iterator[Event]:
    out = request.out_dir or default_comparison_dir(request.config)
    yield from compare_init(request.config, request.pretrained, out, list(request.strategies) or None,
                            context.progress, context.control, request.leave_a_core)


def _compare_variants(request: CompareVariants, context: Context) -> Iterator[Event]:
    out = request.out_dir or default_comparison_dir(request.config)
    yield from compare_variants(request.config, list(request.variants), out, context.progress, context.control,
                                request.leave_a_core)


def _sweep(request: Sweep, context: Context) -> Iterator[Event]:
    out = request.out_dir or default_comparison_dir(request.config)
    yield from data_efficiency(request.config, request.pretrained, out, list(request.sizes),
                               list(request.strategies) or None, context.progress, context.control,
                               request.leave_a_core)


def _evaluate(request: Evaluate, context: Context) -> Iterator[Event]:
    yield evaluate_run(request.run_dir, request.data_file or None, request.checkpoint)


def _export(request: Export, context: Context) -> Iterator[Event]:
    target = export_run(request.run_dir, request.out, which=request.checkpoint, replace=request.replace,
                        format=request.format)
    yield Exported(request.run_dir, str(target), request.format)


def _import(request: Import, context: Context) -> Iterator[Event]:
    report = import_transformers(request.source, request.out or imported_run_dir(request.source))
    if request.use:
        context.model = open_model(report.run_dir)
        yield model_ready(context.model)
    yield Imported(report.run_dir, tuple(report.lines()))


def _open_run(request: OpenRun, context: Context) -> Iterator[Event]:
    context.model = open_model(request.run_dir, request.checkpoint)
    yield model_ready(context.model)


def _preview(request: PreviewObjective, context: Context) -> Iterator[Event]:
    yield training_preview(request.config, request.seed, request.split, context.progress)


def _tokenizer(request: PrepareTokenizer, context: Context) -> Iterator[Event]:
    yield tokenizer_report(request.config, context.progress, save_to=request.save_to or None)


def _lesson(request: RunLesson, context: Context) -> Iterator[Event]:
    yield from run_lesson(request, lambda step: handle(step, context))


def _judge_lesson(request: JudgeLesson, context: Context) -> Iterator[Event]:
    yield judge_again(request)


def _ask_model(request, context: Context) -> Iterator[Event]:
    """A model request, answered by the model in use (a front end opens one first); a stop ends a generation."""
    yield from answer(context.model, request, context.progress, lambda: context.control.stop_requested)


HANDLERS: dict[type, Callable[..., Iterator[Event]]] = {
    Train: _train, Resume: _resume, CompareInit: _compare, CompareVariants: _compare_variants, Sweep: _sweep,
    Evaluate: _evaluate, Export: _export, Import: _import, OpenRun: _open_run, PreviewObjective: _preview,
    PrepareTokenizer: _tokenizer, RunLesson: _lesson, JudgeLesson: _judge_lesson,
    **{kind: _ask_model for kind in (Generate, FillMasks, Classify, Probe, Stages, Positions, Representations,
                                     ProbeLayers, HeadImportance)},
}
