"""The article text of an HTML page saved from a news site: navigation, scripts, ads and footers left out."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from bs4 import BeautifulSoup, NavigableString, Tag

_DROP_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "template",
              "button", "select", "svg", "canvas", "menu")
_BOILERPLATE = re.compile(
    r"(^|[\s_-])(nav|navbar|menu|footer|foot|header|top-?bar|breadcrumbs?|crumb|sidebar|side|share|comments?|"
    r"related|recommend|copyright|toolbar|login|search|advert|ads?|banner|pager|pagination|social|qrcode)"
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


def extract_article(html: str) -> Article:
    """Paragraphs of the page's main content, separated by blank lines, plus title/date/url from the head."""
    soup = BeautifulSoup(html, "html.parser")
    metadata = _head_metadata(soup)
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    for tag in soup.find_all(True):
        if tag.decomposed or tag.name in ("html", "body"):
            continue
        marks = " ".join([*(tag.get("class") or []), str(tag.get("id") or ""), str(tag.get("role") or "")])
        if marks.strip() and _BOILERPLATE.search(marks) and not _CONTENT.search(str(tag.get("id") or "")):
            tag.decompose()
    root = _main_container(soup)
    parts: list[str] = []
    headings: set[int] = set()
    offset = 0
    for raw, heading in _paragraphs(root):
        paragraph = re.sub(r"[ \t\u3000\xa0]+", " ", raw).strip()
        if not paragraph:
            continue
        if heading:
            headings.add(offset)
        parts.append(paragraph)
        offset += len(paragraph) + 2
    return Article("\n\n".join(parts) + "\n", metadata, frozenset(headings))


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
        return best
    return body


def _paragraphs(root: Tag) -> list[tuple[str, bool]]:
    """The text of each block, and whether all of it is a heading or bold (a sub-heading of the article)."""
    out: list[tuple[str, bool]] = []
    buffer: list[tuple[str, bool]] = []

    def flush() -> None:
        text = "".join(piece for piece, _ in buffer)
        if text.strip():
            out.append((text, all(emphasised for piece, emphasised in buffer if piece.strip())))
        buffer.clear()

    def walk(node: Tag, emphasised: bool) -> None:
        for child in node.children:
            if isinstance(child, NavigableString):
                if type(child) is NavigableString:  # not comments, doctypes, CDATA
                    buffer.append((str(child).replace("\n", " "), emphasised))
            elif isinstance(child, Tag):
                block = child.name in _BLOCKS
                if block:
                    flush()
                walk(child, emphasised or child.name in _EMPHASIS)
                if block:
                    flush()

    walk(root, False)
    flush()
    return out


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
    canonical = soup.find("link", rel="canonical")
    url = metas.get("og:url") or (canonical.get("href") if isinstance(canonical, Tag) else None)
    if url:
        metadata["url"] = url
    source = metas.get("contentsource") or metas.get("source")
    if source:
        metadata["outlet"] = source
    return metadata
