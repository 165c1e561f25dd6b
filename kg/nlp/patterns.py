"""Relation rules written as patterns over masked sentences: treaties, organisation structure,
cooperation, administration, places and attendance (positions are in `positions`).

Each rule reads one sentence in which every mention is a placeholder
("⟦P3⟧, deputy commissioner of the ⟦O0⟧") and yields relations between
mention indices. See `context.Masked`.
"""

from __future__ import annotations

import itertools
import re

from kg.nlp.context import (
    ACRONYM_AFTER,
    HONORIFIC,
    PLACEHOLDER,
    DocContext,
    Found,
    Masked,
    acronym_after,
    owned_unit,
)
from kg.nlp.lexicon import ORG_UNIT_HEADS
from kg.nlp.positions import positions

# --- treaties -----------------------------------------------------------------------------

_PARTIES = r"(?P<parties>⟦[OL]\d+⟧(?:(?:,| and|, and) ⟦[OL]\d+⟧)*)"  # "A, B and C"
_SIGN = re.compile(
    _PARTIES + r" (?:have |has |officially |formally )?"
    r"(?:sign|signs|signed|join|joins|joined|ratify|ratifies|ratified|accede to|accedes to|acceded to|conclude|"
    r"concludes|concluded|ink|inks|inked) (?:an? |the )?⟦T(?P<t>\d+)⟧",
    re.I,
)


def _treaty_list(group: str) -> str:
    """"the Paris Convention, the Patent Cooperation Treaty (PCT) and the Madrid Protocol"."""
    item = r"(?:the )?⟦T\d+⟧" + acronym_after("T")
    return rf"(?P<{group}>{item}(?:(?:,| and|, and) {item})*)"


_ACCESSION = re.compile(
    r"⟦[OL](?P<a>\d+)⟧[^.;⟦]{0,80}?\b(?:instruments? of )?(?:accession|ratification|adherence|acceptance) "
    r"(?:to|of) " + _treaty_list("t") +
    r"|⟦[OL](?P<b>\d+)⟧,? (?:has |have )?(?:became|becomes|become|is|was) the \w+ (?:country|state|member|nation|"
    r"contracting party|party|economy)(?:[^.;⟦]{0,30}? to (?:join|ratify|accede to|sign|adopt)| (?:to|of)) "
    + _treaty_list("u")
    + r"|\b(?:accession|ratification|adherence) of (?:the )?⟦[OL](?P<c>\d+)⟧(?: to|,) " + _treaty_list("v"),
    re.I,
)
# "A and B are both parties to the Paris Convention, the PCT and the Madrid Protocol", "A has been a member of
# WIPO since 1993 and is already party to ..." (a second clause of the same subject, with no other place in it)
_PARTY_TO = re.compile(
    _PARTIES + r"(?: (?:has|have|had|is|are|was|were) (?:[^.;⟦]|⟦[OT]\d+⟧){1,80}? and)?"
    r",? (?:are|is|were|was|has been|have been)"
    r"(?: both| all| already| now| also)* (?:an? |the )?(?:contracting )?(?:party|parties|signatory|signatories|"
    r"states? party|members?) (?:to|of) " + _treaty_list("t"),
    re.I,
)
# "The Geneva Act will enter into force for Ghana on ...", "The treaties enter into force for Switzerland"
_IN_FORCE_FOR = re.compile(
    r"(?:⟦T(?P<t>\d+)⟧|\b(?P<those>treaties|they|both))(?: will| shall)? (?:enter|enters|entered|come|comes|came) "
    r"into force (?:for (?:the )?⟦[OL]|in ⟦L)(?P<party>\d+)⟧",
    re.I,
)


