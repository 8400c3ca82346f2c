"""Jurisdiction pack rules as data: their validated form (when a rule applies, what must be said and when,
which practices are restricted, dates in force), read from a pack's YAML."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from scriptlint.model import Severity
from scriptlint.model.manifest import Manifest

TIMINGS = ("anywhere", "opening", "within_seconds", "before_first_question", "before_solicitation", "before_end")
UNVERIFIED = ("S", "M")


@dataclass(frozen=True)
class Element:
    """Something a call must say: alternatives (with placeholders), and by when."""

    name: str
    phrases: tuple[str, ...]
    timing: str = "anywhere"
    seconds: int | None = None


@dataclass(frozen=True)
class Restriction:
    """A practice the jurisdiction restricts, unless the script does what makes it allowed."""

    practice: str
    when: Mapping[str, Any]
    unless: Element | None = None


@dataclass(frozen=True)
class PackRule:
    """One rule of one jurisdiction's pack."""

    id: str
    jurisdiction: str
    title: str
    citation: str
    url: str | None
    confidence: str
    severity: Severity
    applies: Mapping[str, Any] = field(default_factory=dict)
    requires: tuple[Element, ...] = ()
    restricted: tuple[Restriction, ...] = ()
    effective: datetime.date | None = None
    expires: datetime.date | None = None
    campaign_finance: bool = False
    notes: str = ""

    @property
    def unverified(self) -> bool:
        """Whether the wording comes from a summary or general knowledge, not the law's text."""
        return self.confidence in UNVERIFIED

    def in_force(self, day: datetime.date) -> bool:
        """Whether this version of the rule applies on `day`."""
        return (self.effective is None or self.effective <= day) and (self.expires is None or day < self.expires)

    def applies_to(self, manifest: Manifest) -> bool:
        """Whether the manifest's call is one this rule governs."""
        wanted = self.applies
        checks = (
            ("call_types", manifest.call_type),
            ("delivery", manifest.delivery or "live"),
            ("races", manifest.race),
        )
        for key, value in checks:
            if key in wanted and value not in wanted[key]:
                return False
        minimum = wanted.get("min_volume")
        if minimum is not None and manifest.volume is not None and manifest.volume < minimum:
            return False
        paid = wanted.get("paid_callers")
        if paid is not None and manifest.caller.paid is not None and manifest.caller.paid != paid:
            return False
        authorized = wanted.get("authorized")
        return authorized is None or (manifest.sponsor.authorized_by is not None) == authorized


def parse_rule(raw: Mapping[str, Any], jurisdiction: str) -> PackRule:
    """A pack rule from its YAML mapping; raise ValueError naming what is wrong."""
    allowed = {
        "id", "title", "citation", "url", "confidence", "severity", "applies", "requires", "restricted",
        "effective", "expires", "campaign_finance", "notes",
    }  # fmt: skip
    unknown = set(raw) - allowed
    if unknown:
        raise ValueError(
            f"unknown key(s) {', '.join(sorted(map(str, unknown)))}; allowed: {', '.join(sorted(allowed))}"
        )
    for key in ("id", "title", "citation", "confidence"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise ValueError(f"{key!r} is required and must be text")
    if raw["confidence"] not in ("V", "Q", "S", "M"):
        raise ValueError("confidence must be one of V, Q, S, M (see docs/packs.md)")
    return PackRule(
        id=raw["id"],
        jurisdiction=jurisdiction,
        title=raw["title"],
        citation=raw["citation"],
        url=raw.get("url"),
        confidence=raw["confidence"],
        severity=Severity.parse(raw.get("severity", "error")),
        applies=_applies(raw.get("applies") or {}),
        requires=tuple(_element(entry) for entry in raw.get("requires") or ()),
        restricted=tuple(_restriction(entry) for entry in raw.get("restricted") or ()),
        effective=_date(raw.get("effective"), "effective"),
        expires=_date(raw.get("expires"), "expires"),
        campaign_finance=bool(raw.get("campaign_finance", False)),
        notes=str(raw.get("notes") or ""),
    )


def _applies(raw: Mapping[str, Any]) -> dict[str, Any]:
    allowed = {"call_types", "delivery", "races", "min_volume", "paid_callers", "authorized", "when_said"}
    unknown = set(raw) - allowed
    if unknown:
        raise ValueError(f"applies: unknown key(s) {', '.join(sorted(unknown))}; allowed: {', '.join(sorted(allowed))}")
    for key in ("call_types", "delivery", "races"):
        if key in raw and not (isinstance(raw[key], list) and all(isinstance(v, str) for v in raw[key])):
            raise ValueError(f"applies.{key} must be a list of names")
    return dict(raw)


def _element(raw: Any) -> Element:
    if not isinstance(raw, dict) or not isinstance(raw.get("element"), str):
        raise ValueError("each entry of 'requires' needs 'element' (what must be said) and 'any' (phrases)")
    phrases_ = raw.get("any")
    if not isinstance(phrases_, list) or not phrases_ or not all(isinstance(p, str) for p in phrases_):
        raise ValueError(f"requires {raw['element']!r}: 'any' must be a non-empty list of phrases")
    timing = raw.get("timing", "anywhere")
    seconds = None
    if isinstance(timing, dict):
        seconds = timing.get("within_seconds")
        if not isinstance(seconds, int) or seconds <= 0:
            raise ValueError(f"requires {raw['element']!r}: timing within_seconds must be a positive whole number")
        timing = "within_seconds"
    if timing not in TIMINGS:
        raise ValueError(f"requires {raw['element']!r}: timing must be one of {', '.join(TIMINGS)}")
    return Element(raw["element"], tuple(phrases_), timing, seconds)


def _restriction(raw: Any) -> Restriction:
    if not isinstance(raw, dict) or not isinstance(raw.get("practice"), str):
        raise ValueError("each entry of 'restricted' needs 'practice' (what is restricted)")
    unless = raw.get("unless")
    return Restriction(raw["practice"], dict(raw.get("when") or {}), _element(unless) if unless else None)


def _date(value: Any, key: str) -> datetime.date | None:
    if value is None or isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"{key} must be a date (YYYY-MM-DD)") from None


def select(rules: Sequence[PackRule], day: datetime.date) -> list[PackRule]:
    """The version of each rule id in force on `day`."""
    return [rule for rule in rules if rule.in_force(day)]
