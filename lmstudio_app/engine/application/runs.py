"""The run book: list, rename and delete runs — the one way both front ends do it (no torch).

The run index is a cache; the run folder and its OS lock are the truth. Whatever
changes a run (renaming it, deleting it) first takes the run's lock, as a
trainer does, so it is refused, with the writer named as its lock records it,
while another process (or this one's training thread) writes the run; a refused
action leaves the folder, its ``.lock`` included, byte for byte as it was. An
index another process holds locked never makes a reader wait: the runs are then
listed from their folders, read-only.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from lmstudio_app.config import save_config
from lmstudio_app.config import error_messages as say
from lmstudio_app.config.messages import Template, problem
from lmstudio_app.config.runs import RUN_CONFIG_FILE, RUN_LOCK_FILE, read_run_config
from lmstudio_app.errors import ConfigError, RunBusyError
from lmstudio_app.events import RunsListed
from lmstudio_app.fsutil import FileLock, process_description
from lmstudio_app.run_index import READ_TIMEOUT, RunIndex, index_path


def _locked(error: sqlite3.Error) -> bool:
    return isinstance(error, sqlite3.OperationalError) and ("locked" in str(error) or "busy" in str(error))


def list_runs() -> RunsListed:
    """Every run in the index, newest first, with the training speed measured here and what opening repaired."""
    try:
        index = RunIndex(timeout=READ_TIMEOUT)
        try:
            runs = index.runs()
            return RunsListed(tuple(runs), index.measured_flops_per_second(runs), index.notice)
        finally:
            index.close()
    except sqlite3.Error as error:
        if not _locked(error):
            raise
        return _listed_from_folders(error)


def _listed_from_folders(why: sqlite3.Error) -> RunsListed:
    """The runs read from their folders into an index of this process alone, while the shared one is locked."""
    index = RunIndex(Path(":memory:"))
    try:
        runs = index.runs()
        return RunsListed(tuple(runs), index.measured_flops_per_second(runs), (
            f"the run index {index_path()} is locked by another process ({why}); the runs are listed from their "
            f"folders, read-only, until it is free"), read_only=True)
    finally:
        index.close()


def refuse_while_written(run_dir: str | os.PathLike, refusal: Template) -> None:
    """Raise RunBusyError naming the writer when another process writes the run (a look; the lock is not taken);
    ``refusal`` says what cannot be done (``say.BUSY_EXPORTED``)."""
    holder = FileLock.holder(Path(run_dir) / RUN_LOCK_FILE)
    if holder is not None:
        raise RunBusyError(refusal, run=run_dir, holder=holder)


@contextmanager
def _claimed(run_dir: Path, refusal: Template) -> Iterator[None]:
    """Hold the run's lock, as its writer would, for as long as the block changes the run."""
    lock = FileLock(run_dir / RUN_LOCK_FILE)
    holder = lock.acquire(process_description())
    if holder is not None:
        raise RunBusyError(refusal, run=run_dir, holder=holder)
    try:
        yield
    finally:
        lock.release()


def _run_folder(run_dir: str | os.PathLike) -> Path:
    path = Path(run_dir)
    if not path.is_dir():
        raise ConfigError(problem("", say.NO_SUCH_RUN, path=path))
    if not ((path / RUN_CONFIG_FILE).is_file() or (path / "checkpoints").is_dir()):
        raise ConfigError(problem("", say.HOLDS_NO_RUN, path=path, config=RUN_CONFIG_FILE))
    return path


def rename_run(run_dir: str | os.PathLike, name: str) -> None:
    """Give the run a new name in its own config.toml (so a rebuilt index keeps it) and in the index."""
    name = name.strip()
    if not name:
        raise ConfigError(problem("name", say.NEEDS_A_NAME))
    path = _run_folder(run_dir)
    with _claimed(path, say.BUSY_RENAMED):
        config = read_run_config(path)
        config.name = name
        save_config(config, path / RUN_CONFIG_FILE)
    index = RunIndex()  # once the lock is let go: the index reads a run under a lock as running
    try:
        if index.get(str(path)) is None:
            index.import_run(path)
        else:
            index.rename(str(path), name)
    finally:
        index.close()


def delete_run(run_dir: str | os.PathLike) -> None:
    """Delete the run's folder and its rows in the index. The folder is first renamed aside, under the lock, so a
    trainer that starts meanwhile finds no run rather than half of one."""
    path = Path(run_dir)
    if path.exists():
        path = _run_folder(path)
        with _claimed(path, say.BUSY_DELETED):
            aside = path.with_name(f".{path.name}.deleting-{os.getpid()}")
            path.rename(aside)
            shutil.rmtree(aside)
    index = RunIndex()
    try:
        index.forget(str(Path(run_dir)))
    finally:
        index.close()
