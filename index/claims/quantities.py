"""Quantities in Chinese text, so that claims compare numbers by value and unit, not by spelling: Arabic and Chinese
numerals with magnitudes (1.35亿元 = 13500万元), percentages, approximations (100多个 is not 100个) and units,
calendar units included (9月份 is (9, 月)), read from NFKC-normalised text with punctuation removed. The rules:
docs/claims.md, "Quantities"."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation, localcontext

__all__ = ["Quantity", "Tokenised", "chinese_integer", "match_quantity", "normalise", "parse_quantity", "tokenise"]

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_SMALL = {"十": 10, "百": 100, "千": 1000}
_BIG = {"万": 10**4, "亿": 10**8}
_UNITS = sorted(
    """元 人 个 艘 亩 公顷 项 家 次 批 条 % ‰ 吨 米 千米 公里 平方米 平方公里 平方千米 立方米 海里 公斤 千克 克 斤
    年 月 日 号 天 周 小时 分钟 秒 岁 名 位 只 种 座 所 户 处 件 台 辆 部 期 届 场 篇 倍 片 块 株 尾 头 箱 张 层 栋
    间 类 支 队 组 本 笔 宗 例 轮 人次 美元 港元 欧元 元钱 成 折""".split(),
    key=len,
    reverse=True,
)
_UNIT = "|".join(re.escape(u) for u in _UNITS)
_PRE = "超过|将近|大约|不到|不足|逾|近|约|超"
_CN_DIG = "零〇一二两三四五六七八九"
_CN_ALL = _CN_DIG + "十百千万亿"

QUANTITY_RE = re.compile(
    rf"(?P<pre>{_PRE})?(?:"
    rf"百分之(?P<pct>\d{{1,24}}(?:\.\d{{1,12}})?|[{_CN_ALL}]{{1,24}}(?:点[{_CN_DIG}]{{1,12}})?)"
    rf"|(?P<num>\d{{1,24}}(?:\.\d{{1,12}})?)(?P<a1>多|余)?(?P<mag>[十百千万亿]{{0,4}})(?P<a2>多|余)?(?P<unit>{_UNIT})?(?P<a4>以上|左右)?"
    rf"|(?P<cn>[{_CN_DIG}十][{_CN_ALL}]{{0,23}}(?:点[{_CN_DIG}]{{1,12}}[万亿]{{0,2}})?)(?P<a3>多|余)?(?P<cnunit>{_UNIT})?(?P<a5>以上|左右)?"
    r")"
)
#: The characters a quantity can start with (a cheap pre-check before the regex).
QUANTITY_START = frozenset("0123456789" + _CN_DIG + "十百超将大不逾近约")


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number read as a value: ``1.35亿元`` is ``Quantity(Decimal(135000000), "元")``.

    Equal quantities compare equal however they are written (``13500万元``); ``approx`` keeps 多/余/近/约/超过.
    """

    value: Decimal
    unit: str = ""
    approx: str = ""

    def __str__(self) -> str:
        return f"{self.approx}{self.value}{self.unit}"


def _cn_int(text: str) -> int | None:
    if not text:
        return None
    if all(c in _CN_DIGITS for c in text):  # digit by digit: 二〇二〇
        return int("".join(str(_CN_DIGITS[c]) for c in text))
    total = section = number = 0
    last_unit = 0
    prev_was_digit = False
    for c in text:
        if c in _CN_DIGITS:
            number = _CN_DIGITS[c]
            prev_was_digit = True
            continue
        if c in _SMALL:
            section += (number if prev_was_digit else 1) * _SMALL[c]
            last_unit = _SMALL[c]
        elif c == "万":
            section = (section + number) * _BIG[c]
            last_unit = _BIG[c]
        elif c == "亿":
            total = (total + section + number) * _BIG[c]
            section = 0
            last_unit = _BIG[c]
        else:
            return None
        number = 0
        prev_was_digit = False
    if number and prev_was_digit and last_unit >= 100 and text[-2] not in _CN_DIGITS:
        number *= last_unit // 10  # 一万五 = 15000, 三千五 = 3500
    return total + section + number


def chinese_integer(text: str) -> int | None:
    """The value of a Chinese integer numeral (七十 = 70, 六十五 = 65, 一万五 = 15000), or None for anything else."""
    return _cn_int(text) if text and all(c in _CN_DIGITS or c in _SMALL or c in _BIG for c in text) else None


def _cn_number(text: str) -> Decimal | None:
    if "点" not in text:
        value = _cn_int(text)
        return None if value is None else Decimal(value)
    head, tail = text.split("点", 1)
    mags = 1
    while tail and tail[-1] in _BIG:
        mags *= _BIG[tail[-1]]
        tail = tail[:-1]
    if not tail or any(c not in _CN_DIGITS for c in tail):
        return None
    whole = _cn_int(head) if head else 0
    if whole is None:
        return None
    frac = Decimal("0." + "".join(str(_CN_DIGITS[c]) for c in tail))
    return (Decimal(whole) + frac) * mags


