"""The paid-for-by wording tables (wording.yml) turned into patterns, and name comparison.

Everything legal here is data: phrases, citations and thresholds come from the YAML file; this
module only compiles them, builds patterns for the manifest's contact details, and normalises names.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import regex

from scriptlint.analysis.queries import ANY_PHONE, Phrases, phone_number, phrase_pattern, phrases, whole_words
from scriptlint.intake.front_matter import read_data_file
from scriptlint.model import RulePart
from scriptlint.model.scope import Scope

WORDING_FILE = Path(__file__).parent / "wording.yml"
_STREET_WORDS = {
    "street": r"(?:street|st\.?)",
    "avenue": r"(?:avenue|ave\.?)",
    "road": r"(?:road|rd\.?)",
    "boulevard": r"(?:boulevard|blvd\.?)",
    "suite": r"(?:suite|ste\.?)",
    "drive": r"(?:drive|dr\.?)",
    "lane": r"(?:lane|ln\.?)",
}
_ANY_URL = (
    r"(?<![\w.])(?:www\.)?[a-z0-9][a-z0-9\-]*(?:(?:\.|\s+dot\s+)[a-z0-9\-]+)*"
    r"(?:\.|\s+dot\s+)(?:com|org|net|us|gov|edu|info|vote)(?![\w])"
)
_ANY_ADDRESS = (
    r"(?<!\w)\d{1,6}\s+(?:[\w.]+\s+){1,4}"
    r"(?:street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|way|court|ct|place|pl)(?!\w)"
)
_FLAGS = regex.IGNORECASE | regex.VERSION1


@dataclass(frozen=True)
class Statement:
    """One kind of statement: its phrases, citation, source URL, confidence tag and example wording."""

    phrases: Phrases
    citation: str
    url: str | None
    confidence: str
    examples: Mapping[str, str]

    def example(self, language: str | None, **names: str) -> str:
        """Suggested wording in the script's language (English unless Spanish)."""
        key = "es" if (language or "").lower().startswith("es") else "en"
        template = self.examples.get(key) or self.examples.get("en") or ""
        return template.format(**names)


