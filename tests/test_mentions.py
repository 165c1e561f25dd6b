"""What is, and what is not, a named thing (sentences written for these tests)."""

from __future__ import annotations

from test_statistics import document

from kg.model import Corpus
from kg.nlp.extract import extract


def mentions_of(text: str, cls: str) -> set[str]:
    extraction = extract(Corpus((document(text),))).items[0]
    return {m.span.text for m in extraction.mentions if m.cls == cls}


def test_a_described_law_is_a_mention_but_rules_on_the_matter_are_not():
    laws = mentions_of("The ministry issued interim measures for patent pledge registration. "
                       "The ministry also issued rules on the matter.", "Law")
    assert any("measures for patent pledge registration" in law for law in laws)
    assert not any("matter" in law for law in laws)


def test_weekdays_and_months_are_not_parts_of_a_name():
    people = mentions_of("On Monday Ingrid Solberg met reporters. Ingrid Solberg said filings rose in March.",
                         "Person")
    assert "Ingrid Solberg" in people
    assert not any(word in name for name in people for word in ("Monday", "March"))
