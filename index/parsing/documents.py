"""The text of a .docx (python-docx) or .pdf (pdfplumber, `index.parsing.pdf_layout`) file: paragraphs separated by
blank lines, with the offsets of the ones the file marks as headings. Offsets of passages refer to this text, as for
HTML pages. A PDF without a text layer is refused (it needs OCR); the text's length is checked while reading.
Details: docs/corpus.md, "Formats"."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from index.errors import CorpusParseError
from index.parsing.colour_key import colour_legend, with_answerer

DOCX_SUFFIXES = (".docx",)
PDF_SUFFIXES = (".pdf",)
MAX_EXTRACTED_CHARS = 5_000_000  # a corpus document's text; uploads to check pass their own, smaller cap
MAX_DOCX_XML_BYTES = 200 * 1024 * 1024  # declared size of word/document.xml beyond which we do not start
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADING_STYLES = re.compile(r"^(?:heading|title|subtitle|标题|副标题)", re.I)


@dataclass(frozen=True, slots=True)
class ExtractedText:
    text: str
    headings: frozenset[int]  # offsets in `text` of paragraphs the file marks as headings
    page_header: str = ""  # a .docx's running page header (often its issuer: "箬溪市市场监督管理局"), not in `text`
    metadata: dict[str, Any] = field(default_factory=dict)  # a page a .docx holds as its content: its title, site


def too_long(file: str, max_chars: int) -> CorpusParseError:
    return CorpusParseError(file, f"the document's text is longer than {max_chars:,} characters")


def join_paragraphs(paragraphs: Iterable[tuple[str, bool]]) -> ExtractedText:
    """Paragraphs (text, is a heading) as one text with a blank line between them, and where the headings start."""
    parts: list[str] = []
    headings: set[int] = set()
    offset = 0
    for text, heading in paragraphs:
        text = text.strip()
        if not text:
            continue
        if heading:
            headings.add(offset)
        parts.append(text)
        offset += len(text) + 2
    return ExtractedText("\n\n".join(parts) + "\n" if parts else "", frozenset(headings))


# -- .docx ---------------------------------------------------------------------------------------------------------
def docx_text(data: bytes, file: str, max_chars: int = MAX_EXTRACTED_CHARS) -> ExtractedText:
    """The text of a .docx document; CorpusParseError when it is not one, or its text is longer than `max_chars`."""
    _check_docx_length(data, file, max_chars)
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as error:
        raise CorpusParseError(file, f"not a readable .docx document ({type(error).__name__})") from None
    pages: list[dict[str, Any]] = []
    extracted = join_paragraphs(_docx_paragraphs(document, pages))
    if not extracted.text:
        raise CorpusParseError(file, "the document has no text")
    if len(extracted.text) > max_chars:  # a page held inside the document is counted only once read
        raise too_long(file, max_chars)
    return replace(extracted, page_header=_page_header(document), metadata=pages[0] if pages else {})


def _page_header(document) -> str:  # type: ignore[no-untyped-def]
    """The first item of the document's running page header (its issuer, before a tab: "箬溪市市场监督管理局\t\t政策解读")."""
    for section in document.sections:
        for paragraph in section.header.paragraphs:
            parts = [part for part in re.split(r"\t|[ \u3000]{2,}", paragraph.text.strip()) if part.strip()]
            if parts:
                return parts[0].strip()
    return ""


def _check_docx_length(data: bytes, file: str, max_chars: int) -> None:
    """Counts the document's characters while unpacking it (streamed: the whole XML is never held), and stops at
    `max_chars`: a 200 KB file can unpack to 50 MB of text."""
    from lxml import etree

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise CorpusParseError(file, "not a .docx document (not a zip archive)") from None
    with archive:
        try:
            info = archive.getinfo("word/document.xml")
        except KeyError:
            raise CorpusParseError(file, "not a .docx document (no word/document.xml inside)") from None
        if info.file_size > MAX_DOCX_XML_BYTES:
            raise too_long(file, max_chars)
        count = 0
        try:
            with archive.open(info) as stream:
                for _, element in etree.iterparse(stream, events=("end",), tag=f"{_W}t", huge_tree=False,
                                                  resolve_entities=False, no_network=True):
                    count += len(element.text or "")
                    if count > max_chars:
                        raise too_long(file, max_chars)
                    element.clear(keep_tail=False)
        except (etree.XMLSyntaxError, zipfile.BadZipFile, OSError, EOFError) as error:
            raise CorpusParseError(file, f"not a readable .docx document ({type(error).__name__})") from None


