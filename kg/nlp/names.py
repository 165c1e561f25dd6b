"""Name finders over a parsed spaCy Doc: reference names, NER, the name rule, datelines and bylines.

The name rule finds names never seen before: a run of capitalised words
(with "of", "for", "and" ... inside) typed by its head word, so
"Measures for the Protection of Geographical Indication Products" is a Law
and "Third Belt and Road High-Level Conference on Intellectual Property" an
Event. "The Press Bureau of the SCIO" is split into the unit and its parent.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from kg.chinese import has_han
from kg.naming import HONORIFICS, descriptor_only
from kg.nlp.candidates import Candidate, head_class, is_ordinal, is_place_token, trim
from kg.nlp.lexicon import (
    HEAD_CLASS,
    MEDIA_WORDS,
    NAME_CONNECTORS,
    ORG_UNIT_HEADS,
    SEGMENT_BREAKS,
    SUBCLASS_BY_HEAD,
)
from kg.nlp.pipeline import DATELINE, REF_LABEL
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
    found = []
    for ent in doc.ents:
        if ent.label_ != REF_LABEL:
            continue
        entry = entries[ent.ent_id_]
        if entry.area and _other_country(ent, entry.area):
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
        if not cls or not _looks_like_name(span, generic):
            continue
        if cls == "Person" and (not _person_shape(span) or _headline_verb(span[-1])):
            continue  # "Ghana Joins the Geneva Act": a headline's verb, not a surname
        if any(t.pos_ == "PRON" for t in span) or _tail_of_coordination(span):
            continue
        if cls == "Organization" and head is None and not all(t.pos_ == "PROPN" for t in span if t.is_alpha):
            continue  # "Public Awareness", "Contact Us": no organisation word, not all proper nouns
        found.append(Candidate(span.start_char, span.end_char, cls, "ner", _subclass(cls, head)))
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


# words a capitalised run may hold that no personal name does: "Monday", "March", "Under"
_NOT_IN_NAMES = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april june july "
    "august september october november december under over through during before after since about "
    "with within without between among into onto upon against towards toward".split()
)


def _person_shape(span: Span) -> bool:
    """A person's name: capitalised words, none of them a head word or an acronym."""
    words = [t for t in span if t.is_alpha]
    if not words or len(words) > 5:
        return False
    for token in words:
        if token.lower_ in HEAD_CLASS or (token.is_upper and len(token) > 1) or token.lower_ in _NOT_IN_NAMES:
            return False
        if not token.is_title and token.lower_ not in ("van", "de", "von", "der", "bin", "al") and not (
            token.i > 0 and token.nbor(-1).text == "-" and not token.nbor(-1).whitespace_  # "Kim Wan-ki"
        ):
            return False
    return True


def _subclass(cls: str, head: Token | None) -> str:
    if cls != "Organization" or head is None:
        return ""
    return SUBCLASS_BY_HEAD.get(head.lower_, "")


# --- the name rule ------------------------------------------------------------------


def _is_cap(token: Token) -> bool:
    if token.is_title or (token.is_upper and token.is_alpha) or is_ordinal(token):
        return True
    # "CNIPA's", "High-Quality", "Sci-Tech", "COVID-19"
    return token.text[:1].isupper() and any(c.isalpha() for c in token.text)


def _runs(sentence: Span, excluded: set[int]) -> list[list[Token]]:
    """Maximal runs of capitalised tokens joined by connectors, within one sentence."""
    runs: list[list[Token]] = []
    current: list[Token] = []
    pending: list[Token] = []
    for token in sentence:
        if token.i in excluded or "\n" in token.text or (token.lower_ in MONTHS and token.ent_type_ == "DATE"):
            if current:  # "on Wednesday for the Asia-Pacific Forum": a date is no part of a name
                runs.append(current)
            current, pending = [], []
            continue
        if _is_cap(token) or (current and token.like_num and not pending and token.nbor(-1).text != ","):
            current.extend(pending)
            current.append(token)
            pending = []
        elif current and token.lower_ in ("in", "at", "on") and _adjunct_follows(token):
            runs.append(current)  # "the Global Trade Forum in Beijing", "the EPO in March": not part of the name
            current, pending = [], []
        elif current and token.lower_ in _AFTER_A_NAME and token.ent_iob_ != "I" and _one_reference_name(current):
            runs.append(current)  # "the World Intellectual Property Organization on the Madrid System"
            current, pending = [], []
        elif current and (
            token.lower_ in NAME_CONNECTORS
            or (token.text == "-" and not _dateline_dash(token))
            or token.text == "'s"
        ):
            # "and the" starts a second name: "the Hague Agreement ... and the Marrakesh Treaty"
            if token.lower_ == "the" and pending and pending[-1].lower_ == "and":
                runs.append(current)
                current, pending = [], []
                continue
            pending.append(token)
            if len(pending) > 3:
                runs.append(current)
                current, pending = [], []
        else:
            if current:
                runs.append(current)
            current, pending = [], []
    if current:
        runs.append(current)
    return runs


