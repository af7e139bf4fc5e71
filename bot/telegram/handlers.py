"""The handlers: an update in, a conversation call, a card out. Private chats answer any text; groups only a
mention, a reply to the bot or /ask. One error handler tells the user when anything fails."""

from __future__ import annotations

import asyncio
import logging
import re
import time
from collections.abc import Callable
from typing import Any, TypeVar

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InlineQueryResultsButton,
    InputTextMessageContent,
    LinkPreviewOptions,
    Message,
    MessageEntity,
    Update,
    WebAppInfo,
)
from telegram.constants import ChatType, ParseMode
from telegram.error import TelegramError
from telegram.ext import filters

from bot import texts
from bot.conversation.actions import decode_action
from bot.conversation.context import chat_key
from bot.conversation.conversation import Conversation
from bot.conversation.replies import Hint, Question, Reply
from bot.render import html as cards
from bot.telegram.state import Context
from index.errors import InterviewQAError
from index.records import Hit, SearchResult

log = logging.getLogger("interview_qa.telegram")
T = TypeVar("T")
INLINE_RESULTS = 5
INLINE_CACHE_SECONDS = 60  # an answer to an inline query
INLINE_HINT_CACHE_SECONDS = 300  # an empty or over-long inline query


class AddressedToBot(filters.MessageFilter):
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


# -- helpers -------------------------------------------------------------------------------------------------------
def _message(update: Update) -> Message:
    """The message of a message or command update (the handler's filter guarantees one)."""
    message = update.effective_message
    assert message is not None
    return message


def _conversation(context: Context) -> Conversation:
    return context.bot_data.conversation


async def _in_thread(context: Context, fn: Callable[..., T], *args: Any) -> T:
    """Runs searcher work in the search thread, off the event loop."""
    return await asyncio.get_running_loop().run_in_executor(context.bot_data.executor, fn, *args)


async def _stateful(fn: Callable[..., T], *args: Any) -> T:
    """A conversation call that reads or writes the state (limits, answer keys: a database, maybe shared by
    replicas), off the event loop and out of the search threads."""
    return await asyncio.to_thread(fn, *args)


def _markup(card: cards.Card) -> InlineKeyboardMarkup | None:
    if not card.buttons:
        return None
    return InlineKeyboardMarkup([[InlineKeyboardButton(b.text, callback_data=b.data, url=b.url,
                                                       web_app=WebAppInfo(b.web_app) if b.web_app else None)
                                  for b in row] for row in card.buttons])


async def send(context: Context, chat_id: int, reply: Reply, reply_to: int | None = None,
               private: bool = True) -> None:
    """A reply model as one or more HTML messages; the buttons go under the last one. With web.public_url set,
    the source buttons open the web pages (a Mini App only in private chats, where Telegram allows one)."""
    if isinstance(reply, Hint) and reply.quiet:
        return
    web = cards.web_links(context.bot_data.config.web.public_url, private)
    card = cards.render(reply, context.bot.username, web)
    for n, chunk in enumerate(card.chunks):
        last = n == len(card.chunks) - 1
        await context.bot.send_message(chat_id, chunk, reply_markup=_markup(card) if last else None,
                                       reply_to_message_id=reply_to if n == 0 else None)


async def respond(update: Update, context: Context, reply: Reply) -> None:
    """Replies in the chat of the update; in groups as a reply to the message, so the thread is clear. The same
    hint again to the same user within seconds is dropped (one notice for a flood of stickers)."""
    message = _message(update)
    if isinstance(reply, Hint) and update.effective_user is not None \
            and _conversation(context).repeated(update.effective_user.id, message.chat_id, reply):
        return
    group = message.chat.type != ChatType.PRIVATE
    await send(context, message.chat_id, reply, message.message_id if group else None, private=not group)


def _chat_key(update: Update) -> str:
    """The conversation a message belongs to: the chat, and in a group the user too."""
    return chat_key(_message(update).chat_id, _user(update))


async def answer_question(update: Update, context: Context, text: str | None) -> None:
    """The path of every question: validate, search in the thread (read with the chat's conversation), reply."""
    await _finish(update, context, await _stateful(_conversation(context).prepare, _user(update), text,
                                                   _chat_key(update)))


async def _finish(update: Update, context: Context, prepared: Reply | Question) -> None:
    """A prepared Question searched, answered and logged (when the log is on); any other reply sent as it is."""
    conversation = _conversation(context)
    if isinstance(prepared, Question):
        question = prepared
        result = await context.bot_data.batcher.search(question)
        prepared = await _stateful(conversation.answer, question, result)
        if conversation.query_log is not None:
            chat = update.effective_chat.type if update.effective_chat else "private"
            prepared = await asyncio.to_thread(conversation.record, str(chat), question, result, prepared)
    await respond(update, context, prepared)


