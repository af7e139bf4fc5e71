"""Plain-text views for the terminal: a parsed corpus file, for an operator checking a new interview."""

from __future__ import annotations

import textwrap

from index.models import Interview


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
