"""What relation rules see of one document: sentences with mentions masked, tokens mapped to
mentions, and the referents of "we", "it", "she", "the administration" and "myself".

A masked sentence replaces each mention with a placeholder naming its class
and index, so a rule can be a readable regular expression:
"⟦P3⟧, commissioner of the ⟦O0⟧" -> holdsPosition(3, 0, "commissioner").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from spacy.tokens import Doc, Span, Token

from kg.naming import HONORIFIC_PATTERN
from kg.nlp.coref import DOCUMENT_CLASSES, head_word
from kg.nlp.lexicon import HEAD_CLASS
from kg.nlp.mentions import DocMentions

LETTER = {
    "Organization": "O",
    "Person": "P",
    "Place": "L",
    "Treaty": "T",
    "Programme": "G",
    "Law": "W",
    "Event": "E",
}
PLACEHOLDER = re.compile(r"⟦([OPLTGWE])(\d+)⟧")
def acronym_after(letter: str = "O") -> str:
    """"(WIPO)" after a name, as a mention of that class or as capitals that are none."""
    return r"(?: \((?:⟦" + letter + r"\d+⟧|[A-Z][A-Za-z]*[A-Z])\))?"


ACRONYM_AFTER = acronym_after("O")
HONORIFIC = r"(?:" + HONORIFIC_PATTERN + r" )?"  # "Mr. " or "Dr " before a person's placeholder, if any
_OWNED_UNIT = re.compile(r"['’]s ⟦O(\d+)⟧")


def owned_unit(text: str, end: int, named: int) -> int:
    """The organisation meant where a masked text names `named` up to `end`: its unit when one follows
    ("director of the ⟦O1⟧'s ⟦O2⟧", "part of ⟦O1⟧'s ⟦O2⟧"), else `named` itself."""
    unit = _OWNED_UNIT.match(text, end)
    return int(unit.group(1)) if unit else named

_ORG_DESCRIPTORS = frozenset(
    "administration office bureau ministry agency commission organization organisation council committee "
    "court department government institute authority directorate secretariat association corporation university "
    "academy registry tribunal centre center foundation federation".split()
)
_EVENT_DESCRIPTORS = frozenset(
    "conference forum meeting summit briefing session symposium event week expo exhibition fair workshop "
    "seminar dialogue ceremony panel".split()
)


# "the two offices", "both sides": the classes of the things they stand for, and the counts
_PLURAL_DESCRIPTORS = {
    **{w: ("Organization",) for w in "offices administrations agencies organizations organisations institutions "
       "bodies ministries bureaus bureaux courts".split()},
    **{w: ("Place",) for w in "countries nations economies".split()},
    **{w: ("Organization", "Place") for w in "sides parties partners".split()},
}
_COUNTS = {"two": 2, "both": 2, "three": 3, "four": 4}

# "the next meeting", "the previous session": another one of the kind, not the one named before
_ANOTHER_ONE = frozenset("next previous last past following upcoming future other another".split())


def _last_word(name: str) -> str:
    return name.lower().split()[-1] if name.split() else ""


def _heads(name: str, head_of: Callable[[str], str]) -> tuple[str, str]:
    """A name's head by `head_of`, and the word before its first preposition ("the forum" is the "Asia-Pacific
    Forum on IP Finance and SMEs 2025")."""
    return head_of(name), head_word(name)


_DESCRIPTOR = re.compile(r"\b[Tt]he (administration|office|bureau|ministry|agency|commission|organi[sz]ation|institute|"
                         r"authority|directorate|secretariat|academy|registry)\b")


@dataclass(frozen=True)
class Found:
    """A relation a rule found: mention indices, the sentence's span, a title for a position, the rule's name."""
    subject: int
    predicate: str
    object: int
    sentence: tuple[int, int]
    title: str = ""
    rule: str = ""


@dataclass
class Masked:
    text: str
    sentence: Span
    # placeholder text position -> mention index, in order
    mentions: list[int] = field(default_factory=list)


