"""An SMS consultation platform's log ("↑上行　138****6021　2027-04-02 08:47" over a citizen's message, "↓下行
106590158123930　2027-04-02 10:15" over the platform's reply), each reply signed at its start by the unit that sends it
("【溇峘市医疗保障局】您好！……"): rewritten as "市民 尾号6021：……" and "溇峘市医疗保障局：……". A reply in parts
("（1/2）", then "（2/2）" unsigned) is one reply; an automatic receipt ("您的短信已收到……") answers nothing."""

from __future__ import annotations

import re

_UP = re.compile(r"^[ \t\u3000]*(?:↑|▲)?[ \t\u3000]*上行[ \t\u3000]+(?P<who>\S+)(?:[ \t\u3000]+[\d\-/: ]{8,20})?[ \t\u3000]*$")
_DOWN = re.compile(r"^[ \t\u3000]*(?:↓|▼)?[ \t\u3000]*下行(?:[ \t\u3000]+\S+)?(?:[ \t\u3000]+[\d\-/: ]{8,20})?[ \t\u3000]*$")
_SIGNED = re.compile(r"^[ \t\u3000]*【(?P<unit>[^】\n]{2,30})】[ \t\u3000]*(?P<words>.*)$")
_RECEIPT = re.compile(r"短信已收到|已收到您的(?:短信|留言|咨询)|(?:将|会)(?:在工作时间内)?尽快(?:为您)?(?:回复|答复|处理)")
MAX_RECEIPT_CHARS = 60
MIN_MESSAGES = 2


def sms_export_as_text(text: str) -> str | None:
    """The log with each message written as a labelled turn; None when it is no such log."""
    lines = text.split("\n")
    if sum(1 for line in lines if _UP.match(line)) < MIN_MESSAGES or not any(_DOWN.match(line) for line in lines):
        return None
    out: list[str] = []
    sender: str | None = None  # who the next line of words is from
    replying = False
    last_unit: str | None = None
    for line in lines:
        if up := _UP.match(line):
            tail = re.sub(r"\D", "", up["who"])[-4:]  # "138****6021": a masked number, known by its last digits
            sender, replying = f"市民 尾号{tail}" if tail else "市民", False
            continue
        if _DOWN.match(line):
            sender, replying = None, True
            continue
        if replying and line.strip():
            signed = _SIGNED.match(line)
            words = signed["words"] if signed else line.strip()
            unit = signed["unit"] if signed else last_unit
            replying = False
            if unit is None:
                out.append(line)
                continue
            last_unit = unit
            if _RECEIPT.search(words) and len(words) <= MAX_RECEIPT_CHARS:
                continue  # an automatic receipt: nobody has answered yet
            out.append(f"{unit}：{words}")
            continue
        if sender is not None and line.strip():
            out.append(f"{sender}：{line.strip()}")
            sender = None
            continue
        out.append(line)
    return "\n".join(out)
