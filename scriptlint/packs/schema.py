"""Jurisdiction pack rules as data: their validated form (when a rule applies, what must be said and when,
which practices are restricted, dates in force), read from a pack's YAML."""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping, Sequence
from dataclasses import field
from typing import TYPE_CHECKING, Any

from scriptlint.model import CONFIDENCE, Severity
from scriptlint.model.records import record
from scriptlint.model.scope import Scope, parse_date

if TYPE_CHECKING:
    from scriptlint.model.manifest import Manifest
    from scriptlint.model.scope import Decision

TIMINGS = (
    "anywhere",
    "opening",
    "within_seconds",
    "before_first_question",
    "before_solicitation",
    "before_end",
    "within_last_seconds",
    "within_first_or_last_seconds",
    "within_first_and_last_seconds",
)
# Timings that take a number of seconds: {within_seconds: 30} ("within the first 30 seconds"),
# {within_last_seconds: 12} ("at the end"), {within_first_or_last_seconds: 12} ("at the beginning or end"),
# {within_first_and_last_seconds: 12} ("both at the beginning and at the end").
TIMED = ("within_seconds", "within_last_seconds", "within_first_or_last_seconds", "within_first_and_last_seconds")
UNVERIFIED = ("S", "M")
# Manifest values an element may depend on (`if_given`): the element is asked for only when the manifest gives it.
_IF_GIVEN = re.compile(r"(sponsor|origin|caller)\.[a-z_]+")


@record(frozen=True)
class Element:
    """Something a call must say: alternatives (with placeholders), and by when."""

    name: str
    phrases: tuple[str, ...]
    timing: str = "anywhere"
    seconds: int | None = None
    # A dotted manifest key: the element is required only when the manifest gives a value for it.
    if_given: str | None = None


@record(frozen=True)
class Restriction:
    """A practice the jurisdiction restricts, unless the script does what makes it allowed."""

    practice: str
    when: Scope
    unless: Element | None = None


@record(frozen=True)
class PackRule:
    """One rule of one jurisdiction's pack."""

    id: str
    jurisdiction: str
    title: str
    citation: str
    url: str | None
    confidence: str
    severity: Severity
    scope: Scope = field(default_factory=Scope)
    requires: tuple[Element, ...] = ()
    restricted: tuple[Restriction, ...] = ()
    campaign_finance: bool = False
    notes: str = ""
    # When the law took effect in words, where no exact date is known ("2001", "P.L. 1999, ch. 456").
    enacted: str | None = None
    # Its last amendment, where known; the day its text was last checked against a source.
    amended: str | None = None
    checked: datetime.date | None = None

    @property
    def effective(self) -> datetime.date | None:
        """The day this version took effect, if known."""
        return self.scope.effective

    @property
    def expires(self) -> datetime.date | None:
        """The day this version stopped applying, if it did."""
        return self.scope.expires

    @property
    def unverified(self) -> bool:
        """Whether the wording comes from a summary or general knowledge, not the law's text."""
        return self.confidence in UNVERIFIED

    @property
    def checks(self) -> bool:
        """Whether anything in a script can show a breach (some rules only record what cannot be checked)."""
        return bool(self.requires or self.restricted)

    def in_force(self, day: datetime.date) -> bool:
        """Whether this version of the rule applies on `day`."""
        return self.scope.in_force(day)

    def decide(self, manifest: Manifest, day: datetime.date | None = None) -> Decision:
        """Whether the manifest's call is one this rule governs (applies, excluded, or undecided)."""
        return self.scope.applies(manifest, day)


