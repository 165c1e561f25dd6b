"""Reading figures and periods as written: "4.4 million" -> 4400000, "854 billion yuan" -> (8.54e11, CNY),
"the first half of this year" -> "2024-01/2024-06" in a document dated 2024-07-29.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
}
SCALES = {"thousand": 1e3, "million": 1e6, "mln": 1e6, "billion": 1e9, "bln": 1e9, "trillion": 1e12,
          "lakh": 1e5, "crore": 1e7, "万": 1e4, "亿": 1e8}
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10,
}
# ISO 4217 codes, also written before or after the number ("USD 11.6 million", "2.4 billion TRY")
_CODES = ("USD", "EUR", "GBP", "JPY", "CNY", "KRW", "CHF", "SGD", "HKD", "AUD", "CAD", "INR", "NZD", "TWD", "BRL",
          "MXN", "CLP", "ARS", "COP", "PEN", "TRY", "ZAR", "NAD", "BBD", "KES", "NGN", "EGP", "IDR", "THB", "VND",
          "PHP", "MYR", "KHR", "RUB", "SAR", "AED", "PLN", "GEL", "SEK", "NOK", "DKK", "CZK", "HUF", "UZS", "KZT")
_CODE_ALTERNATION = r"(?-i:" + "|".join(_CODES) + r")"  # upper case only: "TRY", not "try"
_CURRENCY = {"us$": "USD", "$": "USD", "hk$": "HKD", "nt$": "TWD", "s$": "SGD", "a$": "AUD", "c$": "CAD",
             "nz$": "NZD", "n$": "NAD", "r$": "BRL", "bds$": "BBD", "€": "EUR", "£": "GBP", "¥": "CNY", "₩": "KRW",
             "₹": "INR", "rs": "INR", "rs.": "INR", "rmb": "CNY", "₺": "TRY", "₱": "PHP", "₦": "NGN", "₽": "RUB",
             "₾": "GEL", "rp": "IDR", "rp.": "IDR", "rm": "MYR", "ksh": "KES"} | {c.lower(): c for c in _CODES}
# written before the number: a sign, or an ISO 4217 code
CURRENCY_SIGN = (r"(?:US|HK|NT|S|A|C|NZ|N|R|Bds)?\$|[€£¥₩₹₺₱₦₽₾]|RMB|\b(?:Rs|Rp)\.?|\b(?-i:RM|KSh)|\b"
                 + _CODE_ALTERNATION + r"\b")
# "1,234,567"; "1 234 567" (a space, no-break or thin space between groups); "1,12,460" (lakhs, in India)
THOUSANDS_SPACE = "[ \u00a0\u202f]"
_NUMBER = rf"(?:\d{{1,2}}(?:,\d{{2}})+,\d{{3}}(?!\d)|\d{{1,3}}(?:,\d{{3}})+|\d{{1,3}}(?:{THOUSANDS_SPACE}\d{{3}})+(?!\d)|\d+)(?:\.\d+)?"
_UNIT_NAMES = {
    "%": "percent", "percent": "percent", "per cent": "percent",
    "percentage point": "percentage points", "percentage points": "percentage points",
    "point": "points", "points": "points",
    "yuan": "CNY", "renminbi": "CNY", "rmb": "CNY",
    "u.s. dollars": "USD", "us dollars": "USD", "dollars": "USD",
    "hong kong dollars": "HKD", "hk dollars": "HKD", "singapore dollars": "SGD", "australian dollars": "AUD",
    "canadian dollars": "CAD", "new zealand dollars": "NZD", "namibian dollars": "NAD", "barbados dollars": "BBD",
    "euro": "EUR", "euros": "EUR", "yen": "JPY", "won": "KRW",
    "pound sterling": "GBP", "pounds sterling": "GBP", "pounds": "GBP",
    "swiss francs": "CHF", "francs": "CHF", "rupees": "INR",
    "lira": "TRY", "liras": "TRY", "turkish lira": "TRY", "reais": "BRL", "brazilian reais": "BRL",
    "mexican pesos": "MXN", "chilean pesos": "CLP", "philippine pesos": "PHP", "rand": "ZAR",
    "kenyan shillings": "KES", "kenya shillings": "KES", "naira": "NGN", "rupiah": "IDR", "baht": "THB",
    "ringgit": "MYR", "riel": "KHR", "roubles": "RUB", "rubles": "RUB", "riyals": "SAR", "dirhams": "AED",
    "zloty": "PLN", "złoty": "PLN", "lari": "GEL",
    "month": "months", "months": "months", "year": "years", "years": "years", "times": "times",
} | {c.lower(): c for c in _CODES}
_FIGURE = re.compile(
    rf"(?P<cur>{CURRENCY_SIGN})?\s?(?P<num>{_NUMBER})\s*"
    rf"(?P<scale>thousand|million|mln|billion|bln|trillion|lakh|crore|万|亿)?"
    rf"(?:\s*(?P<unit>"
    + "|".join(re.escape(w) if not w.isalpha() or w.upper() not in _CODES else rf"(?-i:{w.upper()})"
               for w in sorted(_UNIT_NAMES, key=len, reverse=True))
    + r")(?![A-Za-z]))?",
    re.I,
)
CURRENCIES = frozenset(_CURRENCY.values()) | frozenset(v for v in _UNIT_NAMES.values() if v.isupper())


def read_figure(text: str) -> tuple[float, str] | None:
    """(value, unit) of the first figure in `text`; unit "count" when none is written."""
    match = _FIGURE.search(text)
    if not match:
        return None
    value = float(re.sub(rf"[,{THOUSANDS_SPACE[1:-1]}]", "", match.group("num")))
    if match.group("scale"):
        value *= SCALES[match.group("scale").lower()]
    unit = "count"
    if match.group("unit"):
        unit = _UNIT_NAMES[match.group("unit").lower()]
    if match.group("cur"):
        symbol = _CURRENCY[match.group("cur").strip().lower()]
        # "$1.2 billion Hong Kong dollars": the written name says which dollar
        unit = unit if unit in CURRENCIES and symbol == "USD" else symbol
    return _tidy(value), unit


def without_leading_count(phrase: str) -> str:
    """"69,610 applications" -> "applications": a bare number before the words; an amount ("6.89 billion
    yuan", "3.2% growth", "$5 million") stays whole."""
    match = _FIGURE.match(phrase)
    if match is None or any(match.group(g) for g in ("cur", "scale", "unit")):
        return phrase
    if not phrase[match.end() - 1:match.end()].isspace():
        return phrase  # the number alone, or inside a word
    return phrase[match.end():]


def read_number_words(words: list[str]) -> tuple[float, int] | None:
    """The number the leading words spell and how many words that took: ["twelve", "thousand", "patents"] ->
    (12000, 2); "forty-five" -> 45; "three hundred and twenty" -> 320; None if they spell none."""
    total = current = 0.0
    used = 0
    for count, word in enumerate(w.lower() for w in words):
        parts = word.split("-")
        if all(p in WORD_NUMBERS and p != "hundred" for p in parts):
            current += sum(WORD_NUMBERS[p] for p in parts)
        elif word == "hundred" and used:
            current *= 100
        elif word in SCALES and used and word.isascii():
            total, current = total + current * SCALES[word], 0.0
        elif word == "and" and used and count + 1 < len(words):
            continue
        else:
            break
        used = count + 1
    return (total + current, used) if used else None


def _tidy(value: float) -> float:
    return float(round(value, 6))


# --- periods -----------------------------------------------------------------------------

_MONTHS = {
    m: i for i, m in enumerate(
        "january february march april may june july august september october november december".split(), start=1
    )
}
_MONTH = "(?P<month>" + "|".join(_MONTHS) + ")"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
# a month's name as dates write it, capitalised: "12 March 2025", "March 12", "Sept. 3"
_MONTH_NAME = r"(?:" + "|".join(m.capitalize() for m in _MONTHS) + r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.)"
_DAY_BEFORE_MONTH = re.compile(r"(?:st|nd|rd|th)?\s+" + _MONTH_NAME + r"(?![A-Za-z])")
_MONTH_BEFORE_DAY = re.compile(_MONTH_NAME + r"\s+$")


