"""Checking an archive: each member a document of its own, all within the archive's time budget."""

from __future__ import annotations

import fnmatch
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from scriptlint.intake.sources import (
    MAX_ARCHIVE_DEPTH,
    NOT_A_SCRIPT,
    ArchiveSource,
    is_sidecar,
    member_path,
    not_a_script,
)
from scriptlint.model import Skipped
from scriptlint.run.results import FileResult

if TYPE_CHECKING:
    from scriptlint.intake.sources import (
        Source,
    )
    from scriptlint.model import Document, Finding
    from scriptlint.model.settings import Settings
    from scriptlint.run.context import Run
    from scriptlint.run.results import Watch

# How a member is checked: scriptlint.run.one_file.check_bytes.
CheckBytes = Callable[..., FileResult]


def check_archive(
    run: Run,
    document: Document,
    display: str,
    settings: Settings,
    source: Source,
    deadline: float,
    watch: Watch,
    check_bytes: CheckBytes,
) -> FileResult:
    """Every member of an archive that the include globs select (and nested archives, one level deep),
    all within the archive's one time budget; each member checked by `check_bytes`
    (scriptlint.run.one_file)."""
    depth = source.depth + 1 if isinstance(source, ArchiveSource) else 1
    if depth > MAX_ARCHIVE_DEPTH:
        return FileResult(
            [_core(run, "SL04", display, 1, "an archive inside an archive inside an archive: not opened")]
        )
    members = {m.name: m.data for m in document.members if m.problem is None}
    inner = ArchiveSource(members, display, depth, deadline, settings.max_file_bytes)
    findings: list[Finding] = []
    skipped: list[Skipped] = []
    late: list[str] = []
    documents: list[str] = []
    cacheable, interrupted = True, False
    for member in sorted(document.members, key=lambda m: m.name):
        shown = f"{display}!{member.name}"
        if member.problem is not None:
            findings.append(_core(run, "SL04", shown, 1, member.problem))
            documents.append(shown)
            continue
        path = member_path(member.name)
        wanted = path.suffix.lower() == ".zip" or any(fnmatch.fnmatch(path.name, p) for p in settings.include)
        if not wanted or is_sidecar(path.name):
            continue
        if not_a_script(path.name):
            skipped.append(Skipped(shown, NOT_A_SCRIPT))
            continue
        if time.monotonic() > deadline:
            late.append(member.name)
            continue
        result = check_bytes(run, member.data, shown, path, Path(), settings, inner, watch=watch)
        findings.extend(result.findings)
        skipped.extend(result.skipped)
        documents.extend(result.documents if result.documents is not None else (shown,))
        cacheable = cacheable and result.cacheable
        interrupted = interrupted or result.interrupted
    if late:
        # One finding for all of them: a batch of thousands of tiny members must not bury the report.
        names = ", ".join(late[:5]) + (f" and {len(late) - 5:,} more" if len(late) > 5 else "")
        message = f"the archive's time budget ran out before {len(late):,} member(s) were checked: {names}"
        findings.append(_core(run, "SL04", display, 1, message))
        cacheable = False
        documents.append(display)
    if not documents:
        # Nothing in it was checked: say so, never let an archive pass as if its scripts were fine.
        count = len(document.members)
        message = (
            f"the archive holds no call script to check ({count:,} member(s), none selected by the include globs"
            " or all of them passed over by name): nothing in it was verified"
        )
        findings.append(_core(run, "SL01", display, 1, message))
        documents.append(display)
    return FileResult(
        findings, (), cacheable, skipped=tuple(skipped), interrupted=interrupted, documents=tuple(documents)
    )


def _core(run: Run, code: str, display: str, line: int, message: str) -> Finding:
    return run.rules[code].at(display, message, line=line, column=1)
