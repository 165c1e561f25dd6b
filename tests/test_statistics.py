"""Figures as observations: value, unit, period, change, area and indicator read from sentences
written for these tests (not taken from the corpus)."""

from __future__ import annotations

import hashlib

import pytest

from kg.model import Corpus, Document
from kg.nlp.extract import extract
from kg.resolve import resolve


def document(text: str, date: str = "2024-03-01") -> Document:
    return Document(name="test.txt", text=text, sha256=hashlib.sha256(text.encode()).hexdigest(),
                    title="test", date=date)


def figures_of(text: str, date: str = "2024-03-01") -> list:
    resolution = resolve(extract(Corpus((document(text, date),))))
    names = {e.iri: e.name for e in resolution.entities}
    return [(f, names.get(f.area, "")) for f in resolution.figures]


def one(found, value):
    matches = [(f, area) for f, area in found if f.value == value]
    assert len(matches) == 1, [(f.value, f.indicator) for f, _ in found]
    return matches[0]


def test_value_period_unit_and_change():
    found = figures_of("In 2023, the Japan Patent Office granted 201,420 patents, up 3.2 percent year on year.")
    figure, _ = one(found, 201420)
    assert (figure.unit, figure.period, figure.change, figure.change_unit) == ("count", "2023", 3.2, "percent")
    assert "patents" in figure.indicator


def test_a_relative_period_is_resolved_against_the_document_date():
    found = figures_of("In the first half of this year, the agency received 48,000 trademark applications.",
                       date="2025-08-02")
    figure, _ = one(found, 48000)
    assert figure.period == "2025-01/2025-06"


def test_the_verb_of_an_indicator_is_a_past_participle_even_when_irregular():
    found = figures_of("In 2023, the patent court made 12,000 rulings on invalidation requests.")
    figure, _ = one(found, 12000)
    assert figure.indicator.startswith("rulings")
    assert "maked" not in figure.indicator and "makeed" not in figure.indicator


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("In 2023, the Singapore office collected S$12 million in fees.", 12e6, "SGD"),
    ("In 2023, the Hong Kong registry collected HK$40 million in fees.", 40e6, "HKD"),
    ("In 2022, the Japanese office spent 300 billion yen on examination.", 300e9, "JPY"),
    ("In 2024, the fund invested 854 billion yuan in patent-intensive industries.", 854e9, "CNY"),
    ("The regional office's revenue reached USD 4.2 million in 2025.", 4.2e6, "USD"),
    ("In 2024, the network paid out EUR 310 million to member offices.", 310e6, "EUR"),
    ("In 2024, the Turkish office collected 412 million Turkish lira in fees.", 412e6, "TRY"),
    ("In 2024, the Turkish office collected TRY 412 million in fees.", 412e6, "TRY"),
    ("In 2025, the authority collected N$ 35 million in fees.", 35e6, "NAD"),
    ("In 2024, the Brazilian institute collected R$ 480 million in fees.", 480e6, "BRL"),
    ("In 2024, the Indonesian directorate collected Rp 1.2 trillion in fees.", 1.2e12, "IDR"),
])
def test_currencies(text, value, unit):
    figure, _ = one(figures_of(text), value)
    assert figure.unit == unit


def test_the_main_country_is_the_default_area_but_not_for_worldwide_figures():
    text = ("Germany is a leader in engineering patents. German firms filed 60,000 applications in 2022, "
            "and Germany expects more. Worldwide, patent applications reached 3.5 million in 2022.")
    found = figures_of(text)
    assert one(found, 60000)[1] == "Germany"
    assert one(found, 3.5e6)[1] == ""


def test_a_document_that_never_says_when_states_no_observation():
    found = figures_of("The office received 5,000 applications and approved most of them.", date="")
    assert found == []


