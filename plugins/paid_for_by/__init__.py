"""Paid-for-by rules (PF01-PF06): the disclaimers political calls must carry (52 U.S.C. 30120; 11 CFR 110.11;
47 CFR 64.1200(b) for prerecorded messages).

The plugin registers its rules here; the checks are in `checks.py`, the wording, thresholds and
citations in `wording.yml` (read by `wording.py`), the texts of `rules` and `explain` in `texts.py`.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial

from scriptlint.markers import deferred_check, deferred_disclosures, deferred_fix, hookimpl
from scriptlint.model import Rule, Severity

from .texts import EXPLANATIONS, SUMMARIES

__all__ = ["scriptlint_disclosures", "scriptlint_fix", "scriptlint_rules"]


_CHECKS = {
    "PF01": ("paid-for-by-missing", Severity.ERROR, "check_disclaimer", "disclaimer"),
    "PF02": ("sponsor-mismatch", Severity.ERROR, "check_sponsor_name", "disclaimer"),
    "PF03": ("authorization-statement", Severity.ERROR, "check_authorization", "authorized"),
    "PF04": ("contact-missing", Severity.ERROR, "check_contact", "contact"),
    "PF05": ("near-miss-wording", Severity.ERROR, "check_near_miss", "disclaimer"),
    "PF06": ("disclaimer-placement", Severity.ERROR, "check_placement", "identification"),
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
    for code, (name, severity, check_name, source) in _CHECKS.items():
        citation, url = wording.source(source)
        parts = tuple(wording.part(key, label) for label, key in _PARTS[code])
        rule = Rule(
            code, name, SUMMARIES[code], severity, explanation=EXPLANATIONS[code], ref=citation, url=url, parts=parts
        )
        check = deferred_check(f"{__name__}.checks", check_name)  # imported when the rule first runs
        rules.append(replace(rule, check=partial(check, wording), reads=_READS))
    return rules


# What `scriptlint paths` shows of these rules, and their safe fixes: imported when asked.
scriptlint_disclosures = deferred_disclosures(f"{__name__}.disclosures")
scriptlint_fix = deferred_fix(f"{__name__}.fixes")
