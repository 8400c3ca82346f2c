"""The checks of the paid-for-by rules (PF01-PF06), asked of the core's path queries.

The wording, thresholds and citations live in `wording.yml` (read by `wording.py`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from scriptlint.analysis.queries import missing_findings, names, search_paths
from scriptlint.model import Finding, Rule, RunContext, Script

from .wording import Wording, contact_patterns, phone_pattern

if TYPE_CHECKING:
    from scriptlint.model import PathSearch

# Characters of what follows "paid for by" that are kept to read the name.
NAME_CHARS = 80


def in_scope(wording: Wording, key: str, rule: Rule, script: Script, context: RunContext) -> bool:
    """Whether the law of the data table `key` governs this call (its `applies` in wording.yml); a call the
    manifest leaves undecided (no race, say) is recorded for the core's one SL07 finding, not guessed."""
    decision = wording.scope(key).applies(script.manifest, context.day)
    return context.undecided.decide(rule.code, decision)


def _sponsor(script: Script) -> str:
    name = script.manifest.sponsor.name
    return name.rstrip(".") if name else "<the sponsor's name>"


def check_disclaimer(wording: Wording, rule: Rule, script: Script, context: RunContext) -> Iterator[Finding]:
    """PF01: every path says who paid. A path that says a near miss instead is PF05's, not PF01's."""
    if not in_scope(wording, "disclaimer", rule, script, context):
        return
    exact = search_paths(script, wording.disclaimer.phrases)
    if exact.on_every_path:
        return
    # The near-miss pattern also matches the real wording, so its missing paths say neither.
    neither = _near_misses(wording, script)
    if exact.found or neither.found:
        message = "this path of the call never says who paid for it"
    else:
        message = "the call never says who paid for it: political calls need a paid-for-by disclaimer"
    example = wording.disclaimer.example(script.manifest.language, name=_sponsor(script))
    yield from missing_findings(rule, script, neither, f"{message}; say '{example}'")


def check_near_miss(wording: Wording, rule: Rule, script: Script, context: RunContext) -> Iterator[Finding]:
    """PF05: wording close to the disclaimer ("payed for by", "paid by") on a path that lacks the real one."""
    if not in_scope(wording, "disclaimer", rule, script, context):
        return
    exact = search_paths(script, wording.disclaimer.phrases)
    if exact.on_every_path:
        return
    near = _near_misses(wording, script)
    exact_wording = wording.disclaimer.phrases.pattern
    misses = [o for o in near.occurrences if o.location is not None and not exact_wording.fullmatch(o.text.strip())]
    if not misses:
        return
    lacking = {path.condition for path in exact.missing} - {path.condition for path in near.missing}
    # With a single path lacking the real wording, each near miss is on it; otherwise each is reported
    # where it is said (its own line tells the path).
    condition = next(iter(lacking)) if exact.found and len(lacking) == 1 else None
    for miss in misses:
        # Suggest the wording in the language the near miss was said in.
        language = "es" if miss.text.strip().lower().startswith("pag") else script.manifest.language
        example = wording.disclaimer.example(language, name=_sponsor(script))
        line, column = miss.in_linted_file()
        yield rule.finding(
            script,
            f"'{miss.text.strip()}' is not the disclaimer wording: say '{example}'",
            line=line,
            column=column,
            path_condition=condition,
        )


def _near_misses(wording: Wording, script: Script) -> PathSearch:
    return search_paths(script, wording.near_misses, timeout=wording.fuzzy_timeout)


def check_sponsor_name(wording: Wording, rule: Rule, script: Script, context: RunContext) -> Iterator[Finding]:
    """PF02: the name after "paid for by" is the manifest's sponsor, and not an undefined variable."""
    expected = script.manifest.sponsor.name
    if not in_scope(wording, "disclaimer", rule, script, context) or not expected:
        return
    search = search_paths(script, wording.disclaimer.phrases, after=NAME_CHARS)
    for occurrence in search.occurrences:
        line, column = occurrence.in_linted_file()
        spoken = wording.spoken_name(occurrence.after)
        if "\ue000" in spoken:
            variables = ", ".join(occurrence.slots) or "a placeholder"
            yield rule.finding(
                script,
                f"the disclaimer's name comes from {variables}, which the manifest does not define, so it"
                f" cannot be checked against the sponsor '{expected}': give it in the manifest's vars",
                line=line,
                column=column,
            )
        elif spoken and not wording.same_name(spoken, expected):
            yield rule.finding(
                script,
                f"the disclaimer names '{spoken}', but the manifest's sponsor is '{expected}'",
                line=line,
                column=column,
            )


