"""Languages: the wording of every language the rules read (data/<code>.yml), and LG01.

The paid-for-by and call-origin rules take their phrases from here (`Catalogue`), so that a phrase and
its translation note live in one file per language. LG01 reports each path whose opening is in a
language scriptlint recognises but has no wording for: those paths are not checked by the wording rules
(a false "no disclaimer" in a language it cannot read helps nobody), and LG01 says so instead.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial

from scriptlint.markers import deferred_check, hookimpl
from scriptlint.model import Rule, Severity

# The wording itself is in .catalogue (Catalogue, shared, base_language), imported by whoever reads it: a run
# answered from the result cache imports none of it.
__all__ = ["scriptlint_rules"]

SUMMARY = "A path in a language scriptlint has no wording for: its wording was not checked."
EXPLANATION = (
    "scriptlint reads call scripts in English, Spanish, Chinese, Vietnamese, Korean, Tagalog, Haitian"
    " Creole, Russian, Arabic and French (their wording is data, one file per language). A path's"
    " language is told from the words of its opening (the first 60 spoken words): common words of each"
    " language, or its script. A path in another language it recognises (Japanese, Portuguese, German,"
    " Hindi...) is not checked by the wording rules, PF01-PF06 and CO02-CO04, since wording it cannot read"
    " would be reported missing; LG01 reports such a path once instead, as information. A disclaimer said"
    " in English inside such a path is still found.\n\n"
    "Fails: {% if language == 'ja' %}こんにちは、私は田中です。...{% endif %}\n"
    "Passes: a Spanish or Korean path.\n\n"
    "Fix: have the path's wording checked by someone who reads it, or add the language's wording"
    " (plugins/languages/data/<code>.yml) and its test cases."
)


@hookimpl
def scriptlint_rules() -> list[Rule]:
    """LG01, bound to this run's catalogue."""
    rule = Rule(
        "LG01", "language-not-checked", SUMMARY, Severity.INFO, explanation=EXPLANATION, ref="scriptlint coverage"
    )
    from .catalogue import shared

    return [replace(rule, check=partial(deferred_check(f"{__name__}.lg01", "check_language"), shared()))]
