"""The public Python API: `lint_paths` and `lint_text` return findings as values; the CLI adapts them.

The implementation lives in `scriptlint.run.session`; this module is the stable place to import from.
"""

from __future__ import annotations

from scriptlint.run.session import (
    EXIT_CLEAN,
    EXIT_ERROR,
    EXIT_FINDINGS,
    LintResult,
    Session,
    lint_paths,
    lint_text,
    open_session,
)

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
