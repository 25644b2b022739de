"""The build pipeline: articles → extraction → RDF → store, incremental, with a report."""

from cagraph.build.fingerprint import build_version
from cagraph.build.pipeline import build_graph
from cagraph.build.report import BuildReport

__all__ = ["BuildReport", "build_graph", "build_version"]
