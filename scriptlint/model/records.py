"""`record`: a dataclass whose methods cost nothing to define, so that a run only pays for the classes it uses.

Python 3.11's `dataclasses` compiles each generated method from source when the class is defined: about
half a millisecond for a frozen class, and about 55 ms for the ~110 classes a check imports, a fifth of a
one-file check (docs/performance.md), though most of them are never compared, hashed or printed in a run,
and many never built. A record is a real dataclass (its fields, `dataclasses.fields`, `replace`, `asdict`,
`__match_args__` are the library's own) with the same `__init__`, `__repr__`, `__eq__`, `__hash__` and frozen
behaviour, made differently: the comparisons, hash and representation read the fields with one C-level
getter (no compiling), and `__init__` is compiled on the class's first instance, with the same code the
library would write (positional and keyword arguments, defaults, default factories, `__post_init__`). Methods
the class defines itself are kept, as dataclasses keeps them. What it does not take (kw_only and InitVar
fields) is refused when the class is defined, as are what dataclasses refuses there (a field without a
default after one with, a frozen class over a mutable one or the reverse).
"""

from __future__ import annotations

import dataclasses
import operator
import reprlib
from collections.abc import Callable
from typing import Any, TypeVar, dataclass_transform, overload

_T = TypeVar("_T")
_MISSING = dataclasses.MISSING


@overload
def record(cls: type[_T], /) -> type[_T]: ...


@overload
def record(*, frozen: bool = False, slots: bool = False) -> Callable[[type[_T]], type[_T]]: ...


@dataclass_transform(field_specifiers=(dataclasses.field, dataclasses.Field))
def record(
    cls: type[_T] | None = None, /, *, frozen: bool = False, slots: bool = False
) -> type[_T] | Callable[[type[_T]], type[_T]]:
    """`@record`, `@record(frozen=True, slots=True)`: as `@dataclass` with the same options."""

    def wrap(cls: type[_T]) -> type[_T]:
        return _make(cls, frozen, slots)

    return wrap if cls is None else wrap(cls)


def _make(cls: type[_T], frozen: bool, slots: bool) -> type[_T]:
    """The class as a dataclass with no generated methods, then given the record's own."""
    own = {name for name in ("__init__", "__repr__", "__eq__", "__setattr__", "__delattr__") if name in cls.__dict__}
    explicit_hash = "__hash__" in cls.__dict__ and not (cls.__dict__["__hash__"] is None and "__eq__" in own)
    if frozen and own & {"__setattr__", "__delattr__"}:
        raise TypeError(f"a frozen record cannot define __setattr__ or __delattr__: {cls.__qualname__}")
    # As dataclasses: frozen classes inherit only from frozen ones, mutable from mutable ones.
    bases = [
        base.__dict__["__dataclass_params__"] for base in cls.__mro__[1:] if "__dataclass_params__" in base.__dict__
    ]
    frozen_base = any(params.frozen for params in bases)
    if bases and frozen_base != frozen:
        which = ("frozen", "a non-frozen") if frozen else ("non-frozen", "a frozen")
        raise TypeError(f"cannot inherit {which[0]} dataclass from {which[1]} one")
    # Made frozen by dataclasses only over a frozen base (which requires it): its methods are replaced below.
    made: Any = dataclasses.dataclass(cls, init=False, repr=False, eq=False, frozen=frozen_base, slots=slots)
    fields = dataclasses.fields(made)
    _check_fields(made, fields)
    # What the class is, for dataclasses (a dataclass over it checks its base's `frozen`) and for readers
    # (dataclasses made these parameters for this class alone).
    params = made.__dataclass_params__
    params.init, params.repr, params.eq, params.frozen = True, True, True, frozen
    methods: dict[str, Any] = {}
    if "__init__" not in own:
        methods["__init__"] = _first_init(made, fields, frozen)
    if "__repr__" not in own:
        methods["__repr__"] = _repr([f.name for f in fields if f.repr])
    if "__eq__" not in own:
        methods["__eq__"] = _eq(_getter([f.name for f in fields if f.compare]))
    if not explicit_hash:
        # As dataclasses: equal values hash alike when frozen; a mutable value compared by value has no hash.
        hashed = [f.name for f in fields if (f.compare if f.hash is None else f.hash)]
        methods["__hash__"] = _hash(_getter(hashed)) if frozen else None
    if frozen:
        methods["__setattr__"], methods["__delattr__"] = _frozen(made, frozenset(f.name for f in fields))
        if slots:
            # Each one unless the class has its own, as dataclasses does.
            state = dict(zip(("__getstate__", "__setstate__"), _slot_state(), strict=True))
            methods.update((name, method) for name, method in state.items() if name not in cls.__dict__)
    for name, method in methods.items():
        if method is not None:
            method.__qualname__ = f"{made.__qualname__}.{name}"
        setattr(made, name, method)
    return made  # type: ignore[no-any-return]


def _check_fields(cls: Any, fields: tuple[dataclasses.Field[Any], ...]) -> None:
    """Refuse what a record does not do, as the class is defined (not at its first instance)."""
    pseudo = [
        f
        for f in cls.__dataclass_fields__.values()
        if f not in fields
        and (isinstance(f.type, dataclasses.InitVar) or str(f.type).startswith(("InitVar", "dataclasses.InitVar")))
    ]
    if pseudo or any(f.kw_only is True for f in fields):
        raise TypeError(f"records take neither kw_only nor InitVar fields: {cls.__qualname__}")
    defaulted = False
    for f in fields:
        if not f.init:
            continue
        if f.default is not _MISSING or f.default_factory is not _MISSING:
            defaulted = True
        elif defaulted:
            raise TypeError(f"non-default argument {f.name!r} follows default argument in {cls.__qualname__}")


