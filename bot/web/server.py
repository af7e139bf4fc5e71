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
STARTUP_POLL_S = 0.01
SHUTDOWN_GRACE_S = 5


class _Server(uvicorn.Server):
    """uvicorn, without its own signal handling: `serve_forever` handles SIGINT/SIGTERM and stops the bot too."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


class WebServer:
    """The web app on uvicorn, with the bot when `token` is given. `start()` returns once it accepts requests."""

    def __init__(self, config: AppConfig, token: str | None = None,
                 searcher_factory: Callable[[], Searcher] | None = None,
                 reloader: Callable[..., Any] | None = None, environ: dict[str, str] | None = None) -> None:
        self.config = config
        self.token = (token or "").strip() or None
        self.state = WebState(config, searcher_factory or default_searcher_factory(
            config, on_refreshed=lambda searcher, report: self.state.refreshed(searcher, report)), reloader, environ)
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
            if self.token and not self._webhook:  # Telegram gives updates to one poller: refuse a second one
                from bot.state.base import bot_id_of

                await asyncio.to_thread(self.state.store.hold_poller, bot_id_of(self.token))
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
        if self.token and self._webhook:
            from bot.telegram.app import check_embedded_webhook

            self._webhook_secret = check_embedded_webhook(self.config)

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
        from bot.telegram.app import open_embedded

        assert self.token is not None
        front = lambda: self.state.front("telegram")  # noqa: E731 - opened by the time post_init asks for it
        errors = self.state.metrics.telegram_errors
        self.bot = await open_embedded(self.config, self.token, front, self.state.bot_reload,
                                       lambda name: errors.labels(name).inc(), state=self.state.store)

    async def _start_bot(self) -> None:
        """post_init (the conversation over the opened searcher), then polling or the webhook, then the handlers."""
        from bot.telegram.app import start_embedded

        assert self.bot is not None
        front = self.state.front("telegram")
        front.counting = False  # the bot's example questions at start are not questions asked
        try:
            await start_embedded(self.bot, self._webhook_secret)
        finally:
            front.counting = True
        self.state.bot = self.bot
        log.info("telegram: %s", "webhook at /" + self.config.telegram.webhook.path.strip("/")
                 if self._webhook else "polling")

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
        if app is not None:
            from bot.telegram.app import stop_embedded

            await stop_embedded(app)

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
    """Serves until SIGINT/SIGTERM (or until the server stops by itself). The handlers are installed before the
    server starts: a signal that arrives while it starts (the bot may already be answering) stops it cleanly once
    it has started, instead of killing it mid-reply. (A first index build is atomic: a SIGKILL after the service
    manager's stop timeout leaves the previous index or none, never half of one.)"""
    server = WebServer(config, token, searcher_factory)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    try:
        await server.start()  # a failed start cleans up after itself and raises
    except BaseException:
        _remove_signal_handlers(loop)
        raise
    try:
        waiter = asyncio.create_task(stop.wait())
        assert server.task is not None
        await asyncio.wait({waiter, server.task}, return_when=asyncio.FIRST_COMPLETED)
        waiter.cancel()
    finally:
        _remove_signal_handlers(loop)
        log.info("stopping the web%s", " and the bot" if token else "")
        await server.stop()


def _remove_signal_handlers(loop: asyncio.AbstractEventLoop) -> None:
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.remove_signal_handler(sig)


def run(config: AppConfig, token: str | None) -> None:
    asyncio.run(serve_forever(config, token))
