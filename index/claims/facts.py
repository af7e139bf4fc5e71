"""The facts of a claim and of a passage, and how they compare: numbers with their units (1.35亿元 = 13500万元), dates,
frequencies (每半年), documents (《……》), programmes (“深蓝行动”), people named with a title, places. A fact of the
claim is matched by an equal fact of the passage said about the same thing (the words around it), and contradicted
by a different fact of the same kind said about the same thing (缓缴资金2亿元 against 缓缴资金1.35亿元); a figure
equal or close to one of the passage but said about something else is neither. Pure: no I/O, no model. The rules
and thresholds: docs/claims.md, "Facts"."""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache
from typing import Literal

from index.claims.quantities import Quantity, tokenise
from index.claims.speakers import TITLE_RE, is_name

FactKind = Literal["number", "date", "period", "document", "programme", "person", "place"]
SUBSTANTIVE: frozenset[str] = frozenset(("number", "date", "period", "document", "programme", "person"))
DATE_UNITS = frozenset("年月日号")
CONTEXT_CHARS = 10  # characters each side of a fact in the claim read as what the fact is about
MATCH_SUPPORT = 0.5  # share of a fact's context (weighted) the passage must share next to an equal fact
CONFLICT_SUPPORT = 0.45  # ... next to a different fact, for the two to be about the same thing
MIN_CONTEXT = 6  # fewer letters than this in a fact's clause: its context reaches past the clause
PASSAGES_CACHED = 512

_CLAUSE = re.compile(r"[，,。；;：:！？!?\n、]")
# 将 marks the future before a verb (将新建, 还将), not as the object marker (将海域使用金推迟)
_FUTURE = re.compile(r"(?:还|也|都|并|仍|即)将|将(?=[要会于在继进全新再逐加启开推实建完投力陆])|计划|拟|明年|下一步|力争|争取"
                     r"|打算|预计|今后|未来")
_DOCUMENT = re.compile(r"《([^《》]{2,60})》")
_PROGRAMME = re.compile(r"[“「‘\"]([^“”「」‘’\"]{2,24})(?:[”」’\"]|$)")  # a claim may end inside the quote
_PERIOD = re.compile(r"每(?:个)?(?:半年|年度|年|季度|季|月|周|星期|天|日|学期|小时)")
_PERSON_AFTER_TITLE = re.compile(rf"(?:{TITLE_RE}|院士|教授|研究员|专家)([\u4e00-\u9fff]{{2,3}})")
_PERSON_BEFORE_TITLE = re.compile(rf"([\u4e00-\u9fff]{{2,3}})(?:{TITLE_RE}|院士|教授|研究员|先生|女士)")
_ABOVE = frozenset(("多", "余", "超过", "超", "逾", "以上"))
_BELOW = frozenset(("近", "将近", "不到", "不足"))


@dataclass(frozen=True, slots=True)
class Fact:
    """One fact of a text: its kind, the words as written, where (offsets into the text), what it is compared by,
    and the characters around it (normalised) that say what it is about."""

    kind: FactKind
    text: str
    start: int
    end: int
    key: object
    context: frozenset[str]
    future: bool = False  # said of a plan (将, 计划, 明年): not comparable with a figure already reached


@dataclass(frozen=True, slots=True)
class FactPair:
    """A fact of the claim and the fact of the passage it was compared with ("" when the passage has none), and how
    strongly their contexts agree."""

    claim: Fact
    record: Fact | None
    support: float


@dataclass(frozen=True, slots=True)
class Comparison:
    """A claim's facts against one passage: matched, contradicted, not there; and how much of the claim's wording
    the passage shares."""

    matched: tuple[FactPair, ...]
    conflicts: tuple[FactPair, ...]
    missing: tuple[Fact, ...]
    coverage: float

    @property
    def substantive(self) -> int:
        return sum(1 for p in (*self.matched, *self.conflicts) if p.claim.kind in SUBSTANTIVE) + \
            sum(1 for f in self.missing if f.kind in SUBSTANTIVE)

    @property
    def matched_substantive(self) -> int:
        return sum(1 for p in self.matched if p.claim.kind in SUBSTANTIVE)


