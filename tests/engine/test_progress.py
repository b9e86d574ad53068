"""Slow native work beside the caller: the caller keeps hearing progress, leaves at once on a stop, and sees the
work's own errors as if it had run in its thread."""

import threading

import pytest

from lmstudio_app.config.messages import Message
from lmstudio_app.engine.progress import Abandoned, reporting_while
from lmstudio_app.errors import Cancelled, DataError


def test_a_stop_leaves_blocked_work_at_once_and_the_work_is_told_when_it_reports():
    release, reported = threading.Event(), []

    def blocked(beside):  # stands for a native call that holds no GIL and never returns to Python on its own
        release.wait()
        try:
            beside.report(0.5)
        except Abandoned:
            reported.append("abandoned")
            raise

    def stop_at_once(phase, fraction):
        raise Cancelled

    with pytest.raises(Cancelled):
        reporting_while(blocked, Message("waiting"), stop_at_once)
    release.set()
    helper = next(t for t in threading.enumerate() if t.name == "waiting")
    helper.join(10)
    assert reported == ["abandoned"]


def test_the_work_s_result_and_errors_reach_the_caller_with_its_progress():
    heard = []

    def work(beside):
        beside.report(0.25)
        return 42

    assert reporting_while(work, Message("counting"), lambda phase, fraction: heard.append(phase.english())) == 42
    assert heard and set(heard) == {"counting"}

    def failing(beside):
        raise DataError("the corpus is empty")

    with pytest.raises(DataError, match="the corpus is empty"):
        reporting_while(failing, Message("counting"), lambda phase, fraction: None)
