"""Things named by a description rather than a capitalised name.

Translated government English often writes titles in lower case: "a notice
on comprehensively promoting the implementation of the patent open-license
system", "the patent industrialization plan to facilitate the growth of
SMEs". A noun phrase headed by a document or programme word is a name when
its complement says what it is about (or its modifiers make it specific);
bare "measures", "relevant plans" are not. Also here: numbered sessions and
anniversaries ("the third plenary session of the 20th CPC Central
Committee", "the 50th anniversary of ..."), forums described by their
audience, captions' photo credits, an author's line under a headline, and
treaty systems named by their city ("Madrid international trademarks").
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from kg.nlp.candidates import Candidate
from kg.nlp.lexicon import MEDIA_WORDS
from kg.nlp.text import doc_text
from kg.reference import Reference

DOCUMENT_HEADS = {
    "measure": "Law", "notice": "Law", "guideline": "Law", "regulation": "Law", "resolution": "Law",
    "opinion": "Law", "circular": "Law",
    "plan": "Programme", "program": "Programme", "programme": "Programme", "project": "Programme",
    "action": "Programme", "initiative": "Programme", "campaign": "Programme",
    "memorandum": "Treaty",
}
EVENT_HEADS = {"forum": "Event", "conference": "Event", "symposium": "Event", "summit": "Event", "seminar": "Event",
               "meeting": "Event", "ceremony": "Event"}
# a programme named by a plural only when it is a pilot scheme ("data IP pilot projects")
PLURAL_PROGRAMMES_NEED = frozenset({"pilot", "pilots"})
# modifiers that make a phrase generic, not a name
GENERIC = frozenset(
    "relevant related concrete specific such these those other various several many more some new key major "
    "important supporting corresponding necessary effective practical pragmatic further series set preliminary "
    "previous existing current annual".split()
)
_COMPLEMENT_PREPS = frozenset({"on", "for", "of", "to", "concerning", "regarding"})
_ALLOWED_DETS = frozenset({"a", "an", "the", "this", "its", "our", "another"})
_STOP_BEFORE = frozenset({"which", "that", "who", "where", "while", "and"})


def descriptive_candidates(doc: Doc) -> list[Candidate]:
    found: list[Candidate] = []
    for token in doc:
        if token.pos_ != "NOUN" or token.is_title:
            continue
        lemma = token.lemma_.lower()
        cls = DOCUMENT_HEADS.get(lemma) or EVENT_HEADS.get(lemma)
        if cls is None or (lemma == "regulation" and token.tag_ == "NN"):
            continue  # "regulation of geographical indications" is an activity, not a document
        span = _phrase(token, cls)
        if span is None:
            continue
        start, end = span
        while end > start and doc[end - 1].is_space:
            end -= 1  # a heading's phrase ends before the blank line under it
        text = doc[start:end].text
        if '"' in text or "'" in text.replace("'s", ""):
            continue  # a quoted name inside: the quoted-title rule names it
        found.append(Candidate(doc[start].idx, doc[end - 1].idx + len(doc[end - 1]), cls, "description"))
    return found


def _phrase(head: Token, cls: str) -> tuple[int, int] | None:
    doc = head.doc
    left = [c for c in head.lefts if c.dep_ in ("compound", "amod", "nmod", "npadvmod")]
    dets = [c for c in head.lefts if c.dep_ in ("det", "poss")]
    if any(d.lower_ not in _ALLOWED_DETS for d in dets):
        return None
    if any(c.lower_ in GENERIC for c in head.lefts) or head.lower_ in ("actions",):
        return None
    start = min([t.left_edge.i for t in left] + [head.i])
    while start < head.i and (doc[start].lower_ in GENERIC | {"newly", "revised", "the", "a", "an"}
                              or doc[start].dep_ == "advmod" or doc[start].is_punct):
        start += 1
    end = head.i + 1
    if head.lemma_.lower() == "ceremony":  # "an opening ceremony"; "the opening ceremony of the Forum" is the forum's
        of = any(c.dep_ == "prep" and c.lower_ == "of" for c in head.rights)
        return (start, end) if head.i > start and head.tag_ == "NN" and not of else None
    complement = None
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in _COMPLEMENT_PREPS:
            complement = child
            break
        if child.dep_ == "acl" and any(g.lower_ == "to" and g.dep_ == "aux" for g in child.lefts) \
                and head.tag_ == "NN" and cls == "Programme":
            complement = child  # "the patent industrialization plan to facilitate the growth of SMEs"
            break
        if child.dep_ in ("punct", "relcl", "cc", "conj", "appos"):
            break
    following = doc[head.i + 1] if head.i + 1 < len(doc) else None
    if complement is None and following is not None and following.dep_ == "prep" \
            and following.lower_ in _COMPLEMENT_PREPS - {"of", "to"}:
        complement = following  # "issued a notice on X": the parser hung "on X" on the verb
    if complement is not None:
        end = _complement_end(complement)
        end = _infinitive_end(head, end)
    modifiers = head.i - start
    plural = head.tag_ == "NNS"
    if plural and cls == "Event":
        return None  # "two Belt and Road high-level conferences": several events
    if plural and cls == "Programme" and not any(doc[i].lower_ in PLURAL_PROGRAMMES_NEED for i in range(start, head.i + 1)):
        return None  # "patent navigation projects": a kind of work, not one programme
    if plural and cls == "Law" and complement is None:
        return None  # "pledge registration notices"
    if cls == "Event" and complement is not None and _is_date(complement):
        complement = None  # "a news conference on Wednesday": when, not what
        end = head.i + 1
    if cls == "Event" and any(doc[i].lower_ in ("press", "news", "media") for i in range(start, head.i)):
        return None  # press conferences are named by their host and date (forms.generic_event_candidates)
    ceremony = head.lower_ == "ceremony" and modifiers >= 1 and complement is None  # "the signing ceremony"
    if cls == "Event" and not ceremony and (modifiers < 1 or (complement is None and not _held_in_place(head))):
        return None  # "another IP forum for foreign-invested enterprises", "a bilateral meeting in Geneva"
    if complement is None and modifiers < 2 and cls != "Event":
        return None  # "the plan", "patent measures"
    if complement is not None and _vague_object(complement):
        return None  # "rules on the matter", "a decision on the dispute": says nothing of what it is
    if complement is not None and complement.lower_ == "of" and modifiers < 1 \
            and not (head.lower_ == "memorandum" and doc[complement.i + 1].lower_ == "understanding"):
        return None  # "the action of ...": too vague (but "a memorandum of understanding on ...")
    if head.tag_ == "NNS" and head.lemma_.lower() in ("action", "plan", "project", "notice") \
            and complement is not None and complement.lower_ == "to":
        return None  # "special actions to promote ...": a kind of work, not one programme
    return start, end


# "rules on the matter"; "guidelines on the websites of both offices": where they are, not what they are about
_VAGUE = frozenset("matter matters issue issues dispute disputes case cases question questions problem problems "
                   "this that it them these those website websites site sites page pages portal".split())


def _vague_object(preposition: Token) -> bool:
    objects = [c for c in preposition.children if c.dep_ == "pobj"]
    return bool(objects) and all((o.lemma_.lower() in _VAGUE or o.lower_ in _VAGUE)
                                 and all(c.dep_ in ("det", "poss") for c in o.lefts) for o in objects)


def _is_date(preposition: Token) -> bool:
    return any(t.ent_type_ in ("DATE", "TIME") for t in preposition.subtree if t.i > preposition.i)


def _held_in_place(head: Token) -> bool:
    """"a bilateral meeting in Geneva": followed by "in" or "at" and a place."""
    doc = head.doc
    return (head.i + 2 < len(doc) and doc[head.i + 1].lower_ in ("in", "at")
            and doc[head.i + 2].ent_type_ in ("GPE", "LOC", "REF") and doc[head.i + 2].text[:1].isupper())


def _infinitive_end(head: Token, end: int) -> int:
    """"the resolution on further deepening reform comprehensively [to advance Chinese modernization]"."""
    doc = head.doc
    for child in head.rights:
        if child.dep_ == "acl" and child.i == end + 1 and doc[end].lower_ == "to" and head.tag_ == "NN":
            return max(end, max(t.i for t in child.subtree) + 1)
    return end


def _complement_end(complement: Token) -> int:
    """End of a complement's subtree, before a relative clause, a bracket or a comma clause."""
    end = complement.i + 1
    for token in complement.subtree:
        if token.dep_ in ("relcl",) or token.lower_ in _STOP_BEFORE and token.dep_ in ("cc",) and token.head == complement:
            break
        if token.text in ("(", ",", ";", ":") and token.i > complement.i:
            break
        if token.ent_type_ in ("DATE", "TIME") and token.i > complement.i:
            break  # "a guideline on fighting malicious registrations last year": when, not what
        if token.lower_ in ("with", "between") and token.dep_ == "prep" and token.i > complement.i:
            break  # "a memorandum of understanding with ARIPO": whom it is with, no part of its name
        following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
        if token.lower_ == "and" and following is not None and (
            following.tag_ in ("VBD", "VBN") or following.lemma_.lower() in DOCUMENT_HEADS
        ):
            break  # "... and refined related policy system", "... and regulations on ...": a second verb or name
        end = max(end, token.i + 1)
    doc = complement.doc
    while end > complement.i + 1 and (doc[end - 1].is_punct or doc[end - 1].lower_ in ("and", "or", "the")):
        end -= 1
    return end


