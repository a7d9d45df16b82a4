"""The paused collector of whole-code work (legidiff.perf.paused_gc)."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from legidiff.perf import paused_gc


class Node:
    """A tracked object, as the trees legidiff builds are made of."""

    def __init__(self) -> None:
        self.children: list[Node] = []


@pytest.fixture
def collector() -> Iterator[None]:
    """The collector as the test found it, whatever the test does to it."""
    was_enabled = gc.isenabled()
    gc.enable()
    try:
        yield
    finally:
        gc.unfreeze()
        if not was_enabled:
            gc.disable()


def _generation(obj: object) -> int | None:
    for generation in range(3):
        if any(o is obj for o in gc.get_objects(generation)):
            return generation
    return None


@pytest.mark.usefixtures("collector")
def test_what_the_block_keeps_goes_to_the_oldest_generation_unscanned() -> None:
    with paused_gc():
        assert not gc.isenabled()
        kept = [Node() for _ in range(2000)]
    assert gc.isenabled()
    assert gc.get_count()[0] < 700  # no pass owed for the objects made meanwhile
    assert _generation(kept[0]) == 2 and _generation(kept[-1]) == 2
    assert gc.get_freeze_count() == 0  # nothing left frozen


@pytest.mark.usefixtures("collector")
def test_a_cycle_made_in_the_block_is_still_collected() -> None:
    with paused_gc():
        a, b = Node(), Node()
        a.children.append(b)
        b.children.append(a)
        alive = [a]
    del a, b, alive
    assert gc.collect() >= 2


@pytest.mark.usefixtures("collector")
def test_the_callers_frozen_objects_stay_frozen() -> None:
    mine = Node()
    gc.freeze()
    frozen = gc.get_freeze_count()
    assert frozen > 0
    with paused_gc():
        kept = Node()
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen  # not released by the block
    assert _generation(mine) is None and _generation(kept) is not None


@pytest.mark.usefixtures("collector")
def test_nested_and_disabled_blocks_restore_the_state_they_found() -> None:
    with paused_gc():
        with paused_gc():
            inner = Node()
        assert not gc.isenabled()  # the outer block still pauses it
        assert _generation(inner) == 0  # promoted only when the outer block ends
    assert gc.isenabled() and _generation(inner) == 2
    gc.disable()
    with pytest.raises(ValueError, match="in the block"), paused_gc():
        raise ValueError("in the block")
    assert not gc.isenabled()
