"""The parser's working units: paragraphs of the source (with the speaker label that opens them) and runs of them
spoken by one speaker."""

from __future__ import annotations

from dataclasses import dataclass, field

from index.parsing.metadata import TitleBlock
from index.parsing.speakers import Label


@dataclass(slots=True)
class Block:
    """A paragraph of the source, with the speaker label that opens it (if any)."""

    start: int
    end: int
    first_line: str
    label: Label | None = None
    content_start: int = 0  # where the words after the label start
    field: bool = False  # a header field ("访谈时间：…") or a line of the guest list
    stamp: bool = False  # a line that is only a time ("【10:00:08】")
    signer: str | None = None  # the unit named under it as the one that answered ("（此问由……提供）")

    @property
    def label_only(self) -> bool:
        """A speaker line (say `09:31:06 主持人`) whose words start on the next line."""
        return self.label is not None and self.content_start >= self.end


@dataclass(slots=True)
class Segment:
    """Consecutive blocks spoken by one speaker."""

    speaker: str
    asks: bool
    blocks: list[Block] = field(default_factory=list)
    question: str | None = None  # for an answer: the question it replies to
    asker: str | None = None
    turn: int | None = None  # for an answer: its index in the interview's turns
    ends_section: bool = False  # an answer the document's next section heading ended: no one answers on after it


@dataclass(slots=True)
class Layout:
    """The blocks of a file sorted into title lines, intro, question-and-answer body and closing summary."""

    title: TitleBlock
    pre: list[Block]  # everything before the first turn (title lines included)
    intro: list[Block]
    headings: dict[int, str]  # intro block index -> the headline just before it
    body: list[Block]
    summary: list[Block]
    summary_heading: str | None
    guest_box: list[str] = field(default_factory=list)  # the lines of a guest list after the transcript
