"""A sequence whose items are made from another's whenever they are read, never held.

Both a document's paragraph reports (:mod:`selkeys.block_reports`) and a record's long lists
(:class:`selkeys.output.json_format.Rows`) are of this shape: a large document has tens of
thousands of items, and each output reads each once, so making them on read keeps memory flat.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any, Generic, TypeVar, overload

T = TypeVar("T")


class MadeOnRead(Sequence[T], Generic[T]):
    """``make(item)`` for each of ``items``, computed on every read (an item read twice is made twice)."""

    __slots__ = ("_items", "_make")

    def __init__(self, items: Sequence[Any], make: Callable[[Any], T]) -> None:
        self._items, self._make = items, make

    def __len__(self) -> int:
        return len(self._items)

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> list[T]: ...

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self._make(item) for item in self._items[index]]
        return self._make(self._items[index])

    def __iter__(self) -> Iterator[T]:
        return map(self._make, self._items)
