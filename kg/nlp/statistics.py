"""Figures stated in the text as observations: value, unit, period, indicator, change, area.

Candidates are spaCy's CARDINAL, MONEY, PERCENT and QUANTITY entities (and
DATE entities that are durations, ORDINALs that are ranks), outside names.
A change ("up 15.3 percent year on year") belongs to the level it follows;
stated alone it is a figure of its own. The period is the date of the figure's
clause, else the one in force in the paragraph, else the year the document
speaks of (`periods`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from spacy.tokens import Span, Token

from kg.nlp.areas import default_area, first, main_country, served_area, stated_area, subject_entity
from kg.nlp.context import DocContext
from kg.nlp.periods import main_year, period_for, read_duration, said_of_now, sentence_dates
from kg.nlp.quantities import (
    CURRENCIES,
    CURRENCY_SIGN,
    ORDINALS,
    is_day_of_month,
    read_figure,
    read_number_words,
    without_leading_count,
)
from kg.nlp.text import doc_text, ents_in, noun_chunks_in, strip_span

FIGURE_LABELS = ("CARDINAL", "MONEY", "PERCENT", "QUANTITY")
_CHANGE_BEFORE = re.compile(
    r"(?:(?<!made )(?<!make )(?<!makes )(?<!making )\bup|\bdown|increase[ds]? (?:of|by)|increasing|rise of|rising|growth(?: rate)? of|"
    r"(?:rose|grew|fell|declined|dropped|jumped|climbed|surged|slipped|plunged|soared|gained|edged (?:up|down))(?: by)?|"
    r"growth rate exceeding|up by|decrease[ds]? (?:of|by)|decreasing|drop (?:of|by)|decline of|"
    r"(?:an|a) (?:year-on-year )?(?:increase|growth|rise|decrease) of)\s*$"
)
_CHANGE_AFTER = re.compile(
    r"^\s*(?:year-on-year|year on year|y-o-y|yoy|compared (?:to|with)|from the previous year|over the previous year|"
    r"(?:more|fewer|less|higher|lower) than (?:in )?(?:the same|a year|last|the previous|(?:19|20)\d\d)|"
    r"from (?:19|20)\d\d|over (?:19|20)\d\d)"
)
_RANK_BEFORE = re.compile(r"(?:rank(?:ed|ing|s)?|risen (?:from|to)|rising (?:from|to)|rose (?:from|to)|placed|to)\s*$")
_REACH = frozenset(
    "reach total amount exceed surpass stand hit top rise increase grow climb register record stabilize "
    "stabilise remain be achieve have include cover contain number see".split()
)
_DROP_PREFIX = re.compile(
    r"^(?:(?:and|or) )?(?:(?:over|more than|nearly|almost|about|around|some|up to|at least) )?(?:the |a |an )?"
    r"(?:total (?:number |amount )?(?:of )?|number of |amount of |figure of |count of )?", re.I
)
# an "indicator" that only says when: the parse attached the figure to a date
_TIME_ONLY = re.compile(r"^(?:(?:this|last|next|the|each|every|a) )?(?:year|years|month|months|quarter|period|day|days)$")
# past participles that "lemma + ed" gets wrong
_IRREGULAR_PAST = {"make": "made", "set": "set", "hold": "held", "build": "built", "win": "won", "get": "got",
                   "overtake": "overtaken", "take": "taken", "give": "given", "bring": "brought", "send": "sent",
                   "lead": "led", "put": "put", "grow": "grown", "see": "seen", "draw": "drawn", "sell": "sold",
                   "enrol": "enrolled", "run": "run", "find": "found", "pay": "paid", "lay": "laid", "begin": "begun"}


@dataclass(frozen=True)
class RawFigure:
    start: int
    end: int
    value: float
    unit: str
    sentence: tuple[int, int]
    indicator: str = ""
    period: str = ""
    change: float | None = None
    change_unit: str = ""
    area: int | None = None
    subject: int | None = None
    is_change: bool = False


def find_observations(ctx: DocContext, doc_date: str, *, areas: Mapping[str, str] | None = None) -> list[RawFigure]:
    """The figures of a document; `areas` maps an office's reference IRI to the country it serves."""
    figures: list[RawFigure] = []
    main_place = main_country(ctx)
    sentences = list(ctx.doc.sents)
    all_dates = [sentence_dates(ctx, s, doc_date) for s in sentences]
    default = main_year(all_dates, doc_date) or doc_date[:4]
    carried = ""  # the period in force in the paragraph
    for sentence, dates in zip(sentences, all_dates):
        if ctx.text[max(sentence.start_char - 1, 0):sentence.start_char] == "\n":
            carried = ""  # a new paragraph: its own dates, else the document's main year
        found = _figures_in(ctx, sentence)
        own = [d for d in dates if not d[2]]
        if not found:
            carried = own[0][1] if own else carried
            continue
        found = _attach_changes(_inherit_currency(found, ctx.text), sentence)
        carried_next = carried
        for figure in found:
            stated = period_for(figure, dates, ctx.doc)
            now = not stated and said_of_now(ctx.doc, figure)
            period = stated or (doc_date[:4] if now else "") or carried or default
            if not now:
                carried_next = period  # "... from 35th in 2013 to 12th in 2023." then "... reached 24": 2023
            if not period:
                continue  # an undated document that never says when: a figure without a period is no observation
            figures.append(
                RawFigure(
                    figure.start, figure.end, figure.value, figure.unit, strip_span(ctx.text, sentence.start_char, sentence.end_char),
                    indicator=figure.indicator or "figure", period=period, change=figure.change,
                    change_unit=figure.change_unit,
                    area=first(stated_area(ctx, sentence, figure.start), figure.area,
                               default_area(sentence, served_area(ctx, figure.subject, areas or {}, main_place))),
                    subject=figure.subject,
                )
            )
        carried = carried_next
    return figures


