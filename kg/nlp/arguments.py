"""The arguments of a verb in the dependency parse: who did it (active subject or passive agent, with
conjuncts, lists and pronouns resolved), to what, with whom, and where."""

from __future__ import annotations

import re

from spacy.tokens import Token

from kg.nlp.context import DocContext


def arguments(ctx: DocContext, verb: Token) -> tuple[list[int], list[int]]:
    """(subject mentions, object mentions) of a verb, passive voice included."""
    subjects: list[int] = []
    objects: list[int] = []
    for child in verb.children:
        if child.dep_ in ("nsubj", "csubj"):
            subjects += with_conjuncts(ctx, child) + _together_with(ctx, child)
        elif child.dep_ == "nsubjpass":
            objects += with_conjuncts(ctx, child)
        elif child.dep_ in ("dobj", "attr", "oprd"):
            objects += objects_in(ctx, child)
        elif child.dep_ == "agent":
            for pobj in child.children:
                subjects += with_conjuncts(ctx, pobj)
        elif child.dep_ == "prt" and child.lower_ in ("up", "out"):
            continue
    if not objects:  # "formulated and implemented the measures": the object of the last conjunct
        for conj in verb.children:
            if conj.dep_ == "conj" and conj.pos_ == "VERB":
                objects = [o for c in conj.children if c.dep_ in ("dobj", "attr") for o in objects_in(ctx, c)]
                break
    if not objects and verb.dep_ == "conj" and verb.tag_ == "VBN" and verb.head.pos_ == "VERB":
        # "The scheme is funded by the World Bank and managed by the Office": the first verb's passive subject
        objects = [o for c in verb.head.children if c.dep_ == "nsubjpass" for o in with_conjuncts(ctx, c)]
    if not subjects and verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.pos_ in ("VERB", "AUX"):
        subjects, _ = arguments(ctx, verb.head)  # "... and joined the X": the first verb's subject
    if verb.dep_ == "xcomp" or (verb.dep_ == "advcl" and not subjects):
        subjects = subjects or arguments(ctx, verb.head)[0]
    if not subjects and verb.dep_ == "pcomp" and verb.head.dep_ == "prep":
        # "In implementing the X, we handled ...": ours; "X is responsible for administering Y": X's
        governor = verb.head.head
        if governor.pos_ == "ADJ" and governor.dep_ == "acomp":
            governor = governor.head
        if governor.pos_ in ("VERB", "AUX"):
            subjects = arguments(ctx, governor)[0]
    return unique(subjects), unique(objects)


def with_conjuncts(ctx: DocContext, token: Token) -> list[int]:
    """The mention a token stands for and those of its conjuncts, also conjuncts attached inside
    a long name ("the Hague Agreement Concerning ... Industrial Designs and the Marrakesh Treaty")."""
    found = []
    for member in [token, *token.conjuncts]:
        indices = ctx.referents(member)
        if len(indices) != 1:
            found += indices  # "the two offices": both, no list inside a name to read
            continue
        index = indices[0]
        found.append(index)
        mention = ctx.found.mentions[index]
        for inner in ctx.doc.char_span(mention.start, mention.end, alignment_mode="expand") or []:
            # list members the parser hung on a word inside the name, as conjuncts or appositions
            linked = list(inner.conjuncts) + [c for c in inner.children if c.dep_ == "appos"]
            for member in linked:
                for other in [ctx.referent(member)] + [ctx.referent(c) for c in member.conjuncts]:
                    if other is not None and other != index and member.i > inner.i and other not in found:
                        found.append(other)
    if found:
        found += [i for i in _listed_after(ctx, found[0]) if i not in found]
    return found


def jointly_with(ctx: DocContext, verb: Token) -> list[int]:
    """"launched the X Plan ..., jointly with A, B and C": "jointly with" wherever the parser hung it in the
    clause (often on the last word of a long name)."""
    found: list[int] = []
    for token in verb.subtree:
        if token.dep_ == "prep" and token.lower_ == "with" and token.i > verb.i \
                and token.nbor(-1).lower_ in ("jointly", "together"):
            for pobj in token.children:
                if pobj.dep_ == "pobj":
                    found += with_conjuncts(ctx, pobj)
    return found


def _together_with(ctx: DocContext, subject: Token) -> list[int]:
    """"X, together with Y, organised ...": Y is a subject too."""
    found: list[int] = []
    for prep in subject.children:
        if prep.dep_ == "prep" and prep.lower_ == "with" and any(c.lower_ in ("together", "along") for c in prep.children):
            for pobj in prep.children:
                if pobj.dep_ == "pobj":
                    found += with_conjuncts(ctx, pobj)
    return found


def _listed_after(ctx: DocContext, index: int) -> list[int]:
    """The other items of a list that starts with mention `index`, read from the text ("by A (a), B, C and D",
    where the parser hung B and C elsewhere); none unless the list ends in "and" or "or"."""
    mentions, text = ctx.found.mentions, ctx.text
    cls, end = mentions[index].cls, mentions[index].end
    items: list[int] = []
    for k in range(index + 1, len(mentions)):
        mention = mentions[k]
        if mention.nested or mention.start < end:
            continue
        gap = text[end:mention.start]
        closing = _CLOSING.match(text, mention.end)
        if _OPENING.fullmatch(gap) and closing:  # the acronym in brackets after a name
            end = closing.end()
            continue
        separator = _SEPARATOR.fullmatch(gap)
        if separator is None or mention.cls != cls:
            return []
        items.append(k)
        end = mention.end
        if separator.group("last"):
            return items
    return []


