"""Work spread over processes, with results in input order whatever the scheduling."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def workers(jobs: int) -> int:
    """``--jobs``: 0 means one process per core."""
    return (os.cpu_count() or 1) if jobs == 0 else jobs


def map_in_order(
    fn: Callable[[T], R],
    items: Sequence[T],
    jobs: int,
    initializer: Callable[..., object] | None = None,
    initargs: tuple[Any, ...] = (),
) -> list[R]:
    """``fn`` over ``items``; ``initializer`` prepares each worker process (the calling
    process is assumed ready when the work stays in it)."""
    count = min(workers(jobs), len(items))
    if count <= 1:
        return [fn(item) for item in items]
    from concurrent.futures import ProcessPoolExecutor

    chunk = max(1, len(items) // (count * 4))
    with ProcessPoolExecutor(max_workers=count, initializer=initializer, initargs=initargs) as pool:
        return list(pool.map(fn, items, chunksize=chunk))
