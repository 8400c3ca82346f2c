"""ZIP submissions (.zip): members read in memory, never extracted, within limits a zip bomb cannot pass.

The archive is refused whole (SL04) when it declares too many members, too many bytes in all, or a
member that expands more than MAX_RATIO times; sizes are also enforced while reading, since the sizes
an archive declares can lie. A member whose name would leave the archive (`../x`, `/etc/x`) or that
is encrypted is not read and is reported on its own. The core lints the members and nested archives
one level deep (vendor batches arrive zipped, sometimes zipped twice, never deeper).
"""

from __future__ import annotations

import io
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from scriptlint.markers import hookimpl
from scriptlint.model import ArchiveMember, Document, UnreadableDocument, UnsafeDocument, check_extraction

if TYPE_CHECKING:
    import zipfile

MAX_MEMBERS = 2_000
MAX_TOTAL_BYTES = 100 * 1024 * 1024
# Text and Office files compress 2-10 times; a member expanding 100 times is a bomb, not a script.
MAX_RATIO = 100
# Below this size a high ratio is harmless (a short, repetitive file) and is not held against it.
RATIO_FLOOR_BYTES = 1024 * 1024
_CHUNK = 1 << 16


def check_limits(archive: zipfile.ZipFile) -> None:
    """Raise UnsafeDocument for an archive over the member, size or compression-ratio limits."""
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise UnsafeDocument(f"the archive holds {len(members):,} members, over the limit of {MAX_MEMBERS:,}")
    total = sum(member.file_size for member in members)
    if total > MAX_TOTAL_BYTES:
        raise UnsafeDocument(
            f"the archive expands to {total:,} bytes, over the limit of {MAX_TOTAL_BYTES:,} (a zip bomb?)"
        )
    for member in members:
        expands = member.file_size / max(1, member.compress_size)
        if member.file_size > RATIO_FLOOR_BYTES and expands > MAX_RATIO:
            raise UnsafeDocument(
                f"member {member.filename!r} expands {expands:,.0f} times ({member.compress_size:,} to"
                f" {member.file_size:,} bytes), over the limit of {MAX_RATIO} (a zip bomb?)"
            )


@hookimpl
def scriptlint_load_document(path: Path, data: bytes, deadline: float | None) -> Document | None:
    """A .zip file as its members, in memory."""
    if path.suffix.lower() != ".zip":
        return None
    import zipfile  # imported here: every run registers this loader, few read an archive

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_limits(archive)
            members = []
            for info in archive.infolist():
                check_extraction(deadline)
                if not _skipped(info):
                    members.append(_read(archive, info))
    except UnsafeDocument:
        raise
    except Exception as exc:  # a damaged directory: BadZipFile, but also IndexError, struct.error...
        raise UnreadableDocument(f"not a readable ZIP archive: {type(exc).__name__}: {exc}") from None
    return Document("", "archive", members=tuple(members))


def _skipped(info: zipfile.ZipInfo) -> bool:
    """Directories, and the resource forks macOS adds to archives it makes (`__MACOSX/`, `._name`)."""
    parts = info.filename.replace("\\", "/").split("/")
    return info.is_dir() or parts[0] == "__MACOSX" or parts[-1].startswith("._")


def _read(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> ArchiveMember:
    name = normal_name(info.filename)
    problem = unsafe_name(name)
    if problem is not None:
        return ArchiveMember(name, problem=f"{problem}; the member was not read")
    if info.flag_bits & 0x1:
        return ArchiveMember(name, problem="the member is encrypted and cannot be checked")
    chunks: list[bytes] = []
    size = 0
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(_CHUNK):
                size += len(chunk)
                if size > info.file_size:
                    raise UnsafeDocument(
                        f"member {name!r} expands beyond the {info.file_size:,} bytes it declares (a zip bomb?)"
                    )
                chunks.append(chunk)
    except UnsafeDocument:
        raise
    except Exception as exc:  # corrupt data: zlib.error, lzma.LZMAError, BadZipFile, unsupported methods...
        return ArchiveMember(name, problem=f"the member cannot be read: {type(exc).__name__}: {exc}")
    return ArchiveMember(name, b"".join(chunks))


def normal_name(name: str) -> str:
    """A member name as includes and sidecars name it: '/' separators, no './' steps."""
    parts = [part for part in name.replace("\\", "/").split("/") if part not in ("", ".")]
    return "/".join(parts) if not name.startswith(("/", "\\")) else "/" + "/".join(parts)


def unsafe_name(name: str) -> str | None:
    """Why a member name is refused (it would leave the archive if extracted), or None."""
    if "\x00" in name:
        return "the member name holds a NUL character"
    posix = name.replace("\\", "/")
    if posix.startswith("/") or (len(posix) > 1 and posix[1] == ":"):
        return f"the member name {name!r} is absolute"
    if ".." in PurePosixPath(posix).parts:
        return f"the member name {name!r} leaves the archive ('..')"
    return None
