"""Helpers shared by the build and competency tests (this module holds no tests)."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from pathlib import Path

import pytest

from cagraph.build import BuildReport, build_graph
from cagraph.nlp import Extractor
from cagraph.store import Store, open_store

BUILD_DATA = Path(__file__).resolve().parent / "data" / "build"
V1 = BUILD_DATA / "v1"  # three short articles written for these tests
V2 = BUILD_DATA / "v2"  # a changed version of one of them (same file name, same id)
ID = "https://w3id.org/cagraph/id/"
TIES = ID + "graph/ties"
ONTOLOGY = ID + "graph/ontology"
META = ID + "graph/meta"
BUILT_AT = "<https://w3id.org/cagraph/meta#builtAt>"
_BNODE = re.compile(r"_:[A-Za-z0-9]+")


def article_graph(article_id: str) -> str:
    return f"{ID}article/{article_id}"


def inputs(folder: Path, source: Path = V1) -> Path:
    """A writable copy of a folder of test articles."""
    shutil.copytree(source, folder)
    return folder


def lines(store: Store) -> Counter[str]:
    """The store's N-Quads as a multiset of lines, without build times and blank node labels
    (two builds of the same input then give the same lines)."""
    out: Counter[str] = Counter()
    for line in store.dump("nquads").decode("utf-8").splitlines():
        if line and BUILT_AT not in line:
            out[_BNODE.sub("_:b", line)] += 1
    return out


def in_graph(line: str, graph: str) -> bool:
    return line.endswith(f"<{graph}> .")


def about(line: str, graph: str) -> bool:
    """A line of the bookkeeping graph about ``graph``."""
    return line.startswith(f"<{graph}> ") and in_graph(line, META)


def fresh_lines(folder: Path, source: Path, extractor: Extractor) -> Counter[str]:
    """What a build from scratch of ``source`` stores."""
    with open_store(folder) as store:
        build_graph([source], store, extractor=extractor)
        return lines(store)


# -- the seeds + dev store, built once per test session -------------------------------------

_CORPUS: dict[str, tuple[Store, BuildReport]] = {}


def corpus_store(
    factory: pytest.TempPathFactory, corpus: Path, extractor: Extractor
) -> tuple[Store, BuildReport]:
    """An embedded store holding ../shared/corpus/seeds and /dev, with its build report.

    Built on first use and shared by every test module of the session; tests only read it.
    """
    if "seeds+dev" not in _CORPUS:
        store = open_store(factory.mktemp("corpus") / "store")
        report = build_graph([corpus / "seeds", corpus / "dev"], store, extractor=extractor)
        _CORPUS["seeds+dev"] = (store, report)
    return _CORPUS["seeds+dev"]
