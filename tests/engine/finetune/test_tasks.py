"""Task data, metrics, loading a pretrained checkpoint, and bad task files."""

import json

import numpy as np
import pytest

from lmstudio_app.config import apply_overrides
from lmstudio_app.engine.finetune.datasets import _token_spans, load_task
from lmstudio_app.engine.finetune.metrics import chrf, confusion_matrix, f1_per_class, macro_f1
from lmstudio_app.engine.train.trainer import Trainer
from lmstudio_app.errors import DataError
from lmstudio_app.events import EvalMetrics, Failed, Started

from .conftest import encoder_config, task_config


def test_metrics_on_hand_computed_cases():
    matrix = confusion_matrix(np.array([0, 0, 1, 1, 2]), np.array([0, 1, 1, 1, 0]), 3)
    assert matrix.tolist() == [[1, 1, 0], [0, 2, 0], [1, 0, 0]]
    # class 0: p=1/2 r=1/2 f=.5; class 1: p=2/3 r=1 f=.8; class 2: p=0 r=0 f=0
    np.testing.assert_allclose(f1_per_class(matrix), [0.5, 0.8, 0.0])
    assert macro_f1(matrix) == pytest.approx(1.3 / 3)
    assert chrf("reverse", "reverse") == 1.0
    assert chrf("abc", "xyz") == 0.0
    assert 0 < chrf("a b c d", "a b d c") < 1
    assert chrf("the cat", "thecat") == 1.0  # whitespace is ignored, as in chrF


def test_python_token_spans_come_from_tokenize():
    spans = _token_spans("if x > 1:  # check\n    y = 'a'\n")
    text = "if x > 1:  # check\n    y = 'a'\n"
    tagged = [(text[s:e], tag) for s, e, tag in spans]
    assert tagged == [("if", "KEYWORD"), ("x", "NAME"), (">", "OP"), ("1", "NUMBER"), (":", "OP"),
                      ("# check", "COMMENT"), ("y", "NAME"), ("=", "OP"), ("'a'", "STRING")]


def test_built_in_tasks_have_real_labels():
    config = apply_overrides(encoder_config(), ["finetune.task=sequence-classification",
                                                "finetune.dataset=docstring-family"])
    family = load_task(config)
    labels = {r.label for r in family.records}
    assert len(labels) == 8 and "asyncio" in labels
    assert all(r.origin.startswith(r.label) for r in family.records)
    config = apply_overrides(config, ["finetune.task=token-classification", "finetune.dataset=python-token-types"])
    tagged = load_task(config).records
    assert len(tagged) > 1000 and all(r.spans for r in tagged[:50])
    config = apply_overrides(config, ["finetune.task=seq2seq", "finetune.dataset=docstring-to-name",
                                      "model.family=decoder", "objective.name=clm"])
    named = load_task(config).records
    assert len(named) > 1000 and all(r.target and r.target.isidentifier() for r in named)


def test_fine_tuning_reports_loaded_new_and_dropped_weights(pretrained_encoder, tmp_path):
    events = list(Trainer(task_config(pretrained_encoder, "training.eval_every=5"), tmp_path / "run").events())
    started = next(e for e in events if isinstance(e, Started))
    report = started.initialization
    assert report.startswith(f"initialized from {pretrained_encoder}")
    assert "new: heads.classifier." in report and "dropped: heads.mlm." in report
    evaluation = next(e for e in events if isinstance(e, EvalMetrics))
    assert {"loss", "accuracy", "macro_f1"} <= set(evaluation.metrics)
    assert len(evaluation.confusion) == 8 and len(evaluation.labels) == 8
    assert sum(map(sum, evaluation.confusion)) == 30  # the whole validation split of 300 examples


def write_rows(path, rows):
    path.write_text("\n".join(json.dumps(r) for r in rows))


def file_task(path, *extra):
    return apply_overrides(encoder_config(), [
        "finetune.task=sequence-classification", "finetune.dataset=files", f"finetune.paths=['{path}']",
        "training.steps=3", *extra])


def test_user_csv_classification_trains_and_labels_are_saved(tmp_path):
    path = tmp_path / "reviews.csv"
    rows = ["text,label"] + [f"good movie number {i},pos" if i % 2 else f"bad film number {i},neg"
                             for i in range(60)]
    path.write_text("\n".join(rows))
    events = list(Trainer(file_task(path), tmp_path / "run").events())
    assert events[-1].reason == "completed"
    saved = (tmp_path / "run" / "config.toml").read_text()
    assert 'labels = ["neg", "pos"]' in saved


def test_missing_label_column(tmp_path):
    path = tmp_path / "rows.csv"
    path.write_text("text,category\nhello,a\nworld,b\n")
    failure = list(Trainer(file_task(path), tmp_path / "run").events())[-1]
    assert isinstance(failure, Failed) and failure.bad_input
    assert "has no column 'label'" in failure.message.english() and "rows.csv" in failure.message.english()


def test_unknown_label_at_evaluation_time(tmp_path):
    path = tmp_path / "rows.jsonl"
    write_rows(path, [{"text": f"sample {i}", "label": "a" if i % 2 else "b"} for i in range(40)])
    list(Trainer(file_task(path), tmp_path / "run").events())
    new = tmp_path / "new.jsonl"
    write_rows(new, [{"text": "fine", "label": "a"}, {"text": "surprise", "label": "c"}])
    from lmstudio_app.engine.application.evaluate import evaluate_run

    with pytest.raises(DataError, match=r"new.jsonl:2: label 'c' is not one the model was trained on \(a, b\)"):
        evaluate_run(tmp_path / "run", str(new))
    good = tmp_path / "good.jsonl"
    write_rows(good, [{"text": "sample 1", "label": "a"}, {"text": "sample 2", "label": "b"}])
    report = evaluate_run(tmp_path / "run", str(good)).describe()
    assert "accuracy" in report and "confusion" in report


def test_empty_split(tmp_path):
    path = tmp_path / "one.jsonl"
    write_rows(path, [{"text": "only one", "label": "a"}])
    failure = list(Trainer(file_task(path), tmp_path / "run").events())[-1]
    assert failure.bad_input and "only 1 document" in failure.message.english()
    two = tmp_path / "two.jsonl"
    write_rows(two, [{"text": "x", "label": "a"}, {"text": "y", "label": "a"}])
    failure = list(Trainer(file_task(two), tmp_path / "run2").events())[-1]
    assert failure.bad_input and "needs at least two" in failure.message.english()


def test_seq2seq_on_both_families_reports_exact_match_and_chrf(tmp_path):
    for family, objective in (("encoder-decoder", "span-corruption"), ("decoder", "clm")):
        config = apply_overrides(encoder_config(), [
            f"model.family={family}", f"objective.name={objective}", "finetune.task=seq2seq",
            "finetune.dataset=synthetic-reverse", "data.synthetic_examples=200", "training.steps=4",
            "training.eval_every=4", "tokenizer.kind=char"])
        events = list(Trainer(config, tmp_path / family).events())
        evaluation = [e for e in events if isinstance(e, EvalMetrics)][-1]
        assert {"exact_match", "chrf", "loss", "accuracy"} <= set(evaluation.metrics), family
