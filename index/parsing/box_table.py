"""A table drawn with box characters in a plain text (┌──┬──┐ / │序号│热点问题│解答│ / ├──┼──┤), its cells wrapped over
several lines at the column's width: each row read back as one question and its answer ("问：……" / "答：……"), a row of
one cell across the table (a group's heading) kept as a line of its own, the lines around the table kept as they are."""

from __future__ import annotations

import re

_BOX_LINE = re.compile(r"^[ \t\u3000]*[┌├└┏┣┗│┃╞╘╒]")
_RULE = re.compile(r"^[ \t\u3000]*[┌├└┏┣┗╞╘╒][─━┬┼┴┯┷┿═╤╪╧ \t]*[┐┤┘┓┫┛╡╛╕]?[ \t]*$|^[ \t\u3000]*[─━┬┼┴┐┤┘┌├└ ]+$")
_BAR = re.compile(r"[│┃]")
_QUESTION_COLUMN = re.compile(r"(?:热点|常见|咨询)?问题|提问|问")
_ANSWER_COLUMN = re.compile(r"解答|答复|回答|答|政策解答|答疑")
MIN_ROWS = 2


def _rows(block: list[str]) -> list[list[str]]:
    """The rows of a drawn table, each a list of its cells' text (a cell's wrapped pieces joined)."""
    rows: list[list[str]] = []
    pieces: list[list[str]] = []
    for line in block + ["└"]:
        if _RULE.match(line) or not _BAR.search(line):
            if pieces:
                width = max(len(p) for p in pieces)
                rows.append(["".join(p[k].strip(" \u3000") for p in pieces if k < len(p)) for k in range(width)])
                pieces = []
            continue
        inner = line.strip().strip("│┃")
        pieces.append(_BAR.split(inner))
    return rows


def _columns(header: list[str]) -> tuple[int, int] | None:
    """Where the question and the answer are in a header row, by their names."""
    names = [re.sub(r"[ \t\u3000]", "", cell) for cell in header]
    asked = next((i for i, name in enumerate(names) if _QUESTION_COLUMN.fullmatch(name)), None)
    answered = next((i for i, name in enumerate(names) if _ANSWER_COLUMN.fullmatch(name)), None)
    return (asked, answered) if asked is not None and answered is not None and asked != answered else None


def box_table_as_text(body: str) -> str | None:
    """The text with its drawn question table read as questions and answers; None when it has no such table."""
    lines = body.replace("\r", "").split("\n")
    start = next((i for i, line in enumerate(lines) if _BOX_LINE.match(line)), None)
    if start is None:
        return None
    end = next((i for i in range(start, len(lines)) if not _BOX_LINE.match(lines[i])), len(lines))
    rows = _rows(lines[start:end])
    header_at = next((k for k, row in enumerate(rows) if len(row) >= 2 and _columns(row)), None)
    if header_at is None:
        return None
    asked, answered = _columns(rows[header_at])  # type: ignore[misc]
    out: list[str] = []
    count = 0
    for row in rows[header_at + 1:]:
        cells = [cell for cell in row if cell]
        if len(cells) == 1 and len(row) == 1:  # a group's heading across the table ("一、个人所得税")
            out += [cells[0], ""]
        elif len(row) > max(asked, answered) and row[asked] and row[answered]:
            out += [f"问：{row[asked]}", "", f"答：{row[answered]}", ""]
            count += 1
    if count < MIN_ROWS:
        return None
    # a rule where the table ends: no last answer goes on into the notes under it
    return "\n".join([*lines[:start], "", *out, "---", *lines[end:]])
