"""An answer cut into sections at its own sub-headings: own-line and Markdown headings, headings the page marked,
"标题 正文" lines and numbered paragraphs; a short opening that announces the sections kept with the first."""

from __future__ import annotations

import re
from collections.abc import Callable

from index.parsing.blocks import Block
from index.parsing.courtesy import is_courtesy
from index.parsing.line_cuts import jumps_between
from index.parsing.metadata import strip_markup
from index.parsing.segment import SHORT_LINE, ends_sentence, enumerator, opening_clause

LEAD_IN_CHARS = 60  # an answer's opening shorter than this that announces its sections goes with the first one
_ANNOUNCES = re.compile(r"[一二三四五六七八九十两几多]+(?:项|件事|个方面|方面|点|条|招|步|个字|句话|"
                        r"个?(?:环节|层面|阶段|部分|渠道|途径|领域|维度|举措|措施)|类|种)")
MIN_TEXT_AFTER_HEADING = 8  # a "标题 正文" line needs this much text after its heading
MAX_MARKED_HEADING_CHARS = 80  # a bold or <h…> paragraph longer than this is emphasised prose, not a heading
_INLINE_HEADING = re.compile(r"^(?P<heading>[^\s。！？!?；;]{4,40}?)[ \t\u3000]+(?=\S)")


_FULL_STOP = re.compile(r"[。！？!?；;…][”’」』）)]*$")


_BULLET = re.compile(r"^[●■◆▲★◎○□•▪]")  # "● 在职职工：个人缴费2%全部计入": an item of a list, not a heading
_MD_HEADING = re.compile(r"^(?:#{1,6}\s+|\*\*)(?P<heading>[^*\n]+?)(?:\*\*)?\s*$")


def cut_sections(blocks: list[Block], text: str, heading: str | None = None, marked: frozenset[int] = frozenset(),
              skip: Callable[[Block, str], bool] | None = None) -> list[tuple[str | None, list[Block]]]:
    """An answer cut at its own sub-headings: own-line headings, Markdown headings, "标题 正文" lines, lines the page
    marked as headings (`marked`: HTML <h…> and all-bold paragraphs), and numbered paragraphs ("一是……", "第二，……",
    "（三）……"), each of which is a section headed by its opening clause; the paragraph after the last item goes back
    to the heading before the list. Blocks for which `skip` is true (courtesies) end a section and are left out."""
    sections: list[tuple[str | None, list[Block]]] = []
    current: list[Block] = []
    outer = heading  # the heading of the text around a numbered list
    listed = numbered_blocks(blocks, text)
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
        own_line = "\n" not in line and len(line) <= SHORT_LINE and not ends_sentence(line) and not _BULLET.match(line)
        own_line = own_line or (block.start in marked and block.label is None and "\n" not in line
                                and len(line) <= MAX_MARKED_HEADING_CHARS and not _FULL_STOP.search(line))
        if i + 1 < len(blocks) and jumps_between(text, block.end, blocks[i + 1].start):
            own_line = False  # words cut off where the article jumps to another page ("……将完成（下转第4版）")
        md = _MD_HEADING.match(line)
        if own_line and block.start in marked and i + 1 == len(blocks) and (current or sections):
            continue  # a crosshead the page marked, after the last words of an answer: it heads what comes next
        if len(blocks) == 1 and is_markdown_heading(block, text):
            continue  # "## 第二幕　快递驿站" alone between two scenes: a heading with nothing under it
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


def with_lead_in(sections: list[tuple[str | None, list[Block]]], text: str) -> list[tuple[str | None, list[Block]]]:
    """A short opening that announces the sections after it ("我们做了三方面工作。", "主要有以下几项：") is kept with the
    first section: alone it matches the topic of every question about the answer and answers none of them."""
    if len(sections) < 2 or sections[0][0] is not None:
        return sections
    lead = sections[0][1]
    words = "".join(text[b.content_start : b.end] for b in lead).strip()
    if len(words) >= LEAD_IN_CHARS or not (_ANNOUNCES.search(words) or words.endswith(("：", ":"))):
        return sections
    return [(sections[1][0], lead + sections[1][1]), *sections[2:]]


# A paragraph wholly in brackets: an editor's or a stage note ("（此件公开发布）", "（现场满意度测评：满意 46%……）", "（笑）")
_NOTE = re.compile(r"[（(][^（）()\n]{1,60}[）)]")


def is_markdown_heading(block: Block, text: str) -> bool:
    """A block that is one Markdown heading line ("## 第二幕　快递驿站")."""
    return bool(_MD_HEADING.match(text[block.content_start : block.end])) and text[block.start : block.end].lstrip().startswith("#")


def is_courtesy_block(block: Block, text: str) -> bool:
    """A paragraph that answers nothing: courtesies only, or a note in brackets."""
    words = text[block.content_start : block.end].strip()
    return is_courtesy(words) or _NOTE.fullmatch(words) is not None


def numbered_blocks(blocks: list[Block], text: str) -> set[int]:
    """Indexes of the blocks that are items of a numbered list: a marker whose neighbour number (same style) also
    opens a block of this answer, so that a lone "一是一非……" is no list."""
    markers = {i: enumerator(text[b.content_start : b.end]) for i, b in enumerate(blocks)}
    present = {m for m in markers.values() if m}
    return {i for i, m in markers.items() if m and ((m[0], m[1] + 1) in present or (m[0], m[1] - 1) in present)}