def is_day_of_month(number: str, before: str, after: str) -> bool:
    """A number from 1 to 31 next to a month's name is a day of a date, not a figure: "12 March", "March 12"."""
    if not number.isdigit() or not 1 <= int(number) <= 31:
        return False
    return bool(_DAY_BEFORE_MONTH.match(after) or _MONTH_BEFORE_DAY.search(before))


# "a year earlier", "the previous year": a year before the date the sentence has just named, if it named one
_YEAR_BEFORE = re.compile(r"(?:a|one) year (?:earlier|before)|the (?:previous|preceding) year|the year before")


def read_period(phrase: str, doc_date: str, *, last_named: str = "") -> str:
    """An ISO 8601 period for a date phrase, resolved against the date its sentence named last (`last_named`)
    or the document's date; "" if none."""
    text = phrase.lower().strip()
    if last_named and _YEAR_BEFORE.fullmatch(text):
        return re.sub(r"\d{4}", lambda year: str(int(year.group()) - 1), last_named)
    year_now = int(doc_date[:4]) if doc_date[:4].isdigit() else None
    if re.fullmatch(r"(?:this|the) month", text) and len(doc_date) >= 7:
        return doc_date[:7]
    text = re.sub(r"\bthis year\b", str(year_now) if year_now else "this year", text)
    text = re.sub(r"\blast year\b", str(year_now - 1) if year_now else "last year", text)
    text = re.sub(r"\bthe previous year\b", str(year_now - 1) if year_now else "", text)

    # a phrase without a year ("the fourth quarter", "in June") is of the year the sentence named last
    year_named = int(last_named[:4]) if last_named[:4].isdigit() else None
    stated = re.search(_YEAR, text)
    year = int(stated.group("year")) if stated else year_named or year_now

    if match := re.search(rf"between {_YEAR} and (?P<end>(?:19|20)\d{{2}})", text) or re.search(
        rf"from {_YEAR} to (?P<end>(?:19|20)\d{{2}})", text
    ):
        return f"{match.group('year')}/{match.group('end')}"
    if match := re.search(r"(first|second) half", text):
        if year:
            return f"{year}-01/{year}-06" if match.group(1) == "first" else f"{year}-07/{year}-12"
    if match := re.search(r"(first|second|third|fourth) quarter", text):
        quarter = ["first", "second", "third", "fourth"].index(match.group(1))
        if year:
            return f"{year}-{quarter * 3 + 1:02d}/{year}-{quarter * 3 + 3:02d}"
    if match := re.search(rf"(?:from |between )?{_MONTH}(?: to | and |\s*-\s*)(?P<end>[a-z]+)", text):
        end = _MONTHS.get(match.group("end"))
        if year and end:
            return f"{year}-{_MONTHS[match.group('month')]:02d}/{year}-{end:02d}"
    if match := re.search(r"(?:past|last) (?P<n>\w+) years", text):
        n = WORD_NUMBERS.get(match.group("n")) or (int(match.group("n")) if match.group("n").isdigit() else None)
        if n and year_now:
            end_year = year_now - 1 if doc_date[5:7] in ("01", "02", "03") else year_now
            return f"{end_year - n + 1}/{end_year}"
    if re.search(r"end of", text) and year:
        named = re.search(_MONTH, text)
        month = _MONTHS[named.group("month")] if named else 12
        if named and not stated and not year_named:
            year = _past_year(year, month, doc_date, this_month_is_past=True)
        return f"{year}-{month:02d}"
    if match := re.search(_MONTH, text):
        if year and not stated and re.search(rf"\blast {_MONTH}", text):
            year = _past_year(year_now, _MONTHS[match.group("month")], doc_date, this_month_is_past=False)
        day = re.search(rf"{match.group('month')} (\d{{1,2}})\b", text) or re.search(rf"\b(\d{{1,2}}) {match.group('month')}", text)
        if year:
            return f"{year}-{_MONTHS[match.group('month')]:02d}" + (f"-{int(day.group(1)):02d}" if day else "")
    if stated:
        return stated.group("year")
    if text in WEEKDAYS and len(doc_date) == 10:
        return _nearest_weekday(WEEKDAYS.index(text), doc_date)
    return ""


def _past_year(year: int, month: int, doc_date: str, *, this_month_is_past: bool) -> int:
    """The year of a month named without one that is already over at the document's date: "last December"
    or "the end of December" in a text of March 2026 is December 2025, not the one to come."""
    if not doc_date[5:7].isdigit():
        return year
    doc_month = int(doc_date[5:7])
    return year - 1 if month > doc_month or (month == doc_month and not this_month_is_past) else year


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _nearest_weekday(weekday: int, doc_date: str) -> str:
    """"on Wednesday" in a news text: the day of that name nearest the document's date (three days at most
    either way), the week of the report."""
    try:
        day = date.fromisoformat(doc_date)
    except ValueError:
        return ""
    shift = (weekday - day.weekday() + 3) % 7 - 3
    return (day + timedelta(days=shift)).isoformat()
