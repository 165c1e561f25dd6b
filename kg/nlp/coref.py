"""One cluster per thing within a document.

Mentions are joined when they share a reference IRI, an acronym and its
long form, the same normalised name and class, a person's surname after the
full name ("Mr. Shen" -> Shen Changyu), a Chinese spelling and its English
name, or the two sides of a bilingual heading. A bare descriptor ("the White
Paper") joins the nearest preceding thing of its class. Different classes
are never joined.
"""

from __future__ import annotations

import re
from collections import Counter

from kg.naming import HONORIFICS, UnionFind, descriptor_only, name_key
from kg.nlp.candidates import Candidate


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
    for i, (mention, text) in enumerate(zip(mentions, texts)):
        if mention.ref:
            uf.union(i, by_ref.setdefault(mention.ref, i))
        if descriptor_only(text):
            continue
        for key in {name_key(mention.name, expansions), name_key(text, expansions)} - {""}:
            uf.union(i, by_key.setdefault((mention.cls, key), i))
    for a, b in pairs:
        if mentions[a].cls == mentions[b].cls:
            uf.union(a, b)
    _join_surnames(mentions, texts, uf)
    _join_descriptors(mentions, texts, uf)
    _join_descriptions(mentions, texts, uf)
    _join_described_events(mentions, texts, uf)
    _join_short_forms(mentions, texts, uf)
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
    """"the Conference", "the Organization's headquarters": a name made of head words only is the one named
    most often before it with that word (the nearest of those on a tie: "the Organization" in a text about
    ARIPO that also names WIPO); a name rule's is the last one of its class if none has the word."""
    for i, text in enumerate(texts):
        if not descriptor_only(text) or mentions[i].name or mentions[i].source not in ("name-rule", "ner"):
            continue
        earlier = [j for j in range(i - 1, -1, -1) if mentions[j].cls == mentions[i].cls
                   and not descriptor_only(texts[j])]
        word = text.split()[-1].lower()
        same_head = [j for j in earlier if word in texts[j].lower().split()]
        if same_head:
            sizes = Counter(uf.find(j) for j in earlier)
            chosen = [max(same_head, key=lambda j: (sizes[uf.find(j)], j))]
        else:
            chosen = earlier[:1] if mentions[i].source == "name-rule" else []
        for j in chosen:
            uf.union(i, j)


# function words, and the words every name in this domain shares
_STOP = frozenset("the a an of for on to and in with by its this that intellectual property right rights ip ipr".split())


def _content(text: str) -> set[str]:
    words = set()
    for word in re.findall(r"[a-z]+", text.lower()):
        if word not in _STOP:
            words.add(word[:-1] if word.endswith("s") and len(word) > 3 else word)
    return words


def _join_descriptions(mentions: list[Candidate], texts: list[str], uf: UnionFind) -> None:
    """A lower-case description joins the capitalised name it paraphrases: "the special action plan for
    patent transformation and application" -> "Special Action Plan for Transformation and Utilization of Patents".
    Most of its content words must be the name's, and no other name may fit as well."""
    names = [(i, _content(texts[i])) for i, m in enumerate(mentions) if m.source != "description" and not m.nested]
    for i, mention in enumerate(mentions):
        if mention.source != "description":
            continue
        words = _content(texts[i])
        head = head_word(texts[i])
        if len(words) < 3:
            continue
        best: dict[int, tuple[float, int]] = {}
        for j, other in names:
            if mentions[j].cls != mention.cls or not other or head not in other:
                continue
            shared = len(words & other)
            score = (shared / min(len(words), len(other)), shared)
            root = uf.find(j)
            best[root] = max(best.get(root, (0.0, 0)), score)
        ranked = sorted(((score, root) for root, score in best.items()), reverse=True)
        if ranked and ranked[0][0][0] >= 0.6 and ranked[0][0][1] >= 3 and (
            len(ranked) == 1 or ranked[1][0][0] < ranked[0][0][0]
        ):
            uf.union(i, ranked[0][1])


def _join_described_events(mentions: list[Candidate], texts: list[str], uf: UnionFind) -> None:
    """"Regional forum in Singapore ..." in a headline is the document's one named forum: an event described
    by a short phrase joins the only named event with its head."""
    named: dict[str, set[int]] = {}
    for i, mention in enumerate(mentions):
        if mention.cls == "Event" and mention.source != "description" and not mention.nested:
            named.setdefault(head_word(texts[i]), set()).add(uf.find(i))
    for i, mention in enumerate(mentions):
        if mention.cls == "Event" and mention.source == "description" and len(_content(texts[i])) < 3:
            roots = named.get(head_word(texts[i]), set())
            if len(roots) == 1:
                uf.union(i, next(iter(roots)))


def head_word(text: str) -> str:
    """The head of a description: the last word before its first preposition."""
    words = re.findall(r"[a-z]+", text.lower())
    for k, word in enumerate(words):
        if word in ("of", "for", "on", "to", "concerning", "regarding") and k:
            words = words[:k]
            break
    head = words[-1] if words else ""
    return head[:-1] if head.endswith("s") and len(head) > 3 else head


# things named by a title that may carry a qualifier: "Memorandum of Understanding [on Bilateral Cooperation]"
DOCUMENT_CLASSES = ("Treaty", "Law", "Programme")
_QUALIFIER = re.compile(r"\s+(?:on|for|of|concerning|regarding)\s")
_PARENT = re.compile(r"\s+of\s")


def short_form_of(short: str, long: str, *, qualifier: re.Pattern = _QUALIFIER) -> bool:
    """`long` is `short` and a qualifier after it: "Geneva Act" of "Geneva Act of the Lisbon Agreement"."""
    return long.startswith(short) and qualifier.match(long, len(short)) is not None


def _join_short_forms(mentions: list[Candidate], texts: list[str], uf: UnionFind) -> None:
    """"Memorandum of Understanding" and "Memorandum of Understanding on Bilateral Cooperation" in one
    document: a treaty, law or programme named without its qualifier is the one named with it, and a body
    named without its parent ("the Court of Appeal") the one named with it, if only one is."""
    for i, mention in enumerate(mentions):
        if mention.cls not in (*DOCUMENT_CLASSES, "Organization") or len(texts[i].split()) < 2:
            continue
        qualifier = _QUALIFIER if mention.cls != "Organization" else _PARENT  # "Court of Appeal [of the UPC]"
        longer = [j for j, other in enumerate(mentions) if other.cls == mention.cls and j != i and not other.nested
                  and short_form_of(texts[i], texts[j], qualifier=qualifier)]
        if len({uf.find(j) for j in longer}) == 1:
            uf.union(i, longer[0])


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
