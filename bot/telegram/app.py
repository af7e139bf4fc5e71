"""Wiring and running: `build_application` makes the Application (transport, defaults, typed bot data, handlers);
`post_init` builds the Searcher once (in a worker thread), the conversation and the search batcher; searches run
in a small thread pool (SEARCH_WORKERS) off the event loop. It runs inside the web server (`interview-qa serve`):
`open_embedded`, `start_embedded`, `feed_webhook` and `stop_embedded` run it in that server's event loop, polling by
default, or with Telegram posting to a route of the web server (webhook mode).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import re
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor

from telegram import BotCommand, LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.error import InvalidToken, NetworkError, TelegramError
from telegram.ext import (
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    Defaults,
    InlineQueryHandler,
    MessageHandler,
    filters,
)
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception_type, stop_after_attempt, wait_exponential

from bot import texts
from bot.config import AppConfig, TelegramEnvironment
from bot.conversation.conversation import Conversation, ConversationSettings, QueryRecorder
from bot.state.base import MemoryState, StateStore
from bot.telegram import handlers as h
from bot.telegram.batcher import SearchBatcher
from bot.telegram.redaction import install_redaction, redact
from bot.telegram.state import CONTEXT_TYPES, BotApplication, Context, Reloader, SearcherFactory
from bot.telegram.transport import RetryingRateLimiter, TolerantUpdatesRequest
from index.environment import reveal
from index.errors import ConfigError, InterviewQAError
from index.service import SEARCH_WORKERS, searcher_opener, searcher_reloader

log = logging.getLogger("interview_qa.telegram")
BOOTSTRAP_RETRIES = 3  # getMe, deleteWebhook/setWebhook at start-up
WEBHOOK_BACKOFF_S = 1.0  # setWebhook is tried again after 1 s, then 2 s, then 4 s
MIN_WEBHOOK_SECRET_CHARS = 16  # shorter secret tokens get a warning
_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")  # what Telegram accepts as a webhook secret token
COMMANDS = (("start", h.cmd_start), ("help", h.cmd_help), ("ask", h.cmd_ask), ("new", h.cmd_new),
            ("bureaus", h.cmd_bureaus), ("verify", h.cmd_verify), ("about", h.cmd_about), ("reload", h.cmd_reload),
            ("stats", h.cmd_stats))


def build_application(config: AppConfig, token: str, searcher_factory: SearcherFactory | None = None,
                      reloader: Reloader | None = None, search_workers: int = SEARCH_WORKERS,
                      updater: bool = True, state: StateStore | None = None) -> BotApplication:
    """The Application, not started. `searcher_factory` runs once in `post_init` (default: the real model).
    `updater=False` builds it without an Updater (`.updater(None)`), for a webhook served by another app (the web
    server's route puts the updates on `update_queue`: python-telegram-bot's custom-webhook pattern)."""
    if not token or not token.strip():
        raise ConfigError("TELEGRAM_BOT_TOKEN is not set: export the token BotFather gave you "
                          "(or use `interview-qa chat` for the terminal)")
    install_redaction(token, webhook_secret(config))
    # RetryAfter.retry_after as a timedelta (python-telegram-bot's next major default): without the opt-in every 429
    # logs a deprecation warning from inside the library; nothing here reads that attribute
    os.environ.setdefault("PTB_TIMEDELTA", "true")
    t = config.telegram
    builder = (ApplicationBuilder().token(token)
               .context_types(CONTEXT_TYPES)
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
    if not updater:
        builder = builder.updater(None)
    app: BotApplication = builder.build()
    data = app.bot_data
    data.config = config
    data.searcher_factory = searcher_factory or searcher_opener(config.core)
    data.reloader = reloader or searcher_reloader(config.core)
    data.admins = frozenset(t.admins)
    data.search_workers = max(1, search_workers)
    data.state = state
    add_handlers(app)
    return app


def add_handlers(app: BotApplication) -> None:
    """Which update reaches which handler: private chats any text, groups only what is addressed to the bot."""
    new = filters.UpdateType.MESSAGE
    addressed = h.AddressedToBot()
    for name, callback in COMMANDS:
        app.add_handler(CommandHandler(name, callback, filters=new))
    app.add_handler(MessageHandler(filters.UpdateType.EDITED_MESSAGE, h.on_edited))
    app.add_handler(MessageHandler(new & filters.COMMAND, h.on_unknown_command))
    app.add_handler(MessageHandler(new & filters.TEXT & filters.ChatType.PRIVATE, h.on_private_text))
    app.add_handler(MessageHandler(new & filters.TEXT & filters.ChatType.GROUPS & addressed, h.on_group_text))
    wanted = filters.ChatType.PRIVATE | (filters.ChatType.GROUPS & addressed)
    app.add_handler(MessageHandler(new & ~filters.TEXT & ~filters.StatusUpdate.ALL & wanted, h.on_non_text))
    app.add_handler(CallbackQueryHandler(h.on_button))
    app.add_handler(InlineQueryHandler(h.on_inline))
    app.add_error_handler(h.on_error)


async def _post_init(app: BotApplication) -> None:
    """Builds the Searcher once (slow: the model) and the conversation; registers the command menu."""
    data = app.bot_data
    assert data.searcher_factory is not None
    executor = ThreadPoolExecutor(max_workers=data.search_workers, thread_name_prefix="search")
    data.use_executor(executor)
    loop = asyncio.get_running_loop()
    searcher = await loop.run_in_executor(executor, data.searcher_factory)
    if data.state is None:  # the bot alone (tests): its state in this process
        data.state = MemoryState()
    data.query_log = await loop.run_in_executor(executor, _open_query_log, data.config, data.state)
    conversation = Conversation(searcher, ConversationSettings.from_config(data.config), query_log=data.query_log,
                                state=data.state)
    await loop.run_in_executor(executor, conversation.refresh_examples)
    data.start(conversation, SearchBatcher(executor, lambda: data.conversation, data.search_workers))
    log.info("ready: %d passages, %d interviews", conversation.corpus.passages, conversation.corpus.interviews)
    try:
        await app.bot.set_my_commands([BotCommand(name, text) for name, text in texts.COMMANDS])
    except TelegramError as error:
        log.warning("setMyCommands failed: %s", error)


def _open_query_log(config: AppConfig, state: StateStore) -> QueryRecorder | None:
    """The opt-in query log in the state (None when off); a missing salt stops the start with a clear message."""
    query_log = state.open_query_log(config.query_log)
    if query_log is not None:
        log.info("query log on: %s (retention %d days)", getattr(query_log, "path", state.kind),
                 config.query_log.retention_days)
    return query_log


async def _post_shutdown(app: BotApplication) -> None:
    """Closes the query log and stops the search threads."""
    data = app.bot_data
    if data.query_log is not None:
        data.query_log.close()
    executor = data.release_executor()
    if executor is not None:
        executor.shutdown(wait=False, cancel_futures=True)


# -- the webhook's settings ----------------------------------------------------------------------------------------
def webhook_secret(config: AppConfig) -> str | None:
    """TELEGRAM_WEBHOOK_SECRET, else telegram.webhook.secret_token."""
    return reveal(TelegramEnvironment.read().webhook_secret) or config.telegram.webhook.secret_token


def _check_webhook(config: AppConfig, secret: str | None) -> None:
    """A webhook needs its public URL, and a secret token Telegram accepts (a short or missing one is warned of)."""
    if not config.telegram.webhook.url:
        raise ConfigError("telegram.mode is webhook but telegram.webhook.url (the public HTTPS URL) is not set")
    if secret is not None and not _SECRET.fullmatch(secret):
        raise ConfigError("the webhook secret token may hold only A-Z, a-z, 0-9, _ and - (1 to 256 characters)")
    if secret is None or len(secret) < MIN_WEBHOOK_SECRET_CHARS:
        log.warning("the webhook has %s: set TELEGRAM_WEBHOOK_SECRET to 32 or more random characters "
                    "(secrets shorter than 8 characters are not redacted from logs)",
                    "no secret token" if secret is None else "a short secret token")


# -- inside another server (the web: bot.web.server) ---------------------------------------------------------------
# python-telegram-bot's custom-webhook pattern: the Application runs in the web server's event loop; in webhook mode
# it has no Updater and the web app's route hands each POST to `feed_webhook`; in polling mode its Updater polls.
@contextlib.contextmanager
def bot_api_errors(config: AppConfig) -> Iterator[None]:
    """The Bot API's refusals at start-up as one clear line (the token never in it)."""
    try:
        yield
    except InvalidToken:
        raise ConfigError("the Bot API rejected TELEGRAM_BOT_TOKEN (check the token BotFather gave you)") from None
    except NetworkError as error:
        raise InterviewQAError(f"cannot reach the Bot API at {config.telegram_base_url or 'api.telegram.org'}: "
                               f"{redact(str(error))}") from None


