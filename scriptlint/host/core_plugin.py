"""The core plugin: the SL codes (problems with the file itself) and the loader for text files."""

from __future__ import annotations

from pathlib import Path

from scriptlint.intake.decoding import decode
from scriptlint.markers import hookimpl
from scriptlint.model import BINARY_DOCUMENT_SUFFIXES, Document, Rule, Severity, UnreadableDocument

TEMPLATE_SUFFIXES = frozenset({".j2", ".jinja", ".jinja2"})

CORE_RULES = (
    Rule(
        "SL01",
        "unreadable-file",
        "File unreadable or undecodable (binary, bad encoding).",
        Severity.ERROR,
        explanation=(
            "Templates and plain-text scripts must be UTF-8 text (a byte-order mark and CRLF line endings"
            " are fine); UTF-16 files and bytes that are not UTF-8 cannot be checked. Word, PDF, ZIP and"
            " transcript files are read by their loaders, which report a broken file, an encrypted or"
            " scanned PDF (no text layer) or a transcript without cues here. Nothing in such a file was"
            " verified: save it as UTF-8, or export a readable copy."
        ),
    ),
    Rule(
        "SL02",
        "template-syntax",
        "Template syntax error, or an include that cannot be resolved.",
        Severity.ERROR,
        explanation=(
            "The Jinja2 template does not parse (reported at the line of the problem; for a block that is"
            " never closed, at its opening tag), or it includes, imports or extends a template that does"
            " not exist under the script root. The rules did not run on this file."
        ),
    ),
    Rule(
        "SL03",
        "invalid-manifest",
        "Manifest value invalid: unknown key, wrong type, bad state code, unreadable front matter.",
        Severity.ERROR,
        explanation=(
            "The YAML front matter between the first two '---' lines is the script's manifest"
            " (docs/manifest.md); documents without front matter take it from a sidecar named after them plus"
            " '.scriptlint.yml'. Unknown keys, values of the wrong type and unknown state codes are"
            " reported at their line, in the file that holds them; the rest of the manifest is still used."
            " Front matter or a sidecar that is not valid YAML, or never closed, stops the checks of this"
            " file."
        ),
    ),
    Rule(
        "SL04",
        "unsafe-template",
        "Template unsafe or over limits: include outside the root, cycles, nesting, size.",
        Severity.ERROR,
        explanation=(
            "Vendor templates are untrusted. An include, import or extends that leaves the script root"
            " (through '..', an absolute name or a symbolic link), a cycle of includes, nesting deeper"
            " than the documented limit, a file over the size limit, more distinct paths than the"
            " analysis follows, or a time budget run out stop the checks of the file with this finding."
            " So do archives over their limits (a zip bomb, an archive nested too deep) and archive"
            " members whose name would leave the archive."
        ),
    ),
    Rule(
        "SL05",
        "bad-suppression",
        "Suppression directive that suppressed nothing, gives no reason, or is malformed.",
        Severity.WARNING,
        explanation=(
            "Write {# scriptlint: disable=CODE[,CODE] -- reason #}. A suppression must say why (the"
            " reason is what a reviewer audits), must name known codes, and must suppress something:"
            " a stale directive would hide a future finding. Only real Jinja comments hold directives."
            " SL01, SL02 and SL04 (the file was not checked), SL05 and SL06 cannot be suppressed, nor"
            " can the codes listed in the 'unsuppressible' setting."
        ),
    ),
    Rule(
        "SL06",
        "rule-crashed",
        "A rule crashed on this file: the file was not fully checked.",
        Severity.ERROR,
        explanation=(
            "A plugin's rule raised an exception. The other rules and files were still checked, but this"
            " file was not fully checked, so the run exits with code 2. Report it to the plugin's authors."
        ),
    ),
    Rule(
        "SL07",
        "manifest-incomplete",
        "The manifest lacks a key that decides whether some rules apply: those rules were not checked.",
        Severity.ERROR,
        explanation=(
            "Every rule says, as data, which calls it governs (scriptlint explain CODE shows it in words)."
            " When the manifest does not give a key that decides it, the rule is not checked rather than"
            " guessed: a federal disclaimer law cited on a city-council call, or a state law missed, would"
            " mislead a reviewer. One finding per file names each missing key, its allowed values and the rules"
            " that depend on it: for a political call, race (federal, state, local or ballot_measure) decides"
            " whether the federal disclaimer rules (PF01-PF05) and several state rules apply; sponsor.kind"
            " (candidate_committee, party_committee, pac, ...) decides rules that cover only some sponsors."
            " Give the key in the script's manifest, its sidecar, or configuration (docs/manifest.md)."
        ),
    ),
    Rule(
        "SL08",
        "unknown-filter",
        "The template uses filters or tests Jinja does not define (the renderer's own): their values are unknown.",
        Severity.INFO,
        explanation=(
            "Vendors' renderers define their own filters and tests (Ansible's `bool` and `regex_replace`, a"
            " dialer's `phone`). Jinja parses them, and scriptlint follows the template as usual, taking"
            " each such value as unknown text (a condition on it can go either way). This note names them"
            " once per file so that a typo does not pass unseen; declare the real ones with"
            " 'jinja-filters = phone, bool' and 'jinja-tests = version' in the configuration."
        ),
    ),
)


@hookimpl
def scriptlint_rules() -> tuple[Rule, ...]:
    """The core's own codes; the core emits them itself, so they carry no check function."""
    return CORE_RULES


@hookimpl(trylast=True)
def scriptlint_load_document(path: Path, data: bytes) -> Document:
    """Any file no other loader took, as UTF-8 text: Jinja templates by suffix, the rest as plain text; a
    Word, PDF or ZIP file whose loader is disabled is reported as not checked, never read as text."""
    suffix = path.suffix.lower()
    if suffix in BINARY_DOCUMENT_SUFFIXES:
        raise UnreadableDocument(
            f"no enabled loader reads {suffix} files (its plugin was disabled with --disable-plugin or"
            f" disable-plugin): this file was not checked; exclude such files to skip them"
        )
    if suffix in TEMPLATE_SUFFIXES:
        return Document(decode(data), "template")
    return Document(decode(data), "plain")
