"""Sections cut into passages of at most `max_chars`, at paragraph breaks first and sentence ends after, each with
exact source offsets, its speaker, the question it answers, its heading and its kind."""

from __future__ import annotations

import bisect
import hashlib
from collections.abc import Collection
from typing import TYPE_CHECKING

from index.parsing.blocks import Block, Segment
from index.parsing.line_cuts import jumps_between, repeated_bands
from index.parsing.segment import make_paragraph, pack_sentences, split_sentences
from index.records import Metadata, Paragraph, Passage, PassageKind, Span

if TYPE_CHECKING:
    from index.parsing.cast import Cast

PASSAGE_ID_HEX = 6  # hex digits of the text's hash after the interview id: a passage id


class PassageBuilder:
    """Cuts sections into passages of at most `max_chars`, at sentence ends, keeping exact source offsets."""

    def __init__(self, text: str, file: str, interview_id: str, metadata: Metadata, max_chars: int,
                 people: Cast, asides: Collection[int] = ()) -> None:
        self.text, self.file, self.interview_id, self.metadata, self.max_chars = text, file, interview_id, metadata, max_chars
        self.people = people
        self.passages: list[Passage] = []
        self.bands = repeated_bands(text.splitlines())  # a page's repeated band: passages never run across it
        self.asides = sorted(asides)  # where lines of no one's words start (a caption, a narration): nor across them
        self._ids: set[str] = set()

    def add_section(self, blocks: list[Block], kind: PassageKind, heading: str | None = None,
                    turn: int | None = None, segment: Segment | None = None) -> None:
        if not blocks:
            return
        for span in self._pack(blocks):
            self._add(span, kind, heading, turn, segment)

    def _pack(self, blocks: list[Block]) -> list[Span]:
        """Whole paragraphs packed up to `max_chars`; a longer paragraph is cut at its sentence ends on its own, so a
        passage never ends with the first sentences of the next paragraph."""
        spans: list[Span] = []
        current: Span | None = None
        for block in blocks:
            paragraph = Span(block.content_start, block.end)
            if current is not None and paragraph.end - current.start <= self.max_chars and \
                    not jumps_between(self.text, current.end, paragraph.start) and \
                    not any(line.strip() in self.bands for line in self.text[current.end : paragraph.start].splitlines()) \
                    and not self._aside_between(current.end, paragraph.start):
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

    def _aside_between(self, start: int, end: int) -> bool:
        at = bisect.bisect_left(self.asides, start)
        return at < len(self.asides) and self.asides[at] < end

    def _add(self, span: Span, kind: PassageKind, heading: str | None, turn: int | None, segment: Segment | None) -> None:
        paragraph: Paragraph = make_paragraph(self.text, span.start, span.end)
        if not any(ch.isalnum() for ch in paragraph.text):
            return  # a rule ("——") or a mark alone says nothing
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
