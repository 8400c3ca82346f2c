"""A file read as scripts without running the rules (for `scriptlint paths`, the HTML report's path views and
`--fix`): the file, or each selected member of an archive, within the same limits as a check."""

from __future__ import annotations

import fnmatch
import time
from pathlib import Path
from typing import TYPE_CHECKING

from scriptlint.host.manager import LoaderFailed
from scriptlint.intake.files import read_file
from scriptlint.intake.sources import (
    MAX_ARCHIVE_DEPTH,
    ArchiveSource,
    DiskSource,
    member_path,
    not_a_script,
    relocate,
)
from scriptlint.model import UnreadableDocument, UnsafeDocument
from scriptlint.model.records import record
from scriptlint.run.context import root_of
from scriptlint.run.one_file import FileCheck
from scriptlint.run.results import Watch

if TYPE_CHECKING:
    from scriptlint.intake.sources import (
        Source,
    )
    from scriptlint.model import Finding, Script
    from scriptlint.model.settings import Settings
    from scriptlint.run.context import Run


@record(frozen=True)
class LoadedScript:
    """A document read as a script without running the rules (for `scriptlint paths`): the script, or the
    findings (SL codes) that stopped it from being read."""

    display: str
    script: Script | None
    problems: tuple[Finding, ...]
    # The document's lines as findings number them (its own lines, or paragraphs and pages of extracted text).
    lines: tuple[tuple[int, str], ...] = ()


def load_scripts(run: Run, path: Path, settings: Settings, watch: Watch | None = None) -> list[LoadedScript]:
    """The scripts of one file on disk: itself, or each selected member of an archive (rules are not run).
    The file is read as a check reads it (scriptlint.intake.files: raises Refused), and its analysis has the
    file's time budget."""
    watch = watch if watch is not None else Watch()
    watch.enter("reading the file")
    data = read_file(path, settings.max_file_bytes)
    source = DiskSource(root_of(path, settings), settings.max_file_bytes, settings.follow_links)
    deadline = time.monotonic() + settings.time_limit
    return _load(run, data, run.display(path), path, source, settings, deadline, watch)


def _load(
    run: Run,
    data: bytes,
    display: str,
    path: Path,
    source: Source,
    settings: Settings,
    deadline: float,
    watch: Watch,
) -> list[LoadedScript]:
    def problem(code: str, message: str) -> list[LoadedScript]:
        return [LoadedScript(display, None, (run.rules[code].at(display, message, line=1),))]

    if len(data) > settings.max_file_bytes:
        return problem("SL04", f"file is {len(data):,} bytes, over the {settings.max_file_bytes:,}-byte limit")
    watch.enter("reading the document")
    try:
        document, _ = run.plugins.load_document(
            path=path, data=data, deadline=deadline, max_chars=settings.max_file_bytes
        )
    except UnreadableDocument as exc:
        return problem("SL01", exc.message)
    except UnsafeDocument as exc:
        return problem("SL04", exc.message)
    except LoaderFailed as exc:
        return problem("SL06", f"the file loader of plugin {exc.plugin!r} failed: {exc}")
    if document is None:
        return problem("SL01", "no file loader accepts this file")
    if len(document.text) > settings.max_file_bytes:
        return problem("SL04", f"the text of the document is over the {settings.max_file_bytes:,}-character limit")
    if document.kind != "archive":
        check = FileCheck(run, display, path, source, settings, document, deadline=deadline, watch=watch)
        script = check.read_script()
        problems = tuple(relocate(check.findings, document, display))
        lines = tuple((document.origin(number).line, text) for number, text in enumerate(document.text.split("\n"), 1))
        return [LoadedScript(display, script, problems, lines[:-1] if document.text.endswith("\n") else lines)]
    depth = source.depth + 1 if isinstance(source, ArchiveSource) else 1
    members = {m.name: m.data for m in document.members if m.problem is None}
    inner = ArchiveSource(members, display, depth, deadline, settings.max_file_bytes)
    loaded: list[LoadedScript] = []
    for member in sorted(document.members, key=lambda m: m.name):
        name = member_path(member.name)
        wanted = any(fnmatch.fnmatch(name.name, pattern) for pattern in settings.include)
        if member.problem is None and wanted and not not_a_script(name.name) and depth <= MAX_ARCHIVE_DEPTH:
            shown = f"{display}!{member.name}"
            loaded.extend(_load(run, member.data, shown, name, inner, settings, deadline, watch))
    return loaded
