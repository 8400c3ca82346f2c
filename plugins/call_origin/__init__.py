"""Call-origin rules (CO01-CO04): who is calling, from where, and no misleading claims.

No enacted law found requires a call to say it comes from a prison or from abroad; the one enacted
origin-disclosure rule found (La. R.S. 51:1903(B), for law-enforcement-branded solicitations) is the Louisiana
pack's. These rules are the campaign's own vetting policy, configurable, on by default for the 2019 case.
The scopes, the model citation and place data live in `wording.yml`; what callers say, in every language, in
scriptlint_plugins.languages; place names come from gazetteers (`places.py`).
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

    from .wording import OriginWording

__all__ = ["scriptlint_disclosures", "scriptlint_fix", "scriptlint_rules"]


def _check(name: str) -> Callable[..., Iterator[Finding]]:
    """The check `name` of checks.py, imported when a rule first runs: a run answered from the result cache
    (pre-commit's usual case) imports none of the analysis or the gazetteers."""

    def check(wording: OriginWording, rule: Rule, script: Script, context: RunContext) -> Iterator[Finding]:
        from . import checks

        found: Iterator[Finding] = getattr(checks, name)(wording, rule, script, context)
        return found

    check.__name__ = check.__qualname__ = name
    return check


_CHECKS = {
    "CO01": ("origin-undeclared", _check("check_origin_declared")),
    "CO02": ("origin-not-disclosed", _check("check_origin_disclosed")),
    "CO03": ("misleading-origin-claim", _check("check_misleading_claims")),
    "CO04": ("caller-not-identified", _check("check_caller_identified")),
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
    for code, (name, check) in _CHECKS.items():
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
        rules.append(replace(rule, check=partial(check, wording), reads=_READS[code]))
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
