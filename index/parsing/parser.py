"""A corpus file's text -> an `Interview`: metadata, intro, question-and-answer turns, summary, and passages.

In order: lines and their speaker labels (cut and labelled by the page's conventions: index.parsing.line_cuts,
line_labels); the header block (guest list, host, time, source: index.parsing.header);
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
from index.parsing.cast import is_institution
from index.parsing.declared import CODE_LABEL, declaring_lines, label_aliases, with_aliases_resolved
from index.parsing.entry_labels import signed_by, signed_by_blocks
from index.parsing.header import Header, read_header
from index.parsing.line_cuts import QUESTION_END, UNNAMED_SIGNER, jumps_between, page_lines
from index.parsing.line_labels import headline_is_no_label, label_lines
from index.parsing.metadata import (TitleBlock, classify_title_line, is_boilerplate, is_info_line, section_name,
                                    strip_markup)
from index.parsing.orgs import is_unit_name, local_name, split_place
from index.parsing.people import PersonDesc, parse_person
from index.parsing.passages import PassageBuilder
from index.parsing.sections import cut_sections, is_courtesy_block, with_lead_in
from index.parsing.segment import SHORT_LINE, enumerator, iter_lines, line_continues
from index.parsing.sources import SourceText, read_source
from index.parsing.speakers import (ANSWER_WORDS, SECTION_WORDS, Label, accepted_labels, find_label, is_stamp_line, read_label,
                                     tags_no_one)
from index.parsing.turns import (has_answers, label_cases_among_speakers, label_headed_questions, label_message_board, label_postfix_board,
                                  label_unit_led_board, merge_answers, segments_of, turns_of)
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
_QUESTION_MARKER = re.compile(r"^(?:问题?[一二三四五六七八九十\d]+[、：:.．]?|Q\d*[：:.．])[ \t\u3000]*")
# a line that opens a bulleted list item (Markdown's "- ", "* ", "+ ", a "• "): an item of its own, never the line
# before it going on
_BULLET_ITEM = re.compile(r"^[ \t\u3000]*[-*+•][ \t]+\S")
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
    board = label_message_board(blocks, text) or label_postfix_board(blocks, text) or \
        label_unit_led_board(blocks, text, source.headings)
    layout = _layout(blocks, text)
    segments = segments_of(layout.body)
    headed = not board and (label_headed_questions(blocks, text, source.headings) if not has_answers(segments)
                            else label_cases_among_speakers(blocks, text, source.headings))
    if signed_by_blocks(blocks) or headed:
        layout = _layout(blocks, text)
        segments = segments_of(layout.body)
    narration = _end_at_document_sections(segments, blocks, text) + _end_at_closing_heading(segments, source.headings)
    metadata, cast = interview_metadata(source, layout, segments, header)
    segments = merge_answers(segments, cast)
    _drop_closing_headings(segments, text)
    turns = turns_of(segments, text, cast)
    interview_id = interview_id_for(source.file)
    builder = PassageBuilder(text, source.file, interview_id, metadata, max_chars, cast,
                             [b.start for b in blocks if b.field])
    warnings = list(source.warnings) + _add_passages(builder, layout, segments, bool(turns), source, narration)
    if not metadata.bureau:
        warnings.append(f"{source.file}: no bureau found in the text; add `bureau:` to its front matter")
    elif not split_place(local_name(metadata.bureau))[0] or metadata.bureau.startswith("市"):
        warnings.append(f"{source.file}: the bureau's city is not in the text ({metadata.bureau}); add `bureau:` "
                        f"with the city to its front matter")
    if not builder.passages:
        warnings.append(f"{source.file}: no passages")
    warnings.extend(_slow_file_warning(source.file, builder.passages))
    return Interview(interview_id=interview_id, file=source.file, text=text, metadata=metadata, turns=tuple(turns),
                     passages=tuple(builder.passages), warnings=tuple(warnings))


_MARKDOWN_HEADING = re.compile(r"^#{1,6}[ \t]+\S")
_TOP_HEADING = re.compile(r"^#[ \t]+\S")  # "# ……集中答复来了！": a Markdown page's first level-one heading is its title


def _may_speak(label: Label, line: str) -> bool:
    """A label that may be a speaker's, not a page's field ("当前位置：", "发布时间：", "浏览次数：2316")."""
    return not (is_boilerplate(line) or is_info_line(line) or _PAGE_COUNTER.fullmatch(label.name))


_PAGE_COUNTER = re.compile(r"(?:浏览|阅读|点击|访问)(?:次数|量|数)?")


def _end_at_document_sections(segments: list[Segment], blocks: list[Block], text: str) -> list[Block]:
    """A Markdown heading of the level that heads the document's sections (one before the first speaker's label:
    "## 第一站：……", then "## 第二站：……") ends the answer it falls in: what follows it up to the next label is the
    reporter's narration of the next section, no one's answer, and left out. A deeper heading inside an answer is its
    own. A plain text's outline heading that goes on numbering the document's outline ends an answer too; returns the
    blocks it cut off, the document's own words, indexed as no one's."""
    first = next((b for b in blocks if b.label is not None), None)
    if first is None:
        return []
    levels = {len(m.group(1)) for b in blocks if b.start < first.start
              and (m := _HEADING_LEVEL.match(text[b.start:b.end].strip())) and len(m.group(1)) > 1}
    top = min(levels) if levels else 0
    outline = _outline_headings(blocks, first, text)
    if not levels and not outline:
        return []
    narration: list[Block] = []
    for segment in segments:
        opening = segment.blocks[0] if segment.blocks else None
        if opening is not None and (opening.start in outline or (  # "【处理意见】" read as a label: a section, no one's
                text.rfind("\n", 0, max(0, opening.start - 1)) + 1 in outline and not segment.asks)):
            narration.extend(segment.blocks[1:] if opening.start in outline else segment.blocks)
            segment.blocks = []
            continue
        if segment.asks:
            continue
        cut = next((k for k, b in enumerate(segment.blocks) if k > 0 and b.label is None and (
            b.start in outline or ((m := _HEADING_LEVEL.match(text[b.start:b.end].strip())) and len(m.group(1)) <= top))),
            None)
        if cut is not None:
            if segment.blocks[cut].start in outline:  # a plain outline's section: its words kept, as no one's
                narration.extend(b for b in segment.blocks[cut + 1:] if b.start not in outline)
            del segment.blocks[cut:]
            segment.ends_section = True
    return narration


_ENUMERATED = re.compile(r"^[ \t\u3000]*(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[、.．]|第[一二三四五六七八九十\d]{1,3})")


def _end_at_closing_heading(segments: list[Segment], marked: frozenset[int]) -> list[Block]:
    """The one heading of the page's markup (an HTML <h3>, unnumbered) inside the last answer, after no question: the
    page's own section below the interview ("家长小贴士", "延伸阅读"), no one's words; returns the blocks it cut off,
    indexed as no one's."""
    last = next((k for k in range(len(segments) - 1, -1, -1) if segments[k].blocks), None)
    if last is None or segments[last].asks or not marked:
        return []
    segment = segments[last]
    headings = [k for k, b in enumerate(segment.blocks) if k > 0 and b.label is None and b.start in marked]
    if len(headings) != 1 or _ENUMERATED.match(segment.blocks[headings[0]].first_line):
        return []  # an answer's own sections: several headings, or one numbered ("一、管网改造：")
    cut = headings[0]
    narration = segment.blocks[cut + 1:]
    del segment.blocks[cut:]
    segment.ends_section = True
    return narration


