"""The public Python API: `lint_paths` and `lint_text` return findings as values; the CLI adapts them."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from scriptlint import __version__
from scriptlint.config import ConfigResolver
from scriptlint.errors import ConfigError, ScriptlintError
from scriptlint.filecheck import Run, check_bytes, check_file
from scriptlint.manager import Plugins, build_plugins
from scriptlint.model import Finding, Report, Rule
from scriptlint.settings import Options, Settings

# Directories never searched when a directory is given: tooling, not call scripts.
_SKIPPED_DIRECTORIES = frozenset({"node_modules", "__pycache__", "venv", "site-packages"})
# Exit codes (DESIGN section 5).
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

    def report(self, *, color: bool = False, quiet: bool = False) -> Report:
        """The run as formatters see it."""
        return Report(__version__, self.files, self.findings, self.rules, color=color, quiet=quiet, paths=self.paths)


@dataclass
class Session:
    """Configuration and plugins resolved once, ready to lint paths (the CLI needs both in between)."""

    resolver: ConfigResolver
    settings: Settings
    plugins: Plugins

    def lint(
        self, paths: Iterable[str | os.PathLike[str]], progress: Callable[[int, int], None] | None = None
    ) -> LintResult:
        """Lint files and directories with this session's configuration and plugins.

        `progress(done, total)` is called before each file (the CLI shows it on a terminal).
        """
        run = Run(self.plugins, pack_dirs=self.settings.packs)
        files = collect_files([Path(p) for p in paths], self.resolver)
        findings: list[Finding] = []
        failed = False
        for position, file in enumerate(files, start=1):
            settings = _for_file(self.resolver.settings_for(file), file)
            _validate_selectors(settings, run.rules)
            if progress is not None:
                progress(position, len(files))
            found = check_file(run, file, settings)
            # Each file is judged by its own configuration's fail-on and exit-zero.
            failed = failed or (not settings.exit_zero and any(f.severity >= settings.fail_on for f in found))
            findings.extend(found)
        return LintResult(
            files=len(files),
            findings=tuple(sorted(findings, key=Finding.sort_key)),
            rules=tuple(run.rules.values()),
            failed=failed,
            paths=tuple(run.display(file) for file in files),
        )


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
) -> LintResult:
    """Lint files and directories; raise ScriptlintError when the run itself cannot proceed (exit 2).

    `plugins` registers extra plugin objects by name, after the entry-point plugins.
    """
    return open_session(options=options, config=config, no_config=no_config, plugins=plugins).lint(paths)


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
    findings = check_bytes(run, text.encode("utf-8"), path, base / Path(name).name, base, settings)
    return sorted(findings, key=Finding.sort_key)


def collect_files(paths: Sequence[Path], resolver: ConfigResolver) -> list[Path]:
    """Files named and files found under directories by the include globs, minus the exclude globs."""
    found: dict[Path, Path] = {}
    for given in paths:
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
            if any(fnmatch.fnmatch(name, pattern) for pattern in settings.include) and not _excluded(file, settings):
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