def treaties(ctx: DocContext, masked: Masked, span: tuple[int, int]) -> list[Found]:
    """"USPTO and DPMA Sign Memorandum of Understanding ...", "Gabon deposited its instrument of accession to
    the WCT", "Switzerland's ratification of the Beijing Treaty and the Marrakesh Treaty", "Honduras became the
    30th state to join the WPPT", "... the 21st contracting party to the Geneva Act", "The Geneva Act will enter
    into force for Ghana": parties to what they sign or join."""
    found = []
    for match in _SIGN.finditer(masked.text):
        for party in _LIST_ITEM.finditer(match.group("parties")):
            found.append(Found(int(party.group(2)), "partyTo", int(match.group("t")), span, rule="sign-treaty"))
    for match in _ACCESSION.finditer(masked.text):
        party = match.group("a") or match.group("b") or match.group("c")
        for treaty in PLACEHOLDER.finditer(match.group("t") or match.group("u") or match.group("v")):
            found.append(Found(int(party), "partyTo", int(treaty.group(2)), span, rule="accession"))
    for match in _PARTY_TO.finditer(masked.text):
        for party in _LIST_ITEM.finditer(match.group("parties")):
            for treaty in PLACEHOLDER.finditer(match.group("t")):
                found.append(Found(int(party.group(2)), "partyTo", int(treaty.group(2)), span, rule="party-to"))
    for match in _IN_FORCE_FOR.finditer(masked.text):
        treaties = [int(match.group("t"))] if match.group("t") else _treaties_before(masked, match.start())
        found += [Found(int(match.group("party")), "partyTo", t, span, rule="in-force-for") for t in treaties]
    return found


def _treaties_before(masked: Masked, end: int) -> list[int]:
    """The treaties "they" or "the treaties" stand for: those named earlier in the sentence."""
    return [int(m.group(2)) for m in PLACEHOLDER.finditer(masked.text, 0, end) if m.group(1) == "T"]


# --- organisation structure --------------------------------------------------------------

_UNDER = re.compile(
    r"⟦O(?P<a>\d+)⟧" + ACRONYM_AFTER + r",? (?:which |that )?(?:is |was |(?:functions|operates|works|sits|falls|comes) )?"
    r"(?:under|affiliated (?:with|to)|subordinate to|(?:a )?part of|"
    r"(?:an?|the) (?:\w+ ){0,2}(?:agency|office|bureau|unit|department|division|body|arm|board|authority|organ|"
    r"corporation|institute|institution|entity|enterprise) "
    r"(?:of|within|under)) (?:the )?⟦O(?P<b>\d+)⟧"
)


# "the WIPO General Assembly, the Organization's highest decision-making body"
_OWNERS_BODY = re.compile(
    r"⟦O(?P<a>\d+)⟧" + ACRONYM_AFTER + r", (?:the |its )?⟦O(?P<b>\d+)⟧['’]s (?:[\w-]+ ){0,3}"
    r"(?:body|organ|arm|unit|agency|office|bureau|department|division|committee)\b"
)
# "the EPO's Directorate International Cooperation", "WIPO's Legal Division": a unit of the owner
_OWN_UNIT = re.compile(r"⟦O(?P<b>\d+)⟧['’]s ⟦O(?P<a>\d+)⟧")
# "the Patents Directorate of the UKIPO", "the Standing Committee on the Law of Patents (SCP) of WIPO", where the
# two names are two mentions
_UNIT_OF = re.compile(r"⟦O(?P<a>\d+)⟧(?: \(⟦O\d+⟧\))? of (?:the )?⟦O(?P<b>\d+)⟧")
# "the Department for Promotion of Industry and Internal Trade (DPIIT) in the Ministry of Commerce and Industry"
_UNIT_IN = re.compile(r"⟦O(?P<a>\d+)⟧" + ACRONYM_AFTER + r" in (?:the )?⟦O(?P<b>\d+)⟧")
# a contact or address line, smallest unit first: "International Policy Division, Policy Planning Department, Japan
# Patent Office", "For more information: Communications Unit, Harare." (not a byline: "Reuters, Geneva")
_ADDRESS_LINE = re.compile(
    r"^\s*(?P<label>[A-Z][\w ]{0,30}: )?(?P<orgs>⟦O\d+⟧(?:, ⟦O\d+⟧)*)(?:, ⟦L(?P<place>\d+)⟧(?:, ⟦L\d+⟧)*)?\.?\s*$"
)


