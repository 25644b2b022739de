"""The query runner: deadline, cancellation of abandoned workers, bounded worker count."""

from __future__ import annotations

import threading
import time

import pytest

from cagraph.errors import QueryLimitError
from cagraph.store.limits import MAX_RUNNING, Guard, QueryLimits, run_limited


def test_a_worker_stuck_past_the_deadline_is_abandoned_at_the_limit() -> None:
    release = threading.Event()
    stopped = threading.Event()

    def stuck(guard: Guard) -> int:
        release.wait(5)  # like a query that has not produced its first row
        try:
            guard()
        finally:
            stopped.set()
        return 1

    started = time.monotonic()
    with pytest.raises(QueryLimitError, match=r"time limit of 0\.2 s"):
        run_limited(stuck, QueryLimits(timeout_s=0.2, row_cap=10))
    assert 0.15 < time.monotonic() - started < 1.0
    release.set()
    assert stopped.wait(2)  # the abandoned worker stopped at its next check


def test_a_streaming_worker_stops_at_the_row_cap() -> None:
    produced: list[int] = []

    def rows(guard: Guard) -> list[int]:
        for i in range(1000):
            produced.append(i)
            guard.count(len(produced))
        return produced

    with pytest.raises(QueryLimitError, match="more than 5 rows"):
        run_limited(rows, QueryLimits(timeout_s=5, row_cap=5))
    assert len(produced) == 6


def test_errors_of_the_work_reach_the_caller() -> None:
    def broken(guard: Guard) -> None:
        raise ValueError("boom")

    with pytest.raises(ValueError, match="boom"):
        run_limited(broken, QueryLimits(timeout_s=5, row_cap=5))


def test_running_workers_are_bounded_and_slots_come_back() -> None:
    release = threading.Event()

    def stuck(guard: Guard) -> None:
        release.wait(10)

    for _ in range(MAX_RUNNING):  # workers abandoned by earlier tests may hold slots too
        with pytest.raises(QueryLimitError, match=r"time limit|still running"):
            run_limited(stuck, QueryLimits(timeout_s=0.05, row_cap=1))
    with pytest.raises(QueryLimitError, match="still running"):
        run_limited(lambda guard: 1, QueryLimits(timeout_s=0.2, row_cap=1))
    release.set()
    assert run_limited(lambda guard: 42, QueryLimits(timeout_s=5, row_cap=1)) == 42
