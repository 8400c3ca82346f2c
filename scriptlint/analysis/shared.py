"""What the walks of one script share: parsed includes, what each lookup read, and spoken pieces; and what
is kept on the nodes themselves because it depends on nothing else (summaries for liveness, searches of a
tree), so that a partial shared by the scripts of a run is looked at once.
"""

from __future__ import annotations

from dataclasses import field
from typing import TYPE_CHECKING, Any, TypeVar

from jinja2 import nodes

from scriptlint.analysis.tree import find_nodes
from scriptlint.model.records import record

if TYPE_CHECKING:
    from scriptlint.analysis.jinja import ParsedTemplate
    from scriptlint.analysis.spoken import Piece
    from scriptlint.model.answers import Hop

_N = TypeVar("_N", bound=nodes.Node)
_LOADS = (nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends)


@record(frozen=True, slots=True)
class NodeSummary:
    """What liveness needs of a subtree: the names it reads or sets, its calls, loads and blocks."""

    names: frozenset[str]
    calls: tuple[nodes.Call, ...]
    loads: tuple[nodes.Include | nodes.Import | nodes.FromImport | nodes.Extends, ...]
    blocks: tuple[nodes.Block, ...]


@record
class SharedCache:
    """What every walk of one script can share: parsed includes, digests and pieces (by node id; the nodes
    stay alive with the templates that hold them)."""

    templates: dict[str, ParsedTemplate] = field(default_factory=dict)
    # Template name -> (source, real path) of every include, import or extends followed: the script's
    # dependencies (the result cache keys on their bytes).
    loaded: dict[str, tuple[str, str]] = field(default_factory=dict)
    # Every template name looked up (loaded, missing or refused), with the SHA-256 of the bytes behind
    # it when it was looked up (None: no such file). The result cache keys on these.
    digests: dict[str, str | None] = field(default_factory=dict)
    # Pieces of literal text by (node id, file, include chain): their spoken and folded forms are kept.
    pieces: dict[tuple[int, str, tuple[Hop, ...]], Piece] = field(default_factory=dict)
    # Pieces an output expression says, by (node id, file, include chain, value; None for a placeholder).
    values: dict[tuple[int, str, tuple[Hop, ...], str | None], Piece] = field(default_factory=dict)

    def find_all(self, ast: nodes.Node, kind: type[_N]) -> tuple[_N, ...]:
        """`ast.find_all(kind)`, the tree walked once for every search (see scriptlint.analysis.tree)."""
        return find_nodes(ast, kind)

    def summary(self, node: nodes.Node) -> NodeSummary:
        """The node's summary, built bottom-up from its children's (each subtree walked once, and kept on
        the node: it depends on nothing else)."""
        cached: NodeSummary | None = node.__dict__.get("_scriptlint_summary")
        if cached is not None:
            return cached
        # Names read, and how (scriptlint.analysis.facts.liveness_names): `x.f` for an attribute read straight
        # off a name, `x.*` for a name read any other way.
        names: set[str] = {node.name, f"{node.name}.*"} if isinstance(node, nodes.Name) else set()
        if isinstance(node, nodes.Getattr) and isinstance(node.node, nodes.Name):
            result = NodeSummary(frozenset({node.node.name, f"{node.node.name}.{node.attr}"}), (), (), ())
            node.__dict__["_scriptlint_summary"] = result
            return result
        calls: list[nodes.Call] = [node] if isinstance(node, nodes.Call) else []
        loads: list[Any] = [node] if isinstance(node, _LOADS) else []
        blocks: list[nodes.Block] = [node] if isinstance(node, nodes.Block) else []
        for child in node.iter_child_nodes():
            part = self.summary(child)
            names |= part.names
            calls.extend(part.calls)
            loads.extend(part.loads)
            blocks.extend(part.blocks)
        result = NodeSummary(frozenset(names), tuple(calls), tuple(loads), tuple(blocks))
        node.__dict__["_scriptlint_summary"] = result
        return result
