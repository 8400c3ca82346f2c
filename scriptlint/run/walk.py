"""Which files a run checks: the files named, and those found under the folders named, with what was passed over.

A folder is walked without recursion (any depth), in name order. Files match the include globs and
not the exclude globs; the text files every repository has are passed over by exact name (README,
LICENSE...; templates never are). A walk stays inside the folder it was given: a symbolic link leading
out of it, or a file with several names (hard links, any of which may be elsewhere), is reported and
not read unless `follow-links` is set; a link back into a folder already walked is not walked twice.
Folders that cannot be read are findings; hidden and tooling folders, files skipped by name or by
configuration are listed as skipped: nothing is dropped silently.
"""

from __future__ import annotations

import fnmatch
import os
import stat
from collections.abc import Callable, Sequence
from dataclasses import field
from pathlib import Path
from typing import TYPE_CHECKING

from scriptlint.errors import ScriptlintError
from scriptlint.intake.decoding import SAVE_AS
from scriptlint.intake.files import inside, real
from scriptlint.intake.sources import NOT_A_SCRIPT, SIDECAR_SUFFIX, is_sidecar, not_a_script
from scriptlint.model import Skipped
from scriptlint.model.records import record

if TYPE_CHECKING:
    from scriptlint.config import ConfigResolver
    from scriptlint.model.settings import Settings

# Folders that hold tools' files, never call scripts: passed over (and listed as skipped).
_TOOLING_FOLDERS = frozenset({"node_modules", "venv", "site-packages", "bower_components"})
_TOOLING_SUFFIXES = (".egg-info", ".dist-info")
# Version control's and caches' own folders: passed over without a word (they are never anyone's scripts).
_SILENT_FOLDERS = frozenset({".git", ".hg", ".svn", ".bzr", "__pycache__", ".scriptlint_cache"})
EXCLUDED = "excluded by configuration (exclude =)"
# Documents vendors send that scriptlint cannot read: in a folder, each is an SL01 finding (a script in one of
# them must not pass unseen); named, the check tells the format by its first bytes.
UNREADABLE_DOCUMENTS = {
    ".doc": "a Word 97-2003 document (.doc)",
    ".dot": "a Word 97-2003 template (.dot)",
    ".rtf": "a Rich Text Format (.rtf) document",
    ".odt": "an OpenDocument text (.odt)",
    ".pages": "an Apple Pages document (.pages)",
    ".wpd": "a WordPerfect document (.wpd)",
}
UNREADABLE = "this is {kind}, a format scriptlint cannot read, so this script was not checked: {save}"


@record(frozen=True)
class Refusal:
    """A file or folder found but not read, and the finding it makes."""

    code: str
    message: str


@record
class Selection:
    """The files to check (in path order), those refused among them, unreadable folders, and what was skipped."""

    files: list[Path] = field(default_factory=list)
    # Files that are checked no further than this finding (a link leading out, several names).
    refused: dict[Path, Refusal] = field(default_factory=dict)
    # Folders that could not be read: a finding each (their files were not checked).
    folders: dict[Path, Refusal] = field(default_factory=dict)
    skipped: list[tuple[Path, str, bool]] = field(default_factory=list)

    def skipped_as(self, display: Callable[[Path], str]) -> tuple[Skipped, ...]:
        """What was skipped, with paths as findings show them (`display` names paths)."""
        shown = [Skipped(display(path), reason, folder) for path, reason, folder in self.skipped]
        return tuple(sorted(shown, key=lambda s: (s.folder, s.path)))


def select(paths: Sequence[Path], resolver: ConfigResolver) -> Selection:
    """Files named and files found under the folders named, minus the exclude globs; raise ScriptlintError
    for a name that does not exist (a typo must not check nothing)."""
    selection = Selection()
    found: dict[str, Path] = {}
    for named in paths:
        given = named
        if is_sidecar(named.name):
            # A sidecar manifest is not a script: naming it (pre-commit does, when it changes) lints its
            # document; a sidecar whose document is gone (or a bare `.scriptlint.yml`) is nothing to check.
            stem = named.name[: -len(SIDECAR_SUFFIX)]
            if not stem or not os.path.lexists(given := named.with_name(stem)):
                selection.skipped.append((named, "a sidecar manifest whose document does not exist", False))
                continue
        if not os.path.lexists(given):
            raise ScriptlintError(f"{given}: no such file or directory")
        settings = resolver.settings_for(given)
        if os.path.isdir(given):
            _Walk(selection, found, settings, settings.follow_links).run(given)
        elif _excluded(given, settings):
            selection.skipped.append((given, EXCLUDED, False))
        else:
            # A file named is checked whatever it is (the check refuses what cannot be read).
            found.setdefault(real(given), given)
    selection.files = sorted(found.values(), key=lambda p: p.as_posix())
    return selection


