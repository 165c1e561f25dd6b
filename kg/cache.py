"""A per-document cache of extractions, keyed by the document and the pipeline's version.

The version is a hash of everything that can change an extraction: the NLP
code, the reference data and the spaCy model's name and version. Change any
of them and every entry is stale; change a document and only its entry is.
Entries are pickles of frozen dataclasses, written atomically.
"""

from __future__ import annotations

import hashlib
import pickle
from dataclasses import astuple
from functools import lru_cache
from pathlib import Path

from kg.files import atomic_write
from kg.model import Document, Extraction
from kg.settings import ROOT, ontology_dir, spacy_models


@lru_cache(maxsize=1)
def pipeline_version() -> str:
    digest = hashlib.sha256()
    # the whole package: a change anywhere in it may change what extraction returns
    sources = sorted((ROOT / "kg").rglob("*.py")) + [ontology_dir() / "reference.ttl"]
    for path in sources:
        if path.is_file():
            digest.update("/".join(path.parts[-2:]).encode())
            digest.update(path.read_bytes())
    digest.update(_model_identity().encode())
    return digest.hexdigest()[:16]


def _model_identity() -> str:
    import importlib.metadata

    parts = []
    for name in spacy_models():
        try:
            parts.append(f"{name}={importlib.metadata.version(name.replace('_', '-'))}")
        except importlib.metadata.PackageNotFoundError:
            parts.append(f"{name}=?")
    parts.append(f"spacy={importlib.metadata.version('spacy')}")
    return ",".join(parts)


class ExtractionCache:
    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.hits = 0
        self.misses = 0

    def key(self, document: Document) -> str:
        fields = "\x1f".join(str(x) for x in astuple(document) if not isinstance(x, str) or len(x) < 2000)
        return hashlib.sha256(f"{pipeline_version()}\x1e{document.sha256}\x1e{fields}".encode()).hexdigest()

    def get(self, document: Document) -> Extraction | None:
        path = self.folder / f"{self.key(document)}.pickle"
        try:
            with path.open("rb") as handle:
                extraction = pickle.load(handle)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            self.misses += 1
            return None
        if not isinstance(extraction, Extraction) or extraction.document != document:
            self.misses += 1
            return None
        self.hits += 1
        return extraction

    def put(self, extraction: Extraction) -> None:
        atomic_write(self.folder / f"{self.key(extraction.document)}.pickle",
                     pickle.dumps(extraction, protocol=pickle.HIGHEST_PROTOCOL))
