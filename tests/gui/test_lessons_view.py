"""Help › Lessons in the window: the panel, Run this on a lesson (at test size), the view that shows its point in
front, and the verdict when the lesson ends; every lesson's formula typesets."""

import dataclasses

import pytest

from lmstudio_app.config import lessons
from lmstudio_app.gui.formula import formula_svg
from lmstudio_app.gui.session import RunState
from lmstudio_app.lesson_book import read_book

from tests.lesson_sizes import tiny_lesson

from .driving import click, menu_actions


@pytest.mark.parametrize("lesson", lessons.LESSONS, ids=lambda lesson: lesson.name)
def test_every_lesson_s_formula_typesets_to_svg(lesson):
    svg = formula_svg(lesson.formula).decode()
    assert svg.startswith("<svg") and svg.count("<path") >= 5  # a glyph is a path: a formula has several
    assert "<symbol" not in svg  # Qt's SVG Tiny renderer would draw nothing of a glyph kept as a symbol


def test_run_this_starts_the_lesson_shows_its_view_and_then_its_verdict(qtbot, window, monkeypatch):
    monkeypatch.setitem(lessons.LESSONS_BY_NAME, "scaled-attention", tiny_lesson("scaled-attention"))
    window.resize(1024, 700)  # a small laptop's screen: the lesson's page scrolls
    help_lessons = next(a for a in menu_actions(window.menuBar()) if a.objectName() == "lessonsAction")
    help_lessons.trigger()
    panel = window.lessons_view
    assert window.lessons_dock.isVisible() and panel.verdict.text() == "no run of this lesson yet"
    panel.choose("scaled-attention")
    assert panel.title.text() == "Scaled dot-product attention and why √d_k"
    assert panel.formula.renderer().isValid() and panel.formula.height() > 10
    with qtbot.waitSignal(window.session.lessonJudged, timeout=120_000) as judged:
        click(qtbot, panel.run_button)
        assert window.session.config.name == "gpt-nano" and window.session.config.training.steps == 12
        assert window.dashboard.currentWidget() is window.attention_view
        assert window.attention_view.views.currentWidget() is window.attention_view.stages_view
        assert not panel.run_button.isEnabled() and window.session.state != RunState.IDLE
    verdict = judged.args[0]
    assert verdict.lesson == "scaled-attention" and verdict.held is not None
    shown = panel.verdict.text()
    assert shown.startswith(("✔ held in this run — the claim: ", "✘ did not hold in this run — the claim: "))
    assert f"over {verdict.values['heads']} heads" in shown and verdict.values["entropy"] in shown
    assert panel.list.currentItem().text().startswith(("✔  5. ", "✘  5. "))
    qtbot.waitUntil(lambda: window.session.state == RunState.IDLE and panel.run_button.isEnabled(), timeout=10_000)

    def verdict_in_view():  # scrolled into view, all its lines
        return panel.verdict.visibleRegion().boundingRect().height() == panel.verdict.height() > 30

    qtbot.waitUntil(verdict_in_view, timeout=2_000)
    ran = dict(verdict.runs)["run"]
    qtbot.waitUntil(lambda: ran in {run.run_dir for run in window.session.runs}, timeout=30_000)  # an ordinary run


def test_stopping_a_lesson_midway_says_so_in_view_and_keeps_no_verdict(qtbot, window, monkeypatch):
    tiny = tiny_lesson("positions")
    endless = dataclasses.replace(tiny.experiment, short=tiny.experiment.short + ("training.steps=3000",))
    monkeypatch.setitem(lessons.LESSONS_BY_NAME, "positions", dataclasses.replace(tiny, experiment=endless))
    window.resize(1024, 700)
    window.show_lessons()
    panel = window.lessons_view
    panel.choose("positions")  # a long title and explanation: the verdict lies below the fold
    with qtbot.waitSignal(window.session.lessonJudged, timeout=120_000) as judged:
        click(qtbot, panel.run_button)
        qtbot.waitUntil(lambda: window.session.state == RunState.RUNNING, timeout=60_000)
        next(a for a in menu_actions(window.menuBar()) if a.objectName() == "stopAction").trigger()
    assert judged.args[0].held is None
    qtbot.waitUntil(lambda: window.session.state == RunState.IDLE and panel.run_button.isEnabled(), timeout=30_000)
    assert panel.verdict.text().startswith("? could not be measured: the lesson's run was stopped before its end — ")
    qtbot.wait(300)  # the page settles: a word-wrapped label takes a second layout pass
    assert panel.verdict.visibleRegion().boundingRect().height() == panel.verdict.height() > 30
    assert "positions" not in read_book().verdicts