@record
class _Walk:
    selection: Selection
    found: dict[str, Path]
    settings: Settings
    follow: bool
    _walked: set[str] = field(default_factory=set)

    def run(self, top: Path) -> None:
        top_real = real(top)
        self._walked.add(top_real)
        # A stack, not recursion: a folder tree of any depth is walked.
        pending = [top]
        while pending:
            folder = pending.pop()
            pending.extend(reversed(self._folder(folder, top_real)))

    def _folder(self, folder: Path, top_real: str) -> list[Path]:
        """The subfolders to walk; files are selected on the way."""
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as exc:
            message = f"cannot read this folder: {exc.strerror or exc}; the files in it were not checked"
            self.selection.folders[folder] = Refusal("SL01", message)
            return []
        subfolders = []
        for entry in entries:
            path = Path(folder, entry.name)
            try:
                is_link = entry.is_symlink()
                is_folder = entry.is_dir()  # through a link: what it leads to
            except OSError:
                is_link, is_folder = False, False
            if is_folder:
                if self._walkable(path, entry.name, is_link, top_real):
                    subfolders.append(path)
            else:
                self._file(path, entry, is_link, top_real)
        return subfolders

    def _walkable(self, path: Path, name: str, is_link: bool, top_real: str) -> bool:
        if name in _SILENT_FOLDERS:
            return False
        if name.startswith("."):
            self.selection.skipped.append((path, "hidden folder", True))
            return False
        if name in _TOOLING_FOLDERS or name.endswith(_TOOLING_SUFFIXES):
            self.selection.skipped.append((path, "tooling folder (installed packages, build metadata)", True))
            return False
        if _excluded(path, self.settings):
            self.selection.skipped.append((path, EXCLUDED, True))
            return False
        resolved = real(path)
        if is_link and not self.follow and not inside(resolved, top_real):
            self.selection.folders[path] = Refusal(
                "SL04",
                "symbolic link to a folder outside the folder being checked: not followed, its files were not"
                " checked (--follow-links follows it)",
            )
            return False
        if resolved in self._walked:
            return False  # a link to a folder walked already (or a loop): its files are checked once
        self._walked.add(resolved)
        return True

    def _file(self, path: Path, entry: os.DirEntry[str], is_link: bool, top_real: str) -> None:
        name = entry.name
        if not any(fnmatch.fnmatch(name, pattern) for pattern in self.settings.include):
            if path.suffix.lower() in UNREADABLE_DOCUMENTS and not _excluded(path, self.settings):
                # Possibly the very script under review: a finding, never a pass.
                self.found.setdefault(real(path), path)
                kind = UNREADABLE_DOCUMENTS[path.suffix.lower()]
                self.selection.refused[path] = Refusal("SL01", UNREADABLE.format(kind=kind, save=SAVE_AS))
            return  # not a kind of file scriptlint reads
        if not_a_script(name):
            self.selection.skipped.append((path, NOT_A_SCRIPT, False))
            return
        if _excluded(path, self.settings):
            self.selection.skipped.append((path, EXCLUDED, False))
            return
        resolved = real(path)
        if resolved in self.found:
            return  # the same file under another name (a link inside the folder): checked once
        self.found[resolved] = path
        if self.follow:
            return
        if is_link and not inside(resolved, top_real):
            message = "symbolic link to a file outside the folder being checked: not read (--follow-links reads it)"
            self.selection.refused[path] = Refusal("SL04", message)
            return
        try:
            status = entry.stat()
        except OSError:
            return  # a dangling link or a vanished file: the check says why it cannot be read
        if stat.S_ISREG(status.st_mode) and status.st_nlink > 1:
            self.selection.refused[path] = Refusal(
                "SL04",
                f"the file has {status.st_nlink} names (hard links), and another may be outside the folder being"
                " checked: not read (--follow-links reads it)",
            )


def _excluded(path: Path, settings: Settings) -> bool:
    if not settings.exclude:
        return False
    posix = path.as_posix()
    return any(
        fnmatch.fnmatch(path.name, pattern) or fnmatch.fnmatch(posix, pattern) or fnmatch.fnmatch(posix, f"*/{pattern}")
        for pattern in settings.exclude
    )
