"""Chinese script conversion (OpenCC) and romanisation (pypinyin).

Used to match 申長雨 with 申长雨 (traditional and simplified) and both with
"Shen Changyu" (Hanyu Pinyin, family name first).
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


@lru_cache(maxsize=2)
def _converter(config: str):
    import opencc

    return opencc.OpenCC(config)


def has_han(text: str) -> bool:
    return HAN.search(text) is not None


def to_simplified(text: str) -> str:
    return _converter("t2s").convert(text) if has_han(text) else text


def to_traditional(text: str) -> str:
    return _converter("s2t").convert(text) if has_han(text) else text


def is_traditional(text: str) -> bool:
    """True when converting to simplified script changes the text."""
    return to_simplified(text) != text


def pinyin_readings(name: str, *, limit: int = 16) -> tuple[str, ...]:
    """Possible pinyin spellings of a Chinese personal name, e.g. 申長雨 -> ("shen changyu", "shen zhangyu").

    Family name (first character) and given name are separated by a space;
    heteronyms give several readings.
    """
    from pypinyin import Style, pinyin

    chars = [c for c in name if HAN.match(c)]
    if len(chars) < 2:
        return ()
    per_char = pinyin("".join(chars), style=Style.NORMAL, heteronym=True)
    readings: set[str] = set()
    for combo in itertools.islice(itertools.product(*per_char), limit):
        readings.add(f"{combo[0]} {''.join(combo[1:])}")
    return tuple(sorted(readings))  # sorted: a set's order would change with the hash seed


def romanised_key(name: str) -> str:
    """A latin name normalised for comparison with `pinyin_readings`: "Shen Changyu" -> "shen changyu"."""
    tokens = re.findall(r"[a-züv]+", name.lower().replace("-", ""))
    if len(tokens) < 2:
        return ""
    return f"{tokens[0]} {''.join(tokens[1:])}"
