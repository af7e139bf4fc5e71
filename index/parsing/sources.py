"""Reading a corpus file into text: encodings, binary and empty files, YAML front matter, HTML pages.

The text returned is what passage offsets point into: the decoded file with its BOM removed and line endings
turned into `\\n`, a hard-wrapped text's lines rejoined (`index.parsing.reflow`); for `.html`, `.docx` and `.pdf`, the
article text extracted from the file.
"""

from __future__ import annotations

import codecs
import html
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from index.errors import CorpusParseError
from index.parsing.documents import DOCX_SUFFIXES, PDF_SUFFIXES
from index.parsing.answers_page import answers_page_as_text
from index.parsing.box_table import box_table_as_text
from index.parsing.chat_export import chat_export_as_text
from index.parsing.community_answers import community_answers_as_text
from index.parsing.form_records import form_records_as_text
from index.parsing.forum_replies import forum_replies_as_text
from index.parsing.forum_thread import forum_thread_as_text
from index.parsing.weibo_topic import weibo_topic_as_text
from index.parsing.diarized import diarized_as_text
from index.parsing.minutes import minutes_as_text
from index.parsing.numbered_replies import circled_replies_as_text, numbered_replies_as_text
from index.parsing.reported_replies import reported_replies_as_text
from index.parsing.sms_export import sms_export_as_text
from index.parsing.voice_notes import voice_notes_as_text
from index.parsing.written_answers import written_answers_as_text
from index.parsing.mail import mail_reply_as_text
from index.parsing.table_export import (answer_table_as_transcript, pipe_table_as_text, storyboard_as_transcript,
                                        table_export_as_text)
from index.records import METADATA_FIELDS

TEXT_SUFFIXES = (".txt", ".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm")
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + DOCX_SUFFIXES + PDF_SUFFIXES
# formats an office suite opens and saves as .docx, which bureaus still attach (Word 97-2003, WPS, RTF)
CONVERTIBLE_SUFFIXES = (".doc", ".wps", ".rtf", ".odt")
MAX_FILE_BYTES = 20 * 1024 * 1024
MB = 1024 * 1024
README_NAME = "README"  # README, Readme.md, readme.txt: notes about the folder
SNIFF_BYTES = 4096  # a NUL in the first 4 KB: UTF-16 or binary
DETECT_BYTES = 65536  # enough text for charset-normalizer to tell GB18030 from Big5
BINARY_SAMPLE_CHARS = 20_000
MAX_CONTROL_SHARE = 50  # more than one control character in 50 (and more than 8): binary, not text
MIN_CONTROLS = 8
UTF8_MAX_SEQUENCE = 4  # bytes of the longest UTF-8 character
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)


@dataclass(frozen=True, slots=True)
class SourceText:
    """A decoded corpus file: the text, where its body starts, and metadata given outside the prose."""

    file: str
    text: str
    body_start: int = 0
    metadata: dict[str, Any] = field(default_factory=dict)  # front matter: overrides what the text says
    hints: dict[str, Any] = field(default_factory=dict)  # HTML head: used where the text says nothing
    encoding: str = "utf-8"
    warnings: tuple[str, ...] = ()
    headings: frozenset[int] = frozenset()  # offsets of lines the page marked as headings (HTML <h…>, <strong>)


def decode_bytes(data: bytes, file: str) -> tuple[str, str]:
    """Decodes UTF-8 (with or without BOM), UTF-16, GB18030/GBK or Big5; rejects empty and binary files.

    A UTF-8 file cut off in the middle of its last character keeps everything before it.
    """
    if not data.strip():
        raise CorpusParseError(file, "the file is empty")
    if data.startswith(codecs.BOM_UTF8):
        candidates = [("utf-8-sig", data)]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = [("utf-16", data)]
    elif b"\x00" in data[:SNIFF_BYTES]:
        candidates = [(_utf16_without_bom(data), data)] if _utf16_without_bom(data) else []
        if not candidates:
            raise CorpusParseError(file, "binary data, not a text file")
    else:
        candidates = [("utf-8", data), ("utf-8", _without_cut_character(data)), ("gb18030", data)]
    for encoding, payload in candidates:
        try:
            text = payload.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "gb18030" and (guess := _other_chinese_encoding(data)):
            encoding, text = guess, data.decode(guess)
        if _looks_binary(text):
            raise CorpusParseError(file, "binary data, not a text file")
        return text.replace("\r\n", "\n").replace("\r", "\n"), encoding.replace("-sig", "")
    if guess := _other_chinese_encoding(data):
        return data.decode(guess).replace("\r\n", "\n").replace("\r", "\n"), guess
    raise CorpusParseError(file, "cannot decode the text: it is neither UTF-8 nor GB18030/GBK nor Big5")


