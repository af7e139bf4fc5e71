"""A whole text checked at once (a press release, a news article): cut into sentences, the sentences that quote a
bureau or attribute a statement to one found, and each such statement checked with `check_claim`. Pure: no I/O;
every offset is into the text given (code points). What counts as attributed: docs/claims.md, "A whole text"."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from index.claims.speakers import THIRD_PARTY, Discourse, Entity, Mention, read_speaker
from index.text import sentence_spans, trim_span

if TYPE_CHECKING:
    from index.claims.records import Verification
    from index.search.service import SearchService

MIN_QUOTE_CHARS = 6  # word characters a quotation needs to be a statement rather than a slogan or a name
MIN_CLAIM_CHARS = 4  # word characters an attributed statement needs to be checked
MAX_SPEAKER_CHARS = 34  # characters between the start of a clause and its verb of saying
MAX_CHECKED = 200  # statements checked per text; the rest are reported as not checked

_OPEN_QUOTES = "“「『\""
_CLOSE_FOR = {"“": "”", "「": "」", "『": "』", "\"": "\""}
_ENDS = "。！？!?"
# Verbs of saying, longest first (告诉记者 before 告诉 would be, 介绍 before 介).
_VERBS = tuple(sorted(
    """表示 介绍 指出 强调 透露 坦言 谈到 提到 告诉记者 回应 称 说 讲 认为 解释 补充 提醒 承诺 宣布 通报 说明 表态 直言 坦承 披露 证实
    确认 呼吁 谈及 提及 重申 答复 预计 坦陈 感慨 算了一笔账""".split(), key=len, reverse=True))
_VERB = "(?:" + "|".join(_VERBS) + ")"
# Verbs that may take the words said with no punctuation between (住建局还承诺今年……, 该局称全市……).
_DIRECT = frozenset("表示 透露 称 说 强调 指出 承诺 提醒 坦言 宣布 重申 预计 认为 直言".split())
_WORD = re.compile(r"[\w\u3400-\u9fff]")
_SAY = re.compile(_VERB)
_SUFFIX = re.compile(r"(?:道|说|称|到|过|的是)?")
_NOT_DIRECT_AFTER = "了的过着得会中书稿"
# 据……介绍，  据了解，  据悉，  据……消息，
_BY = re.compile(r"\s*(?:另)?据(?P<who>[^，。,：:“”\"]{0,%d}?)(?P<verb>介绍|表示|称|透露|了解|悉|消息|通报|统计|发布|披露|公布|报道|通知|说)"
                 r"(?:说|称)?[，,：:]\s*" % MAX_SPEAKER_CHARS)
_SOURCELESS = frozenset(("介绍", "了解", "悉", "统计"))
# 记者日前从……获悉，  从……了解到：  记者了解到，
_LEARNED = re.compile(r"\s*(?:记者)?(?:日前|近日|近期|昨天|昨日|今天|今日|当天|第一时间)?(?:从(?P<who>[^，。,：:“”\"]{2,%d}?))?"
                      r"(?:了解到|获悉|得知|获知)[，,：:]?\s*" % MAX_SPEAKER_CHARS)
# 市海洋发展局：今年计划……  (a headline: the whole line)
_HEADLINE = re.compile(r"\s*(?P<who>[^：:，,。“”\"\s]{2,30})[：:]\s*(?=\S)")


@dataclass(frozen=True, slots=True)
class Attribution:
    """A statement attributed to someone in a sentence: the sentence's span, the statement's span, how the
    attribution was recognised (``headline``, ``according_to``, ``learned``, ``speaker_first``, ``speaker_last``,
    ``quotation``, ``continued``), who it is attributed to (a person's name or a body's fullest name in the text,
    after 他 / 该局 / 许局长 are resolved), the words that named them, and the body they speak for when known."""

    sentence_start: int
    sentence_end: int
    claim_start: int
    claim_end: int
    how: str
    speaker: str | None = None
    mention: str = ""
    organisation: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"speaker": self.speaker, "mention": self.mention, "organisation": self.organisation,
                "attribution": self.how}


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of the text, and the statements attributed in it (none: "no attribution")."""

    start: int
    end: int
    text: str
    attributions: tuple[Attribution, ...] = ()


