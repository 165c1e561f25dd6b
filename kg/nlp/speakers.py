"""Transcript structure: speaker labels, turns and speaker lists.

A line that is only "Shen Changyu:" or "CCTV:" (the model misses these at
the start of a line) labels the turn that follows. A label that reads as a
person's name is a Person; one that reads as a news outlet ("... News",
"... TV", a web domain, an acronym) is the Organization asking.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc

from kg.nlp.candidates import Candidate, char_span
from kg.nlp.lexicon import HEAD_CLASS, NAME_CONNECTORS, TRANSCRIPT_LABELS
from kg.nlp.names import media_like

_LABEL = re.compile(r"^[ \t*]*(?P<label>[A-Z][^\n:]{0,70}?)[ \t]*:(?!\d)[ \t]*(?P<rest>[^\n]*)$", re.M)


@dataclass(frozen=True)
class Turn:
    speaker: tuple[int, int]  # the label's span
    start: int  # the turn's text
    end: int


@dataclass(frozen=True)
class Transcript:
    candidates: tuple[Candidate, ...]
    turns: tuple[Turn, ...]
    # lines under "Speakers:" / "Chairperson:" headings: (start, end) of each line
    listed: tuple[tuple[int, int], ...]


def read_transcript(doc: Doc, cleaned: str) -> Transcript:
    labels: list[tuple[int, int, str]] = []
    matches = list(_LABEL.finditer(cleaned))
    said = Counter(m.group("label").strip() for m in matches if m.group("rest").strip())
    for match in matches:
        label = match.group("label").strip()
        start = match.start("label") + (len(match.group("label")) - len(match.group("label").lstrip()))
        if label.lower() in TRANSCRIPT_LABELS:
            continue
        if not _label_shape(label):
            continue
        if match.group("rest").strip() and not _tagged_person(doc, start, start + len(label)) \
                and said[label] < 2:
            continue  # "Strengthened Legal Framework: The document ..." is a heading, not a speaker (who speaks again)
        labels.append((start, start + len(label), label))
    listed = _listed_lines(cleaned)
    if len(labels) < 2 and not listed:
        labels = []  # one "Key Findings:" line is a heading; a transcript has turns or a list of speakers
    candidates: list[Candidate] = []
    turns: list[Turn] = []
    people = {ent.text for ent in doc.ents if ent.label_ == "PERSON"}
    for i, (start, end, label) in enumerate(labels):
        candidates.extend(_classify(doc, start, end, label, _person_like(label, cleaned, people)))
        line_end = cleaned.find("\n", end)
        turn_start = line_end + 1 if line_end >= 0 and not cleaned[end:line_end].strip(" :\t") else end + 1
        turn_end = labels[i + 1][0] if i + 1 < len(labels) else len(cleaned)
        turns.append(Turn((start, end), turn_start, turn_end))
    return Transcript(tuple(candidates), tuple(turns), tuple(listed))


def _tagged_person(doc: Doc, start: int, end: int) -> bool:
    span = char_span(doc, start, end)
    return span is not None and all(t.ent_type_ == "PERSON" for t in span if t.is_alpha)


def _label_shape(label: str) -> bool:
    words = label.split()
    if not words or len(words) > 7:
        return False
    return all(w[0].isupper() or w[0].isdigit() or w.lower() in NAME_CONNECTORS for w in words)


def _person_like(label: str, cleaned: str, people: set[str]) -> bool:
    """A label that reads as a person: the model tags the name somewhere, or none of its words is
    also written in lower case in the document ("Key Findings" is; "Shen Changyu" is not)."""
    if label in people:
        return True
    return not any(re.search(rf"\b{re.escape(word.lower())}\b", cleaned) for word in label.split())


def _classify(doc: Doc, start: int, end: int, label: str, person_like: bool) -> list[Candidate]:
    span = char_span(doc, start, end)
    words = [t for t in span if not t.is_punct] if span is not None else []
    if words and all(t.ent_type_ == "REF" for t in words):
        return []  # a known institution: the reference data types it
    words = label.split()
    if media_like(label) or (len(words) == 1 and label.isupper()) or "." in label:
        if " of " in label:  # "Zhinews of Shenzhen Satellite TV": a programme of a station
            unit, parent = label.split(" of ", 1)
            parent_start = start + len(unit) + 4
            return [
                Candidate(start, start + len(unit), "Organization", "speaker", "MediaOutlet",
                          parent=(parent_start, end)),
                Candidate(parent_start, end, "Organization", "speaker", "MediaOutlet"),
            ]
        return [Candidate(start, end, "Organization", "speaker", "MediaOutlet")]
    if 2 <= len(words) <= 4 and not any(w.lower() in HEAD_CLASS for w in words) and person_like:
        return [Candidate(start, end, "Person", "speaker")]
    return []


_LIST_HEAD = re.compile(r"^[ \t]*(speakers?|chairperson|chair|moderator|host|guests?)[ \t]*:?[ \t]*$", re.I | re.M)


def _listed_lines(cleaned: str) -> list[tuple[int, int]]:
    """Lines under a "Speakers" or "Chairperson" heading, up to the next heading or blank line."""
    lines: list[tuple[int, int]] = []
    for head in _LIST_HEAD.finditer(cleaned):
        pos = head.end() + 1
        while pos < len(cleaned):
            end = cleaned.find("\n", pos)
            end = len(cleaned) if end < 0 else end
            line = cleaned[pos:end].strip()
            if not line or line.endswith(":") or _LIST_HEAD.match(cleaned[pos:end]):
                break
            lines.append((pos, end))
            pos = end + 1
    return lines
