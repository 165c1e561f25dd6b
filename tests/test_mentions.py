"""What is, and what is not, a named thing (sentences written for these tests)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from test_statistics import document

from kg.model import Corpus
from kg.nlp.candidates import PRIORITY, Candidate
from kg.nlp.extract import extract
from kg.nlp.mentions import select


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


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(1, 12), st.sampled_from(sorted(PRIORITY)),
                          st.sampled_from(["Organization", "Person", "Place"])), max_size=40))
def test_select_keeps_what_the_pairwise_rule_keeps(spans):
    """select() finds overlaps by bisecting; the rule it implements, checked against every chosen one."""
    candidates = [Candidate(start, start + length, cls, source) for start, length, source, cls in spans]
    chosen: list[Candidate] = []
    for group in ([c for c in candidates if c.source != "ner"], [c for c in candidates if c.source == "ner"]):
        for cand in sorted(group, key=lambda c: (-c.length, -c.priority, c.start, c.cls)):
            if not any(cand.overlaps(other) for other in chosen):
                chosen.append(cand)
    assert select(candidates) == sorted(chosen, key=lambda c: (c.start, c.end))


def test_select_drops_empty_candidates():
    kept = Candidate(5, 8, "Organization", "reference")
    assert select([Candidate(5, 5, "Organization", "reference"), kept, Candidate(6, 7, "Place", "ner")]) == [kept]
