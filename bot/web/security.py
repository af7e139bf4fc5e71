"""What keeps the web safe: security headers on every response (a Content-Security-Policy without inline script),
a cap on request bodies, the client's address (behind a trusted proxy: uvicorn's ProxyHeadersMiddleware), the staff
secret and session, CSRF tokens on forms. (The per-address limit on searches: bot.ratelimit.)

The staff secret comes only from INTERVIEW_QA_STAFF_TOKEN (at least MIN_STAFF_TOKEN_CHARS characters; without it
the console is off). It is compared in constant time, never logged, and the session cookie is signed
(itsdangerous, through Starlette's SessionMiddleware) with a key derived from it: changing the secret signs every
staff member out.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from collections.abc import Awaitable, Callable, Mapping, MutableMapping
from typing import Annotated, Any

from limits import RateLimitItemPerMinute
from limits.storage import MemoryStorage, Storage
from limits.strategies import MovingWindowRateLimiter
from pydantic import BeforeValidator, Field, SecretStr

from starlette.requests import Request

from bot.web.sessions import SessionStore
from index.environment import Environment, blank_is_unset, reveal

STAFF_TOKEN_ENV = "INTERVIEW_QA_STAFF_TOKEN"
MIN_STAFF_TOKEN_CHARS = 16
SESSION_COOKIE = "iqa_session"
LOGIN_FAILURES_PER_MINUTE = 5  # per client address and per session; then every try waits, a wrong one gets 429
LOCKED_LOGIN_DELAY_S = 2.0  # what each login try waits while its address or session is locked
# Pages load nothing but their own CSS and images; no script at all, no inline style; forms post only here.
# Telegram's web client shows a Mini App in a frame: it may frame the pages, no one else may.
CSP = ("default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; "
       "frame-ancestors 'self' https://web.telegram.org")
# The charts are SVG images drawn by matplotlib, whose markup styles itself; as images they run no script.
SVG_CSP = "default-src 'none'; style-src 'unsafe-inline'"
HEADERS = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class SecurityHeaders:
    """Adds the security headers to every HTTP response; a response that sets its own CSP keeps it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {name.lower() for name, _ in headers}
                if b"content-security-policy" not in names:
                    headers.append((b"content-security-policy", CSP.encode()))
                headers += [(n, v) for n, v in HEADERS if n not in names]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyLimit:
    """Refuses a request body larger than `limit` bytes with 413 (from its Content-Length, or while reading it)."""

    def __init__(self, app: ASGIApp, limit: int, message: str) -> None:
        self.app, self.limit, self.message = app, limit, message

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            return await self.app(scope, receive, send)
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            return await self._refuse(send)
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.limit:
                return await self._refuse(send)
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _refuse(self, send: Send) -> None:
        body = self.message.encode("utf-8")
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                                (b"content-length", str(len(body)).encode()), (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})


def client_address(request: Request) -> str:
    """The client's address: behind a trusted proxy (`web.trust_proxy`) uvicorn's ProxyHeadersMiddleware has put
    the X-Forwarded-For client in its place; otherwise the peer's."""
    return request.client.host if request.client else "unknown"


# -- staff ---------------------------------------------------------------------------------------------------------
class StaffEnvironment(Environment):
    token: Annotated[SecretStr | None, BeforeValidator(blank_is_unset)] = Field(None, validation_alias=STAFF_TOKEN_ENV)


def staff_token(environ: Mapping[str, str] | None = None) -> str | None:
    """The staff secret, or None (the console is off) when unset or too short."""
    value = reveal(StaffEnvironment.read(environ).token) or ""
    return value if len(value) >= MIN_STAFF_TOKEN_CHARS else None


def session_key(token: str | None) -> str:
    """The key that signs session cookies: derived from the staff secret, random when there is none."""
    if token is None:
        return secrets.token_hex(32)
    return hmac.new(token.encode("utf-8"), b"interview-qa web session v1", hashlib.sha256).hexdigest()


def same_secret(given: str, token: str) -> bool:
    """Constant-time comparison (of digests, so the time does not depend on the lengths either)."""
    a = hashlib.sha256(given.encode("utf-8", "surrogatepass")).digest()
    b = hashlib.sha256(token.encode("utf-8")).digest()
    return hmac.compare_digest(a, b)


def csrf_token(request: Request) -> str:
    """This session's CSRF token (made on first use)."""
    token = request.session.get("csrf")
    if not isinstance(token, str) or len(token) < 32:
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return token


def csrf_ok(request: Request, given: object) -> bool:
    expected = request.session.get("csrf")
    return isinstance(given, str) and isinstance(expected, str) and hmac.compare_digest(given, expected)


def is_staff(request: Request, max_age_seconds: float, sessions: SessionStore) -> bool:
    """A signed-in staff session that has not expired and was not ended (signed out) on the server."""
    since, session_id = request.session.get("staff_since"), request.session.get("sid")
    return (isinstance(since, (int, float)) and 0 <= time.time() - since <= max_age_seconds
            and isinstance(session_id, str) and sessions.active(session_id))


def sign_in(request: Request, max_age_seconds: float, sessions: SessionStore) -> None:
    request.session.clear()
    request.session["staff_since"] = time.time()
    request.session["sid"] = sessions.start(max_age_seconds)
    request.session["csrf"] = secrets.token_urlsafe(32)  # a new token after login


def sign_out(request: Request, sessions: SessionStore) -> None:
    """Ends the session on the server (a copy of the cookie opens nothing any more) and clears the cookie."""
    session_id = request.session.get("sid")
    if isinstance(session_id, str):
        sessions.end(session_id)
    request.session.clear()


class LoginGuard:
    """Failed staff logins over the last minute, counted per client address and per browser session (the `limits`
    library's moving window, in the state's storage: every replica's failures together). Past `per_minute` failures
    the address (or session) is locked: each try first waits LOCKED_LOGIN_DELAY_S and a wrong one gets 429, but the
    right secret still signs in. So guessing stays slow, and an attacker's failures (from behind the same proxy
    address, say) cannot keep staff out. Blocking with a database: call it off the event loop."""

    def __init__(self, per_minute: int, storage: Storage | None = None) -> None:
        self.per_minute = per_minute
        self._limiter = MovingWindowRateLimiter(storage if storage is not None else MemoryStorage())
        self._item = RateLimitItemPerMinute(max(1, per_minute), namespace="staff-login")

    def locked(self, address: str, session: str) -> bool:
        return any(not self._limiter.test(self._item, key) for key in self._keys(address, session))

    def failed(self, address: str, session: str) -> bool:
        """Counts a failure; True when it locks the address or the session (a lockout to log)."""
        began = False
        for key in self._keys(address, session):
            counted = self._limiter.hit(self._item, key)
            began |= counted and self._limiter.get_window_stats(self._item, key).remaining == 0
        return began

    @staticmethod
    def _keys(address: str, session: str) -> tuple[str, str]:
        return "a:" + address, "s:" + session
