"""The SHACL shapes in ontology/shapes.ttl, one constraint at a time.

Every node shape has a fixture that conforms and fixtures that each break one
constraint. A violating fixture states exactly which results it must produce
(focus node, path, constraint component and the shape that owns the
constraint), so a test fails when a different constraint fires instead, or an
extra one fires as well. `test_every_constraint_is_exercised` checks that every
constraint in shapes.ttl is expected to fire by at least one fixture: a
constraint that can never fire cannot hide there.

Fixtures are Turtle. `<>` is the supporting document and `<#char=b,e>` a span of
its text (the header sets @base to the document's IRI); `i-org:`, `i-person:`
and so on are the IRI spaces of the entities. Supporting nodes (the document,
an evidence sentence, an organisation, a person, ...) are added by
`with_support` when a fixture refers to them, so each fixture shows only the
node under test.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin

import pytest
from rdflib import RDF, Graph, URIRef
from rdflib.namespace import SH

from kg.rdf.namespaces import bind_all
from kg.validate import load_shapes, validate

BASE = "https://w3id.org/ipkg/id/doc/0123456789abcdef0123456789abcdef"

PREFIXES = {
    "kg": "https://w3id.org/ipkg/ontology#",
    "kgsh": "https://w3id.org/ipkg/shapes#",
    "org": "http://www.w3.org/ns/org#",
    "schema": "https://schema.org/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "qb": "http://purl.org/linked-data/cube#",
    "nif": "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#",
    "itsrdf": "http://www.w3.org/2005/11/its/rdf#",
    "sdmx-measure": "http://purl.org/linked-data/sdmx/2009/measure#",
    "sdmx-dimension": "http://purl.org/linked-data/sdmx/2009/dimension#",
    "sdmx-attribute": "http://purl.org/linked-data/sdmx/2009/attribute#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    **{f"i-{kind}": f"https://w3id.org/ipkg/id/{kind}/" for kind in (
        "org", "person", "treaty", "law", "programme", "place", "event", "doc",
        "membership", "role", "observation", "indicator", "unit", "dataset")},
}

HEADER = f"@base <{BASE}> .\n" + "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in PREFIXES.items())


# --------------------------------------------------------------------------
# Nodes as (predicate, object) lines, so a fixture can say what it changes.
# --------------------------------------------------------------------------

@dataclass(frozen=True)
class Node:
    subject: str
    props: tuple[tuple[str, str], ...]

    def __str__(self) -> str:
        lines = [self.subject]
        for i, (p, o) in enumerate(self.props):
            lines.append(f"    {p} {o} {'.' if i == len(self.props) - 1 else ';'}")
        return "\n".join(lines) + "\n"

    def without(self, predicate: str) -> Node:
        return Node(self.subject, tuple((p, o) for p, o in self.props if p != predicate))

    def plus(self, predicate: str, obj: str) -> Node:
        return Node(self.subject, self.props + ((predicate, obj),))

    def setting(self, predicate: str, obj: str) -> Node:
        return self.without(predicate).plus(predicate, obj)

    def renamed(self, subject: str) -> Node:
        return Node(subject, self.props)


def node(subject: str, *props: tuple[str, str]) -> Node:
    return Node(subject, props)


def entity(subject: str, types: str, label: str, *props: tuple[str, str]) -> Node:
    """An entity with what every entity needs: a type, an English prefLabel, a document."""
    return node(subject, ("a", types), ("skos:prefLabel", f'"{label}"@en'), ("kg:mentionedIn", "<>"), *props)


# --------------------------------------------------------------------------
# Supporting nodes: minimal and conforming, added when a fixture names them.
# --------------------------------------------------------------------------

SUPPORT = {
    "<>": node(
        "<>",
        ("a", "foaf:Document, nif:Context"),
        ("dcterms:title", '"WIPO and CNIPA meet"'),
        ("kg:sha256", '"' + "0123456789abcdef" * 4 + '"'),
        ("kg:fileName", '"wipo-cnipa.txt"'),
        ("dcterms:language", '"en"^^xsd:language'),
        ("nif:isString", '"WIPO met CNIPA in Geneva. Shen Changyu spoke."'),
    ),
    "<#char=0,25>": node(
        "<#char=0,25>",
        ("a", "nif:Sentence"),
        ("nif:beginIndex", '"0"^^xsd:nonNegativeInteger'),
        ("nif:endIndex", '"25"^^xsd:nonNegativeInteger'),
        ("nif:anchorOf", '"WIPO met CNIPA in Geneva."'),
        ("nif:referenceContext", "<>"),
    ),
    "i-org:wipo": entity("i-org:wipo", "org:Organization, kg:InternationalOrganization",
                         "World Intellectual Property Organization"),
    "i-person:daren-tang": entity("i-person:daren-tang", "foaf:Person", "Daren Tang"),
    "i-place:switzerland": entity("i-place:switzerland", "schema:Place, schema:Country", "Switzerland",
                                  ("dcterms:identifier", '"CH"')),
    "i-event:ip-forum": entity("i-event:ip-forum", "schema:Event", "IP Forum"),
    "i-treaty:pct": entity("i-treaty:pct", "kg:Treaty", "Patent Cooperation Treaty"),
    "i-law:patent-law": entity("i-law:patent-law", "kg:Law", "Patent Law"),
    "i-programme:funds-in-trust": entity("i-programme:funds-in-trust", "kg:Programme", "Funds-In-Trust China"),
    "i-role:director-general": node("i-role:director-general", ("a", "org:Role"),
                                    ("skos:prefLabel", '"director general"@en')),
    "i-indicator:patents-granted": node("i-indicator:patents-granted", ("a", "skos:Concept"),
                                        ("skos:prefLabel", '"patents granted"@en')),
}


def _refers_to(text: str, name: str) -> bool:
    return re.search(r"(?<![\w:-])" + re.escape(name) + r"(?![\w-])", text) is not None


def with_support(ttl: str) -> str:
    """`ttl` and the supporting nodes it refers to, directly or through other supporting nodes."""
    included: dict[str, str] = {}
    text = ttl
    while True:
        new = {name: str(n) for name, n in SUPPORT.items() if name not in included and _refers_to(text, name)}
        if not new:
            return ttl + "\n" + "\n".join(included.values())
        included.update(new)
        text = ttl + "\n".join(included.values())


def graph_of(ttl: str) -> Graph:
    return Graph().parse(data=HEADER + with_support(ttl), format="turtle")


def iri(term: str) -> URIRef:
    """The IRI of a fixture term: `prefix:local`, `<relative>` (against the document) or `<absolute>`."""
    if term.startswith("<"):
        return URIRef(urljoin(BASE, term[1:-1]))
    prefix, local = term.split(":", 1)
    return URIRef(PREFIXES[prefix] + local)


# --------------------------------------------------------------------------
# Validation results as (focus, path, component, owner)
# --------------------------------------------------------------------------

SHAPES = load_shapes()


def owner(shape) -> URIRef:
    """The named shape a constraint belongs to: the shape itself when it has an IRI
    (a node shape, or a shared property shape such as kgsh:prefLabel), else the node
    shape that holds the anonymous property shape."""
    if isinstance(shape, URIRef):
        return shape
    holders = set(SHAPES.subjects(SH.property, shape))
    assert len(holders) == 1, f"anonymous shape {shape} is held by {holders}"
    return holders.pop()


@dataclass(frozen=True)
class V:
    """An expected validation result. path is None for a constraint on the node itself;
    component is the short name (MinCount for sh:MinCountConstraintComponent)."""
    focus: str
    path: str | None
    component: str
    shape: str

    def key(self):
        return (iri(self.focus), iri(self.path) if self.path else None,
                SH[f"{self.component}ConstraintComponent"], iri(self.shape))


def results(report_graph: Graph) -> set:
    found = set()
    for result in report_graph.subjects(RDF.type, SH.ValidationResult):
        found.add((
            report_graph.value(result, SH.focusNode),
            report_graph.value(result, SH.resultPath),
            report_graph.value(result, SH.sourceConstraintComponent),
            owner(report_graph.value(result, SH.sourceShape)),
        ))
    return found


def targets(shape: URIRef, graph: Graph) -> set:
    """The focus nodes `shape` selects in `graph` (the target kinds shapes.ttl uses)."""
    found = set()
    for cls in SHAPES.objects(shape, SH.targetClass):
        found |= set(graph.subjects(RDF.type, cls))
    for p in SHAPES.objects(shape, SH.targetSubjectsOf):
        found |= set(graph.subjects(p, None))
    for p in SHAPES.objects(shape, SH.targetObjectsOf):
        found |= set(graph.objects(None, p))
    return found


# --------------------------------------------------------------------------
# Conforming nodes, one per node shape
# --------------------------------------------------------------------------

ORG = entity(
    "i-org:cnipa", "org:Organization, kg:IPOffice", "China National Intellectual Property Administration",
    ("skos:altLabel", '"CNIPA"@en, "国家知识产权局"@zh-Hans'),
    ("org:subOrganizationOf", "i-org:wipo"),
    ("kg:cooperatesWith", "i-org:wipo, i-place:switzerland"),
    ("kg:administers", "i-treaty:pct, i-programme:funds-in-trust, i-law:patent-law"),
    ("kg:partyTo", "i-treaty:pct, i-programme:funds-in-trust"),
    ("kg:locatedIn", "i-place:switzerland"),
)
PERSON = entity(
    "i-person:shen-changyu", "foaf:Person", "Shen Changyu",
    ("skos:altLabel", '"Shen"@en, "申长雨"@zh-Hans'),
    ("org:memberOf", "i-org:wipo"),
    ("kg:spokeAt", "i-event:ip-forum"),
)
TREATY = entity("i-treaty:madrid-protocol", "kg:Treaty", "Madrid Protocol", ("kg:issuedBy", "i-org:wipo"))
LAW = entity("i-law:trademark-law", "kg:Law", "Trademark Law", ("kg:issuedBy", "i-org:wipo"))
PROGRAMME = entity("i-programme:ip-inclusion-project", "kg:Programme", "IP Inclusion Project",
                   ("kg:issuedBy", "i-person:daren-tang"))
PLACE = entity("i-place:geneva", "schema:Place", "Geneva", ("kg:locatedIn", "i-place:switzerland"))
COUNTRY = entity("i-place:china", "schema:Place, schema:Country", "China", ("dcterms:identifier", '"CN"'))
EVENT = entity("i-event:press-conference", "schema:Event", "press conference",
               ("kg:hostedBy", "i-org:wipo, i-place:switzerland"), ("kg:locatedIn", "i-place:switzerland"))
MEMBERSHIP = node(
    "i-membership:daren-tang--wipo--director-general",
    ("a", "org:Membership"),
    ("org:member", "i-person:daren-tang"),
    ("org:organization", "i-org:wipo"),
    ("org:role", "i-role:director-general"),
    ("kg:asOf", '"2024-07-29"^^xsd:date'),
    ("prov:wasDerivedFrom", "<#char=0,25>"),
)
ROLE = node("i-role:commissioner", ("a", "org:Role"), ("skos:prefLabel", '"commissioner"@en'))
DOCUMENT = node(
    "i-doc:fedcba9876543210fedcba9876543210",
    ("a", "foaf:Document, nif:Context"),
    ("dcterms:title", '"China ramps up efforts"'),
    ("kg:sha256", '"' + "fedcba9876543210" * 4 + '"'),
    ("kg:fileName", '"2024-01-xinhua.txt"'),
    ("dcterms:date", '"2024-01-15"^^xsd:date'),
    ("dcterms:language", '"en"^^xsd:language'),
    ("nif:isString", '"China ramps up efforts."'),
)
SENTENCE = node(
    "<#char=26,45>",
    ("a", "nif:Sentence"),
    ("nif:beginIndex", '"26"^^xsd:nonNegativeInteger'),
    ("nif:endIndex", '"45"^^xsd:nonNegativeInteger'),
    ("nif:anchorOf", '"Shen Changyu spoke."'),
    ("nif:referenceContext", "<>"),
)
MENTION = node(
    "<#char=0,4>",
    ("nif:beginIndex", '"0"^^xsd:nonNegativeInteger'),
    ("nif:endIndex", '"4"^^xsd:nonNegativeInteger'),
    ("nif:anchorOf", '"WIPO"'),
    ("nif:referenceContext", "<>"),
    ("itsrdf:taIdentRef", "i-org:wipo"),
)
OBSERVATION = node(
    "i-observation:o1",
    ("a", "qb:Observation"),
    ("qb:dataSet", "i-dataset:figures"),
    ("kg:statedIn", "<>"),
    ("kg:indicator", "i-indicator:patents-granted"),
    ("sdmx-measure:obsValue", "921000.0"),
    ("sdmx-attribute:unitMeasure", "i-unit:count"),
    ("sdmx-dimension:refPeriod", '"2023"'),
    ("kg:periodStart", '"2023-01-01"^^xsd:date'),
    ("kg:periodEnd", '"2023-12-31"^^xsd:date'),
    ("sdmx-dimension:refArea", "i-place:switzerland"),
    ("kg:change", "15.3"),
    ("prov:wasDerivedFrom", "<#char=0,25>"),
)
INDICATOR = node("i-indicator:trademarks-registered", ("a", "skos:Concept"),
                 ("skos:prefLabel", '"trademarks registered"@en'))
OBSERVED = OBSERVATION.setting("kg:indicator", INDICATOR.subject)  # an observation of INDICATOR


def conforming(shape: str, focus: str, ttl, name: str = ""):
    return pytest.param(shape, focus, str(ttl), id=f"{shape}{'-' + name if name else ''}")


CONFORMING = [
    conforming("OrganizationShape", ORG.subject, ORG),
    conforming("PersonShape", PERSON.subject, PERSON),
    conforming("TreatyShape", TREATY.subject, TREATY),
    conforming("TreatyShape", TREATY.subject, TREATY.without("kg:issuedBy"), "not-issued"),
    conforming("LawShape", LAW.subject, LAW),
    conforming("ProgrammeShape", PROGRAMME.subject, PROGRAMME),
    conforming("PlaceShape", PLACE.subject, PLACE),
    conforming("PlaceShape", COUNTRY.subject, COUNTRY, "country"),
    conforming("EventShape", EVENT.subject, EVENT),
    conforming("MembershipShape", MEMBERSHIP.subject, MEMBERSHIP),
    conforming("MembershipShape", MEMBERSHIP.subject,
               MEMBERSHIP.setting("kg:asOf", '"2024-07"^^xsd:gYearMonth'), "as-of-year-month"),
    conforming("MembershipShape", MEMBERSHIP.subject,
               MEMBERSHIP.setting("kg:asOf", '"2024"^^xsd:gYear'), "as-of-year"),
    conforming("MembershipShape", MEMBERSHIP.subject, MEMBERSHIP.without("kg:asOf"), "no-as-of"),
    conforming("RoleShape", ROLE.subject, ROLE),
    conforming("DocumentShape", DOCUMENT.subject, DOCUMENT),
    conforming("DocumentShape", DOCUMENT.subject,
               DOCUMENT.setting("dcterms:date", '"2024-01"^^xsd:gYearMonth'), "year-month"),
    conforming("DocumentShape", DOCUMENT.subject, DOCUMENT.without("dcterms:date"), "undated"),
    conforming("DocumentShape", DOCUMENT.subject,
               DOCUMENT.plus("dcterms:language", '"zh-Hans"^^xsd:language'), "two-languages"),
    conforming("SentenceShape", SENTENCE.subject, SENTENCE),
    conforming("MentionShape", MENTION.subject, MENTION),
    conforming("ObservationShape", OBSERVATION.subject, OBSERVATION),
    conforming("ObservationShape", OBSERVATION.subject,
               OBSERVATION.without("sdmx-dimension:refArea").without("kg:change"), "no-area-no-change"),
    *[conforming("ObservationShape", OBSERVATION.subject,
                 OBSERVATION.setting("sdmx-dimension:refPeriod", f'"{period}"'), f"period-{period}")
      for period in ("2024-06", "2024-07-22", "2013/2023", "2024-01/2024-06", "2024-01-01/2024-06-30")],
    conforming("IndicatorShape", INDICATOR.subject, f"{OBSERVED}\n{INDICATOR}"),
]


@pytest.mark.parametrize(("shape", "focus", "ttl"), CONFORMING)
def test_conforming_fixture(shape, focus, ttl):
    graph = graph_of(ttl)
    assert iri(focus) in targets(iri(f"kgsh:{shape}"), graph), f"{focus} is not a target of {shape}"
    report = validate(graph)
    assert report.conforms, report.text


def test_supporting_nodes_conform():
    """The supporting nodes the violating fixtures lean on add no results of their own."""
    graph = Graph().parse(data=HEADER + "\n".join(map(str, SUPPORT.values())), format="turtle")
    report = validate(graph)
    assert report.conforms, report.text


# --------------------------------------------------------------------------
# Violating fixtures: each breaks one constraint
# --------------------------------------------------------------------------

def violating(shape: str, name: str, ttl, *expected: V):
    return pytest.param(shape, str(ttl), expected, id=f"{shape}-{name}")


O, P = ORG.subject, PERSON.subject

ENTITY_VIOLATIONS = [
    # IRI patterns
    violating("OrganizationShape", "iri-not-under-org", ORG.renamed("<https://w3id.org/ipkg/id/organisation/cnipa>"),
              V("<https://w3id.org/ipkg/id/organisation/cnipa>", None, "Pattern", "kgsh:OrganizationShape")),
    violating("OrganizationShape", "iri-with-capitals", ORG.renamed("<https://w3id.org/ipkg/id/org/CNIPA>"),
              V("<https://w3id.org/ipkg/id/org/CNIPA>", None, "Pattern", "kgsh:OrganizationShape")),
    violating("PersonShape", "iri-not-under-person", PERSON.renamed("<https://w3id.org/ipkg/id/org/shen-changyu>"),
              V("<https://w3id.org/ipkg/id/org/shen-changyu>", None, "Pattern", "kgsh:PersonShape")),
    violating("TreatyShape", "iri-not-under-treaty", TREATY.renamed("<https://w3id.org/ipkg/id/law/madrid-protocol>"),
              V("<https://w3id.org/ipkg/id/law/madrid-protocol>", None, "Pattern", "kgsh:TreatyShape")),
    violating("LawShape", "iri-not-under-law", LAW.renamed("<https://w3id.org/ipkg/id/treaty/trademark-law>"),
              V("<https://w3id.org/ipkg/id/treaty/trademark-law>", None, "Pattern", "kgsh:LawShape")),
    violating("ProgrammeShape", "iri-not-under-programme",
              PROGRAMME.renamed("<https://w3id.org/ipkg/id/program/ip-inclusion-project>"),
              V("<https://w3id.org/ipkg/id/program/ip-inclusion-project>", None, "Pattern", "kgsh:ProgrammeShape")),
    violating("PlaceShape", "iri-not-under-place", PLACE.renamed("<https://w3id.org/ipkg/id/place/Geneva>"),
              V("<https://w3id.org/ipkg/id/place/Geneva>", None, "Pattern", "kgsh:PlaceShape")),
    violating("EventShape", "iri-not-under-event", EVENT.renamed("<https://w3id.org/ipkg/id/events/press-conference>"),
              V("<https://w3id.org/ipkg/id/events/press-conference>", None, "Pattern", "kgsh:EventShape")),

    # Nothing is both a person and an organisation: both shapes say so, and the IRI fits only one of them.
    violating("PersonShape", "person-also-organization", PERSON.plus("a", "org:Organization"),
              V(P, None, "Not", "kgsh:PersonShape"),
              V(P, None, "Not", "kgsh:OrganizationShape"),
              V(P, None, "Pattern", "kgsh:OrganizationShape")),
    violating("OrganizationShape", "organization-also-person", ORG.plus("a", "foaf:Person"),
              V(O, None, "Not", "kgsh:OrganizationShape"),
              V(O, None, "Not", "kgsh:PersonShape"),
              V(O, None, "Pattern", "kgsh:PersonShape")),

    # Labels (kgsh:prefLabel and kgsh:altLabel, shared by every entity shape)
    violating("OrganizationShape", "no-preflabel", ORG.without("skos:prefLabel"),
              V(O, "skos:prefLabel", "MinCount", "kgsh:prefLabel")),
    violating("OrganizationShape", "two-english-preflabels", ORG.plus("skos:prefLabel", '"CNIPA"@en'),
              V(O, "skos:prefLabel", "MaxCount", "kgsh:prefLabel"),
              V(O, "skos:prefLabel", "UniqueLang", "kgsh:prefLabel")),
    violating("OrganizationShape", "preflabels-en-and-en-gb", ORG.plus("skos:prefLabel", '"CNIPA"@en-GB'),
              V(O, "skos:prefLabel", "MaxCount", "kgsh:prefLabel")),
    violating("OrganizationShape", "preflabel-not-english",
              ORG.setting("skos:prefLabel", '"国家知识产权局"@zh-Hans'),
              V(O, "skos:prefLabel", "LanguageIn", "kgsh:prefLabel")),
    violating("OrganizationShape", "preflabel-without-language",
              ORG.setting("skos:prefLabel", '"China National Intellectual Property Administration"'),
              V(O, "skos:prefLabel", "Datatype", "kgsh:prefLabel"),
              V(O, "skos:prefLabel", "LanguageIn", "kgsh:prefLabel")),
    violating("OrganizationShape", "altlabel-without-language", ORG.plus("skos:altLabel", '"SIPO"'),
              V(O, "skos:altLabel", "Datatype", "kgsh:altLabel")),
    violating("PersonShape", "no-preflabel", PERSON.without("skos:prefLabel"),
              V(P, "skos:prefLabel", "MinCount", "kgsh:prefLabel")),
    violating("TreatyShape", "two-english-preflabels", TREATY.plus("skos:prefLabel", '"Madrid"@en'),
              V(TREATY.subject, "skos:prefLabel", "MaxCount", "kgsh:prefLabel"),
              V(TREATY.subject, "skos:prefLabel", "UniqueLang", "kgsh:prefLabel")),
    violating("LawShape", "preflabel-not-english", LAW.setting("skos:prefLabel", '"商标法"@zh-Hans'),
              V(LAW.subject, "skos:prefLabel", "LanguageIn", "kgsh:prefLabel")),
    violating("ProgrammeShape", "no-preflabel", PROGRAMME.without("skos:prefLabel"),
              V(PROGRAMME.subject, "skos:prefLabel", "MinCount", "kgsh:prefLabel")),
    violating("PlaceShape", "altlabel-without-language", PLACE.plus("skos:altLabel", '"Genève"'),
              V(PLACE.subject, "skos:altLabel", "Datatype", "kgsh:altLabel")),
    violating("EventShape", "no-preflabel", EVENT.without("skos:prefLabel"),
              V(EVENT.subject, "skos:prefLabel", "MinCount", "kgsh:prefLabel")),

    # Mentioned in a document (kgsh:mentionedIn)
    violating("OrganizationShape", "not-mentioned", ORG.without("kg:mentionedIn"),
              V(O, "kg:mentionedIn", "MinCount", "kgsh:mentionedIn")),
    violating("OrganizationShape", "mentioned-in-a-non-document", ORG.setting("kg:mentionedIn", "i-org:wipo"),
              V(O, "kg:mentionedIn", "Class", "kgsh:mentionedIn")),
    violating("PersonShape", "not-mentioned", PERSON.without("kg:mentionedIn"),
              V(P, "kg:mentionedIn", "MinCount", "kgsh:mentionedIn")),
    violating("TreatyShape", "not-mentioned", TREATY.without("kg:mentionedIn"),
              V(TREATY.subject, "kg:mentionedIn", "MinCount", "kgsh:mentionedIn")),
    violating("LawShape", "mentioned-in-a-sentence", LAW.setting("kg:mentionedIn", "<#char=0,25>"),
              V(LAW.subject, "kg:mentionedIn", "Class", "kgsh:mentionedIn")),
    violating("ProgrammeShape", "not-mentioned", PROGRAMME.without("kg:mentionedIn"),
              V(PROGRAMME.subject, "kg:mentionedIn", "MinCount", "kgsh:mentionedIn")),
    violating("PlaceShape", "not-mentioned", PLACE.without("kg:mentionedIn"),
              V(PLACE.subject, "kg:mentionedIn", "MinCount", "kgsh:mentionedIn")),
    violating("EventShape", "mentioned-in-a-literal", EVENT.setting("kg:mentionedIn", '"the press release"'),
              V(EVENT.subject, "kg:mentionedIn", "Class", "kgsh:mentionedIn")),

    # The object class of each relation
    violating("OrganizationShape", "suborganizationof-a-place",
              ORG.setting("org:subOrganizationOf", "i-place:switzerland"),
              V(O, "org:subOrganizationOf", "Class", "kgsh:OrganizationShape")),
    violating("OrganizationShape", "cooperateswith-a-person", ORG.plus("kg:cooperatesWith", "i-person:daren-tang"),
              V(O, "kg:cooperatesWith", "Or", "kgsh:OrganizationShape")),
    violating("OrganizationShape", "administers-an-event", ORG.plus("kg:administers", "i-event:ip-forum"),
              V(O, "kg:administers", "Or", "kgsh:OrganizationShape")),
    violating("OrganizationShape", "partyto-a-law", ORG.plus("kg:partyTo", "i-law:patent-law"),
              V(O, "kg:partyTo", "Or", "kgsh:OrganizationShape")),
    violating("OrganizationShape", "locatedin-an-organization", ORG.setting("kg:locatedIn", "i-org:wipo"),
              V(O, "kg:locatedIn", "Class", "kgsh:OrganizationShape")),
    violating("PersonShape", "memberof-a-place", PERSON.setting("org:memberOf", "i-place:switzerland"),
              V(P, "org:memberOf", "Class", "kgsh:PersonShape")),
    violating("PersonShape", "spokeat-an-organization", PERSON.setting("kg:spokeAt", "i-org:wipo"),
              V(P, "kg:spokeAt", "Class", "kgsh:PersonShape")),
    violating("TreatyShape", "issuedby-a-place", TREATY.setting("kg:issuedBy", "i-place:switzerland"),
              V(TREATY.subject, "kg:issuedBy", "Or", "kgsh:issuedBy")),
    violating("LawShape", "issuedby-an-event", LAW.setting("kg:issuedBy", "i-event:ip-forum"),
              V(LAW.subject, "kg:issuedBy", "Or", "kgsh:issuedBy")),
    violating("ProgrammeShape", "issuedby-a-treaty", PROGRAMME.setting("kg:issuedBy", "i-treaty:pct"),
              V(PROGRAMME.subject, "kg:issuedBy", "Or", "kgsh:issuedBy")),
    violating("PlaceShape", "locatedin-an-organization", PLACE.setting("kg:locatedIn", "i-org:wipo"),
              V(PLACE.subject, "kg:locatedIn", "Class", "kgsh:PlaceShape")),
    violating("EventShape", "hostedby-a-person", EVENT.plus("kg:hostedBy", "i-person:daren-tang"),
              V(EVENT.subject, "kg:hostedBy", "Or", "kgsh:EventShape")),
    violating("EventShape", "locatedin-an-event", EVENT.setting("kg:locatedIn", "i-event:ip-forum"),
              V(EVENT.subject, "kg:locatedIn", "Class", "kgsh:EventShape")),

    # A country's code
    violating("PlaceShape", "identifier-lower-case", COUNTRY.setting("dcterms:identifier", '"cn"'),
              V(COUNTRY.subject, "dcterms:identifier", "Pattern", "kgsh:PlaceShape")),
    violating("PlaceShape", "identifier-alpha-3", COUNTRY.setting("dcterms:identifier", '"CHN"'),
              V(COUNTRY.subject, "dcterms:identifier", "Pattern", "kgsh:PlaceShape")),
    violating("PlaceShape", "two-identifiers", COUNTRY.plus("dcterms:identifier", '"HK"'),
              V(COUNTRY.subject, "dcterms:identifier", "MaxCount", "kgsh:PlaceShape")),
]

M = MEMBERSHIP.subject
OTHER_ROLE = node("i-role:spokesperson", ("a", "org:Role"), ("skos:prefLabel", '"spokesperson"@en'))

POSITION_VIOLATIONS = [
    violating("MembershipShape", "no-member", MEMBERSHIP.without("org:member"),
              V(M, "org:member", "MinCount", "kgsh:MembershipShape")),
    violating("MembershipShape", "two-members", f"{MEMBERSHIP.plus('org:member', P)}\n{PERSON}",
              V(M, "org:member", "MaxCount", "kgsh:MembershipShape")),
    violating("MembershipShape", "member-an-organization", MEMBERSHIP.setting("org:member", "i-org:wipo"),
              V(M, "org:member", "Class", "kgsh:MembershipShape")),
    violating("MembershipShape", "no-organization", MEMBERSHIP.without("org:organization"),
              V(M, "org:organization", "MinCount", "kgsh:MembershipShape")),
    violating("MembershipShape", "two-organizations", f"{MEMBERSHIP.plus('org:organization', O)}\n{ORG}",
              V(M, "org:organization", "MaxCount", "kgsh:MembershipShape")),
    violating("MembershipShape", "organization-a-person", MEMBERSHIP.setting("org:organization", "i-person:daren-tang"),
              V(M, "org:organization", "Class", "kgsh:MembershipShape")),
    violating("MembershipShape", "no-role", MEMBERSHIP.without("org:role"),
              V(M, "org:role", "MinCount", "kgsh:MembershipShape")),
    violating("MembershipShape", "two-roles", f"{MEMBERSHIP.plus('org:role', OTHER_ROLE.subject)}\n{OTHER_ROLE}",
              V(M, "org:role", "MaxCount", "kgsh:MembershipShape")),
    violating("MembershipShape", "role-a-literal", MEMBERSHIP.setting("org:role", '"director general"@en'),
              V(M, "org:role", "Class", "kgsh:MembershipShape")),
    violating("MembershipShape", "as-of-a-string", MEMBERSHIP.setting("kg:asOf", '"29 July 2024"'),
              V(M, "kg:asOf", "Or", "kgsh:MembershipShape")),
    violating("MembershipShape", "as-of-a-datetime",
              MEMBERSHIP.setting("kg:asOf", '"2024-07-29T10:00:00"^^xsd:dateTime'),
              V(M, "kg:asOf", "Or", "kgsh:MembershipShape")),
    violating("MembershipShape", "no-evidence", MEMBERSHIP.without("prov:wasDerivedFrom"),
              V(M, "prov:wasDerivedFrom", "MinCount", "kgsh:MembershipShape")),
    violating("MembershipShape", "evidence-a-document", MEMBERSHIP.setting("prov:wasDerivedFrom", "<>"),
              V(M, "prov:wasDerivedFrom", "Class", "kgsh:MembershipShape")),

    violating("RoleShape", "no-label", ROLE.without("skos:prefLabel"),
              V(ROLE.subject, "skos:prefLabel", "MinCount", "kgsh:RoleShape")),
    violating("RoleShape", "two-labels", ROLE.plus("skos:prefLabel", '"commissioner"@zh-Latn'),
              V(ROLE.subject, "skos:prefLabel", "MaxCount", "kgsh:RoleShape")),
    violating("RoleShape", "label-without-language", ROLE.setting("skos:prefLabel", '"commissioner"'),
              V(ROLE.subject, "skos:prefLabel", "Datatype", "kgsh:RoleShape")),
]

D = DOCUMENT.subject

DOCUMENT_VIOLATIONS = [
    violating("DocumentShape", "iri-not-a-hash", DOCUMENT.renamed("<https://w3id.org/ipkg/id/doc/2024-01-xinhua>"),
              V("<https://w3id.org/ipkg/id/doc/2024-01-xinhua>", None, "Pattern", "kgsh:DocumentShape")),
    violating("DocumentShape", "iri-hash-upper-case",
              DOCUMENT.renamed("<https://w3id.org/ipkg/id/doc/FEDCBA9876543210FEDCBA9876543210>"),
              V("<https://w3id.org/ipkg/id/doc/FEDCBA9876543210FEDCBA9876543210>", None, "Pattern",
                "kgsh:DocumentShape")),
    violating("DocumentShape", "no-title", DOCUMENT.without("dcterms:title"),
              V(D, "dcterms:title", "MinCount", "kgsh:DocumentShape")),
    violating("DocumentShape", "two-titles", DOCUMENT.plus("dcterms:title", '"Another title"'),
              V(D, "dcterms:title", "MaxCount", "kgsh:DocumentShape")),
    violating("DocumentShape", "title-language-tagged",
              DOCUMENT.setting("dcterms:title", '"China ramps up efforts"@en'),
              V(D, "dcterms:title", "Datatype", "kgsh:DocumentShape")),
    violating("DocumentShape", "no-sha256", DOCUMENT.without("kg:sha256"),
              V(D, "kg:sha256", "MinCount", "kgsh:DocumentShape")),
    violating("DocumentShape", "two-sha256", DOCUMENT.plus("kg:sha256", '"' + "0" * 64 + '"'),
              V(D, "kg:sha256", "MaxCount", "kgsh:DocumentShape")),
    violating("DocumentShape", "sha256-too-short", DOCUMENT.setting("kg:sha256", '"fedcba9876543210"'),
              V(D, "kg:sha256", "Pattern", "kgsh:DocumentShape")),
    violating("DocumentShape", "no-file-name", DOCUMENT.without("kg:fileName"),
              V(D, "kg:fileName", "MinCount", "kgsh:DocumentShape")),
    violating("DocumentShape", "file-name-an-iri",
              DOCUMENT.setting("kg:fileName", "<file:///corpus/2024-01-xinhua.txt>"),
              V(D, "kg:fileName", "Datatype", "kgsh:DocumentShape")),
    violating("DocumentShape", "two-dates", DOCUMENT.plus("dcterms:date", '"2024"^^xsd:gYear'),
              V(D, "dcterms:date", "MaxCount", "kgsh:DocumentShape")),
    violating("DocumentShape", "date-a-string", DOCUMENT.setting("dcterms:date", '"15 January 2024"'),
              V(D, "dcterms:date", "Or", "kgsh:DocumentShape")),
    violating("DocumentShape", "no-language", DOCUMENT.without("dcterms:language"),
              V(D, "dcterms:language", "MinCount", "kgsh:DocumentShape")),
    violating("DocumentShape", "language-a-plain-string", DOCUMENT.setting("dcterms:language", '"en"'),
              V(D, "dcterms:language", "Datatype", "kgsh:DocumentShape")),
    violating("DocumentShape", "no-text", DOCUMENT.without("nif:isString"),
              V(D, "nif:isString", "MinCount", "kgsh:DocumentShape")),
    violating("DocumentShape", "two-texts", DOCUMENT.plus("nif:isString", '"Another text."'),
              V(D, "nif:isString", "MaxCount", "kgsh:DocumentShape")),
    violating("DocumentShape", "text-language-tagged", DOCUMENT.setting("nif:isString", '"China ramps up efforts."@en'),
              V(D, "nif:isString", "Datatype", "kgsh:DocumentShape")),
]

S = SENTENCE.subject

SPAN_VIOLATIONS = [
    violating("SentenceShape", "no-begin", SENTENCE.without("nif:beginIndex"),
              V(S, "nif:beginIndex", "MinCount", "kgsh:offsets")),
    violating("SentenceShape", "two-begins", SENTENCE.plus("nif:beginIndex", '"27"^^xsd:nonNegativeInteger'),
              V(S, "nif:beginIndex", "MaxCount", "kgsh:offsets")),
    violating("SentenceShape", "begin-an-integer", SENTENCE.setting("nif:beginIndex", "26"),
              V(S, "nif:beginIndex", "Datatype", "kgsh:offsets")),
    violating("SentenceShape", "begin-equals-end", SENTENCE.setting("nif:beginIndex", '"45"^^xsd:nonNegativeInteger'),
              V(S, "nif:beginIndex", "LessThan", "kgsh:offsets")),
    violating("SentenceShape", "begin-after-end", SENTENCE.setting("nif:beginIndex", '"50"^^xsd:nonNegativeInteger'),
              V(S, "nif:beginIndex", "LessThan", "kgsh:offsets")),
    violating("SentenceShape", "no-end", SENTENCE.without("nif:endIndex"),
              V(S, "nif:endIndex", "MinCount", "kgsh:endOffset")),
    violating("SentenceShape", "two-ends", SENTENCE.plus("nif:endIndex", '"44"^^xsd:nonNegativeInteger'),
              V(S, "nif:endIndex", "MaxCount", "kgsh:endOffset")),
    violating("SentenceShape", "end-a-string", SENTENCE.setting("nif:endIndex", '"45"'),
              V(S, "nif:endIndex", "Datatype", "kgsh:endOffset"),
              # a string is not comparable with the begin offset either
              V(S, "nif:beginIndex", "LessThan", "kgsh:offsets")),
    violating("SentenceShape", "no-anchor", SENTENCE.without("nif:anchorOf"),
              V(S, "nif:anchorOf", "MinCount", "kgsh:anchor")),
    violating("SentenceShape", "two-anchors", SENTENCE.plus("nif:anchorOf", '"Shen Changyu spoke"'),
              V(S, "nif:anchorOf", "MaxCount", "kgsh:anchor")),
    violating("SentenceShape", "anchor-language-tagged", SENTENCE.setting("nif:anchorOf", '"Shen Changyu spoke."@en'),
              V(S, "nif:anchorOf", "Datatype", "kgsh:anchor")),
    violating("SentenceShape", "no-context", SENTENCE.without("nif:referenceContext"),
              V(S, "nif:referenceContext", "MinCount", "kgsh:context")),
    violating("SentenceShape", "two-contexts", f"{SENTENCE.plus('nif:referenceContext', D)}\n{DOCUMENT}",
              V(S, "nif:referenceContext", "MaxCount", "kgsh:context")),
    violating("SentenceShape", "context-not-a-document", SENTENCE.setting("nif:referenceContext", "i-org:wipo"),
              V(S, "nif:referenceContext", "Class", "kgsh:context")),

    violating("MentionShape", "begin-equals-end", MENTION.setting("nif:beginIndex", '"4"^^xsd:nonNegativeInteger'),
              V(MENTION.subject, "nif:beginIndex", "LessThan", "kgsh:offsets")),
    violating("MentionShape", "no-anchor", MENTION.without("nif:anchorOf"),
              V(MENTION.subject, "nif:anchorOf", "MinCount", "kgsh:anchor")),
    violating("MentionShape", "no-context", MENTION.without("nif:referenceContext"),
              V(MENTION.subject, "nif:referenceContext", "MinCount", "kgsh:context")),
    violating("MentionShape", "two-entities", MENTION.plus("itsrdf:taIdentRef", "i-person:daren-tang"),
              V(MENTION.subject, "itsrdf:taIdentRef", "MaxCount", "kgsh:MentionShape")),
    violating("MentionShape", "entity-a-literal", MENTION.setting("itsrdf:taIdentRef", '"WIPO"'),
              V(MENTION.subject, "itsrdf:taIdentRef", "NodeKind", "kgsh:MentionShape")),
]

OB = OBSERVATION.subject
OTHER_INDICATOR = node("i-indicator:patents-filed", ("a", "skos:Concept"), ("skos:prefLabel", '"patents filed"@en'))
TRADEMARKS_EN, TRADEMARKS_PLAIN = '"trademarks"@en', '"trademarks registered"'
UNLISTED_INDICATOR = node("i-indicator:unlisted", ("skos:prefLabel", '"unlisted"@en'))  # not a skos:Concept

FIGURE_VIOLATIONS = [
    violating("ObservationShape", "no-data-set", OBSERVATION.without("qb:dataSet"),
              V(OB, "qb:dataSet", "MinCount", "kgsh:ObservationShape")),
    violating("ObservationShape", "two-data-sets", OBSERVATION.plus("qb:dataSet", "i-dataset:other"),
              V(OB, "qb:dataSet", "MaxCount", "kgsh:ObservationShape")),
    violating("ObservationShape", "not-stated-anywhere", OBSERVATION.without("kg:statedIn"),
              V(OB, "kg:statedIn", "MinCount", "kgsh:ObservationShape")),
    violating("ObservationShape", "stated-in-two-documents",
              f"{OBSERVATION.plus('kg:statedIn', DOCUMENT.subject)}\n{DOCUMENT}",
              V(OB, "kg:statedIn", "MaxCount", "kgsh:ObservationShape")),
    violating("ObservationShape", "stated-in-a-non-document", OBSERVATION.setting("kg:statedIn", "i-org:wipo"),
              V(OB, "kg:statedIn", "Class", "kgsh:ObservationShape")),
    violating("ObservationShape", "no-indicator", OBSERVATION.without("kg:indicator"),
              V(OB, "kg:indicator", "MinCount", "kgsh:ObservationShape")),
    violating("ObservationShape", "two-indicators",
              f"{OBSERVATION.plus('kg:indicator', OTHER_INDICATOR.subject)}\n{OTHER_INDICATOR}",
              V(OB, "kg:indicator", "MaxCount", "kgsh:ObservationShape")),
    violating("ObservationShape", "indicator-not-a-concept",
              f"{OBSERVATION.setting('kg:indicator', UNLISTED_INDICATOR.subject)}\n{UNLISTED_INDICATOR}",
              V(OB, "kg:indicator", "Class", "kgsh:ObservationShape")),
    violating("ObservationShape", "no-value", OBSERVATION.without("sdmx-measure:obsValue"),
              V(OB, "sdmx-measure:obsValue", "MinCount", "kgsh:ObservationShape")),
    violating("ObservationShape", "two-values", OBSERVATION.plus("sdmx-measure:obsValue", "921.0"),
              V(OB, "sdmx-measure:obsValue", "MaxCount", "kgsh:ObservationShape")),
    violating("ObservationShape", "value-a-string", OBSERVATION.setting("sdmx-measure:obsValue", '"921,000"'),
              V(OB, "sdmx-measure:obsValue", "Datatype", "kgsh:ObservationShape")),
    violating("ObservationShape", "no-unit", OBSERVATION.without("sdmx-attribute:unitMeasure"),
              V(OB, "sdmx-attribute:unitMeasure", "MinCount", "kgsh:ObservationShape")),
    violating("ObservationShape", "two-units", OBSERVATION.plus("sdmx-attribute:unitMeasure", "i-unit:percent"),
              V(OB, "sdmx-attribute:unitMeasure", "MaxCount", "kgsh:ObservationShape")),
    violating("ObservationShape", "unit-a-literal", OBSERVATION.setting("sdmx-attribute:unitMeasure", '"count"'),
              V(OB, "sdmx-attribute:unitMeasure", "NodeKind", "kgsh:ObservationShape")),
    violating("ObservationShape", "no-period", OBSERVATION.without("sdmx-dimension:refPeriod"),
              V(OB, "sdmx-dimension:refPeriod", "MinCount", "kgsh:ObservationShape")),
    violating("ObservationShape", "two-periods", OBSERVATION.plus("sdmx-dimension:refPeriod", '"2024"'),
              V(OB, "sdmx-dimension:refPeriod", "MaxCount", "kgsh:ObservationShape")),
    violating("ObservationShape", "period-a-gyear",
              OBSERVATION.setting("sdmx-dimension:refPeriod", '"2023"^^xsd:gYear'),
              V(OB, "sdmx-dimension:refPeriod", "Datatype", "kgsh:ObservationShape")),
    violating("ObservationShape", "period-a-quarter", OBSERVATION.setting("sdmx-dimension:refPeriod", '"2023-Q1"'),
              V(OB, "sdmx-dimension:refPeriod", "Pattern", "kgsh:ObservationShape")),
    violating("ObservationShape", "period-in-words", OBSERVATION.setting("sdmx-dimension:refPeriod", '"last year"'),
              V(OB, "sdmx-dimension:refPeriod", "Pattern", "kgsh:ObservationShape")),
    violating("ObservationShape", "no-period-start", OBSERVATION.without("kg:periodStart"),
              V(OB, "kg:periodStart", "MinCount", "kgsh:ObservationShape")),
    violating("ObservationShape", "two-period-starts", OBSERVATION.plus("kg:periodStart", '"2023-02-01"^^xsd:date'),
              V(OB, "kg:periodStart", "MaxCount", "kgsh:ObservationShape")),
    violating("ObservationShape", "period-start-a-string", OBSERVATION.setting("kg:periodStart", '"2023-01-01"'),
              V(OB, "kg:periodStart", "Datatype", "kgsh:ObservationShape")),
    violating("ObservationShape", "no-period-end", OBSERVATION.without("kg:periodEnd"),
              V(OB, "kg:periodEnd", "MinCount", "kgsh:ObservationShape")),
    violating("ObservationShape", "two-period-ends", OBSERVATION.plus("kg:periodEnd", '"2023-11-30"^^xsd:date'),
              V(OB, "kg:periodEnd", "MaxCount", "kgsh:ObservationShape")),
    violating("ObservationShape", "period-end-a-gyear", OBSERVATION.setting("kg:periodEnd", '"2023"^^xsd:gYear'),
              V(OB, "kg:periodEnd", "Datatype", "kgsh:ObservationShape")),
    violating("ObservationShape", "two-areas",
              f"{OBSERVATION.plus('sdmx-dimension:refArea', COUNTRY.subject)}\n{COUNTRY}",
              V(OB, "sdmx-dimension:refArea", "MaxCount", "kgsh:ObservationShape")),
    violating("ObservationShape", "area-an-organization", OBSERVATION.setting("sdmx-dimension:refArea", "i-org:wipo"),
              V(OB, "sdmx-dimension:refArea", "Class", "kgsh:ObservationShape")),
    violating("ObservationShape", "two-changes", OBSERVATION.plus("kg:change", "-2.1"),
              V(OB, "kg:change", "MaxCount", "kgsh:ObservationShape")),
    violating("ObservationShape", "change-a-string", OBSERVATION.setting("kg:change", '"up 15.3 percent"'),
              V(OB, "kg:change", "Datatype", "kgsh:ObservationShape")),
    violating("ObservationShape", "no-evidence", OBSERVATION.without("prov:wasDerivedFrom"),
              V(OB, "prov:wasDerivedFrom", "MinCount", "kgsh:ObservationShape")),
    violating("ObservationShape", "evidence-a-document", OBSERVATION.setting("prov:wasDerivedFrom", "<>"),
              V(OB, "prov:wasDerivedFrom", "Class", "kgsh:ObservationShape")),

    violating("IndicatorShape", "no-label", f"{OBSERVED}\n{INDICATOR.without('skos:prefLabel')}",
              V(INDICATOR.subject, "skos:prefLabel", "MinCount", "kgsh:IndicatorShape")),
    violating("IndicatorShape", "two-labels",
              f"{OBSERVED}\n{INDICATOR.plus('skos:prefLabel', TRADEMARKS_EN)}",
              V(INDICATOR.subject, "skos:prefLabel", "MaxCount", "kgsh:IndicatorShape")),
    violating("IndicatorShape", "label-without-language",
              f"{OBSERVED}\n{INDICATOR.setting('skos:prefLabel', TRADEMARKS_PLAIN)}",
              V(INDICATOR.subject, "skos:prefLabel", "Datatype", "kgsh:IndicatorShape")),
]

VIOLATING = ENTITY_VIOLATIONS + POSITION_VIOLATIONS + DOCUMENT_VIOLATIONS + SPAN_VIOLATIONS + FIGURE_VIOLATIONS


@pytest.mark.parametrize(("shape", "ttl", "expected"), VIOLATING)
def test_violating_fixture(shape, ttl, expected):
    report = validate(graph_of(ttl))
    assert report.conforms is False, f"expected a violation of {shape}"
    found = results(report.graph)
    assert found == {v.key() for v in expected}, report.text
    assert len(report.violations) == len(found), report.text


# --------------------------------------------------------------------------
# The fixtures cover the shapes
# --------------------------------------------------------------------------

NODE_SHAPES = sorted(SHAPES.subjects(RDF.type, SH.NodeShape))

# Shape parameters, each naming its constraint component (sh:minCount -> sh:MinCountConstraintComponent).
PARAMETERS = ("minCount", "maxCount", "datatype", "class", "nodeKind", "pattern", "languageIn", "uniqueLang",
              "lessThan", "lessThanOrEquals", "equals", "disjoint", "or", "and", "xone", "not", "node", "in",
              "hasValue", "minLength", "maxLength", "minInclusive", "maxInclusive", "minExclusive", "maxExclusive")


def constraints() -> set:
    """(owner, path, component) for every constraint of every node shape and of the property shapes they hold."""
    found = set()
    shapes = set(NODE_SHAPES) | set(SHAPES.objects(None, SH.property))
    for shape in shapes:
        for parameter in PARAMETERS:
            if (shape, SH[parameter], None) in SHAPES:
                component = SH[f"{parameter[0].upper()}{parameter[1:]}ConstraintComponent"]
                found.add((owner(shape), SHAPES.value(shape, SH.path), component))
    return found


def test_every_node_shape_has_fixtures():
    names = {str(s).rsplit("#", 1)[1] for s in NODE_SHAPES}
    assert names == {p.values[0] for p in CONFORMING}, "a node shape without a conforming fixture (or a stale one)"
    assert names == {p.values[0] for p in VIOLATING}, "a node shape without a violating fixture (or a stale one)"
    assert len(names) == 14


def test_every_constraint_is_exercised():
    """Each constraint in shapes.ttl is expected to fire by some violating fixture (and so does fire)."""
    expected = {(shape, path, component) for p in VIOLATING for (_f, path, component, shape) in
                (v.key() for v in p.values[2])}
    missing = sorted(constraints() - expected)
    assert not missing, "constraints no fixture breaks:\n" + "\n".join(map(str, missing))


def test_fixture_ids_are_unique():
    ids = [p.id for p in CONFORMING + VIOLATING]
    assert len(ids) == len(set(ids))


# --------------------------------------------------------------------------
# The real thing
# --------------------------------------------------------------------------

@pytest.mark.slow
def test_bundled_corpus_conforms(built):
    """The graph built from the bundled corpus (the session fixture `built` in conftest.py) conforms."""
    result, _out = built
    assert result.summary.documents > 0
    assert result.summary.conforms, result.report_text


# --------------------------------------------------------------------------
# Validation in pieces (kg.pieces): the results of validating whole
# --------------------------------------------------------------------------

ALL_FIXTURES = [pytest.param(p.values[-1], id=p.id) for p in CONFORMING] + \
    [pytest.param(p.values[1], id=p.id) for p in VIOLATING]


@pytest.mark.parametrize("ttl", ALL_FIXTURES)
def test_validation_in_pieces_reports_what_validating_whole_reports(ttl, tmp_path):
    from kg.pieces import piecewise, validate_file

    assert piecewise(SHAPES)
    path = tmp_path / "data.nt"
    graph_of(ttl).serialize(str(path), format="nt", encoding="utf-8")
    graph = Graph()
    bind_all(graph)  # as the pieces have them: pySHACL's messages name nodes with the graph's prefixes
    whole = validate(graph.parse(str(path), format="nt"))
    for size in (3,):  # pieces of a few subjects
        pieces = validate_file(path, piece_triples=size)
        assert (pieces.conforms, pieces.violations) == (whole.conforms, whole.violations), size
        assert results(pieces.graph) == results(whole.graph)


def test_a_file_in_any_order_is_validated_in_pieces(tmp_path, monkeypatch):
    """A subject's statements need not be together in the file: each goes to its subject's piece."""
    import kg.pieces

    validated = []
    piece = kg.pieces._validated_piece
    monkeypatch.setattr(kg.pieces, "_validated_piece", lambda *args, **kwargs: validated.append(1) or piece(*args, **kwargs))
    path = tmp_path / "data.nq"
    a, b = "<https://w3id.org/ipkg/id/org/a>", "<https://w3id.org/ipkg/id/org/b>"
    label = "<http://www.w3.org/2004/02/skos/core#prefLabel>"
    graph = "<https://w3id.org/ipkg/id/doc/1>"
    lines = [f'{a} {label} "A"@en {graph} .', f'{b} {label} "B"@en {graph} .',
             f"{a} <{RDF.type}> <http://www.w3.org/ns/org#Organization> {graph} .",
             f'{a} {label} "A"@en <https://w3id.org/ipkg/id/doc/2> .']  # a statement in two graphs
    for text in ("\n".join(lines), "\n".join(sorted(lines))):
        path.write_text(text + "\n", encoding="utf-8")
        validated.clear()
        report = kg.pieces.validate_file(path, piece_triples=1)
        assert len(validated) == 2  # a's piece and b's
        assert not report.conforms  # a is an organisation that no document mentions
        assert {v.focus for v in report.violations} == {a}


def test_report_conformance_read_from_the_results_is_pyshacls():
    from kg.validate import report_of

    for param in VIOLATING + CONFORMING:
        whole = validate(graph_of(param.values[1] if param in VIOLATING else param.values[-1]))
        assert report_of(whole.graph).conforms == whole.conforms
