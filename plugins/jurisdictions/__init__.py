"""Jurisdiction rules (SW01-SW04), driven by the data packs in `packs/`; this module holds no legal wording."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from functools import cached_property, partial
from pathlib import Path
from typing import TYPE_CHECKING

from scriptlint.markers import hookimpl
from scriptlint.model import Rule, Severity

from .disclosures import scriptlint_disclosures

if TYPE_CHECKING:
    from scriptlint.model import Finding, RunContext, Script
    from scriptlint.packs.engine import Vocabulary

from .vocabulary import VOCABULARY_FILE, denials

__all__ = ["scriptlint_disclosures", "scriptlint_packs", "scriptlint_rules"]

PACK_DIRECTORY = Path(__file__).parent / "packs"


class EngineData:
    """The engine's vocabulary from this plugin's data file, read on first use (once per run), and the
    findings of the script being checked: SW01, SW02 and SW03 come from one run of the pack engine."""

    def __init__(self) -> None:
        # The last script checked (and its context) with its findings by code.
        self._last: tuple[Script, RunContext, dict[str, list[Finding]]] | None = None

    def findings(self, rule: Rule, script: Script, context: RunContext) -> dict[str, list[Finding]]:
        """The SW01-SW03 findings of this script, by code (computed once per script and context)."""
        last = self._last
        if last is not None and last[0] is script and last[1] is context:
            return last[2]
        by_code: dict[str, list[Finding]] = {}
        for finding in _pack_findings(self, rule, script, context):
            by_code.setdefault(finding.code, []).append(finding)
        self._last = (script, context, by_code)
        return by_code

    @cached_property
    def vocabulary(self) -> Vocabulary:
        """Solicitation phrases and the notes of downgraded findings."""
        from scriptlint.intake.kept_data import read_data_file
        from scriptlint.packs.engine import Vocabulary

        data = read_data_file(VOCABULARY_FILE)
        return Vocabulary(
            solicitation=tuple(phrase for group in data["solicitation"].values() for phrase in group),
            unverified_note=str(data["notes"]["unverified"]),
            preemption_note=str(data["notes"]["federal_preemption"]),
            denials=denials(data),
        )


def check_pack_rules(data: EngineData, code: str, rule: Rule, script: Script, context: RunContext) -> Iterator[Finding]:
    """SW01-SW03: the rules of the federal pack and of each target state's pack that apply to this call."""
    yield from data.findings(rule, script, context).get(code, [])


def _pack_findings(data: EngineData, rule: Rule, script: Script, context: RunContext) -> Iterator[Finding]:
    """Every SW01-SW03 finding of the packs that apply to this call."""
    # Imported here: listing the rules (and a run answered from the cache) needs no pack engine.
    from scriptlint.packs.engine import findings_for
    from scriptlint.packs.library import FEDERAL
    from scriptlint.packs.schema import select

    day = context.day
    rules = {sw.code: sw for sw in _sw_rules(rule)}
    targets: list[tuple[str, str | None]] = [(FEDERAL, None)]
    targets += [(state, state) for state in script.manifest.target_states]
    for jurisdiction, target_state in targets:
        pack = context.packs.get(jurisdiction)
        if pack is None:
            continue
        for pack_rule in select(pack.rules, day):
            if not context.undecided.decide(pack_rule.id, pack_rule.decide(script.manifest, day)):
                continue
            yield from findings_for(pack_rule, rules, script, context, target_state, data.vocabulary)


def _sw_rules(rule: Rule) -> list[Rule]:
    """The SW rule objects (findings are built from the registered rule of their own code)."""
    return [replace(template, plugin=rule.plugin) for template in (SW01, SW02, SW03)]


def check_packs_exist(rule: Rule, script: Script, context: RunContext) -> Iterator[Finding]:
    """SW04: every target state needs a pack, or its rules were not checked; say so, never pass silently."""
    states = script.manifest.target_states
    if not states:
        yield rule.finding(
            script,
            "the manifest names no target_states, so no state's rules were checked: list the states"
            " called (target_states: [CA, NV]) or pass --state",
            line=1,
        )
        return
    from scriptlint.packs.schema import select

    line = script.manifest_line("target_states")
    for state in states:
        pack = context.packs.get(state)
        if pack is None:
            yield rule.finding(
                script,
                f"no jurisdiction pack for {state}: {state}'s call rules were not checked"
                " (add a pack with 'packs = DIR' or a plugin, or --ignore SW04 to accept the gap)",
                line=line,
                jurisdiction=state,
            )
            continue
        in_force = list(select(pack.rules, context.day))
        if in_force and all(r.decide(script.manifest, context.day).verdict == "excluded" for r in in_force):
            # A pack whose every rule is for other calls checked nothing here: say so (information), so that
            # "no findings" is not read as "this state's law was checked" (a ballot committee's live call).
            which = (
                f"the only rule of {state}'s pack does not govern this call (it is for other calls"
                if len(in_force) == 1
                else f"none of the {len(in_force)} rules of {state}'s pack governs this call (each is for other calls"
            )
            yield rule.finding(
                script,
                f"{which}; 'scriptlint packs' lists them), so nothing of {state}'s law was checked: the pack holds"
                " only the rules written so far",
                line=line,
                severity=Severity.INFO,
                jurisdiction=state,
            )