def parse_rule(raw: Mapping[str, Any], jurisdiction: str) -> PackRule:
    """A pack rule from its YAML mapping; raise ValueError naming what is wrong."""
    allowed = {
        "id", "title", "citation", "url", "confidence", "severity", "applies", "requires", "restricted",
        "effective", "expires", "campaign_finance", "notes", "enacted", "amended", "checked",
    }  # fmt: skip
    unknown = set(raw) - allowed
    if unknown:
        raise ValueError(
            f"unknown key(s) {', '.join(sorted(map(str, unknown)))}; allowed: {', '.join(sorted(allowed))}"
        )
    for key in ("id", "title", "citation", "confidence"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise ValueError(f"{key!r} is required and must be text")
    if raw["confidence"] not in CONFIDENCE:
        raise ValueError("confidence must be one of V, Q, S, M (see docs/packs.md)")
    scope = Scope.parse(raw.get("applies"), effective=raw.get("effective"), expires=raw.get("expires"))
    return PackRule(
        id=raw["id"],
        jurisdiction=jurisdiction,
        title=raw["title"],
        citation=raw["citation"],
        url=raw.get("url"),
        confidence=raw["confidence"],
        severity=Severity.parse(raw.get("severity", "error")),
        scope=scope,
        requires=tuple(_element(entry) for entry in raw.get("requires") or ()),
        restricted=tuple(_restriction(entry) for entry in raw.get("restricted") or ()),
        campaign_finance=bool(raw.get("campaign_finance", False)),
        notes=str(raw.get("notes") or ""),
        enacted=_text(raw.get("enacted"), "enacted"),
        amended=_text(raw.get("amended"), "amended"),
        checked=parse_date(raw.get("checked"), "checked"),
    )


def _element(raw: Any) -> Element:
    if not isinstance(raw, dict) or not isinstance(raw.get("element"), str):
        raise ValueError("each entry of 'requires' needs 'element' (what must be said) and 'any' (phrases)")
    unknown = set(raw) - {"element", "any", "timing", "if_given"}
    if unknown:
        raise ValueError(f"requires {raw['element']!r}: unknown key(s) {', '.join(sorted(map(str, unknown)))}")
    phrases_ = raw.get("any")
    if not isinstance(phrases_, list) or not phrases_ or not all(isinstance(p, str) for p in phrases_):
        raise ValueError(f"requires {raw['element']!r}: 'any' must be a non-empty list of phrases")
    timing = raw.get("timing", "anywhere")
    seconds = None
    if isinstance(timing, dict):
        if len(timing) != 1 or next(iter(timing)) not in TIMED:
            raise ValueError(f"requires {raw['element']!r}: a timed timing is one of {{{': N}, {'.join(TIMED)}: N}}")
        timing, seconds = next(iter(timing.items()))
        if isinstance(seconds, bool) or not isinstance(seconds, int) or seconds <= 0:
            raise ValueError(f"requires {raw['element']!r}: timing {timing} must be a positive whole number")
    elif timing in TIMED:
        raise ValueError(f"requires {raw['element']!r}: timing {timing} needs a number of seconds: {{{timing}: N}}")
    if timing not in TIMINGS:
        raise ValueError(f"requires {raw['element']!r}: timing must be one of {', '.join(TIMINGS)}")
    if_given = raw.get("if_given")
    if if_given is not None and not (isinstance(if_given, str) and _IF_GIVEN.fullmatch(if_given)):
        raise ValueError(f"requires {raw['element']!r}: if_given must name a manifest value such as sponsor.treasurer")
    return Element(raw["element"], tuple(phrases_), timing, seconds, if_given)


def _restriction(raw: Any) -> Restriction:
    if not isinstance(raw, dict) or not isinstance(raw.get("practice"), str):
        raise ValueError("each entry of 'restricted' needs 'practice' (what is restricted)")
    unless = raw.get("unless")
    try:
        when = Scope.parse(raw.get("when"))
    except ValueError as exc:
        raise ValueError(f"restricted {raw['practice']!r}: {str(exc).replace('applies', 'when')}") from None
    return Restriction(raw["practice"], when, _element(unless) if unless else None)


def _text(value: Any, key: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, datetime.date)):
        raise ValueError(f"{key} must be text or a date")
    return str(value)


def select(rules: Sequence[PackRule], day: datetime.date) -> list[PackRule]:
    """The version of each rule id in force on `day`."""
    return [rule for rule in rules if rule.in_force(day)]
