"""A speech-to-text transcript whose speakers are only numbered by diarization ("发言人1　00:00:05" over each segment,
as 讯飞听见, 通义听悟, 飞书妙记 and the like export them), rewritten as a transcript with names: each number is the
person who says who they are in their own words ("我是主持人苏沐晴", "我是邵景川"); a number that never says and only
asks is a caller (网友); the service's own summary, keywords and chapter list are nobody's words. Consecutive segments
of one speaker are one turn."""

from __future__ import annotations

import re

from index.parsing.people import is_person_name

_SEGMENT = re.compile(r"^(?P<who>(?:发言人|说话人|讲话人|Speaker)[ \t]?\d{1,2})[ \t\u3000]+\d{1,2}:\d{2}(?::\d{2})?[ \t]*$", re.I)
MIN_SEGMENTS = 4
_HOST_SAYS = re.compile(r"我是(?:本期|今天的)?主持人[ \t]*(?P<name>[\u4e00-\u9fff·]{2,4}?)(?=[，。,！!、\s]|$)")
_NAME_SAYS = re.compile(r"我是(?P<name>[\u4e00-\u9fff·]{2,4}?)(?=[，。,！!、\s]|$)")
# the service's own sections before the words: an AI summary, keywords, a chapter list ("00:00:49　……？")
_SERVICE_HEADS = re.compile(r"^(?:智能摘要|AI ?摘要|全文摘要|内容摘要|章节速览|章节概要|智能章节|发言总结|待办事项|文字记录|转写全文)$", re.I)
_SERVICE_LINE = re.compile(r"^(?:关键词|发言人|参会人|说话人)[：:]|^\d{1,2}:\d{2}(?::\d{2})?[ \t\u3000]+\S|^[—\-]{2}.*[—\-]{2}$")
SELF_INTRODUCTION_SEGMENTS = 2  # who someone is, said in their first segments


def diarized_as_text(text: str) -> str | None:
    """The transcript with each segment labelled by who speaks ("苏沐晴：……" as 主持人, "邵景川：……", "网友：……"),
    the lines above the first segment kept but the service's sections; None when it is no diarized transcript."""
    lines = text.splitlines()
    heads = [i for i, line in enumerate(lines) if _SEGMENT.match(line.strip())]
    if len(heads) < MIN_SEGMENTS:
        return None
    segments: list[tuple[str, list[str]]] = []
    for at, end in zip(heads, [*heads[1:], len(lines)]):
        words = [line.strip() for line in lines[at + 1 : end] if line.strip() and not _SERVICE_LINE.match(line.strip())]
        who = re.sub(r"\s+", "", _SEGMENT.match(lines[at].strip())["who"])  # type: ignore[index]
        if segments and segments[-1][0] == who:
            segments[-1][1].extend(words)
        elif words:
            segments.append((who, words))
    names = _names(segments)
    out = _preamble(lines[: heads[0]])
    for who, words in segments:
        out += ["", f"{names.get(who, '嘉宾')}：{words[0]}", *(f"\n{w}" for w in words[1:])]
    return "\n".join(out).strip() + "\n"


def _preamble(lines: list[str]) -> list[str]:
    """The title, source and notes above the words; from the service's first section (智能摘要, 章节速览) on, its
    summary, keywords and chapters, which nobody said."""
    kept: list[str] = []
    for line in lines:
        words = line.strip()
        if _SERVICE_HEADS.match(words):
            break
        if not _SERVICE_LINE.match(words):
            kept.append(line)
    return kept


def _names(segments: list[tuple[str, list[str]]]) -> dict[str, str]:
    """Each number's label: the host (主持人), a name said by its speaker, or 网友 for one who only asks."""
    names: dict[str, str] = {}
    for who in dict.fromkeys(w for w, _ in segments):
        said = [" ".join(words) for w, words in segments if w == who]
        opening = " ".join(said[:SELF_INTRODUCTION_SEGMENTS])
        if host := _HOST_SAYS.search(opening):
            names[who] = f"主持人 {host['name']}" if is_person_name(host["name"]) else "主持人"
        elif (named := _NAME_SAYS.search(opening)) and is_person_name(named["name"]):
            names[who] = named["name"]
        elif any(re.search(r"[？?]", s) for s in said):
            names[who] = "网友"
    return names
