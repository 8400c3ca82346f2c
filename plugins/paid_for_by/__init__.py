"""Paid-for-by rules (PF01-PF06): the disclaimers political calls must carry (52 U.S.C. 30120; 11 CFR 110.11;
47 CFR 64.1200(b) for prerecorded messages).

The plugin registers its rules here; the checks are in `checks.py`, the wording, thresholds and
citations in `wording.yml` (read by `wording.py`), the texts of `rules` and `explain` in `texts.py`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING

from scriptlint.markers import hookimpl
from scriptlint.model import Rule, Severity

from .texts import EXPLANATIONS, SUMMARIES

if TYPE_CHECKING:
    from scriptlint.model import Finding, RunContext, Script
    from scriptlint.model.disclosures import Disclosure
    from scriptlint.model.fixes import Fix

    from .wording import Wording

__all__ = ["scriptlint_disclosures", "scriptlint_fix", "scriptlint_rules"]


def _check(name: str) -> Callable[..., Iterator[Finding]]:
    """The check `name` of checks.py, imported when a rule first runs: a run answered from the result cache
    (pre-commit's usual case) imports none of the analysis."""

    def check(wording: Wording, rule: Rule, script: Script, context: RunContext) -> Iterator[Finding]:
        from . import checks

        found: Iterator[Finding] = getattr(checks, name)(wording, rule, script, context)
        return found

    check.__name__ = check.__qualname__ = name
    return check


_CHECKS = {
    "PF01": ("paid-for-by-missing", Severity.ERROR, _check("check_disclaimer"), "disclaimer"),
    "PF02": ("sponsor-mismatch", Severity.ERROR, _check("check_sponsor_name"), "disclaimer"),
    "PF03": ("authorization-statement", Severity.ERROR, _check("check_authorization"), "authorized"),
    "PF04": ("contact-missing", Severity.ERROR, _check("check_contact"), "contact"),
    "PF05": ("near-miss-wording", Severity.ERROR, _check("check_near_miss"), "disclaimer"),
    "PF06": ("disclaimer-placement", Severity.ERROR, _check("check_placement"), "identification"),
}
# The laws each rule checks (data tables of wording.yml), in the words `explain` shows with their scope.
_PARTS = {
    "PF01": (("the paid-for-by disclaimer", "disclaimer"),),
    "PF02": (("the sponsor named in the disclaimer", "disclaimer"),),
    "PF03": (
        ("'authorized by' when someone else paid", "authorized"),
        ("'not authorized by any candidate' when no candidate authorized the call", "not_authorized"),
    ),
    "PF04": (
        ("contact details of a sponsor no candidate authorized", "contact"),
        ("a callback telephone number in prerecorded and artificial-voice messages", "callback"),
    ),
    "PF05": (("the disclaimer's exact wording", "disclaimer"),),
    "PF06": (
        ("who is responsible, at the beginning of prerecorded and artificial-voice messages", "identification"),
        ("the disclaimer in the opening of live calls, when policy asks (disclaimer-position = opening)", "disclaimer"),
    ),
}


# What every PF check reads of the manifest (scope, sponsor, suggested wording).
_READS = ("call_type", "delivery", "race", "volume", "purpose", "synthetic_media", "sponsor", "language")


@hookimpl
def scriptlint_rules() -> list[Rule]:
    """The PF rules, each bound to this run's wording data (citations and scopes come from the data file)."""
    from .wording import Wording

    wording = Wording()
    rules = []
    for code, (name, severity, check, source) in _CHECKS.items():
        citation, url = wording.source(source)
        parts = tuple(wording.part(key, label) for label, key in _PARTS[code])
        rule = Rule(
            code, name, SUMMARIES[code], severity, explanation=EXPLANATIONS[code], ref=citation, url=url, parts=parts
        )
        rules.append(replace(rule, check=partial(check, wording), reads=_READS))
    return rules


@hookimpl
def scriptlint_disclosures(script: Script, context: RunContext) -> list[Disclosure]:
    """What `scriptlint paths` shows of these rules (disclosures.py, imported when asked)."""
    from . import disclosures

    return disclosures.scriptlint_disclosures(script, context)


@hookimpl
def scriptlint_fix(finding: Finding, script: Script, context: RunContext) -> Fix | None:
    """The safe fixes of these rules (fixes.py, imported when asked)."""
    from . import fixes

    return fixes.scriptlint_fix(finding, script, context)
