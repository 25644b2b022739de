"""Gold annotations (``<id>.gold.json``, FORMAT.md version 1) as typed records."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field
from pydantic import ValidationError as PydanticValidationError

from cagraph.errors import InputError
from cagraph.records import AgreementKind, EntityType, EventKind

GOLD_SUFFIX = ".gold.json"


class _Gold(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class GoldRole(_Gold):
    title: str
    of: str | None = None


class GoldEntity(_Gold):
    type: EntityType
    name: str = Field(min_length=1)
    aliases: list[str] = Field(default_factory=list)
    iso: str | None = None
    country: str | None = None
    roles: list[GoldRole] = Field(default_factory=list)

    @property
    def names(self) -> list[str]:
        """The name and every alias."""
        return [self.name, *self.aliases]


class GoldAgreement(_Gold):
    kind: AgreementKind
    name: str
    parties: list[str]
    countries: list[str] = Field(default_factory=list)
    date: str | None = None
    location: str | None = None
    topics: list[str] = Field(default_factory=list)


class GoldEvent(_Gold):
    kind: EventKind
    name: str
    location: str | None = None
    date: str | None = None
    participants: list[str]


class GoldArticle(_Gold):
    """What a careful analyst reads out of one article."""

    id: str = Field(min_length=1)
    published: str | None = None
    entities: list[GoldEntity]
    agreements: list[GoldAgreement]
    events: list[GoldEvent]
    ties: list[tuple[str, str]]


def validation_problems(exc: PydanticValidationError) -> str:
    """The first few problems pydantic found, as "field.path: message; …"."""
    parts = []
    for err in exc.errors()[:5]:
        where = ".".join(str(p) for p in err["loc"]) or "<top>"
        parts.append(f"{where}: {err['msg']}")
    return "; ".join(parts)


def load_gold(path: Path) -> GoldArticle:
    """Read and validate one gold file; any problem is an InputError naming the file."""
    hint = "fix the file so it follows ../shared/corpus/FORMAT.md"
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read gold file: {exc}", source=str(path)) from exc
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON: {exc}", hint=hint, source=str(path)) from exc
    try:
        gold = GoldArticle.model_validate(data)
    except PydanticValidationError as exc:
        problems = validation_problems(exc)
        raise InputError(
            f"malformed gold annotation: {problems}", hint=hint, source=str(path)
        ) from exc
    expected = path.name.removesuffix(GOLD_SUFFIX)
    if gold.id != expected:
        raise InputError(
            f"id {gold.id!r} does not match the file name (expected {expected!r})",
            hint="rename the file or correct its id",
            source=str(path),
        )
    return gold