def structure(ctx: DocContext, masked: Masked, span: tuple[int, int]) -> list[Found]:
    found = []
    for match in _UNDER.finditer(masked.text):
        parent = owned_unit(masked.text, match.end(), int(match.group("b")))  # "part of WIPO's Designs Sector"
        found.append(Found(int(match.group("a")), "partOf", parent, span, rule="under"))
    for match in _OWNERS_BODY.finditer(masked.text):
        found.append(Found(int(match.group("a")), "partOf", int(match.group("b")), span, rule="owners-body"))
    for pattern, rule in ((_OWN_UNIT, "own-unit"), (_UNIT_OF, "unit-of-parent")):
        for match in pattern.finditer(masked.text):
            unit = int(match.group("a"))
            if _is_unit(ctx, unit):
                found.append(Found(unit, "partOf", int(match.group("b")), span, rule=rule))
    for match in _UNIT_IN.finditer(masked.text):
        unit, body = int(match.group("a")), int(match.group("b"))
        if _is_unit(ctx, unit) and ctx.mention_text(body).startswith("Ministry"):
            found.append(Found(unit, "partOf", body, span, rule="unit-in-ministry"))
    if line := _ADDRESS_LINE.match(masked.text):
        orgs = [int(m.group(2)) for m in _LIST_ITEM.finditer(line.group("orgs"))]
        found += [Found(unit, "partOf", body, span, rule="address-line")
                  for unit, body in itertools.pairwise(orgs) if _is_unit(ctx, unit)]
        if line.group("place") and (line.group("label") or any(_is_unit(ctx, org) for org in orgs)):
            # not a byline ("Reuters, Geneva"): a contact's address
            found.append(Found(orgs[-1], "locatedIn", int(line.group("place")), span, rule="address-line"))
    return found


def _is_unit(ctx: DocContext, index: int) -> bool:
    """A name whose first part has a unit's word: "Legal Division", "Standing Committee on ..."."""
    first_segment = re.split(r"\b(?:of|for|on)\b", ctx.mention_text(index).lower())[0]
    return bool(set(re.findall(r"[a-z]+", first_segment)) & ORG_UNIT_HEADS)


# --- cooperation --------------------------------------------------------------------

_COOP_NOUNS = r"(?:cooperation|collaboration|partnership|exchanges?|dialogue|talks|mutual recognition)"  # not "relations" or "ties", which may be strained
_LIST_ITEM = re.compile(r"⟦([OL])(\d+)⟧")
_HYPHEN_CHAIN = re.compile(r"⟦[OL]\d+⟧(?:\s?-\s?⟦[OL]\d+⟧)+")
_COOP_CONTEXT = re.compile(
    r"cooperation|collaborat|partnership|framework|exchange|relations|mutual recognition|mechanism|agreement", re.I
)


# "The EPO and KIPO have signed a Memorandum of Understanding", "Under the agreement, the EUIPO and SIPO will run
# joint awareness campaigns": the parties to an agreement, or to joint work, cooperate
_AGREEMENT_WORDS = r"⟦T\d+⟧|agreement|memorandum|MoU|MOU|arrangement"  # what is signed
# "cooperation between A and B", "the agreement was signed between A and B"
_BETWEEN = re.compile(
    r"(?:" + _COOP_NOUNS + "|" + _AGREEMENT_WORDS + r")[^⟦.;]{0,60}?\b(?:between|among)\s+(?P<list>(?:the )?⟦[OL]\d+⟧[^.]*)"
)
_SIGNED_TOGETHER = re.compile(
    r"(?P<parties>(?:the )?⟦[OL]\d+⟧" + ACRONYM_AFTER + r"(?:(?:,| and|, and) (?:the )?⟦[OL]\d+⟧" + ACRONYM_AFTER
    + r")+),? (?:have |has |officially |formally |also )?(?:signed|sign|concluded|conclude|inked|renewed|renew)"
    r" (?:an? |the |their )?(?:[\w-]+ ){0,3}?(?:" + _AGREEMENT_WORDS + r"|work ?plan)"
    r"|(?P<joint>(?:the )?⟦[OL]\d+⟧" + ACRONYM_AFTER + r" and (?:the )?⟦[OL]\d+⟧" + ACRONYM_AFTER + r")"
    r" (?:will |would |are to |plan to |agreed to )?(?:also )?(?:jointly \w+|(?:run|hold|organi[sz]e|conduct|launch|"
    r"develop|carry out|draw up|host|set up) joint)\b"
)


