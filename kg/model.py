"""Frozen dataclasses that pass between the pipeline stages.

Nothing here knows spaCy or RDF: a stage reads one of these and returns another.
Offsets are Python string indices (Unicode code points) into `Document.text`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

CLASSES = ("Organization", "Person", "Treaty", "Programme", "Law", "Place", "Event")

PREDICATES = (
    "holdsPosition",
    "partOf",
    "cooperatesWith",
    "partyTo",
    "administers",
    "issuedBy",
    "hostedBy",
    "spokeAt",
    "locatedIn",
)

SYMMETRIC_PREDICATES = frozenset({"cooperatesWith"})


# --- reading -----------------------------------------------------------------


@dataclass(frozen=True)
class Document:
    """One source text with its metadata."""

    name: str  # file name, e.g. "2024-07-29-scio-press-conference-cnipa.txt"
    text: str
    sha256: str
    title: str
    publisher: str = ""
    date: str = ""  # ISO 8601: "2024-07-29", "2024-01" or ""
    source: str = ""  # URL where known
    languages: tuple[str, ...] = ("en",)


@dataclass(frozen=True)
class ReadError:
    """A path that could not be read, and why."""

    path: str
    cause: str

    def __str__(self) -> str:
        return f"{self.path}: {self.cause}"


@dataclass(frozen=True)
class Corpus:
    documents: tuple[Document, ...]
    errors: tuple[ReadError, ...] = ()


# --- extraction (per document, before resolution) ----------------------------


@dataclass(frozen=True)
class Span:
    """A stretch of one document."""

    doc: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Mention:
    """A named thing found in a document."""

    span: Span
    cls: str  # one of CLASSES
    subclass: str = ""
    # the name this mention stands for (an acronym's expansion, a surname's full name)
    name: str = ""
    # identifier in the reference data, when the gazetteer matched
    ref: str = ""
    source: str = ""  # which rule or model found it
    cluster: int = -1  # mentions of one document with the same cluster are one thing

    @property
    def key_name(self) -> str:
        return self.name or self.span.text


@dataclass(frozen=True)
class Relation:
    """A relation between two mentions (by index in `Extraction.mentions`)."""

    subject: int
    predicate: str
    object: int
    evidence: Span  # the sentence
    title: str = ""
    rule: str = ""


@dataclass(frozen=True)
class Observation:
    """A figure stated in the text."""

    indicator: str
    value: float
    unit: str
    period: str  # ISO 8601 year, month, day or interval "a/b"
    evidence: Span  # the sentence
    figure: Span  # the number as written
    area: int | None = None  # mention index of the place
    subject: int | None = None  # mention index of the entity measured
    change: float | None = None  # stated change, in `change_unit`
    change_unit: str = ""


@dataclass(frozen=True)
class Extraction:
    """Everything the NLP stage found in one document."""

    document: Document
    mentions: tuple[Mention, ...]
    relations: tuple[Relation, ...]
    observations: tuple[Observation, ...]
    sentences: tuple[Span, ...] = field(default=(), repr=False)


@dataclass(frozen=True)
class Extractions:
    """The NLP stage's output for a whole corpus."""

    items: tuple[Extraction, ...]


# --- resolution ---------------------------------------------------------------


@dataclass(frozen=True)
class Entity:
    """One node per real thing, across documents."""

    iri: str
    cls: str
    name: str
    subclass: str = ""
    aliases: tuple[str, ...] = ()  # (label, language tag) pairs are in `labels`
    labels: tuple[tuple[str, str], ...] = ()  # (text, BCP 47 tag) other than `name`
    mentions: tuple[Span, ...] = ()
    identifiers: tuple[str, ...] = ()  # public identifiers (IRIs) from reference data


@dataclass(frozen=True)
class Fact:
    """A resolved relation: IRIs on both ends, with every sentence that states it."""

    subject: str
    predicate: str
    object: str
    evidence: tuple[Span, ...]
    title: str = ""
    as_of: tuple[str, ...] = ()  # dates of the documents that state it


@dataclass(frozen=True)
class Figure:
    """A resolved observation: one per figure a document states, however often it repeats it."""

    iri: str
    indicator: str
    value: float
    unit: str
    period: str
    evidence: tuple[Span, ...]  # every sentence of the document that states it
    figure: Span  # the first time it is written
    area: str = ""  # IRI
    subject: str = ""  # IRI
    change: float | None = None
    change_unit: str = ""


@dataclass(frozen=True)
class Resolution:
    """The whole knowledge of a corpus, ready to map to RDF."""

    documents: tuple[Document, ...]
    entities: tuple[Entity, ...]
    facts: tuple[Fact, ...]
    figures: tuple[Figure, ...]
    sentences: tuple[Span, ...] = ()