# --- finding figures --------------------------------------------------------------------


def _figures_in(ctx: DocContext, sentence: Span) -> list[RawFigure]:
    found = []
    for ent in ents_in(sentence):
        if any(t.i in ctx.token_mention for t in ent):
            continue  # a number inside a name: "14th Five-Year Plan"
        read = None
        if ent.label_ in FIGURE_LABELS:
            read = _read_number(ent)
        elif ent.label_ == "DATE":
            read = read_duration(ent)
        elif ent.label_ == "ORDINAL":
            read = _read_rank(ent)
        if read is None:
            continue
        value, unit = read
        found.append(
            RawFigure(ent.start_char, ent.end_char, value, unit, (sentence.start_char, sentence.end_char),
                      indicator=_indicator(ent), subject=subject_entity(ctx, ent, "Organization"),
                      area=subject_entity(ctx, ent, "Place"),
                      is_change=_is_change(ent))
        )
    return found


# a currency sign the entity recogniser left out of the span: "S$" + "12 million"
_SYMBOL_BEFORE = re.compile(rf"(?:{CURRENCY_SIGN})\s?$")


def _read_number(ent: Span) -> tuple[float, str] | None:
    doc = ent.doc
    before = doc[max(ent.start - 1, 0)].lower_ if ent.start else ""
    if before in ("top", "per", "no.", "no", "number") or _is_year(ent) or re.match(r"No\.?\s", ent.text) \
            or re.search(r"\b(?:No|Nr|Art|Article|Section|Rule|Decree)\.?\s*$", doc_text(doc)[max(0, ent.start_char - 10):ent.start_char]):
        return None  # "Law No. 50", "the regulation, No. 789", "Article 15"
    around = doc_text(doc)[max(0, ent.start_char - 1):ent.end_char + 12]
    if "/" in around[:2] or "/" in ent.text or re.match(r".?\(?\d{3}\)?\s*\d{3}-\d{4}", around):
        return None  # "PR/2002/304", "(571) 272-8400"
    after = doc_text(doc)[ent.end_char:ent.end_char + 24]
    if is_day_of_month(ent.text, doc_text(doc)[max(0, ent.start_char - 12):ent.start_char], after):
        return None  # "12 March 2025" when the model tags "12" apart from the date
    if re.match(r"\s*-\s*\w", after) and not re.match(r"\s*-\s*(year|month)", after):
        return None  # "one-to-many", "1,000 Universities-10,000"
    if re.match(r"[A-Za-z]|\s*[年月日時时号]", after) or re.search(r"\d[A-Za-z]", ent.text):
        return None  # "2024SCIO", "2025 年 4 月": part of a word or a date
    if re.match(r"\s*(?:places|positions|spots)\b", after):
        return None  # "a full 23 places": a change of rank
    if _ADDRESS_OR_PHONE.match(after) or _PHONE_BEFORE.search(doc_text(doc)[max(0, ent.start_char - 16):ent.start_char]):
        return None  # "12 Main Street", "call +47 22 33 44 55"
    window = re.match(r"[^,;:()\n]*", after).group()[:24]
    before = doc_text(doc)[max(0, ent.start_char - 4):ent.start_char]
    symbol = _SYMBOL_BEFORE.search(before) if ent.text[:1].isdigit() else None
    # a number written in words is read below: "one of the 52 authorities" is not 52
    read = read_figure((symbol.group() if symbol else "") + ent.text + window) if re.search(r"\d", ent.text) else None
    if read is None:
        read = _read_spelled(ent.text.split(), after, window)
        if read is None:
            return None
    if read and read[1] == "count" and re.match(r"\s*(months?|years?)\b", after):
        return None  # a duration the DATE reading handles
    if read and read[1] == "CNY" and "¥" in (symbol.group() if symbol else ent.text) and _japanese(doc_text(doc)):
        return read[0], "JPY"
    return read


