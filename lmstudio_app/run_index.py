"""The index of runs and their metric series, in SQLite in the user data folder.

Stdlib only, so the GUI's run browser can read it without the engine. The
database is in WAL mode: the GUI reads while a training run writes. Each
thread opens its own ``RunIndex`` (SQLite connections stay in their thread).

The index is a cache of the run folders: every row can be read back from a
folder (``import_run``). A damaged index file is set aside, never deleted, and
rebuilt from the run folders it can find (those under the runs folder, and
every folder ever indexed, from a plain journal beside it); ``notice`` then
says so, once. A row holding what no run can hold (a start time that is no
time, a loss that is no number) means the file is damaged too. An index that is
missing or empty while run folders exist is rebuilt on opening as well, and a
writer re-opens the index by its path when the file it had open was set aside
or replaced, so its run's final state lands in the index everyone reads.
"""

from __future__ import annotations

import functools
import json
import math
import os
import re
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

import tomllib

from lmstudio_app.config import ExperimentConfig, from_toml, load_config
from lmstudio_app.config.model_stats import (
    parameter_count,
    training_flops_per_token,
    training_seq_len,
)
from lmstudio_app.errors import LmStudioError
from lmstudio_app.fsutil import FileLock, runs_root, user_data_dir
from lmstudio_app.run_folder import (
    CONFIG_FILE,
    IMPORTED_FILE,
    LOCK_FILE,
    METRICS_FILE,
    checkpoint_steps,
    find_run_folders,
    holds_run,
)

BUSY_TIMEOUT = 30.0  # seconds a write waits for another process's lock on the index before it fails
READ_TIMEOUT = 1.0  # seconds a reader waits for it (the runs are then read from their folders, or not shown)
LATEST_TIME = 32503680000.0  # 3000-01-01: a start time past it is no time a run started (nor one localtime reads)
LARGEST_PID = 2**31 - 1  # a process id beyond a C int is no process id (os.kill overflows on it)
_COLUMNS = ("run_dir, name, family, objective, task, status, created, updated, step, total_steps, "
            "best_validation_loss, final_loss, parameters, pid, config")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    run_dir TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    family TEXT NOT NULL,
    objective TEXT NOT NULL,
    task TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,
    created REAL NOT NULL,
    updated REAL NOT NULL,
    step INTEGER NOT NULL DEFAULT 0,
    total_steps INTEGER NOT NULL,
    best_validation_loss REAL,
    final_loss REAL,
    parameters INTEGER NOT NULL DEFAULT 0,
    pid INTEGER,
    config TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS metrics (
    run_dir TEXT NOT NULL,
    step INTEGER NOT NULL,
    split TEXT NOT NULL,
    name TEXT NOT NULL,
    value REAL,
    PRIMARY KEY (run_dir, split, name, step)
) WITHOUT ROWID;
"""


@dataclass(frozen=True)
class RunRecord:
    run_dir: str
    name: str
    family: str
    objective: str
    task: str
    status: str
    created: float
    updated: float
    step: int
    total_steps: int
    best_validation_loss: float | None
    final_loss: float | None
    parameters: int
    pid: int | None
    config: str

    @functools.cached_property  # the table, its labels and the overlay all ask; the TOML is parsed once
    def start(self) -> str:
        """Where a fine-tune started ("from <run folder>" or "from scratch"); "" for pretraining."""
        if not self.task:
            return ""
        try:
            source = tomllib.loads(self.config).get("finetune", {}).get("from_run", "")
        except tomllib.TOMLDecodeError:
            return ""
        return f"from {Path(source).name}" if source else "from scratch"

    @property
    def live_status(self) -> str:
        """The status, except that a 'running' run whose process is gone is 'crashed'."""
        if self.status == "running" and self.pid and not _alive(self.pid):
            return "crashed"
        return self.status


def seconds_to_train(config: ExperimentConfig, flops_per_second: float) -> float:
    """How long ``config`` trains at a measured speed: its tokens times its FLOPs per token."""
    t = config.training
    tokens = t.steps * t.batch_size * t.grad_accumulation * training_seq_len(config)
    return tokens * training_flops_per_token(config) / flops_per_second


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _finite_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def row_problem(row: tuple) -> str:
    """What makes a row of the runs table one that no run wrote (text where a time or a loss belongs, a pid or a
    time out of range), or "" for a sound row."""
    values = dict(zip((name.strip() for name in _COLUMNS.split(",")), row))
    for name in ("run_dir", "name", "family", "objective", "task", "status", "config"):
        if not isinstance(values[name], str):
            return f"{name} holds {values[name]!r}"
    for name in ("created", "updated"):
        if not (_finite_number(values[name]) and 0 <= values[name] <= LATEST_TIME):
            return f"{name} holds {values[name]!r}"
    for name in ("step", "total_steps", "parameters"):
        if not (isinstance(values[name], int) and values[name] >= 0):
            return f"{name} holds {values[name]!r}"
    for name in ("best_validation_loss", "final_loss"):
        if values[name] is not None and not _finite_number(values[name]):
            return f"{name} holds {values[name]!r}"
    if values["pid"] is not None and not (isinstance(values["pid"], int) and 0 < values["pid"] <= LARGEST_PID):
        return f"pid holds {values['pid']!r}"
    return ""


@dataclass(frozen=True)
class IndexedRun:
    """A run's rows in the index as they were when it was forgotten: what undoing a delete writes back (its
    place in the list, its name and its series, as they were)."""

    run: tuple
    metrics: tuple[tuple, ...]


Series = tuple[list[int], list[float]]  # steps, and the metric's value at each


class DamagedIndex(sqlite3.DatabaseError):
    """A row of the index that no run wrote: the file is damaged, as one SQLite cannot read is."""


def lock_holder_pid(holder: str | None) -> int | None:
    """The process id a run's lock line names ("pid 1234 on host …"), when it is one."""
    found = re.match(r"pid (\d+)", holder or "")
    return int(found.group(1)) if found and 0 < int(found.group(1)) <= LARGEST_PID else None