# a plain text's outline heading: "四、演练脚本", "（五）演练讲评（10:25—10:30）" (short, no sentence in it)
_OUTLINE = re.compile(r"^[ \t\u3000]*(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)])"
                      r"[^。！？；，,;!?]{2,30}$")
_TAG_HEADING = re.compile(r"【[\u4e00-\u9fff]{2,12}】")


def _names_no_speaker(words: str) -> bool:
    """A heading's words that name no one ("处理意见", "发现问题"), not a speaker's ("主持人", "嘉宾 周航", "孙局长")."""
    reading = read_label(words)
    return reading.person is None and reading.title is None and reading.nickname is None and reading.side == "answer" \
        and (reading.word is None or not re.fullmatch(ANSWER_WORDS, reading.word))


def _outline_headings(blocks: list[Block], first: Block, text: str) -> set[int]:
    """The starts of the outline headings after the first speaker that go on numbering an outline begun before it
    ("（一）预警发布" above the first label, then "（二）", "（三）"… between the answers; "五、保障措施" after "四、"): the
    document's own sections, where an answer ends. An answer's own list ("（一）……" again) numbers from one anew."""
    last: dict[str, int] = {}
    found: set[int] = set()
    tagged = False  # "【沿河群众问答】" above the first label: every such heading is one of the document's sections
    first = next((b for b in blocks if b.label is not None and not _TAG_HEADING.fullmatch(text[b.start:b.end].strip())),
                 first)
    for block in blocks:
        line = text[block.start:block.end].strip()
        if _TAG_HEADING.fullmatch(line) and (block.label is None or _names_no_speaker(line.strip("【】"))):
            if block.start < first.start:
                tagged = True
            elif tagged:
                found.add(block.start)
            continue
        if block.label is not None or not _OUTLINE.match(line) or (numbered := enumerator(line)) is None:
            continue
        style, number = numbered  # "dun" for 四、, "paren" for （五）
        if block.start < first.start:
            last[style] = number
        elif style in last and number == last[style] + 1:
            last[style] = number
            found.add(block.start)
            if style == "dun":
                last.pop("paren", None)  # a new chapter numbers its own (一) anew
    return found


