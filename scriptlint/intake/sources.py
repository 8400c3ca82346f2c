"""Where a document lives (on disk, or inside an archive), its sidecar manifest, and its findings' places.

A document that cannot carry front matter (Word, PDF, transcripts) takes its manifest from a sidecar
named after it plus `.scriptlint.yml` (`script.docx.scriptlint.yml`), beside it on disk or in the same
archive; front matter in the document's own first lines wins key by key, configuration defaults come
last. Sidecars are never linted as scripts. Findings computed on extracted text are moved back to the
original's line and labelled (page and line, paragraph, cue and time).
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from scriptlint.intake.decoding import digest
from scriptlint.intake.files import Refused, read_file
from scriptlint.intake.front_matter import FrontMatter, read_yaml_file
from scriptlint.intake.kept_data import kept_manifest
from scriptlint.model.records import record

if TYPE_CHECKING:
    from scriptlint.model import Document, Finding

SIDECAR_SUFFIX = ".scriptlint.yml"
# An archive inside an archive is opened; one inside that is refused (SL04).
MAX_ARCHIVE_DEPTH = 2


# The text files every repository has, by exact name (any case): a stem alone or with one of these
# extensions. A directory walk and an archive pass over them although `*.txt` or `*.md` matches them;
# never by prefix (`notice_to_voters.txt` is a script), never a template (`README.j2` is a script), and
# a file named on the command line is always checked.
_WELL_KNOWN_STEMS = frozenset(
    {
        "readme",
        "license",
        "licence",
        "copying",
        "copyright",
        "notice",
        "authors",
        "contributors",
        "changelog",
        "changes",
        "history",
        "contributing",
        "security",
        "code_of_conduct",
    }
)
_WELL_KNOWN_SUFFIXES = frozenset({"", ".txt", ".md", ".markdown", ".rst"})
# Other exact names of files that are never call scripts (build and web files).
_WELL_KNOWN_NAMES = frozenset({"cmakelists.txt", "robots.txt"})
# pip's requirement files are named by prefix by convention: `requirements-dev.txt`, `constraints.txt`.
_PIP_FILES = ("requirements*.txt", "constraints*.txt")
TEMPLATE_SUFFIXES = (".j2", ".jinja", ".jinja2")
NOT_A_SCRIPT = "not a call script by its name (README, LICENSE, CHANGELOG...)"


def is_sidecar(name: str) -> bool:
    """Whether a file name is a sidecar manifest (never linted as a script)."""
    return name.lower().endswith(SIDECAR_SUFFIX)


@record(frozen=True)
class Sidecar:
    """A sidecar manifest as read: where it is shown, its parsed YAML, and the file it came from."""

    display: str
    front: FrontMatter
    # What the sidecar was when read: the SHA-256 of its bytes, or why it was refused (a dependency of
    # the answer; scriptlint.intake.files.state_of).
    digest: str | None = None
    # (code, message) when the sidecar exists but was not read (outside the root, too big, not a file).
    refusal: tuple[str, str] | None = None


@record(frozen=True)
class DiskSource:
    """A document on disk: includes resolve under `root`; sidecars are read within the same limits."""

    root: Path
    max_bytes: int = 1_048_576
    # Whether files with several names (hard links) may be read (the run's follow-links setting).
    follow_links: bool = False

    def template_name(self, path: Path, display: str) -> str:
        """The name the template is parsed under (include chains show it)."""
        return os.path.realpath(path)

    def sidecar_path(self, path: Path) -> str:
        """Where the sidecar is (or would be): a dependency of the answer whether it exists or not."""
        return str(path.with_name(path.name + SIDECAR_SUFFIX))

    def sidecar_roots(self, path: Path) -> tuple[str, ...]:
        """Where a sidecar may lead: the script root, or the document's own folder."""
        return (os.path.realpath(self.root), os.path.realpath(path.parent))

    def sidecar(self, display: Callable[[Path], str], path: Path) -> Sidecar | None:
        """The document's sidecar manifest, if there is one (`display` names files as findings show them);
        one that leads out of the script root (a symbolic link), is not a regular file or is over the size
        limit is refused without being opened."""
        sidecar = path.with_name(path.name + SIDECAR_SUFFIX)
        roots = self.sidecar_roots(path)
        try:
            data = read_file(sidecar, self.max_bytes, roots=roots, single_link=not self.follow_links)
        except Refused as exc:
            if exc.state == "missing":
                return None
            message = f"the sidecar manifest is not read: {exc.message}"
            return Sidecar(display(sidecar), FrontMatter(), f"refused: {exc.state}", (exc.code, message))
        return replace(_sidecar(display(sidecar), data), digest=digest(data))


@record(frozen=True)
class ArchiveSource:
    """A member of an archive: includes and sidecars are other members, read in memory."""

    members: Mapping[str, bytes]
    archive_display: str
    depth: int
    # time.monotonic() by which the whole archive must be checked (its members share one time budget).
    deadline: float | None = None
    max_bytes: int = 1_048_576

    def template_name(self, path: Path, display: str) -> str:
        """Members are parsed under their ARCHIVE!MEMBER name."""
        return display

    def sidecar_path(self, path: Path) -> str | None:
        """Members' sidecars are inside the archive, whose bytes already key the result."""
        return None

    def sidecar(self, display: Callable[[Path], str], path: Path) -> Sidecar | None:
        """The member's sidecar manifest, a member named after it plus `.scriptlint.yml`."""
        name = path.as_posix() + SIDECAR_SUFFIX
        data = self.members.get(name)
        shown = f"{self.archive_display}!{name}"
        if data is not None and len(data) > self.max_bytes:
            size = f"{len(data):,} bytes, over the {self.max_bytes:,}-byte limit"
            message = f"the sidecar manifest is not read: it is {size}"
            return Sidecar(shown, FrontMatter(), None, ("SL04", message))
        return None if data is None else _sidecar(shown, data)


Source = DiskSource | ArchiveSource


def _sidecar(display: str, data: bytes) -> Sidecar:
    return Sidecar(display, kept_manifest(data, "sidecar manifest", lambda: read_yaml_file(data, "sidecar manifest")))


def relocate(findings: Iterable[Finding], document: Document, display: str) -> list[Finding]:
    """Move findings on extracted text back to the original document's lines, with a reviewer's label."""
    if document.origins is None:
        return list(findings)
    moved = []
    for finding in findings:
        if finding.path != display:
            moved.append(finding)
            continue
        origin = document.origin(finding.line)
        end = document.origin(finding.end_line).line if finding.end_line is not None else None
        moved.append(replace(finding, line=origin.line, end_line=end, location=origin.label))
    return moved


def member_path(name: str) -> Path:
    """A member name as a path (for its suffix and file name)."""
    return Path(PurePosixPath(name))


def not_a_script(name: str) -> bool:
    """Sidecars, and the text files every repository has (README, LICENSE, requirements.txt...) by exact name;
    a template (`*.j2`, `*.jinja`, `*.jinja2`) is always a script."""
    lowered = name.lower()
    if is_sidecar(name):
        return True
    if lowered.endswith(TEMPLATE_SUFFIXES):
        return False
    stem, dot, suffix = lowered.rpartition(".")
    stem, suffix = (stem, dot + suffix) if dot and stem else (lowered, "")
    if stem in _WELL_KNOWN_STEMS and suffix in _WELL_KNOWN_SUFFIXES:
        return True
    return lowered in _WELL_KNOWN_NAMES or any(fnmatch.fnmatch(lowered, pattern) for pattern in _PIP_FILES)
