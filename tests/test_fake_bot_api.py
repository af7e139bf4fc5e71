"""The fake Bot API is faithful: the REAL python-telegram-bot Application runs against it."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import socket
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
from telegram import (
    Bot,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputFile,
    InputTextMessageContent,
    Message,
    MessageEntity,
    Update,
)
from telegram.constants import ChatType, ParseMode
from telegram.error import BadRequest, InvalidToken
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    InlineQueryHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from tests.fake_bot_api import FakeBotAPI, UploadedFile

BOT = "InterviewQABot"


@contextlib.asynccontextmanager
async def polling_app(server: FakeBotAPI, *handlers: BaseHandler[Any, Any, Any],
                      rate_limiter: AIORateLimiter | None = None) -> AsyncIterator[Application]:
    """A real Application polling the fake; fails the test if a handler raised."""
    builder = ApplicationBuilder().token(server.token).base_url(server.base_url)
    if rate_limiter is not None:
        builder = builder.rate_limiter(rate_limiter)
    app = builder.build()
    errors: list[BaseException] = []

    async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        errors.append(context.error or RuntimeError("unknown error"))

    app.add_handlers(list(handlers))
    app.add_error_handler(on_error)
    await app.initialize()
    await app.start()
    await app.updater.start_polling(poll_interval=0, timeout=1)
    try:
        yield app
    finally:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()
    assert not errors, f"handler errors: {errors!r}"


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None
    sent = await update.effective_message.reply_text(f"echo: {update.effective_message.text}")
    context.bot_data.setdefault("sent", []).append(sent)
    context.bot_data.setdefault("seen", []).append(update.effective_message.text)


async def test_private_text_gets_a_reply_with_a_real_message(fake_bot_api: FakeBotAPI) -> None:
    user = fake_bot_api.user(1001, "小明", username="xiaoming")
    async with polling_app(fake_bot_api, MessageHandler(filters.TEXT, echo)) as app:
        fake_bot_api.private_text(user, "你好")
        (reply,) = await fake_bot_api.wait_for("sendMessage")

    assert reply.params["chat_id"] == 1001 and reply.params["text"] == "echo: 你好"
    assert reply.result["from"]["username"] == BOT and reply.result["chat"]["type"] == "private"
    # the Message PTB built from the fake's answer is complete
    sent: Message = app.bot_data["sent"][0]
    assert sent.from_user is not None and sent.from_user.is_bot and sent.text == "echo: 你好"
    assert sent.message_id == 2  # per-chat ids: the user's message was 1
    assert app.bot.username == BOT
    methods = [c.method for c in fake_bot_api.calls]
    assert methods[:3] == ["getMe", "deleteWebhook", "getUpdates"]
    assert methods[-1] == "getUpdates"  # the last call acknowledges what was fetched
    assert fake_bot_api.calls[-1].params["timeout"] == 0 and not fake_bot_api.pending


async def test_commands_reach_the_command_handler(fake_bot_api: FakeBotAPI) -> None:
    seen: list[list[str]] = []

    async def ask(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        seen.append(list(context.args or []))
        await update.effective_message.reply_text("ok")  # type: ignore[union-attr]

    user = fake_bot_api.user(1001)
    group = fake_bot_api.group_chat(-1001234567890, "面试群", supergroup=True)
    async with polling_app(fake_bot_api, CommandHandler("ask", ask)):
        update = fake_bot_api.command(user, None, "/ask", ["税率", "是多少"])
        fake_bot_api.command(user, group, "ask", "给别的机器人")  # "/ask@OtherBot" below
        fake_bot_api.queue_update({"message": fake_bot_api.make_message(
            user, group, "/ask@OtherBot x")})
        fake_bot_api.command(user, group, "ask", "问题", to_bot=True)
        await fake_bot_api.wait_for("sendMessage", count=3)

    assert update["message"]["entities"] == [{"type": "bot_command", "offset": 0, "length": 4}]
    # a bare /ask in a group counts (no other bot named); /ask@OtherBot does not
    assert seen == [["税率", "是多少"], ["给别的机器人"], ["问题"]]
    assert len(fake_bot_api.calls_of("sendMessage")) == 3


async def test_group_mention_offsets_are_utf16(fake_bot_api: FakeBotAPI) -> None:
    mentions: list[dict[MessageEntity, str]] = []

    async def on_mention(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        mentions.append(update.effective_message.parse_entities(["mention"]))  # type: ignore
        await update.effective_message.reply_text("收到")  # type: ignore[union-attr]

    user = fake_bot_api.user(1001)
    handler = MessageHandler(filters.ChatType.GROUPS & filters.Mention(BOT), on_mention)
    async with polling_app(fake_bot_api, handler):
        fake_bot_api.group_text(user, -4001, "没有提到机器人")
        update = fake_bot_api.group_text(user, -4001, f"👍请问 @{BOT} 税率？", mention=True)
        fake_bot_api.group_text(user, -4001, "开头提到", mention=True)
        await fake_bot_api.wait_for("sendMessage", count=2)

    # "👍" is 2 UTF-16 code units, "请问 " 3 more: offset 5, not 4
    assert update["message"]["entities"] == [{"type": "mention", "offset": 5, "length": 15}]
    assert [list(m.values()) for m in mentions] == [[f"@{BOT}"], [f"@{BOT}"]]
    assert fake_bot_api.calls_of("sendMessage")[0].result["chat"] == {
        "id": -4001, "type": ChatType.GROUP, "title": "Test group"}


async def test_callback_query_is_answered_and_edits_the_message(fake_bot_api: FakeBotAPI) -> None:
    pressed: list[str | None] = []

    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("更多", callback_data="more:1")]])
        await update.effective_message.reply_text("答案", reply_markup=keyboard)  # type: ignore

    async def more(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        assert query is not None and isinstance(query.message, Message)
        pressed.append(query.message.reply_markup.inline_keyboard[0][0].callback_data)  # type: ignore
        await query.answer("好的")
        await query.edit_message_text("第二页")

    user = fake_bot_api.user(1001)
    async with polling_app(fake_bot_api, CommandHandler("start", start),
                           CallbackQueryHandler(more, pattern=r"^more:")):
        fake_bot_api.command(user, None, "start")
        (sent,) = await fake_bot_api.wait_for("sendMessage")
        update = fake_bot_api.callback_query(user, sent, "more:1")
        (answer,) = await fake_bot_api.wait_for("answerCallbackQuery")
        (edit,) = await fake_bot_api.wait_for("editMessageText")

    assert sent.result["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "more:1"
    assert pressed == ["more:1"]
    assert answer.params == {"callback_query_id": update["callback_query"]["id"], "text": "好的"}
    assert answer.status == 200 and answer.result is True
    assert edit.result["message_id"] == sent.result["message_id"] and edit.result["text"] == "第二页"
    assert "reply_markup" not in edit.result  # editing without a markup removes the keyboard


async def test_inline_query_results_arrive_decoded(fake_bot_api: FakeBotAPI) -> None:
    async def inline(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.inline_query
        assert query is not None
        await query.answer([InlineQueryResultArticle(
            id="q1", title=f"引用：{query.query}",
            input_message_content=InputTextMessageContent("<b>原文</b>", parse_mode=ParseMode.HTML),
        )], cache_time=0)

    user = fake_bot_api.user(1001)
    async with polling_app(fake_bot_api, InlineQueryHandler(inline)):
        update = fake_bot_api.inline_query(user, "税率")
        (answer,) = await fake_bot_api.wait_for("answerInlineQuery")

    assert answer.status == 200
    assert answer.params["inline_query_id"] == update["inline_query"]["id"]
    assert answer.params["cache_time"] == 0
    (result,) = answer.params["results"]
    assert result["type"] == "article" and result["title"] == "引用：税率"
    assert result["input_message_content"] == {"message_text": "<b>原文</b>", "parse_mode": "HTML"}


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")  # int durations
async def test_429_with_rate_limiter_retries_and_delivers(fake_bot_api: FakeBotAPI) -> None:
    fault = fake_bot_api.inject("sendMessage", status=429, retry_after=1)
    user = fake_bot_api.user(1001)
    async with polling_app(fake_bot_api, MessageHandler(filters.TEXT, echo),
                           rate_limiter=AIORateLimiter(max_retries=2)):
        fake_bot_api.private_text(user, "问")
        first, second = await fake_bot_api.wait_for("sendMessage", count=2)

    assert first.response == {"ok": False, "error_code": 429,
                              "description": "Too Many Requests: retry after 1",
                              "parameters": {"retry_after": 1}}
    assert first.fault is fault and fault.fired == 1
    assert second.status == 200 and second.params["text"] == "echo: 问"
    assert second.time - first.time >= 1.0  # the limiter waited retry_after


async def test_502_on_get_updates_is_survived(fake_bot_api: FakeBotAPI) -> None:
    fake_bot_api.inject("getUpdates", status=502)
    user = fake_bot_api.user(1001)
    async with polling_app(fake_bot_api, MessageHandler(filters.TEXT, echo)):
        fake_bot_api.private_text(user, "还在吗")
        (reply,) = await fake_bot_api.wait_for("sendMessage")

    polls = fake_bot_api.calls_of("getUpdates")
    assert polls[0].status == 502 and polls[0].response["description"] == "Bad Gateway"
    assert polls[1].status == 200 and polls[1].time - polls[0].time >= 0.9  # PTB's 1 s backoff
    assert reply.params["text"] == "echo: 还在吗"


async def test_confirmed_updates_are_not_delivered_twice(fake_bot_api: FakeBotAPI) -> None:
    user = fake_bot_api.user(1001)
    seen: list[str] = []

    async def record(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        seen.append(update.effective_message.text)  # type: ignore[union-attr]
        await update.effective_message.reply_text("ok")  # type: ignore[union-attr]

    async with polling_app(fake_bot_api, MessageHandler(filters.TEXT, record)):
        first = fake_bot_api.private_text(user, "一")
        fake_bot_api.private_text(user, "二")
        await fake_bot_api.wait_for("sendMessage", count=2)
    assert not fake_bot_api.pending  # the stop-time getUpdates confirmed both

    polls_before_restart = len(fake_bot_api.calls_of("getUpdates"))
    async with polling_app(fake_bot_api, MessageHandler(filters.TEXT, record)):  # a restart
        fake_bot_api.private_text(user, "三")
        await fake_bot_api.wait_for("sendMessage", count=3)

    assert seen == ["一", "二", "三"]
    offsets = [c.params.get("offset", 0) for c in fake_bot_api.calls_of("getUpdates")]
    assert first["update_id"] + 2 in offsets[:polls_before_restart]
    # a restarted Updater polls from offset 0: the server, not PTB, must not resend "一", "二"
    assert offsets[polls_before_restart] == 0


async def test_get_updates_offset_limit_and_long_poll(fake_bot_api: FakeBotAPI) -> None:
    user = fake_bot_api.user(1001)
    ids = [fake_bot_api.private_text(user, str(i))["update_id"] for i in range(3)]
    async with Bot(fake_bot_api.token, base_url=fake_bot_api.base_url) as bot:
        assert [u.update_id for u in await bot.get_updates(limit=2)] == ids[:2]
        assert [u.update_id for u in await bot.get_updates(offset=ids[1])] == ids[1:]
        assert await bot.get_updates(offset=ids[2] + 1, timeout=0) == ()
        assert not fake_bot_api.pending

        loop = asyncio.get_running_loop()
        started = loop.time()
        poll = asyncio.create_task(bot.get_updates(offset=ids[2] + 1, timeout=5))
        await asyncio.sleep(0.2)
        queued = fake_bot_api.private_text(user, "late")
        (update,) = await poll
        assert update.update_id == queued["update_id"] == ids[2] + 1
        assert loop.time() - started < 2  # woke on the new update, not after 5 s


async def test_token_errors_and_telegram_validation(fake_bot_api: FakeBotAPI) -> None:
    with pytest.raises(InvalidToken):
        await Bot("999:WRONG", base_url=fake_bot_api.base_url).initialize()
    assert fake_bot_api.calls_of("getMe")[-1].status == 401

    user = fake_bot_api.user(1001)
    fake_bot_api.private_text(user, "hi")
    async with Bot(fake_bot_api.token, base_url=fake_bot_api.base_url) as bot:
        assert await bot.set_my_description("unimplemented methods answer true") is True
        sent = await bot.send_message(1001, "<b>粗体</b> &amp; 1 &lt; 2 😀<i>斜</i>",
                                      parse_mode=ParseMode.HTML)
        assert sent.text == "粗体 & 1 < 2 😀斜"
        assert [(e.type, e.offset, e.length) for e in sent.entities] == [
            ("bold", 0, 2), ("italic", 13, 1)]  # 😀 counts 2
        assert sent.parse_entities() == {sent.entities[0]: "粗体", sent.entities[1]: "斜"}
        with pytest.raises(BadRequest, match="(?i)chat not found"):
            await bot.send_message(4242, "who?")
        with pytest.raises(BadRequest, match="(?i)can't parse entities"):
            await bot.send_message(1001, "1 <x> 2", parse_mode=ParseMode.HTML)
        with pytest.raises(BadRequest, match="(?i)too long"):
            await bot.send_message(1001, "字" * 4097)
        with pytest.raises(BadRequest, match="(?i)not modified"):
            await bot.edit_message_text("<b>粗体</b> &amp; 1 &lt; 2 😀<i>斜</i>", 1001,
                                        sent.message_id, parse_mode=ParseMode.HTML)
        with pytest.raises(BadRequest, match="(?i)query id is invalid"):
            await bot.answer_callback_query("123")
    assert [c.status for c in fake_bot_api.calls_of("sendMessage")] == [200, 400, 400, 400]


@pytest.mark.filterwarnings("ignore:Please use 'Bot.sendPhoto':UserWarning")
async def test_multipart_json_and_get_bodies_are_decoded(fake_bot_api: FakeBotAPI) -> None:
    fake_bot_api.private_text(fake_bot_api.user(1001), "hi")
    async with Bot(fake_bot_api.token, base_url=fake_bot_api.base_url) as bot:
        await bot.do_api_request("sendPhoto", {
            "chat_id": 1001, "caption": "42", "photo": InputFile(b"\x89PNG...", filename="a.png")})
    (photo,) = fake_bot_api.calls_of("sendPhoto")
    assert photo.params["chat_id"] == 1001 and photo.params["caption"] == "42"  # text stays text
    assert isinstance(photo.params["photo"], UploadedFile)
    assert photo.params["photo"].data == b"\x89PNG..."

    url = f"{fake_bot_api.base_url}{fake_bot_api.token}"
    async with aiohttp.ClientSession() as session:
        async with session.post(f"{url}/sendChatAction",
                                json={"chat_id": 1001, "action": "typing"}) as response:
            assert await response.json() == {"ok": True, "result": True}
        async with session.get(f"{url}/getMe") as response:
            assert (await response.json())["result"]["supports_inline_queries"] is True
    assert fake_bot_api.calls_of("sendChatAction")[0].params == {"chat_id": 1001,
                                                                 "action": "typing"}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def test_webhook_delivery_and_secret_header(fake_bot_api: FakeBotAPI) -> None:
    app = ApplicationBuilder().token(fake_bot_api.token).base_url(fake_bot_api.base_url).build()
    app.add_handler(MessageHandler(filters.TEXT, echo))
    port = _free_port()
    await app.initialize()
    await app.start()
    await app.updater.start_webhook(listen="127.0.0.1", port=port, url_path="hook",
                                    webhook_url=f"http://127.0.0.1:{port}/hook",
                                    secret_token="s3cret")
    try:
        assert fake_bot_api.webhook is not None and fake_bot_api.webhook["secret_token"] == "s3cret"
        with pytest.raises(Exception, match="webhook is active"):
            await app.bot.get_updates()
        user = fake_bot_api.user(1001)
        assert (await fake_bot_api.post_webhook(fake_bot_api.private_text(user, "钩子")))[0] == 200
        (reply,) = await fake_bot_api.wait_for("sendMessage")
        status, _ = await fake_bot_api.post_webhook(fake_bot_api.private_text(user, "无密"),
                                                    secret_token=None)
        assert status == 403
        with pytest.raises(ValueError, match="non-loopback"):
            await fake_bot_api.post_webhook({}, url="https://example.com/hook")
    finally:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()
    assert reply.params["text"] == "echo: 钩子"
    assert len(fake_bot_api.calls_of("sendMessage")) == 1


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")  # int durations
async def test_other_update_builders_parse_in_ptb(fake_bot_api: FakeBotAPI) -> None:
    received: list[Update] = []
    all_in = asyncio.Event()

    async def collect(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        received.append(update)
        if len(received) == 8:
            all_in.set()

    user, origin = fake_bot_api.user(1001), fake_bot_api.user(3003, "原作者")
    async with polling_app(fake_bot_api, TypeHandler(Update, collect)) as app:
        fake_bot_api.group_chat(-4001)
        await app.bot.send_message(-4001, "机器人说")
        sent = fake_bot_api.private_text(user, "原话")
        fake_bot_api.edited_message(sent, "改过的话")
        fake_bot_api.channel_post(-1002000000001, "频道 @someone")
        fake_bot_api.sticker(user)
        fake_bot_api.photo(user, -4001, caption="图 /ask")
        fake_bot_api.voice(user, duration=5)
        fake_bot_api.forwarded(user, "转发", origin_user=origin)
        fake_bot_api.group_text(user, -4001, "回复你", reply_to_bot=True)
        await asyncio.wait_for(all_in.wait(), 5)

    edited, post, sticker, photo, voice, forwarded, reply = (
        u.effective_message for u in received[1:])
    assert received[0].message.text == "原话" and received[1].edited_message is not None
    assert edited.text == "改过的话" and edited.message_id == received[0].message.message_id
    assert edited.edit_date is not None
    assert post.chat.type == ChatType.CHANNEL and post.sender_chat.id == -1002000000001
    assert post.parse_entities() == {post.entities[0]: "@someone"}
    assert sticker.sticker.emoji == "👍" and sticker.chat.type == ChatType.PRIVATE
    assert photo.photo[-1].width == 800 and photo.chat.id == -4001
    assert photo.parse_caption_entities() == {photo.caption_entities[0]: "/ask"}
    assert voice.voice.duration == dt.timedelta(seconds=5) and voice.voice.mime_type == "audio/ogg"
    assert forwarded.forward_origin.sender_user.id == 3003
    assert reply.reply_to_message.from_user.id == app.bot.id
    assert reply.reply_to_message.text == "机器人说"
