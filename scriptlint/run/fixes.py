"""`scriptlint check --fix` / `--diff`: the rules' safe fixes applied to templates, plain text and Markdown.

Fixes come from the rules' plugins (the `scriptlint_fix` hook). A file with an SL finding is never touched,
Word, PDF, archives and transcripts never edited; overlapping edits keep the first; the fixed text is
checked again in the same run and kept only if it still parses and is no worse at the file level.
"""

from __future__ import annotations

import difflib
import os
import tempfile
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from scriptlint.analysis.queries import offset_of
from scriptlint.errors import Overtime
from scriptlint.intake.decoding import decode
from scriptlint.intake.files import read_file
from scriptlint.model import RunContext, UnreadableDocument
from scriptlint.model.records import record
from scriptlint.run.context import root_of
from scriptlint.run.guard import limited
from scriptlint.run.one_file import check_bytes
from scriptlint.run.parallel import Job
from scriptlint.run.results import Watch
from scriptlint.run.scripts import load_scripts

if TYPE_CHECKING:
    from scriptlint.model import Finding, Script
    from scriptlint.model.fixes import Edit, Fix
    from scriptlint.model.settings import Settings
    from scriptlint.run.context import Run

# Only files whose bytes are the text the findings point into are edited.
FIXABLE_SUFFIXES = (".j2", ".jinja", ".jinja2", ".txt", ".md")


@record(frozen=True)
class FileFixes:
    """What `--fix` did, or would do, to one file: the fixes applied, the findings left unfixed and why,
    the text before and after (equal when nothing changed), and the findings of the fixed text."""

    path: str
    applied: tuple[tuple[Finding, Fix], ...]
    unfixed: tuple[tuple[Finding, str], ...]
    before: str
    after: str
    findings: tuple[Finding, ...]
    # Findings without a fix of their own that the others cured (checked again, the fixed text lacks them).
    cured: tuple[Finding, ...] = ()

    @property
    def changed(self) -> bool:
        """Whether the fixes change the file."""
        return self.after != self.before

    def diff(self) -> str:
        """The change as a unified diff (empty when nothing changes)."""
        lines = difflib.unified_diff(
            self.before.splitlines(keepends=True),
            self.after.splitlines(keepends=True),
            fromfile=f"a/{self.path}",
            tofile=f"b/{self.path}",
        )
        return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


def fix_job(*, write: bool) -> Job[FileFixes]:
    """Fixing each file, as a job for the supervised workers (scriptlint.run.parallel): within the file's
    limits; a file that cannot be checked is left as it is, with the finding that says why."""

    def work(run: Run, path: Path, settings: Settings, watch: Watch) -> FileFixes:
        return limited(
            run, path, settings, watch, lambda: fix_file(run, path, settings, write=write, watch=watch), kept
        )

    def kept(finding: Finding) -> FileFixes:
        reason = "the file could not be checked, so it is not touched"
        return FileFixes(finding.path, (), ((finding, reason),), "", "", (finding,))

    return Job(work, lambda run, path, finding: kept(finding))


