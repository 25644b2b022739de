"""Registering what the name rules find: one record per person and organisation in a document."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from spacy.tokens import Doc

from cagraph.nlp.resources import Resources
from cagraph.nlp.state import (
    COUNTRY,
    DEMONYM,
    ORG,
    PERSON,
    TITLE,
    DocState,
    Mention,
    OrgInfo,
    PersonInfo,
)

POSSESSIVE = frozenset({"’s", "'s", "’", "'"})
_SPACE = re.compile(r"\s+")


def name_text(doc: Doc, start: int, end: int) -> str:
    """The text of a token span with tight hyphens kept tight."""
    st = doc._.cag
    text = st.span_text(doc, start, end) if st is not None else doc[start:end].text
    return _SPACE.sub(" ", text).strip(" ,;:")


@lru_cache(maxsize=65536)
def norm_key(text: str) -> str:
    """A comparison key: NFKC, case-folded, quotes and dashes unified, spaces collapsed."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = re.sub(r"[‐-―−-]", "-", text)
    text = re.sub(r"[“”\"«»„’']", "", text)
    text = re.sub(r"^the\s+", "", text)
    return _SPACE.sub(" ", text).strip()


def initials(name: str) -> str:
    words = [w for w in re.split(r"[\s\-]+", name) if w]
    return "".join(w[0] for w in words if w[0].isalpha()).lower()


class Registry:
    """Adds persons and organisations to a document's state, merging repeated mentions."""

    def __init__(self, doc: Doc, st: DocState, res: Resources, component: str) -> None:
        self.doc = doc
        self.st = st
        self.res = res
        self.component = component

    # -- organisations -------------------------------------------------------------------------
    def org(
        self,
        name: str,
        start: int,
        end: int,
        iso: str | None,
        known_id: str | None,
        conf: float,
        key: str | None = None,
        mention: bool = True,
    ) -> str:
        """Register an organisation (merging repeated names) and, unless ``mention`` is false
        (a body named inside another's name), its mention over tokens start..end."""
        key = key or (f"id:{known_id}" if known_id else norm_key(name))
        info = self.st.orgs.get(key)
        if info is None:
            info = OrgInfo(
                key=key, name=name, iso=iso, known_id=known_id, first=start, confidence=conf
            )
            known = self.res.org_by_id.get(known_id) if known_id else None
            info.media = known is not None and known.kind == "media"
            self.st.orgs[key] = info
        info.forms.add(name)
        if len(name) > len(info.name):
            info.name = name
        if iso and not info.iso:
            info.iso = iso
        info.confidence = max(info.confidence, conf)
        if mention:
            self.st.add(Mention(ORG, start, end, key, name, iso=info.iso, component=self.component))
        return key

    def orgs_name(self, key: str) -> str:
        return self.st.orgs[key].name

    def org_name(self, m: Mention) -> str:
        """Register a gazetteer organisation mention and return its display name."""
        key = self.org(m.text, m.start, m.end, m.iso, m.key, 0.95)
        return self.st.orgs[key].name

    def acronym(self, text: str) -> str | None:
        """The organisation of this document whose initials the acronym spells, if one."""
        low = text.lower()
        for info in self.st.orgs.values():
            if any(initials(f) == low for f in info.forms):
                info.forms.add(text)
                return info.name
        return None

    # -- persons ---------------------------------------------------------------------------------
    def person(
        self,
        name: str,
        start: int,
        end: int,
        title: str | None,
        of: str | None,
        iso: str | None,
        conf: float,
        key: str | None = None,
    ) -> str:
        known = self.st.at(start)
        if key is None:
            if known is not None and known.label == PERSON:
                owner = self.surname_owner(norm_key(name)) if known.partial else None
                key = owner or known.key
            else:
                key = norm_key(name)
        if " " not in key:
            key = self.surname_owner(key) or key
        info = self.st.persons.get(key)
        if info is None:
            info = PersonInfo(key=key, name=name, confidence=conf)
            self.st.persons[key] = info
        info.forms.add(name)
        if len(name) > len(info.name):
            info.name = name
        if title:
            role = (title, of, iso)
            if role not in info.roles:
                info.roles.append(role)
        if iso and not info.iso:
            info.iso = iso
        info.confidence = max(info.confidence, conf)
        self.st.add(Mention(PERSON, start, end, key, name, iso=info.iso, component=self.component))
        return key

    def surname_owner(self, surname_key: str) -> str | None:
        """The person of this document whose name ends with this surname (any spelling)."""
        for info in self.st.persons.values():
            for form in (info.name, *info.forms):
                parts = norm_key(form).split()
                if len(parts) > 1 and parts[-1] == surname_key:
                    return info.key
        return None

    # -- gazetteer mentions --------------------------------------------------------------------
    def known(self, m: Mention, as_part: bool = False) -> None:
        if m.label == ORG:
            self.org_name(m)
        elif m.label == PERSON:
            if m.partial:
                # "Berdimuhamedov" alone: the person of that surname already named, if one
                owner = self.surname_owner(norm_key(m.text))
                if owner is not None:
                    self.person(m.text, m.start, m.end, None, None, None, 0.9, key=owner)
                    return
            leader_title = self._leader_office(m.key)
            iso = m.iso
            self.person(m.text, m.start, m.end, leader_title, self._country(iso), iso, 0.95)

    def _leader_office(self, leader_name: str) -> str | None:
        for leader in self.res.ref.leaders:
            if leader.name == leader_name:
                when = self.st.published
                terms = [
                    t
                    for t in leader.terms
                    if when is None
                    or ((t.start or "") <= when and (t.end is None or when <= t.end))
                ]
                if terms:
                    return terms[-1].office
                return None
        return None

    def _country(self, iso: str | None) -> str | None:
        return self.res.country_name(iso) if iso else None

    def possessor(self, start: int) -> str | None:
        """ISO code of "Tajikistan’s" / "Kazakh" right before a name."""
        k = start - 1
        if k >= 1 and self.st.texts[k] in POSSESSIVE:
            m = self.st.at(k - 1)
            if m is not None and m.label in (COUNTRY, DEMONYM):
                return m.iso
        if k >= 0:
            m = self.st.at(k)
            if m is not None and m.label == DEMONYM:
                return m.iso
        return None

    def apposition_follows(self, end: int) -> bool:
        texts = self.st.texts
        if end + 1 >= len(texts) or texts[end] != ",":
            return False
        k = end + 1
        while k < len(texts) and k < end + 4:
            m = self.st.at(k)
            if m is not None and m.label == TITLE:
                return True
            if m is None and not texts[k].islower():
                return False
            k += 1
        return False

    def single(self, k: int, sent_start: int) -> None:
        self.st.singles.append((k, sent_start))