# -- reading the facts of a text ------------------------------------------------------------------------------------
def _unit_family(unit: str) -> str:
    return {"千米": "米", "公里": "米", "千克": "克", "公斤": "克", "斤": "克", "人次": "人", "名": "人", "位": "人",
            "元钱": "元"}.get(unit, unit)


def _quantities(text: str) -> Iterable[tuple[Quantity, int, int]]:
    tokenised = tokenise(text)
    for token, (a, b) in zip(tokenised.tokens, tokenised.spans):
        if isinstance(token, Quantity):
            yield token, tokenised.pos[a], tokenised.pos[b - 1] + 1


def _context(text: str, start: int, end: int, size: int) -> frozenset[str]:
    """The words around text[start:end] within `size` characters: those of its clause, or of its whole sentence when
    the clause alone says too little (总额4.8亿元)."""
    if size <= 0:
        return frozenset()
    left = text[max(0, start - size):start]
    right = text[end:end + size]
    clause_left = _CLAUSE.split(left)[-1]
    clause_right = _CLAUSE.split(right)[0]
    if len(_letters(clause_left) + _letters(clause_right)) >= MIN_CONTEXT:
        return words(clause_left) | words(clause_right)
    sentence_start = max(text.rfind(c, 0, start) for c in "。！？!?\n") + 1
    sentence_end = min([i for c in "。！？!?\n" if (i := text.find(c, end)) >= 0] or [len(text)])
    return words(text[sentence_start:start]) | words(text[end:sentence_end])


def _letters(text: str) -> str:
    return "".join(c for c in text if c.isalpha())


@lru_cache(maxsize=4096)
def words(text: str) -> frozenset[str]:
    """The content words of a text (jieba, search mode, as the keyword index cuts passages), numbers aside."""
    from index.segmenter import jieba_modules
    from index.text import normalize_for_index

    jieba = jieba_modules()[0]
    # the dictionary's words (no guessed words: 共缓 in 共缓缴), two characters or more; where the dictionary knows
    # only single characters (缓/缴), their pairs (缓缴), function characters left out
    tokens = jieba.lcut_for_search(normalize_for_index(text), HMM=False)
    found = {w for w in tokens if len(w) >= 2 and _CONTENT.search(w) and w not in _FUNCTION_WORDS
             and not any(c.isdigit() for c in w)}
    run: list[str] = []
    for token in [*tokens, ""]:
        if len(token) == 1 and "\u4e00" <= token <= "\u9fff" and token not in _FUNCTION_CHARS:
            run.append(token)
            continue
        found.update(run[i] + run[i + 1] for i in range(len(run) - 1))
        run = []
    return frozenset(found)


_CONTENT = re.compile(r"[\u3400-\u9fffa-z]")
_FUNCTION_CHARS = frozenset("的了是在有和与及对把被都也还就又吗呢吧啊呀么个这那些共将已并等为从向由以于其我你他她它们再才更很最"
                            "而且或但却让给到去来说要会能可得地着过之所")
_FUNCTION_WORDS = frozenset(
    "的 了 是 在 有 和 与 及 对 把 被 都 也 还 就 又 吗 呢 吧 啊 呀 么 个 这 那 些 共 将 已 已经 并 等 为 从 向 由 以 于 其 其中 "
    "我们 我 他 她 他们 今年 全市 目前 累计 达到 达 到 约 多 余 以上 左右 超过 近 通过 进行 开展 实现 同时 一个 今年以来 "
    "一共 总共 共计 合计 总计 一起 已经 截至 全部 所有 大约 将近 差不多 总的来说 其中 可以 能够 应该 需要 现在 就是 还是 "
    "这个 那个 这些 那些 有关 相关".split()
)


