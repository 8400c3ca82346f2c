"""Resolved settings of a run and of each file: options, configuration and their defaults."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import field
from pathlib import Path
from typing import Any

from scriptlint.model.records import record
from scriptlint.model.severity import Severity

# The speaking rate that turns spoken words into seconds, unless configuration says otherwise.
DEFAULT_WORDS_PER_MINUTE = 150

# Templates, and the documents vendors send (directory walks skip READMEs, licences and the like).
DEFAULT_INCLUDE = ("*.j2", "*.jinja", "*.jinja2", "*.txt", "*.md", "*.docx", "*.pdf", "*.zip", "*.vtt", "*.srt")
DEFAULT_MAX_FILE_BYTES = 1_048_576
DEFAULT_MEMORY_LIMIT_MB = 2_048
# Codes no directive can silence: they mean the file was not (fully) checked, or a suppression is wrong.
ALWAYS_UNSUPPRESSIBLE = ("SL01", "SL02", "SL04", "SL05", "SL06")


@record(frozen=True)
class Options:
    """What the user asked for on the command line or through the API; None means "not given"."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] | None = None
    fail_on: Severity | None = None
    exit_zero: bool | None = None
    states: tuple[str, ...] | None = None
    variables: Mapping[str, Any] | None = None
    words_per_minute: int | None = None
    disable_plugins: tuple[str, ...] | None = None
    as_of: datetime.date | None = None
    follow_links: bool | None = None


# The roles a merge field can name (docs/conventions.md): who calls, who is called, for whom.
MERGE_ROLES = ("caller", "voter", "candidate", "sponsor")


@record(frozen=True)
class Settings:
    """Everything that decides how one file is checked, after defaults, configuration and options."""

    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    # (glob, codes): codes ignored for files whose path (relative to the configuration file) matches.
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    fail_on: Severity = Severity.WARNING
    exit_zero: bool = False
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    words_per_minute: int = DEFAULT_WORDS_PER_MINUTE
    # Policy: where live calls must give the disclaimer (anywhere | opening), and how many spoken
    # words "the beginning" of a call spans for the disclaimer and identification rules (PF06).
    disclaimer_position: str = "anywhere"
    disclaimer_opening_words: int = 30
    # Policy (call origin): which kinds of place must be disclosed, where, and how many spoken words
    # the opening of a call spans (shared with the caller-identification rule).
    origin_disclosure: tuple[str, ...] = ("correctional", "offshore")
    origin_disclosure_position: str = "opening"
    opening_words: int = 60
    # Which version of each pack rule applies: the one in force on this day (None: today).
    as_of: datetime.date | None = None
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    # Seconds one file's check may take (reading, extraction, parsing, paths and every rule).
    time_limit: float = 10.0
    # Megabytes of memory one file's check may use, where checks run in worker processes.
    memory_limit: int = DEFAULT_MEMORY_LIMIT_MB
    # Whether directory walks follow symbolic links out of the folder given, and read files with several
    # names (hard links); includes stay inside the script root whatever this says.
    follow_links: bool = False
    unsuppressible: tuple[str, ...] = ()
    # Filters and tests the vendor's renderer defines (Ansible's `bool`): used without an SL08 note.
    jinja_filters: tuple[str, ...] = ()
    jinja_tests: tuple[str, ...] = ()
    # More merge-field names by role ("caller", "voter", "candidate", "sponsor"): docs/conventions.md.
    merge_fields: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    packs: tuple[Path, ...] = ()
    disable_plugins: tuple[str, ...] = ()
    # Manifest defaults from configuration, nested ({"sponsor": {"name": ...}}).
    manifest_defaults: Mapping[str, Any] = field(default_factory=dict)
    # --state and --var: they replace the manifest's target_states and add to its vars.
    states: tuple[str, ...] | None = None
    variables: Mapping[str, Any] = field(default_factory=dict)
    # The configuration file these settings came from, and the root that includes are resolved against.
    config_path: Path | None = None

    def selects(self, code: str) -> bool:
        """Whether a code is selected: it matches --select (prefixes, or ALL) and no --ignore prefix."""
        chosen = any(selector == "ALL" or code.startswith(selector) for selector in (*self.select, *self.extend_select))
        return chosen and not any(prefix == "ALL" or code.startswith(prefix) for prefix in self.ignore)

    def is_unsuppressible(self, code: str) -> bool:
        """Whether inline directives may not silence this code."""
        return code in ALWAYS_UNSUPPRESSIBLE or any(code.startswith(p) for p in self.unsuppressible)
