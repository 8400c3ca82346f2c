"""Packages whose public names are imported on first use (PEP 562): the package root and the model, so that a
run answered from the cache imports (and creates the dataclasses of) only what it uses."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Mapping


def attribute(namespace: dict[str, Any], homes: Mapping[str, str], name: str) -> Any:
    """A package's public name, imported from the module `homes` gives for it and kept in the package's
    `namespace`; else a module of the package; else AttributeError."""
    package = namespace["__name__"]
    home = homes.get(name)
    if home is None:
        if name.startswith("_") or not name.isidentifier():
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        try:
            return importlib.import_module(f"{package}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{package}.{name}":
                raise  # the module exists; something it imports does not
            raise AttributeError(f"module {package!r} has no attribute {name!r}") from None
    value = getattr(importlib.import_module(home), name)
    namespace[name] = value
    return value


def names(namespace: dict[str, Any]) -> list[str]:
    """What `dir()` of such a package lists: what it holds and its public names, loaded or not."""
    return sorted({*namespace, *namespace.get("__all__", ())})