def _without_cut_character(data: bytes) -> bytes:
    """The bytes without an incomplete UTF-8 sequence at the very end (a file cut off mid-character)."""
    for cut in range(1, UTF8_MAX_SEQUENCE):
        lead = data[-cut] if len(data) >= cut else 0
        if lead >= 0xC0:  # the start byte of a multi-byte sequence that has fewer bytes than it needs
            return data[:-cut]
        if lead < 0x80:
            break
    return data


def _utf16_without_bom(data: bytes) -> str | None:
    """"utf-16-le"/"utf-16-be" when the NUL bytes sit where UTF-16 text of CJK and ASCII puts them."""
    sample = data[:SNIFF_BYTES]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    # a handful of NULs is noise; UTF-16 puts nearly all of them on one side
    if max(even, odd) < 4 or min(even, odd) > max(even, odd) // 2:
        return None
    encoding = "utf-16-le" if odd > even else "utf-16-be"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    return None if _looks_binary(text) else encoding


def _other_chinese_encoding(data: bytes) -> str | None:
    """"big5" when charset-normalizer finds the bytes are Traditional Chinese in Big5 rather than GB18030."""
    from charset_normalizer import from_bytes

    best = from_bytes(data[:DETECT_BYTES], cp_isolation=["gb18030", "big5"]).best()
    return "big5" if best is not None and best.encoding == "big5" and _decodes(data, "big5") else None


