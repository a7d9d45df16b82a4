"""``legidiff.perf.quick_init``: the ``__init__`` it makes gives the instance, the
defaults, the errors and the refusals of the dataclass's own."""

from __future__ import annotations

import dataclasses
import inspect
from dataclasses import dataclass, field

import pytest

from legidiff.bill import build, operations, sentence, text
from legidiff.document import locator
from legidiff.perf import quick_init


def _made(quick: bool) -> type:
    @dataclass(frozen=True, slots=True)
    class Sample:
        a: int
        b: str = "b"
        c: list[int] = field(default_factory=list)
        kind: str = field(default="sample", init=False)
        d: tuple[int, ...] | None = None
        e: list[int] = field(default_factory=lambda: [1], init=False)

        def __post_init__(self) -> None:
            if self.a < 0:
                raise ValueError("a")

    return quick_init(Sample) if quick else Sample


@pytest.mark.parametrize(("args", "kwargs"), [
    ((1,), {}), ((1, "x"), {}), ((1, "x", [2]), {}), ((1,), {"d": (3,)}),
    ((), {"a": 2, "c": [5], "b": "y"}), ((1, "x", [2], (4,)), {})])
def test_the_same_instance_as_the_dataclass_init(args: tuple[object, ...],
                                                  kwargs: dict[str, object]) -> None:
    plain, quick = _made(False), _made(True)
    assert vars(plain)["__init__"] is not vars(quick)["__init__"]
    one, other = plain(*args, **kwargs), quick(*args, **kwargs)
    assert dataclasses.asdict(one) == dataclasses.asdict(other)
    assert repr(one).split("(", 1)[1] == repr(other).split("(", 1)[1]
    assert inspect.signature(vars(plain)["__init__"]).parameters.keys() == \
        inspect.signature(vars(quick)["__init__"]).parameters.keys()
    # each instance its own list from the factory; still frozen
    assert quick(1).c is not quick(1).c
    with pytest.raises(dataclasses.FrozenInstanceError):
        other.a = 3


@pytest.mark.parametrize(("args", "kwargs", "error"), [
    ((), {}, TypeError), ((1,), {"kind": "x"}, TypeError), ((1,), {"z": 1}, TypeError),
    ((1, "x", [], None, 5), {}, TypeError), ((-1,), {}, ValueError)])
def test_the_same_errors(args: tuple[object, ...], kwargs: dict[str, object],
                         error: type[Exception]) -> None:
    for quick in (False, True):
        with pytest.raises(error):
            _made(quick)(*args, **kwargs)


def test_what_it_does_not_handle_is_refused() -> None:
    @dataclass(frozen=True)
    class NoSlots:
        a: int

    @dataclass(slots=True)
    class NotFrozen:
        a: int

    @dataclass(frozen=True, slots=True, kw_only=True)
    class KeywordOnly:
        a: int

    @dataclass(frozen=True, slots=True)
    class WithInitVar:
        a: int
        b: dataclasses.InitVar[int]

        def __post_init__(self, b: int) -> None:
            pass

    for cls in (NoSlots, NotFrozen, KeywordOnly, WithInitVar):
        with pytest.raises(TypeError):
            quick_init(cls)


def test_the_parse_classes_have_it() -> None:
    """Every frozen dataclass with slots of the parse's modules is made quickly."""
    found = 0
    for module in (build, operations, sentence, text, locator):
        for value in vars(module).values():
            if isinstance(value, type) and dataclasses.is_dataclass(value) and \
                    value.__module__ == module.__name__ and "__slots__" in value.__dict__ \
                    and value.__dataclass_params__.frozen:  # type: ignore[attr-defined]
                if module is locator and value.__name__ not in ("Step", "Locator"):
                    continue
                assert value.__init__.__code__.co_filename == "<string>"
                assert any(name.startswith("_set") for name in value.__init__.__globals__), \
                    value
                found += 1
    assert found >= 40
