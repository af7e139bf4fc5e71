"""A live page (图文直播) lists its posts newest first, each under its time: they are read oldest first, in the
order they were said, so that a question comes before its answer."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TypeVar

# a post's time on a line of its own: "06-12 10:24:40", "2025-06-12 10:24", "6月12日 10:24", "【10:24:40】"
_POST_TIME = re.compile(r"^[ \t\u3000]*[【\[]?[ \t\u3000]*(?:(?:\d{4}[-/.年])?(?P<month>\d{1,2})[-/.月](?P<day>\d{1,2})日?"
                        r"[ \t\u3000]+)?(?P<hour>\d{1,2})[:：](?P<minute>\d{2})(?:[:：](?P<second>\d{2}))?[ \t\u3000]*"
                        r"[】\]]?[ \t\u3000]*$")
MIN_POSTS = 4  # fewer times than this are no feed

Paragraph = TypeVar("Paragraph")


def post_time(line: str) -> tuple[int, ...] | None:
    """When a post was made, from its time line, or None when the line is no time."""
    match = _POST_TIME.match(line)
    if match is None:
        return None
    return tuple(int(match[part] or 0) for part in ("month", "day", "hour", "minute", "second"))


def oldest_first(paragraphs: Sequence[Paragraph], text_of=lambda p: p) -> list[Paragraph]:  # type: ignore[no-untyped-def]
    """The paragraphs with the posts of a newest-first feed reversed (each post its time line and what follows it, up
    to the next time line); unchanged unless at least MIN_POSTS times go back in time, never forward."""
    starts = [i for i, p in enumerate(paragraphs) if post_time(text_of(p)) is not None]
    times = [post_time(text_of(paragraphs[i])) for i in starts]
    if len(starts) < MIN_POSTS or any(later > earlier for earlier, later in zip(times, times[1:])) or times[0] == times[-1]:
        return list(paragraphs)
    posts = [list(paragraphs[start:end]) for start, end in zip(starts, [*starts[1:], len(paragraphs)])]
    return [*paragraphs[: starts[0]], *(p for post in reversed(posts) for p in post)]
