"""Finding the `scriptlint` entry points of installed distributions, quickly.

`importlib.metadata.entry_points()` imports the email package and parses every distribution's
metadata: a fifth of a cached one-file run. Installed distributions keep their entry points in
`NAME-VERSION.dist-info/entry_points.txt` on `sys.path`, and the directory name already says the
distribution's name and version, so this module reads just those files. Anything it cannot read that
way (a zip on sys.path) sends the whole lookup to importlib.metadata,
so the answer is the same, only slower.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Iterable, Iterator

from scriptlint.model.records import record


@record(frozen=True)
class PluginEntry:
    """One entry point: its name, `module[:attribute]` value, and the distribution that declares it."""

    name: str
    value: str
    distribution: str
    version: str

    def load(self) -> object:
        """Import the module (and attribute) the entry point names."""
        # "module:attribute [extra1, extra2]": the extras only tell installers what to add.
        module_name, _, attribute = self.value.split("[", 1)[0].partition(":")
        loaded: object = importlib.import_module(module_name.strip())
        for part in attribute.strip().split("."):
            if part:
                loaded = getattr(loaded, part)
        return loaded


def normalise(name: str) -> str:
    """A distribution name as packaging compares them (PEP 503), with underscores."""
    return "".join("_" if char in "-." else char for char in name.lower())


def find(group: str) -> list[PluginEntry]:
    """Every entry point in `group`, the first distribution of each name on sys.path winning."""
    found = _scan(group)
    return found if found is not None else _from_importlib_metadata(group)


def versions(names: Iterable[str]) -> dict[str, str]:
    """The installed version of each named distribution found on sys.path ("" when not found)."""
    wanted = {normalise(name): name for name in names}
    found = dict.fromkeys(wanted.values(), "")
    for _, _, distribution, version in _installed():
        original = wanted.get(normalise(distribution))
        if original is not None:
            found[original] = version
    return found


def _installed() -> Iterator[tuple[str, str, str, str]]:
    """(directory, metadata folder, distribution, version) of every distribution in sys.path's
    directories, the first of each name winning, as importlib.metadata orders them."""
    seen: set[str] = set()
    for location in dict.fromkeys(sys.path):
        directory = location or os.getcwd()
        try:
            names = sorted(os.listdir(directory))
        except OSError:
            continue
        for name in names:
            if name.endswith(".dist-info"):
                distribution, _, version = name[: -len(".dist-info")].partition("-")
            elif name.endswith(".egg-info"):
                # A develop install's metadata: the version is inside PKG-INFO, not in the name.
                distribution = name[: -len(".egg-info")].partition("-")[0]
                version = _header(os.path.join(directory, name, "PKG-INFO"), "Version")
            else:
                continue
            if normalise(distribution) not in seen:
                seen.add(normalise(distribution))
                yield directory, name, distribution, version


def _scan(group: str) -> list[PluginEntry] | None:
    if any(os.path.isfile(location or os.getcwd()) for location in sys.path):
        return None  # A zip on sys.path may hold distributions: leave it to importlib.metadata.
    entries: list[PluginEntry] = []
    for directory, name, distribution, version in _installed():
        try:
            with open(os.path.join(directory, name, "entry_points.txt"), encoding="utf-8") as handle:
                text = handle.read()
        except OSError:
            continue
        pairs = _section(text, group)
        if pairs:
            # The directory name is normalised ("acme_rules"); messages use the declared name.
            metadata = "METADATA" if name.endswith(".dist-info") else "PKG-INFO"
            declared = _header(os.path.join(directory, name, metadata), "Name") or distribution
            entries.extend(PluginEntry(key, value, declared, version) for key, value in pairs)
    return entries


def _header(path: str, field: str) -> str:
    """One field of a core-metadata file's headers (they end at the first blank line)."""
    try:
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                if line.startswith(f"{field}:"):
                    return line.partition(":")[2].strip()
                if not line.strip():
                    break
    except (OSError, UnicodeDecodeError):
        pass
    return ""


def _section(text: str, group: str) -> list[tuple[str, str]]:
    """The `name = value` lines of one `[group]` of an entry_points.txt file."""
    pairs: list[tuple[str, str]] = []
    current = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1].strip()
        elif current == group and "=" in line:
            key, _, value = line.partition("=")
            pairs.append((key.strip(), value.strip()))
    return pairs


def _from_importlib_metadata(group: str) -> list[PluginEntry]:
    import importlib.metadata

    described: dict[int, tuple[str, str]] = {}
    entries = []
    for ep in importlib.metadata.entry_points(group=group):
        dist = ep.dist
        if dist is None:
            distribution, version = "", ""
        else:
            if id(dist) not in described:
                metadata = dist.metadata
                described[id(dist)] = (metadata["Name"] or "", metadata["Version"] or "")
            distribution, version = described[id(dist)]
        entries.append(PluginEntry(ep.name, ep.value, distribution, version))
    return entries