def _getter(names: list[str]) -> Callable[[Any], tuple[Any, ...]]:
    """A function giving the fields' values as one tuple, read in C (`attrgetter` gives a bare value for one
    name, so one name is wrapped)."""
    if not names:
        return lambda _: ()
    if len(names) == 1:
        one = operator.attrgetter(names[0])
        return lambda value: (one(value),)
    getter: Callable[[Any], tuple[Any, ...]] = operator.attrgetter(*names)
    return getter


def _repr(names: list[str]) -> Callable[[Any], str]:
    """`Name(field=value, ...)`, as dataclasses writes it (a value that holds itself shows as `...`)."""

    @reprlib.recursive_repr()
    def __repr__(self: Any) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in names)
        return f"{self.__class__.__qualname__}({shown})"

    return __repr__


def _eq(values: Callable[[Any], tuple[Any, ...]]) -> Callable[[Any, Any], Any]:
    """Equal when of the same class with equal compared fields, as dataclasses compares them."""

    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is self.__class__:
            return values(self) == values(other)
        return NotImplemented

    return __eq__


def _hash(values: Callable[[Any], tuple[Any, ...]]) -> Callable[[Any], int]:
    """The hash of the hashed fields' values, as dataclasses computes it."""

    def __hash__(self: Any) -> int:
        return hash(values(self))

    return __hash__


def _frozen(cls: Any, names: frozenset[str]) -> tuple[Callable[..., None], Callable[..., None]]:
    """Assignment and deletion refused as on a frozen dataclass (FrozenInstanceError)."""

    def __setattr__(self: Any, name: str, value: Any) -> None:
        if type(self) is cls or name in names:
            raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)

    def __delattr__(self: Any, name: str) -> None:
        if type(self) is cls or name in names:
            raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)

    return __setattr__, __delattr__


def _slot_state() -> tuple[Callable[[Any], list[Any]], Callable[[Any, list[Any]], None]]:
    """Pickling of a frozen record with slots, which cannot be restored by assignment (the fields of the
    value's own class: a subclass may have more)."""

    def __getstate__(self: Any) -> list[Any]:
        return [getattr(self, f.name) for f in dataclasses.fields(self)]

    def __setstate__(self: Any, state: list[Any]) -> None:
        for f, value in zip(dataclasses.fields(self), state, strict=True):
            object.__setattr__(self, f.name, value)

    return __getstate__, __setstate__


def _first_init(cls: Any, fields: tuple[dataclasses.Field[Any], ...], frozen: bool) -> Callable[..., None]:
    """An `__init__` that compiles the real one on the class's first instance, puts it in its place and
    runs it (two threads making a first instance at once may both compile it: the same code, either kept)."""

    # The instance is positional only: a field may be named `self`.
    def __init__(instance: Any, /, *args: Any, **kwargs: Any) -> None:
        compiled = _compiled_init(cls, fields, frozen)
        cls.__init__ = compiled
        compiled(instance, *args, **kwargs)

    return __init__


def _compiled_init(cls: Any, fields: tuple[dataclasses.Field[Any], ...], frozen: bool) -> Callable[..., None]:
    """The `__init__` dataclasses would write: the init fields as parameters in order (with their default,
    or a marker standing for their default factory), each field set, then `__post_init__`."""
    scope: dict[str, Any] = {"__object_setattr": object.__setattr__, "__has_factory": _HAS_FACTORY}
    # As dataclasses: a field may be named `self`; a default out of __init__ stays the class's without slots.
    me = "__dataclass_self__" if any(f.name == "self" for f in fields) else "self"
    slotted = "__slots__" in cls.__dict__
    parameters, lines = [me], []
    for f in fields:
        value = f.name
        if f.default_factory is not _MISSING:
            scope[f"__factory_{f.name}"] = f.default_factory
            if f.init:
                parameters.append(f"{f.name}=__has_factory")
                value = f"__factory_{f.name}() if {f.name} is __has_factory else {f.name}"
            else:
                value = f"__factory_{f.name}()"
        elif f.init:
            if f.default is not _MISSING:
                scope[f"__default_{f.name}"] = f.default
                parameters.append(f"{f.name}=__default_{f.name}")
            else:
                parameters.append(f.name)
        elif f.default is not _MISSING and slotted:
            scope[f"__default_{f.name}"] = f.default
            value = f"__default_{f.name}"
        else:
            continue  # neither given nor defaulted (left unset), or the class's own default
        lines.append(f"__object_setattr({me}, {f.name!r}, {value})" if frozen else f"{me}.{f.name} = {value}")
    if hasattr(cls, "__post_init__"):
        lines.append(f"{me}.__post_init__()")
    source = f"def __init__({', '.join(parameters)}):\n" + "".join(f"    {line}\n" for line in lines or ["pass"])
    # The source is built above from the class's own field names (identifiers), nothing else.
    exec(source, scope)
    made: Callable[..., None] = scope["__init__"]
    made.__qualname__ = f"{cls.__qualname__}.__init__"
    made.__module__ = cls.__module__
    return made


class _HasFactory:
    """The default of a parameter whose field has a default factory: replaced by a new value."""

    def __repr__(self) -> str:
        return "<factory>"


_HAS_FACTORY = _HasFactory()
