"""Paid-for-by rules (PF): the disclaimer political calls must carry (52 U.S.C. 30120; 11 CFR 110.11).

The wording and thresholds live in `wording/paid_for_by.yml` with their citations; this module
only asks the core's path queries about them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cached_property
from pathlib import Path
from typing import Any

from scriptlint import hookimpl
from scriptlint.loading import read_data_file
from scriptlint.model import Finding, Rule, Script, Severity
from scriptlint.queries import Phrases, missing_findings, phrases, search_paths
from scriptlint.settings import RunContext

WORDING_FILE = Path(__file__).parent / "wording" / "paid_for_by.yml"


class Wording:
    """The disclaimer data, read on first use (a run that selects no PF rule never reads it)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @cached_property
    def data(self) -> Mapping[str, Any]:
        """The whole data file."""
        return read_data_file(self.path)

    @cached_property
    def disclaimer(self) -> Phrases:
        """Any accepted disclaimer phrasing, in any language of the data file."""
        return phrases(phrase for group in self.data["disclaimer"]["phrases"].values() for phrase in group)

    @property
    def threshold(self) -> int:
        """More than this many similar calls make a telephone bank (a public communication)."""
        return int(self.data["scope"]["telephone_bank_more_than"])


def applies(script: Script, wording: Wording) -> bool:
    """Political calls, unless the manifest says the volume is too small to be a telephone bank."""
    manifest = script.manifest
    if manifest.call_type != "political":
        return False
    return manifest.volume is None or manifest.volume > wording.threshold


def check_disclaimer_present(wording: Wording, rule: Rule, script: Script, context: RunContext) -> Iterator[Finding]:
    """PF01: every path of a political call must say who paid for it."""
    if not applies(script, wording):
        return
    search = search_paths(script, wording.disclaimer)
    sponsor = script.manifest.sponsor.name
    example = f"'Paid for by {sponsor.rstrip('.')}.'" if sponsor else "'Paid for by <the sponsor's name>.'"
    if search.found:
        message = f"this path of the call never says who paid for it: add the disclaimer, e.g. {example}"
    else:
        message = f"the call never says who paid for it: political calls need a paid-for-by disclaimer, e.g. {example}"
    yield from missing_findings(rule, script, search, message)


def _explanation() -> str:
    return (
        "Political telephone banks (more than 500 substantially similar calls in 30 days, 52 U.S.C."
        " 30101(24)) are public communications, and a public communication must clearly state who paid"
        " for it (52 U.S.C. 30120(a); 11 CFR 110.11(b)). scriptlint follows every path of the"
        " template (each if/elif/else branch, includes and macros) and reports each path on which no"
        " paid-for-by statement is spoken, anchored where that path ends and naming the path's"
        " conditions. It applies to scripts whose manifest says call_type: political, unless the"
        " manifest's volume is 500 or fewer. Accepted phrasings are in the plugin's data file"
        " wording/paid_for_by.yml (English, and Spanish translations flagged as not statutory text)."
    )


PF01 = Rule(
    code="PF01",
    name="paid-for-by-missing",
    summary="Paid-for-by disclaimer missing (on all paths, or on the paths named).",
    severity=Severity.ERROR,
    explanation=_explanation(),
)


@hookimpl
def scriptlint_rules() -> list[Rule]:
    """The PF rules, each bound to this run's wording data."""
    from dataclasses import replace
    from functools import partial

    wording = Wording(WORDING_FILE)
    # The citation is data, kept next to the wording it supports.
    source = wording.data["disclaimer"]
    return [replace(PF01, check=partial(check_disclaimer_present, wording), ref=source["citation"], url=source["url"])]
