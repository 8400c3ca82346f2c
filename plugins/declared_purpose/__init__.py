"""Declared-purpose rules (DP01): the script does what its manifest's purpose says it does not, so rules whose
scope the purpose decides were judged by a wrong label.

The purposes each check covers and what a call that contradicts them is live in `purposes.yml`; what callers
say when they ask for money or urge a vote, in the languages' data (scriptlint_plugins.languages).
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial

from scriptlint.markers import deferred_check, hookimpl
from scriptlint.model import Rule, Severity

__all__ = ["scriptlint_rules"]

_SUMMARY = "The script asks for money or urges a vote though its manifest's purpose says it does not."
_EXPLANATION = (
    "Which laws govern a call depends on what it is for: the manifest's purpose (or its call type's default:"
    " survey, information, solicitation, sales). A call declared a thank_you, information, survey, gotv or"
    " issue_advocacy call that asks for money ('Would you chip in $25 tonight?') is a solicitation, and one"
    " declared gotv, issue_advocacy or information that urges a vote for or against a candidate ('vote for Pat"
    " Lee') is persuasion; the rules for those calls judged it by its label and were not checked. DP01 reports"
    " the first place each is said, on any path, once per file, and names the purpose to declare; only for"
    " sponsors whose calls the label takes out of a law (not a political committee's, which federal election"
    " law governs whatever its purpose). English and"
    " Spanish wording is recognised; a call in another language is not checked for it. A survey's questions"
    " that name candidates ('Will you vote for Pat Lee?') are not urging, and a ballot measure ('vote for"
    " Measure 5') is no candidate."
    "\n\nFails: purpose thank_you and 'Could you make a gift of $50 tonight?'.\nPasses: purpose thank_you and"
    " 'Thank you for your gift last spring.'\n\nFix: declare the purpose the call has (solicitation,"
    " persuasion), or take the ask out of the script."
)


@hookimpl
def scriptlint_rules() -> list[Rule]:
    """DP01, bound to this run's data."""
    from .purposes import Purposes

    purposes = Purposes()
    rule = Rule(
        "DP01",
        "purpose-contradicted",
        _SUMMARY,
        Severity.WARNING,
        explanation=_EXPLANATION,
        ref=purposes.citation,
        parts=purposes.parts(),
    )
    check = deferred_check(f"{__name__}.checks", "check_declared_purpose")  # imported when the rule first runs
    return [replace(rule, check=partial(check, purposes), reads=("call_type", "purpose", "language"))]
