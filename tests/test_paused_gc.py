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
        if not was_enabled:
            gc.disable()


@pytest.mark.usefixtures("collector")
def test_the_cycles_made_in_many_blocks_are_collected_as_they_go() -> None:
    # each block leaves a cycle behind: the collector's own passes free them (promoting
    # what a block kept to the oldest generation at once left every one of them for good)
    gc.collect()
    before = sum(1 for o in gc.get_objects() if type(o) is Node)
    for _ in range(20_000):
        with paused_gc():
            a, b = Node(), Node()
            a.children.append(b)
            b.children.append(a)
            del a, b
    left = sum(1 for o in gc.get_objects() if type(o) is Node) - before
    assert left < 5_000  # the young generations' passes: a few hundred at most
    assert gc.get_freeze_count() == 0


@pytest.mark.usefixtures("collector")
def test_nested_and_disabled_blocks_restore_the_state_they_found() -> None:
    with paused_gc():
        assert not gc.isenabled()
        with paused_gc():
            pass
        assert not gc.isenabled()  # the outer block still pauses it
    assert gc.isenabled()
    gc.disable()
    with pytest.raises(ValueError, match="in the block"), paused_gc():
        raise ValueError("in the block")
    assert not gc.isenabled()
