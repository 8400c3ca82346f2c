"""How serious a finding is: the lowest value of the model, shared by findings and settings."""

from __future__ import annotations

import enum


class Severity(enum.IntEnum):
    """How serious a finding is; ordered so that `--fail-on` can compare."""

    INFO = 0
    WARNING = 1
    ERROR = 2

    @property
    def label(self) -> str:
        """The lower-case name used in every output format."""
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        """Read `error`, `warning` or `info` (any case); raise ValueError otherwise."""
        try:
            return cls[text.strip().upper()]
        except KeyError:
            raise ValueError(f"expected one of error, warning, info; got {text!r}") from None