_AFTER_A_NAME = frozenset("on in at to for with".split())


def _one_reference_name(tokens: list[Token]) -> bool:
    """The tokens are exactly one name of the reference data."""
    return (tokens[0].ent_iob_ == "B" and all(t.ent_type_ == REF_LABEL for t in tokens)
            and all(t.ent_iob_ == "I" for t in tokens[1:]))


def _dateline_dash(token: Token) -> bool:
    """The spaced dash after a dateline's date ("GENEVA, 12 March 2025 - The Office ...") ends a name; a dash
    inside one joins ("Sino-Foreign", "Layout - Designs")."""
    if not (token.whitespace_ or (token.i > 0 and token.nbor(-1).whitespace_)):
        return False
    before = token.nbor(-1) if token.i > 0 else None
    after = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return (before is not None and (before.like_num or before.lower_ in MONTHS)) or (
        after is not None and after.lower_ in ("the", "a", "an"))


MONTHS = frozenset("january february march april may june july august september october november december "
                    "monday tuesday wednesday thursday friday saturday sunday".split())


def _adjunct_follows(token: Token) -> bool:
    """A place, a month or a number after "in"/"at"/"on": where or when, not more of the name."""
    if token.i + 1 >= len(token.doc):
        return False
    following = token.doc[token.i + 1]
    if following.lower_ == "the" and token.i + 2 < len(token.doc):
        following = token.doc[token.i + 2]
    return is_place_token(following) or following.lower_ in MONTHS or following.like_num


def _strip_leading(run: list[Token]) -> list[Token]:
    # "China's Patent Law", "WIPO's Patent Cooperation Treaty": the owner is not part of the name (but an
    # organisation's unit keeps it: "WIPO's China Office")
    for i, token in enumerate(run[:-1]):
        if token.text == "'s" and i and (
            all(is_place_token(t) for t in run[:i])
            or (all("/id/org/" in t.ent_id_ for t in run[:i]) and head_class(run[i + 1:])[0] != "Organization")
        ):
            run = run[i + 1:]
            break
    while run and (
        run[0].lower_ in HONORIFICS
        or run[0].lower_ in NAME_CONNECTORS
        or (run[0].is_sent_start and run[0].pos_ not in ("PROPN",) and run[0].lower_ not in HEAD_CLASS
            and not is_ordinal(run[0]))
    ):
        run = run[1:]
    while run and (run[-1].lower_ in NAME_CONNECTORS or run[-1].is_punct):
        run = run[:-1]
    return run


# verbs of headlines ("USPTO and DPMA Sign Memorandum of Understanding ..."): never inside a name
HEADLINE_VERBS = frozenset(
    "sign signs join joins launch launches release releases issue issues hold holds host hosts announce announces "
    "ink inks adopt adopts ratify ratifies accede accedes unveil unveils see sees speak speaks say says meet meets "
    "visit visits urge urges call calls open opens welcome welcomes attend attends lead leads vow vows "
    "pledge pledges stress stresses hail hails".split()
)


def _headline_verb(token: Token) -> bool:
    """A capitalised verb of a headline before more capitalised words ("... Joins the Geneva Act")."""
    doc = token.doc
    following = doc[token.i + 1:token.i + 3]
    return (token.lower_ in HEADLINE_VERBS and token.is_title and not token.is_sent_start
            and any(t.text[:1].isupper() for t in following if t.lower_ not in ("the", "a", "an")))


def name_rule_candidates(doc: Doc) -> list[Candidate]:
    persons = {t.i for ent in doc.ents if ent.label_ == "PERSON" and _person_shape(trim(ent) or ent) for t in ent}
    persons |= {t.i for t in doc if _headline_verb(t)}
    found: list[Candidate] = []
    for sentence in doc.sents:
        for run in _runs(sentence, persons):
            found.extend(_typed_names(_with_listed_fields(_strip_leading(run))))
    return found


def _with_listed_fields(run: list[Token]) -> list[Token]:
    """"Ministry of Trade, Industry and Energy", "Office of the Controller General of Patents, Designs and Trade
    Marks": a body named for a list of fields runs on past the commas, to the "and" and one or two more words."""
    if len(run) < 3 or run[-2].lower_ not in ("of", "for") \
            or not any(HEAD_CLASS.get(t.lower_) == "Organization" for t in run[:-2]):
        return run
    doc = run[0].doc

    def field(i: int) -> bool:
        token = doc[i] if i < len(doc) else None
        return token is not None and token.is_title and token.is_alpha \
            and token.ent_type_ in ("", "ORG", "NORP", "PRODUCT")

    i = run[-1].i + 1
    while i + 1 < len(doc) and doc[i].text == "," and field(i + 1) and doc[i + 2:i + 3].text in (",", "and"):
        i += 2
    if doc[i:i + 1].text == "," and doc[i + 1:i + 2].text == "and":
        i += 1
    if i == run[-1].i + 1 or doc[i:i + 1].text != "and" or not field(i + 1):
        return run
    end = i + 3 if field(i + 2) else i + 2  # "and Trade Marks"
    if end < len(doc) and doc[end].is_title:
        return run  # more capitalised words: not the end of a list of fields
    return run + list(doc[run[-1].i + 1:end])


