"""A Weibo topic page clipped to text (#问政……#: posts under "### 昵称", each with its comments "- **昵称**：……" and
replies nested under them) where bureaus' verified accounts reply, rewritten as a transcript: each question (a post,
or a comment a unit's reply answers) followed by the replies to it, in page order. A unit's comment answers the post
or comment of the one it replies to ("回复@昵称："), else the post it is under; the unit is the one its verification
names ("✓ 芪崦市公安局官方微博"). A verified account that only forwards ("已转@芪崦卫健 ，请关注回复。"), comments no
unit answers, times, likes and counts are nobody's words."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from index.parsing.transcript import transcript

_POST = re.compile(r"^#{2,4}[ \t]+(?P<nick>[^#\s].{0,30}?)[ \t]*$")
_POST_META = re.compile(r"^\d{1,2}月\d{1,2}日[ \t\u3000]+\d{1,2}:\d{2}(?:[ \t\u3000]+来自.*)?$")
_COUNTS = re.compile(r"^(?:(?:转发|评论|赞|点赞)[ \t\u3000]*\d+[ \t\u3000]*[｜|]?[ \t\u3000]*){2,}$")
_COMMENTS_HEAD = re.compile(r"^(?:\*\*|__)?评论(?:[（(][^）)]{0,8}[）)])?(?:\*\*|__)?$")
_COMMENT = re.compile(r"^(?P<indent>[ \t]*)[-*][ \t]+(?:\*\*|__)?(?P<nick>[^*_：:\n✓]{1,30}?)(?:\*\*|__)?"
                      r"(?:[ \t\u3000]*[✓✔V][ \t\u3000]*(?P<unit>[^：:\n]{4,40}?)(?:官方微博|官方账号|政务微博))?"
                      r"[ \t\u3000]*[：:][ \t\u3000]*(?P<words>.*)$")
_TIME_LIKES = re.compile(r"^\d{1,2}-\d{1,2}[ \t\u3000]+\d{1,2}:\d{2}(?:[ \t\u3000]*👍[ \t\u3000]*\d+)?$")
_REPLY_TO = re.compile(r"^回复[ \t]*@(?P<nick>[^：:\s]{1,30})[ \t]*[：:][ \t]*")
_LEADING_TAGS = re.compile(r"^(?:#[^#\n]{1,20}#[ \t\u3000]*)+")
_FORWARD = re.compile(r"^(?:已转|转给|已转交)[ \t]*(?:@[^\s@，,。]{1,20}[ \t]*[，,、]?[ \t]*)+[，,]?[^。！？]{0,12}[。！]?$")
# the topic's counts and tabs above the posts: "阅读 1.2亿 ｜ 讨论 2.8万", "[综合] [实时] [热门]"
_PAGE_BAR = re.compile(r"^(?:(?:阅读|讨论|原创人数)[ \t\u3000]*[\d.]+[万亿]?[ \t\u3000]*[｜|]?[ \t\u3000]*){2,}$|"
                       r"^(?:\[[^\]\n]{1,6}\][ \t\u3000]*)+$")
MIN_POSTS = 2


@dataclass
class _Item:
    nick: str
    unit: str | None
    words: str
    post: int  # the post it is under (its own number for a post)
    to: str | None = None  # whom it replies to ("回复@昵称")
    replies: list[_Item] = field(default_factory=list)


def weibo_topic_as_text(body: str) -> str | None:
    """The topic page as a transcript, the lines above its first post kept as they are; None when `body` is no such
    page (fewer than MIN_POSTS posts with comments) or no verified unit replies in it."""
    lines = body.split("\n")
    posts = [i for i, line in enumerate(lines) if _POST.match(line.strip()) and _has_comments(lines, i)]
    if len(posts) < MIN_POSTS:
        return None
    items: list[_Item] = []
    for n, at in enumerate(posts):
        end = posts[n + 1] if n + 1 < len(posts) else len(lines)
        items.extend(_items(lines[at:end], n))
    if not any(item.unit for item in items):
        return None
    for index, item in enumerate(items):
        if item.unit and (target := _answered(item, items[:index])) is not None:
            target.replies.append(item)
    # the page's heading "# #问政芪崦#" as its title "问政芪崦"; its counts and tabs left out
    head = [re.sub(r"^(#{1,6}[ \t]+)#([^#\n]{1,20})#[ \t]*$", r"\1\2", line) for line in lines[: posts[0]]
            if not _PAGE_BAR.match(line.strip())]
    return transcript(["\n".join(head).strip()],
                      ((item.nick, item.words, [(f"{reply.unit}回复", reply.words) for reply in item.replies])
                       for item in items if item.unit is None and item.replies))


def _has_comments(lines: list[str], at: int) -> bool:
    """A post heading with a comments heading under it before the next heading."""
    for line in lines[at + 1:]:
        words = line.strip()
        if _COMMENTS_HEAD.match(words):
            return True
        if re.match(r"#{1,6}[ \t]", words):  # the next heading ("#问政芪崦# ……" is a post's topic tag)
            return False
    return False


def _items(lines: list[str], number: int) -> list[_Item]:
    """A post and its comments, in order."""
    nick = _POST.match(lines[0].strip())["nick"]
    words: list[str] = []
    items: list[_Item] = []
    in_comments = False
    for line in lines[1:]:
        text = line.strip()
        if not text or _POST_META.match(text) or _COUNTS.match(text) or _TIME_LIKES.match(text) or \
                re.fullmatch(r"[-*_]{3,}", text):
            continue
        if _COMMENTS_HEAD.match(text):
            in_comments = True
            continue
        if in_comments and (comment := _COMMENT.match(line)):
            said = comment["words"].strip()
            to = _REPLY_TO.match(said)
            unit = comment["unit"].strip() if comment["unit"] else None
            if unit and _FORWARD.match(said):
                continue  # the topic's host passing the post on
            items.append(_Item(comment["nick"].strip(), unit, said[to.end():] if to else said, number,
                               to["nick"] if to else None))
        elif not in_comments:
            words.append(text)
    post = _LEADING_TAGS.sub("", " ".join(words)).strip()
    return [_Item(nick, None, post, number), *items] if post else items


def _answered(reply: _Item, before: list[_Item]) -> _Item | None:
    """The citizen's post or comment a unit's reply answers: the latest by the one it replies to under the same post,
    else the post."""
    same_post = [item for item in before if item.post == reply.post and item.unit is None]
    if reply.to is not None:
        named = [item for item in same_post if item.nick == reply.to]
        if named:
            return named[-1]
    return same_post[0] if same_post else None
