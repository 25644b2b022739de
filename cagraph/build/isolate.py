"""One article's failure is that article's alone: :func:`extract_each` runs a batch extraction
(one process or a worker pool) and, when it raises, finds the article that failed, reports it
and goes on with the rest. A pool hands articles to its workers in chunks and a failure fails
the whole chunk, so the articles sent and not yet answered are extracted one by one in this
process until the one that fails again is found; the pool then restarts after it.

A :class:`~cagraph.errors.ConfigError` (a missing model, broken reference data) is not one
article's fault: it stops the batch.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import chain
from typing import TypeVar

from cagraph.errors import CagraphError, ConfigError
from cagraph.records import Article

T = TypeVar("T")


def failure_reason(exc: BaseException) -> str:
    """One line saying why an article could not be extracted."""
    if isinstance(exc, CagraphError):
        text = f"{exc.message} ({exc.hint})" if exc.hint else exc.message
    else:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        text = f"the extractor failed: {type(exc).__name__}: {first[:300]}".rstrip(": ")
    return " ".join(text.split())


def extract_each(
    run: Callable[[Iterable[Article]], Iterator[T]],
    articles: Iterable[Article],
    on_failure: Callable[[Article, BaseException], None],
    run_one: Callable[[Article], T],
) -> Iterator[T]:
    """``run(articles)``'s results in order, minus those of the articles that fail: each of
    those goes to ``on_failure`` (``run_one`` extracts one article in this process, to tell
    which one of the articles in flight failed)."""
    sent: deque[Article] = deque()
    source = iter(articles)

    def tracked(items: Iterable[Article]) -> Iterator[Article]:
        for article in items:
            sent.append(article)
            yield article

    pending: Iterable[Article] = source
    while True:
        results = run(tracked(pending))
        try:
            for result in results:
                sent.popleft()
                yield result
            return
        except ConfigError:
            raise
        except Exception:
            if not sent:
                raise
        in_flight = list(sent)
        sent.clear()
        while in_flight:
            article = in_flight.pop(0)
            try:
                result = run_one(article)
            except ConfigError:
                raise
            except Exception as exc:
                on_failure(article, exc)
                break
            yield result
        # (when every article in flight extracts on its own, the failure was the pool's: the
        # extraction goes on; each round takes at least one article, so this ends)
        pending = chain(in_flight, source)
