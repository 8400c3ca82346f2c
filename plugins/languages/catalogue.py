"""The wording data of every language (data/<code>.yml) as phrase books, profiles and suggestions.

One file per language holds what the PF and CO rules accept in it, each phrase with a note a reviewer
can check; `recognised.yml` names languages scriptlint can tell but has no wording for. Files are read
on first use, so a run that selects no wording rule reads none of them.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import field
from functools import cached_property
from pathlib import Path
from typing import Any

import regex

from scriptlint.analysis.compiled import kept
from scriptlint.analysis.phrasing import Entry, PhraseBook, Writing, compile_phrase
from scriptlint.analysis.profile import Profile
from scriptlint.intake.kept_data import read_data_file
from scriptlint.model.records import record

DATA = Path(__file__).parent / "data"
RECOGNISED_FILE = "recognised.yml"
# A path's language is told from its first this many spoken words.
PROFILE_WORDS = 60
ENGLISH = "en"
_FLAGS = regex.IGNORECASE | regex.VERSION0


@record(frozen=True)
class Language:
    """One language's wording: how it is written, its markers, phrases by section and suggestions."""

    code: str
    name: str
    writing: Writing
    markers: tuple[str, ...] = ()
    marker_pattern: str | None = None
    stop_words: tuple[str, ...] = ()
    locatives: tuple[str, ...] = ()
    local_places: tuple[str, ...] = ()
    fuzzy: Mapping[str, Any] = field(default_factory=dict)
    negation: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    phrases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    examples: Mapping[str, str] = field(default_factory=dict)
    kinds: Mapping[str, str] = field(default_factory=dict)
    # pycountry locales whose place names are this language's.
    locales: tuple[str, ...] = ()
    # US state names in this language that pycountry lacks (USPS code -> name).
    place_names: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, data: Mapping[str, Any]) -> Language:
        """A language from its data file; phrases of low confidence are listed for reviewers, not matched."""
        sections = {
            section: tuple(str(item["phrase"]) for item in items if str(item.get("confidence", "high")) != "low")
            for section, items in (data.get("phrases") or {}).items()
        }
        return cls(
            code=str(data["language"]),
            name=str(data["name"]),
            writing=Writing.of(data.get("writing")),
            markers=tuple(str(m) for m in data.get("markers") or ()),
            marker_pattern=data.get("marker_pattern"),
            stop_words=tuple(str(w) for w in data.get("name_stop_words") or ()),
            locatives=tuple(str(w) for w in data.get("locatives") or ()),
            local_places=tuple(str(w) for w in data.get("local_places") or ()),
            fuzzy=dict(data.get("fuzzy") or {}),
            negation={str(k): tuple(str(w) for w in v or ()) for k, v in (data.get("negation") or {}).items()},
            phrases=sections,
            examples={str(k): str(v) for k, v in (data.get("examples") or {}).items()},
            kinds={str(k): str(v) for k, v in (data.get("kinds") or {}).items()},
            locales=tuple(str(locale) for locale in data.get("locales") or (data["language"],)),
            place_names={str(k): str(v) for k, v in (data.get("place_names") or {}).items()},
        )


def base_language(code: str | None) -> str | None:
    """The language of a tag: `es-MX` -> `es`, `zh-Hant` -> `zh`."""
    if not code:
        return None
    return code.replace("_", "-").split("-")[0].lower() or None


@functools.lru_cache(maxsize=4)
def shared(directory: Path = DATA) -> Catalogue:
    """The catalogue of a data directory, shared by the rule families of a process (the data never
    changes while it runs)."""
    return Catalogue(directory)


class Catalogue:
    """Every language's wording, read on first use."""

    def __init__(self, directory: Path = DATA) -> None:
        self.directory = directory
        self._books: dict[tuple[Any, ...], PhraseBook] = {}

    @cached_property
    def languages(self) -> dict[str, Language]:
        """The languages scriptlint checks, by code (English first)."""
        found = {}
        for path in sorted(self.directory.glob("*.yml")):
            if path.name == RECOGNISED_FILE:
                continue
            language = Language.of(read_data_file(path))
            found[language.code] = language
        return dict(sorted(found.items(), key=lambda item: item[0] != ENGLISH))

    @cached_property
    def recognised(self) -> dict[str, Language]:
        """Languages told apart but not checked (no wording), by code."""
        data = read_data_file(self.directory / RECOGNISED_FILE)
        return {
            str(code): Language.of({"language": code, **entry}) for code, entry in (data["languages"] or {}).items()
        }

    def checks(self, code: str | None) -> bool:
        """Whether there is wording for this language."""
        return base_language(code) in self.languages

    def name(self, code: str | None) -> str:
        """A language's English name."""
        base = base_language(code) or ENGLISH
        known = self.languages.get(base) or self.recognised.get(base)
        return known.name if known else str(code)

    def book(self, *sections: str, languages: Iterable[str] | None = None) -> PhraseBook:
        """The phrases of these sections in every language (or only those given); compiled once per
        process, since the data does not change while it runs."""
        key = (sections, tuple(sorted(languages)) if languages is not None else None)
        if key not in self._books:
            self._books[key] = self._book(sections, languages)
        return self._books[key]

    def _book(self, sections: tuple[str, ...], languages: Iterable[str] | None) -> PhraseBook:
        wanted = set(languages) if languages is not None else None
        entries = [
            Entry(code, phrase)
            for code, language in self.languages.items()
            if wanted is None or code in wanted
            for section in sections
            for phrase in language.phrases.get(section, ())
        ]
        return PhraseBook(tuple(entries), self.writings)

    @cached_property
    def writings(self) -> dict[str, Writing]:
        """How each checked language is written."""
        return {code: language.writing for code, language in self.languages.items()}

    @cached_property
    def profile(self) -> Profile:
        """The markers of every language, checked or recognised, counted in a path's opening."""
        groups = []
        for code, language in {**self.languages, **self.recognised}.items():
            alternatives = [compile_phrase(marker, language.writing)[0] for marker in language.markers]
            if language.marker_pattern:
                alternatives.append(language.marker_pattern)
            if alternatives:
                label = regex.sub(r"\W", "_", code)
                groups.append(f"(?P<P_{label}>{'|'.join(alternatives)})")
        return Profile(kept("|".join(groups), _FLAGS), PROFILE_WORDS)

    def language_of(self, path_language: str | None, fallback: str | None) -> str:
        """The language to suggest wording in: a path's (when checked), else the manifest's, else English."""
        for code in (base_language(path_language), base_language(fallback)):
            if code in self.languages:
                return code
        return ENGLISH

    def example(self, key: str, language: str | None, *, facility: str | None = None, **values: str) -> str:
        """Suggested wording in a language (English when that language has none for `key`); `facility`
        fills {kind} with that kind of place in the language."""
        english = self.languages[ENGLISH]
        own = self.languages.get(base_language(language) or ENGLISH, english)
        template = own.examples.get(key) or english.examples[key]
        if facility is not None:
            values = {**values, "kind": own.kinds.get(facility) or english.kinds.get(facility, facility)}
        return template.format(**values)

    def stop_words(self) -> frozenset[str]:
        """Words that end a name read after a phrase, in every language."""
        return frozenset(word.lower() for language in self.languages.values() for word in language.stop_words)

    def unchecked(self, label: str | None) -> str | None:
        """The name of a recognised language scriptlint has no wording for, if the label is one."""
        if label is None or label in self.languages:
            return None
        language = self.recognised.get(label)
        return language.name if language else None
