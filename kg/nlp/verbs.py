"""Relation rules over the dependency parse: who issued, hosted, joined, ran or spoke at what.

For a verb of a known kind, the subject (active `nsubj` or passive agent,
with their conjuncts; pronouns and descriptors resolved) and the objects
(`dobj` or passive subject, with conjuncts, and the prepositional objects of
"with", "along with", "at") become relations by the classes they have.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from kg.nlp.arguments import (
    SPEECH,
    arguments,
    audience_event,
    cities_first,
    in_partnership_with,
    including,
    it_event,
    jointly_with,
    prep_objects,
    with_conjuncts,
)
from kg.nlp.context import DocContext, Found
from kg.nlp.lexicon import TITLE_OF_HEADING_VERB, co_verb_forms

ISSUE = frozenset(
    "issue release publish launch promulgate unveil introduce formulate adopt enact announce establish "
    "create initiate draft set notify approve pass".split()  # "notified": India's word for rules put in force
)
HOST = frozenset(
    # "launch" and "open" host only events: "CNIPA launched the National IP Publicity Week"
    "host hold organize organise convene sponsor co-host cohost stage co-organize co-organise co-sponsor "
    "launch open".split()
)
CO_FORMS = co_verb_forms()
COOPERATE = frozenset(
    "cooperate collaborate partner work join team coordinate sign conclude ink agree build establish set "
    "launch hold strengthen deepen exchange renew".split()
)
MUTUAL = frozenset("agree cooperate collaborate partner team exchange".split())  # done together by their subjects
JOIN = frozenset("join accede ratify sign co-sign establish conclude".split())
AGREEMENT_HEADS = frozenset("agreement memorandum mou accord arrangement".split())
ADMINISTER = frozenset("administer run manage operate oversee implement carry execute conduct".split())
SPEAK = frozenset(
    # not "announce", "introduce" or "present": one announces an event without speaking at it; a person who
    # "opened" an event spoke at it (an organisation that opened it hosted it)
    "say tell speak add note brief state address remark explain answer attend "
    "deliver chair co-chair moderate preside emphasize emphasise stress highlight underline open".split()
)
# said at an event (not of one): "X announced new fees at the forum"
SPEAK_AT = frozenset("announce present unveil introduce outline share propose report warn urge call".split())
ISSUED_CLASSES = ("Law", "Programme")
ACTOR_CLASSES = ("Organization",)
PARTY_CLASSES = ("Organization", "Place")


_DENYING = frozenset("refuse decline fail deny reject".split())


def denied(verb: Token) -> bool:
    """"did not sign", "never joined", "refused to join", "failed to ratify"."""
    if any(c.dep_ == "neg" for c in verb.children) or verb.lemma_.lower() in _DENYING:
        return True
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _DENYING


def _lemma(token: Token) -> str:
    """The lemma, "co-host" for "co-hosted" (the lemmatiser reads "co-hoste")."""
    return CO_FORMS.get(token.lower_) or token.lemma_.lower()


def verb_relations(ctx: DocContext, sentence: Span) -> list[Found]:
    span = (sentence.start_char, sentence.end_char)
    found: list[Found] = []
    for token in sentence:
        lemma = _lemma(token)
        if token.pos_ not in ("VERB", "AUX") or denied(token):
            continue
        subjects, objects = arguments(ctx, token)
        if lemma in ISSUE:
            # "launched the plan together with X", "in cooperation with X, launched the plan": X issued it too
            partners = prep_objects(ctx, token, ("with",), depth=3) + jointly_with(ctx, token) \
                if subjects and objects else []
            found += _pairs(ctx, objects, subjects + partners, "issuedBy", ISSUED_CLASSES, ACTOR_CLASSES, span,
                            "issue-verb")
            found += _pairs(ctx, subjects, partners, "cooperatesWith", PARTY_CLASSES, PARTY_CLASSES, span, "co-issue")
        if lemma in HOST:
            objects = objects + it_event(ctx, token)
            found += _pairs(ctx, objects, subjects, "hostedBy", ("Event",), PARTY_CLASSES, span, "host-verb")
            venues = cities_first(ctx, prep_objects(ctx, token, ("in", "at"), depth=3))  # "in Beijing and Geneva"
            found += _pairs(ctx, objects, venues, "locatedIn", ("Event",), ("Place",), span, "held-in")
            along = prep_objects(ctx, token, ("along", "together"))
            found += _pairs(ctx, objects, along, "hostedBy", ("Event",), PARTY_CLASSES, span, "host-along-with")
            if subjects and objects:  # co-hosts work with the first: "we, along with X, Y and Z, will host"
                found += _pairs(ctx, subjects[:1], subjects[1:] + along, "cooperatesWith", PARTY_CLASSES,
                                PARTY_CLASSES, span, "co-host")
        if lemma in COOPERATE:
            partners = prep_objects(ctx, token, ("with",), depth=4)  # "signed a memorandum of understanding with X"
            found += _pairs(ctx, subjects, partners, "cooperatesWith", PARTY_CLASSES, PARTY_CLASSES, span,
                            "cooperate-with")
            if lemma in MUTUAL and not partners:  # "the two offices agreed to ...": with each other
                found += _together(ctx, subjects, span, "cooperate-together")
        partners = in_partnership_with(ctx, token)  # "administered by X in partnership with Y"
        found += _pairs(ctx, subjects, partners, "cooperatesWith", PARTY_CLASSES, PARTY_CLASSES, span, "in-partnership")
        if lemma in ("have", "maintain", "hold"):
            found += _pairs(ctx, subjects, _agreements_with(ctx, token), "cooperatesWith", PARTY_CLASSES,
                            PARTY_CLASSES, span, "has-agreements-with")
        if lemma in JOIN:
            joined = objects + (prep_objects(ctx, token, ("to",)) if lemma == "accede" else [])  # "acceded to"
            found += _pairs(ctx, subjects, joined, "partyTo", PARTY_CLASSES, ("Treaty",), span, "join-treaty")
            if any(c.dep_ in ("dobj", "nsubjpass") and _an_agreement(ctx, c) for c in token.children):
                # "A and B signed a cooperation agreement": they cooperate, as "A signed an agreement with B"
                found += _together(ctx, subjects, span, "sign-agreement")
        if lemma in ADMINISTER:
            partners = jointly_with(ctx, token)  # "which the Academy runs jointly with Africa University"
            runners = subjects + _partners_of_purpose(ctx, token) + partners
            found += _pairs(ctx, runners, objects, "administers", ACTOR_CLASSES, ("Programme", "Treaty", "Law"),
                            span, "administer-verb")
            found += _pairs(ctx, subjects, partners, "cooperatesWith", PARTY_CLASSES, PARTY_CLASSES, span,
                            "run-jointly")
        if lemma in ("welcome", "greet", "thank"):  # "X welcomed participants": at the event
            found += _pairs(ctx, subjects, audience_event(ctx, token), "spokeAt", ("Person",), ("Event",), span,
                            "welcomed")
        if lemma in ("make", "give") and any(c.dep_ == "dobj" and c.lemma_.lower() in SPEECH for c in token.children):
            lemma = "speak"  # "made the remarks at a press conference", "gave a presentation at the forum"
        if lemma in SPEAK or lemma in SPEAK_AT:
            places = prep_objects(ctx, token, ("at", "to", "during"), depth=2)  # "delivered a speech at the forum"
            if lemma in SPEAK_AT:
                objects = []  # "announced the forum" is no speech at it; "announced new fees at the forum" is
            events = [i for i in objects + places if ctx.cls(i) == "Event"] or audience_event(ctx, token)
            speakers = subjects + prep_objects(ctx, token, ("along", "together"), depth=2)
            found += _pairs(ctx, speakers, events, "spokeAt", ("Person",), ("Event",), span, "speak-at")
    found += _participles(ctx, sentence, span)
    return found


def _an_agreement(ctx: DocContext, token: Token) -> bool:
    """"an agreement", "the memorandum", or "that" of "the Memorandum of Understanding that A and B concluded"."""
    if token.lemma_.lower() in AGREEMENT_HEADS:
        return True
    index = ctx.referent(token)
    return index is not None and ctx.cls(index) == "Treaty" and bool(
        set(ctx.mention_text(index).lower().split()) & AGREEMENT_HEADS)


def _agreements_with(ctx: DocContext, verb: Token) -> list[int]:
    """"IPOPHL has PPH arrangements with eight offices, including the JPO and KIPO": the other parties."""
    found: list[int] = []
    objects = [c for c in verb.children
               if c.dep_ == "dobj" and c.lemma_.lower() in AGREEMENT_HEADS | {"partnership", "cooperation"}]
    for head in objects + ([verb] if objects else []):  # "with" on the noun, or on the verb
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ == "with":
                for pobj in prep.children:
                    found += with_conjuncts(ctx, pobj) + including(ctx, pobj)
    return found


def _partners_of_purpose(ctx: DocContext, verb: Token) -> list[int]:
    """"We joined hands with X and Y to implement the plan": X and Y implement it too."""
    head = verb.head
    if verb.dep_ in ("advcl", "xcomp") and head.lemma_.lower() in COOPERATE and head.i != verb.i:
        return prep_objects(ctx, head, ("with",), depth=3)
    return []


def _participles(ctx: DocContext, sentence: Span, span: tuple[int, int]) -> list[Found]:
    """"the press conference held by the SCIO", "the Global Innovation Index released by the WIPO", "the Hague
    System, administered by WIPO", "Organised by the EPO, the forum took place in Munich"."""
    found: list[Found] = []
    for token in sentence:
        lemma = _lemma(token)
        fronted = token.dep_ == "advcl" and token.tag_ == "VBN" and token.i < token.head.i
        # "..., hosted by X": a participle after a comma (the tagger may read it as a past tense), with its agent
        trailing = token.dep_ == "advcl" and token.i > 1 and token.nbor(-1).text == "," \
            and any(c.dep_ == "agent" for c in token.children)
        if token.dep_ != "acl" and not fronted and not trailing or lemma not in ISSUE | HOST | ADMINISTER | TITLE_OF_HEADING_VERB.keys():
            continue
        if fronted:  # the participle is said of the main clause's subject
            noun = next((ctx.referent(c) for c in token.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        else:
            # "the rules introduced by Regulation (EU) 2024/2822, adopted by ...": the parser may hang the
            # participle on an earlier noun; it is said of the name just before the comma
            before_comma = ctx.mention_of(token.nbor(-2)) if token.i > 1 and token.nbor(-1).text == "," else None
            noun = before_comma if before_comma is not None else ctx.referent(token.head)
        if noun is None:
            continue
        agents = [i for c in token.children if c.dep_ == "agent" for p in c.children for i in with_conjuncts(ctx, p)]
        # classes decide: "the forum launched by X" was hosted by X, "the plan launched by X" issued by X
        if lemma in HOST:
            found += _pairs(ctx, [noun], agents, "hostedBy", ("Event",), PARTY_CLASSES, span, "held-by")
            venues = cities_first(ctx, prep_objects(ctx, token, ("in",), depth=3))  # "hosted by the EUIPO in Alicante"
            found += _pairs(ctx, [noun], venues, "locatedIn", ("Event",), ("Place",), span, "held-in")
        if lemma in ADMINISTER:
            found += _pairs(ctx, agents, [noun], "administers", ACTOR_CLASSES, ("Programme", "Treaty", "Law"), span,
                            "administered-by")
        if lemma in ISSUE:
            found += _pairs(ctx, [noun], agents, "issuedBy", ISSUED_CLASSES, ACTOR_CLASSES, span, "issued-by")
        if lemma in TITLE_OF_HEADING_VERB and ctx.cls(noun) == "Organization":  # "the Patents Directorate, headed by Mr. X"
            found += [Found(person, "holdsPosition", noun, span, TITLE_OF_HEADING_VERB[lemma], "headed-by")
                      for person in agents if ctx.cls(person) == "Person"]
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

