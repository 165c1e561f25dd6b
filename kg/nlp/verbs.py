"""Relation rules over the dependency parse: who issued, hosted, joined, ran or spoke at what.

For a verb of a known kind, the subject (active `nsubj` or passive agent,
with their conjuncts; pronouns and descriptors resolved) and the objects
(`dobj` or passive subject, with conjuncts, and the prepositional objects of
"with", "along with", "at") become relations by the classes they have.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from kg.nlp.context import DocContext, Found
from kg.nlp.lexicon import co_verb_forms

ISSUE = frozenset(
    "issue release publish launch promulgate unveil introduce formulate adopt enact announce establish "
    "create initiate draft set".split()
)
HOST = frozenset(
    # "launch" and "open" host only events: "CNIPA launched the National IP Publicity Week"
    "host hold organize organise convene sponsor co-host cohost stage co-organize co-organise co-sponsor "
    "launch open".split()
)
CO_FORMS = co_verb_forms()
COOPERATE = frozenset(
    "cooperate collaborate partner work join team coordinate sign conclude ink agree build establish set "
    "launch hold strengthen deepen".split()
)
MUTUAL = frozenset("agree cooperate collaborate partner team".split())  # done together by their subjects
JOIN = frozenset("join accede ratify sign co-sign establish conclude".split())
AGREEMENT_HEADS = frozenset("agreement memorandum mou accord arrangement".split())
ADMINISTER = frozenset("administer run manage operate oversee implement carry execute conduct".split())
SPEAK = frozenset(
    # not "announce", "introduce" or "present": one announces an event without speaking at it; a person who
    # "opened" an event spoke at it (an organisation that opened it hosted it)
    "say tell speak add note brief state address remark explain answer attend "
    "deliver chair co-chair moderate preside emphasize emphasise stress highlight underline open".split()
)
ISSUED_CLASSES = ("Law", "Programme")
ACTOR_CLASSES = ("Organization",)
PARTY_CLASSES = ("Organization", "Place")


def verb_relations(ctx: DocContext, sentence: Span) -> list[Found]:
    span = (sentence.start_char, sentence.end_char)
    found: list[Found] = []
    for token in sentence:
        lemma = CO_FORMS.get(token.lower_) or token.lemma_.lower()
        if token.pos_ not in ("VERB", "AUX"):
            continue
        subjects, objects = _arguments(ctx, token)
        if lemma in ISSUE:
            found += _pairs(ctx, objects, subjects, "issuedBy", ISSUED_CLASSES, ACTOR_CLASSES, span, "issue-verb")
        if lemma in HOST:
            found += _pairs(ctx, objects, subjects, "hostedBy", ("Event",), PARTY_CLASSES, span, "host-verb")
            venues = _prep_objects(ctx, token, ("in", "at"), depth=3)  # "hosted ... events ... in Beijing and Geneva"
            found += _pairs(ctx, objects, venues, "locatedIn", ("Event",), ("Place",), span, "held-in")
            along = _prep_objects(ctx, token, ("along", "together"))
            found += _pairs(ctx, objects, along, "hostedBy", ("Event",), PARTY_CLASSES, span, "host-along-with")
            if subjects and objects:  # co-hosts work with the first: "we, along with X, Y and Z, will host"
                found += _pairs(ctx, subjects[:1], subjects[1:] + along, "cooperatesWith", PARTY_CLASSES,
                                PARTY_CLASSES, span, "co-host")
        if lemma in COOPERATE:
            partners = _prep_objects(ctx, token, ("with",), depth=3)
            found += _pairs(ctx, subjects, partners, "cooperatesWith", PARTY_CLASSES, PARTY_CLASSES, span,
                            "cooperate-with")
            if lemma in MUTUAL and not partners:  # "the two offices agreed to ...": with each other
                found += _together(ctx, subjects, span, "cooperate-together")
        if lemma in JOIN:
            joined = objects + (_prep_objects(ctx, token, ("to",)) if lemma == "accede" else [])  # "acceded to"
            found += _pairs(ctx, subjects, joined, "partyTo", PARTY_CLASSES, ("Treaty",), span, "join-treaty")
            if any(c.dep_ == "dobj" and c.lemma_.lower() in AGREEMENT_HEADS for c in token.children):
                # "A and B signed a cooperation agreement": they cooperate, as "A signed an agreement with B"
                found += _together(ctx, subjects, span, "sign-agreement")
        if lemma in ADMINISTER:
            runners = subjects + _partners_of_purpose(ctx, token)
            found += _pairs(ctx, runners, objects, "administers", ACTOR_CLASSES, ("Programme", "Treaty", "Law"),
                            span, "administer-verb")
        if lemma in SPEAK:
            places = _prep_objects(ctx, token, ("at", "to", "during"), depth=2)  # "delivered a speech at the forum"
            events = [i for i in objects + places if ctx.cls(i) == "Event"]
            speakers = subjects + _prep_objects(ctx, token, ("along", "together"), depth=2)
            found += _pairs(ctx, speakers, events, "spokeAt", ("Person",), ("Event",), span, "speak-at")
    found += _participles(ctx, sentence, span)
    return found


def _arguments(ctx: DocContext, verb: Token) -> tuple[list[int], list[int]]:
    """(subject mentions, object mentions) of a verb, passive voice included."""
    subjects: list[int] = []
    objects: list[int] = []
    for child in verb.children:
        if child.dep_ in ("nsubj", "csubj"):
            subjects += _with_conjuncts(ctx, child)
        elif child.dep_ == "nsubjpass":
            objects += _with_conjuncts(ctx, child)
        elif child.dep_ in ("dobj", "attr", "oprd"):
            objects += _objects_in(ctx, child)
        elif child.dep_ == "agent":
            for pobj in child.children:
                subjects += _with_conjuncts(ctx, pobj)
        elif child.dep_ == "prt" and child.lower_ in ("up", "out"):
            continue
    if not objects:  # "formulated and implemented the measures": the object of the last conjunct
        for conj in verb.children:
            if conj.dep_ == "conj" and conj.pos_ == "VERB":
                objects = [o for c in conj.children if c.dep_ in ("dobj", "attr") for o in _objects_in(ctx, c)]
                break
    if not subjects and verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.pos_ in ("VERB", "AUX"):
        subjects, _ = _arguments(ctx, verb.head)  # "... and joined the X": the first verb's subject
    if verb.dep_ == "xcomp" or (verb.dep_ == "advcl" and not subjects):
        subjects = subjects or _arguments(ctx, verb.head)[0]
    return _unique(subjects), _unique(objects)


def _with_conjuncts(ctx: DocContext, token: Token) -> list[int]:
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


def _objects_in(ctx: DocContext, token: Token) -> list[int]:
    """Mentions an object phrase names: itself and its conjuncts, or a name inside it ("its 'X' White Paper")."""
    direct = _with_conjuncts(ctx, token)
    if direct:
        inner: list[int] = []
        for member in [token, *token.conjuncts]:
            for prep in member.children:
                if prep.dep_ == "prep" and prep.lower_ in ("including", "like", "as"):
                    for pobj in prep.children:
                        inner += _with_conjuncts(ctx, pobj)
        return direct + inner
    for descendant in token.subtree:
        index = ctx.mention_of(descendant)
        if index is not None and descendant.dep_ not in ("poss",):
            return [index] + [i for c in descendant.conjuncts if (i := ctx.mention_of(c)) is not None]
    return []


def _prep_objects(ctx: DocContext, verb: Token, preps: tuple[str, ...], *, depth: int = 1) -> list[int]:
    found: list[int] = []
    frontier = [verb]
    for _ in range(depth):
        next_frontier = []
        for node in frontier:
            for child in node.children:
                if child.dep_ == "prep" and child.lower_ in preps:
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            # "at the opening ceremony of the Third Belt and Road Forum": both
                            named = _with_conjuncts(ctx, pobj) + _of_object(ctx, pobj)
                            found += named
                            found += _including(ctx, pobj)
                        elif pobj.dep_ == "prep":  # "along with", "together with"
                            for inner in pobj.children:
                                found += _with_conjuncts(ctx, inner)
                elif child.dep_ in ("dobj", "prep", "pobj", "prt", "advmod") and child.pos_ != "VERB":
                    next_frontier.append(child)
        frontier = next_frontier
    return _unique(found)


def _of_object(ctx: DocContext, token: Token) -> list[int]:
    """"at the opening ceremony of the Third Belt and Road Forum": the event the ceremony is part of."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return _with_conjuncts(ctx, pobj)
    return []


