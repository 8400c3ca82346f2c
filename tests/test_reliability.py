"""The reliability sweep's failures, each as a case: nothing outside the root is read, no input stops the run,
every file and rule is bounded, the cache verifies what it reads, writes are atomic, signals end the run
cleanly. The long reproducers (full size) are in test_reliability_long.py."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import run_cli, write
from documents import docx_with_paragraphs, pdf_reusing_one_stream, vtt

from scriptlint.lint import lint_paths
from scriptlint.model.settings import Options

HEAD = "---\ncall_type: political\nrace: federal\nsponsor: {name: Pat Lee for Congress}\n---\n"
GOOD = HEAD + "Hi, I'm Sam calling for Pat Lee. Paid for by Pat Lee for Congress.\n"


def codes(result, path: str) -> set[str]:  # type: ignore[no-untyped-def]
    return {f.code for f in result.findings if f.path == path}


def unprivileged(command: list[str], **options) -> subprocess.CompletedProcess[str]:  # type: ignore[no-untyped-def]
    """Run a command that must meet permission checks: as root, without the capabilities that skip them."""

    def drop() -> None:
        if os.geteuid() == 0:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
                libc.prctl(24, capability, 0, 0, 0)  # PR_CAPBSET_DROP: gone after exec

    return subprocess.run(command, preexec_fn=drop, capture_output=True, text=True, timeout=120, check=False, **options)


def scriptlint(*args: str) -> list[str]:
    return [sys.executable, "-m", "scriptlint", *args]


# --- nothing outside the root is read ------------------------------------------------------------------------


def test_refused_includes_are_never_opened_or_hashed(workdir: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    outside = tmp_path_factory.mktemp("outside")
    write(outside, {"secret.j2": "OUTSIDE SECRET\n"})
    (workdir / "linked.j2").symlink_to(outside / "secret.j2")
    os.mkfifo(workdir / "pipe.j2")
    write(
        workdir,
        {
            "zero.j2": HEAD + "{% include '/dev/zero' %}\n",
            "passwd.j2": HEAD + "{% include '/etc/passwd' %}\n",
            "link.j2": HEAD + "{% include 'linked.j2' %}\n",
            "fifo.j2": HEAD + "{% include 'pipe.j2' %}\n",
            "dots.j2": HEAD + "{% include '../../../../etc/hostname' %}\n",
        },
    )
    cache = tmp_path_factory.mktemp("cache")
    started = time.monotonic()
    result = lint_paths(["zero.j2", "passwd.j2", "link.j2", "fifo.j2", "dots.j2"], no_config=True, cache_dir=cache)
    assert time.monotonic() - started < 30
    for name in ("zero.j2", "passwd.j2", "link.j2", "fifo.j2", "dots.j2"):
        assert "SL04" in codes(result, name), (name, result.findings)
    stored = "".join(path.read_text(encoding="utf-8") for path in cache.rglob("*.json"))
    for secret in (Path("/etc/passwd"), outside / "secret.j2"):
        assert hashlib.sha256(secret.read_bytes()).hexdigest() not in stored, secret
    assert "refused: outside the root" in stored
    assert lint_paths(["link.j2"], no_config=True, cache_dir=cache).findings  # answered again, same


def test_a_sidecar_leading_out_of_the_root_is_not_read(workdir: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    outside = tmp_path_factory.mktemp("outside")
    write(outside, {"manifest.yml": "call_type: political\nsponsor: {name: Outside Sponsor Committee}\n"})
    write(workdir, {"call.txt": "Hi, I'm Sam. Paid for by Pat Lee for Congress.\n"})
    (workdir / "call.txt.scriptlint.yml").symlink_to(outside / "manifest.yml")
    result = lint_paths(["call.txt"], no_config=True)
    assert not any("Outside Sponsor" in f.message for f in result.findings)
    (refusal,) = [f for f in result.findings if f.path == "call.txt.scriptlint.yml"]
    assert refusal.code == "SL04" and "outside the script root" in refusal.message


def test_a_sidecar_that_is_a_fifo_or_too_big_is_refused_before_reading(workdir: Path) -> None:
    write(workdir, {"setup.cfg": "[tool:scriptlint]\nmax-file-size = 2048\n", "a.txt": "Hi.\n", "b.txt": "Hi.\n"})
    os.mkfifo(workdir / "a.txt.scriptlint.yml")
    (workdir / "b.txt.scriptlint.yml").write_text("call_type: political\n" + "# padding\n" * 400, encoding="utf-8")
    result = lint_paths(["a.txt", "b.txt"])
    assert codes(result, "a.txt.scriptlint.yml") == {"SL01"}
    (big,) = [f for f in result.findings if f.path == "b.txt.scriptlint.yml"]
    assert big.code == "SL04" and "over the 2,048-byte limit" in big.message


def test_a_planted_cache_folder_in_the_submission_is_never_used(
    workdir: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The default cache is the user's own folder: a `.scriptlint_cache` link planted in a vendor's folder is
    neither read nor written through."""
    elsewhere, home = tmp_path_factory.mktemp("elsewhere"), tmp_path_factory.mktemp("home-cache")
    write(workdir, {"call.j2": GOOD})
    (workdir / ".scriptlint_cache").symlink_to(elsewhere)
    environment = {key: value for key, value in os.environ.items() if key != "SCRIPTLINT_CACHE_DIR"}
    environment["XDG_CACHE_HOME"] = str(home)
    completed = subprocess.run(
        scriptlint("check", "--no-config", "call.j2"),
        cwd=workdir,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 1, completed.stderr
    assert list(elsewhere.iterdir()) == []
    assert list((home / "scriptlint").rglob("*.json"))


def test_links_planted_inside_the_cache_are_not_written_through(
    workdir: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    cache, elsewhere = tmp_path_factory.mktemp("cache"), tmp_path_factory.mktemp("elsewhere")
    write(workdir, {"call.j2": GOOD})
    (cache / "v1").symlink_to(elsewhere)
    lint_paths(["call.j2"], no_config=True, cache_dir=cache)
    assert list(elsewhere.iterdir()) == []


# --- no file aborts the run ----------------------------------------------------------------------------------


def test_bad_include_names_are_findings_and_the_other_files_are_reported(workdir: Path) -> None:
    write(
        workdir,
        {
            "a_nul.j2": HEAD + "{% include 'a\\x00' %}\n",
            "b_long.j2": HEAD + "{% include '" + "n" * 300 + "' %}\n",
            "c_dir.j2": HEAD + "{% include 'folder' %}\n",
            "d_good.j2": GOOD,
            "folder/x.txt": "x",
        },
    )
    result = lint_paths(["a_nul.j2", "b_long.j2", "c_dir.j2", "d_good.j2"], no_config=True)
    assert "SL02" in codes(result, "a_nul.j2") and "SL02" in codes(result, "b_long.j2")
    assert "SL04" in codes(result, "c_dir.j2")  # a folder is not a regular file
    assert codes(result, "d_good.j2") and not codes(result, "d_good.j2") & {"SL01", "SL02", "SL04", "SL06"}


def test_unreadable_files_includes_and_folders_are_findings(tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    write(folder, {"a_call.j2": HEAD + "{% include '_locked.j2' %}\n", "_locked.j2": "x", "b_good.j2": GOOD})
    write(folder, {"c_locked.j2": GOOD, "private/d.j2": GOOD})
    for locked in (folder / "_locked.j2", folder / "c_locked.j2", folder / "private"):
        locked.chmod(0)
    try:
        completed = unprivileged(scriptlint("check", "--no-config", "--no-cache", "--format", "json", "."), cwd=folder)
    finally:
        for locked in (folder / "_locked.j2", folder / "c_locked.j2", folder / "private"):
            locked.chmod(0o700)
    assert completed.returncode == 1, completed.stderr
    found = {(f["path"], f["code"]) for f in json.loads(completed.stdout)["findings"]}
    assert ("a_call.j2", "SL02") in found and ("c_locked.j2", "SL01") in found and ("private", "SL01") in found
    assert any(path == "b_good.j2" for path, _ in found)


def test_devices_and_fifos_named_directly_never_block(workdir: Path) -> None:
    os.mkfifo(workdir / "named.j2")
    write(workdir, {"good.j2": GOOD})
    started = time.monotonic()
    result = lint_paths(["named.j2", "/dev/zero", "/dev/urandom", "good.j2"], no_config=True)
    assert time.monotonic() - started < 30
    assert codes(result, "named.j2") == {"SL01"} and codes(result, "/dev/zero") == {"SL01"}
    assert "PF03" in codes(result, "good.j2")


# --- every file bounded ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("manifest_value.j2", "---\ncall_type: political\nsponsor: {name: " + "x" * 100_000 + "}\n---\nHello.\n"),
        ("one_word.txt", HEAD + "w" * 200_000 + "\n"),
        ("branches.j2", HEAD + "".join(f"{{% if c{i} %}}a{i}\n{{% else %}}b{i}\n{{% endif %}}" for i in range(2000))),
        ("lines.txt", HEAD + "".join(f"w{i % 10}.\n" for i in range(40_000))),
        ("cue.vtt", vtt([(0.0, 5.0, "<" * 100_000)])),
        ("brackets.txt", HEAD + "[a" * 100_000 + "\n"),
        ("comments.txt", HEAD + "{#" * 100_000 + "\n"),
        ("hyphens.txt", HEAD + "a-" * 100_000 + "\n"),
        ("labels.txt", HEAD + "If no: x\n" * 3000),
    ],
)
def test_hostile_sizes_and_shapes_finish_within_the_budget(workdir: Path, name: str, content: str) -> None:
    write(workdir, {"setup.cfg": "[tool:scriptlint]\ntime-limit = 5\n", name: content})
    started = time.monotonic()
    result = lint_paths([name])
    assert time.monotonic() - started < 20, name
    assert not codes(result, name) & {"SL06"}, result.findings


def test_a_long_manifest_value_is_refused_and_quoted_short(workdir: Path) -> None:
    write(workdir, {"a.j2": "---\ncall_type: political\nsponsor: {name: " + "x" * 100_000 + "}\n---\nHi.\n"})
    (finding,) = [f for f in lint_paths(["a.j2"], no_config=True).findings if f.code == "SL03"]
    assert "at most 300 characters" in finding.message and len(finding.message) < 300


def test_extracted_text_over_the_size_limit_is_refused(workdir: Path) -> None:
    write(workdir, {"setup.cfg": "[tool:scriptlint]\nmax-file-size = 60000\n"})
    docx_with_paragraphs(workdir / "long.docx", 10_000, "Hello there")
    assert (workdir / "long.docx").stat().st_size < 60_000  # small on disk, long once extracted
    (finding,) = lint_paths(["long.docx"]).findings
    assert finding.code == "SL04" and "extracted text is over the 60,000-character limit" in finding.message


def test_a_pdf_that_never_ends_extracting_is_stopped(workdir: Path) -> None:
    write(workdir, {"setup.cfg": "[tool:scriptlint]\ntime-limit = 1\n"})
    (workdir / "reused.pdf").write_bytes(pdf_reusing_one_stream(400, 400))
    started = time.monotonic()
    findings = lint_paths(["reused.pdf"]).findings
    took = time.monotonic() - started
    # What the run found and how long it took, said when this fails (it failed once in a whole suite's run).
    found = f"after {took:.1f} s, with {threading.active_count()} threads: {[(f.code, f.message) for f in findings]}"
    assert took < 15, found
    assert [f.code for f in findings] == ["SL04"] and "time budget" in findings[0].message, found


# --- a cache that verifies ---------------------------------------------------------------------------------------


KEPT_FOLDERS = {"patterns", "data", "values", "manifests"}


def _entries(cache: Path) -> list[Path]:
    # Answers only: not the rules lists, nor the compiled patterns, parsed data files and values kept beside them.
    return [
        path
        for path in cache.rglob("*.json")
        if not path.name.startswith("rules-") and not KEPT_FOLDERS & set(path.relative_to(cache).parts)
    ]


def test_a_damaged_rules_list_is_not_used_and_is_rewritten(
    workdir: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    cache = tmp_path_factory.mktemp("cache")
    write(workdir, {"call.j2": GOOD})
    assert run_cli("check", "--no-config", "--cache-dir", str(cache), "call.j2").exit_code == 1
    (rules,) = cache.rglob("rules-*.json")
    for damaged in ("[]", '[{"code": "SL01"}]', "{}", "not json", '[{"code": "PF01", "name": 1}]'):
        rules.write_text(damaged, encoding="utf-8")
        again = run_cli("check", "--no-config", "--cache-dir", str(cache), "--select", "PF01", "call.j2")
        assert again.exit_code in (0, 1), again.output
        assert "no rule code starts with" not in again.output
    assert "PF01" in rules.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "damage",
    [
        lambda entry: entry["findings"][0].update(line="x"),
        lambda entry: entry["findings"][0].update(path="elsewhere.j2"),
        lambda entry: entry["findings"][0].update(code="ZZ99"),
        lambda entry: entry["findings"][0].update(severity="fatal"),
        lambda entry: entry.update(findings=[{"path": "call.j2"}]),
        lambda entry: entry.update(dependencies=[["/dev/zero", "template", None]]),
        lambda entry: entry.update(dependencies=[["/etc/passwd", "template", "0" * 64]]),
        lambda entry: entry.update(dependencies=[["x.j2", "anything", None]]),
        lambda entry: entry.update(extra=1),
    ],
)
def test_damaged_entries_are_misses_and_are_rewritten(workdir: Path, tmp_path_factory, damage) -> None:  # type: ignore[no-untyped-def]
    cache = tmp_path_factory.mktemp("cache")
    write(workdir, {"call.j2": GOOD})
    first = lint_paths(["call.j2"], no_config=True, cache_dir=cache)
    (entry_path,) = _entries(cache)
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    damage(entry)
    entry_path.write_text(json.dumps(entry), encoding="utf-8")
    again = lint_paths(["call.j2"], no_config=True, cache_dir=cache)
    assert again.findings == first.findings
    assert json.loads(entry_path.read_text(encoding="utf-8"))["findings"][0]["path"] == "call.j2"


def test_an_entry_replaced_by_a_device_link_is_a_miss(workdir: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    cache = tmp_path_factory.mktemp("cache")
    write(workdir, {"call.j2": GOOD})
    first = lint_paths(["call.j2"], no_config=True, cache_dir=cache)
    (entry_path,) = _entries(cache)
    entry_path.unlink()
    entry_path.symlink_to("/dev/zero")
    assert lint_paths(["call.j2"], no_config=True, cache_dir=cache).findings == first.findings
    assert entry_path.is_file() and not entry_path.is_symlink()  # renamed over the link, not written through it


# --- writes --------------------------------------------------------------------------------------------------------


def test_a_failed_report_write_leaves_the_old_report_whole(workdir: Path) -> None:
    write(workdir, {"call.j2": GOOD, "report.txt": "the previous report\n"})
    # A name that no file system encoding can write: the report cannot be encoded, and writing it fails.
    (workdir / os.fsdecode(b"bad\xff.j2")).write_text(GOOD, encoding="utf-8")
    site = workdir / "site"
    write(site, {"broken_format.py": _BROKEN_FORMAT, "broken_format-1.0.dist-info/METADATA": "Name: broken-format\n"})
    write(site, {"broken_format-1.0.dist-info/entry_points.txt": "[scriptlint]\nbroken = broken_format\n"})
    completed = subprocess.run(
        scriptlint("check", "--no-config", "--format", "raw", "--output", "report.txt", "."),
        cwd=workdir,
        env={**os.environ, "PYTHONPATH": str(site)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 2, completed.stderr
    assert "cannot write the report" in completed.stderr
    assert (workdir / "report.txt").read_text(encoding="utf-8") == "the previous report\n"
    assert sorted(p.name for p in workdir.iterdir() if p.name.startswith(".report")) == []


_BROKEN_FORMAT = """
from scriptlint import hookimpl
from scriptlint.model import Formatter


def render(report):
    # Paths verbatim: a name that is not UTF-8 cannot be written as UTF-8.
    return "".join(f"{path}\\n" for path in report.paths)


@hookimpl
def scriptlint_formatters():
    return [Formatter("raw", "paths verbatim", render)]
"""


def test_output_to_a_stream_is_written_directly(workdir: Path) -> None:
    write(workdir, {"call.j2": GOOD})
    completed = subprocess.run(
        scriptlint("check", "--no-config", "--no-cache", "--output", "/dev/stdout", "call.j2"),
        cwd=workdir,
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 1 and "PF03" in completed.stdout


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({"pyproject.toml": "[tool.scriptlint]\nfail-on = 'error'\n"}, "pyproject.toml already has"),
        ({"setup.cfg": "[metadata]\nname = caf\xe9\n".encode("latin-1")}, "setup.cfg is not UTF-8 text"),
        ({"setup.cfg": "this is not [an ini file\n"}, "setup.cfg cannot be read as configuration"),
        ({"setup.cfg": "[tool:scriptlint]\nselect = ALL\n"}, "already has a [tool:scriptlint] section"),
    ],
)
def test_init_refuses_to_write_over_a_configuration_it_cannot_trust(workdir: Path, files, message: str) -> None:  # type: ignore[no-untyped-def]
    write(workdir, files)
    before = {name: (workdir / name).read_bytes() for name in files}
    result = run_cli("init")
    assert result.exit_code == 2 and message in result.output, result.output
    assert {name: (workdir / name).read_bytes() for name in files} == before
    assert not (workdir / "setup.cfg").exists() or "setup.cfg" in files


# --- plugins -------------------------------------------------------------------------------------------------------


def _misbehaving(check):  # type: ignore[no-untyped-def]
    """A plugin whose one rule fails in the given way (the bundled rules beside it work)."""
    from scriptlint import hookimpl
    from scriptlint.model import Rule, Severity

    class Misbehaving:
        @hookimpl
        def scriptlint_rules(self) -> list[Rule]:
            return [Rule("ZZ01", "misbehaves", "Misbehaves on purpose.", Severity.ERROR, check=check)]

    return Misbehaving()


def _exits(rule, script, context):  # type: ignore[no-untyped-def]
    sys.exit(0)


def _recurses(rule, script, context):  # type: ignore[no-untyped-def]
    return _recurses(rule, script, context)


def _sleeps(rule, script, context):  # type: ignore[no-untyped-def]
    time.sleep(30)
    return []


def _bad_line(rule, script, context):  # type: ignore[no-untyped-def]
    return [rule.finding(script, "x", line="x")]


def _killed(rule, script, context):  # type: ignore[no-untyped-def]
    import signal

    os.kill(os.getpid(), signal.SIGKILL)  # as the system's out-of-memory killer would


def _hungry(rule, script, context):  # type: ignore[no-untyped-def]
    return [bytearray(64 * 1024**3)]  # more than any budget


@pytest.mark.parametrize(
    ("check", "code", "words"),
    [
        (_exits, "SL06", "crashed: SystemExit"),
        (_recurses, "SL06", "crashed: RecursionError"),
        (_sleeps, "SL06", "did not finish within the file's time limit (1 s)"),
        (_bad_line, "SL06", "returned a finding whose line is 'x'"),
        (_killed, "SL04", "was killed by the system (out of memory?) while rule ZZ01"),
        (_hungry, "SL04", "ran out of its memory budget (512 MB) while rule ZZ01"),
    ],
)
def test_a_misbehaving_rule_costs_only_its_file_and_is_named(workdir: Path, check, code: str, words: str) -> None:  # type: ignore[no-untyped-def]
    plugin = _misbehaving(check)
    write(workdir, {"setup.cfg": "[tool:scriptlint]\ntime-limit = 1\nmemory-limit = 512\n", "a.j2": GOOD})
    write(workdir, {"b.j2": GOOD})
    started = time.monotonic()
    result = lint_paths(["a.j2", "b.j2"], plugins=[("misbehaving", plugin)])
    assert time.monotonic() - started < 30
    for name in ("a.j2", "b.j2"):
        (failure,) = [f for f in result.findings if f.path == name and f.code == code]
        assert words in failure.message, failure.message
        if code == "SL06":
            assert "plugin 'misbehaving'" in failure.message and "PF03" in codes(result, name)


def test_a_loader_plugin_that_exits_is_sl06_naming_it(workdir: Path) -> None:
    from scriptlint import hookimpl

    class Loader:
        @hookimpl
        def scriptlint_load_document(self, path: Path, data: bytes) -> None:
            raise SystemExit(3)

    write(workdir, {"a.j2": GOOD})
    (finding,) = lint_paths(["a.j2"], no_config=True, plugins=[("odd_loader", Loader())]).findings
    assert finding.code == "SL06" and "plugin 'odd_loader'" in finding.message


def test_a_failing_environment_hook_stops_the_run_naming_the_plugin(workdir: Path) -> None:
    from scriptlint import hookimpl
    from scriptlint.errors import PluginError

    class Broken:
        @hookimpl
        def scriptlint_configure_environment(self, environment: object) -> None:
            raise RuntimeError("no")

    write(workdir, {"a.j2": GOOD})
    with pytest.raises(PluginError, match="plugin 'broken' failed in scriptlint_configure_environment"):
        lint_paths(["a.j2"], no_config=True, plugins=[("broken", Broken())])


# --- output hygiene ------------------------------------------------------------------------------------------------


def test_a_manifest_cannot_forge_a_finding_line(workdir: Path) -> None:
    forged = 'sponsor: {name: "Pat\\nforged.j2:1:1: PF01 all clear \\u001b[2K"}'
    write(workdir, {"call.j2": f"---\ncall_type: political\n{forged}\n---\nHi there.\n"})
    text = run_cli("check", "--no-config", "call.j2").output
    assert not any(line.startswith("forged.j2") for line in text.splitlines())
    assert "\x1b" not in text and "Pat\\nforged.j2" in text


@pytest.mark.parametrize(
    "expression",
    [
        "x|map(attribute='__init__')",
        "x|map(attribute='a.__globals__')",
        "x|selectattr('__class__')",
        "x|rejectattr('mro')",
        "x|sort(attribute='__class__')",
        "x|sort(false, false, '__dict__')",
        "x|groupby('__class__')",
        "x|sum(attribute='__len__')",
        "x|unique(attribute='_secret')",
        "x|min(attribute='__class__')",
        "x|max(attribute='gi_frame')",
        "x|join(', ', '__class__')",
        "x|map('attr', '__class__')",
        "x|attr('format')",
        "x['__cla' ~ 'ss__']",
    ],
)
def test_every_filter_taking_an_attribute_name_is_checked(workdir: Path, expression: str) -> None:
    write(workdir, {"a.j2": HEAD + "{{ " + expression + " }}\n"})
    assert "SL04" in codes(lint_paths(["a.j2"], no_config=True), "a.j2")


@pytest.mark.parametrize(
    "expression", ["x|map(attribute='name')|join(', ')", "x|sort(attribute='age')", "x|groupby('city')", "x[key]"]
)
def test_ordinary_attribute_filters_are_not_sandbox_escapes(workdir: Path, expression: str) -> None:
    write(workdir, {"a.j2": HEAD + "{{ " + expression + " }}\n"})
    assert "SL04" not in codes(lint_paths(["a.j2"], no_config=True), "a.j2")


def test_isolation_can_be_turned_off_for_embedding(workdir: Path) -> None:
    from scriptlint.lint import open_session

    write(workdir, {"a.j2": GOOD})
    session = open_session(options=Options(), no_config=True)
    assert session.lint(["a.j2"], isolate=False).findings == session.lint(["a.j2"]).findings


# --- signals -------------------------------------------------------------------------------------------------------


def _slow_run(workdir: Path) -> subprocess.Popen[bytes]:
    """A run busy in a worker (a PDF that takes long to extract) until it is stopped."""
    write(workdir, {"setup.cfg": "[tool:scriptlint]\ntime-limit = 120\n"})
    (workdir / "slow.pdf").write_bytes(pdf_reusing_one_stream(3000, 400))
    process = subprocess.Popen(
        scriptlint("check", "--no-cache", "--output", "report.txt", "slow.pdf"),
        cwd=workdir,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 30
    while not _children(process.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(0.5)
    return process


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid and fields[0] != "Z":
                found.append(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc to see the workers")
@pytest.mark.parametrize(("signal_name", "status"), [("SIGINT", 130), ("SIGTERM", 143), ("SIGKILL", -9)])
def test_a_stopped_run_leaves_no_worker_no_held_pipe_and_no_half_written_file(
    workdir: Path, signal_name: str, status: int
) -> None:
    import signal

    process = _slow_run(workdir)
    workers = _children(process.pid)
    assert workers, "the run should be checking the file in a worker"
    process.send_signal(getattr(signal, signal_name))
    started = time.monotonic()
    # The caller's pipes close at once: no worker holds them.
    _, errors = process.communicate(timeout=20)
    assert time.monotonic() - started < 10
    assert process.returncode == status, errors
    time.sleep(0.5)
    assert not [pid for pid in workers if Path(f"/proc/{pid}").exists() and "Z" not in _state(pid)]
    assert not (workdir / "report.txt").exists()
    assert not [p.name for p in workdir.iterdir() if p.name.startswith(".report")]
    if status == 130:
        assert b"interrupted" in errors and b"Traceback" not in errors


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "Z"


def test_path_views_and_fixes_keep_the_same_limits(workdir: Path) -> None:
    write(workdir, {"setup.cfg": "[tool:scriptlint]\ntime-limit = 1\n", "good.j2": GOOD})
    os.mkfifo(workdir / "pipe.j2")
    (workdir / "slow.pdf").write_bytes(pdf_reusing_one_stream(400, 400))
    started = time.monotonic()
    shown = run_cli("paths", "pipe.j2", "slow.pdf", "/dev/zero", "good.j2")
    assert shown.exit_code == 1, shown.output  # some paths could not be shown, and the output says why
    assert "FIFO" in shown.output and "time budget" in shown.output and "device" in shown.output
    fixed = run_cli("check", "--diff", "pipe.j2", "/dev/zero", "good.j2")
    assert fixed.exit_code in (0, 1), fixed.output
    assert time.monotonic() - started < 60