def check_embedded_webhook(config: AppConfig) -> str:
    """The secret of a webhook served by the web app: required (a webhook never runs without one), and valid."""
    secret = webhook_secret(config)
    _check_webhook(config, secret)
    if not secret:
        raise ConfigError("telegram.mode is webhook but no secret token is set: set TELEGRAM_WEBHOOK_SECRET to "
                          "32 or more random characters (A-Z a-z 0-9 _ -); a webhook without one is refused")
    return secret


async def open_embedded(config: AppConfig, token: str, searcher_factory: SearcherFactory, reloader: Reloader,
                        on_error: Callable[[str], None] | None = None, state: StateStore | None = None
                        ) -> BotApplication:
    """The Application built (without an Updater in webhook mode) and initialised: getMe checks the token before
    the caller loads the model. `on_error` is told the name of every Bot API error a handler meets; `state` is the
    server's state store (shared by replicas)."""
    app = build_application(config, token, searcher_factory, reloader, updater=config.telegram.mode != "webhook",
                            state=state)
    if on_error is not None:
        async def count(update: object, context: Context) -> None:
            if isinstance(context.error, TelegramError):
                on_error(type(context.error).__name__)
        app.add_error_handler(count)
    with bot_api_errors(config):
        await app.initialize()
    return app


async def start_embedded(app: BotApplication, secret: str | None = None) -> None:
    """post_init (the searcher from the factory, the conversation), then polling or setWebhook, then the handlers."""
    config = app.bot_data.config
    with bot_api_errors(config):
        assert app.post_init is not None
        await app.post_init(app)
        if app.updater is None:
            await _set_webhook(app, config, secret)
        else:
            await app.updater.start_polling(allowed_updates=Update.ALL_TYPES, bootstrap_retries=BOOTSTRAP_RETRIES)
        await app.start()


