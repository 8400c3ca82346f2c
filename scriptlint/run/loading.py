"""Reading documents as scripts without running the rules (for `scriptlint paths` and `check --fix`): the
script of each document or archive member, or the findings that stopped it from being read."""

from __future__ import annotations

import fnmatch
import time
from dataclasses import dataclass
from pathlib import Path

from scriptlint.intake.sources import (
    MAX_ARCHIVE_DEPTH,
    ArchiveSource,
    DiskSource,
    Source,
    member_path,
    not_a_script,
    relocate,
)
from scriptlint.model import Finding, Script, UnreadableDocument, UnsafeDocument
from scriptlint.model.settings import Settings
from scriptlint.run.context import Run, root_of

# The one-file check reads the document (and its manifest) as it does before running the rules.
from scriptlint.run.one_file import _core, _FileCheck


@dataclass(frozen=True)
class LoadedScript:
    """A document read as a script without running the rules (for `scriptlint paths`): the script, or the
    findings (SL codes) that stopped it from being read."""

    display: str
    script: Script | None
    problems: tuple[Finding, ...]
    # The document's lines as findings number them (its own lines, or paragraphs and pages of extracted text).
    lines: tuple[tuple[int, str], ...] = ()


def load_scripts(run: Run, path: Path, settings: Settings) -> list[LoadedScript]:
    """The scripts of one file on disk: itself, or each selected member of an archive (rules are not run)."""
    display = run.display(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return [LoadedScript(display, None, (_core(run, "SL01", display, 1, f"cannot read the file: {exc}"),))]
    return _load(run, data, display, path, DiskSource(root_of(path, settings)), settings)


def _load(run: Run, data: bytes, display: str, path: Path, source: Source, settings: Settings) -> list[LoadedScript]:
    try:
        document = run.plugins.manager.hook.scriptlint_load_document(path=path, data=data)
    except (UnreadableDocument, UnsafeDocument) as exc:
        code = "SL01" if isinstance(exc, UnreadableDocument) else "SL04"
        return [LoadedScript(display, None, (_core(run, code, display, 1, exc.message),))]
    if document is None:
        return [LoadedScript(display, None, (_core(run, "SL01", display, 1, "no file loader accepts this file"),))]
    if document.kind != "archive":
        check = _FileCheck(run, display, path, source, settings, document)
        script = check._script()
        problems = tuple(relocate(check.findings, document, display))
        lines = tuple((document.origin(number).line, text) for number, text in enumerate(document.text.split("\n"), 1))
        return [LoadedScript(display, script, problems, lines[:-1] if document.text.endswith("\n") else lines)]
    depth = source.depth + 1 if isinstance(source, ArchiveSource) else 1
    members = {m.name: m.data for m in document.members if m.problem is None}
    inner = ArchiveSource(members, display, depth, time.monotonic() + settings.time_limit)
    loaded: list[LoadedScript] = []
    for member in sorted(document.members, key=lambda m: m.name):
        name = member_path(member.name)
        wanted = any(fnmatch.fnmatch(name.name, pattern) for pattern in settings.include)
        if member.problem is None and wanted and not not_a_script(name.name) and depth <= MAX_ARCHIVE_DEPTH:
            loaded.extend(_load(run, member.data, f"{display}!{member.name}", name, inner, settings))
    return loaded
