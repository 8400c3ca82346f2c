"""Compiled patterns kept between runs (scriptlint.analysis.compiled): read back only for the same text and
flags, from files this user owns, and never changing an answer."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import regex
from conftest import FIXTURES, checked_then_kept_only, run_cli

from scriptlint.analysis import compiled
from scriptlint.analysis.compiled import PatternStore
from scriptlint.run.cache import CACHE_FORMAT

SAMPLES = [
    "Paid for by Friends of Ana Ruiz, not authorized by any candidate.",
    "PAID FOR BY the RNC",
    "Hola, me llamo Ana y llamo de parte de Amigos de Ana Ruiz.",
    "我是王丽 代表安娜·鲁伊斯之友打电话。",
    "",
]
# The run's secret (its fingerprint, in a real run).
SECRET = "a3f1" * 16
PATTERNS = [
    (r"(?<![\w])(?P<paid>paid\s+for\s+by)\s+(?P<who>[\w\s]+?)(?=[,.]|$)", regex.IGNORECASE | regex.VERSION1),
    (r"(?P<L_es>me\s+llamo\s+\w+)|(?P<L_zh>我是\p{Han}{2,3})|(?P<L_en>\bthe\s+RNC\b)", regex.IGNORECASE),
    (r"(?:not\s+)?authori[sz]ed\s+by\s+(?:any|the)\s+candidate", 0),
]


def _entries(store: Path) -> list[Path]:
    return sorted(store.rglob("*.json"))


def _content(entry: Path) -> dict[str, object]:
    """An entry's data (after the line that seals it)."""
    data: dict[str, object] = json.loads(entry.read_bytes().partition(b"\n")[2])
    return data


def _same(one: regex.Pattern[str], other: regex.Pattern[str]) -> None:
    assert other.pattern == one.pattern
    assert other.flags == one.flags
    assert other.groupindex == one.groupindex
    for text in SAMPLES:
        assert [m.groupdict() | {"": m.span()} for m in other.finditer(text)] == [
            m.groupdict() | {"": m.span()} for m in one.finditer(text)
        ]


@pytest.mark.parametrize(("source", "flags"), PATTERNS)
def test_a_kept_pattern_read_back_matches_as_the_compiled_one(tmp_path: Path, source: str, flags: int) -> None:
    expected = regex.compile(source, flags)
    PatternStore(tmp_path, SECRET).pattern(source, flags)
    assert len(_entries(tmp_path)) == 1
    _same(expected, PatternStore(tmp_path, SECRET).pattern(source, flags))


def test_an_entry_is_used_only_for_its_own_text(tmp_path: Path) -> None:
    source, flags = PATTERNS[0]
    PatternStore(tmp_path, SECRET).pattern(source, flags)
    [entry] = _entries(tmp_path)
    # An entry (authentic) whose compiled code belongs to another pattern, under this pattern's name: not used.
    other = PatternStore(tmp_path / "other", SECRET)
    other.pattern(r"never\s+matches\s+anything\s+here", flags)
    [foreign] = _entries(tmp_path / "other")
    entry.write_bytes(foreign.read_bytes())
    _same(regex.compile(source, flags), PatternStore(tmp_path, SECRET).pattern(source, flags))


@pytest.mark.parametrize("damage", ["{not json", '{"pattern": 1}', "[]", ""])
def test_a_damaged_entry_is_compiled_afresh_and_rewritten(tmp_path: Path, damage: str) -> None:
    source, flags = PATTERNS[1]
    PatternStore(tmp_path, SECRET).pattern(source, flags)
    [entry] = _entries(tmp_path)
    entry.write_text(damage, encoding="utf-8")
    _same(regex.compile(source, flags), PatternStore(tmp_path, SECRET).pattern(source, flags))
    assert _content(entry)["pattern"] == source


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="file owners are a POSIX notion")
def test_an_entry_others_may_write_is_not_read(tmp_path: Path) -> None:
    source, flags = PATTERNS[2]
    PatternStore(tmp_path, SECRET).pattern(source, flags)
    [entry] = _entries(tmp_path)
    entry.chmod(0o666)
    assert compiled._read(entry, source, flags, SECRET.encode()) is None
    entry.chmod(0o600)
    assert compiled._read(entry, source, flags, SECRET.encode()) is not None
    entry.parent.chmod(0o777)
    try:
        assert compiled._read(entry, source, flags, SECRET.encode()) is None
    finally:
        entry.parent.chmod(0o700)


def test_the_oldest_half_is_removed_past_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(compiled, "MAX_ENTRIES", 10)
    first = PatternStore(tmp_path, SECRET)
    for number in range(12):
        first.pattern(f"word{number}", 0)
    assert len(_entries(tmp_path)) == 12
    PatternStore(tmp_path, SECRET).pattern("one more", 0)  # a new process prunes once, before its first write
    assert len(_entries(tmp_path)) == 7