# --- numbered sessions and anniversaries ------------------------------------------------

_UNITS = "first second third fourth fifth sixth seventh eighth ninth".split()
_TEENS = "tenth eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth".split()
_TENS = "twent thirt fort fift sixt sevent eight ninet".split()  # + "ieth", or + "y-first" ...
_ORDINAL = (r"(?:\d+(?:st|nd|rd|th)|(?:" + "|".join(_TENS) + r")(?:ieth|y-(?:" + "|".join(_UNITS) + r"))|"
            + "|".join(_TEENS + _UNITS) + ")")
# "the third plenary session of the 20th CPC Central Committee", "the forty-ninth session of the Administrative
# Council of the African Regional Intellectual Property Organization", "the 65th series of meetings of the
# Assemblies of the Member States of WIPO": a numbered sitting of a body, with the bodies it belongs to
_SESSION = re.compile(
    r"\b(?:[Tt]he )?(?P<name>(?i:" + _ORDINAL + r" (?:(?:plenary |ordinary |extraordinary )?session|plenum|"
    r"series of meetings) of the )(?:\d+(?:st|nd|rd|th) )?(?:[A-Z][\w'-]* )*?"
    r"(?:Committee|Congress|Assembly|Assemblies|Council|Conference|Board)"
    r"(?: of (?:the )?(?:[A-Z][\w'-]* )*[A-Z][\w'-]*(?<!['’]s)(?![\w'-])){0,2})"
)
_ANNIVERSARY = re.compile(r"\b(?P<short>\d+(?:st|nd|rd|th) anniversary)(?P<rest> of [^.;:\n(]{3,120}?)(?= in | on |[.,;(]|$)")


