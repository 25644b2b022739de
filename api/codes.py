"""Country codes in URLs: ISO alpha-2, alpha-3 or a name, with suggestions for unknown ones."""

from __future__ import annotations

from rapidfuzz import fuzz, process, utils

from api.problems import UnknownCountryError
from cagraph.refdata import Country, ReferenceIndex

MAX_TEXT = 100
SUGGESTIONS = 3
MIN_SCORE = 60.0


class CountryCodes:
    """Resolves "KZ", "kaz", "Kazakhstan" (any name form the reference data knows) to a
    Country; anything else raises UnknownCountryError carrying close matches."""

    def __init__(self, index: ReferenceIndex):
        self._index = index
        self._by_iso = {c.iso2: c for c in index.data.countries}
        self._codes: dict[str, str] = {}
        self._names: dict[str, str] = {}
        for c in index.data.countries:
            for code in (c.iso2, c.iso3):
                if code:
                    self._codes.setdefault(code, c.iso2)
            for form in (c.name, c.official_name, *c.names):
                if form:
                    self._names.setdefault(form, c.iso2)

    def get(self, iso2: str) -> Country | None:
        return self._by_iso.get(iso2)

    def all(self) -> list[Country]:
        """Every country the reference data knows, by ISO code."""
        return [self._by_iso[code] for code in sorted(self._by_iso)]

    def label(self, iso2: str) -> str:
        found = self._by_iso.get(iso2)
        return found.name if found else iso2

    def resolve(self, text: str) -> Country:
        found = self._index.country(text) if 0 < len(text) <= MAX_TEXT else None
        if found is None:
            raise UnknownCountryError(text, self.suggest(text))
        return found

    def suggest(self, text: str) -> list[str]:
        """Up to three "KZ (Kazakhstan)" suggestions for a text that named no country."""
        if not text.strip() or len(text) > MAX_TEXT:
            return []
        choices = self._codes if len(text) <= 3 else self._names
        matches = process.extract(
            text,
            list(choices),
            scorer=fuzz.ratio,
            processor=utils.default_process,
            limit=SUGGESTIONS * 4,
            score_cutoff=MIN_SCORE,
        )
        out: list[str] = []
        for form, _score, _ in matches:
            iso = choices[form]
            shown = f"{iso} ({self._by_iso[iso].name})"
            if shown not in out:
                out.append(shown)
            if len(out) == SUGGESTIONS:
                break
        return out
