"""Acronyms the text defines: "China National Intellectual Property Administration (CNIPA)".

An acronym whose long form is a name becomes a mention wherever it occurs,
typed like its long form; one whose long form is a common noun
("intellectual property (IP)") is remembered as generic, so that the NER's
"IP" is not taken for an organisation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.nlp.candidates import Candidate
from kg.nlp.lexicon import GENERIC_ACRONYMS, HEAD_CLASS, SEGMENT_BREAKS, SUBCLASS_BY_HEAD

_DEFINITION = re.compile(r"\(\s*([A-Z][A-Za-z0-9&.\-]{1,11})\s*\)")
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")


@dataclass(frozen=True)
class Acronyms:
    candidates: tuple[Candidate, ...]
    generic: frozenset[str]
    expansions: dict  # acronym -> long form (for name keys: "IP" -> "intellectual property")


def find_acronyms(cleaned: str, proposed: list[Candidate]) -> Acronyms:
    ends: dict[int, list[Candidate]] = {}
    for cand in proposed:
        ends.setdefault(cand.end, []).append(cand)
    generic: set[str] = set(GENERIC_ACRONYMS)
    expansions: dict[str, str] = {}
    defined: dict[str, Candidate] = {}
    found: list[Candidate] = []
    for match in _DEFINITION.finditer(cleaned):
        acronym = match.group(1).rstrip(".")
        if not _acronym_shape(acronym):
            continue
        before = match.start()
        while before > 0 and cleaned[before - 1] == " ":
            before -= 1
        long_forms = sorted(ends.get(before, []), key=lambda c: (-c.priority, -c.length))
        if long_forms:
            long = long_forms[0]
            if long.ref and long.source == "reference" and _covered(proposed, match.start(1), match.end(1)):
                continue  # the reference data knows this acronym already
            # the first that fits: "Republic of Latvia" in "Patent Office of the Republic of Latvia (LRPV)" does not
            long = next((c for c in long_forms if _fits(acronym, cleaned[c.start:c.end], c)), None)
            if long is None:
                continue
            text = cleaned[long.start:long.end]
            expansions[acronym] = text
            defined[acronym] = long
            continue
        words = _WORD.findall(cleaned[max(0, before - 120):before])[-8:]
        fit = _fitting_tail(acronym, words)
        if not fit:
            continue
        expansions[acronym] = " ".join(fit)
        if all(w[0].islower() for w in fit if w.lower() not in ("and", "of", "the", "for")):
            generic.add(acronym)
            generic.add(_singular(acronym))  # "international depositary authorities (IDAs)", then "IDA status"
            generic.add(acronym.upper())
            continue
        cls, subclass = _class_from_next_word(cleaned, match.end()), ""
        if not cls:
            cls, subclass = _class_from_head(fit)
        if cls:
            start = _start_of(cleaned, fit, before)
            long = Candidate(start, before, cls, "acronym", subclass)
            if start >= 0:
                found.append(long)
                defined[acronym] = long
    for acronym, long in defined.items():
        name = cleaned[long.start:long.end]
        for occurrence in re.finditer(rf"(?<![\w-]){re.escape(acronym)}(?![\w-])", cleaned):
            if not _covered(proposed, occurrence.start(), occurrence.end(), sources=("reference",)):
                found.append(
                    Candidate(occurrence.start(), occurrence.end(), long.cls, "acronym", long.subclass,
                              ref=long.ref, name=name)
                )
    return Acronyms(tuple(found), frozenset(generic), expansions)


def _acronym_shape(text: str) -> bool:
    capitals = sum(c.isupper() for c in text)
    return capitals >= 2 and capitals >= len(text.replace(".", "")) - 2


def _singular(acronym: str) -> str:
    """"IDAs" -> "IDA"; any other acronym as it is."""
    return acronym[:-1] if acronym.endswith("s") and acronym[:-1].isupper() else acronym


def _letters(acronym: str) -> list[str]:
    """The letters an acronym spells, without a plural's "s" ("IDAs")."""
    return [c for c in _singular(acronym).upper() if c.isalpha()]


