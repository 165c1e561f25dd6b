"""Names of a fixed form, found by regular expressions over the cleaned text: the places of a dateline,
a document's unnamed press conference, the European Union's acts by number."""

from __future__ import annotations

import re

from kg.nlp.candidates import Candidate
from kg.nlp.pipeline import DATELINE


def dateline_candidates(cleaned: str) -> list[Candidate]:
    """"LUXEMBOURG, Feb. 11, 2025 - ", "Halifax, Nova Scotia, May 3, 2025 - ": the city a dateline names in
    capitals, or before its region, is a place, and so is the region (the model reads many such words as
    organisations)."""
    found = []
    for match in DATELINE.finditer(cleaned):
        if match.group("region"):
            parts = ("place", "region")
        elif match.group("place").isupper():
            parts = ("place",)
        else:
            continue
        for part in parts:
            name = match.group(part).rstrip()
            found.append(Candidate(match.start(part), match.start(part) + len(name), "Place", "name-rule"))
    return found


# the European Union's legal acts go by number: "Regulation (EU) 2024/2822", "Directive (EU) 2019/790",
# "Council Regulation (EC) No 6/2002"
_NUMBERED_ACT = re.compile(
    r"\b(?:(?:Council|Commission) )?(?:Implementing |Delegated )?(?:Regulation|Directive|Decision) "
    r"\((?:EU|EC|EEC|Euratom)\) (?:No\.? )?\d{1,4}/\d{1,4}(?:/(?:EU|EC|EEC))?"
)


def numbered_act_candidates(cleaned: str) -> list[Candidate]:
    return [Candidate(m.start(), m.end(), "Law", "name-rule") for m in _NUMBERED_ACT.finditer(cleaned)]


_GENERIC_EVENT = re.compile(
    r"\b(?:(?:online|virtual|regular|joint|special|video) )?(?:press|news|media) (?:conference|briefing)s?\b", re.I
)


def generic_event_candidates(cleaned: str) -> list[Candidate]:
    """Unnamed press conferences and briefings: each document's own is one Event."""
    return [
        Candidate(m.start(), m.end(), "Event", "name-rule", "PressConference", name="press conference")
        for m in _GENERIC_EVENT.finditer(cleaned)
        if not m.group().endswith("s")
    ]
