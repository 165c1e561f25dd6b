"""ip-kg: news and press texts about IP policy as a knowledge graph.

The public API, stage by stage. Each name is imported from its module when first
used, so `import kg` stays cheap and the CLI starts without loading spaCy. Where a
stage's function has its module's name (`build`, `resolve`, `validate`, `evaluate`,
`serve`, `push`), `kg.<name>` is that module, as Python's import system makes it, and
the function is `kg.<name>.<name>`:

    corpus = kg.read_documents(paths)                  # kg.corpus
    extractions = kg.extract(corpus)                   # kg.nlp.extract
    resolution = kg.resolve.resolve(extractions)
    mapped = kg.to_dataset(resolution)                 # kg.rdf.mapping
    report = kg.validate.validate(mapped.graph())
    result = kg.build.build(paths, options=kg.BuildOptions(out=Path("output")))  # all of it, atomically
"""

from __future__ import annotations

import importlib

_EXPORTS = {
    "kg.build": ("BuildOptions", "BuildResult", "Summary", "run_extraction", "extract_jsonl"),
    "kg.corpus": ("read_documents", "ReadOptions", "DocumentError"),
    "kg.nlp.extract": ("extract", "ExtractOptions"),
    "kg.rdf.mapping": ("to_dataset", "Mapped", "write_nquads"),
    "kg.validate": ("Report", "Violation"),
    "kg.pieces": ("validate_file",),
    "kg.files": ("load_dataset", "serialise", "atomic_write", "GraphFileError"),
    "kg.store": ("open_store", "RdflibStore", "OxigraphStore", "QueryResult", "QueryError"),
    "kg.query": ("run", "bundled_queries"),
    "kg.network": ("load", "network_files", "Network"),
    "kg.evaluate": ("score",),
    "kg.serve": ("create_app",),
    "kg.push": ("PushError",),
}
_MODULE_OF = {name: module for module, names in _EXPORTS.items() for name in names}
STAGE_MODULES = ("build", "resolve", "validate", "evaluate", "serve", "push")  # kg.<name>.<name>()

__all__ = sorted([*_MODULE_OF, *STAGE_MODULES])


def __getattr__(name: str):
    if name in STAGE_MODULES:
        return importlib.import_module(f"kg.{name}")
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module 'kg' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
