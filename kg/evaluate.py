"""Scoring the extraction against gold annotations (`kg eval`).

An entity matches when the class is equal and the gold name or a gold alias
equals the system name, a system alias or a mention's text in that document
(case-insensitive, whitespace and punctuation normalised, a leading "the"
dropped). Places are left out of entity scores (gold lists them only where
they take part in a relation). A relation matches when the predicate is equal
and subject and object each match by name or alias (either order for the
symmetric cooperatesWith). An observation matches when value and unit are
equal and the periods overlap. Matching is one-to-one.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from kg.model import SYMMETRIC_PREDICATES, Resolution
from kg.periods import overlaps


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: "Counts") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class DocScore:
    doc: str
    entities: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    relations: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    observations: Counts = field(default_factory=Counts)
    misses: list[str] = field(default_factory=list)  # readable list of errors, for debugging


@dataclass
class Evaluation:
    documents: list[DocScore]

    def total(self, part: str) -> dict[str, Counts]:
        totals: dict[str, Counts] = defaultdict(Counts)
        for doc in self.documents:
            for key, counts in getattr(doc, part).items():
                totals[key].add(counts)
        return dict(sorted(totals.items()))

    def micro(self, part: str) -> Counts:
        total = Counts()
        if part == "observations":
            for doc in self.documents:
                total.add(doc.observations)
            return total
        for counts in self.total(part).values():
            total.add(counts)
        return total


def normalise(text: str) -> str:
    text = re.sub(r"[^\w\s]+", " ", text.lower())
    words = text.split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def load_gold(folder: Path) -> dict[str, dict]:
    gold = {}
    for file in sorted(Path(folder).glob("*.json")):
        data = json.loads(file.read_text(encoding="utf-8"))
        if "doc" in data and "entities" in data:
            gold[data["doc"]] = data
    return gold


def evaluate(resolution: Resolution, gold: dict[str, dict]) -> Evaluation:
    scores = []
    for document in resolution.documents:
        if document.name in gold:
            scores.append(_score_document(resolution, document.name, gold[document.name]))
    return Evaluation(scores)


def _score_document(resolution: Resolution, doc: str, gold: dict) -> DocScore:
    score = DocScore(doc)
    system = {}
    for entity in resolution.entities:
        texts = [m.text for m in entity.mentions if m.doc == doc]
        if texts:
            system[entity.iri] = (entity.cls, {normalise(t) for t in [entity.name, *entity.aliases, *texts]})
    gold_entities = [
        (e["type"], {normalise(t) for t in [e["name"], *e.get("aliases", [])]}, e["name"]) for e in gold["entities"]
    ]
    gold_by_name = {e[2]: e for e in gold_entities}

    # entities, Places left out
    pairs = _match(
        [g for g in gold_entities if g[0] != "Place"],
        [(iri, v) for iri, v in sorted(system.items()) if v[0] != "Place"],
        lambda g, s: g[0] == s[1][0] and bool(g[1] & s[1][1]),
    )
    matched_gold = {id(g) for g, _ in pairs}
    matched_sys = {s[0] for _, s in pairs}
    for g, _ in pairs:
        score.entities[g[0]].tp += 1
    for g in gold_entities:
        if g[0] != "Place" and id(g) not in matched_gold:
            score.entities[g[0]].fn += 1
            score.misses.append(f"FN entity {g[0]}: {g[2]}")
    for iri, (cls, names) in sorted(system.items()):
        if cls != "Place" and iri not in matched_sys:
            score.entities[cls].fp += 1
            score.misses.append(f"FP entity {cls}: {iri}")

    # relations
    facts = [f for f in resolution.facts if any(e.doc == doc for e in f.evidence)]

    def names_of(iri: str) -> set[str]:
        return system.get(iri, ("", set()))[1]

    def fits(g: dict, f) -> bool:
        if g["predicate"] != f.predicate:
            return False
        gs, go = gold_by_name.get(g["subject"]), gold_by_name.get(g["object"])
        if gs is None or go is None:
            return False
        straight = bool(gs[1] & names_of(f.subject)) and bool(go[1] & names_of(f.object))
        crossed = bool(gs[1] & names_of(f.object)) and bool(go[1] & names_of(f.subject))
        return straight or (f.predicate in SYMMETRIC_PREDICATES and crossed)

    unique = {(f.subject, f.predicate, f.object): f for f in facts}
    rel_pairs = _match(gold["relations"], list(unique.values()), fits)
    matched_g = {id(g) for g, _ in rel_pairs}
    matched_f = {id(f) for _, f in rel_pairs}
    for g in gold["relations"]:
        if id(g) in matched_g:
            score.relations[g["predicate"]].tp += 1
        else:
            score.relations[g["predicate"]].fn += 1
            score.misses.append(f"FN relation: {g['subject']} {g['predicate']} {g['object']}")
    for f in unique.values():
        if id(f) not in matched_f:
            score.relations[f.predicate].fp += 1
            score.misses.append(f"FP relation: {f.subject} {f.predicate} {f.object}")

    # observations
    figures = [f for f in resolution.figures if f.figure.doc == doc]
    obs_pairs = _match(
        gold.get("observations", []),
        figures,
        lambda g, f: g["unit"] == f.unit and _same_value(g["value"], f.value) and overlaps(g["period"], f.period),
    )
    matched_o = {id(f) for _, f in obs_pairs}
    matched_go = {id(g) for g, _ in obs_pairs}
    score.observations.tp = len(obs_pairs)
    score.observations.fn = len(gold.get("observations", [])) - len(obs_pairs)
    score.observations.fp = len(figures) - len(obs_pairs)
    for g in gold.get("observations", []):
        if id(g) not in matched_go:
            score.misses.append(f"FN observation: {g['value']} {g['unit']} {g['period']} ({g['indicator']})")
    for f in figures:
        if id(f) not in matched_o:
            score.misses.append(f"FP observation: {f.value:g} {f.unit} {f.period} ({f.indicator}) <{f.figure.text}>")
    return score


def _same_value(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(abs(a), abs(b), 1.0)


def _match(gold: list, system: list, fits) -> list[tuple]:
    """One-to-one matching (augmenting paths), so a greedy early choice cannot block a later one."""
    options = [[j for j, s in enumerate(system) if fits(g, s)] for g in gold]
    owner: dict[int, int] = {}

    def assign(i: int, seen: set[int]) -> bool:
        for j in options[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or assign(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(gold)):
        assign(i, set())
    return [(gold[i], system[j]) for j, i in sorted(owner.items(), key=lambda kv: kv[1])]


def report(evaluation: Evaluation, *, misses: bool = False) -> str:
    lines = []

    def row(label: str, c: Counts) -> str:
        return f"  {label:<22} P {c.precision:5.3f}  R {c.recall:5.3f}  F1 {c.f1:5.3f}   (tp {c.tp}, fp {c.fp}, fn {c.fn})"

    for doc in evaluation.documents:
        lines.append(f"{doc.doc}")
        ent, rel = Counts(), Counts()
        for c in doc.entities.values():
            ent.add(c)
        for c in doc.relations.values():
            rel.add(c)
        lines.append(row("entities", ent))
        lines.append(row("relations", rel))
        lines.append(row("observations", doc.observations))
        if misses:
            lines.extend(f"    {m}" for m in doc.misses)
    lines.append("")
    lines.append("entities by class")
    for cls, c in evaluation.total("entities").items():
        lines.append(row(cls, c))
    lines.append("relations by predicate")
    for predicate, c in evaluation.total("relations").items():
        lines.append(row(predicate, c))
    lines.append("micro-averaged")
    lines.append(row("entities", evaluation.micro("entities")))
    lines.append(row("relations", evaluation.micro("relations")))
    lines.append(row("observations", evaluation.micro("observations")))
    return "\n".join(lines)


def score(paths: list[Path], gold_dir: Path, *, misses: bool = False) -> tuple[dict, str]:
    """Extract PATHS and score them against the gold files in `gold_dir`: (scores as a dict, report text)."""
    from kg.build import run_extraction

    gold = load_gold(gold_dir)
    if not gold:
        raise ValueError(f"{gold_dir}: no gold annotations (*.json with a \"doc\" field) in this folder")
    resolution, _ = run_extraction(paths)
    evaluation = evaluate(resolution, gold)
    if not evaluation.documents:
        names = ", ".join(sorted(gold))
        raise ValueError(f"none of the documents read from {', '.join(map(str, paths))} has gold in {gold_dir} "
                         f"(gold is for: {names})")
    return as_dict(evaluation), report(evaluation, misses=misses)


def as_dict(evaluation: Evaluation) -> dict:
    def counts(c: Counts) -> dict:
        return {"precision": round(c.precision, 4), "recall": round(c.recall, 4), "f1": round(c.f1, 4),
                "tp": c.tp, "fp": c.fp, "fn": c.fn}

    return {
        "micro": {part: counts(evaluation.micro(part)) for part in ("entities", "relations", "observations")},
        "entities": {k: counts(v) for k, v in evaluation.total("entities").items()},
        "relations": {k: counts(v) for k, v in evaluation.total("relations").items()},
        "documents": {
            d.doc: {
                "entities": counts(_sum(d.entities.values())),
                "relations": counts(_sum(d.relations.values())),
                "observations": counts(d.observations),
            }
            for d in evaluation.documents
        },
    }


def _sum(items) -> Counts:
    total = Counts()
    for c in items:
        total.add(c)
    return total
