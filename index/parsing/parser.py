"""A corpus file's text -> an `Interview`: metadata, intro, question-and-answer turns, summary, and passages.

In order: lines and their speaker labels; the header block (guest list, host, time, source: index.parsing.header);
paragraphs; the title lines above the first turn; who answers (index.parsing.cast); the turns; the passages. A
document without labels whose questions are headings ("一、为什么要出台《办法》？") is read as questions and answers
of the one who answers in its title (市医疗保障局负责人).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from pathlib import Path

from index.parsing.blocks import Block, Segment
from index.parsing.cast import Cast
from index.parsing.header import Header, read_header
from index.parsing.metadata import TitleBlock, classify_title_line, find_interviewee, is_boilerplate, strip_markup
from index.parsing.orgs import find_city, main_unit, org_mentions, split_place
from index.parsing.passages import PassageBuilder
from index.parsing.people import PersonDesc, parse_people, parse_person
from index.parsing.sections import cut_sections, is_courtesy_block, with_lead_in
from index.parsing.courtesy import is_courtesy
from index.parsing.segment import SHORT_LINE, enumerator, enumerator_end, iter_lines, line_continues, make_paragraph
from index.parsing.sources import SourceText, read_source
from index.parsing.speakers import (Label, accepted_labels, bare_label, find_label, is_asker, is_stamp_line,
                                    read_label)
from index.records import Interview, Metadata, Passage, Turn
from index.text import sentence_spans

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
_HOST_UNITS = re.compile(r"新闻办|新闻办公室|政府办|政府办公室|人民政府$|政府$|广播电视台|电视台|日报|晚报|报社|网$")


def interview_id_for(file: str) -> str:
    """A short stable id from the file's path inside the corpus."""
    return hashlib.sha1(file.encode("utf-8")).hexdigest()[:INTERVIEW_ID_HEX]


def parse_file(path: Path, file: str | None = None, max_chars: int = DEFAULT_MAX_PASSAGE_CHARS) -> Interview:
    """Reads and parses one corpus file (raises CorpusParseError when it cannot be read)."""
    return parse_source(read_source(path, file or path.name), max_chars)


def parse_text(text: str, file: str = "<text>", max_chars: int = DEFAULT_MAX_PASSAGE_CHARS) -> Interview:
    """Parses text as if it were a `.txt` corpus file (front matter included)."""
    from index.parsing.sources import split_front_matter

    metadata, body_start, warnings = split_front_matter(text, file)
    return parse_source(SourceText(file, text, body_start, metadata, {}, "utf-8", tuple(warnings)), max_chars)


@dataclass(slots=True)
class _Layout:
    """The blocks of a file sorted into title lines, intro, question-and-answer body and closing summary."""

    title: TitleBlock
    pre: list[Block]  # everything before the first turn (title lines included)
    intro: list[Block]
    headings: dict[int, str]  # intro block index -> the headline just before it
    body: list[Block]
    summary: list[Block]
    summary_heading: str | None


def parse_source(source: SourceText, max_chars: int = DEFAULT_MAX_PASSAGE_CHARS) -> Interview:
    text = source.text
    blocks, header = _blocks(text, source.body_start, source.headings)
    layout = _layout(blocks, text)
    segments = _segments(layout.body)
    headed = not _answers(segments) and _headed_questions(blocks, text, source.headings)
    if headed:
        layout = _layout(blocks, text)
        segments = _segments(layout.body)
    metadata, cast = _metadata(source, layout, segments, header)
    segments = _merge_answers(segments, cast)
    turns = _turns(segments, text, cast)
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
    lines = list(iter_lines(text, body_start))
    line_texts = [text[s.start : s.end] for s in lines]
    labels = [find_label(line) for line in line_texts]
    _headline_is_no_label(line_texts, labels)
    header = read_header(line_texts, labels)
    for i in header.lines:
        labels[i] = None
    _bare_speaker_lines(line_texts, labels, header.lines)
    first = next((i for i, label in enumerate(labels) if label), len(lines))
    intro_text = "\n".join(line_texts[:first])
    accepted = accepted_labels([l for l in labels if l], intro_text)
    blocks: list[Block] = []
    for i, (span, label) in enumerate(zip(lines, labels)):
        line = line_texts[i]
        if i in header.lines or is_stamp_line(line):
            blocks.append(Block(span.start, span.end, line, None, span.start, field=i in header.lines,
                                stamp=i not in header.lines))
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
            and line_continues(text[previous.content_start : previous.end].rsplit("\n", 1)[-1])
        ):
            previous.end = span.end
            continue
        blocks.append(Block(span.start, span.end, line, label, span.start + (label.content_offset if label else 0)))
    return blocks, header


