"""scriptlint: a call-script disclosure linter with plugins.

The package root holds only the version and the pluggy markers (from `scriptlint.markers`), so that `import scriptlint`
stays cheap; the public API (`lint_paths`, `lint_text`, `open_session`) is imported on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from scriptlint.markers import PROJECT_NAME, __version__, hookimpl, hookspec
from scriptlint.model.lazy import attribute

if TYPE_CHECKING:
    from scriptlint.lint import LintResult, lint_paths, lint_text, open_session
    from scriptlint.model import Finding, Rule, Severity

__all__ = [
    "PROJECT_NAME",
    "Finding",
    "LintResult",
    "Rule",
    "Severity",
    "__version__",
    "hookimpl",
    "hookspec",
    "lint_paths",
    "lint_text",
    "open_session",
]

_LAZY = {
    "lint_paths": "scriptlint.lint",
    "lint_text": "scriptlint.lint",
    "open_session": "scriptlint.lint",
    "LintResult": "scriptlint.lint",
    "Finding": "scriptlint.model",
    "Rule": "scriptlint.model",
    "Severity": "scriptlint.model",
}


def __getattr__(name: str) -> Any:
    """Import the public API lazily so that plugins importing the markers pay nothing more."""
    return attribute(globals(), _LAZY, name)