def _initials_fit(acronym: str, long_form: str) -> bool:
    letters = _letters(acronym)
    initials = [w[0].upper() for w in _WORD.findall(long_form)]
    it = iter(initials)
    return bool(letters) and letters[0] == (initials[0] if initials else "") and all(c in it for c in letters)


def _initials_reordered(acronym: str, long_form: str) -> bool:
    """An acronym of the name in its own language: "National Institute of Industrial Property (INPI)", from
    Instituto Nacional da Propriedade Industrial. The same initials in another order, three at least; a
    country's adjective may come before the name ("French National Institute ... (INPI)")."""
    letters = sorted(_letters(acronym))
    initials = [w[0] for w in _WORD.findall(long_form) if w[0].isupper()]
    return len(letters) >= 3 and letters in (sorted(initials), sorted(initials[1:]))


def _fits(acronym: str, text: str, long: Candidate) -> bool:
    return (_initials_fit(acronym, text) or _initials_reordered(acronym, text) or _letters_fit(acronym, text)
            or _foreign(acronym, long))


def _foreign(acronym: str, long: Candidate) -> bool:
    """"Patent Office of the Republic of Latvia (LRPV)": a body's acronym in its own language, right after its
    English name, whose letters need not fit."""
    return long.cls == "Organization" and acronym.isupper() and 3 <= len(acronym) <= 8


def _letters_fit(acronym: str, long_form: str) -> bool:
    """"Israel Patent Office (ILPO)": the acronym's letters in order in the name, from its first letter, with the
    initial of every capitalised word among them."""
    letters = _letters(acronym)
    words = [w for w in _WORD.findall(long_form) if w[0].isupper()]
    name = "".join(words).upper()
    if not letters or not name or letters[0] != name[0] or len(letters) < 3:
        return False
    it = iter(name)
    return all(c in it for c in letters) and all(w[0].upper() in letters for w in words)


def _fitting_tail(acronym: str, words: list[str]) -> list[str]:
    """The shortest tail of `words` whose initials spell the acronym (function words optional)."""
    letters = _letters(acronym)
    for size in range(1, len(words) + 1):
        tail = words[-size:]
        if tail[0].lower() in ("and", "of", "the", "for"):
            continue
        if tail[0][0].upper() == letters[0] and _initials_fit(acronym, " ".join(tail)):
            content = [w for w in tail if w.lower() not in ("and", "of", "the", "for", "on", "in")]
            if len(content) >= len(letters) - 1:
                return tail
    return []


def _start_of(text: str, words: list[str], end: int) -> int:
    """Where the words end at `end` with only spaces and commas between them
    ("Ministry of Economy, Trade and Industry"), else -1."""
    pattern = r"[\s,]+".join(re.escape(w) for w in words) + r"$"
    match = re.search(pattern, text[max(0, end - 200):end])
    return -1 if match is None else max(0, end - 200) + match.start()


def _class_from_head(words: list[str]) -> tuple[str, str]:
    """The class and subclass the long form's head gives it: the last capitalised word before "of", "for", ...
    ("Ministry of Economy, Trade and Industry"); none for a lower-case head."""
    segment: list[str] = []
    for word in words:
        if word.lower() in SEGMENT_BREAKS and segment:
            break
        segment.append(word)
    head = segment[-1]
    if not head[:1].isupper():
        return "", ""
    cls = HEAD_CLASS.get(head.lower(), "")
    return cls, SUBCLASS_BY_HEAD.get(head.lower(), "") if cls == "Organization" else ""


def _class_from_next_word(text: str, pos: int) -> str:
    match = re.match(r"\s*([a-z]+)", text[pos:pos + 30])
    if not match:
        return ""
    word = match.group(1)
    return HEAD_CLASS.get(word) or HEAD_CLASS.get(word.rstrip("s"), "")


def _covered(candidates: list[Candidate], start: int, end: int, sources=("reference",)) -> bool:
    return any(c.start <= start and end <= c.end and c.source in sources for c in candidates)
