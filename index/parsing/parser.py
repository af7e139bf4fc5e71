"""A corpus file's text -> an `Interview`: metadata, intro, question-and-answer turns, summary, and passages.

In order: lines and their speaker labels; the header block (guest list, host, time, source: index.parsing.header);
paragraphs; the title lines above the first turn; who answers (index.parsing.cast); the turns; the passages. A
document without labels whose questions are headings ("一、为什么要出台《办法》？") is read as questions and answers
of the one who answers in its title (市医疗保障局负责人).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from pathlib import Path

from index.parsing.about import interview_metadata
from index.parsing.blocks import Block, Layout, Segment
from index.parsing.header import Header, read_header
from index.parsing.metadata import (TitleBlock, classify_title_line, is_boilerplate, is_info_line, section_name,
                                    strip_markup)
from index.parsing.orgs import split_place
from index.parsing.passages import PassageBuilder
from index.parsing.people import ACCOUNT, parse_people
from index.parsing.sections import cut_sections, is_courtesy_block, with_lead_in
from index.parsing.segment import SHORT_LINE, Span, iter_lines, line_continues
from index.parsing.sources import SourceText, read_source
from index.parsing.speakers import (SECTION_WORDS, Label, accepted_labels, bare_label, find_label, is_stamp_line,
                                     read_label)
from index.parsing.turns import (has_answers, label_headed_questions, label_message_board, label_postfix_board,
                                  merge_answers, segments_of,
                                 turns_of)
from index.records import Interview, Passage

DEFAULT_MAX_PASSAGE_CHARS = 500
INTERVIEW_ID_HEX = 8  # hex digits of the file path's hash: an interview id
# Embedding a passage's text, its sentences, headings and question with the default model took 2.1 s per 1,000
# characters of passage text on 2 shared cores (the 12 files of tests/fixtures/bureaus, 35,477 characters, 75 s).
EMBED_SECONDS_PER_1000_CHARS = 2.1
SLOW_FILE_SECONDS = 300  # a file that keeps `build` busy longer than this gets a warning with the expected time
_SUMMARY_MARK = re.compile(
    r"^[●■◆▲★◎○□•·#*\s【\[]*(?:访谈总结|访谈手记|记者手记|采访手记|结束语|结语|编后语?|后记|小结|总结)[】\]*]*[:：]?\s*$"
)
_FULL_STOP = re.compile(r"[。！？!?；;…][”’」』）)]*$")
_QUESTION_END = re.compile(r"[？?][”’」』）)]*(?:\*\*|__)?$")
_QUESTION_MARKER = re.compile(r"^(?:问题?[一二三四五六七八九十\d]+[、：:.．]?|Q\d*[：:.．])[ \t\u3000]*")
MAX_QUESTION_HEADING_CHARS = 120
MIN_QUESTION_HEADINGS = 2  # a document reads as headed questions from two of them on


def interview_id_for(file: str) -> str:
    """A short stable id from the file's path inside the corpus."""
    return hashlib.sha1(file.encode("utf-8")).hexdigest()[:INTERVIEW_ID_HEX]


def parse_file(path: Path, file: str | None = None, max_chars: int = DEFAULT_MAX_PASSAGE_CHARS) -> Interview:
    """Reads and parses one corpus file (raises CorpusParseError when it cannot be read)."""
    return parse_source(read_source(path, file or path.name), max_chars)


def parse_text(text: str, file: str = "<text>", max_chars: int = DEFAULT_MAX_PASSAGE_CHARS) -> Interview:
    """Parses text as if it were a `.txt` corpus file (front matter included)."""
    from index.parsing.sources import split_front_matter

    metadata, body_start, warnings, hints = split_front_matter(text, file)
    return parse_source(SourceText(file, text, body_start, metadata, hints, "utf-8", tuple(warnings)), max_chars)


