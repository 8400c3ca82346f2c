"""The public API's implementation: sessions, `lint_paths` and `lint_text` (imported from `scriptlint.lint`)."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from scriptlint.config import ConfigResolver
from scriptlint.errors import ConfigError, ScriptlintError
from scriptlint.host.manager import build_plugins
from scriptlint.model import Finding
from scriptlint.model.records import record
from scriptlint.model.settings import Options
from scriptlint.run.batch import Batch
from scriptlint.run.context import Run
from scriptlint.run.walk import select

if TYPE_CHECKING:
    from scriptlint.host.manager import Plugins
    from scriptlint.model import Rule
    from scriptlint.model.path_views import ScriptView
    from scriptlint.model.settings import Settings
    from scriptlint.packs.library import PackLibrary
    from scriptlint.run.batch import LintResult
    from scriptlint.run.cache import ResultCache
    from scriptlint.run.fixes import FileFixes
    from scriptlint.run.walk import Selection


@record
class Session:
    """Configuration and plugins resolved once, ready to lint paths (the CLI needs both in between)."""

    resolver: ConfigResolver
    settings: Settings
    plugins: Plugins
    # The rules and packs built for `lint_text`, by the packs' folders: built once per session, so that a
    # service or an editor checking text after text pays for reading the wording and the packs once.
    _runs: dict[tuple[Path, ...], Run] = field(default_factory=dict, init=False, repr=False, compare=False)

    def lint(
        self,
        paths: Iterable[str | os.PathLike[str]],
        progress: Callable[[int, int], None] | None = None,
        *,
        jobs: int | None = 1,
        cache_dir: str | os.PathLike[str] | None = None,
        isolate: bool = True,
    ) -> LintResult:
        """Lint files and directories with this session's configuration and plugins.

        `progress(done, total)` is called as files are done (the CLI shows it on a terminal).
        `jobs` worker processes check the files (None: one per CPU when there are enough files);
        the result is the same whatever the number. With `isolate` (the default), files are checked
        in supervised worker processes where the platform allows it, so that no file can stop the run
        (scriptlint.run.parallel). With `cache_dir`, unchanged files are answered from the result cache
        there (see scriptlint.run.cache) and new answers are stored.
        """
        run = Run(self.plugins, pack_dirs=self.settings.packs)
        given = [Path(p) for p in paths]
        selection = select(given, self.resolver)
        _something_to_check(given, selection)
        cache = self._cache(Path(cache_dir), run) if cache_dir is not None else None
        # Compiled patterns, parsed data files, values derived from installed data and scripts' parsed manifests
        # are kept beside the answers (and, like them, not with --no-cache) while this run lasts: set before the
        # rules are built, which reads and compiles the wording.
        from scriptlint.analysis.compiled import keep_compiled_in
        from scriptlint.intake.kept_data import FOLDERS, keep_in

        secret = cache.run_digest if cache is not None else ""
        keep_compiled_in(cache.kept_folder("patterns") if cache is not None else None, secret)
        for folder in FOLDERS:
            keep_in(folder, cache.kept_folder(folder) if cache is not None else None, secret)
        try:
            return self._lint(run, selection, cache, progress, jobs, isolate)
        finally:
            keep_compiled_in(None)
            for folder in FOLDERS:
                keep_in(folder, None)

    def lint_text(
        self, text: str, *, path: str = "<text>", template: bool = True, root: str | os.PathLike[str] | None = None
    ) -> list[Finding]:
        """Lint a script given as text, in this process; includes resolve under `root` (default: the working
        directory at the call). The session builds its rules and packs on the first call and keeps them, as
        it keeps its configuration: open a new session to see either changed since. A session serves one
        thread at a time."""
        # Absolute: the environments are kept by root, and a relative one names another folder after a chdir.
        base = Path(root).resolve() if root is not None else Path.cwd()
        settings = self.resolver.settings_for(base)
        run = self._runs.get(tuple(settings.packs))
        if run is None:
            run = self._runs[tuple(settings.packs)] = Run(self.plugins, pack_dirs=settings.packs)
        _validate_selectors(settings, run.rules)
        # The suffix tells the loaders whether this is a template.
        name = path if not template or Path(path).suffix in (".j2", ".jinja", ".jinja2") else f"{path}.j2"
        from scriptlint.run.one_file import check_bytes

        outcome = check_bytes(run, text.encode("utf-8"), path, base / Path(name).name, base, settings)
        return sorted(outcome.findings, key=Finding.sort_key)

    def _lint(
        self,
        run: Run,
        selection: Selection,
        cache: ResultCache | None,
        progress: Callable[[int, int], None] | None,
        jobs: int | None,
        isolate: bool,
    ) -> LintResult:
        # The rules as cached for this fingerprint, while every answer comes from the cache too.
        remembered = cache.rules() if cache is not None else None
        settings_of = []
        for file in selection.files:
            settings = _for_file(self.resolver.settings_for(file), file)
            try:
                _validate_selectors(settings, remembered if remembered is not None else run.rules)
            except ConfigError:
                if remembered is None:
                    raise
                # The remembered list may be stale or damaged: the plugins' own rules decide.
                remembered = None
                _validate_selectors(settings, run.rules)
            settings_of.append(settings)
        batch = Batch(run, selection, settings_of, progress)
        if cache is not None:
            batch.from_cache(cache, frozenset(remembered if remembered is not None else run.rules))
        checked = batch.check(jobs, isolate, cache)
        if cache is not None and remembered is None:
            cache.put_rules(run.rules.values())
        rules = run.rules if checked or remembered is None else remembered
        return batch.result(rules, self.settings)

    def _cache(self, directory: Path, run: Run) -> ResultCache:
        from scriptlint.run.cache import CACHE_FORMAT, ResultCache
        from scriptlint.run.fingerprint import run_fingerprint

        return ResultCache(
            directory, run_fingerprint(self.plugins, self.plugins.pack_sources(self.settings.packs), CACHE_FORMAT)
        )

    def fix(self, paths: Iterable[str | os.PathLike[str]], *, write: bool) -> list[FileFixes]:
        """The rules' safe fixes for templates, plain text and Markdown: applied when `write`, else only
        computed (for a diff); files with SL findings, documents and archives are never edited."""
        from scriptlint.run.fixes import fix_job
        from scriptlint.run.parallel import run_all

        run = Run(self.plugins, pack_dirs=self.settings.packs)
        tasks = self._tasks(paths, run)
        return list(run_all(run, tasks, 1, fix_job(write=write)))

    def view_paths(self, paths: Iterable[str | os.PathLike[str]], limit: int = 20) -> list[ScriptView]:
        """Every distinct path of each script as spoken, with the disclosures said on it (no rules run)."""
        from scriptlint.run.parallel import default_jobs, run_all
        from scriptlint.run.paths_view import view_job

        run = Run(self.plugins, pack_dirs=self.settings.packs)
        tasks = self._tasks(paths, run)
        return [view for views in run_all(run, tasks, default_jobs(len(tasks)), view_job(limit)) for view in views]

    def _tasks(self, paths: Iterable[str | os.PathLike[str]], run: Run) -> list[tuple[Path, Settings]]:
        """The files a run checks (refused ones left out: they are never read) with their settings."""
        given = [Path(p) for p in paths]
        selection = select(given, self.resolver)
        _something_to_check(given, selection)
        tasks = []
        for file in selection.files:
            if file not in selection.refused:
                settings = _for_file(self.resolver.settings_for(file), file)
                _validate_selectors(settings, run.rules)
                tasks.append((file, settings))
        return tasks

    def packs(self) -> PackLibrary:
        """The packs of this session: from the plugins' hook (in registration order), then `packs =` directories."""
        return Run(self.plugins, pack_dirs=self.settings.packs).packs

    def default_cache_dir(self) -> Path | None:
        """The user's cache folder for scriptlint (`$XDG_CACHE_HOME/scriptlint`, else `~/.cache/scriptlint`):
        never inside the checkout or the submission being reviewed; None when there is no home folder or
        something other than a folder is in its place."""
        from scriptlint.run.cache import user_cache_dir

        directory = user_cache_dir()
        if directory is None or (os.path.lexists(directory) and not os.path.isdir(directory)):
            return None
        return directory


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
    `cache_dir` are as for Session.lint (by default: one worker process, no cache).
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
    """Lint a script given as text; includes resolve under `root` (default: the working directory). To lint
    many texts, open a session once and call its `lint_text` (the rules and packs are built once)."""
    session = open_session(options=options, config=config, no_config=no_config, plugins=plugins)
    return session.lint_text(text, path=path, template=template, root=root)


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


def _something_to_check(given: list[Path], selection: Selection) -> None:
    """Raise ScriptlintError (exit 2) when the folders named hold no call script at all: a vendor's folder of
    .doc files, or the wrong folder, must not pass as "no findings". Files named are answered as they are
    (pre-commit names the changed files, some of which configuration excludes)."""
    if selection.files or selection.refused or selection.folders or not any(p.is_dir() for p in given):
        return
    by_reason: dict[str, list[str]] = {}
    for path, reason, _ in selection.skipped:
        by_reason.setdefault(reason, []).append(path.as_posix())
    passed = "; ".join(
        f"{len(names):,} {reason} ({', '.join(names[:3])}{', ...' if len(names) > 3 else ''})"
        for reason, names in sorted(by_reason.items())
    )
    folders = ", ".join(str(p) for p in given if p.is_dir())
    why = f"passed over: {passed}" if passed else "it holds no file of a kind scriptlint reads"
    raise ScriptlintError(f"no call script found under {folders}, so nothing was checked ({why})")
