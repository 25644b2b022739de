"""Alias-aware fuzzy search over the entities of the graph (``GET /entities?q=``).

Every preferred and alternative label is indexed in its transliteration-folded form
(:func:`cagraph.resolve.text.phonetic`: "Toqaev" and "Tokayev" fold alike), and a query is
scored against all of them with rapidfuzz; an entity scores by its best label. The index is built
on first use and rebuilt after the service's own writes; with a store the service does not own
(a SPARQL server) also after ``ttl_s`` seconds.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from api import rq
from api.ids import entity_id, entity_type
from cagraph.errors import ValidationError
from cagraph.rdf.mint import iso_of
from cagraph.resolve.text import phonetic
from cagraph.store import Store

INDEX_ROW_CAP = 5_000_000
INDEX_TIMEOUT_S = 120.0


@dataclass
class Entity:
    iri: str
    id: str
    type: str
    name: str = ""
    aliases: list[str] = field(default_factory=list)
    country: str | None = None


@dataclass(frozen=True)
class Hit:
    entity: Entity
    score: float
    matched: str


def _country(iri: str | None) -> str | None:
    if not iri:
        return None
    try:
        return iso_of(iri)
    except ValidationError:
        return None


class EntityIndex:
    def __init__(self, store: Store, ttl_s: float | None = None):
        self.store = store
        self.ttl_s = ttl_s
        self._lock = threading.Lock()
        self._built_at = -1.0
        self._entities: dict[str, Entity] = {}
        self._keys: list[str] = []
        self._owners: list[tuple[str, str]] = []  # (entity iri, label) per key

    def invalidate(self) -> None:
        with self._lock:
            self._built_at = -1.0

    def _rows(self, name: str) -> list[tuple[str, str]]:
        result = rq.run(self.store, name, row_cap=INDEX_ROW_CAP, timeout_s=INDEX_TIMEOUT_S)
        out = []
        for row in result.rows:
            iri, value = (rq.text(t) for t in row[:2])
            if iri is not None and value is not None and entity_id(iri) is not None:
                out.append((iri, value))
        return out

    def _build(self) -> None:
        entities: dict[str, Entity] = {}
        labels: dict[tuple[str, str], None] = {}
        for iri, label in self._rows("entity_names"):
            entity = entities.get(iri)
            if entity is None:
                found = entity_id(iri) or iri
                entity = entities[iri] = Entity(iri=iri, id=found, type=entity_type(iri))
                if found.startswith("country/"):
                    entity.country = found.split("/", 1)[1]
            if not entity.name or label < entity.name:
                entity.name = label
            labels[(iri, label)] = None
        for iri, label in self._rows("entity_aliases"):
            if iri in entities:
                labels[(iri, label)] = None
        for iri, country in self._rows("entity_countries"):
            entity = entities.get(iri)
            if entity is not None and entity.country is None:
                entity.country = _country(country)
        for iri, label in labels:
            entity = entities[iri]
            if label != entity.name and label not in entity.aliases:
                entity.aliases.append(label)
        for entity in entities.values():
            entity.aliases.sort()
        self._entities = entities
        self._owners = list(labels)
        self._keys = [phonetic(label) for _, label in self._owners]
        self._built_at = time.monotonic()

    def _fresh(self) -> None:
        with self._lock:
            expired = self.ttl_s is not None and time.monotonic() - self._built_at > self.ttl_s
            if self._built_at < 0 or expired:
                self._build()

    def get(self, iri: str) -> Entity | None:
        self._fresh()
        return self._entities.get(iri)

    def all(self, *, type: str | None = None, country: str | None = None) -> list[Hit]:
        """Every entity (of a type, of a country), by name."""
        self._fresh()
        found = [
            Hit(e, 100.0, e.name)
            for e in self._entities.values()
            if (type is None or e.type == type) and (country is None or e.country == country)
        ]
        return sorted(found, key=lambda h: (h.entity.name, h.entity.iri))

    def search(
        self,
        q: str,
        *,
        type: str | None = None,
        country: str | None = None,
        min_score: float = 60.0,
    ) -> list[Hit]:
        """Entities whose labels match ``q``, best first (score 0-100)."""
        self._fresh()
        key = phonetic(q)
        if not key:
            return []
        best: dict[str, Hit] = {}
        matches = process.extract(
            key, self._keys, scorer=fuzz.WRatio, score_cutoff=min_score, limit=None
        )
        for _, score, index in matches:
            iri, label = self._owners[index]
            entity = self._entities[iri]
            if type is not None and entity.type != type:
                continue
            if country is not None and entity.country != country:
                continue
            score = 100.0 if self._keys[index] == key else float(score)
            if iri not in best or score > best[iri].score:
                best[iri] = Hit(entity, score, label)
        return sorted(best.values(), key=lambda h: (-h.score, h.entity.name, h.entity.iri))
