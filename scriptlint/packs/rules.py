"""Jurisdiction pack rules: their validated form, and the engine that checks a script against them.

A pack rule says when it applies (call types, delivery, race, volume, paid callers, effective dates),
what must be said (elements: phrases with placeholders such as `{sponsor.name}`), when (timing), and
which practices are restricted. The engine answers with the core's path searches; SW01 (missing),
SW02 (too late) and SW03 (restricted practice) findings name the pack rule and its citation.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import regex

from scriptlint.analysis.paths import PathSearch
from scriptlint.analysis.queries import Phrases, missing_findings, name_pattern, phrases, search_paths
from scriptlint.model import Finding, Rule, Script, Severity
from scriptlint.model.manifest import Manifest
from scriptlint.model.settings import RunContext

TIMINGS = ("anywhere", "opening", "within_seconds", "before_first_question", "before_solicitation", "before_end")
UNVERIFIED = ("S", "M")
_FLAGS = regex.IGNORECASE | regex.VERSION1
_PLACEHOLDER = regex.compile(r"\{([a-z_.]+)\}")
# Generic forms of placeholders, used when the manifest does not give the value.
_GENERIC = {
    "name": r"(?:\ue000|\p{Lu}[\p{L}'\-]+(?:\s+\p{Lu}[\p{L}'\-]+){0,3})",
    "phone": r"(?<!\d)(?:\+?1[\s.\-]*)?\(?\d{3}\)?[\s.\-]*\d{3}[\s.\-]*\d{4}(?!\d)",
}
_QUESTION = Phrases(regex.compile(r"\?"), 1)
# Phrases that start asking for something (a vote, money, a purchase): "before the solicitation".
SOLICITATION = (
    "can we count on", "will you vote", "would you vote", "will you support", "would you support",
    "donate", "donation", "contribute", "contribution", "would you like to buy", "would you like to order",
    "sign up", "podemos contar con", "donar", "donación", "contribuir",
)  # fmt: skip


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


def findings_for(
    pack_rule: PackRule, rules: Mapping[str, Rule], script: Script, context: RunContext, target_state: str | None
) -> Iterator[Finding]:
    """SW01/SW02/SW03 findings of one pack rule on one script (for one target state, or federal)."""
    manifest = script.manifest
    trigger = pack_rule.applies.get("when_said")
    if trigger and not search_paths(script, phrases(trigger), target_state=target_state).found:
        return  # The rule governs only calls that say this (for example push-polling questions).
    severity, note = _severity(pack_rule, manifest)
    for element in pack_rule.requires:
        yield from _element_findings(pack_rule, element, rules, script, context, target_state, severity, note)
    for restriction in pack_rule.restricted:
        if not _matches(restriction.when, manifest):
            continue
        if restriction.unless is not None:
            wanted = element_pattern(restriction.unless, manifest)
            within = _within(restriction.unless, script, context, target_state)
            if search_paths(script, wanted, within=within, target_state=target_state).on_every_path:
                continue
        yield rules["SW03"].finding(
            script,
            f"{pack_rule.id}: {restriction.practice} ({pack_rule.title}){note}",
            line=script.manifest_line("delivery"),
            severity=severity,
            ref=pack_rule.citation,
            url=pack_rule.url,
            jurisdiction=pack_rule.jurisdiction,
        )


def _element_findings(
    pack_rule: PackRule,
    element: Element,
    rules: Mapping[str, Rule],
    script: Script,
    context: RunContext,
    target_state: str | None,
    severity: Severity,
    note: str,
) -> Iterator[Finding]:
    wanted = element_pattern(element, script.manifest)
    anywhere = search_paths(script, wanted, target_state=target_state)
    example = _example(element, script.manifest)

    def report(rule: Rule, search: PathSearch, message: str) -> list[Finding]:
        return missing_findings(
            rule,
            script,
            search,
            message + note,
            severity=severity,
            jurisdiction=pack_rule.jurisdiction,
            ref=pack_rule.citation,
            url=pack_rule.url,
        )

    yield from report(rules["SW01"], anywhere, f"{pack_rule.id}: the call never says {element.name}; e.g. '{example}'")
    within = _within(element, script, context, target_state)
    if within is None or not anywhere.found:
        return
    early = search_paths(script, wanted, within=within, target_state=target_state)
    never = {path.condition for path in anywhere.missing}  # those paths got SW01 already
    timing = _describe_timing(element, within, timed=script.cues is not None)
    message = f"{pack_rule.id}: {element.name} must be said {timing}, but comes later"
    for finding in report(rules["SW02"], early, message):
        if finding.path_condition not in never:
            yield finding


def _within(element: Element, script: Script, context: RunContext, target_state: str | None) -> int | None:
    """The number of spoken words the element must come within, or None for "anywhere"."""
    settings = context.settings
    if element.timing == "opening":
        return settings.opening_words
    if element.timing == "within_seconds" and element.seconds is not None:
        timed = _words_said_within(script, element.seconds)
        if timed is not None:
            return timed
        return max(1, math.floor(element.seconds * settings.words_per_minute / 60))
    if element.timing in ("before_first_question", "before_solicitation"):
        marker = _QUESTION if element.timing == "before_first_question" else _solicitation()
        first = search_paths(script, marker, target_state=target_state).earliest
        return None if first is None else max(1, first.words_before)
    return None


def _words_said_within(script: Script, seconds: float) -> int | None:
    """For a timed transcript, how many spoken words start within the first `seconds` (else None)."""
    if script.cues is None:
        return None
    variants = script.variants
    if len(variants) != 1:
        return None
    variant = variants[0]
    said = 0
    for start, _ in variant.words:
        location = variant.location(start)
        when = script.seconds_at(location.line, location.column)
        if when is not None and when >= seconds:
            break
        said += 1
    # 0 when nothing is said in time: then nothing said can count (the search closes at once).
    return said


def _describe_timing(element: Element, within: int, timed: bool = False) -> str:
    if element.timing == "within_seconds" and timed and within == 0:
        return f"within the first {element.seconds} seconds (by the transcript's cue times, nothing is said by then)"
    if element.timing == "within_seconds" and timed:
        words = "word" if within == 1 else f"{within} words"
        return f"within the first {element.seconds} seconds (by the transcript's cue times, the first {words})"
    if element.timing == "within_seconds":
        return f"within the first {element.seconds} seconds (about {within} words)"
    if element.timing == "before_first_question":
        return f"before the first question (word {within})"
    if element.timing == "before_solicitation":
        return f"before the call asks for anything (word {within})"
    return f"within the first {within} spoken words"


def _solicitation() -> Phrases:
    return phrases(SOLICITATION)


def _severity(pack_rule: PackRule, manifest: Manifest) -> tuple[Severity, str]:
    note = ""
    severity = pack_rule.severity
    if pack_rule.unverified:
        severity = min(severity, Severity.WARNING)
        note += f" (wording unverified: the pack's source is [{pack_rule.confidence}], not the law's text)"
    if pack_rule.campaign_finance and manifest.race == "federal":
        severity = min(severity, Severity.WARNING)
        note += " (federal race: federal law supersedes state campaign-finance disclosure, 52 U.S.C. 30143)"
    return severity, note


def _matches(when: Mapping[str, Any], manifest: Manifest) -> bool:
    delivery = manifest.delivery or "live"
    if "delivery" in when and delivery not in when["delivery"]:
        return False
    return not ("call_types" in when and manifest.call_type not in when["call_types"])


def element_pattern(element: Element, manifest: Manifest) -> Phrases:
    """The element's phrases as one pattern, placeholders filled from the manifest.

    A phrase whose manifest value is missing is dropped (a phone number falls back to any phone number,
    `{name}` is any person's name); if none is left, the element asks for something impossible to say
    and the finding tells which manifest value would let it be checked.
    """
    alternatives: list[str] = []
    longest = 0
    for phrase in element.phrases:
        parts: list[str] = []
        length = 0
        position = 0
        complete = True
        for match in _PLACEHOLDER.finditer(phrase):
            literal = phrase[position : match.start()]
            parts.append(_literal(literal))
            length += len(literal)
            filled = _placeholder(match.group(1), manifest)
            if filled is None:
                complete = False
                break
            parts.append(filled[0])
            length += filled[1]
            position = match.end()
        if not complete:
            continue
        parts.append(_literal(phrase[position:]))
        length += len(phrase) - position
        alternatives.append("".join(parts))
        longest = max(longest, length)
    if not alternatives:
        alternatives, longest = [r"(?!)"], 1  # Nothing to look for: every path misses it.
    pattern = regex.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", _FLAGS)
    return Phrases(pattern, longest)


def _literal(text: str) -> str:
    words = text.split()
    joined = r"\s+".join(regex.escape(word) for word in words)
    lead = r"\s*" if text[:1].isspace() else ""
    trail = r"\s*" if text[-1:].isspace() else ""
    return lead + joined + trail


def _placeholder(key: str, manifest: Manifest) -> tuple[str, int] | None:
    """A placeholder's pattern and length, or None when the manifest lacks the value."""
    section, _, attribute = key.partition(".")
    value = getattr(getattr(manifest, section, None), attribute, None) if attribute else None
    if isinstance(value, str) and value:
        if attribute == "phone":
            digits = regex.sub(r"\D", "", value)[-10:]
            return r"\(?" + r"[\s().\-]*".join(digits) + r"(?!\d)", 30
        return name_pattern(value), len(value)
    if attribute == "phone":
        return _GENERIC["phone"], 30
    if key == "name":
        return _GENERIC["name"], 60
    return None


def _example(element: Element, manifest: Manifest) -> str:
    phrase = element.phrases[0]

    def fill(match: regex.Match[str]) -> str:
        section, _, attribute = match.group(1).partition(".")
        value = getattr(getattr(manifest, section, None), attribute, None) if attribute else None
        return str(value) if value else f"<{match.group(1)}>"

    return _PLACEHOLDER.sub(fill, phrase)


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
        raise ValueError("confidence must be one of V, Q, S, M (see the legal brief's tags)")
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
