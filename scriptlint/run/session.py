"""The public API's implementation: sessions, `lint_paths` and `lint_text` (imported from `scriptlint.lint`)."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from scriptlint.config import ConfigResolver
from scriptlint.errors import ConfigError, ScriptlintError
from scriptlint.host.manager import Plugins, build_plugins
from scriptlint.intake.decoding import file_digest
from scriptlint.intake.sources import SIDECAR_SUFFIX, is_sidecar, not_a_script
from scriptlint.markers import __version__
from scriptlint.model import Finding, Report, Rule
from scriptlint.model.settings import Options, Settings
from scriptlint.run.context import Run, root_of

if TYPE_CHECKING:
    from scriptlint.model.path_views import ScriptView
    from scriptlint.packs.library import PackLibrary
    from scriptlint.run.cache import ResultCache
    from scriptlint.run.fixes import FileFixes

# Directories never searched when a directory is given: tooling, not call scripts.
_SKIPPED_DIRECTORIES = frozenset({"node_modules", "__pycache__", "venv", "site-packages"})
# Exit codes (README, "Command line").
EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


@dataclass(frozen=True)
class LintResult:
    """The outcome of a run: how many files were checked and what was found, sorted."""

    files: int
    findings: tuple[Finding, ...]
    rules: tuple[Rule, ...]
    # Whether some finding reached its file's --fail-on (and that file's settings did not say exit-zero).
    failed: bool = False
    # The files checked, as findings name them.
    paths: tuple[str, ...] = ()

    @property
    def exit_code(self) -> int:
        """2 if a file could not be fully checked (SL06), else 1 if a finding reaches --fail-on, else 0."""
        if any(finding.code == "SL06" for finding in self.findings):
            return EXIT_ERROR
        return EXIT_FINDINGS if self.failed else EXIT_CLEAN

    def report(self, *, color: bool = False, quiet: bool = False, views: tuple[ScriptView, ...] = ()) -> Report:
        """The run as formatters see it (with the scripts' path views for formats that show them)."""
        return Report(
            __version__, self.files, self.findings, self.rules, color=color, quiet=quiet, paths=self.paths, views=views
        )


@dataclass
class Session:
    """Configuration and plugins resolved once, ready to lint paths (the CLI needs both in between)."""

    resolver: ConfigResolver
    settings: Settings
    plugins: Plugins

    def lint(
        self,
        paths: Iterable[str | os.PathLike[str]],
        progress: Callable[[int, int], None] | None = None,
        *,
        jobs: int | None = 1,
        cache_dir: str | os.PathLike[str] | None = None,
    ) -> LintResult:
        """Lint files and directories with this session's configuration and plugins.

        `progress(done, total)` is called as files are done (the CLI shows it on a terminal).
        `jobs` worker processes check the files (None: one per CPU when there are enough files);
        the result is the same whatever the number. With `cache_dir`, unchanged files are answered
        from the result cache there (see scriptlint.run.cache) and new answers are stored.
        """
        run = Run(self.plugins, pack_dirs=self.settings.packs)
        files = collect_files([Path(p) for p in paths], self.resolver)
        cache = self._cache(Path(cache_dir), run) if cache_dir is not None else None
        # The rules as cached for this fingerprint, while every answer comes from the cache too.
        remembered = cache.rules() if cache is not None else None
        settings_of = []
        for file in files:
            settings = _for_file(self.resolver.settings_for(file), file)
            _validate_selectors(settings, remembered if remembered is not None else run.rules)
            settings_of.append(settings)
        results: list[list[Finding] | None] = [None] * len(files)
        done = 0

        def advance() -> None:
            nonlocal done
            done += 1
            if progress is not None:
                progress(done, len(files))

        if cache is not None:
            for index, (file, settings) in enumerate(zip(files, settings_of, strict=True)):
                digest = file_digest(file)
                key = _cache_key(cache, run, file, settings, digest) if digest else None
                if key is not None and (cached := cache.get(key)) is not None:
                    results[index] = cached
                    advance()
        pending = [index for index, found in enumerate(results) if found is None]
        if pending:
            # Imported only when some file must be checked: a run answered from the cache loads no analysis.
            from scriptlint.run.parallel import check_all, default_jobs

            workers = default_jobs(len(pending)) if jobs is None else jobs
            tasks = [(files[index], settings_of[index]) for index in pending]
            for index, outcome in zip(pending, check_all(run, tasks, workers, advance), strict=True):
                results[index] = outcome.findings
                if cache is not None and outcome.cacheable and outcome.digest:
                    # Keyed by the bytes that were checked, even if the file changed since the lookup.
                    key = _cache_key(cache, run, files[index], settings_of[index], outcome.digest)
                    cache.put(key, outcome.findings, outcome.dependencies)
        if cache is not None and remembered is None:
            cache.put_rules(run.rules.values())
        rules = run.rules if pending or remembered is None else remembered
        findings: list[Finding] = []
        failed = False
        for settings, found in zip(settings_of, results, strict=True):
            assert found is not None
            # Each file is judged by its own configuration's fail-on and exit-zero.
            failed = failed or (not settings.exit_zero and any(f.severity >= settings.fail_on for f in found))
            findings.extend(found)
        return LintResult(
            files=len(files),
            findings=tuple(sorted(findings, key=Finding.sort_key)),
            rules=tuple(rules.values()),
            failed=failed,
            paths=tuple(run.display(file) for file in files),
        )

    def _cache(self, directory: Path, run: Run) -> ResultCache:
        from scriptlint.run.cache import ResultCache, run_fingerprint

        return ResultCache(directory, run_fingerprint(self.plugins, self.plugins.pack_sources(self.settings.packs)))

    def fix(self, paths: Iterable[str | os.PathLike[str]], *, write: bool) -> list[FileFixes]:
        """The rules' safe fixes for templates, plain text and Markdown: applied when `write`, else only
        computed (for a diff); files with SL findings, documents and archives are never edited."""
        from scriptlint.run.fixes import fix_file

        run = Run(self.plugins, pack_dirs=self.settings.packs)
        outcomes = []
        for file in collect_files([Path(p) for p in paths], self.resolver):
            settings = _for_file(self.resolver.settings_for(file), file)
            _validate_selectors(settings, run.rules)
            outcomes.append(fix_file(run, file, settings, write=write))
        return outcomes

    def view_paths(self, paths: Iterable[str | os.PathLike[str]], limit: int = 20) -> list[ScriptView]:
        """Every distinct path of each script as spoken, with the disclosures said on it (no rules run)."""
        from scriptlint.run.paths_view import view_files

        run = Run(self.plugins, pack_dirs=self.settings.packs)
        files = collect_files([Path(p) for p in paths], self.resolver)
        return view_files(run, [(file, _for_file(self.resolver.settings_for(file), file)) for file in files], limit)

    def packs(self) -> PackLibrary:
        """The packs of this session: from the plugins' hook (in registration order), then `packs =` directories."""
        return Run(self.plugins, pack_dirs=self.settings.packs).packs

    def default_cache_dir(self) -> Path:
        """`.scriptlint_cache` at the project root (the configuration's directory, else the git work tree)."""
        from scriptlint.run.cache import DEFAULT_CACHE_DIRECTORY, project_root

        return project_root(Path.cwd(), self.settings.config_path) / DEFAULT_CACHE_DIRECTORY


def open_session(
    *,
    options: Options | None = None,
    config: str | os.PathLike[str] | None = None,
    no_config: bool = False,
    plugins: Sequence[tuple[str, object]] = (),
) -> Session:
    """Resolve the run's configuration (from the working directory, or `config`) and load the plugins."""
    resolver = ConfigResolver(options or Options(), Path(config) if config else None, no_config)
    settings = resolver.settings_for(Path.cwd())
    return Session(resolver, settings, build_plugins(disabled=settings.disable_plugins, extra_plugins=plugins))


def lint_paths(
    paths: Iterable[str | os.PathLike[str]],
    *,
    options: Options | None = None,
    config: str | os.PathLike[str] | None = None,
    no_config: bool = False,
    plugins: Sequence[tuple[str, object]] = (),
    jobs: int | None = 1,
    cache_dir: str | os.PathLike[str] | None = None,
) -> LintResult:
    """Lint files and directories; raise ScriptlintError when the run itself cannot proceed (exit 2).

    `plugins` registers extra plugin objects by name, after the entry-point plugins. `jobs` and
    `cache_dir` are as for Session.lint (by default: one process, no cache).
    """
    session = open_session(options=options, config=config, no_config=no_config, plugins=plugins)
    return session.lint(paths, jobs=jobs, cache_dir=cache_dir)


def lint_text(
    text: str,
    *,
    path: str = "<text>",
    template: bool = True,
    root: str | os.PathLike[str] | None = None,
    options: Options | None = None,
    config: str | os.PathLike[str] | None = None,
    no_config: bool = False,
    plugins: Sequence[tuple[str, object]] = (),
) -> list[Finding]:
    """Lint a script given as text; includes resolve under `root` (default: the working directory)."""
    session = open_session(options=options, config=config, no_config=no_config, plugins=plugins)
    base = Path(root) if root is not None else Path.cwd()
    settings = session.resolver.settings_for(base)
    run = Run(session.plugins, pack_dirs=settings.packs)
    _validate_selectors(settings, run.rules)
    # The suffix tells the loaders whether this is a template.
    name = path if not template or Path(path).suffix in (".j2", ".jinja", ".jinja2") else f"{path}.j2"
    from scriptlint.run.one_file import check_bytes

    outcome = check_bytes(run, text.encode("utf-8"), path, base / Path(name).name, base, settings)
    return sorted(outcome.findings, key=Finding.sort_key)


def collect_files(paths: Sequence[Path], resolver: ConfigResolver) -> list[Path]:
    """Files named and files found under directories by the include globs, minus the exclude globs."""
    found: dict[Path, Path] = {}
    for named in paths:
        given = named
        if is_sidecar(named.name):
            # A sidecar manifest is not a script: naming it (pre-commit does, when it changes) lints its
            # document; a sidecar whose document is gone (or a bare `.scriptlint.yml`) is nothing to check.
            stem = named.name[: -len(SIDECAR_SUFFIX)]
            if not stem or not (given := named.with_name(stem)).is_file():
                continue
        if not given.exists():
            raise ScriptlintError(f"{given}: no such file or directory")
        settings = resolver.settings_for(given)
        if given.is_dir():
            for file in _walk(given, settings):
                found.setdefault(file.resolve(), file)
        elif not _excluded(given, settings):
            found.setdefault(given.resolve(), given)
    return sorted(found.values(), key=lambda p: p.as_posix())


def _walk(directory: Path, settings: Settings) -> Iterable[Path]:
    for current, subdirectories, names in os.walk(directory):
        subdirectories[:] = sorted(
            d
            for d in subdirectories
            if not d.startswith(".") and d not in _SKIPPED_DIRECTORIES and not _excluded(Path(current, d), settings)
        )
        for name in sorted(names):
            file = Path(current, name)
            wanted = any(fnmatch.fnmatch(name, pattern) for pattern in settings.include)
            if wanted and not not_a_script(name) and not _excluded(file, settings):
                yield file


def _excluded(path: Path, settings: Settings) -> bool:
    if not settings.exclude:
        return False
    posix = path.as_posix()
    return any(
        fnmatch.fnmatch(path.name, pattern) or fnmatch.fnmatch(posix, pattern) or fnmatch.fnmatch(posix, f"*/{pattern}")
        for pattern in settings.exclude
    )


def _for_file(settings: Settings, file: Path) -> Settings:
    """The settings with the per-file ignores that match this file added."""
    if not settings.per_file_ignores:
        return settings
    base = settings.config_path.parent if settings.config_path else Path.cwd()
    try:
        relative = file.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        relative = file.as_posix()
    extra = tuple(
        code
        for pattern, codes in settings.per_file_ignores
        if fnmatch.fnmatch(relative, pattern) or fnmatch.fnmatch(file.name, pattern)
        for code in codes
    )
    return replace(settings, ignore=(*settings.ignore, *extra)) if extra else settings


def _validate_selectors(settings: Settings, rules: dict[str, Rule]) -> None:
    """Raise ConfigError for a --select/--ignore entry that matches no rule: a typo must not check nothing."""
    for kind, selectors in (
        ("select", settings.select),
        ("ignore", settings.ignore),
        ("extend-select", settings.extend_select),
    ):
        for selector in selectors:
            if selector != "ALL" and not any(code.startswith(selector) for code in rules):
                where = f" (in {settings.config_path})" if settings.config_path else ""
                raise ConfigError(f"{kind} {selector}{where}: no rule code starts with {selector!r}")


def _cache_key(cache: ResultCache, run: Run, file: Path, settings: Settings, digest: str) -> str:
    """The file's cache key for the bytes with this digest."""
    return cache.key(digest, run.display(file), file, root_of(file, settings), cache.settings_digest(settings))
