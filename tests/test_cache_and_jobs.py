"""The result cache and worker processes: same answers, fresh when anything they depend on changes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import run_cli, write

from benchmarks.corpus import generate

SCRIPT = """---
call_type: political
race: federal
sponsor:
  name: Friends of Ana Ruiz
origin:
  facility: campaign_office
  state: NV
target_states: [OH]
---
Hi, this is {{ caller }}, a volunteer with Friends of Ana Ruiz.
{% include "_closing.j2" %}
"""
PAID_FOR = "Paid for by Friends of Ana Ruiz.\n"


@pytest.fixture(autouse=True)
def user_cache(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """These tests check where the cache goes by default: the user's cache folder, here a temporary one."""
    monkeypatch.delenv("SCRIPTLINT_CACHE_DIR", raising=False)
    home = tmp_path_factory.mktemp("xdg-cache")
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    return home / "scriptlint"


def _entries(cache: Path) -> list[Path]:
    return sorted(cache.glob("v*/*/*.json"))


def test_a_second_run_is_answered_from_the_cache(workdir: Path, user_cache: Path) -> None:
    write(workdir, {"call.j2": SCRIPT, "_closing.j2": "Thank you.\n"})
    first = run_cli("check", "--format", "json", "call.j2")
    cache = user_cache
    assert (cache / "CACHEDIR.TAG").is_file() and (cache / ".gitignore").read_text().strip().endswith("*")
    (entry,) = _entries(cache)
    # Prove the second answer comes from the entry: plant a finding in it and see it reported.
    stored = json.loads(entry.read_text(encoding="utf-8"))
    planted = dict(stored["findings"][0], message="planted in the cache")
    stored["findings"].append(planted)
    entry.write_text(json.dumps(stored), encoding="utf-8")
    second = run_cli("check", "--format", "json", "call.j2")
    messages = [f["message"] for f in json.loads(second.output)["findings"]]
    assert "planted in the cache" in messages
    assert len(messages) == len(json.loads(first.output)["findings"]) + 1
    # Another configuration is another key: the planted entry is not used.
    third = run_cli("check", "--format", "json", "--ignore", "SW04", "call.j2")
    assert "planted in the cache" not in third.output


def test_changing_an_included_partial_invalidates_the_entry(workdir: Path) -> None:
    write(workdir, {"call.j2": SCRIPT, "_closing.j2": "Thank you.\n"})
    assert "PF01" in run_cli("check", "--ignore", "SW04", "call.j2").output
    (workdir / "_closing.j2").write_text(PAID_FOR, encoding="utf-8")
    result = run_cli("check", "--ignore", "SW04", "call.j2")
    assert "PF01" not in result.output, result.output


def test_creating_a_missing_include_invalidates_the_entry(workdir: Path) -> None:
    write(workdir, {"call.j2": SCRIPT})
    assert "SL02" in run_cli("check", "call.j2").output
    write(workdir, {"_closing.j2": PAID_FOR})
    assert "SL02" not in run_cli("check", "call.j2").output


def test_a_corrupt_entry_is_ignored_and_rewritten(workdir: Path, user_cache: Path) -> None:
    write(workdir, {"call.j2": SCRIPT, "_closing.j2": PAID_FOR})
    clean = run_cli("check", "call.j2").output
    (entry,) = _entries(user_cache)
    entry.write_bytes(b"\x00garbage{")
    assert run_cli("check", "call.j2").output == clean
    json.loads(entry.read_text(encoding="utf-8"))  # rewritten whole


def test_no_cache_writes_nothing_and_cache_dir_moves_it(workdir: Path, user_cache: Path) -> None:
    write(workdir, {"call.j2": SCRIPT, "_closing.j2": PAID_FOR})
    run_cli("check", "--no-cache", "call.j2")
    assert not user_cache.exists()
    run_cli("check", "--cache-dir", "elsewhere", "call.j2")
    assert _entries(workdir / "elsewhere") and not user_cache.exists()
    result = run_cli("check", "--no-cache", "--cache-dir", "elsewhere", "call.j2")
    assert result.exit_code == 2 and "cannot be used together" in result.output


def test_the_cache_lives_in_the_users_cache_folder_never_in_the_project(workdir: Path, user_cache: Path) -> None:
    write(workdir, {"setup.cfg": "[tool:scriptlint]\nignore = SW04\n", "scripts/call.j2": SCRIPT})
    write(workdir, {"scripts/_closing.j2": PAID_FOR, "scripts/deep/.keep": ""})
    before = sorted(path.relative_to(workdir) for path in workdir.rglob("*"))
    import os

    os.chdir(workdir / "scripts" / "deep")
    run_cli("check", "..")
    assert _entries(user_cache)
    # Nothing is written into the project (or a submission being reviewed).
    assert sorted(path.relative_to(workdir) for path in workdir.rglob("*")) == before


def test_two_projects_share_the_cache_without_mixing_answers(tmp_path: Path, user_cache: Path) -> None:
    import os

    first, second = tmp_path / "one", tmp_path / "two"
    for project, closing in ((first, PAID_FOR), (second, "Thank you.\n")):
        (project / ".git").mkdir(parents=True)
        write(project, {"call.j2": SCRIPT, "_closing.j2": closing})
    answers = []
    for project in (first, second, first, second):
        os.chdir(project)
        answers.append(run_cli("check", "--ignore", "SW04", "call.j2").output)
    assert answers[0] == answers[2] and answers[1] == answers[3] and answers[0] != answers[1]


