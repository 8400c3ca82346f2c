"""Configuration: discovery of setup.cfg / pyproject.toml sections, parsing, and merging with options."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from dataclasses import field, replace
from pathlib import Path
from typing import Any

from scriptlint.errors import ConfigError
from scriptlint.model import Severity, values
from scriptlint.model.records import record
from scriptlint.model.settings import MERGE_ROLES, Options, Settings
from scriptlint.model.values import Invalid

SETUP_CFG_SECTION = "tool:scriptlint"
# Checked in this order in each directory; the first file with a scriptlint section wins.
CONFIG_FILES = ("setup.cfg", "pyproject.toml")
_CODE_SELECTOR = re.compile(r"ALL|[A-Z]{1,2}[0-9]{0,4}")
_VARIABLE = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)=(.*)", re.DOTALL)
# A configuration file bigger than this is not a configuration file (nor read whole to find out).
MAX_CONFIG_BYTES = 10 * 1024 * 1024


def _text_list(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return tuple(part for part in re.split(r"[,\s]+", value) if part)
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return tuple(item.strip() for item in value if item.strip())
    raise Invalid("expected a comma-separated list or a list of strings")


def parse_codes(value: Any) -> tuple[str, ...]:
    """Rule codes or code prefixes such as PF01, PF, SL0, or ALL (at least one)."""
    codes = tuple(code.upper() for code in _text_list(value))
    if not codes:
        raise Invalid("expected at least one rule code or prefix (such as PF01, PF or ALL)")
    for code in codes:
        if not _CODE_SELECTOR.fullmatch(code):
            raise Invalid(f"{code!r} is not a rule code or prefix (such as PF01, PF or ALL)")
    return codes


def _severity(value: Any) -> Severity:
    if not isinstance(value, str):
        raise Invalid("expected error, warning or info")
    return Severity.parse(value)


def parse_per_file_ignores(value: Any) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """`GLOB: CODES` lines (setup.cfg) or a table of glob to codes (pyproject.toml)."""
    if isinstance(value, dict):
        items = list(value.items())
    elif isinstance(value, str):
        items = []
        for line in value.splitlines():
            if not line.strip():
                continue
            glob, separator, codes = line.rpartition(":")
            if not separator or not glob.strip():
                raise Invalid(f"{line.strip()!r} is not 'GLOB: CODES'")
            items.append((glob.strip(), codes))
    else:
        raise Invalid("expected lines of 'GLOB: CODES'")
    return tuple((str(glob), parse_codes(codes)) for glob, codes in items)


def parse_states(value: Any) -> tuple[str, ...]:
    """USPS codes such as `CA, NV` (at least one: an empty list would silently check no state)."""
    return values.list_of(values.state_code, non_empty=True)(value)


def parse_merge_fields(value: Any) -> dict[str, tuple[str, ...]]:
    """Merge-field names by role: lines `caller: rep_name, agent_id` (or a TOML table of lists)."""
    if isinstance(value, dict):
        entries = [(str(role), names) for role, names in value.items()]
    elif isinstance(value, str):
        entries = []
        for line in value.splitlines():
            if not line.strip():
                continue
            role, separator, names = line.partition(":")
            if not separator:
                raise Invalid(f"{line.strip()!r} is not ROLE: NAME, NAME (roles: {', '.join(MERGE_ROLES)})")
            entries.append((role, names))
    else:
        raise Invalid("expected lines of ROLE: NAME, NAME")
    fields: dict[str, tuple[str, ...]] = {}
    for written, names in entries:
        role = written.strip().lower()
        if role not in MERGE_ROLES:
            raise Invalid(f"unknown merge-field role {role!r} (roles: {', '.join(MERGE_ROLES)})")
        fields[role] = (*fields.get(role, ()), *(name.lower() for name in _text_list(names)))
    return fields


def parse_variables(value: Any) -> dict[str, Any]:
    """`NAME=VALUE` pairs; values are read as YAML scalars (true, 3, text)."""
    items = [value] if isinstance(value, str) and "\n" not in value else value
    if isinstance(items, str):
        items = [line for line in items.splitlines() if line.strip()]
    if not isinstance(items, list):
        raise Invalid("expected NAME=VALUE entries")
    variables: dict[str, Any] = {}
    for item in items:
        match = _VARIABLE.fullmatch(str(item).strip())
        if match is None:
            raise Invalid(f"{item!r} is not NAME=VALUE")
        try:
            import yaml

            variables[match.group(1)] = yaml.safe_load(match.group(2)) if match.group(2).strip() else ""
        except yaml.YAMLError:
            variables[match.group(1)] = match.group(2)
    return variables


@record(frozen=True)
class _Option:
    field: str
    parse: Callable[[Any], Any]


# Every key a configuration file may hold besides manifest defaults, by its long option name.
OPTIONS: dict[str, _Option] = {
    "select": _Option("select", parse_codes),
    "ignore": _Option("ignore", parse_codes),
    "extend-select": _Option("extend_select", parse_codes),
    "per-file-ignores": _Option("per_file_ignores", parse_per_file_ignores),
    "fail-on": _Option("fail_on", _severity),
    "exit-zero": _Option("exit_zero", values.boolean),
    "include": _Option("include", _text_list),
    "exclude": _Option("exclude", _text_list),
    "words-per-minute": _Option("words_per_minute", values.whole_number(60, 400)),
    "disclaimer-position": _Option("disclaimer_position", values.choice(("anywhere", "opening"))),
    "disclaimer-opening-words": _Option("disclaimer_opening_words", values.whole_number(5, 500)),
    "origin-disclosure": _Option("origin_disclosure", values.facilities),
    "origin-disclosure-position": _Option("origin_disclosure_position", values.choice(("opening", "anywhere"))),
    "opening-words": _Option("opening_words", values.whole_number(5, 500)),
    "as-of": _Option("as_of", values.day),
    "max-file-size": _Option("max_file_bytes", values.whole_number(1_024, 100_000_000)),
    "time-limit": _Option("time_limit", values.whole_number(1, 3600)),
    "memory-limit": _Option("memory_limit", values.whole_number(256, 1_048_576)),
    "follow-links": _Option("follow_links", values.boolean),
    "unsuppressible": _Option("unsuppressible", parse_codes),
    "jinja-filters": _Option("jinja_filters", _text_list),
    "jinja-tests": _Option("jinja_tests", _text_list),
    "merge-fields": _Option("merge_fields", parse_merge_fields),
    "packs": _Option("packs", _text_list),
    "disable-plugin": _Option("disable_plugins", _text_list),
    "state": _Option("states", parse_states),
    "var": _Option("variables", parse_variables),
}


def read_config(path: Path) -> Settings:
    """Parse one configuration file into settings; raise ConfigError naming the file and the key."""
    from scriptlint.model import manifest  # the manifest schema is needed only when a file gives defaults

    entries = _read_entries(path)
    changes: dict[str, Any] = {"config_path": path}
    defaults: dict[str, Any] = {}
    for raw_key, value in entries.items():
        key = raw_key.strip()
        as_manifest = key.replace("-", "_")
        if manifest.is_manifest_key(as_manifest):
            defaults[as_manifest] = value
            continue
        option = OPTIONS.get(key.replace("_", "-"))
        where = f"{path}:{_line_of(path, key)}"
        if option is None:
            known = ", ".join(sorted(OPTIONS))
            hint = values.did_you_mean(key.replace("_", "-"), tuple(OPTIONS)) or values.did_you_mean(
                as_manifest, manifest.dotted_keys()
            )
            raise ConfigError(
                f"{where}: unknown key {key!r}{hint}; options are {known}, and manifest defaults such as sponsor.name"
            )
        try:
            parsed = option.parse(value)
        except (Invalid, ValueError) as exc:
            raise ConfigError(f"{where}: {key}: {exc}") from None
        if option.field == "packs":
            parsed = tuple((path.parent / entry).resolve() for entry in parsed)
            missing = [str(entry) for entry in parsed if not entry.exists()]
            if missing:
                raise ConfigError(f"{path}: {key}: no such file or directory: {', '.join(missing)}")
        changes[option.field] = parsed
    nested = manifest.nest(defaults)
    _, problems = manifest.validate(nested)
    if problems:
        raise ConfigError(f"{path}:{_line_of(path, '.'.join(problems[0].keys))}: {problems[0].message}")
    changes["manifest_defaults"] = nested
    return replace(Settings(), **changes)


def _line_of(path: Path, key: str) -> int:
    """The line where a key is written in a configuration file (for messages), else 1."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return 1
    leaf = key.rsplit(".", 1)[-1] if path.suffix == ".toml" else key
    found = re.search(rf"(?m)^[ \t]*\"?{re.escape(leaf)}\"?[ \t]*[=:]", text)
    return text.count("\n", 0, found.start()) + 1 if found else 1


