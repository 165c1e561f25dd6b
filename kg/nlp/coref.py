"""One cluster per thing within a document.

Mentions are joined when they share a reference IRI, an acronym and its
long form, the same normalised name and class, a person's surname after the
full name ("Mr. Shen" -> Shen Changyu), a Chinese spelling and its English
name, or the two sides of a bilingual heading. A bare descriptor ("the White
Paper") joins the nearest preceding thing of its class. Different classes
are never joined.
"""

from __future__ import annotations

from kg.naming import UnionFind, descriptor_only, name_key
from kg.nlp.candidates import Candidate
from kg.nlp.lexicon import HONORIFICS

def cluster(
    mentions: list[Candidate],
    texts: list[str],
    *,
    expansions: dict[str, str],
    pairs: list[tuple[int, int]],
) -> list[int]:
    """Cluster id (the index of the cluster's first mention) for each mention, in text order."""
    uf = UnionFind(len(mentions))
    by_ref: dict[str, int] = {}
    by_key: dict[tuple[str, str], int] = {}
    keys = [name_key(m.name or t, expansions) for m, t in zip(mentions, texts)]
    for i, mention in enumerate(mentions):
        if mention.ref:
            uf.union(i, by_ref.setdefault(mention.ref, i))
        if keys[i] and not descriptor_only(texts[i]):
            uf.union(i, by_key.setdefault((mention.cls, keys[i]), i))
    for a, b in pairs:
        if mentions[a].cls == mentions[b].cls:
            uf.union(a, b)
    _join_surnames(mentions, texts, uf)
    _join_descriptors(mentions, texts, uf)
    return [uf.find(i) for i in range(len(mentions))]


def _join_surnames(mentions: list[Candidate], texts: list[str], uf: UnionFind) -> None:
    full: list[tuple[int, list[str]]] = []
    for i, (mention, text) in enumerate(zip(mentions, texts)):
        if mention.cls != "Person":
            continue
        words = [w for w in text.replace(".", ". ").split() if w.lower() not in HONORIFICS]
        if len(words) >= 2:
            full.append((i, [w.lower() for w in words]))
            continue
        if len(words) != 1:
            continue
        surname = words[0].lower()
        before = [j for j, w in full if j < i and surname in (w[0], w[-1])]
        after = {tuple(w) for j, w in _all_full(mentions, texts) if surname in (w[0], w[-1])}
        if before:
            uf.union(i, before[-1])
        elif len(after) == 1:
            target = next(j for j, w in _all_full(mentions, texts) if tuple(w) in after)
            uf.union(i, target)


def _all_full(mentions: list[Candidate], texts: list[str]):
    for j, (mention, text) in enumerate(zip(mentions, texts)):
        if mention.cls == "Person":
            words = [w.lower() for w in text.split() if w.lower() not in HONORIFICS]
            if len(words) >= 2:
                yield j, words


def _join_descriptors(mentions: list[Candidate], texts: list[str], uf: UnionFind) -> None:
    for i, text in enumerate(texts):
        if not descriptor_only(text) or mentions[i].name or mentions[i].source != "name-rule":
            continue
        for j in range(i - 1, -1, -1):
            if mentions[j].cls == mentions[i].cls and not descriptor_only(texts[j]):
                uf.union(i, j)
                break


def single_mentions(mentions: list[Candidate], texts: list[str], clusters: list[int]) -> set[int]:
    """Mentions that name nothing on their own: a lone surname or descriptor that joined no cluster."""
    sizes: dict[int, int] = {}
    for c in clusters:
        sizes[c] = sizes.get(c, 0) + 1
    lonely = set()
    for i, (mention, text) in enumerate(zip(mentions, texts)):
        if sizes[clusters[i]] > 1:
            continue
        words = [w for w in text.split() if w.lower() not in HONORIFICS]
        if (mention.cls == "Person" and len(words) < 2) or (descriptor_only(text) and not mention.name):
            lonely.add(i)
    return lonely
