"""The call-origin data (wording.yml: the policy's citation, irregular demonyms, country names that take
"the") with the languages' phrases and the gazetteer, as the CO rules use them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import regex

from scriptlint.analysis.compiled import kept
from scriptlint.analysis.names import names_pattern
from scriptlint.analysis.phrasing import Entry, PhraseBook, Writing, book
from scriptlint.analysis.queries import Phrases
from scriptlint.analysis.spoken import SLOT
from scriptlint.intake.kept_data import read_data_file
from scriptlint.model import RulePart
from scriptlint.model.scope import Scope

from ..languages.catalogue import shared
from .places import US, shared_gazetteer

if TYPE_CHECKING:
    from scriptlint.analysis.names import NameForms
    from scriptlint.model import RunContext, Script
    from scriptlint.model.manifest import Manifest

    from ..languages.catalogue import Catalogue
    from .places import Gazetteer

WORDING_FILE = Path(__file__).parent / "wording.yml"
# Characters kept after a place claim ("calling from") to read the place.
AFTER_CHARS = 100
# The largest cities of the origin's country (or state), up to this many, count as saying where
# ("a call center in Manila" for the Philippines, "a prison in Tulsa" for Oklahoma).
CITIES = 12
_FLAGS = regex.IGNORECASE | regex.VERSION0
UNSPACED = "_unspaced"
_CASELESS = regex.compile(r"\p{Lo}")
_ARABIC = regex.compile(r"\p{Arabic}")


class OriginWording:
    """The call-origin data, the languages' phrases and the gazetteer, read on first use."""

    def __init__(self, wording: Path = WORDING_FILE, catalogue: Catalogue | None = None) -> None:
        self.wording_path = wording
        self._catalogue = catalogue
        self._names_books: dict[tuple[tuple[str, str], ...], PhraseBook] = {}

    @cached_property
    def catalogue(self) -> Catalogue:
        """Every language's phrases (scriptlint_plugins.languages)."""
        return self._catalogue or shared()

    @cached_property
    def data(self) -> Mapping[str, Any]:
        """The call-origin data file."""
        return read_data_file(self.wording_path)

    @cached_property
    def gazetteer(self) -> Gazetteer:
        """Place names in every language read (nothing is loaded until a place is asked for)."""
        locales = tuple((code, language.locales) for code, language in self.catalogue.languages.items())
        irregular = tuple(sorted((str(k), str(v)) for k, v in (self.data.get("demonyms") or {}).items()))
        extra: dict[str, list[str]] = {}
        for language in self.catalogue.languages.values():
            for code, name in language.place_names.items():
                extra.setdefault(code, []).append(name)
        return shared_gazetteer(locales, irregular, tuple((k, tuple(v)) for k, v in sorted(extra.items())))

    @cached_property
    def organisation_words(self) -> frozenset[str]:
        """Words that make a name an organisation's, not a place's (lower case)."""
        return frozenset(str(word).lower() for word in self.data.get("organisation_words") or ())

    @property
    def citation(self) -> str:
        """What the CO rules rest on: policy, with the proposed Wisconsin bill as the model."""
        return str(self.data["policy"]["citation"])

    @property
    def url(self) -> str | None:
        """Where the model bill can be read."""
        url = self.data["policy"].get("url")
        return str(url) if url else None

    @cached_property
    def scopes(self) -> dict[str, tuple[tuple[str, Scope], ...]]:
        """Each rule's parts: a label and the calls it governs (`scopes` in wording.yml)."""
        parsed: dict[str, tuple[tuple[str, Scope], ...]] = {}
        for code, parts in self.data["scopes"].items():
            try:
                parsed[code] = tuple((str(part["label"]), Scope.parse(part.get("applies"))) for part in parts)
            except ValueError as exc:
                raise ValueError(f"{self.wording_path}: scopes.{code}: {exc}") from None
        return parsed

    def applies(self, code: str, part: int, manifest: Manifest, context: RunContext) -> bool:
        """Whether part `part` of rule `code` governs this call (undecided parts are recorded for SL07)."""
        scope = self.scopes[code][part][1]
        return context.undecided.decide(code, scope.applies(manifest, context.day))

    def parts(self, code: str) -> tuple[RulePart, ...]:
        """What `explain` shows of a rule: each part's scope in words; policy, so no statute or confidence."""
        return tuple(RulePart(label, self.citation, scope.describe(), self.url) for label, scope in self.scopes[code])

    def book(self, *sections: str) -> PhraseBook:
        """The phrases of these sections of the languages' data."""
        return self.catalogue.book(*sections)

    def said(self, script: Script, *sections: str) -> PhraseBook:
        """The phrases of these sections that this script may say (a smaller pattern to compile)."""
        return self.catalogue.book(*sections).for_script(script.paths.may_say)

    @cached_property
    def local_book(self) -> PhraseBook:
        """Claims to be local that name no place ("I'm your neighbor")."""
        book = self.book("local_claim")
        return PhraseBook(tuple(e for e in book.entries if "{place}" not in e.phrase and "{demonym}" not in e.phrase),
                          book.writings)  # fmt: skip

    @cached_property
    def place_book(self) -> PhraseBook:
        """Claims that name a place: "calling from {place}", "a fellow {demonym}". A place at the end is read
        from what follows the phrase (it may come after a description: "from a call center in Manila")."""
        book = self.book("calling_from", "local_claim")
        entries = []
        for entry in book.entries:
            if "{place}" not in entry.phrase and "{demonym}" not in entry.phrase:
                continue
            phrase = entry.phrase.rstrip()
            if phrase.endswith("{place}"):
                phrase = phrase[: -len("{place}")].rstrip()
            entries.append(replace(entry, phrase=phrase))
        return PhraseBook(tuple(entries), book.writings)

    def facility_words(self, facility: str) -> list[tuple[str, str]]:
        """Plain words for a kind of place, in every language, as (language, phrase)."""
        return [(entry.language, entry.phrase) for entry in self.book(f"facility_{facility}").entries]

    def introduction(self, script: Script) -> Phrases:
        """A caller introducing themselves by name: "my name is Ana", "我是王丽", "김민수입니다"."""
        return self.said(script, "caller_introduction").compiled

    def behalf(self, script: Script, names: list[NameForms]) -> Phrases:
        """On whose behalf: the sponsor's or candidate's names in any form, or an on-behalf phrase followed
        by a placeholder (a name the manifest cannot tell, said nonetheless)."""
        placeholders = self._behalf_placeholders.for_script(script.paths.may_say).compiled
        named = names_pattern(names).pattern if names else r"(?!)"
        pattern = kept(f"{named}|{placeholders.pattern.pattern}", _FLAGS)
        longest = max(placeholders.max_chars, *(len(s) for f in names for s in f.spellings), 1)
        return Phrases(pattern, longest + 12)

    @cached_property
    def _behalf_placeholders(self) -> PhraseBook:
        """On-behalf phrases of every language, with a placeholder where the name goes."""
        entries = []
        for language in self.catalogue.languages.values():
            for phrase in language.phrases.get("on_behalf_of", ()):
                said = phrase.replace("{org}", SLOT) if "{org}" in phrase else f"{phrase} {SLOT}"
                entries.append(Entry(language.code, said))
        return PhraseBook(tuple(entries), self.catalogue.writings)

    def names_book(self, entries: list[tuple[str, str]]) -> PhraseBook:
        """Words and names as one book; a name without a language is matched as its letters are written:
        Arabic ones as Arabic is (proclitics, letters with or without hamza), other names of a script
        without case (俄克拉何马州, 오클라호마주) inside words, the rest as whole words; kept for the process
        (the scripts of a batch share their origins, and a book remembers what each script may say)."""
        key = tuple(entries)
        if key not in self._names_books:
            if len(self._names_books) >= 256:
                self._names_books.clear()
            self._names_books[key] = self._names_book(entries)
        return self._names_books[key]

    def _names_book(self, entries: list[tuple[str, str]]) -> PhraseBook:
        tagged = []
        for given, phrase in entries:
            language = given or ("ar" if _ARABIC.search(phrase) else UNSPACED if _CASELESS.search(phrase) else "en")
            tagged.append((language, phrase))
        return book(tagged, {**self.catalogue.writings, UNSPACED: Writing(spaced=False)})

    def where_phrases(self, script: Script) -> Phrases:
        """Any name of where the calls come from (see `where`), as this script may say it."""
        entries = [("", name) for name in self.where(script.manifest)]
        return self.names_book(entries).for_script(script.paths.may_say).compiled

    def country_code(self, manifest: Manifest) -> str:
        """The origin's country: its ISO code, US when only a state is given."""
        country = manifest.origin.country
        if not country:
            return US
        return self.gazetteer.country_code(country) or country

    def where(self, manifest: Manifest) -> list[str]:
        """Names of where the calls come from, in every language read: the country for calls from
        abroad, else the state; their largest cities; the origin's city."""
        origin = manifest.origin
        names: list[str] = []
        if origin.country:
            code = self.gazetteer.country_code(origin.country)
            names += self.gazetteer.country_names(code) if code else [origin.country]
            if code:
                names += self.gazetteer.cities_of(code, None, CITIES)
        elif origin.state:
            names += self.gazetteer.state_names(origin.state)
            names += self.gazetteer.cities_of(US, origin.state, CITIES)
        if origin.city:
            names.append(origin.city)
        return list(dict.fromkeys(name for name in names if name.strip()))

    def display(self, manifest: Manifest, language: str | None = None) -> str:
        """The origin as said in a sentence: "the Philippines", "Oklahoma", "Tulsa, Oklahoma", "俄克拉何马州"."""
        origin = manifest.origin
        place = self._name_in(manifest, language)
        if origin.city and not origin.country:
            return f"{origin.city}, {place}" if place else origin.city
        return place or (origin.city or "")

    def _name_in(self, manifest: Manifest, language: str | None) -> str:
        origin = manifest.origin
        gazetteer = self.gazetteer
        if origin.country:
            code = gazetteer.country_code(origin.country)
            forms = gazetteer.country_names(code) if code else []
            english = forms[0] if forms else origin.country
            if code and language not in (None, "en"):
                translated = self._translate("iso3166-1", english, language)
                if translated:
                    return translated
            article = code in set(self.data.get("countries_with_the") or ())
            return f"the {english}" if article and not english.lower().startswith("the ") else english
        if origin.state:
            # The English name is the first of the state's names: no other language's names are read for it.
            english = gazetteer.state_name(origin.state)
            if language not in (None, "en"):
                translated = self._translate("iso3166-2", english, language)
                if translated:
                    return translated
            return english
        return ""

    def _translate(self, domain: str, english: str, language: str) -> str | None:
        import gettext

        import pycountry

        known = self.catalogue.languages.get(language)
        for locale in known.locales if known else ():
            try:
                translation = gettext.translation(domain, pycountry.LOCALES_DIR, languages=[locale])
            except OSError:
                continue
            said = translation.gettext(english)
            if said != english or language == "en":
                return said
        return None

    def local_places(self) -> dict[str, tuple[str, ...]]:
        """Words that mean "here, where you live", by language."""
        return {code: language.local_places for code, language in self.catalogue.languages.items()}

    def locatives(self) -> tuple[str, ...]:
        """Words that introduce a place after a description, in every language."""
        return tuple(sorted({w for lang in self.catalogue.languages.values() for w in lang.locatives}, key=len,
                            reverse=True))  # fmt: skip