def _headline_is_no_label(lines: list[str], labels: list[Label | None]) -> None:
    """A first line shaped like a label is a headline ("栖川市教育局局长沈望舒：让每个孩子在家门口上好学",
    "专访市交通运输局局长邵振华：织密“一张网”") when its words end no sentence and no other line has that label."""
    if not lines or labels[0] is None:
        return
    label, words = labels[0], lines[0][labels[0].content_offset:].strip()
    if words and not _FULL_STOP.search(words) and sum(1 for l in labels if l and l.name == label.name) == 1:
        labels[0] = None


MIN_BARE_LABELS = 2


def _bare_speaker_lines(lines: list[str], labels: list[Label | None], header: set[int]) -> None:
    """Speaker lines without a colon ("主持人", "临渚日报记者", "卢海平", the words on the next lines), when the document
    writes its turns that way: at least two such lines, one of each side, after the header."""
    found = {i: bare for i, line in enumerate(lines)
             if labels[i] is None and i not in header and i + 1 < len(lines) and (bare := bare_label(line))}
    sides = {read_label(label.name).side for label in found.values()}
    if len(found) >= MIN_BARE_LABELS and sides == {"ask", "answer"}:
        for i, label in found.items():
            labels[i] = label


def _speaks_on(previous: Block | None, label: Label) -> bool:
    """The line after a timed speaker line (`10:00:06 主持人`) is that speaker's words, whatever it starts with."""
    return (previous is not None and previous.label is not None and previous.label_only
            and previous.label.timestamped and not label.timestamped)


def _layout(blocks: list[Block], text: str) -> _Layout:
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
        if block.end - block.start <= SHORT_LINE * 2 and not _FULL_STOP.search(line):
            kind = classify_title_line(line, title)
            if kind == "headline":
                headings[len(intro)] = title.headlines[-1]
            elif kind == "section":  # 访谈简介, 文字实录: a heading of what follows, not a title
                headings[len(intro)] = strip_markup(line).strip("【】[]：: ")
        else:
            intro.append(block)
    summary_at = next((i for i, b in enumerate(body) if not b.label and _SUMMARY_MARK.match(b.first_line)), None)
    summary: list[Block] = []
    summary_heading = None
    if summary_at is not None:
        summary_heading = strip_markup(body[summary_at].first_line).strip("●■◆▲★◎○□•·【】[]：: ")
        summary = [b for b in body[summary_at + 1 :] if not is_boilerplate(b.first_line) and not b.field]
        body = body[:summary_at]
    body = [b for b in body if not is_boilerplate(b.first_line) and not b.field]
    return _Layout(title, pre, intro, headings, body, summary, summary_heading)


