"""The index of runs and their metric series, in SQLite in the user data folder.

Stdlib only, so the GUI's run browser can read it without the engine. The
database is in WAL mode: the GUI reads while a training run writes. Each
thread opens its own ``RunIndex`` (SQLite connections stay in their thread).
"""

from __future__ import annotations

import os
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from lmstudio_app.fsutil import user_data_dir

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

    @property
    def live_status(self) -> str:
        """The status, except that a 'running' run whose process is gone is 'crashed'."""
        if self.status == "running" and self.pid and not _alive(self.pid):
            return "crashed"
        return self.status


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def index_path() -> Path:
    return user_data_dir() / "runs.sqlite"


class RunIndex:
    def __init__(self, path: Path | None = None):
        self.path = path or index_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.connection = sqlite3.connect(self.path, timeout=30.0)
        self.connection.execute("PRAGMA journal_mode=WAL")
        self.connection.execute("PRAGMA synchronous=NORMAL")
        self.connection.executescript(_SCHEMA)

    def close(self) -> None:
        self.connection.close()

    def register(self, run_dir: str, name: str, family: str, objective: str, total_steps: int, config_toml: str,
                 parameters: int = 0, task: str = "") -> None:
        now = time.time()
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
        rows = self.connection.execute(
            "SELECT run_dir, name, family, objective, task, status, created, updated, step, total_steps, "
            "best_validation_loss, final_loss, parameters, pid, config FROM runs ORDER BY created DESC").fetchall()
        return [RunRecord(*row) for row in rows]

    def get(self, run_dir: str) -> RunRecord | None:
        return next((r for r in self.runs() if r.run_dir == run_dir), None)

    def series(self, run_dir: str, name: str, split: str = "train") -> tuple[list[int], list[float]]:
        rows = self.connection.execute(
            "SELECT step, value FROM metrics WHERE run_dir = ? AND split = ? AND name = ? ORDER BY step",
            (run_dir, split, name)).fetchall()
        return [r[0] for r in rows], [r[1] for r in rows]

    def metric_names(self, run_dir: str) -> list[tuple[str, str]]:
        rows = self.connection.execute("SELECT DISTINCT split, name FROM metrics WHERE run_dir = ?", (run_dir,))
        return sorted(rows.fetchall())

    def rename(self, run_dir: str, name: str) -> None:
        self.update(run_dir, name=name)

    def forget(self, run_dir: str) -> None:
        with self.connection:
            self.connection.execute("DELETE FROM metrics WHERE run_dir = ?", (run_dir,))
            self.connection.execute("DELETE FROM runs WHERE run_dir = ?", (run_dir,))

