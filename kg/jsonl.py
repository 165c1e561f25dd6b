"""The extraction as JSON Lines: entities first, then relations, sorted (the `kg extract` format)."""

from __future__ import annotations

import json
from collections.abc import Iterator

from kg.model import Resolution


def records(resolution: Resolution) -> Iterator[dict]:
    for entity in sorted(resolution.entities, key=lambda e: e.iri):
        record = {"type": "entity", "id": entity.iri, "class": entity.cls}
        if entity.subclass:
            record["subclass"] = entity.subclass
        record["name"] = entity.name
        record["aliases"] = sorted(set(entity.aliases))
        record["mentions"] = [
            {"doc": m.doc, "start": m.start, "end": m.end, "text": m.text} for m in entity.mentions
        ]
        yield record
    for fact in sorted(resolution.facts, key=lambda f: (f.subject, f.predicate, f.object, f.title)):
        yield {
            "type": "relation",
            "subject": fact.subject,
            "predicate": fact.predicate,
            "object": fact.object,
            "qualifiers": {"title": fact.title} if fact.title else {},
            "evidence": [
                {"doc": e.doc, "start": e.start, "end": e.end, "sentence": e.text} for e in fact.evidence
            ],
        }


def dumps(resolution: Resolution) -> str:
    return "".join(json.dumps(r, ensure_ascii=False, sort_keys=False) + "\n" for r in records(resolution))