def _headed_questions(blocks: list[Block], text: str, marked: frozenset[int]) -> bool:
    """Labels the blocks of a document whose questions are headings with no speaker label ("一、为什么要制定《条例》？",
    "（二）……？", "**……？**"): each such heading asks, the paragraphs after it answer. False (and nothing changed)
    when fewer than two are found."""
    candidates = [b for b in blocks if not b.stamp and not b.field and _is_question_heading(b, text, marked)]
    answered = [b for b in candidates
                if (i := blocks.index(b)) + 1 < len(blocks) and not blocks[i + 1].field
                and blocks[i + 1] not in candidates]
    if len(answered) < MIN_QUESTION_HEADINGS:
        return False
    for block in candidates:
        line = text[block.start : block.end]
        lead = len(line) - len(line.lstrip("*_#＃ \t\u3000"))
        rest = line[lead:]
        marker = enumerator_end(rest) or (match.end() if (match := _QUESTION_MARKER.match(rest)) else 0)
        block.label = Label("问", lead + marker, synthetic=True)
        block.content_start = block.start + lead + marker
        i = blocks.index(block)
        if i + 1 < len(blocks) and blocks[i + 1] not in candidates and not blocks[i + 1].stamp:
            following = blocks[i + 1]
            following.label = Label("答", 0, synthetic=True)
            following.content_start = following.start
    return True


def _is_question_heading(block: Block, text: str, marked: frozenset[int]) -> bool:
    line = text[block.start : block.end]
    if "\n" in line.strip() or len(line) > MAX_QUESTION_HEADING_CHARS or not _QUESTION_END.search(line.strip()):
        return False
    bare = strip_markup(line)
    inner = bare.rstrip("？?”’」』）) ")
    emphasised = block.start in marked or line.lstrip().startswith(("**", "__", "#"))
    numbered = enumerator(bare) is not None or _QUESTION_MARKER.match(bare)
    if emphasised or numbered:  # a context sentence may come first: "农民口袋鼓起来是大家最关心的。今年……如何？"
        return not re.search(r"[！!；;]", inner)
    return not re.search(r"[。！!；;]", inner) and len(bare) <= SHORT_LINE * 1.5


# -- speakers --------------------------------------------------------------------------------------------------------
def _segments(body: list[Block]) -> list[Segment]:
    """Runs of blocks by one speaker; a label-only line hands its words to the following blocks."""
    segments: list[Segment] = []
    for block in body:
        if block.stamp or block.field:
            continue
        if block.label is not None:
            name = block.label.name
            segments.append(Segment(name, is_asker(name)))
            if not block.label_only:
                segments[-1].blocks.append(block)
        elif segments:
            segments[-1].blocks.append(block)
    return segments


def _answers(segments: list[Segment]) -> bool:
    return any(not s.asks and s.blocks for s in segments)


def _merge_answers(segments: list[Segment], cast: Cast) -> list[Segment]:
    """One answer said over consecutive turns of one speaker (a time stamp or a label between them) is one answer."""
    merged: list[Segment] = []
    for segment in segments:
        previous = merged[-1] if merged else None
        if (previous is not None and not previous.asks and not segment.asks and previous.blocks and segment.blocks
                and cast(previous.speaker)[0] == cast(segment.speaker)[0]):
            previous.blocks.extend(segment.blocks)
            continue
        merged.append(segment)
    return merged


def _segment_text(segment: Segment, text: str) -> str:
    return "\n".join(make_paragraph(text, b.content_start, b.end).text for b in segment.blocks)


_OPENING = re.compile(r"^(?:各位|女士们|先生们|大家好|网友们|听众朋友|观众朋友|亲爱的|尊敬的|朋友们)|"
                      r"欢迎(?:大家)?(?:收看|收听|关注|来到|做客|出席|参加|走进|光临)")
_ASKS = re.compile(r"[？?]|请问|请您|请你|介绍一下|谈谈|谈一谈|说说|说一说|讲讲|讲一讲|怎么|怎样|如何|什么|哪些|哪个|哪里|"
                   r"哪儿|多少|是否|有没有|能不能|可不可以|会不会|能否|吗|呢|关心|关注|想知道|想了解|想问|问")


