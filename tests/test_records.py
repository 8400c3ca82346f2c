"""`record` behaves as `dataclass` with the same options: built, compared, hashed, shown, frozen, replaced and
pickled alike, checked side by side on the same class bodies (hand-picked shapes and generated ones)."""

from __future__ import annotations

import copy
import dataclasses
import functools
import operator
import pickle
import re
import threading
from dataclasses import FrozenInstanceError, InitVar, field
from pathlib import Path
from typing import Any, ClassVar

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scriptlint.model.records import record

REPO = Path(__file__).resolve().parents[1]


# Module-level pairs, so that pickle finds them by name.
@dataclasses.dataclass(frozen=True, slots=True)
class FrozenSlotsDC:
    """A frozen value with slots, as dataclass makes it."""

    name: str
    count: int = 0
    tags: tuple[str, ...] = field(default_factory=tuple)
    note: str = field(default="", compare=False, repr=False)


@record(frozen=True, slots=True)
class FrozenSlotsRecord:
    """The same as a record."""

    name: str
    count: int = 0
    tags: tuple[str, ...] = field(default_factory=tuple)
    note: str = field(default="", compare=False, repr=False)


@dataclasses.dataclass
class MutableDC:
    """A mutable value with a factory, a field left out of __init__ and a __post_init__."""

    items: list[int] = field(default_factory=list)
    total: int = field(init=False, default=0)
    seen: set[int] = field(init=False, default_factory=set)
    unset: int = field(init=False, repr=False, compare=False)
    limit: ClassVar[int] = 3

    def __post_init__(self) -> None:
        self.total = sum(self.items)


@record
class MutableRecord:
    """The same as a record."""

    items: list[int] = field(default_factory=list)
    total: int = field(init=False, default=0)
    seen: set[int] = field(init=False, default_factory=set)
    unset: int = field(init=False, repr=False, compare=False)
    limit: ClassVar[int] = 3

    def __post_init__(self) -> None:
        self.total = sum(self.items)


PAIRS = [(FrozenSlotsDC, FrozenSlotsRecord), (MutableDC, MutableRecord)]


def _same_shape(made: Any, expected: Any) -> None:
    """Both values hold the same fields with the same values (their classes differ by name)."""
    assert [f.name for f in dataclasses.fields(made)] == [f.name for f in dataclasses.fields(expected)]
    for f in dataclasses.fields(expected):
        assert hasattr(made, f.name) == hasattr(expected, f.name)
        if hasattr(expected, f.name):
            assert getattr(made, f.name) == getattr(expected, f.name)


def _shown(value: Any) -> str:
    """The representation without the class's name."""
    return re.sub(r"^\w+", "", repr(value))


@pytest.mark.parametrize(("dc", "rec"), PAIRS, ids=lambda c: c.__name__)
def test_records_build_and_show_as_dataclasses(dc: Any, rec: Any) -> None:
    calls: list[tuple[tuple[Any, ...], dict[str, Any]]] = (
        [((), {"name": "a"}), (("a", 2), {}), (("a",), {"count": 3, "tags": ("x",)}), (("a", 1, ("t",), "n"), {})]
        if dc is FrozenSlotsDC
        else [((), {}), (([1, 2],), {}), ((), {"items": [4]})]
    )
    for args, kwargs in calls:
        made, expected = rec(*args, **kwargs), dc(*args, **kwargs)
        _same_shape(made, expected)
        assert _shown(made) == _shown(expected)
        assert made.__match_args__ == expected.__match_args__


@pytest.mark.parametrize(("dc", "rec"), PAIRS, ids=lambda c: c.__name__)
def test_records_refuse_wrong_arguments_as_dataclasses(dc: Any, rec: Any) -> None:
    wrong: list[tuple[tuple[Any, ...], dict[str, Any]]] = [
        (("a", 1, (), "", "extra"), {}),
        ((), {"nothing": 1}),
        (("a",), {"name": "b"}),
    ]
    if dc is FrozenSlotsDC:
        wrong.append(((), {}))
    else:
        wrong.append(((), {"total": 1}))
    for args, kwargs in wrong:
        with pytest.raises(TypeError) as expected:
            dc(*args, **kwargs)
        with pytest.raises(TypeError) as made:
            rec(*args, **kwargs)
        # The same words (Python writes them for both), naming the class's own __init__.
        assert str(made.value).replace(rec.__name__, dc.__name__) == str(expected.value)


def test_frozen_records_compare_hash_and_refuse_changes_as_dataclasses() -> None:
    one, same, other = FrozenSlotsRecord("a", 1, note="x"), FrozenSlotsRecord("a", 1, note="y"), FrozenSlotsRecord("b")
    assert one == same and one != other and hash(one) == hash(same)
    assert hash(one) == hash(FrozenSlotsDC("a", 1, note="x"))  # the same hash as the dataclass's
    assert one != FrozenSlotsDC("a", 1, note="x")  # type: ignore[comparison-overlap] # never equal to another class
    assert (one == "a") is False  # type: ignore[comparison-overlap]
    with pytest.raises(FrozenInstanceError):
        one.name = "b"  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        del one.count
    assert dataclasses.replace(one, count=5) == FrozenSlotsRecord("a", 5)
    assert dataclasses.asdict(one) == dataclasses.asdict(FrozenSlotsDC("a", 1, note="x"))
    for copied in (pickle.loads(pickle.dumps(one)), copy.copy(one), copy.deepcopy(one)):
        assert copied == one and copied.note == "x"


