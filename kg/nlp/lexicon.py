"""Words that type a name by its head, and the words of officials' titles.

"Special Action Plan for ..." is a Programme because its head is "Plan";
"Regulations on ..." a Law; "... Forum for International Cooperation" an
Event. Lower-case forms; matching is case-insensitive.
"""

from __future__ import annotations

# heads of companies' names, and their legal forms: "... Corporation", "Robert Bosch GmbH"
COMPANY_HEADS = frozenset("company corporation co. ltd ltd. inc inc. group firm bank gmbh plc llc llp limited".split())
# legal forms written in capitals, no head alone ("Siemens AG"): they end a company's name before "and"
LEGAL_FORMS = frozenset("AG SA S.A. SE NV N.V. BV B.V. KK K.K. Oy AB AS ASA SpA S.p.A.".split())
ORG_HEADS = frozenset(
    """
    administration office bureau department ministry commission committee council organization
    organisation agency court procuratorate association institute university college academy center
    centre federation union authority government
    chamber society foundation board secretariat party parliament tribunal cabinet senate municipality
    news daily times magazine tv television radio post journal media broadcasting observatory alliance
    consortium league division section branch service services network club directorate registry
    sector unit
    """.split()
) | COMPANY_HEADS
# units that are normally part of a larger body: "the Patent Bureau of the CNIPA"
ORG_UNIT_HEADS = frozenset(
    "office bureau department division section branch secretariat center centre committee unit team directorate sector"
    .split()
)
MEDIA_WORDS = frozenset(
    "news daily times magazine tv television radio post journal media broadcasting press app channel gazette "
    "review tribune herald weekly wire".split()
)
LAW_HEADS = frozenset(
    """
    law laws act regulation regulations rules measures provisions guidelines guideline opinions outline
    code directive notice interpretation interpretations constitution ordinance decree circular statute
    bill resolution index indicators report paper handbook manual
    """.split()
)
PROGRAMME_HEADS = frozenset(
    """
    plan programme program initiative project projects action campaign strategy pilot fund funds scheme
    tour series agenda roadmap mission grant grants
    """.split()
)
TREATY_HEADS = frozenset("treaty convention agreement protocol arrangement accord pact system memorandum".split())
EVENT_HEADS = frozenset(
    """
    conference forum summit session meeting expo exhibition fair ceremony week symposium dialogue seminar
    workshop festival briefing roundtable talks celebration congress assembly
    """.split()
)
# heads that name a body unless an ordinal makes them one meeting ("the 18th National Congress")
ORDINAL_EVENT_HEADS = frozenset("congress session assembly".split())

HEAD_CLASS: dict[str, str] = {}
for _cls, _words in (
    ("Organization", ORG_HEADS),
    ("Law", LAW_HEADS),
    ("Programme", PROGRAMME_HEADS),
    ("Treaty", TREATY_HEADS),
    ("Event", EVENT_HEADS),
):
    for _w in _words:
        HEAD_CLASS.setdefault(_w, _cls)
# a capitalised "... Day" is an observance ("World Intellectual Property Day"); a lower-case "day" names none
HEAD_CLASS["day"] = "Event"

# verbs of joint action written with "co-": one token each ("co-hosted"), read as "co-host"
CO_VERBS = frozenset("host organize organise sponsor chair sign found".split())


def co_verb_forms() -> dict[str, str]:
    """"co-hosted" -> "co-host", "co-organising" -> "co-organise", ... for every verb of CO_VERBS."""
    forms = {}
    for base in CO_VERBS:
        stem = base[:-1] if base.endswith("e") else base
        for form in (base, base + "s", stem + "ed", stem + "ing"):
            forms["co-" + form] = "co-" + base
    return forms


# words that may join capitalised words inside one name
NAME_CONNECTORS = frozenset(
    "of for on and the to in concerning an a at & 's de du des".split()
)
# prepositions that end the first segment of a name, whose last word is the head
SEGMENT_BREAKS = frozenset("of for on to in with concerning under against between at".split())

# officials' titles, as they follow a name ("Shen Changyu, commissioner of ...")
TITLE_WORDS = frozenset(
    """
    commissioner director general director-general deputy vice head chief minister spokesperson
    spokesman spokeswoman president chairman chairwoman chair chairperson secretary secretary-general
    official officer judge governor ambassador counsellor counselor adviser advisor professor
    researcher examiner inspector manager executive ceo founder premier mayor member leader principal
    dean consul envoy representative assistant associate senior acting under undersecretary editor
    reporter correspondent analyst lawyer attorney partner counsel joint managing registrar controller
    administrator coordinator prosecutor rapporteur
    """.split()
)

# verbs that say a title: "X, who heads the Office", "the Office, headed by X": X's title
TITLE_OF_HEADING_VERB = {"head": "head", "lead": "head", "chair": "chair", "direct": "director"}

# titles that can stand before a name ("President Xi Jinping", "Director General Daren Tang")
PRE_NAME_TITLES = frozenset(
    """
    president premier chairman chairwoman chair chairperson minister commissioner director secretary general vice deputy
    ambassador governor mayor judge chief spokesperson under undersecretary executive officer managing registrar
    """.split()
)

# section labels of transcripts that are not speakers
TRANSCRIPT_LABELS = frozenset(
    """
    speakers speaker chairperson chair moderator host date time venue location source sources q a
    question answer note notes contact contacts media editor photo tags
    """.split()
)

# acronyms that are common nouns in this domain, never names on their own
GENERIC_ACRONYMS = frozenset("IP IPR IPRS GI GIS AI GDP SME SMES R&D Q&A IT ICT FDI".split())

# organisation subclasses suggested by a head word
SUBCLASS_BY_HEAD = {
    **{w: "MediaOutlet" for w in MEDIA_WORDS},
    **{w: "GovernmentAgency" for w in "administration ministry bureau agency commission government municipality authority".split()},
    **{w: "AcademicInstitution" for w in "university academy institute college".split()},
    **{w: "Court" for w in "court tribunal procuratorate".split()},
    **{w: "Company" for w in COMPANY_HEADS},
    **{w: "PartyOrStateBody" for w in "party congress parliament senate cabinet council".split()},
}