def parse_source(source: SourceText, max_chars: int = DEFAULT_MAX_PASSAGE_CHARS) -> Interview:
    text = source.text
    blocks, header = _blocks(text, source.body_start, source.headings)
    board = label_message_board(blocks, text) or label_postfix_board(blocks, text)
    layout = _layout(blocks, text)
    segments = segments_of(layout.body)
    headed = not board and not has_answers(segments) and label_headed_questions(blocks, text, source.headings)
    if headed:
        layout = _layout(blocks, text)
        segments = segments_of(layout.body)
    metadata, cast = interview_metadata(source, layout, segments, header)
    segments = merge_answers(segments, cast)
    turns = turns_of(segments, text, cast)
    interview_id = interview_id_for(source.file)
    builder = PassageBuilder(text, source.file, interview_id, metadata, max_chars, cast)
    warnings = list(source.warnings) + _add_passages(builder, layout, segments, bool(turns), source)
    if not metadata.bureau:
        warnings.append(f"{source.file}: no bureau found in the text; add `bureau:` to its front matter")
    elif not split_place(metadata.bureau)[0] or metadata.bureau.startswith("市"):
        warnings.append(f"{source.file}: the bureau's city is not in the text ({metadata.bureau}); add `bureau:` "
                        f"with the city to its front matter")
    if not builder.passages:
        warnings.append(f"{source.file}: no passages")
    warnings.extend(_slow_file_warning(source.file, builder.passages))
    return Interview(interview_id=interview_id, file=source.file, text=text, metadata=metadata, turns=tuple(turns),
                     passages=tuple(builder.passages), warnings=tuple(warnings))


def _slow_file_warning(file: str, passages: list[Passage]) -> list[str]:
    """A warning with the expected embedding time when a file will keep `build` busy for minutes."""
    chars = sum(len(p.text) for p in passages)
    seconds = chars / 1000 * EMBED_SECONDS_PER_1000_CHARS
    if seconds < SLOW_FILE_SECONDS:
        return []
    return [f"{file}: a large file ({chars:,} characters, {len(passages):,} passages) will take about "
            f"{round(seconds / 60):,} minutes to embed (on 2 cores); `build` is busy that long"]


# -- lines and paragraphs ------------------------------------------------------------------------------------------
def _blocks(text: str, body_start: int, marked: frozenset[int] = frozenset()) -> tuple[list[Block], Header]:
    """Lines joined into paragraphs (a long line without a sentence end continues on the next line, unless the page
    marked it as a heading), with their speaker labels; header fields and time stamps stand alone."""
    lines = _at_answer_marks(text, _without_trailing_stamps(text, _without_trailing_credits(text, _at_qa_cells(
        text, list(iter_lines(text, body_start))))))
    lines, askers = _askers_after_questions(text, lines)
    line_texts = [text[s.start : s.end] for s in lines]
    labels = [askers.get(i) or find_label(line) for i, line in enumerate(line_texts)]
    _headline_is_no_label(line_texts, labels)
    header = read_header(line_texts, labels)
    for i in header.lines:
        labels[i] = None
    _symbol_marked_turns(line_texts, labels)
    _accounts_as_people(line_texts, labels)
    _bare_speaker_lines(line_texts, labels, header.lines)
    skipped = _speaker_headings(line_texts, labels, {i for i, span in enumerate(lines) if span.start in marked})
    first = next((i for i, label in enumerate(labels) if label), len(lines))
    intro_text = "\n".join(line_texts[:first])
    accepted = accepted_labels([l for l in labels if l], intro_text)
    blocks: list[Block] = []
    for i, (span, label) in enumerate(zip(lines, labels)):
        line = line_texts[i]
        if i in header.lines or i in skipped or is_stamp_line(line):
            field = i in header.lines or i in skipped
            blocks.append(Block(span.start, span.end, line, None, span.start, field=field, stamp=not field))
            continue
        previous = blocks[-1] if blocks else None
        if label and (label.name not in accepted or _speaks_on(previous, label)):
            label = None
        if (
            previous is not None
            and label is None
            and not previous.field
            and not previous.stamp
            and not _SUMMARY_MARK.match(line)
            and not previous.label_only
            and previous.start not in marked
            and line_continues(last := text[previous.content_start : previous.end].rsplit("\n", 1)[-1])
            and not is_info_line(last)
        ):
            previous.end = span.end
            continue
        blocks.append(Block(span.start, span.end, line, label, span.start + (label.content_offset if label else 0)))
    return blocks, header


# "……和大家交流。 10:00:31": a live transcript's time stamp after the words, to the second
_TRAILING_STAMP = re.compile(r"[ \t\u3000]+[\[【(（]?\d{1,2}[:：]\d{2}[:：]\d{2}[\]】)）]?$|"
                             r"[ \t\u3000]*[\[【]\d{1,2}[:：]\d{2}(?:[:：]\d{2})?[\]】]$")  # "……？[14:02]" too
