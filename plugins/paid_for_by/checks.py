"""The checks of the paid-for-by rules (PF01-PF06), asked of the core's path queries.

The citations and thresholds live in `wording.yml` (read by `wording.py`), the phrases of every
language in scriptlint_plugins.languages; names are compared by scriptlint.analysis.names. A path in a
language scriptlint recognises but has no wording for is left to LG01.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from scriptlint.analysis.names import NameForms, related
from scriptlint.analysis.queries import find_all, missing_findings, names, search_paths

from .near_misses import near_misses
from .wording import contact_patterns, phone_pattern

if TYPE_CHECKING:
    from scriptlint.model import Finding, MissingPath, Occurrence, Rule, RunContext, Script

    from .wording import Statement, Wording

# Characters of what follows "paid for by" that are kept to read the name.
NAME_CHARS = 80
PLACEHOLDER = "\ue000"


def in_scope(wording: Wording, key: str, rule: Rule, script: Script, context: RunContext) -> bool:
    """Whether the law of the data table `key` governs this call (its `applies` in wording.yml); a call the
    manifest leaves undecided (no race, say) is recorded for the core's one SL07 finding, not guessed."""
    decision = wording.scope(key).applies(script.manifest, context.day)
    return context.undecided.decide(rule.code, decision)


def _sponsor(script: Script) -> str:
    name = script.manifest.sponsor.name
    return name.rstrip(".") if name else "<the sponsor's name>"


def _forms(script: Script) -> list[NameForms]:
    sponsor = script.manifest.sponsor
    return [NameForms(sponsor.name, sponsor.aliases)] if sponsor.name else []


def _in_path_language(wording: Wording, script: Script, statement: Statement, text: str, **names: str):  # type: ignore[no-untyped-def]
    """A message for each path that lacks a statement, with wording in the path's language (None for a
    path in a language scriptlint cannot check: LG01 reports it)."""
    catalogue = wording.catalogue

    def message(path: MissingPath) -> str | None:
        if catalogue.unchecked(path.language):
            return None
        language = catalogue.language_of(path.language, script.manifest.language)
        return text.format(example=statement.example(language, **names))

    return message


def check_disclaimer(wording: Wording, rule: Rule, script: Script, context: RunContext) -> Iterator[Finding]:
    """PF01: every path says who paid. A path that says a near miss instead is PF05's, not PF01's."""
    if not in_scope(wording, "disclaimer", rule, script, context):
        return
    profile = wording.catalogue.profile
    disclaimer = wording.disclaimer.in_script(script).compiled
    exact = search_paths(script, disclaimer, profile=profile)
    if exact.on_every_path:
        return
    # The near-miss pattern also matches the real wording, so its missing paths say neither.
    near = near_misses(wording.catalogue, script, disclaimer, _forms(script), wording.max_edits)
    neither = search_paths(script, near.phrases, timeout=wording.fuzzy_timeout, profile=profile)
    if exact.found or neither.found:
        text = "this path of the call never says who paid for it; say '{example}'"
    else:
        text = (
            "the call never says who paid for it, which federal election law requires of a call like this one"
            " (which calls: scriptlint explain PF01); say '{example}'"
        )
    statement, names = _complete_disclaimer(wording, script, context)
    message = _in_path_language(wording, script, statement, text, **names)
    yield from missing_findings(rule, script, neither, message)


def _complete_disclaimer(wording: Wording, script: Script, context: RunContext) -> tuple[Statement, dict[str, str]]:
    """The whole disclaimer this call must say, to suggest where none is said: with 'not authorized by any
    candidate' (52 U.S.C. 30120(a)(3)) or 'authorized by' (30120(a)(2)) when the law asks for them too, so
    that the suggestion (and its fix) satisfies PF03 at once."""
    sponsor = script.manifest.sponsor
    names = {"name": _sponsor(script)}
    if not wording.scope("not_authorized").applies(script.manifest, context.day).applies:
        return wording.disclaimer, names
    if sponsor.authorized_by is None:
        return wording.statement("not_authorized"), names
    if sponsor.candidate_committee is False:
        return wording.statement("authorized"), {**names, "authorized_by": sponsor.authorized_by}
    return wording.disclaimer, names


