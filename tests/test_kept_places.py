"""A gazetteer's answers kept between runs (plugins/call_origin/places.py, scriptlint.intake.kept_data): read
back instead of loading the cities and the translations, and always what computing them gives."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import yaml
from conftest import FIXTURES, run_cli
from scriptlint_plugins.call_origin.places import Gazetteer
from scriptlint_plugins.call_origin.wording import OriginWording

from scriptlint.intake.kept_data import keep_in, kept_value

SECRET = "9a7c" * 16
LANGUAGES = FIXTURES / "languages"
# Lookups the rules make: an origin's names and largest cities, places a script claims ("calling from
# Sacramento, California", "a fellow Texan", "俄克拉何马州的", "Pilipinas"), and a name that is no place.
LOOKUPS: list[tuple[str, tuple[Any, ...]]] = [
    ("state_name", ("OK",)),
    ("state_name", ("ZZ",)),  # no such state: its code
    ("state_names", ("OK",)),
    ("country_names", ("PH",)),
    ("cities_of", ("US", "OK", 12)),
    ("cities_of", ("PH", None, 12)),
    ("regions", ("Pilipinas",)),
    ("regions", ("Granite Research",)),
    ("resolve", ("Sacramento",)),
    ("resolve", ("Tulsa",)),
    ("resolve", ("休斯顿",)),  # Houston, by its Chinese name
    ("resolve", ("The 休斯顿",)),  # the same key, but a name with a Latin word is not looked up in other scripts
    ("demonym", ("Texan",)),
    ("demonym", ("Houstonian",)),
    ("prefix", ("俄克拉何马州的电话",)),
    ("country_code", ("Philippines",)),
]


def _gazetteer() -> Gazetteer:
    # A new gazetteer with the bundled wording's languages (not the process's shared one, which may have
    # loaded its tables already).
    shared = OriginWording().gazetteer
    return Gazetteer(shared.locales, shared.irregular, shared.extra_states)


def _answers(gazetteer: Gazetteer) -> list[Any]:
    return [getattr(gazetteer, name)(*args) for name, args in LOOKUPS]


def test_answers_read_back_are_the_computed_ones_and_load_no_table(tmp_path: Path, monkeypatch: Any) -> None:
    with monkeypatch.context() as patched:  # every answer computed, none remembered or kept
        patched.setattr(Gazetteer, "_kept", lambda self, what, key, compute: compute())
        computed = _answers(_gazetteer())
    assert computed[:3] == ["Oklahoma", "ZZ", computed[2]] and computed[2][0] == "Oklahoma"
    assert "Tulsa" in computed[4]
    assert [place.kind for place in computed[6]] == ["country"] and computed[7] == []
    keep_in("values", tmp_path, SECRET)
    try:
        first = _gazetteer()
        assert _answers(first) == computed
        assert "_cities" in vars(first) and "_big_table" in vars(first)
        assert len(list(tmp_path.glob("*.json"))) >= len(LOOKUPS) - 1
        again = _gazetteer()
        assert _answers(again) == computed
        # Read back: neither the cities (17 MB) nor the translated names were loaded.
        assert not {"_cities", "_city_index", "_big_table"} & set(vars(again))
        # A state's names, by themselves, are read back without even the English tables.
        state = _gazetteer()
        assert [state.state_name("OK"), state.state_names("OK"), state.cities_of("US", "OK", 12)] == [
            computed[0],
            computed[2],
            computed[4],
        ]
        assert "_geonames" not in vars(state)
    finally:
        keep_in("values", None)


def test_another_gazetteer_or_no_seal_computes_afresh(tmp_path: Path) -> None:
    keep_in("values", tmp_path, SECRET)
    try:
        _answers(_gazetteer())
        shared = _gazetteer()
        # Other languages read: other names, so none of the kept answers is theirs.
        other = Gazetteer({"en": ()}, shared.irregular, shared.extra_states)
        assert other.resolve("Tulsa")[0].state == "OK"
        assert "_cities" in vars(other)
    finally:
        keep_in("values", None)
    keep_in("values", tmp_path, "b" * 64)  # another run's seal: nothing kept is read
    try:
        unsealed = _gazetteer()
        unsealed.resolve("Tulsa")
        assert "_cities" in vars(unsealed)
    finally:
        keep_in("values", None)


def test_claims_and_origins_find_the_same_with_kept_answers(tmp_path: Path) -> None:
    # Every language's CO02 and CO03 cases (what an origin is called, places claimed), checked with a new
    # cache folder, then with only the data that run kept, then with no cache: the same findings.
    cases = tmp_path / "cases"
    cases.mkdir()
    contexts = yaml.safe_load((LANGUAGES / "contexts.yml").read_text(encoding="utf-8"))
    base = {"call_type": "political", "delivery": "live", "race": "federal", "volume": 12000}
    count = 0
    for path in sorted(LANGUAGES.glob("*.yml")):
        if path.name == "contexts.yml":
            continue
        for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]:
            if case["rule"] not in ("CO02", "CO03"):
                continue
            manifest = {**base, **contexts[case.get("context", "A")], **case.get("manifest", {})}
            text = "---\n" + yaml.safe_dump(manifest, allow_unicode=True) + "---\n" + case["text"].rstrip() + "\n"
            (cases / f"{path.stem}-{count:03}.j2").write_text(text, encoding="utf-8")
            count += 1
    assert count >= 60
    cold_cache = tmp_path / "cold"
    cold = _findings(run_cli("check", "--no-config", "--format", "json", "--cache-dir", str(cold_cache), str(cases)))
    assert any(entry.startswith("CO03") for entry in cold) and any(entry.startswith("CO02") for entry in cold)
    # The answers have a folder of their own: the data files' entries are not pushed out of theirs.
    assert len(list((cold_cache / "values").glob("*.json"))) >= 20
    assert len(list((cold_cache / "data").glob("*.json"))) < 100
    kept_only = tmp_path / "kept"
    for folder in ("data", "values"):
        shutil.copytree(cold_cache / folder, kept_only / folder)
    warm = _findings(run_cli("check", "--no-config", "--format", "json", "--cache-dir", str(kept_only), str(cases)))
    plain = _findings(run_cli("check", "--no-config", "--format", "json", "--no-cache", str(cases)))
    assert warm == cold == plain
    # The store is the run's: once it is over, nothing more is kept.
    before = sorted((kept_only / "values").iterdir())
    assert kept_value("anything", "new", lambda: ["computed"]) == ["computed"]
    assert sorted((kept_only / "values").iterdir()) == before


def _findings(result: Any) -> list[str]:
    report = json.loads(result.output)
    return sorted(f"{f['code']} {Path(f['path']).name}:{f['line']} {f['message']}" for f in report["findings"])


def test_other_demonyms_or_state_names_are_another_key() -> None:
    shared = _gazetteer()
    assert Gazetteer(shared.locales, {}, shared.extra_states)._identity != shared._identity
    assert Gazetteer(shared.locales, shared.irregular, {})._identity != shared._identity
    assert Gazetteer(shared.locales, shared.irregular, shared.extra_states)._identity == shared._identity


def test_a_new_version_of_the_installed_data_is_another_key(tmp_path: Path, monkeypatch: Any) -> None:
    from scriptlint_plugins.call_origin import places

    package = tmp_path / "fakegeo"
    (package / "data").mkdir(parents=True)
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "data" / "cities.json").write_text("{}", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(places, "_DATA_FILES", (("fakegeo", ("__init__.py", "data/cities.json")),))
    before = _gazetteer()._identity
    assert before == _gazetteer()._identity
    (package / "data" / "cities.json").write_text('{"1": {}}', encoding="utf-8")
    assert _gazetteer()._identity != before
