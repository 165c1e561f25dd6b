"""Relations stated in more of the ways press releases say them: one sentence (or two) written for each, with
invented names, and what must (or must not) be read from it."""

from __future__ import annotations

import pytest
from test_relations import document, facts_of, has

from kg.model import Corpus
from kg.nlp.extract import extract
from kg.resolve import resolve

FORUM = "The Nordic Design Forum opened in Oslo on Monday. "

# (a text, subject, predicate, object that must be read from it)
STATED = [
    # administration, positions, hosts
    ("The Nordic Patent Institute is responsible for administering the Green Patent Plan.",
     "Nordic Patent Institute", "administers", "Green Patent Plan"),
    ("The Nordic Patent Institute is in charge of the Green Patent Plan.",
     "Nordic Patent Institute", "administers", "Green Patent Plan"),
    ("The Madrid System, which the World Intellectual Property Organization administers, grew.",
     "World Intellectual Property Organization", "administers", "Madrid System"),
    ("Nordic Patent Institute spokesperson Jane Doe said filings rose.",
     "Jane Doe", "holdsPosition", "Nordic Patent Institute"),
    ("The Nordic Patent Institute, together with the University of Oslo, organised the Nordic Design Forum.",
     "Nordic Design Forum", "hostedBy", "University of Oslo"),
    # events, treaties, units
    ("The Nordic Design Forum opened on Monday. It was hosted by the Nordic Patent Institute in Oslo.",
     "Nordic Design Forum", "hostedBy", "Nordic Patent Institute"),
    ("Organised by the Nordic Patent Institute, the Nordic Design Forum took place in Oslo.",
     "Nordic Design Forum", "hostedBy", "Nordic Patent Institute"),
    ("Organised by the Nordic Patent Institute, the Nordic Design Forum took place in Oslo.",
     "Nordic Design Forum", "locatedIn", "Oslo"),
    ("The Nordic Design Forum opened in Oslo. Among the speakers were Jane Doe of the Nordic Patent Institute and "
     "John Roe of the Baltic Trademark Office.", "John Roe", "spokeAt", "Nordic Design Forum"),
    ("With the accession of Kenya, the Singapore Treaty on the Law of Trademarks now has 60 contracting parties.",
     "Kenya", "partyTo", "Singapore Treaty on the Law of Trademarks"),
    ("KIPI Managing Director Jane Doe said the institute would train examiners.",
     "Jane Doe", "holdsPosition", "KIPI"),
    ("The Kenya Industrial Property Institute is a state corporation under the Ministry of Trade.",
     "Kenya Industrial Property Institute", "partOf", "Ministry of Trade"),
    # issuers and partners
    ("The Ministry of Trade launched the Green Patent Plan together with the Ministry of Finance.",
     "Green Patent Plan", "issuedBy", "Ministry of Finance"),
    ("In cooperation with the Ministry of Finance, the Ministry of Trade launched the Green Patent Plan.",
     "Green Patent Plan", "issuedBy", "Ministry of Finance"),
    ("The Nordic Patent Institute's Green Patent Plan helped 300 firms.",
     "Nordic Patent Institute", "administers", "Green Patent Plan"),
    ("The memorandum was signed in Oslo by the Nordic Patent Institute and the Baltic Trademark Office.",
     "Nordic Patent Institute", "cooperatesWith", "Baltic Trademark Office"),
    ("The Nordic Patent Institute renewed its cooperation agreement with the Baltic Trademark Office.",
     "Nordic Patent Institute", "cooperatesWith", "Baltic Trademark Office"),
    # speakers and places of an event
    (FORUM, "Nordic Design Forum", "locatedIn", "Oslo"),
    (FORUM + "The forum's opening ceremony was addressed by Jane Doe and John Roe.",
     "John Roe", "spokeAt", "Nordic Design Forum"),
    (FORUM + "In her keynote address, Jane Doe, Director General of the Nordic Patent Institute, said fees would "
     "fall.", "Jane Doe", "spokeAt", "Nordic Design Forum"),
    (FORUM + "Jane Doe, the Nordic Patent Institute's Director General, welcomed participants.",
     "Jane Doe", "spokeAt", "Nordic Design Forum"),
    (FORUM + "Jane Doe chaired the first panel.", "Jane Doe", "spokeAt", "Nordic Design Forum"),
    ("Oslo-based Nordic Patent Institute said fees would fall.", "Nordic Patent Institute", "locatedIn", "Oslo"),
    # joint work, agreements, venues
    ("The Ministry of Trade launched the Green Patent Plan on Protecting Seed Rights, jointly with the Ministry of "
     "Public Security and the Nordic Patent Institute.", "Green Patent Plan on Protecting Seed Rights", "issuedBy",
     "Nordic Patent Institute"),
    ("The Nordic Patent Institute already has PPH arrangements with eight other offices, including the Japan "
     "Patent Office and the Korean Intellectual Property Office.", "Nordic Patent Institute", "cooperatesWith",
     "Korean Intellectual Property Office"),
    ("He reported on the Memorandum of Understanding that the Nordic Patent Institute and the Baltic Trademark "
     "Office concluded in 2024.", "Nordic Patent Institute", "cooperatesWith", "Baltic Trademark Office"),
    ("The Master of Design programme, which the Nordic Design Academy runs jointly with the University of Oslo, "
     "has 40 graduates.", "Nordic Design Academy", "cooperatesWith", "University of Oslo"),
    ("The Assemblies, hosted by the Nordic Patent Institute at its headquarters in Oslo, closed on Friday.",
     "Nordic Patent Institute", "locatedIn", "Oslo"),
    ('The fund was presented on 4 February at the "Design Matters" conference hosted by the Nordic Patent Institute '
     'in Bergen.', "Design Matters", "locatedIn", "Bergen"),
    ("The Nordic Design Forum ended in Bergen, Norway, on Thursday.", "Nordic Design Forum", "locatedIn", "Bergen"),
    ("The next Nordic Design Forum will be held at the Institute's headquarters in Bergen in 2026.",
     "Nordic Design Forum", "locatedIn", "Bergen"),
]


