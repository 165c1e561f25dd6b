"""Mapping a `Resolution` onto the ontology (ontology/kg.ttl): statements in named graphs.

Named graphs:
- one per source document (`id/doc/<sha256>`): the document, its entities as
  it names them, the relations and figures it states, and where (NIF offsets);
- one per evidence sentence (`id/doc/<sha256>#char=<start>,<end>`), holding the
  relation triples that sentence supports: the graph name *is* the evidence node,
  so a fact's provenance is `GRAPH ?evidence { s p o }` and nothing is reified.
The default graph is the merge of all of them.

Offsets follow NIF 2.1 (RFC 5147 `#char=` fragments, nif:beginIndex/endIndex
in Unicode code points); figures are RDF Data Cube observations.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, QB, RDF, RDFS, SKOS, XSD

from kg.model import Document, Entity, Fact, Figure, Resolution, Span
from kg.naming import slugify
from kg.nlp.quantities import CURRENCIES
from kg.periods import period_bounds
from kg.rdf.namespaces import (
    CLASS_IRI,
    ID,
    ITSRDF,
    KG,
    NIF,
    ORG,
    PREDICATE_IRI,
    SCHEMA,
    SDMX_ATTRIBUTE,
    SDMX_DIMENSION,
    SDMX_MEASURE,
    WD,
    bind_all,
)
from kg.rdf.terms import Terms

SUBCLASS_IRI = {
    "IPOffice": KG.IPOffice,
    "GovernmentAgency": KG.GovernmentAgency,
    "InternationalOrganization": KG.InternationalOrganization,
    "PartyOrStateBody": KG.PartyOrStateBody,
    "Court": KG.Court,
    "MediaOutlet": KG.MediaOutlet,
    "AcademicInstitution": KG.AcademicInstitution,
    "Company": KG.Company,
    "Country": SCHEMA.Country,
    "City": SCHEMA.City,
    "AdministrativeArea": SCHEMA.AdministrativeArea,
    "Continent": SCHEMA.Continent,
    "PressConference": KG.PressConference,
}
UNIT_IRI = {
    "count": ID["unit/count"],
    **{code: ID[f"unit/{code}"] for code in sorted(CURRENCIES)},  # ISO 4217 codes
    "percent": ID["unit/percent"],
    "percentage points": ID["unit/percentage-points"],
    "points": ID["unit/points"],
    "months": ID["unit/months"],
    "years": ID["unit/years"],
    "rank": ID["unit/rank"],
    "times": ID["unit/times"],
}
DATASET = ID["dataset/figures"]
INDICATORS = ID["scheme/indicators"]


def document_iri(document: Document) -> URIRef:
    return ID[f"doc/{document.sha256[:32]}"]


def evidence_iri(document: Document, span: Span) -> URIRef:
    return URIRef(f"{document_iri(document)}#char={span.start},{span.end}")


@dataclass(frozen=True)
class Counts:
    triples: int  # distinct (subject, predicate, object): the merged graph's size
    fact_triples: int
    provenance_triples: int


@dataclass(frozen=True)
class Mapped:
    """The mapped statements, each once and in a fixed order (iter_quads is deterministic; a set's order is
    not): (subject, predicate, object, graph, kind) with rdflib terms, kind as in iter_quads."""

    statements: tuple[tuple, ...]

    def graph(self) -> Graph:
        """The merged graph in rdflib (what SHACL validates and JSON-LD is written from)."""
        graph = Graph()
        bind_all(graph)
        add = graph.add
        for triple in dict.fromkeys(q[:3] for q in self.statements):
            add(triple)
        return graph

    def oxigraph_quads(self) -> list[ox.Quad]:
        """The statements in their named graphs as Oxigraph terms (Turtle, TriG, the network's store)."""
        quad = Terms().quad
        return [quad(s, p, o, g) for s, p, o, g, _ in self.statements]

    def counts(self) -> Counts:
        tally = _Tally()
        for statement in self.statements:
            tally.add(*statement)
        return tally.counts()


class _Tally:
    """Counts of statements (s, p, o, graph, kind), given in any order and any number of times."""

    def __init__(self) -> None:
        self.fact: set[tuple] = set()
        self.provenance: set[tuple] = set()
        self.sentence_copies: set[tuple] = set()  # the cost of sentence-level provenance, as triples

    def add(self, s, p, o, g, kind: str) -> None:
        if kind == "sentence":
            self.sentence_copies.add((s, p, o, g))
        (self.provenance if kind == "prov" else self.fact).add((s, p, o))

    def counts(self) -> Counts:
        fact, provenance = self.fact, self.provenance
        return Counts(len(fact | provenance), len(fact - provenance),
                      len(provenance - fact) + len(self.sentence_copies))


def to_dataset(resolution: Resolution) -> Mapped:
    """The resolution as statements in named graphs (as above); their merge is the default graph."""
    return Mapped(tuple(dict.fromkeys(iter_quads(resolution))))


def write_nquads(resolution: Resolution, path: Path) -> Counts:
    """The statements of `to_dataset` written to `path` as N-Quads (in no order, some more than once) as they
    are made, none of them held; and their counts."""
    terms, tally = Terms(), _Tally()

    def quads() -> Iterator[ox.Quad]:
        for s, p, o, g, kind in iter_quads(resolution):
            s, p, o, g = terms(s), terms(p), terms(o), terms(g)  # each term converted once: the tally shares them
            tally.add(s, p, o, g, kind)
            yield ox.Quad(s, p, o, g)

    ox.serialize(quads(), output=path, format=ox.RdfFormat.N_QUADS)
    return tally.counts()


def iter_quads(resolution: Resolution) -> Iterator[tuple]:
    """(s, p, o, graph, kind) with kind "fact", "prov" (provenance) or "sentence" (a fact's sentence-graph copy)."""
    docs = {d.name: d for d in resolution.documents}
    entities = {e.iri: e for e in resolution.entities}
    for document in resolution.documents:
        yield from _document(document)
    for entity in resolution.entities:
        yield from _entity(entity, docs)
    for fact in resolution.facts:
        yield from _fact(fact, docs, entities)
    for figure in resolution.figures:
        yield from _figure(figure, docs)
    for span in resolution.sentences:
        document = docs[span.doc]
        yield from _evidence(document, span)


def _lit_date(value: str) -> Literal | None:
    if len(value) == 10:
        return Literal(value, datatype=XSD.date)
    if len(value) == 7:
        return Literal(value, datatype=XSD.gYearMonth)
    if len(value) == 4:
        return Literal(value, datatype=XSD.gYear)
    return None


def _document(document: Document) -> Iterator[tuple]:
    d = document_iri(document)
    yield d, RDF.type, FOAF.Document, d, "fact"
    yield d, RDF.type, NIF.Context, d, "prov"
    yield d, DCTERMS.title, Literal(document.title), d, "fact"
    yield d, KG.fileName, Literal(document.name), d, "fact"
    yield d, KG.sha256, Literal(document.sha256), d, "fact"
    yield d, NIF.isString, Literal(document.text), d, "prov"
    if document.publisher:
        yield d, DCTERMS.publisher, Literal(document.publisher), d, "fact"
    if document.date and (date := _lit_date(document.date)) is not None:
        yield d, DCTERMS.date, date, d, "fact"
    if document.source:
        # an address is an IRI; anything else ("Xinhua print edition, p. 3") stays text
        source = URIRef(document.source) if re.fullmatch(r"https?://[^\s<>\"{}|\\^`]+", document.source) \
            else Literal(document.source)
        yield d, DCTERMS.source, source, d, "fact"
    for language in document.languages:
        yield d, DCTERMS.language, Literal(language, datatype=XSD.language), d, "fact"


def _entity(entity: Entity, docs: dict[str, Document]) -> Iterator[tuple]:
    e = URIRef(entity.iri)
    for document in sorted({docs[m.doc] for m in entity.mentions}, key=lambda d: d.name):
        g = document_iri(document)
        yield e, RDF.type, CLASS_IRI[entity.cls], g, "fact"
        if entity.subclass in SUBCLASS_IRI:
            yield e, RDF.type, SUBCLASS_IRI[entity.subclass], g, "fact"
        yield e, SKOS.prefLabel, Literal(entity.name, lang="en"), g, "fact"
        yield e, RDFS.label, Literal(entity.name, lang="en"), g, "fact"
        for text, lang in entity.labels:
            if text != entity.name:
                # in lower case, as RDF's value space has language tags (and Oxigraph writes them)
                yield e, SKOS.altLabel, Literal(text, lang=lang.lower()), g, "fact"
        for identifier in entity.identifiers:
            if identifier.startswith("ISO 3166-1:"):
                yield e, DCTERMS.identifier, Literal(identifier.split(":", 1)[1]), g, "fact"
            elif identifier.startswith(str(WD)):
                yield e, OWL.sameAs, URIRef(identifier), g, "fact"
            else:
                yield e, FOAF.homepage, URIRef(identifier), g, "fact"
        yield e, KG.mentionedIn, g, g, "fact"
    for mention in entity.mentions:
        document = docs[mention.doc]
        m = evidence_iri(document, mention)
        g = document_iri(document)
        yield m, RDF.type, NIF.Phrase, g, "prov"
        yield m, ITSRDF.taIdentRef, e, g, "prov"
        yield m, NIF.beginIndex, Literal(mention.start, datatype=XSD.nonNegativeInteger), g, "prov"
        yield m, NIF.endIndex, Literal(mention.end, datatype=XSD.nonNegativeInteger), g, "prov"
        yield m, NIF.anchorOf, Literal(mention.text), g, "prov"
        yield m, NIF.referenceContext, g, g, "prov"


def _fact(fact: Fact, docs: dict[str, Document], entities: dict[str, Entity]) -> Iterator[tuple]:
    s, o = URIRef(fact.subject), URIRef(fact.object)
    p = PREDICATE_IRI[fact.predicate]
    evidence_docs = sorted({docs[e.doc] for e in fact.evidence}, key=lambda d: d.name)
    for document in evidence_docs:
        yield s, p, o, document_iri(document), "fact"
    for span in fact.evidence:
        yield s, p, o, evidence_iri(docs[span.doc], span), "sentence"
    if fact.predicate == "partOf" and entities[fact.subject].cls == "Organization":
        for document in evidence_docs:
            yield s, RDF.type, ORG.OrganizationalUnit, document_iri(document), "fact"
    if fact.predicate == "holdsPosition":
        yield from _membership(fact, docs)


def _membership(fact: Fact, docs: dict[str, Document]) -> Iterator[tuple]:
    """org:Membership with the role (title) and the dates of the documents that state it."""
    person_slug = fact.subject.rsplit("/", 1)[-1]
    org_slug = fact.object.rsplit("/", 1)[-1]
    title = fact.title or "member"
    m = ID[f"membership/{person_slug}--{org_slug}--{slugify(title)}"]
    role = ID[f"role/{slugify(title)}"]
    for span in fact.evidence:
        document = docs[span.doc]
        g = document_iri(document)
        evidence = evidence_iri(document, span)
        for triple in (
            (m, RDF.type, ORG.Membership),
            (m, ORG.member, URIRef(fact.subject)),
            (m, ORG.organization, URIRef(fact.object)),
            (m, ORG.role, role),
            (role, RDF.type, ORG.Role),
            (role, SKOS.prefLabel, Literal(title, lang="en")),
        ):
            yield (*triple, g, "fact")
            yield (*triple, evidence, "sentence")
        if document.date and (date := _lit_date(document.date)) is not None:
            yield m, KG.asOf, date, g, "fact"
        yield m, PROV.wasDerivedFrom, evidence, g, "prov"


def _figure(figure: Figure, docs: dict[str, Document]) -> Iterator[tuple]:
    document = docs[figure.figure.doc]
    g = document_iri(document)
    obs = URIRef(figure.iri)
    indicator = ID[f"indicator/{slugify(figure.indicator)}"]
    start, end = period_bounds(figure.period) if figure.period else ("", "")
    triples = [
        (obs, RDF.type, QB.Observation),
        (obs, QB.dataSet, DATASET),
        (obs, KG.statedIn, g),
        (obs, KG.indicator, indicator),
        (indicator, RDF.type, SKOS.Concept),
        (indicator, SKOS.prefLabel, Literal(figure.indicator, lang="en")),
        (indicator, SKOS.inScheme, INDICATORS),
        (obs, SDMX_MEASURE.obsValue, Literal(_decimal(figure.value), datatype=XSD.decimal)),
        (obs, SDMX_ATTRIBUTE.unitMeasure, UNIT_IRI.get(figure.unit, ID[f"unit/{slugify(figure.unit)}"])),
        (obs, KG.figureText, Literal(figure.figure.text)),
    ]
    if figure.period:
        triples += [
            (obs, SDMX_DIMENSION.refPeriod, Literal(figure.period)),
            (obs, KG.periodStart, Literal(start, datatype=XSD.date)),
            (obs, KG.periodEnd, Literal(end, datatype=XSD.date)),
        ]
    if figure.area:
        triples.append((obs, SDMX_DIMENSION.refArea, URIRef(figure.area)))
    if figure.subject:
        triples.append((obs, KG.subject, URIRef(figure.subject)))
    if figure.change is not None:
        triples.append((obs, KG.change, Literal(_decimal(figure.change), datatype=XSD.decimal)))
        triples.append((obs, KG.changeUnit, UNIT_IRI.get(figure.change_unit, ID["unit/count"])))
    for triple in triples:
        yield (*triple, g, "fact")
    for span in figure.evidence:
        yield obs, PROV.wasDerivedFrom, evidence_iri(document, span), g, "prov"


def _decimal(value: float) -> str:
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return text if text not in ("", "-0") else "0"


def _evidence(document: Document, span: Span) -> Iterator[tuple]:
    e = evidence_iri(document, span)
    g = document_iri(document)
    yield e, RDF.type, NIF.Sentence, g, "prov"
    yield e, NIF.beginIndex, Literal(span.start, datatype=XSD.nonNegativeInteger), g, "prov"
    yield e, NIF.endIndex, Literal(span.end, datatype=XSD.nonNegativeInteger), g, "prov"
    yield e, NIF.anchorOf, Literal(span.text), g, "prov"
    yield e, NIF.referenceContext, g, g, "prov"

