"""Extraction benchmark: rules-only, hybrid and the full statistical pipeline, side by side.

Generates a deterministic synthetic English news corpus (template sentences about agreements,
meetings and summits over names from the reference data in ``data/``, plus filler prose), or
reads real articles (``--corpus DIR``: every ``*.txt`` below it), then measures, in one run and on
the same texts, words per second of ``spacy.blank("en")``'s tokenizer, the rule-only extractor,
the hybrid extractor (rules + the trained pipeline on the sentences that pay) on one core and
with more workers, and the trained pipeline itself (all its components) over every sentence of a
slice of the corpus; then the ratios the issue asks for, peak RSS and the machine.

    .venv/bin/python bench/extract_bench.py                 # 1M words, workers 1 and 2
    .venv/bin/python bench/extract_bench.py --words 200000 --workers 1 2 4
    .venv/bin/python bench/extract_bench.py --corpus ../shared/corpus --repeat 5
    .venv/bin/python bench/extract_bench.py --generate-only /tmp/synthetic   # <id>.txt files
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import resource
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import spacy

from cagraph.errors import CagraphError
from cagraph.records import Article

MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
TOPICS = (
    "energy", "water management", "transport", "digital technologies", "education", "tourism",
    "agriculture", "healthcare", "trade", "logistics", "culture", "science", "security",
    "climate", "customs", "banking", "mining", "aviation", "youth policy", "emergencies",
)  # fmt: skip
ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "tenth")


@dataclass(frozen=True)
class Leader:
    name: str
    surname: str
    title: str
    country: str  # country name


@dataclass(frozen=True)
class NamePool:
    """The names the templates draw from."""

    countries: tuple[tuple[str, str], ...]  # (name, demonym)
    leaders: tuple[Leader, ...]
    organizations: tuple[str, ...]
    places: tuple[str, ...]
    source: str


BUILTIN = NamePool(
    countries=(
        ("Kazakhstan", "Kazakh"), ("Kyrgyzstan", "Kyrgyz"), ("Tajikistan", "Tajik"),
        ("Turkmenistan", "Turkmen"), ("Uzbekistan", "Uzbek"), ("China", "Chinese"),
        ("Russia", "Russian"), ("Turkey", "Turkish"), ("Japan", "Japanese"),
        ("Germany", "German"), ("India", "Indian"), ("South Korea", "South Korean"),
    ),
    leaders=(
        Leader("Kassym-Jomart Tokayev", "Tokayev", "President", "Kazakhstan"),
        Leader("Sadyr Japarov", "Japarov", "President", "Kyrgyzstan"),
        Leader("Emomali Rahmon", "Rahmon", "President", "Tajikistan"),
        Leader("Serdar Berdimuhamedov", "Berdimuhamedov", "President", "Turkmenistan"),
        Leader("Shavkat Mirziyoyev", "Mirziyoyev", "President", "Uzbekistan"),
        Leader("Xi Jinping", "Xi", "President", "China"),
        Leader("Recep Tayyip Erdogan", "Erdogan", "President", "Turkey"),
        Leader("Narendra Modi", "Modi", "Prime Minister", "India"),
    ),
    organizations=(
        "European Union", "Shanghai Cooperation Organisation", "United Nations",
        "Asian Development Bank", "European Bank for Reconstruction and Development",
        "Organization of Turkic States", "World Bank", "Eurasian Economic Union",
    ),
    places=(
        "Astana", "Almaty", "Bishkek", "Dushanbe", "Ashgabat", "Tashkent", "Samarkand",
        "Beijing", "Moscow", "Ankara", "Tokyo", "Brussels",
    ),
    source="built-in list",
)  # fmt: skip


def reference_names() -> NamePool:
    """Names from the reference data in data/, or the built-in list when it cannot be read."""
    try:
        from cagraph.refdata import load_reference

        ref = load_reference()
        countries = tuple(
            (c.name, c.demonyms[0] if c.demonyms else c.name)
            for c in ref.countries
            if c.state_level and c.iso2 != "EU"
        )
        by_iso = {c.iso2: c.name for c in ref.countries}
        leaders = tuple(
            Leader(lead.name, lead.surnames[0], lead.terms[0].office, by_iso[lead.terms[0].country])
            for lead in ref.leaders
            if lead.surnames and lead.terms and lead.terms[0].country in by_iso
        )
        organizations = tuple(o.name for o in ref.organizations)
        places = tuple(p.name for p in ref.places) + tuple(
            c.capital for c in ref.countries if c.capital
        )
        if not (countries and leaders and organizations and places):
            raise ValueError("reference data has an empty list")
        return NamePool(countries, leaders, organizations, places, source="data/ reference data")
    except Exception as exc:
        print(f"note: no reference data ({exc}); using the built-in names", file=sys.stderr)
        return BUILTIN


class Writer:
    """Deterministic article generator."""

    def __init__(self, names: NamePool, seed: int) -> None:
        self.n = names
        self.r = random.Random(seed)

    def _date(self) -> str:
        return f"{self.r.randint(1, 28)} {self.r.choice(MONTHS)} {self.r.randint(2015, 2025)}"

    def _two_countries(self) -> tuple[tuple[str, str], tuple[str, str]]:
        a, b = self.r.sample(self.n.countries, 2)
        return a, b

    def news_sentence(self) -> str:
        r, n = self.r, self.n
        (c1, d1), (c2, d2) = self._two_countries()
        l1, l2 = r.sample(n.leaders, 2) if len(n.leaders) > 1 else (n.leaders[0], n.leaders[0])
        org, place, topic = r.choice(n.organizations), r.choice(n.places), r.choice(TOPICS)
        topic2, date = r.choice(TOPICS), self._date()
        templates = (
            f"{l1.title} {l1.name} of {l1.country} and {l2.title} {l2.name} of {l2.country} "
            f"signed an agreement on {topic} cooperation in {place} on {date}.",
            f"The {d1} and {d2} sides signed a memorandum of understanding on {topic}.",
            f"{c1} and the {org} launched a joint programme on {topic} and {topic2}.",
            f"The ministries of {topic2} of {c1} and {c2} concluded a protocol on {topic}.",
            f"The presidents of {c1} and {c2} adopted a joint declaration on strategic "
            f"partnership.",
            f"In total, {r.randint(3, 40)} agreements worth ${r.randint(1, 30)} billion were "
            f"signed during the visit of {l1.name} to {c2}.",
            f"{l1.title} {l1.name} arrived in {place} on an official visit on {date}.",
            f"The {c1} – {org} summit was held in {place} on {date}.",
            f"{place} hosted the {r.choice(ORDINALS)} {c1}-{c2} business forum, attended by "
            f"more than {r.randint(100, 900)} companies.",
            f"Talks between {l1.surname} and {l2.surname} focused on {topic} and {topic2}.",
            f"{c1} remains one of the largest trade partners of {c2}, with bilateral trade "
            f"reaching ${r.randint(1, 90)}.{r.randint(0, 9)} billion last year.",
            f"A delegation of the {org} met representatives of the {d1} government in {place}.",
        )
        return r.choice(templates)

    def filler_sentence(self) -> str:
        r = self.r
        subject = r.choice((
            "Local analysts", "Market observers", "Farmers in the region", "City officials",
            "Independent economists", "Residents", "Small businesses", "Teachers", "Engineers",
        ))  # fmt: skip
        verb = r.choice((
            "noted that", "expect that", "reported that", "warned that", "said that",
            "believe that",
        ))  # fmt: skip
        thing = r.choice((
            "prices for wheat", "the cost of housing", "demand for electricity",
            "the number of tourists", "freight volumes", "water levels in the river",
            "the quality of roads", "interest in online courses", "exports of cotton",
        ))  # fmt: skip
        change = r.choice((
            "rose steadily", "fell slightly", "stayed roughly the same", "doubled",
            "grew faster than planned", "recovered", "changed little",
        ))  # fmt: skip
        when = r.choice((
            "over the past quarter", "during the winter months", "since the start of the year",
            "compared with last year", "in recent weeks", "after the new rules took effect",
        ))  # fmt: skip
        tail = r.choice(("", " according to preliminary figures", " despite higher costs"))
        return f"{subject} {verb} {thing} {change} {when}{tail}."

    def article(self, index: int, words: int) -> Article:
        r = self.r
        place = r.choice(self.n.places)
        (c1, _), (c2, _) = self._two_countries()
        title = f"{c1} and {c2} expand cooperation in {r.choice(TOPICS)}"
        paragraphs: list[str] = []
        count = len(title.split())
        first = True
        while count < words:
            sentences = []
            for _ in range(r.randint(2, 5)):
                s = self.news_sentence() if r.random() < 0.4 else self.filler_sentence()
                sentences.append(s)
            paragraph = " ".join(sentences)
            if first:
                paragraph = f"{place}, {self._date()}. {paragraph}"
                first = False
            paragraphs.append(paragraph)
            count += len(paragraph.split())
        return Article(id=f"syn{index:06d}", title=title, text="\n\n".join([title, *paragraphs]))


def generate(total_words: int, seed: int, names: NamePool) -> list[Article]:
    """Articles of 300-900 words until the corpus holds at least ``total_words`` words."""
    writer = Writer(names, seed)
    articles: list[Article] = []
    count = 0
    while count < total_words:
        article = writer.article(len(articles), writer.r.randint(300, 900))
        articles.append(article)
        count += article.word_count
    return articles


@dataclass(frozen=True)
class Timing:
    label: str
    words: int
    seconds: float
    note: str = ""

    @property
    def rate(self) -> float:
        return self.words / self.seconds if self.seconds else float("inf")


def timed(label: str, words: int, run: Callable[[], str]) -> Timing:
    start = time.perf_counter()
    note = run()
    return Timing(label, words, time.perf_counter() - start, note)


def tokenize_all(nlp: Any, texts: list[str]) -> str:
    tokens = sum(len(doc) for doc in nlp.tokenizer.pipe(texts, batch_size=256))
    return f"{tokens:,} tokens"


def extract_all(extractor: Any, articles: Iterable[Article], workers: int) -> str:
    totals = [0, 0, 0, 0]
    for result in extractor.extract_many(articles, workers=workers):
        for i, items in enumerate((result.entities, result.agreements, result.events, result.ties)):
            totals[i] += len(items)
    e, a, v, t = totals
    return f"{e:,} entities, {a:,} agreements, {v:,} events, {t:,} ties"


def extract_all_json(extractor: Any, articles: Iterable[Article], workers: int) -> str:
    size = sum(len(text) for _, text in extractor.extract_many_json(articles, workers=workers))
    return f"{size / 1e6:,.1f} MB of JSON"


def peak_rss_mb() -> tuple[float, float]:
    """Peak resident set size of this process and of its largest child, in MB (Linux: KB)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def machine(load_before: tuple[float, float, float]) -> list[str]:
    cpu = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return [
        f"CPU: {cpu}; {os.cpu_count()} logical cores, {usable} usable by this process",
        f"OS: {platform.platform()}",
        f"Python {platform.python_version()}, spaCy {spacy.__version__}",
        "load average before the run: {:.2f} {:.2f} {:.2f}".format(*load_before),
    ]