def test_jobs_give_the_same_report_as_one_process(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    generate(corpus, 60, seed=7)
    outputs = []
    for jobs in ("1", "2", "3"):
        completed = subprocess.run(
            [sys.executable, "-m", "scriptlint", "check", "--no-cache", "--jobs", jobs, "--format", "json", "."],
            cwd=corpus,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert completed.returncode == 1, completed.stderr
        outputs.append(completed.stdout)
    assert outputs[0] == outputs[1] == outputs[2]
    assert json.loads(outputs[0])["files"] == 63


def test_concurrent_runs_share_one_cache_without_corrupting_it(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    generate(corpus, 40, seed=11)
    cache = tmp_path / "cache"
    command = [sys.executable, "-m", "scriptlint", "check", "-j", "1", "--cache-dir", str(cache), "--format", "json"]
    # Four runs at once over the same files, as pre-commit's parallel batches do.
    running = [subprocess.Popen([*command, "."], cwd=corpus, stdout=subprocess.PIPE, text=True) for _ in range(4)]
    outputs = [process.communicate(timeout=300)[0] for process in running]
    assert len(set(outputs)) == 1
    for entry in _entries(cache):
        json.loads(entry.read_text(encoding="utf-8"))
    assert not list(cache.rglob(".tmp-*")), "temporary files left behind"
    again = subprocess.run([*command, "."], cwd=corpus, capture_output=True, text=True, timeout=300, check=False)
    assert again.stdout == outputs[0]


def test_a_run_answered_from_the_cache_loads_no_analysis_code(workdir: Path) -> None:
    write(workdir, {"call.j2": SCRIPT, "_closing.j2": PAID_FOR})
    probe = (
        "import sys\nfrom scriptlint.cli import main\nsys.argv = ['scriptlint', 'check', 'call.j2']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "loaded = ('jinja2', 'yaml', 'scriptlint.analysis.paths', 'scriptlint.packs.engine',"
        " 'scriptlint.run.one_file', 'docx', 'scriptlint_plugins.paid_for_by.checks',"
        " 'scriptlint_plugins.call_origin.checks', 'scriptlint_plugins.languages.catalogue',"
        # Nor the pattern library, nor the analysis values (the model's modules load on first use).
        " 'regex', 'zipfile', 'scriptlint.model.answers', 'scriptlint.model.script')\n"
        "print('LOADED', sorted(name for name in loaded if name in sys.modules))\n"
    )
    first = subprocess.run([sys.executable, "-c", probe], cwd=workdir, capture_output=True, text=True, check=True)
    assert "'jinja2'" in first.stdout  # the first run checks the file
    second = subprocess.run([sys.executable, "-c", probe], cwd=workdir, capture_output=True, text=True, check=True)
    assert "LOADED []" in second.stdout, second.stdout
    assert second.stdout.split("LOADED")[0] == first.stdout.split("LOADED")[0]  # the same report


def test_a_refused_include_that_is_fixed_is_checked_again(workdir: Path) -> None:
    write(workdir, {"setup.cfg": "[tool:scriptlint]\nmax-file-size = 1024\nignore = SW04\n"})
    write(workdir, {"call.j2": SCRIPT, "_closing.j2": PAID_FOR + "Thanks. " * 200})
    assert "SL04" in run_cli("check", "call.j2").output
    write(workdir, {"_closing.j2": PAID_FOR})
    assert "SL04" not in run_cli("check", "call.j2").output


def test_a_repointed_symbolic_link_is_not_served_from_the_cache(workdir: Path) -> None:
    write(workdir, {"call.j2": SCRIPT.replace("_closing.j2", "common/_closing.j2")})
    write(workdir, {"v1/_closing.j2": "Thanks.\n", "v2/_closing.j2": PAID_FOR})
    (workdir / "common").symlink_to("v1")
    assert "PF01" in run_cli("check", "--ignore", "SW04", "call.j2").output
    (workdir / "common").unlink()
    (workdir / "common").symlink_to("v2")
    assert "PF01" not in run_cli("check", "--ignore", "SW04", "call.j2").output


def test_unusual_variables_do_not_break_the_cache(workdir: Path) -> None:
    write(workdir, {"call.j2": SCRIPT, "_closing.j2": PAID_FOR})
    for _ in range(2):
        result = run_cli("check", "--select", "PF01", "--var", "opts={1: one, two: 2}", "call.j2")
        assert result.exit_code == 0, result.output


def test_entry_points_with_extras_load() -> None:
    from scriptlint.host.entry_points import PluginEntry

    assert PluginEntry("x", "os.path:join [speedups]", "d", "1").load() is os.path.join


def test_workers_collect_cycles_less_often_and_the_run_keeps_its_own_setting(tmp_path: Path) -> None:
    import gc

    from scriptlint.lint import open_session
    from scriptlint.run.context import Run
    from scriptlint.run.parallel import WORKER_YOUNG_OBJECTS, Job, run_all

    session = open_session()
    settings = session.resolver.settings_for(tmp_path)
    run = Run(session.plugins, pack_dirs=settings.packs)
    before = gc.get_threshold()
    seen = Job(lambda run, path, settings, watch: gc.get_threshold(), lambda run, path, finding: ())
    [threshold] = list(run_all(run, [(tmp_path / "any.j2", settings)], 1, seen))
    assert threshold == (WORKER_YOUNG_OBJECTS, *before[1:]) != before
    assert gc.get_threshold() == before
