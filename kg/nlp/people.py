"""People named where the NER misses them: a name before a title ("Shen Changyu, commissioner of ..."),
after a capitalised title ("CIPO Chief Executive Odile Brunet") or an honorific ("Dr Kettering"), and a
byline ("By CAO YIN")."""

from __future__ import annotations

import re
from collections.abc import Callable

from kg.naming import HONORIFIC_PATTERN
from kg.nlp.candidates import Candidate
from kg.nlp.lexicon import HEAD_CLASS, PRE_NAME_TITLES, TITLE_WORDS
from kg.nlp.names import HEADLINE_VERBS, MONTHS, NAME_PARTICLES

# a capitalised word of a name, accented letters included ("Cárdenas", "Sørensen", "Nguyễn"; the Latin Extended
# blocks mix both cases)
_UPPER, _LOWER = "A-ZÀ-ÖØ-ÞĀ-ſḀ-ỿ", "a-zß-öø-ÿĀ-ſḀ-ỿ"
_WORD = "[" + _UPPER + "][" + _LOWER + "]+"
# a name with lower-case particles: "Jan van der Berg", "María José de la Fuente", "Abdulaziz bin Mohammed Al-Swailem"
_PARTICLED = (_WORD + r"(?:[ -]" + _WORD + r")?(?: (?:" + "|".join(NAME_PARTICLES) + r")){1,2} "
              + _WORD + r"(?:[ -]" + _WORD + r"){0,2}")
_TITLE_ALTERNATION = "|".join(sorted((re.escape(w) for w in TITLE_WORDS), key=len, reverse=True))
_APPOSITIVE = re.compile(
    r"(?<![\w.])(?:" + HONORIFIC_PATTERN + r"\s+)?(?P<name>" + _PARTICLED + "|" + _WORD + r"(?:[ -]" + _WORD
    + r"){1,2}),\s+"
    r"(?:the |an? )?(?:[A-Za-z-]+ ){0,3}(?i:" + _TITLE_ALTERNATION + r")\b",  # "president" or "President"
)


# words that are no part of a person's name: a head ("University"), a title ("President")
_NOT_A_NAME = frozenset(HEAD_CLASS) | TITLE_WORDS


def _people(pattern: re.Pattern, cleaned: str, not_a_name: frozenset[str],
            skip: Callable[[re.Match], bool] = lambda match: False) -> list[Candidate]:
    """The "name" group of each match of `pattern` as a person, unless one of its words is in `not_a_name`."""
    found = []
    for match in pattern.finditer(cleaned):
        words = match.group("name").replace("-", " ").split()
        if any(w.lower() in not_a_name for w in words) or skip(match):
            continue
        found.append(Candidate(match.start("name"), match.end("name"), "Person", "speaker"))
    return found


def appositive_person_candidates(cleaned: str) -> list[Candidate]:
    """"Shen Changyu, commissioner of ...": a name followed by a title is a person, even where the NER
    misses it (at the start of a line)."""
    return _people(_APPOSITIVE, cleaned, _NOT_A_NAME)


_PRE_NAME_ALTERNATION = "|".join(sorted((re.escape(w.capitalize()) for w in PRE_NAME_TITLES), key=len, reverse=True))
_TITLED = re.compile(
    r"(?<![\w-])(?:(?:" + _PRE_NAME_ALTERNATION + r")[ -]){0,3}(?:" + _PRE_NAME_ALTERNATION + r") "
    r"(?P<name>" + _PARTICLED + "|" + _WORD + r"(?:[ -]" + _WORD + r"){1,2})(?![\w-])"
)


_NAME_AFTER_COMMA = re.compile(r",\s+(?:" + _WORD + r"[ -]){1,2}" + _WORD + r"\b")


def titled_person_candidates(cleaned: str) -> list[Candidate]:
    """"INPI Director General Pascal Faure": capitalised words after a capitalised title that can stand before a
    name are a person, where the NER misses it."""
    # "Vice-President Patent Granting Process, Ingrid Halvorsen": more title, then the name
    return _people(_TITLED, cleaned, _NOT_A_NAME | MONTHS | HEADLINE_VERBS,
                   skip=lambda match: _NAME_AFTER_COMMA.match(cleaned, match.end()) is not None)


_HONORIFIC_NAME = re.compile(
    r"(?<![\w.])" + HONORIFIC_PATTERN + r"[ \t]+"
    r"(?P<name>" + _PARTICLED + "|" + _WORD + r"(?:['’-][" + _UPPER + r"]?[" + _LOWER + r"]+)?"
    r"(?:[ \t]" + _WORD + r"(?:-[" + _UPPER + r"]?[" + _LOWER + r"]+)?){0,2})(?![\w-])"
)


def honorific_person_candidates(cleaned: str) -> list[Candidate]:
    """"Dr Kettering", "Mr. Ellory": a name after an honorific is a person's, even a surname alone, which the
    NER often takes for an organisation."""
    return _people(_HONORIFIC_NAME, cleaned, _NOT_A_NAME | MONTHS)  # not "Mr President", "Dr Sun Yat-sen University"


_BYLINE = re.compile(r"^[ \t*-]*By[ \t]+(?P<name>[A-Z][A-Za-z'-]+(?:[ \t]+[A-Z][A-Za-z'-]+){1,2})\b", re.M)


def byline_candidates(cleaned: str) -> list[Candidate]:
    """"By CAO YIN" at the start of a line: the author."""
    return [Candidate(m.start("name"), m.end("name"), "Person", "speaker") for m in _BYLINE.finditer(cleaned)]
