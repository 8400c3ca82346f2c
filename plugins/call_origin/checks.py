"""The checks of the call-origin rules (CO01, CO02, CO04), asked of the core's path queries; CO03 is in
`claims.py`. Wording of every language comes from scriptlint_plugins.languages; a path in a language
scriptlint recognises but has no wording for is left to LG01."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import regex

from scriptlint.analysis.names import NameForms, is_person, surname
from scriptlint.analysis.queries import approximate_note, missing_findings, search_paths

from .claims import FACILITY_WORDS, check_misleading_claims

if TYPE_CHECKING:
    from scriptlint.model import Finding, MissingPath, Rule, RunContext, Script

    from .wording import OriginWording

__all__ = [
    "check_caller_identified",
    "check_misleading_claims",
    "check_origin_declared",
    "check_origin_disclosed",
]


def check_origin_declared(wording: OriginWording, rule: Rule, script: Script, context: RunContext) -> Iterator[Finding]:
    """CO01: the manifest (with configuration defaults) says what kind of place calls, and where."""
    if not wording.applies("CO01", 0, script.manifest, context):
        return
    origin = script.manifest.origin
    missing = []
    if origin.facility is None:
        kinds = "correctional, offshore, call_center, campaign_office, remote or volunteer_home"
        missing.append(f"origin.facility ({kinds})")
    if origin.state is None and origin.country is None:
        missing.append("origin.state (or origin.country for calls placed from abroad)")
    elif origin.facility == "offshore" and origin.country is None:
        missing.append("origin.country (the facility is offshore)")
    if not missing:
        return
    yield rule.finding(
        script,
        "the manifest does not say who places these calls and from where: set " + " and ".join(missing),
        line=script.manifest_line("origin", "facility" if origin.facility is None else "state"),
    )


def _policy(script: Script, context: RunContext) -> tuple[tuple[str, ...], str, int]:
    """The call-origin policy for this script: its manifest's `policy` section over the configuration."""
    own, settings = script.manifest.policy, context.settings
    disclose = own.origin_disclosure if own.origin_disclosure is not None else settings.origin_disclosure
    position = own.origin_disclosure_position or settings.origin_disclosure_position
    opening = own.opening_words or settings.opening_words
    return disclose, position, opening


def _language(wording: OriginWording, script: Script, path: MissingPath) -> str | None:
    """The language to suggest wording in for a path, or None for a path LG01 reports."""
    catalogue = wording.catalogue
    if catalogue.unchecked(path.language):
        return None
    return catalogue.language_of(path.language, script.manifest.language)


def check_origin_disclosed(
    wording: OriginWording, rule: Rule, script: Script, context: RunContext
) -> Iterator[Finding]:
    """CO02: where policy asks, every path says the kind of place and where it is, in plain words."""
    if not wording.applies("CO02", 0, script.manifest, context):
        return
    manifest = script.manifest
    origin = manifest.origin
    disclose, position, opening = _policy(script, context)
    if origin.facility is None or origin.facility not in disclose:
        return
    where = wording.where(manifest)
    kind = wording.facility_words(origin.facility)
    if origin.facility == "offshore":
        # Naming the country (or one of its cities) says it is outside the United States.
        kind = [*kind, *(("", name) for name in where)]
    within = opening if position == "opening" else None
    what = {
        "kind": f"that it comes from {FACILITY_WORDS[origin.facility]} (origin.facility: {origin.facility})",
        "where": f"where it is placed from ({wording.display(manifest) or 'the state or country'})",
    }
    profile = wording.catalogue.profile
    # One finding per path, naming everything that path lacks, at the later of the places found.
    found: dict[tuple[str | None, str | None], tuple[tuple[int, int], list[str], list[str]]] = {}
    caveat = ""  # an approximate answer's, said on every finding it may have shaped
    for part, entries in (("kind", kind), ("where", [("", name) for name in where])):
        if not entries:
            continue
        wanted = wording.names_book(entries).for_script(script.paths.may_say).compiled
        anywhere = search_paths(script, wanted)
        never = {path.condition for path in anywhere.missing}
        lacking = search_paths(script, wanted, within=within, profile=profile)
        if lacking.missing:
            caveat = caveat or approximate_note(lacking) or approximate_note(anywhere)
        for path in lacking.missing:
            language = _language(wording, script, path)
            if language is None:
                continue
            key = (path.condition, language)
            here = path.end.in_linted_file() if path.end is not None else (script.last_line, 1)
            at, absent, late = found.get(key, ((0, 0), [], []))
            # Late on this path if the path says it after all (it is not among those that never do).
            is_late = within is not None and anywhere.found and path.condition not in never
            (late if is_late else absent).append(what[part])
            found[key] = (max(at, here), absent, late)
    for (condition, language), ((line, column), absent, late) in found.items():
        yield rule.finding(
            script,
            _disclosure_message(wording, script, absent, late, opening, within, language) + caveat,
            line=line,
            column=column,
            path_condition=condition,
            ref=wording.citation,
            url=wording.url,
        )


