"""Nx corpora for the benchmarks: the bundled corpus repeated with varied names and numbers.

Copy 0 of each document is the bundled text itself, so the 1x corpus *is* the
bundled corpus. Every further copy k is the same text with

- people renamed: a Chinese name (pinyin surname + given name) gets a surname
  and a given name drawn for that copy, and "Mr. Shen" follows "Shen
  Changyu"; a Western name ("David Ball") gets another surname; names of
  heads of state (KEEP_PEOPLE) stay, as they recur in real press releases;
- organisations that are not in the reference data (the gazetteer) moved to a
  city: "Strategic Planning Department" becomes "Hefei Strategic Planning
  Department"; each copy of a name gets its own city, so copies stay distinct
  entities (reference organisations such as CNIPA or WIPO stay, as in a real
  corpus);
- numbers changed digit by digit (same number of digits, separators and trailing
  zeros kept, so round numbers stay round);
  years, days of a month, ISO dates, times and numbers inside words
  ("14th", "G20") stay, so dates and periods remain valid.

Everything is drawn from `random.Random` seeded with (seed, copy, document),
so a corpus is the same on every run and every copy differs from the others:
neither the extraction cache nor resolution can mistake one for another.
Copies get file names `<stem>--v007.txt` and rows of their own in SOURCES.md
(the original's title, publisher and date).
"""

from __future__ import annotations

import random
import re
import shutil
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

SOURCES = "SOURCES.md"
NOT_DOCUMENTS = {SOURCES, "README.md", "LICENSE", "LICENSE.md"}

# Common Chinese surnames (pinyin) that are not English words.
SURNAMES = (
    "Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Zhu Hu Guo Lin Luo Zheng Liang Xie Song Tang Han "
    "Feng Deng Cao Peng Zeng Xiao Tian Dong Pan Yuan Cai Jiang Du Ye Cheng Wei Su Ding Ren Shen Yao Lu Cui "
    "Zhong Tan Jin Shi Liao Jia Xia Fu Fang Zou Meng Xiong Qin Qiu Hou Xue Yan Duan Lei Tao Gu Mao Hao Gong "
    "Shao Qian Dai Kong Xiang Ge Xing Lian Ji Kuang Ng Bai Yin Qi Niu Ou Zhan"
).split()
# Replacement surnames: drawn from the same kind of names, fewer short ones.
NEW_SURNAMES = tuple(s for s in SURNAMES if len(s) > 2 and s not in ("Ng",))
GIVEN_SYLLABLES = (
    "wei fang min jing li qiang lei jun yang yong yan jie tao ming chao xiu ying hua hui ping gang bin hong xin "
    "yu lin feng hao kai peng yi zhen rui ning xiao jian qing long bo dong zhi cheng wen guo hai shan yun xue"
).split()
WESTERN_FIRST = frozenset(
    "David Jay Rochelle Domingos John James Michael Robert William Mary Sarah Anna Daniel Thomas Peter Paul "
    "Maria Laura Francis Daren Kamil Marco Andrew Richard".split()
)
WESTERN_SURNAMES = (
    "Baker Carter Dawson Ellis Foster Grant Hayes Irving Jensen Keller Lambert Morgan Nolan Owens Parker "
    "Quinn Reed Sutton Turner Upton Vance Walsh Young Zimmer Abbott Bishop Cole Doyle Emery Fisher Garcia "
    "Holt Ingram Jordan Knox Lowe Mercer Norris Oliver Pratt Ramsey Shaw Tate Wade Wolfe Barlow Clarke"
).split()
KEEP_PEOPLE = frozenset({"Xi Jinping", "Li Qiang"})
HONORIFICS = r"(?:Mr|Ms|Mrs|Madam|Dr|Prof|Professor|Director|Commissioner|Minister|Comrade)\.?"