_HEADING_LEVEL = re.compile(r"^(#{1,6})[ \t]+\S")


def _drop_closing_headings(segments: list[Segment], text: str) -> None:
    """A Markdown heading as an answer's last block ("## 记者提问", "## 建议二：……"), or an entry's number or tag
    before the next entry's question ("（二）老旧小区加装电梯补贴问题", "【工单2】"), heads what follows it, not the
    answer: it is no part of the answer's words. (A heading an HTML page marked is left to `cut_sections`.)"""
    for n, segment in enumerate(segments):
        next_asks = n + 1 < len(segments) and segments[n + 1].asks
        while not segment.asks and len(segment.blocks) > 1:
            last = segment.blocks[-1]
            line = text[last.start:last.end].strip()
            if last.label is not None or "\n" in line or not (
                    _MARKDOWN_HEADING.match(line) or (next_asks and _ENTRY_HEADING.fullmatch(line))):
                break
            segment.blocks.pop()


# an entry's number or tag on its own line: "（二）", "（二）老旧小区加装电梯补贴问题", "【工单2】", "二、……"
_ENTRY_HEADING = re.compile(r"[（(][一二三四五六七八九十\d]{1,3}[)）][^。！？；，,：:\n]{0,30}|[【\[][^】\]\n]{1,12}[】\]]|"
                            r"[一二三四五六七八九十]{1,3}、[^。！？；，,：:\n]{2,24}")


def _slow_file_warning(file: str, passages: list[Passage]) -> list[str]:
    """A warning with the expected embedding time when a file will keep `build` busy for minutes."""
    chars = sum(len(p.text) for p in passages)
    seconds = chars / 1000 * EMBED_SECONDS_PER_1000_CHARS
    if seconds < SLOW_FILE_SECONDS:
        return []
    return [f"{file}: a large file ({chars:,} characters, {len(passages):,} passages) will take about "
            f"{round(seconds / 60):,} minutes to embed (on 2 cores); `build` is busy that long"]


_DATE_IN_NAME = re.compile(r"\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}")


