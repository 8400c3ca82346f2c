"""What one run shares across files: the plugins, their rules, packs and template environments.

Nothing here imports Jinja or the analysis: a run answered from the result cache never loads them.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from scriptlint.intake.sources import ArchiveSource
from scriptlint.model.records import record

if TYPE_CHECKING:
    from jinja2 import Environment

    from scriptlint.host.manager import Plugins
    from scriptlint.intake.sources import Source
    from scriptlint.model import Rule
    from scriptlint.model.settings import Settings
    from scriptlint.packs.library import PackLibrary


@record
class Run:
    """What one run shares across files: the plugins, their rules, packs and template environments."""

    plugins: Plugins
    pack_dirs: tuple[Path, ...] = ()
    base_dir: Path = field(default_factory=Path.cwd)
    _environments: dict[tuple[Path, int, bool], Environment] = field(default_factory=dict)

    @property
    def rules(self) -> dict[str, Rule]:
        """Every registered rule by code."""
        return self.plugins.rules

    @cached_property
    def packs(self) -> PackLibrary:
        """Packs from the plugins' hook, then from `packs =` directories in configuration."""
        from scriptlint.packs.library import PackLibrary

        return PackLibrary(self.plugins.pack_sources(self.pack_dirs))

    def environment(self, root: Path, max_bytes: int, follow_links: bool = False) -> Environment:
        """The sandboxed environment whose loader is confined to `root` (one per root and limits)."""
        from scriptlint.analysis.jinja import ConfinedLoader, make_environment

        key = (root, max_bytes, follow_links)
        if key not in self._environments:
            loader = ConfinedLoader(root, max_bytes, follow_links)
            self._environments[key] = make_environment(loader, self.plugins.configure_environment)
        return self._environments[key]

    def environment_for(self, source: Source, max_bytes: int, path: Path) -> Environment:
        """The sandboxed environment for a document's includes: confined to its root on disk, or among its
        archive's members (beside the member first, as on disk without a configuration file, then from the top)."""
        if isinstance(source, ArchiveSource):
            base = path.parent.as_posix()
            return self.archive_environment(
                source.members, source.archive_display, max_bytes, "" if base == "." else base
            )
        return self.environment(source.root, max_bytes, source.follow_links)

    def archive_environment(
        self, members: Mapping[str, bytes], prefix: str, max_bytes: int, base: str = ""
    ) -> Environment:
        """A sandboxed environment whose includes resolve among an archive's members, in memory."""
        from scriptlint.analysis.jinja import MemoryLoader, make_environment

        loader = MemoryLoader(members, prefix, max_bytes, base)
        return make_environment(loader, self.plugins.configure_environment)

    def display(self, path: str | Path) -> str:
        """A path as findings show it: relative to the working directory when inside it, with '/'."""
        text = str(path)
        try:
            relative = os.path.relpath(text, self.base_dir)
        except ValueError:
            return Path(text).as_posix()
        return Path(relative if not relative.startswith("..") else text).as_posix()


def root_of(path: Path, settings: Settings) -> Path:
    """The script root that confines a file's includes: its configuration's directory, else its own."""
    return settings.config_path.parent if settings.config_path is not None else path.parent
