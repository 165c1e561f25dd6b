"""Positions: who holds which title in which organisation, read from masked sentences
("⟦P3⟧, deputy commissioner of the ⟦O0⟧", "⟦O0⟧ appoints ⟦P2⟧ as Deputy Director General").

They run before the other rules: they tell whom "we" stands for in a speaker's turn.
"""

from __future__ import annotations

import itertools
import re

from kg.nlp.context import ACRONYM_AFTER, HONORIFIC, PLACEHOLDER, DocContext, Found, Masked, owned_unit
from kg.nlp.lexicon import PRE_NAME_TITLES, TITLE_OF_HEADING_VERB, TITLE_WORDS

_CAP_WORD = r"[A-Z][a-z]*(?:-[A-Za-z][a-z]*)*"  # "Director", "Director-General", "Vice-President"
_TITLE = r"(?P<title>[A-Za-z][A-Za-z-]*(?: [A-Za-z][A-Za-z-]*){0,7}?)"
_APPOINTED = r"(?:(?:has|have|had) been|was|is|will be) (?:appointed|named|elected|re-elected|promoted|confirmed)(?: as| to)?"
_AFTER_NAME = re.compile(
    r"⟦P(?P<p>\d+)⟧(?:\s*\(⟦P\d+⟧\))?(?: (?:of|from) ⟦L\d+⟧(?=,))?(?:'s)?\s*(?:, who is|, who (?:has )?serve[sd]? as|, who " + _APPOINTED
    + r"|, who became|,|\(|" + _APPOINTED + r"|\bis\b|\bwas\b|\bas\b|\bbecame\b|\bbecomes\b|\b(?:took|takes|assumed) office as\b)"
    r"\s*(?:an? |the )?"
    + _TITLE
    + r",? (?:of|at|from|in|with|for) (?:the |China's |its )?⟦O(?P<o>\d+)⟧"
)
_SUCCEEDS = re.compile(
    r"⟦P(?P<p>\d+)⟧,? (?:will |is to )?(?:succeeds?|succeeded|replaces?|replaced|takes? over from|took over from) "
    + HONORIFIC + r"$"
)
_MORE_TITLES = re.compile(
    r"^\s*(?:,|;)?\s*(?:and |as well as )?(?:as )?(?:the |an? )?" + _TITLE
    + r",? (?:of|at|from|in|for) (?:the )?⟦O(?P<o>\d+)⟧"
)
_FROM_ORG = re.compile(r"⟦P(?P<p>\d+)⟧,\s*(?:an? [a-z]+ )?from (?:the )?⟦O(?P<o>\d+)⟧")
# "Shri Sanjiv Mehra, Joint Secretary, DPIIT, said": title and organisation as two items after the name
_COMMA_TITLE_ORG = re.compile(
    r"⟦P(?P<p>\d+)⟧(?:, | \()(?P<title>(?:" + _CAP_WORD + r" ){0,3}" + _CAP_WORD + r"), (?:the )?⟦O(?P<o>\d+)⟧"
    r"(?=\s*(?:[,.;)]|$|\b(?:said|says|told|noted|added|stated)\b))"
)
# "Jane Doe, Nordic Patent Institute Commissioner, opened the forum": the organisation, then the title
_COMMA_ORG_TITLE = re.compile(
    r"⟦P(?P<p>\d+)⟧, (?:the )?⟦O(?P<o>\d+)⟧(?:['’]s)? (?P<title>(?:" + _CAP_WORD + r" |[a-z][a-z-]+ ){0,3}(?:"
    + _CAP_WORD + r"|[a-z][a-z-]+))(?=,)"
)
# "IP Australia appoints Dr Fiona Kettering as Deputy Director General": a title with no organisation after it
_APPOINTS = re.compile(
    r"⟦O(?P<o>\d+)⟧(?: \(⟦O\d+⟧\))? (?:has |have )?(?:appoints|appointed|names|named|elects|elected|promotes|promoted) "
    + HONORIFIC + r"⟦P(?P<p>\d+)⟧,? (?:as|to) (?:its |the |an? )?(?:new )?" + _TITLE
    + r"(?=\s*(?:[,.;:(]|$|\b(?:effective|from|on|with effect)\b))"
)
_BEFORE_NAME = re.compile(
    r"⟦O(?P<o>\d+)⟧" + ACRONYM_AFTER + r"(?:'s)? (?P<title>(?:[a-z][a-z-]+ |" + _CAP_WORD + r" ){1,4})" + HONORIFIC + r"⟦P(?P<p>\d+)⟧"
)
# "the EPO's Vice-President Patent Granting Process, Ingrid Halvorsen", "DBS Bank's head of SME banking, Ms. Priya
# Raman": a title that starts with a title word
_POSSESSIVE_TITLE = re.compile(
    r"⟦O(?P<o>\d+)⟧['’]s (?:new |current |former |incoming |outgoing )?(?P<title>[A-Za-z][A-Za-z-]+(?: [A-Za-z][A-Za-z-]+){0,5}), "
    + HONORIFIC
    + r"⟦P(?P<p>\d+)⟧"
)
# "Jane Doe, the Office's Commissioner, said", "Jane Doe was appointed as the Office's new Commissioner in May"
_TITLE_END = r"(?=\s*(?:[,.;:(]|$|\b(?:in|on|from|with|effective|and|since|until|for)\b))"
_NAME_POSSESSIVE_TITLE = re.compile(
    r"⟦P(?P<p>\d+)⟧(?:,(?: who (?:has |had )?(?:served as|serves as|is|was|has been|became))?| " + _APPOINTED
    + r"| is| was| became| (?:has )?serve[sd]? as| has been| took office as| takes office as) (?:the )?⟦O(?P<o>\d+)⟧['’]s "
    r"(?:new |current |former )?"
    r"(?P<title>[A-Za-z][A-Za-z-]*(?: [A-Za-z][A-Za-z-]*){0,4}?)" + _TITLE_END
)
# "Its Commissioner, Ofir Alon, spoke to ...", "..., its Managing Director, Dr. Jane Doe, told reporters": the
# organisation "its" stands for
_ITS_TITLE = re.compile(r"\b[Ii]ts (?:new |current )?(?P<title>[A-Za-z][A-Za-z-]*(?: [A-Za-z][A-Za-z-]*){0,3}), "
                        + HONORIFIC + r"⟦P(?P<p>\d+)⟧")
