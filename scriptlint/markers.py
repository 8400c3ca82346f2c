"""What the package root and every plugin share: the version and the hook markers (imports nothing of ours)."""

from __future__ import annotations

import pluggy

__version__ = "0.2.1"

PROJECT_NAME = "scriptlint"

hookspec = pluggy.HookspecMarker(PROJECT_NAME)
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)
