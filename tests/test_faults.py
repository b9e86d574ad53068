"""Fault injection: what a careless or unlucky user does, and what they must get.

Each test is one row of the reliability table (issue "nothing lost, no
tracebacks"): the work survives and the person reads a sentence, never a
traceback. Processes are real where the fault is about processes (locks,
signals, kills, file-size limits).
"""

import hashlib
import json
import os
import resource
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pytest
import torch

from lmstudio_app.cli import main
from lmstudio_app.config import apply_overrides, save_config
from lmstudio_app.engine import checkpoint as ckpt
from lmstudio_app.engine.application.training import TrainingRun, train
from lmstudio_app.engine.runs import load_run, read_run_config
from lmstudio_app.events import Finished, Notice
from lmstudio_app.run_index import RunIndex
from tests.engine.train.conftest import tiny

ROOT = Path(__file__).resolve().parents[1]


def lmstudio(*args, env=None, preexec_fn=None, timeout=300):
    environment = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "lmstudio_app", *map(str, args)], cwd=ROOT, capture_output=True,
                          text=True, env=environment, preexec_fn=preexec_fn, timeout=timeout)


def folder_hash(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.name != ".lock":
            digest.update(str(path.relative_to(folder)).encode() + path.read_bytes())
    return digest.hexdigest()


def sentence(result) -> str:
    assert "Traceback" not in result.stderr, result.stderr
    return result.stderr


def slow_config(tmp_path, *extra) -> Path:
    path = tmp_path / "slow.toml"
    save_config(tiny("training.steps=100000", "training.eval_every=0", "training.checkpoint_every=0",
                     "training.log_every=1", *extra), path)
    return path


def wait_for_steps(run_dir: Path, steps: int, deadline: float = 120) -> None:
    metrics = run_dir / "metrics.jsonl"
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        if metrics.exists() and len(metrics.read_text().splitlines()) >= steps:
            return
        time.sleep(0.05)
    raise AssertionError(f"{run_dir} did not reach {steps} steps")


# ---------------------------------------------------------------- one writer per run folder


def test_a_second_writer_is_refused_by_name_and_steps_stay_unique(tmp_path):
    config = slow_config(tmp_path)
    first = subprocess.Popen([sys.executable, "-m", "lmstudio_app", "train", str(config), "--out",
                              str(tmp_path / "r")], cwd=ROOT, stderr=subprocess.PIPE, text=True)
    try:
        wait_for_steps(tmp_path / "r", 3)
        second = lmstudio("resume", tmp_path / "r")
        assert second.returncode == 2
        assert f"is being written by another process: pid {first.pid}" in sentence(second)
        also = lmstudio("train", config, "--out", tmp_path / "r")
        assert also.returncode == 2 and f"pid {first.pid}" in sentence(also)
    finally:
        first.send_signal(signal.SIGINT)
        first.communicate(timeout=120)
    assert first.returncode == 130
    steps = [json.loads(line)["step"] for line in (tmp_path / "r" / "metrics.jsonl").read_text().splitlines()]
    assert len(steps) == len(set(steps)) and ckpt.step_of(ckpt.find_checkpoint(tmp_path / "r")) == steps[-1]


def test_two_processes_racing_for_one_new_run_folder(tmp_path):
    config = slow_config(tmp_path, "training.steps=30")
    racers = [subprocess.Popen([sys.executable, "-m", "lmstudio_app", "train", str(config), "--out",
                                str(tmp_path / "r")], cwd=ROOT, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = [(racer.wait(timeout=300), racer.stderr.read()) for racer in racers]
    codes = sorted(code for code, _ in results)
    assert codes == [0, 2], results
    loser = next(err for code, err in results if code == 2)
    assert "Traceback" not in loser
    assert "is being written by another process: pid" in loser or "already holds a run" in loser
    steps = [json.loads(line)["step"] for line in (tmp_path / "r" / "metrics.jsonl").read_text().splitlines()]
    assert steps == list(range(1, 31))


# ---------------------------------------------------------------- every way out saves first


@pytest.mark.slow
@pytest.mark.parametrize("signal_name, code", [("SIGTERM", 143), ("SIGHUP", 129)])
def test_a_signal_saves_at_the_current_step_and_resume_is_exact(tmp_path, signal_name, code):
    config = tmp_path / "tiny.toml"
    save_config(tiny("training.steps=60", "training.eval_every=0", "training.checkpoint_every=0"), config)
    process = subprocess.Popen([sys.executable, "-m", "lmstudio_app", "train", str(config), "--out",
                                str(tmp_path / "signalled")], cwd=ROOT, stderr=subprocess.PIPE, text=True)
    wait_for_steps(tmp_path / "signalled", 5)
    process.send_signal(getattr(signal, signal_name))
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == code and "Traceback" not in stderr, stderr
    logged = [json.loads(line)["step"] for line in (tmp_path / "signalled" / "metrics.jsonl").read_text().splitlines()]
    stopped_at = load_run(tmp_path / "signalled").step
    assert 5 <= stopped_at < 60 and stopped_at == logged[-1]  # saved at the step it stopped, nothing lost
    assert RunIndex().get(str(tmp_path / "signalled")).status == {"SIGTERM": "terminated", "SIGHUP": "hung up"}[
        signal_name]
    assert lmstudio("resume", tmp_path / "signalled").returncode == 0
    assert lmstudio("train", config, "--out", tmp_path / "straight").returncode == 0
    a, b = load_run(tmp_path / "signalled").model.state_dict(), load_run(tmp_path / "straight").model.state_dict()
    assert all(torch.equal(a[k], b[k]) for k in a)


KILLED_AT = """
import os, sys
import safetensors.torch, torch
from lmstudio_app.engine import checkpoint as ckpt
from lmstudio_app.engine.application.training import train
from tests.engine.train.conftest import tiny

point, run_dir = sys.argv[1], sys.argv[2]

def dies(original, when):
    def wrapper(*args, **kwargs):
        if when(*args):
            os.kill(os.getpid(), 9)
        return original(*args, **kwargs)
    return wrapper

def at_step_8(*args):
    return "step-0000008" in str(args[1])

if point == "weights":
    ckpt.save_model = dies(ckpt.save_model, at_step_8)
elif point == "between-files":
    ckpt._fsync_write = dies(ckpt._fsync_write, lambda path, data: "step-0000008" in str(path)
                             and path.name == ckpt.OPTIMIZER_FILE)
else:
    ckpt._fsync_write = dies(ckpt._fsync_write, lambda path, data: "step-0000008" in str(path)
                             and path.name == ckpt.MARKER)
train(tiny("training.checkpoint_every=4", "training.eval_every=0"), run_dir)
"""


@pytest.mark.parametrize("point", ["weights", "between-files", "marker"])
def test_kill_9_during_a_save_leaves_the_previous_checkpoint_and_resume_works(tmp_path, point):
    run_dir = tmp_path / "run"
    killed = subprocess.run([sys.executable, "-c", KILLED_AT, point, str(run_dir)], cwd=ROOT, capture_output=True,
                            text=True)
    assert killed.returncode == -9, killed.stderr
    assert load_run(run_dir).step == 4
    resumed = lmstudio("resume", run_dir)
    assert resumed.returncode == 0, resumed.stderr
    assert "note: removed .tmp-step-0000008" in resumed.stderr and "interrupted before it finished" in resumed.stderr
    assert load_run(run_dir).step == 12
    steps = [json.loads(line)["step"] for line in (run_dir / "metrics.jsonl").read_text().splitlines()]
    assert steps == list(range(1, 13))  # the steps after step 4 were logged again, once


KILLED_BEFORE = """
import os, sys
from lmstudio_app.cli import main
from lmstudio_app.engine import runs
from lmstudio_app.engine.train import loop

point, config, run_dir = sys.argv[1:]

def die():
    os.kill(os.getpid(), 9)

if point == "before-its-config":
    runs.RunFolder.create = lambda *args: die()
else:
    step_of_death = {"before-its-first-step": 0, "between-logged-steps": 3, "after-its-first-checkpoint": 8}[point]
    optimizer_step = loop.optimizer_step

    def dies_at_a_step(setup, hooks):
        if setup.state.step == step_of_death:
            die()
        return optimizer_step(setup, hooks)

    loop.optimizer_step = dies_at_a_step
main(["train", config, "--out", run_dir])
"""


@pytest.mark.parametrize("point", ["before-its-config", "before-its-first-step", "between-logged-steps",
                                   "after-its-first-checkpoint"])
def test_after_a_kill_9_a_run_folder_is_resumable_or_reusable_and_the_message_says_which(tmp_path, isolated_home,
                                                                                         capsys, point):
    config = tmp_path / "tiny.toml"
    save_config(tiny("training.steps=40", "training.checkpoint_every=6", "training.eval_every=0"), config)
    run_dir = tmp_path / "run"
    killed = subprocess.run([sys.executable, "-c", KILLED_BEFORE, point, str(config), str(run_dir)], cwd=ROOT,
                            capture_output=True, text=True, env={**os.environ, "LMSTUDIO_HOME": str(isolated_home)})
    assert killed.returncode == -9, killed.stderr
    resumed = main(["resume", str(run_dir), "--set", "training.steps=8"])
    said = capsys.readouterr().err
    if point == "after-its-first-checkpoint":
        assert resumed == 0 and "resuming at step 6" in said, said
        assert load_run(run_dir).step == 8
        return
    assert resumed == 2 and "Traceback" not in said
    if point == "before-its-config":
        assert f"error: {run_dir}: not a run folder (no config.toml); it holds no run yet (a start stopped before it " \
               f"wrote one), so start one there with 'lmstudio train EXPERIMENT --out {run_dir}'" in said
        command = ["train", str(config), "--out", str(run_dir)]
    else:
        assert f"error: {run_dir}: has no checkpoint yet (its training stopped before the first one was saved), so " \
               f"there is nothing to resume; start it again in the same folder with " \
               f"'lmstudio train {run_dir / 'config.toml'} --out {run_dir}'" in said
        command = ["train", str(run_dir / "config.toml"), "--out", str(run_dir)]
    assert main([*command, "--set", "training.steps=4"]) == 0
    if point != "before-its-config":
        assert "held a start that never saved a checkpoint (no process writes it now); this run replaces it" \
            in capsys.readouterr().err
    assert load_run(run_dir).step == 4
    assert [row["step"] for row in map(json.loads, (run_dir / "metrics.jsonl").read_text().splitlines())] == \
        [1, 2, 3, 4]
    assert RunIndex().get(str(run_dir)).step == 4


def continue_or_start_again(run_dir: Path, config: Path, capsys) -> None:
    """What a person does after a crash: resume, and if that says the run must start again, the command it
    names. Either way the run must then train."""
    saved = [ckpt.step_of(p) for p in ckpt.checkpoint_dir(run_dir).glob("step-*")] if run_dir.is_dir() else []
    steps = f"training.steps={max(saved, default=0) + 2}"
    resumed = main(["resume", str(run_dir), "--set", steps])
    said = capsys.readouterr().err
    assert "Traceback" not in said
    if resumed == 0:
        return
    assert resumed == 2, said
    if run_dir.exists():  # killed after it took the folder: the message names the command that works
        assert f"lmstudio train {run_dir / 'config.toml'} --out {run_dir}'" in said or \
            f"lmstudio train EXPERIMENT --out {run_dir}'" in said, said
    experiment = run_dir / "config.toml" if (run_dir / "config.toml").is_file() else config
    assert main(["train", str(experiment), "--out", str(run_dir), "--set", steps]) == 0, capsys.readouterr().err


def test_kill_9_at_random_moments_leaves_a_folder_to_resume_or_to_start_again(tmp_path, isolated_home, capsys):
    import random

    config = slow_config(tmp_path, "training.checkpoint_every=50")
    draw = random.Random(31)
    moments = sorted(draw.uniform(1.0, 10.0) for _ in range(3))  # seconds: starting, preparing, training
    for number, moment in enumerate(moments):
        run_dir = tmp_path / f"run-{number}"
        process = subprocess.Popen([sys.executable, "-m", "lmstudio_app", "train", str(config), "--out",
                                    str(run_dir)], cwd=ROOT, stderr=subprocess.DEVNULL,
                                   env={**os.environ, "LMSTUDIO_HOME": str(isolated_home)})
        try:
            process.wait(timeout=moment)
        except subprocess.TimeoutExpired:
            process.kill()
        assert process.wait(timeout=60) == -9
        continue_or_start_again(run_dir, config, capsys)  # which of the two depends on the machine's speed
        assert load_run(run_dir).step >= 2


def test_a_start_without_a_checkpoint_beside_files_of_someone_else_is_not_replaced(tmp_path, isolated_home, capsys):
    run_dir = tmp_path / "run"
    run_dir.mkdir()
    (run_dir / "config.toml").write_text("name = 'killed'\n")  # a start killed before its first checkpoint
    (run_dir / "notes.txt").write_text("mine")
    experiment = tmp_path / "tiny.toml"
    save_config(tiny("training.steps=2"), experiment)
    assert main(["train", str(experiment), "--out", str(run_dir)]) == 2
    assert f"{run_dir} holds a start that never saved a checkpoint, and other files (notes.txt…); move those out " \
           f"of the folder" in capsys.readouterr().err
    assert sorted(p.name for p in run_dir.iterdir()) == ["config.toml", "notes.txt"]
    (run_dir / "notes.txt").unlink()
    assert main(["train", str(experiment), "--out", str(run_dir)]) == 0


def test_a_first_checkpoint_that_cannot_be_saved_is_said_so_and_the_folder_can_start_again(tmp_path, isolated_home,
                                                                                         capsys, monkeypatch):
    import errno

    from lmstudio_app.fsutil import FileLock

    def full_disk(run_dir, *args):
        raise OSError(errno.ENOSPC, "No space left on device", str(run_dir / "checkpoints"))

    monkeypatch.setattr(ckpt, "save_checkpoint", full_disk)
    config = tiny("training.steps=8", "training.checkpoint_every=4", "training.eval_every=0")
    last = train(config, tmp_path / "run")
    said = last.message.english()
    assert "saving the checkpoint of step 4 failed" in said and "no space left" in said
    assert "no checkpoint of this run is saved yet" in said and "step -1" not in said
    monkeypatch.undo()
    assert main(["resume", str(tmp_path / "run")]) == 2
    assert "has no checkpoint yet" in capsys.readouterr().err
    writer = FileLock(tmp_path / "run" / ".lock")
    assert writer.acquire("pid 4242 on elsewhere (lmstudio train)") is None  # a writer still at work
    again = ["train", str(tmp_path / "run" / "config.toml"), "--out", str(tmp_path / "run")]
    assert main(again) == 2
    assert "is being written by another process: pid 4242" in capsys.readouterr().err
    assert (tmp_path / "run" / "metrics.jsonl").is_file()  # nothing of a live writer's is touched
    writer.release()
    assert main(again) == 0
    assert "this run replaces it (config.toml, metrics.jsonl, tokenizer.json)" in capsys.readouterr().err
    assert load_run(tmp_path / "run").step == 8


def test_a_failing_record_degrades_with_a_notice_and_training_goes_on(tmp_path, isolated_home, monkeypatch):
    """The index held locked by another program past the wait, and metrics.jsonl unwritable: training goes on,
    checkpoints are saved, and the index catches up from the folder at the end."""
    import lmstudio_app.run_index as run_index

    monkeypatch.setattr(run_index, "BUSY_TIMEOUT", 0.2)
    train(tiny("training.steps=4", "training.eval_every=0"), tmp_path / "run")
    (tmp_path / "run" / "metrics.jsonl").unlink()
    (tmp_path / "run" / "metrics.jsonl").mkdir()  # cannot be opened as a file
    blocker = sqlite3.connect(run_index.index_path(), isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")  # another program holds the index
    config = apply_overrides(read_run_config(tmp_path / "run"), ["training.steps=40"])
    events = []
    for event in TrainingRun(config, tmp_path / "run", resume=True).events():
        events.append(event)
        if isinstance(event, Notice) and "run index" in event.message.english():
            blocker.execute("COMMIT")  # ... and lets go while training goes on
    notices = [e.message.english() for e in events if isinstance(e, Notice)]
    assert any(n.startswith("metrics.jsonl cannot be written") for n in notices), notices
    assert any(n.startswith("the run index cannot be updated") for n in notices), notices
    assert isinstance(events[-1], Finished) and events[-1].reason == "completed" and events[-1].step == 40
    assert load_run(tmp_path / "run").step == 40
    record = RunIndex().get(str(tmp_path / "run"))
    assert record.step == 40 and record.status == "completed"  # caught up from the folder


def test_a_failure_after_training_began_saves_the_steps_done(tmp_path, isolated_home, monkeypatch):
    from lmstudio_app.engine.train import loop

    run = TrainingRun(tiny("training.steps=50", "training.eval_every=0", "training.checkpoint_every=0"),
                      tmp_path / "run")
    optimizer_step = loop.optimizer_step

    def fails_at_step_8(setup, hooks):
        if setup.state.step == 7:
            raise RuntimeError("a bug deep in the engine")
        return optimizer_step(setup, hooks)

    monkeypatch.setattr(loop, "optimizer_step", fails_at_step_8)
    last = list(run.events())[-1]
    said = last.message.english()
    assert "unexpected error: RuntimeError: a bug deep in the engine" in said
    assert "The weights of step 7 are saved" in said and "error.log" in said
    assert load_run(tmp_path / "run").step == 7
    assert "Traceback" in (tmp_path / "run" / "error.log").read_text()


# ---------------------------------------------------------------- the index is a cache


def test_a_garbage_index_is_set_aside_and_rebuilt_from_the_run_folders(tmp_path, isolated_home):
    train(tiny("training.steps=3", "training.eval_every=3"), tmp_path / "outside")  # not under the runs folder
    from lmstudio_app.run_index import index_path

    index_path().write_bytes(b"this is not sqlite" * 100)
    result = lmstudio("runs", env={"LMSTUDIO_HOME": str(isolated_home)})
    assert result.returncode == 0
    assert "was damaged" in sentence(result) and "rebuilt from 1 run folder" in result.stderr
    assert str(tmp_path / "outside") in result.stdout and "completed" in result.stdout
    assert any(p.name.startswith("runs.sqlite.damaged-") for p in isolated_home.iterdir())  # kept, not deleted
    index = RunIndex()
    steps, values = index.series(str(tmp_path / "outside"), "loss", "validation")
    assert steps == [3] and len(values) == 1
    train_again = lmstudio("train", tmp_path / "missing.toml", env={"LMSTUDIO_HOME": str(isolated_home)})
    assert train_again.returncode == 2 and "no such experiment file" in sentence(train_again)


def test_rebuild_index_on_demand_forgets_deleted_folders(tmp_path, isolated_home):
    import shutil

    train(tiny("training.steps=2", "training.eval_every=0"), tmp_path / "kept")
    train(tiny("training.steps=2", "training.eval_every=0"), tmp_path / "deleted")
    shutil.rmtree(tmp_path / "deleted")
    assert main(["runs", "--rebuild-index"]) == 0
    runs = {r.run_dir for r in RunIndex().runs()}
    assert str(tmp_path / "kept") in runs and str(tmp_path / "deleted") not in runs


def folder_bytes(folder: Path) -> dict[str, bytes]:
    """Every file of a folder, its .lock included, byte for byte."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


HOLD_THE_LOCK = ("import sys; from lmstudio_app.fsutil import FileLock, process_description; "
                 "lock = FileLock(sys.argv[1]); refused = lock.acquire(process_description()); "
                 "print(refused or 'held', flush=True); sys.stdin.read()")


@contextmanager
def lock_held_elsewhere(run_dir: Path) -> Iterator[subprocess.Popen]:
    """Another process holds the run's lock, as a trainer does, until the block ends."""
    holder = subprocess.Popen([sys.executable, "-c", HOLD_THE_LOCK, str(run_dir / ".lock")], cwd=ROOT,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        yield holder
    finally:
        holder.stdin.close()
        holder.wait(timeout=60)


def test_a_run_another_process_writes_is_neither_deleted_renamed_nor_exported(tmp_path, isolated_home, capsys):
    run = tmp_path / "run"
    train(tiny("training.steps=3", "training.eval_every=0", "training.checkpoint_every=3"), run)
    with lock_held_elsewhere(run) as writer:
        before = folder_bytes(run)
        for command in (["runs", str(run), "--delete"], ["runs", str(run), "--rename", "other"],
                        ["export", str(run), "--out", str(tmp_path / "exported")], ["resume", str(run)]):
            assert main(command) == 2, command
            said = capsys.readouterr().err
            assert f"is being written by another process: pid {writer.pid} on " in said, (command, said)
            assert folder_bytes(run) == before, command  # the holder's .lock too: a refusal writes nothing
    assert [r.name for r in RunIndex().runs()] == ["tiny"] and not (tmp_path / "exported").exists()
    assert main(["runs", str(run), "--rename", "kept apart"]) == 0
    assert read_run_config(run).name == "kept apart" and RunIndex().get(str(run)).name == "kept apart"
    assert main(["runs", "--rebuild-index"]) == 0 and RunIndex().get(str(run)).name == "kept apart"  # in the folder
    assert main(["runs", str(run), "--delete"]) == 0
    assert not run.exists() and RunIndex().get(str(run)) is None
    assert [p.name for p in tmp_path.iterdir()] == [isolated_home.name]  # nothing set aside left behind


@pytest.mark.parametrize("damage", ["created = 'abc'", "created = 1e300", "best_validation_loss = 'zz'",
                                    "pid = 100000000000", "step = 'many'"])
def test_an_index_row_no_run_wrote_is_damage_set_aside_and_rebuilt(tmp_path, isolated_home, damage):
    from lmstudio_app.run_index import index_path

    train(tiny("training.steps=3", "training.eval_every=3"), tmp_path / "run")
    with sqlite3.connect(index_path()) as other_program:
        other_program.execute(f"UPDATE runs SET {damage}")
    result = lmstudio("runs", env={"LMSTUDIO_HOME": str(isolated_home)})
    assert result.returncode == 0 and "was damaged" in sentence(result), result.stderr
    assert str(tmp_path / "run") in result.stdout and "completed" in result.stdout
    assert [p.name for p in isolated_home.iterdir() if p.name.startswith("runs.sqlite.damaged-")]  # kept
    assert RunIndex().get(str(tmp_path / "run")).best_validation_loss is not None


def test_an_index_set_aside_while_a_run_trains_gets_the_run_s_end(tmp_path, isolated_home):
    """A reader set the index aside (as damaged) while a trainer wrote into it: the trainer writes on into the
    index at the path, and the run is listed completed, not 'crashed 2/8'."""
    from lmstudio_app.run_index import index_path

    run = TrainingRun(tiny("training.steps=8", "training.eval_every=0"), tmp_path / "run")
    events = run.events()
    for event in events:
        if getattr(event, "step", 0) == 2:
            break
    for name in ("runs.sqlite", "runs.sqlite-wal", "runs.sqlite-shm"):  # as RunIndex._set_aside moves them
        if (isolated_home / name).exists():
            (isolated_home / name).rename(isolated_home / f"{name.replace('runs.sqlite', 'aside.sqlite')}")
    reader = RunIndex()
    assert reader.get(str(tmp_path / "run")).status == "running" and "rebuilt from 1 run folder" in reader.notice.english()
    reader.close()
    last = [*events][-1]
    assert isinstance(last, Finished) and last.reason == "completed"
    record = RunIndex(index_path()).get(str(tmp_path / "run"))
    assert (record.live_status, record.step) == ("completed", 8)
    assert RunIndex().series(str(tmp_path / "run"), "loss")[0][-1] == 8


def test_an_index_deleted_during_training_is_rebuilt_on_the_next_read(tmp_path, isolated_home, capsys):
    for name in ("first", "second"):
        train(tiny("training.steps=2", "training.eval_every=0"), tmp_path / name)
    for path in isolated_home.glob("runs.sqlite*"):
        path.unlink()
    assert main(["runs"]) == 0
    listing = capsys.readouterr()
    assert "no runs yet" not in listing.out and "was missing or empty; it was rebuilt from 2 run folders" in listing.err
    assert str(tmp_path / "first") in listing.out and str(tmp_path / "second") in listing.out


def test_an_index_another_process_holds_locked_is_listed_at_once_from_the_folders(tmp_path, isolated_home):
    from lmstudio_app.engine.application.runs import list_runs
    from lmstudio_app.run_index import index_path

    train(tiny("training.steps=2", "training.eval_every=0"), tmp_path / "run")
    blocker = sqlite3.connect(index_path(), isolation_level=None)
    blocker.execute("PRAGMA locking_mode=EXCLUSIVE")  # readers wait too, even in WAL mode
    blocker.execute("BEGIN EXCLUSIVE")
    blocker.execute("UPDATE runs SET updated = updated")
    try:
        listing = list_runs()
    finally:
        blocker.close()
    assert listing.read_only and "is locked by another process" in listing.notice.english()
    assert [(r.run_dir, r.status) for r in listing.runs] == [(str(tmp_path / "run"), "completed")]


# ---------------------------------------------------------------- checkpoints never disappear silently


def test_an_unmarked_checkpoint_whose_files_match_its_manifest_is_marked_again_and_used(tmp_path, isolated_home,
                                                                                       capsys):
    train(tiny("training.steps=8", "training.checkpoint_every=4", "training.eval_every=0",
               "training.keep_checkpoints=3"), tmp_path / "run")
    newest = ckpt.checkpoint_dir(tmp_path / "run") / "step-0000008"
    (newest / ckpt.MARKER).unlink()
    assert main(["resume", str(tmp_path / "run"), "--set", "training.steps=10"]) == 0
    err = capsys.readouterr().err
    assert "step-0000008 had no COMPLETE marker, but its files match its SHA256SUMS.json" in err
    assert load_run(tmp_path / "run").step == 10
    assert ckpt.is_complete(newest)


def flip_8_bytes(path: Path) -> None:
    data = bytearray(path.read_bytes())
    middle = len(data) // 2  # in the tensors, so that the file still loads: only its checksum tells
    data[middle:middle + 8] = bytes(b ^ 0xFF for b in data[middle:middle + 8])
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("marker", ["removed", "kept"])
def test_a_damaged_checkpoint_is_skipped_with_its_reason_and_the_newest_intact_one_resumes(tmp_path, isolated_home,
                                                                                          capsys, marker):
    train(tiny("training.steps=8", "training.checkpoint_every=4", "training.eval_every=0",
               "training.keep_checkpoints=3"), tmp_path / "run")
    newest = ckpt.checkpoint_dir(tmp_path / "run") / "step-0000008"
    if marker == "removed":
        (newest / ckpt.MARKER).unlink()
    flip_8_bytes(newest / ckpt.MODEL_FILE)
    damaged = (newest / ckpt.MODEL_FILE).read_bytes()
    assert main(["resume", str(tmp_path / "run"), "--set", "training.steps=6"]) == 0
    err = capsys.readouterr().err
    assert "marked complete again" not in err
    if marker == "removed":
        assert "step-0000008 had no COMPLETE marker and is damaged (model.safetensors does not match its recorded " \
               "checksum); moved it to" in err
    else:
        assert "step-0000008 is damaged (model.safetensors does not match its recorded checksum), so the run " \
               "continues from the newest intact checkpoint, step-0000004; moved it to" in err
    assert "resuming at step 4" in err
    assert (tmp_path / "run" / "quarantine" / "step-0000008-damaged" / ckpt.MODEL_FILE).read_bytes() == damaged
    assert load_run(tmp_path / "run").step == 6


def test_an_unmarked_checkpoint_without_a_manifest_is_unfinished_and_set_aside(tmp_path, isolated_home, capsys):
    train(tiny("training.steps=8", "training.checkpoint_every=4", "training.eval_every=0"), tmp_path / "run")
    newest = ckpt.checkpoint_dir(tmp_path / "run") / "step-0000008"
    (newest / ckpt.MARKER).unlink()
    (newest / ckpt.MANIFEST).unlink()
    assert main(["resume", str(tmp_path / "run"), "--set", "training.steps=6"]) == 0
    assert "step-0000008 has neither COMPLETE nor SHA256SUMS.json, so its save never finished" in \
        capsys.readouterr().err
    assert (tmp_path / "run" / "quarantine" / "step-0000008-unfinished" / ckpt.MODEL_FILE).is_file()
    assert load_run(tmp_path / "run").step == 6


def test_a_checkpoint_saved_before_manifests_is_checked_against_the_sums_in_its_marker(tmp_path, isolated_home,
                                                                                      capsys):
    """Old runs: COMPLETE held the sums, and there was no SHA256SUMS.json."""
    train(tiny("training.steps=8", "training.checkpoint_every=4", "training.eval_every=0"), tmp_path / "run")
    for saved in ckpt.checkpoints(tmp_path / "run"):
        (saved / ckpt.MANIFEST).rename(saved / ckpt.MARKER)
        state = json.loads((saved / ckpt.STATE_FILE).read_text())
        del state["log_window"]
        (saved / ckpt.STATE_FILE).write_text(json.dumps(state))
        sums = json.loads((saved / ckpt.MARKER).read_text())
        sums["sha256"][ckpt.STATE_FILE] = ckpt.sha256_file(saved / ckpt.STATE_FILE)
        (saved / ckpt.MARKER).write_text(json.dumps(sums))
    flip_8_bytes(ckpt.checkpoint_dir(tmp_path / "run") / "step-0000008" / ckpt.OPTIMIZER_FILE)
    assert main(["generate", str(tmp_path / "run"), "--max-tokens", "2"]) == 2
    assert "optimizer.pt does not match its recorded checksum" in capsys.readouterr().err
    assert main(["resume", str(tmp_path / "run"), "--set", "training.steps=10"]) == 0
    assert "step-0000008 is damaged (optimizer.pt does not match" in capsys.readouterr().err
    assert load_run(tmp_path / "run").step == 10


def test_a_damaged_checkpoint_chosen_by_step_is_reported_with_the_way_out(tmp_path, isolated_home, capsys):
    train(tiny("training.steps=8", "training.checkpoint_every=4", "training.eval_every=0",
               "training.keep_checkpoints=3"), tmp_path / "run")
    newest = ckpt.checkpoint_dir(tmp_path / "run") / "step-0000008"
    (newest / ckpt.MODEL_FILE).write_bytes(b"bit rot")
    assert main(["resume", str(tmp_path / "run"), "--checkpoint", "8"]) == 2
    err = capsys.readouterr().err
    assert "model.safetensors does not match its recorded checksum" in err and "--checkpoint STEP" in err
    assert "saved steps: 4, 8" in err
    assert main(["resume", str(tmp_path / "run"), "--checkpoint", "4"]) == 0
    err = capsys.readouterr().err
    assert "step-0000008 came after the chosen step 4; moved it to" in err
    assert (tmp_path / "run" / "quarantine" / "step-0000008-after-resuming-from-4" / ckpt.MODEL_FILE).read_bytes() \
        == b"bit rot"
    assert load_run(tmp_path / "run").step == 8
    assert main(["resume", str(tmp_path / "run"), "--checkpoint", "7"]) == 2
    assert "no complete checkpoint at step 7 (saved steps: 4, 8)" in capsys.readouterr().err


# ---------------------------------------------------------------- outputs never overwrite a run


def test_export_never_overwrites_a_run(tmp_path, isolated_home):
    train(tiny("training.steps=2", "training.eval_every=0"), tmp_path / "a")
    train(tiny("training.steps=2", "training.eval_every=0"), tmp_path / "b")
    before = folder_hash(tmp_path / "b")
    for target in (tmp_path / "b", tmp_path / "a"):
        assert main(["export", str(tmp_path / "a"), "--out", str(target)]) == 2
        assert main(["export", str(tmp_path / "a"), "--out", str(target), "--force"]) == 2
    assert folder_hash(tmp_path / "b") == before
    assert main(["export", str(tmp_path / "a"), "--out", str(tmp_path / "exported")]) == 0
    assert main(["export", str(tmp_path / "a"), "--out", str(tmp_path / "exported")]) == 2
    assert main(["export", str(tmp_path / "a"), "--out", str(tmp_path / "exported"), "--force"]) == 0
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "mine.txt").write_text("keep me")
    assert main(["export", str(tmp_path / "a"), "--out", str(tmp_path / "notes"), "--force"]) == 2
    assert (tmp_path / "notes" / "mine.txt").read_text() == "keep me"


def test_a_failed_set_up_leaves_no_folder_behind(tmp_path, isolated_home, capsys):
    missing = tmp_path / "missing.txt"
    assert main(["train", "--out", str(tmp_path / "run"), "--set", "data.corpus='files'",
                 "--set", f"data.paths=['{missing}']"]) == 2
    assert "missing.txt: no such file" in capsys.readouterr().err
    assert not (tmp_path / "run").exists()
    missing.write_text("Some text to learn from.\n\n" * 200)
    assert main(["train", "--out", str(tmp_path / "run"), "--set", "data.corpus='files'",
                 "--set", f"data.paths=['{missing}']", "--set", "training.steps=2",
                 "--set", "model.max_seq_len=16"]) == 0


def test_a_new_run_needs_a_new_or_empty_folder(tmp_path, isolated_home, capsys):
    (tmp_path / "desk").mkdir()
    (tmp_path / "desk" / "letter.txt").write_text("mine")
    assert main(["train", "--out", str(tmp_path / "desk"), "--set", "training.steps=2"]) == 2
    assert "is not empty (letter.txt…) and holds no run" in capsys.readouterr().err
    assert sorted(p.name for p in (tmp_path / "desk").iterdir()) == ["letter.txt"]
    (tmp_path / "file").write_text("x")
    assert main(["train", "--out", str(tmp_path / "file")]) == 2
    assert "is a file; the run needs a folder there" in capsys.readouterr().err


# ---------------------------------------------------------------- OS errors are sentences


def test_unreadable_run_files_and_a_read_only_run_folder_are_sentences(tmp_path, isolated_home, capsys,
                                                                     monkeypatch):
    """Permission faults injected where the files are opened (these tests run as root, who may read anything)."""
    import errno

    import lmstudio_app.fsutil as fsutil

    train(tiny("training.steps=4", "training.eval_every=0"), tmp_path / "run")
    weights = ckpt.find_checkpoint(tmp_path / "run") / ckpt.MODEL_FILE
    checksum = ckpt.sha256_file

    def unreadable(path):
        if Path(path) == weights:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return checksum(path)

    monkeypatch.setattr(ckpt, "sha256_file", unreadable)
    assert main(["generate", str(tmp_path / "run"), "--max-tokens", "3"]) == 2
    assert capsys.readouterr().err == f"error: {weights}: permission denied; make it readable/writable for you, " \
                                      f"or choose another place\n"
    monkeypatch.setattr(ckpt, "sha256_file", checksum)
    builtin_open = open

    def read_only_folder(path, mode="r", *args, **kwargs):
        if str(path).startswith(str(tmp_path / "run")) and any(m in mode for m in "wa+"):
            raise OSError(errno.EROFS, "Read-only file system", str(path))
        return builtin_open(path, mode, *args, **kwargs)

    monkeypatch.setattr(fsutil, "open", read_only_folder, raising=False)
    assert main(["generate", str(tmp_path / "run"), "--max-tokens", "3"]) == 0  # readers need no lock
    capsys.readouterr()
    assert main(["resume", str(tmp_path / "run"), "--set", "training.steps=8"]) == 2
    assert f"{tmp_path / 'run' / '.lock'}: the file system is read-only" in capsys.readouterr().err


def test_paths_that_are_not_what_they_should_be(tmp_path, isolated_home, capsys):
    train(tiny("training.steps=2", "training.eval_every=0"), tmp_path / "run")
    assert main(["attention", str(tmp_path / "run"), "--text", "x", "--out", str(tmp_path / "no" / "a.npz")]) == 2
    assert "no such file or folder" in capsys.readouterr().err
    state = ckpt.find_checkpoint(tmp_path / "run") / ckpt.STATE_FILE
    state.unlink()
    assert main(["export", str(tmp_path / "run"), "--out", str(tmp_path / "export")]) == 2
    assert "trainer_state.json does not match its recorded checksum" in capsys.readouterr().err
    assert not (tmp_path / "export").exists()


def limited_files(limit: int):
    def apply():
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


@pytest.mark.parametrize("where", ["checkpoint", "metrics", "tokenizer cache"])
def test_a_full_disk_is_a_sentence_and_earlier_checkpoints_survive(tmp_path, where):
    home = tmp_path / "home"
    env = {"LMSTUDIO_HOME": str(home)}
    config = tmp_path / "tiny.toml"
    if where == "tokenizer cache":
        save_config(tiny("training.steps=2", "data.corpus='python-source'", "data.max_documents=300"), config)
        result = lmstudio("train", config, "--out", tmp_path / "run", env=env, preexec_fn=limited_files(20_000))
        assert result.returncode == 2 and "file-size limit" in sentence(result)
        return
    save_config(tiny("training.steps=40", "training.checkpoint_every=10", "training.eval_every=0"), config)
    assert lmstudio("train", config, "--out", tmp_path / "run", "--set", "training.steps=10",
                    env=env).returncode == 0
    largest = max(p.stat().st_size for p in (tmp_path / "run" / "checkpoints").rglob("*") if p.is_file())
    if where == "checkpoint":
        limit = largest // 2  # the optimizer state no longer fits
    else:  # checkpoints fit; metrics.jsonl is already at the limit, so its next line does not
        limit = largest + 20_000
        metrics = tmp_path / "run" / "metrics.jsonl"
        row = metrics.read_text().splitlines()[0] + "\n"
        metrics.write_text(row * (limit // len(row)))
    result = lmstudio("resume", tmp_path / "run", "--set", "training.steps=40", env=env,
                      preexec_fn=limited_files(limit))
    assert "Traceback" not in result.stderr, result.stderr
    if where == "checkpoint":
        assert result.returncode == 1 and "saving the checkpoint of step 20 failed" in result.stderr
        assert "file-size limit" in result.stderr and "the checkpoint of step 10 is intact" in result.stderr
        assert load_run(tmp_path / "run").step == 10
    else:
        assert result.returncode == 0
        assert "note: metrics.jsonl cannot be written" in result.stderr and "file-size limit" in result.stderr
        assert load_run(tmp_path / "run").step == 40
    for saved in ckpt.checkpoints(tmp_path / "run"):
        ckpt.verify(saved)


# ---------------------------------------------------------------- hostile command lines


@pytest.fixture(scope="module")
def playground(tmp_path_factory):
    """Real runs and odd files for hostile command lines to point at."""
    root = tmp_path_factory.mktemp("hostile")
    home = root / "home"
    previous = os.environ.get("LMSTUDIO_HOME")
    os.environ["LMSTUDIO_HOME"] = str(home)
    from tests.engine.finetune.conftest import encoder_config

    train(tiny("training.steps=2", "training.eval_every=2"), root / "decoder")
    train(encoder_config("training.steps=2"), root / "encoder")
    (root / "notes").mkdir()
    (root / "notes" / "mine.txt").write_text("not a run")
    (root / "file.txt").write_text("a file where a folder is expected")
    (root / "bad.toml").write_text("[model\nn_heads = ")
    (root / "binary.toml").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (root / "deep.jsonl").write_text('{"text": "a line"}\n' + "[" * 100_000 + "\n")  # past the parser's depth
    (root / "deep.json").write_text("{" + '"a": {' * 100_000)
    save_config(tiny("training.steps=1", "training.eval_every=0"), root / "tiny.toml")
    yield root
    if previous is None:
        os.environ.pop("LMSTUDIO_HOME", None)
    else:
        os.environ["LMSTUDIO_HOME"] = previous


def hostile_pools(root: Path) -> dict[str, list[str]]:
    runs = [str(root / "decoder"), str(root / "encoder")]
    odd_paths = [str(root / "missing"), str(root / "file.txt"), str(root / "notes"), "", str(root) + "/\udcff\udcfe",
                 str(root / ("x" * 300)), str(root / "decoder" / "config.toml"), str(root / "bad.toml"),
                 str(root / "binary.toml")]
    return {
        "run": runs + odd_paths,
        "path": odd_paths + runs,
        "out": [str(root / "missing" / "deeper" / "x.npz"), *odd_paths, *runs, str(root / "decoder" / "x.npz"),
                str(root / "decoder" / "tokenizer.json")],
        "experiment": ["gpt-nano", "no-such-preset", *odd_paths],
        "number": ["-1", "0", "nan", "inf", "-inf", "1e309", "abc", "", "99999999999999999999", "3", "0.5", "1e-45",
                   "-1e-45", "5e-324", "1.7976931348623157e308", "99999999999999999999999", "-99999999999999999999999",
                   "9223372036854775808", "-9223372036854775809", "4294967296", "-0"],
        "data": [f"data.paths=['{path}']" for path in (root / "deep.jsonl", root / "deep.json", root / "binary.toml",
                                                        root / "file.txt", root / "missing", root / "notes")],
        "tiny": [str(root / "tiny.toml")],
        "seed": [f"training.seed={number}" for number in ("0", "-1", "99999999999999999999999", "1e-45", "nan")],
        # a run that would train (1 step) where its folder can be made, and a sentence everywhere else
        "run_out": [str(root) + "/\udcffrun", str(root / "\udcff" / "run"), str(root / "decoder"),
                    str(root / "file.txt"), str(root / "notes"), str(root / ("x" * 300)), str(root / "new-run")],
        "text": ["", " ", "\udcff\udcfe", "ｘ" * 3000, "[MASK]" * 200, "a [MASK] b", "日本語 🙂", "--"],
        "set": ["model.n_heads=3", "training.steps=abc", "nope", "model.d_model=4096", "model.n_layers=100000",
                "data.corpus='files'",
                "training.learning_rate=nan", "x.y=1", "=", "training.steps=1e309"],
        "checkpoint": ["999", "-1", "abc", "", "nan", "4.5", "0"],  # never one that exists: that would train
    }


COMMANDS = [
    ["info", "experiment", "--set", "set"],
    ["data", "summary", "experiment", "--set", "set"],
    ["data", "summary", "experiment", "--set", "data.corpus='files'", "--set", "data"],
    ["inspect", "experiment", "--seed", "number", "--set", "set"],
    ["tokenizer", "train", "experiment", "--set", "set", "--out", "out"],
    ["train", "path", "--out", "out"],
    ["train", "tiny", "--out", "run_out", "--set", "seed"],
    ["train", "experiment", "--out", "path", "--set", "set"],
    ["resume", "run", "--checkpoint", "checkpoint"],
    ["resume", "run", "--set", "set"],
    ["runs", "path"],
    ["attention", "run", "--text", "text", "--out", "out"],
    ["generate", "run", "--prompt", "text", "--max-tokens", "number", "--temperature", "number", "--top-k", "number",
     "--top-p", "number", "--seed", "number"],
    ["fill-mask", "run", "--text", "text", "--top-k", "number"],
    ["classify", "run", "--text", "text", "--pair", "text"],
    ["eval", "run", "--data", "path", "--predictions", "out"],
    ["export", "run", "--out", "out"],
    ["export", "run", "--out", "out", "--force"],
    ["compare-init", "path", "--pretrained", "run"],
    ["bench", "--presets", "text", "--steps", "number"],
]


def test_hostile_command_lines_get_sentences_and_leave_runs_alone(playground, monkeypatch):
    """Every command with missing, unreadable, wrong-kind, huge, tiny, NaN, empty, deeply nested and non-UTF-8
    arguments: an exit code in {0, 1, 2, 130}, no traceback, no bug report, and no pre-existing run folder changed."""
    import contextlib
    import io

    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    monkeypatch.chdir(playground / "notes")  # a stray relative path lands here, not in the repository
    pools = hostile_pools(playground)
    watched = [playground / "decoder", playground / "encoder", playground / "notes"]
    before = {folder: folder_hash(folder) for folder in watched}
    tried = []

    @settings(max_examples=500, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
    @given(st.data())
    def run_one(data):
        template = data.draw(st.sampled_from(COMMANDS))
        argv = [data.draw(st.sampled_from(pools[part])) if part in pools else part for part in template]
        # Streams like a terminal's: UTF-8 that refuses what is not text.
        out, err = (io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict") for _ in range(2))
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(argv)
            except SystemExit as exit:  # argparse's own usage errors
                code = exit.code
        out.flush()
        err.flush()
        said = err.buffer.getvalue().decode()
        tried.append(argv)
        assert code in (0, 1, 2, 130), (argv, code, said)
        assert "Traceback" not in out.buffer.getvalue().decode() + said, (argv, said)
        assert "unexpected error" not in said, (argv, said)  # how a bug that the trainer caught is told
        for folder in watched:
            assert folder_hash(folder) == before[folder], (argv, folder)

    run_one()
    print(f"{len(tried)} hostile command lines tried")
    assert len(tried) >= 500


# ---------------------------------------------------------------- refuse what cannot fit, strict inputs


def test_a_model_that_cannot_fit_is_refused_before_it_is_built(tmp_path, isolated_home, capsys):
    assert main(["train", "--out", str(tmp_path / "huge"), "--set", "model.d_model=16384",
                 "--set", "model.n_layers=256"]) == 2
    err = capsys.readouterr().err
    assert "model: training it needs about 13.95 TB" in err and "training.check_memory = false" in err
    assert not (tmp_path / "huge").exists()


def test_a_batch_that_cannot_fit_is_refused_before_the_corpus_is_read_or_counted(tmp_path, isolated_home):
    """The memory check comes before every step whose cost grows with the config's numbers: reading and
    tokenizing the corpus, the n-gram baselines (which score batch_size × eval_batches examples), the model."""
    def nothing_may_begin(phase, fraction):
        raise AssertionError(f"{phase} began before the memory check")

    run = TrainingRun(tiny("training.batch_size=65536", "model.max_seq_len=65536"), tmp_path / "run",
                      progress=nothing_may_begin)
    outcome = list(run.events())[-1]
    said = outcome.message.english()
    assert said.startswith("model: training it needs about ") and outcome.bad_input, said
    assert "lower training.batch_size" in said
    assert not (tmp_path / "run").exists()


def test_a_bug_during_set_up_points_to_a_log_that_outlives_the_removed_run_folder(tmp_path, isolated_home,
                                                                                   monkeypatch):
    from lmstudio_app.engine.train import setup

    def broken_builder(*args, **kwargs):
        raise RuntimeError("a bug in the model builder")

    monkeypatch.setattr(setup, "build_model", broken_builder)
    outcome = list(TrainingRun(tiny("training.eval_every=0"), tmp_path / "run").events())[-1]
    assert "unexpected error: RuntimeError: a bug in the model builder" in outcome.message.english()
    assert not (tmp_path / "run").exists()  # set-up failed: the folder it made is gone ...
    log = Path(outcome.message.english().rsplit("(the details are in ", 1)[1].removesuffix(")"))
    assert log.parent == isolated_home / "logs"  # ... and the log it names is kept where it stays
    assert "Traceback" in log.read_text() and "a bug in the model builder" in log.read_text()


def test_a_csv_with_an_unclosed_quote_or_a_ragged_row_is_an_error_at_its_line(tmp_path, isolated_home, capsys):
    rows = ["text,label", *(f'"row {i}",a' for i in range(100))]
    rows[5] = '"row 4 has no closing quote,a'
    (tmp_path / "quote.csv").write_text("\n".join(rows) + "\n")
    assert main(["data", "summary", "--set", "data.corpus='files'", "--set", f"data.paths=['{tmp_path / 'quote.csv'}']",
                 "--set", "data.text_field='text'"]) == 2
    assert f"{tmp_path / 'quote.csv'}: line 6 is not valid CSV" in capsys.readouterr().err
    rows = ["text,label", *(f'"row {i}",a' for i in range(100))]
    rows[40] = '"row 39",a,extra'
    (tmp_path / "ragged.csv").write_text("\n".join(rows) + "\n")
    assert main(["data", "summary", "--set", "data.corpus='files'",
                 "--set", f"data.paths=['{tmp_path / 'ragged.csv'}']"]) == 2
    assert "ragged.csv: line 41 has 3 fields but the header has 2" in capsys.readouterr().err
    (tmp_path / "open.csv").write_text('text,label\n"never closed,a\nmore,b\n')
    assert main(["data", "summary", "--set", "data.corpus='files'", "--set", f"data.paths=['{tmp_path / 'open.csv'}']"]) \
        == 2
    assert "open.csv: line 2 opens a quoted field that is never closed" in capsys.readouterr().err


def test_generation_options_and_masks_out_of_reach_are_sentences(tmp_path, isolated_home, capsys):
    from tests.engine.finetune.conftest import encoder_config

    train(tiny("training.steps=2", "training.eval_every=0"), tmp_path / "decoder")
    for option, value, problem in (("--top-p", "0", "top-p: 0.0 is outside 0.001…1.0"),
                                   ("--temperature", "nan", "temperature: nan is outside 0.0…100.0"),
                                   ("--max-tokens", "0", "max-tokens: 0 is outside 1…100000")):
        assert main(["generate", str(tmp_path / "decoder"), option, value]) == 2
        assert problem in capsys.readouterr().err
    train(encoder_config("training.steps=2"), tmp_path / "encoder")  # context: 48 tokens
    assert main(["fill-mask", str(tmp_path / "encoder"), "--text", "x [MASK]", "--top-k", "-1"]) == 2
    assert "top-k: -1 is outside 1…1000" in capsys.readouterr().err
    assert main(["fill-mask", str(tmp_path / "encoder"), "--text", "word " * 60 + "[MASK]"]) == 2
    assert "a [MASK] lies past that; shorten the text before it" in capsys.readouterr().err


def test_the_n_gram_baselines_survive_an_index_rebuild_and_a_resume(tmp_path, isolated_home, capsys):
    run = tmp_path / "run"
    train(tiny("training.steps=4", "training.eval_every=2", "training.checkpoint_every=2"), run)
    rows = [json.loads(line) for line in (run / "metrics.jsonl").read_text().splitlines()]
    baseline_rows = [row for row in rows if row["split"] == "baseline"]
    assert len(baseline_rows) == 1 and baseline_rows[0]["step"] == 0
    assert main(["resume", str(run), "--set", "training.steps=6"]) == 0
    rows = [json.loads(line) for line in (run / "metrics.jsonl").read_text().splitlines()]
    assert [row for row in rows if row["split"] == "baseline"] == baseline_rows  # once, not again per resume
    (isolated_home / "runs.sqlite").unlink()
    assert main(["runs", "--rebuild-index"]) == 0
    capsys.readouterr()
    assert main(["runs", str(run)]) == 0
    shown = capsys.readouterr().out
    expected = ", ".join(f"{order} {baseline_rows[0][order]:.4f}" for order in ("unigram", "bigram", "trigram"))
    assert f"n-gram baselines on the validation batches (nats/token): {expected}" in shown
    assert "baseline " not in shown.replace("baselines", "")  # not listed again as a metric series


def test_a_process_that_lost_the_race_for_a_new_folder_removes_nothing_of_the_winners(tmp_path):
    """Both looked when the folder did not exist yet; the loser must not clean up what the winner wrote."""
    from lmstudio_app.engine.runs import RunFolder
    from lmstudio_app.errors import ConfigError, RunBusyError

    folder = tmp_path / "new"
    winner, loser, late = RunFolder(folder, resume=False), RunFolder(folder, resume=False), RunFolder(
        folder, resume=False)
    winner.claim()
    (folder / "config.toml").write_text("name = 'winner'\n")
    (folder / "checkpoints" / "step-0000004").mkdir(parents=True)  # a run, not a start killed before its first
    with pytest.raises(RunBusyError):
        loser.claim()
    loser.release(keep=False)  # while the winner trains
    assert (folder / "config.toml").is_file()
    winner.release(keep=True)
    with pytest.raises(ConfigError, match="already holds a run"):
        late.claim()  # the winner has finished: the lock is free, the run is there
    late.release(keep=False)
    assert (folder / "config.toml").read_text() == "name = 'winner'\n"


def test_numbers_at_the_ends_of_their_documented_ranges_work_or_are_sentences(tmp_path, isolated_home, capsys):
    train(tiny("training.steps=2", "training.eval_every=0"), tmp_path / "decoder")
    assert main(["generate", str(tmp_path / "decoder"), "--prompt", "def", "--max-tokens", "8", "--greedy"]) == 0
    greedy = capsys.readouterr().out
    # inside the documented 0.0…100.0: the limit of sampling as the temperature falls is greedy decoding
    assert main(["generate", str(tmp_path / "decoder"), "--prompt", "def", "--max-tokens", "8", "--seed", "3",
                 "--temperature", "1e-45"]) == 0
    assert capsys.readouterr().out == greedy
    assert main(["generate", str(tmp_path / "decoder"), "--seed", "99999999999999999999999"]) == 2
    assert capsys.readouterr().err == "error: seed: 99999999999999999999999 is outside 0…4294967295\n"
    assert main(["inspect", "gpt-nano", "--seed", "-1"]) == 2
    assert capsys.readouterr().err == "error: seed: -1 is outside 0…4294967295\n"


def test_a_json_line_nested_past_the_parsers_depth_is_a_sentence(tmp_path, isolated_home, capsys, pretrained_encoder):
    from tests.engine.finetune.conftest import task_config

    deep = tmp_path / "deep.jsonl"
    deep.write_text('{"text": "fine", "label": "a"}\n' + "[" * 100_000 + "\n")
    assert main(["data", "summary", "--set", "data.corpus='files'", "--set", f"data.paths=['{deep}']"]) == 2
    assert capsys.readouterr().err == f"error: {deep}: line 2 nests JSON arrays or objects too deeply to read\n"
    train(task_config(pretrained_encoder, "training.steps=1"), tmp_path / "tuned")
    assert main(["eval", str(tmp_path / "tuned"), "--data", str(deep)]) == 2
    assert f"{deep}: line 2 nests JSON arrays or objects too deeply to read" in capsys.readouterr().err


def test_a_run_folder_whose_name_is_not_utf8_is_refused_before_anything_is_written(tmp_path, isolated_home, capsys):
    """Such a name could be trained in but never recorded in the run index, listed or resumed."""
    odd = str(tmp_path) + "/\udcffrun"  # how Python carries the byte 0xff of a file name
    config = tmp_path / "tiny.toml"
    save_config(tiny("training.steps=2"), config)
    assert main(["train", str(config), "--out", odd]) == 2
    assert capsys.readouterr().err == (f"error: {tmp_path}/\\xffrun: the folder's name holds bytes that are not "
                                       f"UTF-8 text; choose a name in UTF-8 for the run (rename the folder to resume "
                                       f"a run kept there)\n")
    assert not os.path.lexists(odd) and RunIndex().runs() == []


# ---------------------------------------------------------------- a stop is heard while a run prepares

STOP_WITHIN = 2.0  # seconds from a signal during preparation to the process's exit (Python's own exit included)
EXIT_FOR = {"SIGINT": 130, "SIGTERM": 143}


@pytest.fixture(scope="module")
def big_corpus(tmp_path_factory) -> Path:
    """About 60 MB of words in lines without a blank one, so every document is as long as documents get (100,000
    characters): slow to read, to train a tokenizer on and to tokenize, made in well under a second."""
    rng = np.random.default_rng(0)
    letters = np.array(list("abcdefghijklmnopqrstuvwxyz"))
    words = np.array(["".join(rng.choice(letters, size=rng.integers(2, 10))) for _ in range(20_000)])
    lines = [" ".join(rng.choice(words, size=12)) for _ in range(15_000)]
    block = "\n".join(lines) + "\n"  # about a megabyte
    path = tmp_path_factory.mktemp("big-corpus") / "words.txt"
    path.write_text(block * 60, encoding="utf-8")
    return path


def stopped_in(phase: str, signal_name: str, tmp_path: Path, corpus: Path, *settings: str) -> None:
    """Start a real run, send the signal as soon as it reports ``phase``, and check how it ended."""
    config = tmp_path / "slow.toml"
    save_config(tiny("data.corpus='files'", f"data.paths=['{corpus}']", *settings), config)
    process = subprocess.Popen([sys.executable, "-m", "lmstudio_app", "train", str(config), "--out",
                                str(tmp_path / "run")], cwd=ROOT, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "LMSTUDIO_HOME": str(tmp_path / "home")})
    try:
        said = []
        for line in process.stderr:
            said.append(line)
            if line.startswith(phase):
                break
        else:
            raise AssertionError(f"the run never reported {phase!r}: {''.join(said)}")
        signalled = time.monotonic()
        process.send_signal(getattr(signal, signal_name))
        rest = process.communicate(timeout=60)[1]
        took = time.monotonic() - signalled
    finally:
        process.kill()
        process.wait()
    said = "".join(said) + rest
    assert "Traceback" not in said, said
    assert took < STOP_WITHIN, (took, said)
    assert process.returncode == EXIT_FOR[signal_name], said
    reason = {"SIGINT": "interrupted", "SIGTERM": "terminated"}[signal_name]
    assert f"{reason}: stopping the preparation" in said, said
    assert f"{reason} before training began; nothing was trained or saved" in said, said
    assert not (tmp_path / "run").exists()  # a run that never began leaves no folder behind


@pytest.mark.parametrize("signal_name", EXIT_FOR)
def test_a_signal_while_the_corpus_is_read_ends_the_run_at_once(tmp_path, big_corpus, signal_name):
    stopped_in("reading files", signal_name, tmp_path, big_corpus)


@pytest.mark.parametrize("signal_name", EXIT_FOR)
def test_a_signal_while_the_tokenizer_trains_ends_the_run_at_once(tmp_path, big_corpus, signal_name):
    stopped_in("training a bpe tokenizer", signal_name, tmp_path, big_corpus, "data.max_documents=200",
               "tokenizer.kind='bpe'", "tokenizer.vocab_size=8000")


@pytest.mark.parametrize("signal_name", EXIT_FOR)
def test_a_signal_while_the_corpus_is_tokenized_ends_the_run_at_once(tmp_path, big_corpus, signal_name):
    stopped_in("tokenizing the corpus", signal_name, tmp_path, big_corpus, "data.max_documents=60")


@pytest.mark.parametrize("signal_name", EXIT_FOR)
def test_a_signal_while_the_n_gram_baselines_are_fitted_ends_the_run_at_once(tmp_path, big_corpus, signal_name):
    # far more evaluation examples than the baselines could score in a minute
    stopped_in("fitting n-gram baselines", signal_name, tmp_path, big_corpus, "data.max_documents=5",
               "training.batch_size=1024", "training.eval_batches=10000")


@pytest.mark.parametrize("signal_name", EXIT_FOR)
def test_a_signal_while_the_model_is_built_ends_the_run_at_once(tmp_path, big_corpus, signal_name):
    # 150 million parameters: seconds to initialize, and well within the memory check
    stopped_in("building the model", signal_name, tmp_path, big_corpus, "data.max_documents=5",
               "training.eval_every=0", "model.d_model=1024", "model.n_heads=8", "model.n_layers=12")