async def _set_webhook(app: BotApplication, config: AppConfig, secret: str | None) -> None:
    """setWebhook, tried again after a network error or a refusal (1 s, 2 s, 4 s apart); a wrong token is final."""
    def log_retry(state: RetryCallState) -> None:
        error = state.outcome.exception() if state.outcome is not None else None
        log.warning("setWebhook failed (%s); retry %d of %d", error, state.attempt_number, BOOTSTRAP_RETRIES)

    retrying = AsyncRetrying(stop=stop_after_attempt(BOOTSTRAP_RETRIES + 1), wait=wait_exponential(WEBHOOK_BACKOFF_S),
                             retry=retry_if_exception_type(NetworkError), before_sleep=log_retry, reraise=True)
    await retrying(app.bot.set_webhook, config.telegram.webhook.url or "", secret_token=secret,
                   allowed_updates=Update.ALL_TYPES)


async def stop_embedded(app: BotApplication) -> None:
    """Polling stopped, the Application stopped and shut down, post_shutdown run; errors logged, not raised."""
    try:
        if app.updater is not None and app.updater.running:
            await app.updater.stop()
        if app.running:
            await app.stop()
        await app.shutdown()
    except (TelegramError, RuntimeError) as error:
        log.warning("stopping the bot: %s", error)
    finally:
        if app.post_shutdown is not None:
            await app.post_shutdown(app)


async def feed_webhook(app: BotApplication, payload: object) -> bool:
    """One update Telegram posted, queued for the handlers; False when the library cannot read it."""
    try:
        update = Update.de_json(payload, app.bot)  # type: ignore[arg-type]
    except Exception as error:  # noqa: BLE001 - whatever the library cannot read is a bad request, not a crash
        log.warning("webhook update cannot be read (%s)", type(error).__name__)
        return False
    if update is None:
        return False
    await app.update_queue.put(update)
    return True
