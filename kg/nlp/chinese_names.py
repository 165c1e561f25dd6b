"""Names in Chinese script in bilingual text.

- Institutions of the reference data, in simplified or traditional script.
- People: a run of 2-3 Chinese characters whose pinyin reading is the name of
  a person the English text names (申長雨 reads "shen changyu"), where it
  stands as a name (after a title, or before a list comma).
- Bilingual headings "國家知識產權局 / National Intellectual Property
  Administration": the two sides are one entity.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.chinese import HAN, pinyin_readings, romanised_key
from kg.nlp.candidates import Candidate
from kg.reference import Reference

_NAME_AFTER = "長长任員员官理席人督記记"  # last character of a title before a name
_NAME_BEFORE = "、，,。 ;；:：（(和及"
_PAIR = re.compile(r"([\u3400-\u9fff《》〈〉·]{2,40})\s*/\s*([A-Z][^\n/:]{2,120}?)\s*:?\s*$", re.M)


@lru_cache(maxsize=4)
def _label_pattern(reference: Reference) -> tuple[re.Pattern | None, dict[str, tuple[str, str, str]]]:
    labels: dict[str, tuple[str, str, str]] = {}
    for entry in reference.entries:
        for text, _lang in entry.labels:
            if HAN.search(text):
                labels.setdefault(text, (entry.iri, entry.cls, entry.subclass))
    if not labels:
        return None, labels
    alternatives = "|".join(re.escape(t) for t in sorted(labels, key=len, reverse=True))
    return re.compile(alternatives), labels


def reference_names(text: str, reference: Reference) -> list[Candidate]:
    if not HAN.search(text):
        return []
    pattern, labels = _label_pattern(reference)
    if pattern is None:
        return []
    found = []
    for match in pattern.finditer(text):
        iri, cls, subclass = labels[match.group()]
        found.append(Candidate(match.start(), match.end(), cls, "chinese", subclass, ref=iri))
    return found


def person_names(text: str, english_people: dict[str, str]) -> list[Candidate]:
    """Chinese spellings of the people named in English; `english_people` maps romanised key -> name."""
    if not english_people or not HAN.search(text):
        return []
    found = []
    for run in re.finditer(r"[\u3400-\u9fff]+", text):
        chars = run.group()
        for i in range(len(chars)):
            for size in (3, 2):
                if i + size > len(chars):
                    continue
                start, end = run.start() + i, run.start() + i + size
                if not _stands_as_name(text, start, end):
                    continue
                for reading in _readings(chars[i:i + size]):
                    if reading in english_people:
                        found.append(Candidate(start, end, "Person", "chinese", name=english_people[reading]))
                        break
    return found


_GLOSSED = re.compile(r"\b([A-Z][a-z]+(?:[ -][A-Za-z][a-z]+){1,2})\s*[（(]\s*([\u3400-\u9fff]{2,4})\s*[)）]")


def glossed_people(text: str) -> list[Candidate]:
    """"Shen Changyu (申长雨)": a romanised name glossed with the characters it reads, both sides a person
    (the model often misses a Chinese name that opens a sentence)."""
    found = []
    for match in _GLOSSED.finditer(text):
        english, chars = match.group(1), match.group(2)
        if romanised_key(english) in _readings(chars):
            found.append(Candidate(match.start(1), match.end(1), "Person", "chinese"))
            found.append(Candidate(match.start(2), match.end(2), "Person", "chinese", name=english))
    return found


@lru_cache(maxsize=50_000)
def _readings(chars: str) -> tuple[str, ...]:
    return pinyin_readings(chars)


def _stands_as_name(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return before in _NAME_AFTER + _NAME_BEFORE or after in _NAME_BEFORE


def english_keys(names: list[str]) -> dict[str, str]:
    keys = {}
    for name in names:
        key = romanised_key(name)
        if key:
            keys[key] = name
    return keys


def bilingual_pairs(text: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """(Chinese span, English span) of each "中文 / English" heading line."""
    pairs = []
    for match in _PAIR.finditer(text):
        pairs.append(((match.start(1), match.end(1)), (match.start(2), match.end(2))))
    return pairs
