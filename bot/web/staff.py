"""The staff console (/staff), behind a login with the staff secret (INTERVIEW_QA_STAFF_TOKEN): check a claim, check
a whole text (pasted or uploaded), the query log's report with charts and a CSV download, reload the index.

Without a session, pages redirect to the login (GET) or answer 401 (POST, charts, CSV); every form carries the
session's CSRF token; without the secret set the console is off (404 with the reason).
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass
from typing import Any

from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response

from bot import texts
from bot.web.common import page, render_error, state_of
from bot.web.pages import clean_param
from bot.web import security
from bot.web.security import SVG_CSP, client_address, csrf_ok, is_staff, same_secret, sign_in, sign_out
from bot.web.views import HitView, Piece, find_all, marked
from index.limits import MAX_DOCUMENT_CHARS

log = logging.getLogger("interview_qa.web")
CHARTS = ("daily", "top", "unanswered", "disliked")
MAX_WARNINGS_SHOWN = 50  # corpus warnings listed after a reload (all of them go to the log)


def _max_age(request: Request) -> float:
    return state_of(request).config.web.staff_session_hours * 3600


def _guard(request: Request, *, form: bool = False) -> Response | None:
    """None for a signed-in staff member; else the console-off page, a redirect to the login, or 401."""
    state = state_of(request)
    if state.staff_token is None:
        return render_error(request, 404, texts.STAFF_OFF)
    if is_staff(request, _max_age(request), state.sessions):
        request.state.staff = True  # the page it renders need not look at the sessions again
        return None
    if request.method == "GET" and not form:
        return RedirectResponse("/staff/login", status_code=303)
    return render_error(request, 401, texts.STAFF_LOGIN_REQUIRED)


async def _checked_form(request: Request) -> tuple[Any, Response | None]:
    """The form of a staff POST, or the response refusing it (not signed in, or a stale CSRF token)."""
    refused = _guard(request, form=True)
    if refused is not None:
        return None, refused
    form = await request.form(max_files=1, max_fields=20)
    if not csrf_ok(request, form.get("csrf")):
        return None, render_error(request, 403, texts.STAFF_CSRF)
    return form, None


# -- login ---------------------------------------------------------------------------------------------------------
async def login_page(request: Request) -> Response:
    state = state_of(request)
    if state.staff_token is None:
        return render_error(request, 404, texts.STAFF_OFF)
    if is_staff(request, _max_age(request), state.sessions):
        return RedirectResponse("/staff", status_code=303)
    return page(request, "staff_login.html", {"title": texts.STAFF_LOGIN_TITLE, "error": None, "csrf": True})


async def login(request: Request) -> Response:
    state = state_of(request)
    if state.staff_token is None:
        return render_error(request, 404, texts.STAFF_OFF)
    form = await request.form(max_files=0, max_fields=5)
    context = {"title": texts.STAFF_LOGIN_TITLE, "csrf": True}
    if not csrf_ok(request, form.get("csrf")):
        return page(request, "staff_login.html", {**context, "error": texts.STAFF_CSRF}, 403)
    address = client_address(request)
    session = str(request.session.get("csrf"))  # the login form's session: counted apart from the address
    locked = await asyncio.to_thread(state.logins.locked, address, session)  # the state: maybe a database
    if locked:  # every try waits, the right secret still gets in: failures of others cannot keep staff out
        await asyncio.sleep(security.LOCKED_LOGIN_DELAY_S)
    given = form.get("token")
    if not isinstance(given, str) or not same_secret(given.strip(), state.staff_token):
        if await asyncio.to_thread(state.logins.failed, address, session):
            log.warning("staff login locked for %s: %d wrong secrets within a minute; each try now waits %.0f s",
                        address, state.logins.per_minute, security.LOCKED_LOGIN_DELAY_S)
        if locked:
            return page(request, "staff_login.html", {**context, "error": texts.STAFF_LOGIN_TOO_FAST}, 429)
        log.warning("staff login refused from %s", address)
        return page(request, "staff_login.html", {**context, "error": texts.STAFF_LOGIN_FAILED}, 401)
    sign_in(request, _max_age(request), state.sessions)
    log.info("staff signed in from %s", address)
    return RedirectResponse("/staff", status_code=303)


async def logout(request: Request) -> Response:
    form = await request.form(max_files=0, max_fields=5)
    if csrf_ok(request, form.get("csrf")):
        sign_out(request, state_of(request).sessions)
        log.info("staff signed out")
    return RedirectResponse("/", status_code=303)


# -- the console ---------------------------------------------------------------------------------------------------
async def console(request: Request) -> Response:
    refused = _guard(request)
    if refused is not None:
        return refused
    return page(request, "staff.html", _context(request))


def _context(request: Request, **extra: Any) -> dict[str, Any]:
    state = state_of(request)
    from index.parsing.check import checks_of_index

    return {"title": texts.STAFF_TITLE, "passages": state.searcher.passage_count,
            "files": checks_of_index(state.searcher.data.manifest),
            "interviews": len({p.interview_id for p in state.searcher.data.passages}), "claim": "", "text": "",
            "claim_result": None, "document": None, "notice": None, "error": None, "warnings": (),
            "more_warnings": None, **extra}


@dataclass(frozen=True, slots=True)
class ClaimView:
    """A verdict, the claim and the record side by side with what differs and the facts that match marked."""

    verdict: str
    claim_pieces: list[Piece]
    differences: list[Any]
    equivalents: list[Any]
    record: HitView | None
    more: list[HitView]
    facts: list[Any]  # the facts found equal in the record (consistent, and the rest of a differs)


def claim_view(verification: Any, claim: str) -> ClaimView:
    alignment = verification.alignment
    spans = []
    if alignment.claim_span and verification.verdict != "not_found" and alignment.claim_span != (0, len(claim)):
        spans.append((alignment.claim_span[0], alignment.claim_span[1], "claim"))
    for d in verification.differences:
        spans += [(s, e, "diff") for s, e in find_all(claim, d.claim)]
    for f in verification.facts:
        spans += [(s, e, "fact") for s, e in find_all(claim, f.claim)]
    record = more = None
    if verification.hits:
        first = verification.hits[0]
        record = HitView.of(first, [(s, e, "diff") for s, e in alignment.diff_spans]
                            + [(s, e, "fact") for s, e in alignment.fact_spans])
        more = [HitView.of(h) for h in verification.hits[1:]]
    return ClaimView(verification.verdict, marked(claim, spans), list(verification.differences),
                     list(alignment.equivalents), record, more or [], list(verification.facts))


async def check_claim(request: Request) -> Response:
    form, refused = await _checked_form(request)
    if refused is not None:
        return refused
    state = state_of(request)
    claim = clean_param(form.get("claim") if isinstance(form.get("claim"), str) else "", 2000)
    if not claim:
        return page(request, "staff.html", _context(request, error=texts.VERIFY_USAGE), 400)
    from index.claims.verdict import check_claim as check

    verification = await state.run_staff(check, state.searcher, claim)
    state.metrics.claims.labels(verification.verdict).inc()
    return page(request, "staff.html", _context(request, claim=claim, claim_result=claim_view(verification, claim)))


@dataclass(frozen=True, slots=True)
class SentenceRow:
    verdict: str  # verbatim | consistent | differs | not_found | not_checked | no_attribution
    pieces: list[Piece]
    claims: list[ClaimView]
    start: int
    end: int
    speaker: str | None = None  # who the sentence attributes its statement to


async def check_text(request: Request) -> Response:
    form, refused = await _checked_form(request)
    if refused is not None:
        return refused
    state = state_of(request)
    text = form.get("text") if isinstance(form.get("text"), str) else ""
    upload = form.get("file")
    if isinstance(upload, UploadFile) and upload.filename:
        from bot.web.uploads import UploadError, accepted, read_document

        if not accepted(upload.filename):
            return page(request, "staff.html", _context(request, error=texts.STAFF_UPLOAD_TYPE), 415)
        data = await upload.read()
        try:
            text = await state.run_staff(read_document, upload.filename, data)
        except UploadError as error:
            return page(request, "staff.html", _context(request, error=texts.upload_unreadable(
                upload.filename, str(error).split(": ", 1)[-1])), 400)
        except Exception as error:  # noqa: BLE001 - a broken file is the uploader's problem, said in one line
            from index.errors import InterviewQAError

            if not isinstance(error, InterviewQAError):
                log.warning("upload %r could not be read: %s: %s", upload.filename, type(error).__name__, error)
            return page(request, "staff.html", _context(request, error=texts.upload_unreadable(
                upload.filename, type(error).__name__)), 400)
    text = text.replace("\r\n", "\n").replace("\r", "\n")[:MAX_DOCUMENT_CHARS]
    if not text.strip():
        return page(request, "staff.html", _context(request, error=texts.STAFF_DOCUMENT_EMPTY), 400)
    return await state.run_staff(_checked_page, request, text)


def _checked_page(request: Request, text: str) -> Response:
    """In the staff thread: the text checked, a row per sentence and the page rendered (a long text's page is
    megabytes: none of that work is done on the event loop, where it would hold up every other request)."""
    from index.claims.document import check_document

    state = state_of(request)
    checked = check_document(state.searcher, text)
    document = {"rows": _sentence_rows(checked, state.metrics),
                "summary": texts.staff_document_counts(checked.counts())}
    return page(request, "staff.html", _context(request, text=text, document=document))


def _sentence_rows(checked: Any, metrics: Any) -> list[SentenceRow]:
    rows = []
    for sentence in checked.sentences:
        claims = checked.claims_in(sentence)
        spans = []
        views = []
        for c in claims:
            spans.append((c.attribution.claim_start - sentence.start, c.attribution.claim_end - sentence.start,
                          "claim"))
            if c.verification is not None:
                metrics.claims.labels(c.verification.verdict).inc()
                views.append(claim_view(c.verification, c.claim))
                offset = c.attribution.claim_start - sentence.start
                for d in c.verification.differences:
                    spans += [(offset + s, offset + e, "diff") for s, e in find_all(c.claim, d.claim)]
                for f in c.verification.facts:
                    spans += [(offset + s, offset + e, "fact") for s, e in find_all(c.claim, f.claim)]
        verdicts = [c.verification.verdict if c.verification else "not_checked" for c in claims]
        verdict = _worst(verdicts) if verdicts else "no_attribution"
        speaker = claims[0].attribution.speaker if claims else None
        rows.append(SentenceRow(verdict, marked(sentence.text, spans), views, sentence.start, sentence.end, speaker))
    return rows


def _worst(verdicts: list[str]) -> str:
    for verdict in ("not_found", "differs", "not_checked", "consistent", "verbatim"):
        if verdict in verdicts:
            return verdict
    return "no_attribution"


async def reload(request: Request) -> Response:
    _, refused = await _checked_form(request)
    if refused is not None:
        return refused
    state = state_of(request)
    began = time.monotonic()
    from index.errors import InterviewQAError

    try:
        done = await asyncio.to_thread(state.reload)  # minutes when it embeds: in no search thread
    except InterviewQAError as error:
        log.error("index: the reload failed, still serving the previous index: %s", error)
        return page(request, "staff.html", _context(request, error=texts.reload_failed(error)), 500)
    if done is None:
        return page(request, "staff.html", _context(request, notice=texts.STAFF_RELOAD_BUSY), 409)
    searcher, report = done
    for warning in report.warnings:
        log.warning("corpus: %s", warning)
    notice = texts.staff_reloaded(report.rebuilt, time.monotonic() - began, searcher.passage_count,
                                  len({p.interview_id for p in searcher.data.passages}))
    shown = list(report.warnings[:MAX_WARNINGS_SHOWN])
    more = texts.staff_more_warnings(len(report.warnings) - len(shown)) if len(report.warnings) > len(shown) else None
    return page(request, "staff.html", _context(request, notice=notice, warnings=shown, more_warnings=more))


# -- the query log -------------------------------------------------------------------------------------------------
def _report(state: Any) -> Any:
    from bot.report import build_report

    source = state.store.log_source(state.config.query_log)
    if source is None:
        from index.errors import InterviewQAError

        raise InterviewQAError(texts.STAFF_LOG_OFF)
    return build_report(source)


async def _has_log(state: Any) -> bool:
    """Whether there is a query log to read (the shared one with PostgreSQL): a state call, in the staff thread."""
    return await state.run_staff(lambda: state.store.log_source(state.config.query_log) is not None)


async def query_log(request: Request) -> Response:
    refused = _guard(request)
    if refused is not None:
        return refused
    state = state_of(request)
    context: dict[str, Any] = {"title": texts.STAFF_LOG_HEADING, "report": None, "message": None,
                               "charts": CHARTS}
    if not await _has_log(state):
        context["message"] = texts.STAFF_LOG_OFF if not state.config.query_log.enabled else texts.STAFF_LOG_EMPTY
    else:
        from index.errors import InterviewQAError

        try:
            context["report"] = await state.run_staff(_report, state)
        except InterviewQAError as error:
            context["message"] = str(error)
    return page(request, "staff_log.html", context)


def _chart(state: Any, name: str) -> str:
    from bot.querylog import connect_reader, iter_rows
    from bot.web import charts

    if name == "daily":
        conn = connect_reader(state.store.log_source(state.config.query_log))
        try:
            return charts.daily_chart(charts.daily_counts(iter_rows(conn)))
        finally:
            conn.close()
    report = _report(state)
    if name == "top":
        return charts.bar_chart(texts.STAFF_CHART_TOP, [q.question for q in report.top_questions],
                                [q.count for q in report.top_questions])
    if name == "unanswered":
        return charts.bar_chart(texts.STAFF_CHART_UNANSWERED, [q.question for q in report.unanswered],
                                [q.count for q in report.unanswered], charts.NOT_FOUND_COLOR)
    return charts.bar_chart(texts.STAFF_CHART_DISLIKED, [p.passage_id for p in report.disliked_passages],
                            [p.thumbs_down for p in report.disliked_passages], charts.DISLIKED_COLOR)


async def chart(request: Request) -> Response:
    refused = _guard(request, form=True)
    if refused is not None:
        return refused
    name = request.path_params["name"]
    state = state_of(request)
    if name not in CHARTS or not await _has_log(state):
        return render_error(request, 404, texts.NOT_FOUND_PAGE)
    from index.errors import InterviewQAError

    try:
        svg = await state.run_staff(_chart, state, name)
    except InterviewQAError as error:
        return render_error(request, 500, str(error))
    return Response(svg, media_type="image/svg+xml",
                    headers={"content-security-policy": SVG_CSP, "cache-control": "no-store"})


async def csv_download(request: Request) -> Response:
    refused = _guard(request, form=True)
    if refused is not None:
        return refused
    state = state_of(request)
    if not await _has_log(state):
        return render_error(request, 404, texts.STAFF_LOG_OFF)
    from bot.report import render_csv

    report = await state.run_staff(_report, state)
    return PlainTextResponse(render_csv(report), media_type="text/csv; charset=utf-8",
                             headers={"content-disposition": 'attachment; filename="query-log.csv"',
                                      "cache-control": "no-store"})
