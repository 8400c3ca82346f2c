"""Failures that stop a run (exit 2): bad options, bad configuration, plugins that do not load."""

from __future__ import annotations


class ScriptlintError(Exception):
    """A problem that means scriptlint could not run; its message is shown to the user as is."""


class ConfigError(ScriptlintError):
    """A configuration file or option holds a value scriptlint cannot use."""


class PluginError(ScriptlintError):
    """A plugin failed to load, broke the hook contract or clashed with another plugin."""


class PackError(ScriptlintError):
    """A jurisdiction pack is malformed."""