MIN_TRAILING_STAMPS = 3  # a page that stamps its lines so, not one line that ends with a time


# a table of questions and answers (.docx, one row a line, cells apart by tabs) under a header row "问题 | 解答"
_QA_HEADER = re.compile(r"^(?:问题|问|提问|咨询问题|常见问题|群众关心的问题)\t+(?:解答|答复|回答|答|回复|政策解答|解读)$")


def _at_qa_cells(text: str, lines: list[Span]) -> list[Span]:
    """Rows of a question-and-answer table cut into the question's cell and the answer's, each a line of its own;
    the header row left out."""
    header = next((i for i, line in enumerate(lines) if _QA_HEADER.match(text[line.start : line.end])), None)
    if header is None:
        return lines
    out = lines[:header]
    for line in lines[header + 1 :]:
        tab = text.find("\t", line.start, line.end)
        if tab > line.start and _QUESTION_END.search(text[line.start : tab].rstrip()):
            after = tab + len(text[tab : line.end]) - len(text[tab : line.end].lstrip())
            out += [Span(line.start, tab), Span(after, line.end)]
        else:
            out.append(line)
    return out


# "……怎么办？（峤南日报记者）": a reporter's question that names its outlet after the words, with no label before them
_ASKER_AFTER = re.compile(r"(?<=[？?])[”’」』]?[ \t\u3000]*[（(](?P<who>[^（）()\n]{2,20}?记者)[）)][ \t\u3000]*$")


def _askers_after_questions(text: str, lines: list[Span]) -> tuple[list[Span], dict[int, Label]]:
    """Lines that end in the asking reporter, ended before it; and the reporter as each one's label."""
    out: list[Span] = []
    askers: dict[int, Label] = {}
    for i, line in enumerate(lines):
        match = _ASKER_AFTER.search(text, line.start, line.end)
        if match is not None and find_label(text[line.start : line.end]) is None:
            askers[i] = Label(match["who"], 0, synthetic=True)
            line = Span(line.start, match.start())
        out.append(line)
    return out, askers


# "……欢迎咨询。（责任编辑：谭晓舟）": an editor's credit after the last sentence of the page's words
_TRAILING_CREDIT = re.compile(r"(?<=[。！？!?”」])[ \t\u3000]*[（(](?:责任编辑|值班编辑|编辑|校对|审核|审校|来源|稿源)[:：\s]"
                              r"[^（）()]{1,40}[）)][ \t\u3000]*$")


def _without_trailing_credits(text: str, lines: list[Span]) -> list[Span]:
    """Lines that end in an editor's or a source's credit end before it: it belongs to no passage."""
    out: list[Span] = []
    for line in lines:
        credit = _TRAILING_CREDIT.search(text, line.start, line.end)
        out.append(Span(line.start, credit.start()) if credit and credit.start() > line.start else line)
    return out


_MID_LINE_MARK = re.compile(r"(?<=[？?。！!])[ \t\u3000]*(?=【[问答]】)")  # "【问】……？【答】……" in one paragraph


# "……都能领吗？ 韦立群：谢谢你的提问。": a speaker's label after a sentence's end and a space, in one paragraph
_MID_LINE_SPEAKER = re.compile(r"(?<=[？?。！!])[ \t\u3000]+(?=[^\s：:，。！？]{2,16}：)")


def _at_answer_marks(text: str, lines: list[Span]) -> list[Span]:
    """A line cut where a 【答】 or 【问】, or a speaker's label (a person, a reporter, the host), follows a sentence's
    end: each opens a turn of its own."""
    out: list[Span] = []
    for line in lines:
        start = line.start
        marks = [*_MID_LINE_MARK.finditer(text, line.start, line.end),
                 *(m for m in _MID_LINE_SPEAKER.finditer(text, line.start, line.end) if _names_speaker(text, m.end()))]
        for match in sorted(marks, key=lambda m: m.start()):
            if match.start() > start:
                out.append(Span(start, match.start()))
                start = match.end()
        out.append(Span(start, line.end))
    return out


def _names_speaker(text: str, at: int) -> bool:
    label = find_label(text[at : at + 40])
    if label is None or not label.explicit_colon:
        return False
    reading = read_label(label.name)
    return reading.word is not None or reading.person is not None or reading.title is not None or bool(reading.outlet)