def numbered_event_candidates(cleaned: str) -> list[Candidate]:
    found = []
    for match in _SESSION.finditer(cleaned):
        found.append(Candidate(match.start("name"), match.end("name"), "Event", "quoted"))
    for match in _ANNIVERSARY.finditer(cleaned):
        name = re.sub(r"\s*\([A-Z]+\)", "", match.group("short") + match.group("rest")).strip()
        found.append(Candidate(match.start("short"), match.end("short"), "Event", "quoted", name=name))
    return found


# --- credits and authors ----------------------------------------------------------------------

_CREDIT = re.compile(r"\((?P<org>[A-Z][A-Za-z .&]{1,40})/(?P<name>[A-Z][a-z]+(?: [A-Z][a-z]+){1,2})\)")


def credit_candidates(cleaned: str) -> list[Candidate]:
    """"(Xinhua/Lian Yi)": a photo credit names the agency and the photographer."""
    return [Candidate(m.start("name"), m.end("name"), "Person", "speaker") for m in _CREDIT.finditer(cleaned)]


_DATE_LINE = re.compile(
    r"^\s*(?:\d{4}\s*年|\d{1,2} [A-Z][a-z]+ \d{4}|[A-Z][a-z]+\.? \d{1,2}, \d{4}|\d{4}-\d{2}-\d{2})"
)


def author_candidates(cleaned: str) -> list[Candidate]:
    """A line of two or three capitalised words right above a date line near the top: the author."""
    lines = cleaned.split("\n")
    found = []
    pos = 0
    nonblank: list[tuple[int, str]] = []
    for line in lines[:30]:
        if line.strip():
            nonblank.append((pos, line))
        pos += len(line) + 1
    for (start, line), (_, following) in zip(nonblank, nonblank[1:]):
        words = line.split()
        if 2 <= len(words) <= 3 and all(re.fullmatch(r"[A-Z][a-z]+", w) for w in words) \
                and _DATE_LINE.match(following) and not set(w.lower() for w in words) & MEDIA_WORDS:
            offset = start + (len(line) - len(line.lstrip()))
            found.append(Candidate(offset, offset + len(line.strip()), "Person", "speaker"))
    return found


# --- treaty systems named by their city ---------------------------------------------------

_SYSTEM_USE = re.compile(r"\s+(?:system|international|applications?|trademarks?|marks?|designs?|registrations?|route|filings?)\b", re.I)


def city_system_candidates(doc: Doc, reference: Reference) -> list[Candidate]:
    """"Madrid international trademarks", "Hague system designs": the city stands for the WIPO system."""
    systems = {}
    for entry in reference.entries:
        if entry.cls == "Treaty" and entry.name.endswith(" System"):
            systems[entry.name[: -len(" System")].lower()] = entry
    found = []
    for token in doc:
        entry = systems.get(token.lower_)
        if entry and token.text[:1].isupper() and _SYSTEM_USE.match(doc_text(doc), token.idx + len(token)):
            found.append(Candidate(token.idx, token.idx + len(token), "Treaty", "reference", ref=entry.iri))
    return found