_ADDRESS_OR_PHONE = re.compile(
    r"\s*(?:[A-Z][a-z]+ )?(?:Street|St\.|Road|Rd\.|Avenue|Ave\.|Boulevard|Blvd|Lane|Drive|Square|Floor|Building)\b"
    r"|\s*\d{2,4}(?:[ -]\d{2,4}){1,}"
)
_PHONE_BEFORE = re.compile(r"(?:\+|\b(?:call|tel|phone|fax|telephone)\.?:?\s*\+?)[\d ()-]*$", re.I)


def _read_spelled(words: list[str], after: str, window: str) -> tuple[float, str] | None:
    """A number in words: "twelve thousand applications", "two million euros", "forty percent"; a small one
    alone ("three offices") is a figure only as a duration, a count of times or points ("three years")."""
    spelled = None
    while words:
        spelled = read_number_words(words)
        if spelled is not None or len(words) == 1:
            break
        words = words[1:]  # "some twenty", "nearly two million"
    if spelled is None:
        return None
    number, used = spelled
    rest = " ".join(words[used:]) + window
    scaled = any(w.lower() in ("hundred", "thousand", "million", "billion", "trillion") for w in words[:used])
    unit_word = re.match(r"\s*(?:consecutive )?(months?|years?|times|points)\b", after)
    if unit_word and not scaled:
        return read_figure(f"{number:.0f} {unit_word.group(1)}")
    if not scaled and not re.match(r"\s*(?:percent|per cent|%)", rest):
        return None
    return read_figure(f"{number:.0f} {rest}")


def _japanese(text: str) -> bool:
    """"¥" is the sign of both the yen and the yuan: the yen in a text about Japan that never names China."""
    return bool(re.search(r"\b(?:Japan|Japanese|yen|JPO|Tokyo)\b", text)) \
        and not re.search(r"\b(?:China|Chinese|yuan|RMB|renminbi|CNIPA|Beijing)\b", text)


def _is_year(ent: Span) -> bool:
    text = ent.text.strip()
    return bool(re.fullmatch(r"(19|20)\d\d", text))


def _read_rank(ent: Span) -> tuple[float, str] | None:
    text = ent.text.lower().strip()
    value = ORDINALS.get(text) or (int(text[:-2]) if text[:-2].isdigit() else None)
    if value is None:
        return None
    before = doc_text(ent.doc)[max(0, ent.start_char - 24):ent.start_char].lower()
    after = doc_text(ent.doc)[ent.end_char:ent.end_char + 24].lower()
    if not _RANK_BEFORE.search(before):
        return None
    if not re.match(r"\s*(?:in|among|globally|worldwide|place|in the world|from|to|,|\.)", after) and after.strip():
        return None
    if re.match(r"\s*time", after):
        return None  # "for the first time"
    return float(value), "rank"


