"""An SMS consultation platform's log ("↑上行　138****6021　2027-04-02 08:47" over a citizen's message, "↓下行
106590158123930　2027-04-02 10:15" over the platform's reply), each reply signed at its start by the unit that sends it
("【溇峘市医疗保障局】您好！……"): rewritten as "市民 尾号6021：……" and "溇峘市医疗保障局：……". A reply in parts
("（1/2）", then "（2/2）" unsigned) is one reply; an automatic receipt ("您的短信已收到……") answers nothing."""

from __future__ import annotations

import re

_WHEN = r"\d{4}[-/]\d{1,2}[-/]\d{1,2}(?:[ \t\u3000]+\d{1,2}:\d{2}(?::\d{2})?)?"
# a direction line, and the message itself when a hard wrap ran it onto that line ("……08:52备案有效期内……")
_UP = re.compile(rf"^[ \t\u3000]*(?:↑|▲)?[ \t\u3000]*上行[ \t\u3000]+(?P<who>[^\s\d]?[\d*＊]{{3,}}|\S+?)"
                 rf"(?:[ \t\u3000]+{_WHEN})?[ \t\u3000]*(?P<rest>.*)$")
_DOWN = re.compile(rf"^[ \t\u3000]*(?:↓|▼)?[ \t\u3000]*下行(?:[ \t\u3000]+\d{{5,}})?(?:[ \t\u3000]+{_WHEN})?[ \t\u3000]*(?P<rest>.*)$")
_RULE_AT_END = re.compile(r"(?<=[^\s\-=━─—])[ \t\u3000]*(?=[\-=━─—]{8,}[ \t\u3000]*$)", re.M)  # "……核查。--------"
_DIRECTION_INSIDE = re.compile(r"(?<=\S)[ \t\u3000]*(?=[↑↓][ \t\u3000]*(?:上行|下行)[ \t\u3000]+[\d*＊])")  # a message run onto the next header
_SIGNED = re.compile(r"^[ \t\u3000]*【(?P<unit>[^】\n]{2,30})】[ \t\u3000]*(?P<words>.*)$")
_RECEIPT = re.compile(r"短信已收到|已收到您的(?:短信|留言|咨询)|(?:将|会)(?:在工作时间内)?尽快(?:为您)?(?:回复|答复|处理)")
_NOTE = re.compile(r"[（(][^（）()]*[）)]")
MIN_MESSAGES = 2


def sms_export_as_text(text: str) -> str | None:
    """The log with each message written as a labelled turn; None when it is no such log."""
    lines = _RULE_AT_END.sub("\n", _DIRECTION_INSIDE.sub("\n", text)).split("\n")
    if sum(1 for line in lines if _UP.match(line)) < MIN_MESSAGES or not any(_DOWN.match(line) for line in lines):
        return None
    out: list[str] = []
    sender: str | None = None  # who the next line of words is from
    replying = False
    last_unit: str | None = None
    for raw in lines:
        line = raw
        if up := _UP.match(raw):
            tail = re.sub(r"\D", "", up["who"])[-4:]  # "138****6021": a masked number, known by its last digits
            sender, replying = f"市民 尾号{tail}" if tail else "市民", False
            if not up["rest"].strip():
                continue
            line = up["rest"]
        elif down := _DOWN.match(raw):
            sender, replying = None, True
            if not down["rest"].strip():
                continue
            line = down["rest"]
        if replying and line.strip():
            signed = _SIGNED.match(line)
            words = signed["words"] if signed else line.strip()
            unit = signed["unit"] if signed else last_unit
            replying = False
            if unit is None:
                out.append(line)
                continue
            last_unit = unit
            if _RECEIPT.search(words):  # an automatic receipt: nobody has answered yet
                rest = "".join(part for part in re.split(r"(?<=[。！!])", words) if not _RECEIPT.search(part)).strip()
                if not rest or _NOTE.fullmatch(rest):
                    out.append(rest)  # the page's note after it, run onto its line by a wrap ("（该咨询……）")
                    continue
                words = rest
            out.append(f"{unit}：{words}")
            continue
        if sender is not None and line.strip():
            out.append(f"{sender}：{line.strip()}")
            sender = None
            continue
        out.append(line)
    return "\n".join(out)
