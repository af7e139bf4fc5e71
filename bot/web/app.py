"""The ASGI app: routes, middleware (the client behind a trusted proxy, security headers, body cap, signed staff
session), error pages, /healthz, /metrics and the Telegram webhook route. `create_app(state)` over a `WebState`
that `bot.web.server` opens first."""

from __future__ import annotations

import hmac
import json
import logging
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from bot import texts
from bot.web import api, pages, staff
from bot.web.common import render_error, state_of
from bot.web.metrics import CONTENT_TYPE
from bot.web.security import SESSION_COOKIE, BodyLimit, SecurityHeaders, session_key
from bot.web.state import WebState

log = logging.getLogger("interview_qa.web")
STATIC = Path(__file__).with_name("static")
SECRET_HEADER = "x-telegram-bot-api-secret-token"
MAX_UPDATE_BYTES = 1_000_000


async def healthz(request: Request) -> Response:
    state = state_of(request)
    searcher = state.searcher
    manifest = searcher.data.manifest
    model = manifest.get("model") if isinstance(manifest.get("model"), dict) else {}
    return JSONResponse({
        "status": "ok",
        "passages": searcher.passage_count,
        "interviews": len({p.interview_id for p in searcher.data.passages}),
        "bureaus": len(searcher.bureaus()),
        "index": {"build": searcher.data.build, "created": manifest.get("created"), "loaded_at": state.built_at},
        "model": {"name": model.get("name"), "fingerprint": model.get("fingerprint"), "dim": model.get("dim")},
        "telegram": None if state.bot is None else state.config.telegram.mode,
        "query_log": state.query_log is not None,
        "state": state.store.kind,
        "staff_console": state.staff_token is not None,
    }, headers={"cache-control": "no-store"})


async def metrics(request: Request) -> Response:
    return Response(state_of(request).metrics.render(), media_type=CONTENT_TYPE,
                    headers={"cache-control": "no-store"})


async def telegram_webhook(request: Request) -> Response:
    """Telegram's POSTs in webhook mode: the secret header checked in constant time, the update queued."""
    state = state_of(request)
    bot, secret = state.bot, request.app.state.webhook_secret
    if bot is None or secret is None:
        return Response(status_code=404)
    given = request.headers.get(SECRET_HEADER, "")
    if not hmac.compare_digest(given.encode("utf-8", "surrogateescape"), secret.encode("utf-8")):
        log.warning("webhook request without the right secret token refused")
        return Response(texts.TELEGRAM_FORBIDDEN, status_code=403)
    body = await request.body()
    if len(body) > MAX_UPDATE_BYTES:
        return Response(status_code=413)
    from bot.telegram.app import feed_webhook

    try:
        payload = json.loads(body)
    except (UnicodeDecodeError, ValueError):
        return Response(status_code=400)
    return Response(status_code=200 if isinstance(payload, dict) and await feed_webhook(bot, payload) else 400)


async def _http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, HTTPException)
    message = {404: texts.NOT_FOUND_PAGE, 405: texts.BAD_REQUEST}.get(error.status_code, texts.BAD_REQUEST)
    return render_error(request, error.status_code, message, dict(error.headers or {}))


async def _server_error(request: Request, error: Exception) -> Response:
    log.error("error on %s %s: %s", request.method, request.url.path, error, exc_info=error)
    return render_error(request, 500, texts.SERVER_ERROR)


def create_app(state: WebState, webhook_path: str | None = None, webhook_secret: str | None = None) -> Starlette:
    """The app over an opened state; with `webhook_path`, Telegram's updates are accepted there."""
    web = state.config.web
    secure_cookie = bool(web.public_url and web.public_url.startswith("https://"))
    routes: list[Any] = [
        Route("/", pages.home),
        Route("/search", pages.search),
        Route("/interviews", pages.interviews),
        Route("/i/{interview_id:str}", pages.interview),
        Route("/p/{passage_id:str}", pages.passage),
        Route("/api/search", api.search),
        Route("/api/verify", api.verify, methods=["POST"]),
        Route("/api/passages/{passage_id:str}", api.passage),
        Route("/staff", staff.console),
        Route("/staff/login", staff.login_page, methods=["GET"]),
        Route("/staff/login", staff.login, methods=["POST"]),
        Route("/staff/logout", staff.logout, methods=["POST"]),
        Route("/staff/claim", staff.check_claim, methods=["POST"]),
        Route("/staff/text", staff.check_text, methods=["POST"]),
        Route("/staff/reload", staff.reload, methods=["POST"]),
        Route("/staff/log", staff.query_log),
        Route("/staff/log.csv", staff.csv_download),
        Route("/staff/charts/{name:str}.svg", staff.chart),
        Route("/healthz", healthz),
        Route("/metrics", metrics),
        Mount("/static", StaticFiles(directory=str(STATIC)), name="static"),
    ]
    if webhook_path:
        routes.append(Route("/" + webhook_path.strip("/"), telegram_webhook, methods=["POST"]))
    middleware = [
        Middleware(SecurityHeaders),
        Middleware(BodyLimit, limit=web.max_body_kb * 1024, message=texts.BODY_TOO_LARGE),
        Middleware(SessionMiddleware, secret_key=session_key(state.staff_token), session_cookie=SESSION_COOKIE,
                   max_age=int(web.staff_session_hours * 3600), same_site="strict", https_only=secure_cookie),
    ]
    if web.trust_proxy:  # outermost: every other layer and route sees the client, not the proxy
        middleware.insert(0, Middleware(ProxyHeadersMiddleware, trusted_hosts=[str(h) for h in web.trusted_proxies]))
    app = Starlette(routes=routes, middleware=middleware,
                    exception_handlers={HTTPException: _http_error, Exception: _server_error})
    app.state.web = state
    app.state.webhook_secret = webhook_secret
    return app
