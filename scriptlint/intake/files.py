"""Files on disk: read without trusting them (inside a root, regular files only, never past a size limit),
and written so that they are never seen half-written.

Every file scriptlint reads for a check (a script, an include, a sidecar, a cache entry) goes through
`read_file`: the name is resolved and checked against the roots it must stay in before anything is
opened; `stat` says whether it is a regular file (a FIFO would block, a device never ends) and how big
it is; only then is it opened (non-blocking, in case it was swapped for a FIFO), checked to be the
file that was examined, and read up to the limit plus one byte. `state_of` gives what the result cache
keys on for a file, with the same checks: a refused file is never opened, so never hashed.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Sequence

from scriptlint.intake.decoding import digest

# Reads are done in pieces of this size, so that a file growing while it is read stops at the limit.
_CHUNK = 1 << 20


class Refused(Exception):
    """A file that was not read, why, and the finding it makes: SL01 (not a readable file) or SL04 (refused
    by the limits: outside the root, too big, several names)."""

    def __init__(self, code: str, message: str, state: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        # A short word for what was found, without the file's content (the result cache keys on it).
        self.state = state


def real(path: str | os.PathLike[str]) -> str:
    """The real path of a name (symbolic links and `..` resolved), never raising for loops or odd names."""
    return os.path.realpath(os.fspath(path))


def inside(path: str, root: str) -> bool:
    """Whether a real path is the root itself or under it (both already resolved)."""
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def checked_name(path: str | os.PathLike[str]) -> str:
    """The path as text; raise Refused for names no file can have (NUL characters)."""
    text = os.fspath(path)
    if "\x00" in text:
        raise Refused("SL01", "the name holds a NUL character", "invalid name")
    return text


def read_file(
    path: str | os.PathLike[str],
    max_bytes: int,
    *,
    roots: Sequence[str | os.PathLike[str]] | None = None,
    single_link: bool = False,
) -> bytes:
    """The bytes of a regular file of at most `max_bytes` bytes; raise Refused otherwise.

    With `roots`, the file's real path must be inside one of them (checked before it is opened); with
    `single_link`, a file with several names (hard links) is refused, since any of its other names may
    be outside the roots.
    """
    name = checked_name(path)
    examined = examine(name, max_bytes, roots=roots, single_link=single_link)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(name, flags)
    except OSError as exc:
        raise _os_refusal(exc) from None
    try:
        opened = os.fstat(descriptor)
        if (opened.st_dev, opened.st_ino) != (examined.st_dev, examined.st_ino) or not stat.S_ISREG(opened.st_mode):
            raise Refused("SL01", "the file changed while it was being read", "changed")
        chunks: list[bytes] = []
        size = 0
        while size <= max_bytes:
            chunk = os.read(descriptor, min(_CHUNK, max_bytes + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise _os_refusal(exc) from None
    finally:
        os.close(descriptor)
    if size > max_bytes:
        # The file grew after stat, or it is a file whose size the system does not know (/proc).
        raise Refused("SL04", f"file is over the {max_bytes:,}-byte limit", "over the size limit")
    return b"".join(chunks)


def examine(
    name: str,
    max_bytes: int,
    *,
    roots: Sequence[str | os.PathLike[str]] | None = None,
    single_link: bool = False,
) -> os.stat_result:
    """What `stat` says of a file that may be read; raise Refused for one that may not (never opening it)."""
    if roots is not None:
        resolved = real(name)
        if not any(inside(resolved, real(root)) for root in roots):
            raise Refused("SL04", "its real path is outside the script root", "outside the root")
    try:
        status = os.stat(name)
    except OSError as exc:
        raise _os_refusal(exc) from None
    except ValueError:
        raise Refused("SL01", "the name cannot be a file name", "invalid name") from None
    if not stat.S_ISREG(status.st_mode):
        kind = describe_kind(status.st_mode)
        raise Refused("SL01", f"it is {kind}, not a regular file: not opened", kind)
    if single_link and status.st_nlink > 1:
        raise Refused(
            "SL04",
            f"the file has {status.st_nlink} names (hard links), and another may be outside the folder: not read"
            " (--follow-links reads it)",
            "several names",
        )
    if status.st_size > max_bytes:
        raise Refused(
            "SL04", f"file is {status.st_size:,} bytes, over the {max_bytes:,}-byte limit", "over the size limit"
        )
    return status


def state_of(
    path: str | os.PathLike[str],
    max_bytes: int,
    *,
    roots: Sequence[str | os.PathLike[str]] | None = None,
    single_link: bool = False,
) -> str | None:
    """What a dependency of a result is now: the SHA-256 of its bytes, None when there is no such file, or a
    word for a file that would be refused (never opened, so never hashed)."""
    try:
        return digest(read_file(path, max_bytes, roots=roots, single_link=single_link))
    except Refused as exc:
        return None if exc.state == "missing" else f"refused: {exc.state}"


def describe_kind(mode: int) -> str:
    """What kind of file a mode says it is, in words."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def _os_refusal(exc: OSError) -> Refused:
    """An operating-system error as a refusal (a missing file is the state "missing")."""
    reason = exc.strerror or type(exc).__name__
    if isinstance(exc, FileNotFoundError):
        return Refused("SL01", f"cannot read the file: {reason}", "missing")
    return Refused("SL01", f"cannot read the file: {reason}", "unreadable")


def write_atomically(path: str | os.PathLike[str], text: str) -> None:
    """Write a text file so that it is never seen half-written: a temporary file beside it, renamed over it
    (the old file stays whole if writing fails or the run is stopped). A stream named as a file (a FIFO,
    /dev/stdout) cannot be renamed onto: it is written directly."""
    import tempfile

    name = os.fspath(path)
    try:
        status: os.stat_result | None = os.stat(name)
    except FileNotFoundError:
        status = None
    if status is not None and not stat.S_ISREG(status.st_mode):
        with open(name, "w", encoding="utf-8") as stream:
            stream.write(text)
        return
    # Through a symbolic link: the file it names is replaced, the link stays.
    target = real(name) if os.path.islink(name) else name
    folder = os.path.dirname(os.path.abspath(target))
    descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=f".{os.path.basename(target)}.", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.chmod(temporary, stat.S_IMODE(status.st_mode) if status is not None else 0o666 & ~_umask())
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
