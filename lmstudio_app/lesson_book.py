"""What the lessons remember: each lesson's last verdict with its numbers and run folders, and the pretrained runs
lessons share, in ``lessons.json`` in the user data folder (stdlib only: ``lmstudio lessons`` and the window read it
without torch).

The file is written whole and atomically; one that cannot be read is a sentence (``LessonBook.problem``), the book
starts empty, and the next verdict replaces the file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lmstudio_app.config import lessons
from lmstudio_app.config.messages import Message
from lmstudio_app.events import LessonJudged
from lmstudio_app.fsutil import atomic_write_text, user_data_dir

BOOK_FILE = "lessons.json"
FORMAT = 1


def book_path() -> Path:
    return user_data_dir() / BOOK_FILE


def _encoded(value: Any) -> Any:
    if isinstance(value, Message):
        return {"template": str(value.template), "params": {k: _encoded(v) for k, v in value.params.items()}}
    if isinstance(value, tuple):
        return {"lines": [_encoded(item) for item in value]}
    return str(value)


def _decoded(value: Any) -> Any:
    if isinstance(value, dict) and "template" in value:
        return Message(value["template"], {k: _decoded(v) for k, v in value.get("params", {}).items()})
    if isinstance(value, dict) and "lines" in value:
        return tuple(_decoded(item) for item in value["lines"])
    if isinstance(value, str):
        return value
    raise ValueError(f"not a value of a verdict: {value!r}")


def _record(judged: LessonJudged) -> dict:
    return {"held": judged.held, "values": {k: _encoded(v) for k, v in judged.values.items()},
            "runs": [list(run) for run in judged.runs], "long": judged.long,
            "problem": _encoded(judged.problem) if judged.problem else None}


def _judged(name: str, record: dict) -> LessonJudged:
    held = record["held"]
    if held not in (True, False, None):
        raise ValueError(f"held is {held!r}")
    return LessonJudged(name, held, {k: _decoded(v) for k, v in record["values"].items()},
                        tuple((str(label), str(run)) for label, run in record["runs"]), bool(record["long"]),
                        _decoded(record["problem"]) if record.get("problem") else None)


@dataclass
class LessonBook:
    verdicts: dict[str, LessonJudged] = field(default_factory=dict)  # lesson → its last verdict
    pretrained: dict[str, str] = field(default_factory=dict)  # pretraining experiment → its run folder
    problem: Message | None = None  # why the file could not be read

    def save(self) -> None:
        data = {"format": FORMAT, "verdicts": {name: _record(judged) for name, judged in self.verdicts.items()},
                "pretrained": self.pretrained}
        path = book_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(path, json.dumps(data, ensure_ascii=False, indent=1))


def read_book() -> LessonBook:
    """The lessons' record, or an empty one with its ``problem`` when the file is damaged."""
    path = book_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        book = LessonBook({name: _judged(name, record) for name, record in data["verdicts"].items()
                           if name in lessons.LESSONS_BY_NAME},
                          {str(key): str(run) for key, run in data["pretrained"].items()})
    except FileNotFoundError:
        return LessonBook()
    except (OSError, UnicodeError, ValueError, KeyError, TypeError, AttributeError) as error:
        return LessonBook(problem=Message(lessons.BOOK_DAMAGED, {"path": str(path), "reason": str(error) or
                                                                 type(error).__name__}))
    return book


def remember(judged: LessonJudged) -> None:
    """Keep ``judged`` as its lesson's last verdict."""
    book = read_book()
    book.verdicts[judged.lesson] = judged
    book.save()


def remember_pretrained(key: str, run_dir: str) -> None:
    book = read_book()
    book.pretrained[key] = run_dir
    book.save()
