"""Paths of archive members (`batch.zip!scripts/a.j2`): how findings and documents name a file inside a ZIP."""

from __future__ import annotations


def split_member(path: str) -> tuple[str, str | None]:
    """A finding's path as the file in the repository and the archive member inside it, if any
    (`batch.zip!scripts/a.j2` -> `batch.zip`, `scripts/a.j2`; a `!` elsewhere is part of a name)."""
    marker = path.lower().find(".zip!")
    if marker < 0:
        return path, None
    return path[: marker + 4], path[marker + 5 :]