def _identity(path: Path) -> tuple[int, int] | None:
    """Which file ``path`` names now (device, inode), or None when there is none."""
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_dev, status.st_ino


def metric_rows(path: Path) -> dict[str, list[dict]]:
    """metrics.jsonl's rows by split: "train", "validation" and "baseline" (the n-gram models, at step 0)."""
    splits: dict[str, list[dict]] = {"train": [], "validation": [], "baseline": []}
    if not path.is_file():
        return splits
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            row = json.loads(line)
        except ValueError:
            continue  # a line torn by a crash
        if isinstance(row, dict) and isinstance(row.get("step"), int):
            row = {k: float(v) if isinstance(v, int) and k != "step" else v for k, v in row.items()}
            row = {k: v for k, v in row.items() if not isinstance(v, float) or math.isfinite(v)}
            splits[row.get("split") if row.get("split") in splits else "train"].append(row)
    return splits


def _journal() -> Path:
    return user_data_dir() / "run-folders.txt"


def _remember(run_dir: str) -> None:
    """Every run folder ever indexed, one per line, so a damaged index can be rebuilt with runs kept outside
    the runs folder too."""
    try:
        with open(_journal(), "a", encoding="utf-8") as journal:
            journal.write(run_dir + "\n")
    except OSError:
        pass  # the index itself still has the run; the journal only helps a rebuild


def _remembered() -> set[Path]:
    try:
        return {Path(line) for line in _journal().read_text(encoding="utf-8").splitlines() if line.strip()}
    except OSError:
        return set()


def index_path() -> Path:
    return user_data_dir() / "runs.sqlite"


def _damaged(error: sqlite3.DatabaseError) -> bool:
    """Whether an error opening the index means its file is not a usable index (rather than busy or
    forbidden, which are the person's to fix)."""
    message = str(error).lower()
    if "locked" in message or "unable to open" in message or "readonly" in message or "disk i/o" in message:
        return False
    return type(error) in (sqlite3.DatabaseError, DamagedIndex) or any(
        sign in message for sign in ("not a database", "malformed", "no such column", "no such table", "corrupt"))


