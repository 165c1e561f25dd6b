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
    for position, extraction in _unordered([d for _, d in todo], options):
        i = todo[position][0]
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
    waiting: dict[int, Extraction] = {}
    ready = 0
    for position, extraction in _unordered(documents, options):
        waiting[position] = extraction
        while ready in waiting:
            yield waiting.pop(ready)
            ready += 1


def _unordered(documents: list[Document], options: ExtractOptions) -> Iterator[tuple[int, Extraction]]:
    """(position in `documents`, extraction) as each is done."""
    if not documents:
        return  # without loading the model (a re-build whose documents are all cached)
    if options.n_process > 1 and len(documents) > 1:
        yield from _parallel(documents, options)
        return
    nlp = build_pipeline(options.model)
    reference = load_reference()
    texts = ((clean_for_nlp(d.text), (i, d)) for i, d in enumerate(documents))
    for doc, (i, document) in nlp.pipe(texts, as_tuples=True, batch_size=options.batch_size):
        yield i, extract_doc(doc, document, reference)


def _parallel(documents: list[Document], options: ExtractOptions) -> Iterator[tuple[int, Extraction]]:
    """Longest documents first, so that no worker is left with a long one at the end while the other
    idles; short ones travel in batches of up to `batch_size` documents and about `_BATCH_WORDS` words."""
    from concurrent.futures import ProcessPoolExecutor, as_completed

    serial = ExtractOptions(model=options.model, n_process=1, batch_size=options.batch_size)
    with ProcessPoolExecutor(max_workers=options.n_process) as pool:
        futures = {pool.submit(_extract_batch, [documents[i] for i in batch], serial): batch
                   for batch in _batches(documents, options.batch_size, options.n_process)}
        try:
            for future in as_completed(futures):
                yield from zip(futures[future], future.result())
        except BaseException:
            pool.shutdown(cancel_futures=True)  # a failed (or abandoned) stage parses nothing more
            raise


_BATCH_WORDS = 2000


def _batches(documents: list[Document], batch_size: int, processes: int) -> list[list[int]]:
    """Positions of `documents` in batches, longest (in words) first; at least four batches per process
    while there are documents enough, so that the load evens out."""
    size = max(1, min(batch_size, -(-len(documents) // (processes * 4))))
    lengths = [len(d.text.split()) for d in documents]
    order = sorted(range(len(documents)), key=lambda i: (-lengths[i], i))
    batches: list[list[int]] = []
    words = 0
    for i in order:
        length = lengths[i]
        if not batches or len(batches[-1]) >= size or words + length > _BATCH_WORDS:
            batches.append([])
            words = 0
        batches[-1].append(i)
        words += length
    return batches


def _extract_batch(documents: list[Document], options: ExtractOptions) -> list[Extraction]:
    return [extraction for _i, extraction in _unordered(documents, options)]


def extract_doc(doc: Doc, document: Document, reference: Reference) -> Extraction:
    """Mentions, relations and observations of one parsed document."""
    text = document.text
    found = find_mentions(doc, text, doc_text(doc), reference)
    ctx = DocContext.build(doc, text, found)
    relations = find_relations(ctx)
    figures = find_observations(ctx, document.date, areas=reference.areas)

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

