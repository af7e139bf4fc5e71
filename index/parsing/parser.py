"""A corpus file's text -> an `Interview`: metadata, intro, question-and-answer turns, summary, and passages."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from index.parsing.courtesy import is_courtesy
from index.parsing.metadata import (TitleBlock, classify_title_line, find_city, find_interviewee, is_boilerplate,
                                    qualify_bureau, strip_markup)
from index.records import Interview, Metadata, Paragraph, Passage, PassageKind, Span, Turn
from index.parsing.segment import (SHORT_LINE, ends_sentence, enumerator, iter_lines, line_continues, make_paragraph,
                                   opening_clause, pack_sentences, split_sentences)
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


@dataclass(slots=True)
class _Block:
    """A paragraph of the source, with the speaker label that opens it (if any)."""

    start: int
    end: int
    first_line: str
    label: Label | None = None
    content_start: int = 0  # where the words after the label start

    @property
    def label_only(self) -> bool:
        """A speaker line (say `09:31:06 主持人`) whose words start on the next line."""
        return self.label is not None and self.content_start >= self.end


@dataclass(slots=True)
class _Segment:
    """Consecutive blocks spoken by one speaker."""

    speaker: str
    asks: bool
    blocks: list[_Block] = field(default_factory=list)
    question: str | None = None  # for an answer: the question it replies to
    asker: str | None = None
    turn: int | None = None  # for an answer: its index in the interview's turns


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
    pre: list[_Block]  # everything before the first turn (title lines included)
    intro: list[_Block]
    headings: dict[int, str]  # intro block index -> the headline just before it
    body: list[_Block]
    summary: list[_Block]
    summary_heading: str | None


def parse_source(source: SourceText, max_chars: int = DEFAULT_MAX_PASSAGE_CHARS) -> Interview:
    text = source.text
    layout = _layout(_blocks(text, source.body_start, source.headings), text)
    segments = _segments(layout.body, text)
    metadata, city = _metadata(source, layout, segments)
    people = _People(metadata, city, _intro_text(text, layout, segments))
    turns = _turns(segments, text, people)
    interview_id = interview_id_for(source.file)
    builder = _PassageBuilder(text, source.file, interview_id, metadata, max_chars, people)
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


def _layout(blocks: list[_Block], text: str) -> _Layout:
    first_turn = next((i for i, b in enumerate(blocks) if b.label), len(blocks))
    pre, body = blocks[:first_turn], blocks[first_turn:]
    title = TitleBlock()
    intro: list[_Block] = []
    headings: dict[int, str] = {}
    for block in pre:
        if block.end - block.start <= SHORT_LINE * 2 and not _FULL_STOP.search(text[block.start : block.end]):
            if classify_title_line(text[block.start : block.end], title) == "headline":
                headings[len(intro)] = title.headlines[-1]
        elif not is_boilerplate(block.first_line):
            intro.append(block)
    summary_at = next((i for i, b in enumerate(body) if not b.label and _SUMMARY_MARK.match(b.first_line)), None)
    summary: list[_Block] = []
    summary_heading = None
    if summary_at is not None:
        summary_heading = strip_markup(body[summary_at].first_line).strip("●■◆▲★◎○□•·【】[]：: ")
        summary = [b for b in body[summary_at + 1 :] if not is_boilerplate(b.first_line)]
        body = body[:summary_at]
    body = [b for b in body if not is_boilerplate(b.first_line)]
    return _Layout(title, pre, intro, headings, body, summary, summary_heading)


def _intro_text(text: str, layout: _Layout, segments: list[_Segment]) -> str:
    """What introduces the people: the lines above the first turn and the words asked before the first answer
    ("今天我们邀请市农业农村局局长赵刚")."""
    first_answer = next((i for i, s in enumerate(segments) if not s.asks and s.blocks), len(segments))
    opening = [b for s in segments[:first_answer] for b in s.blocks]
    return "\n".join(text[b.start : b.end] for b in layout.pre + opening)


def _metadata(source: SourceText, layout: _Layout, segments: list[_Segment]) -> tuple[Metadata, str | None]:
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


class _People:
    """Who a speaker label names: person, role and bureau (the bureau completed from the interview's)."""

    def __init__(self, metadata: Metadata, city: str | None, intro: str) -> None:
        self.metadata, self.city, self.intro = metadata, city, intro
        self._known: dict[str, tuple[str, str | None, str]] = {}

    def __call__(self, label: str) -> tuple[str, str | None, str]:
        """(person, role, bureau) of an answerer label; "答" is the interviewee."""
        if label not in self._known:
            self._known[label] = self._read(label)
        return self._known[label]

    def _read(self, label: str) -> tuple[str, str | None, str]:
        meta = self.metadata
        org, role, person = speaker_parts(label)
        if is_generic_answerer(person):
            person = meta.interviewee or person
        if role is None and person == meta.interviewee:
            role = meta.role
        elif role is None or org is None:  # a deputy named in the intro: "……副局长许文涛"
            said = find_interviewee(self.intro, person)
            role, org = role or said.role, org or said.bureau
        bureau = meta.bureau or ""
        if org and not (bureau and bureau.endswith(org)):  # "市海洋与渔业局" is the interview's "澜州市海洋与渔业局"
            bureau = qualify_bureau(org, self.city) or bureau
        return person, role, bureau


def _add_passages(builder: _PassageBuilder, layout: _Layout, segments: list[_Segment], has_turns: bool,
                  source: SourceText) -> list[str]:
    """Cuts the intro, the answers (or, without turns, the paragraphs) and the summary; returns warnings."""
    text, marked = builder.text, source.headings
    warnings: list[str] = []
    for i, block in enumerate(layout.intro):
        builder.add_section([block], "intro", heading=layout.headings.get(i))
    if has_turns:
        for segment in _answer_segments(segments):
            sections = _with_lead_in(_sections(segment.blocks, text, marked=marked, skip=_is_courtesy_block), text)
            for heading, section in sections:
                builder.add_section(section, "answer", heading=heading, turn=segment.turn, segment=segment)
    else:
        warnings.append(f"{source.file}: no question-and-answer turns recognised; indexed as paragraphs")
        if layout.body or not layout.intro:
            for heading, section in _sections(layout.body, text, marked=marked):
                builder.add_section(section, "answer", heading=heading)
    for heading, section in _sections(layout.summary, text, heading=layout.summary_heading, marked=marked):
        builder.add_section(section, "summary", heading=heading)
    return warnings


def _with_lead_in(sections: list[tuple[str | None, list[_Block]]], text: str) -> list[tuple[str | None, list[_Block]]]:
    """A short opening that announces the sections after it ("我们做了三方面工作。", "主要有以下几项：") is kept with the
    first section: alone it matches the topic of every question about the answer and answers none of them."""
    if len(sections) < 2 or sections[0][0] is not None:
        return sections
    lead = sections[0][1]
    words = "".join(text[b.content_start : b.end] for b in lead).strip()
    if len(words) >= LEAD_IN_CHARS or not (_ANNOUNCES.search(words) or words.endswith(("：", ":"))):
        return sections
    return [(sections[1][0], lead + sections[1][1]), *sections[2:]]


def _blocks(text: str, body_start: int, marked: frozenset[int] = frozenset()) -> list[_Block]:
    """Lines joined into paragraphs; a long line without a sentence end continues on the next line (unless the page
    marked it as a heading)."""
    lines = list(iter_lines(text, body_start))
    labels = [find_label(text[s.start : s.end]) for s in lines]
    intro_end = next((s.start for s, label in zip(lines, labels) if label), len(text))
    accepted = accepted_labels([l for l in labels if l], text[body_start:intro_end])
    blocks: list[_Block] = []
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
        block = _Block(span.start, span.end, line, label, span.start + (label.content_offset if label else 0))
        blocks.append(block)
    return blocks


def _speaks_on(previous: _Block | None, label: Label) -> bool:
    """The line after a timed speaker line (`10:00:06 主持人`) is that speaker's words, whatever it starts with."""
    return (previous is not None and previous.label is not None and previous.label_only
            and previous.label.timestamped and not label.timestamped)


def _segments(body: list[_Block], text: str) -> list[_Segment]:
    """Runs of blocks by one speaker; a label-only line hands its words to the following blocks."""
    segments: list[_Segment] = []
    for block in body:
        if block.label is not None:
            name = block.label.name
            segments.append(_Segment(name, is_asker(name)))
            if not block.label_only:
                segments[-1].blocks.append(block)
        elif segments:
            segments[-1].blocks.append(block)
    return segments


def _answer_segments(segments: list[_Segment]) -> list[_Segment]:
    return [s for s in segments if not s.asks and s.blocks]


def _segment_text(segment: _Segment, text: str) -> str:
    return "\n".join(make_paragraph(text, b.content_start, b.end).text for b in segment.blocks)


def _turns(segments: list[_Segment], text: str, people: _People) -> list[Turn]:
    """Pairs each answer with the question before it; a question nobody answered stays as a turn without answer.

    Words that ask nothing and get no answer (a host's "现在开始提问", "发布会到此结束": no question mark) are no turn;
    an answer that is only courtesies ("谢谢主持人，谢谢各位。") answers nothing."""
    turns: list[Turn] = []
    question: _Segment | None = None
    answered = False

    def close(segment: _Segment) -> None:
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
            question, answered = _Segment(segment.speaker, True, list(segment.blocks)), False
        elif segment.blocks and not all(_is_courtesy_block(b, text) for b in segment.blocks):
            words = _segment_text(question, text) if question else ""
            answer = _segment_text(segment, text)
            segment.question, segment.asker = words or None, question.speaker if question else None
            segment.turn = len(turns)
            turns.append(Turn(segment.asker or "", words, people(segment.speaker)[0], answer))
            answered = True
    if question is not None and not answered:
        close(question)
    return turns if any(t.answer for t in turns) else []


def _sections(blocks: list[_Block], text: str, heading: str | None = None, marked: frozenset[int] = frozenset(),
              skip: Callable[[_Block, str], bool] | None = None) -> list[tuple[str | None, list[_Block]]]:
    """An answer cut at its own sub-headings: own-line headings, Markdown headings, "标题 正文" lines, lines the page
    marked as headings (`marked`: HTML <h…> and all-bold paragraphs), and numbered paragraphs ("一是……", "第二，……",
    "（三）……"), each of which is a section headed by its opening clause; the paragraph after the last item goes back
    to the heading before the list. Blocks for which `skip` is true (courtesies) end a section and are left out."""
    sections: list[tuple[str | None, list[_Block]]] = []
    current: list[_Block] = []
    outer = heading  # the heading of the text around a numbered list
    listed = _numbered(blocks, text)
    in_list = False
    for i, block in enumerate(blocks):
        if skip is not None and skip(block, text):
            if current:
                sections.append((heading, current))
            current = []
            if in_list:
                heading, in_list = outer, False
            continue
        line = text[block.content_start : block.end]
        own_line = "\n" not in line and len(line) <= SHORT_LINE and not ends_sentence(line)
        own_line = own_line or (block.start in marked and block.label is None and "\n" not in line
                                and len(line) <= MAX_MARKED_HEADING_CHARS and not _FULL_STOP.search(line))
        md = _MD_HEADING.match(line)
        if (own_line or md) and i + 1 < len(blocks):
            if current:
                sections.append((heading, current))
            heading = outer = strip_markup(md.group("heading") if md else line)
            current, in_list = [], False
            continue
        if i in listed:
            if current:
                sections.append((heading, current))
            heading, current, in_list = opening_clause(line), [block], True
            continue
        if in_list:  # the list is over
            if current:
                sections.append((heading, current))
            heading, current, in_list = outer, [], False
        inline = _INLINE_HEADING.match(line)
        if inline and not re.search(r"[A-Za-z0-9]{3,}", inline.group("heading")) and len(line) - inline.end() >= MIN_TEXT_AFTER_HEADING:
            if current:
                sections.append((heading, current))
            heading = outer = inline.group("heading")
            current = [block]
            continue
        current.append(block)
    if current:
        sections.append((heading, current))
    return sections


def _is_courtesy_block(block: _Block, text: str) -> bool:
    return is_courtesy(text[block.content_start : block.end])


def _numbered(blocks: list[_Block], text: str) -> set[int]:
    """Indexes of the blocks that are items of a numbered list: a marker whose neighbour number (same style) also
    opens a block of this answer, so that a lone "一是一非……" is no list."""
    markers = {i: enumerator(text[b.content_start : b.end]) for i, b in enumerate(blocks)}
    present = {m for m in markers.values() if m}
    return {i for i, m in markers.items() if m and ((m[0], m[1] + 1) in present or (m[0], m[1] - 1) in present)}


def _outlet_from_askers(segments: list[_Segment]) -> str | None:
    for segment in segments:
        if segment.asks and not re.search(r"记者|主持|^问|^Q", segment.speaker, re.I):
            return segment.speaker
    return None


class _PassageBuilder:
    """Cuts sections into passages of at most `max_chars`, at sentence ends, keeping exact source offsets."""

    def __init__(self, text: str, file: str, interview_id: str, metadata: Metadata, max_chars: int,
                 people: _People) -> None:
        self.text, self.file, self.interview_id, self.metadata, self.max_chars = text, file, interview_id, metadata, max_chars
        self.people = people
        self.passages: list[Passage] = []
        self._ids: set[str] = set()

    def add_section(self, blocks: list[_Block], kind: PassageKind, heading: str | None = None,
                    turn: int | None = None, segment: _Segment | None = None) -> None:
        if not blocks:
            return
        for span in self._pack(blocks):
            self._add(span, kind, heading, turn, segment)

    def _pack(self, blocks: list[_Block]) -> list[Span]:
        """Whole paragraphs packed up to `max_chars`; a longer paragraph is cut at its sentence ends on its own, so a
        passage never ends with the first sentences of the next paragraph."""
        spans: list[Span] = []
        current: Span | None = None
        for block in blocks:
            paragraph = Span(block.content_start, block.end)
            if current is not None and paragraph.end - current.start <= self.max_chars:
                current = Span(current.start, paragraph.end)
                continue
            if current is not None:
                spans.append(current)
                current = None
            if paragraph.end - paragraph.start <= self.max_chars:
                current = paragraph
            else:
                spans.extend(pack_sentences(split_sentences(self.text, paragraph.start, paragraph.end), self.max_chars))
        if current is not None:
            spans.append(current)
        return spans

    def _add(self, span: Span, kind: PassageKind, heading: str | None, turn: int | None, segment: _Segment | None) -> None:
        paragraph: Paragraph = make_paragraph(self.text, span.start, span.end)
        if not paragraph.text:
            return
        meta = self.metadata
        interviewee = meta.interviewee
        if kind == "answer" and segment is not None:
            speaker, role, bureau = self.people(segment.speaker)
            interviewee = speaker  # a deputy's answers are his, not the chief's
        elif kind == "answer":  # a file without turns: statements of the interviewee or the bureau
            speaker, role, bureau = meta.interviewee or meta.bureau or "", meta.role, meta.bureau or ""
        else:  # intro and summary are the outlet's words, not the interviewee's
            speaker, role, bureau = meta.outlet or "编者", None, meta.bureau or ""
        digest = hashlib.sha1(paragraph.text.encode("utf-8")).hexdigest()
        passage_id = f"{self.interview_id}-{digest[:PASSAGE_ID_HEX]}"
        n = 1
        while passage_id in self._ids:
            n += 1
            passage_id = f"{self.interview_id}-{digest[:PASSAGE_ID_HEX]}{n}"
        self._ids.add(passage_id)
        self.passages.append(
            Passage(
                passage_id=passage_id,
                interview_id=self.interview_id,
                kind=kind,
                text=paragraph.text,
                start=span.start,
                end=span.end,
                file=self.file,
                bureau=bureau,
                interviewee=interviewee or speaker,
                speaker=speaker,
                role=role,
                question=segment.question if segment else None,
                asker=segment.asker if segment else None,
                heading=heading,
                turn=turn,
                title=meta.title,
                series=meta.series,
                outlet=meta.outlet,
                date=meta.date,
                url=meta.url,
            )
        )