# "Jane Doe, who heads the Office": the verb says the title
_WHO_HEADS = re.compile(r"⟦P(?P<p>\d+)⟧,?(?: who)? (?:also |currently |now )?(?:has )?(?P<verb>heads|headed|chairs|chaired|directs|directed) "
                        r"(?:the )?⟦O(?P<o>\d+)⟧(?!['’]s)")
# "Professor Hiroshi Sato of the University of Tokyo"
_TITLE_NAME_OF_ORG = re.compile(
    r"(?P<title>(?:" + _CAP_WORD + r" ){1,3})⟦P(?P<p>\d+)⟧,? (?:of|from|at) (?:the )?⟦O(?P<o>\d+)⟧"
)
_TITLE_OF_ORG_NAME = re.compile(  # "Director of the X, Y", "A representative of the X, Ms. Y"
    r"(?P<title>(?:A|An|The) (?:[a-z][a-z-]+ ){1,3}|(?:" + _CAP_WORD + r" ){1,4})of (?:the )?⟦O(?P<o>\d+)⟧" + ACRONYM_AFTER
    + r",? " + HONORIFIC
    + r"⟦P(?P<p>\d+)⟧"
)
# a career told in one sentence about one person: "she spent eight years at X, most recently as Director of the Y",
# "who served as X's Chief Executive Officer"
_CAREER_VERBS = re.compile(
    r"\b(?:serve[sd]?|serving|work(?:s|ed|ing)?|practi[sc]e[sd]?|career|spent|spends|joined|joining|appointed|named"
    r"|act(?:s|ed)|previously|formerly|most recently)\b"
)
_AS_TITLE = re.compile(
    r"\bas (?:an? |the )?" + _TITLE + r",? (?:of|at|with|for|in) (?:the )?⟦O(?P<o>\d+)⟧"
    r"|\bas (?:the )?⟦O(?P<own>\d+)⟧['’]s (?P<own_title>[A-Za-z][A-Za-z-]*(?: [A-Za-z][A-Za-z-]*){0,5})"
)
_ANY_TITLE = PRE_NAME_TITLES | TITLE_WORDS
_NOT_TITLE = frozenset(
    "is was are were has have had said says will would and or but which that who this these those "
    "their its his her our we they he she it also".split()
)


def _title_word(word: str, titles: frozenset[str] = TITLE_WORDS) -> bool:
    """A title word, or a hyphened one whose last part is ("vice-president", "co-founder", "editor-in-chief")."""
    word = word.lower().strip(",")
    return word in titles or word.rsplit("-", 1)[-1] in titles


def _clean_title(title: str) -> str:
    words = title.strip().split()
    if not words or any(w.lower() in _NOT_TITLE for w in words):
        return ""
    if not any(_title_word(w) for w in words):
        return ""
    return " ".join(words)


