"""Institution names written different ways: 'Ministry of Energy of Uzbekistan',
"Uzbekistan's Ministry of Energy" and 'Uzbek Energy Ministry' share one core and one country."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from cagraph.resolve.text import clean, fold

# Heads of government bodies that mean nothing without their country ("the Ministry of Energy").
_NEEDS_COUNTRY = (
    "ministry",
    "ministries",
    "government",
    "cabinet",
    "parliament",
    "embassy",
    "senate",
    "central bank",
    "national bank",
    "presidential administration",
    "state committee",
    "foreign office",
)
# Heads that English writes both "Energy Ministry" and "Ministry of Energy".
_REORDER_NOUNS = ("ministry", "minister")
# Short forms of ministry portfolios.
_PORTFOLIO = {
    "foreign": "foreign affairs",
    "interior": "internal affairs",
    "home affairs": "internal affairs",
    "finances": "finance",
}
# Qualifiers kept in front when a title is reordered ("Deputy Foreign Minister").
_QUALIFIERS = ("first deputy ", "deputy ", "vice ", "acting ", "former ")
# Modifiers that are part of the title itself ("Prime Minister" is no "Minister of Prime").
_FIXED_MODIFIERS = frozenset({"prime", "chief", "cabinet"})
_SMALL_WORDS = frozenset(
    {"of", "and", "for", "the", "on", "in", "at", "to", "under", "named", "after"}
)


@dataclass(frozen=True)
class InstitutionName:
    """An institution name split into its country-free core and the country it names."""

    core: str  # folded, country-free: "ministry of energy"
    country: str | None  # ISO code named in the text, if any
    head: str  # the country-free name in the text's words, reordered: "Ministry of Energy"

    @property
    def needs_country(self) -> bool:
        return any(self.core == h or self.core.startswith(h + " ") for h in _NEEDS_COUNTRY)


def reorder(words: str) -> str:
    """'Energy Ministry' -> 'Ministry of Energy'; 'Minister for Energy' -> 'Minister of Energy';
    'Foreign Minister' -> 'Minister of Foreign Affairs'. Other names are returned unchanged."""
    text = clean(words)
    low = text.lower()
    for q in _QUALIFIERS:
        if low.startswith(q) and len(low) > len(q):
            return text[: len(q)] + reorder(text[len(q) :])
    for noun in _REORDER_NOUNS:
        if low.startswith(noun + " for "):
            text = text[: len(noun)] + " of " + text[len(noun) + 5 :]
            low = text.lower()
        modifier = low[: -len(noun) - 1]
        if low.endswith(" " + noun) and " of " not in low and modifier not in _FIXED_MODIFIERS:
            text = text[-len(noun) :] + " of " + text[: -len(noun) - 1]
            low = text.lower()
        prefix = noun + " of "
        if low.startswith(prefix):
            rest = text[len(prefix) :]
            full = _PORTFOLIO.get(rest.lower())
            if full is not None:
                text = text[: len(prefix)] + full.title().replace(" Of ", " of ")
    return text


def title_case(text: str) -> str:
    """Capitalise words, keep acronyms and small words: 'ministry of ICT' -> 'Ministry of ICT'."""
    out = []
    for i, word in enumerate(text.split()):
        if word.isupper() and len(word) > 1:
            out.append(word)
        elif i > 0 and word.lower() in _SMALL_WORDS:
            out.append(word.lower())
        else:
            out.append(word[:1].upper() + word[1:].lower())
    return " ".join(out)


class InstitutionParser:
    """Finds the country in an institution name, using country names and demonyms."""

    def __init__(self, country_names: Mapping[str, str]):
        """``country_names``: every name and demonym of a country (any case) -> ISO code."""
        self._iso = {fold(k): v for k, v in country_names.items() if fold(k)}
        names = sorted({clean(k) for k in country_names if fold(k)}, key=len, reverse=True)
        alt = "|".join(re.escape(n) for n in names) or r"(?!x)x"
        c = rf"(?:the\s+)?(?P<c>{alt})"
        self._patterns = (
            re.compile(rf"^(?P<h>.+?),?\s+(?:of|for)\s+{c}$", re.I),
            re.compile(rf"^(?P<h>.+?)\s*\(\s*{c}\s*\)$", re.I),
            re.compile(rf"^{c}'s?\s+(?P<h>.+)$", re.I),
            re.compile(rf"^{c}\s+(?P<h>.+)$", re.I),
        )

    def parse(self, name: str) -> InstitutionName:
        text = clean(name).replace("&", " and ")
        text = re.sub(r"^the\s+", "", text, flags=re.I)
        iso: str | None = None
        head = text
        for pattern in self._patterns:
            m = pattern.match(text)
            if m:
                iso = self._iso.get(fold(m.group("c")))
                head = m.group("h")
                break
        head = reorder(re.sub(r"\s+", " ", head).strip(" ,"))
        core = " ".join(w for w in fold(head).split() if w != "the")
        return InstitutionName(core=core, country=iso, head=head)
