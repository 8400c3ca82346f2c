"""The declared-purpose data (purposes.yml) with the languages' phrases, as DP01 uses them."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scriptlint.intake.kept_data import read_data_file
from scriptlint.model import RulePart
from scriptlint.model.records import record
from scriptlint.model.scope import Scope

from ..languages.catalogue import shared

if TYPE_CHECKING:
    from scriptlint.analysis.phrasing import PhraseBook
    from scriptlint.model import Script

    from ..languages.catalogue import Catalogue

DATA_FILE = Path(__file__).parent / "purposes.yml"


@record(frozen=True)
class Check:
    """One part of DP01: the purposes it covers, the phrases that contradict them, and what the call then is."""

    label: str
    scope: Scope
    section: str
    becomes: str
    unchecked: str
    not_candidates: frozenset[str]


class Purposes:
    """The data file and the languages' phrases, read on first use."""

    def __init__(self, path: Path = DATA_FILE, catalogue: Catalogue | None = None) -> None:
        self.path = path
        self._catalogue = catalogue

    @cached_property
    def catalogue(self) -> Catalogue:
        """Every language's phrases (scriptlint_plugins.languages)."""
        return self._catalogue or shared()

    @cached_property
    def data(self) -> Mapping[str, Any]:
        """The declared-purpose data file."""
        return read_data_file(self.path)

    @property
    def citation(self) -> str:
        """What DP01 rests on: the manifest's consistency, no statute."""
        return str(self.data["citation"])

    @cached_property
    def checks(self) -> tuple[Check, ...]:
        """DP01's parts, in the data's order."""
        parts = []
        for part in self.data["scopes"]["DP01"]:
            try:
                scope = Scope.parse(part.get("applies"))
            except ValueError as exc:
                raise ValueError(f"{self.path}: scopes.DP01: {exc}") from None
            not_candidates = frozenset(str(word).lower() for word in part.get("not_candidates") or ())
            parts.append(
                Check(
                    str(part["label"]),
                    scope,
                    str(part["section"]),
                    str(part["is"]),
                    " ".join(str(part["unchecked"]).split()),
                    not_candidates,
                )
            )
        return tuple(parts)

    def parts(self) -> tuple[RulePart, ...]:
        """What `explain` shows of DP01: each part's scope in words."""
        return tuple(RulePart(check.label, self.citation, check.scope.describe()) for check in self.checks)

    def said(self, script: Script, section: str) -> PhraseBook:
        """The phrases of a section that this script may say (a smaller pattern to compile)."""
        return self.catalogue.book(section).for_script(script.paths.may_say)
