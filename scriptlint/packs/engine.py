"""The pack engine: checks a script against a jurisdiction pack's rules with the core's path searches.

SW01 (missing), SW02 (too late) and SW03 (restricted practice) findings name the pack rule and its
citation. What counts as a question or a solicitation, and the notes added to downgraded findings, are
given by the caller (the jurisdictions plugin's data), not written here.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

import regex

from scriptlint.analysis.names import NameForms, name_pattern
from scriptlint.analysis.queries import (
    ANY_PHONE,
    Phrases,
    missing_findings,
    phone_number,
    phrase_pattern,
    phrases,
    search_closing,
    search_paths,
    shared_endings,
    whole_words,
)
from scriptlint.model import Severity
from scriptlint.model.records import record
from scriptlint.model.values import STATE_NAMES

if TYPE_CHECKING:
    from scriptlint.model import Finding, PathSearch, Rule, RunContext, Script
    from scriptlint.model.manifest import Manifest
    from scriptlint.packs.schema import Element, PackRule

_FLAGS = regex.IGNORECASE | regex.VERSION1
_PLACEHOLDER = regex.compile(r"\{([a-z_.]+)\}")
# Generic forms of placeholders, used when the manifest does not give the value: a person's name (a
# placeholder the caller fills in, or capitalised words), and a first and last name (two or more words).
_GENERIC = {
    # Case matters here (the phrases around them match in any case): a name is capitalised words.
    "name": r"(?:\ue000|(?-i:\p{Lu}[\p{L}'\-]+(?:\s+\p{Lu}[\p{L}'\-]+){0,3}))",
    "full_name": r"(?:\ue000|(?-i:\p{Lu}[\p{L}'\-]+(?:\s+\p{Lu}[\p{L}'\-.]+){1,3}))",
}
_QUESTION = Phrases(regex.compile(r"\?"), 1)
# What stands between the words of one clause: spaces and apostrophes, not a clause's punctuation.
_SEPARATOR = r"[^\w.;:!?,\n]{1,3}"


@record(frozen=True)
class Vocabulary:
    """What the engine needs besides the packs: phrases that start a solicitation (for
    `before_solicitation`), the notes added to findings whose severity a rule's confidence or federal
    preemption lowers (`{confidence}` is replaced by the rule's tag), and the words that deny a phrase."""

    solicitation: tuple[str, ...]
    unverified_note: str
    preemption_note: str
    # Words that deny what follows them in a clause ("I'm not calling to ask you for a donation"): an element's
    # plain phrase said after one does not count as saying it.
    denials: tuple[str, ...] = ()


def findings_for(
    pack_rule: PackRule,
    rules: Mapping[str, Rule],
    script: Script,
    context: RunContext,
    target_state: str | None,
    vocabulary: Vocabulary,
) -> Iterator[Finding]:
    """SW01/SW02/SW03 findings of one pack rule on one script (for one target state, or federal)."""
    manifest = script.manifest
    trigger = pack_rule.scope.when_said
    if trigger and not search_paths(script, phrases(trigger), target_state=target_state).found:
        return  # The rule governs only calls that say this (for example push-polling questions).
    severity, note = _severity(pack_rule, manifest, vocabulary)
    for element in pack_rule.requires:
        if element.if_given and not _value(element.if_given, manifest):
            continue  # Required only when the manifest gives it ("the fiscal agent, if applicable").
        yield from _element_findings(
            pack_rule, element, rules, script, context, target_state, severity, note, vocabulary
        )
    for restriction in pack_rule.restricted:
        if not restriction.when.applies(manifest).applies:
            continue
        if restriction.unless is not None:
            wanted = element_pattern(restriction.unless, manifest)
            within = _within(restriction.unless, script, context, target_state, vocabulary)
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
    vocabulary: Vocabulary,
) -> Iterator[Finding]:
    wanted = element_pattern(element, script.manifest, vocabulary.denials)
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
    if element.timing in _AT_THE_END and anywhere.found:
        late = rules["SW02"]
        yield from _end_findings(pack_rule, element, wanted, anywhere, script, context, target_state, late, report)
        return
    within = _within(element, script, context, target_state, vocabulary)
    if within is None or not anywhere.found:
        return
    early = search_paths(script, wanted, within=within, target_state=target_state)
    never = {path.condition for path in anywhere.missing}  # those paths got SW01 already
    timing = _describe_timing(element, within, timed=script.cues is not None)
    message = f"{pack_rule.id}: {element.name} must be said {timing}, but comes later"
    for finding in report(rules["SW02"], early, message):
        if finding.path_condition not in never:
            yield finding


