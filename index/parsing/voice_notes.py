"""A column of voice messages and voice replies published as their speech-to-text: a header over each bubble ("🎙️ 来自
溇东区 · 网约车司机 老甘", "🎙️ 局长 庞致远 回复"), the bubble's length ("0′52″▮▮▮▯"), then "转文字……": rewritten as
"网友 网约车司机 老甘：……" and "局长 庞致远：……"; the lengths are no one's words."""

from __future__ import annotations

import re

_HEADER = re.compile(r"^[ \t\u3000]*(?:[\U0001F000-\U0001FAFF\u2600-\u27BF][\uFE0F\u200D]?)*[ \t\u3000]*"
                     r"(?:(?P<sender>来自)[ \t\u3000]*(?:[^·•\n]{1,20}[·•][ \t\u3000]*)?(?P<who>[^\n]{1,30}?)|"
                     r"(?P<replier>[^\n]{2,30}?)[ \t\u3000]*(?:回复|答复|回应))[ \t\u3000]*$")
_LENGTH = re.compile(r"^[ \t\u3000]*\d{1,2}[′'分]\d{1,2}[″\"秒][ \t\u3000▮▯■□▌▐|\-]*$")  # "0′52″▮▮▮▮▯▯▯"
_TRANSCRIBED = re.compile(r"^[ \t\u3000]*(?:转文字|语音转文字|转写)[：:]?[ \t\u3000]*(?P<words>\S.*)$")
_SPACES = re.compile(r"[ \t\u3000]+")
MIN_MESSAGES = 2


def voice_notes_as_text(text: str) -> str | None:
    """The page with each voice bubble written as a labelled turn; None when it is no such page. A line shaped like a
    header that no 转文字 follows ("……我们会尽快回复") stays as it is."""
    lines = text.split("\n")
    out: list[str] = []
    held: tuple[str, int] | None = None  # the header waiting for its words: who, and where it stands in `out`
    found = 0
    for line in lines:
        if header := _HEADER.match(line):
            named = _SPACES.sub(" ", (header["who"] or header["replier"]).strip())
            held = (f"网友 {named}" if header["sender"] else named, len(out))
            out.append(line)
            continue
        if _LENGTH.match(line):
            continue
        if held is not None and (said := _TRANSCRIBED.match(line)):
            who, at = held
            del out[at]  # the header gives way to the turn it heads
            out.append(f"{who}：{said['words']}")
            held, found = None, found + 1
            continue
        if line.strip():
            held = None
        out.append(line)
    return "\n".join(out) if found >= MIN_MESSAGES else None