@dataclass(frozen=True, slots=True)
class CheckedClaim:
    """One attributed statement and its verdict."""

    attribution: Attribution
    claim: str
    verification: Verification | None  # None: past MAX_CHECKED, not checked

    def to_dict(self) -> dict[str, Any]:
        """The single-claim object of `verify --json`, with the sentence's and the statement's offsets."""
        a = self.attribution
        if self.verification is not None:
            data = self.verification.to_dict()
        else:
            data = {"claim": self.claim, "verdict": "not_checked", "differences": [], "facts": [], "passages": []}
        data.update({"sentence": {"start": a.sentence_start, "end": a.sentence_end},
                     "claim_start": a.claim_start, "claim_end": a.claim_end, **a.to_dict()})
        return data


@dataclass(frozen=True, slots=True)
class DocumentCheck:
    """Every sentence of a text, with the verdict on each attributed statement in it."""

    text: str
    sentences: tuple[Sentence, ...]
    claims: tuple[CheckedClaim, ...]

    def claims_in(self, sentence: Sentence) -> list[CheckedClaim]:
        return [c for c in self.claims
                if c.attribution.sentence_start == sentence.start and c.attribution.sentence_end == sentence.end]

    def counts(self) -> dict[str, int]:
        """How many statements got each verdict, and how many sentences had no attribution."""
        out = {"verbatim": 0, "consistent": 0, "differs": 0, "not_found": 0, "not_checked": 0}
        for claim in self.claims:
            out[claim.verification.verdict if claim.verification else "not_checked"] += 1
        out["no_attribution"] = sum(1 for s in self.sentences if not s.attributions and _WORD.search(s.text))
        return out

    def to_list(self) -> list[dict[str, Any]]:
        return [c.to_dict() for c in self.claims]


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences of `text` as statements are read: a quotation stays whole, a semicolon ends none."""
    return sentence_spans(text, semicolons=False, quotes=True)


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def _content(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without surrounding whitespace, quotation marks and the final punctuation."""
    start, end = trim_span(text, start, end)
    while end > start and (text[end - 1] in _ENDS or text[end - 1] in "”」』\"…。，,；;"):
        end -= 1
    while start < end and text[start] in "“「『\"":
        start += 1
    return trim_span(text, start, end)


