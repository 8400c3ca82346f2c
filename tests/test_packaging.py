"""Installs into fresh virtual environments and a real pre-commit run (needs the package registry)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest
from conftest import REPO, write
from documents import write_docx

pytestmark = pytest.mark.slow

BUNDLED_CODES = ("SL01", "SL02", "SL03", "SL04", "SL05", "SL06", "PF01", "CO01", "SW04")
BAD_SCRIPT = """---
call_type: political
race: federal
origin: {facility: correctional, state: OK}
target_states: [CA]
---
Hi, I'm calling on behalf of the campaign.
Can we count on your vote?
"""


def _source_copy(destination: Path) -> Path:
    """The checkout's files without .git and build leftovers, so installs never touch the working tree."""
    ignore = shutil.ignore_patterns(".git", "*.egg-info", "build", "__pycache__", ".*_cache", ".hypothesis")
    shutil.copytree(REPO, destination, ignore=ignore)
    return destination


def _fresh_venv(path: Path) -> Path:
    venv.EnvBuilder(with_pip=True, clear=True).create(path)
    return path / ("Scripts" if os.name == "nt" else "bin")


def _pip_install(bin_dir: Path, *args: str) -> None:
    subprocess.run(
        [str(bin_dir / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *args],
        check=True,
        capture_output=True,
    )


@pytest.mark.parametrize("editable", [False, True], ids=["regular", "editable"])
def test_install_finds_every_bundled_rule(tmp_path: Path, editable: bool) -> None:
    source = _source_copy(tmp_path / "source")
    bin_dir = _fresh_venv(tmp_path / "venv")
    _pip_install(bin_dir, *(["-e"] if editable else []), str(source))
    if not editable:
        shutil.rmtree(source)  # a regular install must not need the source folder
    elsewhere = tmp_path / "elsewhere"
    write(elsewhere, {"call.j2": BAD_SCRIPT})

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(args, cwd=elsewhere, capture_output=True, text=True, check=False)

    rules = run(str(bin_dir / "scriptlint"), "rules")
    assert rules.returncode == 0, rules.stderr
    for code in BUNDLED_CODES:
        assert f"\n{code} " in rules.stdout, f"{code} missing from a {'n editable' if editable else ' regular'} install"
    checked = run(str(bin_dir / "scriptlint"), "check", "call.j2")
    assert checked.returncode == 1, checked.stderr
    # The citation comes from the installed data file next to the rule plugin.
    assert "call.j2:8:" in checked.stdout and "PF01" in checked.stdout and "[52 U.S.C. 30120(a)" in checked.stdout
    # The document loaders are installed plugins too, with their libraries.
    write_docx(elsewhere / "vendor.docx", ["Hi, this is Sam with Friends of Ana Ruiz.", "Thanks!"])
    write(elsewhere, {"vendor.docx.scriptlint.yml": BAD_SCRIPT.split("---")[1]})
    document = run(str(bin_dir / "scriptlint"), "check", "vendor.docx")
    assert document.returncode == 1 and "PF01" in document.stdout and "(at paragraph 2)" in document.stdout, (
        document.stdout + document.stderr
    )
    leaked = run(str(bin_dir / "python"), "-c", "import importlib.util as u; print(u.find_spec('plugins'))")
    assert leaked.stdout.strip() == "None", "plugins/ must not be installed as a top-level 'plugins' package"


def test_pre_commit_try_repo_reports_the_finding(tmp_path: Path) -> None:
    repo = tmp_path / "scripts-repo"
    write(repo, {"calls/bad.j2": BAD_SCRIPT, "calls/README.txt": "not a template\n"})
    environment = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.invalid",
    }
    subprocess.run(["git", "init", "-q", str(repo)], check=True, env=environment)
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True, env=environment)
    result = subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(REPO), "scriptlint", "--all-files", "--color", "never"],
        cwd=repo,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "scriptlint (call-script disclosures)" in output
    assert "Failed" in output
    assert "calls/bad.j2:8:" in output and "PF01" in output
    assert "README.txt" not in output


def test_the_snippet_init_prints_runs_under_pre_commit_at_its_pinned_release(tmp_path: Path) -> None:
    """The release process of the README (tag vVERSION), then the snippet `scriptlint init` prints, pinned."""
    environment = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.invalid",
    }
    release = tmp_path / "scriptlint-release"
    subprocess.run(["git", "clone", "-q", str(REPO), str(release)], check=True, env=environment)
    version = subprocess.run(
        [sys.executable, "-c", "import scriptlint; print(scriptlint.__version__)"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    # The README's release step; -f because a clone of a released checkout already has the tag (the release
    # under test is this commit, wherever the tag points).
    subprocess.run(["git", "tag", "-f", f"v{version}"], cwd=release, check=True, env=environment)
    repo = tmp_path / "scripts-repo"
    write(repo, {"calls/bad.j2": BAD_SCRIPT})
    printed = subprocess.run(
        [sys.executable, "-m", "scriptlint", "init"], cwd=repo, capture_output=True, text=True, check=True
    ).stdout
    snippet = printed[printed.index("repos:") :]
    assert f"rev: v{version}" in snippet
    config = "\n".join(
        f"  - repo: {release}" if line.lstrip().startswith("- repo:") else line for line in snippet.splitlines()
    )
    write(repo, {".pre-commit-config.yaml": config + "\n"})
    subprocess.run(["git", "init", "-q", str(repo)], check=True, env=environment)
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True, env=environment)
    result = subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never"],
        cwd=repo, env=environment, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "calls/bad.j2:8:" in output and "PF01" in output, output
