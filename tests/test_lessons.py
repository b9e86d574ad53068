"""The lessons from the command line: each runs headless at test size and prints a verdict computed from its runs'
files; the lesson book remembers it."""

import json
import os
import re
import shutil
import signal
import threading
import time
from pathlib import Path

import pytest

from lmstudio_app.cli import main
from lmstudio_app.config import lessons, problems_of
from lmstudio_app.config.validate import apply_overrides
from lmstudio_app.engine.application.verdicts import VERDICTS
from lmstudio_app.lesson_book import book_path, read_book
from lmstudio_app.run_folder import CHECKPOINTS, METRICS_FILE

from tests.lesson_sizes import TINY

ISSUE_ORDER = ["causal-lm", "masked-lm", "seq2seq-lm", "cross-attention", "scaled-attention", "multi-head",
               "positions", "residual-norm", "masking", "initialisation", "less-data", "fewer-steps",
               "adaptive-finetuning"]
MEASURED_ON_THE_CHECKPOINT = {"scaled-attention", "multi-head"}  # what-ifs and head ablation of the trained model


def lesson_output(capsys, *args: str, code: int = 0) -> str:
    capsys.readouterr()
    assert main(list(args)) == code
    captured = capsys.readouterr()
    return captured.out + captured.err


def tiny_args(name: str) -> list[str]:
    args = ["lesson", name]
    for assignment in TINY:
        args += ["--set", assignment]
    return args


def verdict_of(output: str) -> str:
    return output[output.index("verdict: ") + len("verdict: "):output.index("\nruns: ")]


def rewrite_metrics(run_dir: str, change) -> None:
    path = Path(run_dir) / METRICS_FILE
    rows = [change(json.loads(line)) for line in path.read_text().splitlines()]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))


def changed(row: dict) -> dict:
    """Every measured number moved (a zero too), steps kept."""
    return {k: v / 2 + 0.125 if k not in ("step", "split") and isinstance(v, float) else v for k, v in row.items()}


def test_the_course_has_the_issue_s_lessons_in_its_order_each_with_what_it_needs():
    assert [lesson.name for lesson in lessons.LESSONS] == ISSUE_ORDER
    for lesson in lessons.LESSONS:
        assert lesson.verdict in VERDICTS and lesson.kind in lessons.KINDS
        assert 5 <= len(re.findall(r"[.?!](?:\s|$)", lesson.explanation)) <= 10, lesson.name
        for long in (False, True):
            for experiment in filter(None, (lesson.experiment, lesson.pretraining)):
                assert problems_of(experiment.config(long)) == [], (lesson.name, long)
        assert (lesson.kind == lessons.COMPARE_VARIANTS) == bool(lesson.variants)
        assert (lesson.kind == lessons.SWEEP) == bool(lesson.sizes)
        if lesson.kind in (lessons.COMPARE_INIT, lessons.SWEEP):  # they compare a start from a pretrained model
            assert lesson.pretraining is not None


@pytest.mark.slow
def test_a_verdict_is_read_from_the_run_s_metrics_file(capsys):
    """The causal lesson's claim on the loss: the file says the loss is far above the bigram baseline, then far
    below it, and the verdict follows the file (attention above the diagonal is 0 either way: it is masked)."""
    first = lesson_output(capsys, *tiny_args("causal-lm"))
    (_, run), = read_book().verdicts["causal-lm"].runs

    def validation_loss(value):
        return lambda row: {**row, "loss": value} if row["split"] == "validation" else row

    rewrite_metrics(run, validation_loss(0.01))
    held = lesson_output(capsys, "lesson", "causal-lm", "--verdict")
    assert held.startswith("✔ held in this run") and "validation loss 0.01 vs bigram" in held
    assert "largest attention weight above the diagonal 0;" in held
    rewrite_metrics(run, validation_loss(99.0))
    assert lesson_output(capsys, "lesson", "causal-lm", "--verdict").startswith("✘ did not hold in this run")
    assert read_book().verdicts["causal-lm"].held is False
    assert "verdict: " in first and "causal-lm" in lesson_output(capsys, "lessons")


@pytest.mark.slow
@pytest.mark.parametrize("name", [name for name in ISSUE_ORDER if name != "causal-lm"])
def test_every_lesson_runs_headless_and_judges_its_runs_from_their_files(name, capsys):
    first = verdict_of(lesson_output(capsys, *tiny_args(name)))
    assert re.match(r"(✔ held|✘ did not hold) in this run — ", first), first
    judged = read_book().verdicts[name]
    assert judged.values and all(Path(run).is_dir() for _, run in judged.runs)
    if name in MEASURED_ON_THE_CHECKPOINT:  # the metrics file does not enter: without the checkpoint, no verdict
        for _, run in judged.runs:
            shutil.rmtree(Path(run) / CHECKPOINTS)
        again = lesson_output(capsys, "lesson", name, "--verdict")
        assert again.startswith("? could not be measured: ") and "checkpoint" in again
    else:
        for _, run in judged.runs:
            rewrite_metrics(run, changed)
        assert lesson_output(capsys, "lesson", name, "--verdict").strip() != first.strip()


