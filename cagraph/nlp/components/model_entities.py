"""``cagraph.model_entities.v1``: a trained pipeline's entities as extra evidence.

Runs only when the user selects a trained spaCy pipeline (``--model en_core_web_sm``). Its
PERSON and ORG entities that the rules did not find are added with a lower confidence; GPE
entities are left to the gazetteer.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from cagraph.nlp.components.base import DataComponent
from cagraph.nlp.registry import Registry
from cagraph.nlp.state import state

NAME = "cagraph.model_entities.v1"
FACTORY = NAME.replace(".", "_")  # spaCy factory names cannot hold dots


class ModelEntities(DataComponent):
    def __call__(self, doc: Doc) -> Doc:
        st = state(doc)
        reg = Registry(doc, st, self.res, self.name)
        for ent in doc.ents:
            if any(st.at(k) is not None for k in range(ent.start, ent.end)):
                continue
            text = ent.text.strip()
            if not text or text.lower() in self.res.lex.not_names:
                continue
            if ent.label_ == "PERSON" and len(text.split()) >= 2:
                reg.person(text, ent.start, ent.end, None, None, reg.possessor(ent.start), 0.6)
            elif ent.label_ == "ORG":
                reg.org(text, ent.start, ent.end, reg.possessor(ent.start), None, 0.55)
        return doc


@Language.factory(FACTORY, default_config={"data_dir": ""})
def make_model_entities(nlp: Language, name: str, data_dir: str) -> ModelEntities:
    return ModelEntities(nlp, name, data_dir)
