"""A platform's community Q&A copied to Markdown (an open-data portal's 开发者社区): each topic a heading that asks
("## 1. 【接口调用】……？"), the asker's byline and words under it, then replies headed by what kind of reply they are and
who gives it ("**官方回复｜……局　数据资源科科长　高晓峰**", "**数据提供单位｜……局**"), a follow-up ("**昵称** 追问：……").
Rewritten as a transcript: each topic an answered question, each headed reply its answerer's; other users' comments
("**昵称**：同问"), likes and the page around the topics are nobody's words, a topic no headed reply answers is left out."""

from __future__ import annotations

import re

from index.parsing.people import parse_person

_TOPIC = re.compile(r"^#{1,4}[ \t]+(?:\d{1,3}[.、．][ \t]*)?(?:【[^】\n]{1,8}】[ \t]*)?(?P<asked>\S.{2,120}?[？?])[ \t]*$")
_REPLY_HEAD = re.compile(r"^\*\*(?P<kind>[\u4e00-\u9fff]{2,8})[｜|](?P<who>[^*\n]{2,60})\*\*[ \t]*$")
_FOLLOW_UP = re.compile(r"^\*\*(?P<nick>[^*\n]{1,30})\*\*[ \t\u3000]*追问[：:][ \t\u3000]*(?P<asked>\S.*)$")
_COMMENT = re.compile(r"^\*\*[^*\n]{1,30}\*\*[ \t\u3000]*(?:[：:]|提问于)")
_LIKES = re.compile(r"^(?:👍|💬|赞|评论)[ \t\u3000\d👍💬赞评论]*$")
_FENCE = re.compile(r"^```")
_LINK = re.compile(r"\[[^\]\n]*\]\([^)\n]*\)")
MAX_NAV_WORDS = 8  # what a bar of links may hold besides them: the page it is on ("**开发者社区**", "› 精选问答")


def _navigation(line: str) -> bool:
    """A bar of two links or more and little else (a site's menu, a breadcrumb)."""
    rest = re.sub(r"[*_ \t\u3000·|｜›»>/]", "", _LINK.sub("", line))
    return len(_LINK.findall(line)) >= 2 and len(rest) <= MAX_NAV_WORDS
MIN_REPLIES = 2


def _who(words: str) -> str:
    """A reply's answerer: "高晓峰（……局数据资源科科长）" when it names a person, else the unit as written."""
    parts = re.split(r"[ \t\u3000]+", words.strip())
    person = parse_person("".join(parts[:-1]) + parts[-1]) if len(parts) > 1 else None
    if person is not None and person.name == parts[-1]:
        return f"{person.name}（{''.join(parts[:-1])}）"
    return f"【{words.strip()}】"


def forum_replies_as_text(body: str) -> str | None:
    """The topics as questions and their headed replies; None when the page has fewer than MIN_REPLIES headed replies
    under topics that ask."""
    lines = body.split("\n")
    starts = [i for i, line in enumerate(lines) if _TOPIC.match(line.strip())]
    if not starts or sum(1 for line in lines if _REPLY_HEAD.match(line.strip())) < MIN_REPLIES:
        return None
    turns: list[tuple[list[str], list[tuple[str, list[str]]]]] = []
    for at, end in zip(starts, [*starts[1:], len(lines)]):
        question, replies = [_TOPIC.match(lines[at].strip())["asked"]], []  # type: ignore[index]
        turns.append((question, replies))
        state, fenced = "question", False
        for line in lines[at + 1:end]:
            words = line.strip()
            if _FENCE.match(words):
                fenced = not fenced
            elif fenced or not words or _LIKES.match(words) or words.startswith(("---", "**相关", "- [", "[")):
                continue
            elif head := _REPLY_HEAD.match(words):
                replies.append((_who(head["who"]), []))
                state = "reply"
            elif follow := _FOLLOW_UP.match(words):
                question, replies = [follow["asked"]], []
                turns.append((question, replies))
                state = "question"
            elif _COMMENT.match(words):
                state = state if "提问于" in words else "none"  # the asker's byline, or another user's comment
            elif state == "question":
                question.append(words)
            elif state == "reply":
                replies[-1][1].append(words)
    answered = [(q, [(who, said) for who, said in r if said]) for q, r in turns]
    answered = [(q, r) for q, r in answered if r]
    if sum(len(r) for _, r in answered) < MIN_REPLIES:
        return None
    head = [line for line in lines[:starts[0]] if line.strip() and not line.strip().startswith("---")
            and not _navigation(line)]  # the site's navigation and breadcrumb: no one's words
    tail = [line for line in lines[starts[-1]:] if "主办" in line]
    out = [*head, *tail]
    for question, replies in answered:
        out.append("问：" + "\n".join(question))
        out += [(f"{who}" if who.startswith("【") else f"{who}：") + "\n".join(said) for who, said in replies]
    return "\n\n".join(out) + "\n"
