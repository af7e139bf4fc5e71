"""The text of a .pdf with a text layer (pdfplumber): lines rejoined into paragraphs by their geometry, columns read
one after the other, running headers, footers, page numbers and diagonal watermarks left out, an OCR layer's spaced
characters closed up.
"""

from __future__ import annotations

import io
import math
import re
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from index.errors import CorpusParseError
from index.parsing.declared import CODE_LABEL
from index.parsing.documents import MAX_EXTRACTED_CHARS, ExtractedText, join_paragraphs, too_long
from index.parsing.orgs import is_unit_name
from index.parsing.segment import has_unclosed_bracket, in_reading_order
from index.parsing.speakers import opens_with_badge

_NUMERAL = r"(?:\d{1,4}|[一二三四五六七八九十百零〇两]{1,4})"
# a table of contents' entry: a heading or question, dot leaders, its page ("1. 高龄津贴发给哪些老人？ ……… 1"): the
# headings it repeats are read where they stand
_CONTENTS_ENTRY = re.compile(r"(?:\.{4,}|…{2,}|·{4,}|．{4,}|。{4,})[ \t]*\d{1,4}$")
_PAGE_NUMBER = re.compile(r"^(?:[-—–－‒\s]*\d{1,4}[-—–－‒\s]*|第\s*" + _NUMERAL + r"\s*页(?:\s*[，,/]?\s*共\s*" + _NUMERAL
                          + r"\s*页)?|"
                          r"\d{1,4}\s*/\s*\d{1,4}|page\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$", re.I)
_TERMINATORS = "。！？!?；;：:…”」』）)"
RUNNING_SHARE = 0.5  # a top or bottom line repeated (digits aside) on at least this share of pages is furniture
EDGE_LINES = 3  # lines at the top and the bottom of a page that may be a running header or footer
MAX_FURNITURE_CHARS = 60  # a longer line is body text
MIN_CHARS_PER_PAGE = 10  # fewer characters on every page: no text layer
INDENT_CHARS = 1.2  # a line starting this many character widths right of the margin opens a paragraph
RIGHT_MARGIN_SHARE = 0.8  # the right margin is where this share of a flow's lines have ended
MIN_MARGIN_LINES = 5  # a flow of fewer lines has its right margin at its longest line
SHORT_CHARS = 1.5  # a line ending this many character widths before the right margin ends its paragraph
GAP_LINES = 1.6  # a vertical gap this many times the usual line spacing separates paragraphs
GUTTER_MIN_SHARE = 0.25  # a column gutter: an empty vertical strip between 25% and 75% of the page width
MIN_GUTTER_WIDTH = 8.0  # points
MARGIN_SHARE = 0.05  # the top and bottom of a page (running headers, footers) are read across the whole width
GUTTER_MAX_ROWS = 0.1  # a gutter: crossed by at most 10% of the page's rows of text (a title, a full-width line)
GUTTER_LOOSE_ROWS = 0.4  # a title and lead across the top of a page, above its columns, may be this share of its rows
MIN_COLUMN_ROWS = 3  # and rows of text on each side of it that do not cross it: at least this many
COLUMN_ROWS_SHARE = 0.05  # and this share of the rows (the last page's second column may be short)
SLANT_DEGREES = 5.0  # a character turned further than this from the page's axes is a watermark or a stamp


@dataclass(frozen=True, slots=True)
class _Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float  # the median character width
    row: bool = False  # a row of a ruled table, its cells apart by tabs
    font: float = 0.0  # the median font size of its characters