def test_mutable_records_compare_by_value_and_have_no_hash() -> None:
    first, second = MutableRecord([1, 2]), MutableRecord([1, 2])
    assert first == second and first.total == 3 and first.seen == set()
    assert first.seen is not second.seen  # each instance has its own
    assert not hasattr(first, "unset")
    first.items.append(3)
    first.total = 6
    assert first != second
    with pytest.raises(TypeError):
        hash(first)
    restored = pickle.loads(pickle.dumps(first))
    assert restored == first and restored.total == 6


def test_methods_a_class_defines_are_kept() -> None:
    @record(frozen=True)
    class Own:
        """Defines its own representation, equality and hash."""

        value: int

        def __repr__(self) -> str:
            return "own"

        def __eq__(self, other: object) -> bool:
            return isinstance(other, Own) and other.value % 2 == self.value % 2

        def __hash__(self) -> int:
            return self.value % 2

    assert repr(Own(1)) == "own" and Own(1) == Own(3) and hash(Own(3)) == 1


def test_a_self_holding_value_shows_as_dataclasses_show_it() -> None:
    @record
    class Node:
        """Holds a list that may hold itself."""

        children: list[Any] = field(default_factory=list)

    node = Node()
    node.children.append(node)
    assert repr(node) == "test_a_self_holding_value_shows_as_dataclasses_show_it.<locals>.Node(children=[...])"


