"""A 政务 app's or platform's question table exported as tab-separated text (问题内容 … 答复单位 … 答复内容 a row), or
written as a Markdown pipe table in a meeting's minutes (企业诉求 | 答复单位 | 答复意见), rewritten as the key-and-value
paragraphs of a 留言板 (留言内容：…, 回复单位：…, 回复内容：…), which the parser reads."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable

# the export's column names, and the 留言板 key each one is written as; other columns (序号, 提问人, 状态, 满意度…) are
# left out: a row with no reply has no 回复内容
_COLUMNS = {
    "留言标题": ("问题标题", "留言标题", "诉求标题", "来信标题", "标题"),
    "留言时间": ("提问时间", "留言时间", "诉求时间", "来信时间"),
    "留言内容": ("问题内容", "留言内容", "诉求内容", "来信内容", "提问内容", "企业诉求", "诉求", "咨询问题",
             "供应商提出的问题", "供应商问题", "潜在供应商提出的问题"),  # and a 采购 澄清（答疑）公告's questions
    "回复单位": ("答复单位", "回复单位", "办理单位", "承办单位", "答复部门", "答复方", "回复方", "责任单位"),
    "回复时间": ("答复时间", "回复时间", "办结时间"),
    "回复内容": ("答复内容", "回复内容", "办理结果", "答复意见", "答复"),
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


_PIPE_ROW = re.compile(r"^[ \t]*\|.*\|[ \t]*$")
_PIPE_RULE = re.compile(r"^[ \t]*\|(?:[ \t]*:?-{3,}:?[ \t]*\|)+[ \t]*$")
_CELL_BREAK = re.compile(r"<br\s*/?>", re.I)
# a reply that only promises one later ("会后书面答复。"): no answer to quote
_DEFERRED = re.compile(r"^(?:会后|另行|将|待)?(?:书面)?(?:答复|回复|反馈)[。.]?$")
# "**市税务局**：……" opening a line of a reply cell: the unit that says what follows
_UNIT_LEAD = re.compile(r"^\*\*(?P<unit>[^*\n]{2,24})\*\*[：:][ \t]*")


def pipe_table_as_text(body: str) -> str | None:
    """A Markdown text whose pipe tables of questions and replies (a header naming both columns) are written as 留言板
    paragraphs, the rest as it is; None when it has no such table. A reply cell whose lines are led by units in bold
    ("**市税务局**：…", "**市财政局**：…") is one reply a unit; a reply that only promises a later one is none."""
    lines = body.split("\n")
    out: list[str] = []
    found, i = False, 0
    while i < len(lines):
        if i + 1 < len(lines) and _PIPE_ROW.match(lines[i]) and _PIPE_RULE.match(lines[i + 1]):
            keys = [_KEY_OF.get(cell.strip("* \t")) for cell in _cells(lines[i])]
            end = i + 2
            while end < len(lines) and _PIPE_ROW.match(lines[end]):
                end += 1
            rows = [_cells(line) for line in lines[i + 2 : end]]
            if _NEEDED <= set(keys) and len(rows) >= MIN_ROWS:
                out += ["", *_board_paragraphs(keys, rows), ""]
                found, i = True, end
                continue
        out.append(lines[i])
        i += 1
    return "\n".join(out) if found else None


def _cells(line: str) -> list[str]:
    inner = line.strip().removeprefix("|").removesuffix("|")
    return [_CELL_BREAK.sub("\n", cell).strip() for cell in re.split(r"(?<!\\)\|", inner)]


def _board_paragraphs(keys: list[str | None], rows: list[list[str]]) -> list[str]:
    paragraphs: list[str] = []
    for row in rows:
        cells = {key: row[i] for i, key in enumerate(keys) if key and i < len(row) and row[i]}
        reply = cells.pop("回复内容", "")
        listed = re.split(r"[、，,；;]", cells.get("回复单位", ""))
        for key in _COLUMNS:
            if key in cells and key != "回复内容":
                paragraphs.append(f"{key}：{_one_paragraph(cells[key])}")
        if not reply or _DEFERRED.match(reply.strip()):
            continue
        for unit, words in _by_unit(reply):
            if unit:
                paragraphs.append(f"回复单位：{_listed_name(unit, listed)}")
            paragraphs.append(f"回复内容：{_one_paragraph(words)}")
    return paragraphs


def _by_unit(reply: str) -> list[tuple[str | None, str]]:
    """A reply cell cut where a line opens with a unit in bold: (that unit, its words); (None, the cell) when none."""
    return _cut_at_leads(reply, lambda line: (m["unit"], m.end()) if (m := _UNIT_LEAD.match(line)) else None)


def _cut_at_leads(reply: str, lead: Callable[[str], tuple[str, int] | None]) -> list[tuple[str | None, str]]:
    """A reply cut where a line opens with who says what follows (`lead`: who, and where their words start):
    (who, the words), the words before any lead (None, …)."""
    parts: list[tuple[str | None, list[str]]] = [(None, [])]
    for line in reply.split("\n"):
        if (found := lead(line)) is not None:
            parts.append((found[0], [line[found[1]:]]))
        else:
            parts[-1][1].append(line)
    return [(who, "\n".join(words).strip()) for who, words in parts if "\n".join(words).strip()]


def _listed_name(short: str, listed: list[str]) -> str:
    """The full name of a unit that a reply calls by a short one ("市税务局"), from the units the row lists
    ("国家税务总局泠筠市税务局"); the short name when none is it."""
    core = short.removeprefix("市")
    return next((name.strip() for name in listed if name.strip().endswith(core) and len(name.strip()) > len(short)),
                short)


# a column named with a note in brackets ("议事情况（答复意见）"), or by what a feedback report calls it
_FEEDBACK_COLUMNS = {"意见建议": "留言内容", "意见内容": "留言内容", "主要意见": "留言内容", "建议内容": "留言内容",
                     "说事内容": "留言内容", "采纳情况": "回复内容", "理由说明": "回复内容", "采纳理由": "回复内容",
                     "处理意见": "回复内容", "处理情况": "回复内容", "议事情况": "回复内容",
                     # a 督察 信访举报件 disclosure: the complaint, then what the inquiry found and what was done
                     "交办问题基本情况": "留言内容", "问题基本情况": "留言内容", "举报内容": "留言内容", "投诉内容": "留言内容",
                     "调查核实情况": "回复内容", "核查情况": "回复内容", "处理和整改情况": "回复内容", "整改情况": "回复内容"}
_BRACKETED = re.compile(r"^(?P<outer>[^（(]+)[（(](?P<inner>[^）)]+)[）)]$")
MAX_HEADER_ROWS = 4
_NO_VALUE = re.compile(r"^[—–\-－/／\\、无空\s]*$")  # a cell holding only a dash: nothing
# a feedback row's status saying it went elsewhere: no reply of this table's units
_PASSED_ON_STATUS = re.compile(r"^(?:已?转(?:有关|相关|其他)?(?:部门|单位)?(?:研究|办理|处理)|"
                               r"转[\u4e00-\u9fff]{2,20}?(?:研究|办理)|"
                               # still being looked into: no reply yet ("正在调查核实中，结果将在后续批次中公开。")
                               r"(?:正在|仍在)[\u4e00-\u9fff]{2,8}中(?:[，,][^。]{0,30})?[。.]?)$")

Cell = tuple[int, str]  # the merged cell's identity (repeated in each row and column it covers) and its text


def _column_key(name: str) -> str | None:
    name = re.sub(r"\s+", "", name)
    if key := _KEY_OF.get(name) or _FEEDBACK_COLUMNS.get(name):
        return key
    if match := _BRACKETED.match(name):
        return _column_key(match["inner"]) or _column_key(match["outer"])
    return None


def question_grid_paragraphs(grid: list[list[Cell]]) -> list[str] | None:
    """A table of questions and replies with merged cells (an HTML table's rowspan and colspan, a Word table's merged
    cells) as 留言板 paragraphs: a question once however many rows it spans, then each row's unit and reply (a reply in
    several columns, 采纳情况 and 理由说明, read as one); a row of one cell across the table (a group's heading) as it
    reads. None when no header row names both a question's and a reply's column."""
    width = max(map(len, grid), default=0)
    keys: list[str | None] = [None] * width
    start = None
    for i, row in enumerate(grid[:MAX_HEADER_ROWS]):
        found = [_column_key(text) for _, text in row]
        if not any(found):
            if start is not None:
                break
            continue
        for j, key in enumerate(found):
            keys[j] = key or keys[j]
        start = i + 1
    if start is None or not _NEEDED <= set(keys) or len(grid) - start < MIN_ROWS:
        return None
    paragraphs: list[str] = []
    asked: int | None = None
    for row in grid[start:]:
        if len({identity for identity, _ in row}) == 1:
            if row[0][1].strip():
                paragraphs.append(row[0][1].strip())
            asked = None
            continue
        cells: dict[str, list[str]] = {}
        seen: set[int] = set()
        question: int | None = None
        for key, (identity, text) in zip(keys, row):
            if key and not _NO_VALUE.match(text) and identity not in seen:
                seen.add(identity)
                cells.setdefault(key, []).append(text.strip())
                question = identity if key == "留言内容" else question
        if any(_PASSED_ON_STATUS.match(part) for part in cells.get("回复内容", ())):
            cells.pop("回复内容"), cells.pop("回复单位", None)
        reply = "：".join(cells.pop("回复内容", ()))
        for key in _COLUMNS:
            if key in cells and not (key == "留言内容" and question == asked):
                paragraphs.append(f"{key}：{_one_paragraph('：'.join(cells[key]))}")
        for who, words in _by_person(reply):
            paragraphs.append(f"{who or '回复内容'}：{_one_paragraph(words)}")
        asked = question if question is not None else asked
    return paragraphs


# "镇党委委员、副镇长蔺德昭答复：……", "贺明川补充：……" opening a paragraph of a reply cell: who says what follows
_PERSON_LEAD = re.compile(r"^[ \t\u3000]*(?P<who>[\u4e00-\u9fff、·]{2,30}?)(?:答复|补充|回复|解答|说明)[：:][ \t\u3000]*")


# the parties of a 政府采购 or 招标 notice, named by their part (their names are given in its 联系方式 section)
PARTIES = r"(?:采购人|采购代理机构|招标人|招标代理机构|集中采购机构)"
PARTY_LEAD = re.compile(rf"^[ \t\u3000]*(?P<party>{PARTIES})[：:][ \t\u3000]*")


def _by_person(reply: str) -> list[tuple[str | None, str]]:
    """A reply cut where a paragraph opens with a person's answer ("……副镇长蔺德昭答复：") or a procurement's party's
    ("采购人："): (who, the words); (None, the reply) when none does."""
    from index.parsing.people import parse_person

    def lead(line: str) -> tuple[str, int] | None:
        if party := PARTY_LEAD.match(line):  # "采购人：……", "采购代理机构：……": a procurement's party answers
            return party["party"], party.end()
        match = _PERSON_LEAD.match(line)
        person = parse_person(match["who"]) if match else None
        return (match["who"], match.end()) if match and person is not None and person.name else None

    return _cut_at_leads(reply, lead)


# a press conference's 答问 table (序号 | 提问媒体 | 提问内容 | 答问人 | 答问内容): who answers is a person, named as the
# release lists its speakers; each row is written as a transcript's two labelled lines, read with that list
_PRESS_COLUMNS = {
    "asker": ("提问媒体", "提问记者", "媒体", "提问单位", "提问人"),
    "question": ("提问内容", "记者提问", "提问", "问题"),
    "answerer": ("答问人", "回答人", "答复人", "发布人", "发言人", "答问嘉宾"),
    "answer": ("答问内容", "回答内容", "答问", "回答"),
}
_PRESS_KEY_OF = {name: key for key, names in _PRESS_COLUMNS.items() for name in names}


def answer_table_as_transcript(body: str) -> str | None:
    """A text whose table of reporters' questions and named speakers' answers (tab-separated cells, a row a line) is
    written as labelled lines ("湝峂日报记者：……", "阚泽远：……"), the lines around the table as they are; a cell two
    speakers answer, each opening their words with their name ("岑海川：……阚泽远：我补充一点。……"), is cut between them.
    None when the text has no such table."""
    lines = body.split("\n")
    for at, line in enumerate(lines):
        header = [cell.strip() for cell in line.split("\t")]
        keys = [_PRESS_KEY_OF.get(cell) for cell in header]
        if line.count("\t") < 2 or not {"question", "answerer", "answer"} <= set(keys):
            continue
        end, out = at + 1, []
        while end < len(lines) and (lines[end].count("\t") >= 2 or not lines[end].strip()):
            cells = {key: cell.strip() for key, cell in zip(keys, lines[end].split("\t")) if key and cell.strip()}
            end += 1
            if "question" not in cells or "answer" not in cells:
                continue
            outlet = cells.get("asker", "")  # "湝峂日报": its reporter asks
            asker = f"{outlet}记者" if outlet and "记者" not in outlet else outlet or "记者"
            out.append(f"{asker}：{cells['question']}")
            out += [f"{who}：{words}" for who, words in _speakers_of(cells["answer"], cells.get("answerer", ""))]
        if len(out) < 2 * MIN_ROWS:
            return None
        return "\n".join([*lines[:at], "", *out, "", *lines[end:]])
    return None


def _speakers_of(answer: str, answerers: str) -> list[tuple[str, str]]:
    """An answer cell's words by speaker: cut where a listed answerer's name and a colon open words of theirs."""
    names = [name.strip() for name in re.split(r"[、，,；;]", answerers) if name.strip()]
    if len(names) < 2:
        return [(answerers or "答", answer)]
    lead = re.compile("(" + "|".join(re.escape(name) for name in names) + r")[：:]")
    parts = lead.split(answer)
    if len(parts) < 3 or parts[0].strip():
        return [(names[0], answer)]
    return [(parts[k], parts[k + 1].strip()) for k in range(1, len(parts) - 1, 2) if parts[k + 1].strip()]


# a video's storyboard (分镜脚本: 镜号 | 画面 | 字幕/声音 | 时长): the sound column says who speaks ("主播：……"), a card
# shows the question ("【问题卡】 市民来电：……"), and "同期声：……" is a guest's voice, named by the caption in the
# same row's picture column ("字幕条：……科长　荀立言"), "同期声（续）" going on with the last one
_PICTURE_COLUMNS = ("画面", "画面内容", "镜头内容")
_SOUND_COLUMNS = ("字幕/声音", "声音/字幕", "声音", "解说/同期声", "同期声/解说", "台词", "字幕及声音")
_CAPTION = re.compile(r"(?:字幕条|人名条|名条|字幕)[：:][ \t\u3000]*(?P<who>[^\t\n：:]{2,40}?)[ \t\u3000]*$")
_LIVE_SOUND = re.compile(r"^同期声(?P<more>[（(]续[）)])?[：:][ \t\u3000]*")
_CUE_TAG = re.compile(r"^【(?:音效|音乐|字幕|画外音提示|转场)】")
_CUE_AFTER = re.compile(r"[ \t\u3000]*【(?:音效|音乐|字幕|转场)】.*$")  # "……再见。 【字幕】本期所涉政策……"
_CARD_TAG = re.compile(r"^【[^】]{1,6}卡】[ \t\u3000]*")  # 【问题卡】: the card shows the question under its label
_CALLER = re.compile(r"^(?P<who>市民|网友|听众|群众)(?:来电|来信|留言)[：:]")


def storyboard_as_transcript(body: str) -> str | None:
    """A storyboard table (tab-separated cells, a row a line) written as labelled lines: the sound column's words,
    a guest's live sound labelled with the caption that names them; cues and picture notes left out. None when the
    text has no such table."""
    lines = body.split("\n")
    for at, line in enumerate(lines):
        header = [cell.strip() for cell in line.split("\t")]
        picture = next((k for k, cell in enumerate(header) if cell in _PICTURE_COLUMNS), None)
        sound = next((k for k, cell in enumerate(header) if cell in _SOUND_COLUMNS), None)
        if line.count("\t") < 2 or picture is None or sound is None:
            continue
        end, out, speaker = at + 1, [], None
        while end < len(lines) and (lines[end].count("\t") >= 2 or not lines[end].strip()):
            cells = lines[end].split("\t")
            end += 1
            if len(cells) <= max(picture, sound):
                continue
            words, caption = cells[sound].strip(), _CAPTION.search(cells[picture].strip())
            if (live := _LIVE_SOUND.match(words)) is not None:
                speaker = caption["who"].strip() if caption and not live["more"] else speaker
                if speaker:
                    out.append(f"{speaker}：{words[live.end():]}")
                continue
            if _CUE_TAG.match(words):
                continue  # "【音效】片头音乐": a cue, no one's words
            words = _CALLER.sub(lambda m: f"{m['who']}：", _CARD_TAG.sub("", _CUE_AFTER.sub("", words)))
            if words:
                out.append(words)
        if len(out) < 2 * MIN_ROWS:
            return None
        return "\n".join([*lines[:at], "", *out, "", *lines[end:]])
    return None
