"""The JSON API: the command line's objects over HTTP.

- `GET /api/search?q=&top_k=&bureau=&history=`: exactly `interview-qa search --json` (`SearchResult.to_dict()`);
  `history` (repeatable, oldest first) holds the earlier questions of the conversation a follow-up is read with.
- `POST /api/verify` (JSON `{"claim": str}` or a form field `claim`): exactly `interview-qa verify --json`.
- `GET /api/passages/<id>`: the passage object (a search hit without its score), and its permalink.
Errors are `{"error": str}` with a 4xx status.
"""

from __future__ import annotations

import json

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from bot import texts
from bot.web.common import limited, render_error, state_of
from bot.web.pages import clean_param, history_param
from bot.web.views import permalink
from index.errors import UnknownBureauError
from index.limits import MAX_TOP_K, MAX_CLAIM_CHARS



def _json(data: object, status: int = 200) -> JSONResponse:
    return JSONResponse(data, status_code=status, headers={"cache-control": "no-store"})


async def search(request: Request) -> Response:
    refused = await limited(request)  # every request counts, a refused one too
    if refused is not None:
        return refused
    state = state_of(request)
    query = clean_param(request.query_params.get("q"))
    if not query:
        return render_error(request, 400, texts.API_ERROR_QUERY)
    raw_top_k = request.query_params.get("top_k")
    top_k = None
    if raw_top_k not in (None, ""):
        if not raw_top_k.isascii() or not raw_top_k.isdigit() or not 1 <= int(raw_top_k) <= MAX_TOP_K:
            return render_error(request, 400, texts.API_ERROR_TOP_K)
        top_k = int(raw_top_k)
    bureau = clean_param(request.query_params.get("bureau"), 200) or None
    if bureau is not None:
        try:
            bureau = state.searcher.resolve_bureau(bureau)  # as `search --bureau`: 海洋局 for 威海市海洋发展局
        except UnknownBureauError as error:
            return render_error(request, 400, texts.unknown_bureau(error.given, error.close, error.names))
    history = history_param(request, "history", state.config.search.max_query_chars)
    result = await state.search(query, top_k=top_k, bureau=bureau, frontend="api", history=history)
    return _json(result.to_dict())


async def verify(request: Request) -> Response:
    refused = await limited(request)
    if refused is not None:
        return refused
    state = state_of(request)
    claim = await _claim(request)
    if claim is None:
        return render_error(request, 400, texts.API_ERROR_JSON)
    if not claim:
        return render_error(request, 400, texts.API_ERROR_CLAIM)
    from index.claims.verdict import check_claim

    searcher = state.searcher
    verification = await state.run(check_claim, searcher, claim[:MAX_CLAIM_CHARS])
    state.metrics.claims.labels(verification.verdict).inc()
    return _json(verification.to_dict())


async def _claim(request: Request) -> str | None:
    """The claim of a JSON or form body; "" when missing; None when the JSON is not valid."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind in ("application/x-www-form-urlencoded", "multipart/form-data"):
        form = await request.form()
        value = form.get("claim")
        return clean_param(value if isinstance(value, str) else "", MAX_CLAIM_CHARS * 2)
    body = await request.body()
    try:
        data = json.loads(body.decode("utf-8")) if body.strip() else {}
    except (UnicodeDecodeError, ValueError, RecursionError):  # RecursionError: JSON nested ~1,000 levels deep
        return None
    value = data.get("claim") if isinstance(data, dict) else None
    return clean_param(value if isinstance(value, str) else "", MAX_CLAIM_CHARS * 2)


async def passage(request: Request) -> Response:
    refused = await limited(request)
    if refused is not None:
        return refused
    state = state_of(request)
    found = state.searcher.passage(request.path_params["passage_id"])
    if found is None:
        return render_error(request, 404, texts.PASSAGE_NOT_FOUND)
    data = found.to_dict()
    data["interview_id"] = found.interview_id
    data["permalink"] = permalink(found)
    return _json(data)