def read_facts(text: str, places: Collection[str] = (), context_chars: int = CONTEXT_CHARS) -> list[Fact]:
    """The facts of a text, in order of where they stand, each with what it is about (within `context_chars`
    characters; 0: none read, as for a passage's facts, whose surroundings are read where they are compared)."""
    facts: list[Fact] = []
    for quantity, a, b in _quantities(text):
        kind: FactKind = "date" if quantity.unit in DATE_UNITS else "number"
        facts.append(Fact(kind, text[a:b], a, b, quantity, _context(text, a, b, context_chars)))
    for m in _PERIOD.finditer(text):
        facts.append(Fact("period", m.group(0), m.start(), m.end(), m.group(0).replace("个", ""),
                          _context(text, m.start(), m.end(), context_chars)))
    for m in _DOCUMENT.finditer(text):
        facts.append(Fact("document", m.group(0), m.start(), m.end(), _letters(m.group(1)),
                          _context(text, m.start(), m.end(), context_chars)))
    for m in _PROGRAMME.finditer(text):
        if _letters(m.group(1)):
            facts.append(Fact("programme", m.group(0), m.start(), m.end(), _letters(m.group(1)),
                              _context(text, m.start(), m.end(), context_chars)))
    facts += _people(text, context_chars)
    facts += _places(text, places, context_chars)
    named = frozenset(f.text for f in facts if f.kind == "place")  # a place is a fact of its own, not context
    return [replace(f, future=_future(text, f.start, f.end), context=f.context - named)
            for f in sorted(_without_overlaps(facts), key=lambda f: f.start)]


def _future(text: str, start: int, end: int) -> bool:
    """Whether a fact is said of a plan: a future marker (将, 计划, 明年, 下一步) in its sentence before it or in
    its clause."""
    sentence_start = max(text.rfind(c, 0, start) for c in "。！？!?\n") + 1
    return bool(_FUTURE.search(text[sentence_start:end] + _CLAUSE.split(text[end:])[0]))


def _people(text: str, context_chars: int) -> list[Fact]:
    """People named next to a title (唐启升院士, 局长邢海文)."""
    found: dict[tuple[int, int], str] = {}
    for m in _PERSON_BEFORE_TITLE.finditer(text):
        words = m.group(1)
        for offset in (0, 1) if len(words) == 3 else (0,):
            if is_name(words[offset:]):
                found[(m.start(1) + offset, m.end(1))] = words[offset:]
                break
    for m in _PERSON_AFTER_TITLE.finditer(text):
        words = m.group(1)
        for size in (3, 2) if len(words) == 3 else (2,):
            if is_name(words[:size]):
                found[(m.start(1), m.start(1) + size)] = words[:size]
                break
    return [Fact("person", name, a, b, name, _context(text, a, b, context_chars)) for (a, b), name in found.items()]


def _places(text: str, places: Collection[str], context_chars: int) -> list[Fact]:
    out: list[Fact] = []
    for place in places:
        at = text.find(place)
        while at >= 0:
            out.append(Fact("place", place, at, at + len(place), place, _context(text, at, at + len(place), context_chars)))
            at = text.find(place, at + len(place))
    return out


def _without_overlaps(facts: list[Fact]) -> list[Fact]:
    """Facts that do not stand inside a longer one (a number inside a document's title belongs to the title)."""
    ordered = sorted(facts, key=lambda f: (f.start, -(f.end - f.start)))
    kept: list[Fact] = []
    for fact in ordered:
        if any(k.start <= fact.start and fact.end <= k.end and (k.end - k.start) > (fact.end - fact.start)
               for k in kept):
            continue
        if any(k.start == fact.start and k.end == fact.end for k in kept):
            continue
        kept.append(fact)
    return kept


@lru_cache(maxsize=PASSAGES_CACHED)
def passage_facts(text: str, places: frozenset[str] = frozenset()) -> tuple[Fact, ...]:
    """The facts of a passage (or of a whole answer), read once."""
    return tuple(read_facts(text, places, 0))