class RunIndex:
    """``timeout``: seconds to wait for another process's lock on the index (a reader that has another way to
    list runs waits less). ``path`` ":memory:" is an index of this process alone, rebuilt from the folders."""

    def __init__(self, path: Path | None = None, timeout: float = BUSY_TIMEOUT):
        self.path = path or index_path()
        self.timeout = timeout
        self.notice = ""  # what opening had to repair, for a front end to say once
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._open()
            self.runs()  # a row no run wrote is damage too
        except sqlite3.DatabaseError as error:
            if not _damaged(error):
                raise
            if hasattr(self, "connection"):
                self.connection.close()
            aside = self._set_aside()
            self._open()
            found = self.rebuild()
            self.notice = (f"the run index {self.path} was damaged ({error}); it is kept as {aside.name} and was "
                           f"rebuilt from {found} run folder{'s' if found != 1 else ''}")
            return
        if not self.connection.execute("SELECT 1 FROM runs LIMIT 1").fetchall():
            # Missing (deleted, or never made) or replaced by an empty file while runs exist: read them back.
            found = self.rebuild()
            if found:
                self.notice = (f"the run index {self.path} was missing or empty; it was rebuilt from {found} run "
                               f"folder{'s' if found != 1 else ''}")

    @property
    def moved(self) -> bool:
        """The file this index has open is no longer the one at its path (set aside as damaged, deleted, or
        replaced): what it writes now, nobody reads."""
        return str(self.path) != ":memory:" and _identity(self.path) != self.identity

    def _open(self) -> None:
        self.connection = sqlite3.connect(self.path, timeout=self.timeout)
        try:
            self.connection.execute("PRAGMA journal_mode=WAL")
            self.connection.execute("PRAGMA synchronous=NORMAL")
            self.connection.executescript(_SCHEMA)
            self.connection.execute(f"SELECT {_COLUMNS} FROM runs LIMIT 1").fetchall()
            self.connection.execute("SELECT run_dir, step, split, name, value FROM metrics LIMIT 1").fetchall()
        except sqlite3.Error:
            self.connection.close()
            raise
        self.identity = _identity(self.path)

    def _set_aside(self) -> Path:
        stamp = f"{self.path.name}.damaged-{time.strftime('%Y%m%d-%H%M%S')}"
        aside, counter = self.path.with_name(stamp), 1
        while aside.exists():  # set aside twice in a second: the first one kept too
            counter += 1
            aside = self.path.with_name(f"{stamp}-{counter}")
        self.path.rename(aside)
        for suffix in ("-wal", "-shm"):
            companion = self.path.with_name(self.path.name + suffix)
            if companion.exists():
                companion.rename(aside.with_name(aside.name + suffix))
        return aside

    def close(self) -> None:
        self.connection.close()

    def register(self, run_dir: str, name: str, family: str, objective: str, total_steps: int, config_toml: str,
                 parameters: int = 0, task: str = "") -> None:
        now = time.time()
        if self.get(run_dir) is None:
            _remember(run_dir)
        with self.connection:
            self.connection.execute(
                "INSERT INTO runs (run_dir, name, family, objective, task, status, created, updated, total_steps, "
                "parameters, pid, config) VALUES (?, ?, ?, ?, ?, 'running', ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT(run_dir) DO UPDATE SET status='running', updated=excluded.updated, "
                "total_steps=excluded.total_steps, pid=excluded.pid, config=excluded.config",
                (run_dir, name, family, objective, task, now, now, total_steps, parameters, os.getpid(), config_toml))

    def update(self, run_dir: str, **fields) -> None:
        allowed = {"status", "step", "best_validation_loss", "final_loss", "name"}
        unknown = set(fields) - allowed
        if unknown:
            raise ValueError(f"cannot update {unknown}")
        fields["updated"] = time.time()
        assignments = ", ".join(f"{key} = ?" for key in fields)
        with self.connection:
            self.connection.execute(f"UPDATE runs SET {assignments} WHERE run_dir = ?", (*fields.values(), run_dir))

    def add_metrics(self, run_dir: str, step: int, split: str, metrics: dict[str, float]) -> None:
        with self.connection:
            self.connection.executemany(
                "INSERT OR REPLACE INTO metrics (run_dir, step, split, name, value) VALUES (?, ?, ?, ?, ?)",
                [(run_dir, step, split, name, value) for name, value in metrics.items()])

    def runs(self) -> list[RunRecord]:
        """Every run, newest first; DamagedIndex when a row holds what no run wrote."""
        rows = self.connection.execute(f"SELECT {_COLUMNS} FROM runs ORDER BY created DESC").fetchall()
        for row in rows:
            problem = row_problem(row)
            if problem:
                raise DamagedIndex(f"the row of {row[0]!r}: {problem}")
        return [RunRecord(*row) for row in rows]

    def get(self, run_dir: str) -> RunRecord | None:
        return next((r for r in self.runs() if r.run_dir == run_dir), None)

    def series(self, run_dir: str, name: str, split: str = "train") -> tuple[list[int], list[float]]:
        rows = self.connection.execute(
            "SELECT step, value FROM metrics WHERE run_dir = ? AND split = ? AND name = ? ORDER BY step",
            (run_dir, split, name)).fetchall()
        return [r[0] for r in rows], [r[1] for r in rows]

    def all_series(self, run_dir: str) -> dict[tuple[str, str], Series]:
        """Every metric the run logged, by (split, name), in one read."""
        found: dict[tuple[str, str], Series] = {}
        for split, name, step, value in self.connection.execute(
                "SELECT split, name, step, value FROM metrics WHERE run_dir = ? ORDER BY split, name, step",
                (run_dir,)):
            steps, values = found.setdefault((split, name), ([], []))
            steps.append(step)
            values.append(value)
        return found

    def measured_flops_per_second(self, runs: list[RunRecord]) -> float | None:
        """Training FLOPs a second that the newest run of ``runs`` with a measured speed reached on this
        machine (its median tokens/s × its FLOPs per token), or None when no run has one."""
        for record in runs:
            _, speeds = self.series(record.run_dir, "tokens_per_second", "train")
            speeds = sorted(s for s in speeds if s and math.isfinite(s))
            if len(speeds) < 3:
                continue
            try:
                measured = from_toml(record.config, source=record.run_dir)
            except LmStudioError:
                continue
            return training_flops_per_token(measured) * speeds[len(speeds) // 2]
        return None

    def metric_names(self, run_dir: str) -> list[tuple[str, str]]:
        rows = self.connection.execute("SELECT DISTINCT split, name FROM metrics WHERE run_dir = ?", (run_dir,))
        return sorted(rows.fetchall())

    def rename(self, run_dir: str, name: str) -> None:
        self.update(run_dir, name=name)

    def forget_metrics_after(self, run_dir: str, step: int) -> None:
        """A resumed run trains these steps again: their old rows go."""
        with self.connection:
            self.connection.execute("DELETE FROM metrics WHERE run_dir = ? AND step > ?", (run_dir, step))

    def import_run(self, run_dir: Path) -> None:
        """Read a run back from its folder: its config, metrics and checkpoints (the source of truth)."""
        config_path = run_dir / CONFIG_FILE
        config_text = config_path.read_text(encoding="utf-8")
        config = load_config(config_path)
        rows = metric_rows(run_dir / METRICS_FILE)
        train_rows, validation_rows = rows["train"], rows["validation"]
        step = max([*checkpoint_steps(run_dir), *(row["step"] for row in train_rows), 0])
        losses = [row["loss"] for row in validation_rows if isinstance(row.get("loss"), float)]
        holder = FileLock.holder(run_dir / LOCK_FILE)
        pid = lock_holder_pid(holder)
        imported = step == 0 and (run_dir / IMPORTED_FILE).is_file()
        status = "running" if holder else "imported" if imported else \
            "completed" if step >= config.training.steps else "stopped"
        created = config_path.stat().st_mtime
        if not 0 <= created <= LATEST_TIME:  # a clock gone wrong: such a row would be taken for damage
            created = time.time()
        key = str(run_dir)
        with self.connection:
            self.connection.execute(f"INSERT OR REPLACE INTO runs ({_COLUMNS}) VALUES "
                                    f"(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                    (key, config.name, config.model.family, config.objective.name,
                                     config.finetune.task, status, created, time.time(), step, config.training.steps,
                                     min(losses) if losses else None, losses[-1] if losses else None,
                                     parameter_count(config), pid, config_text))
            self.connection.execute("DELETE FROM metrics WHERE run_dir = ?", (key,))
            for split, split_rows in rows.items():
                self.connection.executemany(
                    "INSERT OR REPLACE INTO metrics (run_dir, step, split, name, value) VALUES (?, ?, ?, ?, ?)",
                    [(key, row["step"], split, name, value) for row in split_rows for name, value in row.items()
                     if name not in ("step", "split") and (value is None or isinstance(value, float))])

    def rebuild(self) -> int:
        """Read every run folder back: those the index knows that still exist, and every one under the runs
        folder; rows whose folder is gone are dropped. Returns how many runs were read."""
        known = {Path(row[0]) for row in self.connection.execute("SELECT run_dir FROM runs")} | _remembered()
        folders = {p for p in known if holds_run(p)} | set(find_run_folders(runs_root()))
        for gone in known - folders:
            self.forget(str(gone))
        read = 0
        for folder in sorted(folders):
            try:
                self.import_run(folder)
                read += 1
            except (OSError, ValueError, LmStudioError):
                continue  # a folder that is no readable run stays out of the index
        return read

    def forget(self, run_dir: str) -> IndexedRun | None:
        """Drop the run's rows; returns them (None when the index did not hold the run)."""
        with self.connection:
            run = self.connection.execute(f"SELECT {_COLUMNS} FROM runs WHERE run_dir = ?", (run_dir,)).fetchone()
            metrics = self.connection.execute("SELECT run_dir, step, split, name, value FROM metrics "
                                              "WHERE run_dir = ?", (run_dir,)).fetchall()
            self.connection.execute("DELETE FROM metrics WHERE run_dir = ?", (run_dir,))
            self.connection.execute("DELETE FROM runs WHERE run_dir = ?", (run_dir,))
        return None if run is None else IndexedRun(run, tuple(metrics))

    def restore(self, rows: IndexedRun) -> None:
        """Write a forgotten run's rows back, as they were."""
        with self.connection:
            self.connection.execute(f"INSERT OR REPLACE INTO runs ({_COLUMNS}) VALUES "
                                    f"(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows.run)
            self.connection.execute("DELETE FROM metrics WHERE run_dir = ?", (rows.run[0],))
            self.connection.executemany("INSERT INTO metrics (run_dir, step, split, name, value) "
                                        "VALUES (?, ?, ?, ?, ?)", rows.metrics)

