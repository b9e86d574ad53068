"""Small file-system helpers shared by every layer (stdlib only)."""

from __future__ import annotations

import hashlib
import os
import stat
import tempfile
from pathlib import Path

from lmstudio_app.errors import OutputPathError


def atomic_write_bytes(path: str | os.PathLike, data: bytes) -> None:
    """Write a file so that readers see either the old or the new content, never a mix.

    The new content goes to a temporary file that then replaces the old one, so only a regular file (or
    nothing) may be at ``path``; through a symbolic link, the regular file it points to is replaced and the
    link stays. Anything else there is refused by name (``OutputPathError``): a device, a pipe or a socket
    would be replaced by a plain file, and a folder cannot be.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    target = _replaceable(path)
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _replaceable(path: Path) -> Path:
    """The file an atomic write of ``path`` replaces: ``path``, or the regular file its link points to."""
    # (imported here: the config package, which error_messages belongs to, imports this module)
    from lmstudio_app.config import error_messages as refusals
    from lmstudio_app.config.messages import Message

    try:
        mode = path.stat().st_mode  # through links: what a write would reach
    except FileNotFoundError:
        mode = None  # nothing there yet (or a link to nothing, which the write creates)
    if mode is not None and not stat.S_ISREG(mode):
        kinds = ((stat.S_ISDIR, refusals.A_FOLDER), (stat.S_ISCHR, refusals.A_CHARACTER_DEVICE),
                 (stat.S_ISBLK, refusals.A_BLOCK_DEVICE), (stat.S_ISFIFO, refusals.A_NAMED_PIPE), (stat.S_ISSOCK, refusals.A_SOCKET))
        kind = Message(next((name for test, name in kinds if test(mode)), refusals.AN_UNUSUAL_FILE))
        if path.is_symlink():
            raise OutputPathError(refusals.LINK_NOT_REGULAR, path=path, kind=kind, target=os.readlink(path))
        raise OutputPathError(refusals.NOT_REGULAR_OUTPUT, path=path, kind=kind)
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def sha256_file(path: str | os.PathLike) -> str:
    """Hex SHA-256 of a file, read in 1 MiB chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def atomic_write_text(path: str | os.PathLike, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


def runs_root() -> Path:
    """Where new runs go unless told otherwise."""
    return user_data_dir() / "runs"


def user_data_dir() -> Path:
    """Where runs, caches and the run index live; ``LMSTUDIO_HOME`` overrides it."""
    override = os.environ.get("LMSTUDIO_HOME")
    if override:
        return Path(override).expanduser()
    if os.name == "nt":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
    elif os.uname().sysname == "Darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share"))
    return base / "lmstudio"


class FileLock:
    """An exclusive, non-blocking OS lock on a file, held until ``release`` or the process's end.

    The operating system releases it when the process dies, however it dies, so
    a killed process never leaves a stale lock. The holder writes a line about
    itself into the file, which others read to say who holds it.
    """

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        self.handle = None

    def acquire(self, holder: str, attempts: int = 5) -> str | None:
        """Take the lock and return None, or return the line of the process that holds it. A few quick
        retries let a reader's momentary look (``holder``) pass."""
        import time

        handle = open(self.path, "a+b")  # noqa: SIM115 - held open for the lock's life
        for attempt in range(attempts):
            try:
                _lock(handle, exclusive=True)
                break
            except OSError:
                if attempt == attempts - 1:
                    handle.seek(0)
                    held_by = handle.read(500).decode("utf-8", "replace").strip() or "another process"
                    handle.close()
                    return held_by
                time.sleep(0.05)
        handle.seek(0)
        handle.truncate()
        handle.write(holder.encode("utf-8"))
        handle.flush()
        self.handle = handle
        return None

    def release(self) -> None:
        if self.handle is not None:
            self.handle.close()  # closing the descriptor releases the lock
            self.handle = None

    @staticmethod
    def holder(path: str | os.PathLike) -> str | None:
        """The line of the process that holds the lock now, or None when nobody does (a look that does not
        take the lock from anyone)."""
        try:
            handle = open(path, "rb")  # noqa: SIM115
        except OSError:
            return None
        with handle:
            try:
                _lock(handle, exclusive=False)
            except OSError:
                return handle.read(500).decode("utf-8", "replace").strip() or "another process"
            return None


def _lock(handle, exclusive: bool) -> None:
    """A non-blocking lock on an open file (released when the file is closed); OSError when it is taken."""
    if os.name == "nt":
        import msvcrt

        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK if exclusive else msvcrt.LK_NBRLCK, 1)
    else:
        import fcntl

        fcntl.flock(handle.fileno(), (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)


def process_description() -> str:
    """Who this process is, for messages about what it holds: pid, host, command line, start time."""
    import socket
    import sys
    import time

    command = " ".join(Path(sys.argv[0]).name.split() + sys.argv[1:3]) if sys.argv and sys.argv[0] else "python"
    return f"pid {os.getpid()} on {socket.gethostname()} ({command}), since {time.strftime('%Y-%m-%d %H:%M:%S')}"