# -- comparing -----------------------------------------------------------------------------------------------------
def equal(claim: Fact, record: Fact) -> bool:
    """Whether two facts state the same: quantities by value, unit and compatible approximation; the rest by text."""
    if claim.kind != record.kind and {claim.kind, record.kind} != {"number", "date"}:
        return False
    a, b = claim.key, record.key
    if isinstance(a, Quantity) and isinstance(b, Quantity):
        return _same_quantity(a, b)
    if isinstance(a, str) and isinstance(b, str):
        return a == b or (claim.kind in ("document", "programme") and len(a) >= 4 and (a in b or b in a)
                          and min(len(a), len(b)) / max(len(a), len(b)) >= 0.8)
    return False


def _percent(q: Quantity) -> Quantity:
    """六成 = 60%, 八五折 = 85%, 9折 = 90%: shares written the Chinese way, as percentages."""
    if q.unit == "成":
        return Quantity(q.value * 10, "%", q.approx)
    if q.unit == "折":
        return Quantity(q.value * 10 if q.value < 10 else q.value, "%", q.approx)
    return q


def _same_quantity(a: Quantity, b: Quantity) -> bool:
    """The claim's quantity `a` states what the record's `b` does: equal value and unit (approximations that agree),
    or `a` a rounded figure that covers `b` (一亿多 for 1.35亿; not the other way round)."""
    a, b = _percent(a), _percent(b)
    if a.unit and b.unit and _unit_family(a.unit) != _unit_family(b.unit):
        return False
    if a.value == b.value:
        return _approximations_agree(a.approx, b.approx)
    return _within(a, b)


def _direction(approx: str) -> str:
    if any(word in approx for word in _ABOVE):
        return "above"
    if any(word in approx for word in _BELOW):
        return "below"
    return ""


def _approximations_agree(x: str, y: str) -> bool:
    """超过8000元 and 8000多元 agree, and 8000元 with either; 近8000元 and 超过8000元 do not."""
    return not (_direction(x) and _direction(y) and _direction(x) != _direction(y))


def _within(rough: Quantity, exact: Quantity) -> bool:
    """一亿多 covers 1.35亿; 近8000 covers 7900; 约30 covers 31: a rounded figure stated with its approximation."""
    if not rough.approx or rough.value == 0 or (rough.unit and exact.unit and rough.unit != exact.unit):
        return False
    ratio = exact.value / rough.value
    direction = _direction(rough.approx)
    if direction == "above":
        return Decimal(1) <= ratio < (Decimal(2) if _leading_magnitude(rough.value) else Decimal("1.5"))
    if direction == "below":
        return Decimal("0.8") <= ratio <= Decimal(1)
    return Decimal("0.9") <= ratio <= Decimal("1.1")


def _leading_magnitude(value: Decimal) -> bool:
    """1亿, 100, 20万: a number that is one digit and zeros (一亿多 means 1亿 to 2亿)."""
    digits = str(value.normalize()).replace(".", "").rstrip("0").lstrip("0")
    return len(digits) <= 1


MAX_CHANGE = 10  # a changed figure is within this factor of the record's, unless only its magnitude slipped


def _near_value(a: Quantity, b: Quantity) -> bool:
    """2亿元 for 1.35亿元, 1.35万元 for 1.35亿元 (the same digits): a changed figure; 1.54亿元 for 42.3万元 is another
    figure altogether."""
    if a.value <= 0 or b.value <= 0:
        return True
    ratio = a.value / b.value
    if Decimal(1) / MAX_CHANGE <= ratio <= MAX_CHANGE:
        return True
    return _digits(a.value) == _digits(b.value)


def _digits(value: Decimal) -> str:
    return str(value.normalize()).replace(".", "").strip("0")