def _strip_mention(text: str, username: str | None) -> str:
    return re.sub(rf"@{re.escape(username)}\b", " ", text, flags=re.I).strip() if username else text


def _command_entity(message: Message) -> MessageEntity | None:
    return next((e for e in message.entities if e.type == MessageEntity.BOT_COMMAND and e.offset == 0), None)


def _command_argument(message: Message) -> str:
    """The text after `/command` (spaces and line breaks inside kept)."""
    text = message.text or ""
    entity = _command_entity(message)
    return (text[len(message.parse_entity(entity)):] if entity else text).strip()


def _is_admin(update: Update, context: Context) -> bool:
    return update.effective_user is not None and update.effective_user.id in context.bot_data.admins


def _user(update: Update) -> int:
    """The sender's id (0 when the update has none)."""
    return update.effective_user.id if update.effective_user else 0


# -- messages ------------------------------------------------------------------------------------------------------
async def on_private_text(update: Update, context: Context) -> None:
    await answer_question(update, context, _message(update).text)


async def on_group_text(update: Update, context: Context) -> None:
    await answer_question(update, context, _strip_mention(_message(update).text or "", context.bot.username))


async def on_edited(update: Update, context: Context) -> None:
    """An edited question is answered again; an edited command gets a hint (commands are not re-run)."""
    message = _message(update)
    private = message.chat.type == ChatType.PRIVATE
    if not private and not AddressedToBot().check_update(update):
        return
    if message.text is None:
        return await respond(update, context, _conversation(context).non_text())
    if message.text.startswith("/"):
        return await respond(update, context, _conversation(context).hint("edited_command", texts.EDITED_COMMAND))
    text = message.text if private else _strip_mention(message.text, context.bot.username)
    await answer_question(update, context, text)


async def on_non_text(update: Update, context: Context) -> None:
    await respond(update, context, _conversation(context).non_text())


async def on_unknown_command(update: Update, context: Context) -> None:
    message = _message(update)
    entity = _command_entity(message)
    command = message.parse_entity(entity) if entity else (message.text or "/").split()[0]
    name, _, target = command.partition("@")
    ours = target.lower() == (context.bot.username or "").lower()
    if message.chat.type != ChatType.PRIVATE and not ours:
        return  # a command for another bot, or for every bot in the group: not ours to answer
    conversation = _conversation(context)
    if target and not ours:  # `/help@OtherBot` typed in a private chat with this bot
        return await respond(update, context, conversation.hint("other_bot", texts.other_bot(target)))
    await respond(update, context, conversation.unknown_command(name))


# -- commands ------------------------------------------------------------------------------------------------------
async def cmd_start(update: Update, context: Context) -> None:
    payload = context.args[0] if context.args else None
    await _finish(update, context, await _stateful(_conversation(context).start, _user(update), payload,
                                                   _chat_key(update)))


async def cmd_new(update: Update, context: Context) -> None:
    """/new: the next question starts a new conversation (换个话题 typed does the same)."""
    await respond(update, context, await _stateful(_conversation(context).forget, _chat_key(update)))


async def cmd_help(update: Update, context: Context) -> None:
    await respond(update, context, _conversation(context).welcome())


async def cmd_about(update: Update, context: Context) -> None:
    await respond(update, context, _conversation(context).about())


async def cmd_bureaus(update: Update, context: Context) -> None:
    await respond(update, context, _conversation(context).bureaus())


async def cmd_ask(update: Update, context: Context) -> None:
    question = _strip_mention(_command_argument(_message(update)), context.bot.username)
    if not question:
        return await respond(update, context, _conversation(context).hint("usage", texts.ASK_USAGE))
    await answer_question(update, context, question)


async def cmd_verify(update: Update, context: Context) -> None:
    conversation = _conversation(context)
    claim = await _stateful(conversation.prepare_claim, _user(update), _command_argument(_message(update)))
    if isinstance(claim, Hint):
        return await respond(update, context, claim)
    await respond(update, context, await _in_thread(context, conversation.verify, claim))


async def cmd_stats(update: Update, context: Context) -> None:
    """Admins: counters since start, and the query log's summary when it is on."""
    conversation = _conversation(context)
    if not _is_admin(update, context):
        return await respond(update, context, conversation.hint("admin_only", texts.admin_only("/stats")))
    await respond(update, context, await asyncio.to_thread(conversation.stats))