@pytest.mark.parametrize("text", [
    "GENEVA, 12 March 2025 - The office received 4,100 design applications in 2024.",
    "On March 12, 2025, the office said it received 4,100 design applications in 2024.",
])
def test_the_day_of_a_date_is_no_figure(text):
    found = figures_of(text, date="2025-03-12")
    assert [f.value for f, _ in found] == [4100], [(f.value, f.indicator) for f, _ in found]


def test_an_indicator_does_not_begin_with_another_figure():
    found = figures_of("In 2023, China filed 69,610 applications, followed by the United States with 55,678.")
    figure, _ = one(found, 55678)
    assert figure.indicator == "applications", figure.indicator


def test_countries_named_once_each_make_no_main_country():
    found = figures_of("In 2023, the office registered 27,500 unitary patents. Companies from the United States, "
                       "Germany and Japan were the largest users.")
    _, area = one(found, 27500)
    assert area == ""


def test_a_country_that_is_the_subject_of_the_figure_is_its_area():
    found = figures_of("Sweden is the most innovative economy in the index, and Sweden leads again. "
                       "Portugal rose to 31st place, and Peru, ranking 70th, entered the list.")
    _, area = one(found, 31)
    assert area == "Portugal"
    _, area = one(found, 70)
    assert area == "Peru"


def test_a_national_offices_figure_is_in_the_country_it_serves_not_the_documents_main_country():
    text = ("Canada and Japan signed a memorandum. Japan will host the next round, and Japan's office will train "
            "examiners from Canada. In 2024, the Canadian Intellectual Property Office granted 23,000 patents. "
            "Japan's patent grants grew to 200,000 in 2024.")
    found = figures_of(text)
    assert one(found, 23000)[1] == "Canada"
    assert one(found, 200000)[1] == "Japan"  # no office subject: the main country still
    found = figures_of("Japan will host the next round, and Japan will send examiners. In 2024, the Canadian "
                       "Intellectual Property Office granted 23,000 patents.")
    assert one(found, 23000)[1] == ""  # the country it serves is not named: no area rather than a wrong one


def test_an_international_organisations_figure_is_not_in_the_documents_main_country():
    text = ("Brazil and Brazilian firms lead the region. In 2024, the European Patent Office had 39 member "
            "states. In 2024, Brazil granted 30,000 patents.")
    found = figures_of(text)
    assert one(found, 39)[1] == ""
    assert one(found, 30000)[1] == "Brazil"


def test_an_indicator_does_not_begin_with_a_conjunction():
    found = figures_of("In 2024, the two companies filed 4,390 and 2,110 applications respectively.")
    assert all(not f.indicator.startswith(("and", "or")) for f, _ in found), [f.indicator for f, _ in found]


def test_a_weekday_is_the_day_of_that_name_nearest_the_documents_date():
    found = figures_of("More than 400 examiners gathered on Monday for the Nordic Forum on Design Rights 2026.",
                       date="2026-03-04")  # a Wednesday
    assert one(found, 400)[0].period == "2026-03-02"


def test_the_weekday_figures_were_published_on_is_not_their_period():
    found = figures_of("The court received 592 actions in its first months, according to figures published on "
                       "Tuesday.", date="2025-02-11")
    assert one(found, 592)[0].period == "2025"


def test_the_date_of_the_figure_compared_with_is_not_the_levels():
    found = figures_of("The agency said its average pendency had fallen to 19 months, from 23 months in 2022.",
                       date="2024-03-01")
    figure, _ = one(found, 19)
    assert figure.period == "2024"  # the document's year: the 2022 is the earlier figure's
    base, _ = one(found, 23)
    assert base.period == "2022"


def test_a_year_earlier_is_a_year_before_the_date_just_named():
    found = figures_of("Design registrations rose to 5,400 in 2022, from 4,900 a year earlier.", date="2024-03-01")
    figure, _ = one(found, 4900)
    assert figure.period == "2021"
    level, _ = one(found, 5400)
    assert level.period == "2022"


