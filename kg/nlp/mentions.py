"""All mentions of one document: propose with every finder, select, cluster.

Selection keeps the longest candidate among the rule-based ones (reference
names, acronyms, speaker labels, quoted titles, the name rule), then adds the
statistical NER's where nothing else claimed the text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.tokens import Doc

from kg.nlp import chinese_names
from kg.nlp.acronyms import find_acronyms
from kg.nlp.candidates import Candidate
from kg.nlp.coref import DOCUMENT_CLASSES, cluster, short_form_of, single_mentions
from kg.nlp.descriptive import (
    author_candidates,
    city_system_candidates,
    credit_candidates,
    descriptive_candidates,
    numbered_event_candidates,
)
from kg.nlp.forms import dateline_candidates, generic_event_candidates, numbered_act_candidates
from kg.nlp.names import name_rule_candidates
from kg.nlp.people import (
    appositive_person_candidates,
    byline_candidates,
    honorific_person_candidates,
    titled_person_candidates,
)
from kg.nlp.quoted import listed_quoted_candidates, quoted_candidates
from kg.nlp.recognised import ner_candidates, reference_candidates
from kg.nlp.speakers import Transcript, read_transcript
from kg.reference import Reference


@dataclass(frozen=True)
class DocMentions:
    mentions: tuple[Candidate, ...]  # in text order
    clusters: tuple[int, ...]  # cluster id of each mention
    parents: dict  # mention index -> index of the body it is a unit of
    transcript: Transcript
    expansions: dict  # acronym -> long form

    def at(self, start: int, end: int) -> int | None:
        """Index of the mention that covers [start, end), if any."""
        for i, m in enumerate(self.mentions):
            if m.start <= start and end <= m.end:
                return i
        return None


def find_mentions(doc: Doc, text: str, cleaned: str, reference: Reference) -> DocMentions:
    transcript = read_transcript(doc, cleaned)
    proposed = (
        reference_candidates(doc, reference)
        + name_rule_candidates(doc)
        + quoted_candidates(doc, cleaned)
        + generic_event_candidates(cleaned)
        + numbered_act_candidates(cleaned)
        + byline_candidates(cleaned)
        + dateline_candidates(cleaned)
        + appositive_person_candidates(cleaned)
        + titled_person_candidates(cleaned)
        + honorific_person_candidates(cleaned)
        + list(transcript.candidates)
        + descriptive_candidates(doc)
        + numbered_event_candidates(cleaned)
        + credit_candidates(cleaned)
        + author_candidates(cleaned)
        + city_system_candidates(doc, reference)
        + listed_quoted_candidates(cleaned)
    )
    acronyms = find_acronyms(cleaned, proposed)
    proposed += list(acronyms.candidates)
    proposed += ner_candidates(doc, acronyms.generic)
    proposed += chinese_names.reference_names(text, reference) + chinese_names.glossed_people(text)
    selected = select(proposed)
    people = [text[m.start:m.end] for m in selected if m.cls == "Person"]
    selected = select(selected + chinese_names.person_names(text, chinese_names.english_keys(people)))
    selected = select(selected + _people_again(selected, text))
    selected = _add_bilingual_sides(selected, text)
    selected = sorted(selected + _nested(selected, text, reference), key=lambda c: (c.start, c.end))
    selected = _short_forms_typed(selected, text)
    selected = _called_typed(selected, text)
    texts = [text[m.start:m.end] for m in selected]
    pairs = _pair_indices(selected, text)
    clusters = cluster(selected, texts, expansions=acronyms.expansions, pairs=pairs)
    lonely = single_mentions(selected, texts, clusters)
    if lonely:
        selected = [m for i, m in enumerate(selected) if i not in lonely]
        texts = [text[m.start:m.end] for m in selected]
        clusters = cluster(selected, texts, expansions=acronyms.expansions, pairs=_pair_indices(selected, text))
    parents = _parents(selected)
    return DocMentions(tuple(selected), tuple(clusters), parents, transcript, acronyms.expansions)


def _people_again(mentions: list[Candidate], text: str) -> list[Candidate]:
    """A person's full name found once (a speaker's label, an appositive) is that person wherever else it is
    written, also where the model missed it ("Its Commissioner, Ofir Alon, spoke ...")."""
    names = {text[m.start:m.end] for m in mentions if m.cls == "Person" and len(text[m.start:m.end].split()) >= 2}
    if not names:
        return []
    taken = {i for m in mentions for i in range(m.start, m.end)}
    pattern = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))  # one pass, longest first
    return [Candidate(match.start(), match.end(), "Person", "speaker")
            for match in re.finditer(rf"(?<![\w-])(?:{pattern})(?![\w-])", text)
            if match.start() not in taken and match.end() - 1 not in taken]


def _short_forms_typed(mentions: list[Candidate], text: str) -> list[Candidate]:
    """"the Geneva Act" after "the Geneva Act of the Lisbon Agreement": a treaty, law or programme named
    without its qualifier takes the class and reference of the one named with it, when only one fits."""
    texts = [text[m.start:m.end] for m in mentions]
    result = list(mentions)
    for i, mention in enumerate(mentions):
        if mention.cls not in DOCUMENT_CLASSES or mention.ref or len(texts[i].split()) < 2:
            continue
        longer = {(other.cls, other.subclass, other.ref or texts[j]) for j, other in enumerate(mentions)
                  if j != i and other.cls in DOCUMENT_CLASSES and not other.nested
                  and short_form_of(texts[i], texts[j])}
        if len(longer) == 1:
            cls, subclass, ref = next(iter(longer))
            if cls != mention.cls or ref.startswith("http"):
                result[i] = replace(mention, cls=cls, subclass=subclass, ref=ref if ref.startswith("http") else "")
    return result


def select(candidates: list[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates: rule-based ones longest first, then the NER's in the gaps."""
    candidates = [c for c in candidates if c.end > c.start]  # an empty span names nothing
    ruled = [c for c in candidates if c.source != "ner"]
    ner = [c for c in candidates if c.source == "ner"]
    chosen: list[Candidate] = []
    starts: list[int] = []  # of the chosen, which never overlap: sorted by start, so sorted by end too
    ends: list[int] = []
    for group in (ruled, ner):
        for cand in sorted(group, key=lambda c: (-c.length, -c.priority, c.start, c.cls)):
            at = bisect_right(starts, cand.start)
            if any(starts[j] < cand.end and cand.start < ends[j] for j in (at - 1, at) if 0 <= j < len(starts)):
                continue
            starts.insert(at, cand.start)
            ends.insert(at, cand.end)
            chosen.insert(at, cand)
    return chosen