_AGREEMENT = r"(?:" + _AGREEMENT_WORDS + r")"
# "The agreement was signed by A, Director of X, and B, President of Y", "A, Director of X, and B, President of Y,
# signed the memorandum": the signatories' organisations cooperate
_SIGNED_BY_PEOPLE = re.compile(
    r"\b" + _AGREEMENT + r"[^.;⟦]{0,40}? (?:was|were) (?:signed|concluded|inked) by (?P<after>.*)"
    r"|^\s*(?P<before>(?:⟦O\d+⟧(?:['’]s)? )?(?:[A-Z][\w-]* ){0,4}" + HONORIFIC + r"⟦P\d+⟧.*?) (?:have |has )?"
    r"(?:signed|concluded|inked) "
    r"(?:an? |the |their )?(?:[\w-]+ ){0,3}?" + _AGREEMENT
)
# the organisation of a person in such a list: "⟦P1⟧, Director of the ⟦O2⟧", "⟦O2⟧ Commissioner ⟦P1⟧"
_SIGNATORY_ORG = re.compile(
    r"⟦P\d+⟧, (?:the )?(?:[A-Za-z-]+ ){1,6}?(?:of|at) (?:the )?⟦O(?P<a>\d+)⟧"
    r"|⟦O(?P<b>\d+)⟧(?:['’]s)? (?:[A-Z][\w-]* ){1,4}" + HONORIFIC + r"⟦P\d+⟧"
)


def cooperation(ctx: DocContext, masked: Masked, span: tuple[int, int]) -> list[Found]:
    found: list[Found] = []
    text = masked.text
    if signed := _SIGNED_BY_PEOPLE.search(text):
        orgs = [int(m.group("a") or m.group("b"))
                for m in _SIGNATORY_ORG.finditer(signed.group("after") or signed.group("before"))]
        for a, b in itertools.combinations(orgs, 2):
            if ctx.cluster(a) != ctx.cluster(b):
                found.append(Found(a, "cooperatesWith", b, span, rule="signatories"))
    for match in _SIGNED_TOGETHER.finditer(text):
        members = [int(m.group(2)) for m in _LIST_ITEM.finditer(match.group("parties") or match.group("joint"))
                   if not re.match(r"\)", text[m.end():m.end() + 1])]
        for a, b in itertools.combinations(members, 2):
            if ctx.cluster(a) != ctx.cluster(b):
                found.append(Found(a, "cooperatesWith", b, span, rule="signed-together"))
    for match in _BETWEEN.finditer(text):
        listed = _list_members(match.group("list"))
        first = listed[0] if listed else None
        for other in listed[1:]:
            if ctx.cluster(other) != ctx.cluster(first):
                found.append(Found(first, "cooperatesWith", other, span, rule="between"))
    if _COOP_CONTEXT.search(text):
        for chain in _HYPHEN_CHAIN.finditer(text):
            members = [int(m.group(2)) for m in _LIST_ITEM.finditer(chain.group())]
            for other in members[1:]:
                if ctx.cluster(other) != ctx.cluster(members[0]):
                    found.append(Found(members[0], "cooperatesWith", other, span, rule="hyphen-pair"))
    return found


def _list_members(text: str) -> list[int]:
    """Mentions in a list ("A, B and C; D"), up to the first word that is not part of a list."""
    members = []
    pieces = re.split(r"(⟦[OL]\d+⟧)", text)
    for i, piece in enumerate(pieces):
        item = _LIST_ITEM.fullmatch(piece)
        if item:
            following = pieces[i + 1] if i + 1 < len(pieces) else ""
            if not re.match(r"\s+countries\b", following):  # "BRICS countries": a group, not a partner
                members.append(int(item.group(2)))
        elif re.fullmatch(r"[\s,;]*(?:and |as well as |the |countries|;|,|\s)*", piece) is None:
            break
    return members


# --- administration of systems: "the WIPO's three major systems: PCT ..., Hague ..., Madrid ..." ---

