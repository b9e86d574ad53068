"""The window's trash: a deleted run waits there, under its lock's protection, until it is put back or the
window closes (``engine.application.runs``)."""

import errno
import shutil
from pathlib import Path

import pytest

from lmstudio_app.engine.application.runs import Trash, restore_run, trash_run
from lmstudio_app.engine.application.training import train
from lmstudio_app.errors import ConfigError, RunBusyError
from lmstudio_app.run_index import RunIndex
from tests.engine.train.conftest import tiny
from tests.test_faults import folder_bytes, lock_held_elsewhere


@pytest.fixture
def run(tmp_path, isolated_home):
    run_dir = tmp_path / "run"
    train(tiny("training.steps=3", "training.eval_every=3", "training.checkpoint_every=3"), run_dir)
    return run_dir


def files_but_lock(folder: Path) -> dict[str, bytes]:
    return {name: data for name, data in folder_bytes(folder).items() if name != ".lock"}


def test_a_run_another_process_writes_stays_where_it_is(run):
    trash = Trash()
    with lock_held_elsewhere(run) as writer:
        before = folder_bytes(run)
        with pytest.raises(RunBusyError, match=f"pid {writer.pid} on .*cannot be deleted"):
            trash_run(run, trash)
        assert folder_bytes(run) == before
    assert RunIndex().get(str(run)) is not None and trash.kept == {}


def test_a_run_moved_across_file_systems_comes_back_whole(run, monkeypatch):
    """Into a trash on another file system a rename fails (EXDEV): the run is copied whole, then removed."""
    before, row = files_but_lock(run), RunIndex().get(str(run))
    rename = Path.rename

    def across_devices(self, target):
        if ".trash" in str(target) or ".trash" in str(self):
            raise OSError(errno.EXDEV, "Invalid cross-device link")
        return rename(self, target)

    monkeypatch.setattr(Path, "rename", across_devices)
    trash = Trash()
    trash_run(run, trash)
    assert not run.exists() and RunIndex().get(str(run)) is None
    restore_run(str(run), trash)
    assert files_but_lock(run) == before and RunIndex().get(str(run)) == row
    assert list(trash.folder.iterdir()) == [trash.folder / ".lock"]  # nothing left of it in the trash


def test_a_run_whose_place_is_taken_again_stays_in_the_trash(run):
    trash = Trash()
    trash_run(run, trash)
    (place, _), = trash.kept.values()
    run.mkdir()
    (run / "notes.txt").write_text("someone else's")
    with pytest.raises(ConfigError, match="exists again"):
        restore_run(str(run), trash)
    assert (place / "config.toml").is_file() and [p.name for p in run.iterdir()] == ["notes.txt"]
    shutil.rmtree(run)
    restore_run(str(run), trash)
    assert (run / "config.toml").is_file() and RunIndex().get(str(run)) is not None


def test_a_run_whose_folder_was_removed_behind_the_windows_back_leaves_the_index_and_comes_back(run):
    row = RunIndex().get(str(run))
    shutil.rmtree(run)
    trash = Trash()
    trash_run(run, trash)
    assert RunIndex().get(str(run)) is None
    restore_run(str(run), trash)
    assert RunIndex().get(str(run)) == row and not run.exists()


def test_emptying_the_trash_deletes_its_runs_for_good(run, isolated_home):
    trash = Trash()
    trash_run(run, trash)
    trash.empty()
    assert list((isolated_home / ".trash").iterdir()) == [] and not run.exists()
    with pytest.raises(ConfigError, match="not among the runs deleted"):
        restore_run(str(run), trash)
