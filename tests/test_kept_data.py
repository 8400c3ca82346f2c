"""Data files kept parsed between runs (scriptlint.intake.kept_data): read back only for the same bytes, read
as the same kind of file, under the run's seal, and always equal to what parsing gives."""

from __future__ import annotations

import datetime
import json
import os
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES, checked_then_kept_only, run_cli

from scriptlint.intake import kept_data
from scriptlint.intake.front_matter import FrontMatter, read_yaml_file
from scriptlint.intake.kept_data import DataStore, keep_in, kept_yaml, read_data_file
from scriptlint.intake.kept_files import write_sealed
from scriptlint.model.settings import Options
from scriptlint.packs.library import load_pack

SECRET = "5e1f" * 16
BUNDLED = Path(kept_data.__file__).parents[2] / "plugins"

WORDING = b"""\
version: 3
effective: 2025-01-01
phrases:
  en: [paid for by, sponsored by]
  es: ["pagado por"]
limits: {words: 60, ratio: 0.5, strict: true, none: null}
"""


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.json"))


def _read(store: DataStore, data: bytes, what: str = "data file") -> tuple[FrontMatter, int]:
    """The store's answer for `data`, and how many times it had to parse."""
    parsed = []

    def parse() -> FrontMatter:
        parsed.append(1)
        return read_yaml_file(data, what)

    return store.front_matter(data, what, parse), len(parsed)


def test_a_kept_file_reads_back_as_parsed_dates_and_key_lines_included(tmp_path: Path) -> None:
    expected = read_yaml_file(WORDING, "data file")
    first, parses = _read(DataStore(tmp_path, SECRET), WORDING)
    assert (first, parses) == (expected, 1)
    [entry] = _entries(tmp_path)
    again, parses = _read(DataStore(tmp_path, SECRET), WORDING)
    assert parses == 0, "a kept file was parsed again"
    assert again == expected
    assert again.data["effective"] == datetime.date(2025, 1, 1)
    assert type(again.data["limits"]["words"]) is int
    assert again.data["limits"]["strict"] is True
    assert again.key_lines[("limits",)] == 6
    assert list(again.data) == list(expected.data)  # the order of keys too
    assert len(_entries(tmp_path)) == 1 and _entries(tmp_path) == [entry]


def test_other_bytes_or_another_kind_of_file_are_parsed_afresh(tmp_path: Path) -> None:
    _read(DataStore(tmp_path, SECRET), WORDING)
    changed = WORDING.replace(b"version: 3", b"version: 4")
    front, parses = _read(DataStore(tmp_path, SECRET), changed)
    assert parses == 1
    assert front.data["version"] == 4
    _, parses = _read(DataStore(tmp_path, SECRET), WORDING, what="pack")
    assert parses == 1
    assert len(_entries(tmp_path)) == 3


@pytest.mark.parametrize(
    "text",
    [
        b"when: 2025-01-01 10:30:00\n",  # a time: not kept (only dates are)
        b"names: !!set {a, b}\n",
        b"blob: !!binary aGVsbG8=\n",
        b"1: numbers as keys\n",
        b'"\\0date": "2025-01-01"\n',  # a key that would read back as a date
        b"big: .inf\n",
        b"a: 1\na: 2\n",  # an error (a duplicated key): parsed every time, to report it
    ],
)
def test_what_would_not_come_back_exactly_is_never_kept(tmp_path: Path, text: bytes) -> None:
    expected = read_yaml_file(text, "data file")
    for _ in range(2):
        front, parses = _read(DataStore(tmp_path, SECRET), text)
        assert (front, parses) == (expected, 1)
    assert not _entries(tmp_path)