_ADMIN_LIST = re.compile(
    r"⟦O(?P<o>\d+)⟧'s (?:[a-z-]+ ){0,3}(?:systems|treaties|programmes|programs|initiatives|services)"
    r"\s*(?::|,? such as|,? including)(?P<list>[^.]*)"
)

# "WIPO's Patent Cooperation Treaty (PCT)", "WIPO's Madrid System": the organisation's own treaty or system
_ADMIN_OWN = re.compile(r"⟦O(?P<o>\d+)⟧'s ⟦T(?P<t>\d+)⟧")


# "WIPO's latest World IP Indicators": issued by it; "the JPO's IP Business Evaluation Programme": run by it
# "the Madrid System, which WIPO administers", "the Green Plan, which the Institute is responsible for"
_WHICH_ADMINISTERS = re.compile(
    r"⟦[TGW](?P<t>\d+)⟧" + ACRONYM_AFTER + r",? (?:which|that) (?:the )?⟦O(?P<o>\d+)⟧" + ACRONYM_AFTER
    + r" (?:also |now |has )?(?:administers|administered|runs|run|manages|managed|operates|operated|oversees)\b"
    r"|⟦O(?P<p>\d+)⟧" + ACRONYM_AFTER + r",? (?:is|are|was|were|will be|has been) (?:also |now )?"
    r"(?:responsible for|in charge of) (?:the |its )?⟦[TGW](?P<u>\d+)⟧"
)
_ISSUER = re.compile(
    r"⟦O(?P<o>\d+)⟧'s (?:new |latest |annual |newly released |recent )?⟦(?P<kind>[WG])(?P<w>\d+)⟧"
    r"|by (?:the )?⟦O(?P<p>\d+)⟧ in its (?:latest |annual |new )?⟦[WG](?P<v>\d+)⟧"
)


def administration(ctx: DocContext, masked: Masked, span: tuple[int, int]) -> list[Found]:
    found = []
    for match in _ISSUER.finditer(masked.text):
        if match.group("kind") == "G":
            found.append(Found(int(match.group("o")), "administers", int(match.group("w")), span, rule="own-programme"))
            continue
        org, item = (match.group("o"), match.group("w")) if match.group("o") else (match.group("p"), match.group("v"))
        found.append(Found(int(item), "issuedBy", int(org), span, rule="possessive-issuer"))
    for match in _ADMIN_LIST.finditer(masked.text):
        for item in PLACEHOLDER.finditer(match.group("list")):
            if item.group(1) in "TGW":
                found.append(Found(int(match.group("o")), "administers", int(item.group(2)), span, rule="possessive-list"))
    for match in _WHICH_ADMINISTERS.finditer(masked.text):
        org, item = match.group("o") or match.group("p"), match.group("t") or match.group("u")
        found.append(Found(int(org), "administers", int(item), span, rule="which-administers"))
    for match in _ADMIN_OWN.finditer(masked.text):
        found.append(Found(int(match.group("o")), "administers", int(match.group("t")), span, rule="possessive-treaty"))
    return found


# --- places ----------------------------------------------------------------------------