def comparable(claim: Fact, record: Fact) -> bool:
    """Whether a fact of the passage could be what the claim's fact changes: same kind, quantities of one unit, and
    both said of what was done or both of a plan (新开通10条 is not 开通了23条 changed)."""
    if claim.kind != record.kind or claim.future != record.future:
        return False
    if isinstance(claim.key, Quantity) and isinstance(record.key, Quantity):
        a, b = claim.key, record.key
        a, b = _percent(a), _percent(b)
        return bool(a.unit) and bool(b.unit) and _unit_family(a.unit) == _unit_family(b.unit) and _near_value(a, b)
    return True


class Weights:
    """How telling each word is: rarer across the passages of the corpus, more telling (inverse document frequency,
    from the index's vocabulary), so that 草莓 says more about what a number counts than 建设 does."""

    def __init__(self, vocabulary: Mapping[str, int], passages: int) -> None:
        self.vocabulary = vocabulary
        self.passages = passages

    def of(self, word: str) -> float:
        return math.log((self.passages + 1) / (self.vocabulary.get(word, 0) + 0.5))


def support(context: frozenset[str], window: frozenset[str], weights: Weights) -> float:
    """The weighted share of a claim fact's context words found among the words of the passage there."""
    if not context:
        return 1.0
    total = sum(weights.of(w) for w in context)
    return sum(weights.of(w) for w in context if w in window) / total if total else 0.0


def coverage(claim: str, passage: str, weights: Weights) -> float:
    """The weighted share of the claim's words (numbers aside) found in the passage."""
    return support(words(claim), words(passage), weights)


def compare(claim_facts: Sequence[Fact], claim: str, passage: str, weights: Weights, places: frozenset[str],
            metadata: str = "", answer: str | None = None) -> Comparison:
    """Each fact of the claim against the facts of one passage (see the module docstring); `answer`: the whole
    answer the passage is part of, the passage first (an answer cut at its sub-headings is still one answer), where
    the facts are looked for; the wording shared is the passage's own."""
    text = answer or passage
    record = passage_facts(text, places)
    matched: list[FactPair] = []
    conflicts: list[FactPair] = []
    missing: list[Fact] = []
    for fact in claim_facts:
        same = [(support(fact.context, _window(text, r), weights), r) for r in record
                if equal(fact, r) and (fact.future == r.future or fact.kind not in ("number", "date"))]
        best_same = max(same, key=lambda x: x[0], default=None)
        # a document's or a programme's name equal is the same thing whatever is said around it; a number needs the
        # words around it to agree (20万人 of 从业人 is not 20万人 of 游客)
        needed = 0.0 if fact.kind in ("document", "programme", "person") else MATCH_SUPPORT
        if best_same is not None and best_same[0] >= needed:
            matched.append(FactPair(fact, best_same[1], best_same[0]))
            continue
        if fact.kind == "place" and (fact.key in metadata or best_same is not None):
            # the passage's own bureau names the place (威海 of 威海市海洋发展局): the record side is that name
            where = best_same[1] if best_same else Fact("place", metadata.split(" ")[0], -1, -1, fact.key, frozenset())
            matched.append(FactPair(fact, where, 1.0))
            continue
        other = [(support(fact.context, _window(text, r), weights), r) for r in record
                 if comparable(fact, r) and not equal(fact, r)]
        best_other = max(other, key=lambda x: x[0], default=None)
        if best_other is not None and best_other[0] >= CONFLICT_SUPPORT:
            conflicts.append(FactPair(fact, best_other[1], best_other[0]))
        else:
            missing.append(fact)
    return Comparison(tuple(matched), tuple(conflicts), tuple(missing), coverage(claim, passage, weights))


def _window(passage: str, fact: Fact) -> frozenset[str]:
    """The words of the sentence of the passage a fact stands in (where the claim fact's context is looked for)."""
    left = re.split(r"[。！？!?\n]", passage[:fact.start])[-1]
    right = re.split(r"[。！？!?\n]", passage[fact.end:])[0]
    return words(left) | words(right)
