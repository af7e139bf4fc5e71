"""Minutes of a 座谈会 in reported speech (会议纪要): numbered items in which someone raises a problem ("……公司总经理韩
立群反映，……。", "针对部分企业反映的……问题，") and a unit or an official replies ("市人社局副局长葛明远表示，……",
"市税务局回应：……", "市财政局补充，……"). Read as the problem asked and each reply labelled with who gave it; an item
no one replied to (转办 after the meeting) is a question without an answer."""

from __future__ import annotations

import re

from index.parsing.orgs import is_unit_name
from index.parsing.people import parse_person

_ITEM = re.compile(r"^[ \t\u3000]*(?P<n>\d{1,2}|[一二三四五六七八九十]{1,2})[．.、][ \t\u3000]*(?P<words>\S.*)$")
# who raises it: "……有限公司总经理韩立群反映，" (then the problem), or "针对……的问题，" (then the reply)
_RAISED = re.compile(r"^(?P<who>[^，。；：]{2,40}?)(?:反映|提出|反馈|询问|提问)(?:说)?[，,：:]")
_ABOUT = re.compile(r"^针对(?P<words>[^。；]{4,120}?问题)[，,]")
# who replies, at the start of a sentence: a unit or an official, then the verb of replying
_REPLY = re.compile(r"(?:^|(?<=[。；]))(?P<who>[^，。；：]{3,40}?)(?:表示|回应|答复|回复|介绍|说明|补充|解答)(?:说)?[，,：:]")
MIN_ITEMS = 2


def _replier(who: str) -> bool:
    """A unit ("国家税务总局泖嵛市税务局", "市财政局") or an official described with unit or role."""
    who = who.strip()
    if is_unit_name(who):
        return True
    person = parse_person(who)
    return person is not None and bool(person.name) and bool(person.org or person.role)


def _replies(paragraph: str) -> list[tuple[int, int, str]]:
    """(where the clause starts, where its words start, who) of each reply in a paragraph."""
    return [(m.start("who"), m.end(), m["who"].strip()) for m in _REPLY.finditer(paragraph) if _replier(m["who"])]


def minutes_as_text(body: str) -> str | None:
    """The minutes with each item as a question and its labelled replies; None when the text is no such minutes."""
    lines = body.split("\n")
    out: list[str] = []
    items = 0
    in_item = False
    for line in lines:
        item = _ITEM.match(line)
        if item is not None and (_RAISED.match(item["words"]) or _ABOUT.match(item["words"])):
            in_item = True
            words = item["words"]
            replies = _replies(words)
            first = replies[0][0] if replies else len(words)
            raiser = "企业"
            if about := _ABOUT.match(words):
                question = about["words"]
                rest = words[about.end():]  # "……问题，市自然资源和规划局副局长苏慕白表示，……": the reply right after
                replies = [(about.end() + a, about.end() + b, who) for a, b, who in _replies(rest)]
            else:
                raised = _RAISED.match(words)
                assert raised is not None
                question, raiser = words[raised.end():first].strip(), raised["who"].strip()
            out += [f"诉求 {raiser}：{question}", ""]  # an appeal: what is raised asks, with or without a question mark
            out += _labelled(words, replies)
            items += 1
        elif in_item and (replies := _replies(line.strip())) and replies[0][0] == 0:
            out += _labelled(line.strip(), replies)  # "市财政局补充，……": another reply to the same item
        else:
            in_item = in_item and not _heading(line)  # "二、会议要求": the items end there
            out.append(line)
    return "\n".join(out) if items >= MIN_ITEMS else None


def _labelled(words: str, replies: list[tuple[int, int, str]]) -> list[str]:
    """Each reply of a paragraph as "who：words"."""
    out: list[str] = []
    for k, (_, start, who) in enumerate(replies):
        end = replies[k + 1][0] if k + 1 < len(replies) else len(words)
        out += [f"{who}：{words[start:end].strip()}", ""]
    return out


def _heading(line: str) -> bool:
    """A section heading of the minutes ("二、会议要求"): the items end there."""
    return bool(re.match(r"^[ \t\u3000]*[一二三四五六七八九十]{1,2}、", line))