_AT_THE_END = ("within_last_seconds", "within_first_or_last_seconds", "within_first_and_last_seconds")


def _end_findings(
    pack_rule: PackRule,
    element: Element,
    wanted: Phrases,
    anywhere: PathSearch,
    script: Script,
    context: RunContext,
    target_state: str | None,
    rule: Rule,
    report: Callable[[Rule, PathSearch, str], list[Finding]],
) -> Iterator[Finding]:
    """SW02 for an element placed "at the end", "at the beginning or end", or "at the beginning and the end"
    (seconds as spoken words at words-per-minute); paths that never say it already got SW01."""
    seconds = element.seconds or 0
    words = max(1, math.floor(seconds * context.settings.words_per_minute / 60))
    span = f"{seconds} seconds, about {words} words"
    searches: list[tuple[PathSearch, str]] = []
    if element.timing == "within_first_or_last_seconds":
        placed = search_closing(script, wanted, last=words, opening=words, target_state=target_state)
        searches.append((placed, f"at the beginning or the end (within the first or the last {span})"))
    else:
        if element.timing == "within_first_and_last_seconds":
            early = search_paths(script, wanted, within=words, target_state=target_state)
            searches.append((early, f"at the beginning (within the first {span})"))
        placed = search_closing(script, wanted, last=words, target_state=target_state)
        searches.append((placed, f"at the end (within the last {span})"))
    never = {path.condition for path in anywhere.missing}
    for search, where in searches:
        message = f"{pack_rule.id}: {element.name} must be said {where}, but is not said there"
        for finding in report(rule, search, message):
            if finding.path_condition not in never:
                yield finding


def _within(
    element: Element, script: Script, context: RunContext, target_state: str | None, vocabulary: Vocabulary
) -> int | None:
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
        marker = _QUESTION if element.timing == "before_first_question" else phrases(vocabulary.solicitation)
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


def _severity(pack_rule: PackRule, manifest: Manifest, vocabulary: Vocabulary) -> tuple[Severity, str]:
    note = ""
    severity = pack_rule.severity
    if pack_rule.unverified:
        severity = min(severity, Severity.WARNING)
        note += " " + vocabulary.unverified_note.format(confidence=pack_rule.confidence)
    if pack_rule.campaign_finance and manifest.race == "federal":
        severity = min(severity, Severity.WARNING)
        note += " " + vocabulary.preemption_note
    return severity, note


def _value(dotted: str, manifest: Manifest) -> Any:
    """A manifest value by its dotted key (`sponsor.treasurer`), or None."""
    section, _, attribute = dotted.partition(".")
    return getattr(getattr(manifest, section, None), attribute, None) if attribute else None


def element_pattern(element: Element, manifest: Manifest, denials: tuple[str, ...] = ()) -> Phrases:
    """The element's phrases as one pattern, placeholders filled from the manifest; with `denials`, a plain
    phrase (no placeholder) said within six words after one of them in its clause does not count.

    A phrase whose manifest value is missing is dropped (a phone number falls back to any phone number,
    `{name}` is any person's name); if none is left, the element asks for something impossible to say
    and the finding tells which manifest value would let it be checked.
    """
    # (what comes before the last placeholder, the last placeholder's pattern and what follows it)
    alternatives: list[tuple[str, str]] = []
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
        tail = "".join(parts[-2:]) if len(parts) > 1 else ""
        alternatives.append(("".join(parts[:-2]) if tail else "".join(parts), tail))
        longest = max(longest, length)
    if not alternatives:
        return Phrases(whole_words([r"(?!)"]), 1)  # Nothing to look for: every path misses it.
    joined = shared_endings(alternatives)
    if denials and not any(_PLACEHOLDER.search(phrase) for phrase in element.phrases):
        # Checked only where a phrase starts (the lookahead first): a denial up to six words back in the clause.
        either = "|".join(joined)
        denied = "|".join(regex.escape(word) for word in sorted(denials, key=len, reverse=True))
        denial = rf"(?<!(?<!\w)(?:{denied})(?:{_SEPARATOR}\w+){{0,6}}{_SEPARATOR})"
        joined = [rf"(?=(?:{either})(?!\w)){denial}(?:{either})"]
    return Phrases(whole_words(joined), longest)


