"""Reading documents: decoding, bad input with clear errors, metadata."""

from __future__ import annotations

import hashlib

import pytest

from kg.corpus import (
    decode,
    detect_languages,
    infer_date,
    iso_date,
    parse_sources,
    read_documents,
)

TEXT = "The China National Intellectual Property Administration (CNIPA) released a report.\n"


def test_reads_a_utf8_document_with_its_hash(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    corpus = read_documents([tmp_path / "a.txt"])
    assert not corpus.errors
    (document,) = corpus.documents
    assert document.text == TEXT
    assert document.sha256 == hashlib.sha256(TEXT.encode()).hexdigest()
    assert document.title.startswith("The China National")


def test_bom_is_dropped_and_line_ends_normalised(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"\xef\xbb\xbfFirst line\r\nSecond line\r\n")
    (document,) = read_documents([tmp_path]).documents
    assert document.text == "First line\nSecond line\n"


def test_empty_file_is_a_clear_error(tmp_path):
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    corpus = read_documents([tmp_path / "empty.txt"])
    assert not corpus.documents
    assert str(corpus.errors[0]) == f"{tmp_path / 'empty.txt'}: empty file (no text)"


def test_binary_file_is_a_clear_error(tmp_path):
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    corpus = read_documents([tmp_path / "image.txt"])
    assert not corpus.documents
    assert "image.txt" in str(corpus.errors[0]) and "binary" in corpus.errors[0].cause


def test_missing_path_is_a_clear_error(tmp_path):
    corpus = read_documents([tmp_path / "nowhere.txt"])
    assert corpus.errors[0].path.endswith("nowhere.txt")
    assert corpus.errors[0].cause == "no such file or directory"


@pytest.mark.parametrize(
    "encoding, text",
    [
        ("gb18030", "国家知识产权局局长申长雨出席新闻发布会。国家知识产权局副局长胡文辉介绍有关情况。" * 3),
        ("big5", "國家知識產權局局長申長雨出席新聞發佈會。國家知識產權局副局長胡文輝介紹有關情況。" * 3),
        ("latin-1", "L'Institut national de la propriété industrielle a publié son rapport annuel à Paris. " * 3),
    ],
)
def test_legacy_encodings_are_detected(tmp_path, encoding, text):
    (tmp_path / "legacy.txt").write_bytes(text.encode(encoding))
    corpus = read_documents([tmp_path / "legacy.txt"])
    assert not corpus.errors
    assert corpus.documents[0].text == text


def test_undecodable_bytes_name_the_cause():
    with pytest.raises(ValueError, match="binary"):
        decode(b"abc\x00def")


def test_mixed_folder_keeps_the_good_and_names_the_bad(tmp_path):
    (tmp_path / "good.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "blob.bin").write_bytes(bytes(range(256)) * 4)
    (tmp_path / ".hidden").write_text("ignored", encoding="utf-8")
    corpus = read_documents([tmp_path])
    assert [d.name for d in corpus.documents] == ["good.txt"]
    assert sorted(e.path.rsplit("/", 1)[-1] for e in corpus.errors) == ["blob.bin", "empty.txt"]


def test_the_same_text_is_one_document(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b.txt").write_text(TEXT, encoding="utf-8")
    corpus = read_documents([tmp_path])
    assert [d.name for d in corpus.documents] == ["a.txt"]
    assert "same text as a.txt" in corpus.errors[0].cause


def test_sources_table_gives_metadata(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "SOURCES.md").write_text(
        "# Sources\n\n| file | title | publisher | date | language | source |\n|---|---|---|---|---|---|\n"
        "| a.txt | A report | Xinhua News Agency | 2024-01 | en | https://example.org/a |\n",
        encoding="utf-8",
    )
    (document,) = read_documents([tmp_path]).documents
    assert (document.title, document.publisher, document.date, document.source) == (
        "A report", "Xinhua News Agency", "2024-01", "https://example.org/a"
    )
    assert document.languages == ("en",)


def test_parse_sources_ignores_other_tables():
    rows = parse_sources("| a | b |\n|---|---|\n| 1 | 2 |\n\n| file | title |\n|---|---|\n| x.txt | X |\n")
    assert rows == {"x.txt": {"file": "x.txt", "title": "X"}}


@pytest.mark.parametrize(
    "text, date",
    [
        ("Headline\nMay 13, 2024\nBody", "2024-05-13"),
        ("Headline\nDate:\nJuly 29, 2024\n", "2024-07-29"),
        ("作者\n2025年4月24日\n", "2025-04-24"),
        ("Geneva, 6 March 2002 - WIPO said", "2002-03-06"),
        ("No date here at all", ""),
        ("GENEVA, April 31, 2024 - WIPO said", ""),  # no such day
        ("Headline\nFebruary 29, 2023\nBody", ""),
    ],
)
def test_dates_are_read_from_the_head_of_the_text(text, date):
    assert infer_date(text) == date


def test_languages_by_script():
    assert detect_languages("Intellectual property news in English only.") == ("en",)
    assert detect_languages("Bilingual 國家知識產權局局長申長雨 and 國務院新聞辦公室 English text here") == ("en", "zh-Hant")
    assert detect_languages("国家知识产权局局长申长雨出席国务院新闻办公室") == ("zh-Hans",)


@pytest.mark.parametrize("data, cause", [
    (b"\xff\xfeH\x00i\x00!", "not valid UTF-16"),  # an odd number of bytes after the mark
    (b"\xff\xfe\x00\xd8a\x00", "not valid UTF-16"),  # a lone surrogate
])
def test_a_broken_text_after_a_byte_order_mark_is_a_clear_error_and_the_rest_still_reads(tmp_path, data, cause):
    (tmp_path / "bad.txt").write_bytes(data)
    (tmp_path / "good.txt").write_text(TEXT, encoding="utf-8")
    corpus = read_documents([tmp_path])
    assert [d.name for d in corpus.documents] == ["good.txt"]
    (error,) = corpus.errors
    assert "bad.txt" in error.path and cause in error.cause


def test_utf32_with_its_mark_is_read_as_utf32():
    text, encoding = decode("Hi there".encode("utf-32"))  # with its byte-order mark
    assert (text, encoding) == ("Hi there", "utf-32")


def test_an_impossible_metadata_date_is_no_date():
    assert iso_date("2023-02-29") == "" and iso_date("2024-02-29") == "2024-02-29"


def test_an_installed_copy_finds_its_data_under_the_prefix(tmp_path, monkeypatch):
    from kg import settings

    (tmp_path / "share" / "ip-kg" / "queries").mkdir(parents=True)
    monkeypatch.setattr(settings, "ROOT", tmp_path / "site-packages")  # no queries/ beside the package
    monkeypatch.setattr(settings.sys, "prefix", str(tmp_path))
    monkeypatch.delenv("KG_QUERIES_DIR", raising=False)
    assert settings.queries_dir() == tmp_path / "share" / "ip-kg" / "queries"
    (tmp_path / "site-packages" / "queries").mkdir(parents=True)  # a checkout's own folder wins
    assert settings.queries_dir() == tmp_path / "site-packages" / "queries"
