"""Time limit and row cap for queries.

pyoxigraph cannot cancel a running query from Python. A query therefore runs in a daemon worker
thread (pyoxigraph releases the GIL while it evaluates, so other threads keep being served) and
the caller waits for it until the deadline:

- between rows the worker checks the deadline, the row cap and a cancel flag, so a query that is
  streaming rows stops within one row of the limit;
- a query stuck before its first row (a large sort, join or aggregate) cannot be interrupted: the
  caller gets QueryLimitError at the deadline and the worker is abandoned. It runs to the end of
  its current step in the background, keeps using a CPU and holds a reference to the store, then
  stops at its next check. At most MAX_RUNNING workers exist at once (abandoned ones included); a
  query that finds no free slot before its own deadline is refused with QueryLimitError.

Remote stores use the same runner; their HTTP read timeout is the query's time limit.
"""

from __future__ import annotations

import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar, cast

from cagraph.errors import QueryLimitError

T = TypeVar("T")
MAX_RUNNING = 8
_slots = threading.BoundedSemaphore(MAX_RUNNING)


@dataclass(frozen=True)
class QueryLimits:
    timeout_s: float
    row_cap: int


class _Cancelled(Exception):
    """Raised inside an abandoned worker to make it stop."""


def time_limit_error(timeout_s: float) -> QueryLimitError:
    return QueryLimitError(
        f"query ran past the time limit of {timeout_s:g} s and was stopped",
        hint="narrow the query or add a LIMIT; the limit is CAGRAPH_QUERY_TIMEOUT_S",
    )


def row_cap_error(row_cap: int) -> QueryLimitError:
    return QueryLimitError(
        f"query result has more than {row_cap} rows (the row cap); nothing was returned",
        hint="page through it with LIMIT/OFFSET; the cap is CAGRAPH_QUERY_ROW_CAP",
    )


class Guard:
    """Handed to the worker: call it between rows, and `count` for each row collected."""

    def __init__(self, limits: QueryLimits):
        self.limits = limits
        self.deadline = time.monotonic() + limits.timeout_s
        self.cancelled = threading.Event()

    def __call__(self) -> None:
        if self.cancelled.is_set():
            raise _Cancelled
        if time.monotonic() > self.deadline:
            raise time_limit_error(self.limits.timeout_s)

    def count(self, rows: int) -> None:
        if rows > self.limits.row_cap:
            raise row_cap_error(self.limits.row_cap)
        self()


class _Outcome(Generic[T]):
    def __init__(self) -> None:
        self.done = threading.Event()
        self.value: T | None = None
        self.error: BaseException | None = None


def run_limited(work: Callable[[Guard], T], limits: QueryLimits) -> T:
    """Run ``work(guard)`` in a worker thread; its result, its error, or QueryLimitError."""
    guard = Guard(limits)
    if not _slots.acquire(timeout=limits.timeout_s):
        raise QueryLimitError(
            f"{MAX_RUNNING} queries are still running; this one could not start in time",
            hint="try again later; earlier queries are running past their limit",
        )
    outcome: _Outcome[T] = _Outcome()

    def target() -> None:
        try:
            outcome.value = work(guard)
        except _Cancelled:
            pass
        except BaseException as exc:
            # pyoxigraph result iterators must be dropped on the thread that made them
            traceback.clear_frames(exc.__traceback__)
            outcome.error = exc
        finally:
            _slots.release()
            outcome.done.set()

    threading.Thread(target=target, name="cagraph-query", daemon=True).start()
    if not outcome.done.wait(max(0.0, guard.deadline - time.monotonic())):
        guard.cancelled.set()
        raise time_limit_error(limits.timeout_s)
    if outcome.error is not None:
        raise outcome.error
    return cast(T, outcome.value)
