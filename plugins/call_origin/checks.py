"""The checks of the call-origin rules (CO01-CO04), asked of the core's path queries."""

from __future__ import annotations

from collections.abc import Iterator

from scriptlint.analysis.queries import missing_findings, names, phrases, search_paths
from scriptlint.model import Finding, Rule, RunContext, Script

from .wording import AFTER_CHARS, OriginWording

FACILITY_WORDS = {
    "correctional": "a correctional facility",
    "offshore": "outside the United States",
    "call_center": "a call center",
    "remote": "a caller's home",
    "campaign_office": "the campaign office",
    "volunteer_home": "a volunteer's home",
}


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


def check_origin_disclosed(
    wording: OriginWording, rule: Rule, script: Script, context: RunContext
) -> Iterator[Finding]:
    """CO02: where policy asks, every path says the kind of place and where it is, in plain words."""
    if not wording.applies("CO02", 0, script.manifest, context):
        return
    origin = script.manifest.origin
    disclose, position, opening = _policy(script, context)
    if origin.facility is None or origin.facility not in disclose:
        return
    where = wording.where(script.manifest)
    kind = wording.facility_words(origin.facility)
    if origin.facility == "offshore":
        kind = [*kind, *where]  # Naming the country says it is outside the United States.
    within = opening if position == "opening" else None
    span = f"within the first {opening} spoken words" if within else "on every path"
    place = where[0] if where else "the state or country"
    if origin.facility == "offshore":
        model = f"I'm calling from {origin.city + ', in ' if origin.city else ''}{place}"
    else:
        model = f"I'm calling from {FACILITY_WORDS[origin.facility]} in {place}"
    policy = "campaign policy, not a statute"
    what = {
        "kind": f"that it comes from {FACILITY_WORDS[origin.facility]} (origin.facility: {origin.facility})",
        "where": f"where it is placed from ({where[0] if where else '?'})",
    }
    # One finding per path, naming everything that path lacks, at the later of the places found.
    found: dict[str | None, tuple[tuple[int, int], list[str], bool]] = {}
    for part, words in (("kind", kind), ("where", where)):
        if not words:
            continue
        wanted = phrases(words)
        anywhere = search_paths(script, wanted)
        never = {path.condition for path in anywhere.missing}
        for finding in missing_findings(rule, script, search_paths(script, wanted, within=within), ""):
            at, parts, was_late = found.get(finding.path_condition, ((0, 0), [], False))
            here = (finding.line, finding.column)
            # Late on this path if the path says it after all (it is not among those that never do).
            late = within is not None and anywhere.found and finding.path_condition not in never
            found[finding.path_condition] = (max(at, here), [*parts, what[part]], was_late or late)
    for condition, ((line, column), missing, late) in found.items():
        said = f"only after the first {opening} spoken words" if late else span
        verb = "says" if late else "never says"
        yield rule.finding(
            script,
            f"the call {verb}, {said}, {' nor '.join(missing)}; say so in plain words, e.g. '{model}' ({policy})",
            line=line,
            column=column,
            path_condition=condition,
            ref=wording.citation,
            url=wording.url,
        )


def check_misleading_claims(
    wording: OriginWording, rule: Rule, script: Script, context: RunContext
) -> Iterator[Finding]:
    """CO03: no path claims a volunteer, a local caller or the campaign office when the manifest says otherwise."""
    manifest = script.manifest
    if not wording.applies("CO03", 0, manifest, context):
        return
    origin = manifest.origin

    if manifest.caller.paid:
        for occurrence in search_paths(script, wording.claim("volunteer")).occurrences:
            line, column = occurrence.in_linted_file()
            yield rule.finding(
                script,
                f"the caller says '{occurrence.text}', but the manifest says callers are paid (caller.paid: true)",
                line=line,
                column=column,
            )
    far_away = origin.country is not None or (
        origin.state is not None and manifest.target_states and origin.state not in manifest.target_states
    )
    if far_away:
        for occurrence in search_paths(script, wording.claim("local")).occurrences:
            line, column = occurrence.in_linted_file()
            source = ", ".join(wording.where(manifest)[:1]) or origin.country or origin.state
            yield rule.finding(
                script,
                f"the caller claims to be local ('{occurrence.text}'), but the calls are placed from {source}",
                line=line,
                column=column,
            )
    if origin.facility is not None and origin.facility != "campaign_office":
        for occurrence in search_paths(script, wording.claim("campaign_office")).occurrences:
            line, column = occurrence.in_linted_file()
            yield rule.finding(
                script,
                f"the caller says '{occurrence.text}', but the calls are placed from"
                f" {FACILITY_WORDS[origin.facility]} (origin.facility: {origin.facility})",
                line=line,
                column=column,
            )
    yield from _place_claims(wording, rule, script)


def _place_claims(wording: OriginWording, rule: Rule, script: Script) -> Iterator[Finding]:
    """ "calling from Ohio" when the calls come from Oklahoma."""
    origin = script.manifest.origin
    if origin.state is None and origin.country is None:
        return
    true_places = {name.lower() for name in wording.where(script.manifest)}
    if origin.city:
        true_places.add(origin.city.lower())
    search = search_paths(script, wording.claim("calling_from"), after=AFTER_CHARS)
    for occurrence in search.occurrences:
        claimed = wording.place_at_start(occurrence.after)
        if claimed is None or claimed in true_places:
            continue
        line, column = occurrence.in_linted_file()
        actual = ", ".join(filter(None, (origin.city, *wording.where(script.manifest)[:1])))
        yield rule.finding(
            script,
            f"the caller says '{occurrence.text} {claimed.title()}', but the calls are placed from {actual}",
            line=line,
            column=column,
        )


def check_caller_identified(
    wording: OriginWording, rule: Rule, script: Script, context: RunContext
) -> Iterator[Finding]:
    """CO04: every path's opening gives the caller's name and on whose behalf the call is made."""
    _, _, opening = _policy(script, context)
    if wording.applies("CO04", 0, script.manifest, context):
        # A recorded message has no caller of its own to name; it still says on whose behalf it calls.
        yield from missing_findings(
            rule,
            script,
            search_paths(script, wording.introduction, within=opening),
            f"the caller does not give their name within the first {opening} spoken words; e.g. 'Hi, my name is"
            " [your name]'",
        )
    sponsor = script.manifest.sponsor
    behalf = [name for name in (sponsor.name, sponsor.authorized_by) if name]
    if behalf and wording.applies("CO04", 1, script.manifest, context):
        yield from missing_findings(
            rule,
            script,
            search_paths(script, names(behalf), within=opening),
            f"the caller does not say on whose behalf they call within the first {opening} spoken words;"
            f" name {' or '.join(behalf)}",
        )