def _nested(selected: list[Candidate], text: str, reference: Reference) -> list[Candidate]:
    """Institutions and places of the reference data named inside a longer name: the [WIPO] Treaty on ...,
    the Standing Committee of the [National People's Congress], [Beijing] Municipal Government."""
    exact, loose, labels = _label_patterns(reference)
    inner: list[Candidate] = []
    for outer in selected:
        if outer.nested or outer.cls == "Person" or " " not in text[outer.start:outer.end].strip():
            continue
        name = text[outer.start:outer.end]
        found: list[tuple[int, int, object]] = []
        for start in [0] + [m.end() for m in re.finditer(r"[\s(-]+", name)]:
            for pattern in (exact, loose):
                match = pattern.match(name, start)
                if match is None:
                    continue
                entry = labels.get(match.group()) or labels.get(match.group().lower())
                if entry is None or entry.iri == outer.ref or (match.start(), match.end()) == (0, len(name)):
                    continue
                if match.start() == 0 and entry.cls == "Organization" and name[match.end():].startswith(" of ") \
                        and not _names_area(name[match.end() + 4:], entry.area, reference):
                    continue  # "[Ministry of Justice] of the Republic of Uzbekistan": that body, not one inside it
                found.append((match.start(), match.end(), entry))
        taken: list[tuple[int, int]] = []
        for start, end, entry in sorted(found, key=lambda f: (f[0] - f[1], f[0])):
            if any(start < e and s < end for s, e in taken):
                continue
            taken.append((start, end))
            inner.append(Candidate(outer.start + start, outer.start + end, entry.cls, "reference", entry.subclass,
                                   ref=entry.iri, nested=True))
    return inner


