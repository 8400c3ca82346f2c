"""The result cache: one file's findings kept under a key of everything that can change them.

A key covers the file's bytes, its path and script root, its effective settings (the configuration
and command-line options, which carry the manifest defaults), the day when no --as-of date is given,
and the run's fingerprint: the versions of scriptlint and of every plugin's distribution, the
modification stamps of the code and data of scriptlint itself and of every plugin module, and the
bytes of every pack. An entry also lists the files the answer read besides the script (includes,
imports, extends, and names looked for but missing) with their hashes; it is used only while they
are unchanged. Entries are written to a temporary file and renamed into place, so concurrent runs
never see half an entry; anything unreadable is treated as a miss and rewritten.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import asdict, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scriptlint.intake.files import Refused, inside, read_file, state_of
from scriptlint.model import Finding, Rule, Severity, Skipped, finding_problem
from scriptlint.model.records import record

if TYPE_CHECKING:
    from scriptlint.model.settings import Settings

# Bump when the entry format or the meaning of a key changes: old entries are then never read.
CACHE_FORMAT = 2
_FINDING_FIELDS = tuple(field.name for field in fields(Finding))
_CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n# Created by scriptlint; see https://bford.info/cachedir/\n"
)


def user_cache_dir() -> Path | None:
    """Where results are cached by default: `$XDG_CACHE_HOME/scriptlint`, else `~/.cache/scriptlint` (None
    without a home folder). Entries are keyed by absolute paths, so projects share it without collisions."""
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    if base and os.path.isabs(base):
        return Path(base) / "scriptlint"
    home = os.path.expanduser("~")
    return None if home == "~" else Path(home) / ".cache" / "scriptlint"


def settings_fingerprint(settings: Settings) -> str:
    """The effective settings as canonical JSON (with today's date when no --as-of day is set)."""
    data = asdict(settings)
    if settings.as_of is None:
        data["as_of"] = f"today {datetime.date.today().isoformat()}"
    return json.dumps(_canonical(data))


def _canonical(value: Any) -> Any:
    """JSON-ready and order-independent: mappings as sorted [key, value] pairs (keys of any type)."""
    if isinstance(value, Mapping):
        pairs = [[repr(key), _canonical(item)] for key, item in value.items()]
        return sorted(pairs, key=lambda pair: pair[0])
    if isinstance(value, (list, tuple)):
        return [_canonical(item) for item in value]
    if isinstance(value, (set, frozenset)):
        return sorted(repr(item) for item in value)
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return repr(value)


@record(frozen=True)
class Allowed:
    """What an entry for one file may hold: findings on the file itself, its sidecar or its archive's members,
    and dependencies inside the roots that confine its includes (templates) and its sidecar."""

    display: str
    sidecar: str
    template_roots: tuple[str, ...]
    sidecar_roots: tuple[str, ...]
    max_bytes: int
    single_link: bool

    def path_ok(self, path: str) -> bool:
        """Whether a finding's path is one this file's check can report on."""
        return path in (self.display, self.sidecar) or path.startswith(self.display + "!")

    def roots(self, kind: str) -> tuple[str, ...] | None:
        """The roots a dependency of this kind must stay in (None: an unknown kind, so an invalid entry)."""
        return {"template": self.template_roots, "sidecar": self.sidecar_roots}.get(kind)


class ResultCache:
    """Findings by key in `directory`; every failure to read or write is a miss, never an error.

    Nothing read from the cache is trusted: an entry must match its schema, name only this file (its
    sidecar, its archive's members), use known rule codes, and list dependencies inside this file's
    roots, checked without reading anything outside them; anything else is a miss, and the entry is
    rewritten. The cache directory itself must be a real directory, not a link out of it.
    """

    def __init__(self, directory: Path, run_digest: str) -> None:
        self.directory = directory / f"v{CACHE_FORMAT}"
        self.base = directory
        self.run_digest = run_digest
        # Settings fingerprints by settings object: files of one directory share theirs.
        self._settings: dict[int, tuple[Settings, str]] = {}

    def settings_digest(self, settings: Settings) -> str:
        """`settings_fingerprint(settings)`, computed once per settings object of the run."""
        known = self._settings.get(id(settings))
        if known is None or known[0] is not settings:
            known = self._settings[id(settings)] = (settings, settings_fingerprint(settings))
        return known[1]

    def key(self, data_digest: str, display: str, path: Path, root: Path, settings_digest: str) -> str:
        """The entry key for a file (by the SHA-256 of its bytes) checked at `path` under `root`."""
        header = json.dumps([self.run_digest, settings_digest, display, os.path.realpath(path), str(root), data_digest])
        return hashlib.sha256(header.encode("utf-8")).hexdigest()

    def get(
        self, key: str, allowed: Allowed, codes: frozenset[str]
    ) -> tuple[list[Finding], tuple[Skipped, ...], tuple[str, ...] | None] | None:
        """The findings (with skipped archive members, and an archive's documents) stored under `key`, if the
        entry is valid for this file and its dependencies are unchanged."""
        entry = self._read(self._entry_path(key))
        try:
            if not isinstance(entry, dict) or entry.get("key") != key or set(entry) != _ENTRY_KEYS:
                return None
            findings = [_finding(item) for item in _list(entry["findings"])]
            skipped = tuple(_skipped(item) for item in _list(entry["skipped"]))
            dependencies = [_dependency(item) for item in _list(entry["dependencies"])]
            documents = None if entry["documents"] is None else tuple(_text(item) for item in _list(entry["documents"]))
        except (TypeError, ValueError, KeyError):
            return None
        if any(finding_problem(f) or not allowed.path_ok(f.path) or f.code not in codes for f in findings):
            return None
        if any(not allowed.path_ok(item.path) for item in skipped):
            return None
        if documents is not None and any(not allowed.path_ok(document) for document in documents):
            return None
        for path, kind, expected in dependencies:
            roots = allowed.roots(kind)
            if roots is None:
                return None
            if state_of(path, allowed.max_bytes, roots=roots, single_link=allowed.single_link) != expected:
                return None
        return findings, skipped, documents

    def put(
        self,
        key: str,
        findings: Iterable[Finding],
        dependencies: Iterable[tuple[str, str, str | None]],
        skipped: Iterable[Skipped] = (),
        documents: Iterable[str] | None = None,
    ) -> None:
        """Store an entry atomically (write a temporary file, then rename it into place); the
        dependencies' states are those of the files the check read."""
        entry = {
            "key": key,
            "dependencies": [list(dependency) for dependency in dependencies],
            "findings": [_as_json(finding) for finding in findings],
            "skipped": [[item.path, item.reason] for item in skipped],
            "documents": None if documents is None else list(documents),
        }
        self._write(self._entry_path(key), entry)

    def _read(self, path: Path) -> Any:
        """A cache file's JSON, read within a size limit and only if it is a regular file in the cache (None
        otherwise)."""
        if not self._safe(path.parent):
            return None
        try:
            return json.loads(read_file(path, MAX_ENTRY_BYTES, roots=[os.path.realpath(self.base)]))
        except (Refused, ValueError, RecursionError):
            return None

    def _write(self, target: Path, entry: Any) -> None:
        import tempfile

        try:
            if not self._prepare(target.parent) or not self._safe(target.parent):
                return
            handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".json")
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as stream:
                    json.dump(entry, stream, ensure_ascii=False)
                # A rename replaces a link planted at the entry's name; it never writes through it.
                os.replace(temporary, target)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except (OSError, TypeError, ValueError):
            # A read-only checkout, a full disk, or a plugin's finding that JSON cannot hold: no caching.
            pass

    def _safe(self, directory: Path) -> bool:
        """Whether a folder of the cache is a real folder inside the cache (not a link leading elsewhere)."""
        base = os.path.realpath(self.base)
        return (
            os.path.isdir(directory)
            and inside(os.path.realpath(directory), base)
            and not any(os.path.islink(part) for part in (self.directory, directory))
        )

    def rules(self) -> dict[str, Rule] | None:
        """The rules as the last run with this fingerprint listed them (without check functions), or None.

        A run answered wholly from the cache needs the rules only to validate --select and for the report;
        reading them here spares importing the rules' data (YAML) and building them. A list that does not
        match its schema, or lacks the core's codes, is not used (and is rewritten).
        """
        listed = self._read(self._rules_path())
        try:
            rules = {item["code"]: _rule(item) for item in _list(listed)}
        except (TypeError, ValueError, KeyError):
            return None
        if len(rules) != len(listed) or not set(rules) >= CORE_CODES:
            return None
        return rules

    def put_rules(self, rules: Iterable[Rule]) -> None:
        """Remember the rules' data for runs with the same fingerprint."""
        listed = [
            {
                "code": rule.code,
                "name": rule.name,
                "summary": rule.summary,
                "severity": rule.severity.label,
                "explanation": rule.explanation,
                "ref": rule.ref,
                "url": rule.url,
                "plugin": rule.plugin,
            }
            for rule in rules
        ]
        self._write(self._rules_path(), listed)

    def _rules_path(self) -> Path:
        return self.directory / f"rules-{self.run_digest}.json"

    def _entry_path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def kept_folder(self, name: str) -> Path | None:
        """A folder beside the answers for what runs keep (`patterns`: scriptlint.analysis.compiled; `data`,
        `values` and `manifests`: scriptlint.intake.kept_data); None where it cannot be made."""
        folder = self.base / name
        try:
            return folder if self._prepare(folder) else None
        except OSError:
            return None

    def _prepare(self, directory: Path) -> bool:
        """Create a folder of the cache; False (nothing created) where a link stands in the way."""
        if os.path.islink(self.base) and not os.path.isdir(self.base):
            return False  # a dangling link where the cache should be: never create what it points at
        if any(os.path.islink(part) for part in (self.directory, directory)):
            return False  # a link planted inside the cache: never create folders through it
        if directory.is_dir():
            return True
        fresh = not os.path.lexists(self.base)
        directory.mkdir(parents=True, exist_ok=True)
        if fresh:
            # Keep the cache out of version control and out of backups, as pytest and ruff do.
            for name, text in ((".gitignore", "# Created by scriptlint\n*\n"), ("CACHEDIR.TAG", _CACHEDIR_TAG)):
                with open(self.base / name, "x", encoding="utf-8") as handle:
                    handle.write(text)
        return True


