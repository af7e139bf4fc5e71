"""A group chat exported as text (企业微信, 微信, 钉钉: "昵称 2025-06-12 09:03:40" over each message) where a bureau's
staff answer people's questions, rewritten as a transcript: each question (one person's messages in a row) followed
by the replies to it, in the order the questions were asked. A reply answers the message it quotes
("「昵称：……」"), else the person it @-mentions, else the question the reply before it answered when it adds to it
("补充一下"), else the latest question no one has answered. Staff are the members whose messages answer; a member
known by a group nickname ("医保局-谷雨桐") speaks by the name in it. System lines, stickers, pictures and "同问" are
nobody's words; a question no one answered is left out."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from index.parsing.transcript import transcript

# "医保局-谷雨桐 2025-06-12 09:06:55", "老李 2025/6/12 9:06", "老李 2025年6月12日 09:06", a service session's
# "**用户** 09:31:40" (the day given once, the time to the second)
_HEADER = re.compile(r"^(?P<nick>\S.{0,40}?)[ \t\u3000]+(?P<when>\d{4}[-/年]\d{1,2}[-/月]\d{1,2}日?[ \t]*\d{1,2}:\d{2}"
                     r"(?::\d{2})?|\d{1,2}:\d{2}:\d{2})[ \t]*$")
# a service's side of a customer-service session: its bot ("湍湍（智能客服）") and its agents ("人工客服 0317")
_SERVICE = re.compile(r"客服|坐席|机器人|智能助[手理]|小助手")
_SYSTEM_NICK = re.compile(r"^[\[【]?系统(?:消息|提示|通知)?[\]】]?$")
# a bot's words that answer nothing: its menu, its "not understood", the rating it asks for, its greeting
_BOT_NOISE = re.compile(r"猜您想问|请回复序号|没有理解|没有找到相关|还在学习|换个说法|转接人工|为本次服务评价|满意度评价|给个评价|"
                        r"有什么可以帮您|很高兴为您服务")
# where one session ends and the next begins on a page of sessions: a rule, a heading
_SESSION_END = re.compile(r"^(?:[-*_]{3,}|#{1,6}[ \t].*)$")
_QUOTE = re.compile(r"^「(?P<nick>[^：:「」\n]{1,40})[：:](?P<words>[^」]*)」\s*$")
_RULE = re.compile(r"^[-－—\s]{5,}$")
_MENTION = re.compile(r"^@(?P<nick>\S{1,40})[ \t\u3000]+")
# nobody's words: a sticker, a picture, a "me too", thanks, a lone emoji
_NOISE = re.compile(r"^(?:\[[^\]\n]{1,6}\]|同问|同问[+＋]1|\+1|谢谢[^，。？?]{0,8}|好的[，,]?[^？?]{0,12}谢谢[^？?]{0,6}|"
                    r"[\U0001F300-\U0001FAFF\u2600-\u27BF]+)[！!。.]?$")
# "医保局-谷雨桐", "市医保局 谷雨桐": a unit's member, by the name after the unit
_STAFF_NICK = re.compile(r"^(?P<unit>[\u4e00-\u9fff]{1,12}(?:局|委|中心|办|厅|所|站|队))[-－—_·\s]+(?P<name>[\u4e00-\u9fff·]{2,4})$")
# a user's words to the bot, no question: a menu number, "人工", an acknowledgement
_USER_NOISE = re.compile(r"\d{1,2}|转?人工(?:客服|服务)?|(?:好的|行|嗯|哦)[，,。！!]?(?:明白了|知道了|谢谢|太感谢了|收到)?[。！!]?|"
                         r"明白了|知道了|收到")
_RULE_LINE = re.compile(r"^[-*_]{3,}$")
_ADDS = re.compile(r"^(?:补充一下|补充一点|我补充|再补充)")
MIN_MESSAGES = 6


@dataclass
class _Message:
    nick: str
    lines: list[str]


@dataclass
class _Question:
    nick: str
    words: list[str]
    replies: list[tuple[str, list[str]]] = field(default_factory=list)
    closed: bool = False  # its session ended


def chat_export_as_text(body: str) -> str | None:
    """The chat as a transcript, the lines above its first message kept as they are; None when `body` is no chat
    export (fewer than MIN_MESSAGES message headers) or none of its messages answers another."""
    if sum(1 for line in body.split("\n") if _HEADER.match(line.strip())) < MIN_MESSAGES:
        return None
    from index.parsing.reflow import unwrap

    def header(line: str) -> bool:
        return bool(_HEADER.match(line.strip()))

    # a chat copied hard-wrapped (an e-mail, a terminal): each message's lines joined again, its header never
    lines = unwrap(body, header, lambda line: header(line) or _is_system(line.strip()) or bool(_RULE.match(line))
                   ).split("\n")
    heads = [i for i, line in enumerate(lines) if header(line)]
    messages = []
    for n, at in enumerate(heads):
        end = heads[n + 1] if n + 1 < len(heads) else len(lines)
        session_end = next((j for j in range(at + 1, end) if _SESSION_END.match(lines[j].strip())), None)
        body_lines = lines[at + 1 : session_end if session_end is not None else end]
        words = [line.strip() for line in body_lines if line.strip() and not _is_system(line.strip())]
        nick = _HEADER.match(lines[at].strip())["nick"].strip().strip("*").strip()
        service = bool(_SERVICE.search(nick))
        if words and not _SYSTEM_NICK.match(nick) and not all(_NOISE.match(w) for w in words) and \
                not (service and any(_BOT_NOISE.search(w) for w in words)) and \
                not (not service and all(_USER_NOISE.fullmatch(w) for w in words)):
            messages.append(_Message(nick, words))
        if session_end is not None:
            messages.append(_Message("", []))  # the session ends: a question still open there stays unanswered
    if messages and not messages[0].nick:
        messages = messages[1:]  # a session's end before any message closes nothing
    staff = {m.nick for m in messages if m.lines and (_QUOTE.match(m.lines[0]) or _MENTION.match(m.lines[0]))}
    staff |= {m.nick for m in messages if _STAFF_NICK.match(m.nick)} if staff else set()
    service = {m.nick for m in messages if m.nick and _SERVICE.search(m.nick)}
    if not staff and not (service and any(m.nick and m.nick not in service for m in messages)):
        return None
    staff |= service
    questions = _questions(messages, staff)
    first_rule = next((i for i in range(heads[0]) if _RULE_LINE.match(lines[i].strip())), heads[0])
    # a service answers as the unit (its bot from the unit's knowledge base, its agents by number): "答："
    return transcript(["\n".join(lines[: first_rule]).rstrip()],
                      ((q.nick, "\n".join(q.words), [("答" if nick in service else _speaker(nick), "\n".join(words))
                                                      for nick, words in q.replies]) for q in questions if q.replies))


def _questions(messages: list[_Message], staff: set[str]) -> list[_Question]:
    questions: list[_Question] = []
    answered_last: _Question | None = None
    previous: _Message | None = None
    for message in messages:
        if not message.nick:  # a session's end: nothing after it answers or goes on what came before
            if questions:
                questions[-1].closed = True
            answered_last = previous = None
            continue
        follows, previous = previous, message
        if message.nick in staff and follows is not None and follows.nick == message.nick and answered_last is not None \
                and not _QUOTE.match(message.lines[0]) and not _MENTION.match(message.lines[0]):
            answered_last.replies[-1][1].extend(message.lines)  # one reply over two messages in a row
            continue
        if message.nick not in staff:
            last = questions[-1] if questions else None
            if last is not None and last.nick == message.nick and not last.replies and not last.closed:
                last.words += message.lines  # one question over two messages
            else:
                questions.append(_Question(message.nick, list(message.lines)))
            continue
        words = list(message.lines)
        target: _Question | None = None
        if quote := _QUOTE.match(words[0]):
            words = [w for w in words[1:] if not _RULE.match(w)]
            quoted = re.sub(r"\s+", "", quote["words"])
            target = next((q for q in questions if q.nick == quote["nick"].strip()
                           and quoted[:12] in re.sub(r"\s+", "", "".join(q.words))), None)
        elif mention := _MENTION.match(words[0]):
            words[0] = words[0][mention.end():]
            target = next((q for q in reversed(questions) if q.nick == mention["nick"]), None)
        elif _ADDS.match(words[0]) and answered_last is not None:
            target = answered_last
        else:
            target = next((q for q in reversed(questions) if not q.replies and not q.closed), None)
        if target is None:
            continue  # the staff's own notices: a greeting, the hours
        target.replies.append((message.nick, words))
        answered_last = target
    return questions


_SYSTEM = re.compile(r"加入了群聊|退出了群聊|撤回了一条消息|移出了群聊|修改群名|^—{2,}.*—{2,}$")


def _is_system(line: str) -> bool:
    """A line the chat wrote, not a member: joins, leaves, withdrawals, day rules."""
    return bool(_SYSTEM.search(line))


def _speaker(nick: str) -> str:
    match = _STAFF_NICK.match(nick)
    return match["name"] if match else nick
