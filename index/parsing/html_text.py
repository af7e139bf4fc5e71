"""The article text of an HTML page saved from a news site: navigation, scripts, ads and footers left out."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from bs4 import BeautifulSoup, NavigableString, Tag

from index.parsing.documents import join_paragraphs
from index.parsing.live import oldest_first
from index.parsing.page_state import state_text
from index.parsing.people import is_person_name
from index.parsing.segment import in_reading_order

_DROP_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "template",
              "button", "select", "svg", "canvas", "menu")
_BOILERPLATE = re.compile(
    r"(^|[\s_-])(nav|navbar|menu|footer|foot|header|top-?bar|breadcrumbs?|crumb|sidebar|side|share|comments?|"
    r"related?|relate_tit|recommend|copyright|toolbar|login|search|advert|ads?|banner|pager|pagination|social|qrcode|"
    r"loading|music|page-num)"  # an H5's loading screen, music button and page counter
    r"($|[\s_-])",
    re.I,
)
_CONTENT = re.compile(r"article|content|main|text|detail|trs_editor|zoom|post|story|body", re.I)
_BLOCKS = {"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
           "blockquote", "pre", "table", "tr", "td", "th", "dd", "dt", "dl", "figure", "figcaption", "br", "hr"}
_DATE_META = ("article:published_time", "pubdate", "publishdate", "publish_date", "date", "dc.date")

MIN_ARTICLE_CHARS = 50  # an <article> with less text is a teaser, not the story
MIN_CONTENT_SHARE = 0.3  # a content <div> holding less of the page's text is a sidebar


_EMPHASIS = {"strong", "b", "h1", "h2", "h3", "h4", "h5", "h6"}  # a paragraph all in these is a heading


@dataclass(frozen=True, slots=True)
class Article:
    text: str
    metadata: dict[str, Any] = field(default_factory=dict)
    headings: frozenset[int] = frozenset()  # offsets in `text` of paragraphs that were <h…> or all <strong>/<b>


# where one whole page ends and the next begins: "</html>", comments, then "<!DOCTYPE html>" or "<html>"
_NEXT_DOCUMENT = re.compile(r"(?i)(?<=</html>)(?:\s|<!--[\s\S]*?-->)*(?=<!doctype\s+html|<html[\s>])")


def extract_article(html: str) -> Article:
    """Paragraphs of the page's main content, separated by blank lines, plus title/date/url from the head. A file
    that holds several whole pages one after the other (an interview the site split over 第1页, 第2页, saved as one)
    is read page by page, each page's content after the one before, the head's metadata from the first."""
    pages = _NEXT_DOCUMENT.split(html)
    if len(pages) < 2 or not all(re.search(r"(?i)<body[\s>]", page) for page in pages):
        return _page_article(html)
    articles = [_page_article(page) for page in pages]
    text, headings, offset = "", set(), 0
    for article in articles:
        if not article.text.strip():
            continue
        if text:
            text, offset = text.rstrip("\n") + "\n\n", len(text.rstrip("\n")) + 2
        headings |= {offset + h for h in article.headings}
        text += article.text
        offset = len(text)
    return Article(text, articles[0].metadata, frozenset(headings))


MIN_PAGE_CHARS = 200  # a page's visible text shorter than this may be an app's shell, its words in its scripts


# an image's alt text that is a question or a labelled line ("问：个人缴费标准是多少？"): an accessible 一图读懂 keeps
# each question only there, its answer in the caption under it
_ALT_QUESTION = re.compile(r"^(?:(?:问|答|Q|A)\d{0,2}[：:]|[^。！]{4,80}[？?]$)")


def _questions_in_alt_text(soup: BeautifulSoup) -> None:
    """Each image whose alt text asks or is a labelled line, replaced by a paragraph of that text."""
    for image in soup.find_all("img", alt=True):
        words = " ".join(str(image["alt"]).split())
        if _ALT_QUESTION.match(words):
            paragraph = soup.new_tag("p")
            paragraph.string = words
            image.replace_with(paragraph)


def _answered_comments(tag: Tag, marks: str) -> bool:
    """A comment area in which units reply to the comments (a live page's 评论区 answered by the bureau): content."""
    from index.parsing.entry_labels import units_reply

    return bool(re.search(r"comment", marks, re.I)) and units_reply(tag.get_text("\n").split("\n"))


_TAB_NUMBER = re.compile(r"^\s*(?:\d{1,3}|[一二三四五六七八九十]{1,3})[.、．:：\s]*")


def _tabs_into_panels(soup: BeautifulSoup) -> None:
    """ARIA tabs (a list of questions, each showing its answer's panel): each tab's words put at the head of its
    panel as its heading, the list taken out, so each question stands over its answer as a reader sees it."""
    tabs = {str(tab.get("id")): tab for tab in soup.find_all(attrs={"role": "tab"}) if tab.get("id")}
    by_panel = {str(tab.get("aria-controls")): tab for tab in tabs.values() if tab.get("aria-controls")}
    for panel in soup.find_all(attrs={"role": "tabpanel"}):
        tab = tabs.get(str(panel.get("aria-labelledby") or "")) or by_panel.get(str(panel.get("id") or ""))
        words = _TAB_NUMBER.sub("", tab.get_text(" ", strip=True)) if tab is not None else ""
        if not words:
            continue
        heading = soup.new_tag("h3")
        heading.string = words
        panel.insert(0, heading)
        tab.decompose()


def _page_article(html: str) -> Article:
    soup = BeautifulSoup(html, "html.parser")
    metadata = _head_metadata(soup)
    scripts = [script.get_text() for script in soup.find_all("script")]
    _tabs_into_panels(soup)
    _questions_in_alt_text(soup)
    for tag in soup.find_all(_DROP_TAGS):
        if tag.name == "header" and tag.find_parent("article") is not None:
            continue  # the article's own header: its title, source and date
        tag.decompose()
    boxes: list[Tag] = []
    for tag in soup.find_all(True):
        if tag.decomposed or tag.name in ("html", "body"):
            continue
        marks = " ".join([*(tag.get("class") or []), str(tag.get("id") or ""), str(tag.get("role") or "")])
        if marks.strip() and _BOILERPLATE.search(marks) and not _CONTENT.search(str(tag.get("id") or "")) \
                and not _article_header(tag, marks) and not _answered_comments(tag, marks):
            boxes += [box.extract() for box in _guest_boxes(tag)]  # a sidebar's 嘉宾介绍 is kept, read after the text
            tag.decompose()
    boxes += _narrow_side_columns(soup)
    _in_reading_order(soup)
    root = _main_container(soup)
    for box in boxes:
        root.append(box)
    paragraphs = oldest_first(_paragraphs(root), lambda paragraph: paragraph[0])  # a live page's newest-first feed
    joined = join_paragraphs((re.sub(r"[ \t\u3000\xa0]+", " ", raw), heading) for raw, heading in paragraphs)
    # a single-page app saved as the server sent it: its words are only in its scripts' JSON state
    if len(joined.text.strip()) < MIN_PAGE_CHARS and len(state := state_text(scripts)) > len(joined.text.strip()):
        return Article(state + "\n", metadata, frozenset())
    return Article(joined.text, metadata, joined.headings)


# the two columns of a page's body, by their class: "left" and "right", "fl" and "fr", "main-left" and "side-right"
_COLUMN = re.compile(r"^(?:[a-z]+-)?(?P<side>left|right|fl|fr)(?:-?(?:box|side|col|wrap))?$", re.I)
SIDE_COLUMN_SHARE = 0.25  # a column with less than this share of its neighbour's text is a sidebar


def _narrow_side_columns(soup: BeautifulSoup) -> list[Tag]:
    """A body in two columns ("left" and "right") whose one column holds a small part of the other's text: that
    column is a sidebar (tips, popular questions, a QR code), dropped; a 嘉宾介绍 box in it is kept, read after."""
    kept: list[Tag] = []
    for parent in soup.find_all(True):
        columns: dict[str, list[Tag]] = {}
        for child in parent.find_all(True, recursive=False):
            sides = {"l" if m["side"].lower() in ("left", "fl") else "r"
                     for c in (child.get("class") or []) if (m := _COLUMN.match(c))}
            if len(sides) == 1:
                columns.setdefault(sides.pop(), []).append(child)
        if set(columns) != {"l", "r"} or any(len(found) != 1 for found in columns.values()):
            continue
        (first,), (second,) = columns.values()
        sizes = {id(c): len(c.get_text(strip=True)) for c in (first, second)}
        small, large = sorted((first, second), key=lambda c: sizes[id(c)])
        if sizes[id(small)] < SIDE_COLUMN_SHARE * sizes[id(large)]:
            kept += [box.extract() for box in _guest_boxes(small)]
            small.decompose()
    return kept


_TOP_LEFT = re.compile(r"(?:^|;)[ \t]*(?P<side>top|left)[ \t]*:[ \t]*(?P<px>-?\d+(?:\.\d+)?)px", re.I)
MIN_PLACED_BOXES = 3
SAME_ROW_PX = 12  # boxes whose tops are this close stand on one row (a 问 badge beside its question)


def _in_reading_order(soup: BeautifulSoup) -> None:
    """Boxes an H5 editor placed by absolute position ("left:70px;top:176px") read as a reader of the screen reads
    them, row by row from the top and left to right in a row, not in the order the designer's layers put them."""
    for parent in soup.find_all(True):
        children = [c for c in parent.children if isinstance(c, Tag)]
        placed = {id(c): _top_left(c) for c in children}
        if sum(1 for p in placed.values() if p is not None) < MIN_PLACED_BOXES or any(p is None for p in placed.values()):
            continue
        ordered = in_reading_order(children, lambda c: placed[id(c)][0], lambda c: placed[id(c)][1],  # type: ignore[index]
                                   SAME_ROW_PX)
        if ordered != children:
            for child in ordered:
                parent.append(child.extract())


def _top_left(tag: Tag) -> tuple[float, float] | None:
    found = {m["side"].lower(): float(m["px"]) for m in _TOP_LEFT.finditer(str(tag.get("style") or ""))}
    return (found["top"], found.get("left", 0.0)) if "top" in found else None


_HEADER_MARK = re.compile(r"(^|[\s_-])header($|[\s_-])", re.I)


def _article_header(tag: Tag, marks: str) -> bool:
    """An <article>'s own header (its title, source and date: "article-header"), not the site's."""
    return bool(_HEADER_MARK.search(marks)) and not _BOILERPLATE.search(_HEADER_MARK.sub(" ", marks)) \
        and tag.find_parent("article") is not None


def _main_container(soup: BeautifulSoup) -> Tag:
    article = soup.find("article")
    if isinstance(article, Tag) and len(article.get_text(strip=True)) > MIN_ARTICLE_CHARS:
        return article
    best: Tag | None = None
    best_len = 0
    for tag in soup.find_all(["div", "section", "main", "td"]):
        marks = " ".join([*(tag.get("class") or []), str(tag.get("id") or "")])
        if not _CONTENT.search(marks):
            continue
        size = len(tag.get_text(strip=True))
        if size > best_len:
            best, best_len = tag, size
    body = soup.body or soup
    if best is not None and best_len >= MIN_CONTENT_SHARE * len(body.get_text(strip=True)):
        return _with_title(soup, best)
    return body


MAX_TITLE_CHARS = 100
TITLE_WRAPPER_SLACK = 3000  # characters a wrapper of the title and the content may hold beyond twice the content's


def _with_title(soup: BeautifulSoup, content: Tag) -> Tag:
    """The content container widened to the block that also holds the page's title, when that block is not much
    more: on older gov sites the title, the guest list and the introduction sit beside the transcript's cell."""
    page_title = (soup.title.string or "").strip() if soup.title and soup.title.string else ""
    heading = _title_element(soup, page_title)
    if heading is None or heading in content.descendants:
        return content
    content_ancestors = [content, *content.parents]
    ancestor = next((a for a in heading.parents if a in content_ancestors), None)
    if ancestor is None or ancestor.name in ("html", "[document]", "body"):
        return content
    size, content_size = len(ancestor.get_text(strip=True)), len(content.get_text(strip=True))
    return ancestor if size <= 2 * content_size + TITLE_WRAPPER_SLACK else content


def _title_element(soup: BeautifulSoup, page_title: str) -> Tag | None:
    """The element showing the article's title: an <h1>, or one marked as a title, whose text the page title holds."""
    for tag in soup.find_all(True):
        marks = " ".join([*(tag.get("class") or []), str(tag.get("id") or "")]).lower()
        if tag.name != "h1" and not re.search(r"title", marks):
            continue
        text = tag.get_text(strip=True)
        if 4 <= len(text) <= MAX_TITLE_CHARS and (not page_title or text in page_title or page_title in text):
            return tag
    return None


_GUEST_BOX_HEADING = re.compile(r"^[【\[]?(?:嘉宾介绍|嘉宾简介|访谈嘉宾|本期嘉宾)[】\]]?[:：]?$")


def _guest_boxes(tag: Tag) -> list[Tag]:
    """The guest boxes in a sidebar: the smallest element holding a 嘉宾介绍 heading and what follows it."""
    found: list[Tag] = []
    for heading in tag.find_all(string=lambda s: bool(s and _GUEST_BOX_HEADING.match(s.strip()))):
        parent = heading.parent
        while isinstance(parent, Tag) and parent is not tag and len(parent.get_text(strip=True)) <= len(heading.strip()):
            parent = parent.parent
        if isinstance(parent, Tag) and parent is not tag and parent not in found:
            found.append(parent)
    return found


MAX_SPAN = 100


def _span(cell: Tag, name: str) -> int:
    value = re.match(r"\s*(\d+)", str(cell.get(name) or ""))
    return min(MAX_SPAN, max(1, int(value.group(1)))) if value else 1


def span_grid(table: Tag) -> list[list[tuple[int, str]]]:
    """The table's rows with each merged cell (rowspan, colspan) repeated in every row and column it covers."""
    grid: list[list[tuple[int, str]]] = []
    below: dict[int, tuple[int, tuple[int, str]]] = {}  # column -> (rows it still covers, the cell)
    for row in (row for row in table.find_all("tr") if row.find_parent("table") is table):
        line: list[tuple[int, str]] = []

        def covered() -> None:
            while len(line) in below:
                left, entry = below.pop(len(line))
                if left > 1:
                    below[len(line)] = (left - 1, entry)
                line.append(entry)

        for cell in row.find_all(["td", "th"], recursive=False):
            covered()
            entry = (id(cell), cell.get_text("\n", strip=True))
            for _ in range(_span(cell, "colspan")):
                if (down := _span(cell, "rowspan")) > 1:
                    below[len(line)] = (down - 1, entry)
                line.append(entry)
        covered()
        grid.append(line)
    return grid


def _question_table(table: Tag) -> list[str] | None:
    """A table of questions and replies (意见建议 | 答复单位 | 采纳情况 | 理由说明) as 留言板 paragraphs; None when it is none."""
    from index.parsing.table_export import question_grid_paragraphs

    return question_grid_paragraphs(span_grid(table))


def _transcript_table(table: Tag) -> list[str] | None:
    """A table whose rows are a transcript (time | speaker | words) as "speaker：words" lines, its other rows as they
    read; None when it is no transcript."""
    from index.parsing.speakers import transcript_rows

    rows = [row for row in table.find_all("tr") if row.find_parent("table") is table]
    cells = [[cell.get_text(" ", strip=True) for cell in row.find_all(["td", "th"], recursive=False)] for row in rows]
    spoken = transcript_rows(cells)
    if not any(spoken):
        return None
    return [text for line, row in zip(spoken, cells) for text in ([line] if line else [c for c in row if c])]


MIN_FIELD_ROWS = 2


def _field_table(table: Tag) -> list[str] | None:
    """A table of header fields (<th>发布人</th><td>A<br>B</td>, <td>时 间</td><td>…</td>) as "key：value" lines, a value's
    further lines after it; None when its rows are not key and value."""
    from index.parsing.header import field_key

    rows = [row for row in table.find_all("tr") if row.find_parent("table") is table]
    cells = [row.find_all(["td", "th"], recursive=False) for row in rows]
    if not rows or any(len(row) != 2 for row in cells):
        return None
    pairs = [(key.get_text(" ", strip=True), value.get_text("\n", strip=True).split("\n")) for key, value in cells]
    if sum(1 for key, _ in pairs if field_key(key.rstrip("：:")) is not None) < max(MIN_FIELD_ROWS, len(pairs) - 1):
        return None
    return [line for key, values in pairs for line in [f"{key.rstrip('：:')}：{values[0]}", *values[1:]]]


# a line break in the source between two wide (Chinese) characters, as Word and editors wrap long lines: no space
# (CSS Text 3 removes such a segment break; a space there would split a word: "适 用")
_WIDE = "\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
_SEGMENT_BREAK_IN_WIDE = re.compile(rf"(?<=[{_WIDE}])[ \t]*(?:\r\n|\r|\n)[ \t]*(?=[{_WIDE}])")
# an icon font's glyph (<i class="iconfont">&#xe6a3;</i>): a private-use code point, a picture and no text
_ICON_GLYPHS = re.compile(r"[\ue000-\uf8ff]")


def _paragraphs(root: Tag) -> list[tuple[str, bool]]:
    """The text of each block, and whether all of it is a heading or bold (a sub-heading of the article)."""
    out: list[tuple[str, bool]] = []
    buffer: list[tuple[str, bool]] = []

    def flush() -> None:
        text = _badge_read("".join(piece for piece, _ in buffer))
        if text.strip():
            out.append((text, all(emphasised for piece, emphasised in buffer if piece.strip())))
        buffer.clear()

    def walk(node: Tag, emphasised: bool, pre: bool = False) -> None:
        previous: object = None
        for child in node.children:
            if isinstance(child, Tag) and isinstance(previous, Tag) and previous.name in _NAME_TAGS \
                    and child.name in _TITLE_TAGS:  # "<strong>甘慕白</strong><em>……局长</em>": a style's margin parts them
                buffer.append((" ", emphasised))
            previous = child
            if isinstance(child, NavigableString):
                if type(child) is NavigableString and pre:  # a <pre>'s lines are its paragraphs
                    *lines, last = str(child).split("\n")
                    for line in lines:
                        buffer.append((line, emphasised))
                        flush()
                    buffer.append((last, emphasised))
                elif type(child) is NavigableString:  # not comments, doctypes, CDATA
                    text = _ICON_GLYPHS.sub("", _SEGMENT_BREAK_IN_WIDE.sub("", str(child)))
                    buffer.append((text.replace("\n", " "), emphasised))
            elif isinstance(child, Tag) and (speaker := _avatar_speaker(child)):  # a chat bubble's speaker
                flush()
                out.append((f"{speaker}：", False))
            elif isinstance(child, Tag) and child.name == "table" and (
                    lines := _question_table(child) or _transcript_table(child) or _field_table(child)):
                flush()
                out.extend((line, False) for line in lines)
            elif isinstance(child, Tag) and child.name not in _BLOCKS and not "".join(p for p, _ in buffer).strip() \
                    and _BADGE_WORDS.fullmatch(child.get_text(strip=True)):
                buffer.append((f"{_BADGE_MARK}{child.get_text(strip=True)}{_BADGE_MARK}", False))
            elif isinstance(child, Tag):
                block = child.name in _BLOCKS
                if block:
                    flush()
                walk(child, emphasised or child.name in _EMPHASIS, pre or child.name == "pre")
                if block:
                    flush()

    walk(root, False)
    flush()
    return out


# a speaker's name in bold and their title beside it in another style, the page's style sheet spacing them
_NAME_TAGS = frozenset({"strong", "b"})
_TITLE_TAGS = frozenset({"em", "i", "small", "span"})


# a badge drawn before a block's words ("<span class="badge">问</span>读者（……）：……", "<span>答</span>您好！……"): it says
# which side speaks; a question that names its asker keeps that label, the others get the badge's
_BADGE_WORDS = re.compile(r"问|追问|再问|问题|Q|答|回复|答复|解答|A|转|转办")
_ASK_BADGES = frozenset({"问", "追问", "再问", "问题", "Q"})
_BADGE_MARK = "\x00"
_OWN_LABEL = re.compile(r"[ \t\u3000]*[^：:。！？!?\n]{1,24}[：:]")


def _badge_read(text: str) -> str:
    """A block's text with its opening badge read ("问读者：……" -> "读者：……"; "答您好" -> "答：您好")."""
    if not text.startswith(_BADGE_MARK):
        return text.replace(_BADGE_MARK, "")
    badge, _, rest = text[1:].partition(_BADGE_MARK)
    if not rest.strip():
        return badge
    if badge in _ASK_BADGES:
        if _OWN_LABEL.match(rest):
            return rest.lstrip(" \t\u3000")
        return f"{'追问' if badge in ('追问', '再问') else '问'}：{rest.lstrip()}"
    return f"答：{rest.lstrip()}"


_CHAT_MARK = re.compile(r"avatar|(^|[\s_-])(msg|message|chat|bubble|talk|dialog)", re.I)
_SPEAKER_WORDS = frozenset({"主持人", "嘉宾", "网友", "记者", "发布人", "市民"})
_NETIZEN_MARK = re.compile(r"netizen|visitor|user|网友", re.I)
_NICK_MARK = re.compile(r"nick|uname|user-?name", re.I)


def _avatar_speaker(tag: Tag) -> str | None:
    """Who speaks in a chat-style transcript, where only the avatar beside each bubble says it: an <img> marked as an
    avatar (or first in a message) whose alt is a name or a speaker's word ("陶芸", "主持人"); a netizen's, with no alt,
    by the nickname the message shows (taken out of its words). Else None."""
    if tag.name != "img":
        return None
    alt = re.sub(r"\s+", "", str(tag.get("alt") or ""))
    parent = tag.parent
    if not isinstance(parent, Tag):
        return None
    classes = " ".join(parent.get("class") or [])
    if not _CHAT_MARK.search(" ".join([*(tag.get("class") or []), classes])):
        return None
    if alt:
        return alt if alt in _SPEAKER_WORDS or is_person_name(alt) else None
    if not _NETIZEN_MARK.search(classes):
        return None
    nick = parent.find(class_=_NICK_MARK)
    name = nick.get_text(strip=True) if nick is not None else ""
    if nick is not None:
        nick.decompose()
    return f"网友“{name}”" if name else "网友"


def _head_metadata(soup: BeautifulSoup) -> dict[str, Any]:
    metadata: dict[str, Any] = {}
    metas = {}
    for meta in soup.find_all("meta"):
        key = (meta.get("property") or meta.get("name") or "").lower()
        if key and meta.get("content"):
            metas[key] = meta["content"].strip()
    title = metas.get("og:title") or metas.get("articletitle")
    if not title and soup.title and soup.title.string:
        title = soup.title.string.strip()
    if title:
        metadata["title"] = title
    for key in _DATE_META:
        if key in metas:
            match = re.search(r"(\d{4})[-/年.](\d{1,2})[-/月.](\d{1,2})", metas[key])
            if match:
                metadata["date"] = "{}-{:02d}-{:02d}".format(*map(int, match.groups()))
                break
    article = soup.find("article")
    stamp = article.find("time", attrs={"datetime": True}) if isinstance(article, Tag) else None
    if "date" not in metadata and isinstance(stamp, Tag):  # <time datetime="2024-08-06T07:30:00+08:00">
        match = re.match(r"(\d{4})-(\d{2})-(\d{2})", str(stamp["datetime"]).strip())
        if match:
            metadata["date"] = "-".join(match.groups())
    canonical = soup.find("link", rel="canonical")
    url = metas.get("og:url") or (canonical.get("href") if isinstance(canonical, Tag) else None)
    if url:
        metadata["url"] = url
    source = metas.get("contentsource") or metas.get("source")
    if source:
        metadata["outlet"] = source
    site = (_wechat_account(soup) or metas.get("sitename") or metas.get("og:site_name") or _site_in_title(soup)
            or metas.get("publisher") or _sponsor(soup))
    if not site or not _CJK_CHAR.search(site):  # an English portal: its Chinese name is on its logo
        site = _logo_name(soup) or site
    if site:
        metadata["site"] = site
    return metadata


_TITLE_PARTS = re.compile(r"\s*(?:_|\||｜| - | – | — |——|-{2,})\s*")
_SITE_NAME = re.compile(r"(?:网|网站|门户网站|报|台|政府|客户端|在线|新闻|发布|融媒体中心|局|委员会|委|数字版|电子版|数字报)$")


_CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")
_CJK_NAME = re.compile(r"[\u4e00-\u9fff][\u4e00-\u9fff（）()·]{3,30}")


def _logo_name(soup: BeautifulSoup) -> str | None:
    """The Chinese name in the site logo's alt text ("澴槎市人民政府外事办公室 Foreign Affairs Office of …")."""
    for image in soup.find_all("img", alt=True):
        owners = [image, *image.parents][:4]
        marks = " ".join(str(o.get("class") or "") + str(o.get("id") or "") for o in owners if isinstance(o, Tag))
        if "logo" in (marks + str(image.get("src") or "")).lower() and (name := _CJK_NAME.search(str(image["alt"]))):
            return name.group()
    return None


_SPONSOR = re.compile(r"(?:主办单位|主办)[:：][ \t\u3000]*(?P<name>[\u4e00-\u9fff（）()]{4,30})")


def _sponsor(soup: BeautifulSoup) -> str | None:
    """The unit a site's footer says runs it ("主办单位：泖嵛市住房公积金管理中心　　地址：……")."""
    for footer in soup.find_all(["footer", "div", "p"], limit=2000):
        if footer.find(["p", "div"]) is None and (match := _SPONSOR.search(footer.get_text(" ", strip=True))):
            return match["name"]
    return None


def _wechat_account(soup: BeautifulSoup) -> str | None:
    """The 公众号 that published a WeChat article (its name in `#js_name`, "汀澜医保")."""
    name = soup.find(id="js_name") or soup.find(class_="profile_nickname")
    text = name.get_text(" ", strip=True) if isinstance(name, Tag) else ""
    return text if 2 <= len(text) <= 20 else None


def _site_in_title(soup: BeautifulSoup) -> str | None:
    """The site's name at the end of the page title ("…_在线访谈_溪宁市交通运输局", "… - 枫江新闻网")."""
    if not (soup.title and soup.title.string):
        return None
    parts = [p for p in _TITLE_PARTS.split(soup.title.string.strip()) if p]
    if len(parts) >= 2 and len(parts[-1]) <= 20 and _SITE_NAME.search(parts[-1]):
        return parts[-1]
    return None
