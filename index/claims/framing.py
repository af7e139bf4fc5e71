"""Claim framing: what is said around a claim rather than claimed (``请问``, ``据……介绍，``, ``邢海文：``,
``是真的吗``), taken off its start and end before the claim is aligned with the record."""

from __future__ import annotations

import re

from index.claims.quantities import Tokenised, tokenise

_VERB = r"(?:说|表示|介绍|指出|提到|强调|透露|谈到|坦言|称(?=[\s，,：:]))(?:过|了|道)?"
_LEAD_RE = re.compile(
    r"[\s\"“”'‘’「」『』]*(?:请问|请帮忙核实|请帮我核实|请核实|核实一下|想问一下|想问|问一下|是不是真的|是不是|"
    r"网上有人说|有人说|有人讲|听说|据说|网传|网上说|传言|有报道称|据报道|报道称|据悉|据了解|据介绍)[\s，,：:、]*"
)
_ATTR_RE = re.compile(r"[\s\"“”'‘’「」『』]*(?:据)?[^\s，。！？,.!?；;：:“”\"「」『』]{1,24}?" + _VERB + r"[\s，,：:]*")
_LABEL_RE = re.compile(r"[\s\"“”'‘’「」『』]*[^\s，。！？,.!?；;：:“”\"「」『』]{1,12}[：:]\s*")  # 邢海文：
_TAIL_RE = re.compile(
    r"(?:[\s，,]*(?:这是真的吗|是不是真的|是真的吗|是否属实|属实吗|对不对|对吗|是吗|没错吧|吗|呢)"
    r"|[\s，,]+[^\s，。！？,.!?；;：:]{1,24}?" + _VERB + r")[\s。？?！!…\.~～\"”’」』]*$"
)
_END_PUNCT = frozenset("。？?！!….~～\"”’」』")


def framing_span(claim: str) -> tuple[int, int]:
    """The span of the claim left once leading and trailing framing is taken off."""
    start, end = 0, len(claim)
    for _ in range(4):
        m = next((m for r in (_LEAD_RE, _ATTR_RE, _LABEL_RE) if (m := r.match(claim, start, end))), None)
        if m is None or m.end() == start:
            break
        start = m.end()
    while end > start and (claim[end - 1] in _END_PUNCT or claim[end - 1].isspace()):
        end -= 1
    tail = _TAIL_RE.search(claim, max(start, end - 40), end)  # a bounded window: no quadratic search
    if tail is not None:
        end = tail.start()
    return (start, end) if start < end else (0, len(claim))


def claim_forms(claim: str) -> tuple[Tokenised, Tokenised | None, tuple[int, int]]:
    """The whole claim tokenised, its body without framing (None when there is no framing), and the body's span."""
    full = tokenise(claim, 0, len(claim))
    start, end = framing_span(claim)
    if (start, end) == (0, len(claim)):
        return full, None, (0, len(claim))
    body = tokenise(claim, start, end)
    return full, (body if body.norm else None), (start, end)