async def cmd_reload(update: Update, context: Context) -> None:
    """Admins: refresh the index from the corpus folder (the model stays loaded) and swap the searcher."""
    conversation, data = _conversation(context), context.bot_data
    if not _is_admin(update, context):
        return await respond(update, context, conversation.hint("admin_only", texts.admin_only("/reload")))
    if data.reloading:
        return await respond(update, context, conversation.hint("busy", texts.RELOAD_BUSY))
    assert data.reloader is not None
    data.reloading = True
    began = time.monotonic()
    try:
        await _message(update).reply_text(texts.RELOADING)
        searcher, report = await asyncio.to_thread(data.reloader, conversation.searcher)
    except InterviewQAError as error:
        log.error("reload failed: %s", error)
        return await respond(update, context, conversation.hint("reload_failed", texts.reload_failed(error)))
    finally:
        data.reloading = False
    data.use_searcher(searcher)
    await _in_thread(context, conversation.refresh_examples)
    for chunk in cards.reload_card(report, conversation.corpus, time.monotonic() - began).chunks:
        await _message(update).reply_text(chunk)


# -- buttons and inline mode ---------------------------------------------------------------------------------------
async def on_button(update: Update, context: Context) -> None:
    """Buttons under a card; data this bot did not write gets a short notice."""
    query = update.callback_query
    assert query is not None
    action = decode_action(query.data)
    if action is None or query.message is None:
        await query.answer(texts.UNKNOWN_BUTTON)
        return
    if action.kind == "f":  # 👍/👎: a notice, no message
        notice = await asyncio.to_thread(_conversation(context).feedback, query.from_user.id, action)
        await query.answer(notice.text)
        return
    reply = await _stateful(_conversation(context).act, query.from_user.id, action,
                            chat_key(query.message.chat.id, query.from_user.id))
    if isinstance(reply, Hint):
        await query.answer(reply.text)
        return
    await query.answer()
    if isinstance(reply, Question):  # a 您可能想问 button: asked as if typed
        await _finish(update, context, reply)
        return
    await send(context, query.message.chat.id, reply, private=query.message.chat.type == ChatType.PRIVATE)


def _inline_refusal(conversation: Conversation, user: int, text: str) -> tuple[str, int, bool] | None:
    """Why an inline query gets no search (button text, cache seconds, per user), or None to search."""
    limit = conversation.settings.max_query_chars
    if not text:
        return texts.INLINE_EMPTY, INLINE_HINT_CACHE_SECONDS, False
    if len(text) > limit:
        return texts.inline_too_long(limit), INLINE_HINT_CACHE_SECONDS, False
    if conversation.inline.wait(user):
        return texts.INLINE_TOO_FAST, 0, True
    return None


def _article(hit: Hit, bot_username: str | None) -> InlineQueryResultArticle:
    """A hit as an inline result, with a button that opens the passage in the bot."""
    a = cards.inline_article(hit, bot_username)
    markup = InlineKeyboardMarkup([[InlineKeyboardButton(texts.INLINE_OPEN, url=a.link)]]) if a.link else None
    content = InputTextMessageContent(a.html, parse_mode=ParseMode.HTML,
                                      link_preview_options=LinkPreviewOptions(is_disabled=True))
    return InlineQueryResultArticle(a.id, a.title, content, reply_markup=markup, description=a.description)


async def on_inline(update: Update, context: Context) -> None:
    """`@bot 问题` in any chat: one article per hit, the quote and its source as the message."""
    query = update.inline_query
    assert query is not None
    text = query.query.strip()
    refusal = await _stateful(_inline_refusal, _conversation(context), query.from_user.id, text)
    if refusal is not None:
        notice, cache_time, personal = refusal
        button = InlineQueryResultsButton(notice, start_parameter="help")
        if personal:
            await query.answer([], button=button, cache_time=cache_time, is_personal=True)
        else:
            await query.answer([], button=button, cache_time=cache_time)
        return
    result: SearchResult = await context.bot_data.batcher.search(Question(query.from_user.id, text,
                                                                          top_k=INLINE_RESULTS))
    if not result.answered:
        button = InlineQueryResultsButton(texts.INLINE_NOT_FOUND, start_parameter="help")
        await query.answer([], button=button, cache_time=INLINE_CACHE_SECONDS)
        return
    articles = [_article(hit, context.bot.username) for hit in result.hits]
    await query.answer(articles, cache_time=INLINE_CACHE_SECONDS)


async def on_error(update: object, context: Context) -> None:
    """One place for every failure: logged (token redacted), and the user told something went wrong."""
    log.error("error while handling an update: %s", context.error, exc_info=context.error)
    if not isinstance(update, Update):
        return
    try:
        if update.callback_query is not None:
            await update.callback_query.answer(texts.ERROR_BUTTON)
        elif update.effective_message is not None and update.effective_chat is not None \
                and update.effective_chat.type == ChatType.PRIVATE:
            await update.effective_message.reply_text(texts.ERROR_MESSAGE)
    except TelegramError as error:
        log.warning("could not report the error to the user: %s", error)
