"""A corpus file's text -> an `Interview`: metadata, intro, question-and-answer turns, summary, and passages."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from pathlib import Path

from index.parsing.blocks import Block, Segment
from index.parsing.metadata import (TitleBlock, classify_title_line, find_city, find_interviewee, is_boilerplate,
                                    qualify_bureau, strip_markup)
from index.parsing.passages import People, PassageBuilder
from index.parsing.sections import cut_sections, is_courtesy_block, with_lead_in
from index.records import Interview, Metadata, Passage, Turn
from index.parsing.segment import SHORT_LINE, iter_lines, line_continues, make_paragraph
from index.parsing.sources import SourceText, read_source
from index.parsing.speakers import Label, accepted_labels, find_label, is_asker, is_generic_answerer, speaker_parts

DEFAULT_MAX_PASSAGE_CHARS = 500
LEAD_IN_CHARS = 60  # an answer's opening shorter than this that announces its sections goes with the first one
_ANNOUNCES = re.compile(r"[一二三四五六七八九十两几多]+(?:项|件事|个方面|方面|点|条|招|步|个字|句话)")
INTERVIEW_ID_HEX = 8  # hex digits of the file path's hash: an interview id
PASSAGE_ID_HEX = 6  # hex digits of the text's hash after the interview id: a passage id
MIN_TEXT_AFTER_HEADING = 8  # a "标题 正文" line needs this much text after its heading
# Embedding a passage's text, its sentences, headings and question with the default model took 2.1 s per 1,000
# characters of passage text on 2 shared cores (the 12 files of tests/fixtures/bureaus, 35,477 characters, 75 s).
EMBED_SECONDS_PER_1000_CHARS = 2.1
SLOW_FILE_SECONDS = 300  # a file that keeps `build` busy longer than this gets a warning with the expected time
MAX_MARKED_HEADING_CHARS = 80  # a bold or <h…> paragraph longer than this is emphasised prose, not a heading
_SUMMARY_MARK = re.compile(
    r"^[●■◆▲★◎○□•·#*\s【\[]*(?:访谈总结|访谈手记|记者手记|采访手记|结束语|结语|编后语?|后记|小结|总结)[】\]*]*[:：]?\s*$"
)
_INLINE_HEADING = re.compile(r"^(?P<heading>[^\s。！？!?；;]{4,40}?)[ \t\u3000]+(?=\S)")
_FULL_STOP = re.compile(r"[。！？!?；;…][”’」』）)]*$")
_MD_HEADING = re.compile(r"^(?:#{1,6}\s+|\*\*)(?P<heading>[^*\n]+?)(?:\*\*)?\s*$")


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
    layout = _layout(_blocks(text, source.body_start, source.headings), text)
    segments = _segments(layout.body, text)
    metadata, city = _metadata(source, layout, segments)
    people = People(metadata, city, _intro_text(text, layout, segments))
    turns = _turns(segments, text, people)
    interview_id = interview_id_for(source.file)
    builder = PassageBuilder(text, source.file, interview_id, metadata, max_chars, people)
    warnings = list(source.warnings) + _add_passages(builder, layout, segments, bool(turns), source)
    if not metadata.bureau:
        warnings.append(f"{source.file}: no bureau found in the text; add `bureau:` to its front matter")
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


def _layout(blocks: list[Block], text: str) -> _Layout:
    first_turn = next((i for i, b in enumerate(blocks) if b.label), len(blocks))
    pre, body = blocks[:first_turn], blocks[first_turn:]
    title = TitleBlock()
    intro: list[Block] = []
    headings: dict[int, str] = {}
    for block in pre:
        if block.end - block.start <= SHORT_LINE * 2 and not _FULL_STOP.search(text[block.start : block.end]):
            if classify_title_line(text[block.start : block.end], title) == "headline":
                headings[len(intro)] = title.headlines[-1]
        elif not is_boilerplate(block.first_line):
            intro.append(block)
    summary_at = next((i for i, b in enumerate(body) if not b.label and _SUMMARY_MARK.match(b.first_line)), None)
    summary: list[Block] = []
    summary_heading = None
    if summary_at is not None:
        summary_heading = strip_markup(body[summary_at].first_line).strip("●■◆▲★◎○□•·【】[]：: ")
        summary = [b for b in body[summary_at + 1 :] if not is_boilerplate(b.first_line)]
        body = body[:summary_at]
    body = [b for b in body if not is_boilerplate(b.first_line)]
    return _Layout(title, pre, intro, headings, body, summary, summary_heading)


def _intro_text(text: str, layout: _Layout, segments: list[Segment]) -> str:
    """What introduces the people: the lines above the first turn and the words asked before the first answer
    ("今天我们邀请市农业农村局局长赵刚")."""
    first_answer = next((i for i, s in enumerate(segments) if not s.asks and s.blocks), len(segments))
    opening = [b for s in segments[:first_answer] for b in s.blocks]
    return "\n".join(text[b.start : b.end] for b in layout.pre + opening)


def _metadata(source: SourceText, layout: _Layout, segments: list[Segment]) -> tuple[Metadata, str | None]:
    """What the text says about the interview, overridden by the front matter; and the city it is about, if clear."""
    text, title = source.text, layout.title
    answerers = [s.speaker for s in segments if not s.asks]
    named = next((a for a in answerers if not is_generic_answerer(a)), None)
    label_org, label_role, label_person = speaker_parts(named) if named else (None, None, None)
    person = find_interviewee(_intro_text(text, layout, segments), source.metadata.get("interviewee") or label_person)
    titles = "\n".join([*title.headlines, title.first_line or "", source.hints.get("title") or ""])
    city = find_city(titles, text)
    metadata = Metadata(
        title=(title.headlines or [None])[0] or source.hints.get("title") or title.first_line,
        series=title.series,
        episode=title.episode,
        bureau=qualify_bureau(person.bureau or label_org or title.bureau or source.hints.get("bureau"), city),
        interviewee=person.name or label_person,
        role=person.role or label_role,
        outlet=title.outlet or _outlet_from_askers(segments) or source.hints.get("outlet"),
        reporters=title.reporters,
        date=title.date or source.hints.get("date"),
        url=source.hints.get("url"),
    )
    return replace(metadata, **source.metadata), city


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


def _blocks(text: str, body_start: int, marked: frozenset[int] = frozenset()) -> list[Block]:
    """Lines joined into paragraphs; a long line without a sentence end continues on the next line (unless the page
    marked it as a heading)."""
    lines = list(iter_lines(text, body_start))
    labels = [find_label(text[s.start : s.end]) for s in lines]
    intro_end = next((s.start for s, label in zip(lines, labels) if label), len(text))
    accepted = accepted_labels([l for l in labels if l], text[body_start:intro_end])
    blocks: list[Block] = []
    for span, label in zip(lines, labels):
        line = text[span.start : span.end]
        previous = blocks[-1] if blocks else None
        if label and (label.name not in accepted or _speaks_on(previous, label)):
            label = None
        if (
            previous is not None
            and label is None
            and not _SUMMARY_MARK.match(line)
            and not previous.label_only
            and previous.start not in marked
            and line_continues(text[previous.content_start : previous.end].rsplit("\n", 1)[-1])
        ):
            previous.end = span.end
            continue
        block = Block(span.start, span.end, line, label, span.start + (label.content_offset if label else 0))
        blocks.append(block)
    return blocks


def _speaks_on(previous: Block | None, label: Label) -> bool:
    """The line after a timed speaker line (`10:00:06 主持人`) is that speaker's words, whatever it starts with."""
    return (previous is not None and previous.label is not None and previous.label_only
            and previous.label.timestamped and not label.timestamped)


