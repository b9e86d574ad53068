"""Built-in corpora, synthetic tasks, the deterministic split and the summary."""

import pytest

from lmstudio_app.config import ExperimentConfig, apply_overrides
from lmstudio_app.engine.data.builtin import python_docs, python_source, stdlib_files
from lmstudio_app.engine.data.corpora import open_corpus, scan_corpus, validation_indices
from lmstudio_app.engine.data.documents import MAX_SENTENCE_CHARS, split_sentences
from lmstudio_app.engine.data.prepare import plan_corpus
from lmstudio_app.engine.data.synthetic import synthetic_pairs
from lmstudio_app.errors import DataError


def config(*assignments):
    return apply_overrides(ExperimentConfig(), list(assignments))


def test_python_docs_is_the_language_reference():
    documents = list(python_docs())
    assert len(documents) > 50
    assert sum(len(d.text) for d in documents) > 300_000
    assert any("for" in d.origin and "iterate" in d.text for d in documents)


def test_python_source_streams_stdlib_files():
    first = next(python_source())
    assert first.origin.endswith(".py")
    assert len(stdlib_files()) > 500
    assert not any("site-packages" in p.parts for p in stdlib_files())


@pytest.mark.slow
def test_python_docstrings_are_extracted_once_then_cached(isolated_home):
    reports = []
    plan = plan_corpus(config("data.corpus=python-docstrings"), lambda p, f: reports.append(p))
    assert plan.scan.documents > 3000
    assert any("docstrings" in phase.english() for phase in reports)
    texts = dict((d.origin, d.text) for d in plan.corpus.documents())
    assert "json.dumps" in texts and "JSON" in texts["json.dumps"]
    assert not any(origin.startswith("test.") for origin in texts)
    reports.clear()
    assert plan_corpus(config("data.corpus=python-docstrings"), lambda p, f: reports.append(p)).scan == plan.scan
    assert not any("extracting" in phase.english() for phase in reports)


@pytest.mark.parametrize("task", ["copy", "reverse", "sort", "add"])
def test_synthetic_tasks_are_correct_and_seeded(task):
    pairs = list(synthetic_pairs(task, 200, 9, seed=3))
    assert pairs == list(synthetic_pairs(task, 200, 9, seed=3))
    assert pairs != list(synthetic_pairs(task, 200, 9, seed=4))
    for source, target in pairs:
        items = source.split()
        if task == "add":
            a, b = source.replace(" ", "").split("+")
            assert int(target.replace(" ", "")) == int(a) + int(b)
        else:
            assert 3 <= len(items) <= 9
            expected = {"copy": items, "reverse": items[::-1], "sort": sorted(items)}[task]
            assert target.split() == expected


def test_split_is_deterministic_by_seed_and_holds_out_the_fraction():
    first = validation_indices(1000, 0.1, seed=7)
    assert first == validation_indices(1000, 0.1, seed=7)
    assert first != validation_indices(1000, 0.1, seed=8)
    assert len(first) == 100
    assert validation_indices(5, 0.01, seed=0) and len(validation_indices(5, 0.9, seed=0)) == 4
    assert validation_indices(1, 0.0, seed=0) == frozenset()
    with pytest.raises(DataError, match="validation_fraction"):
        validation_indices(1, 0.1, seed=0)


def test_summary_counts_documents_characters_lines_and_bytes():
    plan = plan_corpus(config("data.corpus=synthetic-reverse", "data.synthetic_examples=50",
                              "data.validation_fraction=0.2"))
    summary = plan.summary
    documents = list(plan.corpus.documents())
    assert summary.documents == 50 and summary.validation_documents == 10 and summary.train_documents == 40
    assert summary.characters == sum(len(d.text) for d in documents)
    assert summary.bytes == sum(len(d.text.encode()) for d in documents)
    assert summary.lines == 50
    assert "50 documents (40 train, 10 validation)" in summary.describe()


def test_max_documents_limits_the_corpus():
    corpus = open_corpus(config("data.corpus=python-docs", "data.max_documents=5").data)
    assert scan_corpus(corpus).documents == 5


@pytest.mark.parametrize("text", [
    "One. Two!  Three? Four",
    "第一句。第二句！第三句？",
    "para one\n\n\npara two\nline",
    "x" * (3 * MAX_SENTENCE_CHARS + 5),
    "word " * 1000,
    "",
])
def test_sentences_concatenate_back_to_the_text(text):
    pieces = split_sentences(text)
    assert "".join(pieces) == text
    assert all(0 < len(p) <= MAX_SENTENCE_CHARS for p in pieces)


def test_sentence_boundaries():
    assert split_sentences("One. Two!  Three? Four") == ["One. ", "Two!  ", "Three? ", "Four"]
    assert split_sentences("第一句。第二句！") == ["第一句。", "第二句！"]