def _question_text(segment: Segment, text: str) -> str:
    """The question in what the host or a reporter said before an answer: what follows their last greeting,
    welcome, courtesy or hand-over ("郑局长您好，欢迎做客《问政澜州》。", "下面请何静怡副局长介绍……"), when it asks
    something; "" when it asks nothing (the answer is then a statement, such as a speaker's opening at a press
    conference)."""
    kept: list[str] = []
    for block in segment.blocks:
        words = strip_markup(make_paragraph(text, block.content_start, block.end).text)
        sentences = [words[a:b] for a, b in sentence_spans(words)]
        last = max((i for i, sentence in enumerate(sentences) if is_courtesy(sentence) or _OPENING.search(sentence)),
                   default=None)
        if last is None:
            kept.append(words)
            continue
        kept = []
        rest = "".join(sentences[last + 1 :]).strip()  # sentences are contiguous but for the spaces between
        if rest:
            kept.append(rest)
    question = "\n".join(kept)
    return question if _ASKS.search(question) else ""




def _turns(segments: list[Segment], text: str, cast: Cast) -> list[Turn]:
    """Pairs each answer with the question before it; a question nobody answered stays as a turn without answer.

    Words that ask nothing and get no answer (a host's "现在开始提问", "发布会到此结束": no question mark) are no turn;
    an answer that is only courtesies ("谢谢主持人，谢谢各位。") answers nothing; the host's courtesies and stage
    directions ("下面进入网友提问环节", "首先请顾局长介绍有关情况") are no part of the question."""
    turns: list[Turn] = []
    question: Segment | None = None
    answered = False

    def close(segment: Segment) -> None:
        words = _question_text(segment, text)
        if re.search(r"[？?]", words):
            turns.append(Turn(segment.speaker, words, "", ""))

    for segment in segments:
        if segment.asks:
            if question is not None and not answered:
                if question.speaker == segment.speaker:
                    question.blocks.extend(segment.blocks)
                    continue
                close(question)
            question, answered = Segment(segment.speaker, True, list(segment.blocks)), False
        elif segment.blocks and not all(is_courtesy_block(b, text) for b in segment.blocks):
            words = _question_text(question, text) if question else ""
            answer = _segment_text(segment, text)
            segment.question, segment.asker = words or None, question.speaker if question else None
            segment.turn = len(turns)
            turns.append(Turn(segment.asker or "", words, cast(segment.speaker)[0], answer))
            answered = True
    if question is not None and not answered:
        close(question)
    return turns if any(t.answer for t in turns) else []


# -- metadata --------------------------------------------------------------------------------------------------------
def _intro_text(text: str, layout: _Layout, segments: list[Segment]) -> str:
    """What introduces the people: the lines above the first turn and the words asked before the first answer
    ("今天我们邀请市农业农村局局长赵刚")."""
    first_answer = next((i for i, s in enumerate(segments) if not s.asks and s.blocks), len(segments))
    opening = [b for s in segments[:first_answer] for b in s.blocks]
    return "\n".join(text[b.start : b.end] for b in layout.pre + opening)


def _asked_text(text: str, segments: list[Segment]) -> str:
    """Everything the host and reporters said: where "出席今天发布会的有：…" and "今天我们请到了……" are."""
    return "\n".join(text[b.start : b.end] for s in segments if s.asks for b in s.blocks)


def _metadata(source: SourceText, layout: _Layout, segments: list[Segment], header: Header) -> tuple[Metadata, Cast]:
    """What the text says about the interview (overridden by the front matter), and who answers in it."""
    text, title = source.text, layout.title
    titles = "\n".join([*title.headlines, title.first_line or "", source.hints.get("title") or "", header.topic or ""])
    outlets = [o for o in (title.outlet, source.hints.get("outlet"), source.hints.get("site"), *header.sources) if o]
    city = find_city(titles, text, outlets)
    front_bureau = source.metadata.get("bureau")
    if front_bureau and split_place(front_bureau)[0] not in ("", "市"):
        city = split_place(front_bureau)[0] if split_place(front_bureau)[0].endswith("市") else city
    cities = (city,) if city else ()
    intro = _intro_text(text, layout, segments)
    people = _people(header, titles, intro, _asked_text(text, segments), segments, text, cities)
    cast = Cast(people, city, text, cities)
    found = cast.unit(_main_org(people, titles, header, text, cities))
    given = "bureau" in source.metadata  # the front matter's bureau, "" for unknown, replaces the one read
    bureau = front_bureau if given else found
    cast = Cast(people, city, text, cities, bureau or "", {found: front_bureau or ""} if given and found else None)
    main = cast.main
    metadata = Metadata(
        title=(title.headlines or [None])[0] or source.hints.get("title") or header.topic or title.first_line,
        series=title.series,
        episode=title.episode,
        bureau=bureau,
        interviewee=(main.name or main.role) if main else None,
        role=main.role if main and main.name else None,
        outlet=title.outlet or _outlet_from_askers(segments) or source.hints.get("outlet") or next(iter(header.sources), None),
        reporters=title.reporters,
        date=title.date or _header_date(header) or source.hints.get("date"),
        url=source.hints.get("url"),
    )
    return replace(metadata, **source.metadata), cast


