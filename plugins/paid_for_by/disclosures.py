"""What `scriptlint paths` shows of the paid-for-by rules: where each path says the disclaimer and its parts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scriptlint.analysis.names import NameForms
from scriptlint.analysis.queries import names
from scriptlint.markers import hookimpl
from scriptlint.model.disclosures import Disclosure

from .wording import Wording

if TYPE_CHECKING:
    from scriptlint.model import RunContext, Script


@hookimpl
def scriptlint_disclosures(script: Script, context: RunContext) -> list[Disclosure]:
    """The disclaimer and the authorization statements where the federal disclaimer rules may govern the call (in
    scope, or undecided for want of a manifest key), and the sponsor's name where a PF rule may look for it."""
    wording = Wording()

    def possible(key: str) -> bool:
        return wording.scope(key).applies(script.manifest, context.day).verdict != "excluded"

    shown = []
    disclaimer = possible("disclaimer")
    if disclaimer:
        shown += [
            Disclosure("paid-for-by disclaimer", wording.disclaimer.in_script(script).compiled.pattern),
            Disclosure("authorized-by statement", wording.claimed_authorization(script).pattern),
            Disclosure(
                "not-authorized statement", wording.statement("not_authorized").in_script(script).compiled.pattern
            ),
        ]
    sponsor = script.manifest.sponsor
    # The sponsor by its own names only, as PF06 looks for it: a candidate naming herself does not name her
    # committee, the entity responsible for a recorded call.
    named = [NameForms(sponsor.name, sponsor.aliases)] if sponsor.name else []
    if named and (disclaimer or possible("identification")):
        shown.append(Disclosure("sponsor named", names(named).pattern))
    return shown