def _body_blocks(parent, document) -> Iterable:  # type: ignore[no-untyped-def]
    """The body's paragraphs and tables in order, those inside a block content control (a template's filled-in slot)
    too; a slot still showing its placeholder ("单击或点击此处输入文字。") and a table of contents hold nothing."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in parent.iterchildren():
        if child.tag == f"{_W}p":
            yield Paragraph(child, document._body)
        elif child.tag == f"{_W}tbl":
            yield Table(child, document._body)
        elif child.tag == f"{_W}sdt" and not _placeholder(child) and (content := child.find(f"{_W}sdtContent")) is not None:
            yield from _body_blocks(content, document)
        elif child.tag == f"{_W}altChunk":  # content Word imports on opening: a portal's "导出Word" holds its page so
            yield child


def _placeholder(sdt) -> bool:  # type: ignore[no-untyped-def]
    """A content control that still shows its placeholder text, not anything written in it, or Word's table of
    contents (its entries repeat the headings, with page numbers)."""
    properties = sdt.find(f"{_W}sdtPr")
    if properties is None:
        return False
    gallery = properties.find(f"{_W}docPartObj/{_W}docPartGallery")
    return properties.find(f"{_W}showingPlcHdr") is not None or (
        gallery is not None and gallery.get(f"{_W}val") == "Table of Contents")


def _docx_paragraphs(document, pages: list[dict[str, Any]]) -> Iterable[tuple[str, bool]]:  # type: ignore[no-untyped-def]
    """The paragraphs in reading order; the metadata of each page held as an altChunk is added to `pages`."""
    from docx.table import Table

    legend = colour_legend("\n".join(p.text for p in document.paragraphs[:MAX_LEGEND_PARAGRAPHS]))
    notes, numbered = _footnotes(document), 0
    for block in _body_blocks(document.element.body, document):
        if getattr(block, "tag", None) == f"{_W}altChunk":
            yield from _alt_chunk_paragraphs(block, document, pages)
        elif isinstance(block, Table):
            yield from ((line, False) for line in _table_lines(block))
        else:
            for box in _text_boxes(block._p):  # a text box anchored in the paragraph: its paragraphs first
                yield from ((_final_text(box_p), False) for box_p in box.iter(f"{_W}p"))
            text = _final_text(block._p)
            yield (with_answerer(text, _font_colour(block._p), legend) if legend else text), _is_docx_heading(block)
            for reference in block._p.iter(f"{_W}footnoteReference"):  # the page's foot, under the paragraph
                numbered += 1
                if note := notes.get(reference.get(f"{_W}id") or ""):
                    yield f"{FOOTNOTE_MARK}{numbered}：{note}", False


MAX_LEGEND_PARAGRAPHS = 200  # a colour legend stands above the answers it explains
FOOTNOTE_MARK = "注"  # a footnote, read under the paragraph that refers to it: "注1：解答：……主任　冀曼青。"


def _footnotes(document) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """The text of each footnote by its id (Word's separators aside); {} for a file without footnotes."""
    for rel in document.part.rels.values():
        if rel.reltype.endswith("/footnotes") and not rel.is_external:
            from lxml import etree

            root = etree.fromstring(rel.target_part.blob)
            return {note.get(f"{_W}id"): text for note in root.iter(f"{_W}footnote")
                    if not note.get(f"{_W}type") and (text := " ".join(_final_text(p) for p in note.iter(f"{_W}p")).strip())}
    return {}


def _font_colour(p) -> str | None:  # type: ignore[no-untyped-def]
    """The one font colour of a paragraph's words (hex), None when they differ or none is set."""
    colours = {run.find(f"{_W}rPr/{_W}color").get(f"{_W}val") if run.find(f"{_W}rPr/{_W}color") is not None else None
               for run in p.iter(f"{_W}r") if "".join(t.text or "" for t in run.iter(f"{_W}t")).strip()}
    return colours.pop() if len(colours) == 1 else None


_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def _alt_chunk_paragraphs(chunk, document, pages: list[dict[str, Any]]) -> Iterable[tuple[str, bool]]:  # type: ignore[no-untyped-def]
    """The paragraphs of an altChunk's part as Word shows them: an HTML page read as a page is (its article), plain
    text line by line; another kind (an embedded .docx, RTF) is not read."""
    from index.parsing.html_text import extract_article
    from index.parsing.sources import decode_bytes

    part = document.part.related_parts.get(chunk.get(_R_ID))
    content_type = (getattr(part, "content_type", "") or "").lower()
    if part is None or not ("html" in content_type or content_type.startswith("text/plain")):
        return
    try:
        text, _ = decode_bytes(part.blob, str(part.partname))
    except CorpusParseError:
        return
    headings: frozenset[int] = frozenset()
    if "html" in content_type:
        article = extract_article(text)
        text, headings = article.text, article.headings
        pages.append(article.metadata)
    offset = 0
    for line in text.split("\n"):
        yield line, offset in headings
        offset += len(line) + 1


# what a reader of the document sees is not inside these: deleted or moved-away text of tracked changes, the VML
# copy Word keeps of a text box for old readers, and a text box (read apart, before its paragraph)
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_HIDDEN = {f"{_W}del", f"{_W}moveFrom", f"{_MC}Fallback", f"{_W}txbxContent"}


def _final_text(p) -> str:  # type: ignore[no-untyped-def]
    """A paragraph's text as it reads with its tracked changes accepted: inserted runs in, deleted ones out."""
    parts: list[str] = []
    for element in p.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr"):
        if any((ancestor.tag in _HIDDEN or (ancestor.tag == f"{_W}sdt" and _placeholder(ancestor)))
               for ancestor in element.iterancestors() if ancestor is not p and _is_below(ancestor, p)):
            continue
        parts.append(element.text or "" if element.tag == f"{_W}t" else "\t" if element.tag == f"{_W}tab" else "\n")
    return "".join(parts)


def _is_below(ancestor, p) -> bool:  # type: ignore[no-untyped-def]
    return any(a is p for a in ancestor.iterancestors())


def _text_boxes(p) -> list:  # type: ignore[no-untyped-def]
    """The text boxes anchored in a paragraph, each once (not the VML fallback copy)."""
    return [box for box in p.iter(f"{_W}txbxContent")
            if not any(a.tag == f"{_MC}Fallback" for a in box.iterancestors())]


def _table_lines(table) -> list[str]:  # type: ignore[no-untyped-def]
    """A table of questions and replies as 留言板 paragraphs (table_export.question_grid_paragraphs); else one line
    per row, its cells (merged cells once) joined by tabs; a value cell of several paragraphs beside a key cell
    (发布人 | three people) gives one line per paragraph, the first after the key."""
    from index.parsing.speakers import transcript_rows
    from index.parsing.table_export import question_grid_paragraphs

    cells_of = [list(row.cells) for row in table.rows]  # kept alive: a merged cell is one element, its id stable
    if board := question_grid_paragraphs([[(id(cell._tc), cell.text) for cell in row] for row in cells_of]):
        return board
    rows: list[list[list[str]]] = []
    for row in table.rows:
        cells: list[list[str]] = []
        seen: set[int] = set()
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            parts = [t.strip() for t in cell.text.splitlines() if t.strip()]
            if parts:
                cells.append(parts)
        rows.append(cells)
    spoken = transcript_rows([[cell[0] for cell in cells] for cells in rows])  # a transcript's 主持人 | words rows
    lines = []
    for cells, line in zip(rows, spoken):
        if line is not None:  # "主持人：…", the words cell's further paragraphs after it
            lines.append(line)
            lines.extend(cells[-1][1:])
        elif len(cells) == 2 and len(cells[0]) == 1 and len(cells[1]) > 1:
            lines.append(f"{cells[0][0]}\t{cells[1][0]}")
            lines.extend(cells[1][1:])
        elif cells:
            lines.append("\t".join(" ".join(parts) for parts in cells))
    return lines


def _is_docx_heading(paragraph) -> bool:  # type: ignore[no-untyped-def]
    """A Heading/Title style or an outline level, or every run with text in bold."""
    style = paragraph.style
    name = (style.name if style is not None else "") or ""
    if _HEADING_STYLES.match(name):
        return True
    p_pr = paragraph._p.pPr
    if p_pr is not None and p_pr.find(f"{_W}outlineLvl") is not None:
        return True
    runs = [r for r in paragraph.runs if r.text.strip()]
    style_bold = bool(style is not None and style.font is not None and style.font.bold)
    return bool(runs) and all(r.bold or (r.bold is None and style_bold) for r in runs)
