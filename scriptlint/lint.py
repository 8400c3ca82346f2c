"""The public Python API: `lint_paths` and `lint_text` return findings as values; the CLI adapts them.

The implementation lives in `scriptlint.run.session` (and its result in `scriptlint.run.batch`); this module
is the stable place to import from.
"""

from __future__ import annotations

from scriptlint.run.batch import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, LintResult
from scriptlint.run.session import Session, lint_paths, lint_text, open_session

__all__ = [
    "EXIT_CLEAN",
    "EXIT_ERROR",
    "EXIT_FINDINGS",
    "LintResult",
    "Session",
    "lint_paths",
    "lint_text",
    "open_session",
]
