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
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

from scriptlint.intake.decoding import digest
from scriptlint.intake.front_matter import FrontMatter, read_yaml_file
from scriptlint.model import Document, Finding

SIDECAR_SUFFIX = ".scriptlint.yml"
# An archive inside an archive is opened; one inside that is refused (SL04).
MAX_ARCHIVE_DEPTH = 2


# Files a directory walk (or an archive) passes over although `*.txt` or `*.md` matches them: they are
# never call scripts (a file named on the command line is still checked).
_NOT_SCRIPTS = (
    "requirements*.txt",
    "constraints*.txt",
    "license*",
    "licence*",
    "copying*",
    "notice*",
    "authors*",
    "changelog*",
    "changes*",
    "readme*",
    "contributing*",
    "security*",
    "code_of_conduct*",
    "cmakelists.txt",
    "robots.txt",
    "*.egg-info",
    "top_level.txt",
    "dependency_links.txt",
    "sources.txt",
    "entry_points.txt",
)


def is_sidecar(name: str) -> bool:
    """Whether a file name is a sidecar manifest (never linted as a script)."""
    return name.lower().endswith(SIDECAR_SUFFIX)


@dataclass(frozen=True)
class Sidecar:
    """A sidecar manifest as read: where it is shown, its parsed YAML, and the file it came from."""

    display: str
    front: FrontMatter
    # The SHA-256 of the sidecar's bytes as read (a dependency of the answer).
    digest: str | None = None


@dataclass(frozen=True)
class DiskSource:
    """A document on disk: includes resolve under `root`."""

    root: Path

    def template_name(self, path: Path, display: str) -> str:
        """The name the template is parsed under (include chains show it)."""
        return os.path.realpath(path)

    def sidecar_path(self, path: Path) -> str:
        """Where the sidecar is (or would be): a dependency of the answer whether it exists or not."""
        return str(path.with_name(path.name + SIDECAR_SUFFIX))

    def sidecar(self, display: Callable[[Path], str], path: Path) -> Sidecar | None:
        """The document's sidecar manifest, if there is one (`display` names files as findings show them)."""
        sidecar = path.with_name(path.name + SIDECAR_SUFFIX)
        try:
            data = sidecar.read_bytes()
        except OSError:
            return None
        return replace(_sidecar(display(sidecar), data), digest=digest(data))


@dataclass(frozen=True)
class ArchiveSource:
    """A member of an archive: includes and sidecars are other members, read in memory."""

    members: Mapping[str, bytes]
    archive_display: str
    depth: int
    # time.monotonic() by which the whole archive must be checked (its members share one time budget).
    deadline: float | None = None

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
        return None if data is None else _sidecar(f"{self.archive_display}!{name}", data)


Source = DiskSource | ArchiveSource


def _sidecar(display: str, data: bytes) -> Sidecar:
    return Sidecar(display, read_yaml_file(data, "sidecar manifest"))


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
    """Sidecars, and the text files every repository has (requirements, licences, READMEs...)."""
    lowered = name.lower()
    return is_sidecar(name) or any(fnmatch.fnmatch(lowered, pattern) for pattern in _NOT_SCRIPTS)