def check_near_miss(wording: Wording, rule: Rule, script: Script, context: RunContext) -> Iterator[Finding]:
    """PF05: wording close to the disclaimer ("payed for by", "sponsored by") on a path that lacks the real one."""
    if not in_scope(wording, "disclaimer", rule, script, context):
        return
    disclaimer = wording.disclaimer.in_script(script).compiled
    exact = search_paths(script, disclaimer)
    if exact.on_every_path:
        return
    near = near_misses(wording.catalogue, script, disclaimer, _forms(script), wording.max_edits)
    found = search_paths(script, near.phrases, timeout=wording.fuzzy_timeout)
    misses = [o for o in found.occurrences if o.location is not None and not near.is_exact(o.text)]
    if not misses:
        return
    lacking = {path.condition for path in exact.missing} - {path.condition for path in found.missing}
    # With a single path lacking the real wording, each near miss is on it; otherwise each is reported
    # where it is said (its own line tells the path).
    condition = next(iter(lacking)) if exact.found and len(lacking) == 1 else None
    for miss in misses:
        # Suggest the wording in the language the near miss was said in.
        language = wording.catalogue.language_of(near.language_of(miss.text), script.manifest.language)
        example = wording.disclaimer.example(language, name=_sponsor(script))
        line, column = miss.in_linted_file()
        yield rule.finding(
            script,
            f"'{miss.text.strip()}' is not the disclaimer wording: say '{example}'",
            line=line,
            column=column,
            path_condition=condition,
        )


def _named(
    wording: Wording, script: Script, statement: Statement, occurrence: Occurrence, expected: NameForms | None = None
) -> tuple[str, bool]:
    """The name a statement gives (inside it, as in 由…支付, or after it; the `expected` name is read whole
    even when it holds "and" or a dot), and whether it came before the statement's own words (then only its
    end is the name)."""
    reading = statement.in_script(script).read(occurrence.text)
    slot = (reading.slots.get("org") if reading else None) or ""
    if slot:
        leading = reading is not None and reading.text.strip().startswith(slot.strip())
        return slot.strip(" ,.:"), leading
    return wording.spoken_name(occurrence.after, expected), False


def check_sponsor_name(wording: Wording, rule: Rule, script: Script, context: RunContext) -> Iterator[Finding]:
    """PF02: the name every disclaimer gives is the manifest's sponsor (or its initials, a short form or an
    alias), and not an undefined variable."""
    expected = script.manifest.sponsor.name
    if not in_scope(wording, "disclaimer", rule, script, context) or not expected:
        return
    forms = NameForms(expected, script.manifest.sponsor.aliases)
    for occurrence in find_all(script, wording.disclaimer.in_script(script).compiled, after=NAME_CHARS):
        line, column = occurrence.in_linted_file()
        spoken, leading = _named(wording, script, wording.disclaimer, occurrence, forms)
        if PLACEHOLDER in spoken:
            variables = ", ".join(occurrence.slots) or "a placeholder"
            yield rule.finding(
                script,
                f"the disclaimer's name comes from {variables}, which the manifest does not define, so it"
                f" cannot be checked against the sponsor '{expected}': give it in the manifest's vars",
                line=line,
                column=column,
            )
        elif spoken and not (forms.said_as(spoken) or (leading and forms.ends(spoken))):
            # A sponsor known by its initials may be said in full, and a call paid for jointly names every
            # payer: only the manifest can say so.
            hint = " (if that is its full name, list it in sponsor.aliases)" if forms.initials_only else ""
            if not hint and wording.joint(spoken, forms):
                hint = " (if they paid for the call together, list the joint name in sponsor.aliases)"
            yield rule.finding(
                script,
                f"the disclaimer names '{spoken}', but the manifest's sponsor is '{expected}'{hint}",
                line=line,
                column=column,
            )


def _authorizer(expected: str, named: str) -> bool:
    """Whether a name is the authorizing candidate's: the candidate, or the candidate's own committee."""
    return NameForms(expected).said_as(named) or NameForms(expected).ends(named) or related(named, expected)


def check_authorization(wording: Wording, rule: Rule, script: Script, context: RunContext) -> Iterator[Finding]:
    """PF03: the authorization statement 11 CFR 110.11(b) requires, and none that contradicts the manifest."""
    if not in_scope(wording, "not_authorized", rule, script, context):
        return
    sponsor = script.manifest.sponsor
    not_authorized = wording.statement("not_authorized")
    authorized = wording.statement("authorized")
    profile = wording.catalogue.profile
    denial = search_paths(script, not_authorized.in_script(script).compiled, profile=profile)
    claimed_authorization = wording.claimed_authorization(script)
    claims = find_all(script, claimed_authorization, after=NAME_CHARS)
    if sponsor.authorized_by is None:
        text = (
            "no candidate authorized this call (sponsor.authorized_by is empty), so it must say it is not"
            " authorized by any candidate or candidate's committee: '{example}'"
        )
        message = _in_path_language(wording, script, not_authorized, text, name=_sponsor(script))
        yield from missing_findings(rule, script, denial, message, ref=not_authorized.citation)
        for occurrence in claims:
            line, column = occurrence.in_linted_file()
            named, _ = _named(wording, script, authorized, occurrence)
            yield rule.finding(
                script,
                f"the call says it is '{occurrence.text.strip()}{' ' + named if named else ''}', but the"
                " manifest says no candidate authorized it",
                line=line,
                column=column,
                ref=authorized.citation,
            )
        return
    if denial.found and denial.latest is not None and denial.latest.location is not None:
        line, column = denial.latest.location.in_linted_file()
        yield rule.finding(
            script,
            f"the call says it is not authorized by any candidate, but the manifest says {sponsor.authorized_by}"
            " authorized it",
            line=line,
            column=column,
            ref=not_authorized.citation,
        )
    if sponsor.candidate_committee is False:
        for occurrence in claims:
            named, _ = _named(wording, script, authorized, occurrence, NameForms(sponsor.authorized_by))
            if named and PLACEHOLDER not in named and not _authorizer(sponsor.authorized_by, named):
                line, column = occurrence.in_linted_file()
                yield rule.finding(
                    script,
                    f"the call says it is authorized by '{named}', but the manifest says"
                    f" {sponsor.authorized_by} authorized it",
                    line=line,
                    column=column,
                    ref=authorized.citation,
                )
        text = (
            f"{sponsor.name or 'the sponsor'} paid for this call but {sponsor.authorized_by} authorized it, so"
            " it must also say who authorized it: '{example}'"
        )
        message = _in_path_language(
            wording, script, authorized, text, name=_sponsor(script), authorized_by=sponsor.authorized_by
        )
        claimed = search_paths(script, claimed_authorization, after=NAME_CHARS, profile=profile)
        yield from missing_findings(rule, script, claimed, message, ref=authorized.citation)


