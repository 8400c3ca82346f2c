"""What `scriptlint paths` shows of the call-origin rules: the caller's introduction and where the call comes from."""

from __future__ import annotations

from scriptlint.analysis.queries import phrases
from scriptlint.markers import hookimpl
from scriptlint.model import RunContext, Script
from scriptlint.model.disclosures import Disclosure

from .wording import OriginWording


@hookimpl
def scriptlint_disclosures(script: Script, context: RunContext) -> list[Disclosure]:
    """The caller's introduction, and the kind of place and the place the calls come from (if declared)."""
    wording = OriginWording()
    shown = [Disclosure("caller introduction", wording.introduction.pattern)]
    origin = script.manifest.origin
    if origin.facility is not None:
        kind = wording.facility_words(origin.facility)
        if kind:
            shown.append(Disclosure(f"origin: {origin.facility.replace('_', ' ')}", phrases(kind).pattern))
    where = wording.where(script.manifest)
    if where:
        shown.append(Disclosure("origin: where the calls come from", phrases(where).pattern))
    return shown
