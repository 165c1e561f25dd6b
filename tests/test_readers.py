"""The small readers: figures, periods, Chinese names, acronyms, the evaluator's matching."""

from __future__ import annotations

import pytest

from kg.chinese import pinyin_readings, romanised_key, to_simplified, to_traditional
from kg.evaluate import evaluate, normalise
from kg.model import Document, Entity, Fact, Figure, Resolution, Span
from kg.nlp.acronyms import find_acronyms
from kg.nlp.candidates import Candidate
from kg.nlp.quantities import read_figure, read_period


@pytest.mark.parametrize(
    "text, expected",
    [
        ("921,000 invention patents", (921000.0, "count")),
        ("4.4 million trademarks", (4400000.0, "count")),
        ("854 billion yuan", (854e9, "CNY")),
        ("about 118 billion U.S. dollars", (118e9, "USD")),
        ("$950 million", (950e6, "USD")),
        ("15.3 percent", (15.3, "percent")),
        ("72.8%", (72.8, "percent")),
        ("4.7 percentage points higher", (4.7, "percentage points")),
        ("82.04 points", (82.04, "points")),
        ("15.7 months", (15.7, "months")),
        ("1.4 times the global average", (1.4, "times")),
        ("USD 11.6 million", (11.6e6, "USD")),
        ("CHF 950,000", (950000.0, "CHF")),
        # thousands set apart by spaces, and in lakhs; crore and lakh; rupees written "Rs"
        ("94 517 applications", (94517.0, "count")),
        ("almost 924\u00a0000 patents", (924000.0, "count")),
        ("1,12,460 applications", (112460.0, "count")),
        ("Rs 14.6 crore", (146e6, "INR")),
        ("₹5 lakh", (500000.0, "INR")),
        ("10 0000", (10.0, "count")),  # not a group of three
    ],
)
def test_figures_are_read_as_numbers_with_units(text, expected):
    assert read_figure(text) == expected


@pytest.mark.parametrize(
    "phrase, date, period",
    [
        ("2023", "2024-01", "2023"),
        ("last year", "2024-01", "2023"),
        ("the first half of this year", "2024-07-29", "2024-01/2024-06"),
        ("the first half of 2020", "2020-07-10", "2020-01/2020-06"),
        ("this June", "2024-07-29", "2024-06"),
        ("January to May this year", "2024-07-29", "2024-01/2024-05"),
        ("the January-June period", "2020-07-10", "2020-01/2020-06"),
        ("end of 2023", "2024-07-29", "2023-12"),
        ("between 2013 and 2023", "2024-07-29", "2013/2023"),
        ("February 20, 2002", "2002-03-06", "2002-02-20"),
        ("20 February 2002", "2002-03-06", "2002-02-20"),
        ("this month", "2024-07-29", "2024-07"),
        ("recently", "2024-07-29", ""),
        # a month already over at the document's date, named without its year
        ("last December", "2026-03-11", "2025-12"),
        ("last August", "2026-08-01", "2025-08"),
        ("last June", "2026-08-01", "2026-06"),
        ("the end of December", "2026-01-22", "2025-12"),
        ("the end of March", "2026-03-11", "2026-03"),
        ("the end of December 2024", "2025-01-03", "2024-12"),
        ("the end of the year", "2026-01-22", "2026-12"),
        ("from April to November", "2026-03-11", "2026-04/2026-11"),  # ahead: a plan, not a past month
        ("the fourth quarter", "2025-02-05", "2025-10/2025-12"),
    ],
)
def test_periods_are_resolved_against_the_document_date(phrase, date, period):
    assert read_period(phrase, date) == period


def test_a_period_without_a_year_is_of_the_year_the_sentence_named_last():
    assert read_period("the fourth quarter", "2025-02-05", last_named="2024-07/2024-12") == "2024-10/2024-12"
    assert read_period("June", "2025-02-05", last_named="2023") == "2023-06"
    assert read_period("last December", "2026-03-11", last_named="2024") == "2025-12"  # counted from today


def test_chinese_scripts_and_pinyin():
    assert to_simplified("國家知識產權局") == "国家知识产权局"
    assert to_traditional("申长雨") == "申長雨"
    assert "shen changyu" in pinyin_readings("申長雨")
    assert romanised_key("Shen Changyu") == "shen changyu"


def test_acronyms_with_a_name_become_mentions_and_generic_ones_are_remembered():
    text = "The Patent Office of Ruritania (POR) protects intellectual property (IP). The POR is busy."
    start = text.index("Patent Office of Ruritania")
    long_form = Candidate(start, start + len("Patent Office of Ruritania"), "Organization", "name-rule")
    found = find_acronyms(text, [long_form])
    assert [(text[c.start:c.end], c.name) for c in found.candidates] == [
        ("POR", "Patent Office of Ruritania"), ("POR", "Patent Office of Ruritania")]
    assert "IP" in found.generic


def test_normalisation_for_matching():
    assert normalise("The  China National IP Administration's") == normalise("china national ip administration s")


def _resolution():
    text = "CNIPA cooperates with WIPO. 921,000 patents in 2023."
    document = Document("d.txt", text, "0" * 64, "d", date="2024-01")
    cnipa = Entity("x/cnipa", "Organization", "China National Intellectual Property Administration",
                   mentions=(Span("d.txt", 0, 5, "CNIPA"),))
    wipo = Entity("x/wipo", "Organization", "World Intellectual Property Organization",
                  mentions=(Span("d.txt", 22, 26, "WIPO"),))
    sentence = Span("d.txt", 0, 27, text[:27])
    fact = Fact("x/wipo", "cooperatesWith", "x/cnipa", (sentence,))
    figure = Figure("x/o", "patents", 921000.0, "count", "2023", (Span("d.txt", 28, 52, text[28:]),),
                    Span("d.txt", 28, 35, "921,000"))
    return Resolution((document,), (cnipa, wipo), (fact,), (figure,))


def test_evaluation_matches_by_alias_mention_and_either_direction_of_a_symmetric_relation():
    gold = {"d.txt": {
        "doc": "d.txt",
        "entities": [{"name": "China National Intellectual Property Administration", "type": "Organization",
                      "aliases": ["CNIPA"]},
                     {"name": "WIPO", "type": "Organization", "aliases": []},
                     {"name": "Xinhua", "type": "Organization", "aliases": []}],
        "relations": [{"subject": "China National Intellectual Property Administration", "predicate": "cooperatesWith",
                       "object": "WIPO", "evidence": "CNIPA cooperates with WIPO."}],
        "observations": [{"indicator": "x", "value": 921000, "unit": "count", "period": "2023-06", "evidence": ""},
                         {"indicator": "y", "value": 921000, "unit": "percent", "period": "2023", "evidence": ""}],
    }}
    (score,) = evaluate(_resolution(), gold).documents
    assert (score.entities["Organization"].tp, score.entities["Organization"].fp,
            score.entities["Organization"].fn) == (2, 0, 1)
    assert score.relations["cooperatesWith"].tp == 1
    assert (score.observations.tp, score.observations.fp, score.observations.fn) == (1, 0, 1)


def test_a_year_earlier_counts_back_from_the_date_named_last():
    assert read_period("a year earlier", "2026-01-20", last_named="2024-06") == "2023-06"
    assert read_period("the previous year", "2026-01-20", last_named="2024") == "2023"
    assert read_period("the previous year", "2026-01-20") == "2025"  # nothing named: the document's date
