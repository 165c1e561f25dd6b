"""Entity resolution: one node per real thing across documents, with a stable IRI.

The NLP stage already joined the mentions of one thing within a document
(its clusters). Here clusters of all documents are joined when they share a
reference IRI or, within one class, a normalised name; an organisational unit
is keyed by its parent too ("Strategic Planning Department" of the CNIPA).
An unnamed press conference is its document's own and is never joined
across documents. IRIs are minted from the canonical name (or the reference
data's IRI), so the same input always gives the same IRIs.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from kg.chinese import has_han, is_traditional, to_simplified
from kg.model import (
    SYMMETRIC_PREDICATES,
    Entity,
    Extractions,
    Fact,
    Figure,
    Resolution,
)
from kg.naming import HONORIFICS, UnionFind, descriptor_only, name_key, slugify, stable_hash
from kg.periods import overlaps
from kg.rdf.namespaces import CLASS_PATH, ID
from kg.reference import Reference, load_reference

# which classes may stand on each side of a relation
SIGNATURES = {
    "holdsPosition": ({"Person"}, {"Organization"}),
    "partOf": ({"Organization"}, {"Organization"}),
    "cooperatesWith": ({"Organization", "Place"}, {"Organization", "Place"}),
    "partyTo": ({"Organization", "Place"}, {"Treaty", "Programme"}),
    "administers": ({"Organization"}, {"Treaty", "Programme", "Law"}),
    "issuedBy": ({"Law", "Programme", "Treaty"}, {"Organization", "Person"}),
    "hostedBy": ({"Event"}, {"Organization", "Place"}),
    "spokeAt": ({"Person"}, {"Event"}),
    "locatedIn": ({"Organization", "Event", "Place"}, {"Place"}),
}


@dataclass
class _Local:
    """One cluster of one document."""

    doc: str
    cluster: int
    cls: str
    mentions: list = field(default_factory=list)  # model.Mention
    ref: str = ""
    subclass: str = ""
    parent: "_Local | None" = None


def resolve(extractions: Extractions, *, reference: Reference | None = None) -> Resolution:
    reference = reference or load_reference()
    entries = reference.by_iri
    locals_, index = _locals(extractions)
    uf = UnionFind(len(locals_))
    by_ref: dict[str, int] = {}
    by_key: dict[tuple, int] = {}
    for i, local in enumerate(locals_):
        if local.ref:
            uf.union(i, by_ref.setdefault(local.ref, i))
        for key in _keys(local):
            uf.union(i, by_key.setdefault(key, i))
    _join_orphan_units(locals_, uf)
    groups: dict[int, list[_Local]] = defaultdict(list)
    for i, local in enumerate(locals_):
        groups[uf.find(i)].append(local)

    drafts = [_draft(members, entries) for members in groups.values()]
    iris = _mint(drafts)
    entity_of: dict[tuple[str, int], str] = {}
    entities = []
    for draft, iri in zip(drafts, iris):
        for local in draft["members"]:
            entity_of[(local.doc, local.cluster)] = iri
        entities.append(
            Entity(
                iri=iri,
                cls=draft["cls"],
                name=draft["name"],
                subclass=draft["subclass"],
                aliases=tuple(a for a, _ in draft["labels"]),
                labels=tuple(draft["labels"]),
                mentions=tuple(sorted({m.span for l in draft["members"] for m in l.mentions},
                                      key=lambda s: (s.doc, s.start, s.end))),
                identifiers=draft["identifiers"],
            )
        )
    classes = {e.iri: e.cls for e in entities}
    facts = _facts(extractions, index, entity_of, classes)
    figures = _figures(extractions, index, entity_of)
    entities = _name_press_conferences(entities, facts, extractions)
    return Resolution(
        documents=tuple(x.document for x in extractions.items),
        entities=tuple(sorted(entities, key=lambda e: e.iri)),
        facts=facts,
        figures=figures,
        sentences=tuple(sorted({s for f in facts for s in f.evidence} | {s for f in figures for s in f.evidence},
                               key=lambda s: (s.doc, s.start, s.end))),
    )


# --- local entities -----------------------------------------------------------------------


def _locals(extractions: Extractions) -> tuple[list[_Local], dict[tuple[str, int], _Local]]:
    index: dict[tuple[str, int], _Local] = {}
    for extraction in extractions.items:
        name = extraction.document.name
        for mention in extraction.mentions:
            local = index.get((name, mention.cluster))
            if local is None:
                local = index[(name, mention.cluster)] = _Local(name, mention.cluster, mention.cls)
            local.mentions.append(mention)
            local.ref = local.ref or mention.ref
            local.subclass = local.subclass or mention.subclass
        for relation in extraction.relations:
            if relation.predicate == "partOf":
                unit = index[(name, extraction.mentions[relation.subject].cluster)]
                parent = index[(name, extraction.mentions[relation.object].cluster)]
                if unit.parent is None and unit is not parent:
                    unit.parent = parent
    return list(index.values()), index


def _keys(local: _Local) -> set[tuple]:
    if local.ref:
        return set()
    if local.subclass == "PressConference":
        return {("press-conference", local.doc, local.cluster)}
    names = _names(local)
    own = _document_own(local)
    keys = set()
    for text in names:
        key = name_key(text)
        if not key:
            continue
        if local.cls == "Person" and len(key.split()) < 2:
            continue
        if local.parent is not None:
            keys.add((local.cls, key, "of", _parent_key(local.parent)))
        elif own:
            keys.add((local.cls, key, "in", local.doc))
        else:
            keys.add((local.cls, key))
    return keys


def _document_own(local: _Local) -> bool:
    """A treaty only described, never named ("a memorandum of understanding on trade mark cooperation"),
    is the document's own: two press releases' memoranda are two things, whatever their wording; so is one
    named only as a kind of agreement ("Memorandum of Understanding (MoU) on ..."). So is an
    event described in common words only ("an opening ceremony"), not one with a number or a name in it
    ("the third plenary session of the 20th CPC Central Committee")."""
    described = all(m.source == "description" for m in local.mentions)
    if local.cls == "Event":
        return described and not any(c.isdigit() or c.isupper() for m in local.mentions for c in m.span.text)
    return local.cls == "Treaty" and (described or all(_MEMORANDUM.match(name) for name in _names(local)))


# "Memorandum of Understanding on ...", "MoU", "Letter of Intent": the name of a kind of agreement, which two
# documents may give to two different agreements
_MEMORANDUM = re.compile(r"(?i)(?:the |a |an )?(?:memorand(?:um|a) of (?:understanding|cooperation)|mou|moc|"
                         r"letter of intent|loi)\b")


def _parent_key(parent: _Local) -> str:
    return parent.ref or min((name_key(n) for n in _names(parent)), default="")


def _names(local: _Local) -> list[str]:
    names = []
    for mention in local.mentions:
        for text in (mention.name, mention.span.text):
            if text and not descriptor_only(text):
                names.append(" ".join(text.split()))
    return names


def _join_orphan_units(locals_: list[_Local], uf: UnionFind) -> None:
    """A unit named without its parent joins the one unit of that name that has a parent,
    when its own document names that parent too ("the Department of Treaties" of which ministry?)."""
    position = {id(local): i for i, local in enumerate(locals_)}
    in_doc: dict[str, list[int]] = defaultdict(list)
    for i, local in enumerate(locals_):
        in_doc[local.doc].append(i)
    with_parent: dict[tuple[str, str], set[tuple[int, int]]] = defaultdict(set)
    for i, local in enumerate(locals_):
        if local.parent is not None and not local.ref:
            parent = uf.find(position[id(local.parent)])
            for text in _names(local):
                with_parent[(local.cls, name_key(text))].add((uf.find(i), parent))
    for i, local in enumerate(locals_):
        if local.parent is None and not local.ref and local.cls == "Organization":
            for text in _names(local):
                units = {(uf.find(u), uf.find(p)) for u, p in with_parent.get((local.cls, name_key(text)), set())}
                if len(units) != 1:
                    continue
                (unit, parent), = units
                if any(uf.find(j) == parent for j in in_doc[local.doc]):
                    uf.union(i, unit)
                    break


# --- naming -------------------------------------------------------------------------------


def _draft(members: list[_Local], entries) -> dict:
    members.sort(key=lambda l: (l.doc, l.cluster))
    cls = members[0].cls
    ref = next((l.ref for l in members if l.ref), "")
    subclass = next((l.subclass for l in members if l.subclass), "")
    texts = [t for l in members for t in _names(l)]
    if ref:
        entry = entries[ref]
        name, subclass, identifiers = entry.name, entry.subclass or subclass, entry.identifiers
    else:
        name, identifiers = _best_name(texts, cls), ()
    parent = next((l.parent for l in members if l.parent is not None), None)
    parent_label = ""
    if parent is not None and not ref and not re.search(r" (?:of|at|under) |['’]s ", name):
        parent_label = _short_label(parent, entries)
        if parent_label:
            # "Patent Bureau" of the CNIPA, not of another office; "of WIPO's Brands and Designs Sector"
            the = "" if re.search(r"['’]s ", parent_label) else "the "
            name = f"{name} of {the}{parent_label}"
    labels = _labels(texts, name, ref, entries)
    return {
        "members": members, "cls": cls, "ref": ref, "name": name, "subclass": subclass,
        "labels": labels, "identifiers": identifiers, "parent": parent,
    }


def _best_name(texts: list[str], cls: str) -> str:
    english = [_strip_leading(t) for t in texts if not has_han(t)]
    english = [t for t in english if t]
    if not english:
        return to_simplified(texts[0]) if texts else "unnamed"
    counts = Counter(english)

    def score(text: str) -> tuple:
        words = text.split()
        acronym = len(words) == 1 and text.isupper()
        honorific = words[0].lower() in HONORIFICS or words[0].lower() == "president"
        shouted = len(words) > 1 and text.isupper()  # "SHEN CHANGYU:" as a speaker's label, a headline's capitals
        return (not acronym, not honorific, not shouted, len(words), text[:1].isupper(), " of " in text, counts[text],
                text)

    return max(counts, key=score)


def _strip_leading(text: str) -> str:
    words = text.split()
    while words and (words[0].lower() == "the" or words[0].lower() in HONORIFICS):
        words = words[1:]
    return " ".join(words)


def _short_label(parent: _Local, entries) -> str:
    if parent.ref:
        entry = entries[parent.ref]
        acronyms = [t for t, lang in entry.labels if lang == "en" and t.isupper() and len(t) <= 8]
        return acronyms[0] if acronyms else entry.name
    names = [_strip_leading(t) for t in _names(parent) if not has_han(t)]
    acronyms = sorted(t for t in names if t.isupper() and 2 <= len(t) <= 8)
    return acronyms[0] if acronyms else _best_name(names, parent.cls) if names else ""


def _labels(texts: list[str], name: str, ref: str, entries) -> list[tuple[str, str]]:
    labels: dict[str, str] = {}
    for text in texts:
        clean = text.strip()
        if clean and clean != name:
            labels.setdefault(clean, _language(clean))
    if ref:
        for text, lang in entries[ref].labels:
            if text != name:
                labels.setdefault(text, lang)
    return sorted(labels.items())


def _language(text: str) -> str:
    if has_han(text):
        return "zh-Hant" if is_traditional(text) else "zh-Hans"
    return "en"


def _mint(drafts: list[dict]) -> list[str]:
    order = sorted(range(len(drafts)), key=lambda i: (drafts[i]["cls"], drafts[i]["name"],
                                                      drafts[i]["members"][0].doc, drafts[i]["members"][0].cluster))
    taken: set[str] = set(d["ref"] for d in drafts if d["ref"])
    iris = [""] * len(drafts)
    for i in order:
        draft = drafts[i]
        if draft["ref"]:
            iris[i] = draft["ref"]
            continue
        base = str(ID[f"{CLASS_PATH[draft['cls']]}/{_slug_for(draft)}"])
        iri = base
        if iri in taken:  # a namesake: a suffix from what tells it apart, not from the order of arrival
            first = draft["members"][0]
            iri = f"{base}-{stable_hash(draft['name'], first.doc, str(first.cluster))}"
        taken.add(iri)
        iris[i] = iri
    return iris


def _slug_for(draft: dict) -> str:
    first = draft["members"][0]
    document = first.doc.rsplit(".", 1)[0]
    if draft["subclass"] == "PressConference":
        return "press-conference-" + slugify(document)
    if _document_own(first):
        return slugify(f"{draft['name']} {document}")
    return slugify(draft["name"])


# --- facts and figures ---------------------------------------------------------------------


def _facts(extractions: Extractions, index, entity_of, classes) -> tuple[Fact, ...]:
    merged: dict[tuple[str, str, str, str], dict] = {}
    for extraction in extractions.items:
        doc = extraction.document
        for relation in extraction.relations:
            s = entity_of[(doc.name, extraction.mentions[relation.subject].cluster)]
            o = entity_of[(doc.name, extraction.mentions[relation.object].cluster)]
            p = relation.predicate
            if s == o or not _fits(p, classes[s], classes[o]):
                continue
            if p in SYMMETRIC_PREDICATES and o < s:
                s, o = o, s
            title = " ".join(relation.title.lower().replace("-", " ").split())  # "Director-General" = "director general"
            entry = merged.setdefault((s, p, o, title), {"evidence": set(), "dates": set()})
            entry["evidence"].add(relation.evidence)
            if doc.date and p == "holdsPosition":
                entry["dates"].add(doc.date)
    return tuple(
        Fact(s, p, o, tuple(sorted(v["evidence"], key=lambda x: (x.doc, x.start, x.end))), title,
             tuple(sorted(v["dates"])))
        for (s, p, o, title), v in sorted(merged.items())
    )


def _fits(predicate: str, subject_cls: str, object_cls: str) -> bool:
    subjects, objects = SIGNATURES[predicate]
    return subject_cls in subjects and object_cls in objects


def _figures(extractions: Extractions, index, entity_of) -> tuple[Figure, ...]:
    """Observations, a figure a document repeats (same value and unit, overlapping period) kept once."""
    figures = []
    for extraction in extractions.items:
        doc = extraction.document
        kept: list[dict] = []
        for obs in extraction.observations:
            same = next((k for k in kept if k["obs"].unit == obs.unit and k["obs"].value == obs.value
                         and overlaps(k["obs"].period, obs.period)
                         and _related(k["obs"].indicator, obs.indicator)), None)
            if same is not None:
                same["evidence"].add(obs.evidence)
                continue
            kept.append({"obs": obs, "evidence": {obs.evidence}})
        for k in kept:
            obs = k["obs"]

            def iri_of(i):
                return entity_of[(doc.name, extraction.mentions[i].cluster)] if i is not None else ""

            figures.append(
                Figure(
                    iri=str(ID[f"observation/{doc.sha256[:16]}-{obs.figure.start}-{obs.figure.end}"]),
                    indicator=obs.indicator,
                    value=obs.value,
                    unit=obs.unit,
                    period=obs.period,
                    evidence=tuple(sorted(k["evidence"], key=lambda s: (s.start, s.end))),
                    figure=obs.figure,
                    area=iri_of(obs.area),
                    subject=iri_of(obs.subject),
                    change=obs.change,
                    change_unit=obs.change_unit,
                )
            )
    return tuple(sorted(figures, key=lambda f: f.iri))


def _related(a: str, b: str) -> bool:
    """Two indicators that share a content word ("valid registered trademarks", "valid registered domestic trademarks")."""
    stop = {"the", "of", "a", "an", "and", "in", "for", "to", "by", "figure"}
    words = lambda text: {w.rstrip("s") for w in re.findall(r"[a-z]+", text.lower())} - stop
    return bool(words(a) & words(b))


def _name_press_conferences(entities: list[Entity], facts: tuple[Fact, ...], extractions: Extractions) -> list[Entity]:
    """An unnamed press conference is named after its host and its document's date."""
    hosts = {f.subject: f.object for f in facts if f.predicate == "hostedBy"}
    names = {e.iri: e for e in entities}
    dates = {x.document.name: x.document.date for x in extractions.items}
    reporters = {x.document.name: x.document.publisher or x.document.name.rsplit(".", 1)[0] for x in extractions.items}
    result = []
    for entity in entities:
        if entity.subclass == "PressConference":
            doc = entity.mentions[0].doc if entity.mentions else ""
            host = names.get(hosts.get(entity.iri, ""))
            host_label = next((a for a in (host.aliases if host else ()) if a.isupper() and len(a) <= 8), "") \
                or (host.name if host else "")
            when = dates.get(doc, "")
            name = " ".join(x for x in (host_label, "press conference", f"of {when}" if when else "") if x)
            if not host_label:
                name += f" (reported by {reporters.get(doc, doc)})"  # two unnamed conferences must not look alike
            aliases = tuple(sorted(set(entity.aliases) | {entity.name}))
            entity = Entity(entity.iri, entity.cls, name, entity.subclass, aliases,
                            tuple(sorted(set(entity.labels) | {(entity.name, "en")})), entity.mentions,
                            entity.identifiers)
        result.append(entity)
    return result
