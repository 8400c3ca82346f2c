"""Plugin loading through real entry points: failures name the plugin, duplicates name both."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CrashingPlugin, run_cli, write
from jinja2.sandbox import ImmutableSandboxedEnvironment

from scriptlint import hookimpl
from scriptlint.errors import PluginError
from scriptlint.host.manager import build_plugins
from scriptlint.lint import lint_paths
from scriptlint.model import Rule, Severity

SCRIPT = "---\ncall_type: survey\norigin: {facility: call_center, state: NJ}\ntarget_states: [OH]\n---\nHello.\n"


def _distribution(site: Path, name: str, entry_points: str, modules: dict[str, str]) -> None:
    """Install a minimal distribution by hand: a .dist-info folder with entry points, plus its modules."""
    info = site / f"{name.replace('-', '_')}-1.0.dist-info"
    write(
        site,
        {
            f"{info.name}/METADATA": f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n",
            f"{info.name}/entry_points.txt": f"[scriptlint]\n{entry_points}\n",
            **modules,
        },
    )


def _run(site: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PYTHONPATH": str(site)}
    return subprocess.run(
        [sys.executable, "-m", "scriptlint", *args],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_a_plugin_that_fails_to_import_stops_the_run_naming_it(workdir: Path, tmp_path_factory) -> None:  # type: ignore[no-untyped-def]
    site = tmp_path_factory.mktemp("site")
    _distribution(site, "acme-rules", "acme = acme_rules_missing_module", {})
    write(workdir, {"call.j2": SCRIPT})
    failed = _run(site, workdir, "check", "call.j2")
    assert failed.returncode == 2
    assert "plugin 'acme' (acme_rules_missing_module) from distribution 'acme-rules' failed to load" in failed.stderr
    assert "Traceback" not in failed.stderr
    disabled = _run(site, workdir, "check", "--disable-plugin", "acme", "call.j2")
    assert disabled.returncode == 1, disabled.stderr  # SW04 for NJ: the run went on without the plugin


def test_duplicate_rule_codes_name_both_plugins(workdir: Path, tmp_path_factory) -> None:  # type: ignore[no-untyped-def]
    site = tmp_path_factory.mktemp("site")
    module = (
        "from scriptlint import hookimpl\nfrom scriptlint.model import Rule, Severity\n"
        "@hookimpl\ndef scriptlint_rules():\n    return [Rule('PF01', 'copy', 'A copy.', Severity.ERROR)]\n"
    )
    _distribution(site, "copycat", "copycat = copycat_rules", {"copycat_rules.py": module})
    write(workdir, {"call.j2": SCRIPT})
    failed = _run(site, workdir, "check", "call.j2")
    assert failed.returncode == 2
    assert "rule code PF01 is provided by both plugin 'paid_for_by' and plugin 'copycat'" in failed.stderr
    listed = _run(site, workdir, "rules", "--disable-plugin", "copycat")
    assert listed.returncode == 0
    assert "PF01" in listed.stdout


def test_core_plugins_cannot_be_disabled_and_unknown_names_are_errors(workdir: Path) -> None:
    for name, message in (("core", "part of the scriptlint core"), ("nonesuch", "no plugin of that name")):
        try:
            build_plugins(disabled=[name])
        except PluginError as exc:
            assert message in str(exc)
        else:
            raise AssertionError(f"disabling {name!r} should fail")


def test_bundled_plugins_can_be_disabled(workdir: Path) -> None:
    rules = build_plugins(disabled=["paid_for_by"]).rules
    assert "PF01" not in rules
    assert "CO01" in rules


def test_a_crashing_rule_is_sl06_and_exit_2_while_other_rules_and_files_run(workdir: Path) -> None:
    write(workdir, {"a.j2": SCRIPT, "b.j2": "---\ncall_type: survey\n---\nHi.\n"})
    result = lint_paths(["."], plugins=[("crashing", CrashingPlugin())])
    assert result.exit_code == 2
    by_file = {(f.path, f.code) for f in result.findings}
    assert {("a.j2", "SL06"), ("b.j2", "SL06"), ("a.j2", "SW04"), ("b.j2", "CO01")} <= by_file


def test_hook_contract_is_validated(workdir: Path) -> None:
    class Misspelled:
        @hookimpl
        def scriptlint_rulez(self) -> list[Rule]:
            return [Rule("ZZ02", "x", "x", Severity.INFO)]

    try:
        build_plugins(extra_plugins=[("misspelled", Misspelled())])
    except PluginError as exc:
        assert "misspelled" in str(exc)
    else:
        raise AssertionError("an unknown hook must be refused")


def test_environment_hook_reaches_the_sandbox(workdir: Path) -> None:
    seen = workdir / "seen.txt"

    class Configurer:
        @hookimpl
        def scriptlint_configure_environment(self, environment: object) -> None:
            # Files are checked in a worker process: what the hook saw is written down for this one to read.
            with seen.open("a", encoding="utf-8") as handle:
                sandboxed = isinstance(environment, ImmutableSandboxedEnvironment)
                handle.write(f"{type(environment).__name__} {sandboxed}\n")

    write(workdir, {"a.j2": SCRIPT})
    lint_paths(["a.j2"], plugins=[("configurer", Configurer())])
    assert seen.read_text(encoding="utf-8").split() == ["ScanningEnvironment", "True"]


@pytest.mark.parametrize(("plugin", "name"), [("pdf", "script.pdf"), ("docx", "script.docx"), ("zip", "batch.zip")])
def test_a_disabled_loader_leaves_its_files_reported_as_not_checked(workdir: Path, plugin: str, name: str) -> None:
    (workdir / name).write_bytes(b"PK\x03\x04 or %PDF: bytes no text loader may read as a script")
    result = run_cli("check", "--disable-plugin", plugin, "--format", "json", name)
    findings = json.loads(result.output)["findings"]
    assert [f["code"] for f in findings] == ["SL01"]
    assert "no enabled loader reads" in findings[0]["message"]
    assert result.exit_code == 1