def test_a_run_keeps_patterns_beside_its_answers_and_not_with_no_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The same answers read back with every pattern from the store (answers not cached: a new folder
    # holding only the patterns; the helper asserts that some pattern was kept).
    cold, scripts, warm_cache = checked_then_kept_only(tmp_path, "patterns")
    warm = run_cli("check", "--no-config", "--format", "json", "--cache-dir", str(warm_cache), str(scripts))
    assert warm.output == cold.output
    assert warm.exit_code == cold.exit_code == 1
    none = tmp_path / "none"
    monkeypatch.setenv("SCRIPTLINT_CACHE_DIR", str(none))
    run_cli("check", "--no-config", "--no-cache", str(scripts))
    assert not none.exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs and links as POSIX has them")
def test_a_planted_link_or_fifo_is_never_read_nor_written_through(tmp_path: Path) -> None:
    source, flags = PATTERNS[0]
    store = PatternStore(tmp_path, SECRET)
    store.pattern(source, flags)
    [entry] = _entries(tmp_path)
    # A FIFO in place of the entry: not waited on, and replaced by a fresh entry.
    entry.unlink()
    os.mkfifo(entry)
    _same(regex.compile(source, flags), PatternStore(tmp_path, SECRET).pattern(source, flags))
    assert entry.is_file()
    assert not entry.is_fifo()
    # The store's folder replaced by a link to another folder: nothing is read or written there.
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    folder = entry.parent
    shutil.rmtree(folder)
    folder.symlink_to(elsewhere)
    _same(regex.compile(source, flags), PatternStore(tmp_path, SECRET).pattern(source, flags))
    assert not list(elsewhere.iterdir())


def test_patterns_are_the_same_text_in_every_process(tmp_path: Path) -> None:
    """A pattern built from a set in another order would miss the store in every new process (and add an
    entry each time): a second run, with another hash seed, finds every pattern kept and adds none."""
    scripts = tmp_path / "scripts"
    shutil.copytree(FIXTURES / "scripts", scripts)
    cache = tmp_path / "cache"
    command = [sys.executable, "-m", "scriptlint", "check", "--no-config", "--quiet", "--cache-dir", str(cache)]
    for seed in ("1", "2"):
        # The answers are dropped: every file is checked again.
        shutil.rmtree(cache / f"v{CACHE_FORMAT}", ignore_errors=True)
        environment = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([*command, str(scripts)], env=environment, capture_output=True, check=False)
        if seed == "1":
            first = {entry.name for entry in _entries(cache / "patterns")}
    assert first
    assert {entry.name for entry in _entries(cache / "patterns")} == first


def test_an_entry_without_the_runs_secret_is_not_read(tmp_path: Path) -> None:
    """Entries are named and sealed with the run's secret: one planted by someone without it (another
    installation, a checkout's files, a damaged copy) is compiled afresh, never run as it is."""
    source, flags = PATTERNS[0]
    PatternStore(tmp_path / "theirs", "another installation").pattern(r"no\s+disclosure", flags)
    [planted] = _entries(tmp_path / "theirs")
    mine = tmp_path / "mine"
    PatternStore(mine, SECRET).pattern(source, flags)
    [entry] = _entries(mine)
    entry.write_bytes(planted.read_bytes())
    assert compiled._read(entry, source, flags, SECRET.encode()) is None
    # Damaged code under an intact seal: the seal no longer matches, and the regex engine never sees it.
    PatternStore(mine, SECRET).pattern(source, flags)
    seal, _, text = entry.read_bytes().partition(b"\n")
    data = json.loads(text)
    data["code"] = data["code"][::-1]
    entry.write_bytes(seal + b"\n" + json.dumps(data).encode())
    assert compiled._read(entry, source, flags, SECRET.encode()) is None
    _same(regex.compile(source, flags), PatternStore(mine, SECRET).pattern(source, flags))


def test_the_api_keeps_patterns_only_while_a_run_with_a_cache_lasts(tmp_path: Path) -> None:
    from scriptlint.lint import lint_paths, lint_text

    script = tmp_path / "call.j2"
    script.write_text((FIXTURES / "scripts" / "gotv_volunteer.j2").read_text(encoding="utf-8"), encoding="utf-8")
    cache = tmp_path / "cache"
    lint_paths([script], no_config=True, cache_dir=cache)
    kept = {entry.name for entry in _entries(cache / "patterns")}
    assert kept
    text = "Hi, I'm Dana calling for Friends of Rosa Diaz. Paid for by Friends of Rosa Diaz."
    lint_text(text, no_config=True)
    assert {entry.name for entry in _entries(cache / "patterns")} == kept


def test_used_entries_are_marked_and_a_killed_writers_leftovers_removed(tmp_path: Path) -> None:
    source, flags = PATTERNS[2]
    PatternStore(tmp_path, SECRET).pattern(source, flags)
    [entry] = _entries(tmp_path)
    month_ago = entry.stat().st_mtime - 30 * 86_400
    os.utime(entry, (month_ago, month_ago))
    PatternStore(tmp_path, SECRET).pattern(source, flags)  # read back: marked as used
    assert entry.stat().st_mtime > month_ago + 29 * 86_400
    leftover = entry.parent / ".tmp-killed.json.tmp"
    leftover.write_text("{", encoding="utf-8")
    os.utime(leftover, (month_ago, month_ago))
    fresh = entry.parent / ".tmp-writing.json.tmp"
    fresh.write_text("{", encoding="utf-8")
    PatternStore(tmp_path, SECRET).pattern("another", 0)  # the first write of a process prunes
    assert not leftover.exists()
    assert fresh.exists()  # another process may be writing it


def test_the_default_version_is_part_of_an_entrys_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A pattern without a version flag means what regex's default version says: V0 and V1 entries differ."""
    PatternStore(tmp_path, SECRET).pattern(r"[[a-z]--[aeiou]]", 0)
    monkeypatch.setattr(regex, "DEFAULT_VERSION", regex.VERSION1)
    read = PatternStore(tmp_path, SECRET).pattern(r"[[a-z]--[aeiou]]", 0)
    assert len(_entries(tmp_path)) == 2
    assert read.findall("bad") == regex.compile(r"[[a-z]--[aeiou]]").findall("bad")
