"""Checking one file: bytes to document, manifest, template variants, rules and suppressions."""

from __future__ import annotations

import time
from dataclasses import field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scriptlint.analysis.jinja import TemplateProblem, parse
from scriptlint.analysis.paths import PathAnalysis
from scriptlint.analysis.states import releasing_frozen_walks
from scriptlint.errors import Overtime, ScriptlintError
from scriptlint.host.manager import LoaderFailed
from scriptlint.intake.front_matter import split_front_matter
from scriptlint.intake.kept_data import kept_front_matter
from scriptlint.intake.sources import (
    ArchiveSource,
    DiskSource,
    relocate,
)
from scriptlint.model import (
    RunContext,
    Script,
    UnreadableDocument,
    UnsafeDocument,
    finding_problem,
    nearest_line,
)
from scriptlint.model import manifest as manifest_schema
from scriptlint.model.records import record
from scriptlint.run import suppress
from scriptlint.run.archives import check_archive
from scriptlint.run.ask_ahead import ask_ahead
from scriptlint.run.results import FileResult, Watch

if TYPE_CHECKING:
    from scriptlint.intake.front_matter import FrontMatter
    from scriptlint.intake.sources import (
        Sidecar,
        Source,
    )
    from scriptlint.model import (
        Document,
        Finding,
        Rule,
    )
    from scriptlint.model.settings import Settings
    from scriptlint.run.context import Run


@releasing_frozen_walks()
def check_bytes(
    run: Run,
    data: bytes,
    display: str,
    path: Path,
    root: Path,
    settings: Settings,
    source: Source | None = None,
    *,
    watch: Watch | None = None,
    started: float | None = None,
) -> FileResult:
    """All findings for one document given as bytes; `root` confines includes (or `source`, for archive members)."""
    source = source if source is not None else DiskSource(root, settings.max_file_bytes, settings.follow_links)
    watch = watch if watch is not None else Watch()
    # The time budget starts before the document is read: Word and PDF extraction count too.
    started = time.monotonic() if started is None else started
    if len(data) > settings.max_file_bytes:
        limit = f"{settings.max_file_bytes:,}"
        return FileResult([_core(run, "SL04", display, 1, f"file is {len(data):,} bytes, over the {limit}-byte limit")])
    deadline = started + settings.time_limit
    if isinstance(source, ArchiveSource) and source.deadline is not None:
        deadline = min(deadline, source.deadline)
    watch.enter("reading the document")
    try:
        document, loader = run.plugins.load_document(
            path=path, data=data, deadline=deadline, max_chars=settings.max_file_bytes
        )
    except UnreadableDocument as exc:
        return FileResult([_core(run, "SL01", display, exc.line, exc.message, exc.column)])
    except UnsafeDocument as exc:
        return FileResult([_core(run, "SL04", display, 1, exc.message)], cacheable=not exc.timing)
    except LoaderFailed as exc:  # A third-party loader's bug must not stop the other files.
        message = f"the file loader of plugin {exc.plugin!r} failed: {exc}; this file was not checked"
        return FileResult([_core(run, "SL06", display, 1, message)], cacheable=False)
    if document is None:
        return FileResult([_core(run, "SL01", display, 1, "no file loader accepts this file")])
    if len(document.text) > settings.max_file_bytes:
        # A loader that does not bound its text (the bundled ones stop at the limit themselves).
        limit = f"{settings.max_file_bytes:,}"
        message = f"the text of the document (from plugin {loader!r}) is over the {limit}-character limit"
        return FileResult([_core(run, "SL04", display, 1, message)])
    if document.kind == "archive":
        return check_archive(run, document, display, settings, source, deadline, watch, check_bytes)
    check = FileCheck(run, display, path, source, settings, document, started=started, deadline=deadline, watch=watch)
    findings = relocate(check.check(), document, display)
    timed_out = check.analysis is not None and check.analysis.timed_out
    cacheable = check.cacheable and not timed_out and not any(f.code == "SL06" for f in findings)
    watch.interrupted = watch.interrupted or check.interrupted
    return FileResult(findings, check.dependencies(), cacheable, interrupted=check.interrupted)


