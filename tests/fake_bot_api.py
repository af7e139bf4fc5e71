"""A fake Telegram Bot API server (aiohttp, 127.0.0.1 only) for tests with the real PTB Application.

Point the bot at it with ``ApplicationBuilder().token(server.token).base_url(server.base_url)``.
Every request is recorded in ``server.calls``; updates are queued with the builders
(``server.private_text(...)``, ``server.command(...)``, ...) and served by a real long-polling
``getUpdates``; faults are injected with ``server.inject(...)``.

Faithful where it cheaply can be: Telegram's error JSON and HTTP status codes, full Message
objects with per-chat message ids, entity offsets in UTF-16 code units, HTML ``parse_mode``
turned into entities (unsupported or unclosed tags are a 400, as are empty or over-long texts,
unknown chats, edits that change nothing and unknown callback/inline query ids).
Extend it with ``server.on("sendPhoto", handler)``; unknown methods answer ``true``.
"""

from __future__ import annotations

import asyncio
import inspect
import itertools
import json
import re
import time
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from types import EllipsisType
from typing import Any
from urllib.parse import urlsplit

import aiohttp
import pytest_asyncio
from aiohttp import web

JSON = dict[str, Any]
Handler = Callable[[JSON], Any]  # params -> result (may be a coroutine); raise ApiError to fail

