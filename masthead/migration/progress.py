"""Progress of a long import: a bar on a terminal (tqdm), a plain line now and then otherwise."""

import sys
from collections.abc import Iterable, Iterator
from typing import TextIO, TypeVar

from tqdm import tqdm

T = TypeVar("T")
PLAIN_EVERY = 1000  # items between two lines when the output is a log, not a terminal


class Progress:
    def __init__(self, *, label: str, stream: TextIO | None = None, total: int | None = None):
        self.stream = stream or sys.stderr
        self.label, self.count = label, 0
        self.bar = None
        if self.stream.isatty():
            self.bar = tqdm(total=total, desc=label, unit=" items", file=self.stream, leave=False)

    def advance(self, count: int = 1) -> None:
        before, self.count = self.count, self.count + count
        if self.bar is not None:
            self.bar.update(count)
        elif before // PLAIN_EVERY != self.count // PLAIN_EVERY:
            self.stream.write(f"{self.label}: {self.count}\n")

    def each(self, items: Iterable[T]) -> Iterator[T]:
        """The items, advancing once for each as it is taken (a stream stays a stream)."""
        for item in items:
            yield item
            self.advance()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
        else:
            self.stream.write(f"{self.label}: {self.count} done\n")

    def __enter__(self) -> "Progress":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
