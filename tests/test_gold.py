"""The gold files are consistent with their documents and the guidelines."""

from __future__ import annotations

from pathlib import Path

import pytest
from gold_check import check

TESTS = Path(__file__).resolve().parent
SETS = {
    "corpus": (TESTS / "gold", TESTS.parent / "corpus"),
    "external": (TESTS / "external" / "gold", TESTS / "external" / "docs"),
    "heldout": (TESTS / "heldout" / "gold", TESTS / "heldout" / "docs"),
}
FILES = [(name, path) for name, (gold, _) in SETS.items() for path in sorted(gold.glob("*.json"))]


@pytest.mark.parametrize("name, path", FILES, ids=[f"{n}/{p.stem}" for n, p in FILES])
def test_gold_file_is_consistent(name, path):
    assert check(path, SETS[name][1]) == []


@pytest.mark.parametrize("name", SETS)
def test_every_document_has_a_gold_file(name):
    gold, docs = SETS[name]
    assert {p.stem for p in docs.glob("*.txt")} == {p.stem for p in gold.glob("*.json")}
