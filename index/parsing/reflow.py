"""Plain text hard-wrapped at a fixed width (copied from a PDF viewer or an e-mail, 38 characters a line), rejoined
into its paragraphs before it is parsed: a name or a bureau cut at a line end ("云\\n山市水利局") is whole again, and
a sentence that ends at the margin no longer ends its paragraph.

A text counts as wrapped when most of its long lines end within a few columns of one width (CJK characters two
columns wide, as terminals and e-mail wrap them, or one each) and almost none is longer. A full line then goes on in
the next, unless a blank line, an indented line, a note in brackets or a rule (────) comes next (or the line is a rule), a speaker's label opens the next after a sentence's end,
or the line ends a question or opens a label.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable

from index.parsing.segment import ends_sentence, has_unclosed_bracket

MIN_COLUMNS = 20  # shorter lines (titles, header fields, labels alone) say nothing of a wrap width
MIN_FULL_LINES = 5
MIN_FULL_SHARE = 0.4  # of the lines at least half as wide, this share at the width
MAX_LONGER_SHARE = 0.05  # and hardly any longer than it
SHORT_OF_WIDTH = 3  # columns a full line may stop short (a wide character that did not fit, a word moved on)
PAST_WIDTH = 4  # columns a full line may run past (punctuation kept off the next line's start)
_INDENT = re.compile(r"^(?:[ \t]{2,}|\u3000)")
_ASCII_WORD = re.compile(r"[A-Za-z]")  # a word of letters cut at a space; digits were cut within a number
_NO_JOIN_END = re.compile(r"[？?]$|(?<!\d)[：:]$")  # a question's end, a label alone; not a time cut after "10:"
_TIME_AT_END = re.compile(r"\d{1,2}[:：]\d{2}(?:[:：]\d{2})?[\]】)）]?$")
_RULE = re.compile(r"[─━—\-=＝_~～·•]{3,}")
_NOTE = re.compile(r"（[^（）]*）|\([^()]*\)")  # a line wholly in brackets: an editor's note of its own


def columns(line: str) -> int:
    """Display width: wide and full-width characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


def wrap_width(text: str, measure: Callable[[str], int] = columns) -> int | None:
    """The width (by `measure`) a text was hard-wrapped at, or None when its lines are paragraphs."""
    wrap = _wrap(text, measure)
    return wrap[1] if wrap else None


def _wrap(text: str, measure: Callable[[str], int]) -> tuple[float, int] | None:
    """(share of the long lines that are full, width) of a hard wrap by `measure`; None when there is none."""
    widths = [measure(line.rstrip()) for line in text.split("\n")]
    long = [w for w in widths if w >= MIN_COLUMNS]
    if len(long) < MIN_FULL_LINES:
        return None
    counts = Counter(long)
    width = max(counts, key=lambda w: (sum(counts[w + d] for d in range(-SHORT_OF_WIDTH, 1)), w))
    long = [w for w in long if w >= width / 2]  # shorter lines end a paragraph or stand alone: no evidence
    full = sum(1 for w in long if width - SHORT_OF_WIDTH <= w <= width + PAST_WIDTH)
    longer = sum(1 for w in long if w > width + PAST_WIDTH)
    if full < max(MIN_FULL_LINES, MIN_FULL_SHARE * len(long)) or longer > MAX_LONGER_SHARE * len(long):
        return None
    return full / len(long), width


def unwrap(text: str, starts_turn: Callable[[str], bool], stands_alone: Callable[[str], bool] = lambda line: False) -> str:
    """`text` with the line breaks of its hard wrap taken out (unchanged when it is not wrapped). `starts_turn` tells
    a line that opens a speaker's turn or stamps one with its time, which never continues a sentence's end;
    `stands_alone` one that never continues any line (a header field: "本期上线单位及嘉宾："). A wrap is looked for in display
    columns (e-mail, terminals), then in characters (a PDF viewer's copy, where digits fit as many as characters)."""
    found = [(fit, width, measure) for measure in (columns, len) if (wrap := _wrap(text, measure)) for fit, width in [wrap]]
    if not found:
        return text
    _, width, measure = max(found, key=lambda f: f[0])
    return _joined(text.split("\n"), width - SHORT_OF_WIDTH, measure, starts_turn, stands_alone)


# a line of header fields cut right after its last key: "发布时间：2027-06-18　　来源：……　　作者：" / "祁念安　……"
_FIELDS_CUT_AT_KEY = re.compile(r"[\u4e00-\u9fff]{2,6}[：:][^：:\n]{1,40}[ \t\u3000]{2,}[\u4e00-\u9fff]{2,6}[：:]$")


def _ends_words(line: str) -> bool:
    """A line that ends a sentence, or a turn stamped with its time after the words ("……解决？ 10:08:15")."""
    if re.search(r"\d[:：]$", line):  # a time cut in two ("…值守。 10:" / "13:44")
        return False
    return ends_sentence(line) or bool(_TIME_AT_END.search(line))


def _joined(lines: list[str], full: int, measure: Callable[[str], int], starts_turn: Callable[[str], bool],
            stands_alone: Callable[[str], bool]) -> str:
    out = [lines[0]]
    last = lines[0].rstrip()  # the physical line before, whose width tells whether it was cut
    for line in lines[1:]:
        previous = out[-1]
        if (
            previous.strip()
            and line.strip()
            and measure(last) >= full
            and not (_NO_JOIN_END.search(previous.rstrip()) and not has_unclosed_bracket(previous)
                     and not _FIELDS_CUT_AT_KEY.search(previous.rstrip()))  # "（答复单位：" goes on, and "……　作者："
            and not _INDENT.match(line)
            and not _NOTE.fullmatch(line.strip())
            # a page's rule ("────────") neither ends words nor goes on in them; a rule cut in two is one again
            and bool(_RULE.fullmatch(line.strip())) == bool(_RULE.fullmatch(previous.strip()))
            and not (_ends_words(previous.rstrip()) and starts_turn(line.strip()))  # mid-sentence, a label is a cut word
            and not stands_alone(line.strip())
        ):
            spaced = previous[-1].isspace() or line[0].isspace()  # the cut was at a space: one is kept
            words = _ASCII_WORD.match(previous.rstrip()[-1]) and _ASCII_WORD.match(line.lstrip()[0])
            out[-1] = previous.rstrip() + (" " if spaced or words else "") + line.lstrip()
        else:
            out.append(line)
        last = line.rstrip()
    return "\n".join(out)
