"""Checking one file: bytes to document, manifest, template variants, rules and suppressions."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from scriptlint import manifest as manifest_schema
from scriptlint import suppress
from scriptlint.errors import ScriptlintError
from scriptlint.loading import FrontMatter, split_front_matter
from scriptlint.model import Finding, Rule, Script, UnreadableDocument, nearest_line
from scriptlint.paths import PathAnalysis
from scriptlint.run import Run, root_of
from scriptlint.settings import RunContext, Settings
from scriptlint.templates import TemplateProblem, parse


@dataclass(frozen=True)
class FileResult:
    """One file's findings, the other files its answer depends on, and whether it may be cached."""

    findings: list[Finding]
    # Real paths of the includes, imports and extends followed, and of those named but missing.
    dependencies: tuple[str, ...] = ()
    # False when the answer depends on more than the files (a rule crashed, the time budget ran out).
    cacheable: bool = True


def check_file(run: Run, path: Path, settings: Settings) -> FileResult:
    """All findings for one file on disk; problems with the file become findings, never exceptions."""
    display = run.display(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return FileResult([_core(run, "SL01", display, 1, f"cannot read the file: {exc.strerror or exc}")])
    return check_bytes(run, data, display, path, root_of(path, settings), settings)


def check_bytes(run: Run, data: bytes, display: str, path: Path, root: Path, settings: Settings) -> FileResult:
    """All findings for one document given as bytes; `root` confines includes."""
    if len(data) > settings.max_file_bytes:
        limit = f"{settings.max_file_bytes:,}"
        return FileResult([_core(run, "SL04", display, 1, f"file is {len(data):,} bytes, over the {limit}-byte limit")])
    try:
        document = run.plugins.manager.hook.scriptlint_load_document(path=path, data=data)
    except UnreadableDocument as exc:
        return FileResult([_core(run, "SL01", display, exc.line, exc.message, exc.column)])
    except Exception as exc:  # A third-party loader's bug must not stop the other files.
        return FileResult(
            [_core(run, "SL06", display, 1, f"a file loader failed: {type(exc).__name__}: {exc}")], (), False
        )
    if document is None:
        return FileResult([_core(run, "SL01", display, 1, "no file loader accepts this file")])
    check = _FileCheck(run, display, path, root, settings, document.text, document.kind)
    findings = check.check()
    cacheable = check.cacheable and not any(f.code == "SL06" for f in findings)
    return FileResult(findings, check.dependencies(), cacheable)


@dataclass
class _FileCheck:
    run: Run
    display: str
    path: Path
    root: Path
    settings: Settings
    text: str
    kind: Any
    findings: list[Finding] = field(default_factory=list)
    # Positions of the template's real comments, once it parsed (None: accept every directive).
    comments: frozenset[tuple[int, int]] | None = None
    # When the check of this file started (time.monotonic()), for its time budget.
    started: float = field(default_factory=time.monotonic)
    analysis: PathAnalysis | None = None
    cacheable: bool = True

    def dependencies(self) -> tuple[str, ...]:
        """Real paths of the other files the answer read (or looked for and did not find)."""
        if self.analysis is None:
            return ()
        used = self.analysis.dependencies()
        return tuple(sorted(used))

    @property
    def is_partial(self) -> bool:
        """Partials (`_name.j2`) are included by scripts: checked for syntax and safety, not as calls."""
        return self.path.name.startswith("_")

    def check(self) -> list[Finding]:
        script = self._script()
        active = {code for code in self.run.rules if code.startswith("SL")}
        if script is not None and not self.is_partial:
            active |= self._apply_rules(script)
        selected = [f for f in self.findings if f.code == "SL06" or self.settings.selects(f.code)]
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
        )
        return [f for f in result if f.code != "SL05" or self.settings.selects("SL05")]

    def _script(self) -> Script | None:
        """The script for the rules, or None when its manifest or template could not be read."""
        front, body = split_front_matter(self.text)
        for line, message in front.errors:
            self.findings.append(_core(self.run, "SL03", self.display, line, message))
        # Front matter that is not a usable mapping stops the rules, but the template is still parsed
        # so that its own syntax and safety problems are reported too.
        usable = not (front.errors and not front.data)
        manifest = self._manifest(front) if usable else manifest_schema.Manifest()
        try:
            paths = self._paths(body, manifest)
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
            kind=self.kind,
            manifest=manifest,
            manifest_lines=dict(front.key_lines),
            body_start_line=front.line_count + 1,
            paths=paths,
        )

    def _manifest(self, front: FrontMatter) -> manifest_schema.Manifest:
        """Configuration defaults under the script's manifest, validated; problems become SL03 findings."""
        merged = manifest_schema.merge(self.settings.manifest_defaults, front.data)
        manifest, problems = manifest_schema.validate(merged)
        for problem in problems:
            line = nearest_line(front.key_lines, problem.keys)
            self.findings.append(_core(self.run, "SL03", self.display, line, problem.message))
        missing_type = manifest.call_type is None and not any(p.keys == ("call_type",) for p in problems)
        if missing_type and not self.is_partial:
            # Without it the rules cannot tell which law applies: say so rather than pass silently.
            message = (
                "the manifest has no call_type (political, survey, telemarketing, charitable or"
                " informational), so the rules that depend on the kind of call were not checked"
            )
            self.findings.append(_core(self.run, "SL03", self.display, 1, message))
        return _with_overrides(manifest, self.settings)

    def _paths(self, body: str, manifest: manifest_schema.Manifest) -> PathAnalysis:
        """The script's path analysis, walked once so that what cannot be followed is reported now."""
        options: dict[str, Any] = {
            "target_states": manifest.target_states,
            "words_per_minute": self.settings.words_per_minute,
            "deadline": self.started + self.settings.time_limit,
        }
        environment = self.run.environment(self.root, self.settings.max_file_bytes)
        if self.kind != "template":
            return PathAnalysis.of_text(environment, body, self.display, **options)
        parsed = parse(environment, body, os.path.realpath(self.path))
        self.comments = parsed.comments
        paths = PathAnalysis(environment, parsed, self.display, dict(manifest.vars), self.run.display, **options)
        self.analysis = paths
        paths.check()
        return paths

    def _apply_rules(self, script: Script) -> set[str]:
        context = RunContext(self.settings, lambda: self.run.packs)
        ran: set[str] = set()
        for code, rule in self.run.rules.items():
            if rule.check is None or not self.settings.selects(code):
                continue
            ran.add(code)
            try:
                produced = list(rule.check(rule, script, context))
            except ScriptlintError:
                raise  # A run-level failure met inside a rule (a malformed pack): exit 2, not SL06.
            except TemplateProblem as exc:
                # The file's paths could not be followed to the end (its time budget, its limits).
                self.cacheable = self.cacheable and not exc.timing
                self.findings.append(_core(self.run, exc.code, self.display, exc.line, exc.message, exc.column))
                break
            except RecursionError:
                self.findings.append(_core(self.run, "SL04", self.display, 1, "the template is nested too deeply"))
                break
            except Exception as exc:  # A plugin bug: report it on this file and go on (exit 2).
                self.findings.append(_crash(self.run, self.display, rule, exc))
                continue
            bad = [item for item in produced if not isinstance(item, Finding)]
            if bad:
                self.findings.append(_crash(self.run, self.display, rule, TypeError(f"returned {bad[0]!r}")))
                continue
            self.findings.extend(produced)
        return ran


def _with_overrides(manifest: manifest_schema.Manifest, settings: Settings) -> manifest_schema.Manifest:
    if settings.states is not None:
        manifest = replace(manifest, target_states=settings.states)
    if settings.variables:
        manifest = replace(manifest, vars={**manifest.vars, **settings.variables})
    return manifest


def _crash(run: Run, display: str, rule: Rule, exc: Exception) -> Finding:
    message = (
        f"rule {rule.code} ({rule.name}) of plugin {rule.plugin!r} crashed: {type(exc).__name__}: {exc};"
        " this file was not fully checked"
    )
    return _core(run, "SL06", display, 1, message)


def _core(run: Run, code: str, display: str, line: int, message: str, column: int = 1) -> Finding:
    return run.rules[code].at(display, message, line=line, column=column)
