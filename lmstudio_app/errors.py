"""The project's one exception family.

Everything a user can cause (a bad config, a bad file, a diverging run) is an
``LmStudioError``; the CLI and the GUI catch it at their edges and show its
message as a sentence. Anything else reaching an edge is a bug.
"""

from __future__ import annotations


class LmStudioError(Exception):
    """Base of every error this application reports to a person."""


class ConfigError(LmStudioError):
    """An experiment config with one or more problems, each naming its field."""

    def __init__(self, problems: list[str] | str, source: str = ""):
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        self.source = source
        if len(self.problems) == 1:
            message = f"{source}: {self.problems[0]}" if source else self.problems[0]
        else:
            message = f"{source or 'the experiment'} has {len(self.problems)} problems:" + "".join(
                f"\n  {problem}" for problem in self.problems)
        super().__init__(message)


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


def os_error_sentence(error: OSError, doing: str = "") -> str:
    """What an operating-system error means for the person, with the path and what to do."""
    import errno

    path = error.filename or ""
    where = f"{path}: " if path else ""
    what = f" while {doing}" if doing else ""
    advice = {
        errno.ENOSPC: "no space left on the disk; free some space (old runs, caches) and try again",
        errno.EDQUOT: "the disk quota is used up; free some space and try again",
        errno.EFBIG: "the file grew past this process's file-size limit (ulimit -f); raise it or free space",
        errno.EACCES: "permission denied; make it readable/writable for you, or choose another place",
        errno.EPERM: "not permitted; choose another place",
        errno.EROFS: "the file system is read-only; choose a writable folder",
        errno.ENOENT: "no such file or folder",
        errno.ENOTDIR: "a part of this path is a file where a folder is expected",
        errno.EISDIR: "is a folder where a file is expected",
        errno.ENAMETOOLONG: "the name is too long",
        errno.EEXIST: "already exists",
        errno.ENOTEMPTY: "the folder is not empty",
        errno.EMFILE: "too many open files; close other programs or raise the limit (ulimit -n)",
    }.get(error.errno, error.strerror or str(error))
    return f"{where}{advice}{what}"
