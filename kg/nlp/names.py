"""The name rule: names found as runs of capitalised words in a parsed spaCy Doc.

The name rule finds names never seen before: a run of capitalised words
(with "of", "for", "and" ... inside) typed by its head word, so
"Measures for the Protection of Geographical Indication Products" is a Law
and "Third Belt and Road High-Level Conference on Intellectual Property" an
Event. "The Press Bureau of the SCIO" is split into the unit and its parent.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from kg.naming import HONORIFICS, descriptor_only
from kg.nlp.candidates import Candidate, head_class, is_ordinal, is_place_token, trim
from kg.nlp.lexicon import (
    HEAD_CLASS,
    LEGAL_FORMS,
    MEDIA_WORDS,
    NAME_CONNECTORS,
    ORG_UNIT_HEADS,
    SEGMENT_BREAKS,
    SUBCLASS_BY_HEAD,
)
from kg.nlp.pipeline import REF_LABEL
from kg.nlp.text import doc_text

# words a capitalised run may hold that no personal name does: "Monday", "March", "Under"
_NOT_IN_NAMES = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april june july "
    "august september october november december under over through during before after since about "
    "with within without between among into onto upon against towards toward".split()
)


# lower-case words inside people's names: "van der", "de la", "bin"
NAME_PARTICLES = ("van", "von", "der", "den", "de", "del", "della", "di", "da", "das", "do", "dos", "du", "la", "le",
                  "bin", "bint", "ibn", "al", "el", "ter", "ten", "y")


def person_shape(span: Span) -> bool:
    """A person's name: capitalised words, none of them a head word or an acronym."""
    words = [t for t in span if t.is_alpha]
    if not words or len(words) > 5 or _plural_person(words[-1]):
        return False
    for token in words:
        if token.lower_ in HEAD_CLASS or (token.is_upper and len(token) > 1) or token.lower_ in _NOT_IN_NAMES:
            return False
        if not token.is_title and token.lower_ not in NAME_PARTICLES and not (
            token.i > 0 and token.nbor(-1).text == "-" and not token.nbor(-1).whitespace_  # "Kim Wan-ki"
        ):
            return False
    return True


def subclass_of(cls: str, head: Token | None) -> str:
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
        if _is_cap(token) or (current and token.like_num and not pending and token.nbor(-1).text != ",") \
                or (current and _hyphened_word(token, pending)) or (current and _year_range_end(token, current, pending)):
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
            or (token.text == "–" and not token.whitespace_ and not token.nbor(-1).whitespace_)  # "2026–2030"
            or token.text == "'s"
            # "the Intellectual Property Agency under the Ministry of Justice": one name, split into unit and parent
            or (token.lower_ == "under" and not pending and HEAD_CLASS.get(current[-1].lower_) == "Organization")
        ):
            # "IPOPHL's Bureau of Patents and IMPI's Patents Division": "and" and an acronym's "'s" start a second
            # name (not "the Ministry of Trade and Industry's ...")
            if token.text == "'s" and len(current) >= 3 and current[-2].lower_ == "and" and current[-1].is_upper \
                    and not pending:
                runs.append(current[:-2])
                current = current[-1:]
            # "and the" starts a second name: "the Hague Agreement ... and the Marrakesh Treaty", "the Geneva Act
            # ... and to the Budapest Treaty"
            if token.lower_ == "the" and any(p.lower_ == "and" for p in pending):
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


def _year_range_end(token: Token, current: list[Token], pending: list[Token]) -> bool:
    """"2030" in "Strategy 2026–2030": the end of a name's period after a dash."""
    def year(t: Token) -> bool:
        return bool(re.fullmatch(r"(?:19|20)\d\d", t.text))

    return year(token) and year(current[-1]) and len(pending) == 1 and pending[0].text in ("-", "–", "—")


# "Oslo-based Nordic Patent Institute", "EU-funded ...": said of the name that follows, no part of it
_NOT_HYPHENED = frozenset("based headquartered led owned funded backed run born made sponsored hosted organised "
                          "organized supported registered listed".split())


def _hyphened_word(token: Token, pending: list[Token]) -> bool:
    """"related" in "Handbook for AI-related Inventions": a lower-case word joined by a hyphen, inside a name
    that goes on."""
    doc = token.doc
    return (token.is_lower and token.is_alpha and token.lower_ not in _NOT_HYPHENED
            and len(pending) == 1 and pending[0].text == "-"
            and not pending[0].whitespace_ and token.i + 1 < len(doc) and _is_cap(doc[token.i + 1]))


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
            or (_organisation_tokens(run[:i]) and head_class(run[i + 1:])[0] != "Organization")
        ):
            run = run[i + 1:]
            break
    while run and (
        run[0].lower_ in HONORIFICS
        or run[0].lower_ in NAME_CONNECTORS
        or (_starts_sentence(run[0]) and run[0].pos_ not in ("PROPN",) and run[0].lower_ not in HEAD_CLASS
            and not is_ordinal(run[0]))
    ):
        run = run[1:]
    while run and (run[-1].lower_ in NAME_CONNECTORS or run[-1].is_punct):
        run = run[:-1]
    return run