# Head words of organisation names, and words that do not start one.
ORG_HEADS = (
    "Department|Bureau|Office|Center|Centre|Committee|Commission|Association|Company|Group|University|"
    "Institute|Court|Council|Agency|Academy|Foundation|Federation|Alliance|Corporation|Division|Society"
)
NOT_IN_NAME = frozenset(
    "The A An This That These Those Its Our Their His Her In At On Of For From By With And Or To As "
    "Mr Ms Dr Today Also Under Both Each Every All Some Many Such Other Local National Provincial "
    "Municipal".split()
)
# A name that starts with one of these, or a unit "of the" national bodies, is a national body: kept.
NATIONAL = frozenset(
    "China Chinese National Central State Standing Supreme People's International World European Asian United "
    "British American General Communist CPC".split()
)
_OF_NATIONAL = re.compile(r"[ \u00a0]+(?:of|at)[ \u00a0]+the[ \u00a0]+(?:" + "|".join(sorted(NATIONAL)) + r")\b")
CITIES = (
    "Hefei Suzhou Wuxi Ningbo Qingdao Xiamen Dalian Changsha Zhengzhou Jinan Harbin Changchun Shenyang Kunming "
    "Nanning Nanchang Guiyang Taiyuan Lanzhou Hohhot Yinchuan Xining Haikou Wenzhou Quanzhou Changzhou Nantong "
    "Xuzhou Yantai Weifang Zibo Linyi Tangshan Baoding Handan Luoyang Nanyang Xiangyang Yichang Zhuzhou "
    "Hengyang Yueyang Ganzhou Jiujiang Shantou Zhuhai Zhongshan Huizhou Jiangmen Zhanjiang Liuzhou Guilin "
    "Mianyang Deyang Yibin Luzhou Zunyi Qujing Baotou Ordos Datong Daqing Anshan Jinzhou Yangzhou Zhenjiang "
    "Taizhou Yancheng Lianyungang Jiaxing Huzhou Shaoxing Jinhua Zhoushan Wuhu Bengbu Anqing Putian "
    "Zhangzhou Jining Rizhao Weihai Dezhou Liaocheng Heze Kaifeng Xinxiang Jiaozuo Xuchang Shangqiu Dongguan "
    "Foshan Shijiazhuang Urumqi Fuzhou Chengdu Wuhan Hangzhou Nanjing Tianjin Chongqing Guangzhou Shenzhen"
).split()

PROVINCES = frozenset(
    "Anhui Fujian Gansu Guangdong Guangxi Guizhou Hainan Hebei Heilongjiang Henan Hubei Hunan Jiangsu Jiangxi Jilin "
    "Liaoning Ningxia Qinghai Shaanxi Shandong Shanxi Sichuan Tibet Xinjiang Yunnan Zhejiang Beijing Shanghai Tianjin "
    "Chongqing Hong Kong Macao Macau Taiwan Inner".split()
)

_MONTHS = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
           r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?")


@lru_cache(maxsize=1)
def _pinyin_syllables() -> frozenset[str]:
    initials = ["", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x", "zh", "ch", "sh", "r",
                "z", "c", "s", "y", "w"]
    finals = ["a", "o", "e", "i", "u", "v", "ai", "ei", "ui", "ao", "ou", "iu", "ie", "ve", "ue", "er", "an", "en",
              "in", "un", "vn", "ang", "eng", "ing", "ong", "ia", "iao", "ian", "iang", "iong", "ua", "uo", "uai",
              "uan", "uang"]
    return frozenset(i + f for i in initials for f in finals)


def _is_pinyin(word: str) -> bool:
    """A word that splits into one to three pinyin syllables ("Changyu", "Huina", "Kailin")."""
    word = word.lower().replace("-", "").replace("'", "")
    syllables = _pinyin_syllables()

    def split(rest: str, depth: int) -> bool:
        if not rest:
            return True
        if depth == 3:
            return False
        return any(rest[:n] in syllables and split(rest[n:], depth + 1) for n in range(min(6, len(rest)), 0, -1))

    return 2 <= len(word) <= 12 and split(word, 0)


@lru_cache(maxsize=1)
def _reference_labels() -> frozenset[str]:
    """Lower-cased English labels of the reference data: names the variation leaves alone."""
    from kg.reference import load_reference

    return frozenset(text.lower() for entry in load_reference().entries for text, _ in entry.labels)


