"""Jurisdiction packs: YAML data files, one per jurisdiction, gathered from plugins and configuration."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from scriptlint.errors import PackError
from scriptlint.intake.decoding import decode
from scriptlint.intake.front_matter import parse_front_matter
from scriptlint.intake.kept_data import kept_yaml
from scriptlint.model import UnreadableDocument
from scriptlint.model.manifest import STATE_CODES
from scriptlint.model.records import record
from scriptlint.packs.schema import parse_rule

if TYPE_CHECKING:
    from scriptlint.packs.schema import PackRule

FEDERAL = "US"
_REQUIRED = ("jurisdiction", "name", "version")
_ALLOWED = frozenset({*_REQUIRED, "rules", "url", "notes", "effective"})


@record(frozen=True)
class Pack:
    """One jurisdiction's data: its identity, version and rule entries, and the file it came from."""

    jurisdiction: str
    name: str
    version: str
    path: Path
    rules: tuple[PackRule, ...] = ()
    url: str | None = None
    effective: str | None = None
    # What the pack covers and does not (for `packs` and the law reference).
    notes: str = ""


@record
class PackLibrary:
    """All packs of a run by jurisdiction; later sources replace earlier packs of the same jurisdiction."""

    sources: list[Path] = field(default_factory=list)

    @cached_property
    def by_jurisdiction(self) -> dict[str, Pack]:
        """Load every pack file once; a malformed pack stops the run (PackError names file and line)."""
        packs: dict[str, Pack] = {}
        for path in _pack_files(self.sources):
            pack = load_pack(path)
            packs[pack.jurisdiction] = pack
        return packs

    def get(self, jurisdiction: str) -> Pack | None:
        """The pack for a USPS code or `US`, if any plugin or configuration provides one."""
        return self.by_jurisdiction.get(jurisdiction)


def _pack_files(sources: Iterable[Path]) -> list[Path]:
    files: list[Path] = []
    for source in sources:
        if source.is_dir():
            files.extend(sorted(p for p in source.iterdir() if p.suffix in (".yml", ".yaml") and p.is_file()))
        elif source.is_file():
            files.append(source)
        else:
            raise PackError(f"{source}: pack file or directory not found")
    return files


def load_pack(path: Path) -> Pack:
    """Read and validate one pack file."""
    try:
        raw_bytes = path.read_bytes()
        # Read back parsed when a run with a cache kept it (scriptlint.intake.kept_data).
        front = kept_yaml(raw_bytes, "pack", lambda: parse_front_matter(decode(raw_bytes), first_line=1, what="pack"))
    except (OSError, UnreadableDocument) as exc:
        raise PackError(f"{path}: cannot read pack: {exc}") from None
    if front.errors:
        line, message = front.errors[0]
        raise PackError(f"{path}:{line}: {message}")
    data, lines = front.data, front.key_lines

    def fail(message: str, *keys: str) -> PackError:
        return PackError(f"{path}:{lines.get(tuple(keys), 1)}: {message}")

    for key in data:
        if key not in _ALLOWED:
            raise fail(f"unknown key {key!r}; allowed: {', '.join(sorted(_ALLOWED))}", str(key))
    for key in _REQUIRED:
        if not isinstance(data.get(key), (str, int, float)) or not str(data.get(key)).strip():
            raise fail(f"{key!r} is required and must be text", key)
    jurisdiction = str(data["jurisdiction"]).upper()
    if jurisdiction != FEDERAL and jurisdiction not in STATE_CODES:
        raise fail(f"jurisdiction {jurisdiction!r} is neither US nor a USPS state code", "jurisdiction")
    raw_rules = data.get("rules") or []
    if not isinstance(raw_rules, list) or not all(isinstance(rule, dict) for rule in raw_rules):
        raise fail("'rules' must be a list of mappings", "rules")
    rules = []
    for raw in raw_rules:
        try:
            rules.append(parse_rule(raw, jurisdiction))
        except ValueError as exc:
            line = _line_of_rule(decode(raw_bytes), raw.get("id"), lines.get(("rules",), 1))
            raise PackError(f"{path}:{line}: rule {raw.get('id', '(no id)')!r}: {exc}") from None
    return Pack(
        jurisdiction=jurisdiction,
        name=str(data["name"]),
        version=str(data["version"]),
        path=path,
        rules=tuple(rules),
        url=str(data["url"]) if data.get("url") else None,
        effective=str(data["effective"]) if data.get("effective") else None,
        notes=" ".join(str(data.get("notes") or "").split()),
    )


def _line_of_rule(text: str, rule_id: object, fallback: int) -> int:
    """The line where a rule's `id:` stands (for messages), else the `rules:` line."""
    if isinstance(rule_id, str):
        for number, line in enumerate(text.splitlines(), start=1):
            if line.strip().lstrip("- ").startswith("id:") and rule_id in line:
                return number
    return fallback
