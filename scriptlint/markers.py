"""What the package root and every plugin share: the version, the hook markers, and hooks that import their
implementation on first use (imports nothing of ours at run time)."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

    from scriptlint.model import Finding, RunContext, Script
    from scriptlint.model.disclosures import Disclosure
    from scriptlint.model.fixes import Fix

__version__ = "0.2.10"

PROJECT_NAME = "scriptlint"

hookspec = pluggy.HookspecMarker(PROJECT_NAME)
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)


def deferred_check(module: str, name: str) -> Callable[..., Iterable[Finding]]:
    """A rule's check, `name` of `module`, imported when the rule first runs: a run answered from the result
    cache (pre-commit's usual case) then imports none of what the check needs."""

    def check(*arguments: Any) -> Iterable[Finding]:
        found: Iterable[Finding] = getattr(importlib.import_module(module), name)(*arguments)
        return found

    check.__name__ = check.__qualname__ = name
    return check


def deferred_disclosures(module: str) -> Callable[[Script, RunContext], Sequence[Disclosure]]:
    """The `scriptlint_disclosures` hook of `module`, imported when `scriptlint paths` first asks."""

    @hookimpl
    def scriptlint_disclosures(script: Script, context: RunContext) -> Sequence[Disclosure]:
        disclosures: Sequence[Disclosure] = importlib.import_module(module).scriptlint_disclosures(script, context)
        return disclosures

    return scriptlint_disclosures


def deferred_fix(module: str) -> Callable[[Finding, Script, RunContext], Fix | None]:
    """The `scriptlint_fix` hook of `module`, imported when `--fix` or `--diff` first asks."""

    @hookimpl
    def scriptlint_fix(finding: Finding, script: Script, context: RunContext) -> Fix | None:
        fix: Fix | None = importlib.import_module(module).scriptlint_fix(finding, script, context)
        return fix

    return scriptlint_fix
