"""Builds a fresh plugin manager for each run and collects what its plugins provide."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import field, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pluggy

from scriptlint import hookspecs
from scriptlint.errors import Overtime, PluginError
from scriptlint.host.entry_points import find as find_entry_points
from scriptlint.host.entry_points import normalise
from scriptlint.markers import PROJECT_NAME
from scriptlint.model import Document, Formatter, Rule, UnreadableDocument, UnsafeDocument
from scriptlint.model.records import record

if TYPE_CHECKING:
    from scriptlint.host.entry_points import PluginEntry

ENTRY_POINT_GROUP = "scriptlint"
# The one plugin that cannot be disabled: it carries the SL codes (a file that cannot be read or parsed
# must always be reported) and the text loader. Loaders and formatters can be (a site may refuse PDFs).
_CORE_PLUGIN = "scriptlint.host.core_plugin"
_CODE_PATTERN = re.compile(r"[A-Z]{2}[0-9]{2,4}")


@record
class Plugins:
    """A registered set of plugins and the rules and formatters they provide."""

    manager: pluggy.PluginManager
    core_names: frozenset[str]
    # Plugin name -> "distribution version" for entry-point plugins ("registered directly" otherwise).
    distributions: dict[str, str] = field(default_factory=dict)

    def pack_sources(self, extra: Sequence[Path] = ()) -> list[Path]:
        """Pack files and directories from the plugins' hook (registration order), then `extra`."""
        # pluggy calls the last-registered plugin first; earlier plugins' packs come first.
        ordered = list(reversed(self.manager.hook.scriptlint_packs()))
        return [*(Path(p) for provided in ordered for p in provided), *extra]

    @cached_property
    def rules(self) -> dict[str, Rule]:
        """Every rule by code; a code provided twice stops the run naming both plugins."""
        rules: dict[str, Rule] = {}
        for plugin_name, provided in self._call_each("scriptlint_rules"):
            for rule in provided:
                if not isinstance(rule, Rule):
                    raise PluginError(
                        f"plugin {plugin_name!r} returned {type(rule).__name__} from scriptlint_rules;"
                        " expected scriptlint.model.Rule"
                    )
                if not _CODE_PATTERN.fullmatch(rule.code):
                    raise PluginError(
                        f"plugin {plugin_name!r} provides rule code {rule.code!r}: codes are two capital"
                        " letters and two to four digits, such as AC01"
                    )
                if rule.code in rules:
                    raise PluginError(
                        f"rule code {rule.code} is provided by both plugin {rules[rule.code].plugin!r}"
                        f" and plugin {plugin_name!r}; disable one with --disable-plugin"
                    )
                rules[rule.code] = replace(rule, plugin=plugin_name)
        return dict(sorted(rules.items()))

    @cached_property
    def formatters(self) -> dict[str, Formatter]:
        """Every output format by name; a name provided twice stops the run."""
        formatters: dict[str, Formatter] = {}
        owners: dict[str, str] = {}
        for plugin_name, provided in self._call_each("scriptlint_formatters"):
            for formatter in provided:
                if formatter.name in formatters:
                    raise PluginError(
                        f"output format {formatter.name!r} is provided by both plugin"
                        f" {owners[formatter.name]!r} and plugin {plugin_name!r}"
                    )
                if not isinstance(formatter, Formatter):
                    raise PluginError(
                        f"plugin {plugin_name!r} returned {type(formatter).__name__} from scriptlint_formatters;"
                        " expected scriptlint.model.Formatter"
                    )
                formatters[formatter.name] = replace(formatter, plugin=plugin_name)
                owners[formatter.name] = plugin_name
        return formatters

    def disclosures(self, **arguments: Any) -> list[Any]:
        """The statements every plugin's rules look for in a script (`scriptlint paths`); a failure stops the
        run naming the plugin."""
        return [item for _, provided in self._call_each("scriptlint_disclosures", **arguments) for item in provided]

    def configure_environment(self, environment: Any) -> None:
        """Let every plugin adjust a template environment; a failure stops the run naming the plugin."""
        for _ in self._call_each("scriptlint_configure_environment", environment=environment):
            pass

    def load_document(self, **offered: Any) -> tuple[Document | None, str]:
        """The first loader's document for a file (later-registered plugins are asked first, as pluggy's
        firstresult hooks do), and the loader's plugin name; a loader's own failure raises LoaderFailed."""
        caller = self.manager.hook.scriptlint_load_document
        for impl in reversed(caller.get_hookimpls()):
            try:
                document = impl.function(**{name: offered[name] for name in impl.argnames})
            except (UnreadableDocument, UnsafeDocument, MemoryError, KeyboardInterrupt, Overtime):
                raise
            except BaseException as exc:  # a plugin's bug, even SystemExit: that file's finding, not the run's end
                raise LoaderFailed(impl.plugin_name, exc) from exc
            if isinstance(document, Document):
                return document, impl.plugin_name
            if document is not None:
                raise LoaderFailed(impl.plugin_name, TypeError(f"returned {type(document).__name__}, not a Document"))
        return None, ""

    def _call_each(self, hook_name: str, **arguments: Any) -> Iterable[tuple[str, Sequence[Any]]]:
        """Call one hook plugin by plugin, so that a failure and every result can be attributed."""
        caller = getattr(self.manager.hook, hook_name)
        # get_hookimpls() lists implementations in registration order (bundled plugins first).
        for impl in caller.get_hookimpls():
            try:
                provided = impl.function(**{name: arguments[name] for name in impl.argnames})
            except PASSED_THROUGH:
                raise
            except BaseException as exc:
                raise PluginError(
                    f"plugin {impl.plugin_name!r} failed in {hook_name}: {type(exc).__name__}: {exc}"
                ) from exc
            yield impl.plugin_name, list(provided or ())