def pdf_text(data: bytes, file: str, max_chars: int = MAX_EXTRACTED_CHARS) -> ExtractedText:
    """The text of a PDF with a text layer; CorpusParseError for a scan, a damaged or locked file, or a text longer
    than `max_chars`."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError

    pages: list[list[list[_Line]]] = []  # per page, per column, its lines
    count = 0
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                # a character drawn twice at one place (fake bold: "记记者者：：") is read once
                columns = _page_flows(page.filter(_not_slanted).dedupe_chars(tolerance=1))
                count += sum(len(line.text) for column in columns for line in column)
                if count > max_chars:
                    raise too_long(file, max_chars)
                pages.append(columns)
                page.close()
    except CorpusParseError:
        raise
    except PDFPasswordIncorrect:
        raise CorpusParseError(file, "the PDF is password-protected") from None
    except (PDFSyntaxError, ValueError, KeyError, TypeError, AttributeError, OSError) as error:
        raise CorpusParseError(file, f"not a readable PDF ({type(error).__name__})") from None
    except Exception as error:  # pdfminer raises many kinds (PSEOF, PDFTypeError, ...) on damaged files
        if type(error).__module__.startswith(("pdfminer", "pdfplumber", "pypdfium2")):
            raise CorpusParseError(file, f"not a readable PDF ({type(error).__name__})") from None
        raise
    if not pages or all(sum(len(l.text) for c in p for l in c) < MIN_CHARS_PER_PAGE for p in pages):
        raise CorpusParseError(file, "the PDF has no text layer (a scanned document?): it needs OCR before it can "
                                     "be indexed")
    furniture = _running_lines(pages)
    kept = [[[line for line in column if _key(line.text) not in furniture and not _PAGE_NUMBER.match(line.text)
              and not _CONTENTS_ENTRY.search(line.text)] for column in page] for page in pages]
    extracted = join_paragraphs((paragraph, False) for paragraph in _paragraphs(
        [column for page in kept for column in page]))
    if not extracted.text:
        raise CorpusParseError(file, "the PDF has no text besides its page headers and footers")
    issuer = next((first for column in pages[0] for line in column if _key(line.text) in furniture
                   and line.text.split() and is_unit_name(first := line.text.split()[0])), "")  # its left part
    return replace(extracted, page_header=issuer) if issuer else extracted  # "汧溁市营商环境建设局" atop each page


MIN_TABLE_COLUMNS = 2
MIN_TABLE_ROWS = 2
def _slant(matrix: Sequence[float]) -> float:
    """How far, in degrees, a glyph's text matrix turns it from the nearest of the page's axes (0 to 45)."""
    degrees = math.degrees(math.atan2(float(matrix[1]), float(matrix[0]))) % 90.0
    return min(degrees, 90.0 - degrees)


def _not_slanted(obj: dict) -> bool:
    """False for a character set diagonally (a site's name or 内部资料 stamped across the page): never body text,
    and its glyphs would otherwise fall among the lines they cross."""
    matrix = obj.get("matrix") if obj.get("object_type") == "char" else None
    return matrix is None or _slant(matrix) <= SLANT_DEGREES


def _page_flows(page) -> list[list[_Line]]:  # type: ignore[no-untyped-def]
    """The page's lines in reading order (`_page_columns`), a ruled table's rows where the table stands: each row one
    line of its cells apart by tabs (a question and its answer side by side)."""
    if cards := _card_flows(page):
        return cards
    tables = [t for t in page.find_tables() if len(t.rows) >= MIN_TABLE_ROWS
              and min(len(row.cells) for row in t.rows) >= MIN_TABLE_COLUMNS]
    if not tables:
        return _page_columns(page)
    boxes = [t.bbox for t in tables]

    def outside(obj: dict) -> bool:
        return obj.get("object_type") != "char" or not any(
            x0 <= float(obj["x0"]) and float(obj["x1"]) <= x1 and top <= float(obj["top"]) <= bottom
            for x0, top, x1, bottom in boxes)

    rest = page.filter(outside)
    columns = [column for column in _page_columns(rest) if column]
    spans = [(min(line.x0 for line in column), max(line.x1 for line in column)) for column in columns]
    within = {id(t): _column_of(spans, t.bbox) for t in tables}
    if len(columns) > 1 and all(k is not None for k in within.values()):
        flows = []  # each table set inside one column: read where it stands in that column
        for k, column in enumerate(columns):
            flows += _around_tables(list(column), [t for t in tables if within[id(t)] == k])
        return flows
    return _around_tables([line for column in columns for line in column], tables)


def _column_of(spans: Sequence[tuple[float, float]], box: tuple[float, float, float, float]) -> int | None:
    """The one column whose width the table's box overlaps, None when it overlaps none or several."""
    overlapped = [k for k, (x0, x1) in enumerate(spans) if box[0] < x1 and x0 < box[2]]
    return overlapped[0] if len(overlapped) == 1 else None


def _around_tables(lines: list[_Line], tables: Sequence) -> list[list[_Line]]:  # type: ignore[type-arg]
    """The lines above each table, the table's rows (each one line of its cells apart by tabs), the lines below."""
    flows: list[list[_Line]] = []
    for table in sorted(tables, key=lambda t: t.bbox[1]):
        above = [line for line in lines if line.top < table.bbox[1]]
        lines = [line for line in lines if line.top >= table.bbox[1]]
        if above:
            flows.append(above)
        rows = []
        for row, cells in zip(table.rows, table.extract()):
            words = [_join_lines((cell or "").split("\n")) for cell in cells]
            if any(words):
                rows.append(_Line("\t".join(words), float(row.bbox[0]), float(row.bbox[2]), float(row.bbox[1]),
                                  float(row.bbox[3]), 10.0, row=True))
        flows.append(rows)
    if lines:
        flows.append(lines)
    return flows


MIN_CARDS = 4
CARD_MIN_WIDTH_SHARE = 0.25  # a card is at least this share of the page wide
CARD_MIN_HEIGHT = 40.0  # points
CARD_ROW_POINTS = 12.0  # cards whose tops lie this close are on one row of the grid
CARD_WIDTH_TOLERANCE = 0.2
HEADING_SIZE_STEP = 1.5  # points larger than the next line: that line's heading


def _card_flows(page) -> list[list[_Line]] | None:  # type: ignore[no-untyped-def]
    """A leaflet's grid of cards (rounded boxes side by side, a question and its answer in each): the lines above
    the grid, each card whole, row by row and left to right in a row (as a reader reads a 明白纸, not column by
    column), then the lines below; None when the page has no such grid."""
    width = float(page.width)
    shapes = [(float(o["x0"]), float(o["top"]), float(o["x1"]), float(o["bottom"])) for o in [*page.curves, *page.rects]
              if float(o["x1"]) - float(o["x0"]) >= CARD_MIN_WIDTH_SHARE * width
              and float(o["bottom"]) - float(o["top"]) >= CARD_MIN_HEIGHT]
    chars = [c for c in page.chars if c.get("text", "").strip()]

    def inside(c: dict, box: tuple[float, float, float, float]) -> bool:
        return box[0] <= float(c["x0"]) and float(c["x1"]) <= box[2] and box[1] <= float(c["top"]) <= box[3]

    cards = [box for box in dict.fromkeys(shapes) if any(inside(c, box) for c in chars)
             and not any(other != box and other[0] <= box[0] and box[2] <= other[2] and other[1] <= box[1]
                         and box[3] <= other[3] for other in shapes)]  # the outermost boxes with words in them
    if cards:  # cards of one grid are of one width (a banner across the page is none of them)
        usual = sorted(box[2] - box[0] for box in cards)[len(cards) // 2]
        cards = [box for box in cards if abs((box[2] - box[0]) - usual) <= CARD_WIDTH_TOLERANCE * usual]
    lefts = {round(box[0] / CARD_ROW_POINTS) for box in cards}
    if len(cards) < MIN_CARDS or len(lefts) < 2 or len(lefts) == len(cards):
        return None
    ordered = in_reading_order(cards, lambda box: box[1], lambda box: box[0], CARD_ROW_POINTS)
    top = ordered[0][1]

    def region(keep) -> list[_Line]:  # type: ignore[no-untyped-def]
        return _lines(page.filter(lambda obj: obj.get("object_type") != "char" or keep(obj)))

    def outside(c: dict) -> bool:
        return not any(inside(c, box) for box in ordered)

    flows = [region(lambda c: outside(c) and float(c["top"]) < top)]
    flows += [region(lambda c, box=box: inside(c, box)) for box in ordered]
    flows.append(region(lambda c: outside(c) and float(c["top"]) >= top))
    return [flow for flow in flows if flow] or None


def _page_columns(page) -> list[list[_Line]]:  # type: ignore[no-untyped-def]
    """The page's lines in reading order: one column; or, when an empty vertical strip splits the body, the lines
    above the columns (the page header, a title block), the left column, the right one, then the full-width lines
    below them (the footer). The page's top and bottom margins are read whole, so a running header split by the
    gutter stays one line. A leaflet's three or more panels are read one after the other, each to the page's edges."""
    chars = [c for c in page.chars if c.get("text", "").strip()]
    if not chars:
        return [[]]
    height = float(page.height)
    top_zone, bottom_zone = MARGIN_SHARE * height, (1 - MARGIN_SHARE) * height
    body = [c for c in chars if top_zone <= float(c["top"]) <= bottom_zone]
    gutter = _gutter(body, float(page.width)) if body else None
    if gutter is None:
        return [_lines(page)]

    row_of = _row

    rows: dict[int, list[dict]] = {}
    for c in body:
        rows.setdefault(row_of(c), []).append(c)
    crossing = {top for top, row in rows.items() if any(c["x0"] < gutter < c["x1"] for c in row)}
    # the gutters between three or more panels (a tri-fold leaflet): each side of the gutter split again
    gutters = _gutters([c for c in body if row_of(c) not in crossing], float(page.width), gutter)
    if len(gutters) > 1:  # a leaflet's panels run from the top of the page, their lines at heights of their own
        two_sided = sorted(top for top in rows if top not in crossing)
    else:
        two_sided = [top for top, row in sorted(rows.items()) if top not in crossing
                     and any(c["x1"] <= gutter for c in row) and any(c["x0"] >= gutter for c in row)]
    body_top = two_sided[0] if two_sided else min(rows)
    # A full-width line with most of the columns below it (an issuer or a note under the title) is read before them.
    heading_rows = {top for top in crossing if sum(t < top for t in two_sided) < sum(t > top for t in two_sided) / 3}

    def region(keep) -> list[_Line]:  # type: ignore[no-untyped-def]
        return _lines(page.filter(lambda obj: obj.get("object_type") != "char" or keep(obj)))

    def middle(c: dict) -> float:
        return (float(c["x0"]) + float(c["x1"])) / 2

    def in_columns(c: dict) -> bool:
        return body_top <= row_of(c) and float(c["top"]) <= bottom_zone and row_of(c) not in crossing

    panel_rows: set[int] = set()
    if len(gutters) > 1:  # a leaflet's panels are printed to the page's edges: a top or bottom line in one is its own
        by_row: dict[int, list[dict]] = {}
        for c in chars:
            if not top_zone <= float(c["top"]) <= bottom_zone:
                by_row.setdefault(row_of(c), []).append(c)
        panel_rows = {top for top, row in by_row.items()
                      if not any(c["x0"] < g < c["x1"] for c in row for g in gutters)}
        in_body = in_columns

        def in_columns(c: dict) -> bool:  # noqa: F811 (the leaflet's reading of the same question)
            return in_body(c) or row_of(c) in panel_rows
    edges = [-math.inf, *gutters, math.inf]
    above = region(lambda c: (row_of(c) < body_top or row_of(c) in heading_rows) and row_of(c) not in panel_rows)
    columns = [region(lambda c, a=a, b=b: in_columns(c) and a <= middle(c) < b) for a, b in zip(edges, edges[1:])]
    below = region(lambda c: row_of(c) >= body_top and not in_columns(c) and row_of(c) not in heading_rows)
    return [column for column in (above, *columns, below) if column]


def _gutters(chars: Sequence[dict], width: float, gutter: float) -> list[float]:
    """The gutter, and those of the columns on each side of it, left to right."""
    left = [c for c in chars if (float(c["x0"]) + float(c["x1"])) / 2 < gutter]
    right = [c for c in chars if (float(c["x0"]) + float(c["x1"])) / 2 >= gutter]
    found = [gutter]
    for side in (left, right):
        if side and (inner := _gutter_of(side, width)) is not None and abs(inner - gutter) > MIN_GUTTER_WIDTH:
            found += _gutters(side, width, inner)
    return sorted(set(found))


ROW_POINTS = 3.0  # characters whose tops lie this close are on one row (two columns' lines are rarely level)


def _row(char: dict) -> int:
    return round(float(char["top"]) / ROW_POINTS)


def _gutter(chars: Sequence[dict], width: float) -> float | None:
    """The columns' gutter (see `_gutter_of`), also under a full-width title and lead that cross it: found again
    without the page's first rows, up to GUTTER_LOOSE_ROWS of them."""
    found = _gutter_of(chars, width)
    rows = sorted({_row(c) for c in chars})
    for cut in rows[: int(GUTTER_LOOSE_ROWS * len(rows))]:
        if found is not None:
            break
        found = _gutter_of([c for c in chars if _row(c) > cut], width)
    return found


def _gutter_of(chars: Sequence[dict], width: float) -> float | None:
    """The x of the widest vertical strip in the middle half of the page that almost no row of text crosses, with
    many rows on each side of it that do not cross it: two columns. (In a single column with a ragged right edge,
    the text right of an empty strip belongs to the few rows that cross it.)"""
    rows: dict[int, list[tuple[float, float]]] = {}
    for c in chars:
        rows.setdefault(_row(c), []).append((float(c["x0"]), float(c["x1"])))
    crossing = [0] * (int(width) + 2)
    for spans in rows.values():
        covered = set()
        for x0, x1 in spans:
            covered.update(range(max(0, int(x0)), min(len(crossing), int(x1) + 1)))
        for x in covered:
            crossing[x] += 1
    limit = int(GUTTER_MAX_ROWS * len(rows))
    low, high = int(width * GUTTER_MIN_SHARE), int(width * (1 - GUTTER_MIN_SHARE))
    strips: list[int] = []  # where each empty strip at least MIN_GUTTER_WIDTH wide starts
    start = None
    for x in range(low, high + 2):
        empty = x <= high and crossing[x] <= limit
        if empty and start is None:
            start = x
        if not empty and start is not None:
            if x - start >= MIN_GUTTER_WIDTH:
                strips.append(start)
            start = None
    needed = max(MIN_COLUMN_ROWS, COLUMN_ROWS_SHARE * len(rows))
    best: tuple[int, float] | None = None
    for a in strips:
        b = a + MIN_GUTTER_WIDTH  # a strip runs on to the end of the middle half when the second column is short
        apart = [spans for spans in rows.values() if not any(x0 < b and x1 > a for x0, x1 in spans)]
        left = sum(1 for spans in apart if any(x1 <= a + 1 for _, x1 in spans))
        right_starts = [min(x0 for x0, _ in spans if x0 >= b) for spans in apart if any(x0 >= b for x0, _ in spans)]
        if min(left, len(right_starts)) >= needed and (best is None or min(left, len(right_starts)) > best[0]):
            best = (min(left, len(right_starts)), (a + min(right_starts)) / 2)
    return best[1] if best else None


_SPACED_PAIR = re.compile(r"(?<=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]) (?=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])")
_CJK = re.compile(r"[\u4e00-\u9fff]")
MIN_SPACED_SHARE = 0.4  # of the gaps between two Chinese characters, this share a space: an OCR layer's spacing


def _unspaced(text: str) -> str:
    """A line of an OCR text layer that puts a space between Chinese characters ("市 水 务 局 局 长") without them;
    a line whose Chinese is written close (with a space only between words) as it is."""
    pairs = len(_SPACED_PAIR.findall(text))
    close = sum(1 for a, b in zip(text, text[1:]) if _CJK.match(a) and _CJK.match(b))
    if pairs < 3 or pairs < MIN_SPACED_SHARE * (pairs + close):
        return text
    text = _SPACED_PAIR.sub("", text)
    return re.sub(r"(?<=[\u4e00-\u9fff]) (?=[\d,，.。:：;；?？!！()（）]|$)|(?<=[\d,，.。:：;；?？!！()（）]) (?=[\u4e00-\u9fff])",
                  "", text)


def _lines(page) -> list[_Line]:  # type: ignore[no-untyped-def]
    lines = []
    for line in page.extract_text_lines(strip=True, return_chars=True):
        text = _unspaced(line["text"].strip())
        if not text:
            continue
        widths = [c["x1"] - c["x0"] for c in line["chars"] if c.get("text", "").strip()]
        size = statistics.median(widths) if widths else 10.0
        fonts = [float(c.get("size") or 0.0) for c in line["chars"] if c.get("text", "").strip()]
        lines.append(_Line(text, float(line["x0"]), float(line["x1"]), float(line["top"]), float(line["bottom"]),
                           float(size), font=statistics.median(fonts) if fonts else 0.0))
    return lines


def _key(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def _running_lines(pages: Sequence[Sequence[Sequence[_Line]]]) -> set[str]:
    """Lines (digits aside) at the top or the bottom of at least half the pages: headers and footers. A second line
    from the edge counts only below (or above) one that is furniture too, and a line that ends a sentence or is
    long is body text however often it recurs."""
    if len(pages) < 2:
        return set()
    edges = []
    for page in pages:
        lines = sorted((line for column in page for line in column), key=lambda l: l.top)
        edges.append((lines[:EDGE_LINES], lines[::-1][:EDGE_LINES]))
    needed = max(2, int(len(pages) * RUNNING_SHARE + 0.999))
    furniture: set[str] = set()
    stamped: set[str] = set()  # a notice stamped on every page, the very same words: furniture even as a sentence
    for depth in range(EDGE_LINES):
        counts: Counter[str] = Counter()
        exact: Counter[str] = Counter()
        for ends in edges:
            for lines in ends:
                if len(lines) > depth and all(_key(l.text) in furniture for l in lines[:depth]):
                    counts[_key(lines[depth].text)] += 1
                    exact[_same(lines[depth].text)] += 1
        if depth == 0:  # a section's running head: the very edge line of several pages in a row ("03 热点问答")
            furniture |= {key for key in _in_a_row([[_key(lines[0].text) for lines in ends if lines] for ends in edges])
                          if _furniture_like(key)}
            furniture |= _titled_heads([ends[0][:1] for ends in edges], needed)
        stamped |= {words for words, n in exact.items() if n >= len(pages)}
        furniture |= {key for key, n in counts.items() if n >= needed and (_furniture_like(key) or any(
            _key(words) == key for words in stamped))}
    return furniture


MIN_TITLE_CHARS = 4  # the document's title that opens a running head, before the section's ("……口袋书 三、机构养老")


def _titled_heads(tops: Sequence[Sequence[_Line]], needed: int) -> set[str]:
    """Top lines that open with the same words (the document's title) on enough pages, then a section's name that
    changes from page to page ("溠岍市养老服务政策口袋书 一、老年福利补贴", "…… 三、机构养老"): running heads."""
    heads = [(line.text.split(None, 1)[0], _key(line.text)) for lines in tops for line in lines
             if len(line.text.split(None, 1)) == 2]
    titles = Counter(title for title, _ in heads)
    return {key for title, key in heads
            if titles[title] >= needed and len(title) >= MIN_TITLE_CHARS and _furniture_like(key)}


RUNNING_RUN = 3  # pages in a row whose top (or bottom) line is the same: a running head even short of half the pages


def _in_a_row(edges: Sequence[Sequence[str]]) -> set[str]:
    """The edge lines that recur on RUNNING_RUN pages in a row."""
    found: set[str] = set()
    for key in {k for page in edges for k in page}:
        run = 0
        for page in edges:
            run = run + 1 if key in page else 0
            if run >= RUNNING_RUN:
                found.add(key)
                break
    return found


def _same(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _furniture_like(key: str) -> bool:
    return len(key) <= MAX_FURNITURE_CHARS and not key.endswith(tuple("。！？；，、：!?;,:"))


def _paragraphs(flows: Sequence[Sequence[_Line]]) -> list[str]:
    """Lines rejoined into paragraphs, reading the columns and pages in order: a line goes on the paragraph before
    it unless that one ended short of the right margin, or this one is indented, or a gap lies between them."""
    paragraphs: list[list[str]] = []
    headers: set[str] = set()  # each table's first row
    used = _labels_used(flows)
    previous: _Line | None = None
    previous_right = 0.0
    for flow in flows:
        if not flow:
            continue
        left = min(l.x0 for l in flow)
        right = _right_margin(flow)
        spacing = statistics.median([b.top - a.top for a, b in zip(flow, flow[1:]) if b.top > a.top] or [0.0])
        for i, line in enumerate(flow):
            char = line.size or 10.0
            new = previous is None
            if line.row:  # a table's row: a paragraph of its own, or the one above going on when its first cell is empty
                if i == 0:  # a table's first row on this page: its header, or the header again on a later page
                    if line.text in headers:
                        continue
                    headers.add(line.text)
                if line.text.startswith("\t") and paragraphs and previous is not None and \
                        previous.text.rstrip()[-1:] not in _TERMINATORS:
                    paragraphs[-1].append(line.text.strip("\t"))
                else:
                    paragraphs.append([line.text])
                previous, previous_right = line, right
                continue
            if previous is not None:
                ended_short = previous.x1 < previous_right - SHORT_CHARS * char
                # indented from the flow's left edge, unless the line above starts where it does (a slide's body sits
                # right of its title, its wrapped lines under its first) or is a badge's ("答 ……": where its words
                # start is unknown)
                indented = line.x0 > left + INDENT_CHARS * char and not opens_with_badge(previous.text) and \
                    abs(line.x0 - previous.x0) > 0.5 * char
                same_flow = i > 0
                gap = same_flow and spacing > 0 and line.top - previous.top > GAP_LINES * spacing
                after_sentence = previous.text[-1] in _TERMINATORS
                # a line set larger than the one under it (a card's bold question over its answer): a heading
                resized = bool(previous.font and line.font and previous.font - line.font >= HEADING_SIZE_STEP)
                new = (ended_short or indented or gap or resized or (after_sentence and line.x0 > left + 0.5 * char)
                       or (not same_flow and (_opens_turn(line.text) or _NUMBERED_QUESTION.match(line.text)))  # a
                       # page (a slide, a leaflet's panel) that opens with a turn or a numbered question
                       or _NUMBERED_QUESTION.match(previous.text) is not None  # "10 ……能退吗？", its answer below
                       or _QA_OPENER.match(line.text) is not None  # "问一：……", "答：……" after a table's last row
                       or (after_sentence and (not same_flow or _NUMBERED_ITEM.match(line.text) is not None
                                               or _NUMBERED_QUESTION.match(line.text) is not None
                                               or _opens_turn(line.text, used)
                                               or _RECORD_FIELD.match(line.text) is not None)))
                if new and not after_sentence and has_unclosed_bracket("".join(paragraphs[-1])) \
                        and not _NUMBERED_ITEM.match(line.text) and not _opens_turn(line.text):
                    new = False  # a title centred over two lines ("关于《……入学" / "工作实施意见》的解读"), "（工作日…，" / "……）"
            if new:
                paragraphs.append([line.text])
            else:
                paragraphs[-1].append(line.text)
            previous, previous_right = line, right
    return [_join_lines(p) for p in paragraphs]


def _right_margin(flow: Sequence[_Line]) -> float:
    """Where the flow's full lines end: the right end most lines reach, not the furthest one (a date line centred
    across the gutter would make every line of its column look short)."""
    ends = sorted(line.x1 for line in flow)
    if len(ends) < MIN_MARGIN_LINES:
        return ends[-1]
    return ends[int(RIGHT_MARGIN_SHARE * (len(ends) - 1))]


# A numbered item or question (7. 《方案》…, 一、, （三）, Q3): after a sentence, it opens a paragraph. (第十三条 does not:
# an answer quotes articles one after another.)
_QA_OPENER = re.compile(r"^[ \t\u3000]*[问答][一二三四五六七八九十\d]{0,3}[：:]")
_NUMBERED_QUESTION = re.compile(r"^\s*\d{1,2}[ \t\u3000]+[^。！\n]{2,60}[？?]$")  # "04 在哪里缴费？"
_NUMBERED_ITEM = re.compile(r"\s*(?:\d{1,2}\s*[.、．](?!\d)|[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}、|"
                            r"Q\d{1,2}\b)")


# a record's field ("接待领导：……", "办理情况：已办结。", "反映问题：……"): after a sentence, it opens a paragraph
_RECORD_FIELD = re.compile(r"\s*[\u4e00-\u9fff]{2,4}(?:情况|意见|问题|事项|领导|时间|地点|方式|结果|接待|人)[：:]")


def _labels_used(flows: Sequence[Sequence[_Line]]) -> frozenset[str]:
    """The labels that open two lines or more of the document ("副总指挥：" in a script that names its speakers by
    their parts)."""
    from index.parsing.speakers import find_label

    names = Counter(label.name for flow in flows for line in flow if (label := find_label(line.text)) is not None)
    names.update(code["code"] for flow in flows for line in flow if (code := _coded(line.text)))
    return frozenset(name for name, count in names.items() if count >= MIN_LABEL_USES)


def _coded(text: str) -> re.Match[str] | None:
    """A coded interviewee opening the line ("M1：……"): a label when the document opens lines with it again."""
    code = CODE_LABEL.match(text)
    return code if code and code["code"][-1].isdigit() else None


MIN_LABEL_USES = 2


def _opens_turn(text: str, used: frozenset[str] = frozenset()) -> bool:
    """A line that starts with a speaker's label ("嘉宾 谭若冰：", "网友：", "记者："), or one the document opens lines
    with again and again: a new paragraph."""
    from index.parsing.speakers import find_label, read_label

    if (code := _coded(text)) and code["code"] in used:
        return True
    label = find_label(text)
    if label is None:
        return False
    if label.name in used:
        return True
    reading = read_label(label.name)
    return reading.word is not None or reading.person is not None or reading.title is not None or bool(reading.outlet)


_NUMBER_CUT = re.compile(r"\d[.\-]$")
_QUOTES = "“”‘’"  # Chinese text's quotation marks, which are not in the wide blocks: ”“ across a line break is one gap


def _join_lines(lines: Sequence[str]) -> str:
    """Lines of one paragraph: nothing between two Chinese characters, nor inside a number cut after its point or
    dash ("1." and "2公里", "0154-" and "6120"), one space otherwise."""
    out = lines[0]
    for line in lines[1:]:
        if out and line and (_wide(out[-1]) or _wide(line[0]) or (out[-1] in _QUOTES and line[0] in _QUOTES)
                             or (_NUMBER_CUT.search(out) is not None and line[0].isdigit())):
            out += line
        else:
            out += " " + line
    return out


def _wide(char: str) -> bool:
    code = ord(char)
    return 0x2E80 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0xFF00 <= code <= 0xFFEF or 0x3000 <= code <= 0x303F