@pytest.mark.parametrize("text, subject, predicate, obj", STATED)
def test_a_relation_stated_this_way_is_read(text, subject, predicate, obj):
    assert has(facts_of(text), subject, predicate, obj), facts_of(text)


def test_a_body_under_another_is_named_as_written_and_is_part_of_it():
    facts = facts_of("Mr. Ulan Bekov, Director of the Patent Agency under the Ministry of Justice of the Republic "
                     "of Mongolia, signed the instrument.")
    assert has(facts, "Patent Agency under the Ministry of Justice of the Republic of Mongolia", "partOf",
               "Ministry of Justice of the Republic of Mongolia"), facts
    assert has(facts, "Ulan Bekov", "holdsPosition", "Patent Agency"), facts


INTERVIEW = """Interview: Nordic patent chief on examination

Oslo, 9 July 2026

The Nordic Patent Institute (NPTI) granted 6,200 patents in 2025. Its Commissioner, Ofir Alon, spoke to Tech Review.

Tech Review: How did the office do last year?

Ofir Alon: We examined 9,400 applications. We also signed an agreement with the Japan Patent Office.

Tech Review: What comes next?

Ofir Alon: Together with the Ministry of Justice, we will publish the Guidelines on AI Inventions in September.
"""


@pytest.mark.parametrize("subject, predicate, obj", [
    ("Ofir Alon", "holdsPosition", "Nordic Patent Institute"),  # "Its Commissioner, Ofir Alon", a label's name
    ("Nordic Patent Institute", "cooperatesWith", "Japan Patent Office"),  # "we" of a speaker label
    ("Guidelines on AI Inventions", "issuedBy", "Ministry of Justice"),
    ("Nordic Patent Institute", "cooperatesWith", "Ministry of Justice"),  # "together with X, we will publish"
])
def test_an_interview_with_speaker_labels_the_model_does_not_tag(subject, predicate, obj):
    facts = facts_of(INTERVIEW)
    assert has(facts, subject, predicate, obj), facts


def test_a_generic_ministry_in_a_text_that_never_names_its_country_is_not_the_reference_one():
    resolution = resolve(extract(Corpus((document(INTERVIEW),))))
    ministries = [e for e in resolution.entities if e.name.startswith("Ministry of Justice")]
    assert ministries and not any("china" in e.iri for e in ministries), [e.iri for e in ministries]
    office = next(e for e in resolution.entities if e.name == "Nordic Patent Institute")
    assert "NPTI" in {m.text for m in office.mentions}  # the acronym's letters in order in the name


# (a text, what must be read from it, what must not)
DISTINGUISHED = [
    (FORUM + "Jane Doe, the Nordic Patent Institute's Director General, welcomed the decision.",
     None, ("Jane Doe", "spokeAt", "Nordic Design Forum")),  # welcoming a decision is not speaking at an event
    ("The Nordic Plenary Session met in May. At the opening ceremony of the Nordic Design Forum, President Jane "
     "Doe emphasised design rights.",
     ("Jane Doe", "spokeAt", "Nordic Design Forum"), ("Jane Doe", "spokeAt", "Nordic Plenary Session")),
    ("The report goes to the Nordic Design Forum, which will be hosted by the Nordic Patent Institute in Bergen, "
     "Norway, in November.",  # the city, not the country after its comma
     ("Nordic Design Forum", "locatedIn", "Bergen"), ("Nordic Design Forum", "locatedIn", "Norway")),
    ("Jane Doe succeeds John Roe as Director General of the Nordic Patent Institute.",  # the successor's title
     ("Jane Doe", "holdsPosition", "Nordic Patent Institute"), ("John Roe", "holdsPosition", "Nordic Patent Institute")),
]


