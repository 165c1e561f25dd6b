"""What a SPARQL text is, read without running it: its form and its projection.

A small tokenizer that knows comments, strings, IRIs and nesting is enough to
tell a query from an update (so a read-only endpoint can refuse updates with
a clear message) and to find the top-level projection (so a bound variable can
be projected for Oxigraph), and to read a LATERAL group as a join for rdflib,
whose engine has no LATERAL. Values never go into the text: only variable
names already validated as `\\w+` are ever added.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

QUERY_FORMS = ("select", "construct", "describe", "ask")
UPDATE_KEYWORDS = ("insert", "delete", "load", "clear", "create", "drop", "copy", "move", "add", "with")

_TOKEN = re.compile(
    r"""
      (?P<comment>\#[^\n]*)
    | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
                |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<var>[?$][^\W]\w*)
    | (?P<pname>(?:[A-Za-z][\w.-]*)?:(?:[\w:%.-]|\\.)*)
    | (?P<langtag>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
    | (?P<word>[A-Za-z_][\w-]*)
    | (?P<open>[{(\[])
    | (?P<close>[})\]])
    | (?P<space>\s+)
    | (?P<other>.)
    """,
    re.X | re.S,
)


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    start: int
    end: int
    depth: int  # brackets of any kind open before this token


def tokens(sparql: str) -> Iterator[Token]:
    """The significant tokens (no comments, no white space), each with its nesting depth."""
    depth = 0
    for match in _TOKEN.finditer(sparql):
        kind = match.lastgroup or "other"
        if kind in ("comment", "space"):
            continue
        if kind == "close":
            depth = max(depth - 1, 0)
        yield Token(kind, match.group(), match.start(), match.end(), depth)
        if kind == "open":
            depth += 1


def _body(toks: list[Token]) -> int:
    """The index of the first token after the prologue (BASE and PREFIX declarations)."""
    i = 0
    while i < len(toks) and toks[i].kind == "word" and toks[i].text.lower() in ("base", "prefix"):
        i += 1
        while i < len(toks) and toks[i].kind != "iri":
            i += 1
        i += 1
    return i


def operation(sparql: str) -> str | None:
    """"select", "construct", "describe", "ask", "update", or None when it is neither.

    The first keyword after the prologue decides.
    """
    toks = list(tokens(sparql))
    i = _body(toks)
    if i >= len(toks) or toks[i].kind != "word":
        return None
    word = toks[i].text.lower()
    if word in QUERY_FORMS:
        return word
    return "update" if word in UPDATE_KEYWORDS else None


def uses_service(sparql: str) -> bool:
    """Whether the text has a SERVICE clause (a federated query) anywhere."""
    return any(t.kind == "word" and t.text.lower() == "service" for t in tokens(sparql))


def reads_named_graphs(sparql: str) -> bool:
    """Whether a query can read a named graph: it has a GRAPH pattern or a FROM (NAMED) clause. Without
    either, SPARQL reads the default graph alone."""
    return any(t.kind == "word" and t.text.lower() in ("graph", "from") for t in tokens(sparql))


def project(sparql: str, names: Iterable[str]) -> tuple[str, tuple[str, ...]]:
    """Add variables to a SELECT query's top-level projection (and GROUP BY, if any).

    Returns the text and the names that were added; a query that is not a
    SELECT, that projects `*`, or already projects every name is returned as is.
    """
    toks = list(tokens(sparql))
    select = _body(toks)
    if select >= len(toks) or toks[select].text.lower() != "select":
        return sparql, ()
    insert_at = toks[select].end
    i = select + 1
    if i < len(toks) and toks[i].kind == "word" and toks[i].text.lower() in ("distinct", "reduced"):
        insert_at = toks[i].end
        i += 1
    projected: set[str] = set()
    while i < len(toks):
        t = toks[i]
        if t.depth == 0 and (t.text == "{" or (t.kind == "word" and t.text.lower() in ("where", "from"))):
            break
        if t.depth == 0 and t.text == "*":
            return sparql, ()
        if t.kind == "var" and (t.depth == 0 or (i and toks[i - 1].text.lower() == "as")):
            projected.add(t.text[1:])
        i += 1
    missing = tuple(n for n in dict.fromkeys(names) if n not in projected)
    for name in missing:
        if not re.fullmatch(r"\w+", name):
            raise ValueError(f"{name!r}: not a variable name")
    if not missing:
        return sparql, ()
    group_by = None
    for j in range(i, len(toks) - 1):
        if (toks[j].depth == 0 and toks[j].text.lower() == "group"
                and toks[j + 1].text.lower() == "by"):
            group_by = toks[j + 1].end
            break
    added = "".join(f" ?{n}" for n in missing)
    text = sparql
    if group_by is not None:
        text = text[:group_by] + added + text[group_by:]
    text = text[:insert_at] + added + text[insert_at:]
    return text, missing


# Inside a LATERAL group these change what the group means once the outer solution is substituted
# (a FILTER or BIND sees the outer variables, an OPTIONAL or MINUS is evaluated against them).
_SCOPED = ("filter", "bind", "optional", "minus", "values", "select", "service", "exists", "lateral")


def laterals_as_joins(sparql: str, *, check: bool = True) -> str:
    """The text with each `LATERAL { ... }` read as a plain group, for engines without LATERAL (rdflib).

    Substituting an outer solution into a group of triple patterns, GRAPH and
    UNION gives the same solutions as joining the group, so such a LATERAL can
    simply be dropped. A LATERAL group holding FILTER, BIND, OPTIONAL, MINUS,
    VALUES, a sub-SELECT or SERVICE means something else as a join: ValueError,
    unless `check` is false (for reading the patterns only, not the answers).
    """
    toks = list(tokens(sparql))
    cut: list[tuple[int, int]] = []
    for i, t in enumerate(toks):
        if t.kind != "word" or t.text.lower() != "lateral":
            continue
        if i + 1 >= len(toks) or toks[i + 1].text != "{":
            raise ValueError("LATERAL must be followed by a group { ... }")
        j = i + 2
        while j < len(toks) and toks[j].depth > t.depth:
            if check and toks[j].kind == "word" and toks[j].text.lower() in _SCOPED:
                raise ValueError(f"a LATERAL group holding {toks[j].text.upper()} is not a join: "
                                 "this back end has no LATERAL (use Oxigraph)")
            j += 1
        cut.append((t.start, t.end))
    for start, end in reversed(cut):
        sparql = sparql[:start] + sparql[end:]
    return sparql


def predicates_matched(sparql: str) -> frozenset[str] | None:
    """The predicate IRIs a query's triple patterns (and property paths) can match, or None when some
    pattern could match any predicate: a variable predicate that no VALUES clause binds, or a negated path.

    Statements with other predicates cannot change the query's answer, so a store may leave them out.
    """
    from rdflib import URIRef, Variable
    from rdflib.paths import AlternativePath, InvPath, MulPath, SequencePath
    from rdflib.plugins.sparql import prepareQuery
    from rdflib.plugins.sparql.parserutils import CompValue

    iris: set[str] = set()
    variables: set = set()
    values: dict = {}

    def predicate(p) -> bool:
        if isinstance(p, URIRef):
            iris.add(str(p))
        elif isinstance(p, Variable):
            variables.add(p)
        elif isinstance(p, (SequencePath, AlternativePath)):
            return all(predicate(a) for a in p.args)
        elif isinstance(p, MulPath):
            return predicate(p.path)
        elif isinstance(p, InvPath):
            return predicate(p.arg)
        else:  # a negated path (NegatedPath), or anything unforeseen
            return False
        return True

    def walk(node) -> bool:
        if isinstance(node, CompValue):
            if node.name == "values":
                for row in node.res:
                    for variable, term in row.items():
                        values.setdefault(variable, set()).add(term)
            # BGP: a translated pattern; TriplesBlock: one inside FILTER (NOT) EXISTS, left as parsed
            if node.name in ("BGP", "TriplesBlock") and not all(predicate(p) for _, p, _ in node.triples):
                return False
            return all(walk(child) for child in node.values())
        if isinstance(node, (list, tuple)):
            return all(walk(child) for child in node)
        return True

    if not walk(prepareQuery(laterals_as_joins(sparql, check=False)).algebra):
        return None
    for variable in variables:
        bound = values.get(variable)
        if not bound or not all(isinstance(term, URIRef) for term in bound):
            return None
        iris.update(str(term) for term in bound)
    return frozenset(iris)