# --- one copy of one document ------------------------------------------------------------------


_CHINESE_NAME = re.compile(
    r"\b(?P<s>" + "|".join(sorted(SURNAMES, key=len, reverse=True)) + r")[ \u00a0](?P<g>[A-Z][a-z]+(?:-[a-z]+)?)\b"
)
_CHINESE_NAME_UPPER = re.compile(
    r"\b(?P<s>" + "|".join(s.upper() for s in sorted(SURNAMES, key=len, reverse=True)) + r")[ \u00a0](?P<g>[A-Z]{2,})\b"
)
_WESTERN_NAME = re.compile(r"\b(?P<f>" + "|".join(sorted(WESTERN_FIRST)) + r")[ \u00a0](?P<s>[A-Z][a-z]{2,})\b")
_ORG = re.compile(r"(?<![A-Za-z0-9])((?:[A-Z][A-Za-z&'-]*[ \u00a0]){0,5}(?:" + ORG_HEADS + r"))\b")
_NUMBER = re.compile(r"(?<![\w.,/:-])\d+(?:[.,]\d+)*(?![\w/:-]|[.,]\d)")


@dataclass(frozen=True)
class Copy:
    """One copy of a document: its text and what was changed (for tests and the report)."""

    text: str
    people: dict[str, str]
    organisations: dict[str, str]
    numbers: int


def vary(text: str, copy: int, *, seed: int = 0, doc: str = "") -> Copy:
    """Copy `copy` of `text`: copy 0 is the text itself; others have new names and numbers."""
    if copy == 0:
        return Copy(text, {}, {}, 0)
    rng = random.Random(f"{seed}:{copy}:{doc}")
    people = _people(text, copy, seed, rng)
    text, people_map = _rename_people(text, people)
    text, orgs = _move_organisations(text, copy, seed)
    varied, numbers = _change_numbers(text, rng)
    if varied == text and not people_map and not orgs:
        varied = _move_dateline(varied, copy)  # nothing else to vary: another release date
    return Copy(varied, people_map, orgs, numbers)


def _people(text: str, copy: int, seed: int, rng: random.Random) -> dict[str, str]:
    """Full name as written -> new full name, with one new surname per old surname."""
    new_surname: dict[str, str] = {}
    found: dict[str, str] = {}

    def surname_for(old: str, pool) -> str:
        if old not in new_surname:
            choices = [s for s in pool if s != old and s not in new_surname.values()] or list(pool)
            new_surname[old] = random.Random(f"{seed}:{copy}:surname:{old}").choice(choices)
        return new_surname[old]

    for match in _CHINESE_NAME.finditer(text):
        full, surname, given = match.group(), match.group("s"), match.group("g")
        if full in KEEP_PEOPLE or full in found or not _is_pinyin(given) or full.lower() in _reference_labels():
            continue
        draw = random.Random(f"{seed}:{copy}:given:{full}")
        new_given = (draw.choice(GIVEN_SYLLABLES) + draw.choice(GIVEN_SYLLABLES)).capitalize()
        found[full] = f"{surname_for(surname, NEW_SURNAMES)} {new_given}"
    for match in _CHINESE_NAME_UPPER.finditer(text):  # bylines: "CAO YIN"
        full = match.group()
        title = f"{match.group('s').title()} {match.group('g').title()}"
        if full not in found and _is_pinyin(match.group("g")):
            new = found.get(title) or f"{surname_for(match.group('s').title(), NEW_SURNAMES)} " \
                                      f"{match.group('g').title()}"
            found[full] = new.upper()
    for match in _WESTERN_NAME.finditer(text):
        full, surname = match.group(), match.group("s")
        if full in found or full.lower() in _reference_labels():
            continue
        found[full] = f"{match.group('f')} {surname_for(surname, WESTERN_SURNAMES)}"
    found.update({f"__surname__{old}": new for old, new in new_surname.items()})
    return found