def test_lmstudio_lessons_lists_the_course_and_says_when_its_record_is_damaged(capsys, isolated_home):
    listing = lesson_output(capsys, "lessons")
    assert listing.count("no run of this lesson yet") == len(lessons.LESSONS)
    assert " 1. causal-lm " in listing and "13. adaptive-finetuning " in listing
    book_path().parent.mkdir(parents=True)
    older = {"held": True, "values": {"above": "0"}, "runs": [["run", "gone"]], "long": False, "problem": None}
    book_path().write_text(json.dumps({"format": 1, "verdicts": {"causal-lm": older}, "pretrained": {}}))
    listed = lesson_output(capsys, "lessons")  # numbers an older version kept that no longer fill the template
    assert " 1. causal-lm " in listed and "✔ held in this run — the claim: attention above the diagonal" in listed
    book_path().write_text('{"format": 1, "verdicts": {"causal-lm": {"held": "yes"')
    damaged = lesson_output(capsys, "lessons")
    assert "note: the lessons' record" in damaged and "cannot be read" in damaged and "Traceback" not in damaged


def test_an_unknown_lesson_and_a_verdict_before_any_run_are_sentences(capsys, isolated_home):
    assert "no lesson 'attention'; the lessons: causal-lm, " in lesson_output(capsys, "lesson", "attention", code=2)
    assert "has not run yet; run it first: lmstudio lesson positions" in lesson_output(
        capsys, "lesson", "positions", "--verdict", code=2)


def test_every_variant_of_a_comparison_lesson_is_a_valid_change_of_its_experiment():
    for lesson in lessons.LESSONS:
        for variant in lesson.variants:
            config = apply_overrides(lesson.experiment.config(False), list(variant.overrides))
            assert problems_of(config) == [], (lesson.name, variant.label)


def test_ctrl_c_during_a_comparison_lesson_stops_its_training_run_and_says_so(capsys, isolated_home):
    """Ctrl-C once a variant trains: the console says a checkpoint is saved (not 'stopping the preparation'), the
    lesson ends as stopped, and no empty 'runs:' line follows."""
    def interrupt_once_a_checkpoint_is_saved():
        deadline = time.monotonic() + 120
        while not list(isolated_home.glob(f"runs/**/{CHECKPOINTS}/*")) and time.monotonic() < deadline:
            time.sleep(0.05)
        os.kill(os.getpid(), signal.SIGINT)

    threading.Thread(target=interrupt_once_a_checkpoint_is_saved, daemon=True).start()
    said = lesson_output(capsys, *tiny_args("positions"), "--set", "training.steps=3000", code=130)
    assert "interrupted: stopping after this step and saving a checkpoint" in said, said
    assert "verdict: ? could not be measured: the lesson's run was stopped before its end" in said
    assert "runs: \n" not in said + "\n" and "Traceback" not in said


def test_a_verdict_asked_of_a_damaged_record_says_the_record_is_damaged(capsys, isolated_home):
    book_path().parent.mkdir(parents=True)
    book_path().write_text("{not json")
    said = lesson_output(capsys, "lesson", "causal-lm", "--verdict", code=2)
    assert "note: the lessons' record" in said and "cannot be read" in said, said
    assert "has not run yet" in said and "Traceback" not in said


def test_a_record_without_its_verdicts_names_what_is_missing(capsys, isolated_home):
    book_path().parent.mkdir(parents=True)
    book_path().write_text("{}")
    said = lesson_output(capsys, "lessons")
    assert "cannot be read (the field 'verdicts' is missing)" in said, said


@pytest.mark.parametrize(("long", "offered"), [(False, True), (True, False)])
def test_the_longer_variant_is_offered_only_after_the_short_one(capsys, long, offered):
    """`lmstudio lesson masked-lm --long` that did not hold told the learner to run `--long`."""
    from lmstudio_app.cli import _show_verdict
    from lmstudio_app.events import LessonJudged

    _show_verdict(LessonJudged("masked-lm", False, {}, (), long=long))
    printed = capsys.readouterr().out
    assert ("the longer variant: lmstudio lesson masked-lm --long" in printed) == offered
    assert ("A short run may not show the claim" in printed) == offered
