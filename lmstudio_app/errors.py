"""The project's one exception family.

Everything a user can cause (a bad config, a bad file, a diverging run) is an
``LmStudioError``; the CLI and the GUI catch it at their edges and show its
message as a sentence. Anything else reaching an edge is a bug.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lmstudio_app.config.messages import Message, Problem

# (config.messages is imported where it is used: importing the config package imports this module.)


class LmStudioError(Exception):
    """Base of every error this application reports to a person: a catalogue template and its values
    (``message``), its English sentence being the exception's text (``str(error)``, what the CLI prints)."""

    def __init__(self, template: str, /, **params: Any):
        from lmstudio_app.config.messages import Message

        self._say(Message(template, params))

    def _say(self, message: Message) -> None:
        self.message = message
        super().__init__(message.english())

    def __reduce__(self):  # copy and pickle rebuild the error from its message, not from its English
        return _rebuilt, (type(self), self.message)


def _rebuilt(kind: type[LmStudioError], message: Message) -> LmStudioError:
    error = kind.__new__(kind)
    error._say(message)
    return error


class ConfigError(LmStudioError):
    """An experiment config with one or more problems, each naming its field."""

    def __init__(self, problems: list[Problem] | Problem, source: str = ""):
        from lmstudio_app.config import error_messages as refusals
        from lmstudio_app.config.messages import Message

        self.problems = [problems] if isinstance(problems, str) else list(problems)
        self.source = source
        lines = [problem.line for problem in self.problems]
        if len(lines) == 1:
            message = Message(refusals.SOURCE_PROBLEM, {"source": source, "problem": lines[0]}) if source else lines[0]
        else:
            message = Message(refusals.PROBLEMS, {"source": source or Message(refusals.THE_EXPERIMENT),
                                             "count": len(lines),
                                             "problems": tuple(Message(refusals.LISTED, {"problem": line})
                                                               for line in lines)})
        self._say(message)

    def __reduce__(self):
        return type(self), (self.problems, self.source)


class DataError(LmStudioError):
    """A corpus or task file that cannot be used; the message names the file."""


class TokenizerError(LmStudioError):
    """A tokenizer that cannot be trained, loaded or used."""


class CheckpointError(LmStudioError):
    """A run folder or checkpoint that is missing, incomplete or not ours."""


class OutputPathError(LmStudioError):
    """A path given for a file to write that holds something a file must not replace (a device, a pipe)."""


class Cancelled(BaseException):
    """A stop requested while data was being prepared. Not an error, and a BaseException so that
    code turning library exceptions into ``LmStudioError`` lets it through."""


class TrainingError(LmStudioError):
    """Training stopped because it cannot go on (non-finite loss, out of memory)."""


class RunBusyError(LmStudioError):
    """A run folder another process is writing; the message names that process."""


def os_error_sentence(error: OSError) -> Message:
    """What an operating-system error means for the person, with the path and what to do."""
    import errno

    from lmstudio_app.config import error_messages as refusals
    from lmstudio_app.config.messages import Message

    advice = {
        errno.ENOSPC: refusals.NO_SPACE,
        errno.EDQUOT: refusals.QUOTA,
        errno.EFBIG: refusals.FILE_TOO_BIG,
        errno.EACCES: refusals.NO_ACCESS,
        errno.EPERM: refusals.NOT_PERMITTED,
        errno.EROFS: refusals.READ_ONLY,
        errno.ENOENT: refusals.NO_SUCH_PATH,
        errno.ENOTDIR: refusals.NOT_A_FOLDER_IN_PATH,
        errno.EISDIR: refusals.IS_A_FOLDER,
        errno.ENAMETOOLONG: refusals.NAME_TOO_LONG,
        errno.EEXIST: refusals.ALREADY_EXISTS,
        errno.ENOTEMPTY: refusals.FOLDER_NOT_EMPTY,
        errno.EMFILE: refusals.TOO_MANY_FILES,
    }.get(error.errno)
    # Without advice of ours, the system's own words (in English)
    what = Message(advice) if advice else Message(refusals.SYSTEM_SAYS, {"detail": error.strerror or str(error)})
    return Message(refusals.AT_PATH, {"path": error.filename, "what": what}) if error.filename else what