def _names_area(text: str, area: str, reference: Reference) -> bool:
    """The text begins with a name of the country `area` ("the People's Republic of China", "China")."""
    entry = reference.by_iri.get(area)
    text = re.sub(r"^the\s+", "", text, flags=re.I)
    return entry is not None and any(text.startswith(label) for label, _ in entry.labels)


@lru_cache(maxsize=4)
def _label_patterns(reference: Reference) -> tuple[re.Pattern, re.Pattern, dict]:
    """Regexes for the English labels of organisations and places: acronyms as written, others in any case."""
    labels: dict[str, object] = {}
    exact, loose = [], []
    for entry in reference.entries:
        if entry.cls not in ("Organization", "Place"):
            continue
        for label, lang in entry.labels:
            if lang != "en" or len(label) < 2:
                continue
            if label.isupper():
                labels.setdefault(label, entry)
                exact.append(label)
            else:
                labels.setdefault(label.lower(), entry)
                loose.append(label)

    def compile_(words: list[str], flags=0) -> re.Pattern:
        body = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
        return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", flags)

    return compile_(exact), compile_(loose, re.IGNORECASE), labels


def _parents(mentions: list[Candidate]) -> dict[int, int]:
    parents = {}
    for i, mention in enumerate(mentions):
        if mention.parent is None:
            continue
        start, end = mention.parent
        for j, other in enumerate(mentions):
            if j != i and other.cls == "Organization" and other.start <= start < other.end + 1 and other.end <= end:
                parents[i] = j
                break
    return parents


def _add_bilingual_sides(mentions: list[Candidate], text: str) -> list[Candidate]:
    """The Chinese side of "中文 / English" becomes a mention typed like the English side."""
    added = list(mentions)
    for (zs, ze), (es, ee) in chinese_names.bilingual_pairs(text):
        english = next((m for m in mentions if m.start == es and m.end <= ee), None)
        if english is None or any(m.start < ze and zs < m.end for m in mentions):
            continue
        added.append(Candidate(zs, ze, english.cls, "chinese", english.subclass, ref=english.ref,
                               name=english.name or text[english.start:english.end]))
    return sorted(added, key=lambda c: (c.start, c.end))


def _pair_indices(mentions: list[Candidate], text: str) -> list[tuple[int, int]]:
    index = {(m.start, m.end): i for i, m in enumerate(mentions)}
    pairs = []
    for (zs, ze), (es, ee) in chinese_names.bilingual_pairs(text):
        han = index.get((zs, ze))
        english = next((i for (s, e), i in index.items() if s == es and e <= ee), None)
        if han is not None and english is not None:
            pairs.append((han, english))
    return pairs + [(i, i + 1) for i in _called(mentions, text)]


_CALLED = re.compile(r"\s*,?\s*(?:called|named|dubbed|entitled|titled|known as)\s+(?:the\s+)?[\"“']?")


def _called(mentions: list[Candidate], text: str) -> list[int]:
    """Indices of descriptions followed by the name they are "called" ("a joint training programme called the
    Patent Academy Exchange"): the name is of the description's class, and the two are one thing."""
    found = []
    for i, (described, named) in enumerate(zip(mentions, mentions[1:])):
        if (described.source == "description" and named.cls != "Person" and not named.nested
                and _CALLED.fullmatch(text, described.end, named.start)):
            found.append(i)
    return found


def _called_typed(mentions: list[Candidate], text: str) -> list[Candidate]:
    result = list(mentions)
    for i in _called(mentions, text):
        if not mentions[i + 1].ref:
            result[i + 1] = replace(mentions[i + 1], cls=mentions[i].cls, subclass=mentions[i].subclass)
    return result