def test_a_dateline_is_not_the_year_a_document_speaks_of():
    text = ("3 February 2025\n\nNairobi, 3 February 2025 - The regional office published its review of 2024.\n\n"
            "It examined 2,350 applications in 2024 and granted 1,200 patents in 2024, and its council meets "
            "in March 2025.\n\n"
            "The office employed 410 examiners.")
    figure, _ = one(figures_of(text, date="2025-02-03"), 410)
    assert figure.period == "2024"  # 2024 three times; the dateline's date twice does not count


def test_a_year_named_twice_among_others_is_not_the_year_a_document_speaks_of():
    text = ("Geneva, 17 July 2025 - Member states met this week.\n\n"
            "Two countries joined the treaty in 2024, and one more in April 2024; it was adopted in 2022.\n\n"
            "The treaty now has 99 contracting parties.")
    figure, _ = one(figures_of(text, date="2025-07-17"), 99)
    assert figure.period == "2025"


def test_when_no_year_stands_out_a_figure_without_a_date_is_of_the_documents_year():
    text = ("The office was founded in 1998.\n\nIts new building opens in 2027.\n\n"
            "The office employs 410 examiners.")
    figure, _ = one(figures_of(text, date="2025-02-03"), 410)
    assert figure.period == "2025"


def test_a_number_in_words_does_not_read_the_number_after_it():
    found = figures_of("In 2023, a deposit with one of the 48 depositary authorities was recognised.")
    assert [f.value for f, _ in found] == [48]


@pytest.mark.parametrize("text, value, period", [
    # a date put first covers every clause of the sentence
    ("In 2022, the office handled 4,126 cases, up 17.3 percent, and imposed fines totalling 86.4 million yuan.",
     86_400_000, "2022"),
    # a clause in the same tense shares the date of the one it is coordinated with
    ("The office received 14,820 applications in 2022, up 9.3 percent, and granted 7,260.", 7260, "2022"),
    # not a clause in another tense: "three months" is not of 1996
    ("The treaties were agreed in 1996 and become law three months after they are ratified.", 3, "2024"),
])
def test_a_coordinated_clause_shares_the_date_when_it_comes_first_or_the_tense_is_the_same(text, value, period):
    figure, _ = one(figures_of(text, date="2024-03-01"), value)
    assert figure.period == period


@pytest.mark.parametrize("text, value, unit, period", [
    # "this year's" where the model tags "year" alone
    ("This year's fund has a budget of EUR 23.3 million, up from EUR 20 million in 2024.", 23_300_000, "EUR",
     "2025"),
    # a quarter without its year is of the year the sentence named, not of the comparison's
    ("Filings reached 94 517 in the second half of 2024, 3.8% more than in the same period of 2023, while the "
     "average time to publish fell to 1.6 months in the fourth quarter.", 1.6, "months", "2024-10/2024-12"),
    # "a year earlier" after "compared with" dates the figure compared with, not the next one
    ("In 2024, the fund awarded grants to 17 842 firms, compared with 14 301 a year earlier, and women-led firms "
     "made up 29% of beneficiaries.", 29, "percent", "2024"),
    ("In 2024, the fund awarded grants to 17 842 firms, compared with 14 301 a year earlier.", 14301, "count",
     "2023"),
])
def test_periods_of_figures_in_longer_sentences(text, value, unit, period):
    figure, _ = one(figures_of(text, date="2025-02-05"), value)
    assert (figure.unit, figure.period) == (unit, period)


def test_made_up_is_no_change_and_more_than_the_same_period_is_one():
    found = figures_of("In 2024, women-led firms made up 29% of beneficiaries.", date="2025-02-05")
    assert [f.value for f, _ in found] == [29]
    found = figures_of("Filings reached 94 517 in 2024, 3.8% more than in the same period of 2023.",
                       date="2025-02-05")
    figure, _ = one(found, 94517)
    assert (figure.change, figure.change_unit, len(found)) == (3.8, "percent", 1)


