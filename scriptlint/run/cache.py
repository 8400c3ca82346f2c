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
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any

from scriptlint.host.entry_points import versions
from scriptlint.host.manager import Plugins
from scriptlint.intake.decoding import file_digest
from scriptlint.markers import __version__
from scriptlint.model import Finding, Rule, Severity
from scriptlint.model.settings import Settings

# Bump when the entry format or the meaning of a key changes: old entries are then never read.
CACHE_FORMAT = 1
DEFAULT_CACHE_DIRECTORY = ".scriptlint_cache"
_FINDING_FIELDS = tuple(field.name for field in fields(Finding))
_LIBRARIES = ("Jinja2", "regex", "PyYAML", "pluggy", "python-docx", "pypdf", "lxml", "MarkupSafe")
_CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n# Created by scriptlint; see https://bford.info/cachedir/\n"
)


def project_root(start: Path, config_path: Path | None) -> Path:
    """Where the cache lives: the configuration file's directory, else the enclosing git work tree, else `start`."""
    if config_path is not None:
        return config_path.parent
    current = start.resolve()
    for directory in (current, *current.parents):
        if (directory / ".git").exists():
            return directory
    return current


def run_fingerprint(plugins: Plugins, pack_sources: Sequence[Path]) -> str:
    """A digest of what every file's answer depends on besides the file and its settings."""
    digest = hashlib.sha256()
    digest.update(f"scriptlint {__version__} format {CACHE_FORMAT} python {sys.version_info[:2]}\n".encode())
    # The libraries that read templates, YAML, patterns and documents change answers when upgraded.
    for library, version in sorted(versions(_LIBRARIES).items()):
        digest.update(f"library {library} {version}\n".encode())
    code_files: set[str] = set()
    for name, plugin in sorted(plugins.manager.list_name_plugin(), key=lambda item: item[0]):
        distribution = plugins.distributions.get(name, "registered directly")
        digest.update(f"plugin {name} {distribution}\n".encode())
        code_files.update(_plugin_files(plugin))
    # scriptlint's own code and the bundled plugins' wording data: every file of both packages.
    for package in ("scriptlint", "scriptlint_plugins"):
        module = sys.modules.get(package)
        if module is not None and module.__file__:
            code_files.update(_files_under(Path(module.__file__).parent, (".py", ".yml", ".yaml", ".json")))
    for path in sorted(code_files):
        digest.update(f"code {path} {_stamp(path)}\n".encode())
    for pack_file in sorted(_files_of(pack_sources)):
        digest.update(f"pack {pack_file} {file_digest(pack_file)}\n".encode())
    return digest.hexdigest()


def _plugin_files(plugin: object) -> Iterable[str]:
    """The files whose changes can change a plugin's answers: its module, or its whole top-level package."""
    module_name = getattr(plugin, "__name__", None) if isinstance(plugin, type(sys)) else type(plugin).__module__
    module = sys.modules.get(module_name or "")
    module_file = getattr(module, "__file__", None)
    if module_name is None or module_file is None:
        return []
    package = sys.modules.get(module_name.split(".")[0])
    package_file = getattr(package, "__file__", None)
    if package is not module and package_file and Path(package_file).name == "__init__.py":
        # A plugin inside a package: its helpers and data files count too.
        return list(_files_under(Path(package_file).parent, (".py", ".yml", ".yaml", ".json", ".txt")))
    return [str(module_file)]


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


class ResultCache:
    """Findings by key in `directory`; every failure to read or write is a miss, never an error."""

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

    def get(self, key: str) -> list[Finding] | None:
        """The findings stored under `key`, if the entry is whole and its dependencies are unchanged."""
        try:
            entry = json.loads(self._entry_path(key).read_text(encoding="utf-8"))
            if entry.get("key") != key:
                raise ValueError("entry for another key")
            for dependency, expected in entry["dependencies"]:
                if file_digest(dependency) != expected:
                    return None
            findings = [_finding(item) for item in entry["findings"]]
        except Exception:  # anything unreadable (truncated, hand-edited, another version's) is a miss
            return None
        return findings

    def put(self, key: str, findings: Iterable[Finding], dependencies: Mapping[str, str | None]) -> None:
        """Store an entry atomically (write a temporary file, then rename it into place); the
        dependencies' digests are those of the bytes the check read."""
        entry = {
            "key": key,
            "dependencies": [[path, digest] for path, digest in dependencies.items()],
            "findings": [_as_json(finding) for finding in findings],
        }
        self._write(self._entry_path(key), entry)

    def _write(self, target: Path, entry: Any) -> None:
        import tempfile

        try:
            self._prepare(target.parent)
            handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".json")
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as stream:
                    json.dump(entry, stream, ensure_ascii=False)
                os.replace(temporary, target)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except (OSError, TypeError, ValueError):
            # A read-only checkout, a full disk, or a plugin's finding that JSON cannot hold: no caching.
            pass

    def rules(self) -> dict[str, Rule] | None:
        """The rules as the last run with this fingerprint listed them (without check functions), or None.

        A run answered wholly from the cache needs the rules only to validate --select and for the report;
        reading them here spares importing the rules' data (YAML) and building them.
        """
        try:
            listed = json.loads(self._rules_path().read_text(encoding="utf-8"))
            rules = {item["code"]: _rule(item) for item in listed}
        except Exception:  # unreadable: the rules are built from the plugins instead
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

    def _prepare(self, directory: Path) -> None:
        if directory.is_dir():
            return
        fresh = not self.base.exists()
        directory.mkdir(parents=True, exist_ok=True)
        if fresh:
            # Keep the cache out of version control and out of backups, as pytest and ruff do.
            (self.base / ".gitignore").write_text("# Created by scriptlint\n*\n", encoding="utf-8")
            (self.base / "CACHEDIR.TAG").write_text(_CACHEDIR_TAG, encoding="utf-8")


def _as_json(finding: Finding) -> dict[str, Any]:
    values = {name: getattr(finding, name) for name in _FINDING_FIELDS}
    values["severity"] = finding.severity.label
    return values


def _rule(item: dict[str, Any]) -> Rule:
    return Rule(
        item["code"],
        item["name"],
        item["summary"],
        Severity.parse(item["severity"]),
        explanation=item["explanation"],
        ref=item["ref"],
        url=item["url"],
        plugin=item["plugin"],
    )


def _finding(item: dict[str, Any]) -> Finding:
    values = {name: item[name] for name in _FINDING_FIELDS}
    values["severity"] = Severity.parse(item["severity"])
    return Finding(**values)


def _stamp(path: str) -> str:
    try:
        status = os.stat(path)
    except OSError:
        return "missing"
    return f"{status.st_mtime_ns}:{status.st_size}"


def _files_under(directory: Path, suffixes: tuple[str, ...]) -> Iterable[str]:
    for current, subdirectories, names in os.walk(directory):
        subdirectories[:] = [d for d in subdirectories if d != "__pycache__"]
        for name in names:
            if name.endswith(suffixes):
                yield os.path.join(current, name)


def _files_of(sources: Sequence[Path]) -> set[str]:
    """Pack files given directly or found (*.yml, *.yaml) in the directories given."""
    found: set[str] = set()
    for source in sources:
        if source.is_dir():
            found.update(_files_under(source, (".yml", ".yaml")))
        elif source.exists():
            found.add(str(source))
    return found
