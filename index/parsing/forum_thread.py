"""A forum thread copied as text (a 百姓问政 board: "#1楼　楼主", the poster, their counts, "发表于 …", the post, "回复
引用　举报") where a unit's verified account answers, rewritten as a transcript: each question (a post a unit's post
answers) followed by the replies to it, in the order the questions were posted. A unit's post answers the post it
quotes ("引用 昵称 发表于 …" over the quoted words), else the floor it names ("回复 6# 昵称"), else the first post.
The unit is the one its verification names ("[政务认证：洮淇市城市管理局官方账号]"): its account's nickname is no
name. Posts no unit answers ("顶！", "mark"), the counts, the signatures, the action bars and the page around the
thread are nobody's words."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from index.parsing.transcript import transcript

# "#1楼　楼主", "#5楼", "5#", "第5楼", "2楼 沙发"
_FLOOR = re.compile(r"^(?:#[ \t]*(?P<a>\d{1,4})[ \t]*楼?|第?(?P<b>\d{1,4})[ \t]*(?:楼|#))(?:[ \t\u3000]+[\u4e00-\u9fff]{1,3})?$")
# "洮淇城管　[政务认证：洮淇市城市管理局官方账号]": a unit's verified account
_VERIFIED = re.compile(r"[\[【［(（][ \t]*(?:政务认证|官方认证|机构认证|认证)[：:][ \t]*(?P<unit>[^\]】］)）\s]{4,40}?)"
                       r"(?:官方账号|官方帐号|账号|帐号)?[ \t]*[\]】］)）]")
_COUNTS = re.compile(r"(?:主题|帖子|积分|精华|金币|威望)[ \t\u3000]*\d+")
_POSTED = re.compile(r"^(?:发表于|发布于|发表时间[：:])[ \t\u3000]*\d{4}[-/年]")
_EDITED = re.compile(r"^本帖最后由.{1,40}编辑$")
_ACTIONS = re.compile(r"^(?:回复|引用|举报|支持|反对|分享|收藏)(?:[ \t\u3000]+|\(\d+\)|$)")
_QUOTED = re.compile(r"^引用[ \t\u3000]+(?P<nick>\S.{0,30}?)[ \t\u3000]+(?:发表于|于)[ \t\u3000]*\d{4}[-/年].*$")
_REPLY_TO = re.compile(r"^回复[ \t\u3000]*(?:#[ \t]*(?P<a>\d{1,4})|(?P<b>\d{1,4})[ \t]*[#楼])[ \t\u3000]*(?P<nick>\S{0,30})[ \t\u3000]*$")
_SIGNATURE_RULE = re.compile(r"^[-—_=─]{6,}")  # a signature under it (on the same line once a wrap was undone)
_THREAD_TITLE = re.compile(r"^[\[【［][\u4e00-\u9fff]{1,8}[\]】］][ \t\u3000]*(?P<title>\S.{3,80}?)[ \t\u3000]*(?:[\[【［]复制链接[\]】］])?$")
# the site's bars above the thread: its navigation, breadcrumb, counts and buttons
_PAGE_FURNITURE = re.compile(r"[|｜›»]|返回列表|发新帖|复制链接|^查看[:：]")
MIN_FLOORS = 3


@dataclass
class _Post:
    floor: int
    nick: str
    unit: str | None
    words: list[str]
    quoted: tuple[str, str] | None = None  # (nick, words) of the post it quotes
    replies_to: int | None = None
    replies: list[_Post] = field(default_factory=list)


def forum_thread_as_text(body: str) -> str | None:
    """The thread as a transcript, its title first; None when `body` is no forum thread (fewer than MIN_FLOORS
    floors) or no unit's verified account answers in it."""
    if sum(1 for line in body.split("\n") if _FLOOR.match(line.strip())) < MIN_FLOORS:
        return None
    from index.parsing.reflow import unwrap

    # a thread copied hard-wrapped: each post's lines joined again, its floor, poster, counts and bars never
    lines = unwrap(body, lambda line: bool(_FLOOR.match(line.strip())), _stands_alone).split("\n")
    floors = [i for i, line in enumerate(lines) if _FLOOR.match(line.strip())]
    posts = [post for n, at in enumerate(floors)
             if (post := _post(lines[at: floors[n + 1] if n + 1 < len(floors) else len(lines)])) is not None]
    if not any(p.unit for p in posts):
        return None
    for post in posts:
        if post.unit and (target := _answered(post, posts)) is not None:
            target.replies.append(post)
    title = next((m["title"] for line in lines[: floors[0]] if (m := _THREAD_TITLE.match(line.strip()))), None)
    # above the thread: its notes and fields ("问政状态：已回复"), not the site's bars (nor what a wrap left of them)
    head = [line for line in lines[: floors[0]] if not _PAGE_FURNITURE.search(line)
            and re.search(r"[。！？）)]$|[：:]", line.strip())]
    return transcript([title or "", "\n".join(head).strip()],
                      ((post.nick, "\n".join(post.words), [(f"{reply.unit}回复", "\n".join(reply.words))
                                                            for reply in post.replies])
                       for post in posts if post.unit is None and post.replies))


