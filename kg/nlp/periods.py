"""Which period a figure is of: the dates of each sentence (outside names), the one of the figure's own
clause, comparison dates ("up from 36 months in 2024"), and the year a document mostly speaks of."""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from kg.nlp.context import DocContext
from kg.nlp.quantities import WEEKDAYS, WORD_NUMBERS, read_period
from kg.nlp.text import doc_text, ents_in

if TYPE_CHECKING:
    from kg.nlp.statistics import RawFigure

_DURATION = re.compile(r"^(?:(\d+(?:\.\d+)?)|(\w+))(?: consecutive)? (months?|years?)$", re.I)

_BASE_BEFORE = re.compile(
    r"(?:from|since|than(?: in)?|over|compared (?:with|to)|as in|against|versus)\s*(?:the\s*)?"
    r"(?:same (?:period|quarter|month|time) (?:of|in)\s*)?$"
)
# "fell to 31 months, from 36 months in 2024", "17,842 SMEs, compared with 14,301 a year earlier": the date of
# the figure compared with
_BASE_FIGURE_BEFORE = re.compile(
    r"(?:(?:,|\bup|\bdown)\s+from|\bcompared (?:with|to)|\bagainst|\bversus)\s+\S*\d\S*(?:[ \u00a0\u202f]\d{3})*(?:\s+[a-z%]+){0,3}?"
    r"(?:\s+(?:in|at the end of|during))?\s+(?:the\s+)?$"
)


def sentence_dates(ctx: DocContext, sentence: Span, doc_date: str) -> list[tuple[int, str, bool, int]]:
    """(position, period, is a comparison base, token index) of each date of the sentence outside names."""
    found = []
    added = _this_year_spans(sentence)
    ents = [e for e in ents_in(sentence) if not any(a.start <= e.start and e.end <= a.end for a in added)]
    for ent in sorted(ents + added, key=lambda e: e.start):
        if ent.label_ != "DATE" or read_duration(ent) or any(t.i in ctx.token_mention for t in ent):
            continue
        if _numbered(ctx.text[ent.start_char:ent.end_char + 8]):
            continue  # "Regulation (EU) 2024/2822": a number, not a year
        phrase = ent.text
        before = ctx.text[max(0, ent.start_char - 60):ent.start_char].lower()
        if re.search(r"(?:end of|as of|by)\s*(?:the\s*)?$", before):
            phrase = "end of " + phrase if "end of" in before else phrase
        named = [period for _, period, is_base, _ in found if not is_base]
        period = read_period(phrase, doc_date, last_named=named[-1] if named else "")
        if period and not _published_on(ent):
            is_base = bool(_BASE_BEFORE.search(before[-48:]) or _BASE_FIGURE_BEFORE.search(before))
            found.append((ent.start_char, period, is_base, ent.root.i))
    return found


def _numbered(text: str) -> bool:
    """"2024/2822" numbers an act; "2024/25" and "2024/2025" are a financial year."""
    match = re.search(r"\b(\d{4})/(\d+)", text)
    return bool(match) and not (len(match.group(2)) == 2 or int(match.group(2)) == int(match.group(1)) + 1)


_THIS_YEAR = re.compile(r"\b(?:this|last|next) year\b", re.I)


def _this_year_spans(sentence: Span) -> list[Span]:
    """"This year's fund": "this year" and "last year" where the entity recogniser left them out or took
    "year" alone."""
    spans = []
    for match in _THIS_YEAR.finditer(sentence.text):
        start = sentence.start_char + match.start()
        span = sentence.doc.char_span(start, start + len(match.group()), label="DATE")
        if span is not None and span[0].ent_type_ != "DATE":
            spans.append(span)
    return spans


_PUBLISHING = frozenset("publish release announce report say issue unveil disclose".split())


def _published_on(ent: Span) -> bool:
    """"figures published by the court on Tuesday": the day a figure was made public, not its period."""
    if ent.text.strip().lower() not in WEEKDAYS:
        return False
    verb = ent.root.head.head if ent.root.head.dep_ == "prep" else ent.root.head
    return verb.lemma_.lower() in _PUBLISHING


