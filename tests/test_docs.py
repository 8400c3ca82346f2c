"""The README stays true: its commands are the ones CI runs, and its example output is real."""

from __future__ import annotations

import re

import pytest
from conftest import REPO, run_cli

README = (REPO / "README.md").read_text(encoding="utf-8")
CI_RUN = (REPO / ".ci" / "run").read_text(encoding="utf-8")


def test_ci_runs_the_readme_test_command() -> None:
    match = re.search(r"readme_test_command='(.+)'", CI_RUN)
    assert match is not None
    assert f"\n{match.group(1)}\n" in README
    assert '\neval "$readme_test_command"\n' in CI_RUN


def test_readme_main_command_lints_the_fixtures() -> None:
    assert "\npython -m pip install . && scriptlint check fixtures/\n" in README


def test_readme_example_output_is_what_scriptlint_prints(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    block = README.split("$ scriptlint check fixtures/scripts/spanish_branch.j2\n", 1)[1].split("```", 1)[0]
    result = run_cli("check", "fixtures/scripts/spanish_branch.j2")
    assert result.output == block


def test_readme_lists_every_configuration_key() -> None:
    from scriptlint.config import OPTIONS

    reference = (REPO / "docs" / "configuration.md").read_text(encoding="utf-8")
    for key in OPTIONS:
        assert f"`{key}`" in reference, f"docs/configuration.md does not document {key}"


def test_the_plugin_example_in_docs_works(workdir) -> None:  # type: ignore[no-untyped-def]
    import types

    from scriptlint.lint import lint_text

    text = (REPO / "docs" / "plugins.md").read_text(encoding="utf-8")
    code = text.split("```python\n", 1)[1].split("```", 1)[0]
    module = types.ModuleType("acme_example")
    exec(compile(code, "docs/plugins.md", "exec"), module.__dict__)
    script = "---\ncall_type: survey\ndelivery: prerecorded\n---\nHello, this is a recorded survey.\n"
    findings = lint_text(script, path="call.j2", plugins=[("acme", module)], no_config=True)
    assert [f.code for f in findings if f.code == "AC01"] == ["AC01"]
    fixed = lint_text(script + "Call us back at 555-201-0100.\n", path="call.j2", plugins=[("acme", module)])
    assert not [f for f in fixed if f.code == "AC01"]


def test_the_readme_pre_commit_snippet_pins_the_current_release_tag() -> None:
    from scriptlint import __version__

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    pinned = re.findall(r"rev: (v[0-9][^ \n]*)", readme)
    assert pinned and all(rev == f"v{__version__}" for rev in pinned), pinned


def test_the_law_reference_is_in_step_with_the_rules_and_packs(workdir) -> None:  # type: ignore[no-untyped-def]
    """docs/law.md is `scriptlint law` for the bundled rules and packs: regenerate it with
    `scriptlint law > docs/law.md` (outside a project with its own packs) when a rule or pack changes."""
    reference = (REPO / "docs" / "law.md").read_text(encoding="utf-8")
    assert reference == run_cli("law").output
    for code in ("PF01", "PF06", "CO02", "SL07", "SW04", "US-47CFR64.1200(b)(1)", "WI-11.1303(2m)(b)", "MT-45-8-216"):
        assert code in reference


def test_every_manifest_key_is_documented() -> None:
    from scriptlint.model.manifest import dotted_keys

    reference = (REPO / "docs" / "manifest.md").read_text(encoding="utf-8")
    configuration = (REPO / "docs" / "configuration.md").read_text(encoding="utf-8")
    for key in dotted_keys():
        if key.startswith(("vars", "policy.")):
            continue
        assert f"`{key}`" in reference, f"docs/manifest.md does not document {key}"
        assert f"`{key}`" in configuration, f"docs/configuration.md does not list {key}"