def _is_change(ent: Span) -> bool:
    doc = ent.doc
    before = doc_text(doc)[max(0, ent.start_char - 48):ent.start_char].lower()
    after = doc_text(doc)[ent.end_char:ent.end_char + 40].lower()
    if ent.label_ == "PERCENT" and _CHANGE_NOUN_AFTER.match(after) and re.search(r"\ban?\s*$", before):
        return True  # "4,500 applications, a 15% increase"
    return bool(_CHANGE_BEFORE.search(before) or _CHANGE_AFTER.match(re.sub(r"^\s*(percent|%)", "", after)))


_CHANGE_NOUN_AFTER = re.compile(r"^\s*(?:year-on-year |annual )?(?:increase|rise|growth|jump|gain|decrease|decline|drop|fall)\b")
# a comparison figure after an amount: "14.8 million US dollars, up from 13.1 million" (periods has the
# comparison dates)
_BASE_AMOUNT_BEFORE = re.compile(r"^[^.;]{0,24}?\b(?:from|against|compared (?:with|to)|versus|vs\.?|than)\s*(?:about |around )?$")


def _inherit_currency(found: list[RawFigure], text: str) -> list[RawFigure]:
    """A bare amount compared with a sum of money is in the same currency."""
    for i in range(1, len(found)):
        previous, figure = found[i - 1], found[i]
        if figure.unit == "count" and previous.unit in CURRENCIES and _BASE_AMOUNT_BEFORE.match(text[previous.end:figure.start]):
            found[i] = _replace(figure, unit=previous.unit)
    return found


# between a change and the level it led to: "rose 15 percent year on year to 48,000"
_TO_LEVEL = re.compile(
    r"\s*(?:percent|per cent|%|(?:percentage )?points?)?\s*(?:,\s*)?(?:year[- ]on[- ]year |yoy |y-o-y |annually )?(?:,\s*)?to "
    r"(?:a (?:record|total) (?:of |high of )?|an? (?:all-time )?high of |about |around |some |nearly |almost |over |more than )?"
)


def _attach_changes(found: list[RawFigure], sentence: Span) -> list[RawFigure]:
    """Changes join the level they follow; a run of changes ("up 7.3%, 11.4% and 18.2% ...,
    respectively") pairs in order with as many levels before it. Changes with no level stay figures."""
    text = doc_text(sentence.doc)
    for i in range(1, len(found)):
        previous, figure = found[i - 1], found[i]
        if previous.is_change and not figure.is_change and figure.unit == previous.unit \
                and re.fullmatch(r"\s*(?:,|and|, and)\s*", text[previous.end:figure.start]):
            found[i] = _replace(figure, is_change=True)  # "growth of 3.9% and 3.8%"
    runs: list[list[int]] = []
    for i, figure in enumerate(found):
        if figure.is_change:
            if runs and runs[-1][-1] == i - 1:
                runs[-1].append(i)
            else:
                runs.append([i])
    attached: dict[int, int] = {}  # level index -> change index
    for run in runs:
        after = run[-1] + 1
        if len(run) == 1 and after < len(found) and not found[after].is_change \
                and _TO_LEVEL.fullmatch(text[found[run[0]].end:found[after].start]):
            attached[after] = run[0]  # "rose 15 percent year on year to 48,000": the level it rose to
            continue
        free = [i for i in range(run[0]) if not found[i].is_change and i not in attached]
        levels = free[-len(run):] if len(free) >= len(run) else free[-1:]
        for level, change in zip(levels, run if len(levels) == len(run) else run[:1]):
            attached[level] = change
    used = set(attached.values())
    result = []
    for i, figure in enumerate(found):
        if figure.is_change:
            if i not in used:
                result.append(_replace(figure, is_change=False))
            continue
        if i in attached:
            change = found[attached[i]]
            figure = _replace(figure, change=change.value, change_unit=change.unit)
        result.append(figure)
    return result


