"""The call-origin wording and place tables (wording.yml, places.yml) as patterns."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import regex

from scriptlint.analysis.queries import Phrases, phrase_pattern, phrases
from scriptlint.intake.front_matter import read_data_file
from scriptlint.model import RulePart
from scriptlint.model.scope import Scope

if TYPE_CHECKING:
    from scriptlint.model import RunContext
    from scriptlint.model.manifest import Manifest

WORDING_FILE = Path(__file__).parent / "wording.yml"
PLACES_FILE = Path(__file__).parent / "places.yml"
# Characters kept after an introduction ("my name is") or a place claim ("calling from").
AFTER_CHARS = 40


class OriginWording:
    """The tables, read on first use."""

    def __init__(self, wording: Path = WORDING_FILE, places: Path = PLACES_FILE) -> None:
        self.wording_path = wording
        self.places_path = places

    @cached_property
    def data(self) -> Mapping[str, Any]:
        """The call-origin wording table."""
        return read_data_file(self.wording_path)

    @cached_property
    def places(self) -> Mapping[str, Any]:
        """State and country names."""
        return read_data_file(self.places_path)

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

    def facility_words(self, facility: str) -> list[str]:
        """Plain words for a kind of place, in every language of the table."""
        return _flatten(self.data["facility_words"].get(facility, {}))

    def claim(self, kind: str) -> Phrases:
        """A claim table (`volunteer`, `local`, `calling_from`, `campaign_office`) as phrases."""
        return phrases(_flatten(self.data["claims"][kind]))

    def state_names(self, code: str | None) -> list[str]:
        """A USPS code's names."""
        return list(self.places["states"].get(code, [])) if code else []

    def country_names(self, country: str | None) -> list[str]:
        """A country's names: from the table for an ISO code or a listed name, else as written."""
        if not country:
            return []
        for code, names in self.places["countries"].items():
            if country.upper() == code or country.lower() in (name.lower() for name in names):
                return list(names)
        return [country]

    def where(self, manifest: Manifest) -> list[str]:
        """Names of where the calls come from: the country for calls from abroad, else the state."""
        origin = manifest.origin
        return self.country_names(origin.country) or self.state_names(origin.state)

    @cached_property
    def all_places(self) -> dict[str, str]:
        """Every state and country name (lower case) to its code, for reading "calling from X"."""
        table: dict[str, str] = {}
        for section in ("states", "countries"):
            for code, names in self.places[section].items():
                for name in names:
                    table[name.lower()] = code
        return table

    def place_at_start(self, text: str) -> str | None:
        """The state or country name a text starts with ("Oklahoma, near Tulsa" -> "oklahoma")."""
        lowered = " ".join(regex.sub(r"^the\s+", "", text.strip().lower()).split())
        for name in sorted(self.all_places, key=len, reverse=True):
            if lowered.startswith(name) and (len(lowered) == len(name) or not lowered[len(name)].isalnum()):
                return name
        return None

    @cached_property
    def introduction(self) -> Phrases:
        """A caller introducing themselves by name: "my name is Ana", "this is [your name]", "me llamo ..."."""
        intro = "|".join(
            phrase_pattern(phrase) for phrase in sorted(_flatten(self.data["caller_name"]), key=len, reverse=True)
        )
        # The name itself: a placeholder, or a capitalised word (so "I'm calling" is no introduction).
        pattern = rf"(?<!\w)(?i:{intro})\s+(?:\ue000|\p{{Lu}}[\p{{L}}'\-]+)"
        longest = max(len(phrase) for phrase in _flatten(self.data["caller_name"]))
        return Phrases(regex.compile(pattern, regex.VERSION1), longest + AFTER_CHARS)


def _flatten(table: Mapping[str, Iterable[str]]) -> list[str]:
    return [phrase for group in table.values() for phrase in group]
