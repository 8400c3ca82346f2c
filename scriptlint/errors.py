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


class Overtime(BaseException):
    """A file's check ran past its time limit and was interrupted (scriptlint.run.guard raises it from a timer).

    A BaseException, like KeyboardInterrupt, so that code catching Exception (a plugin, a library) cannot
    swallow it; the check of that file ends with a finding, and the run goes on.
    """