def _without_trailing_stamps(text: str, lines: list[Span]) -> list[Span]:
    """Lines ending in a time stamp end before it, when the page stamps its lines that way: the stamp is when the
    words were posted, not part of them."""
    stamps = [_TRAILING_STAMP.search(text, line.start, line.end) for line in lines]
    if sum(1 for line, stamp in zip(lines, stamps) if stamp and stamp.start() > line.start) < MIN_TRAILING_STAMPS:
        return lines
    return [Span(line.start, stamp.start()) if stamp and stamp.start() > line.start else line
            for line, stamp in zip(lines, stamps)]


_HOST_ACCOUNT = re.compile(r"^主持(?:人)?[：:][ \t\u3000]*@(?P<account>\S{1,30})$")


def _accounts_as_people(lines: list[str], labels: list[Label | None]) -> None:
    """On a 微访谈, "@茗川卫健唐韵：" is 唐韵 when the guest list gives "唐韵（@茗川卫健唐韵）", and "@茗川发布：" is the host
    when "主持人：@茗川发布"; other accounts are 网友."""
    named: dict[str, str] = {}
    for line in lines:
        for match in ACCOUNT.finditer(line):
            people = parse_people(line[: match.start()].rsplit("，", 1)[-1])
            if people and people[-1].name:
                named[match["account"]] = people[-1].name
        if host := _HOST_ACCOUNT.match(line.strip()):
            named[host["account"]] = "主持人"
    for i, label in enumerate(labels):
        if label is not None and label.name.startswith("@") and label.name[1:] in named:
            labels[i] = replace(label, name=named[label.name[1:]])


HEADLINE_LINES = 3
_NOT_HEADLINES = frozenset({"boilerplate", "source", "date", "meta", "byline", "series", "note", "section"})


def _names_nobody(label: Label) -> bool:
    """A bracketed column's name ("【代表问政】"), not a speaker's ("[主持人]", "【嘉宾 周启航】")."""
    reading = read_label(label.name)
    return reading.word is None and reading.person is None and reading.title is None and not reading.outlet


def _headline_is_no_label(lines: list[str], labels: list[Label | None]) -> None:
    """A first line shaped like a label is a headline ("栖川市教育局局长沈望舒：让每个孩子在家门口上好学",
    "专访市交通运输局局长邵振华：织密“一张网”") when its words end no sentence and no other line has that label."""
    # the first line of words, after a breadcrumb, a paper's page line, a source or a date
    first = next((i for i, line in enumerate(lines[:HEADLINE_LINES]) if not is_boilerplate(line) and (
        labels[i] is not None or classify_title_line(line, TitleBlock()) not in _NOT_HEADLINES)), None)
    if first is None or labels[first] is None:
        return
    label, words = labels[first], lines[first][labels[first].content_offset:].strip()
    # a column's name in brackets before a headline that asks: "【代表问政】老旧小区改造，怎样改到居民心坎上？"
    headline = not _FULL_STOP.search(words) or (label.bracketed and _QUESTION_END.search(words) is not None
                                                 and _names_nobody(label))
    if words and headline and sum(1 for l in labels if l and l.name == label.name) == 1:
        labels[first] = None


MIN_SPEAKER_HEADINGS = 2
_TURN_SYMBOLS = "◆◇■□●○▲△★☆"
MIN_SYMBOL_TURNS = 2


def _symbol_marked_turns(lines: list[str], labels: list[Label | None]) -> None:
    """A 专访 whose questions open with one symbol and answers with another, no names ("◆……？" / "◇……"): the
    symbol whose lines mostly ask is 问, the other 答."""
    marked: dict[str, list[int]] = {}
    for i, line in enumerate(lines):
        if labels[i] is None and len(line) > 1 and line[0] in _TURN_SYMBOLS:
            marked.setdefault(line[0], []).append(i)
    used = sorted((m for m in marked if len(marked[m]) >= MIN_SYMBOL_TURNS), key=lambda m: -len(marked[m]))[:2]
    if len(used) != 2:
        return
    asks = {m: sum(1 for i in marked[m] if _QUESTION_END.search(lines[i])) / len(marked[m]) for m in used}
    question, answer = sorted(used, key=lambda m: -asks[m])
    if asks[question] <= 0.5 or asks[answer] >= 0.5:
        return
    for mark, word in ((question, "问"), (answer, "答")):
        for i in marked[mark]:
            offset = len(lines[i]) - len(lines[i][1:].lstrip(" \t\u3000"))
            labels[i] = Label(word, offset, synthetic=True)


