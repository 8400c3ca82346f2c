"""Statements the rules look for, named, so that a reviewer can see where each path says them (`scriptlint paths`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scriptlint.model.records import record

if TYPE_CHECKING:
    import regex


@record(frozen=True)
class Disclosure:
    """One statement a rule asks for, as plugins name it ("paid-for-by disclaimer", "NH-RSA-664:14-a: the
    name of the treasurer") with the pattern that recognises it in spoken text."""

    name: str
    pattern: regex.Pattern[str]
