"""What one build did: articles read, unchanged, added, updated, removed, not written; triples."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cagraph.ingest import IngestReport, SkippedInput

_LISTED = 20  # articles listed by name in the summary


@dataclass
class BuildReport:
    """Filled in by :func:`cagraph.build.build_graph` as it goes.

    ``ingest`` holds what was read and which inputs were skipped, with reasons; ``failed`` the
    articles that were read but could not be written (their stored graph, if any, is kept).
    """

    store: str
    version: str  # what article graphs are built with (GraphMeta.extractor_version)
    ingest: IngestReport = field(default_factory=IngestReport)
    unchanged: int = 0
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    failed: list[SkippedInput] = field(default_factory=list)
    article_triples: int = 0  # triples written into article graphs
    removed_triples: int = 0  # triples of the article graphs removed
    derived: dict[str, int] = field(default_factory=dict)  # derived graph IRI -> triples written
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0
    bulk: bool = False  # a first build, bulk-loaded beside the store and swapped in

    @property
    def read(self) -> int:
        """Articles read from the inputs (unchanged ones included)."""
        return self.ingest.articles

    @property
    def skipped(self) -> list[SkippedInput]:
        """Inputs that gave no article, then articles that could not be written."""
        return [*self.ingest.skipped, *self.failed]

    @property
    def triples_written(self) -> int:
        return self.article_triples + sum(self.derived.values())

    @property
    def changed(self) -> bool:
        """True when an article graph was added, replaced or removed."""
        return bool(self.added or self.updated or self.removed)

    def rates(self) -> tuple[float, float]:
        """Articles read per second and triples written per second."""
        if self.seconds <= 0:
            return 0.0, 0.0
        return self.read / self.seconds, self.triples_written / self.seconds

    def as_dict(self) -> dict[str, Any]:
        """Plain data for JSON output."""
        per_second = self.rates()
        return {
            "store": self.store,
            "version": self.version,
            "read": self.read,
            "unchanged": self.unchanged,
            "added": list(self.added),
            "updated": list(self.updated),
            "removed": list(self.removed),
            "skipped": [{"path": s.path, "line": s.line, "reason": s.reason} for s in self.skipped],
            "triples_written": self.triples_written,
            "article_triples": self.article_triples,
            "removed_triples": self.removed_triples,
            "derived": dict(self.derived),
            "notes": list(self.notes),
            "bulk": self.bulk,
            "seconds": round(self.seconds, 3),
            "articles_per_second": round(per_second[0], 1),
            "triples_per_second": round(per_second[1], 1),
        }

    def summary(self) -> str:
        """A few lines for a person to read at the end of a build."""
        articles_s, triples_s = self.rates()
        derived = sum(self.derived.values())
        lines = [
            self.ingest.summary(),
            f"Build: {self.read} articles read: {len(self.added)} added, "
            f"{len(self.updated)} updated, {self.unchanged} unchanged, "
            f"{len(self.removed)} removed, {len(self.failed)} not written.",
            f"Triples: {self.triples_written:,} written ({self.article_triples:,} to article "
            f"graphs, {derived:,} to derived graphs), {self.removed_triples:,} removed; "
            f"{self.seconds:.2f} s ({articles_s:,.1f} articles/s, {triples_s:,.0f} triples/s).",
        ]
        for title, ids in (("Added", self.added), ("Updated", self.updated)):
            if ids:
                lines.append(f"{title}: {_names(ids)}")
        if self.removed:
            lines.append(f"Removed: {_names(self.removed)}")
        if self.failed:
            lines.append("Not written (the stored graph, if any, is kept):")
            lines.extend(f"  {item}" for item in self.failed[:_LISTED])
            if len(self.failed) > _LISTED:
                lines.append(f"  … and {len(self.failed) - _LISTED} more")
        if self.bulk:
            lines.append("Note: first build into an empty store: bulk-loaded, then moved in.")
        lines.extend(f"Note: {note}" for note in self.notes)
        if self.read or self.removed:
            lines.append(f"Store: {self.store} (built with {self.version})")
        else:
            lines.append(f"Store: {self.store} not written (no article was read)")
        return "\n".join(lines)


def _names(ids: list[str]) -> str:
    shown = ", ".join(ids[:_LISTED])
    return shown + (f" … and {len(ids) - _LISTED} more" if len(ids) > _LISTED else "")