# -- lines and paragraphs ------------------------------------------------------------------------------------------
def _blocks(text: str, body_start: int, marked: frozenset[int] = frozenset()) -> tuple[list[Block], Header]:
    """Lines joined into paragraphs (a long line without a sentence end continues on the next line, unless the page
    marked it as a heading), with their speaker labels; header fields and time stamps stand alone."""
    lines, askers, signers = page_lines(text, list(iter_lines(text, body_start)))
    line_texts = [text[s.start : s.end] for s in lines]
    labels = [askers.get(i) or find_label(line) for i, line in enumerate(line_texts)]
    for i, label in enumerate(labels):  # "……记者　尤思睿　　2027-03-28 07:30　　来源：……": a byline, no one speaking
        if label is not None and _DATE_IN_NAME.search(label.name) and is_info_line(line_texts[i]):
            labels[i] = None
        elif label is not None and label.name[-1:].isdigit() and not label.timestamped \
                and line_texts[i][label.content_offset:label.content_offset + 1].isdigit():
            labels[i] = None  # "视频回放　时长 01:12:36": a time's colon, no label's
    for i in declaring_lines(line_texts):  # "技术专家：区水利局……股长 丁一鸣": the cast of a script's parts, no one's words
        labels[i] = None
    aliases = label_aliases(text)
    for i, line in enumerate(line_texts):  # "M1：……" under a table of codes: a code the page declares is a label
        if labels[i] is None and (coded := CODE_LABEL.match(line)) and coded["code"] in aliases:
            labels[i] = Label(coded["code"], coded.end(), explicit_colon=True, marked=True)
    labels = with_aliases_resolved(labels, aliases)
    headline_is_no_label(line_texts, labels)
    # a note's tag ("【虚构示例】本实录为……") is no speaker: the header goes on under it
    header = read_header(line_texts, [None if label and tags_no_one(label) else label for label in labels])
    if header.host is None and (lead := _HOST_IN_LEAD.search(text[:LEAD_CHARS])) is not None:
        # "课上由德育处主任宋知秋现场抽读纸条": who reads out the questions; "培训班班主任秦岚主持": the post and name at its end
        header.host = parse_person(lead["who"]) if lead["who"] else next(
            (person for start in range(len(lead["chair"]) - 1) if (person := parse_person(lead["chair"][start:])) and person.name),
            None)
    for i in header.lines:
        labels[i] = None
    skipped = label_lines(line_texts, labels, header.lines, {i for i, span in enumerate(lines) if span.start in marked},
                          header.host.name if header.host else None)
    signed_by(labels, signers)
    _outsiders_ask(labels, header.guests)
    first = next((i for i, label in enumerate(labels) if label and _may_speak(label, line_texts[i])), len(lines))
    intro_text = "\n".join(line for line, label in zip(line_texts[:first], labels) if not label)  # no breadcrumb's
    accepted = accepted_labels([l for l in labels if l], intro_text)
    blocks: list[Block] = []
    for i, (span, label) in enumerate(zip(lines, labels)):
        if i - 1 in signers and blocks and not signers[i - 1].startswith(UNNAMED_SIGNER):
            blocks[-1].signer = signers[i - 1]
        line = line_texts[i]
        if i in header.lines or i in skipped or is_stamp_line(line):
            field = i in header.lines or i in skipped
            blocks.append(Block(span.start, span.end, line, None, span.start, field=field, stamp=not field))
            continue
        previous = blocks[-1] if blocks else None
        if label and ((label.name not in accepted and not label.synthetic) or _speaks_on(previous, label)):
            label = None
        if (
            previous is not None
            and label is None
            and not previous.field
            and not previous.stamp
            and not _SUMMARY_MARK.match(line)
            and not _BULLET_ITEM.match(line)
            and not _MARKDOWN_HEADING.match(line)  # "# 标题" under a breadcrumb starts a block of its own
            and not previous.label_only
            and previous.start not in marked
            and not jumps_between(text, previous.end, span.start)  # never over other articles of a newspaper's pages
            and line_continues(last := text[previous.content_start : previous.end].rsplit("\n", 1)[-1])
            and not _RULE.fullmatch(last.strip())  # "=====" over the headline: a rule goes on into nothing
            and not is_info_line(last)
            # furniture goes on only into furniture: "……日报社出版 ……网：www……" is not the date line under it
            and (not is_boilerplate(last) or is_boilerplate(line))
        ):
            previous.end = span.end
            continue
        blocks.append(Block(span.start, span.end, line, label, span.start + (label.content_offset if label else 0)))
    if len(lines) - 1 in signers and blocks and not signers[len(lines) - 1].startswith(UNNAMED_SIGNER):
        blocks[-1].signer = signers[len(lines) - 1]
    return blocks, header


# who the lead says hosts or reads the questions out: "由德育处主任宋知秋现场抽读纸条", "由……副主任X主持"
_HOST_IN_LEAD = re.compile(r"由(?P<who>[\u4e00-\u9fff、]{3,24}?[\u4e00-\u9fff]{2,3})(?:现场)?(?:主持|抽读|宣读|代读)|"
                           r"(?<=[，,；;。])(?P<chair>[\u4e00-\u9fff、]{3,24}?[\u4e00-\u9fff]{2,3})主持[。；;]")  # "……，班主任秦岚主持。"
LEAD_CHARS = 2000


