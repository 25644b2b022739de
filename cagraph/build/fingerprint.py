"""What a build is made from, as short digests: extractor version, ontology and article state.

An article graph depends on the article's bytes (its content hash) and on the code and data
that read it: the extractor version, the optional spaCy model and the reference data and
lexicon in ``data/``. :func:`build_version` folds the last three into one string stored with each
article graph (``GraphMeta.extractor_version``), so editing ``data/`` rebuilds what it affects.

The derived graphs (ties, ontology) record the digest of what they were derived from, so a build
that finds them out of date (after a crash, or ``cagraph remove``) rewrites them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from pathlib import Path

from cagraph import EXTRACTOR_VERSION
from cagraph.errors import ConfigError
from cagraph.rdf.vocab import ONTOLOGY_FILE, TOPICS_FILE, ontology_path
from cagraph.store import GraphMeta

_DIGEST_CHARS = 16
LEXICON_DIR = "lexicon"


def _files_digest(root: Path, files: Iterable[Path]) -> str:
    """Digest of the names (relative to ``root``) and bytes of ``files``, in name order."""
    h = hashlib.sha256()
    for path in sorted(files):
        h.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise ConfigError(
                f"cannot read a file the build depends on: {exc.strerror or exc}",
                source=str(path),
                hint="check the file's permissions",
            ) from exc
        h.update(hashlib.sha256(data).digest())
    return h.hexdigest()[:_DIGEST_CHARS]


def reference_digest(data_dir: Path) -> str:
    """Digest of the reference data (``data/*.jsonl``) and the lexicon (``data/lexicon/``).

    Other files in ``data/`` (such as the sample articles) do not count. A missing folder
    digests as empty; loading the extractor reports it properly.
    """
    if not data_dir.is_dir():
        return _files_digest(data_dir, [])
    files = [p for p in data_dir.glob("*.jsonl") if p.is_file()]
    lexicon = data_dir / LEXICON_DIR
    if lexicon.is_dir():
        files += [p for p in lexicon.rglob("*") if p.is_file()]
    return _files_digest(data_dir, files)


def build_version(model: str | None, data_dir: Path) -> str:
    """``cagraph-extractor/0.1.0 data=<digest>`` (plus ``model=<name>`` with a spaCy model)."""
    parts = [EXTRACTOR_VERSION]
    if model:
        parts.append(f"model={model}")
    parts.append(f"data={reference_digest(data_dir)}")
    return " ".join(parts)


def ontology_digest() -> str:
    """Digest of ontology/cagraph.ttl and ontology/topics.ttl."""
    files = [ontology_path(ONTOLOGY_FILE), ontology_path(TOPICS_FILE)]
    return _files_digest(files[0].parent, files)


def articles_digest(meta: Mapping[str, GraphMeta]) -> str:
    """Digest of which article graphs the store holds and what each was built from."""
    h = hashlib.sha256()
    for graph in sorted(meta):
        m = meta[graph]
        row = "\x1f".join((graph, m.article_id, m.content_hash, m.extractor_version))
        h.update(row.encode("utf-8") + b"\x1e")
    return h.hexdigest()[:_DIGEST_CHARS]
