"""Quoted titles: names in quotation marks, typed by the word after or before them
('"Promoting High-Quality Development" series', 'initiatives, such as "100 Events ..."').
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from kg.nlp.candidates import Candidate
from kg.nlp.lexicon import HEAD_CLASS, NAME_CONNECTORS, SEGMENT_BREAKS

_QUOTED = re.compile(r'"([^"\n]{3,150}?)[.,]?"|(?<![A-Za-z])\'([^\'\n]{3,150}?)[.,]?\'(?![A-Za-z])')


def quoted_candidates(doc: Doc, cleaned: str) -> list[Candidate]:
    """'the series "Promoting High-Quality Development"', '"X" White Paper', '"X" collaborative action'."""
    found = []
    for match in _QUOTED.finditer(cleaned):
        group = 1 if match.group(1) is not None else 2
        inner = match.group(group).strip()
        words = re.findall(r"[A-Za-z][\w-]*", inner)
        if len(words) < 2 or not _mostly_capitalised(words):
            continue
        cls = _class_after(cleaned, match.end()) or _class_before(cleaned, match.start())
        if not cls:
            continue
        start = match.start(group) + (len(match.group(group)) - len(match.group(group).lstrip()))
        end = start + len(inner)
        found.append(Candidate(start, end, cls, "quoted"))
    return found


def _mostly_capitalised(words: list[str]) -> bool:
    content = [w for w in words if w.lower() not in NAME_CONNECTORS]
    return bool(content) and sum(w[0].isupper() for w in content) >= 0.6 * len(content)


def _class_after(text: str, pos: int) -> str:
    window = re.split(r"[\n,;.]", text[pos:pos + 80])[0]
    words = re.findall(r"[A-Za-z-]+", window.lower())[:6]
    for i, word in enumerate(words):
        if word == "paper" and i and words[i - 1] == "white":
            return "Law"
        cls = HEAD_CLASS.get(word) or HEAD_CLASS.get(word.rstrip("s"), "")
        if cls and cls != "Organization":
            return cls
        if i and word in SEGMENT_BREAKS:
            break
    return ""


_TYPED_LIST = re.compile(
    r"\b(?P<kind>initiatives|programmes|programs|projects|campaigns|activities|plans|laws|regulations|treaties|events)"
    r",?\s+(?:such as|including|like)\b(?P<items>[^.;]*)"
)
_LIST_CLASS = {"initiatives": "Programme", "programmes": "Programme", "programs": "Programme", "projects": "Programme",
               "campaigns": "Programme", "activities": "Programme", "plans": "Programme", "laws": "Law",
               "regulations": "Law", "treaties": "Treaty", "events": "Event"}


def listed_quoted_candidates(cleaned: str) -> list[Candidate]:
    """Quoted names in a list typed by its head: 'initiatives, such as ..., "100 Events with 10,000 Enterprises" ...'."""
    found = []
    for match in _TYPED_LIST.finditer(cleaned):
        cls = _LIST_CLASS[match.group("kind")]
        for quoted in re.finditer(r'"([^"\n]{3,120}?)[.,]?"', match.group("items")):
            start = match.start("items") + quoted.start(1)
            found.append(Candidate(start, start + len(quoted.group(1)), cls, "quoted"))
    return found


def _class_before(text: str, pos: int) -> str:
    words = re.findall(r"[A-Za-z-]+", text[max(0, pos - 30):pos].lower())
    if words and words[-1] in ("series", "campaign", "initiative", "programme", "program", "project", "slogan"):
        return "Programme"
    if words and words[-1] in ("paper", "report", "law", "regulations", "guidelines"):
        return "Law"  # "white paper 'Marine Eco-Environmental Protection in China'"
    return ""
