"""The Python API's text entry points: a session lints text after text with its rules built once."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES

from scriptlint.errors import ConfigError
from scriptlint.lint import lint_text, open_session
from scriptlint.model.settings import Options

SCRIPTS = FIXTURES / "scripts"
NAMES = ["gotv_volunteer.j2", "prison_call.j2", "push_poll_nh.j2", "opinion_survey.j2"]


def test_a_session_lints_texts_as_lint_text_does_building_its_rules_once() -> None:
    session = open_session(no_config=True)
    for name in NAMES:
        text = (SCRIPTS / name).read_text(encoding="utf-8")
        found = session.lint_text(text, path=name, root=SCRIPTS)
        assert found == lint_text(text, path=name, root=SCRIPTS, no_config=True)
        assert found, f"{name}: the fixture scripts have findings"
    # One set of rules and packs for every text checked under the same packs.
    assert len(session._runs) == 1


def test_a_session_applies_its_selection_and_refuses_an_unknown_one(tmp_path: Path) -> None:
    text = (SCRIPTS / "prison_call.j2").read_text(encoding="utf-8")
    selected = open_session(no_config=True, options=Options(select=("CO",)))
    codes = {finding.code for finding in selected.lint_text(text, path="prison_call.j2", root=SCRIPTS)}
    assert codes and all(code.startswith("CO") for code in codes)
    unknown = open_session(no_config=True, options=Options(select=("ZZ9",)))
    with pytest.raises(ConfigError, match="no rule code starts with 'ZZ9'"):
        unknown.lint_text(text, path="prison_call.j2", root=tmp_path)


def test_a_session_resolves_a_relative_root_where_it_is_called(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Two folders, each with a `scripts/part.j2`: only the second's reaches for an internal attribute.
    for folder, part in (("a", "Thanks for your time.\n"), ("b", "{{ x.__class__ }}\n")):
        (tmp_path / folder / "scripts").mkdir(parents=True)
        (tmp_path / folder / "scripts" / "part.j2").write_text(part, encoding="utf-8")
    text = "---\ncall_type: survey\n---\nHello.\n{% include 'part.j2' %}\n"
    session = open_session(no_config=True)
    monkeypatch.chdir(tmp_path / "a")
    assert "SL04" not in {f.code for f in session.lint_text(text, path="call.j2", root="scripts")}
    monkeypatch.chdir(tmp_path / "b")
    assert "SL04" in {f.code for f in session.lint_text(text, path="call.j2", root="scripts")}


def test_the_partials_a_run_remembers_are_bounded(tmp_path: Path) -> None:
    from scriptlint.analysis.jinja import ConfinedLoader, make_environment, parse

    loader = ConfinedLoader(tmp_path, 1_000_000)
    environment = make_environment(loader, lambda environment: None)
    for version in range(300):
        parse(environment, f"Version {version} of the partial.\n", "part.j2", remember=True)
    assert len(loader.parsed) == 256
    assert ("part.j2", "Version 299 of the partial.\n") in loader.parsed
    assert ("part.j2", "Version 0 of the partial.\n") not in loader.parsed


def test_open_session_is_part_of_the_package_roots_api() -> None:
    import scriptlint

    assert "open_session" in scriptlint.__all__
    assert scriptlint.open_session is open_session