def _speaker_headings(lines: list[str], labels: list[Label | None], marked: set[int]) -> set[int]:
    """A report of several officials answering in turn (a 两会 部门通道), each under a heading that names them and sums
    up what they said ("市教育局党委书记、局长 邵怀瑾：今年新增公办学位1.2万个"), the reporters' questions labelled and
    the answers not: each heading is no turn, the first paragraph after each question is its official's answer, a
    heading-styled paragraph that asks is a reporter's question, and what stands between a heading and its first
    question (第二位走上通道的是……) is no one's words. Returns the lines left out."""
    headings = {i: label for i, label in enumerate(labels) if label is not None and _is_speaker_heading(lines, labels, i)}
    if len({label.name for label in headings.values()}) < MIN_SPEAKER_HEADINGS:
        return set()
    skipped: set[int] = set()
    speaker: Label | None = None
    asked = False
    for i, label in enumerate(labels):
        if i in headings:
            speaker, asked, labels[i] = headings[i], False, None
            skipped.add(i)
        elif speaker is None:
            continue
        elif label is not None:
            asked = read_label(label.name).side == "ask"
        elif i in marked and _QUESTION_END.search(lines[i]):
            labels[i], asked = Label("记者", 0, synthetic=True), True
        elif asked:
            labels[i], asked = Label(speaker.name, 0, synthetic=True), False
        elif not any(labels[j] is not None for j in range(_last_heading(headings, i), i)):
            skipped.add(i)  # between a heading and its first question
    return skipped


def _is_speaker_heading(lines: list[str], labels: list[Label | None], i: int) -> bool:
    label = labels[i]
    assert label is not None
    words = lines[i][label.content_offset:].strip()
    reading = read_label(label.name)
    return (reading.side == "answer" and reading.person is not None and bool(reading.person.name) and bool(words)
            and not _FULL_STOP.search(words) and sum(1 for l in labels if l and l.name == label.name) == 1
            and (following := next((l for l in labels[i + 1:] if l is not None), None)) is not None
            and read_label(following.name).side == "ask")


def _last_heading(headings: dict[int, Label], i: int) -> int:
    return max(j for j in headings if j < i) + 1


MIN_BARE_LABELS = 2


def _bare_speaker_lines(lines: list[str], labels: list[Label | None], header: set[int]) -> None:
    """Speaker lines without a colon ("主持人", "临渚日报记者", "卢海平", the words on the next lines), when the document
    writes its turns that way: at least two such lines after the header, and both sides speaking (with these or with
    labels of their own)."""
    found = {i: bare for i, line in enumerate(lines)
             if labels[i] is None and i not in header and i + 1 < len(lines) and (bare := bare_label(line))}
    # the other side may stand alone on its lines with labels of its own ("主持人" bare, "[嘉宾]陈文涛" in brackets)
    alone = [label for line, label in zip(lines, labels) if label and label.content_offset >= len(line.rstrip())]
    sides = {read_label(label.name).side for label in [*found.values(), *alone]}
    if len(found) >= MIN_BARE_LABELS and {"ask", "answer"} <= sides:
        for i, label in found.items():
            labels[i] = label


def _speaks_on(previous: Block | None, label: Label) -> bool:
    """The line after a timed speaker line (`10:00:06 主持人`) is that speaker's words, whatever it starts with."""
    return (previous is not None and previous.label is not None and previous.label_only
            and previous.label.timestamped and not label.timestamped)