def _quotations(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Spans of the quoted words (marks excluded) inside text[start:end]."""
    i = start
    while i < end:
        char = text[i]
        if char in _OPEN_QUOTES:
            close = text.find(_CLOSE_FOR[char], i + 1, end)
            if close == -1:
                return
            yield i + 1, close
            i = close + 1
        else:
            i += 1


def _speech(text: str, start: int, end: int, a: int, b: int) -> bool:
    """A quotation that is speech rather than a name in a clause (“城北快线”): long enough, opened where a clause
    starts and closed where one ends."""
    before = text[start:a - 1].rstrip()
    after = text[b + 1:end].lstrip()
    opens = not before or before[-1] in "：:，,。！？；"
    closes = not after or after[0] in "，,。！？!?；;：:”" or _SAY.search(after[:MAX_SPEAKER_CHARS]) is not None
    return opens and closes and _words(text[a:b]) >= MIN_QUOTE_CHARS


def _clause_starts(sentence: str) -> list[int]:
    """Where the clauses of a sentence start (after each comma outside quotation marks)."""
    starts, depth = [0], 0
    for i, char in enumerate(sentence):
        if char in "“「『":
            depth += 1
        elif char in "”」』":
            depth = max(0, depth - 1)
        elif char in "，," and depth == 0:
            starts.append(i + 1)
    return starts


def _verb_at(clause: str, found: re.Match[str]) -> int | None:
    """Where the words said begin after a verb of saying at `found`, or None when the verb does not introduce them
    (介绍了……情况, 说明会)."""
    suffix = _SUFFIX.match(clause, found.end())
    after = suffix.end() if suffix else found.end()
    if after < len(clause) and clause[after] in "，,：:":
        return after + 1
    if after >= len(clause):
        return None
    if found.group(0) in _DIRECT and after == found.end() and clause[after] not in _NOT_DIRECT_AFTER:
        return after
    if clause[after] in "“「『":
        return after
    return None


def _nested_speaker(who: str) -> Mention | None:
    """The speaker of words before a verb of saying; in 文章称方慕远说过, the one the report quotes (not when the
    report is hearsay: 网友称……)."""
    mention = read_speaker(who)
    if mention is not None:
        return mention
    inner = list(_SAY.finditer(who))
    if not inner or inner[-1].start() == 0 or THIRD_PARTY.search(who[:inner[-1].start()]) or \
            who[:inner[-1].start()].startswith(("听", "据说", "有人")):
        return None
    return read_speaker(who[inner[-1].end():])


class _Reader:
    """Reads the sentences of one text in order, keeping who was named (speakers.Discourse)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.discourse = Discourse()
        self.previous_attributed = False

    def sentence(self, start: int, end: int) -> tuple[Attribution, ...]:
        found = self._attributions(start, end)
        self.discourse.scan(self.text[start:end])
        self.previous_attributed = bool(found)
        return found

    def _attributions(self, start: int, end: int) -> tuple[Attribution, ...]:
        text, sentence = self.text, self.text[start:end]
        if sentence.rstrip(" ”」』\"").endswith(("？", "?")):
            return ()  # a question states nothing
        for rule in (self._headline, self._quotations, self._clauses, self._tail):
            found = rule(start, end)
            if found:
                return tuple(a for a in found if _words(text[a.claim_start:a.claim_end]) >= MIN_CLAIM_CHARS)
        return ()

    def _make(self, start: int, end: int, a: int, b: int, how: str, mention: Mention | None,
              entity: Entity | None = None) -> Attribution | None:
        if entity is None and mention is not None:
            entity = self.discourse.resolve(mention)
        if entity is None:
            return None
        a, b = _content(self.text, a, b)
        if _words(self.text[a:b]) < MIN_CLAIM_CHARS:
            return None
        return Attribution(start, end, a, b, how, entity.name, mention.text if mention else "", entity.org)

    def _headline(self, start: int, end: int) -> list[Attribution]:
        text = self.text
        whole_line = (start == 0 or text[:start].rstrip(" \t\u3000\ufeff").endswith("\n") or not text[:start].strip()) \
            and (end == len(text) or text[end:].lstrip(" \t\u3000").startswith(("\n", "\r")) or not text[end:].strip())
        m = _HEADLINE.match(text, start, end)
        if not whole_line or m is None or _SAY.search(m.group("who")):
            return []  # 邱澜说：“……” is a quotation, not a headline
        mention = read_speaker(m.group("who"))
        if mention is None or mention.kind not in ("org", "org_official", "person"):
            return []
        made = self._make(start, end, m.end(), end, "headline", mention)
        return [made] if made else []

    def _quotations(self, start: int, end: int) -> list[Attribution]:
        text = self.text
        speech = [(a, b) for a, b in _quotations(text, start, end) if _speech(text, start, end, a, b)]
        if not speech:
            return []
        mention = None
        for a, b in speech:
            mention = mention or self._before_quote(start, a) or self._after_quote(b, end)
        if mention is None:
            whole = len(speech) == 1 and not text[start:speech[0][0] - 1].strip() and \
                not text[speech[0][1] + 1:end].strip(" 。！？!?…")
            if whole and self.previous_attributed and self.discourse.last_speaker is not None:
                entity = self.discourse.last_speaker
                made = self._make(start, end, speech[0][0], speech[0][1], "continued", None, entity)
                return [made] if made else []
            return []
        entity = self.discourse.resolve(mention)
        found = [self._make(start, end, a, b, "quotation", mention, entity) for a, b in speech]
        rest = self._after_speaker(speech[-1][1], end)
        if rest is not None:
            found.append(self._make(start, end, rest, end, "speaker_first", mention, entity))
        return [f for f in found if f is not None]

    def _before_quote(self, start: int, a: int) -> Mention | None:
        """邢海文说：“……  /  方慕远表示，“……"""
        before = self.text[start:a - 1]
        head = re.search(r"(?:^|[，,。])([^，,。：:“”]{1,%d}?)%s(?:道|说)?[：:，,]?\s*$" % (MAX_SPEAKER_CHARS, _VERB), before)
        return read_speaker(head.group(1)) if head else None

    def _after_quote(self, b: int, end: int) -> Mention | None:
        """……”邢海文说。  /  ……”，他表示，“……"""
        after = self.text[b + 1:end]
        tail = re.match(r"\s*[，,]?\s*([^，,。：:“”]{1,%d}?)%s(?:道)?(?=[，,。：:！!“\s]|$)" % (MAX_SPEAKER_CHARS, _VERB), after)
        return read_speaker(tail.group(1)) if tail else None

    def _after_speaker(self, b: int, end: int) -> int | None:
        """……”邢海文说，REST: where an unquoted statement after the speaker starts."""
        after = self.text[b + 1:end]
        m = re.match(r"\s*[，,]?\s*[^，,。：:“”]{1,%d}?%s(?:道)?[，,：:]\s*(?=[^“\s])" % (MAX_SPEAKER_CHARS, _VERB), after)
        if m is None or "“" in after[m.end():]:
            return None
        return b + 1 + m.end()

    def _clauses(self, start: int, end: int) -> list[Attribution]:
        """据……介绍， / 记者从……获悉， / 邢海文表示，…… at the start of a clause (leading phrases before it)."""
        sentence = self.text[start:end]
        for offset in _clause_starts(sentence)[:6]:
            clause_end = sentence.find("，", offset)
            clause = sentence[offset: clause_end + 1 if clause_end >= 0 else len(sentence)]
            for reader in (self._according_to, self._learned, self._lead):
                found = reader(start, end, offset, clause)
                if found is not None:
                    return [found] if found.claim_end > found.claim_start else []
        return []

    def _according_to(self, start: int, end: int, offset: int, clause: str) -> Attribution | None:
        m = _BY.match(self.text, start + offset, end)
        if m is None:
            return None
        who = m.group("who").strip()
        if who:
            mention = read_speaker(who)
            return self._make(start, end, m.end(), end, "according_to", mention) if mention else None
        if m.group("verb") not in _SOURCELESS:
            return None  # 据报道, 据说: hearsay
        return self._make(start, end, m.end(), end, "according_to", None, self.discourse.sourceless())

    def _learned(self, start: int, end: int, offset: int, clause: str) -> Attribution | None:
        m = _LEARNED.match(self.text, start + offset, end)
        if m is None:
            return None
        if m.group("who"):
            mention = read_speaker(m.group("who"))
            return self._make(start, end, m.end(), end, "learned", mention) if mention else None
        if not self.text[start + offset:m.end()].lstrip().startswith("记者"):
            return None
        return self._make(start, end, m.end(), end, "learned", None, self.discourse.sourceless())

    def _lead(self, start: int, end: int, offset: int, clause: str) -> Attribution | None:
        for found in _SAY.finditer(clause):
            if found.start() == 0 or found.start() > MAX_SPEAKER_CHARS:
                continue
            said = _verb_at(clause, found)
            if said is None:
                continue
            mention = _nested_speaker(clause[:found.start()])
            if mention is None:
                continue
            stop = self._tail_start(start, end) or end
            return self._make(start, end, start + offset + said, max(stop, start + offset + said), "speaker_first",
                              mention)
        return None

    def _tail_start(self, start: int, end: int) -> int | None:
        m = re.search(r"[，,]\s*([^，,。：:“”]{1,%d}?)%s(?:道)?\s*[。！!]?\s*$" % (MAX_SPEAKER_CHARS, _VERB),
                      self.text[start:end])
        return start + m.start() if m and read_speaker(m.group(1)) else None

    def _tail(self, start: int, end: int) -> list[Attribution]:
        """……，邢海文说。"""
        m = re.search(r"[，,]\s*([^，,。：:“”]{1,%d}?)%s(?:道)?\s*[。！!]?\s*$" % (MAX_SPEAKER_CHARS, _VERB),
                      self.text[start:end])
        mention = read_speaker(m.group(1)) if m else None
        if m is None or mention is None:
            return []
        made = self._make(start, end, start, start + m.start(), "speaker_last", mention)
        return [made] if made else []


def find_sentences(text: str) -> list[Sentence]:
    """Every sentence of the text with the statements attributed in it, who they are attributed to resolved over
    the text read in order."""
    reader = _Reader(text)
    return [Sentence(s, e, text[s:e], reader.sentence(s, e)) for s, e in split_sentences(text)]


def check_document(searcher: SearchService, text: str,
                   check: Callable[[SearchService, str], Verification] | None = None) -> DocumentCheck:
    """Every attributed statement of `text` checked against the record (`check_claim` by default, searching the
    passages of the body it is attributed to first), in order; statements past MAX_CHECKED are listed unchecked.
    Slow (one claim check per statement): off the event loop."""
    from index.claims.verdict import check_claim, corpus_tables, speaking_for, text_city

    sentences = find_sentences(text)
    claims: list[CheckedClaim] = []
    city = text_city(searcher.data, text) if searcher.passage_count else None
    cities = corpus_tables(searcher.data).cities if city else ()
    for sentence in sentences:
        for a in sentence.attributions:
            claim = text[a.claim_start:a.claim_end]
            verification = None
            if len(claims) < MAX_CHECKED:
                about = speaking_for(a.organisation, city, cities)
                verification = check(searcher, claim) if check else check_claim(searcher, claim, about=about)
            claims.append(CheckedClaim(a, claim, verification))
    return DocumentCheck(text, tuple(sentences), tuple(claims))
