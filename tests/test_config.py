"""Configuration discovery, parsing and precedence, with real files on disk."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run_cli, write

SCRIPT = """---
call_type: political
race: federal
---
Hi, this is {{ caller }} calling for Ana Ruiz.
{% include "partials/_close.j2" %}
"""


def _codes(output: str) -> list[tuple[str, str | None]]:
    return [(f["code"], f["jurisdiction"]) for f in json.loads(output)["findings"]]


def test_setup_cfg_is_found_upward_and_gives_manifest_defaults_and_include_root(workdir: Path) -> None:
    write(
        workdir,
        {
            "setup.cfg": (
                "[metadata]\nname = campaign-scripts\n\n[tool:scriptlint]\n"
                "origin.facility = campaign_office\norigin.state = NV\ntarget_states = OH, AZ\n"
                "ignore = SW04\n# interpolation is off: a % sign is fine\nsponsor.name = 100% Nevada PAC\n"
                "sponsor.authorized_by = Ana Ruiz\n"
            ),
            "partials/_close.j2": "Paid for by 100% Nevada PAC.\n",
            "scripts/deep/call.j2": SCRIPT,
        },
    )
    result = run_cli("check", "--format", "json", "scripts/deep/call.j2")
    assert result.exit_code == 0, result.output
    assert _codes(result.output) == []


def test_pyproject_table_is_read(workdir: Path) -> None:
    write(
        workdir,
        {
            "pyproject.toml": (
                "[tool.scriptlint]\nselect = ['SW']\nfail-on = 'error'\n"
                "[tool.scriptlint.origin]\nfacility = 'call_center'\nstate = 'NJ'\n"
            ),
            "call.j2": "---\ncall_type: survey\ntarget_states: [OH]\n---\nHello, this is Maria.\n",
        },
    )
    result = run_cli("check", "--format", "json", "call.j2")
    assert _codes(result.output) == [("SW04", "OH")]
    assert result.exit_code == 0  # SW04 is a warning and fail-on is error


def test_discovery_stops_at_the_repository_root(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    write(tmp_path, {"setup.cfg": "[tool:scriptlint]\nignore = SW04, CO01\n"})
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    write(repo, {"call.j2": "---\ncall_type: survey\n---\nHello, this is Maria.\n"})
    monkeypatch.chdir(repo)
    result = run_cli("check", "--format", "json", "call.j2")
    assert {code for code, _ in _codes(result.output)} == {"SW04", "CO01"}


def test_command_line_beats_configuration(workdir: Path) -> None:
    script = "---\ncall_type: survey\n---\nHi, this is Maria.\n"
    write(workdir, {"setup.cfg": "[tool:scriptlint]\nselect = SW\n", "call.j2": script})
    result = run_cli("check", "--format", "json", "--select", "CO", "call.j2")
    assert {code for code, _ in _codes(result.output)} == {"CO01"}


def test_explicit_config_and_no_config(workdir: Path) -> None:
    write(
        workdir,
        {
            "setup.cfg": "[tool:scriptlint]\nselect = SW\n",
            "other.cfg": "[tool:scriptlint]\nselect = CO\n",
            "call.j2": "---\ncall_type: survey\n---\nHi, this is Maria.\n",
        },
    )
    assert {c for c, _ in _codes(run_cli("check", "--format", "json", "--config", "other.cfg", "call.j2").output)} == {
        "CO01"
    }
    assert {c for c, _ in _codes(run_cli("check", "--format", "json", "--no-config", "call.j2").output)} == {
        "CO01",
        "SW04",
    }


def test_invalid_values_exit_2_naming_file_and_key(workdir: Path) -> None:
    write(workdir, {"call.j2": "---\ncall_type: survey\n---\nHi, this is Maria.\n"})
    cases = {
        "[tool:scriptlint]\nwords-per-minute = fast\n": "setup.cfg:2: words-per-minute: expected a whole number",
        "[tool:scriptlint]\ncolour = yes\n": "setup.cfg:2: unknown key 'colour'",
        "[tool:scriptlint]\norigin.facility = prison\n": "setup.cfg:2: origin.facility: expected one of",
        "[tool:scriptlint]\ntarget_states = CA, QQ\n": "'QQ' is not a USPS state",
        "[tool:scriptlint]\nselect PF\n": "setup.cfg: cannot read configuration",
        "[tool:scriptlint]\nmerge-fields = boss: cmte\n": "unknown merge-field role 'boss'",
        "[tool:scriptlint]\nmerge-fields = cmte\n": "is not ROLE: NAME, NAME",
    }
    for text, expected in cases.items():
        (workdir / "setup.cfg").write_text(text, encoding="utf-8")
        result = run_cli("check", "call.j2")
        assert result.exit_code == 2, text
        assert expected in result.output, result.output
        assert "Traceback" not in result.output


def test_unreadable_pack_directory_exits_2(workdir: Path) -> None:
    write(
        workdir,
        {
            "setup.cfg": "[tool:scriptlint]\npacks = packs\n",
            "packs/CA.yml": "jurisdiction: CA\nname: California\nversion: 1\nrules: nope\n",
            "call.j2": "---\ncall_type: survey\ntarget_states: [CA]\n---\nHi, this is Maria.\n",
        },
    )
    result = run_cli("check", "call.j2")
    assert result.exit_code == 2
    assert "packs/CA.yml:4: 'rules' must be a list" in result.output


def test_extend_select_and_per_file_ignores(workdir: Path) -> None:
    write(
        workdir,
        {
            "setup.cfg": (
                "[tool:scriptlint]\nselect = SW\nextend-select = CO01\n"
                "per-file-ignores =\n    legacy/*.j2: CO01, SW04\n"
            ),
            "legacy/old.j2": "---\ncall_type: survey\n---\nHi, this is Maria.\n",
            "new.j2": "---\ncall_type: survey\n---\nHi, this is Maria.\n",
        },
    )
    document = json.loads(run_cli("check", "--format", "json", ".").output)
    codes = {(f["path"], f["code"]) for f in document["findings"]}
    assert codes == {("new.j2", "CO01"), ("new.j2", "SW04")}
    (workdir / "setup.cfg").write_text("[tool:scriptlint]\nper-file-ignores =\n    no colon here\n", encoding="utf-8")
    bad = run_cli("check", "new.j2")
    assert bad.exit_code == 2
    assert "per-file-ignores" in bad.output


def test_init_writes_a_starter_section_once(workdir: Path) -> None:
    (workdir / "setup.cfg").write_text("[metadata]\nname = scripts", encoding="utf-8")
    first = run_cli("init")
    assert first.exit_code == 0
    assert "id: scriptlint" in first.output
    text = (workdir / "setup.cfg").read_text(encoding="utf-8")
    assert text.startswith("[metadata]\nname = scripts\n[tool:scriptlint]")
    (workdir / "call.txt").write_text("Hi, this is Sam.\n", encoding="utf-8")
    assert run_cli("check", "--format", "json", "call.txt").exit_code in (0, 1)  # the section it wrote is valid
    again = run_cli("init")
    assert again.exit_code == 2
    assert "already has a [tool:scriptlint] section" in again.output


@pytest.mark.parametrize(
    ("name", "text", "line", "expected"),
    [
        (
            "setup.cfg",
            "[metadata]\nname = x\n\n[tool:scriptlint\nfail-on = error\n",
            4,
            "'[tool:scriptlint' is not closed",
        ),
        ("setup.cfg", "[scriptlint]\nfail-on = error\n", 1, "[scriptlint] is not read by scriptlint"),
        ("setup.cfg", "[tool.scriptlint]\nfail-on = error\n", 1, "write [tool:scriptlint]"),
        ("pyproject.toml", "[tool:scriptlint]\nfail-on = 'error'\n", 1, "write [tool.scriptlint]"),
        ("pyproject.toml", "[project]\nname = 'x'\n[scriptlint]\n", 3, "[scriptlint] is not read"),
    ],
)
def test_a_broken_or_misplaced_section_is_an_error_with_its_line(
    workdir: Path, name: str, text: str, line: int, expected: str
) -> None:
    write(workdir, {name: text, "call.txt": "Hi, this is Ana.\n"})
    result = run_cli("check", "call.txt")
    assert result.exit_code == 2
    assert f"{name}:{line}: " in result.output and expected in result.output, result.output


def test_a_well_formed_section_elsewhere_in_the_file_is_still_read(workdir: Path) -> None:
    write(
        workdir,
        {
            "pyproject.toml": (
                "[tool.scriptlint.sponsor]\nname = 'Friends of Ana'\n[tool.scriptlint]\ncall_type = 'survey'\n"
            ),
            "call.txt": "Hi.\n",
        },
    )
    assert run_cli("check", "call.txt").exit_code in (0, 1)


@pytest.mark.parametrize(
    ("key", "suggestion"),
    [("fial-on", "'fail-on'"), ("sponser.name", "'sponsor.name'"), ("words_per_minit", "'words-per-minute'")],
)
def test_an_unknown_key_gets_a_suggestion_and_its_line(workdir: Path, key: str, suggestion: str) -> None:
    write(workdir, {"setup.cfg": f"[tool:scriptlint]\nselect = ALL\n{key} = 1\n", "call.txt": "Hi.\n"})
    result = run_cli("check", "call.txt")
    assert result.exit_code == 2
    assert "setup.cfg:3: unknown key" in result.output and f"did you mean {suggestion}?" in result.output, result.output


def test_declared_merge_fields_name_the_sponsor(workdir: Path) -> None:
    """A vendor's own field name, declared as the sponsor's, is filled from the manifest: the disclaimer
    names the sponsor (no PF02); undeclared, it is an unknown value PF02 names."""
    manifest = (
        "call_type: political\ndelivery: live\nrace: federal\nvolume: 900\nsponsor: {name: Ruiz for Senate,"
        " authorized_by: Ana Ruiz}\norigin: {facility: volunteer_home, state: WA}\ntarget_states: [WA]\n"
    )
    script = "Hi, my name is %%agent%% with Ruiz for Senate. Paid for by %%paying_entity%%.\n"
    write(workdir, {"call.txt": script, "call.txt.scriptlint.yml": manifest})
    undeclared = _codes(run_cli("check", "--no-cache", "--format", "json", "--select", "PF02", "call.txt").output)
    assert undeclared == [("PF02", None)]
    write(workdir, {"setup.cfg": "[tool:scriptlint]\nmerge-fields =\n    sponsor: paying_entity\n"})
    declared = run_cli("check", "--no-cache", "--format", "json", "--select", "PF02", "call.txt")
    assert _codes(declared.output) == [], declared.output