def check_authorization(wording: Wording, rule: Rule, script: Script, context: RunContext) -> Iterator[Finding]:
    """PF03: the authorization statement 11 CFR 110.11(b) requires, and none that contradicts the manifest."""
    if not in_scope(wording, "not_authorized", rule, script, context):
        return
    sponsor = script.manifest.sponsor
    not_authorized = wording.statement("not_authorized")
    authorized = wording.statement("authorized")
    language = script.manifest.language
    denial = search_paths(script, not_authorized.phrases)
    if sponsor.authorized_by is None:
        example = not_authorized.example(language, name=_sponsor(script))
        yield from missing_findings(
            rule,
            script,
            denial,
            f"no candidate authorized this call (sponsor.authorized_by is empty), so it must say it is not"
            f" authorized by any candidate or candidate's committee: '{example}'",
            ref=not_authorized.citation,
        )
        claim = search_paths(script, wording.claimed_authorization, after=NAME_CHARS)
        for occurrence in claim.occurrences:
            line, column = occurrence.in_linted_file()
            yield rule.finding(
                script,
                f"the call says it is '{occurrence.text} {wording.spoken_name(occurrence.after)}', but the"
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
        claim = search_paths(script, wording.claimed_authorization, after=NAME_CHARS)
        for occurrence in claim.occurrences:
            named = wording.spoken_name(occurrence.after)
            if named and "\ue000" not in named and not wording.same_name(named, sponsor.authorized_by):
                line, column = occurrence.in_linted_file()
                yield rule.finding(
                    script,
                    f"the call says it is authorized by '{named}', but the manifest says"
                    f" {sponsor.authorized_by} authorized it",
                    line=line,
                    column=column,
                    ref=authorized.citation,
                )
        example = authorized.example(language, name=_sponsor(script), authorized_by=sponsor.authorized_by)
        yield from missing_findings(
            rule,
            script,
            claim,
            f"{sponsor.name or 'the sponsor'} paid for this call but {sponsor.authorized_by} authorized it, so"
            f" it must also say who authorized it: '{example}'",
            ref=authorized.citation,
        )


def check_contact(wording: Wording, rule: Rule, script: Script, context: RunContext) -> Iterator[Finding]:
    """PF04: unauthorized sponsors give an address, phone or URL (FECA); political prerecorded and artificial-voice
    messages give a callback number (FCC), whatever the race or the volume."""
    sponsor = script.manifest.sponsor
    if in_scope(wording, "contact", rule, script, context):
        citation, url = wording.source("contact")
        given = [v for v in (sponsor.address, sponsor.phone, sponsor.url) if v]
        wanted = f"one of {', '.join(given)}" if given else "its street address, telephone number or web address"
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
    wanted = names([sponsor]) if sponsor else wording.disclaimer.phrases
    early = search_paths(script, wanted, within=opening)
    if early.on_every_path:
        return
    anywhere = search_paths(script, wanted)
    never = {path.condition for path in anywhere.missing}
    who = sponsor or "the sponsor"
    if prerecorded:
        citation, url = wording.source("identification")
        why = f"a prerecorded message must identify who is responsible for it at the beginning ({citation})"
        disclaimer_rule = wording.scope("disclaimer").applies(script.manifest, context.day).applies
        if not disclaimer_rule:
            # No paid-for-by rule governs this call, so a path that never names the sponsor is reported here.
            yield from missing_findings(rule, script, anywhere, f"{who} is never named; {why}", ref=citation, url=url)
    else:
        citation, url, why = (
            wording.disclaimer.citation,
            wording.disclaimer.url,
            "policy: disclaimer-position = opening",
        )
    if not anywhere.found:
        return  # Never said at all: reported above, or by PF01.
    late = f" (first named at word {anywhere.latest.words_before + 1})" if anywhere.latest else ""
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
