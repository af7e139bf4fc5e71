"""The Telegram front end: a python-telegram-bot 22 Application over the shared conversation logic.

`build_application` wires the handlers; `post_init` builds the Searcher once (in a worker thread) and keeps it,
with the `Conversation`, in `bot_data`; searches run in a small thread pool (SEARCH_WORKERS) off the event loop.
`run` starts polling (default) or the webhook server; SIGINT/SIGTERM stop it cleanly.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
import time
from collections import deque
from collections.abc import Callable, Coroutine, Sequence
from concurrent.futures import Executor, ThreadPoolExecutor
from typing import Any, TypeVar

from telegram import (
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InlineQueryResultsButton,
    InputTextMessageContent,
    LinkPreviewOptions,
    Message,
    MessageEntity,
    Update,
)
from telegram.constants import ChatType, ParseMode
from telegram.error import BadRequest, InvalidToken, NetworkError, TelegramError
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    Defaults,
    InlineQueryHandler,
    MessageHandler,
    filters,
)
from telegram.request import HTTPXRequest

from bot.config import AppConfig
from bot.conversation.actions import decode_action
from bot.conversation.conversation import Conversation, ConversationSettings
from bot.conversation.replies import Hint, Question, Reply
from bot.render import html as cards
from index.store.builder import RefreshReport
from index.errors import ConfigError, InterviewQAError
from index.records import SearchResult
from index.search.searcher import Searcher

log = logging.getLogger("interview_qa.telegram")
T = TypeVar("T")
SearcherFactory = Callable[[], Searcher]
Reloader = Callable[[Searcher], tuple[Searcher, RefreshReport]]
COMMANDS = (("ask", "提问（群聊中使用）"), ("bureaus", "按单位查看访谈"), ("verify", "核对一个说法与原文是否一致"),
            ("about", "关于本机器人"), ("help", "用法"))
INLINE_RESULTS = 5
SEARCH_WORKERS = 2  # search threads: a query embeds on one core (index.embedding.st_embedder), so two use both cores
MAX_BATCH = 16  # questions embedded in one model call when they queue up (see SearchBatcher)
RETRIED = ("send", "answer", "edit")  # Bot API methods retried after a 5xx or a timeout (a reply, not bootstrap)
_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")


# -- logging: the token never reaches a log ------------------------------------------------------------------------
_SECRETS: set[str] = set()
_ORIGINAL_FACTORY = logging.getLogRecordFactory()


def redact(text: str) -> str:
    for secret in sorted(_SECRETS, key=len, reverse=True):  # a whole token before its secret part
        text = text.replace(secret, "<redacted>")
    return text


def _redacting_factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
    record = _ORIGINAL_FACTORY(*args, **kwargs)
    _shorten_network_error(record)
    if not _SECRETS:
        return record
    try:
        message = record.getMessage()
    except Exception:  # a broken format string: leave it to the handler to report
        return record
    record.msg, record.args = redact(message), None
    if record.exc_info and record.exc_info[1] is not None:
        record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
    if record.stack_info:
        record.stack_info = redact(record.stack_info)
    return record


def _shorten_network_error(record: logging.LogRecord) -> None:
    """The library logs every failed Bot API call (an unreachable server, a 502 while polling) with a traceback
    of httpx internals; for these expected failures one line says it all. Tracebacks of real bugs stay."""
    error = record.exc_info[1] if record.exc_info else None
    if not record.name.startswith("telegram") or not isinstance(error, (NetworkError, InvalidToken)):
        return
    try:
        message = record.getMessage()
    except Exception:  # a broken format string: leave it to the handler to report
        return
    record.msg, record.args = f"{message} ({type(error).__name__}: {error})", None
    record.exc_info, record.exc_text = None, None


def install_redaction(*secrets: str | None) -> None:
    """Every log record of the process, at any level and through any handler, has these secrets replaced.

    A bot token `<id>:<secret>` is also redacted by its secret part alone, which is what survives when a URL
    is percent-encoded (`%3A`) or cut. Also quiets httpx/httpcore, whose INFO lines carry request URLs (which
    contain the token)."""
    parts = [s.partition(":")[2] for s in secrets if s and ":" in s]
    _SECRETS.update(s for s in (*secrets, *parts) if s and len(s) >= 8)
    logging.setLogRecordFactory(_redacting_factory)
    for name in ("httpx", "httpcore"):
        logging.getLogger(name).setLevel(logging.WARNING)


# -- sending and searching under load ------------------------------------------------------------------------------
class RetryingRateLimiter(AIORateLimiter):
    """AIORateLimiter (Telegram's flood limits, and a wait then a retry after a 429) that also retries a reply the
    Bot API or the network failed (5xx, a timeout, a dropped connection): the answer comes late rather than never.

    Only replies (send*/answer*/edit*) are retried; getUpdates has the Updater's own retry loop and start-up calls
    (getMe, setWebhook) have `bootstrap_retries`. A timed-out request may have reached Telegram, so a retry can
    deliver a reply twice: a repeated answer is better than a lost one. A 400 is never retried."""

    def __init__(self, max_retries: int, backoff: float = 0.5) -> None:
        super().__init__(max_retries=max_retries)
        self.network_retries = max(0, max_retries)
        self.backoff = backoff

    async def process_request(self, callback: Callable[..., Coroutine[Any, Any, Any]], args: Any,
                              kwargs: dict[str, Any], endpoint: str, data: dict[str, Any],
                              rate_limit_args: int | None) -> Any:
        retries = self.network_retries if endpoint.startswith(RETRIED) else 0
        for attempt in range(retries + 1):
            try:
                return await super().process_request(callback, args, kwargs, endpoint, data, rate_limit_args)
            except BadRequest:
                raise
            except NetworkError as error:
                if attempt == retries:
                    raise
                log.warning("%s failed (%s: %s); retry %d of %d", endpoint, type(error).__name__, error,
                            attempt + 1, retries)
                await asyncio.sleep(self.backoff * 2 ** attempt)
        raise AssertionError("unreachable")


class TolerantUpdatesRequest(HTTPXRequest):
    """The HTTP client of getUpdates. An update the library cannot read (a field it requires is missing or odd)
    would fail the whole batch, and polling would fetch the same batch forever: every later message lost. Such an
    update is logged and replaced by an empty one with its id, so the others are handled and polling moves on."""

    def parse_json_payload(self, payload: bytes) -> dict[str, Any]:
        data = super().parse_json_payload(payload)
        if data.get("ok") and isinstance(data.get("result"), list):
            data["result"] = [_readable(update) for update in data["result"]]
        return data


def _readable(update: Any) -> Any:
    try:
        Update.de_json(update, None)
        return update
    except Exception as error:  # noqa: BLE001 - whatever the library chokes on
        update_id = update.get("update_id") if isinstance(update, dict) else None
        if not isinstance(update_id, int):
            raise
        log.warning("update %d cannot be read (%s: %s); skipped", update_id, type(error).__name__, error)
        return {"update_id": update_id}


class SearchBatcher:
    """Runs searches in the search threads, batching the ones that queue up.

    A question is searched at once when a search thread is free; questions that arrive while every thread is
    busy wait, and the next free thread takes up to MAX_BATCH of them in one `Conversation.search_batch` (one
    model call): an idle bot answers each question alone, a busy one spends ~20 ms of CPU per question instead
    of ~45 (measured on 2 shared cores), so the queue drains instead of growing."""

    def __init__(self, executor: Executor, conversation: Callable[[], Conversation], workers: int,
                 max_batch: int = MAX_BATCH) -> None:
        self.executor, self.conversation = executor, conversation
        self.workers, self.max_batch = max(1, workers), max(1, max_batch)
        self.waiting: deque[tuple[Question, asyncio.Future[SearchResult]]] = deque()
        self.running = 0
        self.batches: list[int] = []  # sizes of the last batches (for /stats and the benchmarks)
        self._tasks: set[asyncio.Task[None]] = set()

    async def search(self, question: Question) -> SearchResult:
        if (known := self.conversation().cached(question)) is not None:  # asked again: no thread, no model
            return known
        future: asyncio.Future[SearchResult] = asyncio.get_running_loop().create_future()
        self.waiting.append((question, future))
        self._dispatch()
        return await future

    def _dispatch(self) -> None:
        while self.waiting and self.running < self.workers:
            batch = []
            while self.waiting and len(batch) < self.max_batch:
                item = self.waiting.popleft()
                if not item[1].done():  # its handler was cancelled (shutting down)
                    batch.append(item)
            if not batch:
                continue
            self.running += 1
            self.batches = self.batches[-99:] + [len(batch)]
            task = asyncio.get_running_loop().create_task(self._run(batch))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _run(self, batch: Sequence[tuple[Question, asyncio.Future[SearchResult]]]) -> None:
        loop = asyncio.get_running_loop()
        conversation = self.conversation()
        try:
            try:
                results = await loop.run_in_executor(self.executor, conversation.search_batch,
                                                     [q for q, _ in batch])
                outcomes: list[SearchResult | BaseException] = list(results)
            except Exception as error:  # noqa: BLE001 - one odd question must not fail the others in its batch
                if len(batch) == 1:
                    outcomes = [error]
                else:
                    log.warning("a batch of %d searches failed (%s); searching them one by one", len(batch), error)
                    outcomes = []
                    for question, _ in batch:
                        try:
                            outcomes.append(await loop.run_in_executor(self.executor, conversation.search, question))
                        except Exception as single:  # noqa: BLE001
                            outcomes.append(single)
            for (_, future), outcome in zip(batch, outcomes, strict=True):
                if future.done():
                    continue
                if isinstance(outcome, BaseException):
                    future.set_exception(outcome)
                else:
                    future.set_result(outcome)
        except BaseException as error:  # cancelled or the executor shut down: nobody waits forever
            for _, future in batch:
                if not future.done():
                    future.set_exception(error if isinstance(error, Exception) else RuntimeError("search stopped"))
            raise
        finally:
            self.running -= 1
            self._dispatch()


# -- building ------------------------------------------------------------------------------------------------------
def build_application(config: AppConfig, token: str, searcher_factory: SearcherFactory | None = None,
                      reloader: Reloader | None = None, search_workers: int = SEARCH_WORKERS) -> Application:
    """The Application, not started. `searcher_factory` runs once in `post_init` (default: the real model)."""
    if not token or not token.strip():
        raise ConfigError("TELEGRAM_BOT_TOKEN is not set: export the token BotFather gave you "
                          "(or use `interview-qa chat` for the terminal)")
    install_redaction(token, webhook_secret(config))
    if searcher_factory is None:
        from index.service import open_searcher

        def searcher_factory() -> Searcher:
            searcher, report = open_searcher(config.core)
            for warning in report.warnings:
                log.warning("corpus: %s", warning)
            return searcher
    if reloader is None:
        from index.service import reload_searcher

        def reloader(searcher: Searcher) -> tuple[Searcher, RefreshReport]:
            return reload_searcher(searcher, config.core)

    t = config.telegram
    builder = (ApplicationBuilder().token(token)
               .rate_limiter(RetryingRateLimiter(max_retries=t.max_retries))
               .http_version("1.1")
               .get_updates_request(TolerantUpdatesRequest(connection_pool_size=1, http_version="1.1"))
               .concurrent_updates(max(1, t.concurrent_updates))
               .read_timeout(t.read_timeout)
               .defaults(Defaults(parse_mode=ParseMode.HTML, allow_sending_without_reply=True,
                                  link_preview_options=LinkPreviewOptions(is_disabled=True)))
               .post_init(_post_init).post_shutdown(_post_shutdown))
    if base_url := config.telegram_base_url:
        builder = builder.base_url(base_url)
    app = builder.build()
    app.bot_data.update(config=config, searcher_factory=searcher_factory, reloader=reloader,
                        admins=frozenset(t.admins), search_workers=max(1, search_workers))
    add_handlers(app)
    return app


def add_handlers(app: Application) -> None:
    new = filters.UpdateType.MESSAGE
    addressed = _AddressedToBot()
    for name, callback in (("start", cmd_start), ("help", cmd_help), ("ask", cmd_ask), ("bureaus", cmd_bureaus),
                           ("verify", cmd_verify), ("about", cmd_about), ("reload", cmd_reload), ("stats", cmd_stats)):
        app.add_handler(CommandHandler(name, callback, filters=new))
    app.add_handler(MessageHandler(filters.UpdateType.EDITED_MESSAGE, on_edited))
    app.add_handler(MessageHandler(new & filters.COMMAND, on_unknown_command))
    app.add_handler(MessageHandler(new & filters.TEXT & filters.ChatType.PRIVATE, on_private_text))
    app.add_handler(MessageHandler(new & filters.TEXT & filters.ChatType.GROUPS & addressed, on_group_text))
    wanted = filters.ChatType.PRIVATE | (filters.ChatType.GROUPS & addressed)
    app.add_handler(MessageHandler(new & ~filters.TEXT & ~filters.StatusUpdate.ALL & wanted, on_non_text))
    app.add_handler(CallbackQueryHandler(on_button))
    app.add_handler(InlineQueryHandler(on_inline))
    app.add_error_handler(on_error)


async def _post_init(app: Application) -> None:
    """Builds the Searcher once (slow: the model) and the conversation; registers the command menu."""
    executor = ThreadPoolExecutor(max_workers=app.bot_data["search_workers"], thread_name_prefix="search")
    app.bot_data["executor"] = executor
    loop = asyncio.get_running_loop()
    searcher = await loop.run_in_executor(executor, app.bot_data["searcher_factory"])
    conversation = Conversation(searcher, ConversationSettings.from_config(app.bot_data["config"]))
    conversation.query_log = await loop.run_in_executor(executor, _open_query_log, app.bot_data["config"])
    await loop.run_in_executor(executor, conversation.refresh_examples)
    batcher = SearchBatcher(executor, lambda: app.bot_data["conversation"], app.bot_data["search_workers"])
    app.bot_data.update(searcher=searcher, conversation=conversation, batcher=batcher)
    log.info("ready: %d passages, %d interviews", conversation.corpus.passages, conversation.corpus.interviews)
    try:
        await app.bot.set_my_commands([BotCommand(name, text) for name, text in COMMANDS])
    except TelegramError as error:
        log.warning("setMyCommands failed: %s", error)


def _open_query_log(config: AppConfig) -> Any:
    """The opt-in query log (None when off); a missing salt stops the start with a clear message."""
    from bot.querylog import QueryLog

    query_log = QueryLog.open(config.query_log)
    if query_log is not None:
        log.info("query log on: %s (retention %d days)", config.query_log.path, config.query_log.retention_days)
    return query_log


async def _post_shutdown(app: Application) -> None:
    conversation = app.bot_data.get("conversation")
    if conversation is not None and conversation.query_log is not None:
        conversation.query_log.close()
    executor = app.bot_data.pop("executor", None)
    if executor is not None:
        executor.shutdown(wait=False, cancel_futures=True)


# -- helpers -------------------------------------------------------------------------------------------------------
class _AddressedToBot(filters.MessageFilter):
    """Group messages meant for the bot: a reply to one of its messages, or an @mention of it."""

    def filter(self, message: Message) -> bool:
        bot = message.get_bot()
        replied = message.reply_to_message
        if replied is not None and replied.from_user is not None and replied.from_user.id == bot.id:
            return True
        handle = f"@{bot.username}".lower()
        found = {**message.parse_entities([MessageEntity.MENTION, MessageEntity.TEXT_MENTION]),
                 **message.parse_caption_entities([MessageEntity.MENTION, MessageEntity.TEXT_MENTION])}
        return any(text.lower() == handle or (e.user is not None and e.user.id == bot.id) for e, text in found.items())


def _conversation(context: ContextTypes.DEFAULT_TYPE) -> Conversation:
    return context.bot_data["conversation"]


async def _in_thread(context: ContextTypes.DEFAULT_TYPE, fn: Callable[..., T], *args: Any) -> T:
    """Runs searcher work in the search thread, off the event loop."""
    return await asyncio.get_running_loop().run_in_executor(context.bot_data["executor"], fn, *args)


def _markup(card: cards.Card) -> InlineKeyboardMarkup | None:
    if not card.buttons:
        return None
    return InlineKeyboardMarkup([[InlineKeyboardButton(b.text, callback_data=b.data, url=b.url) for b in row]
                                 for row in card.buttons])


async def send(context: ContextTypes.DEFAULT_TYPE, chat_id: int, reply: Reply, reply_to: int | None = None) -> None:
    """A reply model as one or more HTML messages; the buttons go under the last one."""
    if isinstance(reply, Hint) and reply.quiet:
        return
    card = cards.render(reply, context.bot.username)
    for n, chunk in enumerate(card.chunks):
        last = n == len(card.chunks) - 1
        await context.bot.send_message(chat_id, chunk, reply_markup=_markup(card) if last else None,
                                       reply_to_message_id=reply_to if n == 0 else None)


async def respond(update: Update, context: ContextTypes.DEFAULT_TYPE, reply: Reply) -> None:
    """Replies in the chat of the update; in groups as a reply to the message, so the thread is clear. The same
    hint again to the same user within seconds is dropped (one notice for a flood of stickers)."""
    message = update.effective_message
    assert message is not None
    if isinstance(reply, Hint) and update.effective_user is not None \
            and _conversation(context).repeated(update.effective_user.id, message.chat_id, reply):
        return
    group = message.chat.type != ChatType.PRIVATE
    await send(context, message.chat_id, reply, message.message_id if group else None)


async def answer_question(update: Update, context: ContextTypes.DEFAULT_TYPE, text: str | None) -> None:
    """The path of every question: validate, search in the thread, reply."""
    conversation = _conversation(context)
    user = update.effective_user.id if update.effective_user else 0
    prepared = conversation.prepare(user, text)
    await _finish(update, context, prepared)


async def _finish(update: Update, context: ContextTypes.DEFAULT_TYPE, prepared: Reply | Question) -> None:
    conversation = _conversation(context)
    if isinstance(prepared, Question):
        question = prepared
        result = await context.bot_data["batcher"].search(question)
        prepared = conversation.answer(question, result)
        if conversation.query_log is not None:
            chat = update.effective_chat.type if update.effective_chat else "private"
            prepared = await asyncio.to_thread(conversation.record, str(chat), question, result, prepared)
    await respond(update, context, prepared)


def _strip_mention(text: str, username: str | None) -> str:
    return re.sub(rf"@{re.escape(username)}\b", " ", text, flags=re.I).strip() if username else text


def _command_argument(message: Message) -> str:
    """The text after `/command` (spaces and line breaks inside kept)."""
    text = message.text or ""
    entity = next((e for e in message.entities if e.type == MessageEntity.BOT_COMMAND and e.offset == 0), None)
    return (text[len(message.parse_entity(entity)):] if entity else text).strip()


def _is_admin(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    return update.effective_user is not None and update.effective_user.id in context.bot_data["admins"]


# -- handlers ------------------------------------------------------------------------------------------------------
async def on_private_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await answer_question(update, context, update.effective_message.text)


async def on_group_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await answer_question(update, context, _strip_mention(update.effective_message.text or "", context.bot.username))


async def on_edited(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """An edited question is answered again; an edited command gets a hint (commands are not re-run)."""
    message = update.effective_message
    private = message.chat.type == ChatType.PRIVATE
    if not private and not _AddressedToBot().check_update(update):
        return
    if message.text is None:
        return await respond(update, context, _conversation(context).non_text())
    if message.text.startswith("/"):
        hint = _conversation(context).hint("edited_command", "编辑过的命令不会重新执行，请重新发送命令。")
        return await respond(update, context, hint)
    text = message.text if private else _strip_mention(message.text, context.bot.username)
    await answer_question(update, context, text)


async def on_non_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await respond(update, context, _conversation(context).non_text())


async def on_unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    entity = next((e for e in message.entities if e.type == MessageEntity.BOT_COMMAND and e.offset == 0), None)
    command = message.parse_entity(entity) if entity else (message.text or "/").split()[0]
    name, _, target = command.partition("@")
    ours = target.lower() == (context.bot.username or "").lower()
    if message.chat.type != ChatType.PRIVATE and not ours:
        return  # a command for another bot, or for every bot in the group: not ours to answer
    conversation = _conversation(context)
    if target and not ours:  # `/help@OtherBot` typed in a private chat with this bot
        return await respond(update, context, conversation.hint(
            "other_bot", f"这条命令是发给 @{target} 的。本机器人的命令：/ask /bureaus /verify /about /help，"
                         "也可以直接输入问题。"))
    await respond(update, context, conversation.unknown_command(name))


async def cmd_start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    user = update.effective_user.id if update.effective_user else 0
    payload = context.args[0] if context.args else None
    await _finish(update, context, _conversation(context).start(user, payload))


async def cmd_help(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await respond(update, context, _conversation(context).welcome())


async def cmd_about(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await respond(update, context, _conversation(context).about())


async def cmd_bureaus(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await respond(update, context, _conversation(context).bureaus())


async def cmd_ask(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    question = _strip_mention(_command_argument(update.effective_message), context.bot.username)
    if not question:
        usage = _conversation(context).hint("usage", "用法：/ask 问题，例如：/ask 疫情期间海域使用金可以缓缴吗？")
        return await respond(update, context, usage)
    await answer_question(update, context, question)


async def cmd_verify(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    conversation = _conversation(context)
    user = update.effective_user.id if update.effective_user else 0
    claim = conversation.prepare_claim(user, _command_argument(update.effective_message))
    if isinstance(claim, Hint):
        return await respond(update, context, claim)
    await respond(update, context, await _in_thread(context, conversation.verify, claim))


async def cmd_stats(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    conversation = _conversation(context)
    if not _is_admin(update, context):
        return await respond(update, context, conversation.hint("admin_only", "抱歉，/stats 仅限管理员使用。"))
    await respond(update, context, await asyncio.to_thread(conversation.stats))


async def cmd_reload(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Admins: refresh the index from the corpus folder (the model stays loaded) and swap the Searcher."""
    conversation = _conversation(context)
    if not _is_admin(update, context):
        return await respond(update, context, conversation.hint("admin_only", "抱歉，/reload 仅限管理员使用。"))
    if context.bot_data.get("reloading"):
        return await respond(update, context, conversation.hint("busy", "正在重新加载，请稍候。"))
    context.bot_data["reloading"] = True
    began = time.monotonic()
    try:
        await update.effective_message.reply_text("正在重新加载访谈库……")
        searcher, report = await asyncio.to_thread(context.bot_data["reloader"], conversation.searcher)
    except InterviewQAError as error:
        log.error("reload failed: %s", error)
        failed = conversation.hint("reload_failed", f"重新加载失败，仍在使用原来的访谈库：{error}")
        return await respond(update, context, failed)
    finally:
        context.bot_data["reloading"] = False
    conversation.replace_searcher(searcher)
    context.bot_data["searcher"] = searcher
    await _in_thread(context, conversation.refresh_examples)
    card = cards.reload_card(report, conversation.corpus, time.monotonic() - began)
    for chunk in card.chunks:
        await update.effective_message.reply_text(chunk)


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Buttons under a card; data this bot did not write gets a short notice."""
    query = update.callback_query
    action = decode_action(query.data)
    if action is None or query.message is None:
        await query.answer("这个按钮无法识别，请重新提问。")
        return
    if action.kind == "f":  # 👍/👎: a notice, no message
        notice = await asyncio.to_thread(_conversation(context).feedback, query.from_user.id, action)
        await query.answer(notice.text)
        return
    reply = _conversation(context).act(query.from_user.id, action)
    if isinstance(reply, Hint):
        await query.answer(reply.text)
        return
    await query.answer()
    await send(context, query.message.chat.id, reply)


async def on_inline(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """`@bot 问题` in any chat: one article per hit, the quote and its source as the message."""
    query = update.inline_query
    conversation = _conversation(context)
    text = query.query.strip()
    if not text:
        button = InlineQueryResultsButton("输入问题，查找访谈原文", start_parameter="help")
        return await query.answer([], button=button, cache_time=300)
    if len(text) > conversation.settings.max_query_chars:
        limit = conversation.settings.max_query_chars
        button = InlineQueryResultsButton(f"问题太长，请控制在{limit}字以内", start_parameter="help")
        return await query.answer([], button=button, cache_time=300)
    if conversation.inline.wait(query.from_user.id):
        button = InlineQueryResultsButton("查询太频繁，请稍后再试", start_parameter="help")
        return await query.answer([], button=button, cache_time=0, is_personal=True)
    result = await context.bot_data["batcher"].search(Question(query.from_user.id, text, top_k=INLINE_RESULTS))
    if not result.answered:
        button = InlineQueryResultsButton("访谈中没有找到，点此查看可以问什么", start_parameter="help")
        return await query.answer([], button=button, cache_time=60)
    articles = []
    for hit in result.hits:
        a = cards.inline_article(hit, context.bot.username)
        markup = InlineKeyboardMarkup([[InlineKeyboardButton("在机器人中查看", url=a.link)]]) if a.link else None
        content = InputTextMessageContent(a.html, parse_mode=ParseMode.HTML,
                                          link_preview_options=LinkPreviewOptions(is_disabled=True))
        articles.append(InlineQueryResultArticle(a.id, a.title, content, reply_markup=markup,
                                                 description=a.description))
    await query.answer(articles, cache_time=60)


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """One place for every failure: logged (token redacted), and the user told something went wrong."""
    log.error("error while handling an update: %s", context.error, exc_info=context.error)
    if not isinstance(update, Update):
        return
    try:
        if update.callback_query is not None:
            await update.callback_query.answer("出了点问题，请稍后再试。")
        elif update.effective_message is not None and update.effective_chat is not None \
                and update.effective_chat.type == ChatType.PRIVATE:
            await update.effective_message.reply_text("抱歉，处理这条消息时出了问题，请稍后再试。")
    except TelegramError as error:
        log.warning("could not report the error to the user: %s", error)


# -- running -------------------------------------------------------------------------------------------------------
def webhook_secret(config: AppConfig) -> str | None:
    return os.environ.get("TELEGRAM_WEBHOOK_SECRET") or config.telegram.webhook.secret_token


def run(config: AppConfig, token: str | None, searcher_factory: SearcherFactory | None = None) -> None:
    """Serves until SIGINT/SIGTERM: long polling by default, the webhook server when telegram.mode is webhook."""
    t = config.telegram
    secret = webhook_secret(config)
    if t.mode == "webhook":
        if not t.webhook.url:
            raise ConfigError("telegram.mode is webhook but telegram.webhook.url (the public HTTPS URL) is not set")
        if secret is not None and not _SECRET.fullmatch(secret):
            raise ConfigError("the webhook secret token may hold only A-Z, a-z, 0-9, _ and - (1 to 256 characters)")
        if secret is None or len(secret) < 16:
            log.warning("the webhook has %s: set TELEGRAM_WEBHOOK_SECRET to 32 or more random characters "
                        "(secrets shorter than 8 characters are not redacted from logs)",
                        "no secret token" if secret is None else "a short secret token")
    app = build_application(config, token or "", searcher_factory)
    try:
        if t.mode == "webhook":
            app.run_webhook(listen=t.webhook.listen, port=t.webhook.port, url_path=t.webhook.path,
                            webhook_url=t.webhook.url, secret_token=secret, allowed_updates=Update.ALL_TYPES,
                            bootstrap_retries=3)
        else:
            app.run_polling(allowed_updates=Update.ALL_TYPES, bootstrap_retries=3)
    except InvalidToken:
        raise ConfigError("the Bot API rejected TELEGRAM_BOT_TOKEN (check the token BotFather gave you)") from None
    except NetworkError as error:
        raise InterviewQAError(f"cannot reach the Bot API at {config.telegram_base_url or 'api.telegram.org'}: "
                               f"{redact(str(error))}") from None
