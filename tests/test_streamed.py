"""What the build streams (the statements file, the graph files as they are made, staged outputs) is what the
in-memory paths give."""

from __future__ import annotations

import io

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.files import Staged
from kg.rdf.writer import LinesReader, Spacer

TRIG = (b"@prefix kg: <https://w3id.org/ipkg/ontology#> .\n@prefix org: <http://www.w3.org/ns/org#> .\n"
        b"<http://example.org/g1> {\n\t<http://example.org/a> a org:Organization ;\n"
        b"\t\tkg:figureText \"x .\\n}\" .\n\t<http://example.org/b> kg:figureText \"y\" .\n}\n"
        b"<http://example.org/g2> {\n\t<http://example.org/c> a org:Organization .\n}\n"
        b"<http://example.org/g3> {\n}\n")


def _spaced(chunks: list[bytes], *, prefixes: bool) -> bytes:
    out = io.BytesIO()
    spacer = Spacer(out, prefixes=prefixes)
    for chunk in chunks:
        spacer.write(chunk)
    spacer.close()
    return out.getvalue()


def test_spacing_puts_a_blank_line_after_each_statement_and_graph():
    assert _spaced([TRIG], prefixes=False) == (
        b"<http://example.org/g1> {\n\t<http://example.org/a> a org:Organization ;\n"
        b"\t\tkg:figureText \"x .\\n}\" .\n\n\t<http://example.org/b> kg:figureText \"y\" .\n}\n\n"
        b"<http://example.org/g2> {\n\t<http://example.org/c> a org:Organization .\n}\n\n"
        b"<http://example.org/g3> {\n}\n")
    with_prefixes = _spaced([TRIG], prefixes=True)
    assert with_prefixes.startswith(TRIG[:TRIG.index(b"<http://example.org/g1>")] + b"\n<http://example.org/g1>")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=len(TRIG)), max_size=12), st.booleans())
def test_spacing_is_the_same_however_the_text_comes_in_pieces(cuts, prefixes):
    cuts = sorted(set(cuts))
    chunks = [TRIG[a:b] for a, b in zip([0, *cuts], [*cuts, len(TRIG)])]
    assert _spaced(chunks, prefixes=prefixes) == _spaced([TRIG], prefixes=prefixes)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.binary(max_size=20), max_size=20), st.lists(st.integers(min_value=-1, max_value=50), max_size=30))
def test_a_lines_reader_reads_the_lines_joined(lines, sizes):
    reader = LinesReader(iter(lines))
    read = [reader.read(size) for size in sizes]
    for size, data in zip(sizes, read):
        assert size < 0 or len(data) <= size
    assert b"".join(read) + reader.read() == b"".join(lines)
    assert reader.read(10) == b""


def test_oxigraph_parses_through_a_lines_reader():
    lines = [b'<http://example.org/a> <http://example.org/p> "x" .\n'] * 3 + \
        [b'<http://example.org/b> <http://example.org/p> "%d" .\n' % i for i in range(5000)]
    assert len(list(ox.parse(LinesReader(lines), format=ox.RdfFormat.N_TRIPLES))) == 5003


def test_staged_files_replace_nothing_until_committed(tmp_path):
    (tmp_path / "a.txt").write_text("old", encoding="utf-8")
    staged = Staged(tmp_path)
    staged.put("a.txt", b"new")
    with staged.open("b.bin") as handle:
        handle.write(b"\x00\x01")
    staged.put("c.txt", (b"in ", b"parts"))
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "old"
    assert not (tmp_path / "b.bin").exists()
    assert staged.commit() == [tmp_path / "a.txt", tmp_path / "b.bin", tmp_path / "c.txt"]
    assert (tmp_path / "a.txt").read_bytes() == b"new"
    assert (tmp_path / "b.bin").read_bytes() == b"\x00\x01"
    assert (tmp_path / "c.txt").read_bytes() == b"in parts"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.bin", "c.txt"]  # no temporary file left


def test_staged_files_are_removed_when_the_work_fails(tmp_path):
    (tmp_path / "a.txt").write_text("old", encoding="utf-8")
    staged = Staged(tmp_path)
    with pytest.raises(RuntimeError):
        try:
            staged.put("a.txt", "new")
            with staged.open("b.txt") as handle:
                handle.write(b"half")
                raise RuntimeError("disk full")
        finally:
            staged.discard()  # as the build does when any part of it fails
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "old"


def test_statements_written_as_they_are_made_are_the_mapping_and_its_counts(tmp_path):
    from kg.build import run_extraction
    from kg.rdf.mapping import to_dataset, write_nquads
    from kg.rdf.terms import Terms

    text = tmp_path / "a.txt"
    text.write_text("Shen Changyu, commissioner of the China National Intellectual Property Administration (CNIPA), "
                    "met WIPO Director General Daren Tang in Geneva. CNIPA granted 921,000 invention patents in 2023, "
                    "up 15.3 percent.\n", encoding="utf-8")
    resolution, _ = run_extraction([text])
    mapped = to_dataset(resolution)
    path = tmp_path / "statements.nq"
    counts = write_nquads(resolution, path)
    assert counts == mapped.counts()
    assert counts.triples > 20
    quad = Terms().quad
    assert set(ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS)) == {quad(s, p, o, g) for s, p, o, g, _ in
                                                                           mapped.statements}


def test_follow_reads_whole_lines_of_a_file_while_it_is_written(tmp_path):
    """Lines written in pieces cut anywhere, read as they come, each whole; the end once the writer says so."""
    import threading
    import time

    from kg.files import follow

    path = tmp_path / "statements.nq"
    path.touch()
    lines = [f"<http://example.org/s{i}> <http://example.org/p> \"{'x' * (i % 50)}\" .\n".encode() for i in range(2000)]
    data = b"".join(lines)
    done = threading.Event()

    def write():
        with path.open("ab") as handle:
            for start in range(0, len(data), 997):  # cut inside lines
                handle.write(data[start:start + 997])
                handle.flush()
                time.sleep(0.0005)
        done.set()

    writer = threading.Thread(target=write)
    writer.start()
    chunks = list(follow(path, lambda timeout: done.wait(timeout), chunk=4096))
    writer.join()
    assert b"".join(chunks) == data
    assert len(chunks) > 1 and all(chunk.endswith(b"\n") for chunk in chunks)
    path.write_bytes(b"a last line without its end")
    assert list(follow(path, lambda timeout: True)) == [b"a last line without its end"]
