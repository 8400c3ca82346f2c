"""What `scriptlint paths` shows of the jurisdiction packs: each required element of the rules that apply."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scriptlint.markers import hookimpl
from scriptlint.model.disclosures import Disclosure

if TYPE_CHECKING:
    from scriptlint.model import RunContext, Script


@hookimpl
def scriptlint_disclosures(script: Script, context: RunContext) -> list[Disclosure]:
    """The elements required by the federal pack and the target states' packs, for the rules that apply."""
    from scriptlint.intake.kept_data import read_data_file
    from scriptlint.packs.engine import element_pattern
    from scriptlint.packs.library import FEDERAL
    from scriptlint.packs.schema import select

    from .vocabulary import VOCABULARY_FILE, denials

    # As the checks read them: a phrase said after a denial ("not ... a donation") does not count.
    denied = denials(read_data_file(VOCABULARY_FILE))
    day = context.day
    shown: list[Disclosure] = []
    for jurisdiction in (FEDERAL, *script.manifest.target_states):
        pack = context.packs.get(jurisdiction)
        if pack is None:
            continue
        for pack_rule in select(pack.rules, day):
            if pack_rule.decide(script.manifest, day).applies:
                for element in pack_rule.requires:
                    if element.if_given and not _given(element.if_given, script):
                        continue
                    pattern = element_pattern(element, script.manifest, denied).pattern
                    shown.append(Disclosure(f"{pack_rule.id}: {element.name}", pattern))
    return shown


def _given(dotted: str, script: Script) -> bool:
    """Whether the manifest gives a value for a dotted key (`sponsor.treasurer`)."""
    section, _, attribute = dotted.partition(".")
    return bool(getattr(getattr(script.manifest, section, None), attribute, None))
