"""A whole text checked at once (a press release, a news article): cut into sentences, the sentences that quote a
bureau or attribute a statement to one found, and each such statement checked with `check_claim`. Pure: no I/O;
every offset is into the text given (code points). What counts as attributed: docs/claims.md, "A whole text"."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from index.text import sentence_spans, trim_span

if TYPE_CHECKING:
    from index.claims.records import Verification
    from index.search.service import SearchService

MIN_QUOTE_CHARS = 6  # word characters a quotation needs to be a statement rather than a slogan or a name
MIN_CLAIM_CHARS = 4  # word characters an attributed statement needs to be checked
MAX_SPEAKER_CHARS = 30  # characters between the start of a clause and its verb of saying
MAX_CHECKED = 200  # statements checked per text; the rest are reported as not checked

_OPEN_QUOTES = "“「『\""
_CLOSE_FOR = {"“": "”", "「": "」", "『": "』", "\"": "\""}
_ENDS = "。！？!?"
_VERB = r"(?:表示|介绍|指出|强调|透露|坦言|谈到|提到|告诉记者|回应|称|说|讲|认为|解释|补充)"
_WORD = re.compile(r"[\w\u3400-\u9fff]")
_SAY = re.compile(_VERB)
# 据……介绍，  据了解，  据悉，
_BY = re.compile(r"^\s*据(?:[^，。,：:“”\"]{0,%d}?)(?:介绍|表示|称|透露|了解|悉|统计|通报|报道)(?:说)?[，,：:]\s*" % MAX_SPEAKER_CHARS)
# 邢海文表示，   市海洋发展局负责人在接受采访时说：
_LEAD = re.compile(r"^\s*([^，。,：:“”\"「」『』]{1,%d}?)%s(?:道|过|了)?[，,：:]\s*" % (MAX_SPEAKER_CHARS, _VERB))
# ……，邢海文说。   ……，威海市海洋发展局相关负责人表示。
_TAIL = re.compile(r"[，,]\s*([^，。,：:“”\"「」『』]{1,%d}?)%s(?:道)?\s*[。！!]?\s*$" % (MAX_SPEAKER_CHARS, _VERB))
_WHO = re.compile(r"(?:[\u4e00-\u9fff]{1,20}(?:局|委员会|委|办公室|办|厅|政府|中心|部门|所|院|署))|"
                  r"(?:局长|书记|主任|负责人|发言人|处长|科长|部长|厅长|市长|县长|区长|站长|所长|院长|主席|专家)")
_NOT_A_SPEAKER = re.compile(r"^(?:有人|网上|网传|传言|据说|听说|我|你|大家|不少人|很多人|一些人)")


@dataclass(frozen=True, slots=True)
class Attribution:
    """A statement attributed to someone in a sentence: the sentence's span, the statement's span, and how the
    attribution was recognised (``according_to``, ``speaker_first``, ``speaker_last``, ``quotation``)."""

    sentence_start: int
    sentence_end: int
    claim_start: int
    claim_end: int
    how: str


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
            data = {"claim": self.claim, "verdict": "not_checked", "differences": [], "passages": []}
        data.update({"sentence": {"start": a.sentence_start, "end": a.sentence_end},
                     "claim_start": a.claim_start, "claim_end": a.claim_end, "attribution": a.how})
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
        out = {"verbatim": 0, "differs": 0, "not_found": 0, "not_checked": 0}
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


def _speaker(name: str) -> bool:
    """Whether the words before a verb of saying name someone (not 有人/网传, not a long clause)."""
    name = name.strip()
    return bool(name) and not _NOT_A_SPEAKER.match(name) and _words(name) >= 2


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


def attributions(text: str, start: int, end: int) -> tuple[Attribution, ...]:
    """The statements attributed in the sentence text[start:end]."""
    sentence = text[start:end]
    found: list[Attribution] = []

    def add(a: int, b: int, how: str) -> None:
        a, b = _content(text, start + a, start + b)
        if _words(text[a:b]) >= MIN_CLAIM_CHARS:
            found.append(Attribution(start, end, a, b, how))

    quotes = list(_quotations(text, start, end))
    long_quotes = [(a, b) for a, b in quotes if _words(text[a:b]) >= MIN_QUOTE_CHARS]
    outside = re.sub(r"“[^”]*”|「[^」]*」|『[^』]*』|\"[^\"]*\"", "", sentence)
    if long_quotes and (_SAY.search(outside) or _WHO.search(outside)):
        for a, b in long_quotes:
            add(a - start, b - start, "quotation")
        return tuple(found)
    if (m := _BY.match(sentence)) is not None:
        add(m.end(), len(sentence), "according_to")
    elif (m := _LEAD.match(sentence)) is not None and _speaker(m.group(1)):
        add(m.end(), len(sentence), "speaker_first")
    elif (m := _TAIL.search(sentence)) is not None and _speaker(m.group(1)):
        add(0, m.start(), "speaker_last")
    return tuple(found)


def find_sentences(text: str) -> list[Sentence]:
    """Every sentence of the text with the statements attributed in it."""
    return [Sentence(s, e, text[s:e], attributions(text, s, e)) for s, e in split_sentences(text)]


def check_document(searcher: SearchService, text: str,
                   check: Callable[[SearchService, str], Verification] | None = None) -> DocumentCheck:
    """Every attributed statement of `text` checked against the record (`check_claim` by default), in order;
    statements past MAX_CHECKED are listed unchecked. Slow (one claim check per statement): off the event loop."""
    if check is None:
        from index.claims.verdict import check_claim as check
    sentences = find_sentences(text)
    claims: list[CheckedClaim] = []
    for sentence in sentences:
        for a in sentence.attributions:
            claim = text[a.claim_start:a.claim_end]
            verification = check(searcher, claim) if len(claims) < MAX_CHECKED else None
            claims.append(CheckedClaim(a, claim, verification))
    return DocumentCheck(text, tuple(sentences), tuple(claims))
