"""Word lists the extractor's rules are built from, read from ``data/lexicon/*.json``."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from cagraph.errors import ReferenceDataError


@dataclass(frozen=True)
class Lexicon:
    agreement_nouns: dict[str, str]  # lower-case phrase -> FORMAT kind
    generic_agreement_nouns: frozenset[str]
    signing_words: frozenset[str]
    program_verbs: frozenset[str]
    not_yet_words: frozenset[str]
    count_words: dict[str, int]
    event_nouns: dict[str, str]
    capitalised_only_events: frozenset[str]
    event_verbs: frozenset[str]
    person_verbs: frozenset[str]
    future_markers: frozenset[str]
    not_events: frozenset[str]
    org_heads: frozenset[str]
    org_heads_need_capital: frozenset[str]
    connectors: frozenset[str]
    honorifics: frozenset[str]
    never_start: frozenset[str]
    not_names: frozenset[str]
    name_acronyms: frozenset[str]
    person_suffixes: tuple[str, ...]
    occupations: frozenset[str]
    org_descriptors: frozenset[str]
    company_suffixes: frozenset[str]  # as written: "Ltd.", "GmbH"
    state_executive: frozenset[str]
    region_nouns: frozenset[str]
    pair_determiners: tuple[str, ...]
    pair_nouns: tuple[str, ...]
    topics: dict[str, tuple[str, ...]]


def _read(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ReferenceDataError("lexicon file is missing", source=str(path)) from exc
    except json.JSONDecodeError as exc:
        raise ReferenceDataError(
            f"not valid JSON at line {exc.lineno}: {exc.msg}", source=str(path)
        ) from exc
    if not isinstance(data, dict):
        raise ReferenceDataError("expected a JSON object", source=str(path))
    return data


def _field(data: dict[str, Any], name: str, kind: type, path: Path) -> Any:
    value = data.get(name)
    if not isinstance(value, kind):
        raise ReferenceDataError(
            f"field {name!r} must be a {kind.__name__}", source=str(path), hint="fix the file"
        )
    return value


def _lower_set(values: list[str]) -> frozenset[str]:
    return frozenset(v.lower() for v in values)


@lru_cache(maxsize=4)
def load_lexicon(folder: Path) -> Lexicon:
    """Read and check the lexicon files in ``folder`` (``data/lexicon``)."""
    agr_path, evt_path = folder / "agreements.json", folder / "events.json"
    names_path, topics_path = folder / "names.json", folder / "topics.json"
    agr, evt, names, topics = (_read(p) for p in (agr_path, evt_path, names_path, topics_path))
    kinds = {"MOU", "Agreement", "Treaty", "Declaration", "Program"}
    agreement_nouns = _field(agr, "nouns", dict, agr_path)
    for noun, kind in agreement_nouns.items():
        if kind not in kinds:
            raise ReferenceDataError(
                f"unknown agreement kind {kind!r} for {noun!r}", source=str(agr_path)
            )
    event_nouns = _field(evt, "nouns", dict, evt_path)
    for noun, kind in event_nouns.items():
        if kind not in {"Summit", "Meeting", "Forum"}:
            raise ReferenceDataError(
                f"unknown event kind {kind!r} for {noun!r}", source=str(evt_path)
            )
    topic_map = _field(topics, "topics", dict, topics_path)
    return Lexicon(
        agreement_nouns={k.lower(): v for k, v in agreement_nouns.items()},
        generic_agreement_nouns=_lower_set(_field(agr, "generic_nouns", list, agr_path)),
        signing_words=_lower_set(_field(agr, "signing_lemmas", list, agr_path)),
        program_verbs=_lower_set(_field(agr, "program_verbs", list, agr_path)),
        not_yet_words=_lower_set(_field(agr, "not_yet", list, agr_path)),
        count_words={
            k.lower(): int(v) for k, v in _field(agr, "count_words", dict, agr_path).items()
        },
        event_nouns={k.lower(): v for k, v in event_nouns.items()},
        capitalised_only_events=_lower_set(_field(evt, "capitalised_only", list, evt_path)),
        event_verbs=_lower_set(_field(evt, "verbs", list, evt_path)),
        person_verbs=_lower_set(_field(evt, "person_verbs", list, evt_path)),
        future_markers=_lower_set(_field(evt, "future_markers", list, evt_path)),
        not_events=_lower_set(_field(evt, "not_events", list, evt_path)),
        org_heads=_lower_set(_field(names, "org_heads", list, names_path)),
        org_heads_need_capital=_lower_set(
            _field(names, "org_heads_need_capital", list, names_path)
        ),
        connectors=_lower_set(_field(names, "connectors", list, names_path)),
        honorifics=_lower_set(_field(names, "honorifics", list, names_path)),
        never_start=_lower_set(_field(names, "never_start", list, names_path)),
        not_names=_lower_set(_field(names, "not_names", list, names_path)),
        name_acronyms=_lower_set(_field(names, "name_acronyms", list, names_path)),
        person_suffixes=tuple(_field(names, "person_suffixes", list, names_path)),
        occupations=_lower_set(_field(names, "occupations", list, names_path)),
        org_descriptors=_lower_set(_field(names, "org_descriptors", list, names_path)),
        company_suffixes=frozenset(_field(names, "company_suffixes", list, names_path)),
        state_executive=_lower_set(_field(names, "state_executive", list, names_path)),
        region_nouns=_lower_set(_field(names, "region_nouns", list, names_path)),
        pair_determiners=tuple(_field(names, "pair_determiners", list, names_path)),
        pair_nouns=tuple(_field(names, "pair_nouns", list, names_path)),
        topics={k: tuple(v) for k, v in topic_map.items()},
    )