def _skip_note(file: str, path: Path) -> tuple[str, ...]:
    reason = skip_reason(path.name)
    return (f"{file}: build skips this file: {reason}",) if reason else ()


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _looks_binary(text: str) -> bool:
    sample = text[:BINARY_SAMPLE_CHARS]
    controls = sum(1 for c in sample if unicodedata.category(c) in ("Cc", "Co", "Cs", "Cn") and c not in "\n\r\t\f")
    return controls > max(MIN_CONTROLS, len(sample) // MAX_CONTROL_SHARE)


# keys a CMS export writes for where the page was published: read like an HTML page's site name, a hint only
SITE_KEYS = ("source", "site", "sitename")
# the front matter a web clipper (Obsidian Web Clipper, MarkDownload) writes: not the product's keys, and no typo of them
CLIPPER_KEYS = ("author", "published", "created", "clipped", "clipper", "description", "tags", "image", "favicon")


def _clipped_date(value: Any) -> str | None:
    """A clipper's date ("2025-06-27", a YAML date, "2025-06-27T10:00:00+08:00") as YYYY-MM-DD."""
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", str(value))
    return "-".join(match.groups()) if match else None


def split_front_matter(text: str, file: str) -> tuple[dict[str, Any], int, list[str], dict[str, Any]]:
    """YAML front matter between `---` lines at the very top: (metadata, where the body starts, warnings, hints)."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, 0, [], {}
    warnings: list[str] = []
    try:
        data = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        return {}, match.end(), [f"{file}: the front matter is not valid YAML{where}; it was ignored"], {}
    if not isinstance(data, dict):
        return {}, match.end(), [f"{file}: the front matter is not a mapping of keys to values; it was ignored"], {}
    metadata: dict[str, Any] = {}
    hints: dict[str, Any] = {}
    for key, value in data.items():
        if key in SITE_KEYS and value:
            hints["site"] = str(value).strip()
            continue
        if key in CLIPPER_KEYS:  # what a web clipper writes above a page it saved: the date a hint, the rest unused
            if key in ("published", "created") and (day := _clipped_date(value)):
                hints.setdefault("date", day)
            continue
        if key not in METADATA_FIELDS:
            warnings.append(f"{file}: unknown front matter key {key!r} ignored (known: {', '.join(METADATA_FIELDS)})")
            continue
        if value is None:
            continue
        if key == "reporters":
            names = value if isinstance(value, list) else re.split(r"[\s、，,;；]+", str(value))
            metadata[key] = tuple(str(n).strip() for n in names if str(n).strip())
        elif isinstance(value, (dt.date, dt.datetime)):
            metadata[key] = value.isoformat()
        else:
            metadata[key] = str(value).strip()
    return metadata, match.end(), warnings, hints


def unsupported_type(suffix: str) -> str:
    """Why a file of this suffix is not read, and what to do when an office suite can convert it."""
    supported = ", ".join(SUPPORTED_SUFFIXES)
    if suffix.lower() in CONVERTIBLE_SUFFIXES:
        return f"not a corpus file type ({supported}): save it as .docx (or .pdf) in Word or WPS to index it"
    return f"not a corpus file type ({supported})"


def skip_reason(name: str) -> str | None:
    """Why `build` leaves a file or folder of this name out of the corpus (a draft, a README), or None."""
    if name.startswith("_"):
        return "a name starting with _ marks a draft; rename it to index it"
    if name.upper().startswith(README_NAME):
        return "a README describes the folder, it is not an interview"
    return None


def megabytes(size: int) -> str:
    """"21.5 MB": one decimal, rounded up, so that a file over a limit never reads as the limit itself."""
    tenths = -(-size * 10 // MB)
    return f"{tenths // 10} MB" if tenths % 10 == 0 else f"{tenths / 10:.1f} MB"


MARKDOWN_SUFFIXES = (".md", ".markdown")
_HTML_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
_HTML_ENTITY = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{2,6}|#x[0-9a-fA-F]{2,5});")
_HTML_BREAK = re.compile(r"<br\s*/?>|</?(?:p|div|section|h[1-6]|li|tr)(?:\s[^<>]*)?>", re.I)
MIN_HTML_REMNANTS = 3


def _without_markup(body: str) -> str:
    """A Markdown file exported from a CMS, with HTML left in it (<span style=…>, &nbsp;, <br/>): the tags out, the
    entities read, as a page's text is; other Markdown as it is."""
    if len(_HTML_TAG.findall(body)) + len(_HTML_ENTITY.findall(body)) < MIN_HTML_REMNANTS:
        return body
    body = _CREDIT_LINE.sub(r"（\g<words>）", body)  # "<sub>答复单位：……</sub>" under an answer: its credit, as a page prints it
    text = _HTML_TAG.sub("", _HTML_BREAK.sub("\n", body))
    return html.unescape(text).replace("\xa0", " ")


_CREDIT_LINE = re.compile(r"^[ \t]*<(?P<tag>sub|small)>[ \t]*(?P<words>[^<>\n]{2,60}?)[ \t]*</(?P=tag)>[ \t]*$", re.M)
_CUE_TIME = re.compile(r"^\d{1,2}:\d{2}:\d{2}[,.]\d{3}[ \t]*-->[ \t]*\d{1,2}:\d{2}:\d{2}[,.]\d{3}")
_CUE_TAG = re.compile(r"\{\\[^{}]*\}|</?[ibu]>|</?font[^>]*>")
MIN_CUES = 3


def _subtitles_as_text(body: str) -> str | None:
    """A video interview's subtitles (SRT: numbered cues, "00:01:02,000 --> 00:01:05,500", a short line each) as the
    text they say: each turn one paragraph (a cue that opens with a speaker's 【label】 starts one, the others go on
    it), on-screen captions ({\\an1} name titles, notices) first, apart from the speech. None when it is no
    subtitles file."""
    cues = [c for c in re.split(r"\n[ \t]*\n", body.strip()) if c.strip()]
    timed = [c for c in cues if any(_CUE_TIME.match(line.strip()) for line in c.splitlines())]
    if len(timed) < MIN_CUES or len(timed) < len(cues) / 2:
        return None
    captions: list[str] = []
    paragraphs: list[str] = []
    for cue in timed:
        lines = cue.splitlines()
        at = next(i for i, line in enumerate(lines) if _CUE_TIME.match(line.strip()))
        raw = "".join(line.strip() for line in lines[at + 1 :])
        words = _CUE_TAG.sub("", raw).strip()
        if not words:
            continue
        if raw.startswith("{"):  # a caption placed on screen: a name title or a notice, not speech
            captions.append(words)
        elif words.startswith(("【", "[")) or not paragraphs:
            paragraphs.append(words)
        else:
            glue = " " if paragraphs[-1][-1:].isascii() and paragraphs[-1][-1:].isalpha() and words[0].isalpha() and \
                words[0].isascii() else ""
            paragraphs[-1] += glue + words
    return "\n\n".join([*captions, *paragraphs]) + "\n"


_LINE_TIME = re.compile(r"^[ \t\u3000]*\d{1,2}:\d{2}(?::\d{2})?[ \t\u3000]+(?=\S)")
MIN_TIMED_LINES = 5
_CAPTION_END = re.compile(r"[。！？!?…；;：:”’」』）)]\s*$")
MIN_TIMED_SHARE = 0.3


def _without_line_times(body: str) -> str:
    """A video's spoken words written a line per caption with its time first ("00:11 这位网友问的，……"): the times
    taken out where no speaker's label follows them, and the captions one after another joined into their paragraph,
    when most lines are written so; other texts as they are."""
    from index.parsing.speakers import find_label

    lines = body.split("\n")
    stamped = {i: match.end() for i, line in enumerate(lines) if (match := _LINE_TIME.match(line))}
    if len(stamped) < MIN_TIMED_LINES or len(stamped) < MIN_TIMED_SHARE * sum(1 for line in lines if line.strip()):
        return body
    timed = {i: end for i, end in stamped.items() if find_label(lines[i]) is None}  # not "09:31:40 主持人"
    out: list[str] = []
    previous_stamped = False
    for i, line in enumerate(lines):
        if i in timed and i - 1 in timed and out:  # one caption after another: the same paragraph of speech
            out[-1] += line[timed[i]:].strip()
        elif out and previous_stamped and i not in stamped and line.strip() and not _CAPTION_END.search(out[-1]):
            out[-1] += line.strip()  # a caption's words that went on to the next line
            continue
        else:
            out.append(line[timed[i]:] if i in timed else line)
        previous_stamped = i in stamped
    return "\n".join(out)


def _unwrapped(body: str) -> str:
    """A hard-wrapped text's paragraphs joined again (index.parsing.reflow); other texts as they are."""
    from index.parsing.exam_items import opens_exam_part, opens_numbered_item
    from index.parsing.header import LISTED_MENTION, read_fields
    from index.parsing.metadata import is_boilerplate
    from index.parsing.reflow import unwrap
    from index.parsing.speakers import find_label, is_stamp_line

    return unwrap(body, lambda line: is_stamp_line(line) or find_label(line) is not None or is_boilerplate(line)
                  or opens_numbered_item(line),
                  lambda line: read_fields(line) is not None or LISTED_MENTION.match(line) is not None
                  or _BRACKETED_ALONE.fullmatch(line) is not None or opens_exam_part(line) or _named_speaker(line))


def _named_speaker(line: str) -> bool:
    """A line opening with the host's label or a guest's title ("主持人：", "阙局长："): a turn of its own, even after
    words that end no sentence (a speech-to-text transcript has none), and a caller's "听众（热线）："; not "市民：",
    which a sentence may be cut before."""
    from index.parsing.speakers import find_label, read_label

    label = find_label(line)
    if label is None or not label.explicit_colon:
        return False
    reading = read_label(label.name)
    qualified = re.fullmatch(r"[\u4e00-\u9fff]{1,6}[（(][^（）()]{1,8}[）)]", label.name.strip()) is not None  # 听众（热线）
    return reading.word in ("主持人", "记者") or reading.title is not None or (reading.side == "ask" and qualified)


_BRACKETED_ALONE = re.compile(r"[【\[［][^】\]］\n]{1,12}[】\]］]")  # "【座谈实录】" on its own line: a heading, never a cut line's end


# "叶知秋（YZQ）：……副局长" in a guest list, then "**YZQ** [01:14]" or "YZQ：" over each turn: a podcast's initials
_INITIALS = re.compile(r"(?P<name>[\u4e00-\u9fff·]{2,4})[ \t\u3000]*[（(](?P<code>[A-Z]{2,4})[）)]")


def initials_spelled_out(body: str) -> str:
    """The text with each speaker's declared initials, where they open a line as a label, written as the name
    they stand for ("**YZQ** [01:14]" -> "**叶知秋** [01:14]"); the text itself when none are declared."""
    names = {m["code"]: m["name"] for m in _INITIALS.finditer(body)}
    if not names:
        return body
    codes = "|".join(sorted(map(re.escape, names), key=len, reverse=True))
    label = re.compile(rf"^(?P<before>[ \t]*(?:\*\*|__)?)(?P<code>{codes})(?=(?:\*\*|__)?(?:[ \t]*[\[［(（]?\d{{1,2}}:\d{{2}}|[ \t]*[：:]|[ \t]*$))",
                       re.M)
    return label.sub(lambda m: m["before"] + names[m["code"]], body)


def _as_prose(body: str) -> str:
    """Text whose lines are paragraphs (a hard-wrapped copy rejoined first): a 笔谈 or reported-speech minutes
    rewritten as turns, else the text without its line times."""
    unwrapped = _unwrapped(body)
    return (written_answers_as_text(unwrapped) or numbered_replies_as_text(unwrapped) or circled_replies_as_text(unwrapped)
            or sms_export_as_text(unwrapped) or minutes_as_text(unwrapped)
            or reported_replies_as_text(unwrapped)
            or _without_line_times(unwrapped))


def read_source(path: Path, display_name: str | None = None) -> SourceText:
    """Reads one corpus file; raises CorpusParseError with the reason when it cannot be read as text.

    A file `build` would leave out (a draft, a README) is still read, with a warning saying so."""
    file = display_name or str(path)
    if path.suffix.lower() not in SUPPORTED_SUFFIXES and path.is_file():
        shown = path.suffix.lower() or "(no suffix)"
        raise CorpusParseError(file, f"unsupported type {shown}: {unsupported_type(shown)}")
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise CorpusParseError(file, f"the file is {megabytes(size)}; the limit is {megabytes(MAX_FILE_BYTES)}")
        data = path.read_bytes()
    except IsADirectoryError:
        raise CorpusParseError(file, "is a directory, not a file") from None
    except FileNotFoundError:
        raise CorpusParseError(file, "no such file") from None
    except PermissionError:
        raise CorpusParseError(file, "permission denied") from None
    suffix = path.suffix.lower()
    if suffix in DOCX_SUFFIXES + PDF_SUFFIXES:
        from index.parsing.documents import docx_text
        from index.parsing.pdf_layout import pdf_text

        extracted = (docx_text if suffix in DOCX_SUFFIXES else pdf_text)(data, file)
        hints = dict(extracted.metadata)  # a page the .docx holds as its content: its title, its site
        if extracted.page_header:  # the issuer in a .docx's page header
            hints["site"] = extracted.page_header
        if (transcript := diarized_as_text(extracted.text) or written_answers_as_text(extracted.text)
                or form_records_as_text(extracted.text)
                or numbered_replies_as_text(extracted.text)
                or minutes_as_text(extracted.text)
                or answer_table_as_transcript(extracted.text)
                or storyboard_as_transcript(extracted.text)) is not None:  # forms read into labelled turns
            return SourceText(file, transcript, 0, {}, hints, "", _skip_note(file, path))
        return SourceText(file, extracted.text, 0, {}, hints, "", _skip_note(file, path), extracted.headings)
    text, encoding = decode_bytes(data, file)
    if suffix in HTML_SUFFIXES:
        from index.parsing.html_text import extract_article

        article = extract_article(text)
        if not article.text.strip():
            raise CorpusParseError(file, "no article text found in the HTML page")
        head = article.text.split("\n问：", 1)[0].split("\n")
        if (community := community_answers_as_text(text, head)) is not None:  # a 问大家 page: officials answer
            return SourceText(file, community, 0, {}, article.metadata, encoding, _skip_note(file, path))
        if (voiced := voice_notes_as_text(article.text)) is not None:  # voice bubbles: who, their length, 转文字
            return SourceText(file, voiced, 0, {}, article.metadata, encoding, _skip_note(file, path))
        if (reported := reported_replies_as_text(article.text)) is not None:  # a 追问 feature: replies labelled
            return SourceText(file, reported, 0, {}, article.metadata, encoding, _skip_note(file, path))
        return SourceText(file, article.text, 0, {}, article.metadata, encoding, _skip_note(file, path),
                          article.headings)
    metadata, body_start, warnings, hints = split_front_matter(text, file)
    body = text[body_start:]
    if suffix in MARKDOWN_SUFFIXES:  # a pipe table's cells keep their <br> until its rows are read
        body = _without_markup(forum_replies_as_text(body) or pipe_table_as_text(body) or body)
    body = mail_reply_as_text(body) or body
    body = initials_spelled_out(body)
    text = text[:body_start] + (_subtitles_as_text(body) or box_table_as_text(body) or table_export_as_text(body) or answer_table_as_transcript(body)
                                or storyboard_as_transcript(body)
                                or chat_export_as_text(body) or form_records_as_text(body)
                                or forum_thread_as_text(body) or weibo_topic_as_text(body) or answers_page_as_text(body) or diarized_as_text(body) or _as_prose(body))
    warnings.extend(_skip_note(file, path))
    if encoding == "utf-8" and not _decodes(data, "utf-8"):
        warnings.append(f"{file}: the file ends in the middle of a character; that last character was left out")
    return SourceText(file, text, body_start, metadata, hints, encoding, tuple(warnings))
