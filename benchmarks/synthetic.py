"""A synthetic graph of about N triples in the project's ontology, shaped like a real build.

It follows the mapping of kg/rdf/mapping.py document by document: each
synthetic press release has its own named graph (`id/doc/<hash>`) with the
document node (title, file name, hash, date, language, the text as
nif:isString), the entities it mentions (types, English labels, aliases,
kg:mentionedIn), NIF mentions (itsrdf:taIdentRef with offsets into the text),
NIF evidence sentences, relations (positions as org:Membership with role and
date, units, cooperation, treaties, programmes issued, events hosted, speakers,
locations) each also in the named graph of its evidence sentence
(`id/doc/<hash>#char=a,b`), and RDF Data Cube observations. The default graph
is the union of all of them, as a build writes it.

Proportions follow a build of the bundled corpus (about 1,250 distinct triples
per document: 40% mentions, 25% observations, 12% evidence sentences, the rest
entities and relations). Entities recur the way they do in news: the
reference organisations, places and treaties (CNIPA, WIPO, China, ...) in most
documents, a pool of officials, units, programmes and laws drawn with a Zipf
law, and people, companies and events new to each document. So the bundled
queries' default parameters (id:org/cnipa, id:org/wipo, id:place/china, the
date 2024-07-29) select a realistic share of the graph.

Written as N-Quads (named graphs and the default graph) and, if asked, the
merged graph as N-Triples (what SHACL validation reads). Deterministic for a
seed; generated with string formatting only, no RDF library.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

BASE = "https://w3id.org/ipkg/"
ID = BASE + "id/"
KG = BASE + "ontology#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
ORG = "http://www.w3.org/ns/org#"
FOAF = "http://xmlns.com/foaf/0.1/"
DCT = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
QB = "http://purl.org/linked-data/cube#"
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
ITS = "http://www.w3.org/2005/11/its/rdf#"
SCHEMA = "https://schema.org/"
OWL = "http://www.w3.org/2002/07/owl#"
SDMX_M = "http://purl.org/linked-data/sdmx/2009/measure#"
SDMX_D = "http://purl.org/linked-data/sdmx/2009/dimension#"
SDMX_A = "http://purl.org/linked-data/sdmx/2009/attribute#"

CLASS = {"Organization": ORG + "Organization", "Person": FOAF + "Person", "Treaty": KG + "Treaty",
         "Programme": KG + "Programme", "Law": KG + "Law", "Place": SCHEMA + "Place", "Event": SCHEMA + "Event"}
SUBCLASS = {"IPOffice": KG + "IPOffice", "GovernmentAgency": KG + "GovernmentAgency",
            "InternationalOrganization": KG + "InternationalOrganization", "PartyOrStateBody": KG + "PartyOrStateBody",
            "Court": KG + "Court", "MediaOutlet": KG + "MediaOutlet", "AcademicInstitution": KG + "AcademicInstitution",
            "Company": KG + "Company", "Country": SCHEMA + "Country", "City": SCHEMA + "City",
            "AdministrativeArea": SCHEMA + "AdministrativeArea", "Continent": SCHEMA + "Continent",
            "PressConference": KG + "PressConference"}
UNITS = ("count", "CNY", "USD", "percent", "percentage-points", "years", "rank", "times")
TITLES = ("commissioner", "deputy commissioner", "director general", "deputy director general", "director",
          "spokesperson", "head", "vice president", "secretary general", "chairman", "professor", "judge")
TOPICS = ("Patent Examination", "Trademark Review", "Legal Affairs", "International Cooperation", "Public Services",
          "Regional Coordination", "Data Management", "Enforcement Guidance", "Policy Research", "Strategic Planning",
          "Utilization Promotion", "Protection Coordination", "Copyright Management", "Geographical Indications",
          "Personnel", "Publicity", "Information Technology", "Appeals", "Invalidation Review", "Training")
UNIT_HEADS = ("Department", "Bureau", "Office", "Center", "Division")
THINGS = ("Plan", "Programme", "Initiative", "Action Plan", "Guidelines", "Measures", "Regulations", "Law",
          "Provisions", "Opinions", "Strategy", "Outline")
SUBJECTS = ("Patent", "Trademark", "Copyright", "Intellectual Property", "Geographical Indication",
            "Trade Secret", "Data Intellectual Property", "Integrated Circuit Layout", "Plant Variety",
            "Standard Essential Patent", "Technology Transfer", "Innovation", "Digital Economy", "Open Licensing")
INDICATOR_WORDS = ("invention patents granted", "trademark registrations", "patent applications",
                   "PCT international applications", "copyright registrations", "geographical indication products",
                   "IP pledge financing", "patent licensing contracts", "infringement cases handled",
                   "administrative rulings", "IP protection centers", "high-value invention patents",
                   "patent-intensive industries", "IP service institutions", "technology contracts",
                   "Madrid applications", "Hague applications", "examination period", "IP royalties",
                   "patent conversions")
INDICATOR_QUALIFIERS = ("", "domestic ", "valid ", "foreign ", "new ", "total ", "annual ", "regional ", "online ",
                        "enterprise ")
SURNAMES = ("Wang Li Zhang Liu Chen Yang Huang Zhao Zhou Xu Sun Zhu Guo Lin Luo Zheng Liang Xie Song Tang Han Feng "
            "Deng Cao Peng Zeng Xiao Tian Dong Pan Yuan Cai Jiang Ye Cheng Wei Su Ding Ren Shen Yao Cui").split()
SYLLABLES = ("wei fang min jing qiang lei jun yang yong yan jie tao ming chao xiu ying hua hui ping gang bin hong "
             "xin yu lin feng hao kai peng yi zhen rui ning xiao jian qing bo dong zhi cheng wen hai shan yun").split()
CITIES = ("Hefei Suzhou Wuxi Ningbo Qingdao Xiamen Dalian Changsha Zhengzhou Jinan Harbin Changchun Shenyang "
          "Kunming Nanning Nanchang Guiyang Taiyuan Lanzhou Hohhot Wenzhou Quanzhou Changzhou Nantong Xuzhou Yantai "
          "Weifang Zibo Linyi Tangshan Baoding Luoyang Yichang Zhuhai Foshan Dongguan").split()
COMPANY_WORDS = ("Technology", "Pharmaceutical", "Semiconductor", "New Energy", "Biotech", "Robotics", "Materials",
                 "Electronics", "Software", "Optics", "Automotive", "Aerospace", "Medical", "Agricultural")
COMPANY_HEADS = ("Co., Ltd.", "Group", "Corporation", "Company")
DATE_OF_EVENT = "2024-07-29"  # the default of queries/event-speakers.rq

FILLER = ("said on Wednesday that", "stressed the importance of", "noted that", "pointed out that",
          "announced that", "added that")


def _zipf(rng: random.Random, n: int, s: float = 1.1) -> int:
    """An index in [0, n) with P(k) ~ 1/(k+1)^s: the first few are common, the tail is long."""
    weights = _zipf_cdf(n, s)
    x = rng.random() * weights[-1]
    lo, hi = 0, n - 1
    while lo < hi:
        mid = (lo + hi) // 2
        if weights[mid] < x:
            lo = mid + 1
        else:
            hi = mid
    return lo


@lru_cache(maxsize=16)
def _zipf_cdf(n: int, s: float) -> tuple[float, ...]:
    total, out = 0.0, []
    for k in range(n):
        total += 1.0 / (k + 1) ** s
        out.append(total)
    return tuple(out)


def _slug(text: str) -> str:
    out, dash = [], False
    for ch in text.lower():
        if ch.isascii() and ch.isalnum():
            out.append(ch)
            dash = False
        elif not dash and out:
            out.append("-")
            dash = True
    return "".join(out).strip("-")


def _lit(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"'


def _lang(text: str, lang: str = "en") -> str:
    return f"{_lit(text)}@{lang}"


def _typed(value, datatype: str) -> str:
    return f'{_lit(str(value))}^^<{XSD}{datatype}>'


@dataclass(frozen=True)
class Entity:
    iri: str
    cls: str
    name: str
    subclass: str = ""
    labels: tuple[tuple[str, str], ...] = ()  # other labels (text, lang)
    extra: tuple[tuple[str, str], ...] = ()  # (predicate, object N-Triples term)


@dataclass
class SyntheticInfo:
    path: Path
    merged: Path | None
    documents: int
    triples: int  # distinct triples of the merged (default) graph
    quads: int  # lines of the N-Quads file (default graph plus named graphs)
    named_graphs: int
    classes: dict[str, int] = field(default_factory=dict)


# --- pools of recurring things -----------------------------------------------------------------------


@lru_cache(maxsize=1)
def _reference() -> tuple[list[Entity], list[Entity], list[Entity]]:
    """Organisations, places and treaties of the reference data, the most newsworthy first."""
    from kg.reference import load_reference

    orgs, places, treaties = [], [], []
    first = {f"{ID}org/cnipa": 0, f"{ID}org/wipo": 1, f"{ID}org/scio": 2, f"{ID}place/china": 0,
             f"{ID}place/united-states": 1}
    for entry in load_reference().entries:
        labels = tuple((t, lang) for t, lang in entry.labels if t != entry.name)
        extra = []
        for identifier in entry.identifiers:
            if identifier.startswith("ISO 3166-1:"):
                extra.append((DCT + "identifier", _lit(identifier.split(":", 1)[1])))
            elif identifier.startswith("http://www.wikidata.org/entity/"):
                extra.append((OWL + "sameAs", f"<{identifier}>"))
            elif identifier.startswith("http"):
                extra.append((FOAF + "homepage", f"<{identifier}>"))
        entity = Entity(entry.iri, entry.cls, entry.name, entry.subclass or "", labels, tuple(extra))
        {"Organization": orgs, "Place": places, "Treaty": treaties}.get(entry.cls, []).append(entity)
    for group in (orgs, places, treaties):
        group.sort(key=lambda e: (first.get(e.iri, 99), e.iri))
    return orgs, places, treaties


def _person(rng: random.Random, tag: str) -> Entity:
    name = f"{rng.choice(SURNAMES)} {(rng.choice(SYLLABLES) + rng.choice(SYLLABLES)).capitalize()}"
    return Entity(f"{ID}person/{_slug(name)}-{tag}", "Person", name)


@lru_cache(maxsize=4)
def _pools(seed: int) -> dict[str, list[Entity]]:
    rng = random.Random(f"pools:{seed}")
    orgs, _, _ = _reference()
    officials = [_person(rng, f"o{i}") for i in range(3000)]
    units = []
    for i in range(600):
        parent = orgs[_zipf(rng, min(len(orgs), 20))]
        name = f"{rng.choice(TOPICS)} {rng.choice(UNIT_HEADS)}"
        if i >= len(TOPICS) * 2:
            name = f"{rng.choice(CITIES)} {name}"
        units.append(Entity(f"{ID}org/{_slug(name)}-of-the-{parent.iri.rsplit('/', 1)[-1]}-{i}", "Organization",
                            f"{name} of the {parent.name}", "GovernmentAgency", ((name, "en"),),
                            (("parent", parent.iri),)))
    programmes = []
    for i in range(4000):
        cls = "Law" if rng.random() < 0.45 else "Programme"
        name = f"{rng.choice(SUBJECTS)} {rng.choice(THINGS)} ({2000 + rng.randrange(26)}-{i})"
        programmes.append(Entity(f"{ID}{cls.lower()}/{_slug(name)}", cls, name))
    indicators = []
    for i in range(400):
        label = f"{rng.choice(INDICATOR_QUALIFIERS)}{rng.choice(INDICATOR_WORDS)}"
        indicators.append(Entity(f"{ID}indicator/{_slug(label)}-{i}", "Indicator", f"{label} {i}"))
    return {"officials": officials, "units": units, "programmes": programmes, "indicators": indicators}


# --- one document ------------------------------------------------------------------------------------


class _Doc:
    """The quads of one synthetic document, with its text built sentence by sentence."""

    def __init__(self, index: int, seed: int):
        self.rng = random.Random(f"doc:{seed}:{index}")
        self.sha = hashlib.sha256(f"synthetic:{seed}:{index}".encode()).hexdigest()
        self.iri = f"{ID}doc/{self.sha[:32]}"
        self.g = f"<{self.iri}>"
        self.index = index
        self.parts: list[str] = []
        self.length = 0
        self.quads: list[tuple[str, str, str, str]] = []  # (s, p, o, graph) as N-Triples terms
        self.entities: dict[str, Entity] = {}
        self.mentions: dict[str, list[tuple[int, int, str]]] = {}

    # text
    def sentence(self, *pieces) -> tuple[int, int, str]:
        """Add a sentence made of plain strings and entities (each one a mention); its span and IRI term."""
        start = self.length
        text = ""
        for piece in pieces:
            if isinstance(piece, Entity):
                if text and not text.endswith(" "):
                    text += " "
                m_start = start + len(text)
                text += piece.name
                self.entities[piece.iri] = piece
                self.mentions.setdefault(piece.iri, []).append((m_start, m_start + len(piece.name), piece.name))
            else:
                text += ("" if not text or piece[:1] in ",.;:" else " ") + piece
        text += "."
        self.parts.append(text + "\n")
        self.length += len(text) + 1
        return start, start + len(text), text

    def evidence(self, span: tuple[int, int, str]) -> str:
        start, end, text = span
        e = f"<{self.iri}#char={start},{end}>"
        self.add(e, RDF + "type", f"<{NIF}Sentence>")
        self.add(e, NIF + "beginIndex", _typed(start, "nonNegativeInteger"))
        self.add(e, NIF + "endIndex", _typed(end, "nonNegativeInteger"))
        self.add(e, NIF + "anchorOf", _lit(text))
        self.add(e, NIF + "referenceContext", self.g)
        return e

    def add(self, s: str, p: str, o: str, g: str | None = None) -> None:
        self.quads.append((s, f"<{p}>", o, g or self.g))

    def fact(self, s: Entity | str, p: str, o: Entity | str, evidence: str) -> None:
        s_term = f"<{s.iri if isinstance(s, Entity) else s}>"
        o_term = f"<{o.iri if isinstance(o, Entity) else o}>"
        self.add(s_term, p, o_term)
        self.add(s_term, p, o_term, evidence)

    def finish(self, date: str, title: str) -> str:
        text = "".join(self.parts)
        d = self.g
        self.add(d, RDF + "type", f"<{FOAF}Document>")
        self.add(d, RDF + "type", f"<{NIF}Context>")
        self.add(d, DCT + "title", _lit(title))
        self.add(d, KG + "fileName", _lit(f"synthetic-{self.index:06d}.txt"))
        self.add(d, KG + "sha256", _lit(self.sha))
        self.add(d, NIF + "isString", _lit(text))
        self.add(d, DCT + "publisher", _lit("Synthetic News Service"))
        self.add(d, DCT + "date", _typed(date, "date"))
        self.add(d, DCT + "language", _typed("en", "language"))
        for iri, entity in self.entities.items():
            e = f"<{iri}>"
            self.add(e, RDF + "type", f"<{CLASS[entity.cls]}>")
            if entity.subclass in SUBCLASS:
                self.add(e, RDF + "type", f"<{SUBCLASS[entity.subclass]}>")
            self.add(e, SKOS + "prefLabel", _lang(entity.name))
            self.add(e, RDFS + "label", _lang(entity.name))
            for label, lang in entity.labels:
                self.add(e, SKOS + "altLabel", _lang(label, lang))
            for p, o in entity.extra:
                if p != "parent":
                    self.add(e, p, o)
            self.add(e, KG + "mentionedIn", d)
            for start, end, name in self.mentions[iri]:
                m = f"<{self.iri}#char={start},{end}>"
                self.add(m, RDF + "type", f"<{NIF}Phrase>")
                self.add(m, ITS + "taIdentRef", e)
                self.add(m, NIF + "beginIndex", _typed(start, "nonNegativeInteger"))
                self.add(m, NIF + "endIndex", _typed(end, "nonNegativeInteger"))
                self.add(m, NIF + "anchorOf", _lit(name))
                self.add(m, NIF + "referenceContext", d)
        return text


def _document(index: int, seed: int) -> _Doc:
    rng = random.Random(f"plan:{seed}:{index}")
    pools = _pools(seed)
    orgs, places, treaties = _reference()
    doc = _Doc(index, seed)
    year = 2019 + rng.randrange(7)
    date = DATE_OF_EVENT if rng.random() < 0.08 else f"{year}-{1 + rng.randrange(12):02d}-{1 + rng.randrange(28):02d}"
    year = int(date[:4])
    tag = f"d{index}"

    main_org = orgs[0] if rng.random() < 0.85 else orgs[_zipf(rng, len(orgs))]
    china = places[0]
    other_orgs = [orgs[_zipf(rng, len(orgs))] for _ in range(3 + rng.randrange(4))]
    other_places = [places[_zipf(rng, len(places))] for _ in range(2 + rng.randrange(3))]
    units = [pools["units"][_zipf(rng, len(pools["units"]), 0.9)] for _ in range(1 + rng.randrange(3))]
    people = [pools["officials"][_zipf(rng, len(pools["officials"]), 0.8)] if rng.random() < 0.35
              else _person(rng, f"{tag}-{k}") for k in range(4 + rng.randrange(5))]
    companies = []
    for k in range(2 + rng.randrange(3)):
        name = f"{rng.choice(CITIES)} {rng.choice(COMPANY_WORDS)} {rng.choice(COMPANY_HEADS)}"
        companies.append(Entity(f"{ID}org/{_slug(name)}-{tag}-{k}", "Organization", name, "Company"))
    programmes = [pools["programmes"][_zipf(rng, len(pools["programmes"]), 0.9)] for _ in range(2 + rng.randrange(4))]
    event = Entity(f"{ID}event/press-conference-{tag}", "Event",
                   f"press conference of the {main_org.name} on {date}", "PressConference")

    # the headline and a dateline sentence, then the body
    title = f"{main_org.name} reports progress in {rng.choice(SUBJECTS).lower()} work in {year}"
    doc.sentence(title)
    doc.sentence(date, "-", main_org, "held a", event, "in", china if rng.random() < 0.7 else other_places[0])
    hosted = doc.evidence(doc.sentence("The", event, "was hosted by the", main_org, "and the", units[0]))
    doc.fact(event, KG + "hostedBy", main_org, hosted)
    if rng.random() < 0.5:
        located = doc.evidence(doc.sentence("The", event, "took place in", china))
        doc.fact(event, KG + "locatedIn", china, located)

    # people: positions (memberships), speakers
    for person in people:
        organisation = rng.choice(units + [main_org] + other_orgs[:2])
        title_text = rng.choice(TITLES)
        sentence = doc.sentence(person, ",", f"{title_text} of the", organisation, ",", rng.choice(FILLER),
                                "the", main_org, "would strengthen cooperation with", rng.choice(other_orgs))
        evidence = doc.evidence(sentence)
        doc.fact(person, ORG + "memberOf", organisation, evidence)
        person_slug, org_slug = person.iri.rsplit("/", 1)[-1], organisation.iri.rsplit("/", 1)[-1]
        membership = f"<{ID}membership/{person_slug}--{org_slug}--{_slug(title_text)}>"
        role = f"<{ID}role/{_slug(title_text)}>"
        for s, p, o in ((membership, RDF + "type", f"<{ORG}Membership>"),
                        (membership, ORG + "member", f"<{person.iri}>"),
                        (membership, ORG + "organization", f"<{organisation.iri}>"),
                        (membership, ORG + "role", role),
                        (role, RDF + "type", f"<{ORG}Role>"),
                        (role, SKOS + "prefLabel", _lang(title_text))):
            doc.add(s, p, o)
            doc.add(s, p, o, evidence)
        doc.add(membership, KG + "asOf", _typed(date, "date"))
        doc.add(membership, PROV + "wasDerivedFrom", evidence)
        if rng.random() < 0.6:
            spoke = doc.evidence(doc.sentence(person, "spoke at the", event))
            doc.fact(person, KG + "spokeAt", event, spoke)
        doc.sentence("Mr.", person.name.split()[0], "answered questions from", rng.choice(companies))

    # organisation structure, cooperation, treaties, programmes
    for unit in units:
        parent = dict(unit.extra)["parent"]
        parent_entity = next((o for o in orgs if o.iri == parent), main_org)
        evidence = doc.evidence(doc.sentence("The", unit, "of the", parent_entity, "is responsible for the work"))
        doc.fact(unit, ORG + "subOrganizationOf", parent_entity, evidence)
        doc.add(f"<{unit.iri}>", RDF + "type", f"<{ORG}OrganizationalUnit>")
    for partner in other_orgs[: 1 + rng.randrange(3)]:
        if partner.iri == main_org.iri:
            continue
        evidence = doc.evidence(doc.sentence("The", main_org, "signed a cooperation agreement with the", partner))
        doc.fact(main_org, KG + "cooperatesWith", partner, evidence)
    if rng.random() < 0.5:
        partner = other_places[-1]
        evidence = doc.evidence(doc.sentence(china, "and", partner, "agreed to deepen exchanges on patents"))
        doc.fact(china, KG + "cooperatesWith", partner, evidence)
    for _ in range(rng.randrange(3)):
        treaty = treaties[_zipf(rng, len(treaties))]
        evidence = doc.evidence(doc.sentence(china, "acceded to the", treaty))
        doc.fact(china, KG + "partyTo", treaty, evidence)
        if rng.random() < 0.5 and len(orgs) > 1:
            wipo = orgs[1]
            evidence = doc.evidence(doc.sentence("The", treaty, "is administered by the", wipo))
            doc.fact(wipo, KG + "administers", treaty, evidence)
    for programme in programmes:
        issuer = rng.choice([main_org] + units)
        evidence = doc.evidence(doc.sentence("The", issuer, "issued the", programme))
        doc.fact(programme, KG + "issuedBy", issuer, evidence)
        if rng.random() < 0.2:
            evidence = doc.evidence(doc.sentence("The", main_org, "administers the", programme))
            doc.fact(main_org, KG + "administers", programme, evidence)
    for company in companies:
        doc.sentence(company, "in", rng.choice(other_places), "filed more applications", "than a year earlier")

    # figures: RDF Data Cube observations
    for k in range(18 + rng.randrange(15)):
        indicator = pools["indicators"][_zipf(rng, len(pools["indicators"]), 0.9)]
        unit = rng.choice(UNITS)
        value = round(rng.uniform(1, 100000), rng.choice((0, 1, 2)))
        written = f"{value:,}"
        area = china if rng.random() < 0.8 else rng.choice(other_places)
        sentence = doc.sentence("In", str(year), ",", area, f"had {written} {indicator.name.rsplit(' ', 1)[0]}")
        evidence = doc.evidence(sentence)
        figure_start = sentence[2].index(written) + sentence[0]
        obs = f"<{ID}observation/{doc.sha[:16]}-{figure_start}-{figure_start + len(written)}>"
        ind = f"<{indicator.iri}>"
        period = str(year) if rng.random() < 0.7 else f"{year}-{1 + rng.randrange(12):02d}"
        start, end = _bounds(period)
        triples = [(obs, RDF + "type", f"<{QB}Observation>"), (obs, QB + "dataSet", f"<{ID}dataset/figures>"),
                   (obs, KG + "statedIn", doc.g), (obs, KG + "indicator", ind), (ind, RDF + "type", f"<{SKOS}Concept>"),
                   (ind, SKOS + "prefLabel", _lang(indicator.name)), (ind, SKOS + "inScheme", f"<{ID}scheme/indicators>"),
                   (obs, SDMX_M + "obsValue", _typed(_decimal(value), "decimal")),
                   (obs, SDMX_A + "unitMeasure", f"<{ID}unit/{unit}>"), (obs, KG + "figureText", _lit(written)),
                   (obs, SDMX_D + "refPeriod", _lit(period)), (obs, KG + "periodStart", _typed(start, "date")),
                   (obs, KG + "periodEnd", _typed(end, "date")), (obs, SDMX_D + "refArea", f"<{area.iri}>")]
        if rng.random() < 0.25:
            triples.append((obs, KG + "subject", f"<{main_org.iri}>"))
        if rng.random() < 0.3:
            triples.append((obs, KG + "change", _typed(_decimal(round(rng.uniform(-20, 60), 1)), "decimal")))
            triples.append((obs, KG + "changeUnit", f"<{ID}unit/percent>"))
        for s, p, o in triples:
            doc.add(s, p, o)
        doc.add(obs, PROV + "wasDerivedFrom", evidence)
    doc.finish(date, title)
    return doc


def _bounds(period: str) -> tuple[str, str]:
    if len(period) == 4:
        return f"{period}-01-01", f"{period}-12-31"
    year, month = int(period[:4]), int(period[5:7])
    last = 31 if month in (1, 3, 5, 7, 8, 10, 12) else 30 if month != 2 else (29 if year % 4 == 0 else 28)
    return f"{period}-01", f"{period}-{last:02d}"


def _decimal(value: float) -> str:
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return text if text not in ("", "-0") else "0"


# --- the whole graph ----------------------------------------------------------------------------------


def make_synthetic(path: Path, triples: int = 1_000_000, *, seed: int = 0, merged: Path | None = None) -> SyntheticInfo:
    """Write about `triples` distinct triples (documents are added until there are) as N-Quads to `path`,
    and the merged graph as N-Triples to `merged` if given."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    seen: set[int] = set()
    graphs: set[str] = set()
    classes: dict[str, int] = {}
    quads = documents = 0
    with path.open("w", encoding="utf-8") as out, \
            (Path(merged).open("w", encoding="utf-8") if merged else _Null()) as flat:
        while len(seen) < triples:
            doc = _document(documents, seed)
            documents += 1
            lines = []
            for s, p, o, g in dict.fromkeys(doc.quads):  # each quad once, as the mapping's set of quads
                triple = f"{s} {p} {o}"
                lines.append(f"{triple} {g} .\n")
                graphs.add(g)
                key = hash(triple)
                if key not in seen:
                    seen.add(key)
                    lines.append(f"{triple} .\n")
                    flat.write(f"{triple} .\n")
                    if p == f"<{RDF}type>":
                        classes[o] = classes.get(o, 0) + 1
            out.writelines(lines)
            quads += len(lines)
    return SyntheticInfo(path, Path(merged) if merged else None, documents, len(seen), quads, len(graphs),
                         {k.strip("<>"): v for k, v in sorted(classes.items(), key=lambda kv: -kv[1])})


class _Null:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def write(self, _text: str) -> None:
        pass