def period_for(figure: RawFigure, dates: list[tuple[int, str, bool, int]], doc) -> str:
    """The date of the figure's own clause: one right after it ("12th in 2023"), else the nearest
    before it, else after it. A comparison base ("from 116 in the same period last year") takes the
    base date. A date of another clause ("agreed in 1996 and become law three months after ...") does not count."""
    if _BASE_BEFORE.search(doc_text(doc)[max(0, figure.start - 24):figure.start].lower()):
        after = [d for d in dates if d[0] > figure.end]  # "from 116 approved in the same period last year"
        return after[0][1] if after else ""
    own = [d for d in dates if not d[2] and _same_clause(doc, d[3], figure)]
    for position, period, _, _ in own:
        if 0 <= position - figure.end <= 5:
            return period
    before = [d for d in own if d[0] < figure.start]
    if before:
        return before[-1][1]
    after = [d for d in own if d[0] >= figure.end]
    return after[0][1] if after else ""


def said_of_now(doc, figure: RawFigure) -> bool:
    """A figure of a clause in the simple present with no date of its own ("ARIPO has 22 Member States", "the
    office, which employs 1,100 people"): of the document's date, not of the year the text is about (a present
    perfect, "has granted 5,000 since", stays with the year the text speaks of)."""
    verb = _clause_verb(doc.char_span(figure.start, figure.end, alignment_mode="expand").root)
    return verb.pos_ in ("VERB", "AUX") and verb.tag_ in ("VBZ", "VBP")


def _clause_verb(token: Token) -> Token:
    while token.head.i != token.i and not (token.pos_ in ("VERB", "AUX") and token.dep_ in ("ROOT", "conj", "ccomp", "advcl", "relcl")):
        token = token.head
    return token


def _same_clause(doc, date_index: int, figure: RawFigure) -> bool:
    """The date's clause is the figure's, or one that contains it. A coordinated clause shares the date
    when the date comes first ("In 2025, they handled 4,126 cases and imposed fines of ...") or both verbs
    are in the same tense ("received 14,820 applications last year and granted 7,260"), not otherwise
    ("were agreed in 1996 and become law three months after ...")."""
    node = doc.char_span(figure.start, figure.end, alignment_mode="expand").root
    date_verb = _clause_verb(doc[date_index])
    while True:  # climb clause by clause from the figure towards the root
        verb = _clause_verb(node)
        if verb == date_verb:
            return True
        if verb.head.i == verb.i:
            return False
        if verb.dep_ == "conj" and not (date_index < date_verb.i or verb.tag_ == verb.head.tag_):
            return False
        node = verb.head


def main_year(all_dates: list[list[tuple]], doc_date: str) -> str:
    """The year the document mostly speaks of: the most frequent year among its own dates, named at least
    three times, leaving out the document's own day or month (a dateline says when it was written, not what
    it is about). A year named once or twice is one event among others, not the document's subject."""
    years = Counter(period[:4] for dates in all_dates for _, period, base, _ in dates
                    if not base and not (len(period) >= 7 and doc_date.startswith(period)))
    ranked = years.most_common(2)
    if not ranked or ranked[0][1] < 3 or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return ""  # no year stands out: the document's own
    return ranked[0][0]


def read_duration(ent: Span) -> tuple[float, str] | None:
    """A DATE entity that is a length of time ("31 years", "nine months"): (value, unit); not "the past 3 years"."""
    text = ent.text.strip()
    match = _DURATION.match(text)
    if not match:
        return None
    before = ent.doc[ent.start - 1].lower_ if ent.start else ""
    if before in ("past", "last", "next", "the", "recent", "first", "coming") or "\n" in text:
        return None
    number = float(match.group(1)) if match.group(1) else WORD_NUMBERS.get((match.group(2) or "").lower())
    if number is None:
        return None
    unit = "months" if match.group(3).lower().startswith("month") else "years"
    return float(number), unit