def _literal(text: str) -> str:
    joined = phrase_pattern(text)
    lead = r"\s*" if text[:1].isspace() else ""
    trail = r"\s*" if text[-1:].isspace() else ""
    return lead + joined + trail


def _placeholder(key: str, manifest: Manifest) -> tuple[str, int] | None:
    """A placeholder's pattern and length, or None when the manifest lacks the value."""
    if key == "origin.state_name":
        name = STATE_NAMES.get(manifest.origin.state or "")
        return (name_pattern(name), len(name)) if name else None
    section, _, attribute = key.partition(".")
    value = getattr(getattr(manifest, section, None), attribute, None) if attribute else None
    if isinstance(value, str) and value:
        if attribute == "phone":
            return phone_number(value) or ANY_PHONE, 30
        if key == "sponsor.address" and (street := _state_and_zip().sub("", value)) != value and "," in street:
            # "8912 Jefferson Highway, Baton Rouge" gives the address without its state and ZIP code.
            return f"(?:{NameForms(value).pattern()}|{name_pattern(street)})", len(value)
        aliases = manifest.sponsor.aliases if key == "sponsor.name" else ()
        return NameForms(value, aliases).pattern(), max(len(v) for v in (value, *aliases))
    if attribute == "phone":
        return ANY_PHONE, 30
    if key in _GENERIC:
        # A person's name: not the sponsor's or the calling firm's ("this is Magnolia Roofing" names no caller).
        others = [name for name in (manifest.sponsor.name, manifest.origin.operator) if name]
        exclude = "".join(rf"(?!{name_pattern(name)}(?!\w))" for name in others)
        return exclude + _GENERIC[key], 60
    return None


def _example(element: Element, manifest: Manifest) -> str:
    # The first phrase the manifest can fill ("{sponsor.authorized_by}" or "{sponsor.name}": the sponsor's name
    # when no candidate authorized the call), else the first, its gaps named.
    fillable = [
        phrase
        for phrase in element.phrases
        if all(key == "full_name" or _filled(key, manifest) for key in _PLACEHOLDER.findall(phrase))
    ]
    phrase = (fillable or element.phrases)[0]

    def fill(match: regex.Match[str]) -> str:
        key = match.group(1)
        state = STATE_NAMES.get(manifest.origin.state or "")
        value = state if key == "origin.state_name" else _value(key, manifest)
        if key == "full_name":
            return "<first and last name>"
        # A value the manifest lacks is named for what it is and where it would be given.
        return str(value) if value else f"<{_UNFILLED.get(key, key)} (manifest: {key})>"

    return _PLACEHOLDER.sub(fill, phrase)


@functools.cache
def _state_and_zip() -> regex.Pattern[str]:
    """A US address's state and ZIP code at its end (", LA 70809", ", Louisiana 70809-1234", ", LA", " 70809"),
    compiled on first use: fifty states' names cost about 5 ms, which only a pack asking for an address needs."""
    states = "|".join(sorted(STATE_NAMES.values()))
    zip_code = r"\d{5}(?:-\d{4})?"
    return regex.compile(rf"(?:,\s*(?:[A-Z]{{2}}|{states})\.?(?:\s+{zip_code})?|,?\s+{zip_code})\s*$")


def _filled(key: str, manifest: Manifest) -> bool:
    """Whether the manifest gives a placeholder's value."""
    return bool(STATE_NAMES.get(manifest.origin.state or "") if key == "origin.state_name" else _value(key, manifest))


# What a placeholder the manifest cannot fill stands for, in words.
_UNFILLED = {
    "sponsor.phone": "the sponsor's telephone number",
    "sponsor.name": "the sponsor's name",
    "sponsor.address": "the sponsor's street address",
    "sponsor.url": "the sponsor's web address",
    "origin.state_name": "the state calls are placed from",
    "origin.operator": "the calling firm's name",
    "origin.city": "the city calls are placed from",
    "sponsor.authorized_by": "the candidate who authorized the call",
    "sponsor.treasurer": "the treasurer's name",
    "sponsor.chief_executive": "the chief executive's name",
}