@pytest.mark.parametrize(
    "damage",
    [
        b"{not json",
        b'{"data": [], "key_lines": [], "line_count": 0}',
        b"[]",
        b"",
        b'{"data": {}, "key_lines": [[1, 2]], "line_count": 0}',
        b'{"data": {}, "key_lines": [], "line_count": "0"}',
        b'{"data": {}, "key_lines": [], "line_count": 0, "more": 1}',
    ],
)
def test_a_damaged_or_foreign_entry_is_parsed_afresh_and_rewritten(tmp_path: Path, damage: bytes) -> None:
    _read(DataStore(tmp_path, SECRET), WORDING)
    [entry] = _entries(tmp_path)
    seal = entry.read_bytes().partition(b"\n")[0]
    entry.write_bytes(seal + b"\n" + damage)  # the seal no longer matches the text
    front, parses = _read(DataStore(tmp_path, SECRET), WORDING)
    assert (front, parses) == (read_yaml_file(WORDING, "data file"), 1)
    # Sealed with the run's secret but not an entry's shape: not used either.
    write_sealed(entry, SECRET.encode(), damage, None)
    front, parses = _read(DataStore(tmp_path, SECRET), WORDING)
    assert (front, parses) == (read_yaml_file(WORDING, "data file"), 1)
    # Sealed by another installation (another secret): not read either.
    DataStore(tmp_path / "theirs", "another installation").front_matter(
        WORDING, "data file", lambda: FrontMatter(data={"planted": True})
    )
    [planted] = _entries(tmp_path / "theirs")
    entry.write_bytes(planted.read_bytes())
    front, parses = _read(DataStore(tmp_path, SECRET), WORDING)
    assert parses == 1
    assert "planted" not in front.data


def test_without_a_folder_or_a_secret_nothing_is_kept(tmp_path: Path) -> None:
    for store in (DataStore(None, SECRET), DataStore(tmp_path, "")):
        for _ in range(2):
            assert _read(store, WORDING)[1] == 1
    assert not list(tmp_path.iterdir())


