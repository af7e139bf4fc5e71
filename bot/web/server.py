"""`interview-qa serve`: the web on uvicorn, and the Telegram bot in the same process and event loop when a token is
set (python-telegram-bot's custom-webhook pattern: in webhook mode the Application has no Updater and this server's
route queues Telegram's updates; in polling mode its Updater polls as it does alone).

`WebServer` is the unit tests start too (`async with WebServer(config) as server: server.url`). Start-up order:
the model and index are opened (seconds), the bot is started (getMe, then polling or setWebhook), then the socket
listens and the log says `web: http://HOST:PORT/`. SIGINT/SIGTERM stop the server, then the bot, cleanly.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import socket
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import uvicorn

from bot.config import AppConfig
from bot.web.app import create_app
from bot.web.state import WebState, default_searcher_factory
from index.errors import ConfigError, InterviewQAError

if TYPE_CHECKING:
    from bot.telegram.state import BotApplication
    from index.search.searcher import Searcher

log = logging.getLogger("interview_qa.web")
BOOTSTRAP_RETRIES = 3  # setWebhook at start-up
STARTUP_POLL_S = 0.01
SHUTDOWN_GRACE_S = 5


class _Server(uvicorn.Server):
    """uvicorn, without its own signal handling: `serve_forever` handles SIGINT/SIGTERM and stops the bot too."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


@contextlib.contextmanager
def _bot_errors(config: AppConfig) -> Iterator[None]:
    """The Bot API's refusals at start-up as one clear line (the token never in it)."""
    from telegram.error import InvalidToken, NetworkError

    from bot.telegram.redaction import redact

    try:
        yield
    except InvalidToken:
        raise ConfigError("the Bot API rejected TELEGRAM_BOT_TOKEN (check the token BotFather gave you)") from None
    except NetworkError as error:
        raise InterviewQAError(f"cannot reach the Bot API at {config.telegram_base_url or 'api.telegram.org'}: "
                               f"{redact(str(error))}") from None


