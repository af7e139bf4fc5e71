"""What buttons and links carry: callback data (at most 64 bytes) and /start deep-link payloads, both ways."""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from dataclasses import dataclass

MAX_CALLBACK_BYTES = 64  # Telegram's limit on callback data
MAX_PAYLOAD_CHARS = 64  # Telegram's limit on a /start payload
MAX_PAGE = 100  # "more" pages a button may ask for (exclusive)
_PASSAGE_ID = re.compile(r"[0-9A-Za-z][0-9A-Za-z_-]{0,39}")
_TOKEN = re.compile(r"[0-9a-f]{10}")
_KEY = re.compile(r"[0-9a-z]{1,16}")
_FEEDBACK = re.compile(r"[+-][1-9][0-9]{0,11}")  # 👍/👎 and the query log's row id
_BASE64URL = re.compile(r"[A-Za-z0-9_-]{1,62}")


@dataclass(frozen=True, slots=True)
class Action:
    """What a button asks for: more (m), context (c), source (s), filter by bureau (b), interviews (i), feedback (f),
    ask a suggested question (q: the stored answer's key, the suggestion's number in `page`), a page of the bureau
    list (l: "bureaus", the page in `page`)."""

    kind: str
    arg: str
    page: int = 0

    def encode(self) -> str:
        data = f"{self.kind}:{self.arg}:{self.page}" if self.kind in ("m", "q", "l") else f"{self.kind}:{self.arg}"
        assert len(data.encode("utf-8")) <= MAX_CALLBACK_BYTES, data
        return data


def decode_action(data: str | None) -> Action | None:
    """Callback data -> Action; None for anything this bot did not write (tampered, foreign, old format)."""
    if not data or len(data.encode("utf-8")) > MAX_CALLBACK_BYTES:
        return None
    kind, _, rest = data.partition(":")
    if kind in ("m", "q", "l"):
        key, _, page = rest.partition(":")
        first = 1 if kind == "m" else 0  # page 0 is the answer itself; suggestions and bureau pages count from 0
        if _KEY.fullmatch(key) and page.isdigit() and page.isascii() and first <= int(page) < MAX_PAGE:
            return Action(kind, key, int(page))
        return None
    if kind in ("c", "s") and _PASSAGE_ID.fullmatch(rest):
        return Action(kind, rest)
    if kind in ("b", "i") and _TOKEN.fullmatch(rest):
        return Action(kind, rest)
    if kind == "f" and _FEEDBACK.fullmatch(rest):
        return Action(kind, rest)
    return None


def bureau_token(bureau: str) -> str:
    """The short name of a bureau in callback data."""
    return hashlib.sha1(bureau.encode("utf-8")).hexdigest()[:10]


def passage_payload(passage_id: str) -> str:
    return f"p_{passage_id}"


def decode_passage_payload(payload: str) -> str | None:
    """The passage id of a `p_<id>` payload, or None."""
    passage_id = payload[2:]
    return passage_id if payload.startswith("p_") and _PASSAGE_ID.fullmatch(passage_id) else None


def question_payload(question: str) -> str | None:
    """`q_` + base64url of the question, or None when it does not fit Telegram's 64-character payload."""
    encoded = base64.urlsafe_b64encode(question.encode("utf-8")).decode("ascii").rstrip("=")
    payload = f"q_{encoded}"
    return payload if len(payload) <= MAX_PAYLOAD_CHARS else None


def decode_question_payload(payload: str) -> str | None:
    body = payload[2:]
    if not _BASE64URL.fullmatch(body):
        return None
    try:
        return base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)).decode("utf-8")
    except (binascii.Error, ValueError):
        return None
