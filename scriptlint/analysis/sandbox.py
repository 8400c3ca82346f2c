"""Sandbox escapes by name: what Jinja's sandbox would refuse at render time, found in the parsed template.

Nothing is ever rendered, so none of these could run; they are reported (SL04) because a template that
reaches for Python's internals is an attack, not a call script. Internal attributes are reached by
syntax (`x.__class__`, `x['__class__']`, `x['__cla' ~ 'ss__']`), by filters that take an attribute
name (`|attr`, `|map(attribute=...)`, `|selectattr`, `|sort(attribute=...)`, `|groupby`, `|sum`,
`|unique`, `|min`, `|max`, `|join`, and `|map('attr', ...)`), and by format strings
(`"{0.__class__}".format(x)`, CVE-2016-10745 and CVE-2019-10906; `.format` on a variable, or taken as a
value, only when one of the template's own strings reaches for attributes).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from jinja2 import nodes

from scriptlint.analysis.expressions import evaluate

# Attributes the sandbox refuses (jinja2.sandbox.is_internal_attribute), besides every name starting with "_".
INTERNAL_ATTRIBUTES = frozenset(
    {"mro", "func_globals", "func_code", "gi_frame", "gi_code", "cr_frame", "cr_code", "ag_code", "ag_frame"}
)
# Filters that take an attribute name: (its position among the filter's arguments, its keyword), as in
# Jinja's own signatures; `map` and `attr` are handled apart.
_ATTRIBUTE_ARGUMENT: dict[str, tuple[int | None, str | None]] = {
    "selectattr": (0, None),
    "rejectattr": (0, None),
    "sort": (2, "attribute"),
    "groupby": (0, "attribute"),
    "sum": (0, "attribute"),
    "unique": (1, "attribute"),
    "min": (1, "attribute"),
    "max": (1, "attribute"),
    "join": (1, "attribute"),
    "attr": (0, "name"),
}
_FORMAT_METHODS = ("format", "format_map")
# A replacement field reaching for an attribute or an item; fields hold no brace (linear on any text).
regex_attribute = re.compile(r"\{[^{}]*[.\[]")


class SandboxViolation(Exception):
    """A template reaches for what the sandbox refuses: the message says how, `line` where."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def check_sandbox(everything: Sequence[nodes.Node]) -> None:
    """Raise SandboxViolation for the first way a template reaches for internal attributes (`everything`: its
    nodes in `find_all`'s order, as the parse walks them once: scriptlint.analysis.tree.walk)."""
    # A format string in a variable can only be one of the template's own strings: one that reaches for
    # attributes makes every `.format()` on a value suspect.
    reaching = any(
        (isinstance(node, nodes.Const) and isinstance(node.value, str) and _reaches(node.value))
        or (isinstance(node, nodes.TemplateData) and _reaches(node.data))
        for node in everything
    )
    for node in everything:
        if isinstance(node, nodes.Filter):
            _check_filter(node.name, node.args, node.kwargs, node.lineno)
        elif isinstance(node, nodes.Call):
            _check_format_call(node, reaching)
        elif isinstance(node, nodes.Getattr):
            _check_name(node.attr, node.lineno, "the internal attribute")
        elif isinstance(node, nodes.Getitem):
            # A constant subscript, or one the template computes from constants ('__cla' ~ 'ss__').
            key = node.arg.value if isinstance(node.arg, nodes.Const) else evaluate(node.arg, {})
            if isinstance(key, str):
                _check_name(key, node.lineno, "the internal attribute")
    if reaching:
        called = {id(node.node) for node in everything if isinstance(node, nodes.Call)}
        for access in everything:
            if isinstance(access, nodes.Getattr) and access.attr in _FORMAT_METHODS and id(access) not in called:
                raise SandboxViolation(f"sandbox violation: str.{access.attr} taken as a value", access.lineno)


def _check_filter(name: str, args: Sequence[nodes.Expr], kwargs: Sequence[Any], line: int) -> None:
    """A filter given an attribute name, directly or through `map`."""
    if name == "map":
        keywords = {keyword.key: keyword.value for keyword in kwargs}
        if "attribute" in keywords:
            _check_attribute_argument(keywords["attribute"], line, "|map(attribute=...)")
        if args:
            # `map('attr', '__class__')` applies another filter to each item, with the arguments that follow.
            applied = args[0].value if isinstance(args[0], nodes.Const) else None
            if not isinstance(applied, str):
                raise SandboxViolation("sandbox violation: |map() with a filter named by a variable", line)
            _check_filter(applied, args[1:], kwargs, line)
        return
    position, keyword = _ATTRIBUTE_ARGUMENT.get(name, (None, None))
    given: nodes.Expr | None = None
    if position is not None and len(args) > position:
        given = args[position]
    for item in kwargs:
        if item.key == keyword:
            given = item.value
    if given is not None:
        _check_attribute_argument(given, line, f"|{name}()")
    elif name == "attr":
        raise SandboxViolation("sandbox violation: |attr() used to reach an attribute", line)


def _check_attribute_argument(argument: nodes.Expr, line: int, how: str) -> None:
    value = argument.value if isinstance(argument, nodes.Const) else None
    if not isinstance(value, (str, int)):
        raise SandboxViolation(f"sandbox violation: {how} with an attribute name the template computes", line)
    # Jinja reads "a.b.0" as a path of attributes and indexes.
    for part in str(value).split("."):
        _check_name(part, line, f"{how} on the internal attribute")
    if how == "|attr()" and value in _FORMAT_METHODS:
        raise SandboxViolation(f"sandbox violation: |attr() used to reach str.{value}", line)


def _check_name(name: str, line: int, what: str) -> None:
    if name.startswith("_") or name in INTERNAL_ATTRIBUTES:
        raise SandboxViolation(f"sandbox violation: the template reaches for {what} {name!r}", line)


def _reaches(text: str) -> bool:
    """Whether a format string's fields reach for attributes or items (`{0.__class__}`, `{0[x]}`)."""
    return ("__" in text and "{" in text) or regex_attribute.search(text) is not None


def _check_format_call(node: nodes.Call, reaching: bool) -> None:
    if isinstance(node.node, nodes.Getattr) and node.node.attr in _FORMAT_METHODS:
        # A format string built at run time ("{:<" ~ width ~ "}") is formatted safely by the sandbox: only
        # its constant parts can show an intent to reach attributes ("{0.__class__}").
        receiver = node.node.node
        parts = [receiver, *receiver.find_all(nodes.Const)]
        text = "".join(p.value for p in parts if isinstance(p, nodes.Const) and isinstance(p.value, str))
        if "__" in text or regex_attribute.search(text) or (reaching and not isinstance(receiver, nodes.Const)):
            raise SandboxViolation(f"sandbox violation: str.{node.node.attr}() used to reach attributes", node.lineno)