_CITY_COUNTRY = re.compile(r"⟦L(?P<a>\d+)⟧, (?:the )?⟦L(?P<b>\d+)⟧")
_LIST_AFTER = re.compile(r",? (?:and |or )?(?:the )?⟦L\d+⟧")
_LIST_BEFORE = re.compile(r"⟦L\d+⟧,? (?:and |or )?(?:the )?$")
_IN_PLACE = re.compile(
    r"⟦E(?P<a>\d+)⟧,? (?:(?:which|that) )?(?:(?:was|is|will be|were) )?"
    r"(?:(?:held|hosted|organi[sz]ed|convened)(?: by (?:the )?⟦[OL]\d+⟧" + ACRONYM_AFTER + r")? |taking place |"
    r"(?:that |which )?(?:took|takes|will take) place |(?:opened|opens|closed|closes|began|begins|concluded|ended|ends) )?"
    r"(?:at (?:the )?(?:⟦O\d+⟧['’]s )?[^.;⟦]{0,40}? )?"  # "held at the Organization's headquarters in Harare"
    r"in (?:the )?⟦L(?P<b>\d+)⟧(?P<more>(?:,? and ⟦L\d+⟧)*)"
    r"|⟦O(?P<o>\d+)⟧" + ACRONYM_AFTER + r",? (?:(?:is|was) )?(?:located|based|headquartered|seated) in (?:the )?⟦L(?P<p>\d+)⟧"
)
# "WIPO's headquarters in Geneva", "worked at the EPO in Munich", "the Ottawa firm X", "Geneva-based X"; not
# "met KIPO in Seoul", where the place is the meeting's
_ORG_PLACES = tuple(re.compile(pattern) for pattern in (
    r"⟦O(?P<o>\d+)⟧" + ACRONYM_AFTER + r"['’]s (?:headquarters|head office|seat|main office) (?:is |are )?in (?:the )?⟦L(?P<p>\d+)⟧",
    r"⟦O(?P<o>\d+)⟧" + ACRONYM_AFTER + r"[^.;⟦]{0,30}? (?:at |from )?its (?:headquarters|head office|seat) in (?:the )?⟦L(?P<p>\d+)⟧",
    r"\bat (?:the )?⟦O(?P<o>\d+)⟧" + ACRONYM_AFTER + r" in (?:the )?⟦L(?P<p>\d+)⟧",
    r"⟦L(?P<p>\d+)⟧(?:-based|-headquartered| (?:law )?firm| company) (?:the )?⟦O(?P<o>\d+)⟧",
))


def places(ctx: DocContext, masked: Masked, span: tuple[int, int]) -> list[Found]:
    found = []
    mentions = ctx.found.mentions
    for match in _CITY_COUNTRY.finditer(masked.text):
        a, b = int(match.group("a")), int(match.group("b"))
        if _LIST_AFTER.match(masked.text, match.end()) or _LIST_BEFORE.search(masked.text[:match.start()]):
            continue  # "Ruritania, Japan and Korea": a list of places, not a city and its country
        city_like = mentions[a].subclass == "City" or not mentions[a].ref
        # "Gatineau, Quebec": a place the reference does not list may be the region of another it does not list
        region_like = mentions[b].subclass in ("Country", "AdministrativeArea") or not (mentions[a].ref or mentions[b].ref)
        if city_like and region_like:
            found.append(Found(a, "locatedIn", b, span, rule="city-country"))
    for match in _IN_PLACE.finditer(masked.text):
        if match.group("o"):
            found.append(Found(int(match.group("o")), "locatedIn", int(match.group("p")), span, rule="based-in"))
            continue
        event = int(match.group("a"))
        for place in [match.group("b")] + re.findall(r"⟦L(\d+)⟧", match.group("more") or ""):
            found.append(Found(event, "locatedIn", int(place), span, rule="in-place"))
    for pattern in _ORG_PLACES:
        for match in pattern.finditer(masked.text):
            found.append(Found(int(match.group("o")), "locatedIn", int(match.group("p")), span, rule="org-place"))
    return found


