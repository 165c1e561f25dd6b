"""Speaker labels in transcripts, and headings that only look like them (texts written for these tests)."""

from __future__ import annotations

from test_relations import facts_of, has
from test_statistics import document

from kg.model import Corpus
from kg.nlp.extract import extract


def people_of(text: str) -> set[str]:
    extraction = extract(Corpus((document(text),))).items[0]
    return {m.span.text for m in extraction.mentions if m.cls == "Person"}


def test_labels_of_a_transcript_are_speakers():
    text = ("Moderator Li Qiang:\nGood morning. Our first question.\n"
            "Ingrid Solberg:\nThank you. This year we signed an agreement with the Japan Patent Office.\n"
            "Li Qiang:\nThank you, next question.\n")
    assert {"Ingrid Solberg", "Li Qiang"} <= people_of(text)


def test_a_single_heading_with_a_colon_is_not_a_person():
    text = ("Patent filings rose again in 2023, the European Patent Office said.\n\n"
            "Key Findings:\nThe key findings were that patent findings grew in every member state.\n")
    assert "Key Findings" not in people_of(text)


def test_title_case_headings_in_a_transcript_are_not_people():
    text = ("Anna Berg:\nWe will publish the annual report in March.\n"
            "Annual Report:\nThe annual report lists every decision.\n"
            "Anna Berg:\nThank you.\n")
    people = people_of(text)
    assert "Anna Berg" in people
    assert "Annual Report" not in people


def test_the_speaker_of_a_turn_holds_the_listed_position():
    text = ("Speakers:\nAnna Berg, commissioner of the European Patent Office\n"
            "Anna Berg:\nThank you. This year we signed a cooperation agreement with the Japan Patent Office.\n")
    assert has(facts_of(text), "Anna Berg", "holdsPosition", "European Patent Office")