def _replace(figure: RawFigure, **changes) -> RawFigure:
    from dataclasses import replace

    return replace(figure, **changes)


# --- indicators -----------------------------------------------------------------------


def _indicator(ent: Span) -> str:
    root = ent.root
    noun = root.head if root.dep_ in ("nummod", "quantmod", "compound") and root.head.pos_ in ("NOUN", "PROPN") else None
    if noun is not None and noun.lemma_ not in ("yuan", "dollar", "percent", "%"):
        phrase = _noun_phrase(noun, skip=set(range(ent.start, ent.end)))
        verb = noun.head if noun.dep_ in ("nsubjpass", "dobj") else None
        if verb is not None and verb.pos_ == "VERB" and verb.lemma_ not in _REACH:
            phrase = f"{phrase} {_past_participle(verb)}"
        return _tidy(phrase)
    head = noun if noun is not None else root
    verb = head
    while verb.dep_ in ("pobj", "prep", "dobj", "attr", "nummod", "quantmod", "npadvmod", "acomp") and verb.head.i != verb.i:
        verb = verb.head
        if verb.pos_ in ("VERB", "AUX"):
            break
    if verb.pos_ in ("VERB", "AUX"):
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.pos_ in ("NOUN", "PROPN"):
                phrase = _noun_phrase(child, skip=set(range(ent.start, ent.end)))
                if verb.lemma_ == "account":
                    phrase += " share"
                return _tidy(phrase)
        if verb.dep_ in ("advcl", "xcomp", "acl", "conj") and verb.head.pos_ in ("VERB", "AUX"):
            for child in verb.head.children:
                if child.dep_ in ("nsubj", "nsubjpass") and child.pos_ in ("NOUN", "PROPN"):
                    suffix = " share" if verb.lemma_ == "account" else ""
                    return _tidy(_noun_phrase(child, skip=set(range(ent.start, ent.end))) + suffix)
    chunks = [c for c in noun_chunks_in(ent.doc[ent.sent.start:ent.start]) if c.root.pos_ == "NOUN"] if ent.sent else []
    return _tidy(chunks[-1].text) if chunks else ""


def _noun_phrase(noun: Token, *, skip: set[int]) -> str:
    keep: list[Token] = []
    for token in noun.subtree:
        if token.i in skip or token.dep_ in ("det", "nummod", "relcl", "punct", "appos", "cc") and token.head == noun:
            continue
        if token.i < noun.i and token.head != noun and token.head.head != noun and token.head.i > noun.i:
            continue
        keep.append(token)
    keep = [t for t in keep if t.i <= noun.i or _in_of_phrase(t, noun)]
    return " ".join(t.text for t in sorted(keep, key=lambda t: t.i)[:14])


def _in_of_phrase(token: Token, noun: Token) -> bool:
    node = token
    while node.head.i != node.i and node.head != noun:
        node = node.head
    return node.dep_ == "prep" and node.lower_ in ("of", "for", "by", "held") or node.dep_ == "acl"


def _past_participle(verb: Token) -> str:
    """ "granted" for granted, grants or grant: the indicator reads "invention patents granted"."""
    if verb.tag_ in ("VBD", "VBN"):
        return verb.lower_
    lemma = verb.lemma_.lower()
    if lemma in _IRREGULAR_PAST:
        return _IRREGULAR_PAST[lemma]
    if lemma.endswith("e"):
        return lemma + "d"
    if re.search(r"[^aeiou]y$", lemma):
        return lemma[:-1] + "ied"
    return lemma + "ed"


def _tidy(phrase: str) -> str:
    phrase = re.sub(r"\s+", " ", phrase).strip(" ,.;:").lower()
    phrase = re.sub(r"\s+([,.'])", r"\1", phrase).replace(" - ", "-").replace(" 's", "'s")
    phrase = _DROP_PREFIX.sub("", phrase).strip()
    phrase = without_leading_count(phrase)  # "followed by X with 55,678": "[69,610] applications"
    return "" if _TIME_ONLY.match(phrase) else phrase
