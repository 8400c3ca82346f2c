"""Searching a parsed template's tree fast: one walk lists every node, and searches by type read that list.

Jinja's own `find_all` walks the whole tree for every search through generic field iteration; a check
that looks for five kinds of statement walks it five times. Here the tree is walked once, directly over
each node type's fields, in the same order as `find_all` (depth first, parents before their children),
and the list is kept on the tree, whose nodes the analysis never changes once the template is parsed.
"""

from __future__ import annotations

from typing import Any, TypeVar

from jinja2 import nodes

_N = TypeVar("_N", bound=nodes.Node)


def find_nodes(tree: nodes.Node, kind: type[_N] | tuple[type[Any], ...]) -> tuple[_N, ...]:
    """`tuple(tree.find_all(kind))`, the tree walked once for all searches (kept on the tree)."""
    found: dict[Any, tuple[Any, ...]] = tree.__dict__.setdefault("_scriptlint_found", {})
    if kind not in found:
        found[kind] = tuple(node for node in descendants(tree) if isinstance(node, kind))
    return found[kind]


def descendants(tree: nodes.Node) -> tuple[nodes.Node, ...]:
    """Every node under `tree` (not itself), parents before children, in source order (kept on the tree)."""
    listed: tuple[nodes.Node, ...] | None = tree.__dict__.get("_scriptlint_descendants")
    if listed is None:
        listed = tree.__dict__["_scriptlint_descendants"] = tuple(walk(tree))
    return listed


def walk(tree: nodes.Node) -> list[nodes.Node]:
    """Every node under `tree`, in `find_all`'s order, without keeping anything (for a tree still changing)."""
    found: list[nodes.Node] = []
    stack = list(reversed(_children(tree)))
    while stack:
        node = stack.pop()
        found.append(node)
        children = _children(node)
        if children:
            stack.extend(reversed(children))
    return found


def _children(node: nodes.Node) -> list[nodes.Node]:
    children: list[nodes.Node] = []
    for field in node.fields:
        value = getattr(node, field, None)
        if isinstance(value, nodes.Node):
            children.append(value)
        elif isinstance(value, list):
            children.extend(item for item in value if isinstance(item, nodes.Node))
    return children
