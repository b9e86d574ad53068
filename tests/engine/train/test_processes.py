"""Training as separate processes: a save killed midway, Ctrl-C, exit codes, torchrun."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import torch

from lmstudio_app.config import save_config
from lmstudio_app.engine import checkpoint as ckpt
from lmstudio_app.engine.runs import load_run, read_run_config
from lmstudio_app.engine.train.trainer import Trainer

from .conftest import tiny

ROOT = Path(__file__).resolve().parents[3]


def python(*args, **kwargs):
    return subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True, **kwargs)


KILLED_MID_SAVE = """
import os, sys
from lmstudio_app.engine import checkpoint as ckpt
from lmstudio_app.engine.train.trainer import Trainer
from tests.engine.train.conftest import tiny

write_state = ckpt._write_state

def dying(folder, state):
    if state.step == 8:  # model and optimizer state are on disk, the trainer state and marker are not
        os._exit(9)
    write_state(folder, state)

ckpt._write_state = dying
for event in Trainer(tiny("training.checkpoint_every=4", "training.eval_every=0"), sys.argv[1]).events():
    pass
"""


def test_a_save_killed_midway_leaves_the_previous_checkpoint_loadable(tmp_path):
    result = python("-c", KILLED_MID_SAVE, str(tmp_path / "run"))
    assert result.returncode == 9, result.stderr
    folder = ckpt.checkpoint_dir(tmp_path / "run")
    assert any(p.name.startswith(".tmp-step-0000008") for p in folder.iterdir())
    assert ckpt.latest_checkpoint(tmp_path / "run").name == "step-0000004"
    assert load_run(tmp_path / "run").step == 4
    events = list(Trainer(read_run_config(tmp_path / "run"), tmp_path / "run", resume=True).events())
    assert events[-1].reason == "completed" and events[-1].step == 12
    assert not any(p.name.startswith(".tmp") for p in folder.iterdir())


def test_cli_exit_codes(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[model]\nn_heads = 3\n")
    result = python("-m", "lmstudio_app", "train", str(bad), "--out", str(tmp_path / "bad-run"))
    assert result.returncode == 2 and "model.n_heads: 3 does not divide" in result.stderr
    assert "Traceback" not in result.stderr
    good = tmp_path / "tiny.toml"
    save_config(tiny(), good)
    result = python("-m", "lmstudio_app", "train", str(good), "--out", str(tmp_path / "run"))
    assert result.returncode == 0, result.stderr
    assert "completed at step 12" in result.stderr
    again = python("-m", "lmstudio_app", "train", str(good), "--out", str(tmp_path / "run"))
    assert again.returncode == 2 and "already holds a run" in again.stderr
    not_a_run = python("-m", "lmstudio_app", "resume", str(tmp_path))
    assert not_a_run.returncode == 2 and "not a run folder" in not_a_run.stderr


@pytest.mark.slow
def test_ctrl_c_saves_exits_130_and_resume_matches_an_uninterrupted_run(tmp_path):
    config_path = tmp_path / "tiny.toml"
    save_config(tiny("training.steps=60", "training.eval_every=0"), config_path)
    run_dir = tmp_path / "interrupted"
    process = subprocess.Popen([sys.executable, "-m", "lmstudio_app", "train", str(config_path), "--out",
                                str(run_dir)], cwd=ROOT, stderr=subprocess.PIPE, text=True)
    metrics = run_dir / "metrics.jsonl"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and (not metrics.exists() or len(metrics.read_text().splitlines()) < 5):
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 130, stderr
    stopped_at = load_run(run_dir).step
    assert 5 <= stopped_at < 60
    resumed = python("-m", "lmstudio_app", "resume", str(run_dir))
    assert resumed.returncode == 0, resumed.stderr
    straight = python("-m", "lmstudio_app", "train", str(config_path), "--out", str(tmp_path / "straight"))
    assert straight.returncode == 0
    a, b = load_run(run_dir).model.state_dict(), load_run(tmp_path / "straight").model.state_dict()
    assert all(torch.equal(a[k], b[k]) for k in a)
    lines = [json.loads(x) for x in metrics.read_text().splitlines()]
    assert sorted({x["step"] for x in lines}) == list(range(1, 61))


@pytest.mark.slow
def test_torchrun_two_cpu_processes_match_one_process(tmp_path):
    config_path = tmp_path / "tiny.toml"
    save_config(tiny("training.steps=8", "training.eval_every=0", "model.embedding_dropout=0.0",
                     "model.attention_dropout=0.0", "model.residual_dropout=0.0"), config_path)
    single = python("-m", "lmstudio_app", "train", str(config_path), "--out", str(tmp_path / "single"))
    assert single.returncode == 0, single.stderr
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    distributed = python("-m", "torch.distributed.run", "--nproc_per_node=2", "--master_port=29533",
                         "-m", "lmstudio_app", "train", str(config_path), "--out", str(tmp_path / "ddp"),
                         env=env, timeout=600)
    assert distributed.returncode == 0, distributed.stderr[-3000:]

    def curve(run):
        return [json.loads(x)["loss"] for x in (tmp_path / run / "metrics.jsonl").read_text().splitlines()]

    assert len(curve("ddp")) == 8
    assert max(abs(a - b) for a, b in zip(curve("single"), curve("ddp"))) < 1e-4
    # Adam divides each update by the gradient's own scale, so where a gradient is ~0 the order of the
    # ranks' summation can tilt the step either way (by up to the learning rate): weights agree loosely.
    a, b = load_run(tmp_path / "single").model.state_dict(), load_run(tmp_path / "ddp").model.state_dict()
    assert max(float((a[k] - b[k]).abs().max()) for k in a) < 2e-3