def _layout(blocks: list[Block], text: str) -> Layout:
    blocks = [b for b in blocks if not b.stamp]
    first_turn = next((i for i, b in enumerate(blocks) if b.label), len(blocks))
    pre, body = blocks[:first_turn], blocks[first_turn:]
    title = TitleBlock()
    intro: list[Block] = []
    headings: dict[int, str] = {}
    for block in pre:
        line = text[block.start : block.end]
        if block.field or is_boilerplate(block.first_line):
            continue
        if block.end - block.start <= SHORT_LINE * 2 and (not _FULL_STOP.search(line) or _opens_with_a_question(
                line, title, intro)):
            kind = classify_title_line(line, title)
            if kind == "headline":
                headings[len(intro)] = title.headlines[-1]
            elif kind == "section":  # 访谈简介, 文字实录: a heading of what follows, not a title
                headings[len(intro)] = section_name(line)
        else:
            intro.append(block)
    summary_at = next((i for i, b in enumerate(body) if not b.label and _SUMMARY_MARK.match(b.first_line)), None)
    summary: list[Block] = []
    summary_heading = None
    if summary_at is not None:
        summary_heading = strip_markup(body[summary_at].first_line).strip("●■◆▲★◎○□•·【】[]：: ")
        summary = [b for b in body[summary_at + 1 :] if not is_boilerplate(b.first_line) and not b.field]
        body = body[:summary_at]
    body = [b for b in body if not is_boilerplate(b.first_line) and not b.field and not _section_mark(b, text)]
    end_at = next((i for i, b in enumerate(body) if i and not b.label and "\n" not in text[b.start:b.end]
                   and _AFTER_TRANSCRIPT.match(section_name(b.first_line))), None)
    body = body[:end_at] if end_at is not None else body  # "图片直播" and its captions below the transcript
    box_at = next((i for i, b in enumerate(body) if i and not b.label and _GUEST_BOX.match(strip_markup(b.first_line))),
                  None)
    guest_box = [text[b.start : b.end] for b in body[box_at + 1 :]] if box_at is not None else []
    body = body[:box_at] if box_at is not None else body  # a guest list after the transcript ends it
    return Layout(title, pre, intro, headings, body, summary, summary_heading, guest_box)


def _opens_with_a_question(line: str, title: TitleBlock, intro: list[Block]) -> bool:
    """A headline that asks ("城中村改造，钱从哪里来？"): the first short line before any intro, ending in a question."""
    return bool(_QUESTION_END.search(line)) and not intro and not title.headlines


_BRACKETED_HEAD = re.compile(r"^[【\[［](?P<words>[^】\]］\n]{2,12})[】\]］]")


def _section_mark(block: Block, text: str) -> bool:
    """A line of its own after the turns began that a section's bracketed name opens ("【现场满意度测评】满意 5 票"):
    no one's words."""
    match = _BRACKETED_HEAD.match(block.first_line)
    return (block.label is None and match is not None and "\n" not in text[block.start : block.end]
            and SECTION_WORDS.match(match["words"]) is not None)


# a section of the page below the transcript: its photos, video, links, the next interview
_AFTER_TRANSCRIPT = re.compile(r"^(?:图片直播|图文直播|视频直播|视频回放|视频点播|相关链接|相关新闻|相关阅读|相关稿件|延伸阅读|"
                               r"往期回顾|往期访谈|访谈预告|下期预告)$")


# a box of the guests' names and titles, on some sites below the transcript ("访谈嘉宾" / 郭明远 / ……中心主任)
_GUEST_BOX = re.compile(r"^[【\[]?(?:访谈嘉宾|嘉宾介绍|本期嘉宾|嘉宾简介)[】\]]?[:：]?$")


# -- passages --------------------------------------------------------------------------------------------------------
def _add_passages(builder: PassageBuilder, layout: Layout, segments: list[Segment], has_turns: bool,
                  source: SourceText) -> list[str]:
    """Cuts the intro, the answers (or, without turns, the paragraphs) and the summary; returns warnings."""
    text, marked = builder.text, source.headings
    warnings: list[str] = []
    for i, block in enumerate(layout.intro):
        builder.add_section([block], "intro", heading=layout.headings.get(i))
    if has_turns:
        for segment in _answer_segments(segments):
            sections = with_lead_in(cut_sections(segment.blocks, text, marked=marked, skip=is_courtesy_block), text)
            for heading, section in sections:
                builder.add_section(section, "answer", heading=heading, turn=segment.turn, segment=segment)
    else:
        warnings.append(f"{source.file}: no question-and-answer turns recognised; indexed as paragraphs")
        if layout.body or not layout.intro:
            for heading, section in cut_sections(layout.body, text, marked=marked):
                builder.add_section(section, "answer", heading=heading)
    for heading, section in cut_sections(layout.summary, text, heading=layout.summary_heading, marked=marked):
        builder.add_section(section, "summary", heading=heading)
    return warnings


def _answer_segments(segments: list[Segment]) -> list[Segment]:
    return [s for s in segments if not s.asks and s.blocks]
