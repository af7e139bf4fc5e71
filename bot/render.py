"""Plain-text views for the terminal: a parsed corpus file, for an operator checking a new interview."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from typing import TYPE_CHECKING

from index.records import Hit, Interview, Passage, SearchResult

if TYPE_CHECKING:
    from index.claims.verdict import Verification


def _short(text: str, width: int = 70) -> str:
    flat = text.replace("\n", " / ")
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def render_inspection(interview: Interview) -> str:
    meta = interview.metadata
    lines = [f"file: {interview.file}", "metadata:"]
    for key, value in meta.to_dict().items():
        shown = " ".join(value) if isinstance(value, list) else value
        lines.append(f"  {key:12} {shown if shown else '—'}")
    lines.append(f"turns: {len(interview.turns)}")
    for i, turn in enumerate(interview.turns, 1):
        lines.append(f"  {i}. {turn.asker or '—'}：{_short(turn.question, 60)}")
        lines.append(f"     {turn.answerer or '—'}：{_short(turn.answer, 60)}")
    lines.append(f"passages: {len(interview.passages)}")
    for p in interview.passages:
        where = f"[{p.start}:{p.end}]"
        head = f" 【{p.heading}】" if p.heading else ""
        lines.append(f"  {p.passage_id} {p.kind:7} {where:12}{head}")
        lines.append(textwrap.indent(_short(p.text), "      "))
    if interview.warnings:
        lines.append("warnings:")
        lines.extend(f"  - {w}" for w in interview.warnings)
    return "\n".join(lines)


def render_hit_text(hit: Hit, number: int | None = None, emphasis: Callable[[str], str] | None = None) -> str:
    """One answer card as plain text: who said it, to which question, the verbatim quote, the source.

    `emphasis` wraps the best sentence (e.g. in ANSI bold on a terminal); by default it is not marked."""
    p = hit.passage
    speaker = f"{p.speaker}（{p.role}）" if p.role else p.speaker
    kind = {"intro": "导语", "summary": "访谈总结"}.get(p.kind)
    lines = [f"{f'[{number}] ' if number else ''}{p.bureau or '—'} · {speaker}{f' · {kind}' if kind else ''}"]
    if p.question:
        lines.append(f"问（{p.asker or '记者'}）：{p.question}")
    if p.heading and not p.text.startswith(p.heading):
        lines.append(f"【{p.heading}】")
    text = p.text
    if emphasis is not None and hit.best_sentence:
        start, end = hit.best_sentence
        text = text[:start] + emphasis(text[start:end]) + text[end:]
    lines.append(f"“{text}”")
    lines.append("出处：" + source_line(hit))
    return "\n".join(lines)


def source_rows(p: Passage) -> list[tuple[str, str]]:
    """The source details of a passage as (label, value) pairs, the empty ones left out."""
    rows = [("单位", p.bureau), ("受访人", f"{p.interviewee}（{p.role}）" if p.role else p.interviewee),
            ("发言人", p.speaker if p.speaker != p.interviewee else None), ("提问", p.asker),
            ("标题", f"《{p.title}》" if p.title else None), ("系列", p.series), ("媒体", p.outlet),
            ("日期", p.date), ("链接", p.url), ("文件", f"{p.file}，第{p.start}–{p.end}字"),
            ("段落编号", p.passage_id)]
    return [(label, value) for label, value in rows if value]


def source_line(hit: Hit) -> str:
    p = hit.passage
    parts = [x for x in (p.outlet, f"《{p.title}》" if p.title else None, p.date, p.url) if x]
    parts.append(f"{p.file} 第{p.start}–{p.end}字")
    return "，".join(parts)


def render_result_text(result: SearchResult) -> str:
    if not result.answered:
        return "访谈中没有找到相关内容。（not found in the interviews）"
    return "\n\n".join(render_hit_text(hit, i) for i, hit in enumerate(result.hits, 1))


VERDICT_TEXT = {
    "verbatim": "原文如此（verbatim）：这一说法的措辞见于访谈原文。",
    "differs": "与原文有出入（differs）：访谈中有相近的说法，但以下内容不同。",
    "not_found": "访谈中没有找到这一说法（not_found）。",
}


def render_verification_text(verification: Verification) -> str:
    lines = [f"说法：{verification.claim}", VERDICT_TEXT[verification.verdict]]
    for difference in verification.differences:
        kind = "数字" if difference.kind == "number" else "文字"
        lines.append(f"  - {kind}：说法「{difference.claim or '（无）'}」，原文「{difference.record or '（无）'}」")
    for equal in verification.alignment.equivalents:
        lines.append(f"  - 写法不同、数值相同：「{equal.claim}」=「{equal.record}」")
    for number, hit in enumerate(verification.hits, 1):
        lines.append("")
        lines.append(render_hit_text(hit, number))
    return "\n".join(lines)
