"""kg.nlp.extract: documents parsed in several processes, longest first, come back in document order."""

from dataclasses import replace

from test_statistics import document

from kg.model import Corpus
from kg.nlp import extract as extract_module
from kg.nlp.extract import ExtractOptions, extract, iter_extract

SENTENCE = "The European Patent Office (EPO) signed an agreement with the Japan Patent Office in Tokyo. "


def _documents():
    texts = [SENTENCE, SENTENCE * 2 + "Chile joined the Patent Cooperation Treaty.", "WIPO met in Geneva.",
             SENTENCE * 6, "EPO President Maria Lindqvist said filings rose 4.5% in 2023."]
    return [replace(document(text), name=f"d{i}.txt") for i, text in enumerate(texts)]


def test_batches_start_with_the_longest_documents_and_stay_small():
    documents = [document("word " * n) for n in (10, 3000, 400, 900, 5, 1500, 700)]
    batches = extract_module._batches(documents, 3, 1)
    assert sorted(i for batch in batches for i in batch) == list(range(len(documents)))
    assert batches[0] == [1]  # 3,000 words: alone
    order = [i for batch in batches for i in batch]
    assert [len(documents[i].text) for i in order] == sorted((len(d.text) for d in documents), reverse=True)
    for batch in batches:
        assert len(batch) <= 3
        assert len(batch) == 1 or sum(len(documents[i].text.split()) for i in batch) <= extract_module._BATCH_WORDS


def test_two_processes_give_the_extractions_of_one_in_document_order():
    documents = _documents()
    serial = list(iter_extract(documents))
    parallel = list(iter_extract(documents, options=ExtractOptions(n_process=2, batch_size=2)))
    assert [e.document.name for e in parallel] == [d.name for d in documents]
    assert parallel == serial
    seen = []
    found = extract(Corpus(tuple(documents)), options=ExtractOptions(n_process=2, batch_size=2), progress=seen.append)
    assert list(found.items) == serial
    assert sorted(d.name for d in seen) == sorted(d.name for d in documents)


def test_a_corpus_whose_documents_are_all_cached_loads_no_model(monkeypatch):
    def no_model(*args, **kwargs):
        raise AssertionError("the model was loaded")

    monkeypatch.setattr(extract_module, "build_pipeline", no_model)
    assert list(iter_extract([])) == []
    assert list(extract_module._unordered([], ExtractOptions(n_process=2))) == []


def test_batches_are_at_most_a_quarter_of_a_process_share():
    documents = [document("word " * 20) for _ in range(10)]
    assert [len(b) for b in extract_module._batches(documents, 8, 2)] == [2, 2, 2, 2, 2]
    assert [len(b) for b in extract_module._batches(documents * 10, 8, 2)] == [8] * 12 + [4]