def _typed_names(run: list[Token]) -> list[Candidate]:
    if not run or (len(run) == 1 and run[0].is_upper):
        return []
    cls, head = head_class(run)
    if not cls:
        # "Director General of the Trademark Office of the CNIPA", "Deputy Minister in the Ministry of ...": a
        # title, then the name after its "of" (or "in", "at")
        of = next((i for i, t in enumerate(run) if t.lower_ in ("of", "in", "at")), None)
        return _typed_names(_strip_leading(run[of + 1:])) if of else []
    doc = run[0].doc
    end = run[-1].i + 1
    # a trailing bracketed period belongs to the name: "Outline for ... (2021-2035)"
    if cls in ("Law", "Programme"):
        period = re.match(r"\s*\(\d{4}\s*-\s*\d{4}\)", doc_text(doc)[doc[end - 1].idx + len(doc[end - 1]):doc[end - 1].idx + len(doc[end - 1]) + 16])
        if period:
            end = doc.char_span(doc[run[0].i].idx, doc[end - 1].idx + len(doc[end - 1]) + period.end(),
                                alignment_mode="expand").end
    # a bare descriptor ("the White Paper") names something only after "the"
    span = doc[run[0].i:end]
    if descriptor_only(span.text) and (span.start == 0 or doc[span.start - 1].lower_ not in ("the", "this")):
        return []
    if cls == "Organization" and head is not None and head.lower_ in ORG_UNIT_HEADS:
        unit = _split_unit(run, head)
        if unit:
            return unit
    return [Candidate(span.start_char, span.end_char, cls, "name-rule", _subclass(cls, head),
                      parent=_owner(run) if cls == "Organization" else None)]


def _owner(run: list[Token]) -> tuple[int, int] | None:
    """"WIPO's China Office": the span of the organisation whose unit the name is."""
    for i, token in enumerate(run[:-1]):
        if token.text in ("'s", "’s") and i and all("/id/org/" in t.ent_id_ for t in run[:i]) \
                and not all(t.ent_type_ == REF_LABEL for t in run[i + 1:]):  # not "the JPO's KIPO counterpart"
            return run[0].idx, run[i - 1].idx + len(run[i - 1])
    return None


def _split_unit(run: list[Token], head: Token) -> list[Candidate]:
    """"Press Bureau of the State Council Information Office" -> the unit, with its parent's span."""
    doc = head.doc
    after = [t for t in run if t.i > head.i]
    if not after or after[0].lower_ not in SEGMENT_BREAKS:
        return []
    rest = after[1:]
    while rest and rest[0].lower_ in ("the", "its"):
        rest = rest[1:]
    if not rest:
        return []
    parent_cls, _ = head_class(rest)
    parent_is_ref = all(t.ent_type_ == REF_LABEL and "/id/org/" in t.ent_id_ for t in rest)
    if parent_cls != "Organization" and not parent_is_ref:
        return []
    unit = doc[run[0].i:head.i + 1]
    parent = doc[rest[0].i:rest[-1].i + 1]
    full = doc_text(doc)[unit.start_char:parent.end_char]
    candidates = [
        Candidate(unit.start_char, unit.end_char, "Organization", "name-rule", _subclass("Organization", head),
                  name=" ".join(full.split()), parent=(parent.start_char, parent.end_char))
    ]
    if not parent_is_ref:
        candidates.extend(_typed_names(rest))
    return candidates


def media_like(text: str) -> bool:
    words = set(re.findall(r"[a-z]+", text.lower()))
    return bool(words & MEDIA_WORDS) or bool(re.search(r"\.(com|cn|net|org)\b", text.lower()))


def dateline_candidates(cleaned: str) -> list[Candidate]:
    """"LUXEMBOURG, Feb. 11, 2025 - ", "Halifax, Nova Scotia, May 3, 2025 - ": the city a dateline names in
    capitals, or before its region, is a place, and so is the region (the model reads many such words as
    organisations)."""
    found = []
    for match in DATELINE.finditer(cleaned):
        if match.group("region"):
            parts = ("place", "region")
        elif match.group("place").isupper():
            parts = ("place",)
        else:
            continue
        for part in parts:
            name = match.group(part).rstrip()
            found.append(Candidate(match.start(part), match.start(part) + len(name), "Place", "name-rule"))
    return found


_GENERIC_EVENT = re.compile(
    r"\b(?:(?:online|virtual|regular|joint|special|video) )?(?:press|news) (?:conference|briefing)s?\b", re.I
)


def generic_event_candidates(cleaned: str) -> list[Candidate]:
    """Unnamed press conferences and briefings: each document's own is one Event."""
    return [
        Candidate(m.start(), m.end(), "Event", "name-rule", "PressConference", name="press conference")
        for m in _GENERIC_EVENT.finditer(cleaned)
        if not m.group().endswith("s")
    ]
