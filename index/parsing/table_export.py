"""A 政务 app's or platform's question table exported as tab-separated text (问题内容 … 答复单位 … 答复内容 a row)
rewritten as the key-and-value paragraphs of a 留言板 (留言内容：…, 回复单位：…, 回复内容：…), which the parser reads."""

from __future__ import annotations

import csv
import io
import re

# the export's column names, and the 留言板 key each one is written as; other columns (序号, 提问人, 状态, 满意度…) are
# left out: a row with no reply has no 回复内容
_COLUMNS = {
    "留言标题": ("问题标题", "留言标题", "诉求标题", "来信标题", "标题"),
    "留言时间": ("提问时间", "留言时间", "诉求时间", "来信时间"),
    "留言内容": ("问题内容", "留言内容", "诉求内容", "来信内容", "提问内容"),
    "回复单位": ("答复单位", "回复单位", "办理单位", "承办单位"),
    "回复时间": ("答复时间", "回复时间", "办结时间"),
    "回复内容": ("答复内容", "回复内容", "办理结果", "答复意见"),
}
_KEY_OF = {name: key for key, names in _COLUMNS.items() for name in names}
_NEEDED = {"留言内容", "回复内容"}
MIN_ROWS = 2


def table_export_as_text(body: str) -> str | None:
    """The rows of a tab-separated export as 留言板 paragraphs, the lines above its header row kept as they are; None
    when `body` is not such an export (no header row naming both the question's and the reply's column)."""
    lines = body.split("\n")
    header_at = next((i for i, line in enumerate(lines[:20]) if line.count("\t") >= 2
                      and _NEEDED <= {_KEY_OF.get(cell.strip()) for cell in line.split("\t")}), None)
    if header_at is None:
        return None
    rows = list(csv.reader(io.StringIO("\n".join(lines[header_at:]).replace("\r", "")), delimiter="\t"))
    header, data = [cell.strip() for cell in rows[0]], [row for row in rows[1:] if any(cell.strip() for cell in row)]
    if len(data) < MIN_ROWS:
        return None
    keys = [_KEY_OF.get(name) for name in header]
    order = list(_COLUMNS)
    paragraphs = []
    for row in data:
        cells = {key: row[i].strip() for i, key in enumerate(keys) if key and i < len(row) and row[i].strip()}
        for key in order:
            if key in cells:
                paragraphs.append(f"{key}：{_one_paragraph(cells[key])}")
    return "\n".join(lines[:header_at]) + "\n\n" + "\n\n".join(paragraphs) + "\n"


def _one_paragraph(cell: str) -> str:
    """A cell's line breaks kept as lines of one paragraph (no blank line inside it)."""
    return re.sub(r"\n\s*\n+", "\n", cell)
