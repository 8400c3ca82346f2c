"""One run's files and their answers as they come: refused by the walk, answered from the result cache, or
checked by the workers; then the run's result (LintResult) and the text of its files for formatters."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import field
from pathlib import Path
from typing import TYPE_CHECKING

from scriptlint.intake.decoding import digest
from scriptlint.intake.files import Refused, read_file
from scriptlint.intake.sources import SIDECAR_SUFFIX, DiskSource
from scriptlint.markers import __version__
from scriptlint.model import Finding, Report
from scriptlint.model.records import record
from scriptlint.run.context import root_of

if TYPE_CHECKING:
    from scriptlint.model import Rule, Skipped
    from scriptlint.model.path_views import ScriptView
    from scriptlint.model.settings import Settings
    from scriptlint.run.cache import Allowed, ResultCache
    from scriptlint.run.context import Run
    from scriptlint.run.walk import Selection

# Exit codes (README, "Command line").
EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


@record(frozen=True)
class LintResult:
    """The outcome of a run: how many files were checked and what was found, sorted."""

    files: int
    findings: tuple[Finding, ...]
    rules: tuple[Rule, ...]
    # Whether some finding reached its file's --fail-on (and that file's settings did not say exit-zero).
    failed: bool = False
    # The files checked, as findings name them.
    paths: tuple[str, ...] = ()
    # What was passed over (files not call scripts by name, excluded, hidden or tooling folders).
    skipped: tuple[Skipped, ...] = ()
    # The text of a checked file by the path findings show (for formatters that quote lines).
    source: Callable[[str], str | None] = field(default=lambda path: None, repr=False, compare=False)

    @property
    def exit_code(self) -> int:
        """2 if a file could not be fully checked (SL06), else 1 if a finding reaches --fail-on, else 0."""
        if any(finding.code == "SL06" for finding in self.findings):
            return EXIT_ERROR
        return EXIT_FINDINGS if self.failed else EXIT_CLEAN

    def report(
        self,
        *,
        color: bool = False,
        quiet: bool = False,
        views: tuple[ScriptView, ...] = (),
        verbose: bool = False,
    ) -> Report:
        """The run as formatters see it (with the scripts' path views for formats that show them)."""
        return Report(
            __version__,
            self.files,
            self.findings,
            self.rules,
            color=color,
            quiet=quiet,
            paths=self.paths,
            views=views,
            skipped=self.skipped,
            verbose=verbose,
            source=self.source,
        )


@record
class Batch:
    """The files of one run and their answers as they come: refused, from the cache, or checked."""

    run: Run
    selection: Selection
    settings_of: list[Settings]
    progress: Callable[[int, int], None] | None
    done: int = 0
    results: list[list[Finding] | None] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    # Per file, the documents it held (None: the file itself; an archive: its members).
    documents: list[tuple[str, ...] | None] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.results = [None] * len(self.selection.files)
        self.documents = [None] * len(self.selection.files)
        self.skipped = list(self.selection.skipped_as(self.run.display))
        for index, file in enumerate(self.selection.files):
            refusal = self.selection.refused.get(file)
            if refusal is not None:
                self._answer(index, [self.run.rules[refusal.code].at(self.run.display(file), refusal.message, line=1)])

    def _answer(
        self,
        index: int,
        findings: list[Finding],
        skipped: Iterable[Skipped] = (),
        documents: tuple[str, ...] | None = None,
    ) -> None:
        self.results[index] = findings
        self.documents[index] = documents
        self.skipped.extend(skipped)
        self.done += 1
        if self.progress is not None:
            self.progress(self.done, len(self.results))

    def from_cache(self, cache: ResultCache, codes: frozenset[str]) -> None:
        """Answer the files whose entries are valid and whose dependencies are unchanged."""
        for index, (file, settings) in enumerate(zip(self.selection.files, self.settings_of, strict=True)):
            if self.results[index] is not None:
                continue
            digest = _digest(file, settings)
            if digest is None:
                continue
            key = _cache_key(cache, self.run, file, settings, digest)
            cached = cache.get(key, _allowed(self.run, file, settings), codes)
            if cached is not None:
                self._answer(index, *cached)

    def check(self, jobs: int | None, isolate: bool, cache: ResultCache | None) -> bool:
        """Check the files still unanswered (storing new answers in the cache); whether there were any."""
        pending = [index for index, found in enumerate(self.results) if found is None]
        if not pending:
            return False
        # Imported only when some file must be checked: a run answered from the cache loads no analysis.
        from scriptlint.run.parallel import check_all, default_jobs

        workers = default_jobs(len(pending)) if jobs is None else jobs
        files = self.selection.files
        tasks = [(files[index], self.settings_of[index]) for index in pending]
        for index, outcome in zip(pending, check_all(self.run, tasks, workers, isolate=isolate), strict=True):
            self._answer(index, outcome.findings, outcome.skipped, outcome.documents)
            if cache is not None and outcome.cacheable and outcome.digest:
                # Keyed by the bytes that were checked, even if the file changed since the lookup.
                key = _cache_key(cache, self.run, files[index], self.settings_of[index], outcome.digest)
                cache.put(key, outcome.findings, outcome.dependencies, outcome.skipped, outcome.documents)
        return True

    def result(self, rules: dict[str, Rule], settings: Settings) -> LintResult:
        """The run's outcome; unreadable folders are findings too (judged by the run's own settings)."""
        run = self.run
        findings = [
            run.rules[refusal.code].at(run.display(folder), refusal.message, line=1)
            for folder, refusal in self.selection.folders.items()
        ]
        failed = any(f.severity >= settings.fail_on for f in findings) and not settings.exit_zero
        for own, found in zip(self.settings_of, self.results, strict=True):
            assert found is not None
            # Each file is judged by its own configuration's fail-on and exit-zero.
            failed = failed or (not own.exit_zero and any(f.severity >= own.fail_on for f in found))
            findings.extend(found)
        files = self.selection.files
        shown = {run.display(file): (file, own) for file, own in zip(files, self.settings_of, strict=True)}
        # Every format counts the same files: an archive's members, never the archive as a passing file.
        documents = [
            name
            for file, held in zip(files, self.documents, strict=True)
            for name in (held if held is not None else (run.display(file),))
        ]
        # Files refused by the walk (links out of the folder, several names) are never read, not even to quote.
        readable = {name: item for name, item in shown.items() if item[0] not in self.selection.refused}
        return LintResult(
            files=len(documents),
            findings=tuple(sorted(findings, key=Finding.sort_key)),
            rules=tuple(rules.values()),
            failed=failed,
            paths=tuple(documents),
            skipped=tuple(sorted(self.skipped, key=lambda s: (s.folder, s.path))),
            source=_Sources(readable, run),
        )


def _allowed(run: Run, file: Path, settings: Settings) -> Allowed:
    """What a cache entry for this file may hold: findings on it (or its sidecar, or its archive's members),
    and dependencies inside the roots that confine its includes and its sidecar."""
    from scriptlint.run.cache import Allowed

    root = root_of(file, settings)
    return Allowed(
        display=run.display(file),
        sidecar=run.display(file.with_name(file.name + SIDECAR_SUFFIX)),
        template_roots=(os.path.realpath(root),),
        sidecar_roots=DiskSource(root).sidecar_roots(file),
        max_bytes=settings.max_file_bytes,
        single_link=not settings.follow_links,
    )


def _cache_key(cache: ResultCache, run: Run, file: Path, settings: Settings, digest: str) -> str:
    """The file's cache key for the bytes with this digest."""
    return cache.key(digest, run.display(file), file, root_of(file, settings), cache.settings_digest(settings))


def _digest(file: Path, settings: Settings) -> str | None:
    """The SHA-256 of a file's bytes for the cache lookup, read within the limits (None: it is not read)."""
    try:
        return digest(read_file(file, settings.max_file_bytes))
    except Refused:
        return None


@record(frozen=True)
class _Sources:
    """The text of the files a run checked, for formatters that quote lines: only those files and their
    sidecars, read again within the same limits (a name a finding gives is never opened as such)."""

    checked: dict[str, tuple[Path, Settings]]
    run: Run

    def __call__(self, shown: str) -> str | None:
        known = self.checked.get(shown)
        roots: tuple[str, ...] | None = None
        if known is None and shown.endswith(SIDECAR_SUFFIX):
            known = self.checked.get(shown[: -len(SIDECAR_SUFFIX)])
            if known is not None:
                path, settings = known
                roots = DiskSource(root_of(path, settings)).sidecar_roots(path)
                known = (path.with_name(path.name + SIDECAR_SUFFIX), settings)
        if known is None:
            return None
        path, settings = known
        try:
            return read_file(path, settings.max_file_bytes, roots=roots).decode("utf-8", errors="replace")
        except Refused:
            return None