def _outsiders_ask(labels: list[Label | None], guests: list[PersonDesc]) -> None:
    """Where the header lists who answers, someone of a company it does not list ("康居物业项目经理 严旭：" among the
    public at a 政协 客厅) asks, as the public does."""
    listed = {g.name for g in guests if g.name}
    if not listed:
        return
    for i, label in enumerate(labels):
        reading = read_label(label.name) if label is not None and not label.synthetic else None
        person = reading.person if reading is not None else None
        if label is not None and person is not None and person.name and person.name not in listed and person.org \
                and is_institution(person.org):
            labels[i] = replace(label, name=f"群众 {label.name}")


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
        if block.field or is_boilerplate(block.first_line) or _is_rule(block) or _BRACKETED_TAG.fullmatch(line.strip()):
            continue  # 【居务公开】 alone above the title: the column, not the headline
        if (title.headlines or intro) and _listed_question(line):
            continue  # a mailbox's list of its letters' titles above them: no one's answer to quote
        if block.end - block.start <= SHORT_LINE * 2 and (not _SENTENCES.search(line) or _opens_with_a_question(
                line, title, intro) or (_TOP_HEADING.match(line) and not title.headlines and not intro)):
            kind = classify_title_line(line, title)
            if kind == "headline":
                headings[len(intro)] = title.headlines[-1]
            elif kind == "section":  # 访谈简介, 文字实录: a heading of what follows, not a title
                headings[len(intro)] = section_name(line)
        else:
            intro.append(block)
    summary_at = next((i for i, b in enumerate(body) if not b.label and _SUMMARY_MARK.match(b.first_line)), None)
    if (next_part := _next_part(pre, body)) is not None and (summary_at is None or next_part < summary_at):
        summary_at = next_part
    summary: list[Block] = []
    summary_heading = None
    if summary_at is not None:
        summary_heading = strip_markup(body[summary_at].first_line).strip("●■◆▲★◎○□•·【】[]：: ")
        summary_heading = _PART.sub("", summary_heading) or summary_heading
        summary = _without_signatures([b for b in body[summary_at + 1 :] if not is_boilerplate(b.first_line)
                                       and not b.field], text)
        body = body[:summary_at]
    body = [b for b in body if not is_boilerplate(b.first_line) and not b.field and not _section_mark(b, text)]
    body = _without_signatures(body, text)
    box_at = next((i for i, b in enumerate(body) if i and not b.label and _GUEST_BOX.match(strip_markup(b.first_line))),
                  None)
    guest_box = [text[b.start : b.end] for b in body[box_at + 1 :]] if box_at is not None else []
    body = body[:box_at] if box_at is not None else body  # a guest list after the transcript ends it
    last_turn = max((i for i, b in enumerate(body) if b.label), default=0)
    end_at = next((i for i, b in enumerate(body) if i and not b.label and "\n" not in text[b.start:b.end] and (
        _AFTER_TRANSCRIPT.match(section_name(b.first_line)) or (i > last_turn and _is_rule(b)))), None)
    if end_at is not None:  # "图片直播" and its captions below the transcript, up to the readers' comments replied to
        again = next((k for k in range(end_at, len(body)) if body[k].label is not None and body[k].label.synthetic
                      and body[k].label.name.startswith("网友“")), len(body))
        body = body[:end_at] + body[again:]
    body = [b for b in body if b.label or not _is_rule(b)]  # a rule between two turns: nobody's words
    return Layout(title, pre, intro, headings, body, summary, summary_heading, guest_box)


# a record's part ("一、典型接访事项及答复情况", "三、下一步工作"): a short heading numbered in Chinese, no sentence
_PART = re.compile(r"^(?P<number>[一二三四五六七八九十]{1,3})、(?=[^。！？!?；;，,：:]{2,24}$)")
_NUMERALS = "一二三四五六七八九十"


def _next_part(pre: list[Block], body: list[Block]) -> int | None:
    """Where the transcript ends at the record's next part: the questions and answers are one numbered part of a
    record ("二、现场答疑"), and a heading numbered after it ("三、下一步工作"), after the last turn, opens the record's
    own words again."""
    numbers = [m["number"] for b in pre if (m := _PART.match(b.first_line.strip())) and "\n" not in b.first_line]
    if not numbers or len(numbers[-1]) > 1:
        return None
    following = _NUMERALS[_NUMERALS.index(numbers[-1]) + 1] if numbers[-1] != "十" else None
    last_turn = max((i for i, b in enumerate(body) if b.label), default=0)
    return next((i for i, b in enumerate(body) if i > last_turn and following
                 and (m := _PART.match(b.first_line.strip())) and m["number"] == following), None)