@dataclass
class DocContext:
    doc: Doc
    text: str
    found: DocMentions
    token_mention: dict[int, int]
    speaker_org: dict[int, int] = field(default_factory=dict)  # person cluster -> organisation mention

    @classmethod
    def build(cls, doc: Doc, text: str, found: DocMentions) -> "DocContext":
        token_mention: dict[int, int] = {}
        for i, mention in enumerate(found.mentions):
            if mention.nested:
                continue
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None:
                continue
            for token in span:
                current = token_mention.get(token.i)
                if current is None or found.mentions[current].length < mention.length:
                    token_mention[token.i] = i
        return cls(doc, text, found, token_mention)

    def cls(self, index: int) -> str:
        return self.found.mentions[index].cls

    def cluster(self, index: int) -> int:
        return self.found.clusters[index]

    def mask(self, sentence: Span) -> Masked:
        """The sentence with each mention, and each descriptor whose referent is known
        ("the administration" after a named administration), as a placeholder."""
        parts: list[str] = []
        order: list[int] = []
        pos = sentence.start_char
        spans = {}
        for t in sentence:
            index = self.token_mention.get(t.i)
            if index is not None:
                m = self.found.mentions[index]
                spans[(m.start, m.end)] = index
            elif t.lower_ in ("he", "she") and t.dep_ in ("nsubj", "nsubjpass"):
                index = self._only_person(t.idx)  # when one person has been named just before
                if index is not None:
                    spans[(t.idx, t.idx + len(t))] = index
        for match in _DESCRIPTOR.finditer(self.text, sentence.start_char, sentence.end_char):
            index = self._recent(match.start(), "Organization", head=match.group(1).lower())
            if index is not None:
                spans.setdefault((match.start(), match.end()), index)
        for (start, end), index in sorted(spans.items()):
            if start < pos:
                continue
            parts.append(self.text[pos:start])
            parts.append(f"⟦{LETTER[self.cls(index)]}{index}⟧")
            order.append(index)
            pos = end
        parts.append(self.text[pos:sentence.end_char])
        return Masked("".join(parts).replace("\n", " "), sentence, order)

    # --- referents ---------------------------------------------------------------------

    def mention_text(self, index: int) -> str:
        mention = self.found.mentions[index]
        return self.text[mention.start:mention.end]

    def mention_of(self, token: Token) -> int | None:
        return self.token_mention.get(token.i)

    def referent(self, token: Token) -> int | None:
        """The mention a token stands for: itself, or what a pronoun or descriptor refers to."""
        index = self.token_mention.get(token.i)
        if index is not None:
            return index
        word = token.lower_
        if word in ("which", "that", "who") and token.dep_ in ("nsubj", "nsubjpass", "dobj") \
                and token.head.dep_ == "relcl":
            # "the Madrid Protocol, which is administered by", "the X Program, which the CNIPA has run since 2023"
            return self.token_mention.get(token.head.head.i)
        if word in ("we", "our", "us", "ours"):
            return self._speaker_organisation(token.idx)
        if word in ("i", "me", "myself", "my"):
            return self._speaker(token.idx)
        if word in ("it", "its"):
            return self._recent(token.idx, "Organization", window=2)
        if word in ("he", "she", "him", "his", "her"):
            return self._only_person(token.idx)
        if token.pos_ == "NOUN" and word in _EVENT_DESCRIPTORS:
            # "the forum's opening ceremony", "the opening ceremony of the Third Belt and Road Forum": part of it
            owners = [c for c in token.children if c.dep_ == "poss"]
            owners += [p for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children]
            for owner in owners:
                event = self.referent(owner)
                if event is not None and self.cls(event) == "Event":
                    return event
        if token.pos_ == "NOUN" and any(c.lower_ in ("the", "this") for c in token.lefts) \
                and not any(c.lower_ in _ANOTHER_ONE for c in token.lefts):
            if word in _ORG_DESCRIPTORS:
                return self._recent(token.idx, "Organization", head=word)
            if word in _EVENT_DESCRIPTORS:
                return self._recent(token.idx, "Event", head=word)
            if HEAD_CLASS.get(word) in DOCUMENT_CLASSES:  # "the fund" after "the SME Fund"; "the treaty" after
                # "the Marrakesh Treaty to Facilitate ...", whose head is not its last word
                return self._recent(token.idx, HEAD_CLASS[word], head=word, window=3, head_of=head_word)
        return None

    def referents(self, token: Token) -> list[int]:
        """The mentions a token stands for: those of "the two offices" or "both sides" (the last ones of their
        class named before, one per entity), else what `referent` finds."""
        index = self.referent(token)
        if index is not None:
            return [index]
        if token.lower_ == "both" and token.head.dep_ == "relcl" and _of_which(token):
            return self._both_before(token.head.head)
        classes = _PLURAL_DESCRIPTORS.get(token.lower_) if token.tag_ == "NNS" else None
        count = next((_COUNTS[c.lower_] for c in token.lefts if c.lower_ in _COUNTS), 0)
        if not classes or not count:
            return []
        recent = sorted(i for cls in classes for i in self._before(token.idx, cls, window=3, nested=False))
        chosen: dict[int, int] = {}  # cluster -> its last mention, nearest first
        for i in reversed(recent):
            chosen.setdefault(self.cluster(i), i)
        return sorted(chosen.values())[-count:] if len(chosen) >= count else []

    def _both_before(self, noun: Token) -> list[int]:
        """"A and B, both of which are ...": the mention the clause hangs on and the one of its class before it
        in the sentence, or its conjuncts if the parser found them."""
        named = [i for t in [noun, *noun.conjuncts] if (i := self.token_mention.get(t.i)) is not None]
        if len(named) > 1 or not named:
            return named
        last = named[0]
        before = [i for i in self._before(self.found.mentions[last].start, self.cls(last), window=1, nested=False)
                  if self.cluster(i) != self.cluster(last)]
        return [before[-1], last] if before else []

    def _turn_at(self, pos: int):
        for turn in self.found.transcript.turns:
            if turn.start <= pos < turn.end:
                return turn
        return None

    def _speaker(self, pos: int) -> int | None:
        turn = self._turn_at(pos)
        if turn is None:
            return None
        index = self.found.at(*turn.speaker)
        return index if index is not None and self.cls(index) == "Person" else None

    def _speaker_organisation(self, pos: int) -> int | None:
        speaker = self._speaker(pos)
        if speaker is None:
            return None
        return self.speaker_org.get(self.cluster(speaker))

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start_char for s in self.doc.sents]

    @cached_property
    def _by_class(self) -> dict[str, tuple[list[int], list[int]]]:
        """Mention indices of each class, ordered by end offset, for bisecting."""
        grouped: dict[str, list[tuple[int, int]]] = {}
        for i, m in enumerate(self.found.mentions):
            grouped.setdefault(m.cls, []).append((m.end, i))
        ordered = {c: sorted(pairs) for c, pairs in grouped.items()}
        return {c: ([e for e, _ in pairs], [i for _, i in pairs]) for c, pairs in ordered.items()}

    def _before(self, pos: int, cls: str, *, window: int = 0, nested: bool = True) -> list[int]:
        """Mentions of `cls` that end by `pos`, in text order; within `window` sentences if given; without
        those inside another name unless `nested`."""
        limit = 0
        if window:
            count = bisect_right(self._sentence_starts, pos)
            limit = self._sentence_starts[count - window] if count >= window else 0
        ends, indices = self._by_class.get(cls, ((), ()))
        mentions = self.found.mentions
        return sorted(i for i in indices[:bisect_right(ends, pos)]
                      if mentions[i].start >= limit and (nested or not mentions[i].nested))

    def last_event(self, pos: int) -> int | None:
        """The event named last before `pos`, in this sentence or the one before."""
        events = self._before(pos, "Event", window=2, nested=False)
        return events[-1] if events else None

    def _only_person(self, pos: int) -> int | None:
        """The person "he" or "she" stands for: the last one named in this sentence or the one before, or
        if those name nobody, the one before that; only when they name one person (no guess between two)."""
        for window in (2, 3):
            people = self._before(pos, "Person", window=window, nested=False)
            if people:
                return people[-1] if len({self.cluster(i) for i in people}) == 1 else None
        return None

    def _recent(self, pos: int, cls: str, *, head: str = "", window: int = 0,
                head_of: Callable[[str], str] = _last_word) -> int | None:
        """The nearest mention of `cls` before `pos`, within `window` sentences if given; with `head`, one whose
        head (by `head_of`: its last word unless told; or its word before a preposition) is that word.

        An event descriptor ("the conference") falls back to the nearest event of any name.
        """
        found = self._before(pos, cls, window=window)
        if head:
            named = [i for i in found if head_of(head) in _heads(self.mention_text(i), head_of)]
            if named or cls != "Event":
                return named[-1] if named else None
        return found[-1] if found else None


def _of_which(token: Token) -> bool:
    """"both of which": the word has "of" with "which" after it."""
    return any(c.lower_ == "of" and any(g.lower_ == "which" for g in c.children) for c in token.children)