def _disclosure_message(
    wording: OriginWording,
    script: Script,
    absent: list[str],
    late: list[str],
    opening: int,
    within: int | None,
    language: str | None,
) -> str:
    """What a path lacks, in plain words: never said, or said only after the opening; and a model."""
    manifest = script.manifest
    origin = manifest.origin
    parts = []
    if absent:
        where = f"within the first {opening} spoken words" if within else "on this path"
        parts.append(f"never says {where} {' or '.join(absent)}")
    if late:
        parts.append(f"says {' and '.join(late)} only after the first {opening} spoken words")
    place = wording.display(manifest, language)
    if origin.facility == "offshore":
        model = wording.catalogue.example("origin_abroad", language, place=place or "<the country>")
    else:
        model = wording.catalogue.example(
            "origin", language, facility=origin.facility, place=place or "<the state or country>"
        )
    return f"the call {', and '.join(parts)}; say so in plain words, e.g. '{model}' (campaign policy, not a statute)"


def behalf_names(script: Script) -> list[NameForms]:
    """Who the call may say it is made for: the sponsor, the authorizing candidate or committee, and the
    candidate's surname ("calling on behalf of Obama")."""
    sponsor = script.manifest.sponsor
    forms = [NameForms(sponsor.name, sponsor.aliases)] if sponsor.name else []
    forms += [NameForms(short) for short in _short_forms(sponsor.name or "")]
    if sponsor.authorized_by:
        forms.append(NameForms(sponsor.authorized_by))
        family = surname(sponsor.authorized_by) if is_person(sponsor.authorized_by) else None
        if family and len(family) > 2:
            forms.append(NameForms(family))
    return forms


# How callers shorten a committee's name (campaign policy, not the disclaimer's full name): "Citizens for a
# Stronger Iowa" for "... PAC". A union local by its number alone is left out: "Teamsters Local 812" would
# pass for "Steelworkers Local 812".
_KIND_SUFFIX = regex.compile(
    r"(?i)\s+(?:super\s+)?(?:pac|political\s+action\s+committee|action\s+committee|committee|action\s+fund|fund)\.?$"
)


def _short_forms(name: str) -> list[str]:
    """The short forms of a sponsor's name a caller may say for it: without its kind of committee when three
    words or more remain."""
    trimmed = _KIND_SUFFIX.sub("", name.strip())
    return [trimmed] if trimmed != name.strip() and len(trimmed.split()) >= 3 else []


def check_caller_identified(
    wording: OriginWording, rule: Rule, script: Script, context: RunContext
) -> Iterator[Finding]:
    """CO04: every path's opening gives the caller's name and on whose behalf the call is made."""
    _, _, opening = _policy(script, context)
    profile = wording.catalogue.profile
    catalogue = wording.catalogue

    def message(key: str, text: str, **values: str):  # type: ignore[no-untyped-def]
        def say(path: MissingPath) -> str | None:
            language = _language(wording, script, path)
            if language is None:
                return None
            return text.format(example=catalogue.example(key, language, **values))

        return say

    if wording.applies("CO04", 0, script.manifest, context):
        # A recorded message has no caller of its own to name; it still says on whose behalf it calls.
        yield from missing_findings(
            rule,
            script,
            search_paths(script, wording.introduction(script), within=opening, profile=profile),
            message(
                "introduction",
                f"the caller does not give their name within the first {opening} spoken words; e.g. '{{example}}'",
            ),
        )
    sponsor = script.manifest.sponsor
    behalf = [name for name in (sponsor.name, sponsor.authorized_by) if name]
    if behalf and wording.applies("CO04", 1, script.manifest, context):
        text = (
            f"the caller does not say on whose behalf they call within the first {opening} spoken words;"
            f" name {' or '.join(behalf)}, e.g. '{{example}}'"
        )
        yield from missing_findings(
            rule,
            script,
            search_paths(script, wording.behalf(script, behalf_names(script)), within=opening, profile=profile),
            message("behalf", text, name=sponsor.name or behalf[0]),
        )
