"""What `scriptlint paths` shows of the call-origin rules: the caller's introduction and where the call comes from."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scriptlint.analysis.phrasing import book
from scriptlint.markers import hookimpl
from scriptlint.model.disclosures import Disclosure

from .wording import OriginWording

if TYPE_CHECKING:
    from scriptlint.model import RunContext, Script


@hookimpl
def scriptlint_disclosures(script: Script, context: RunContext) -> list[Disclosure]:
    """The caller's introduction, and the kind of place and the place the calls come from (if declared)."""
    wording = OriginWording()
    shown = [Disclosure("caller introduction", wording.introduction(script).pattern)]
    origin = script.manifest.origin
    if origin.facility is not None:
        kind = wording.facility_words(origin.facility)
        if kind:
            words = book(kind, wording.catalogue.writings).for_script(script.paths.may_say).compiled
            shown.append(Disclosure(f"origin: {origin.facility.replace('_', ' ')}", words.pattern))
    if origin.facility is not None and (origin.state or origin.country):
        where = wording.where_phrases(script)
        shown.append(Disclosure("origin: where the calls come from", where.pattern))
    return shown