def _rename_people(text: str, people: dict[str, str]) -> tuple[str, dict[str, str]]:
    full = {old: new for old, new in people.items() if not old.startswith("__surname__")}
    surnames = {old[len("__surname__"):]: new for old, new in people.items() if old.startswith("__surname__")}
    if full:
        pattern = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in sorted(full, key=len, reverse=True)) + r")\b")
        text = pattern.sub(lambda m: full[m.group()], text)
    if surnames:  # "Mr. Shen" after "Shen Changyu" became "Zhao Minghui"
        pattern = re.compile(r"\b(" + HONORIFICS + r"[ \u00a0])(" + "|".join(map(re.escape, surnames)) + r")\b")
        text = pattern.sub(lambda m: m.group(1) + surnames[m.group(2)], text)
    return text, full


def _move_organisations(text: str, copy: int, seed: int) -> tuple[str, dict[str, str]]:
    labels = _reference_labels()
    changes: dict[str, str] = {}
    kept: set[str] = set()
    for match in _ORG.finditer(text):
        words = match.group(1).replace("\u00a0", " ").split(" ")
        while words and (words[0] in NOT_IN_NAME or not words[0][:1].isupper()):
            words = words[1:]
        if len(words) < 2:
            continue  # "Office" alone, "the Bureau"
        name = " ".join(words)
        if (words[0] in NATIONAL or words[0] in CITIES or words[0] in PROVINCES or words[0].lower() in labels or _OF_NATIONAL.match(text, match.end())
                or any(w.isupper() and len(w) > 1 for w in words)  # "CPC Central Committee", "CNIPA Patent Office"
                or any(" ".join(words[i:]).lower() in labels for i in range(len(words)))):
            kept.add(name)  # a national body, or one the gazetteer knows: the same in every copy
            continue
        offset = int.from_bytes(name.encode()[:8].ljust(8, b"\0"), "big") + seed
        changes[name] = f"{CITIES[(offset + copy) % len(CITIES)]} {name}"
    changes = {name: new for name, new in changes.items() if name not in kept}
    if changes:
        pattern = re.compile(r"(?<![A-Za-z0-9-])(?:" + "|".join(re.escape(n) for n in sorted(changes, key=len, reverse=True))
                             + r")(?![\w-])")
        text = pattern.sub(lambda m: changes[m.group()], text)
    return text, changes


_DATELINE = re.compile(r"\b(January|February|March|April|May|June|July|August|September|October|November|"
                       r"December) (\d{1,2}), (\d{4})\b")
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                "November", "December")


def _move_dateline(text: str, copy: int) -> str:
    """The first "Month D, YYYY" moved to another day of the same year, a different one for each copy."""
    match = _DATELINE.search(text)
    if match is None:
        return text + f"\n\nRef. {copy:04d}\n"
    original = (_MONTH_NAMES.index(match.group(1)), int(match.group(2)))
    days = [(m, d) for m in range(12) for d in range(1, 29) if (m, d) != original]
    month, day = days[(copy * 7919) % len(days)]  # 7919 is prime to len(days): copies 1..334 all differ
    return f"{text[:match.start()]}{_MONTH_NAMES[month]} {day}, {match.group(3)}{text[match.end():]}"


def _change_numbers(text: str, rng: random.Random) -> tuple[str, int]:
    changed = 0

    def replace(match: re.Match) -> str:
        nonlocal changed
        number = match.group()
        start, end = match.span()
        before, after = text[max(0, start - 12):start], text[end:end + 3]
        digits = re.sub(r"\D", "", number)
        if re.fullmatch(r"(19|20)\d\d", number):
            return number  # a year
        if re.search(_MONTHS + r"\s*$", before) or re.match(r"\s*(?:st|nd|rd|th)?,?\s*" + _MONTHS, text[end:end + 16]):
            return number  # a day of a month: "July 29", "29 July"
        if re.match(r"\s*[年月日时時号]", after) or re.search(r"[年月]\s*$", before):
            return number  # a Chinese date
        if len(digits) == 1 and digits == "0":
            return number
        significant = len(digits.rstrip("0"))  # round numbers stay round: 921,000 -> 538,000
        out = []
        seen = 0
        for ch in number:
            if ch.isdigit():
                if seen >= significant:
                    out.append(ch)
                elif seen == 0 and ch != "0":
                    out.append(str(rng.randint(1, 9)))
                else:
                    out.append(str(rng.randint(0, 9)))
                seen += 1
            else:
                out.append(ch)
        changed += 1
        return "".join(out)

    return _NUMBER.sub(replace, text), changed


