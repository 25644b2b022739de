"""One typed settings object, read from the environment (``CAGRAPH_*``) with safe defaults."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parent.parent
BUNDLED = Path(__file__).resolve().parent / "bundled"
"""data/ and ontology/ as package data of an installed wheel (symlinks in a checkout)."""


def _shipped(name: str) -> Path:
    """The repository's folder in a checkout, else the copy installed with the package."""
    checkout = REPO_ROOT / name
    if (REPO_ROOT / "pyproject.toml").is_file() and checkout.is_dir():
        return checkout
    return BUNDLED / name


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CAGRAPH_", extra="ignore")

    data_dir: Path = Field(default=_shipped("data"), description="reference data folder")
    ontology_dir: Path = Field(default=_shipped("ontology"), description="ontology folder")
    store: str = Field(default="var/store", description="store folder or SPARQL endpoint URL")
    model: str | None = Field(default=None, description="optional trained spaCy pipeline name")
    max_file_bytes: int = Field(default=20_000_000, gt=0, description="larger inputs are refused")
    workers: int = Field(default=1, ge=1)
    # service
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    token: str | None = Field(default=None, description="bearer token that allows updates")
    query_timeout_s: float = Field(default=10.0, gt=0)
    query_row_cap: int = Field(default=100_000, gt=0)
    max_body_bytes: int = Field(default=2_000_000, gt=0)
    allow_external_service: bool = False


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
