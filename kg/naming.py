"""Names as keys: normalising names for comparison, and grouping things that are the same.

Shared by the NLP stage (within a document) and the resolver (across documents).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from kg.chinese import has_han, to_simplified

# written before a name, capitalised as in text: the only list of them; "Shri" and "Smt" are India's
HONORIFIC_WORDS = ("Mr", "Ms", "Mrs", "Miss", "Dr", "Prof", "Professor", "Madam", "Dame", "Sir", "Shri", "Smt",
                   "Comrade")
HONORIFICS = frozenset(w.lower() + dot for w in HONORIFIC_WORDS for dot in ("", "."))
# one of them in text, with or without its full stop ("Mr. ", "Dr ")
HONORIFIC_PATTERN = r"(?:" + "|".join(sorted(HONORIFIC_WORDS, key=len, reverse=True)) + r")\.?"
_PUNCT = re.compile(r"[^\w\s]+")
_LEADING = frozenset({"the", "a", "an"}) | HONORIFICS
# written either way in names of this domain: "National IP Publicity Week" = "National Intellectual Property ..."
_DOMAIN_ABBREVIATIONS = {"IP": "intellectual property", "IPR": "intellectual property rights"}


class UnionFind:
    def __init__(self, size: int):
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def name_key(text: str, expansions: dict[str, str] | None = None) -> str:
    """"the CNIPA's" -> "cnipa"; with {"IP": "intellectual property"}, "IP Department" -> "intellectual property department"."""
    text = to_simplified(text).replace("'s", " ").replace("\u2019s", " ")
    words = _PUNCT.sub(" ", text).split()
    while words and words[0].lower() in _LEADING:
        words = words[1:]
    expansions = expansions or {}
    expanded: list[str] = []
    for word in words:
        expanded.extend(expansions.get(word, _DOMAIN_ABBREVIATIONS.get(word, word)).split())
    return " ".join(w.lower() for w in expanded)


def descriptor_only(text: str) -> bool:
    """"the White Paper", "the Conference": nothing but head words."""
    from kg.nlp.lexicon import HEAD_CLASS

    words = [w.lower() for w in _PUNCT.sub(" ", text).split() if w.lower() not in ("the", "this", "that")]
    return bool(words) and all(w in HEAD_CLASS or w == "white" for w in words)


def slugify(text: str) -> str:
    """A readable IRI segment: "Shen Changyu" -> "shen-changyu"; Chinese script -> pinyin."""
    if has_han(text):
        from pypinyin import lazy_pinyin

        text = " ".join(lazy_pinyin(to_simplified(text)))
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if not slug:  # nothing Latin or Han in it (Cyrillic, emoji): a hash keeps different names apart
        return "x-" + stable_hash(text)
    if len(slug) > 80:  # a long name, cut: the hash keeps two long names with one beginning apart
        return f"{slug[:72].rstrip('-')}-{stable_hash(slug)}"
    return slug


def stable_hash(*parts: str) -> str:
    """Seven hex digits that depend only on `parts`."""
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:7]
