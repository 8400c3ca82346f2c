"""Call-origin rules (CO): who places the calls and from where.

No enacted U.S. law requires callers to disclose where they call from (see the legal brief,
section 3); these rules are the campaign's own vetting policy, on by default for the 2019 case.
"""

from __future__ import annotations

from collections.abc import Iterator

from scriptlint import hookimpl
from scriptlint.model import Finding, Rule, Script, Severity
from scriptlint.settings import RunContext


def check_origin_declared(rule: Rule, script: Script, context: RunContext) -> Iterator[Finding]:
    """CO01: the manifest (with configuration defaults) must say what kind of place calls, and where."""
    origin = script.manifest.origin
    missing = []
    if origin.facility is None:
        kinds = "correctional, offshore, call_center, campaign_office, remote or volunteer_home"
        missing.append(f"origin.facility ({kinds})")
    if origin.state is None and origin.country is None:
        missing.append("origin.state (or origin.country for calls placed from abroad)")
    if not missing:
        return
    yield rule.finding(
        script,
        "the manifest does not say who places these calls and from where: set " + " and ".join(missing),
        line=script.manifest_line("origin", "facility" if origin.facility is None else "state"),
    )


CO01 = Rule(
    code="CO01",
    name="origin-undeclared",
    summary="Call origin undeclared: the manifest does not say who places the calls and from where.",
    severity=Severity.ERROR,
    explanation=(
        "In December 2019 a presidential campaign learned from a reporter that its phone vendor had"
        " subcontracted its calls to a call center inside an Oklahoma prison; the campaign had never"
        " seen the script nor known where the calls came from. A campaign vetting a vendor's script"
        " must first be able to answer: what kind of place places these calls (origin.facility:"
        " correctional, offshore, call_center, campaign_office, remote, volunteer_home) and where"
        " (origin.state, or origin.country for calls from abroad). Set them in the script's manifest,"
        " or campaign-wide in configuration (origin.facility = call_center). This is policy, not a"
        " statute: no enacted U.S. rule requires the disclosure."
    ),
    ref="campaign policy (no statute)",
)


@hookimpl
def scriptlint_rules() -> list[Rule]:
    """The CO rules."""
    from dataclasses import replace

    return [replace(CO01, check=check_origin_declared)]
