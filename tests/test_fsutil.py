"""Atomic writes replace regular files only: a device, a pipe or a link to one is refused and stays as it was."""

import os
import stat

import pytest

from lmstudio_app.cli import main
from lmstudio_app.config import save_config
from lmstudio_app.errors import OutputPathError
from lmstudio_app.fsutil import atomic_write_text
from tests.engine.train.conftest import tiny


def character_device(folder):
    """A character device like /dev/full (same device numbers), made in ``folder``: tests must never risk the
    machine's own /dev."""
    path = folder / "full"
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.stat("/dev/full").st_rdev)
    except (PermissionError, FileNotFoundError):
        pytest.skip("cannot make a device node here (needs root and /dev/full)")
    return path


def kind_of(path):
    mode = os.lstat(path).st_mode
    return stat.S_IFMT(mode), os.readlink(path) if stat.S_ISLNK(mode) else None


@pytest.mark.parametrize("make, said", [
    (lambda folder: os.mkfifo(folder / "pipe") or folder / "pipe", "is a named pipe (FIFO)"),
    (character_device, "is a character device"),
    (lambda folder: os.symlink("/dev/null", folder / "link") or folder / "link",
     "is a character device (a link to /dev/null)"),
    (lambda folder: (folder / "folder").mkdir() or folder / "folder", "is a folder"),
])
def test_what_is_not_a_regular_file_is_refused_by_name_and_stays(tmp_path, make, said):
    path = make(tmp_path)
    before = kind_of(path)
    with pytest.raises(OutputPathError) as refused:
        atomic_write_text(path, "predictions\n")
    assert str(refused.value).startswith(f"{path}: {said}, not a regular file")
    assert kind_of(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]  # no temporary file left behind


def test_a_link_to_a_regular_file_is_written_through_and_stays_a_link(tmp_path):
    (tmp_path / "real.txt").write_text("old")
    os.symlink("real.txt", tmp_path / "link.txt")
    atomic_write_text(tmp_path / "link.txt", "new")
    assert os.readlink(tmp_path / "link.txt") == "real.txt"
    assert (tmp_path / "real.txt").read_text() == "new"
    os.symlink("absent.txt", tmp_path / "dangling.txt")  # a link to nothing: the write creates its target
    atomic_write_text(tmp_path / "dangling.txt", "made")
    assert os.readlink(tmp_path / "dangling.txt") == "absent.txt" and (tmp_path / "absent.txt").read_text() == "made"


def test_the_cli_refuses_a_pipe_as_output_with_exit_2(tmp_path, isolated_home, capsys):
    config = tmp_path / "tiny.toml"
    save_config(tiny(), config)
    os.mkfifo(tmp_path / "out")
    assert main(["tokenizer", "train", str(config), "--out", str(tmp_path / "out")]) == 2
    assert f"error: {tmp_path / 'out'}: is a named pipe (FIFO), not a regular file" in capsys.readouterr().err
    assert stat.S_ISFIFO(os.lstat(tmp_path / "out").st_mode)
