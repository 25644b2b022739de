"""What one ingestion batch did: files read, articles made, inputs skipped and why."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from cagraph.records import Article

_LISTED = 20  # skipped inputs listed by name in the summary


@dataclass(frozen=True)
class SkippedInput:
    """A file (or one JSONL line) that gave no article, with a one-line reason."""

    path: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.reason}"


@dataclass
class IngestReport:
    """Counts filled in by :func:`cagraph.ingest.iter_articles` as it goes."""

    files_read: int = 0
    articles: int = 0
    bytes_read: int = 0
    skipped: list[SkippedInput] = field(default_factory=list)
    ignored: Counter[str] = field(default_factory=Counter)  # other files, by kind
    set_aside: Counter[str] = field(default_factory=Counter)  # segments, by reason
    non_english_paragraphs: int = 0
    unreadable: list[str] = field(default_factory=list)  # inputs whose articles are unknown

    def add_unreadable(self, path: str, reason: str) -> None:
        """An input that could not be read at all, so the articles it holds are not known (a
        JSONL file, a folder): it is skipped, and nothing it may hold can be pruned."""
        self.unreadable.append(path)
        self.add_skipped(path, reason)

    def add_article(self, article: Article) -> None:
        self.articles += 1
        self.set_aside.update(segment.reason for segment in article.set_aside)
        self.non_english_paragraphs += article.skipped_non_english

    def add_skipped(self, path: str, reason: str, line: int | None = None) -> None:
        one_line = " ".join(reason.split())
        self.skipped.append(SkippedInput(path=path, reason=one_line, line=line))

    def add_ignored(self, kind: str) -> None:
        self.ignored[kind] += 1

    @property
    def ok(self) -> bool:
        """True when no input was skipped."""
        return not self.skipped

    def summary(self) -> str:
        """A few lines for a person to read at the end of a batch."""
        lines = [
            f"Ingest: {self.articles} articles from {self.files_read} files "
            f"({self.bytes_read / 1e6:.2f} MB); {len(self.skipped)} inputs skipped; "
            f"{sum(self.ignored.values())} other files ignored{_counts(self.ignored)}."
        ]
        aside = sum(self.set_aside.values())
        lines.append(
            f"Set aside: {aside} segments{_counts(self.set_aside)}; "
            f"non-English paragraphs skipped: {self.non_english_paragraphs}."
        )
        if self.skipped:
            lines.append("Skipped:")
            lines.extend(f"  {item}" for item in self.skipped[:_LISTED])
            if len(self.skipped) > _LISTED:
                lines.append(f"  … and {len(self.skipped) - _LISTED} more")
        return "\n".join(lines)


def _counts(counter: Counter[str]) -> str:
    if not counter:
        return ""
    return " (" + ", ".join(f"{key} {n}" for key, n in counter.most_common()) + ")"