def _read_entries(path: Path) -> dict[str, Any]:
    from scriptlint.intake.files import Refused, read_file

    try:
        text = read_file(path, MAX_CONFIG_BYTES).decode("utf-8")
    except Refused as exc:
        raise ConfigError(f"{path}: cannot read configuration: {exc.message}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: cannot read configuration: not UTF-8 text ({exc.reason})") from None
    if path.name == "pyproject.toml" or path.suffix == ".toml":
        import tomllib

        try:
            document = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: cannot read configuration: {exc}") from None
        if path.name == "pyproject.toml":
            tool = document.get("tool", {})
            table = tool.get("scriptlint", {}) if isinstance(tool, dict) else None
        else:
            table = document
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: [tool.scriptlint] must be a table")
        return _flatten(table)
    import configparser  # only when a configuration file is read

    try:
        parser = configparser.ConfigParser(interpolation=None)
        parser.optionxform = str  # type: ignore[assignment, method-assign]
        parser.read_string(text, source=str(path))
        if not parser.has_section(SETUP_CFG_SECTION):
            return {}
        return dict(parser.items(SETUP_CFG_SECTION))
    except configparser.Error as exc:
        raise ConfigError(f"{path}: cannot read configuration: {exc}") from None


def _flatten(table: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{name}."))
        else:
            flat[name] = value
    return flat


# Any section header that names scriptlint, well formed or not (`[scriptlint]`, `[tool.scriptlint` ...).
_HEADER = re.compile(
    r"(?im)^[ \t]*\[[ \t]*(?P<inner>(?:tool[ \t]*[:.][ \t]*)?scriptlint\b[^\]\n]*?)[ \t]*(?P<close>\])?[ \t]*$"
)


def has_section(path: Path) -> bool:
    """Whether a setup.cfg or pyproject.toml holds a scriptlint section (unreadable files count as yes);
    raise ConfigError naming the line of a section header that is broken or misplaced, which would
    otherwise be ignored without a word."""
    from scriptlint.intake.files import Refused, read_file

    try:
        text = read_file(path, MAX_CONFIG_BYTES).decode("utf-8")
    except (Refused, UnicodeDecodeError):
        return True
    toml = path.suffix == ".toml"
    wanted = "[tool.scriptlint]" if toml else f"[{SETUP_CFG_SECTION}]"
    found = False
    for match in _HEADER.finditer(text):
        inner = " ".join(match.group("inner").split())
        line = text.count("\n", 0, match.start()) + 1
        if toml and match.group("close") and (inner == "tool.scriptlint" or inner.startswith("tool.scriptlint.")):
            found = True
            continue
        if not toml and match.group("close") and inner == SETUP_CFG_SECTION:
            found = True
            continue
        if not match.group("close"):
            problem = f"the section header '[{inner}' is not closed"
        else:
            problem = f"the section [{inner}] is not read by scriptlint"
        raise ConfigError(f"{path}:{line}: {problem}: in {path.name}, write {wanted}")
    return found


@record
class ConfigResolver:
    """Finds and caches the configuration for each directory, and merges options on top."""

    options: Options = field(default_factory=Options)
    explicit: Path | None = None
    disabled: bool = False
    _by_directory: dict[Path, Path | None] = field(default_factory=dict)
    _by_file: dict[Path | None, Settings] = field(default_factory=dict)

    def settings_for(self, target: Path) -> Settings:
        """Settings for a file or directory: its configuration (if any) with the options applied."""
        return self._settings(self.config_path_for(target))

    def config_path_for(self, target: Path) -> Path | None:
        """The configuration file that governs `target`, or None."""
        if self.disabled:
            return None
        if self.explicit is not None:
            return self.explicit
        directory = target if os.path.isdir(target) else target.parent
        return self._discover(Path(os.path.realpath(directory)))

    def _discover(self, directory: Path) -> Path | None:
        if directory in self._by_directory:
            return self._by_directory[directory]
        found: Path | None = None
        for name in CONFIG_FILES:
            candidate = directory / name
            if os.path.isfile(candidate) and has_section(candidate):
                found = candidate
                break
        else:
            at_repository_root = os.path.lexists(directory / ".git") or directory.parent == directory
            found = None if at_repository_root else self._discover(directory.parent)
        self._by_directory[directory] = found
        return found

    def _settings(self, path: Path | None) -> Settings:
        if path not in self._by_file:
            if path is not None and (not os.path.exists(path) or os.path.isdir(path)):
                raise ConfigError(f"{path}: configuration file not found")
            base = read_config(path) if path is not None else Settings()
            self._by_file[path] = apply_options(base, self.options)
        return self._by_file[path]


def apply_options(settings: Settings, options: Options) -> Settings:
    """Command-line and API options win over configuration; --var adds to configured variables."""
    changes: dict[str, Any] = {
        name: value for name, value in vars(options).items() if value is not None and name != "variables"
    }
    if options.variables:
        changes["variables"] = {**settings.variables, **options.variables}
    return replace(settings, **changes)
