"""Jurisdiction rules (SW), driven by the data packs in `packs/`; this module holds no legal wording."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from scriptlint import hookimpl
from scriptlint.model import Finding, Rule, Script, Severity
from scriptlint.settings import RunContext

PACK_DIRECTORY = Path(__file__).parent / "packs"


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
    line = script.manifest_line("target_states")
    for state in states:
        if context.packs.get(state) is None:
            yield rule.finding(
                script,
                f"no jurisdiction pack for {state}: {state}'s call rules were not checked"
                " (add a pack with 'packs = DIR' or a plugin, or --ignore SW04 to accept the gap)",
                line=line,
                jurisdiction=state,
            )


SW04 = Rule(
    code="SW04",
    name="state-without-pack",
    summary="A target state has no jurisdiction pack: its rules were not checked.",
    severity=Severity.WARNING,
    explanation=(
        "State rules are data: one YAML pack per jurisdiction. When a script's target_states include"
        " a state for which no pack is installed (bundled, from a plugin, or from a 'packs = DIR'"
        " directory in configuration), that state's requirements were not checked. scriptlint reports"
        " the gap as a warning instead of passing silently."
    ),
)


@hookimpl
def scriptlint_rules() -> list[Rule]:
    """The SW rules."""
    from dataclasses import replace

    return [replace(SW04, check=check_packs_exist)]


@hookimpl
def scriptlint_packs() -> list[Path]:
    """The bundled packs directory (empty until packs ship; see docs/packs.md)."""
    return [PACK_DIRECTORY] if PACK_DIRECTORY.is_dir() else []