def report(timings: list[Timing], words: int, n_articles: int, source: str) -> Iterator[str]:
    base = timings[0].rate
    yield f"corpus: {n_articles:,} articles, {words:,} words ({source})"
    yield ""
    yield "| stage | seconds | words/s | vs tokenizer | output |"
    yield "|---|---:|---:|---:|---|"
    for t in timings:
        yield (f"| {t.label} | {t.seconds:.2f} | {t.rate:,.0f} | {t.rate / base:.3f}x | {t.note} |")


def model_all(nlp: Any, texts: list[str]) -> str:
    """The trained pipeline, every component, over every text (``nlp.pipe``)."""
    ents = sum(len(doc.ents) for doc in nlp.pipe(texts, batch_size=64))
    return f"{ents:,} entities"


def real_articles(folder: Path, repeat: int) -> list[Article]:
    from cagraph.ingest import read_article

    paths = sorted(folder.rglob("*.txt"))
    if not paths:
        raise SystemExit(f"no *.txt below {folder}")
    once = [read_article(p) for p in paths]
    return [a.model_copy(update={"id": f"{a.id}-{i}"}) for i in range(repeat) for a in once]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=1_000_000, help="corpus size in words")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="worker counts")
    parser.add_argument("--seed", type=int, default=20250404)
    parser.add_argument("--model", default=None, help="trained pipeline (default: the hybrid's)")
    parser.add_argument("--corpus", type=Path, help="real articles: every *.txt below DIR")
    parser.add_argument("--repeat", type=int, default=1, help="passes over --corpus")
    parser.add_argument(
        "--model-words",
        type=int,
        default=100_000,
        help="words the full trained pipeline reads (a slice: it is ~20x slower)",
    )
    parser.add_argument("--generate-only", type=Path, metavar="DIR", help="write <id>.txt files")
    args = parser.parse_args(argv)

    load_before = os.getloadavg()
    if args.corpus:
        articles = real_articles(args.corpus, args.repeat)
        source = f"real articles below {args.corpus}, {args.repeat} pass(es)"
    else:
        names = reference_names()
        articles = generate(args.words, args.seed, names)
        source = f"synthetic; names: {names.source}"
    words = sum(a.word_count for a in articles)
    if args.generate_only:
        args.generate_only.mkdir(parents=True, exist_ok=True)
        for a in articles:
            (args.generate_only / f"{a.id}.txt").write_text(a.text + "\n", encoding="utf-8")
        print(f"wrote {len(articles):,} articles, {words:,} words to {args.generate_only}")
        return 0

    texts = [a.text for a in articles]
    nlp = spacy.blank("en")
    timings = [timed('spaCy tokenizer (blank "en")', words, partial(tokenize_all, nlp, texts))]
    status = 0
    try:
        from cagraph.nlp import load_extractor
        from cagraph.nlp.model import resolve_model

        model = resolve_model(args.model)
        modes = [("rules only", "none")] + ([("hybrid", model)] if model else [])
        for label, name in modes:
            start = time.perf_counter()
            extractor = load_extractor(model=name)
            extractor.extract(articles[0])  # warm-up, not timed
            load_s = time.perf_counter() - start
            print(f"{label}: loaded and warmed up in {load_s:.2f} s", file=sys.stderr)
            for w in args.workers:
                row = f"{label}, {w} worker{'s' if w > 1 else ''}"
                timings.append(timed(row, words, partial(extract_all_json, extractor, articles, w)))
        if model:
            full = spacy.load(model)
            sliced, count = [], 0
            for text in texts:
                if count >= args.model_words:
                    break
                sliced.append(text)
                count += len(text.split())
            full.pipe(texts[:1])
            row = f"{model} full pipeline ({', '.join(full.pipe_names)}), 1 worker"
            timings.append(timed(row, count, partial(model_all, full, sliced)))
        else:
            print("no trained pipeline installed: the hybrid was not measured", file=sys.stderr)
    except (ImportError, CagraphError) as exc:
        print(f"extractor not available ({exc}); only the tokenizer was measured", file=sys.stderr)
        status = 1

    print("\n".join(report(timings, words, len(articles), source)))
    by_label = {t.label: t for t in timings}
    for t in timings[1:]:
        one = by_label.get(t.label.split(", ")[0] + ", 1 worker")
        if one is not None and one is not t:
            print(f"{t.label} / 1 worker: {t.rate / one.rate:.2f}x")
    hybrid = by_label.get("hybrid, 1 worker")
    rules = by_label.get("rules only, 1 worker")
    full_row = next((t for t in timings if "full pipeline" in t.label), None)
    if hybrid and full_row:
        print(f"hybrid, 1 worker / full pipeline: {hybrid.rate / full_row.rate:.2f}x")
    if hybrid and rules:
        print(f"hybrid, 1 worker / rules only: {hybrid.rate / rules.rate:.2f}x")
    own, children = peak_rss_mb()
    print(f"peak RSS: {own:,.0f} MB (this process), {children:,.0f} MB (largest worker process)")
    print("\n".join(machine(load_before)))
    print("load average after the run: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    return status


if __name__ == "__main__":
    sys.exit(main())
