"""Candidate mentions and the helpers the name finders share.

A `Candidate` is a typed character span some rule or model proposed; the
finders only propose, `mentions.select` decides which candidates survive.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from kg.naming import HONORIFICS
from kg.nlp.lexicon import (
    EVENT_HEADS,
    HEAD_CLASS,
    NAME_CONNECTORS,
    ORDINAL_EVENT_HEADS,
    SEGMENT_BREAKS,
    TITLE_WORDS,
)

# how much a source is trusted when candidates overlap
PRIORITY = {
    "reference": 6,
    "speaker": 5,
    "acronym": 5,
    "chinese": 5,
    "quoted": 4,
    "name-rule": 3,
    "description": 2,
    "ner": 1,
}

LEADING_WORDS = frozenset(
    "the a an this that these those its their our his her my your whose which new newly".split()
) | HONORIFICS

TRAILING_WORDS = NAME_CONNECTORS | {"'"}  # words that join a name's words never end it

ORDINAL_WORDS = frozenset(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth".split()
)


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    cls: str
    source: str
    subclass: str = ""
    ref: str = ""  # reference IRI
    name: str = ""  # canonical name when it differs from the text (an acronym's expansion)
    parent: tuple[int, int] | None = None  # span of the body this unit belongs to
    nested: bool = False  # a name inside a longer name ("... of the National People's Congress")

    @property
    def priority(self) -> int:
        return PRIORITY[self.source]

    @property
    def length(self) -> int:
        return self.end - self.start

    def overlaps(self, other: "Candidate") -> bool:
        return self.start < other.end and other.start < self.end


def trim(span: Span) -> Span | None:
    """Drop leading determiners, possessives and honorifics, and a trailing "'s" or connector, from a span."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ in LEADING_WORDS or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].lower_ in TRAILING_WORDS or doc[end - 1].is_punct):
        end -= 1  # "the Trademark Office of the": the model stopped before the parent's name
    return doc[start:end] if start < end else None


def is_ordinal(token: Token) -> bool:
    text = token.lower_
    return text in ORDINAL_WORDS or (
        text[:-2].isdigit() and text[-2:] in ("st", "nd", "rd", "th") and len(text) > 2
    )


def head_class(tokens: list[Token]) -> tuple[str, Token | None]:
    """The class a name's head word gives it: ("Law", token) for "... Regulations", else ("", None).

    The head is the last word of the name's first segment (before "of",
    "for", ...); years, numbers and bracketed parts after it are skipped.
    """
    segment: list[Token] = []
    for token in tokens:
        if token.lower_ in SEGMENT_BREAKS and segment:
            break
        segment.append(token)
    for token in reversed(segment):
        word = token.lower_
        if token.like_num or token.is_punct or is_place_token(token):
            continue
        cls = HEAD_CLASS.get(word) or HEAD_CLASS.get(token.lemma_.lower(), "")
        if word == "paper" and (token.i == 0 or token.nbor(-1).lower_ != "white"):
            cls = ""
        if word in ORDINAL_EVENT_HEADS:
            cls = "Event" if any(is_ordinal(t) for t in tokens) else "Organization"
        if word == "act" and _act_of_a_treaty(tokens, token):
            cls = "Treaty"  # "the Geneva Act of the Hague Agreement": a revision of a treaty is a treaty
        # a name whose last word is not a head has none ("Patent Prosecution Highway")
        return (cls, token) if cls else _event_at_end(tokens, segment)
    return "", None


def _act_of_a_treaty(tokens: list[Token], head: Token) -> bool:
    """"Act of the Hague Agreement", "Act of the Hague Agreement Concerning ...": the name after "of" (up to
    the next segment word) ends in a treaty's head."""
    rest = [t for t in tokens if t.i > head.i]
    if not rest or rest[0].lower_ != "of":
        return False
    owner = list(itertools.takewhile(lambda t: t.lower_ not in SEGMENT_BREAKS, rest[1:]))
    return bool(owner) and HEAD_CLASS.get(owner[-1].lower_) == "Treaty"


def _event_at_end(tokens: list[Token], segment: list[Token]) -> tuple[str, Token | None]:
    """"Trilateral Heads of Office Meeting": a meeting named after who meets ends in its head, after "of".
    Not after a title ("Chair of the Summit" is a person's title)."""
    words = [t for t in tokens if t.is_alpha]
    if len(words) < 3 or words[-1] in segment or any(t.lower_ in TITLE_WORDS for t in segment):
        return "", None
    last = words[-1]
    if last.lower_ in EVENT_HEADS and last.lower_ not in ORDINAL_EVENT_HEADS and last.text[:1].isupper():
        return "Event", last
    return "", None


def is_place_token(token: Token) -> bool:
    return token.ent_type_ in ("GPE", "LOC") or "/id/place/" in token.ent_id_


def char_span(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")
