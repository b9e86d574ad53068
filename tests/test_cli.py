"""The command line as a person uses it: output, exit codes, no tracebacks."""

import subprocess
import sys

from lmstudio_app.cli import main
from lmstudio_app.config import load_preset
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
