"""What a question is made of, before any index is read: courtesies around it, small talk, the years it names, the
sentence that asks (in a long message), and the part that says what it is about.

Greetings, thanks and polite openings (你好，请问……; 谢谢，那……) frame a question without saying anything about its
subject: they are taken off the ends before retrieval, and a message that is nothing but them is small talk. The
phrases are the common courtesies of Chinese and English chat, not words taken from any question set.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Courtesies that may open a message, in any order and number.
_OPENING = re.compile(
    r"^(?:\s|[，,。.！!、~～…]|"
    r"你好(?:呀|啊)?|您好|大家好|嗨|哈喽|哈啰|喂|早上好|上午好|中午好|下午好|晚上好|早安|"
    r"(?:hi|hello|hey)(?: there)?\b|dear\b|good (?:morning|afternoon|evening)\b|"
    r"(?:太|非常|十分)?(?:谢谢|感谢)(?:你|您)?(?:的(?:回答|回复|解答))?(?:了|啦)?|多谢|thanks?(?: you)?\b|"
    r"好的|好吧|嗯+|哦+|明白了|知道了|了解了|收到|ok\b|okay\b|"
    r"请问(?:一下)?|请教(?:一下)?|麻烦(?:问)?(?:一下|下)?|打扰(?:一下|了)?|不好意思|冒昧问一下|"
    r"(?:我)?想(?:问|请教|咨询|了解)(?:一下|下)?|(?:我)?(?:问|咨询|了解)一下|(?:我)?有个问题|"
    r"那(?:么)?(?=\S)|还有(?=\S)|另外|再问一下|再问个问题|"
    r"please\b|excuse me\b|may i ask\b|can i ask\b|i(?: would|'d) like to (?:ask|know)\b)+",
    re.I,
)
# Courtesies that may close one.
_CLOSING = re.compile(
    r"(?:\s|[，,。.！!?？~～…]|谢谢(?:你|您|了|啦)?|多谢(?:了)?|感谢(?:你|您)?|麻烦(?:你|您)?了|辛苦(?:了|啦)|"
    r"thanks?(?: you)?(?: very much| so much)?\b|please\b)+$",
    re.I,
)
# Chat that is addressed to the bot or closes a conversation rather than asking about the interviews.
_CHAT = re.compile(
    r"^(?:(?:太|非常|十分)?(?:谢谢|感谢)(?:你|您)?(?:了|啦)?|你好吗|你是谁|你叫什么(?:名字)?|你是(?:不是)?.{0,6}(?:机器人|人工智能|ai|真人|客服|人)(?:吗)?|"
    r"你(?:是)?(?:真|太|好)(?:棒|好|厉害|聪明|靠谱|牛|行)|(?:有人|在线|在)(?:在线|在)?吗|在不在|有人吗|"
    r"再见|拜拜|回头见|下次见|晚安|好的|好吧|行|可以|嗯+|哦+|噢+|ok|okay|哈+|嘿+|呵呵|测试|test(?:ing)?|收到|"
    r"明白(?:了)?|知道了|懂了|了解(?:了)?|没事(?:了)?|没问题|不用了|算了|辛苦了|"
    r"(?:讲|说)(?:个|一个)笑话|(?:陪我)?聊(?:聊)?天|唱(?:首|个)歌|"
    r"how are you(?: doing)?(?: today)?|who are you|what(?:'s| is) your name|are you (?:a )?(?:bot|robot|human|real)|"
    r"bye|goodbye|see you|good night|got it|cool|great|nice|ok(?:ay)?|tell me a joke)$",
    re.I,
)
_PARTICLES = re.compile(r"[啦啊呀哦吧呢嘛哈呗噢喔~～]+$")
_WORDY = re.compile(r"[\w\u3400-\u9fff]")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_ASKING_END = re.compile(r"[?？吗呢么]\s*$|(?:什么|怎么|如何|哪些|哪个|多少|几|是否|有没有|能不能|可不可以)")
_CLAUSE = re.compile(r"[^，,。！？!?；;\n]+")
LONG_MESSAGE_CHARS = 40  # above this, the clause that asks is searched for on its own as well
_FIRST_PERSON = ("我", "俺", "咱", "本人", "i ", "i'm", "my ", "we ")  # a clause about the asker starts so
MIN_FOCUS_CHARS = 8  # a shorter asking clause takes the clause before it along ("……这件事，怎么办？")


@dataclass(frozen=True, slots=True)
class QueryParts:
    """A normalised question taken apart (pure text work: no index needed)."""

    text: str  # the normalised question as asked
    core: str  # without the courtesies at its ends
    small_talk: bool  # nothing but courtesies and chat
    years: tuple[str, ...]  # four-digit years it names
    focus: str  # the sentence that asks, when the message is long and has several; else the core
    asked: str  # what the decisive signs read: the focus without clauses about the asker (我在上海打工，……)


def strip_courtesies(text: str) -> str:
    """The message without greetings, thanks and polite openings at its ends (你好，请问……谢谢)."""
    core = _OPENING.sub("", text.strip(), count=1)
    core = _CLOSING.sub("", core, count=1)
    return core.strip()


def is_chat(text: str) -> bool:
    """Chat addressed to the bot or closing the talk, every clause of it, with nothing asked about the interviews
    (好的，再见啦; 太感谢了，你真靠谱)."""
    clauses = [c for c in re.split(r"[\W_]+", text.lower()) if c]
    english = re.sub(r"[\W_]+", " ", text.lower()).strip()
    if english and _CHAT.match(english):
        return True
    return bool(clauses) and all(_is_chat_clause(c) for c in clauses)


def _is_chat_clause(clause: str) -> bool:
    bare = _PARTICLES.sub("", clause) or clause
    if _CHAT.match(bare) or _CHAT.match(clause):
        return True
    rest = strip_courtesies(bare)
    return not rest or rest == bare and bool(_OPENING.fullmatch(bare)) or bool(_CHAT.match(_PARTICLES.sub("", rest) or rest))


def question_focus(core: str) -> str:
    """In a long message, its last clause that asks something (the context usually comes first); else the core."""
    if len(core) <= LONG_MESSAGE_CHARS:
        return core
    clauses = [c.strip() for c in _CLAUSE.findall(core) if _WORDY.search(c)]
    asking = [i for i, c in enumerate(clauses) if _ASKING_END.search(c)]
    if not asking:
        return core
    last = asking[-1]
    focus = strip_courtesies(clauses[last])
    if len(focus) < MIN_FOCUS_CHARS and last > 0:
        focus = f"{clauses[last - 1]}，{focus}"
    return focus if _WORDY.search(focus) and len(focus) < len(core) else core


def without_the_asker(text: str) -> str:
    """The text without its clauses about the asker ("我在上海打工", "我家在青岛"): they give context, not the
    subject; the text itself when every clause is one."""
    clauses = [c for c in _CLAUSE.findall(text) if c.strip()]
    kept = [c for c in clauses if not c.strip().startswith(_FIRST_PERSON)]
    return "，".join(kept) if kept else text


def parse_query(text: str) -> QueryParts:
    core = strip_courtesies(text)
    small_talk = not _WORDY.search(core) or is_chat(core) or is_chat(text)
    focus = question_focus(core or text)
    return QueryParts(text=text, core=core or text, small_talk=small_talk, years=tuple(_YEAR.findall(text)),
                      focus=focus, asked=without_the_asker(focus))