def _starts_sentence(token: Token) -> bool:
    """First in its sentence, or after the quotation mark that opens it ("Joining the Hague System will ...")."""
    return token.is_sent_start or (token.i > 0 and token.nbor(-1).is_quote and token.nbor(-1).is_sent_start)


# verbs of headlines ("USPTO and DPMA Sign Memorandum of Understanding ..."): never inside a name
HEADLINE_VERBS = frozenset(
    "sign signs join joins launch launches release releases issue issues hold holds host hosts announce announces "
    "ink inks adopt adopts ratify ratifies accede accedes unveil unveils see sees speak speaks say says meet meets "
    "visit visits urge urges call calls open opens welcome welcomes attend attends lead leads vow vows "
    "pledge pledges stress stresses hail hails".split()
)


def headline_verb(token: Token) -> bool:
    """A capitalised verb of a headline before more capitalised words ("... Joins the Geneva Act"); not in a
    sentence of running text ("We will expand the Patent Open Licensing Program")."""
    if token.lower_ not in HEADLINE_VERBS or not token.is_title or token.is_sent_start:
        return False  # (checked first: this runs for every token)
    following = token.doc[token.i + 1:token.i + 3]
    return any(t.text[:1].isupper() for t in following if t.lower_ not in ("the", "a", "an")) \
        and _title_case(token.sent)


def _title_case(sentence: Span) -> bool:
    """Most words capitalised, as in a headline (small words aside)."""
    words = [t for t in sentence if t.is_alpha and t.lower_ not in NAME_CONNECTORS and len(t) > 3]
    return sum(t.text[:1].isupper() for t in words) >= 0.7 * len(words)


def name_rule_candidates(doc: Doc) -> list[Candidate]:
    persons = {t.i for ent in doc.ents if ent.label_ == "PERSON" and person_shape(trim(ent) or ent) for t in ent}
    persons |= {t.i for t in doc if headline_verb(t)}
    found: list[Candidate] = []
    for sentence in doc.sents:
        for run in _runs(sentence, persons):
            found.extend(_typed_names(_with_leading_year(_with_listed_fields(_strip_leading(run)))))
    return found


def _with_leading_year(run: list[Token]) -> list[Token]:
    """"the 2026 Special Action Plan on ...", "the 1978 Act of the UPOV Convention": a year between "the" and a
    document's or an event's name is part of the name."""
    if not run or run[0].i < 2 or head_class(run)[0] in ("", "Organization", "Person", "Place"):
        return run
    doc = run[0].doc
    year, article = doc[run[0].i - 1], doc[run[0].i - 2]
    if re.fullmatch(r"(?:1[89]|20)\d\d", year.text) and article.lower_ in ("the", "its", "their", "a"):
        return [year, *run]
    return run


def _with_listed_fields(run: list[Token]) -> list[Token]:
    """"Ministry of Trade, Industry and Energy", "Office of the Controller General of Patents, Designs and Trade
    Marks", "Harare Protocol on Patents and Industrial Designs": a body or a document named for a list of fields
    runs on past the commas, to the "and" and one or two more words."""
    if len(run) < 3 or run[-2].lower_ not in ("of", "for", "on") \
            or not any(HEAD_CLASS.get(t.lower_) in ("Organization", "Treaty", "Law") for t in run[:-2]):
        return run
    doc = run[0].doc

    def field(i: int) -> bool:
        token = doc[i] if i < len(doc) else None
        # the NER reads some fields as a person ("Industrial Designs"); a plural noun is no one's name
        return token is not None and token.is_title and token.is_alpha \
            and (token.ent_type_ in ("", "ORG", "NORP", "PRODUCT") or _plural_person(token))

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


def _plural_person(token: Token) -> bool:
    """A word of what the NER read as a person's name that is the last field of a list: "... on Patents and
    Industrial Designs" (after "and", ending in a plural noun)."""
    if token.ent_type_ != "PERSON":
        return False
    doc = token.doc
    start, end = token.i, token.i
    while doc[start].ent_iob_ == "I" and start > 0:
        start -= 1
    while end + 1 < len(doc) and doc[end + 1].ent_iob_ == "I":
        end += 1
    return doc[end].tag_ == "NNPS" and start > 0 and doc[start - 1].lower_ == "and"