@pytest.mark.parametrize("text, read, not_read", DISTINGUISHED)
def test_one_relation_is_read_and_its_near_miss_is_not(text, read, not_read):
    facts = facts_of(text)
    assert read is None or has(facts, *read), facts
    assert not has(facts, *not_read), facts


# positions said in yet other ways: (text, the person, the organisation)
POSITIONS = [
    ("Jane Doe, who was named director of the Nordic Patent Institute in 2023, said filings rose.",
     "Jane Doe", "Nordic Patent Institute"),
    ("Jane Doe has served as the Nordic Patent Institute's director since 2019.", "Jane Doe", "Nordic Patent Institute"),
    ("Jane Doe (Director General, Nordic Patent Institute) opened the meeting.", "Jane Doe", "Nordic Patent Institute"),
    ("Jane Doe, who also chairs the Nordic Patent Council, said fees would fall.", "Jane Doe", "Nordic Patent Council"),
    ("Jane Doe became Director General of the Nordic Patent Institute in 2021.", "Jane Doe", "Nordic Patent Institute"),
]


@pytest.mark.parametrize("text, person, organisation", POSITIONS)
def test_a_position_stated_this_way_is_read(text, person, organisation):
    assert has(facts_of(text), person, "holdsPosition", organisation), facts_of(text)


def test_a_unit_named_after_its_body_is_part_of_it():
    facts = facts_of("The World Intellectual Property Organization (WIPO) met in May. The WIPO Academy trains "
                     "examiners.")
    assert has(facts, "WIPO Academy", "partOf", "World Intellectual Property Organization"), facts


RELEASE = """Office reports record year

Nairobi, 14 February 2026 - The Kenya Industrial Property Institute (KIPI) received 4,812 patent applications in 2025, \
11 percent more than in 2024, its Managing Director, Dr. Wanjiru Kamau, told reporters on Thursday.

The institute, which operates under the Ministry of Investments, Trade and Industry, signed a memorandum of \
understanding with the African Regional Intellectual Property Organization (ARIPO) in June.

The Innovation Voucher Scheme is funded by the World Bank and managed by KIPI's Patents Directorate, headed by Mr. \
Otieno Mwangi.

Kenya acceded to the Madrid Protocol in 1998 and to the Hague Agreement in 2020.
"""


@pytest.mark.parametrize("subject, predicate, obj", [
    ("Wanjiru Kamau", "holdsPosition", "Kenya Industrial Property Institute"),  # "its Managing Director, X"
    ("Kenya Industrial Property Institute", "partOf", "Ministry of Investments, Trade and Industry"),  # the institute
    ("Kenya Industrial Property Institute", "cooperatesWith", "African Regional Intellectual Property Organization"),
    ("Patents Directorate", "administers", "Innovation Voucher Scheme"),  # "... and managed by X"
    ("Otieno Mwangi", "holdsPosition", "Patents Directorate"),  # "headed by"
    ("Kenya", "partyTo", "Hague Agreement"),  # "acceded to X in 1998 and to Y in 2020"
])
def test_a_press_release_the_way_offices_write_them(subject, predicate, obj):
    facts = facts_of(RELEASE)
    assert has(facts, subject, predicate, obj), facts


MEETING = """Heads of the patent offices of Estonia, Latvia and Lithuania met in Riga on Thursday for the annual Baltic IP \
Heads Meeting, hosted this year by the Patent Office of the Republic of Latvia (LRPV).

The academy will be run by the LRPV together with the Estonian Patent Office. A representative of the European Union \
Intellectual Property Office (EUIPO), Ms. Laura Conti, presented the programme.
"""


@pytest.mark.parametrize("subject, predicate, obj", [
    ("Baltic IP Heads Meeting", "hostedBy", "Patent Office of the Republic of Latvia"),  # "..., hosted by X"
    ("LRPV", "cooperatesWith", "Estonian Patent Office"),  # an acronym in the body's own language
    ("Laura Conti", "holdsPosition", "European Union Intellectual Property Office"),  # "A representative of X, Y"
])
def test_a_meeting_report(subject, predicate, obj):
    facts = facts_of(MEETING)
    assert has(facts, subject, predicate, obj), facts


def test_a_hyphenated_title_before_a_name():
    facts = facts_of("The Department of Intellectual Property (DIP) reported. DIP Director-General Nuntawan "
                     "Sakuntanaga said the department would open two offices.")
    assert has(facts, "Nuntawan Sakuntanaga", "holdsPosition", "Department of Intellectual Property"), facts


def test_remarks_made_at_a_press_conference_and_a_guideline_named_without_its_date():
    text = ("Hu Wenhui, deputy head of the Nordic Patent Institute, made the remarks at a press conference held by "
            "the Nordic Information Office. The institute and the Nordic Information Office jointly issued a "
            "guideline on fighting malicious trademark registrations last year.")
    facts = facts_of(text)
    assert has(facts, "Hu Wenhui", "spokeAt", "press conference"), facts
    assert has(facts, "guideline on fighting malicious trademark registrations", "issuedBy",
               "Nordic Information Office"), facts