def test_the_yen_sign_in_a_text_about_japan_and_the_yuan_sign_elsewhere():
    japan = "The Japan Patent Office collected fees of ¥143.2 billion in fiscal 2024."
    china = "The China National Intellectual Property Administration collected fees of ¥143.2 billion in 2024."
    assert one(figures_of(japan), 143.2e9)[0].unit == "JPY"
    assert one(figures_of(china), 143.2e9)[0].unit == "CNY"


def test_a_regulations_number_is_not_a_year():
    text = ("Regulation (EU) 2024/2822 applies to designs.\n\nRegulation (EU) 2024/2823 applies too.\n\n"
            "The rules under Regulation (EU) 2024/2824 help 5,000 firms.")
    figure, _ = one(figures_of(text, date="2025-02-05"), 5000)
    assert figure.period == "2025"


def test_a_number_in_words_with_a_scale_is_a_figure_but_a_small_count_is_not():
    figure, _ = one(figures_of("The office received twelve thousand applications in 2024."), 12000)
    assert figure.unit == "count"
    figure, _ = one(figures_of("In 2024 the fund paid out two million euros."), 2e6)
    assert figure.unit == "EUR"
    assert not figures_of("In 2024 three offices signed the agreement.")


def test_an_appositive_percentage_increase_is_the_change_of_the_level_before():
    found = figures_of("Between January and June 2025, the office received 4,500 applications, a 15% increase.",
                       date="2025-08-01")
    figure, _ = one(found, 4500)
    assert (figure.change, figure.change_unit, figure.period) == (15.0, "percent", "2025-01/2025-06")
    assert not [f for f, _ in found if f.value == 15.0]


def test_a_bare_amount_compared_with_a_sum_of_money_is_in_its_currency():
    found = figures_of("The office's budget for 2026 is 14.8 million US dollars, up from 13.1 million in 2025.")
    figure, _ = one(found, 13.1e6)
    assert (figure.unit, figure.period) == ("USD", "2025")


@pytest.mark.parametrize("text", [
    "The office is located at 12 Main Street, Oslo.",
    "For more information call +47 22 33 44 55.",
    "The regulation, No. 789, took effect in 2024.",
    "Law No. 50 of 2022 governs trademarks.",
])
def test_numbers_of_addresses_phones_and_acts_are_not_figures(text):
    assert not figures_of(text), [(f.value, f.indicator) for f, _ in figures_of(text)]


def test_a_figure_in_the_simple_present_is_of_the_documents_date_not_of_the_year_the_text_is_about():
    text = ("In 2025 the office received 4,100 applications. In 2025 it granted 2,300 patents. Fees rose in 2025.\n\n"
            "The office has 22 member states. The office has received 3,000 design applications.")
    found = figures_of(text, date="2026-04-14")
    assert one(found, 22)[0].period == "2026"
    assert one(found, 3000)[0].period == "2025"  # a present perfect stays with the year the text speaks of


@pytest.mark.parametrize("text, level, change, unit", [
    ("Trademark filings rose 15 percent year on year to 48,000 in the first half of 2025.", 48000, 15, "percent"),
    ("Design applications declined 3.1% to 14,050 in 2024.", 14050, 3.1, "percent"),
    ("The number of PCT applications fell by 1.8% to 273,900 last year.", 273900, 1.8, "percent"),
    ("The share of women inventors rose by 2 percentage points to 17%.", 17, 2, "percentage points"),
    ("The budget for 2025 is EUR 450 million, 5% more than in 2024.", 450e6, 5, "percent"),
])
def test_a_change_said_before_the_level_it_led_to_belongs_to_that_level(text, level, change, unit):
    found = figures_of(text, date="2025-08-02")
    figure, _ = one(found, level)
    assert (figure.change, figure.change_unit) == (change, unit)
    assert len(found) == 1, [(f.value, f.indicator) for f, _ in found]  # the change is no figure of its own


def test_a_change_before_a_later_level_is_not_the_earlier_levels():
    found = figures_of("In 2024 the office received 5,000 design applications; patent filings rose 10% to 8,000.")
    assert one(found, 8000)[0].change == 10
    assert one(found, 5000)[0].change is None
