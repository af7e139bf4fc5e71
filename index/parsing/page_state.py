"""A page built in the browser (a single-page app) that was saved as it came from the server: its body is empty and
its words are only in the JSON state a script hands the app (window.__INITIAL_STATE__ = {…}, __NUXT__, a
<script type="application/json">). The transcript is read from that state, whatever its keys are called: the longest
list of records that hold words, each record's speaker and words, and the title and guests beside that list."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from bs4 import BeautifulSoup

# "window.__INITIAL_STATE__ = {", "window.__NUXT__={", "var pageData = {": where a script assigns its state
_ASSIGNED = re.compile(r"(?:window\.)?[A-Za-z_$][\w$]*\s*=\s*(?=[{\[])")
MIN_RECORDS = 3  # a list of fewer records that hold words is no transcript
MIN_RECORD_CHARS = 4  # a record whose words are shorter holds none (an image's caption left empty)
_SPEAKER_KEYS = ("speaker", "speakerName", "role", "name", "author", "userName", "user", "from")
_NICKNAME_KEYS = ("nickname", "nickName", "nick")
_TITLE_KEYS = ("title", "name", "subject", "theme")
_UNIT_KEYS = ("unit", "org", "organization", "dept", "department", "company")
_POST_KEYS = ("post", "position", "job", "duty", "title")
_ASKERS = ("网友", "网民", "市民", "群众")
_NO_WORDS = re.compile(r"[\d\s:：./\-T+]*|(?:https?:)?/[^\s]*|[\w.\-]+\.(?:jpe?g|png|gif|mp4)", re.I)  # a time, a link


def state_text(scripts: list[str]) -> str:
    """The transcript a page's scripts hold in their JSON state, as plain text ("" when none holds one)."""
    best: tuple[int, str] = (0, "")
    for state in _states(scripts):
        try:
            found = _transcript(state)
        except RecursionError:
            continue
        if found and found[0] > best[0]:
            best = found
    return best[1]


def _states(scripts: list[str]) -> Iterator[Any]:
    decoder = json.JSONDecoder()
    for script in scripts:
        starts = [m.end() for m in _ASSIGNED.finditer(script)] or ([0] if script.lstrip()[:1] in "{[" else [])
        for start in starts:
            try:
                yield decoder.raw_decode(script.lstrip() if start == 0 else script[start:])[0]
            except (ValueError, RecursionError):  # not JSON, or nested deeper than any page's state
                continue


def _transcript(state: Any) -> tuple[int, str] | None:
    """(how many characters, the text) of the richest list of records in `state`, with what stands beside it."""
    best: tuple[int, dict[str, Any], list[tuple[str, str]]] | None = None
    for parent, records in _record_lists(state, {}):
        said = [found for record in records if (found := _said(record))]
        size = sum(len(words) for _, words in said)
        if len(said) >= MIN_RECORDS and (best is None or size > best[0]):
            best = (size, parent, said)
    if best is None:
        return None
    size, parent, said = best
    lines = [title] if (title := _first_string(parent, _TITLE_KEYS)) else []
    guests = [guest for value in parent.values() if isinstance(value, list) for guest in value if _guest(guest)]
    if guests:
        lines.append("访谈嘉宾：")
        lines += [f"{_guest(guest)}" for guest in guests]
    for value in parent.values():  # an introduction written as HTML beside the records ("summary")
        if isinstance(value, str) and "<p" in value and len(_words(value)) > MIN_RECORD_CHARS:
            lines.append(_words(value))
            break
    lines += [f"{speaker}：{words}" if speaker else words for speaker, words in said]
    return size, "\n\n".join(lines)


def _record_lists(node: Any, parent: dict[str, Any]) -> Iterator[tuple[dict[str, Any], list[dict[str, Any]]]]:
    if isinstance(node, dict):
        for value in node.values():
            yield from _record_lists(value, node)
    elif isinstance(node, list):
        records = [item for item in node if isinstance(item, dict)]
        if len(records) >= MIN_RECORDS:
            yield parent, records
        for item in node:
            yield from _record_lists(item, parent)


def _said(record: dict[str, Any]) -> tuple[str, str] | None:
    """(who, words) of a record: its longest text is its words; its speaker's name, a netizen with the nickname."""
    texts = [_words(v) for k, v in record.items()
             if isinstance(v, str) and k not in _SPEAKER_KEYS and not _NO_WORDS.fullmatch(v.strip())]
    words = max(texts, key=len, default="")
    if len(words) < MIN_RECORD_CHARS:
        return None
    speaker = _first_string(record, _SPEAKER_KEYS) or ""
    nickname = _first_string(record, _NICKNAME_KEYS)
    if nickname and (not speaker or speaker in _ASKERS):
        speaker = f"{speaker or '网友'}“{nickname}”"
    return speaker, words


def _guest(item: Any) -> str | None:
    """"<unit><post> <name>" for a guest described by name, unit and post."""
    if not isinstance(item, dict):
        return None
    name, unit = item.get("name"), _first_string(item, _UNIT_KEYS)
    post = next((item[k] for k in _POST_KEYS if isinstance(item.get(k), str) and item[k] != name), None)
    if not (isinstance(name, str) and name and unit and post):
        return None
    return f"{unit}{post} {name}"


def _first_string(record: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    return next((record[k].strip() for k in keys if isinstance(record.get(k), str) and record[k].strip()), None)


def _words(value: str) -> str:
    """A string's text: its HTML paragraphs one a line, tags and images out."""
    if "<" not in value:
        return value.strip()
    soup = BeautifulSoup(value, "html.parser")
    paragraphs = [p.get_text(" ", strip=True) for p in soup.find_all(["p", "li", "h1", "h2", "h3", "h4", "div"])
                  if not p.find(["p", "li", "div"])]
    return "\n\n".join(p for p in paragraphs if p) or soup.get_text(" ", strip=True)
