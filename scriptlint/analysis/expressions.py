"""Static evaluation of Jinja expressions on known constants, and their description in words.

Nothing here executes template code: a small interpreter handles literals, known names, comparisons,
boolean logic and a whitelist of pure filters, with size limits; anything else is UNKNOWN, and the
path analysis then explores every branch.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from jinja2 import nodes


class _Unknown:
    """The value of an expression that cannot be decided statically."""

    _instance: _Unknown | None = None

    def __new__(cls) -> _Unknown:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNKNOWN"


UNKNOWN: Any = _Unknown()

# Results longer than this are not computed (a template cannot make the linter build huge strings).
MAX_TEXT = 10_000

_COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "eq": lambda a, b: bool(a == b),
    "ne": lambda a, b: bool(a != b),
    "lt": lambda a, b: bool(a < b),
    "lteq": lambda a, b: bool(a <= b),
    "gt": lambda a, b: bool(a > b),
    "gteq": lambda a, b: bool(a >= b),
    "in": lambda a, b: a in b,
    "notin": lambda a, b: a not in b,
}
_OPERATOR_TEXT = {
    "eq": "==",
    "ne": "!=",
    "lt": "<",
    "lteq": "<=",
    "gt": ">",
    "gteq": ">=",
    "in": "in",
    "notin": "not in",
}
_NEGATED = {
    "eq": "ne",
    "ne": "eq",
    "lt": "gteq",
    "gteq": "lt",
    "gt": "lteq",
    "lteq": "gt",
    "in": "notin",
    "notin": "in",
}


def _text_filter(function: Callable[[str], str]) -> Callable[..., Any]:
    def apply(value: Any, *args: Any) -> Any:
        return function(str(value)) if isinstance(value, (str, int, float)) else UNKNOWN

    return apply


def _replace(value: Any, old: Any = UNKNOWN, new: Any = UNKNOWN, *_: Any) -> Any:
    if not all(isinstance(part, str) for part in (value, old, new)) or not old:
        return UNKNOWN
    count = value.count(old)
    if len(value) + count * (len(new) - len(old)) > MAX_TEXT:
        return UNKNOWN
    return value.replace(old, new)


FILTERS: dict[str, Callable[..., Any]] = {
    "upper": _text_filter(str.upper),
    "lower": _text_filter(str.lower),
    "title": _text_filter(str.title),
    "capitalize": _text_filter(str.capitalize),
    "trim": _text_filter(str.strip),
    "string": _text_filter(str),
    "replace": _replace,
    "e": lambda value, *_: value,
    "escape": lambda value, *_: value,
    "safe": lambda value, *_: value,
}


def evaluate(node: nodes.Node, known: Mapping[str, Any]) -> Any:
    """The constant value of `node` given the known names, or UNKNOWN."""
    try:
        return _evaluate(node, known)
    except (TypeError, ValueError, KeyError, IndexError, AttributeError, RecursionError):
        return UNKNOWN


def _evaluate(node: nodes.Node, known: Mapping[str, Any]) -> Any:
    if isinstance(node, nodes.Const):
        return node.value
    if isinstance(node, nodes.Name):
        return known.get(node.name, UNKNOWN)
    if isinstance(node, (nodes.List, nodes.Tuple)):
        items = [_evaluate(item, known) for item in node.items]
        return UNKNOWN if any(item is UNKNOWN for item in items) else items
    if isinstance(node, nodes.Not):
        value = _evaluate(node.node, known)
        return UNKNOWN if value is UNKNOWN else not value
    if isinstance(node, nodes.And):
        left = _evaluate(node.left, known)
        if left is not UNKNOWN and not left:
            return left
        right = _evaluate(node.right, known)
        if left is UNKNOWN:
            return right if right is not UNKNOWN and not right else UNKNOWN
        return right
    if isinstance(node, nodes.Or):
        left = _evaluate(node.left, known)
        if left is not UNKNOWN and left:
            return left
        right = _evaluate(node.right, known)
        if left is UNKNOWN:
            return right if right is not UNKNOWN and right else UNKNOWN
        return right
    if isinstance(node, nodes.Compare):
        return _compare(node, known)
    if isinstance(node, nodes.CondExpr):
        test = _evaluate(node.test, known)
        if test is UNKNOWN:
            return UNKNOWN
        branch = node.expr1 if test else node.expr2
        return None if branch is None else _evaluate(branch, known)
    if isinstance(node, (nodes.Getattr, nodes.Getitem)):
        return _lookup(node, known)
    if isinstance(node, nodes.Filter):
        return _filter(node, known)
    if isinstance(node, nodes.Test):
        return _test(node, known)
    if isinstance(node, nodes.Concat):
        parts = [_evaluate(part, known) for part in node.nodes]
        if any(part is UNKNOWN for part in parts) or sum(len(str(part)) for part in parts) > MAX_TEXT:
            return UNKNOWN
        return "".join(str(part) for part in parts)
    if isinstance(node, nodes.Add):
        left, right = _evaluate(node.left, known), _evaluate(node.right, known)
        if isinstance(left, str) and isinstance(right, str) and len(left) + len(right) <= MAX_TEXT:
            return left + right
        if _small_number(left) and _small_number(right):
            return left + right
        return UNKNOWN
    return UNKNOWN


def _small_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and abs(value) < 10**12


def _compare(node: nodes.Compare, known: Mapping[str, Any]) -> Any:
    left = _evaluate(node.expr, known)
    for operand in node.ops:
        right = _evaluate(operand.expr, known)
        if left is UNKNOWN or right is UNKNOWN or operand.op not in _COMPARE:
            return UNKNOWN
        if not _COMPARE[operand.op](left, right):
            return False
        left = right
    return True


def _lookup(node: nodes.Getattr | nodes.Getitem, known: Mapping[str, Any]) -> Any:
    container = _evaluate(node.node, known)
    key = node.attr if isinstance(node, nodes.Getattr) else _evaluate(node.arg, known)
    if isinstance(container, dict) and isinstance(key, str):
        return container.get(key, UNKNOWN)
    if isinstance(container, list) and isinstance(key, int) and not isinstance(key, bool):
        return container[key] if -len(container) <= key < len(container) else UNKNOWN
    return UNKNOWN


def _filter(node: nodes.Filter, known: Mapping[str, Any]) -> Any:
    if node.name in ("default", "d"):
        # Unknown stays unknown: a name missing from `vars` may still be defined when the script runs.
        return _evaluate(node.node, known) if node.node is not None else UNKNOWN
    function = FILTERS.get(node.name)
    if function is None or node.node is None or node.kwargs or node.dyn_args or node.dyn_kwargs:
        return UNKNOWN
    value = _evaluate(node.node, known)
    args = [_evaluate(arg, known) for arg in node.args]
    if value is UNKNOWN or any(arg is UNKNOWN for arg in args):
        return UNKNOWN
    return function(value, *args)


def _test(node: nodes.Test, known: Mapping[str, Any]) -> Any:
    if node.name in ("defined", "undefined") and isinstance(node.node, nodes.Name):
        if node.node.name not in known:
            return UNKNOWN
        return node.name == "defined"
    value = _evaluate(node.node, known)
    if value is UNKNOWN:
        return UNKNOWN
    simple: dict[str, Callable[[Any], bool]] = {
        "none": lambda v: v is None,
        "true": lambda v: v is True,
        "false": lambda v: v is False,
        "string": lambda v: isinstance(v, str),
        "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
        "defined": lambda v: True,
        "undefined": lambda v: False,
    }
    if node.name in simple and not node.args:
        return simple[node.name](value)
    if node.name in ("eq", "equalto", "sameas") and len(node.args) == 1:
        other = _evaluate(node.args[0], known)
        return UNKNOWN if other is UNKNOWN else value == other
    return UNKNOWN


def describe(node: nodes.Node) -> str:
    """Jinja-like source text for an expression, for path conditions and placeholders."""
    if isinstance(node, nodes.Const):
        return repr(node.value) if not isinstance(node.value, bool) else str(node.value).lower()
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return f"{describe(node.node)}.{node.attr}"
    if isinstance(node, nodes.Getitem):
        return f"{describe(node.node)}[{describe(node.arg)}]"
    if isinstance(node, nodes.Compare):
        parts = [describe(node.expr)]
        for operand in node.ops:
            parts += [_OPERATOR_TEXT.get(operand.op, operand.op), describe(operand.expr)]
        return " ".join(parts)
    if isinstance(node, nodes.Not):
        return f"not {_grouped(node.node)}"
    if isinstance(node, nodes.And):
        return f"{_grouped(node.left)} and {_grouped(node.right)}"
    if isinstance(node, nodes.Or):
        return f"{_grouped(node.left)} or {_grouped(node.right)}"
    if isinstance(node, nodes.Filter):
        args = ", ".join(describe(arg) for arg in node.args)
        inner = describe(node.node) if node.node is not None else ""
        return f"{inner}|{node.name}" + (f"({args})" if args else "")
    if isinstance(node, nodes.Test):
        args = " ".join(describe(arg) for arg in node.args)
        return f"{describe(node.node)} is {node.name}" + (f" {args}" if args else "")
    if isinstance(node, nodes.Call):
        args = ", ".join(describe(arg) for arg in node.args)
        return f"{describe(node.node)}({args})"
    if isinstance(node, (nodes.List, nodes.Tuple)):
        return "[" + ", ".join(describe(item) for item in node.items) + "]"
    return type(node).__name__.lower()


def _grouped(node: nodes.Node) -> str:
    text = describe(node)
    return f"({text})" if isinstance(node, (nodes.And, nodes.Or)) else text


def negate(node: nodes.Node) -> str:
    """Words for the condition being false, written as directly as the expression allows."""
    if isinstance(node, nodes.Compare) and len(node.ops) == 1 and node.ops[0].op in _NEGATED:
        op = _NEGATED[node.ops[0].op]
        return f"{describe(node.expr)} {_OPERATOR_TEXT[op]} {describe(node.ops[0].expr)}"
    if isinstance(node, nodes.Not):
        return describe(node.node)
    if isinstance(node, nodes.Test) and node.name in ("defined", "undefined") and not node.args:
        other = "undefined" if node.name == "defined" else "defined"
        return f"{describe(node.node)} is {other}"
    return f"not {_grouped(node)}"


def neither(tests: list[nodes.Node]) -> str | None:
    """`x is neither 'a' nor 'b'` (or `none of`) when every test is `x == constant` on the same x."""
    if len(tests) < 2:
        return None
    subject: str | None = None
    constants: list[str] = []
    for test in tests:
        if not (isinstance(test, nodes.Compare) and len(test.ops) == 1 and test.ops[0].op == "eq"):
            return None
        if not isinstance(test.ops[0].expr, nodes.Const):
            return None
        name = describe(test.expr)
        if subject not in (None, name):
            return None
        subject = name
        constants.append(describe(test.ops[0].expr))
    if len(constants) == 2:
        return f"{subject} is neither {constants[0]} nor {constants[1]}"
    return f"{subject} is none of {', '.join(constants)}"


def static_text(body: Sequence[nodes.Node]) -> str | None:
    """The text of a `{% set x %}...{% endset %}` body if it is literal text only."""
    parts: list[str] = []
    for statement in body:
        if not isinstance(statement, nodes.Output):
            return None
        for child in statement.nodes:
            if isinstance(child, nodes.TemplateData):
                parts.append(child.data)
            elif isinstance(child, nodes.Const) and isinstance(child.value, str):
                parts.append(child.value)
            else:
                return None
    return "".join(parts)


def unknown_arguments(call: nodes.Call, known: list[Mapping[str, Any]]) -> bool:
    """Whether some argument of a call is unknown on some path: a macro calling itself with such
    arguments walks data the template is given (a tree of sections), which bounds it when rendered."""
    arguments = [*call.args, *(keyword.value for keyword in call.kwargs)]
    return any(evaluate(argument, values) is UNKNOWN for values in known for argument in arguments)
