"""Path analysis: follow a parsed template statically and list the variants of what it can say.

This first version follows output, if/elif/else, include, import of macros, macro calls and call
blocks, extends with blocks and super(), for loops (body zero or one time), set and with. Names
known from the manifest's `vars` are evaluated; unknown conditions explore every branch.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any

from jinja2 import Environment, TemplateNotFound, nodes

from scriptlint.expressions import UNKNOWN, describe, evaluate, negate
from scriptlint.templates import OutsideRoot, ParsedTemplate, TemplateProblem, parse
from scriptlint.variants import SLOT, Hop, Piece, Variant

# More distinct paths than this stop the analysis of the file with SL04.
MAX_VARIANTS = 4096
MAX_INCLUDE_DEPTH = 20


@dataclass(frozen=True)
class Choice:
    """Alternatives at one point of the template: each branch has its condition in words and its items."""

    branches: tuple[tuple[str | None, tuple[Item, ...]], ...]


Item = Piece | Choice


@dataclass
class _Macro:
    node: nodes.Macro
    template: ParsedTemplate
    via: tuple[Hop, ...]
    display: str


@dataclass
class _Context:
    """Where the walk is: which template and file, what is known, and which macros and blocks exist."""

    environment: Environment
    template: ParsedTemplate
    display: str
    via: tuple[Hop, ...]
    known: dict[str, Any]
    display_of: Callable[[str], str]
    macros: dict[str, _Macro] = field(default_factory=dict)
    namespaces: dict[str, dict[str, _Macro]] = field(default_factory=dict)
    blocks: dict[str, list[tuple[nodes.Block, _Context]]] = field(default_factory=dict)
    caller: tuple[list[nodes.Node], _Context] | None = None
    super_block: Callable[[], list[Item]] | None = None
    stack: tuple[str, ...] = ()

    def child(self, **changes: Any) -> _Context:
        return replace(self, known=dict(self.known), **changes)


def analyse(
    environment: Environment,
    template: ParsedTemplate,
    display: str,
    known: Mapping[str, Any],
    display_of: Callable[[str], str],
    words_per_minute: int,
) -> tuple[Variant, ...]:
    """Every variant of the template; raise TemplateProblem for unresolvable or unsafe templates."""
    context = _Context(environment, template, display, (), dict(known), display_of, stack=(template.name,))
    items = _template(template.ast, context)
    variants = []
    for pieces, conditions in _expand(items):
        variants.append(Variant(tuple(pieces), tuple(conditions), words_per_minute))
    return tuple(variants)


def _expand(items: Sequence[Item]) -> Iterator[tuple[list[Piece], list[str]]]:
    partial: list[tuple[list[Piece], list[str]]] = [([], [])]
    for item in items:
        if isinstance(item, Piece):
            for pieces, _ in partial:
                pieces.append(item)
            continue
        grown: list[tuple[list[Piece], list[str]]] = []
        for (pieces, conditions), (condition, branch) in itertools.product(partial, item.branches):
            for more, more_conditions in _expand(branch):
                extra = [condition] if condition else []
                grown.append((pieces + more, conditions + extra + more_conditions))
                if len(grown) > MAX_VARIANTS:
                    raise TemplateProblem("SL04", f"the template has more than {MAX_VARIANTS:,} distinct paths", 1)
        partial = grown
    yield from partial


def _template(ast: nodes.Template, context: _Context) -> list[Item]:
    extends = next((node for node in ast.body if isinstance(node, nodes.Extends)), None)
    if extends is None:
        return _body(ast.body, context)
    # A child template only runs its top-level set/import statements; its blocks fill the parent's.
    for node in ast.body:
        if isinstance(node, (nodes.Assign, nodes.Import, nodes.FromImport, nodes.Macro)):
            _body([node], context)
    for block in ast.find_all(nodes.Block):
        # Most-derived first: a grandchild's blocks were added before this child's.
        context.blocks.setdefault(block.name, []).append((block, context))
    parent, parent_context = _load(extends.template, extends, context, "extends")
    if parent is None:
        return []
    parent_context.blocks = context.blocks
    with _reached_through(extends, "extends", parent_context):
        return _template(parent.ast, parent_context)


def _body(body: Sequence[nodes.Node], context: _Context) -> list[Item]:
    items: list[Item] = []
    for node in body:
        items.extend(_statement(node, context))
    return items


def _statement(node: nodes.Node, context: _Context) -> list[Item]:
    if isinstance(node, nodes.Output):
        return [item for child in node.nodes for item in _output(child, context)]
    if isinstance(node, nodes.If):
        return _if(node, context)
    if isinstance(node, nodes.For):
        return _for(node, context)
    if isinstance(node, nodes.Assign):
        _assign(node.target, evaluate(node.node, context.known), context)
        return []
    if isinstance(node, nodes.AssignBlock):
        items = _body(node.body, context)
        value = _constant_text(items)
        _assign(node.target, UNKNOWN if value is None else value, context)
        return []
    if isinstance(node, nodes.With):
        inner = context.child()
        for target, expression in zip(node.targets, node.values, strict=True):
            _assign(target, evaluate(expression, context.known), inner)
        return _body(node.body, inner)
    if isinstance(node, nodes.Macro):
        context.macros[node.name] = _Macro(node, context.template, context.via, context.display)
        return []
    if isinstance(node, nodes.CallBlock):
        return _call(node.call, context, caller=(node.body, context)) or []
    if isinstance(node, nodes.Include):
        return _include(node, context)
    if isinstance(node, (nodes.Import, nodes.FromImport)):
        _import(node, context)
        return []
    if isinstance(node, nodes.Block):
        return _block(node, context)
    if isinstance(node, (nodes.FilterBlock, nodes.Scope, nodes.ScopedEvalContextModifier)):
        return _body(node.body, context.child() if isinstance(node, nodes.Scope) else context)
    return []


def _output(node: nodes.Node, context: _Context) -> list[Item]:
    template = context.template
    offset = template.offset_of(node)
    line, column = template.line_column(offset) if offset is not None else (node.lineno, 1)
    if isinstance(node, nodes.TemplateData):
        return [Piece(node.data, context.display, line, column, True, None, context.via)] if node.data else []
    if isinstance(node, nodes.Call):
        expanded = _call(node, context, caller=None)
        if expanded is not None:
            return expanded
    value = evaluate(node, context.known)
    if value is UNKNOWN or isinstance(value, (dict, list)):
        return [Piece(SLOT, context.display, line, column, False, describe(node), context.via)]
    text = "" if value is None else str(value)
    return [Piece(text, context.display, line, column, False, None, context.via)] if text else []


def _if(node: nodes.If, context: _Context) -> list[Item]:
    branches: list[tuple[str | None, tuple[Item, ...]]] = []
    negations: list[str] = []
    outcomes: list[dict[str, Any]] = []
    taken: list[nodes.Node] | None = None
    for test, body in [(node.test, node.body), *((elif_.test, elif_.body) for elif_ in node.elif_)]:
        value = evaluate(test, context.known)
        if value is UNKNOWN:
            words = " and ".join([*negations, describe(test)])
            branches.append((words, _branch(body, context, outcomes)))
            negations.append(negate(test))
        elif value:
            taken = body
            break
    if not branches:
        return _body(taken if taken is not None else node.else_, context)
    last = taken if taken is not None else node.else_
    branches.append((" and ".join(negations) or None, _branch(last, context, outcomes)))
    # `{% set %}` inside an if leaks into the enclosing scope (Jinja has no if-scope): afterwards a name
    # keeps its value only if every branch left it with the same value.
    context.known = {
        name: value
        for name, value in outcomes[0].items()
        if all(name in other and other[name] == value for other in outcomes[1:])
    }
    return [Choice(tuple(branches))]


def _branch(body: Sequence[nodes.Node], context: _Context, outcomes: list[dict[str, Any]]) -> tuple[Item, ...]:
    """Walk one branch with its own copy of the known names, recording what it leaves behind."""
    inner = context.child()
    items = tuple(_body(body, inner))
    outcomes.append(inner.known)
    return items


def _for(node: nodes.For, context: _Context) -> list[Item]:
    sequence = evaluate(node.iter, context.known)
    inner = context.child()
    _assign(node.target, sequence[0] if isinstance(sequence, list) and sequence else UNKNOWN, inner)
    if isinstance(sequence, list) and node.test is None:
        return _body(node.body, inner) if sequence else _body(node.else_, context)
    name = describe(node.iter)
    return [
        Choice(
            (
                (f"{name} has items", tuple(_body(node.body, inner))),
                (f"{name} is empty", tuple(_body(node.else_, context))),
            )
        )
    ]


def _assign(target: nodes.Node, value: Any, context: _Context) -> None:
    if isinstance(target, nodes.Name):
        if value is UNKNOWN:
            context.known.pop(target.name, None)
        else:
            context.known[target.name] = value
    elif isinstance(target, nodes.Tuple):
        values = value if isinstance(value, list) and len(value) == len(target.items) else None
        for index, item in enumerate(target.items):
            _assign(item, values[index] if values else UNKNOWN, context)


def _constant_text(items: Sequence[Item]) -> str | None:
    if any(isinstance(item, Choice) or item.slot is not None for item in items):
        return None
    return "".join(item.text for item in items if isinstance(item, Piece))


def _call(call: nodes.Call, context: _Context, caller: tuple[list[nodes.Node], _Context] | None) -> list[Item] | None:
    target = call.node
    macro: _Macro | None = None
    if isinstance(target, nodes.Name):
        if target.name == "super" and context.super_block is not None:
            return context.super_block()
        if target.name == "caller" and context.caller is not None:
            body, caller_context = context.caller
            return _body(body, caller_context)
        macro = context.macros.get(target.name)
    elif isinstance(target, nodes.Getattr) and isinstance(target.node, nodes.Name):
        macro = context.namespaces.get(target.node.name, {}).get(target.attr)
    if macro is None:
        return None
    if len(context.stack) > MAX_INCLUDE_DEPTH * 4:
        raise TemplateProblem("SL04", f"macro {macro.node.name!r} calls itself too deeply", call.lineno)
    inner = context.child(
        template=macro.template, display=macro.display, via=macro.via, caller=caller, stack=(*context.stack, "macro")
    )
    arguments = [evaluate(arg, context.known) for arg in call.args]
    keywords = {kw.key: evaluate(kw.value, context.known) for kw in call.kwargs}
    defaults = dict(zip(reversed(macro.node.args), reversed(macro.node.defaults), strict=False))
    for index, parameter in enumerate(macro.node.args):
        if index < len(arguments):
            value = arguments[index]
        elif parameter.name in keywords:
            value = keywords[parameter.name]
        elif parameter in defaults:
            value = evaluate(defaults[parameter], context.known)
        else:
            value = UNKNOWN
        _assign(parameter, value, inner)
    return _body(macro.node.body, inner)


def _load(
    name_node: nodes.Node, statement: nodes.Node, context: _Context, verb: str, ignore_missing: bool = False
) -> tuple[ParsedTemplate | None, _Context]:
    value = evaluate(name_node, context.known)
    names = value if isinstance(value, list) else [value]
    if value is UNKNOWN or not all(isinstance(name, str) for name in names):
        raise TemplateProblem(
            "SL04",
            f"{verb} of {describe(name_node)}: the template name is not a constant, so it cannot be"
            " followed (give the variable a value in the manifest's vars)",
            statement.lineno,
        )
    loader = context.environment.loader
    assert loader is not None
    for name in names:
        try:
            source, found_as, _ = loader.get_source(context.environment, name)
        except OutsideRoot as exc:
            raise TemplateProblem("SL04", f"{verb} refused: {exc.message}", statement.lineno) from None
        except TemplateNotFound as exc:
            if name is names[-1] and not ignore_missing:
                raise TemplateProblem("SL02", f"{verb} cannot be resolved: {exc.message}", statement.lineno) from None
            continue
        filename = found_as or name
        if filename in context.stack:
            raise TemplateProblem("SL04", f"{verb} of {name!r} forms a cycle", statement.lineno)
        if len(context.stack) > MAX_INCLUDE_DEPTH:
            raise TemplateProblem("SL04", f"{verb}s nested more than {MAX_INCLUDE_DEPTH} deep", statement.lineno)
        try:
            parsed = parse(context.environment, source, filename)
        except TemplateProblem as exc:
            where = f"in {context.display_of(filename)}, line {exc.line} (reached by {verb})"
            raise TemplateProblem(exc.code, f"{where}: {exc.message}", statement.lineno) from None
        display = context.display_of(filename)
        hop = Hop(context.display, statement.lineno, verb, name)
        inner = context.child(
            template=parsed,
            display=display,
            via=(*context.via, hop),
            stack=(*context.stack, filename),
            macros={},
            namespaces={},
            blocks={},
        )
        return parsed, inner
    return None, context


@contextmanager
def _reached_through(statement: nodes.Node, verb: str, inner: _Context) -> Iterator[None]:
    """Report a problem deep inside an included template at the statement that reached it."""
    try:
        yield
    except TemplateProblem as exc:
        where = f"in {inner.display}, line {exc.line} (reached by {verb})"
        raise TemplateProblem(exc.code, f"{where}: {exc.message}", statement.lineno) from None


def _include(node: nodes.Include, context: _Context) -> list[Item]:
    parsed, inner = _load(node.template, node, context, "include", node.ignore_missing)
    if parsed is None:
        return []
    if not node.with_context:
        inner.known = {}
    with _reached_through(node, "include", inner):
        return _template(parsed.ast, inner)


def _import(node: nodes.Import | nodes.FromImport, context: _Context) -> None:
    parsed, inner = _load(node.template, node, context, "import")
    if parsed is None:
        return
    with _reached_through(node, "import", inner):
        _template(parsed.ast, inner)  # Runs the imported template's top level to collect its macros.
    if isinstance(node, nodes.Import):
        context.namespaces[node.target] = dict(inner.macros)
        return
    for entry in node.names:
        name, alias = entry if isinstance(entry, tuple) else (entry, entry)
        if name in inner.macros:
            context.macros[alias] = inner.macros[name]


def _block(node: nodes.Block, context: _Context) -> list[Item]:
    overrides = context.blocks.get(node.name, [])
    chain = [*overrides, (node, context)]
    return _block_chain(chain, 0)


def _block_chain(chain: list[tuple[nodes.Block, _Context]], index: int) -> list[Item]:
    """A block's most-derived body; `super()` anywhere inside it renders the next one up the chain."""
    block, owner = chain[index]
    parent_block = (lambda: _block_chain(chain, index + 1)) if index + 1 < len(chain) else None
    return _body(block.body, owner.child(super_block=parent_block))