def positions(ctx: DocContext, masked: Masked, span: tuple[int, int]) -> list[Found]:
    found: list[Found] = []
    text = masked.text
    for match in _AFTER_NAME.finditer(text):
        title = _clean_title(match.group("title"))
        if not title:
            continue
        person = int(match.group("p"))
        if successor := _SUCCEEDS.search(text[:match.start()]):
            person = int(successor.group("p"))  # "A succeeds B as Director General of X": A's title
        org = owned_unit(text, match.end(), int(match.group("o")))
        found.append(Found(person, "holdsPosition", org, span, title, "title-after-name"))
        rest = text[match.end():]
        rest = _skip_parent(rest)
        while more := _MORE_TITLES.match(rest):
            title = _clean_title(more.group("title"))
            if not title:
                break
            org = owned_unit(rest, more.end(), int(more.group("o")))
            found.append(Found(person, "holdsPosition", org, span, title, "title-after-name"))
            rest = _skip_parent(rest[more.end():])
    for match in _COMMA_ORG_TITLE.finditer(text):
        if title := _clean_title(match.group("title")):
            found.append(Found(int(match.group("p")), "holdsPosition", int(match.group("o")), span, title,
                               "comma-org-title"))
    for match in _FROM_ORG.finditer(text):
        found.append(Found(int(match.group("p")), "holdsPosition", int(match.group("o")), span, "", "from-org"))
    for match in _COMMA_TITLE_ORG.finditer(text):
        if title := _clean_title(match.group("title")):
            found.append(Found(int(match.group("p")), "holdsPosition", int(match.group("o")), span, title,
                               "comma-title-org"))
    for pattern in (_BEFORE_NAME, _TITLE_OF_ORG_NAME, _TITLE_NAME_OF_ORG):
        for match in pattern.finditer(text):
            if pattern is not _BEFORE_NAME and re.search(r"⟦P\d+⟧,\s*$", text[:match.start()]):
                continue  # "X, Director of the Y, Z, ...": the title is X's, said after X's name; but in a list
                # ("IPOS Chief Executive X, JPO Commissioner Z and ...") the title before Z is Z's
            words = match.group("title").split()
            if words and words[0] in ("The", "A", "An"):
                words = words[1:]
            if words and all(_title_word(w, _ANY_TITLE) for w in words):
                found.append(
                    Found(int(match.group("p")), "holdsPosition", int(match.group("o")), span,
                          " ".join(words), "title-before-name")
                )
    found += _careers(text, span)
    for match in _APPOINTS.finditer(text):
        if title := _clean_title(match.group("title")):
            found.append(Found(int(match.group("p")), "holdsPosition", int(match.group("o")), span, title, "appoints"))
    for match in _NAME_POSSESSIVE_TITLE.finditer(text):
        if title := _clean_title(match.group("title")):
            found.append(Found(int(match.group("p")), "holdsPosition", int(match.group("o")), span, title,
                               "name-possessive-title"))
    its_tokens = [t for t in masked.sentence if t.lower_ == "its"]
    for its in _ITS_TITLE.finditer(text):
        before = len(re.findall(r"\b[Ii]ts\b", text[:its.start()]))  # which "its" of the sentence
        org = ctx.referent(its_tokens[before]) if before < len(its_tokens) else None
        title = _clean_title(its.group("title"))
        if org is not None and title and ctx.cls(org) == "Organization":
            found.append(Found(int(its.group("p")), "holdsPosition", org, span, title, "its-title"))
    for match in _WHO_HEADS.finditer(text):
        title = TITLE_OF_HEADING_VERB[re.sub(r"(?:s|ed)$", "", match.group("verb"))]
        found.append(Found(int(match.group("p")), "holdsPosition", int(match.group("o")), span, title, "who-heads"))
    for match in _POSSESSIVE_TITLE.finditer(text):
        if re.split(r"[- ]", match.group("title"))[0].lower() in TITLE_WORDS:
            found.append(Found(int(match.group("p")), "holdsPosition", int(match.group("o")), span,
                               match.group("title"), "possessive-title"))
    return found


def _careers(text: str, span: tuple[int, int]) -> list[Found]:
    """"... most recently as Director of the ⟦O2⟧": the sentence's one person, or the one a "who" clause is about."""
    people = {m.group(2) for m in PLACEHOLDER.finditer(text) if m.group(1) == "P"}
    if not people or not _CAREER_VERBS.search(text):
        return []
    found = []
    for match in _AS_TITLE.finditer(text):
        before = text[:match.start()]
        who = re.search(r"⟦P(\d+)⟧,? who [^⟦]*$", before)  # "X succeeds Y, who served as ..."
        if not who and not (len(people) == 1 and "⟦P" in before):
            continue
        person = int(who.group(1)) if who else int(next(iter(people)))
        org = match.group("o") or match.group("own")
        title = _clean_title(match.group("title") or _own_title(match.group("own_title")))
        if title:
            found.append(Found(person, "holdsPosition", int(org), span, title, "career-as"))
    return found


def _own_title(words: str) -> str:
    """"Chief Executive Officer for six years": the capitalised words that make the title."""
    return " ".join(itertools.takewhile(lambda w: w[:1].isupper(), words.split()))


def _skip_parent(rest: str) -> str:
    """After "... of the ⟦O5⟧", skip " of the ⟦O0⟧" and " (⟦O0⟧)": the unit's parent and acronyms."""
    while True:
        match = re.match(r"^\s*(?:(?:of|at) (?:the )?⟦O\d+⟧|\(⟦O\d+⟧\))", rest)
        if not match:
            return rest
        rest = rest[match.end():]