# What a plugin's failure never hides: the user's Ctrl-C, and a file's time limit running out.
PASSED_THROUGH: tuple[type[BaseException], ...] = (KeyboardInterrupt, Overtime)


class LoaderFailed(Exception):
    """A document loader raised something other than UnreadableDocument or UnsafeDocument: a plugin bug."""

    def __init__(self, plugin: str, error: BaseException) -> None:
        super().__init__(f"{type(error).__name__}: {error}")
        self.plugin = plugin
        self.error = error


def build_plugins(*, disabled: Iterable[str] = (), extra_plugins: Sequence[tuple[str, object]] = ()) -> Plugins:
    """Register the entry-point plugins (bundled first), then `extra_plugins`, and validate them all."""
    manager = pluggy.PluginManager(PROJECT_NAME)
    manager.add_hookspecs(hookspecs)
    disabled_names = set(disabled)
    entry_points = _entry_points()
    known = {ep.name for ep in entry_points} | {name for name, _ in extra_plugins}
    core_names = frozenset(ep.name for ep in entry_points if ep.value.split(":")[0].strip() == _CORE_PLUGIN)
    for name in sorted(disabled_names):
        if name not in known:
            raise PluginError(f"--disable-plugin {name}: no plugin of that name; known: {', '.join(sorted(known))}")
        if name in core_names:
            raise PluginError(f"--disable-plugin {name}: {name!r} is part of the scriptlint core")
    if "core" not in core_names:
        raise PluginError(
            "scriptlint's bundled plugins are not registered: install the package"
            " (python -m pip install .) rather than running it from a source folder"
        )
    plugins = Plugins(manager=manager, core_names=core_names)
    for ep in entry_points:
        if ep.name in disabled_names:
            manager.set_blocked(ep.name)
            continue
        distribution = ep.distribution or "unknown distribution"
        try:
            module = ep.load()
        except Exception as exc:
            raise PluginError(
                f"plugin {ep.name!r} ({ep.value}) from distribution {distribution!r} failed to load:"
                f" {type(exc).__name__}: {exc}"
            ) from exc
        _register(manager, module, ep.name)
        plugins.distributions[ep.name] = f"{distribution} {ep.version}".strip()
    for name, plugin in extra_plugins:
        if name in disabled_names:
            continue
        _register(manager, plugin, name)
        plugins.distributions[name] = "registered directly"
    try:
        manager.check_pending()
    except pluggy.PluginValidationError as exc:
        name = manager.get_name(exc.plugin) or repr(exc.plugin)
        message = str(exc).replace(repr(exc.plugin), repr(name))
        raise PluginError(f"plugin {name!r} does not follow the hook contract: {message}") from exc
    return plugins


def _register(manager: pluggy.PluginManager, plugin: object, name: str) -> None:
    """Register one plugin, turning pluggy's errors into messages that name it."""
    if manager.has_plugin(name):
        raise PluginError(f"two plugins are named {name!r}; plugin names must be unique")
    try:
        manager.register(plugin, name=name)
    except (ValueError, pluggy.PluginValidationError) as exc:
        raise PluginError(f"plugin {name!r} could not be registered: {exc}") from exc


def _entry_points() -> list[PluginEntry]:
    """The group's entry points, scriptlint's own first, each name once per distribution."""
    unique: dict[tuple[str, str], PluginEntry] = {}
    for entry in find_entry_points(ENTRY_POINT_GROUP):
        unique.setdefault((normalise(entry.distribution), entry.name), entry)

    def order(entry: PluginEntry) -> tuple[int, str, str]:
        own = normalise(entry.distribution) == PROJECT_NAME
        return (0 if own else 1, normalise(entry.distribution), entry.name)

    return sorted(unique.values(), key=order)