class WebServer:
    """The web app on uvicorn, with the bot when `token` is given. `start()` returns once it accepts requests."""

    def __init__(self, config: AppConfig, token: str | None = None,
                 searcher_factory: Callable[[], Searcher] | None = None,
                 reloader: Callable[..., Any] | None = None, environ: dict[str, str] | None = None) -> None:
        self.config = config
        self.token = (token or "").strip() or None
        self.state = WebState(config, searcher_factory or default_searcher_factory(config), reloader, environ)
        self.bot: BotApplication | None = None
        self.url = ""
        self._server: _Server | None = None
        self._task: asyncio.Task[None] | None = None
        self._webhook_secret: str | None = None

    # -- start ----------------------------------------------------------------------------------------------------
    async def start(self) -> str:
        self._check_telegram()
        sock = self._bind()
        try:
            if self.token:
                await self._connect_bot()  # getMe first: a wrong token or an unreachable API fails fast
            await asyncio.get_running_loop().run_in_executor(None, self.state.open)
            if self.bot is not None:
                await self._start_bot()
            webhook = self.config.telegram.webhook.path if self.bot is not None and self._webhook else None
            app = create_app(self.state, webhook, self._webhook_secret)
            uv = uvicorn.Config(app, log_config=None, access_log=False, lifespan="off", server_header=False,
                                proxy_headers=False, timeout_graceful_shutdown=SHUTDOWN_GRACE_S)
            self._server = _Server(uv)
            self._task = asyncio.create_task(self._server.serve(sockets=[sock]))
            while not self._server.started:
                if self._task.done():
                    self._task.result()
                    raise InterviewQAError("the web server stopped while starting")
                await asyncio.sleep(STARTUP_POLL_S)
        except BaseException:
            sock.close()
            await self._stop_bot()
            self.state.close()
            raise
        host, port = sock.getsockname()[:2]
        shown = f"[{host}]" if ":" in host else host
        self.url = f"http://{shown}:{port}/"
        log.info("web: %s", self.url)
        return self.url

    @property
    def _webhook(self) -> bool:
        return self.config.telegram.mode == "webhook"

    def _check_telegram(self) -> None:
        if not self.token or not self._webhook:
            return
        from bot.telegram.app import _check_webhook, webhook_secret

        secret = webhook_secret(self.config)
        _check_webhook(self.config, secret)
        if not secret:
            raise ConfigError("telegram.mode is webhook but no secret token is set: set TELEGRAM_WEBHOOK_SECRET to "
                              "32 or more random characters (A-Z a-z 0-9 _ -); a webhook without one is refused")
        self._webhook_secret = secret

    def _bind(self) -> socket.socket:
        host, port = self.config.web.host, self.config.web_port
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        # IPPROTO_TCP, not 0: asyncio sets TCP_NODELAY only on sockets that say they are TCP; without it a
        # keep-alive client waits ~40 ms for every response of more than one segment (Nagle + delayed ACK)
        sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError as error:
            sock.close()
            raise ConfigError(f"the web server cannot listen on {host}:{port} ({error.strerror or error}); "
                              f"set web.port in config.yaml or INTERVIEW_QA_WEB_PORT (0: a free port)") from None
        sock.listen(2048)
        sock.setblocking(False)
        return sock

    async def _connect_bot(self) -> None:
        """The Application built and initialised (getMe): the token checked before the model is loaded."""
        from telegram.error import TelegramError

        from bot.telegram.app import build_application

        assert self.token is not None
        front = lambda: self.state.front("telegram")  # noqa: E731 - opened by the time post_init asks for it
        app = build_application(self.config, self.token, front, self.state.bot_reload,  # type: ignore[arg-type]
                                updater=not self._webhook)
        metrics = self.state.metrics

        async def count_error(update: object, context: Any) -> None:
            if isinstance(context.error, TelegramError):
                metrics.telegram_errors.labels(type(context.error).__name__).inc()

        app.add_error_handler(count_error)
        self.bot = app
        with _bot_errors(self.config):
            await app.initialize()

    async def _start_bot(self) -> None:
        """post_init (the conversation over the opened searcher), then polling or the webhook, then the handlers."""
        from telegram import Update

        app = self.bot
        assert app is not None
        front = self.state.front("telegram")
        front.counting = False  # the bot's example questions at start are not questions asked
        with _bot_errors(self.config):
            assert app.post_init is not None
            await app.post_init(app)
            front.counting = True
            if self._webhook:
                await self._set_webhook(app)
            else:
                assert app.updater is not None
                await app.updater.start_polling(allowed_updates=Update.ALL_TYPES, bootstrap_retries=BOOTSTRAP_RETRIES)
            await app.start()
        self.state.bot = app
        log.info("telegram: %s", "webhook at /" + self.config.telegram.webhook.path.strip("/")
                 if self._webhook else "polling")

    async def _set_webhook(self, app: BotApplication) -> None:
        from telegram import Update
        from telegram.error import InvalidToken, NetworkError

        for attempt in range(BOOTSTRAP_RETRIES + 1):
            try:
                await app.bot.set_webhook(self.config.telegram.webhook.url or "", secret_token=self._webhook_secret,
                                          allowed_updates=Update.ALL_TYPES)
                return
            except InvalidToken:
                raise
            except NetworkError as error:
                if attempt == BOOTSTRAP_RETRIES:
                    raise
                log.warning("setWebhook failed (%s); retry %d of %d", error, attempt + 1, BOOTSTRAP_RETRIES)
                await asyncio.sleep(1.0 * 2 ** attempt)

    # -- stop -----------------------------------------------------------------------------------------------------
    async def stop(self) -> None:
        if self._server is not None and self._task is not None:
            self._server.should_exit = True
            with contextlib.suppress(Exception):
                await self._task
        await self._stop_bot()
        self.state.close()

    async def _stop_bot(self) -> None:
        app, self.bot, self.state.bot = self.bot, None, None
        if app is None:
            return
        from telegram.error import TelegramError

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

    @property
    def task(self) -> asyncio.Task[None] | None:
        return self._task

    async def __aenter__(self) -> WebServer:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()


async def serve_forever(config: AppConfig, token: str | None,
                        searcher_factory: Callable[[], Searcher] | None = None) -> None:
    """Serves until SIGINT/SIGTERM (or until the server stops by itself)."""
    server = WebServer(config, token, searcher_factory)
    await server.start()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    try:
        waiter = asyncio.create_task(stop.wait())
        assert server.task is not None
        await asyncio.wait({waiter, server.task}, return_when=asyncio.FIRST_COMPLETED)
        waiter.cancel()
    finally:
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(sig)
        log.info("stopping the web%s", " and the bot" if token else "")
        await server.stop()


def run(config: AppConfig, token: str | None) -> None:
    asyncio.run(serve_forever(config, token))