def _partners_of_purpose(ctx: DocContext, verb: Token) -> list[int]:
    """"We joined hands with X and Y to implement the plan": X and Y implement it too."""
    head = verb.head
    if verb.dep_ in ("advcl", "xcomp") and head.lemma_.lower() in COOPERATE and head.i != verb.i:
        return _prep_objects(ctx, head, ("with",), depth=3)
    return []


def _including(ctx: DocContext, token: Token) -> list[int]:
    """"17 BRI partners, including Russia, Singapore, ... and Saudi Arabia"."""
    found: list[int] = []
    for child in token.subtree:
        if child.dep_ == "prep" and child.lower_ in ("including", "like"):
            for pobj in child.children:
                found += _with_conjuncts(ctx, pobj)
    return found


def _participles(ctx: DocContext, sentence: Span, span: tuple[int, int]) -> list[Found]:
    """"the press conference held by the SCIO", "the Global Innovation Index released by the WIPO"."""
    found: list[Found] = []
    for token in sentence:
        if token.dep_ != "acl" or token.lemma_.lower() not in ISSUE | HOST:
            continue
        noun = ctx.referent(token.head)
        if noun is None:
            continue
        agents = [i for c in token.children if c.dep_ == "agent" for p in c.children for i in _with_conjuncts(ctx, p)]
        if token.lemma_.lower() in HOST:
            found += _pairs(ctx, [noun], agents, "hostedBy", ("Event",), PARTY_CLASSES, span, "held-by")
        else:
            found += _pairs(ctx, [noun], agents, "issuedBy", ISSUED_CLASSES, ACTOR_CLASSES, span, "issued-by")
    return found


def _pairs(ctx, subjects, objects, predicate, subject_classes, object_classes, span, rule) -> list[Found]:
    found = []
    for s in subjects:
        for o in objects:
            if ctx.cls(s) in subject_classes and ctx.cls(o) in object_classes and ctx.cluster(s) != ctx.cluster(o):
                found.append(Found(s, predicate, o, span, rule=rule))
    return found


def _together(ctx, members, span, rule) -> list[Found]:
    """Each pair of `members` cooperates."""
    found = []
    for k, first in enumerate(members):
        found += _pairs(ctx, [first], members[k + 1:], "cooperatesWith", PARTY_CLASSES, PARTY_CLASSES, span, rule)
    return found


def _unique(items: list[int]) -> list[int]:
    return list(dict.fromkeys(items))
