"""The command line as a person uses it: output, exit codes, no tracebacks."""

import subprocess
import sys

import pytest

from lmstudio_app.cli import main
from lmstudio_app.config import apply_overrides, load_preset
from lmstudio_app.config.model_stats import parameter_count


def test_info_prints_the_exact_total(capsys):
    assert main(["info", "bert-mini"]) == 0
    out = capsys.readouterr().out
    assert f"{parameter_count(load_preset('bert-mini')):,}" in out
    assert "encoder layer" in out and "nsp head" in out and "FLOPs per token" in out


def test_info_on_a_bad_config_exits_2_with_the_problems(tmp_path, capsys):
    path = tmp_path / "bad.toml"
    path.write_text('[model]\nn_heads = 6\nd_model = 256\n')
    assert main(["info", str(path)]) == 2
    err = capsys.readouterr().err
    assert "model.n_heads: 6 does not divide model.d_model=256" in err
    assert "Traceback" not in err


def test_console_script_reports_errors_without_traceback(tmp_path):
    result = subprocess.run([sys.executable, "-m", "lmstudio_app", "info", str(tmp_path / "missing.toml")],
                            capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr.strip() == f"error: {tmp_path / 'missing.toml'}: no such experiment file"


def test_data_summary_and_tokenizer_train(tmp_path, capsys):
    assert main(["data", "summary", "gpt-nano"]) == 0
    assert "python-docs:" in capsys.readouterr().out
    out_path = tmp_path / "tok.json"
    assert main(["tokenizer", "train", "gpt-nano", "--out", str(out_path)]) == 0
    assert out_path.exists()
    assert "tokens per word" in capsys.readouterr().out


def test_data_summary_bad_file_exits_2(tmp_path, capsys):
    path = tmp_path / "latin.txt"
    path.write_bytes("caf\xe9".encode("latin-1"))
    assert main(["data", "summary", "--set", "data.corpus=files", "--set", f"data.paths=['{path}']"]) == 2
    assert "line 1 is not valid UTF-8" in capsys.readouterr().err


def test_bad_override_exits_2(capsys):
    assert main(["info", "gpt-nano", "--set", "model.n_head=3"]) == 2
    assert "model.n_head: unknown key; did you mean 'n_heads'?" in capsys.readouterr().err


def test_gui_without_a_display_says_so():
    import os

    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = subprocess.run([sys.executable, "-m", "lmstudio_app"], capture_output=True, text=True, env=env)
    assert result.returncode == 2
    assert result.stderr.startswith("error: no display to open the window on") and "Traceback" not in result.stderr


def test_classify_gives_the_labels_and_tags_eval_predicts(tmp_path, capsys, isolated_home):
    """`lmstudio classify` reads a text as evaluation (and training) do: same predictions, example by example."""
    import json

    from lmstudio_app.engine.application.training import train
    from tests.engine.finetune.conftest import encoder_config

    labels = tmp_path / "labels.jsonl"
    labels.write_text("\n".join(json.dumps({"text": f"{'def class' if i % 3 else 'import from'} item{i}",
                                            "label": "code" if i % 3 else "import"}) for i in range(60)))
    tags = tmp_path / "tags.jsonl"
    tags.write_text("\n".join(json.dumps({"text": ["def", f"name{i}", "(", "x", ")"],
                                          "label": ["KEYWORD", "NAME", "OP", "NAME", "OP"]}) for i in range(60)))
    for task, rows in (("sequence-classification", labels), ("token-classification", tags)):
        config = apply_overrides(encoder_config(), [f"finetune.task={task}", "finetune.dataset=files",
                                                    f"finetune.paths=['{rows}']", "training.steps=20"])
        run_dir = tmp_path / task
        assert train(config, run_dir).reason == "completed"
        predictions = tmp_path / f"{task}.predictions.jsonl"
        assert main(["eval", str(run_dir), "--data", str(rows), "--predictions", str(predictions)]) == 0
        expected = [json.loads(line)["prediction"] for line in predictions.read_text().splitlines()]
        assert len(expected) == 60
        capsys.readouterr()
        for row, prediction in zip(rows.read_text().splitlines()[:12], expected):
            text = json.loads(row)["text"]
            assert main(["classify", str(run_dir), "--text", text if isinstance(text, str) else " ".join(text)]) == 0
            lines = capsys.readouterr().out.splitlines()
            if task == "sequence-classification":
                assert lines[0].split()[0] == prediction
            else:
                assert [line.split()[-2] for line in lines] == prediction


def test_classify_on_a_pretraining_run_says_what_it_can_do(tmp_path, capsys, isolated_home):
    from lmstudio_app.engine.application.training import train
    from tests.engine.train.conftest import tiny

    train(tiny("training.steps=2", "training.eval_every=0"), tmp_path / "run")
    assert main(["classify", str(tmp_path / "run"), "--text", "hello"]) == 2
    err = capsys.readouterr().err
    assert "a model of the decoder family trained for clm pretraining; it cannot classify" in err and "Traceback" not in err


def test_a_screenshot_of_an_unknown_lesson_is_a_sentence_naming_the_lessons(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["gui", "--screenshot", str(tmp_path / "shot.png"), "--lesson", "attention"])
    said = capsys.readouterr().err
    assert exit_.value.code == 2 and "'attention'" in said and "causal-lm" in said and "Traceback" not in said
