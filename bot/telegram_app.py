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
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
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
from telegram.error import InvalidToken, NetworkError, TelegramError
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

from bot import cards
from bot.config import AppConfig
from bot.conversation import Conversation, ConversationSettings, Hint, Question, Reply, decode_action
from index.builder import RefreshReport
from index.errors import ConfigError, InterviewQAError
from index.searcher import Searcher

log = logging.getLogger("interview_qa.telegram")
T = TypeVar("T")
SearcherFactory = Callable[[], Searcher]
Reloader = Callable[[Searcher], tuple[Searcher, RefreshReport]]
COMMANDS = (("ask", "提问（群聊中使用）"), ("bureaus", "按单位查看访谈"), ("verify", "核对一个说法与原文是否一致"),
            ("about", "关于本机器人"), ("help", "用法"))
INLINE_RESULTS = 5
SEARCH_WORKERS = 2  # search threads: a query embeds on one core (index.embedder), so two use both cores
_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")


# -- logging: the token never reaches a log ------------------------------------------------------------------------
_SECRETS: set[str] = set()
_ORIGINAL_FACTORY = logging.getLogRecordFactory()


def redact(text: str) -> str:
    for secret in _SECRETS:
        text = text.replace(secret, "<redacted>")
    return text


def _redacting_factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
    record = _ORIGINAL_FACTORY(*args, **kwargs)
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


def install_redaction(*secrets: str | None) -> None:
    """Every log record of the process, at any level and through any handler, has these secrets replaced.

    Also quiets httpx/httpcore, whose INFO lines carry request URLs (which contain the token)."""
    _SECRETS.update(s for s in secrets if s and len(s) >= 8)
    logging.setLogRecordFactory(_redacting_factory)
    for name in ("httpx", "httpcore"):
        logging.getLogger(name).setLevel(logging.WARNING)


# -- building ------------------------------------------------------------------------------------------------------
def settings_from(config: AppConfig) -> ConversationSettings:
    t, s = config.telegram, config.search
    return ConversationSettings(results_per_page=max(1, t.results_per_page),
                                questions_per_minute=t.questions_per_minute,
                                inline_per_minute=t.inline_per_minute, max_query_chars=s.max_query_chars, top_k=s.top_k)


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
               .rate_limiter(AIORateLimiter(max_retries=t.max_retries))
               .http_version("1.1").get_updates_http_version("1.1")
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
    conversation = Conversation(searcher, settings_from(app.bot_data["config"]))
    await loop.run_in_executor(executor, conversation.refresh_examples)
    app.bot_data.update(searcher=searcher, conversation=conversation)
    log.info("ready: %d passages, %d interviews", conversation.corpus.passages, conversation.corpus.interviews)
    try:
        await app.bot.set_my_commands([BotCommand(name, text) for name, text in COMMANDS])
    except TelegramError as error:
        log.warning("setMyCommands failed: %s", error)


async def _post_shutdown(app: Application) -> None:
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
    """Replies in the chat of the update; in groups as a reply to the message, so the thread is clear."""
    message = update.effective_message
    assert message is not None
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
        result = await _in_thread(context, conversation.search, prepared)
        prepared = conversation.answer(prepared, result)
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
    if message.chat.type != ChatType.PRIVATE and target.lower() != (context.bot.username or "").lower():
        return  # a command for another bot, or for every bot in the group: not ours to answer
    await respond(update, context, _conversation(context).unknown_command(name))


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
    await respond(update, context, conversation.stats())


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
    searcher = conversation.searcher
    result = await _in_thread(context, lambda: searcher.search(text, top_k=INLINE_RESULTS))
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
    if t.mode not in ("polling", "webhook"):
        raise ConfigError(f"telegram.mode must be polling or webhook, not {t.mode!r}")
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
