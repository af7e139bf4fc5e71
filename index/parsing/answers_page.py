"""A Q&A site's answers page clipped to Markdown (a bureau's 知乎 account: "## [the question](link)" over each answer,
the account's byline, the answer, "发布于 …", a 赞同/评论 bar, then comments), rewritten as a transcript: each question
title (with the asker's 问题描述) then the answer; a comment the account replied to is a question of its own with that
reply as its answer. Bylines, bars, dates, unanswered comments and the site's links are nobody's words."""

from __future__ import annotations

import re

_LINKS_ONLY = re.compile(r"^(?:\**\[[^\]]*\]\([^)]*\)\**|\*\*[^*]+\*\*|[ \t·|｜]+)+$")  # "[首页](…) · [登录](…)"
_QUESTION_HEADING = re.compile(r"^#{1,4}[ \t]+\[(?P<question>[^\]\n]{4,200}[？?])\]\([^)\s]+\)[ \t]*$")
MIN_QUESTIONS = 2
_DESCRIPTION = re.compile(r"^>[ \t]*(?:问题描述|问题补充|补充说明)[：:][ \t]*(?P<words>.+)$")
_BYLINE = re.compile(r"^(?:!\[[^\]]*\]\([^)]*\)[ \t]*)?\*\*[^*\n]{1,30}\*\*[ \t\u3000]")  # avatar, **account**, tagline
_END_OF_ANSWER = re.compile(r"^(?:发布于|编辑于|更新于)[ \t]*\d")
_FURNITURE = re.compile(r"^(?:▲|!\[[^\]]*\]\([^)]*\)$|\[[^\]]*\]\([^)]*\)$|\*\*\d+[ \t]*条评论\*\*|-{3,}$)")
_COMMENT = re.compile(r"^[-*][ \t]+\*\*(?P<nick>[^*\n]{1,30})\*\*[：:][ \t]*(?P<words>.+?)(?:[ \t\u3000]+\d{2}-\d{2}.*)?$")
_REPLY = re.compile(r"^[ \t]+[-*][ \t]+\*\*(?P<author>[^*\n]{1,30})\*\*[ \t]*[（(]作者[）)][ \t]*回复[ \t]*\*\*(?P<nick>[^*\n]{1,30})\*\*"
                    r"[：:][ \t]*(?P<words>.+?)(?:[ \t\u3000]+\d{2}-\d{2}.*)?$")


def answers_page_as_text(body: str) -> str | None:
    """The page as "问：……" / "答：……" turns after the lines above the first question; None when it is no answers
    page (fewer than MIN_QUESTIONS linked question headings)."""
    lines = body.splitlines()
    starts = [i for i, line in enumerate(lines) if _QUESTION_HEADING.match(line.strip())]
    if len(starts) < MIN_QUESTIONS:
        return None
    out = [line for line in lines[: starts[0]] if not _LINKS_ONLY.match(line.strip())]  # the site's nav bars out
    for at, end in zip(starts, [*starts[1:], len(lines)]):
        out += ["", *_turns(lines[at:end])]
    return "\n".join(out).rstrip() + "\n"


def _turns(section: list[str]) -> list[str]:
    """One question's section: its question and answer, then its comments the author answered."""
    question = [_QUESTION_HEADING.match(section[0].strip())["question"]]  # type: ignore[index]
    answer: list[str] = []
    comments: dict[str, str] = {}
    replies: list[tuple[str, str, str]] = []
    ended = False
    for line in section[1:]:
        words = line.strip()
        if (description := _DESCRIPTION.match(words)) and not answer:
            question.append(description["words"])
        elif reply := _REPLY.match(line):
            replies.append((reply["nick"].strip(), comments.get(reply["nick"].strip(), ""), reply["words"]))
        elif comment := _COMMENT.match(line):
            comments[comment["nick"].strip()] = comment["words"]
        elif _END_OF_ANSWER.match(words):
            ended = True
        elif words and not ended and not _FURNITURE.match(words) and not (not answer and _BYLINE.match(words)):
            answer.append(words)
    turns = [f"问：{' '.join(question)}", "", f"答：{answer[0]}", *(f"\n{a}" for a in answer[1:])] if answer else []
    for nick, asked, reply in replies:
        if asked:
            turns += ["", f"网友“{nick}”：{asked}", "", f"答：{reply}"]
    return turns
