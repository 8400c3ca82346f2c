"""The run fingerprint: a digest of everything a cached answer depends on besides the file and its settings
(scriptlint's and the plugins' versions and code, the libraries that read templates and documents, the packs)."""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from scriptlint.host.entry_points import versions
from scriptlint.intake.decoding import file_digest
from scriptlint.markers import __version__

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from scriptlint.host.manager import Plugins

_LIBRARIES = ("Jinja2", "regex", "PyYAML", "pluggy", "python-docx", "pypdf", "lxml", "MarkupSafe")


def run_fingerprint(plugins: Plugins, pack_sources: Sequence[Path], cache_format: int) -> str:
    """A digest of what every file's answer depends on besides the file and its settings."""
    digest = hashlib.sha256()
    digest.update(f"scriptlint {__version__} format {cache_format} python {sys.version_info[:2]}\n".encode())
    # The libraries that read templates, YAML, patterns and documents change answers when upgraded.
    for library, version in sorted(versions(_LIBRARIES).items()):
        digest.update(f"library {library} {version}\n".encode())
    code_files: set[str] = set()
    # Each folder is listed once: the bundled plugins all live in one package.
    walked: dict[Path, list[str]] = {}
    for name, plugin in sorted(plugins.manager.list_name_plugin(), key=lambda item: item[0]):
        distribution = plugins.distributions.get(name, "registered directly")
        digest.update(f"plugin {name} {distribution}\n".encode())
        code_files.update(_plugin_files(plugin, walked))
    # scriptlint's own code and the bundled plugins' wording data: every file of both packages.
    for package in ("scriptlint", "scriptlint_plugins"):
        module = sys.modules.get(package)
        if module is not None and module.__file__:
            code_files.update(_listed(Path(module.__file__).parent, walked))
    for path in sorted(code_files):
        digest.update(f"code {path} {_stamp(path)}\n".encode())
    for pack_file in sorted(_files_of(pack_sources)):
        digest.update(f"pack {pack_file} {file_digest(pack_file)}\n".encode())
    return digest.hexdigest()


def _plugin_files(plugin: object, walked: dict[Path, list[str]]) -> Iterable[str]:
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
        return _listed(Path(package_file).parent, walked)
    return [str(module_file)]


def _listed(directory: Path, walked: dict[Path, list[str]]) -> list[str]:
    """The code and data files under a package's folder, listed once per fingerprint."""
    if directory not in walked:
        walked[directory] = list(_files_under(directory, (".py", ".yml", ".yaml", ".json", ".txt")))
    return walked[directory]


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