def _tidy(value: Decimal) -> Decimal:
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def match_quantity(text: str, pos: int = 0) -> tuple[Quantity, int] | None:
    """The quantity starting exactly at ``text[pos]`` (normalised text) and where it ends, or None."""
    if pos >= len(text) or text[pos] not in QUANTITY_START:
        return None
    m = QUANTITY_RE.match(text, pos)
    if m is None:
        return None
    approx = "".join(g for g in (m["pre"], m["a1"], m["a2"], m["a3"], m["a4"], m["a5"]) if g)
    with localcontext(prec=120):  # lengths are bounded by the pattern, so this is exact
        return _read(m, approx)


def _read(m: re.Match[str], approx: str) -> tuple[Quantity, int] | None:
    try:
        if m["pct"] is not None:
            raw = m["pct"]
            value = Decimal(raw) if raw[0].isdigit() else _cn_number(raw)
            unit = "%"
        elif m["num"] is not None:
            value = Decimal(m["num"])
            for c in m["mag"]:
                value *= _SMALL.get(c) or _BIG[c]
            unit = m["unit"] or ""
        else:
            cn = m["cn"]
            unit = m["cnunit"] or ""
            if len(cn) < 2 and not unit:
                return None  # 统一, 一战: a lone numeral is a word, not a quantity
            value = _cn_number(cn)
        if value is None:
            return None
        return Quantity(_tidy(value), unit, approx), m.end()
    except (InvalidOperation, KeyError, ValueError):
        return None


def _normalise_quantity_text(text: str) -> str:
    out = unicodedata.normalize("NFKC", text).strip().casefold()
    return re.sub(r"[\s,，_']", "", out)  # thousands separators and spaces: 8,000元 = 8000元


def parse_quantity(text: str) -> Quantity | None:
    """Read ``text`` as one whole quantity: ``"1.35亿元"`` -> ``Quantity(135000000, "元")``; otherwise None.

    >>> parse_quantity("100多个")
    Quantity(value=Decimal('100'), unit='个', approx='多')
    >>> parse_quantity("缓缴资金1.35亿元") is None
    True
    """
    norm = _normalise_quantity_text(text)
    found = match_quantity(norm, 0)
    if found is None or found[1] != len(norm):
        return None
    return found[0]


# ------------------------------------------------------------------------------------- comparison form of text

_TAG_RE = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]{0,200})?/?>")
_KEEP = frozenset("%‰.")


def _dropped(ch: str) -> bool:
    if ch in _KEEP:
        return False
    cat = unicodedata.category(ch)
    return cat[0] in "PZC" or cat in ("Sm", "Sk", "So", "Mn", "Me")


@dataclass(frozen=True, slots=True)
class Tokenised:
    """Normalised text, the original offset of each of its characters, and its tokens (chars or quantities)."""

    source: str
    norm: str
    pos: tuple[int, ...]
    tokens: tuple[str | Quantity, ...]
    spans: tuple[tuple[int, int], ...]  # normalised span of each token

    def original(self, a: int, b: int) -> tuple[int, int]:
        """Original span of tokens [a, b) (empty spans sit where they would be)."""
        if a >= b:
            at = self.pos[self.spans[a][0]] if a < len(self.spans) else (self.pos[-1] + 1 if self.pos else 0)
            return at, at
        return self.pos[self.spans[a][0]], self.pos[self.spans[b - 1][1] - 1] + 1

    def text(self, a: int, b: int) -> str:
        s, e = self.original(a, b)
        return self.source[s:e]

    def chars(self, a: int, b: int) -> int:
        return self.spans[b - 1][1] - self.spans[a][0] if a < b else 0


def normalise(text: str) -> str:
    """The comparison form of a text: ``normalise("“五聚焦五提升”，") == "五聚焦五提升"``."""
    return tokenise(text).norm


def tokenise(text: str, start: int = 0, end: int | None = None) -> Tokenised:
    """Normalise ``text[start:end]`` for comparison and cut it into characters and quantities.

    NFKC, ASCII case folded; whitespace, punctuation, symbols and HTML-looking tags dropped; the decimal point
    between two digits, % and ‰ kept. ``pos`` maps every normalised character back to ``text``.
    """
    end = len(text) if end is None else end
    masked = bytearray(end - start)
    for m in _TAG_RE.finditer(text, start, end):
        masked[m.start() - start : m.end() - start] = b"\x01" * (m.end() - m.start())
    chars: list[str] = []
    pos: list[int] = []
    for i in range(start, end):
        if masked[i - start]:
            continue
        for ch in unicodedata.normalize("NFKC", text[i]).casefold():
            if not _dropped(ch):
                chars.append(ch)
                pos.append(i)
    keep = [
        ch != "." or (0 < k < len(chars) - 1 and chars[k - 1].isascii() and chars[k - 1].isdigit()
                      and chars[k + 1].isascii() and chars[k + 1].isdigit())
        for k, ch in enumerate(chars)
    ]
    norm = "".join(c for c, ok in zip(chars, keep) if ok)
    npos = tuple(p for p, ok in zip(pos, keep) if ok)
    tokens: list[str | Quantity] = []
    spans: list[tuple[int, int]] = []
    k = 0
    while k < len(norm):
        found = match_quantity(norm, k)
        if found is not None:
            tokens.append(found[0])
            spans.append((k, found[1]))
            k = found[1]
        else:
            tokens.append(norm[k])
            spans.append((k, k + 1))
            k += 1
    return Tokenised(text, norm, npos, tuple(tokens), tuple(spans))