_OPENING = re.compile(r"\s*\(\s*")
_CLOSING = re.compile(r"\s*\)")
_SEPARATOR = re.compile(r"(?:\s*\([^()]{1,20}\))?(?:\s*,\s*(?:the\s+)?|\s*,?\s+(?P<last>and|or)\s+(?:the\s+)?)")


def objects_in(ctx: DocContext, token: Token) -> list[int]:
    """Mentions an object phrase names: itself and its conjuncts, or a name inside it ("its 'X' White Paper")."""
    direct = with_conjuncts(ctx, token)
    inner: list[int] = []  # "26 treaties, including the Paris Convention and the Berne Convention"
    for member in [token, *token.conjuncts]:
        for prep in member.children:
            if prep.dep_ == "prep" and prep.lower_ in ("including", "like", "as"):
                for pobj in prep.children:
                    inner += with_conjuncts(ctx, pobj)
    if direct or inner:
        return direct + inner
    for descendant in token.subtree:
        index = ctx.mention_of(descendant)
        if index is not None and descendant.dep_ not in ("poss",):
            return [index] + [i for c in descendant.conjuncts if (i := ctx.mention_of(c)) is not None]
    return []


def prep_objects(ctx: DocContext, verb: Token, preps: tuple[str, ...], *, depth: int = 1) -> list[int]:
    found: list[int] = []
    frontier = [verb]
    for _ in range(depth):
        next_frontier = []
        for node in frontier:
            # "acceded to the X in 1998 and to the Y in 2020": a prepositional phrase and its conjuncts
            children = [c for child in node.children for c in (child, *(child.conjuncts if child.dep_ == "prep" else ()))]
            for child in dict.fromkeys(children):
                if child.dep_ in ("prep", "conj") and child.lower_ in preps:
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            # "at the opening ceremony of the Third Belt and Road Forum": both
                            named = with_conjuncts(ctx, pobj) + _of_object(ctx, pobj)
                            found += named
                            found += including(ctx, pobj)
                        elif pobj.dep_ == "prep":  # "along with", "together with"
                            for inner in pobj.children:
                                found += with_conjuncts(ctx, inner)
                elif child.dep_ in ("dobj", "prep", "pobj", "prt", "advmod", "agent") and child.pos_ != "VERB":
                    next_frontier.append(child)
        frontier = next_frontier
    return unique(found)


def _of_object(ctx: DocContext, token: Token) -> list[int]:
    """"at the opening ceremony of the Third Belt and Road Forum": the event the ceremony is part of."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return with_conjuncts(ctx, pobj)
    return []


_AUDIENCE = frozenset("delegate participant attendee audience guest".split())
SPEECH = frozenset("address speech remark keynote presentation statement".split())


def audience_event(ctx: DocContext, verb: Token) -> list[int]:
    """"X told delegates that ...", "X welcomed participants", "In her keynote address, X said ...": the event
    named last, in this sentence or the one before."""
    heard = [c for c in verb.children if c.dep_ in ("dobj", "dative") and c.lemma_.lower() in _AUDIENCE]
    heard += [p for c in verb.children if c.dep_ == "prep" and c.lower_ in ("in", "during")
              for p in c.children if p.dep_ == "pobj" and p.lemma_.lower() in SPEECH]
    event = ctx.last_event(verb.idx) if heard else None
    return [event] if event is not None else []


def it_event(ctx: DocContext, verb: Token) -> list[int]:
    """"It was hosted by X": "it" is the event named last, in this sentence or the one before."""
    if any(c.dep_ == "nsubjpass" and c.lower_ == "it" for c in verb.children):
        event = ctx.last_event(verb.idx)
        return [event] if event is not None else []
    return []


def cities_first(ctx: DocContext, places: list[int]) -> list[int]:
    """"in Seoul, Republic of Korea": the venue is the city; the country after its comma is where the city is."""
    mentions, text = ctx.found.mentions, ctx.text
    ends = {mentions[i].end for i in places}
    return [i for i in places if not any(text[end:mentions[i].start] == ", " for end in ends)]


_PARTNERSHIP = frozenset("partnership cooperation collaboration conjunction association".split())


def in_partnership_with(ctx: DocContext, verb: Token) -> list[int]:
    """"... in partnership with the Indian Institute of Technology": who the verb's subject acts with (the
    parser hangs the phrase on the verb, its subject or its agent)."""
    found: list[int] = []
    actors = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    actors += [p for c in verb.children if c.dep_ == "agent" for p in c.children]
    for prep in [c for head in (verb, *actors) for c in head.children]:
        if prep.dep_ == "prep" and prep.lower_ == "in":
            for noun in prep.children:
                if noun.dep_ == "pobj" and noun.lemma_.lower() in _PARTNERSHIP:
                    found += prep_objects(ctx, noun, ("with",))
    return found


def including(ctx: DocContext, token: Token) -> list[int]:
    """"17 BRI partners, including Russia, Singapore, ... and Saudi Arabia"."""
    found: list[int] = []
    for child in token.subtree:
        if child.dep_ == "prep" and child.lower_ in ("including", "like"):
            for pobj in child.children:
                found += with_conjuncts(ctx, pobj)
    return found


def unique(items: list[int]) -> list[int]:
    return list(dict.fromkeys(items))
