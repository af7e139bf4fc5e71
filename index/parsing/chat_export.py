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

# "医保局-谷雨桐 2025-06-12 09:06:55", "老李 2025/6/12 9:06", "老李 2025年6月12日 09:06"
_HEADER = re.compile(r"^(?P<nick>\S.{0,40}?)[ \t\u3000]+(?P<when>\d{4}[-/年]\d{1,2}[-/月]\d{1,2}日?[ \t]*\d{1,2}:\d{2}"
                     r"(?::\d{2})?)[ \t]*$")
_QUOTE = re.compile(r"^「(?P<nick>[^：:「」\n]{1,40})[：:](?P<words>[^」]*)」\s*$")
_RULE = re.compile(r"^[-－—\s]{5,}$")
_MENTION = re.compile(r"^@(?P<nick>\S{1,40})[ \t\u3000]+")
# nobody's words: a sticker, a picture, a "me too", thanks, a lone emoji
_NOISE = re.compile(r"^(?:\[[^\]\n]{1,6}\]|同问|同问[+＋]1|\+1|谢谢[^，。？?]{0,8}|好的[，,]?[^？?]{0,12}谢谢[^？?]{0,6}|"
                    r"[\U0001F300-\U0001FAFF\u2600-\u27BF]+)[！!。.]?$")
# "医保局-谷雨桐", "市医保局 谷雨桐": a unit's member, by the name after the unit
_STAFF_NICK = re.compile(r"^(?P<unit>[\u4e00-\u9fff]{1,12}(?:局|委|中心|办|厅|所|站|队))[-－—_·\s]+(?P<name>[\u4e00-\u9fff·]{2,4})$")
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
        words = [line.strip() for line in lines[at + 1 : end] if line.strip() and not _is_system(line.strip())]
        if words and not all(_NOISE.match(w) for w in words):
            messages.append(_Message(_HEADER.match(lines[at].strip())["nick"].strip(), words))
    staff = {m.nick for m in messages if _QUOTE.match(m.lines[0]) or _MENTION.match(m.lines[0])}
    staff |= {m.nick for m in messages if _STAFF_NICK.match(m.nick)} if staff else set()
    if not staff:
        return None
    questions = _questions(messages, staff)
    out = ["\n".join(lines[: heads[0]]).rstrip()]
    for question in questions:
        if not question.replies:
            continue
        out.append(f"网友“{question.nick}”：" + "\n".join(question.words))
        for nick, words in question.replies:
            out.append(f"{_speaker(nick)}：" + "\n".join(words))
    return "\n\n".join(part for part in out if part) + "\n"


def _questions(messages: list[_Message], staff: set[str]) -> list[_Question]:
    questions: list[_Question] = []
    answered_last: _Question | None = None
    previous: _Message | None = None
    for message in messages:
        follows, previous = previous, message
        if message.nick in staff and follows is not None and follows.nick == message.nick and answered_last is not None \
                and not _QUOTE.match(message.lines[0]) and not _MENTION.match(message.lines[0]):
            answered_last.replies[-1][1].extend(message.lines)  # one reply over two messages in a row
            continue
        if message.nick not in staff:
            last = questions[-1] if questions else None
            if last is not None and last.nick == message.nick and not last.replies:
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
            target = next((q for q in reversed(questions) if not q.replies), None)
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
