"""Where a figure is, and whose it is: the place a sentence gives it, the country or office that is the
subject of its verb, the country a national office serves, or the country the document is about."""

from __future__ import annotations

import re
from collections.abc import Mapping

from spacy.tokens import Span

from kg.nlp.context import DocContext


def main_country(ctx: DocContext) -> int | None:
    """The country the document is about: the one named most often, at least twice, and more than any other."""
    counts: dict[int, int] = {}
    first: dict[int, int] = {}
    for i, mention in enumerate(ctx.found.mentions):
        if mention.cls == "Place" and mention.subclass == "Country":
            cluster = ctx.cluster(i)
            counts[cluster] = counts.get(cluster, 0) + 1
            first.setdefault(cluster, i)
    ranked = sorted(counts, key=lambda c: (-counts[c], c))
    if not ranked or counts[ranked[0]] < 2 or (len(ranked) > 1 and counts[ranked[1]] == counts[ranked[0]]):
        return None  # no country the document is about: "companies from the United States, Germany and Japan"
    return first[ranked[0]]


_WORLDWIDE = re.compile(r"\b(?:world(?:wide)?|global(?:ly)?|international(?:ly)?|abroad|overseas|foreign)\b", re.I)


# reference organisations that serve no one country unless the reference data says which
_INTERNATIONAL = frozenset({"IPOffice", "InternationalOrganization"})


def served_area(ctx: DocContext, subject: int | None, areas: Mapping[str, str],
                main_place: int | None) -> int | None:
    """The country the office that is the figure's subject serves, as mentioned in the document (none if it is
    not mentioned: "the UKIPO received 19,400 applications" in a text mostly about Singapore; none for an
    international organisation or a regional office, "the EPO has 39 member states"); else the document's
    main country."""
    if subject is None:
        return main_place
    cluster = ctx.cluster(subject)
    known = [m for i, m in enumerate(ctx.found.mentions) if m.ref and ctx.cluster(i) == cluster]
    served = next((areas[m.ref] for m in known if m.ref in areas), "")
    if not served:
        international = any(m.subclass in _INTERNATIONAL for m in known)
        return None if international else main_place
    return next((i for i, m in enumerate(ctx.found.mentions) if m.cls == "Place" and m.ref == served), None)


def default_area(sentence: Span, main_place: int | None) -> int | None:
    """The document's main country, unless the sentence speaks of the world or of other countries."""
    return None if _WORLDWIDE.search(sentence.text) else main_place


def stated_area(ctx: DocContext, sentence: Span, start: int) -> int | None:
    """A place the sentence gives the figure at `start`: "Japan (22,000)", "in Japan"."""
    before = ctx.text[max(sentence.start_char, start - 20):start]
    for i, mention in enumerate(ctx.found.mentions):
        if mention.cls != "Place" or not (sentence.start_char <= mention.start < sentence.end_char):
            continue
        if mention.end <= start and re.fullmatch(r"\s*\(\s*", ctx.text[mention.end:start]):
            return i  # "Japan (22,000)"
        if re.search(r"\bin\s*$", ctx.text[max(0, mention.start - 6):mention.start]) and "\n" not in before:
            return i
    return None


def first(*indices: int | None) -> int | None:
    return next((i for i in indices if i is not None), None)


def subject_entity(ctx: DocContext, ent: Span, cls: str) -> int | None:
    """The mention of `cls` that is the subject of the figure's verb: the office that granted, the country that
    filed ("Korea filed 243,000 applications") or rose ("India rose to 38th place")."""
    verb = ent.root
    while verb.dep_ not in ("ROOT",) and verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects and verb.dep_ == "advcl" and verb.tag_ == "VBG":  # "China entered the top 10, ranking 10th"
        subjects = [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    for child in subjects:
        index = ctx.mention_of(child)
        if index is not None and ctx.cls(index) == cls:
            return index
    return None