DEFAULT_TOKEN = "123456:TEST-TOKEN-abcdef"
MAX_TEXT_LENGTH = 4096
# Fields whose values are text even when they look like JSON ("42", "true", "[x]").
STRING_FIELDS = frozenset({
    "text", "caption", "query", "data", "next_offset", "callback_query_id", "inline_query_id",
    "url", "secret_token", "parse_mode", "action", "description", "short_description", "name",
    "title", "emoji", "file_id", "switch_pm_text", "switch_pm_parameter", "inline_message_id",
    "message_text", "language_code", "question", "explanation",
})
_ERROR_TEXT = {
    400: "Bad Request", 401: "Unauthorized", 403: "Forbidden: bot was blocked by the user",
    404: "Not Found", 409: "Conflict: terminated by other getUpdates request; make sure that only"
    " one bot instance is running", 429: "Too Many Requests", 500: "Internal Server Error",
    502: "Bad Gateway",
}
_HTML_TAGS = {
    "b": "bold", "strong": "bold", "i": "italic", "em": "italic", "u": "underline",
    "ins": "underline", "s": "strikethrough", "strike": "strikethrough", "del": "strikethrough",
    "code": "code", "pre": "pre", "a": "text_link", "tg-spoiler": "spoiler", "span": "spoiler",
    "blockquote": "blockquote", "tg-emoji": "custom_emoji",
}
_AUTO_ENTITIES = (  # what Telegram detects by itself in text sent by users
    ("bot_command", re.compile(r"(?<!\S)/[A-Za-z0-9_]{1,32}(?:@[A-Za-z]\w{3,31})?(?![\w@])", re.A)),
    ("mention", re.compile(r"(?<![A-Za-z0-9_@/])@[A-Za-z][A-Za-z0-9_]{3,31}(?![A-Za-z0-9_])")),
    ("url", re.compile(r"https?://\S+")),
)
# Update types Telegram sends only when asked for them in allowed_updates.
_OPT_IN_UPDATES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit of Telegram entity offsets and lengths."""
    return len(text.encode("utf-16-le")) // 2


def entity(kind: str, text: str, start: int, end: int, **extra: Any) -> JSON:
    """A MessageEntity for ``text[start:end]`` (Python indices) with UTF-16 offset/length."""
    return {"type": kind, "offset": utf16_len(text[:start]), "length": utf16_len(text[start:end]),
            **extra}


def detect_entities(text: str) -> list[JSON]:
    found = [entity(kind, text, m.start(), m.end())
             for kind, rx in _AUTO_ENTITIES for m in rx.finditer(text)]
    return sorted(found, key=lambda e: e["offset"])


class ApiError(Exception):
    """Raise from a method handler to answer with Telegram's error JSON."""

    def __init__(self, status: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.status, self.description, self.retry_after = status, description, retry_after

    def body(self) -> JSON:
        body: JSON = {"ok": False, "error_code": self.status, "description": self.description}
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


@dataclass(frozen=True)
class UploadedFile:
    filename: str | None
    content_type: str
    data: bytes


@dataclass
class Fault:
    method: str
    status: int | None  # None or 200: answer normally (after ``delay``)
    retry_after: int | None
    description: str | None
    delay: float
    times: int | None  # None: forever
    match: Callable[[JSON], bool] | None
    fired: int = 0


@dataclass
class Call:
    method: str          # as sent, e.g. "sendMessage"
    params: JSON         # decoded: nested JSON objects are dicts/lists, numbers are ints
    time: float          # time.monotonic() on arrival
    status: int | None = None       # HTTP status; None while the answer is pending
    response: JSON | None = None    # the JSON body answered
    fault: Fault | None = None      # the injected fault that shaped the answer, if any

    @property
    def result(self) -> Any:
        return (self.response or {}).get("result")


class _TelegramHTML(HTMLParser):
    """Text + entities from Telegram's HTML parse mode; raises ApiError like Telegram does."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.entities: list[JSON] = []
        self._open: list[tuple[str, int, JSON]] = []  # tag, utf16 start, extra fields

    def _pos(self) -> int:
        return utf16_len("".join(self.parts))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _HTML_TAGS or (tag == "span" and ("class", "tg-spoiler") not in attrs):
            raise ApiError(400, f'Bad Request: can\'t parse entities: Unsupported start tag "{tag}"')
        extra: JSON = {}
        if tag == "a":
            extra["url"] = dict(attrs).get("href") or ""
        elif tag == "tg-emoji":
            extra["custom_emoji_id"] = dict(attrs).get("emoji-id") or ""
        elif tag == "code" and self._open and self._open[-1][0] == "pre":
            lang = (dict(attrs).get("class") or "").removeprefix("language-")
            if lang:
                self._open[-1][2]["language"] = lang
            extra["_inside_pre"] = True
        self._open.append((tag, self._pos(), extra))

    def handle_endtag(self, tag: str) -> None:
        if not self._open or self._open[-1][0] != tag:
            raise ApiError(400, f'Bad Request: can\'t parse entities: Unmatched end tag "{tag}"')
        _, start, extra = self._open.pop()
        if extra.pop("_inside_pre", False):
            return
        length = self._pos() - start
        if length:
            self.entities.append({"type": _HTML_TAGS[tag], "offset": start, "length": length,
                                  **extra})

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def parse(self, source: str) -> tuple[str, list[JSON]]:
        self.feed(source)
        self.close()
        if self._open:
            raise ApiError(400, "Bad Request: can't parse entities: Can't find end tag "
                                f'corresponding to start tag "{self._open[-1][0]}"')
        return "".join(self.parts), sorted(self.entities, key=lambda e: (e["offset"], -e["length"]))


def _decode_value(name: str, value: Any) -> Any:
    if not isinstance(value, str) or name in STRING_FIELDS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


def _bare(message: JSON) -> JSON:
    """A message as nested in another one (Telegram nests one level only)."""
    return {k: v for k, v in message.items() if k not in ("reply_to_message", "pinned_message")}


class FakeBotAPI:
    def __init__(self, token: str = DEFAULT_TOKEN, *, bot_username: str = "InterviewQABot",
                 bot_first_name: str = "Interview QA", strict_chats: bool = True) -> None:
        self.token = token
        self.strict_chats = strict_chats  # sending to a chat no update mentioned -> 400
        self.bot_user: JSON = {"id": int(token.split(":")[0]), "is_bot": True,
                               "first_name": bot_first_name, "username": bot_username}
        self.calls: list[Call] = []
        self.faults: list[Fault] = []
        self.updates: list[JSON] = []  # every update ever queued
        self.chats: dict[int, JSON] = {}
        self.messages: dict[tuple[int, int], JSON] = {}  # (chat_id, message_id) -> latest version
        self.webhook: JSON | None = None  # the parameters of the last setWebhook
        self.commands: list[JSON] = []
        self.host, self.port = "127.0.0.1", 0
        self._pending: list[JSON] = []  # not yet confirmed through getUpdates' offset
        self._allowed_updates: list[str] | None = None
        self._update_ids = itertools.count(10_000_001)
        self._query_ids = itertools.count(4_000_000_001)
        self._file_ids = itertools.count(1)
        self._open_queries: set[str] = set()
        self._message_ids: dict[int, itertools.count[int]] = {}
        self._new_update = asyncio.Event()
        self._stopping = asyncio.Event()
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self._methods: dict[str, Handler] = {}
        for name, handler in {
            "getMe": self._get_me, "getUpdates": self._get_updates,
            "sendMessage": self._send_message, "editMessageText": self._edit_message_text,
            "editMessageReplyMarkup": self._edit_reply_markup,
            "deleteMessage": self._delete_message, "answerCallbackQuery": self._answer_query,
            "answerInlineQuery": self._answer_query, "setWebhook": self._set_webhook,
            "deleteWebhook": self._delete_webhook, "getWebhookInfo": self._get_webhook_info,
            "setMyCommands": self._set_my_commands, "getMyCommands": lambda p: self.commands,
            "sendChatAction": self._send_chat_action,
        }.items():
            self.on(name, handler)

    # ---------------------------------------------------------------- lifecycle
    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}/bot"

    @property
    def pending(self) -> list[JSON]:
        """Updates queued but not yet confirmed by a getUpdates offset."""
        return list(self._pending)

    async def start(self) -> None:
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self._dispatch)
        # No access log: it would print the token, which tests look for in logs. A request whose
        # client went away (PTB cancels its long poll on stop) is cancelled, as by a real server.
        self._runner = web.AppRunner(app, access_log=None, handler_cancellation=True,
                                     shutdown_timeout=1.0)
        await self._runner.setup()
        await web.TCPSite(self._runner, self.host, 0).start()
        self.port = self._runner.addresses[0][1]

    async def stop(self) -> None:
        self._stopping.set()  # ends long polls and injected delays
        self._new_update.set()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeBotAPI:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    # ---------------------------------------------------------------- calls and faults
    def on(self, method: str, handler: Handler) -> None:
        """Implement or override a method; ``handler(params)`` returns the ``result``."""
        self._methods[method.lower()] = handler

    def calls_of(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method.lower() == method.lower()]

    async def wait_for(self, method: str, count: int = 1, timeout: float = 5.0,
                       predicate: Callable[[Call], bool] | None = None) -> list[Call]:
        """Wait until ``count`` answered calls of ``method`` (matching ``predicate``) are recorded;
        returns all of them. Raises AssertionError on timeout."""
        def matching() -> list[Call]:
            return [c for c in self.calls_of(method)
                    if c.status is not None and (predicate is None or predicate(c))]
        async with self._changed:
            try:
                await asyncio.wait_for(self._changed.wait_for(lambda: len(matching()) >= count),
                                       timeout)
            except TimeoutError:
                raise AssertionError(
                    f"expected {count} answered {method} call(s) in {timeout}s, got "
                    f"{len(matching())}; calls: {[(c.method, c.status) for c in self.calls]}"
                ) from None
        return matching()

    def inject(self, method: str, status: int | None = 429, *, retry_after: int | None = None,
               times: int | None = 1, delay: float = 0.0, description: str | None = None,
               match: Callable[[JSON], bool] | None = None) -> Fault:
        """Make the next ``times`` calls of ``method`` (whose params satisfy ``match``) fail with
        ``status`` after ``delay`` seconds; ``status=None`` (or 200) with ``delay`` is a slow but
        normal answer. A 429 carries ``parameters.retry_after`` (default 1)."""
        if status == 429 and retry_after is None:
            retry_after = 1
        fault = Fault(method.lower(), status, retry_after, description, delay, times, match)
        self.faults.append(fault)
        return fault

    def _take_fault(self, method: str, params: JSON) -> Fault | None:
        for fault in self.faults:
            if (fault.method == method.lower() and (fault.times is None or fault.fired < fault.times)
                    and (fault.match is None or fault.match(params))):
                fault.fired += 1
                return fault
        return None

    async def _dispatch(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        call = Call(method, await self._read_params(request), time.monotonic())
        self.calls.append(call)
        try:
            if request.match_info["token"] != self.token:
                raise ApiError(401, "Unauthorized")
            call.fault = self._take_fault(method, call.params)
            if call.fault and call.fault.delay:
                await self._sleep(call.fault.delay)
            if call.fault and call.fault.status not in (None, 200):
                f = call.fault
                raise ApiError(f.status, f.description or self._describe(f.status, f.retry_after),
                               f.retry_after)
            handler = self._methods.get(method.lower(), lambda p: True)
            result = handler(call.params)
            if inspect.isawaitable(result):
                result = await result
            call.status, call.response = 200, {"ok": True, "result": result}
        except ApiError as exc:
            call.status, call.response = exc.status, exc.body()
        except Exception as exc:  # a bug in the fake (or an odd request): visible in the Call
            call.status, call.response = 500, ApiError(500, f"fake Bot API error: {exc!r}").body()
        async with self._changed:
            self._changed.notify_all()
        return web.json_response(call.response, status=call.status)

    @staticmethod
    def _describe(status: int, retry_after: int | None) -> str:
        text = _ERROR_TEXT.get(status, "Internal Server Error")
        return f"{text}: retry after {retry_after}" if retry_after is not None else text

    @staticmethod
    async def _read_params(request: web.Request) -> JSON:
        params: JSON = dict(request.query)
        if request.content_type == "application/json":  # values already typed
            return {**{k: _decode_value(k, v) for k, v in params.items()}, **await request.json()}
        if request.can_read_body:  # form-urlencoded or multipart
            for name, value in (await request.post()).items():
                if isinstance(value, web.FileField):
                    value = UploadedFile(value.filename, value.content_type, value.file.read())
                params[name] = value
        return {name: _decode_value(name, value) for name, value in params.items()}

    async def _sleep(self, seconds: float) -> None:
        try:
            await asyncio.wait_for(self._stopping.wait(), seconds)
        except TimeoutError:
            pass

    # ---------------------------------------------------------------- method handlers
    def _get_me(self, params: JSON) -> JSON:
        return {**self.bot_user, "can_join_groups": True, "can_read_all_group_messages": False,
                "supports_inline_queries": True, "can_connect_to_business": False,
                "has_main_web_app": False}

    async def _get_updates(self, params: JSON) -> list[JSON]:
        if self.webhook:
            raise ApiError(409, "Conflict: can't use getUpdates method while webhook is active; "
                                "use deleteWebhook to delete the webhook first")
        offset, limit = int(params.get("offset") or 0), int(params.get("limit") or 100)
        if params.get("allowed_updates") is not None:
            self._allowed_updates = list(params["allowed_updates"]) or None
        if offset < 0:
            self._pending = self._pending[offset:]
        elif offset:
            self._pending = [u for u in self._pending if u["update_id"] >= offset]
        deadline = time.monotonic() + float(params.get("timeout") or 0)
        while not self._stopping.is_set():
            wanted = [u for u in self._pending if self._is_allowed(u)]
            remaining = deadline - time.monotonic()
            if wanted or remaining <= 0:
                return wanted[:max(1, min(limit, 100))]
            self._new_update.clear()
            try:
                await asyncio.wait_for(self._new_update.wait(), remaining)
            except TimeoutError:
                pass
        return []

    def _is_allowed(self, update: JSON) -> bool:
        kind = next(k for k in update if k != "update_id")
        return kind in self._allowed_updates if self._allowed_updates else kind not in _OPT_IN_UPDATES

    def _send_message(self, params: JSON) -> JSON:
        chat = self._chat(params.get("chat_id"))
        text, entities = self._render(params)
        message = self._new_message(chat, self.bot_user, text=text, entities=entities)
        self._attach_markup(message, params.get("reply_markup"))
        reply = params.get("reply_parameters") or (
            {"message_id": params["reply_to_message_id"]} if "reply_to_message_id" in params
            else None)
        if reply:
            target = self.messages.get((int(reply.get("chat_id", chat["id"])),
                                        int(reply["message_id"])))
            if target is not None:
                message["reply_to_message"] = _bare(target)
            elif not (reply.get("allow_sending_without_reply")
                      or params.get("allow_sending_without_reply")):
                raise ApiError(400, "Bad Request: message to be replied not found")
        return self._store(message)

    def _send_chat_action(self, params: JSON) -> bool:
        self._chat(params.get("chat_id"))
        return True

    def _edit_message_text(self, params: JSON) -> JSON | bool:
        text, entities = self._render(params)
        if params.get("inline_message_id"):
            return True
        old = self._find_message(params, "edit")
        new = {k: v for k, v in old.items() if k not in ("entities", "reply_markup")}
        new.update(text=text, edit_date=int(time.time()), **({"entities": entities} if entities
                                                             else {}))
        self._attach_markup(new, params.get("reply_markup"))
        return self._replace(old, new)

    def _edit_reply_markup(self, params: JSON) -> JSON | bool:
        if params.get("inline_message_id"):
            return True
        old = self._find_message(params, "edit")
        new = {k: v for k, v in old.items() if k != "reply_markup"}
        new["edit_date"] = int(time.time())
        self._attach_markup(new, params.get("reply_markup"))
        return self._replace(old, new)

    def _delete_message(self, params: JSON) -> bool:
        message = self._find_message(params, "delete")
        del self.messages[(message["chat"]["id"], message["message_id"])]
        return True

    def _answer_query(self, params: JSON) -> bool:
        query_id = str(params.get("callback_query_id") or params.get("inline_query_id"))
        if query_id not in self._open_queries:
            raise ApiError(400, "Bad Request: query is too old and response timeout expired or "
                                "query ID is invalid")
        self._open_queries.discard(query_id)
        return True

    def _set_webhook(self, params: JSON) -> bool:
        if not params.get("url"):
            return self._delete_webhook(params)
        self.webhook = dict(params)
        return True

    def _delete_webhook(self, params: JSON) -> bool:
        self.webhook = None
        if params.get("drop_pending_updates"):
            self._pending.clear()
        return True

    def _get_webhook_info(self, params: JSON) -> JSON:
        info: JSON = {"url": (self.webhook or {}).get("url", ""), "has_custom_certificate": False,
                      "pending_update_count": len(self._pending)}
        if self.webhook:
            info["max_connections"] = int(self.webhook.get("max_connections") or 40)
            if self.webhook.get("allowed_updates"):
                info["allowed_updates"] = self.webhook["allowed_updates"]
        return info

    def _set_my_commands(self, params: JSON) -> bool:
        self.commands = list(params.get("commands") or [])
        return True

    # helpers of the handlers
    def _render(self, params: JSON) -> tuple[str, list[JSON]]:
        source = str(params.get("text") or "")
        if str(params.get("parse_mode") or "").upper() == "HTML":
            text, entities = _TelegramHTML().parse(source)
        else:  # Markdown modes are not parsed: the text is kept as sent
            text, entities = source, list(params.get("entities") or [])
        if not text.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        if len(text) > MAX_TEXT_LENGTH:
            raise ApiError(400, "Bad Request: message is too long")
        return text, entities

    def _chat(self, chat_id: Any) -> JSON:
        if chat_id is None or chat_id == "":
            raise ApiError(400, "Bad Request: chat_id is empty")
        if isinstance(chat_id, str) and chat_id.startswith("@"):
            found = [c for c in self.chats.values() if c.get("username") == chat_id[1:]]
        else:
            found = [self.chats[int(chat_id)]] if int(chat_id) in self.chats else []
        if found:
            return found[0]
        if self.strict_chats or not isinstance(chat_id, int):
            raise ApiError(400, "Bad Request: chat not found")
        return self._register({"id": chat_id, "type": "private", "first_name": "User"})

    def _find_message(self, params: JSON, verb: str) -> JSON:
        key = (self._chat(params.get("chat_id"))["id"], int(params.get("message_id") or 0))
        if key not in self.messages:
            raise ApiError(400, f"Bad Request: message to {verb} not found")
        return self.messages[key]

    def _replace(self, old: JSON, new: JSON) -> JSON:
        unchanged = ("text", "entities", "caption", "reply_markup")
        if all(old.get(k) == new.get(k) for k in unchanged):
            raise ApiError(400, "Bad Request: message is not modified: specified new message "
                                "content and reply markup are exactly the same as a current "
                                "content and reply markup of the message")
        return self._store(new)

    @staticmethod
    def _attach_markup(message: JSON, markup: Any) -> None:
        if isinstance(markup, dict) and markup.get("inline_keyboard"):  # only inline keyboards
            message["reply_markup"] = {"inline_keyboard": markup["inline_keyboard"]}  # are echoed

    # ---------------------------------------------------------------- objects and updates
    def user(self, id: int = 1001, first_name: str = "Test", *, username: str | None = None,
             last_name: str | None = None, language_code: str | None = "zh-hans") -> JSON:
        user: JSON = {"id": id, "is_bot": False, "first_name": first_name}
        for key, value in (("last_name", last_name), ("username", username),
                           ("language_code", language_code)):
            if value is not None:
                user[key] = value
        return user

    def private_chat(self, user: JSON) -> JSON:
        keys = ("first_name", "last_name", "username")
        return self._register({"id": user["id"], "type": "private",
                               **{k: user[k] for k in keys if k in user}})

    def group_chat(self, chat_id: int = -4001, title: str = "Test group", *,
                   supergroup: bool = False, username: str | None = None) -> JSON:
        chat: JSON = {"id": chat_id, "type": "supergroup" if supergroup else "group", "title": title}
        if username:
            chat["username"] = username
        return self._register(chat)

    def channel(self, chat_id: int = -1002000000001, title: str = "Test channel", *,
                username: str | None = None) -> JSON:
        chat: JSON = {"id": chat_id, "type": "channel", "title": title}
        if username:
            chat["username"] = username
        return self._register(chat)

    def make_message(self, user: JSON | None, chat: JSON | int | None = None, text: str | None = None,
                     *, entities: list[JSON] | None = None, reply_to: JSON | None = None,
                     **extra: Any) -> JSON:
        """A stored (not queued) Message from ``user`` in ``chat`` (default: the private chat);
        entities default to the ones Telegram detects (commands, mentions, URLs)."""
        resolved = self._resolve_chat(user, chat)
        fields: JSON = dict(extra)
        if text is not None:
            fields["text"] = text
            entities = detect_entities(text) if entities is None else entities
            if entities:
                fields["entities"] = entities
        if reply_to is not None:
            fields["reply_to_message"] = _bare(reply_to)
        return self._store(self._new_message(resolved, user, **fields))

    def queue_update(self, update: JSON) -> JSON:
        """Queue an update (an ``update_id`` is assigned if missing) and wake long polls."""
        update.setdefault("update_id", next(self._update_ids))
        self.updates.append(update)
        self._pending.append(update)
        self._new_update.set()
        return update

    def private_text(self, user: JSON, text: str, **kw: Any) -> JSON:
        return self._queue("message", self.make_message(user, None, text, **kw))

    def group_text(self, user: JSON, chat_id: int, text: str, *, mention: bool = False,
                   reply_to_bot: bool = False, supergroup: bool = False,
                   title: str = "Test group", **kw: Any) -> JSON:
        """``mention=True`` puts ``@<bot>`` first unless ``text`` already contains it (anywhere,
        e.g. after Chinese text); ``reply_to_bot`` replies to the bot's last message there."""
        chat = self.chats.get(chat_id) or self.group_chat(chat_id, title, supergroup=supergroup)
        handle = f"@{self.bot_user['username']}"
        if mention and handle not in text:
            text = f"{handle} {text}"
        if reply_to_bot:
            kw["reply_to"] = self._last_bot_message(chat)
        return self._queue("message", self.make_message(user, chat, text, **kw))

    def command(self, user: JSON, chat: JSON | int | None, command: str,
                args: str | Sequence[str] | None = None, *, to_bot: bool = False) -> JSON:
        """``/cmd args`` with a ``bot_command`` entity; ``to_bot`` writes ``/cmd@<bot>``."""
        command = "/" + command.lstrip("/")
        if to_bot:
            command += f"@{self.bot_user['username']}"
        rest = args if isinstance(args, str) or args is None else " ".join(args)
        text = f"{command} {rest}" if rest else command
        entities = [entity("bot_command", text, 0, len(command))]
        entities += [e for e in detect_entities(text) if e["offset"] >= utf16_len(command)]
        return self._queue("message", self.make_message(user, chat, text, entities=entities))

    def edited_message(self, message: JSON, text: str) -> JSON:
        """``message``: a message dict or the update that carried it."""
        old = self._unwrap(message)
        new = {**self.messages.get((old["chat"]["id"], old["message_id"]), old), "text": text,
               "edit_date": int(time.time())}
        new.pop("entities", None)
        if entities := detect_entities(text):
            new["entities"] = entities
        kind = "edited_channel_post" if new["chat"]["type"] == "channel" else "edited_message"
        return self._queue(kind, self._store(new))

    def channel_post(self, chat_id: int, text: str, *, title: str = "Test channel") -> JSON:
        chat = self.chats.get(chat_id) or self.channel(chat_id, title)
        return self._queue("channel_post", self.make_message(None, chat, text))

    def sticker(self, user: JSON, chat: JSON | int | None = None, *, emoji: str = "👍") -> JSON:
        sticker = {**self._file("sticker"), "type": "regular", "width": 512, "height": 512,
                   "is_animated": False, "is_video": False, "emoji": emoji}
        return self._queue("message", self.make_message(user, chat, sticker=sticker))

    def photo(self, user: JSON, chat: JSON | int | None = None, *,
              caption: str | None = None) -> JSON:
        sizes = [{**self._file(f"photo{w}"), "width": w, "height": w * 3 // 4, "file_size": w * 40}
                 for w in (90, 320, 800)]
        extra: JSON = {"photo": sizes}
        if caption:
            extra["caption"] = caption
            if found := detect_entities(caption):
                extra["caption_entities"] = found
        return self._queue("message", self.make_message(user, chat, **extra))

    def voice(self, user: JSON, chat: JSON | int | None = None, *, duration: int = 2) -> JSON:
        voice = {**self._file("voice"), "duration": duration, "mime_type": "audio/ogg",
                 "file_size": duration * 4000}
        return self._queue("message", self.make_message(user, chat, voice=voice))

    def forwarded(self, user: JSON, text: str, *, origin_user: JSON | None = None,
                  chat: JSON | int | None = None) -> JSON:
        origin = {"type": "user", "sender_user": origin_user or self.user(2002, "Origin"),
                  "date": int(time.time()) - 3600}
        return self._queue("message", self.make_message(user, chat, text, forward_origin=origin))

    def callback_query(self, user: JSON, message: JSON | Call, data: str) -> JSON:
        """``message``: a Message the bot sent (e.g. ``call.result``, or the Call itself)."""
        sent = message.result if isinstance(message, Call) else message
        current = self.messages.get((sent["chat"]["id"], sent["message_id"]), sent)
        query_id = self._new_query_id()
        return self._queue("callback_query", {
            "id": query_id, "from": user, "message": current, "data": data,
            "chat_instance": str(abs(current["chat"]["id"]) * 7919)})

    def inline_query(self, user: JSON, query: str, offset: str = "", *,
                     chat_type: str = "sender") -> JSON:
        return self._queue("inline_query", {"id": self._new_query_id(), "from": user,
                                            "query": query, "offset": offset,
                                            "chat_type": chat_type})

    # helpers of the builders
    def _queue(self, kind: str, payload: JSON) -> JSON:
        return self.queue_update({kind: payload})

    def _new_query_id(self) -> str:
        query_id = str(next(self._query_ids))
        self._open_queries.add(query_id)
        return query_id

    def _register(self, chat: JSON) -> JSON:
        self.chats[chat["id"]] = chat
        return chat

    def _resolve_chat(self, user: JSON | None, chat: JSON | int | None) -> JSON:
        if isinstance(chat, dict):
            return self._register(chat)
        if chat is None or (user is not None and chat == user["id"]):
            assert user is not None, "a message without a user needs a chat"
            return self.private_chat(user)
        return self.chats.get(chat) or self.group_chat(chat)

    def _new_message(self, chat: JSON, sender: JSON | None, **fields: Any) -> JSON:
        counter = self._message_ids.setdefault(chat["id"], itertools.count(1))
        message: JSON = {"message_id": next(counter), "date": int(time.time()), "chat": chat}
        if chat["type"] == "channel":
            message["sender_chat"] = chat
        elif sender is not None:
            message["from"] = sender
        return {**message, **fields}

    def _store(self, message: JSON) -> JSON:
        self.messages[(message["chat"]["id"], message["message_id"])] = message
        return message

    def _last_bot_message(self, chat: JSON) -> JSON:
        mine = [m for (cid, _), m in self.messages.items()
                if cid == chat["id"] and m.get("from", {}).get("id") == self.bot_user["id"]]
        return mine[-1] if mine else self._store(self._new_message(chat, self.bot_user, text="…"))

    def _file(self, kind: str) -> JSON:
        n = next(self._file_ids)
        return {"file_id": f"{kind}-file-{n}", "file_unique_id": f"{kind}-uniq-{n}"}

    @staticmethod
    def _unwrap(obj: JSON) -> JSON:
        if "update_id" in obj:
            return next(v for k, v in obj.items() if k != "update_id")
        return obj

    # ---------------------------------------------------------------- webhooks
    async def post_webhook(self, update: JSON, *, url: str | None = None,
                           secret_token: str | None | EllipsisType = ...) -> tuple[int, str]:
        """POST ``update`` to ``url`` (default: the one set by setWebhook) as Telegram does.
        ``secret_token``: ``...`` sends the one given to setWebhook, ``None`` sends no header.
        Only loopback URLs are allowed. Returns (HTTP status, body text)."""
        registered = self.webhook or {}
        target = url or registered.get("url")
        if not target or urlsplit(target).hostname not in ("127.0.0.1", "localhost", "::1"):
            raise ValueError(f"refusing to post to a non-loopback webhook URL: {target!r}")
        secret = registered.get("secret_token") if secret_token is ... else secret_token
        headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret else {}
        async with aiohttp.ClientSession() as session:
            async with session.post(target, json=update, headers=headers) as response:
                return response.status, await response.text()


@pytest_asyncio.fixture
async def fake_bot_api() -> AsyncIterator[FakeBotAPI]:
    """A started FakeBotAPI, stopped after the test."""
    async with FakeBotAPI() as server:
        yield server