_ATTENDED = re.compile(
    r"(?P<people>⟦P\d+⟧.*?) (?:attended|addressed|briefed|spoke at|chaired|presented [^⟦.;]{0,60}? (?:at|to)) "
    r"(?:the |a )?⟦E(?P<e>\d+)⟧"
)
# "Opening the session on Monday, Ms. X, Deputy Minister ..., urged ...": who opened or addressed it spoke there
_OPENING = re.compile(
    r"^(?:Opening|Closing|Addressing|Speaking (?:at|to|during)|Welcoming participants to) (?:the |a )?"
    r"(?:⟦E(?P<e>\d+)⟧|(?P<word>[a-z]+))[^⟦;]*?, " + HONORIFIC + r"(?:[A-Z][\w-]* ){0,4}⟦P(?P<p>\d+)⟧"
)
# "At the forum, Jane Doe, Commissioner of the Office, announced ...": the parser may read the person as a second
# place after "At"; a reporting verb after the person (and an apposition) says the person spoke there
_AT_EVENT_SAID = re.compile(
    r"^(?:At|During) (?:the )?⟦E(?P<e>\d+)⟧[^⟦;,]*, " + HONORIFIC + r"(?:[A-Z][\w-]* ){0,4}⟦P(?P<p>\d+)⟧"
    r"(?:, [^;]*?,)? (?:also )?(?:said|announced|told|noted|added|stressed|highlighted|explained|presented|"
    r"unveiled|outlined|urged|called|warned|emphasi[sz]ed|underlined|remarked|stated|shared)\b"
)
# "Jane Doe was among the speakers at the forum"
_AMONG_SPEAKERS = re.compile(
    r"⟦P(?P<p>\d+)⟧(?:, [^;]*?,)? (?:was|were|is|are) (?:also )?among (?:the )?(?:other )?(?:keynote )?"
    r"(?:speakers|panell?ists|presenters) (?:at|of) (?:the )?⟦E(?P<e>\d+)⟧"
)
# what may stand before the people who are a sentence's subject: "WIPO Director General", "Mr."
_SUBJECT_TITLE = re.compile(r"(?:⟦O\d+⟧(?:['’]s)? )?(?:[A-Z][\w-]* ){0,4}" + HONORIFIC)
# "Speakers included X, ..., and Ms. Y", "Other speakers at the forum included ...": the event named last
_SPEAKERS = re.compile(
    r"^(?:(?:Other|Keynote|Guest|The) |Among (?:the )?(?:other )?)?(?:[Ss]peakers|[Pp]anell?ists|[Pp]resenters)"
    r"(?: at (?:the )?(?:⟦E(?P<e>\d+)⟧|[a-z]+))?"
    r"(?: also)? (?:included|were|was|also included)\b(?P<people>.*)"
)


_REPORTED = re.compile(r"\b(?:said|says|told|tells|that|noted|added)\b")


def attendance(ctx: DocContext, masked: Masked, span: tuple[int, int]) -> list[Found]:
    """"Shen Changyu, Director of ..., Hu Wenhui, ..., and Ji Xiaoling, ... attended the conference":
    everyone named before the verb, when the sentence starts with them."""
    found = []
    for match in _ATTENDED.finditer(masked.text):
        if not _SUBJECT_TITLE.fullmatch(masked.text[:match.start()].lstrip()):
            continue  # only a sentence whose subject is the list of people
        if _REPORTED.search(match.group("people")):
            continue  # "⟦P1⟧ said that ⟦P2⟧ attended ...": not a list of attendees
        for person in re.finditer(r"⟦P(\d+)⟧", match.group("people")):
            found.append(Found(int(person.group(1)), "spokeAt", int(match.group("e")), span, rule="attended"))
    opening = _OPENING.match(masked.text.strip())
    if opening:
        event = int(opening.group("e")) if opening.group("e") else _described_event(ctx, masked, opening.group("word"))
        if event is not None:
            found.append(Found(int(opening.group("p")), "spokeAt", event, span, rule="opening"))
    if said := _AT_EVENT_SAID.match(masked.text.strip()):
        found.append(Found(int(said.group("p")), "spokeAt", int(said.group("e")), span, rule="at-event-said"))
    for among in _AMONG_SPEAKERS.finditer(masked.text):
        found.append(Found(int(among.group("p")), "spokeAt", int(among.group("e")), span, rule="among-speakers"))
    match = _SPEAKERS.match(masked.text.strip())
    event = None
    if match:
        event = int(match.group("e")) if match.group("e") else ctx.last_event(masked.sentence.start_char)
    if event is not None:
        for person in re.finditer(r"⟦P(\d+)⟧", match.group("people")):
            found.append(Found(int(person.group(1)), "spokeAt", event, span, rule="speakers-included"))
    return found


def _described_event(ctx: DocContext, masked: Masked, word: str) -> int | None:
    """The event "the session" at the start of the sentence stands for."""
    token = next((t for t in masked.sentence[:4] if t.lower_ == word), None)
    index = ctx.referent(token) if token is not None else None
    return index if index is not None and ctx.cls(index) == "Event" else None


SENTENCE_RULES = (positions, structure, cooperation, administration, places, treaties, attendance)