# An entry holds these keys and no others.
_ENTRY_KEYS = frozenset({"key", "dependencies", "findings", "skipped", "documents"})
# No entry or rules list is this big; a bigger file is not read.
MAX_ENTRY_BYTES = 64 * 1024 * 1024
# The core's codes: a rules list without them is not one this version wrote.
CORE_CODES = frozenset({"SL01", "SL02", "SL03", "SL04", "SL05", "SL06"})


def _list(value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise TypeError("expected a list")
    return value


def _text(value: Any, optional: bool = False) -> Any:
    if (value is None and optional) or isinstance(value, str):
        return value
    raise TypeError("expected text")


def _as_json(finding: Finding) -> dict[str, Any]:
    values = {name: getattr(finding, name) for name in _FINDING_FIELDS}
    values["severity"] = finding.severity.label
    return values


def _rule(item: Any) -> Rule:
    if not isinstance(item, dict) or set(item) != _RULE_KEYS:
        raise TypeError("not a rule")
    if not _CODE.fullmatch(_text(item["code"])):
        raise ValueError("not a rule code")
    return Rule(
        item["code"],
        _text(item["name"]),
        _text(item["summary"]),
        Severity.parse(_text(item["severity"])),
        explanation=_text(item["explanation"]),
        ref=_text(item["ref"], optional=True),
        url=_text(item["url"], optional=True),
        plugin=_text(item["plugin"]),
    )


_RULE_KEYS = frozenset({"code", "name", "summary", "severity", "explanation", "ref", "url", "plugin"})
_CODE = re.compile(r"[A-Z]{2}[0-9]{2,4}")


def _finding(item: Any) -> Finding:
    if not isinstance(item, dict) or set(item) != set(_FINDING_FIELDS):
        raise TypeError("not a finding")
    values = dict(item)
    values["severity"] = Severity.parse(_text(item["severity"]))
    return Finding(**values)


def _skipped(item: Any) -> Skipped:
    path, reason = _list(item)
    return Skipped(_text(path), _text(reason))


def _dependency(item: Any) -> tuple[str, str, str | None]:
    path, kind, state = _list(item)
    return _text(path), _text(kind), _text(state, optional=True)
