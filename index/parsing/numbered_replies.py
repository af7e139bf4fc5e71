"""Questions listed once by number (a WeChat 接龙 quoted in a 公众号 article: "> 1. 3栋　王姐　……？"), then answered
by number under headings ("**第1条　3栋　王姐**", then "**黎书记：**……"): each heading is replaced by the question it
names ("问：……？"), so the answers under it answer that question, and the item answered leaves the list (the rest stay:
"同问楼上", one nobody answered); headings one under the other with nothing between ("**第2条……**", "**第6条……**") are
one question of two parts, answered together."""

from __future__ import annotations

import re

# an item of the list: its number, then who put it and the question ("1. 3栋　王姐　……？"), in a quote or not
_ITEM = re.compile(r"^[ \t]*(?:>[ \t]*)*(?P<n>\d{1,3})[.、．][ \t\u3000]*(?P<words>\S.*)$")
# a heading naming an item by number: "**第1条　3栋　王姐**", "### 第2问", "【第3条】"; in a 信息公开 答复书 "一、关于第1项",
# "（二）关于您申请的第2项信息"
_HEADING = re.compile(r"^[ \t]*(?:#{1,6}[ \t]+)?(?:\*\*|__)?[【\[]?"
                      r"(?:(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)])[ \t\u3000]*)?"
                      r"(?:关于(?:您|你)?(?:申请|提出|反映)?的?)?第(?P<n>\d{1,3})(?:条|问|个问题|项|点)(?:信息|申请|问题)?[】\]]?"
                      r"(?P<rest>[^*_\n：:。？?]{0,30})(?:\*\*|__)?[ \t]*$")
_FIELDS = re.compile(r"[ \t\u3000]{1,}")  # 楼栋　称呼　问题: the fields of an item, apart
_ASKS = re.compile(r"[？?]")
MIN_ANSWERED = 2


def _question(words: str) -> str | None:
    """The question of an item ("3栋　王姐　……？" -> "……？": who put it, before, is no part of it); None for an item
    that asks nothing ("同问楼上", "+1，坐等答复")."""
    parts = [part for part in _FIELDS.split(words.strip()) if part]
    asking = [i for i, part in enumerate(parts) if _ASKS.search(part)]
    if not asking:
        return None
    return "".join(parts[asking[0]:]) if asking[0] > 0 else words.strip()


def numbered_replies_as_text(body: str) -> str | None:
    """The text with each numbered heading replaced by the question it names; None when it is no such page (fewer
    than two headings naming listed questions after the list)."""
    lines = body.split("\n")
    items: dict[str, tuple[int, str]] = {}
    for i, line in enumerate(lines):
        if item := _ITEM.match(line):  # an item that asks nothing ("同问楼上") is named by no heading
            items.setdefault(item["n"], (i, _question(item["words"]) or item["words"].strip()))
    if not items:
        return None
    listed_until = max(i for i, _ in items.values())
    headings = [i for i, line in enumerate(lines)
                if i > listed_until and (m := _HEADING.match(line)) and m["n"] in items]
    if len(headings) < MIN_ANSWERED:
        return None
    used = {items[_HEADING.match(lines[i])["n"]][0] for i in headings}  # type: ignore[index]
    out: list[str] = []
    group: list[str] = []
    for i, line in enumerate(lines):
        if i in used:
            continue  # the item is asked where it is answered: listed once, not twice
        if i in headings:
            group.append(items[_HEADING.match(line)["n"]][1])  # type: ignore[index]
            continue
        if group and not line.strip() and i + 1 < len(lines) and i + 1 in headings:
            continue  # a blank line between two headings: still one group
        if group:
            out.append(f"问：{''.join(group)}")
            group = []
        out.append(line)
    if group:
        out.append(f"问：{''.join(group)}")
    return "\n".join(out)


# a vox pop's questions listed by circled number ("**①** ……？", with "——……的郝女士" below), then answered by number:
# "**回应①｜市交通运输局副局长　宓建华：**……", "**回应③（补充）｜……：**……"
_CIRCLED_ITEM = re.compile(r"^[ \t]*(?:\*\*|__)?(?P<n>[①-⑳])(?:\*\*|__)?[ \t\u3000]*(?P<words>\S.*)$")
_ATTRIBUTION = re.compile(r"^[ \t]*(?:——|—|--)[^\n]{1,60}$")  # "——在潖江路公交站等车的郝女士（34岁）"
_CIRCLED_REPLY = re.compile(r"^[ \t]*(?P<md>\*\*|__)?(?:回应|答复|回复|解答)(?P<n>[①-⑳])(?:[（(]补充[）)])?[ \t\u3000]*[｜|]"
                            r"[ \t\u3000]*(?P<label>[^：:\n*_]{2,40}?)[ \t\u3000]*[：:](?:\*\*|__)?[ \t\u3000]*(?P<words>.*)$")


def circled_replies_as_text(body: str) -> str | None:
    """The text with each reply by circled number ("回应①｜……：") put after the question it names, as "问：……" then
    "LABEL：……"; the list of questions goes, and a question no reply names (one passed on) with it. None when it is no
    such page (fewer than two replies naming listed questions)."""
    lines = body.split("\n")
    items: dict[str, str] = {}
    listed: set[int] = set()
    for i, line in enumerate(lines):
        if (item := _CIRCLED_ITEM.match(line)) and _ASKS.search(item["words"]):
            items.setdefault(item["n"], item["words"].strip())
            listed.add(i)
            after = next((k for k in range(i + 1, min(i + 3, len(lines))) if lines[k].strip()), None)
            if after is not None and _ATTRIBUTION.match(lines[after]):
                listed.add(after)
    replies = [i for i, line in enumerate(lines) if (m := _CIRCLED_REPLY.match(line)) and m["n"] in items]
    if len(replies) < MIN_ANSWERED:
        return None
    out: list[str] = []
    asked: set[str] = set()
    for i, line in enumerate(lines):
        if i in listed:
            continue
        if i in replies:
            reply = _CIRCLED_REPLY.match(line)
            if reply["n"] not in asked:  # type: ignore[index]
                out.extend([f"问：{items[reply['n']]}", ""])  # type: ignore[index]
                asked.add(reply["n"])  # type: ignore[index]
            out.append(f"{reply['label'].strip()}：{reply['words']}")  # type: ignore[index]
            continue
        out.append(line)
    return "\n".join(out)