def check_contact(wording: Wording, rule: Rule, script: Script, context: RunContext) -> Iterator[Finding]:
    """PF04: unauthorized sponsors give an address, phone or URL (FECA); political prerecorded and artificial-voice
    messages give a callback number (FCC), whatever the race or the volume."""
    sponsor = script.manifest.sponsor
    if in_scope(wording, "contact", rule, script, context):
        citation, url = wording.source("contact")
        given = [v for v in (sponsor.address, sponsor.phone, sponsor.url) if v]
        if len(given) > 1:
            wanted = "one of " + "; ".join(f"'{value}'" for value in given)
        else:
            wanted = f"'{given[0]}'" if given else "its street address, telephone number or web address"
        yield from missing_findings(
            rule,
            script,
            search_paths(script, contact_patterns(sponsor.address, sponsor.phone, sponsor.url)),
            f"a call no candidate authorized must give the sponsor's contact details: say {wanted}",
            ref=citation,
            url=url,
        )
    if in_scope(wording, "callback", rule, script, context):
        citation, url = wording.source("callback")
        number = sponsor.phone or "a callback telephone number"
        yield from missing_findings(
            rule,
            script,
            search_paths(script, phone_pattern(sponsor.phone)),
            f"a prerecorded message must state a telephone number to call back during or after the message:"
            f" say {number}",
            ref=citation,
            url=url,
        )


def check_placement(wording: Wording, rule: Rule, script: Script, context: RunContext) -> Iterator[Finding]:
    """PF06: political prerecorded messages identify who is responsible at the beginning (FCC, any race or volume);
    live calls give the disclaimer in the opening too if policy says so."""
    prerecorded = in_scope(wording, "identification", rule, script, context)
    if not prerecorded and not (
        context.settings.disclaimer_position == "opening" and in_scope(wording, "disclaimer", rule, script, context)
    ):
        return
    opening = context.settings.disclaimer_opening_words
    sponsor = script.manifest.sponsor.name
    # The sponsor by any of its names: full, short, initials ("the RNC") or aliases.
    wanted = names(_forms(script)) if sponsor else wording.disclaimer.in_script(script).compiled
    early = search_paths(script, wanted, within=opening)
    if early.on_every_path:
        return
    anywhere = search_paths(script, wanted)
    never = {path.condition for path in anywhere.missing}
    who = sponsor or "the sponsor"
    if prerecorded:
        citation, url = wording.source("identification")
        why = "a prerecorded message must identify who is responsible for it at the beginning"
        # 47 CFR 64.1200(b)(1) is a law of its own: a federal robocall that never names its sponsor breaks it
        # as well as 52 U.S.C. 30120 (PF01, which a disclaimer at the end satisfies), so both are reported.
        yield from missing_findings(rule, script, anywhere, f"{who} is never named; {why}", ref=citation, url=url)
    else:
        citation, url, why = (
            wording.disclaimer.citation,
            wording.disclaimer.url,
            "policy: disclaimer-position = opening",
        )
    if not anywhere.found:
        return  # Never said at all: reported above (prerecorded), or by PF01 (live).
    late = ""
    if anywhere.latest is not None:
        last = anywhere.latest.words_before + 1
        first = anywhere.earliest.words_before + 1 if anywhere.earliest is not None else last
        # Paths that name the sponsor at different words (a live answer and a voicemail): the latest one's.
        late = f" (first named at word {last})" if first == last else f" (first named as late as word {last})"
    for finding in missing_findings(
        rule,
        script,
        early,
        f"{who} is not named within the first {opening} spoken words{late}; {why}",
        ref=citation,
        url=url,
    ):
        if finding.path_condition not in never:
            yield finding
