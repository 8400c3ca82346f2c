"""Shared helpers: real files in temporary directories, the real CLI through click's runner."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import settings
from hypothesis.configuration import set_hypothesis_home_dir

from scriptlint import hookimpl
from scriptlint.analysis.jinja import ConfinedLoader, make_environment, parse
from scriptlint.analysis.paths import PathAnalysis
from scriptlint.cli import cli
from scriptlint.intake.front_matter import split_front_matter
from scriptlint.model import Finding, Rule, Severity

REPO = Path(__file__).resolve().parent.parent

# Hypothesis keeps no example database and its other files in a temporary folder: the tests write nothing
# into the repository (it would make .hypothesis/ there).
settings.register_profile("scriptlint", database=None)
settings.load_profile("scriptlint")
set_hypothesis_home_dir(tempfile.mkdtemp(prefix="scriptlint-hypothesis-"))
FIXTURES = REPO / "fixtures"


@pytest.fixture(autouse=True)
def _cache_outside_the_repository(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test's CLI runs (in-process and in subprocesses) cache in a temporary folder, never in the
    repository nor in the user's cache folder; tests of the default location set their own."""
    monkeypatch.setenv("SCRIPTLINT_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The full-size reliability reproducers run only when `-m` names them (they take minutes)."""
    if "reliability_long" in (config.getoption("markexpr") or ""):
        return
    long = [item for item in items if item.get_closest_marker("reliability_long") is not None]
    if long:
        config.hook.pytest_deselected(items=long)
        items[:] = [item for item in items if item.get_closest_marker("reliability_long") is None]


def pytest_sessionstart(session: pytest.Session) -> None:
    """Remember what git sees in the repository before the tests run."""
    session.config.stash[_BEFORE] = _repository_status()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fail the run if the tests left files in the repository (they must write only to temporary folders)."""
    before = session.config.stash.get(_BEFORE, None)
    if before is None:
        return
    left = sorted(set(_repository_status()) - set(before))
    if left:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
        print(f"\nthe tests left files in the repository: {left[:10]}")


_BEFORE = pytest.StashKey[list[str]]()


def _repository_status() -> list[str]:
    import subprocess

    try:
        out = subprocess.run(
            ["git", "status", "--porcelain", "--ignored", "--untracked-files=all"],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    # What installing and running pytest may leave (as the fresh-clone check allows), nothing else.
    ignored_caches = ("__pycache__", ".pytest_cache", ".egg-info", "build/")
    return [line for line in out.splitlines() if not any(part in line for part in ignored_caches)]


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty working directory that is its own repository root (configuration discovery stops here)."""
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    yield tmp_path


def run_cli(*args: str) -> Result:
    """Invoke `scriptlint ARGS` in-process, as the console script would."""
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def checked_then_kept_only(tmp_path: Path, kept: str) -> tuple[Result, Path, Path]:
    """The fixture scripts checked once with a cache folder (`cold`), and a new cache folder holding only
    that run's `kept` folder ("patterns" or "data"): no answer cached, so a run with it checks every file
    again with what was kept. Returns the cold run, the scripts' folder and the new cache folder."""
    import shutil

    scripts = tmp_path / "scripts"
    shutil.copytree(FIXTURES / "scripts", scripts)
    cache = tmp_path / "cache"
    cold = run_cli("check", "--no-config", "--format", "json", "--cache-dir", str(cache), str(scripts))
    assert sorted((cache / kept).rglob("*.json")), f"nothing was kept in {kept}/"
    warm_cache = tmp_path / "warm"
    shutil.copytree(cache / kept, warm_cache / kept)
    return cold, scripts, warm_cache


def assert_findings_match(found: list[Finding], expected: list[dict[str, object]]) -> None:
    """Each finding has the fields the case expects (`message_contains` and `severity` by label)."""
    shown = "\n".join(
        f"{f.line}:{f.column} {f.code} {f.severity.label} {f.message} ({f.path_condition})" for f in found
    )
    assert len(found) == len(expected), f"expected {len(expected)} finding(s), got:\n{shown}"
    for finding, want in zip(found, expected, strict=True):
        for key, value in want.items():
            if key == "message_contains":
                assert isinstance(value, str) and value in finding.message, shown
            elif key == "severity":
                assert finding.severity.label == value, shown
            else:
                assert getattr(finding, key) == value, f"{key}: {getattr(finding, key)!r} != {value!r}\n{shown}"


def assert_fully_checked(findings: Sequence[Finding], allowed: Sequence[str] = ()) -> None:
    """No rule crashed (SL06), and the file was parsed and followed (no SL02/SL04) unless the case allows it:
    an expect-nothing case must not pass because the file was never checked."""
    unchecked = [f for f in findings if f.code in ("SL02", "SL04", "SL06") and f.code not in allowed]
    assert not unchecked, "the file was not fully checked:\n" + "\n".join(
        f"{f.path}:{f.line} {f.code} {f.message}" for f in unchecked
    )


def write(root: Path, files: dict[str, str | bytes]) -> None:
    """Create files (and their folders) under root."""
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def _crash(rule: Rule, script: object, context: object) -> list[object]:
    raise RuntimeError("boom")


class CrashingPlugin:
    """A third-party plugin whose only rule always raises (for SL06)."""

    @hookimpl
    def scriptlint_rules(self) -> list[Rule]:
        return [Rule("ZZ01", "always-crashes", "Crashes on purpose.", Severity.ERROR, check=_crash)]


TEST_PLUGINS: dict[str, object] = {"crashing": CrashingPlugin()}


def analysis(
    root: Path, source: str, known: dict[str, object] | None = None, states: tuple[str, ...] = ()
) -> PathAnalysis:
    """The path analysis of `source` as the file script.j2 under root."""
    path = root / "script.j2"
    path.write_text(source, encoding="utf-8")
    environment = make_environment(ConfinedLoader(root, 1_000_000), lambda env: None)
    _, body = split_front_matter(source)
    parsed = parse(environment, body, os.path.realpath(path))
    real_root = os.path.realpath(root)
    return PathAnalysis(
        environment, parsed, "script.j2", known or {}, lambda p: os.path.relpath(p, real_root), target_states=states
    )
