"""Reading documents: paths -> decoded texts with metadata.

A file that cannot be read becomes a `ReadError` naming the file and the
cause; the others are still read. Offsets everywhere else in the project are
indices into `Document.text`: the decoded text with a byte-order mark
removed and line ends normalised to "\\n", nothing else changed.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from dataclasses import dataclass, replace
from pathlib import Path

from charset_normalizer import from_bytes

from kg.model import Corpus, Document, ReadError

SOURCES_FILE = "SOURCES.md"
# files in a corpus folder that describe it rather than belong to it
NOT_DOCUMENTS = frozenset({SOURCES_FILE, "README.md", "LICENSE", "LICENSE.md"})
# encodings we accept from detection when a file is not UTF-8
FALLBACK_ENCODINGS = ("gb18030", "big5", "cp1252", "latin_1", "utf_16", "shift_jis", "euc_kr")


@dataclass(frozen=True)
class ReadOptions:
    max_bytes: int = 20_000_000
    max_chars: int = 1_000_000  # spaCy's parser refuses longer texts (nlp.max_length)
    skip: Path | None = None  # a folder not to read in a corpus folder: the build's own output


def read_documents(paths: list[str | Path], *, options: ReadOptions = ReadOptions()) -> Corpus:
    """Read every document named by `paths` (files or folders), in a stable order."""
    documents: dict[str, Document] = {}  # by content hash: the same text is one document
    errors: list[ReadError] = []
    seen: set[Path] = set()
    for path in sorted(_expand(paths, errors, options.skip), key=lambda p: (p.name, str(p))):
        resolved = path.resolve()
        if resolved in seen:
            continue
        seen.add(resolved)
        try:
            document = read_document(path, options=options)
        except DocumentError as err:
            errors.append(ReadError(str(path), str(err)))
            continue
        if document.sha256 in documents:
            errors.append(ReadError(str(path), f"same text as {documents[document.sha256].name}; read once"))
            continue
        if any(d.name == document.name for d in documents.values()):
            # two different files called news.txt: the name is the document's key everywhere
            document = replace(document, name=_unique_name(path, {d.name for d in documents.values()}))
        documents[document.sha256] = document
    return Corpus(documents=tuple(sorted(documents.values(), key=lambda d: d.name)), errors=tuple(errors))


def _unique_name(path: Path, taken: set[str]) -> str:
    parts = path.resolve().parts
    for depth in range(2, len(parts) + 1):
        name = "/".join(parts[-depth:])
        if name not in taken:
            return name
    return str(path.resolve())


class DocumentError(ValueError):
    """Why one file is not a readable document."""


def read_document(path: Path, *, options: ReadOptions = ReadOptions()) -> Document:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise DocumentError("no such file") from None
    except IsADirectoryError:
        raise DocumentError("is a directory") from None
    except OSError as err:
        raise DocumentError(f"cannot be read ({err.strerror or err})") from None
    if len(data) > options.max_bytes:
        raise DocumentError(f"too large ({len(data)} bytes, limit {options.max_bytes})")
    text, encoding = decode(data)
    if not text.strip():
        raise DocumentError("empty file (no text)")
    if len(text) > options.max_chars:
        raise DocumentError(f"too long ({len(text)} characters; at most {options.max_chars} can be parsed)")
    meta = _sources_for(path.parent).get(path.name, {})
    return Document(
        name=path.name,
        text=text,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        title=meta.get("title") or _first_line(text),
        publisher=meta.get("publisher", ""),
        date=iso_date(meta.get("date", "")) or infer_date(text),
        source=meta.get("source", ""),
        languages=tuple(meta["language"].split()) if meta.get("language") else detect_languages(text),
    )


_BOMS = ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe", "utf-16"),
         (b"\xfe\xff", "utf-16"))


def decode(data: bytes) -> tuple[str, str]:
    """Bytes -> (text, encoding). UTF-8 first; otherwise a detected encoding; else an error."""
    if not data:
        return "", "utf-8"
    for bom, encoding in _BOMS:  # UTF-32's mark starts with UTF-16's: the longer first
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as err:
                raise DocumentError(f"not valid {encoding.upper()} despite its byte-order mark ({err.reason} at offset "
                                    f"{err.start})") from None
            return _checked(text, encoding, encoding.upper())
    if b"\x00" in data:
        raise DocumentError("binary file (contains NUL bytes), not text")
    try:
        return _normalise_newlines(data.decode("utf-8-sig")), "utf-8"
    except UnicodeDecodeError as err:
        utf8_error = err
    best = from_bytes(data, cp_isolation=list(FALLBACK_ENCODINGS)).best()
    if best is None or best.encoding not in FALLBACK_ENCODINGS:
        raise DocumentError(
            f"not UTF-8 (invalid byte at offset {utf8_error.start}) and no known encoding fits"
        )
    return _checked(str(best), best.encoding, best.encoding)


def _checked(text: str, encoding: str, shown: str) -> tuple[str, str]:
    """(text with its line ends normalised, encoding), unless control characters say the file is binary."""
    if _control_ratio(text) > 0.05:
        raise DocumentError(f"binary file (decodes as {shown} only with control characters)")
    return _normalise_newlines(text), encoding


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _control_ratio(text: str) -> float:
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    return controls / max(len(text), 1)


def _expand(paths: list[str | Path], errors: list[ReadError], skip: Path | None) -> list[Path]:
    files: list[Path] = []
    skip = skip.resolve() if skip is not None else None
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.iterdir()):
                if child.name.startswith(".") or child.name in NOT_DOCUMENTS or child.resolve() == skip:
                    continue
                if child.is_file():
                    files.append(child)
                elif child.is_dir():
                    errors.append(ReadError(str(child), "a folder inside a folder is not read (name it to read it)"))
                else:
                    errors.append(ReadError(str(child), "a link to nothing"))
        elif path.exists():
            files.append(path)
        else:
            errors.append(ReadError(str(path), "no such file or directory"))
    return files


# --- metadata --------------------------------------------------------------------

_SOURCES_CACHE: dict[Path, dict[str, dict[str, str]]] = {}


def _sources_for(folder: Path) -> dict[str, dict[str, str]]:
    folder = folder.resolve()
    if folder not in _SOURCES_CACHE:
        file = folder / SOURCES_FILE
        _SOURCES_CACHE[folder] = parse_sources(file.read_text(encoding="utf-8")) if file.is_file() else {}
    return _SOURCES_CACHE[folder]


def parse_sources(markdown: str) -> dict[str, dict[str, str]]:
    """The first Markdown table with a `file` column -> {file name: {column: value}}."""
    rows: dict[str, dict[str, str]] = {}
    header: list[str] | None = None
    for line in markdown.splitlines():
        line = line.strip()
        if not line.startswith("|"):
            if header is not None and rows:
                break
            continue
        cells = [c.strip() for c in line.strip("|").split("|")]
        if header is None:
            if "file" in [c.lower() for c in cells]:
                header = [c.lower() for c in cells]
            continue
        if set("".join(cells)) <= set("-: "):
            continue
        row = dict(zip(header, cells))
        if row.get("file"):
            rows[row["file"]] = row
    return rows


def _first_line(text: str) -> str:
    for line in text.splitlines():
        line = line.strip(" \t•*-#>\u00a0")
        if len(line) > 3:
            return line[:200]
    return ""


_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ],
        start=1,
    )
    for m in names
}
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATE_PATTERNS = [
    (re.compile(rf"\b({_MONTH_RE})\.?\s+(\d{{1,2}}),\s*(\d{{4}})\b", re.I), ("m", "d", "y")),
    (re.compile(rf"\b(\d{{1,2}})\s+({_MONTH_RE})\.?,?\s+(\d{{4}})\b", re.I), ("d", "m", "y")),
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), ("y", "m", "d")),
    (re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"), ("y", "m", "d")),
]


def infer_date(text: str, *, lines: int = 40) -> str:
    """The date of the first dateline in the first lines of the text, ISO 8601.

    A dateline is a short line holding a date ("May 13, 2024", "Geneva, March 6,
    2002", "2025年4月24日") or a line that starts with a date followed by a dash or
    colon; a date inside a sentence ("On 28 January 2020, Indonesia ...") is not one.
    """
    for line in text.split("\n")[:lines]:
        stripped = line.strip()
        for start, date in sorted(_dates_in(stripped)):
            short = len(stripped) <= 60 and not stripped.endswith((".", "?", "!", "。"))
            if short or (start <= 40 and re.match(r"\s*(?:[-–—:|]|$)", stripped[start:][_date_end(stripped, start):])):
                return date
    return ""


def _dates_in(line: str) -> list[tuple[int, str]]:
    found = []
    for pattern, order in _DATE_PATTERNS:
        for match in pattern.finditer(line):
            parts = dict(zip(order, match.groups()))
            month = parts["m"]
            month_no = int(month) if month.isdigit() else _MONTHS[month.lower().rstrip(".")]
            year, day = int(parts["y"]), int(parts["d"])
            if 1 <= month_no <= 12 and 1900 <= year <= 2100 and _real_day(year, month_no, day):
                found.append((match.start(), f"{year:04d}-{month_no:02d}-{day:02d}"))
    return found


def _real_day(year: int, month: int, day: int) -> bool:
    """Not "April 31" or "2023-02-29"."""
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True


def _date_end(line: str, start: int) -> int:
    for pattern, _ in _DATE_PATTERNS:
        match = pattern.match(line, start)
        if match:
            return match.end() - start
    return 0


def iso_date(value: str) -> str:
    """A date from metadata as ISO 8601 ("2024", "2024-07", "2024-07-29"), read from other forms if need be; else ""."""
    value = value.strip()
    if re.fullmatch(r"\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?", value):
        return value if len(value) < 10 or _real_day(*map(int, value.split("-"))) else ""
    dates = _dates_in(value)
    return min(dates)[1] if dates else ""


_HAN = re.compile(r"[\u3400-\u9fff]")


def detect_languages(text: str) -> tuple[str, ...]:
    """BCP 47 tags of the scripts present: English, and Chinese (traditional or simplified)."""
    han = _HAN.findall(text)
    latin = len(re.findall(r"[A-Za-z]", text))
    tags = []
    if latin >= 20:
        tags.append("en")
    if len(han) >= 10:
        from kg.chinese import is_traditional

        tags.append("zh-Hant" if is_traditional("".join(han)) else "zh-Hans")
    return tuple(tags) or ("en",)
