"""Reference data: well-known institutions, treaties and places (ontology/reference.ttl).

Loaded once into plain Python objects; the NLP stage reads names from here,
the resolver reads IRIs, the RDF mapping copies identifiers.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import DCTERMS, FOAF, OWL, RDF, SKOS

from kg.chinese import has_han, to_simplified, to_traditional
from kg.rdf.namespaces import KG, SCHEMA
from kg.settings import ontology_dir

# rdf:type in the reference data -> (extraction class, subclass); most specific first
TYPES = {
    KG.IPOffice: ("Organization", "IPOffice"),
    KG.Court: ("Organization", "Court"),
    KG.MediaOutlet: ("Organization", "MediaOutlet"),
    KG.AcademicInstitution: ("Organization", "AcademicInstitution"),
    KG.Company: ("Organization", "Company"),
    KG.InternationalOrganization: ("Organization", "InternationalOrganization"),
    KG.GovernmentAgency: ("Organization", "GovernmentAgency"),
    KG.PartyOrStateBody: ("Organization", "PartyOrStateBody"),
    KG.Treaty: ("Treaty", ""),
    SCHEMA.Country: ("Place", "Country"),
    SCHEMA.City: ("Place", "City"),
    SCHEMA.AdministrativeArea: ("Place", "AdministrativeArea"),
    SCHEMA.Continent: ("Place", "Continent"),
    SCHEMA.Place: ("Place", ""),
}


@dataclass(frozen=True)
class RefEntry:
    iri: str
    cls: str
    subclass: str
    name: str  # English preferred label
    labels: tuple[tuple[str, str], ...]  # every (label, language tag), the name included
    identifiers: tuple[str, ...]  # homepage, owl:sameAs, ISO code
    area: str = ""  # the country a national office serves (schema:areaServed)


@dataclass(frozen=True, eq=False)
class Reference:
    entries: tuple[RefEntry, ...]

    @cached_property
    def by_iri(self) -> dict[str, RefEntry]:
        return {e.iri: e for e in self.entries}

    @cached_property
    def areas(self) -> dict[str, str]:
        """Office IRI -> IRI of the country it serves."""
        return {e.iri: e.area for e in self.entries if e.area}


def load_reference(path: Path | None = None) -> Reference:
    return _load(str(path or ontology_dir() / "reference.ttl"))


@lru_cache(maxsize=4)
def _load(path: str) -> Reference:
    graph = Graph().parse(path, format="turtle")
    entries = []
    for subject in sorted(set(graph.subjects(SKOS.prefLabel, None)), key=str):
        types = set(graph.objects(subject, RDF.type))
        cls, subclass = next((TYPES[t] for t in TYPES if t in types), ("", ""))
        if not cls:
            raise ValueError(f"{path}: {subject} has no known rdf:type")
        labels: list[tuple[str, str]] = []
        name = ""
        for prop in (SKOS.prefLabel, SKOS.altLabel):
            for literal in sorted(graph.objects(subject, prop), key=str):
                lang = literal.language or "en"
                if prop == SKOS.prefLabel and lang == "en":
                    name = str(literal)
                labels.extend(_script_variants(str(literal), lang))
        identifiers = [str(o) for o in graph.objects(subject, FOAF.homepage)]
        identifiers += [str(o) for o in graph.objects(subject, OWL.sameAs)]
        identifiers += [f"ISO 3166-1:{o}" for o in graph.objects(subject, DCTERMS.identifier)]
        entries.append(
            RefEntry(
                iri=str(subject),
                cls=cls,
                subclass=subclass,
                name=name,
                labels=tuple(dict.fromkeys(labels)),
                identifiers=tuple(sorted(identifiers)),
                area=str(graph.value(subject, SCHEMA.areaServed) or ""),
            )
        )
    return Reference(entries=tuple(entries))


def _script_variants(text: str, lang: str) -> list[tuple[str, str]]:
    """A Chinese label in both scripts, tagged zh-Hans and zh-Hant."""
    if not (lang.startswith("zh") and has_han(text)):
        return [(text, lang)]
    simplified, traditional = to_simplified(text), to_traditional(text)
    variants = [(simplified, "zh-Hans")]
    if traditional != simplified:
        variants.append((traditional, "zh-Hant"))
    return variants
