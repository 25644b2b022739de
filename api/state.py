"""What the service holds while it runs: made in the lifespan, handed out by dependencies."""

from __future__ import annotations

from dataclasses import dataclass

from api.codes import CountryCodes
from api.entity_index import EntityIndex
from api.tie_index import TieIndex
from api.writes import Writer
from cagraph.settings import Settings
from cagraph.store import Store


@dataclass
class ServiceState:
    settings: Settings
    store: Store
    countries: CountryCodes
    entities: EntityIndex
    ties: TieIndex
    writer: Writer | None  # None when no token is configured: the service is read-only

    @property
    def writable(self) -> bool:
        return self.writer is not None

    def close(self) -> None:
        self.store.close()
