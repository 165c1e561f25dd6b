"""Candidates from the pipeline's entity recognisers: the reference data's entity ruler and spaCy's statistical
NER, the latter trimmed and filtered of the model's usual slips."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from kg.chinese import has_han
from kg.nlp.candidates import Candidate, head_class, trim
from kg.nlp.lexicon import HEAD_CLASS, TITLE_WORDS
from kg.nlp.names import MONTHS, headline_verb, person_shape, subclass_of
from kg.nlp.pipeline import REF_LABEL
from kg.nlp.text import doc_text
from kg.reference import Reference

NER_CLASSES = {
    "PERSON": "Person",
    "ORG": "Organization",
    "GPE": "Place",
    "LOC": "Place",
    "LAW": "Law",
    "EVENT": "Event",
    "FAC": "",  # typed by head word only
    "WORK_OF_ART": "",
}


def reference_candidates(doc: Doc, reference: Reference) -> list[Candidate]:
    entries = reference.by_iri
    named_places = {ent.ent_id_ for ent in doc.ents if ent.label_ == REF_LABEL and "/id/place/" in ent.ent_id_}
    found = []
    for ent in doc.ents:
        if ent.label_ != REF_LABEL:
            continue
        entry = entries[ent.ent_id_]
        if entry.area and (_other_country(ent, entry.area) or _generic_elsewhere(ent, entry, named_places)):
            continue
        found.append(
            Candidate(ent.start_char, ent.end_char, entry.cls, "reference", entry.subclass, ref=entry.iri)
        )
    return found


_STATE_WORDS = frozenset("the republic kingdom state states federation federal commonwealth of".split())


def _other_country(ent: Span, area: str) -> bool:
    """"the Ministry of Justice of the Republic of Uzbekistan", "Canada's Ministry of Finance": a body the
    reference data knows under a generic name, said of a country other than the one it serves."""
    doc = ent.doc
    places: list[Token] = []
    if ent.end < len(doc) and doc[ent.end].lower_ == "of":
        i = ent.end + 1
        while i < len(doc) and doc[i].lower_ in _STATE_WORDS and doc[i].ent_type_ != REF_LABEL:
            i += 1
        places += doc[i:i + 1]
    if ent.start >= 2 and doc[ent.start - 1].text in ("'s", "’s"):
        places.append(doc[ent.start - 2])
    return any(t.ent_type_ == REF_LABEL and "/id/place/" in t.ent_id_ and t.ent_id_ != area for t in places)


def _generic_elsewhere(ent: Span, entry, named_places: set[str]) -> bool:
    """"Ministry of Justice" in a text that never names China: the reference data's label is the Chinese body's
    name without its country, which may be any country's ministry."""
    generic = entry.name.lower().startswith(ent.text.lower().removeprefix("the ")) and len(entry.name) > len(ent.text)
    return generic and entry.area not in named_places and not has_han(doc_text(ent.doc))


def ner_candidates(doc: Doc, generic: frozenset[str]) -> list[Candidate]:
    """The statistical NER's entities, trimmed and filtered of the model's usual slips."""
    found = []
    for ent in doc.ents:
        if ent.label_ not in NER_CLASSES:
            continue
        span = trim(ent)
        if span is None or "\n" in span.text or has_han(span.text) or _indefinite(span):
            continue
        cls = NER_CLASSES[ent.label_]
        head_cls, head = head_class(list(span))
        if head_cls and ent.label_ != "PERSON":
            cls = head_cls
        elif ent.label_ == "ORG" and span.end < len(doc) and doc[span.end].is_lower:
            cls = HEAD_CLASS.get(doc[span.end].lower_) or HEAD_CLASS.get(doc[span.end].lemma_.lower()) or cls
        if "/" in span.text:
            continue  # "PR/300/2001": a reference number
        while cls in ("Law", "Programme", "Treaty") and len(span) > 1 and span[0].is_lower:
            span = span[1:]  # "its first Industrial Property Code": the name starts with its capitals
        if not cls or not _looks_like_name(span, generic):
            continue
        if cls == "Person" and (not person_shape(span) or headline_verb(span[-1])):
            continue  # "Ghana Joins the Geneva Act": a headline's verb, not a surname
        if any(t.pos_ == "PRON" for t in span) or _tail_of_coordination(span):
            continue
        if cls == "Organization" and head is None and not all(t.pos_ == "PROPN" for t in span if t.is_alpha):
            continue  # "Public Awareness", "Contact Us": no organisation word, not all proper nouns
        found.append(Candidate(span.start_char, span.end_char, cls, "ner", subclass_of(cls, head)))
    return found


def _indefinite(span: Span) -> bool:
    """"an Intellectual Property Power": a noun phrase with an indefinite article names nothing."""
    return span.start > 0 and span.doc[span.start - 1].lower_ in ("a", "an") and span.root.dep_ != "compound"


def _looks_like_name(span: Span, generic: frozenset[str]) -> bool:
    if span.text in generic or span.text.upper() in generic:
        return False
    if not any(t.text[:1].isupper() or t.like_num for t in span if t.is_alpha or t.like_num):
        return False  # all lower case: "sci-tech"
    if _heading(span):
        return False
    if all(t.lower_ in TITLE_WORDS for t in span):
        return False  # "Joint" of "Joint Secretary": part of a title
    if all(t.lower_.rstrip(".") in MONTHS or t.like_num or t.is_punct for t in span):
        return False  # "September 2024" of a dateline, read as an event
    return not (len(span) == 1 and span[0].is_upper and len(span.text) <= 2)


def _tail_of_coordination(span: Span) -> bool:
    """"Road" of "Belt and Road": the last word of a coordinated name is not a name alone."""
    doc = span.doc
    return (span.start >= 2 and doc[span.start - 1].lower_ == "and" and doc[span.start - 2].text[:1].isupper()
            and len(span) == 1 and not doc[span.start - 2].ent_type_)


def _heading(span: Span) -> bool:
    """"Improved Enforcement Mechanisms: The White Paper ...": a run-in heading, not a name."""
    doc = span.doc
    line_start = doc_text(doc).rfind("\n", 0, span.start_char) + 1
    if doc_text(doc)[line_start:span.start_char].strip(" *-"):
        return False
    after = doc_text(doc)[span.end_char:span.end_char + 60].split("\n")[0]
    return bool(re.match(r"(?:\s+(?:and|&)\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)?\s*[:!]", after))
