"""A bureau's quiz or question bank (知识竞赛题库, 学法用法 试题): numbered items whose stem asks, with its options
("A．……"), then "答案：B" and "解析：……". The stem and its options are the question; the key and its explanation are
the publishing unit's answer."""

from __future__ import annotations

import re

from index.parsing.speakers import Label

# "1．根据《条例》，……（　）。", "第3题　……": an item's number before its stem
_STEM = re.compile(r"^[ \t\u3000]*(?:第[ \t]*)?\d{1,3}[ \t]*(?:题[ \t\u3000]*|[．.、](?!\d))[ \t\u3000]*(?=\S)")
_OPTION = re.compile(r"^[ \t\u3000]*[(（]?[A-HＡ-Ｈ][)）]?[．.、:：)）\t \u3000]+\S")
_KEY = re.compile(r"^[ \t\u3000]*[【\[]?(?:参考|正确|标准)?答案[】\]]?[ \t\u3000]*[：:]?[ \t\u3000]*\S")
_NOTE = re.compile(r"^[ \t\u3000]*[【\[]?(?:答案|试题|题目)?(?:解析|解答|释义|依据|点评|知识点)[】\]]?[ \t\u3000]*[：:]?")
MAX_OPTIONS = 8  # lines of options (or of the stem) between a stem's first line and its key
MIN_ITEMS = 2


def opens_exam_part(line: str) -> bool:
    """An option, a key or an explanation ("B．……", "答案：B", "解析：……"): a line of its own, never a cut line's end."""
    return bool(_OPTION.match(line) or _KEY.match(line) or _NOTE.match(line))


def opens_numbered_item(line: str) -> bool:
    """"10．……": after a sentence's end, a numbered item (a quiz's next stem) and no cut line's end."""
    return bool(_STEM.match(line))


def label_exam_items(lines: list[str], labels: list[Label | None]) -> bool:
    """Labels each item's stem as asked ("问", after its number) and its key as answered ("答", the explanation under
    it read with it); False (nothing changed) when fewer than two items have a key under their stem."""
    items: list[tuple[int, int]] = []
    for key, line in enumerate(lines):
        if not _KEY.match(line):
            continue
        stem = key - 1
        while stem >= 0 and key - stem <= MAX_OPTIONS + 1 and not _STEM.match(lines[stem]) \
                and not _KEY.match(lines[stem]) and not _NOTE.match(lines[stem]):
            stem -= 1  # its options, and the rest of a stem cut over lines ("（　）" a line of its own)
        if stem >= 0 and _STEM.match(lines[stem]) and not _KEY.match(lines[stem]):
            items.append((stem, key))
    if len(items) < MIN_ITEMS:
        return False
    for stem, key in items:
        labels[stem] = Label("问", _STEM.match(lines[stem]).end(), synthetic=True)  # type: ignore[union-attr]
        for option in range(stem + 1, key):
            labels[option] = None
        labels[key] = Label("答", 0, synthetic=True)
        note = key + 1
        while note < len(lines) and _NOTE.match(lines[note]):
            labels[note] = None  # "解析：……": the answer goes on
            note += 1
    return True