_ENGINE = (
    " The rules are data: one YAML pack per jurisdiction (docs/packs.md), bundled in the jurisdictions plugin,"
    " added by plugins or by 'packs = DIR' in configuration. Which pack rules apply follows the manifest:"
    " target_states (the federal pack always), and each rule's scope (call_type, delivery and synthetic media,"
    " race, sponsor.kind, purpose, volume with its direction, caller.paid) and the rule versions in force on"
    " the --as-of date (default today); a rule the manifest leaves undecided is named in the file's SL07. Rules"
    " whose wording comes from a summary ([S]) or that no source text backs ([M]) are warnings that say so;"
    " state campaign-finance disclaimer rules are warnings for federal races (52 U.S.C. 30143). 'scriptlint"
    " packs' lists the packs; 'scriptlint explain RULE-ID' explains one pack rule (ids may be typed without"
    " parentheses)."
)
SW01 = Rule(
    "SW01",
    "state-wording-missing",
    "Wording required by a jurisdiction pack missing (on some or all paths).",
    Severity.ERROR,
    explanation="A pack rule requires the call to say something (for example New Hampshire's 'paid political"
    " advertisement') and some path never says it." + _ENGINE,
)
SW02 = Rule(
    "SW02",
    "state-wording-late",
    "Required wording present but too late (after the first N seconds, the first question, the solicitation).",
    Severity.ERROR,
    explanation="A pack rule requires something within a time (within the first 30 seconds, before the first"
    " question, before the solicitation) and on some path it comes later. Time is estimated from spoken words"
    " at words-per-minute (default 150)." + _ENGINE,
)
SW03 = Rule(
    "SW03",
    "restricted-practice",
    "A practice a jurisdiction restricts (e.g. a prerecorded message without a live operator asking consent).",
    Severity.ERROR,
    explanation="A pack rule restricts a practice for this kind of call, for example Indiana's and Minnesota's"
    " rule that an automated prerecorded message must be preceded by a live operator who obtains consent;"
    " the script does not do what would make it allowed." + _ENGINE,
)
SW04 = Rule(
    "SW04",
    "state-without-pack",
    "A target state has no jurisdiction pack, or no rule of its pack governs this call: its law was not checked.",
    Severity.WARNING,
    explanation=(
        "State rules are data: one YAML pack per jurisdiction. When a script's target_states include"
        " a state for which no pack is installed (bundled, from a plugin, or from a 'packs = DIR'"
        " directory in configuration), that state's requirements were not checked. scriptlint reports"
        " the gap as a warning instead of passing silently. When a state has a pack but none of its rules"
        " governs this call (each is for other calls: robocalls, a candidate's committee...), SW04 says so as"
        " information: nothing of that state's law was checked."
    ),
)


@hookimpl
def scriptlint_rules() -> list[Rule]:
    """The SW rules, sharing this run's engine data."""
    data = EngineData()
    return [
        replace(SW01, check=partial(check_pack_rules, data, "SW01"), reads=_PACK_READS),
        replace(SW02, check=partial(check_pack_rules, data, "SW02"), reads=_PACK_READS),
        replace(SW03, check=partial(check_pack_rules, data, "SW03"), reads=_PACK_READS),
        replace(SW04, check=check_packs_exist, reads=("target_states",)),
    ]


# Pack rules may read any part of the manifest (their scope, their placeholders).
_PACK_READS = (
    "call_type",
    "delivery",
    "race",
    "volume",
    "purpose",
    "synthetic_media",
    "sponsor",
    "caller",
    "origin",
    "target_states",
    "language",
)


@hookimpl
def scriptlint_packs() -> list[Path]:
    """The bundled packs directory."""
    return [PACK_DIRECTORY] if PACK_DIRECTORY.is_dir() else []