def test_every_bundled_data_file_and_pack_reads_back_as_parsed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The real wording, languages and packs: kept, read back without parsing, equal to a fresh parse (dates
    included)."""
    from scriptlint.intake import front_matter
    from scriptlint.packs import library

    files = sorted(path for path in BUNDLED.rglob("*.yml") if "packs" not in path.parts)
    packs = sorted(BUNDLED.glob("jurisdictions/packs/*.yml"))
    assert len(files) >= 10 and len(packs) >= 10
    fresh = [read_data_file(path) for path in files], [load_pack(path) for path in packs]
    parses = []
    parse = front_matter.parse_front_matter

    def counted(*args: Any, **kwargs: Any) -> FrontMatter:
        parses.append(1)
        return parse(*args, **kwargs)

    monkeypatch.setattr(front_matter, "parse_front_matter", counted)
    monkeypatch.setattr(library, "parse_front_matter", counted)
    try:
        for round_ in range(2):  # the first run keeps, the second reads back
            parses.clear()
            keep_in("data", tmp_path, SECRET)
            kept = [read_data_file(path) for path in files], [load_pack(path) for path in packs]
            assert kept == fresh
            assert len(parses) == (len(files) + len(packs) if round_ == 0 else 0)
    finally:
        keep_in("data", None)
    # Every bundled file is kept (none holds what JSON could not give back).
    assert len(_entries(tmp_path)) == len(files) + len(packs)


def test_a_run_keeps_data_beside_its_answers_and_answers_the_same(tmp_path: Path) -> None:
    # Answers dropped, only the data kept (the helper asserts some was): the same findings, every entry read
    # back and none written again (an entry read back is marked as used once a day, in place; one parsed
    # afresh is replaced).
    cold, scripts, warm_cache = checked_then_kept_only(tmp_path, "data")
    week_ago = (entries := _entries(warm_cache / "data"))[0].stat().st_mtime - 7 * 86_400
    for entry in entries:
        os.utime(entry, (week_ago, week_ago))
    inodes = {entry.name: entry.stat().st_ino for entry in entries}
    warm = run_cli("check", "--no-config", "--format", "json", "--cache-dir", str(warm_cache), str(scripts))
    assert json.loads(warm.output) == json.loads(cold.output)
    assert warm.exit_code == cold.exit_code == 1
    after = _entries(warm_cache / "data")
    assert {entry.name: entry.stat().st_ino for entry in after} == inodes, "an entry was written again"
    assert all(entry.stat().st_mtime > week_ago + 86_400 for entry in after), "an entry was not read back"


def test_the_api_keeps_nothing_once_the_run_is_over_even_when_it_fails(tmp_path: Path) -> None:
    from scriptlint.errors import ConfigError
    from scriptlint.lint import lint_paths

    script = tmp_path / "call.j2"
    script.write_text((FIXTURES / "scripts" / "gotv_volunteer.j2").read_text(encoding="utf-8"), encoding="utf-8")
    # A file the run kept: after the run the store is off, so reading it parses and keeps nothing more.
    wording = (BUNDLED / "paid_for_by" / "wording.yml").read_bytes()

    def parsed_after_run() -> int:
        parses: list[int] = []
        kept_yaml(wording, "data file", lambda: parses.append(1) or read_yaml_file(wording, "data file"))
        kept_yaml(WORDING, "data file", lambda: parses.append(1) or read_yaml_file(WORDING, "data file"))
        return len(parses)

    for cache, options in ((tmp_path / "cache", None), (tmp_path / "failed", Options(select=("ZZ99",)))):
        if options is None:
            lint_paths([script], no_config=True, cache_dir=cache)
        else:
            with pytest.raises(ConfigError):  # an unknown selector stops the run once the store is set
                lint_paths([script], no_config=True, cache_dir=cache, options=options)
        before = {entry.name for entry in _entries(cache / "data")}
        assert parsed_after_run() == 2
        assert {entry.name for entry in _entries(cache / "data")} == before
    assert _entries(tmp_path / "cache" / "data")


@pytest.mark.parametrize(
    "text",
    [
        b"loop: &x [*x]\n",  # an alias to itself
        b"a: &x {b: *x}\n",
        b"deep: " + b"[" * 2000 + b"]" * 2000 + b"\n",
        # A long value repeated by aliases: within the parser's value limit, far beyond an entry's size.
        b"s: &s " + b"x" * 100_000 + b"\nl: [" + b", ".join([b"*s"] * 200) + b"]\n",
        # Within the budget in characters, beyond it in bytes (three bytes a character).
        b"s: &s " + "\u4e2d".encode() * 300_000 + b"\nl: [*s, *s]\n",
    ],
)
def test_what_cannot_be_kept_safely_is_parsed_as_before(
    tmp_path: Path, text: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(kept_data, "MAX_ENTRY_BYTES", 1_000_000)
    expected = read_yaml_file(text, "data file")
    front, parses = _read(DataStore(tmp_path, SECRET), text)
    assert parses == 1
    assert front.errors == expected.errors
    assert not _entries(tmp_path)


def test_deeply_nested_data_reads_back_as_parsed(tmp_path: Path) -> None:
    text = b"deep: " + b"[" * 500 + b"1" + b"]" * 500 + b"\n"
    expected = read_yaml_file(text, "data file")
    assert not expected.errors
    _read(DataStore(tmp_path, SECRET), text)
    assert (front := _read(DataStore(tmp_path, SECRET), text)) == (expected, 0)
    assert front[0].data == expected.data


def test_a_derived_value_is_kept_as_json_gives_it_back(tmp_path: Path) -> None:
    computed: list[int] = []

    def compute(value: Any) -> Any:
        def run() -> Any:
            computed.append(1)
            return value

        return run

    store = DataStore(tmp_path, SECRET)
    names = ["Oklahoma", "Tulsa", None, {"state": "OK"}]
    assert store.value("names", "OK", compute(names)) == names and len(computed) == 1
    assert DataStore(tmp_path, SECRET).value("names", "OK", compute(["other"])) == names
    assert len(computed) == 1, "a kept value was computed again"
    assert DataStore(tmp_path, SECRET).value("names", "TX", compute(["Texas"])) == ["Texas"]
    # A tuple, a date: JSON would not give them back as they are, so they are computed every time.
    for value in [("a", "b"), [datetime.date(2025, 1, 1)]]:
        for _ in range(2):
            assert DataStore(tmp_path, SECRET).value("other", repr(value), compute(value)) == value
    assert len(computed) == 2 + 4
    assert DataStore(None).value("names", "OK", compute(["fresh"])) == ["fresh"]


def test_a_process_writes_at_most_the_folders_cap_of_values(tmp_path: Path) -> None:
    store = DataStore(tmp_path, SECRET, max_entries=3)
    for index in range(5):
        assert store.value("places", str(index), lambda index=index: [index]) == [index]
    assert len(_entries(tmp_path)) == 3
    # What was not kept is computed again, and still right.
    assert DataStore(tmp_path, SECRET).value("places", "4", lambda: ["again"]) == ["again"]
    assert DataStore(tmp_path, SECRET).value("places", "0", lambda: ["again"]) == [0]