class Wording:
    """The data file, read on first use (a run that selects no PF rule never reads it)."""

    def __init__(self, path: Path = WORDING_FILE) -> None:
        self.path = path
        self._scopes: dict[str, Scope] = {}

    @cached_property
    def data(self) -> Mapping[str, Any]:
        """The whole data file."""
        return read_data_file(self.path)

    def statement(self, key: str) -> Statement:
        """A statement table (`disclaimer`, `authorized`, `not_authorized`) from the data file."""
        entry = self.data[key]
        return Statement(
            phrases(_all_phrases(entry.get("phrases", {}))),
            entry["citation"],
            entry.get("url"),
            entry.get("confidence", "M"),
            entry.get("example", {}),
        )

    def source(self, key: str) -> tuple[str, str | None]:
        """Citation and URL of a table."""
        return self.data[key]["citation"], self.data[key].get("url")

    def scope(self, key: str) -> Scope:
        """The calls a table's law governs (its `applies`), parsed once."""
        if key not in self._scopes:
            try:
                self._scopes[key] = Scope.parse(self.data[key].get("applies"))
            except ValueError as exc:
                raise ValueError(f"{self.path}: {key}: {exc}") from None
        return self._scopes[key]

    def part(self, key: str, label: str) -> RulePart:
        """A table as one part of a rule: its citation, scope in words, source confidence and dates."""
        entry = self.data[key]
        return RulePart(
            label=label,
            citation=entry["citation"],
            scope=self.scope(key).describe(),
            url=entry.get("url"),
            confidence=entry.get("confidence"),
            in_force=_text(entry.get("in_force")),
            amended=_text(entry.get("amended")),
            checked=_text(entry.get("checked")),
        )

    @cached_property
    def disclaimer(self) -> Statement:
        """Any accepted paid-for-by phrasing."""
        return self.statement("disclaimer")

    @cached_property
    def near_misses(self) -> Phrases:
        """The disclaimer itself, its listed near misses, and fuzzy matches within `max_errors` edits."""
        table = self.data["near_misses"]
        errors = int(table["max_errors"])
        exact = sorted([*_all_phrases(self.data["disclaimer"]["phrases"]), *table["phrases"]], key=len, reverse=True)
        fuzzy = [f"(?:{phrase_pattern(phrase)}){{e<={errors}}}" for phrase in table["fuzzy"]]
        pattern = whole_words([*(phrase_pattern(phrase) for phrase in exact), *fuzzy])
        return Phrases(pattern, max(len(" ".join(phrase.split())) for phrase in exact) + errors)

    @cached_property
    def claimed_authorization(self) -> Phrases:
        """ "authorized by" that is not part of a "not authorized by" statement (English or Spanish)."""
        claim = self.statement("authorized").phrases
        negation = r"(?<!\bnot\s{1,3})(?<!\bno\s{1,3})(?<!\bestá\s{1,3})"
        # "authorized by any candidate" / "por ningún candidato" is the denial, never a claim.
        not_any = r"(?!\s+(?:any|ningún|ningun)\b)"
        # A longer window keeps the words around a match in view for the look-behind and look-ahead.
        return Phrases(regex.compile(negation + claim.pattern.pattern + not_any, _FLAGS), claim.max_chars + 16)

    @property
    def fuzzy_timeout(self) -> float:
        """Seconds a fuzzy search may take."""
        return float(self.data["near_misses"]["timeout"])

    def same_name(self, spoken: str, expected: str) -> bool:
        """Whether a spoken name is the expected one, up to case, punctuation, "the" and "Inc."."""
        said, wanted = self.normalise(spoken), self.normalise(expected)
        if not said:
            return False
        # The exact name, possibly followed by contact details ("... Ruiz www.anaruiz.com", "... 555 ...").
        return said == wanted or bool(regex.match(regex.escape(wanted) + r" (?:www|http|\d)", said))

    def normalise(self, name: str) -> str:
        """Lower case, punctuation removed, a leading "the" and corporate suffixes dropped."""
        table = self.data["names"]
        words = regex.sub(r"[^\w\s]", " ", name.lower()).split()
        while words and words[0] in table["ignored_leading"]:
            words = words[1:]
        suffixes = {tuple(s.split()) for s in table["ignored_suffixes"]}
        changed = True
        while changed and words:
            changed = False
            for suffix in suffixes:
                if len(words) > len(suffix) and tuple(words[-len(suffix) :]) == suffix:
                    words = words[: -len(suffix)]
                    changed = True
        return " ".join(words)

    def spoken_name(self, after: str) -> str:
        """The name at the start of what follows a statement: up to punctuation or a stop word."""
        text = regex.split(r"[.,;:!?\n]", after.strip().lstrip(":;,-\u2013\u2014 "), maxsplit=1)[0]
        words: list[str] = []
        for word in text.split():
            if word.lower() in self.data["names"]["stop_words"] and words:
                break
            words.append(word)
        return " ".join(words)


def contact_patterns(address: str | None, phone: str | None, url: str | None) -> Phrases:
    """The manifest's contact details as people say them; any address, phone or URL if none is given."""
    # The statute accepts any of the three, so any address, number or web address said counts too.
    alternatives = [p for p in (_address(address), phone_number(phone), _url(url)) if p]
    alternatives += [_ANY_ADDRESS, ANY_PHONE, _ANY_URL]
    return Phrases(regex.compile("|".join(f"(?:{a})" for a in alternatives), _FLAGS), 80)


def phone_pattern(phone: str | None) -> Phrases:
    """The manifest's phone number in any usual form, or any ten-digit US number."""
    return Phrases(regex.compile(phone_number(phone) or ANY_PHONE, _FLAGS), 40)


def _url(url: str | None) -> str | None:
    if not url:
        return None
    host = regex.sub(r"^[a-z]+://", "", url.strip().lower()).split("/")[0]
    host = regex.sub(r"^www\.", "", host)
    if "." not in host:
        return None
    labels = [regex.escape(label) for label in host.split(".")]
    return r"(?<![\w.])(?:www\.)?" + r"(?:\.|\s+dot\s+)".join(labels) + r"(?![\w])"


def _address(address: str | None) -> str | None:
    if not address:
        return None
    street = address.split(",")[0].strip()
    words = regex.sub(r"[^\w\s]", " ", street).split()
    if len(words) < 2:
        return None
    parts = [_STREET_WORDS.get(word.lower(), regex.escape(word)) for word in words]
    return r"(?<!\w)" + r"[\s,.]+".join(parts) + r"(?!\w)"


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _all_phrases(table: Mapping[str, Iterable[str]]) -> list[str]:
    return [phrase for group in table.values() for phrase in group]
