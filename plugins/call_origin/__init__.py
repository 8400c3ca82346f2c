"""Call-origin rules (CO01-CO04): who is calling, from where, and no misleading claims.

No enacted law found requires a call to say it comes from a prison or from abroad; the one enacted
origin-disclosure rule found (La. R.S. 51:1903(B), for law-enforcement-branded solicitations) is the Louisiana
pack's. These rules are the campaign's own vetting policy, configurable, on by default for the 2019 case.
The scopes, the model citation and place data live in `wording.yml`; what callers say, in every language, in
scriptlint_plugins.languages; place names come from gazetteers (`places.py`).
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial

from scriptlint.markers import deferred_check, deferred_disclosures, deferred_fix, hookimpl
from scriptlint.model import Rule, Severity

from .texts import EXPLANATIONS, SUMMARIES

__all__ = ["scriptlint_disclosures", "scriptlint_fix", "scriptlint_rules"]


_CHECKS = {
    "CO01": ("origin-undeclared", "check_origin_declared"),
    "CO02": ("origin-not-disclosed", "check_origin_disclosed"),
    "CO03": ("misleading-origin-claim", "check_misleading_claims"),
    "CO04": ("caller-not-identified", "check_caller_identified"),
}


# What each CO check reads of the manifest.
_READS = {
    "CO01": ("origin",),
    "CO02": ("origin", "policy", "language"),
    "CO03": ("caller", "origin", "target_states", "language"),
    "CO04": ("delivery", "synthetic_media", "sponsor", "policy", "language"),
}


@hookimpl
def scriptlint_rules() -> list[Rule]:
    """The CO rules, each bound to this run's wording tables."""
    from .wording import OriginWording

    wording = OriginWording()
    rules = []
    for code, (name, check_name) in _CHECKS.items():
        ref = wording.citation if code == "CO02" else "campaign policy (no statute)"
        rule = Rule(
            code,
            name,
            SUMMARIES[code],
            Severity.ERROR,
            explanation=EXPLANATIONS[code],
            ref=ref,
            parts=wording.parts(code),
        )
        check = deferred_check(f"{__name__}.checks", check_name)  # imported when the rule first runs
        rules.append(replace(rule, check=partial(check, wording), reads=_READS[code]))
    return rules


# What `scriptlint paths` shows of these rules, and their safe fixes: imported when asked.
scriptlint_disclosures = deferred_disclosures(f"{__name__}.disclosures")
scriptlint_fix = deferred_fix(f"{__name__}.fixes")
