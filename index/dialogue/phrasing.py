"""How Chinese follow-up questions are phrased (pure text work, no index).

The patterns are the general ways a conversation continues in Chinese, not words taken from any question set:
- asking for more of the same answer: 还有呢, 还有吗, 还有别的吗, 还有其他措施吗, 其他方面呢, 具体说说, 详细讲讲, 接着说,
  然后呢, 继续;
- pointing back at what was said: a demonstrative with a classifier (这个, 这项, 这些, 那种, 这部分), 它/它们, 他们/她们,
  该 or 此 before a noun (该政策, 此项), 其中, 上述, 刚才说的;
- opening with a continuation: 那, 那么, 还有, 另外, 此外, 再, 又, 然后, 具体, 所以, 对了;
- saying the topic changes: 换个话题, 换个问题, 说点别的, 重新开始 (front ends then forget the conversation).
"""

from __future__ import annotations

import re

from index.text import normalize_query

_END = r"[。？?！!…~～,，\s]*"
_PARTICLE = r"(?:呢|吗|么|嘛|吧|啊|呀|没有|没)?"
_LEAD = r"^(?:那|那么|嗯+|好的?|哦+|ok|好)?[，,\s]*"
_MORE = re.compile(
    _LEAD + r"(?:"
    r"(?:还有|另外|此外|然后|后面|接下来|下面)" + _PARTICLE +
    r"|还有(?:没有)?(?:别的|其他|其它|什么|啥|哪些|更多)(?:的)?[\u4e00-\u9fff]{0,4}?" + _PARTICLE +
    r"|(?:别的|其他|其它|其余)(?:的)?[\u4e00-\u9fff]{0,4}?(?:呢|吗|么|没有)"
    r"|(?:请)?(?:再|具体|详细|展开|接着|继续|多)(?:一点|一些|地)?(?:说说|讲讲|谈谈|聊聊|说一说|讲一讲|介绍介绍|介绍一下"
    r"|说一下|讲一下|说下|讲下|解释一下|说明一下|说|讲|介绍)?(?:一点|一些|点|些)?" + _PARTICLE +
    r"|下一条|下一个|下一段|更多|更多的|全部|完整的?"
    r")" + _END + r"$",
    re.I,
)
_POINTING = re.compile(
    r"(?:这|那)(?:个|些|项|种|次|类|笔|条|款|批|部分|块|份|里|边|样的|么多)"  # not 这么/那么 alone: 为什么这么贵
    r"|(?<!其)它们?|他们|她们|(?<![应活])该(?=[\u4e00-\u9fff])|(?<![因如从彼])此(?:项|类|次|事|举|外)|其中|上述|前面说的|刚才说的|上面说的"
)
_OPENING = re.compile(r"^(?:那么?|那这|还有|另外|此外|再|又|然后|具体|所以|对了|顺便问一下|顺便|而且|并且|同时|那要是|要是)")
_NEW_TOPIC = re.compile(
    _LEAD + r"(?:我)?(?:想|要)?(?:(?:(?:换|另)(?:个|一个)|聊点|说点)(?:话题|问题|别的|其他的?|其它的?)"
    r"|(?:问点|问个)(?:别的|其他的?|其它的?))(?:吧|了|啊)?"
    r"|" + _LEAD + r"(?:重新开始|重新来|从头开始|新话题|新问题)(?:吧|了)?"
)
_SEPARATOR = re.compile(r"^[。？?！!…~～,，:：;；\s]*")


def _plain(text: str) -> str:
    return normalize_query(text).strip().lower()


def asks_for_more(text: str) -> bool:
    """True when the message only asks for more of what was just answered (还有呢, 还有别的措施吗, 具体说说)."""
    return bool(_MORE.match(_plain(text)))


def points_back(text: str) -> bool:
    """True when the question points back at something said before (这个政策, 它, 该项目, 其中)."""
    return bool(_POINTING.search(_plain(text)))


def continues(text: str) -> bool:
    """True when the question opens the way a continuation does (那…, 那么…, 还有…, 另外…, 具体…)."""
    return bool(_OPENING.match(_plain(text)))


def changes_topic(text: str) -> str | None:
    """What follows a change of topic said outright (换个话题，…; "" when nothing does), or None when the message does
    not open with one."""
    for form in (text.strip(), _plain(text)):  # the user's own words when they match as typed
        found = _NEW_TOPIC.match(form)
        if found is not None:
            rest = form[found.end():]
            return rest[_SEPARATOR.match(rest).end():].strip()  # type: ignore[union-attr]
    return None
