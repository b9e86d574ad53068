"""Running a lesson: its experiment as the ordinary requests that train it, then the verdict on the runs' files.

A lesson that fine-tunes needs a pretrained model first: the pretraining experiment runs as a ``Train`` unless an
earlier lesson already trained the same one (same preset, overrides and variant), whose run the lesson book
remembers and this lesson reuses. Every run is an ordinary run folder in the run index. ``run`` is how the caller
handles a request (``engine.application.requests.handle`` with its context), so Stop and the progress work as for
any run.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

from lmstudio_app.config import error_messages as refusals
from lmstudio_app.config import lessons
from lmstudio_app.config.messages import Message, problem
from lmstudio_app.config.validate import override_value
from lmstudio_app.engine.application.verdicts import judge
from lmstudio_app.errors import ConfigError
from lmstudio_app.events import (
    Compared,
    Event,
    Failed,
    Finished,
    LessonJudged,
    Notice,
    SweepFinished,
    VariantsCompared,
)
from lmstudio_app.lesson_book import read_book, remember, remember_pretrained
from lmstudio_app.requests import (
    CompareInit,
    CompareVariants,
    JudgeLesson,
    Request,
    RunLesson,
    Sweep,
    Train,
    Variant,
)
from lmstudio_app.run_folder import checkpoint_steps

Handle = Callable[[Request], Iterator[Event]]
PRETRAINING_LABEL = "pretraining"


def find_lesson(name: str) -> lessons.Lesson:
    if name not in lessons.LESSONS_BY_NAME:
        raise ConfigError(problem("", refusals.UNKNOWN_LESSON, name=name, names=", ".join(lessons.LESSONS_BY_NAME)))
    return lessons.LESSONS_BY_NAME[name]


def _trained(request: Request, run: Handle, outcome: list[Event]) -> Iterator[Event]:
    """The request's events; ``outcome`` gets its last one, unless a run in it was stopped."""
    completed = True
    for event in run(request):
        if isinstance(event, Finished) and event.reason != "completed":
            completed = False
        yield event
    if completed:
        outcome.append(event)


def _ended(outcome: list[Event], lesson: lessons.Lesson, runs: list[tuple[str, str]], long: bool) \
        -> Iterator[Event]:
    """How a lesson whose request did not end well ends: after a failure, nothing (``Failed`` was the last event);
    after a stop, a verdict that says so."""
    if not outcome:
        yield LessonJudged(lesson.name, None, {}, tuple(runs), long, Message(lessons.STOPPED))


def _pretrained(lesson: lessons.Lesson, request: RunLesson, run: Handle, found: list[str]) -> Iterator[Event]:
    """The pretrained run the lesson starts from into ``found``: an earlier lesson's of the same experiment, or a
    new one."""
    key = json.dumps([lesson.pretraining.preset, lesson.pretraining.assignments(request.long, request.overrides)])
    earlier = read_book().pretrained.get(key, "")
    if earlier and Path(earlier).is_dir() and checkpoint_steps(earlier):
        yield Notice(Message(lessons.REUSED_PRETRAINING, {"run": earlier}))
        found.append(earlier)
        return
    outcome: list[Event] = []
    yield from _trained(Train(lesson.pretraining.config(request.long, request.overrides),
                              leave_a_core=request.leave_a_core), run, outcome)
    if outcome and isinstance(outcome[0], Finished):
        remember_pretrained(key, outcome[0].run_dir)
        found.append(outcome[0].run_dir)
    else:
        yield from _ended(outcome, lesson, [], request.long)


def _experiment(lesson: lessons.Lesson, request: RunLesson, pretrained: str) -> Request:
    """The request that trains the lesson's experiment."""
    start = (f"finetune.from_run={pretrained}",) if lesson.kind == lessons.COMPARE_VARIANTS and pretrained else ()
    config = lesson.experiment.config(request.long, start + request.overrides)
    if lesson.kind == lessons.COMPARE_INIT:
        return CompareInit(config, pretrained, leave_a_core=request.leave_a_core)
    if lesson.kind == lessons.SWEEP:
        return Sweep(config, pretrained, lesson.sizes, leave_a_core=request.leave_a_core)
    if lesson.kind == lessons.COMPARE_VARIANTS:
        arms = tuple(Variant(variant.label, dict(_assigned(assignment) for assignment in variant.overrides))
                     for variant in lesson.variants)
        return CompareVariants(config, arms, leave_a_core=request.leave_a_core)
    return Train(config, leave_a_core=request.leave_a_core)


def _assigned(assignment: str) -> tuple[str, object]:
    """"model.position=none" as the dotted field and its value, read as ``--set`` reads it."""
    path, _, text = assignment.partition("=")
    return path.strip(), override_value(text)


def _runs(outcome: Event) -> list[tuple[str, str]]:
    """(label, run folder) of the runs an outcome reports, in the order they trained."""
    if isinstance(outcome, Finished):
        return [("run", outcome.run_dir)]
    if isinstance(outcome, Compared):
        return [(variant.label, variant.run_dir) for variant in outcome.variants]
    if isinstance(outcome, VariantsCompared):
        return [(row.label, row.run_dir) for row in outcome.rows]
    if isinstance(outcome, SweepFinished):
        return [(f"{Path(run).parent.name}/{Path(run).name}", run) for run in outcome.run_dirs]
    raise TypeError(f"not the outcome of a lesson's runs: {outcome!r}")


def run_lesson(request: RunLesson, run: Handle) -> Iterator[Event]:
    """Every run's events, then ``LessonJudged`` (kept in the lesson book), or, when a run was stopped, a
    ``LessonJudged`` that says so and is not kept."""
    lesson = find_lesson(request.lesson)
    runs: list[tuple[str, str]] = []
    if lesson.pretraining is not None:
        found: list[str] = []
        yield from _pretrained(lesson, request, run, found)
        if not found:
            return
        runs.append((PRETRAINING_LABEL, found[0]))
    outcome: list[Event] = []
    yield from _trained(_experiment(lesson, request, runs[0][1] if runs else ""), run, outcome)
    if not outcome or isinstance(outcome[0], Failed):
        yield from _ended(outcome, lesson, runs, request.long)
        return
    judged = judge(lesson, tuple(runs + _runs(outcome[0])), request.long)
    remember(judged)
    yield judged


def judge_again(request: JudgeLesson) -> LessonJudged:
    """The verdict on the files of the runs the lesson last trained."""
    lesson = find_lesson(request.lesson)
    last = read_book().verdicts.get(lesson.name)
    if last is None or not last.runs:
        raise ConfigError(problem("", refusals.NOT_RUN_YET, name=lesson.name))
    judged = judge(lesson, last.runs, last.long)
    remember(judged)
    return judged
