"""All relations of one document: sentence patterns, parse rules, units, transcripts.

Positions come first: they tell whom "we" stands for in a speaker's turn.
"""

from __future__ import annotations

import re

from spacy.tokens import Span

from kg.nlp.context import DocContext, Found
from kg.nlp.lexicon import ORG_UNIT_HEADS
from kg.nlp.patterns import SENTENCE_RULES
from kg.nlp.positions import positions
from kg.nlp.text import strip_span
from kg.nlp.verbs import denied, verb_relations


def find_relations(ctx: DocContext) -> list[Found]:
    sentences = [(s, strip_span(ctx.text, s.start_char, s.end_char)) for s in ctx.doc.sents]
    masked = [(ctx.mask(s), span) for s, span in sentences]
    found: list[Found] = []
    for sentence, span in masked:
        found += positions(ctx, sentence, span)
    ctx.speaker_org = _speaker_organisations(ctx, found)
    for sentence, span in masked:
        for rule in SENTENCE_RULES:
            if rule is not positions:
                found += rule(ctx, sentence, span)
    for sentence, span in sentences:
        found += [_with_span(f, span) for f in verb_relations(ctx, sentence)]
    found += _units(ctx)
    found += _transcript(ctx)
    unstated = {span for sentence, span in sentences if not_stated(sentence)}
    return _unique(ctx, [f for f in found if not (f.sentence in unstated and f.predicate in _EVENTFUL)])


# what a question or a denial does not state: "Will WIPO cooperate with the JPO?", "The EPO did not sign an
# agreement with KIPO", "The office refused to join the Hague Agreement". Titles, units and places said along the
# way ("X, Commissioner of Y, did not attend") still hold.
_EVENTFUL = frozenset("cooperatesWith partyTo issuedBy hostedBy spokeAt administers".split())


def not_stated(sentence: Span) -> bool:
    """A question, or a sentence whose main verb is negated or is one of refusing."""
    if sentence.text.rstrip(" \"'”’)").endswith("?"):
        return True
    return denied(sentence.root)


def _with_span(found: Found, span: tuple[int, int]) -> Found:
    return Found(found.subject, found.predicate, found.object, span, found.title, found.rule)




def _sentence_of(ctx: DocContext, pos: int) -> tuple[int, int]:
    for sentence in ctx.doc.sents:
        if sentence.start_char <= pos < sentence.end_char:
            return strip_span(ctx.text, sentence.start_char, sentence.end_char)
    return strip_span(ctx.text, pos, pos)


def _line_of(ctx: DocContext, pos: int) -> tuple[int, int]:
    start = ctx.text.rfind("\n", 0, pos) + 1
    end = ctx.text.find("\n", pos)
    return strip_span(ctx.text, start, len(ctx.text) if end < 0 else end)


def _speaker_organisations(ctx: DocContext, found: list[Found]) -> dict[int, int]:
    """Person cluster -> the top organisation they hold a position in (a unit's parent body)."""
    parents = ctx.found.parents
    result: dict[int, int] = {}
    for f in found:
        if f.predicate != "holdsPosition":
            continue
        org = f.object
        seen = set()
        while org in parents and org not in seen:
            seen.add(org)
            org = parents[org]
        if ctx.found.mentions[org].parent is None or f.object not in parents:
            result.setdefault(ctx.cluster(f.subject), org)
    return result


def _units(ctx: DocContext) -> list[Found]:
    """Units split off their parent ("the Press Bureau of the SCIO"), and bodies whose name ends with
    their parent's ("Standing Committee of the [National People's Congress]")."""
    mentions = ctx.found.mentions
    found = [
        Found(unit, "partOf", parent, _sentence_of(ctx, mentions[unit].start), rule="unit-of")
        for unit, parent in sorted(ctx.found.parents.items())
    ]
    found += _named_with_parent(ctx)
    for i, inner in enumerate(mentions):
        if not inner.nested or inner.cls != "Organization":
            continue
        for j, outer in enumerate(mentions):
            if outer.cls != "Organization" or outer.nested:
                continue
            if outer.start < inner.start and inner.end == outer.end \
                    and re.search(r"\bof (?:the )?$", ctx.text[outer.start:inner.start]):
                found.append(Found(j, "partOf", i, _sentence_of(ctx, outer.start), rule="name-of-parent"))
            elif outer.start == inner.start and inner.end < outer.end \
                    and set(ctx.text[inner.end:outer.end].lower().split()) & _UNIT_WORDS \
                    and not any(inner.end <= m.start and m.end <= outer.end for m in mentions
                                if m.nested and m.cls == "Organization"):  # not "the JPO's KIPO counterpart"
                # "ARIPO Secretariat", "EUIPO Communication Service": a unit named after its body
                found.append(Found(j, "partOf", i, _sentence_of(ctx, outer.start), rule="named-after-parent"))
    return found


_UNIT_WORDS = ORG_UNIT_HEADS | {"secretariat", "academy", "service", "council", "board"}


_OF_PARENT = re.compile(r"\sof (?:the )?")


def _named_with_parent(ctx: DocContext) -> list[Found]:
    """"the Court of Appeal of the UPC": a body whose name ends with another organisation of the document
    (its acronym or its name) is part of it."""
    mentions = ctx.found.mentions
    texts = [ctx.text[m.start:m.end] for m in mentions]
    orgs = {}
    for j, m in enumerate(mentions):
        if m.cls == "Organization":
            orgs.setdefault(texts[j], j)
            if m.name:
                orgs.setdefault(m.name, j)
    found = []
    for i, mention in enumerate(mentions):
        if mention.cls != "Organization" or mention.nested or i in ctx.found.parents:
            continue
        for match in _OF_PARENT.finditer(texts[i]):
            parent = orgs.get(texts[i][match.end():])
            if parent is not None and ctx.cluster(parent) != ctx.cluster(i):
                found.append(Found(i, "partOf", parent, _sentence_of(ctx, mention.start), rule="name-of-parent"))
                break
    return found


def _transcript(ctx: DocContext) -> list[Found]:
    """Speakers and listed guests of a transcript spoke at the document's press conference."""
    mentions = ctx.found.mentions
    events = [i for i, m in enumerate(mentions) if m.cls == "Event" and m.subclass == "PressConference"]
    transcript = ctx.found.transcript
    if not events or not (transcript.turns or transcript.listed):
        return []
    event = events[0]
    found = []
    for start, end in transcript.listed:
        for i, mention in enumerate(mentions):
            if mention.cls == "Person" and start <= mention.start < end:
                found.append(Found(i, "spokeAt", event, _line_of(ctx, start), rule="speaker-list"))
                break
    for turn in transcript.turns:
        speaker = ctx.found.at(*turn.speaker)
        if speaker is not None and mentions[speaker].cls == "Person":
            found.append(Found(speaker, "spokeAt", event, _line_of(ctx, turn.speaker[0]), rule="speaker-turn"))
    return found


def _unique(ctx: DocContext, found: list[Found]) -> list[Found]:
    seen = set()
    result = []
    for f in found:
        key = (ctx.cluster(f.subject), f.predicate, ctx.cluster(f.object), f.title.lower(), f.sentence)
        if key not in seen and ctx.cluster(f.subject) != ctx.cluster(f.object):
            seen.add(key)
            result.append(f)
    return result
