"""The public pages: ask (/), answers (/search), the interviews by bureau (/interviews), an interview whole
(/i/<id>, each passage an element id="p-<passage id>"), a passage's permalink (/p/<id>)."""

from __future__ import annotations

import logging
import time
from typing import Any

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from bot import texts
from bot.web.common import limited, page, render_error, state_of
from bot.web.views import ResultView, interview_passages, interview_view, interviews_by_bureau, permalink
from index.dialogue.phrasing import changes_topic
from index.dialogue.turns import MAX_TURNS

log = logging.getLogger("interview_qa.web")
MAX_PARAM_CHARS = 2000  # a longer q= is cut before it is even normalised (the searcher caps it further)


def clean_param(value: str | None, limit: int = MAX_PARAM_CHARS) -> str:
    """A query parameter as text: stripped, control characters dropped, capped."""
    text = "".join(ch for ch in (value or "") if ch in "\t\n" or ch.isprintable())
    return text.strip()[:limit]


def bureau_param(request: Request, bureaus: list[tuple[str, int]]) -> str | None:
    """The bureau filter, when it names a bureau of the corpus (anything else: no filter)."""
    wanted = clean_param(request.query_params.get("bureau"), 200)
    return wanted if wanted and any(wanted == b for b, _ in bureaus) else None


def history_param(request: Request, name: str, limit: int) -> list[str]:
    """The earlier questions of the conversation a request carries (`prev=` or `history=`, repeatable, oldest
    first): the last MAX_TURNS, each cleaned and capped."""
    values = [clean_param(v, limit) for v in request.query_params.getlist(name)]
    return [v for v in values if v][-MAX_TURNS:]


async def home(request: Request) -> Response:
    state = state_of(request)
    searcher = state.searcher
    return page(request, "index.html", {
        "bureaus": searcher.bureaus(), "examples": state.examples, "query": "", "bureau": None,
        "passages": searcher.passage_count,
    })


async def search(request: Request) -> Response:
    state = state_of(request)
    query = clean_param(request.query_params.get("q"))
    bureaus = state.searcher.bureaus()
    bureau = bureau_param(request, bureaus)
    prev = history_param(request, "prev", state.config.search.max_query_chars)
    if (rest := changes_topic(query)) is not None:  # 换个话题，…: the question alone, the conversation dropped
        query, prev = rest, []
    if not query:
        return RedirectResponse("/", status_code=303)
    refused = await limited(request)
    if refused is not None:
        return refused
    began = time.perf_counter()
    result = await state.search(query, bureau=bureau, frontend="web", history=prev)
    if state.query_log is not None:
        await state.run(_log, state, query, result)
    view = ResultView.of(result, bureau)
    log.debug("web search %.1f ms", (time.perf_counter() - began) * 1000)
    return page(request, "search.html", {"result": view, "query": query, "bureau": bureau, "bureaus": bureaus,
                                          "title": texts.search_title(query), "examples": state.examples,
                                          "prev": [*prev, query][-MAX_TURNS:]})


def _log(state: Any, query: str, result: Any) -> None:
    from index.errors import InterviewQAError

    try:
        state.query_log.record("web", None, query, result)
    except InterviewQAError as error:  # logging never costs an answer
        log.warning("query log: %s", error)


async def interviews(request: Request) -> Response:
    state = state_of(request)
    return page(request, "interviews.html", {"groups": interviews_by_bureau(state.searcher.data.passages)})


async def interview(request: Request) -> Response:
    state = state_of(request)
    interview_id = request.path_params["interview_id"]
    passages = interview_passages(state.searcher.data.passages, interview_id)
    if not passages:
        return render_error(request, 404, texts.INTERVIEW_NOT_FOUND)
    source = await state.run(state.interview_source, passages[0].file)
    view = interview_view(passages, source)
    return page(request, "interview.html", {"interview": view, "title": view.title})


async def passage(request: Request) -> Response:
    state = state_of(request)
    found = state.searcher.passage(request.path_params["passage_id"])
    if found is None:
        return render_error(request, 404, texts.PASSAGE_NOT_FOUND)
    return RedirectResponse(permalink(found), status_code=302)
