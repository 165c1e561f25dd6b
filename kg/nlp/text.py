"""Length-preserving clean-up of text before spaCy sees it.

Every replacement keeps the length, so offsets found in the cleaned text are
offsets in the original: evidence quotes are always cut from the original.
"""

from __future__ import annotations

import re
from bisect import bisect_left

_CHAR_MAP = str.maketrans(
    {
        "\u00a0": " ",  # no-break space
        "\u3000": " ",  # ideographic space
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2022": "*",
        "\ufeff": " ",
        # invisible marks pasted from web pages: a space keeps offsets and separates words as the browser did
        "\u200b": " ",  # zero-width space
        "\u2060": " ",  # word joiner
        "\u200e": " ",  # left-to-right mark
        "\u200f": " ",  # right-to-left mark
    }
)
# editor and CMS artefacts such as "_ueditor_page_break_tag_"
_MARKUP_TOKEN = re.compile(r"_[a-z]+(?:_[a-z]+){2,}_")


def clean_for_nlp(text: str) -> str:
    cleaned = text.translate(_CHAR_MAP)
    cleaned = _MARKUP_TOKEN.sub(lambda m: " " * len(m.group()), cleaned)
    assert len(cleaned) == len(text)
    return cleaned


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """[start, end) without the white space at either end: a sentence as evidence quotes it."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def doc_text(doc) -> str:
    """``doc.text``, computed once: spaCy joins every token on each access, which is quadratic in a loop."""
    return _cached(doc, "kg.text", lambda d: d.text)


def ents_in(span) -> list:
    """The named entities inside `span`; ``Span.ents`` rebuilds all of the document's on every call."""
    return _spans_inside(span, "kg.ents", lambda doc: doc.ents)


def noun_chunks_in(span) -> list:
    """The noun chunks inside `span`; ``Span.noun_chunks`` walks all of the document's on every call."""
    return _spans_inside(span, "kg.chunks", lambda doc: doc.noun_chunks)


def _spans_inside(span, key: str, spans_of) -> list:
    """The spans of `spans_of(doc)` that lie inside `span`, found by bisecting their starts (listed once)."""
    spans, starts = _cached(span.doc, key, lambda doc: _with_starts(list(spans_of(doc))))
    return [s for s in spans[bisect_left(starts, span.start):bisect_left(starts, span.end)] if s.end <= span.end]


def _with_starts(spans: list) -> tuple[list, list[int]]:
    return spans, [s.start for s in spans]


def _cached(doc, key: str, compute):
    value = doc.user_data.get(key)
    if value is None:
        value = doc.user_data[key] = compute(doc)
    return value
