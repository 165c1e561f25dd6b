"""The NLP stage: documents -> extractions (mentions, relations, observations) per document.

Texts stream through `nlp.pipe`; from each parsed Doc only what the graph
needs is kept, as frozen dataclasses, and the Doc is dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from kg.model import (
    Corpus,
    Document,
    Extraction,
    Extractions,
    Mention,
    Observation,
    Relation,
    Span,
)
from kg.nlp.context import DocContext
from kg.nlp.mentions import find_mentions
from kg.nlp.pipeline import build_pipeline
from kg.nlp.relations import find_relations
from kg.nlp.statistics import find_observations
from kg.nlp.text import clean_for_nlp, doc_text, strip_span
from kg.reference import Reference, load_reference

if TYPE_CHECKING:
    from kg.cache import ExtractionCache


@dataclass(frozen=True)
class ExtractOptions:
    model: tuple[str, ...] | None = None  # spaCy models to try; default: settings
    n_process: int = 1
    batch_size: int = 8


def extract(
    corpus: Corpus,
    *,
    options: ExtractOptions = ExtractOptions(),
    progress: Callable[[Document], None] | None = None,
    cache: "ExtractionCache | None" = None,
) -> Extractions:
    """Run the NLP stage over every document of the corpus, in order; cached documents are not parsed again."""
    found: dict[int, Extraction] = {}
    todo: list[tuple[int, Document]] = []
    for i, document in enumerate(corpus.documents):
        cached = cache.get(document) if cache is not None else None
        if cached is not None:
            found[i] = cached
            if progress:
                progress(document)
        else:
            todo.append((i, document))
    for i, extraction in zip((i for i, _ in todo), iter_extract([d for _, d in todo], options=options)):
        found[i] = extraction
        if cache is not None:
            cache.put(extraction)
        if progress:
            progress(extraction.document)
    return Extractions(tuple(found[i] for i in range(len(corpus.documents))))


def iter_extract(documents: Iterable[Document], *, options: ExtractOptions = ExtractOptions()) -> Iterator[Extraction]:
    """Extractions in document order. With several processes, each worker parses and extracts whole
    documents and sends back only the extraction, never a spaCy Doc."""
    documents = list(documents)
    if options.n_process > 1 and len(documents) > 1:
        yield from _parallel(documents, options)
        return
    nlp = build_pipeline(options.model)
    reference = load_reference()
    texts = ((clean_for_nlp(d.text), d) for d in documents)
    for doc, document in nlp.pipe(texts, as_tuples=True, batch_size=options.batch_size):
        yield extract_doc(doc, document, reference)


def _parallel(documents: list[Document], options: ExtractOptions) -> Iterator[Extraction]:
    from concurrent.futures import ProcessPoolExecutor

    size = max(1, min(options.batch_size, -(-len(documents) // (options.n_process * 4))))
    chunks = [documents[i:i + size] for i in range(0, len(documents), size)]
    serial = ExtractOptions(model=options.model, n_process=1, batch_size=options.batch_size)
    with ProcessPoolExecutor(max_workers=options.n_process) as pool:
        for batch in pool.map(_extract_chunk, chunks, [serial] * len(chunks)):
            yield from batch


def _extract_chunk(documents: list[Document], options: ExtractOptions) -> list[Extraction]:
    return list(iter_extract(documents, options=options))


def extract_doc(doc: Doc, document: Document, reference: Reference) -> Extraction:
    """Mentions, relations and observations of one parsed document."""
    text = document.text
    found = find_mentions(doc, text, doc_text(doc), reference)
    ctx = DocContext.build(doc, text, found)
    relations = find_relations(ctx)
    figures = find_observations(ctx, document.date)

    def span(start: int, end: int) -> Span:
        return Span(document.name, start, end, text[start:end])

    mentions = tuple(
        Mention(
            span=span(m.start, m.end),
            cls=m.cls,
            subclass=m.subclass,
            name=m.name,
            ref=m.ref,
            source=m.source,
            cluster=cluster,
        )
        for m, cluster in zip(found.mentions, found.clusters)
    )
    return Extraction(
        document=document,
        mentions=mentions,
        relations=tuple(
            Relation(r.subject, r.predicate, r.object, span(*r.sentence), title=r.title, rule=r.rule)
            for r in relations
        ),
        observations=tuple(
            Observation(
                indicator=f.indicator,
                value=f.value,
                unit=f.unit,
                period=f.period,
                evidence=span(*f.sentence),
                figure=span(f.start, f.end),
                area=f.area,
                subject=f.subject,
                change=f.change,
                change_unit=f.change_unit,
            )
            for f in figures
        ),
        sentences=tuple(span(*strip_span(text, s.start_char, s.end_char)) for s in doc.sents
                        if text[s.start_char:s.end_char].strip()),
    )