def _segments(body: list[Block], text: str) -> list[Segment]:
    """Runs of blocks by one speaker; a label-only line hands its words to the following blocks."""
    segments: list[Segment] = []
    for block in body:
        if block.label is not None:
            name = block.label.name
            segments.append(Segment(name, is_asker(name)))
            if not block.label_only:
                segments[-1].blocks.append(block)
        elif segments:
            segments[-1].blocks.append(block)
    return segments


def _answer_segments(segments: list[Segment]) -> list[Segment]:
    return [s for s in segments if not s.asks and s.blocks]


def _segment_text(segment: Segment, text: str) -> str:
    return "\n".join(make_paragraph(text, b.content_start, b.end).text for b in segment.blocks)


def _turns(segments: list[Segment], text: str, people: People) -> list[Turn]:
    """Pairs each answer with the question before it; a question nobody answered stays as a turn without answer.

    Words that ask nothing and get no answer (a host's "现在开始提问", "发布会到此结束": no question mark) are no turn;
    an answer that is only courtesies ("谢谢主持人，谢谢各位。") answers nothing."""
    turns: list[Turn] = []
    question: Segment | None = None
    answered = False

    def close(segment: Segment) -> None:
        words = _segment_text(segment, text)
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
            words = _segment_text(question, text) if question else ""
            answer = _segment_text(segment, text)
            segment.question, segment.asker = words or None, question.speaker if question else None
            segment.turn = len(turns)
            turns.append(Turn(segment.asker or "", words, people(segment.speaker)[0], answer))
            answered = True
    if question is not None and not answered:
        close(question)
    return turns if any(t.answer for t in turns) else []


def _outlet_from_askers(segments: list[Segment]) -> str | None:
    for segment in segments:
        if segment.asks and not re.search(r"记者|主持|^问|^Q", segment.speaker, re.I):
            return segment.speaker
    return None