def _people(header: Header, titles: str, intro: str, asked: str, segments: list[Segment], text: str,
            cities: tuple[str, ...]) -> list[PersonDesc]:
    """The interview's people, the main interviewee first: the guest list, the host's introduction, the title, the
    sentence that names the interviewee, and the answerer labels (a host or a reporter is no interviewee)."""
    people = [g for g in header.guests if not _HOST_UNITS.search(g.org or "")]
    for source in (intro, asked):
        for line in source.splitlines():
            people += parse_people(line, lead_in=True)
    people += _title_people(titles, cities)
    answerers = [read_label(s.speaker) for s in segments if not s.asks]
    named = next((r.person.name for r in answerers if r.person and r.person.name), None)
    said = find_interviewee(intro, named)
    if said.name or said.bureau:
        people.append(PersonDesc(said.name, said.bureau, said.role))
    for reading in answerers:
        if reading.person is not None:
            people.append(reading.person)
    return [p for p in people if p.name or p.role]


def _title_people(titles: str, cities: tuple[str, ...]) -> list[PersonDesc]:
    """The unit in a title and who speaks for it: "市医疗保障局负责人就《…》答记者问", "专访市交通运输局局长李振远"."""
    people = []
    for line in titles.splitlines():
        for start, org in org_mentions(line, cities):
            rest = line[start + len(org):]
            after = re.match(r"^(?P<desc>(?:有关|相关)?负责(?:人|同志)|[^\s，,：:。！？—《“”]{2,16})", rest)
            person = parse_person(org + after["desc"]) if after else None
            if person is not None and person.org:
                people.append(person)
    return people


def _main_org(people: list[PersonDesc], titles: str, header: Header, text: str, cities: tuple[str, ...]) -> str | None:
    """The unit the interview is about: the main interviewee's, else the first one the title names (not the press
    office or the outlet), else the one the source line names."""
    for person in people:
        if person.org and not _HOST_UNITS.search(person.org):
            return person.org
    for line in titles.splitlines():
        for _, org in org_mentions(line, cities):
            if not _HOST_UNITS.search(org):
                return org
    for source in header.sources:
        for _, org in org_mentions(source, cities):
            if not _HOST_UNITS.search(org):
                return main_unit(org)
    return None


def _header_date(header: Header) -> str | None:
    if header.time and (match := re.search(r"((?:19|20)\d{2})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})", header.time)):
        return "{}-{:02d}-{:02d}".format(*map(int, match.groups()))
    return None


def _outlet_from_askers(segments: list[Segment]) -> str | None:
    """The outlet that asked, when one outlet asked every question (the seed's 齐鲁晚报·齐鲁壹点)."""
    askers = {s.speaker for s in segments if s.asks}
    outlets = {a for a in askers if read_label(a).outlet and "记者" not in a}
    return next(iter(outlets)) if len(outlets) == 1 and len(askers) == 1 else None


# -- passages --------------------------------------------------------------------------------------------------------
def _add_passages(builder: PassageBuilder, layout: _Layout, segments: list[Segment], has_turns: bool,
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
