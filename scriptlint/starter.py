"""What `scriptlint init` writes: a starter `[tool:scriptlint]` section in setup.cfg (atomically, and never over
a configuration it cannot trust), and the pre-commit snippet it prints."""

from __future__ import annotations

import os
from pathlib import Path

from scriptlint.config import MAX_CONFIG_BYTES, SETUP_CFG_SECTION, has_section
from scriptlint.errors import ConfigError

STARTER_CONFIG = """
[tool:scriptlint]
# Campaign-wide manifest defaults (a script's own front matter wins, key by key).
# call_type = political
# sponsor.name = Friends of Ana Ruiz
# sponsor.authorized_by = Ana Ruiz
# origin.facility = call_center
# origin.state = NV
# target_states = NV
# Which rules run, and what fails the run.
select = ALL
fail-on = warning
# per-file-ignores =
#     legacy/*.j2: CO04
# Codes that inline {# scriptlint: disable=... #} directives may not silence.
unsuppressible = PF
"""


def add_starter_section(directory: Path) -> Path:
    """Append a starter `[tool:scriptlint]` section to the folder's setup.cfg (written atomically); raise
    ConfigError, writing nothing, when a section exists already (in setup.cfg, or in pyproject.toml, which
    a new setup.cfg section would silently override) or when setup.cfg cannot be read as configuration."""
    import configparser

    from scriptlint.intake.files import Refused, read_file, write_atomically

    pyproject = directory / "pyproject.toml"
    if os.path.lexists(pyproject) and has_section(pyproject):
        raise ConfigError(
            "pyproject.toml already has a [tool.scriptlint] section (or cannot be read); a setup.cfg section"
            " would silently take its place: nothing written"
        )
    target = directory / "setup.cfg"
    existing = ""
    if os.path.lexists(target):
        try:
            existing = read_file(target, MAX_CONFIG_BYTES).decode("utf-8")
        except Refused as exc:
            raise ConfigError(f"setup.cfg: {exc.message}; nothing written") from None
        except UnicodeDecodeError as exc:
            line = exc.object[: exc.start].count(b"\n") + 1
            raise ConfigError(
                f"setup.cfg is not UTF-8 text (byte 0x{exc.object[exc.start]:02x} on line {line}): save it as UTF-8;"
                " nothing written"
            ) from None
        parser = configparser.ConfigParser(interpolation=None)
        try:
            parser.read_string(existing, source=str(target))
        except configparser.Error as exc:
            raise ConfigError(f"setup.cfg cannot be read as configuration ({exc}); nothing written") from None
        if parser.has_section(SETUP_CFG_SECTION):
            raise ConfigError("setup.cfg already has a [tool:scriptlint] section; nothing written")
    separator = "\n" if existing and not existing.endswith("\n") else ""
    write_atomically(target, existing + separator + STARTER_CONFIG.lstrip("\n"))
    return target