def test_init_is_compiled_once_on_the_first_instance() -> None:
    @record(frozen=True)
    class Lazy:
        """Never built before this test."""

        value: int = 1

    stub = Lazy.__dict__["__init__"]
    results: list[Any] = []

    def build() -> None:
        results.append(Lazy(2))

    threads = [threading.Thread(target=build) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    compiled = Lazy.__dict__["__init__"]
    assert compiled is not stub and results == [Lazy(2)] * 8
    assert Lazy() == Lazy(1) and Lazy.__dict__["__init__"] is compiled


def test_subclasses_of_records_build_their_own_fields() -> None:
    @record
    class Base:
        """A base with a field."""

        first: int

    @record
    class Child(Base):
        """Adds a defaulted field."""

        second: str = "s"

    assert Child(1) == Child(1, "s") and Child(1).second == "s" and Base(1) != Child(1)
    assert Child.__dict__["__init__"] is not Base.__dict__["__init__"]


@record(frozen=True, slots=True)
class SlotsBase:
    """A frozen base with slots."""

    first: int


@record(frozen=True)
class FrozenChild(SlotsBase):
    """Adds a field, without slots."""

    second: int = 0


@record(frozen=True, slots=True)
class OwnState:
    """Pickles its own way, half of it."""

    value: int

    def __getstate__(self) -> list[int]:
        return [self.value * 2]


def test_records_pickle_their_own_fields_and_keep_a_class_s_own_state() -> None:
    child = FrozenChild(1, 2)
    for copied in (pickle.loads(pickle.dumps(child)), copy.copy(child), copy.deepcopy(child)):
        assert copied == child and copied.second == 2
    assert pickle.loads(pickle.dumps(OwnState(3))).value == 6


def test_records_and_dataclasses_inherit_from_each_other() -> None:
    params = FrozenSlotsRecord.__dataclass_params__  # type: ignore[attr-defined]
    assert (params.init, params.repr, params.eq, params.frozen) == (True, True, True, True)
    assert MutableRecord.__dataclass_params__.frozen is False  # type: ignore[attr-defined]

    @dataclasses.dataclass(frozen=True)
    class DataclassChild(FrozenSlotsRecord):
        extra: int = 0

    @record(frozen=True)
    class RecordChild(FrozenSlotsDC):
        extra: int = 0

    assert DataclassChild("a", extra=1).extra == 1 and RecordChild("a", extra=2) == RecordChild("a", 0, (), "", 2)
    with pytest.raises(FrozenInstanceError):
        RecordChild("a").extra = 3  # type: ignore[misc]
    with pytest.raises(TypeError, match="non-frozen dataclass from a frozen one"):

        @dataclasses.dataclass
        class MutableChild(FrozenSlotsRecord):  # type: ignore[misc]
            extra: int = 0


def test_fields_out_of_init_and_a_field_named_self_are_set_as_dataclasses_set_them() -> None:
    @record
    class Defaults:
        """A default out of __init__ stays the class's."""

        value: int
        fixed: int = field(init=False, default=5)

    @dataclasses.dataclass
    class DefaultsDC:
        value: int
        fixed: int = field(init=False, default=5)

    assert vars(Defaults(1)) == vars(DefaultsDC(1)) == {"value": 1} and Defaults(1).fixed == 5

    @record(frozen=True)
    class Named:
        """A field may be named self."""

        self: int

    assert Named(self=4).self == 4 and Named(4) == Named(self=4)


def test_what_records_do_not_take_is_refused_when_the_class_is_defined() -> None:
    with pytest.raises(TypeError, match="kw_only"):

        @record
        class KeywordOnly:
            value: int = field(kw_only=True)

    with pytest.raises(TypeError, match="InitVar"):

        @record
        class WithInitVar:
            value: InitVar[int]

    with pytest.raises(TypeError, match="non-default argument"):

        @record
        class Misordered:
            first: int = 0
            second: int  # type: ignore[misc]

    with pytest.raises(TypeError, match="frozen"):

        @record(frozen=True)
        class OwnSetter:
            value: int

            def __setattr__(self, name: str, value: object) -> None:
                raise AttributeError(name)

    @record
    class Mutable:
        value: int

    with pytest.raises(TypeError, match="frozen"):

        @record(frozen=True)
        class FrozenChild(Mutable):  # type: ignore[misc]
            other: int = 0


# Generated shapes: each field an annotation, perhaps a default or a factory, perhaps out of __init__, out of
# the comparison, the representation or the hash.
FIELD = st.fixed_dictionaries(
    {
        "default": st.sampled_from(["none", "value", "factory"]),
        "init": st.booleans(),
        "compare": st.booleans(),
        "repr": st.booleans(),
        "hash": st.sampled_from([None, True, False]),
    }
)


def _body(specs: list[dict[str, Any]]) -> dict[str, Any]:
    """A class namespace from field specifications (no default after a default, as Python requires)."""
    namespace: dict[str, Any] = {"__annotations__": {}}
    defaulted = False
    for index, spec in enumerate(specs):
        name = f"f{index}"
        namespace["__annotations__"][name] = "int"
        options = {key: spec[key] for key in ("init", "compare", "repr", "hash")}
        kind = spec["default"]
        if spec["init"] and kind == "none" and defaulted:
            kind = "value"
        if kind == "value":
            namespace[name] = field(default=index * 10, **options)
        elif kind == "factory":
            namespace[name] = field(default_factory=functools.partial(int, index * 100), **options)
        else:
            namespace[name] = field(**options)
        defaulted = defaulted or (spec["init"] and kind != "none")
    return namespace


@settings(max_examples=150, deadline=None)
@given(
    specs=st.lists(FIELD, max_size=6),
    frozen=st.booleans(),
    slots=st.booleans(),
    values=st.lists(st.integers(-3, 3), min_size=6, max_size=6),
)
def test_generated_records_behave_as_dataclasses(
    specs: list[dict[str, Any]], frozen: bool, slots: bool, values: list[int]
) -> None:
    expected_class: Any = dataclasses.dataclass(frozen=frozen, slots=slots)(type("Shape", (), _body(specs)))
    made_class: Any = record(frozen=frozen, slots=slots)(type("Shape", (), _body(specs)))
    given_fields = [f.name for f in dataclasses.fields(expected_class) if f.init]
    required = [
        f.name
        for f in dataclasses.fields(expected_class)
        if f.init and f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    ]
    for count in {len(required), len(given_fields)}:
        arguments = dict(zip(given_fields[:count], values, strict=False))
        expected, made = expected_class(**arguments), made_class(**arguments)
        _same_shape(made, expected)
        _same_shape(made_class(*arguments.values()), expected)
        twin_expected, twin_made = expected_class(**arguments), made_class(**arguments)
        changed = {name: value + 1 for name, value in arguments.items()}
        # A field out of __init__ with no default is never set: reading it fails alike on both.
        assert _outcome(repr, made) == _outcome(repr, expected)
        assert _outcome(operator.eq, made, twin_made) == _outcome(operator.eq, expected, twin_expected)
        assert _outcome(hash, made) == _outcome(hash, expected)
        assert _outcome(_replaced, made, changed) == _outcome(_replaced, expected, changed)
        if frozen:
            with pytest.raises(FrozenInstanceError):
                made.extra = 1
        else:
            assert made_class.__hash__ is expected_class.__hash__ is None


def _outcome(action: Any, *arguments: Any) -> tuple[str, Any]:
    """What an action gives, or the class of what it raises."""
    try:
        return "value", action(*arguments)
    except Exception as error:
        return "raised", type(error)


def _replaced(value: Any, changes: dict[str, Any]) -> str:
    """The representation of a value with some fields replaced."""
    return repr(dataclasses.replace(value, **changes))


def test_the_core_and_the_bundled_plugins_define_records_not_dataclasses() -> None:
    # A dataclass compiles its methods as its module is imported: a check pays for every class it imports.
    decorator = re.compile(r"^\s*@(?:dataclasses\.)?dataclass\b(?!_)")
    found = [
        f"{path.relative_to(REPO)}:{number}"
        for folder in ("scriptlint", "plugins")
        for path in (REPO / folder).rglob("*.py")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if decorator.match(line)
    ]
    assert not found, f"use scriptlint.model.records.record: {found}"