@record
class FileCheck:
    """The check of one document (its manifest, its paths, the rules, the suppressions), stage by stage."""

    run: Run
    display: str
    path: Path
    source: Source
    settings: Settings
    document: Document
    findings: list[Finding] = field(default_factory=list)
    # Positions of the template's real comments, once it parsed (None: accept every directive).
    comments: frozenset[tuple[int, int]] | None = None
    # When the check of this file started (time.monotonic()), and when its time budget runs out.
    started: float = field(default_factory=time.monotonic)
    deadline: float | None = None
    watch: Watch = field(default_factory=Watch)
    analysis: PathAnalysis | None = None
    sidecar: Sidecar | None = None
    cacheable: bool = True
    # Manifest keys that are invalid in this file: the rules that read them are not run.
    broken_keys: set[str] = field(default_factory=set)
    # A rule was stopped by the time limit (the process may hold a half-updated state).
    interrupted: bool = False

    @property
    def text(self) -> str:
        """The document's text (extracted, for Word, PDF and transcripts)."""
        return self.document.text

    def dependencies(self) -> tuple[tuple[str, str, str | None], ...]:
        """The other files the answer read (or looked for and did not find), with their states."""
        used = self.analysis.dependencies() if self.analysis is not None else {}
        found = [(path, "template", state) for path, state in used.items()]
        sidecar_path = self.source.sidecar_path(self.path)
        if sidecar_path:
            found.append((sidecar_path, "sidecar", self.sidecar.digest if self.sidecar is not None else None))
        return tuple(sorted(found))

    @property
    def is_partial(self) -> bool:
        """Partials (`_name.j2`) are included by scripts: checked for syntax and safety, not as calls."""
        return self.path.name.startswith("_")

    def check(self) -> list[Finding]:
        if self.document.origins is not None:
            # Text extracted from Word, PDF or a transcript may hide a directive (white or hidden text):
            # such documents take no inline suppressions (use per-file-ignores in configuration).
            self.comments = frozenset()
        # Paths a rule will ask about are walked once for all the rules' questions (scriptlint.run.ask_ahead).
        script = self.read_script(walk=self.is_partial)
        active = {code for code in self.run.rules if code.startswith("SL")}
        if script is not None and not self.is_partial:
            active |= self._apply_rules(script)
        selected = [f for f in self.findings if f.code == "SL06" or self.settings.selects(f.code)]
        self.watch.enter("applying suppressions")
        sl05 = self.run.rules["SL05"]
        result = suppress.apply(
            selected,
            self.text,
            self.display,
            sl05,
            self.run.rules,
            active,
            [code for code in self.run.rules if self.settings.is_unsuppressible(code)],
            self.comments,
            lambda: [rule.id for pack in self.run.packs.by_jurisdiction.values() for rule in pack.rules],
        )
        return [f for f in result if f.code != "SL05" or self.settings.selects("SL05")]

    def read_script(self, walk: bool = True) -> Script | None:
        """The script for the rules, or None when its manifest or template could not be read. Its paths are
        walked now (what cannot be followed is reported) with `walk`, or when no rule will run on it."""
        self.watch.enter("reading the manifest")
        front, body = split_front_matter(self.text, kept_front_matter)
        for line, message in front.errors:
            self.findings.append(_core(self.run, "SL03", self.display, line, message))
        self.watch.enter("reading the sidecar manifest")
        sidecar = self.sidecar = self.source.sidecar(self.run.display, self.path)
        for line, message in sidecar.front.errors if sidecar else ():
            self.findings.append(_core(self.run, "SL03", sidecar.display if sidecar else "", line, message))
        if sidecar is not None and sidecar.refusal is not None:
            self.findings.append(_core(self.run, sidecar.refusal[0], sidecar.display, 1, sidecar.refusal[1]))
        # Front matter that is not a usable mapping stops the rules, but the template is still parsed
        # so that its own syntax and safety problems are reported too.
        refused = sidecar is not None and (bool(sidecar.front.errors) or sidecar.refusal is not None)
        usable = not (front.errors and not front.data) and not refused
        manifest = self._manifest(front, sidecar) if usable else manifest_schema.Manifest()
        try:
            paths = self._paths(body, manifest)
            if walk or not usable:
                self.watch.enter("following the paths of the template")
                paths.check()
                self._walked(paths)
        except TemplateProblem as exc:
            self.cacheable = self.cacheable and not exc.timing
            self.findings.append(_core(self.run, exc.code, self.display, exc.line, exc.message, exc.column))
            return None
        except RecursionError:  # A last guard: limits should have stopped deep nesting before this.
            self.findings.append(_core(self.run, "SL04", self.display, 1, "the template is nested too deeply"))
            return None
        if not usable:
            return None
        return Script(
            path=self.display,
            source=self.text,
            kind=self.document.kind,
            manifest=manifest,
            manifest_lines=dict(front.key_lines),
            paths=paths,
            cues=self.document.cues,
        )

    def _manifest(self, front: FrontMatter, sidecar: Sidecar | None) -> manifest_schema.Manifest:
        """Configuration defaults, then the sidecar, then the script's own manifest, validated key by key;
        problems become SL03 findings where the key was written."""
        merged = manifest_schema.merge(self.settings.manifest_defaults, sidecar.front.data if sidecar else {})
        merged = manifest_schema.merge(merged, front.data)
        manifest, problems = manifest_schema.validate(merged)
        for problem in problems:
            if (
                sidecar is not None
                and _written_in(sidecar.front, problem.keys)
                and not _written_in(front, problem.keys)
            ):
                line = nearest_line(sidecar.front.key_lines, problem.keys)
                self.findings.append(
                    _core(self.run, "SL03", sidecar.display, line, problem.message + self._skips(problem))
                )
                continue
            line = nearest_line(front.key_lines, problem.keys)
            self.findings.append(_core(self.run, "SL03", self.display, line, problem.message + self._skips(problem)))
        missing_type = manifest.call_type is None and not any(p.keys == ("call_type",) for p in problems)
        if missing_type and not self.is_partial:
            # Without it the rules cannot tell which law applies: say so rather than pass silently.
            message = (
                "the manifest has no call_type (political, survey, telemarketing, charitable or"
                " informational), so the rules that depend on the kind of call were not checked"
            )
            self.findings.append(_core(self.run, "SL03", self.display, 1, message))
        return _with_overrides(manifest, self.settings)

    def _skips(self, problem: manifest_schema.Problem) -> str:
        """Mark the key a problem breaks (the intended key of a misspelt one), and say once which rules
        will not run because they read it: a typo must not become a cascade of findings about it."""
        key = manifest_schema.intended_key(problem.keys)
        if key is None or key in self.broken_keys or problem.partial:
            return ""
        already = {code for code, rule in self.run.rules.items() if self.broken_keys & set(rule.reads)}
        self.broken_keys.add(key)
        skipped = [
            code
            for code, rule in self.run.rules.items()
            if rule.check is not None and key in rule.reads and self.settings.selects(code) and code not in already
        ]
        if not skipped:
            return ""
        return f" (so these rules, which read {key}, were not run on this file: {', '.join(skipped)})"

    def _paths(self, body: str, manifest: manifest_schema.Manifest) -> PathAnalysis:
        """The script's path analysis (not walked yet)."""
        deadline = self.deadline if self.deadline is not None else self.started + self.settings.time_limit
        self.watch.enter("reading the text as paths")
        options: dict[str, Any] = {
            "target_states": manifest.target_states,
            "words_per_minute": self.settings.words_per_minute,
            "deadline": deadline,
        }
        environment = self.run.environment_for(self.source, self.settings.max_file_bytes, self.path)
        fields = (manifest, self.settings.merge_fields)
        if self.document.kind != "template":
            # A transcript is what one call said: no alternatives or voicemail sections in it.
            conventions = self.document.kind != "transcript"
            self.analysis = PathAnalysis.of_text(environment, body, self.display, conventions=conventions, **options)
            return self.analysis.filled(*fields)
        self.watch.enter("parsing the template")
        parsed = parse(environment, body, self.source.template_name(self.path, self.display))
        self.comments = parsed.comments
        paths = PathAnalysis(environment, parsed, self.display, dict(manifest.vars), self.run.display, **options)
        self.analysis = paths.filled(*fields)
        return paths

    def _walked(self, paths: PathAnalysis) -> None:
        """Once the paths are walked: one SL08 note names the filters and tests nobody declared (their values
        were taken as unknown)."""
        if note := paths.unknown_names_note(self.settings.jinja_filters, self.settings.jinja_tests):
            self.findings.append(_core(self.run, "SL08", self.display, *note))

    def _apply_rules(self, script: Script) -> set[str]:
        context = RunContext(self.settings, lambda: self.run.packs)
        ran: set[str] = set()
        rules = [
            rule
            for code, rule in self.run.rules.items()
            if rule.check is not None and self.settings.selects(code) and not self.broken_keys & set(rule.reads)
        ]
        try:
            late = ask_ahead(script, context, rules, self.watch.enter, self.settings.time_limit)
        except TemplateProblem as exc:
            # The file's paths could not be followed to the end (its time budget, its limits).
            self.cacheable = self.cacheable and not exc.timing
            self.findings.append(_core(self.run, exc.code, self.display, exc.line, exc.message, exc.column))
            return ran
        if late is not None:
            self._overtime(late)
            return ran
        if isinstance(script.paths, PathAnalysis):
            self._walked(script.paths)
        for rule in rules:
            assert rule.check is not None
            code = rule.code
            ran.add(code)
            self.watch.enter(f"rule {code} ({rule.name}) of plugin {rule.plugin!r}")
            try:
                produced = list(rule.check(rule, script, context))
            except (ScriptlintError, KeyboardInterrupt, MemoryError):
                # A run-level failure met inside a rule (a malformed pack): exit 2; Ctrl-C; the memory
                # budget (SL04 for the file, scriptlint.run.guard).
                raise
            except TemplateProblem as exc:
                # The file's paths could not be followed to the end (its time budget, its limits).
                self.cacheable = self.cacheable and not exc.timing
                self.findings.append(_core(self.run, exc.code, self.display, exc.line, exc.message, exc.column))
                break
            except Overtime:
                self._overtime(rule)
                break
            except BaseException as exc:  # A plugin bug, even SystemExit: report it on this file and go on.
                self.findings.append(_crash(self.run, self.display, rule, f"crashed: {type(exc).__name__}: {exc}"))
                continue
            bad = next((problem for item in produced if (problem := finding_problem(item)) is not None), None)
            if bad is not None:
                self.findings.append(_crash(self.run, self.display, rule, f"returned {bad}"))
                continue
            self.findings.extend(produced)
        if (undecided := context.undecided.report(script.manifest_lines)) is not None:
            self.findings.append(_core(self.run, "SL07", self.display, *undecided))  # once: keys and rules unchecked
        return ran

    def _overtime(self, rule: Rule) -> None:
        """The rule ran past the file's time limit without giving way: stopped, and blamed."""
        self.interrupted, self.cacheable = True, False
        limit = f"{self.settings.time_limit:g}"
        message = f"did not finish within the file's time limit ({limit} s) and was stopped"
        self.findings.append(_crash(self.run, self.display, rule, message))


def _written_in(front: FrontMatter, keys: tuple[str, ...]) -> bool:
    """Whether a manifest key (or its section) was written in this front matter."""
    return any(keys[:depth] in front.key_lines for depth in range(1, len(keys) + 1))


def _with_overrides(manifest: manifest_schema.Manifest, settings: Settings) -> manifest_schema.Manifest:
    if settings.states is not None:
        manifest = replace(manifest, target_states=settings.states)
    if settings.variables:
        manifest = replace(manifest, vars={**manifest.vars, **settings.variables})
    return manifest


def _crash(run: Run, display: str, rule: Rule, what: str) -> Finding:
    message = f"rule {rule.code} ({rule.name}) of plugin {rule.plugin!r} {what}; this file was not fully checked"
    return _core(run, "SL06", display, 1, message)


def _core(run: Run, code: str, display: str, line: int, message: str, column: int = 1) -> Finding:
    return run.rules[code].at(display, message, line=line, column=column)
