"""Every namespace the project uses, bound once.

`bind_all(graph)` gives any rdflib graph the same prefixes, so every
serialisation reads the same way.
"""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import (
    DCTERMS,
    FOAF,
    OWL,
    PROV,
    QB,
    RDF,
    RDFS,
    SH,
    SKOS,
    TIME,
    XSD,
)


class _Namespace(Namespace):
    """rdflib's Namespace, keeping each term asked for as an attribute (`KG.fileName`): rdflib makes and
    checks a new URIRef at every access, and the mapping asks for the same few for every statement."""

    def __getattr__(self, name: str):
        term = super().__getattr__(name)
        self.__dict__[name] = term  # found before __getattr__ from now on
        return term


BASE = "https://w3id.org/ipkg/"

KG = _Namespace(BASE + "ontology#")
ID = _Namespace(BASE + "id/")

ORG = _Namespace("http://www.w3.org/ns/org#")
SCHEMA = _Namespace("https://schema.org/")
NIF = _Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
ITSRDF = _Namespace("http://www.w3.org/2005/11/its/rdf#")
SDMX_MEASURE = _Namespace("http://purl.org/linked-data/sdmx/2009/measure#")
SDMX_DIMENSION = _Namespace("http://purl.org/linked-data/sdmx/2009/dimension#")
SDMX_ATTRIBUTE = _Namespace("http://purl.org/linked-data/sdmx/2009/attribute#")
WD = _Namespace("http://www.wikidata.org/entity/")

PREFIXES: dict[str, Namespace] = {
    "kg": KG,
    "id": ID,
    "org": ORG,
    "schema": SCHEMA,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "foaf": FOAF,
    "prov": PROV,
    "qb": QB,
    "nif": NIF,
    "itsrdf": ITSRDF,
    "sdmx-measure": SDMX_MEASURE,
    "sdmx-dimension": SDMX_DIMENSION,
    "sdmx-attribute": SDMX_ATTRIBUTE,
    "time": TIME,
    "owl": OWL,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "sh": SH,
    "wd": WD,
}

# Where each entity class of the extraction lives in RDF, and the path segment of its IRIs.
CLASS_IRI = {
    "Organization": ORG.Organization,
    "Person": FOAF.Person,
    "Treaty": KG.Treaty,
    "Programme": KG.Programme,
    "Law": KG.Law,
    "Place": SCHEMA.Place,
    "Event": SCHEMA.Event,
}
CLASS_PATH = {
    "Organization": "org",
    "Person": "person",
    "Treaty": "treaty",
    "Programme": "programme",
    "Law": "law",
    "Place": "place",
    "Event": "event",
}
PATH_CLASS = {path: cls for cls, path in CLASS_PATH.items()}

# Relation names of the extraction and their RDF properties.
PREDICATE_IRI = {
    "holdsPosition": ORG.memberOf,
    "partOf": ORG.subOrganizationOf,
    "cooperatesWith": KG.cooperatesWith,
    "partyTo": KG.partyTo,
    "administers": KG.administers,
    "issuedBy": KG.issuedBy,
    "hostedBy": KG.hostedBy,
    "spokeAt": KG.spokeAt,
    "locatedIn": KG.locatedIn,
}
IRI_PREDICATE = {iri: name for name, iri in PREDICATE_IRI.items()}


def bind_all(graph) -> None:
    """Bind every project prefix on `graph` (an rdflib Graph or Dataset)."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)


def sparql_prologue() -> str:
    """PREFIX lines for every project namespace, for queries written without them."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