def fix_file(run: Run, path: Path, settings: Settings, *, write: bool, watch: Watch | None = None) -> FileFixes:
    """Check one file, apply its rules' fixes (and write them when `write`), and check the result again."""
    watch = watch if watch is not None else Watch()
    display = run.display(path)
    data = read_file(path, settings.max_file_bytes)
    root = root_of(path, settings)
    findings = tuple(check_bytes(run, data, display, path, root, settings, watch=watch).findings)
    if path.suffix.lower() not in FIXABLE_SUFFIXES:
        reason = "Word, PDF, archive and transcript files are never edited: fix the original document"
        return FileFixes(display, (), tuple((f, reason) for f in findings), "", "", findings)
    try:
        text = decode(data)
    except UnreadableDocument:
        return FileFixes(display, (), tuple((f, "the file is not UTF-8 text") for f in findings), "", "", findings)
    loaded = load_scripts(run, path, settings, watch)
    script = loaded[0].script if len(loaded) == 1 else None
    if any(f.code.startswith("SL") for f in findings) or script is None:
        reason = "the file has an SL finding (it could not be fully read or checked), so it is not touched"
        return FileFixes(display, (), tuple((f, reason) for f in findings), text, text, findings)
    applied, applied_edits, unfixed = _asked(run, script, findings, text, settings, watch)
    edits = [edit for new in applied_edits for edit in new]
    after = _apply(text, edits)
    if after == text:
        return FileFixes(display, (), tuple(unfixed), text, text, findings)
    rechecked = check_bytes(run, _encoded(after, data), display, path, root, settings, watch=watch).findings
    # A fix whose finding is still there once the text is checked again did not cure it (its rule does not
    # recognise what it wrote): it is not applied, so that running --fix again cannot pile it up.
    failed = _not_cured(findings, applied, rechecked)
    if failed and not any(f.code.startswith("SL") for f in rechecked):
        reason = "its fix did not cure it (checked again, the finding was still there), so it was not applied"
        unfixed += [(applied[index][0], reason) for index in failed]
        applied = [pair for index, pair in enumerate(applied) if index not in failed]
        edits = [edit for index, new in enumerate(applied_edits) if index not in failed for edit in new]
        after = _apply(text, edits)
        if after == text:
            return FileFixes(display, (), tuple(unfixed), text, text, findings)
        rechecked = check_bytes(run, _encoded(after, data), display, path, root, settings, watch=watch).findings
        if _not_cured(findings, applied, rechecked):
            reason = "the fixes did not cure their findings (checked again, they were still there), so none was applied"
            return FileFixes(display, (), (*unfixed, *((f, reason) for f, _ in applied)), text, text, findings)
    if any(f.code.startswith("SL") for f in rechecked):
        reason = "the fixes would leave the file unreadable or unparsable, so none was applied"
        return FileFixes(display, (), (*unfixed, *((f, reason) for f, _ in applied)), text, text, findings)
    # A finding the text did not have before (a path that was not there) means the fixes changed how the script
    # reads, its answers or sections, not just what a path says: "cured" would then only mean "moved".
    before = {_same(f) for f in findings}
    if new := [f for f in rechecked if _same(f) not in before]:
        shown = f"{new[0].code}" + (f" ({new[0].path_condition})" if new[0].path_condition else "")
        reason = (
            f"the fixes would change how the script reads (checked again, {len(new)} finding(s) appeared that were"
            f" not there, such as {shown}), so none was applied"
        )
        return FileFixes(display, (), (*unfixed, *((f, reason) for f, _ in applied)), text, text, findings)
    if write:
        _write_atomically(path, _encoded(after, data))
    left, cured = _cured(unfixed, rechecked)
    return FileFixes(display, tuple(applied), left, text, after, tuple(rechecked), cured)


def _cured(
    unfixed: list[tuple[Finding, str]], rechecked: list[Finding]
) -> tuple[tuple[tuple[Finding, str], ...], tuple[Finding, ...]]:
    """The findings left unfixed, and those without a fix of their own that another's cured (PF01's disclaimer
    at a recorded message's start names the sponsor there too: PF06), as the text checked again says. Lines
    move, so a finding is matched by its code, path and jurisdiction."""
    remaining = {_same(f) for f in rechecked}
    cured = tuple(f for f, _ in unfixed if _same(f) not in remaining)
    return tuple((f, reason) for f, reason in unfixed if f not in cured), cured


def _asked(
    run: Run, script: Script, findings: Sequence[Finding], text: str, settings: Settings, watch: Watch
) -> tuple[list[tuple[Finding, Fix]], list[list[tuple[int, int, str]]], list[tuple[Finding, str]]]:
    """Each finding's fix from its rule's plugin, if it offers one that does not overlap another: the fixes
    taken, the edits each adds (as spans of `text`), and the findings left with the reason."""
    context = RunContext(settings, lambda: run.packs)
    applied: list[tuple[Finding, Fix]] = []
    applied_edits: list[list[tuple[int, int, str]]] = []  # the edits each applied fix added
    unfixed: list[tuple[Finding, str]] = []
    taken: list[tuple[int, int]] = []
    edits: list[tuple[int, int, str]] = []
    for finding in findings:
        watch.enter(f"asking for a fix of {finding.code}")
        try:
            fix = run.plugins.manager.hook.scriptlint_fix(finding=finding, script=script, context=context)
        except (KeyboardInterrupt, MemoryError, Overtime):
            raise
        except BaseException as exc:  # a plugin's bug: that finding stays unfixed, naming the rule's plugin
            plugin = run.rules[finding.code].plugin if finding.code in run.rules else "unknown"
            unfixed.append((finding, f"the fix of plugin {plugin!r} failed: {type(exc).__name__}: {exc}"))
            continue
        if fix is None:
            unfixed.append((finding, "its rule offers no safe fix for it"))
            continue
        spans = [(*_span(text, edit), edit.text) for edit in fix.edits]
        new = [span for span in spans if (span[0], span[1], span[2]) not in {(s, e, t) for s, e, t in edits}]
        if any(_overlaps(start, end, taken) for start, end, _ in new):
            unfixed.append((finding, "its fix overlaps another fix of this run; run --fix again"))
            continue
        taken.extend((start, end) for start, end, _ in new)
        edits.extend(new)
        applied.append((finding, fix))
        applied_edits.append(new)
    return applied, applied_edits, unfixed


