#!/usr/bin/env python3
"""Consistency check for the hand-written gold files in tests/heldout/gold/.

Reads only the documents and the gold JSON (no project code). Checks that:
the JSON parses and has the four keys; "doc" names an existing document with
the same stem; entity types, predicates and units come from the lists in
tests/gold/GUIDELINES.md; every entity name and alias occurs in the document;
every relation's subject/object is an entity name of the same file and fits
the predicate's subject/object types; "title" is given exactly for
holdsPosition; every evidence string is an exact substring of the document;
values are numbers and periods are ISO 8601 (year, month, day or interval);
Place entities take part in a relation; no duplicate entities or triples.
Exit status 1 if anything fails.
"""
import json, re, sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DOCS, GOLD = HERE / "docs", HERE / "gold"

TYPES = {"Organization", "Person", "Treaty", "Programme", "Law", "Event", "Place"}
UNITS = {"count", "CNY", "USD", "percent", "percentage points", "points",
         "months", "years", "rank", "times"}
OP = {"Organization", "Place"}
PRED = {  # predicate: (allowed subject types, allowed object types)
    "holdsPosition": ({"Person"}, {"Organization"}),
    "partOf": ({"Organization"}, {"Organization"}),
    "cooperatesWith": (OP, OP),
    "partyTo": (OP, {"Treaty"}),
    "administers": ({"Organization"}, {"Treaty", "Programme", "Law"}),
    "issuedBy": ({"Law", "Programme", "Treaty"}, {"Organization"}),
    "hostedBy": ({"Event"}, OP),
    "spokeAt": ({"Person"}, {"Event"}),
    "locatedIn": ({"Organization", "Event", "Place"}, {"Place"}),
}
_D = r"\d{4}(-\d{2}(-\d{2})?)?"
PERIOD = re.compile(rf"^{_D}(/{_D})?$")


def check(path):
    errs = []
    try:
        g = json.loads(path.read_text(encoding="utf-8"))
    except Exception as e:  # noqa: BLE001
        return [f"JSON does not parse: {e}"]
    for k in ("doc", "entities", "relations", "observations"):
        if k not in g:
            errs.append(f"missing key {k!r}")
    if errs:
        return errs
    if g["doc"] != path.stem + ".txt":
        errs.append(f"doc {g['doc']!r} does not match file stem {path.stem!r}")
    dp = DOCS / g["doc"]
    if not dp.exists():
        return errs + [f"document {dp} not found"]
    text = dp.read_text(encoding="utf-8")

    names, types = set(), {}
    for e in g["entities"]:
        n, t = e.get("name"), e.get("type")
        if not n:
            errs.append(f"entity without name: {e}")
            continue
        if n in names:
            errs.append(f"duplicate entity name {n!r}")
        names.add(n)
        types[n] = t
        if t not in TYPES:
            errs.append(f"entity {n!r}: type {t!r} not allowed")
        if n not in text:
            errs.append(f"entity name {n!r} does not occur in the document")
        for a in e.get("aliases", []):
            if a not in text:
                errs.append(f"alias {a!r} of {n!r} does not occur in the document")
            if a == n:
                errs.append(f"alias {a!r} repeats the name")

    seen, in_rel = set(), set()
    for r in g["relations"]:
        s, p, o = r.get("subject"), r.get("predicate"), r.get("object")
        tag = f"relation ({s!r}, {p!r}, {o!r})"
        if p not in PRED:
            errs.append(f"{tag}: predicate not allowed")
        for x in (s, o):
            if x not in names:
                errs.append(f"{tag}: {x!r} is not an entity name")
        if p in PRED and s in types and o in types:
            st, ot = PRED[p]
            if types[s] not in st or types[o] not in ot:
                errs.append(f"{tag}: types {types[s]} -> {types[o]} do not fit {p}")
        if p == "holdsPosition" and not r.get("title"):
            errs.append(f"{tag}: holdsPosition needs a title")
        if p != "holdsPosition" and "title" in r:
            errs.append(f"{tag}: title only for holdsPosition")
        ev = r.get("evidence", "")
        if not ev or ev not in text:
            errs.append(f"{tag}: evidence is not a substring of the document")
        key = (s, p, o) if p != "cooperatesWith" else (tuple(sorted((s, o))), p)
        if p == "holdsPosition":
            key = (s, p, o, r.get("title"))
        if key in seen:
            errs.append(f"{tag}: listed twice")
        seen.add(key)
        in_rel.update((s, o))
    for n, t in types.items():
        if t == "Place" and n not in in_rel:
            errs.append(f"Place {n!r} takes part in no relation")

    for ob in g["observations"]:
        tag = f"observation {ob.get('indicator')!r}={ob.get('value')!r}"
        if not ob.get("indicator"):
            errs.append(f"{tag}: no indicator")
        v = ob.get("value")
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            errs.append(f"{tag}: value is not a number")
        if ob.get("unit") not in UNITS:
            errs.append(f"{tag}: unit {ob.get('unit')!r} not allowed")
        if not PERIOD.match(str(ob.get("period", ""))):
            errs.append(f"{tag}: period {ob.get('period')!r} is not ISO 8601")
        ev = ob.get("evidence", "")
        if not ev or ev not in text:
            errs.append(f"{tag}: evidence is not a substring of the document")
    return errs


def main():
    files = sorted(GOLD.glob("*.json"))
    bad = 0
    for f in files:
        errs = check(f)
        g = json.loads(f.read_text(encoding="utf-8")) if not errs or "parse" not in errs[0] else None
        summary = ""
        if g:
            summary = (f"{len(g['entities'])} entities, {len(g['relations'])} relations, "
                       f"{len(g['observations'])} observations")
        print(f"{'OK  ' if not errs else 'FAIL'} {f.name}  {summary}")
        for e in errs:
            print("     -", e)
        bad += bool(errs)
    docs = {p.name for p in DOCS.glob("*.txt")}
    missing = docs - {f.stem + ".txt" for f in files}
    for m in sorted(missing):
        print(f"FAIL no gold file for document {m}")
    sys.exit(1 if bad or missing or not files else 0)


if __name__ == "__main__":
    main()
