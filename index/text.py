"""Query normalisation and Chinese tokens for the keyword index (pure functions; OpenCC and jieba do the work)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_MENTION = re.compile(r"@[A-Za-z0-9_]{3,}")
_COMMAND = re.compile(r"^/[A-Za-z0-9_]+(?:@[A-Za-z0-9_]+)?\s*")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_WORD = re.compile(r"[a-z]+|\d+(?:\.\d+)?")
# Words that shape a question but say nothing about its subject; ignored when judging how much of it the corpus covers.
QUESTION_WORDS = (
    "请问", "请教", "问一下", "想问", "想知道", "我想", "有没有", "是不是", "是否", "能不能", "可不可以", "可以", "怎么样",
    "怎么", "怎样", "如何", "为什么", "什么", "哪些", "哪个", "哪里", "哪儿", "多少", "几个", "多大", "吗", "呢", "吧",
    "啊", "呀", "么", "了", "的", "地", "得", "是", "有", "在", "和", "与", "及", "对", "把", "被", "都", "也", "还",
    "就", "又", "听说", "真的", "一下", "这个", "那个", "这些", "那些", "我们", "你们", "他们", "咱们", "一些", "具体",
)


@lru_cache(maxsize=1)
def _t2s():  # type: ignore[no-untyped-def]
    import opencc

    return opencc.OpenCC("t2s")


_ASTRAL = re.compile(r"[\U00010000-\U0010FFFF]")


def to_simplified(text: str) -> str:
    """Traditional -> Simplified Chinese (OpenCC t2s); other text unchanged. A character whose Simplified form lies
    outside the Basic Multilingual Plane stays as written (潕, the 潕河's, not 𣲘: no one types it so)."""
    simplified = _t2s().convert(text)
    if _ASTRAL.search(simplified) and len(simplified) == len(text):
        return "".join(new if ord(new) <= 0xFFFF or ord(old) > 0xFFFF else old for new, old in zip(simplified, text))
    return simplified


def normalize_query(text: str, max_chars: int = 200, bot_username: str | None = None) -> str:
    """NFKC, controls removed, bot mentions and a leading command stripped, Simplified Chinese, at most `max_chars`."""
    text = unicodedata.normalize("NFKC", text)
    text = _CONTROL.sub("", text)
    text = _COMMAND.sub("", text.strip())
    if bot_username:
        text = re.sub(rf"@{re.escape(bot_username)}\b", " ", text, flags=re.I)
    text = _MENTION.sub(" ", text)
    text = re.sub(r"\s+", " ", text).strip()
    return to_simplified(text)[:max_chars].strip()


def normalize_for_index(text: str) -> str:
    """What the keyword index sees of a passage: NFKC, lower case, Simplified."""
    return to_simplified(unicodedata.normalize("NFKC", text)).lower()


def bigrams(text: str) -> list[str]:
    """Character bigrams of each Chinese run (a lone character stays a unigram), plus ASCII words and numbers."""
    text = normalize_for_index(text)
    tokens: list[str] = []
    for run in _CJK_RUN.findall(text):
        if len(run) == 1:
            tokens.append(run)
        tokens.extend(run[i : i + 2] for i in range(len(run) - 1))
    tokens.extend(_WORD.findall(text))
    return tokens


_CN_NUMERAL = re.compile(r"[一二两三四五六七八九十][零〇一二两三四五六七八九十百千万]+")
_CN_SINGLE_DIGITS = re.compile(r"[一二两三四五六七八九]{2}")  # 五六万, 三四十: a range, not a number


def arabic_numerals(text: str) -> dict[str, str]:
    """Each Chinese numeral of the text with a 十, 百, 千 or 万 in it, and its value in digits as an official text
    writes it (七十 -> 70, 六十五 -> 65, 一万 -> 1万): a citizen writes 七十岁 where the passage says 70周岁."""
    from index.claims.quantities import chinese_integer

    forms: dict[str, str] = {}
    for numeral in _CN_NUMERAL.findall(text):
        if not any(c in "十百千万" for c in numeral) or _CN_SINGLE_DIGITS.search(numeral):
            continue
        value = chinese_integer(numeral)
        if value is None or value < 10:
            continue
        forms[numeral] = str(value) if value < 10_000 or value % 1_000 else f"{value // 10_000}{_tenths(value)}万"
    return forms


def _tenths(value: int) -> str:
    """The decimals of a multiple of 1,000 written in 万: 15000 -> ".5", 10000 -> ""."""
    rest = value % 10_000 // 1_000
    return f".{rest}" if rest else ""


def strip_question_words(text: str) -> str:
    """The query without question words and particles, for judging what it asks about."""
    for word in QUESTION_WORDS:
        text = text.replace(word, " ")
    return text


_ENDS = "。！？!?"
_CLAUSE_ENDS = "；;"
_TRAILERS = "”’」』）)】\"'"
_OPEN_QUOTES = {"“": "”", "「": "」", "『": "』", "\"": "\""}
MAX_QUOTE_CHARS = 600  # a quotation longer than this is cut into sentences all the same (an unclosed quote)
SHORT_SENTENCE = 12  # a sentence shorter than this is read with the next one (sentence-level evidence)


def sentence_spans(text: str, start: int = 0, end: int | None = None, *, semicolons: bool = True,
                   quotes: bool = False) -> list[tuple[int, int]]:
    """The one sentence splitter: spans of the sentences of `text[start:end]`, each ending after its terminator
    (。！？!?, a closing …… and, with `semicolons`, ；;) and the closing quotes and brackets after it; a line break
    ends a sentence too. With `quotes`, a terminator inside a quotation does not end the sentence it is quoted in
    ("“……。……。”他说。" is one), unless the quotation runs past MAX_QUOTE_CHARS. Surrounding whitespace is left out
    and empty sentences dropped."""
    end = len(text) if end is None else end
    ends = _ENDS + (_CLAUSE_ENDS if semicolons else "")
    spans: list[tuple[int, int]] = []
    first, i = start, start
    closing: str | None = None
    quote_start = start
    while i < end:
        char = text[i]
        if char == "\n":
            spans.append((first, i))
            first, closing = i + 1, None
        elif closing is not None:
            if char == closing:
                closing = None
            elif i - quote_start > MAX_QUOTE_CHARS and char in ends:
                closing = None
                i = _after_trailers(text, i + 1, end, ends)
                spans.append((first, i))
                first = i
                continue
        elif quotes and char in _OPEN_QUOTES:
            closing, quote_start = _OPEN_QUOTES[char], i
        elif char in ends or (char == "…" and text[i + 1:i + 2] == "…" and _next_is_new(text, i + 2, end)) or \
                (char == "." and _ends_english_sentence(text, i, end)):
            i = _after_trailers(text, i + 1, end, ends)
            spans.append((first, i))
            first = i
            continue
        i += 1
    spans.append((first, end))
    return [trimmed for s, e in spans if (trimmed := trim_span(text, s, e))[0] < trimmed[1]]


_ABBREVIATION = re.compile(r"(?:^|[\s(])(?:Mr|Mrs|Ms|Dr|Prof|St|No|Nos|Vol|Fig|Art|Sec|vs|etc|e\.g|i\.e|Jan|Feb|Mar|Apr|Jun|"
                           r"Jul|Aug|Sep|Sept|Oct|Nov|Dec|[A-Z])$")


def _ends_english_sentence(text: str, i: int, end: int) -> bool:
    """A full stop after an English word or number, then a space and a capital or a digit ("… in July. Second, …");
    not after "Mr", "No" or an initial."""
    if i + 2 > end or not text[i + 1].isspace() or not re.match(r"[A-Za-z0-9)”\"']", text[i - 1:i] or " "):
        return False
    following = text[i + 1:i + 4].lstrip()
    return bool(following) and (following[0].isupper() or following[0].isdigit() or following[0] in "\"“(") and \
        not _ABBREVIATION.search(text[max(0, i - 6):i])


def _next_is_new(text: str, i: int, end: int) -> bool:
    return i >= end or text[i] in "\n”」』"


def _after_trailers(text: str, i: int, end: int, ends: str) -> int:
    while i < end and (text[i] in ends or text[i] in _TRAILERS or text[i] == "…"):
        i += 1
    return i


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without the whitespace around it."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def evidence_sentences(text: str) -> list[tuple[int, int]]:
    """The sentences of a passage text read for sentence-level evidence: a short one goes with the next."""
    merged: list[tuple[int, int]] = []
    for start, end in sentence_spans(text):
        if merged and merged[-1][1] - merged[-1][0] < SHORT_SENTENCE:
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


_STOPWORDS = frozenset(QUESTION_WORDS) | frozenset(
    "为啥 咋 啥 谁 几 多 个 些 这 那 哪 要 会 能 去 来 到 让 给 说 做 搞 吧 呗 嘛 哦 嗯 么 过 着 现在 今年 目前 情况 问题 方面 "
    "相关 主要 一般 应该 需要 知道 告诉 关于 还有 以及 或者 而且 但是 因为 所以 如果 "
    # adverbs of quantity next to 多少 (一共有多少人): how much, never what about; jieba tags some of them j
    "一共 总共 共计 合计 总计 大约 大概 将近 差不多 the a an of is are was were to in on "
    "for and or what which who how why when where do does did can could would should please tell me about".split()
)
_PROPER_FLAGS = ("ns", "nr", "nt", "nz", "t")


def _jieba():  # type: ignore[no-untyped-def]
    from index.segmenter import jieba_modules

    return jieba_modules()[0]


def corpus_words(text: str) -> set[str]:
    """Every jieba word (search mode, so long words also give their parts) of a passage, for the vocabulary."""
    jieba = _jieba()
    return {w for w in jieba.lcut_for_search(normalize_for_index(text)) if w.strip() and _is_content(w)}


def query_words(query: str) -> list[tuple[str, bool]]:
    """The content words of a question with whether each is a name, place, organisation, time or number."""
    words: list[tuple[str, bool]] = []
    for word, flag in pos_tokens(normalize_for_index(query)):
        word = word.strip()
        if not word or word in _STOPWORDS or not _is_content(word):
            continue
        proper = flag in _PROPER_FLAGS or (flag == "m" and any(c.isdigit() for c in word))
        words.append((word, proper and len(word) >= 2))
    return words


def _is_content(word: str) -> bool:
    return bool(re.search(r"[\u3400-\u9fffa-z0-9]", word)) and word not in _STOPWORDS and not (
        len(word) == 1 and word in "的了是在有和与及对把被都也还就又吗呢吧啊呀么个这那些哪谁几多少样怎什要会能去来到让给说做搞")


@lru_cache(maxsize=2048)
def pos_tokens(text: str) -> tuple[tuple[str, str], ...]:
    """(word, part of speech) pairs from jieba, cached: several checks read the same question."""
    from index.segmenter import jieba_modules

    return tuple((pair.word, pair.flag) for pair in jieba_modules()[1].lcut(text))
