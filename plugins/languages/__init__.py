"""Languages: the wording of every language the rules read (data/<code>.yml), and LG01.

The paid-for-by and call-origin rules take their phrases from here (`Catalogue`), so that a phrase and
its translation note live in one file per language. LG01 reports each path whose opening is in a
language scriptlint recognises but has no wording for: those paths are not checked by the wording rules
(a false "no disclaimer" in a language it cannot read helps nobody), and LG01 says so instead.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from functools import partial

import regex

from scriptlint.analysis.queries import Phrases, search_paths
from scriptlint.markers import hookimpl
from scriptlint.model import Finding, Rule, RunContext, Script, Severity

from .catalogue import Catalogue, base_language, shared

__all__ = ["Catalogue", "base_language", "shared", "unchecked_paths"]

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
_NEVER = Phrases(regex.compile(r"(?!)"), 1)


def unchecked_paths(catalogue: Catalogue, script: Script) -> list[tuple[str | None, str, tuple[int, int]]]:
    """Each path in a recognised language without wording: its condition, the language, where it is."""
    search = search_paths(script, _NEVER, within=catalogue.profile.within, profile=catalogue.profile)
    found = []
    for path in search.missing:
        name = catalogue.unchecked(path.language)
        if name is not None:
            where = path.end.in_linted_file() if path.end is not None else (script.last_line, 1)
            found.append((path.condition, name, where))
    return found


def check_language(catalogue: Catalogue, rule: Rule, script: Script, context: RunContext) -> Iterator[Finding]:
    """LG01: one finding for each path in a language scriptlint recognises but cannot check."""
    for condition, name, (line, column) in unchecked_paths(catalogue, script):
        yield rule.finding(
            script,
            f"not checked in {name}: this path is in {name}, which scriptlint's wording does not cover, so its"
            " disclaimer, caller identification, origin disclosure and claims (PF01-PF06, CO02-CO04) were not"
            " checked; have them checked by someone who reads it",
            line=line,
            column=column,
            path_condition=condition,
        )


@hookimpl
def scriptlint_rules() -> list[Rule]:
    """LG01, bound to this run's catalogue."""
    rule = Rule(
        "LG01", "language-not-checked", SUMMARY, Severity.INFO, explanation=EXPLANATION, ref="scriptlint coverage"
    )
    return [replace(rule, check=partial(check_language, shared()))]
