"""Consistency of the hand-written gold files (tests/gold, tests/external/gold, tests/heldout/gold).

Reads only the documents and the gold JSON, no project code. Checks that the
JSON has the four keys; "doc" names an existing document with the same stem;
entity types, predicates and units come from the lists in
tests/gold/GUIDELINES.md; every alias occurs in the document, and the name too unless the text names the thing only by a description (an
unnamed press conference);
every relation's subject and object are entity names of the same file and fit
the predicate; "title" is given exactly for holdsPosition; every evidence
string is an exact substring of the document; values are numbers and periods
ISO 8601; Places take part in a relation; nothing is listed twice.
"""

import json
import re
from pathlib import Path

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


def check(path: Path, docs: Path) -> list[str]:
    """The problems of one gold file (an empty list if none)."""
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
    dp = docs / g["doc"]
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
        if n not in text and not any(a in text for a in e.get("aliases", [])):
            errs.append(f"entity {n!r}: neither its name nor an alias occurs in the document")
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
        if p == "holdsPosition" and "title" not in r:
            errs.append(f"{tag}: holdsPosition needs a title (empty when the text states none)")
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