# --- whole corpora ------------------------------------------------------------------------------


@dataclass(frozen=True)
class CorpusInfo:
    folder: Path
    factor: int
    documents: int
    words: int
    bytes: int


def source_documents(source: Path) -> list[Path]:
    return sorted(p for p in Path(source).iterdir()
                  if p.is_file() and not p.name.startswith(".") and p.name not in NOT_DOCUMENTS)


def copy_name(path: Path, copy: int) -> str:
    return path.name if copy == 0 else f"{path.stem}--v{copy:03d}{path.suffix}"


def make_corpus(dest: Path, factor: int, *, source: Path | None = None, seed: int = 0) -> CorpusInfo:
    """Write the `factor`x corpus into `dest` (emptied first): `factor` copies of every bundled document."""
    if factor < 1:
        raise ValueError("factor must be at least 1")
    source = Path(source) if source is not None else _bundled()
    dest = Path(dest)
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    rows = _source_rows(source)
    out_rows = []
    words = size = documents = 0
    for path in source_documents(source):
        text = path.read_text(encoding="utf-8")
        for copy in range(factor):
            varied = vary(text, copy, seed=seed, doc=path.name).text
            name = copy_name(path, copy)
            (dest / name).write_text(varied, encoding="utf-8", newline="")
            words += len(varied.split())
            size += len(varied.encode("utf-8"))
            documents += 1
            if path.name in rows:
                out_rows.append(rows[path.name].replace(path.name, name, 1))
    _write_sources(dest, source, out_rows)
    return CorpusInfo(dest, factor, documents, words, size)


def add_document(dest: Path, copy: int, *, name: str | None = None, source: Path | None = None,
                 seed: int = 0) -> Path:
    """Add copy `copy` of one bundled document (`name`, default the median-sized one) to a corpus folder."""
    source = Path(source) if source is not None else _bundled()
    paths = source_documents(source)
    if name is None:
        paths_by_size = sorted(paths, key=lambda p: p.stat().st_size)
        path = paths_by_size[len(paths_by_size) // 2]
    else:
        path = next(p for p in paths if p.name == name)
    text = vary(path.read_text(encoding="utf-8"), copy, seed=seed, doc=path.name).text
    target = Path(dest) / copy_name(path, copy)
    target.write_text(text, encoding="utf-8", newline="")
    rows = _source_rows(source)
    if path.name in rows:
        sources = Path(dest) / SOURCES
        with sources.open("a", encoding="utf-8") as handle:
            handle.write(rows[path.name].replace(path.name, target.name, 1) + "\n")
    return target


def _bundled() -> Path:
    from kg.settings import corpus_dir

    return corpus_dir()


def _source_rows(source: Path) -> dict[str, str]:
    """SOURCES.md table rows by file name (the raw Markdown line)."""
    file = Path(source) / SOURCES
    if not file.is_file():
        return {}
    rows = {}
    for line in file.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.lstrip().startswith("|") and cells and cells[0] and (Path(source) / cells[0]).is_file():
            rows[cells[0]] = line
    return rows


def _write_sources(dest: Path, source: Path, rows: list[str]) -> None:
    file = Path(source) / SOURCES
    if not file.is_file():
        return
    lines = file.read_text(encoding="utf-8").splitlines()
    header = []
    for line in lines:  # the table's header and separator
        if line.lstrip().startswith("|"):
            header.append(line)
            if len(header) == 2:
                break
    intro = "# Sources of a generated benchmark corpus\n\nCopies of the bundled documents with varied names and numbers.\n\n"
    (dest / SOURCES).write_text(intro + "\n".join(header + rows) + "\n", encoding="utf-8")
