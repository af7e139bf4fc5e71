"""Helpers every route uses: the state, rendering a page or an error, the per-address limit."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.templating import Jinja2Templates

from bot import texts
from bot.conversation.actions import bureau_token
from bot.web.security import client_address, csrf_token, is_staff
from bot.web.state import WebState
from index.errors import InterviewQAError

log = logging.getLogger("interview_qa.web")

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).with_name("templates")))
TEMPLATES.env.globals["t"] = texts
TEMPLATES.env.trim_blocks = True
TEMPLATES.env.lstrip_blocks = True
TEMPLATES.env.filters["anchor"] = lambda bureau: "b-" + bureau_token(bureau)
TEMPLATES.env.tests["http_url"] = lambda value: isinstance(value, str) and value.startswith(("https://", "http://"))


def state_of(request: Request) -> WebState:
    return request.app.state.web  # type: ignore[no-any-return]


def page(request: Request, template: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
    state = state_of(request)
    staff_on = state.staff_token is not None
    context = {"staff_on": staff_on, "nav_staff": staff_on, "query": "", "bureau": None, **context}
    if "csrf" in context or template.startswith("staff"):
        context["csrf"] = csrf_token(request)
    if "signed_in" not in context:  # a staff page's guard knows already: no second look at the sessions
        context["signed_in"] = staff_on and (getattr(request.state, "staff", False) or is_staff(
            request, state.config.web.staff_session_hours * 3600, state.sessions))
    return TEMPLATES.TemplateResponse(request, template, context, status_code=status,
                                      headers={"cache-control": "no-store" if template.startswith("staff")
                                               else "no-cache"})


def render_error(request: Request, status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    """An error as a page (or as JSON under /api/), never a traceback."""
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": message}, status_code=status, headers=headers)
    response = TEMPLATES.TemplateResponse(request, "error.html", {"message": message, "t": texts, "query": "",
                                                                  "bureau": None, "nav_staff": False},
                                          status_code=status)
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


async def limited(request: Request) -> Response | None:
    """None and the request counted, or the 429 page when this address asked too often (counted in the state:
    off the event loop)."""
    state = state_of(request)
    try:
        wait = await asyncio.to_thread(state.limiter.wait, client_address(request))
    except InterviewQAError as error:  # the state cannot be reached: the search is answered, the blip logged
        log.warning("rate limit not checked: %s", error)
        return None
    if not wait:
        return None
    state.metrics.rate_limited.inc()
    seconds = int(wait) + 1
    return render_error(request, 429, texts.too_many_requests(seconds), {"retry-after": str(seconds)})