def _stands_alone(line: str) -> bool:
    """A line of a post's frame, never part of its words."""
    words = line.strip()
    return bool(_FLOOR.match(words) or _VERIFIED.search(words) or (_COUNTS.search(words) and "|" in words)
                or _POSTED.match(words) or _EDITED.match(words) or _QUOTED.match(words) or _REPLY_TO.match(words)
                or (_ACTIONS.match(words) and re.search(r"举报|支持|反对", words)) or _SIGNATURE_RULE.match(words))


def _post(lines: list[str]) -> _Post | None:
    """One floor: its number, who posted (and the unit, if verified), its words without the quote, the counts, the
    action bar or the signature."""
    floor_match = _FLOOR.match(lines[0].strip())
    assert floor_match is not None
    rest = [line.strip() for line in lines[1:]]
    nonempty = [i for i, line in enumerate(rest) if line]
    if not nonempty:
        return None
    poster = rest[nonempty[0]]
    verified = _VERIFIED.search(poster)
    nick = _VERIFIED.sub("", poster).strip(" \t\u3000")
    words: list[str] = []
    quoted: tuple[str, str] | None = None
    replies_to = None
    body = rest[nonempty[0] + 1:]
    i = 0
    while i < len(body):
        line = body[i]
        i += 1
        if not line or _COUNTS.search(line) and "|" in line or _POSTED.match(line) or _EDITED.match(line):
            continue
        if not words and (reply := _REPLY_TO.match(line)):
            replies_to = int(reply["a"] or reply["b"])
            continue
        if _ACTIONS.match(line) and re.search(r"举报|支持|反对", line):
            break  # the action bar ends the post
        if _SIGNATURE_RULE.match(line):
            break  # a signature follows
        if not words and (quote := _QUOTED.match(line)):
            following = next((j for j in range(i, len(body)) if body[j]), None)
            quoted = (quote["nick"].strip(), body[following] if following is not None else "")
            i = (following + 1) if following is not None else len(body)
            continue
        words.append(line)
    if not words:
        return None
    return _Post(int(floor_match["a"] or floor_match["b"]), nick, verified["unit"] if verified else None, words, quoted,
                 replies_to)


def _answered(post: _Post, posts: list[_Post]) -> _Post | None:
    """The citizen's post a unit's post answers: the quoted one, the named floor, else the thread's first post."""
    if post.quoted is not None:
        nick, words = post.quoted
        start = re.sub(r"[\s…\.]+$", "", words)[:12]
        return next((p for p in posts if p.nick == nick and p.unit is None and "".join(p.words).startswith(start)),
                    None)
    if post.replies_to is not None:
        return next((p for p in posts if p.floor == post.replies_to and p.unit is None), None)
    first = posts[0] if posts else None
    return first if first is not None and first.unit is None and first is not post else None
