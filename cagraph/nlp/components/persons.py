"""``cagraph.persons.v1``: offices given in apposition, and later mentions resolved to full names.

"Rhee Jong-kook, executive director of the forum's secretariat" gives Rhee Jong-kook an office;
"Professor Galim Akhmedyarov, Rector of Kazakh National University of Arts" likewise. A lone
"Tokayev" or "Rhee" after the full name is the same person; a lone "UoS" spells the initials of
an organisation named earlier.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from cagraph.nlp.components.base import DataComponent
from cagraph.nlp.registry import Registry, initials, norm_key
from cagraph.nlp.state import ORG, PERSON, TITLE, DocState, state

NAME = "cagraph.persons.v1"
PATRONYMIC = ("ovich", "evich", "ovna", "evna", "yevich", "yevna", "ogly", "ugli", "kyzy", "qizi")
FACTORY = NAME.replace(".", "_")  # spaCy factory names cannot hold dots


class PersonResolver(DataComponent):
    def __call__(self, doc: Doc) -> Doc:
        st = state(doc)
        reg = Registry(doc, st, self.res, self.name)
        self._appositions(doc, reg)
        self._acronyms(doc, reg)
        self._merge_surnames(reg)
        self._merge_patronymics(reg)
        self._singles(doc, reg)
        return doc

    def resolve_singles(self, doc: Doc, reg: Registry) -> None:
        """Lone surnames and acronyms again, after more persons and organisations were found."""
        self._merge_surnames(reg)
        self._singles(doc, reg)

    def _appositions(self, doc: Doc, reg: Registry) -> None:
        st = reg.st
        texts, lowers = st.texts, st.lowers
        for start, _end, title, of, iso in st.pending_titles:
            # "NAME, TITLE of X": the name ends right before the comma
            k = start - 1
            while k >= 0 and lowers[k] in ("the", "a", "an", "its", "his", "her"):
                k -= 1
            if k < 1 or texts[k] != ",":
                continue
            m = st.at(k - 1)
            if m is None or m.label != PERSON:
                continue
            info = st.persons.get(m.key)
            if info is None:
                continue
            role = (title, of, iso)
            if role not in info.roles:
                info.roles.append(role)
            if iso and not info.iso:
                info.iso = iso
        # lower-case titles after a person: "Rhee Jong-kook, executive director of …"
        for m in list(st.mentions):
            if m.label != PERSON or m.end + 1 >= len(texts) or texts[m.end] != ",":
                continue
            t = st.at(m.end + 1)
            if t is None or t.label != TITLE:
                continue
            info = st.persons.get(m.key)
            if info is None or any(r[0] == t.key for r in info.roles):
                continue
            of, of_iso = self._of_object(doc, t.end, st, reg)
            info.roles.append((t.key, of, of_iso))
            if of_iso and not info.iso:
                info.iso = of_iso

    def _of_object(
        self, doc: Doc, k: int, st: DocState, reg: Registry
    ) -> tuple[str | None, str | None]:
        if k >= len(st.lowers) or st.lowers[k] != "of":
            return None, None
        for x in range(k + 1, min(len(doc), k + 8)):
            m = st.at(x)
            if m is None:
                continue
            if m.label == ORG:
                info = st.orgs.get(m.key)
                return (info.name if info else m.text), m.iso
            if m.iso and m.label != PERSON:
                return self.res.country_name(m.iso), m.iso
        return None, None

    def _acronyms(self, doc: Doc, reg: Registry) -> None:
        """ "State Oil Company (SOCAR)": the short form in brackets is the same organisation."""
        st = reg.st
        texts = st.texts
        for m in [m for m in st.mentions if m.label == ORG]:
            k = m.end
            if k + 2 >= len(doc) or texts[k] != "(" or texts[k + 2] != ")":
                continue
            short = texts[k + 1]
            if not (short.isupper() or short[:1].isupper()) or len(short) > 10:
                continue
            info = st.orgs.get(m.key)
            if info is None:
                continue
            inner = st.at(k + 1)
            if inner is not None and inner.label == ORG and inner.key != m.key:
                other = st.orgs.pop(inner.key, None)
                if other is not None:
                    info.forms |= other.forms
                    info.known_id = info.known_id or other.known_id
                    info.iso = info.iso or other.iso
                for x in st.mentions:
                    if x.label == ORG and x.key == inner.key:
                        x.key = m.key
            elif inner is None:
                reg.org(short, k + 1, k + 2, info.iso, info.known_id, info.confidence, key=m.key)
            info.forms.add(short)

    def _merge_surnames(self, reg: Registry) -> None:
        """A person first registered by surname joins the full name found later."""
        st = reg.st
        for key in [k for k in st.persons if " " not in k]:
            owner = reg.surname_owner(key)
            if owner is None or owner == key:
                continue
            lone, full = st.persons.pop(key), st.persons[owner]
            full.forms |= lone.forms
            for role in lone.roles:
                if role not in full.roles:
                    full.roles.append(role)
            full.iso = full.iso or lone.iso
            for m in st.mentions:
                if m.label == PERSON and m.key == key:
                    m.key = owner

    def _merge_patronymics(self, reg: Registry) -> None:
        """ "Sadyr Nurgozhoyevich" (first name and patronymic, a polite address) is the Sadyr
        named in full elsewhere in the text."""
        st = reg.st
        for key, info in list(st.persons.items()):
            parts = norm_key(info.name).split()
            if len(parts) != 2 or not parts[1].endswith(PATRONYMIC):
                continue
            owner = next(
                (
                    other
                    for k, other in st.persons.items()
                    if k != key
                    and norm_key(other.name).split()[:1] == parts[:1]
                    and len(norm_key(other.name).split()) > 1
                ),
                None,
            )
            if owner is None:
                continue
            owner.forms |= info.forms
            del st.persons[key]
            for m in st.mentions:
                if m.label == PERSON and m.key == key:
                    m.key = owner.key

    def _singles(self, doc: Doc, reg: Registry) -> None:
        st = reg.st
        surnames: dict[str, str] = {}
        for key, info in st.persons.items():
            for form in info.forms:
                parts = norm_key(form).split()
                if len(parts) > 1:
                    surnames.setdefault(parts[-1], key)
                    surnames.setdefault(parts[0], key)  # "Rhee Jong-kook": family name first
        acronyms: dict[str, str] = {}
        for key, org in st.orgs.items():
            for form in org.forms:
                acronyms.setdefault(initials(form), key)
        for k, _sent_start in st.singles:
            if st.at(k) is not None:
                continue
            text = st.texts[k]
            low = norm_key(text)
            owner = surnames.get(low)
            if owner is not None:
                info = st.persons[owner]
                reg.person(text, k, k + 1, None, None, None, info.confidence, key=owner)
                st.persons[owner].forms.add(text)
                continue
            if text.isupper() and 2 <= len(text) <= 6:
                org_key = acronyms.get(low)
                if org_key is not None:
                    org = st.orgs[org_key]
                    org.forms.add(text)
                    reg.org(text, k, k + 1, org.iso, org.known_id, org.confidence, key=org_key)
                    st.orgs[org_key].forms.add(text)


@Language.factory(FACTORY, default_config={"data_dir": ""})
def make_person_resolver(nlp: Language, name: str, data_dir: str) -> PersonResolver:
    return PersonResolver(nlp, name, data_dir)