def _not_cured(
    findings: Sequence[Finding], applied: list[tuple[Finding, Fix]], rechecked: Sequence[Finding]
) -> list[int]:
    """The applied fixes (by index) that did not cure their findings: of the findings that look alike (code,
    path, jurisdiction), fewer are gone from the text checked again than fixes were applied to them."""
    before, after = Counter(map(_same, findings)), Counter(map(_same, rechecked))
    fixes = Counter(_same(finding) for finding, _ in applied)
    return [
        index
        for index, (finding, _) in enumerate(applied)
        if after[_same(finding)] > before[_same(finding)] - fixes[_same(finding)]
    ]


def _same(finding: Finding) -> tuple[str, str | None, str | None]:
    """What tells a finding apart in the text checked again (lines move): its code, path and jurisdiction."""
    return finding.code, finding.path_condition, finding.jurisdiction


def report(outcomes: list[FileFixes], *, applied: bool) -> tuple[str, str]:
    """What to show: the diffs (when only shown, not applied) and a summary of what was and was not fixed."""
    if not applied:
        changed = [outcome for outcome in outcomes if outcome.changed]
        fixes = sum(len(outcome.applied) for outcome in changed)
        left = sum(len(outcome.unfixed) for outcome in outcomes)
        cured = sum(len(outcome.cured) for outcome in outcomes)
        also = f" ({cured:,} more cured by them)" if cured else ""
        summary = f"{fixes} fix(es){also} would change {len(changed)} file(s); {left} finding(s) have no safe fix\n"
        return "".join(outcome.diff() for outcome in changed), summary
    lines = []
    for outcome in outcomes:
        lines += [f"fixed {f.path}:{f.line}: {f.code} {fix.description}" for f, fix in outcome.applied]
        lines += [
            f"cured {f.path}:{f.line}: {f.code} (by the fixes above: checked again, it is gone)" for f in outcome.cured
        ]
        lines += [f"not fixed {f.path}:{f.line}: {f.code} ({reason})" for f, reason in outcome.unfixed]
    fixed = sum(len(outcome.applied) for outcome in outcomes)
    lines.append(f"Fixed {fixed} finding(s) in {sum(1 for outcome in outcomes if outcome.changed)} file(s).")
    return "", "\n".join(lines) + "\n"


def _span(text: str, edit: Edit) -> tuple[int, int]:
    start = offset_of(text, edit.line, edit.column)
    return start, max(start, offset_of(text, edit.end_line, edit.end_column))


def _overlaps(start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    return any(
        (start < other_end and other_start < end) or start == end == other_start for other_start, other_end in taken
    )


def _apply(text: str, edits: list[tuple[int, int, str]]) -> str:
    """The text with the edits applied (from the end, so earlier offsets stay valid)."""
    for start, end, replacement in sorted(edits, key=lambda edit: (edit[0], edit[1]), reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


def _encoded(text: str, original: bytes) -> bytes:
    """The fixed text as bytes in the original's conventions: its byte-order mark and CRLF line ends."""
    if b"\r\n" in original:
        text = text.replace("\n", "\r\n")
    prefix = b"\xef\xbb\xbf" if original.startswith(b"\xef\xbb\xbf") else b""
    return prefix + text.encode("utf-8")


def _write_atomically(path: Path, data: bytes) -> None:
    """Replace the file's bytes in one step (a temporary file beside it, renamed), keeping its permissions."""
    mode = path.stat().st_mode
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(temporary, mode & 0o7777)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
