"""Error sentences the engine writes in English, as the window shows them: in the window's language.

Each pattern matches one whole line of an error the window can meet (a file it reads, a model folder it
imports, a run folder it writes) and names its translatable template; a line no pattern matches is shown as
it is. A config error's problems carry their templates (config/messages.py): ``described`` renders them as the
forms do. (Messages as data will make the patterns unnecessary: the engine will hand over the template and its
values.)
"""

from __future__ import annotations

import re

from lmstudio_app.errors import ConfigError, LmStudioError
from lmstudio_app.gui.forms import problem_text
from lmstudio_app.gui.i18n import translatable, translate_matching

ERRORS = tuple((re.compile(pattern), template) for pattern, template in (
    # config/toml_io.py (the parser's own words stay as it wrote them)
    (r"(?P<source>.+): not valid TOML \((?P<detail>.+) \(at line (?P<line>\d+), column (?P<column>\d+)\)\)",
     translatable("{source}: not valid TOML at line {line}, column {column} ({detail})")),
    (r"(?P<source>.+): not valid TOML \((?P<detail>.+)\)", translatable("{source}: not valid TOML ({detail})")),
    (r"(?P<source>.+) has (?P<count>\d+) problems:", translatable("{source} has {count} problems:")),
    # engine/application/transformers_import.py and transformers_shapes.py
    (r"(?P<folder>.+): holds no config\.json, so it is not a transformers checkpoint folder",
     translatable("{folder}: holds no config.json, so it is not a transformers checkpoint folder")),
    (r"(?P<path>.+): cannot be read as (?P<what>\S+) \((?P<detail>.+)\)",
     translatable("{path}: cannot be read as {what} ({detail})")),
    (r"num_key_value_heads = (?P<count>\d+): grouped-query attention has no counterpart here "
     r"\(every head needs its own keys and values\)",
     translatable("num_key_value_heads = {count}: grouped-query attention has no counterpart here (every head needs "
                  "its own keys and values)")),
    # engine/runs.py
    (r"(?P<folder>.+) already holds a run; continue it with 'lmstudio resume (?P<same>.+)' or choose another --out "
     r"folder", translatable("{folder} already holds a run; continue it with 'lmstudio resume {same}' or choose "
                             "another --out folder")),
    # engine/runs.py and engine/application/runs.py: a run another process writes
    (r"(?P<run>.+) is being written by another process: (?P<holder>.+)\. It cannot be deleted until that process "
     r"ends \(stop it, or wait\); nothing was changed",
     translatable("{run} is being written by another process: {holder}. It cannot be deleted until that process ends "
                  "(stop it, or wait); nothing was changed")),
    (r"(?P<run>.+) is being written by another process: (?P<holder>.+)\. It cannot be renamed until that process "
     r"ends \(stop it, or wait\); nothing was changed",
     translatable("{run} is being written by another process: {holder}. It cannot be renamed until that process ends "
                  "(stop it, or wait); nothing was changed")),
    (r"(?P<run>.+) is being written by another process: (?P<holder>.+)\. It cannot be exported until that process "
     r"ends \(stop it, or wait\); nothing was changed",
     translatable("{run} is being written by another process: {holder}. It cannot be exported until that process "
                  "ends (stop it, or wait); nothing was changed")),
    (r"(?P<run>.+) is being written by another process: (?P<holder>.+)\. Wait for it to end \(or stop it\), then "
     r"try again; other commands can read the run meanwhile",
     translatable("{run} is being written by another process: {holder}. Wait for it to end (or stop it), then try "
                  "again; other commands can read the run meanwhile")),
    # engine/data/text_files.py
    (r"(?P<path>.+): the file is empty", translatable("{path}: the file is empty")),
    (r"(?P<path>.+): line (?P<line>\d+) is not valid UTF-8 \(byte (?P<byte>0x[0-9a-f]{2}) at column (?P<column>\d+)\); "
     r"it looks like Chinese text in (?P<encoding>.+?): convert it with (?P<command>iconv .+)",
     translatable("{path}: line {line} is not valid UTF-8 (byte {byte} at column {column}); it looks like Chinese "
                  "text in {encoding}: convert it with {command}")),
    (r"(?P<path>.+): line (?P<line>\d+) is not valid UTF-8 \(byte (?P<byte>0x[0-9a-f]{2}) at column (?P<column>\d+)\); "
     r"the file may be Latin-1 or Windows-1252: re-save it as UTF-8 \((?P<command>iconv .+)\)",
     translatable("{path}: line {line} is not valid UTF-8 (byte {byte} at column {column}); the file may be Latin-1 "
                  "or Windows-1252: re-save it as UTF-8 ({command})")),
    (r"(?P<path>.+): line (?P<line>\d+) is longer than (?P<limit>[\d,]+) bytes; split the text into lines or "
     r"paragraphs", translatable("{path}: line {line} is longer than {limit} bytes; split the text into lines or "
                                 "paragraphs")),
    # gui/worker.py: a bug, said as it is
    (r"unexpected error: (?P<detail>.+)", translatable("unexpected error: {detail}")),
))


def described(error: LmStudioError) -> str:
    """An error's message for ``error_text``, a config error's problems already in the window's language."""
    if isinstance(error, ConfigError):
        return str(ConfigError([problem_text(problem) for problem in error.problems], error.source))
    return str(error)


def error_text(message: str) -> str:
    """An error for the window, line by line in its language."""
    return "\n".join(translate_matching(line, ERRORS) for line in message.split("\n"))