# a line that ends a sentence, or has one inside it and ends in an emoji ("……。今天小雁为大家一一解答👇"): no headline
_SENTENCES = re.compile(r"[。！？!?；;…][”’」』）)]*$|。.*[\U0001F300-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF]\ufe0f?$")


def _listed_question(line: str) -> bool:
    """A short line that is one question and nothing else (not the headline: something came before it)."""
    bare = strip_markup(line).strip()
    return (len(bare) <= SHORT_LINE and "\n" not in bare and QUESTION_END.search(bare) is not None
            and not re.search(r"[。！!；;？?]", QUESTION_END.sub("", bare)))


def _opens_with_a_question(line: str, title: TitleBlock, intro: list[Block]) -> bool:
    """A headline that asks ("城中村改造，钱从哪里来？"): the first short line before any intro, ending in a question."""
    return bool(QUESTION_END.search(line)) and not intro and not title.headlines


_BRACKETED_TAG = re.compile(r"[【\[［][^】\]］\n]{2,12}[】\]］]")
_BRACKETED_HEAD = re.compile(r"^[【\[［](?P<words>[^】\]］\n]{2,12})[】\]］]")


# a document's date, or its issuer and date, on a line of its own ("雁汀市人民政府办公室　2024年6月13日", "2024年8月6日",
# "……办公室 2026年4月10日印发"): a signature, no one's words
_SIGNATURE = re.compile(r"^(?:[^\s。！？，,：:]{2,30}[ \t\u3000]+)?(?:19|20)\d{2}年\d{1,2}月(?:\d{1,2}日)?(?:印发|发布)?$")


def _without_signatures(body: list[Block], text: str) -> list[Block]:
    """The body without the document's signature at its end: its date on a line of its own, and the issuing units'
    line above it. (Above other words, a date line is left: it heads them.)"""
    if not body or body[-1].label is not None or not _SIGNATURE.match(text[body[-1].start:body[-1].end].strip()):
        return body
    body = body[:-1]
    above = text[body[-1].start:body[-1].end].strip() if body else ""
    if above and body[-1].label is None and all(is_unit_name(unit) for unit in re.split(r"[ \t\u3000]+", above)):
        body = body[:-1]
    return body


def _section_mark(block: Block, text: str) -> bool:
    """A line of its own after the turns began that a section's bracketed name opens ("【现场满意度测评】满意 5 票"):
    no one's words."""
    match = _BRACKETED_HEAD.match(block.first_line)
    return (block.label is None and match is not None and "\n" not in text[block.start : block.end]
            and SECTION_WORDS.match(match["words"]) is not None)


# a rule drawn across the page: between two turns nobody's words; after the last turn, the end of the transcript
_RULE = re.compile(r"[━─═—\-=_*＊~～·•]{3,}")


def _is_rule(block: Block) -> bool:
    return _RULE.fullmatch(block.first_line.strip()) is not None
# a section of the page below the transcript: its photos, video, links, the next interview
_AFTER_TRANSCRIPT = re.compile(r"^(?:图片直播|图文直播|视频直播|视频回放|视频点播|相关链接|相关新闻|相关阅读|相关稿件|相关文章|相关报道|延伸阅读|"
                               r"往期回顾|往期访谈|访谈预告|下期预告|往期推荐|推荐阅读|精彩推荐|相关推荐|更多阅读)$")


# a box of the guests' names and titles, on some sites below the transcript ("访谈嘉宾" / 郭明远 / ……中心主任)
_GUEST_BOX = re.compile(r"^[【\[]?(?:访谈嘉宾|嘉宾介绍|本期嘉宾|嘉宾简介)[】\]]?[:：]?$")


# -- passages --------------------------------------------------------------------------------------------------------
def _add_passages(builder: PassageBuilder, layout: Layout, segments: list[Segment], has_turns: bool,
                  source: SourceText, narration: list[Block]) -> list[str]:
    """Cuts the intro, the answers (or, without turns, the paragraphs), the narration between the document's sections
    and the summary; returns warnings."""
    text, marked = builder.text, source.headings
    warnings: list[str] = []
    for i, block in enumerate(layout.intro):
        builder.add_section([block], "intro", heading=layout.headings.get(i))
    if has_turns:
        for heading, section in cut_sections(narration, text, marked=marked):
            builder.add_section(section, "intro", heading=heading)
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
