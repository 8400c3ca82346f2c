"""The plugin contract: every hook a scriptlint plugin may implement.

A plugin is a module (or object) with functions decorated by `scriptlint.hookimpl`, registered
through an entry point in the group ``scriptlint``::

    [options.entry_points]
    scriptlint =
        acme_rules = acme_scriptlint.rules

The bundled plugins (the core codes, the formatters and the paid-for-by, call-origin and
jurisdiction rules) are registered through exactly the same entry points. These functions are
documentation only: pluggy reads their names, arguments and markers.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from scriptlint.markers import hookspec

if TYPE_CHECKING:
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    from scriptlint.model import Document, Finding, Formatter, Rule, RunContext, Script
    from scriptlint.model.disclosures import Disclosure
    from scriptlint.model.fixes import Fix


@hookspec
def scriptlint_rules() -> Sequence[Rule]:
    """Return the rules this plugin provides.

    Called once per run, by every plugin (not firstresult). Each `Rule` carries its code, name,
    texts, default severity, citation and a `check(rule, script, context)` function that
    returns findings as values (it gets its own rule, so one function can serve several
    rules). Codes must be unique across all plugins: a duplicate stops the run (exit 2)
    naming both plugins. Third-party plugins use their own two-letter prefix.
    """


@hookspec
def scriptlint_packs() -> Sequence[Path]:
    """Return jurisdiction pack files (``*.yml``) or directories holding them.

    Called at most once per run, and only when a rule asks for packs. Not firstresult: the
    packs of all plugins are merged; a later pack for the same jurisdiction (third-party
    plugins load after the bundled ones, and ``packs = DIR`` in configuration last)
    replaces an earlier one, so organisations can override packs without forking.
    """


@hookspec
def scriptlint_formatters() -> Sequence[Formatter]:
    """Return output formats for ``--format``.

    Called once per run by every plugin. Keep the module cheap to import: do the heavy
    imports inside the formatter's render function, which only runs for the chosen format.
    """


@hookspec(firstresult=True)
def scriptlint_load_document(path: Path, data: bytes, deadline: float | None, max_chars: int) -> Document | None:
    """Turn a file's bytes into text, or return None to let another loader try.

    Called once per linted file; firstresult: the first loader that returns a `Document`
    wins (later-registered plugins are asked first, so a third-party loader can take over a
    file type). Raise `scriptlint.model.UnreadableDocument` for bytes the loader recognises
    but cannot decode (an SL01 finding), or `scriptlint.model.UnsafeDocument` for a file over
    the loader's limits (SL04); the other files are still checked. A loader that extracts text
    gives `origins` (per line: the original's line and a label such as "page 2, line 5"), a
    transcript loader `cues` (per line: when it was said), an archive loader `members`
    (docs/documents.md).

    A loader may take only the arguments it needs. `deadline` (a `time.monotonic()` value, or
    None) is when the file's time budget runs out: a loader that extracts text in steps should
    stop there (raise `UnsafeDocument(..., timing=True)`); `max_chars` is the most text the
    document may have (extracted text over it is refused, SL04, like a file over the size limit).
    The core stops a loader that ignores both, and says so (docs/security.md).
    """


@hookspec
def scriptlint_disclosures(script: Script, context: RunContext) -> Sequence[Disclosure]:
    """Return the statements this plugin's rules look for in `script`, each named and with its pattern.

    Called by `scriptlint paths` (and the HTML report's path view) once per script, by every plugin (not
    firstresult): each path of the script is shown with the disclosures said on it and their word position.
    Return an empty list for a script your rules do not check (for example, out of their scope).
    """


@hookspec(firstresult=True)
def scriptlint_fix(finding: Finding, script: Script, context: RunContext) -> Fix | None:
    """Return a safe fix for one finding of your rules in `script`, or None (not your code, or no safe fix).

    Called by `scriptlint check --fix` and `--diff`, once per finding, for templates, plain text and
    Markdown only (Word, PDF, archives and transcripts are never edited), and never for a file with an
    SL finding; firstresult: the first plugin that returns a `Fix` wins. A fix is edits of the linted
    file (`scriptlint.model.fixes.Edit`: 1-based line and column, end exclusive, as findings give them);
    `scriptlint.analysis.queries.insertion_after` places text after what a path last says. The core
    applies non-overlapping edits, re-checks the file, and keeps the fix only if the file still parses:
    a fix must make its finding go away, so that a second run changes nothing.
    """


@hookspec
def scriptlint_configure_environment(environment: ImmutableSandboxedEnvironment) -> None:
    """Adjust the sandboxed Jinja2 environment used to parse call scripts.

    Called once for every environment the core creates (every plugin, not firstresult), for
    example to add filters or tests that vendor templates use. The environment stays an
    `ImmutableSandboxedEnvironment`: templates are parsed, never rendered outside it.
    """
