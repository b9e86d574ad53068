"""The run book: list, read, rename, delete and restore runs — the one way both front ends do it (no torch).

The run index is a cache; the run folder and its OS lock are the truth. Whatever
changes a run (renaming it, deleting it) first takes the run's lock, as a
trainer does, so it is refused, with the writer named as its lock records it,
while another process (or this one's training thread) writes the run; a refused
action leaves the folder, its ``.lock`` included, byte for byte as it was. An
index another process holds locked never makes a reader wait: the runs are then
listed from their folders, read-only.

``lmstudio runs RUN --delete`` deletes for good (``delete_run``). The window
deletes into a ``Trash`` instead (``trash_run``): the folder moves, under its
lock, into ``<LMSTUDIO_HOME>/.trash/<window>/``, and its rows leave the index,
both kept so that ``restore_run`` puts them back as they were, until the window
closes and the trash is emptied. A window that crashed leaves its trash folder
unlocked; the next window to open empties it.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from lmstudio_app.config import engine_messages as say
from lmstudio_app.config import save_config
from lmstudio_app.config import error_messages as refusals
from lmstudio_app.config.messages import Message
from lmstudio_app.config.messages import Template, problem
from lmstudio_app.config.runs import read_run_config
from lmstudio_app.errors import ConfigError, RunBusyError
from lmstudio_app.events import RunSeriesRead, RunsListed
from lmstudio_app.fsutil import FileLock, process_description, user_data_dir
from lmstudio_app.run_folder import CONFIG_FILE, LOCK_FILE, checkpoint_dir, holds_run
from lmstudio_app.run_index import READ_TIMEOUT, IndexedRun, RunIndex, index_path

TRASH = ".trash"  # in the user data folder: one folder per open window, its runs deleted there


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


def read_series(run_dirs: tuple[str, ...]) -> RunSeriesRead:
    """Every metric series of each run, from the index (a reader: it waits little for another's lock)."""
    index = RunIndex(timeout=READ_TIMEOUT)
    try:
        return RunSeriesRead(run_dirs, {run_dir: index.all_series(run_dir) for run_dir in run_dirs})
    finally:
        index.close()


def rebuild_index() -> int:
    """Read every run folder back into the index (a damaged one is set aside first); how many were read."""
    index = RunIndex()
    try:
        return index.rebuild()
    finally:
        index.close()


def _listed_from_folders(why: sqlite3.Error) -> RunsListed:
    """The runs read from their folders into an index of this process alone, while the shared one is locked."""
    index = RunIndex(Path(":memory:"))
    try:
        runs = index.runs()
        return RunsListed(tuple(runs), index.measured_flops_per_second(runs),
                          Message(say.INDEX_LOCKED, {"path": index_path(), "error": why}), read_only=True)
    finally:
        index.close()


def refuse_while_written(run_dir: str | os.PathLike, refusal: Template) -> None:
    """Raise RunBusyError naming the writer when another process writes the run (a look; the lock is not taken);
    ``refusal`` says what cannot be done (``refusals.BUSY_EXPORTED``)."""
    holder = FileLock.holder(Path(run_dir) / LOCK_FILE)
    if holder is not None:
        raise RunBusyError(refusal, run=run_dir, holder=holder)


@contextmanager
def _claimed(run_dir: Path, refusal: Template) -> Iterator[None]:
    """Hold the run's lock, as its writer would, for as long as the block changes the run."""
    lock = FileLock(run_dir / LOCK_FILE)
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
        raise ConfigError(problem("", refusals.NO_SUCH_RUN, path=path))
    if not (holds_run(path) or checkpoint_dir(path).is_dir()):
        raise ConfigError(problem("", refusals.HOLDS_NO_RUN, path=path, config=CONFIG_FILE))
    return path


def rename_run(run_dir: str | os.PathLike, name: str) -> None:
    """Give the run a new name in its own config.toml (so a rebuilt index keeps it) and in the index."""
    name = name.strip()
    if not name:
        raise ConfigError(problem("name", refusals.NEEDS_A_NAME))
    path = _run_folder(run_dir)
    with _claimed(path, refusals.BUSY_RENAMED):
        config = read_run_config(path)
        config.name = name
        save_config(config, path / CONFIG_FILE)
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
        with _claimed(path, refusals.BUSY_DELETED):
            aside = path.with_name(f".{path.name}.deleting-{os.getpid()}")
            path.rename(aside)
            shutil.rmtree(aside)
    index = RunIndex()
    try:
        index.forget(str(Path(run_dir)))
    finally:
        index.close()


def _move(source: Path, target: Path) -> None:
    """Rename ``source`` to ``target``; across file systems, copy it whole, then remove ``source`` (a copy that
    failed half-way is removed, and ``source`` stays as it was)."""
    try:
        source.rename(target)
    except OSError as error:
        if error.errno != errno.EXDEV:
            raise
        try:
            shutil.copytree(source, target, symlinks=True)
        except BaseException:
            shutil.rmtree(target, ignore_errors=True)
            raise
        shutil.rmtree(source)


def _empty_left_behind(root: Path) -> None:
    """Delete the trash folders whose lock nobody holds: their windows are gone."""
    for left in sorted(root.iterdir()) if root.is_dir() else ():
        lock = FileLock(left / LOCK_FILE)
        if left.is_dir() and lock.acquire(process_description()) is None:
            lock.release()
            shutil.rmtree(left, ignore_errors=True)


class Trash:
    """The runs one window deleted, kept until it closes so that each delete can be undone.

    Its folder, ``<LMSTUDIO_HOME>/.trash/<pid>-…/``, is made at the first delete and
    locked while the window is open (several windows may be open at once, each with
    its own). Opening a trash empties the folders of windows that are gone: a lock
    nobody holds was left by a window that crashed before it emptied its trash.
    """

    def __init__(self):
        self.folder: Path | None = None
        self.lock: FileLock | None = None
        # run folder → where it lies (None: it was gone already), and its rows in the index (None: it had none)
        self.kept: dict[str, tuple[Path | None, IndexedRun | None]] = {}
        try:
            _empty_left_behind(user_data_dir() / TRASH)
        except OSError:
            pass  # a trash this process cannot read or lock is left as it is: it only costs disk space

    def place_for(self, run: Path) -> Path:
        if self.folder is None:
            root = user_data_dir() / TRASH
            root.mkdir(parents=True, exist_ok=True)
            folder = Path(tempfile.mkdtemp(dir=root, prefix=f"{os.getpid()}-"))
            lock = FileLock(folder / LOCK_FILE)
            holder = lock.acquire(process_description())
            if holder is not None:
                raise RunBusyError(refusals.TRASH_HELD, folder=folder, holder=holder)
            self.folder, self.lock = folder, lock
        return Path(tempfile.mkdtemp(dir=self.folder, prefix=f"{len(self.kept)}-")) / run.name

    def empty(self) -> None:
        """Delete the kept runs for good; the window closes."""
        if self.folder is not None:
            self.lock.release()
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder, self.lock = None, None
        self.kept.clear()


def trash_run(run_dir: str | os.PathLike, trash: Trash) -> None:
    """Move the run's folder into ``trash`` under the run's lock (a trainer that starts meanwhile finds no run,
    rather than half of one), and its rows out of the index, both kept for ``restore_run``. A folder already
    gone (removed behind the window's back) leaves only its rows to take out."""
    path, place = Path(run_dir), None
    if path.exists():
        path = _run_folder(path)
        with _claimed(path, refusals.BUSY_DELETED):
            place = trash.place_for(path)
            try:
                _move(path, place)
            except BaseException:
                place.parent.rmdir()
                raise
    key = str(Path(run_dir))
    try:
        index = RunIndex()
        try:
            rows = index.forget(key)
        finally:
            index.close()
    except BaseException:  # the index cannot let go of it: the run goes back, as if never asked
        if place is not None:
            _move(place, path)
            place.parent.rmdir()
        raise
    trash.kept[key] = place, rows


def restore_run(run_dir: str, trash: Trash) -> None:
    """Put a run deleted into ``trash`` back where it was, with its rows in the index as they were."""
    if run_dir not in trash.kept:
        raise ConfigError(problem("", refusals.NOT_IN_TRASH, run=run_dir))
    place, rows = trash.kept[run_dir]
    target = Path(run_dir)
    if place is not None:
        if target.exists():
            raise ConfigError(problem("", refusals.PLACE_TAKEN, target=target, place=place))
        _move(place, target)
        place.parent.rmdir()  # the run's slot in the trash, empty now
    del trash.kept[run_dir]
    index = RunIndex()
    try:
        if rows is not None:
            index.restore(rows)
        elif place is not None:
            index.import_run(target)
    finally:
        index.close()