def _typed_names(run: list[Token]) -> list[Candidate]:
    if not run or (len(run) == 1 and run[0].is_upper):
        return []
    if pair := _two_organisations(run):
        return _typed_names(pair[0]) + _typed_names(pair[1])
    cls, head = head_class(run)
    if not cls:
        # "Director General of the Trademark Office of the CNIPA", "Deputy Minister in the Ministry of ...": a
        # title, then the name after its "of" (or "in", "at")
        of = next((i for i, t in enumerate(run) if t.lower_ in ("of", "in", "at")), None)
        return _typed_names(_strip_leading(run[of + 1:])) if of else []
    if cls in ("Law", "Programme", "Treaty") and run[0].is_lower and run[0].is_alpha and len(run) > 1:
        return _typed_names(run[1:])  # "its first Industrial Property Code": an ordinal of events only
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
    if cls == "Organization" and head is not None and (head.lower_ in ORG_UNIT_HEADS or _under_follows(head)):
        unit = _split_unit(run, head)
        if unit:
            return unit
        if _under_follows(head) and head.i + 1 <= run[-1].i:
            # "the Korean Intellectual Property Office under the Patent Cooperation Treaty": no body after "under",
            # two names
            cut = head.i - run[0].i + 1
            return _typed_names(run[:cut]) + _typed_names(_strip_leading(run[cut + 1:]))
    owner = _owner(run) if cls == "Organization" else None
    if owner is not None:
        # "IPOPHL's Bureau of Patents": the mention is the unit, its name keeps the owner
        unit = next(t for t in run if t.idx >= owner[1] and t.text not in ("'s", "’s"))
        # the owner's own name too ("the Nordic Patent Institute's Examination Department"), where the NER
        # read the whole as one name
        return [Candidate(unit.idx, span.end_char, cls, "name-rule", subclass_of(cls, head),
                          name=" ".join(span.text.split()), parent=owner)] \
            + _typed_names([t for t in run if t.idx < owner[1]])
    return [Candidate(span.start_char, span.end_char, cls, "name-rule", subclass_of(cls, head))]


def _two_organisations(run: list[Token]) -> tuple[list[Token], list[Token]] | None:
    """"the University of Nairobi and Makerere University", "Siemens AG and Robert Bosch GmbH": two names, each with
    its own head (not "the Ministry of Industry and Information Technology", whose fields have none)."""
    for k, token in enumerate(run):
        if token.lower_ != "and" or not 0 < k < len(run) - 2:
            continue
        before, after = run[:k], _strip_leading(run[k + 1:])
        if len(after) >= 2 and HEAD_CLASS.get(after[-1].lower_) == "Organization" \
                and (head_class(before)[0] == "Organization" or before[-1].text in LEGAL_FORMS):
            return before, after
    return None


def _owner(run: list[Token]) -> tuple[int, int] | None:
    """"WIPO's China Office": the span of the organisation whose unit the name is."""
    for i, token in enumerate(run[:-1]):
        if token.text in ("'s", "’s") and i and _organisation_tokens(run[:i]) \
                and not all(t.ent_type_ == REF_LABEL for t in run[i + 1:]):  # not "the JPO's KIPO counterpart"
            return run[0].idx, run[i - 1].idx + len(run[i - 1])
    return None


def _under_follows(head: Token) -> bool:
    return head.i + 1 < len(head.doc) and head.nbor(1).lower_ == "under"


def _organisation_tokens(tokens: list[Token]) -> bool:
    """An organisation of the reference data, an acronym ("IPOPHL") or a name with an organisation's head ("the
    Nordic Patent Institute"), as the owner before "'s"."""
    if all("/id/org/" in t.ent_id_ for t in tokens):
        return True
    if len(tokens) == 1:
        return tokens[0].is_upper and len(tokens[0]) > 1 and not tokens[0].ent_id_
    return not any(t.ent_id_ for t in tokens) and head_class(tokens)[0] == "Organization"


def _split_unit(run: list[Token], head: Token) -> list[Candidate]:
    """"Press Bureau of the State Council Information Office", "Division for Africa of the World Intellectual
    Property Organization" -> the unit, with its parent's span: the name after the first "of" that names an
    organisation."""
    doc = head.doc
    after = [t for t in run if t.i > head.i]
    if not after or after[0].lower_ not in SEGMENT_BREAKS:
        return []
    for k, token in enumerate(after):
        if k and token.lower_ != "of":
            continue
        rest = after[k + 1:]
        while rest and rest[0].lower_ in ("the", "its"):
            rest = rest[1:]
        if rest and (head_class(rest)[0] == "Organization"
                     or all(t.ent_type_ == REF_LABEL and "/id/org/" in t.ent_id_ for t in rest)):
            break
    else:
        return []
    unit = doc[run[0].i:token.i]
    parent = doc[rest[0].i:rest[-1].i + 1]
    full = doc_text(doc)[unit.start_char:parent.end_char]
    candidates = [
        Candidate(unit.start_char, unit.end_char, "Organization", "name-rule", subclass_of("Organization", head),
                  name=" ".join(full.split()), parent=(parent.start_char, parent.end_char))
    ]
    # the parent's own name too: the reference data's candidate wins where it has one (and may have dropped it)
    return candidates + _typed_names(rest)


def media_like(text: str) -> bool:
    words = set(re.findall(r"[a-z]+", text.lower()))
    return bool(words & MEDIA_WORDS) or bool(re.search(r"\.(com|cn|net|org)\b", text.lower()))
