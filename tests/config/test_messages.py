"""The validator's sentences as data: one catalogue of templates, each translated, each line as the CLI prints it."""

import copy
import string
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from lmstudio_app.config import ExperimentConfig, problems_of
from lmstudio_app.config.messages import HEADS_DIVIDE_WIDTH, Message, Problem, catalogue

# The worktree's own file, not the installed package's resources (which may point at another checkout)
CHINESE = Path(__file__).resolve().parents[2] / "resources" / "i18n" / "lmstudio_zh_CN.ts"


def finished_translations() -> dict[str, str]:
    translations = {}
    for message in ElementTree.parse(CHINESE).getroot().iter("message"):
        translation = message.find("translation")
        if translation is not None and translation.get("type") != "unfinished" and translation.text:
            translations[message.findtext("source")] = translation.text
    return translations


def parameters(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@pytest.mark.parametrize("template", catalogue(), ids=str)
def test_every_template_reads_in_chinese_with_its_values_filled_in(template):
    chinese = finished_translations().get(template)
    assert chinese, f"no Chinese for {template!r}"
    assert parameters(chinese) == parameters(template)
    values = {name: f"<{name}>" for name in parameters(template)}
    english = Message(template, values).english()
    shown = Message(template, values).render(lambda text: finished_translations()[text])
    for rendered in (english, shown):
        assert "{" not in rendered and "}" not in rendered
        assert all(value in rendered for value in values.values())


def test_the_catalogue_holds_every_sentence_the_validator_wrote_for_a_config():
    config = ExperimentConfig()
    config.model.n_heads, config.model.d_model = 3, 4
    problems = problems_of(config)
    assert problems == ["model.d_model: 4 is below the minimum 8"]  # the line, exactly as before
    assert all(problem.message.template in catalogue() for problem in problems)


def test_a_problem_is_its_line_and_keeps_its_parts():
    problem = Problem("model.n_heads", Message(HEADS_DIVIDE_WIDTH, {"heads": 3, "width": 128}))
    assert problem == "model.n_heads: 3 does not divide model.d_model=128"
    assert Problem("", Message(HEADS_DIVIDE_WIDTH, {"heads": 3, "width": 128})) == "3 does not divide model.d_model=128"
    copied = copy.deepcopy(problem)  # rebuilt from its parts, not from its line
    assert (copied, copied.field, copied.message) == (problem, problem.field, problem.message)


def test_a_value_that_is_a_message_is_rendered_in_the_same_language():
    inner = Message("expected {kind}", {"kind": "an integer"})
    outer = Message("every item must be {kind}: {reason}", {"kind": "an integer", "reason": inner})
    assert outer.english() == "every item must be an integer: expected an integer"
    chinese = {"expected {kind}": "应为 {kind}", "every item must be {kind}: {reason}": "每一项都必须是 {kind}：{reason}"}
    assert outer.render(chinese.get) == "每一项都必须是 an integer：应为 an integer"
