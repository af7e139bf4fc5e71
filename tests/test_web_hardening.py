"""Issue 25: the web, the staff console and the command line tried as an attacker and a careless operator would try
them. The REAL server (uvicorn on 127.0.0.1) over the fictional test corpus (FakeEmbedder), as in test_web.py."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import replace
from pathlib import Path

import pytest

from bot import texts
from bot.config import StateConfig
from index.store.builder import refresh_index
from index.store.folder import current_build
from tests.fakes import FakeEmbedder, unreadable_folder
from tests.telegram_helpers import FOREST
from tests.web_helpers import client, running_web, sign_in, staff_csrf, web_config

QUESTION = "今年夏天用水高峰会不会停水？"


# -- item 1: an unreadable corpus folder never empties the live index -------------------------------------------------
@pytest.mark.parametrize("how", ["unreadable", "emptied"])
async def test_a_staff_reload_over_an_unreadable_corpus_keeps_the_index_and_says_why(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, how: str) -> None:
    caplog.set_level(logging.INFO)
    config = web_config(tmp_path)
    async with running_web(config) as server, client(server) as http:
        before = (await http.get("/healthz")).json()
        if how == "unreadable":
            unreadable_folder(monkeypatch, config.corpus.dir)
        else:
            for path in config.corpus.dir.iterdir():
                path.unlink()
        await sign_in(http)
        page = await http.post("/staff/reload", data={"csrf": await staff_csrf(http)})
        after = (await http.get("/healthz")).json()
        found = (await http.get("/api/search", params={"q": QUESTION})).json()
        interview = await http.get(f"/i/{server.state.searcher.data.passages[0].interview_id}")
    assert page.status_code == 500
    why = (f"无法读取访谈文件夹 {config.corpus.dir}（Permission denied）" if how == "unreadable"
           else f"访谈文件夹 {config.corpus.dir} 中现在没有访谈文件，而现有索引收录了 2 个文件")
    assert why in page.text and "仍在使用原来的访谈库" in page.text
    assert after["passages"] == before["passages"] > 0 and after["index"]["build"] == before["index"]["build"]
    assert found["answered"] and interview.status_code == 200
    logged = [r for r in caplog.records if r.levelno >= logging.ERROR and "the reload failed" in r.getMessage()]
    assert logged and str(config.corpus.dir) in logged[0].getMessage()
    assert ("cannot be read (Permission denied)" if how == "unreadable" else "has no interview files now") \
        in logged[0].getMessage()
    assert not [r for r in caplog.records if "now 0 passages" in r.getMessage()]


async def test_serve_over_an_unreadable_corpus_answers_from_the_previous_index_and_logs_why(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    """At start (`serve` with the question encoder): the previous index answers, the log says why at ERROR."""
    from index.service import open_searcher

    caplog.set_level(logging.INFO)
    config = web_config(tmp_path)
    good = refresh_index(config.core, FakeEmbedder())
    monkeypatch.setattr("index.service.load_question_encoder", lambda model: FakeEmbedder())
    unreadable_folder(monkeypatch, config.corpus.dir)
    searcher, report = open_searcher(config.core, notify=logging.getLogger("t").info,
                                     on_refreshed=lambda *_: pytest.fail("nothing to refresh from"))
    assert searcher.passage_count == len(good.data.passages) and searcher.search(QUESTION).answered
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert any("the corpus folder cannot be read (Permission denied)" in m and "serving the previous index" in m
               for m in errors), errors


# -- item 11: a reload lists the corpus warnings, on the page and in the log ------------------------------------------
async def test_a_staff_reload_lists_the_corpus_warnings(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    config = web_config(tmp_path)
    outside = tmp_path / "elsewhere.txt"
    outside.write_text(FOREST, encoding="utf-8")
    async with running_web(config) as server, client(server) as http:
        (config.corpus.dir / "picture.txt").write_bytes(b"\x00\x01\x02\x03" * 100)
        (config.corpus.dir / "linked.txt").symlink_to(outside)
        (config.corpus.dir / "_draft.txt").write_text(FOREST, encoding="utf-8")
        await sign_in(http)
        page = (await http.post("/staff/reload", data={"csrf": await staff_csrf(http)})).text
    assert texts.STAFF_RELOAD_WARNINGS in page
    for warning in ("picture.txt: skipped: binary data", "linked.txt: skipped: a link to a file outside the corpus",
                    "_draft.txt: skipped: a name starting with _ marks a draft"):
        assert warning in page
        assert any(warning in r.getMessage() and r.levelno == logging.WARNING for r in caplog.records), warning


# -- item 13: /healthz describes the index being served, not the one on disk -------------------------------------------
async def test_healthz_names_the_build_it_serves_while_another_is_written(tmp_path: Path) -> None:
    config = web_config(tmp_path)
    async with running_web(config) as server, client(server) as http:
        before = (await http.get("/healthz")).json()
        (config.corpus.dir / "fictional-forest.txt").write_text(FOREST, encoding="utf-8")
        newer = refresh_index(config.core, FakeEmbedder())  # another process rebuilt it; this one has not reloaded
        on_disk = current_build(config.index.dir).name
        during = (await http.get("/healthz")).json()
        await sign_in(http)
        await http.post("/staff/reload", data={"csrf": await staff_csrf(http)})
        after = (await http.get("/healthz")).json()
    assert on_disk != before["index"]["build"]
    assert during["index"]["build"] == before["index"]["build"] and during["passages"] == before["passages"]
    assert after["index"]["build"] == on_disk and after["passages"] == len(newer.data.passages)


# -- items 6, 9, 10: the JSON API -----------------------------------------------------------------------------------
async def test_deeply_nested_json_is_400_not_valid_json_and_counted(tmp_path: Path,
                                                                    caplog: pytest.LogCaptureFixture) -> None:
    """Item 6: 1,100 levels of JSON gave 500 and two RecursionError tracebacks, and were not counted (70 of 70)."""
    caplog.set_level(logging.INFO)
    body = b'{"claim": ' + b"[" * 1100 + b"]" * 1100 + b"}"
    async with running_web(web_config(tmp_path, searches_per_minute=4)) as server, client(server) as http:
        responses = [await http.post("/api/verify", content=body, headers={"content-type": "application/json"})
                     for _ in range(6)]
    assert [r.status_code for r in responses] == [400] * 4 + [429] * 2
    assert responses[0].json() == {"error": texts.API_ERROR_JSON}
    assert not [r for r in caplog.records if r.exc_info or "RecursionError" in r.getMessage()]


async def test_every_api_request_counts_against_the_limit(tmp_path: Path) -> None:
    """Item 9: /api/passages/<id> was not limited; bad requests to /api/search were not counted either."""
    async with running_web(web_config(tmp_path, searches_per_minute=3)) as server, client(server) as http:
        passage_id = server.state.searcher.data.passages[0].passage_id
        passages = [(await http.get(f"/api/passages/{passage_id}")).status_code for _ in range(4)]
    async with running_web(web_config(tmp_path, searches_per_minute=3)) as server, client(server) as http:
        restarted = (await http.get(f"/api/passages/{passage_id}")).status_code  # the count is in the state file
    fresh = replace(web_config(tmp_path, searches_per_minute=3), state=StateConfig(path=tmp_path / "fresh.sqlite3"))
    async with running_web(fresh) as server, client(server) as http:
        bad = [(await http.get("/api/search", params={"q": "x", "top_k": "0"})).status_code for _ in range(4)]
        missing = [(await http.get("/api/passages/nope")).status_code for _ in range(2)]
    assert passages == [200, 200, 200, 429] and restarted == 429
    assert bad == [400, 400, 400, 429] and missing == [429, 429]


async def test_api_search_takes_a_bureau_as_the_command_line_does(tmp_path: Path) -> None:
    """Item 10: ?bureau=水务局 answered nothing (the CLI's --bureau 水务局 answers); an unknown bureau got 200."""
    async with running_web(web_config(tmp_path)) as server, client(server) as http:
        short = await http.get("/api/search", params={"q": QUESTION, "bureau": "水务局"})
        full = await http.get("/api/search", params={"q": QUESTION, "bureau": "海川市水务局"})
        unknown = await http.get("/api/search", params={"q": QUESTION, "bureau": "公安局"})
        close = await http.get("/api/search", params={"q": QUESTION, "bureau": "海川"})
    assert short.status_code == 200 and short.json() == full.json() and short.json()["answered"]
    assert {hit["bureau"] for hit in short.json()["hits"]} == {"海川市水务局"}
    bureaus = [name for name, _ in server.state.searcher.bureaus()]
    assert len(bureaus) == 2 and unknown.status_code == 400 and close.status_code == 400
    assert unknown.json() == {"error": texts.unknown_bureau("公安局", (), tuple(bureaus))}
    assert close.json() == {"error": texts.unknown_bureau("海川", tuple(sorted(bureaus)), tuple(bureaus))}
    assert all(name in unknown.json()["error"] and name in close.json()["error"] for name in bureaus)


# -- item 5: signing out ends the session ----------------------------------------------------------------------------
async def test_a_cookie_copied_before_sign_out_opens_nothing_after_it(tmp_path: Path) -> None:
    """The cookie from before /staff/logout opened /staff, posted claims with its CSRF token and got the CSV."""
    from bot.web.security import SESSION_COOKIE

    config = web_config(tmp_path)
    async with running_web(config) as server, client(server) as http:
        assert (await sign_in(http)).status_code == 303
        csrf = await staff_csrf(http)
        copied = http.cookies[SESSION_COOKIE]
        assert (await http.post("/staff/logout", data={"csrf": csrf})).status_code == 303
        async with client(server) as thief:
            thief.cookies.set(SESSION_COOKIE, copied)
            console = await thief.get("/staff")
            claim = await thief.post("/staff/claim", data={"csrf": csrf, "claim": "日供水能力提高到90万吨"})
            csv = await thief.get("/staff/log.csv")
            reload = await thief.post("/staff/reload", data={"csrf": csrf})
        back = await http.get("/staff")
    assert console.status_code == 303 and console.headers["location"] == "/staff/login"
    assert [r.status_code for r in (claim, csv, reload)] == [401, 401, 401]
    assert back.status_code == 303


async def test_a_staff_session_outlives_a_restart_and_ends_everywhere_at_sign_out(tmp_path: Path) -> None:
    """Sessions are held on the server (web.staff_sessions, SQLite): a restart keeps them, sign-out ends them."""
    from bot.web.security import SESSION_COOKIE

    config = web_config(tmp_path)
    async with running_web(config) as server, client(server) as http:
        await sign_in(http)
        cookie = http.cookies[SESSION_COOKIE]
    assert config.web.staff_sessions.exists()  # relative: in the test's folder
    async with running_web(config) as server, client(server) as first, client(server) as second:
        first.cookies.set(SESSION_COOKIE, cookie)
        second.cookies.set(SESSION_COOKIE, cookie)
        assert (await first.get("/staff")).status_code == 200
        await first.post("/staff/logout", data={"csrf": await staff_csrf(first)})
        assert (await second.get("/staff")).status_code == 303


# -- item 12: an attacker's failed logins do not keep staff out ------------------------------------------------------
async def test_failed_logins_lock_guessing_but_not_the_right_secret(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                   caplog: pytest.LogCaptureFixture) -> None:
    """Five wrong tries from an address locked the right secret out for a minute: behind a proxy with
    `trust_proxy: false` every client shares one address, so anyone could keep staff out."""
    import time

    monkeypatch.setattr("bot.web.security.LOCKED_LOGIN_DELAY_S", 0.3)
    caplog.set_level(logging.INFO)
    async with running_web(web_config(tmp_path)) as server, client(server) as attacker, client(server) as staff:
        wrong = [(await sign_in(attacker, f"guess-{n}")).status_code for n in range(8)]
        began = time.monotonic()
        right = await sign_in(staff)  # the same address (127.0.0.1), another browser
        waited = time.monotonic() - began
        console = await staff.get("/staff")
        still_wrong = await sign_in(attacker, "guess-again")
    assert wrong == [401] * 5 + [429] * 3 and still_wrong.status_code == 429
    assert right.status_code == 303 and console.status_code == 200 and waited >= 0.3
    lockouts = [r.getMessage() for r in caplog.records if "staff login locked" in r.getMessage()]
    assert len(lockouts) == 1 and "127.0.0.1" in lockouts[0]
    assert "guess-" not in caplog.text


def test_the_login_guard_counts_per_address_and_per_session_over_a_minute(tmp_path: Path) -> None:
    from bot.state.store import SqliteState
    from bot.web.security import LoginGuard

    now = [1000.0]
    state = SqliteState(tmp_path / "state.sqlite3", tmp_path / "sessions.sqlite3", clock=lambda: now[0])
    guard = LoginGuard(3, state.rate_storage)
    assert [guard.failed("1.1.1.1", f"s{n}") for n in range(3)] == [False, False, True]
    assert guard.locked("1.1.1.1", "fresh") and not guard.locked("2.2.2.2", "fresh")
    assert not guard.failed("1.1.1.1", "s9")  # already locked: no second lockout to log
    assert [guard.failed(f"10.0.0.{n}", "same") for n in range(3)] == [False, False, True]  # one browser, 3 addresses
    assert guard.locked("9.9.9.9", "same")
    # another replica on the same state sees the same failures (a guess spread over replicas is no faster)
    other = LoginGuard(3, SqliteState(tmp_path / "state.sqlite3", tmp_path / "sessions.sqlite3",
                                      clock=lambda: now[0]).rate_storage)
    assert other.locked("1.1.1.1", "elsewhere")
    now[0] += 61.0
    assert not guard.locked("1.1.1.1", "fresh") and not guard.locked("9.9.9.9", "same")
    assert not other.locked("1.1.1.1", "elsewhere")


# -- item 2: staff document checks never starve public searches -------------------------------------------------------
async def test_staff_document_checks_run_one_at_a_time_apart_from_public_searches(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two uploads parsed at once took both search threads: a public /api/search waited 34 s."""
    import asyncio
    import threading

    import index.claims.document

    real = index.claims.document.check_document
    gate, running, most = threading.Event(), [0], [0]
    lock = threading.Lock()

    def slow_check(searcher, text):  # type: ignore[no-untyped-def]
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
        try:
            assert gate.wait(30)
            return real(searcher, text)
        finally:
            with lock:
                running[0] -= 1

    monkeypatch.setattr(index.claims.document, "check_document", slow_check)
    text = "据海川市水务局介绍，今年全市新建水厂两座，日供水能力提高到90万吨。"
    async with running_web(web_config(tmp_path)) as server, client(server) as staff, client(server) as public:
        await sign_in(staff)
        csrf = await staff_csrf(staff)
        checks = [asyncio.create_task(staff.post("/staff/text", data={"csrf": csrf, "text": text})) for _ in range(3)]
        await asyncio.sleep(0.3)  # the checks are under way (one running, two waiting their turn)
        searches = await asyncio.wait_for(asyncio.gather(
            *(public.get("/api/search", params={"q": QUESTION}) for _ in range(4))), timeout=10)
        page = await asyncio.wait_for(public.get("/search", params={"q": QUESTION}), timeout=10)
        assert not any(check.done() for check in checks)
        gate.set()
        done = await asyncio.gather(*checks)
    assert all(r.status_code == 200 and r.json()["answered"] for r in searches) and page.status_code == 200
    assert all(r.status_code == 200 and 'data-verdict="differs"' in r.text for r in done)
    assert most[0] == 1


async def test_a_docx_whose_text_unpacks_past_the_cap_is_refused_before_it_is_parsed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A 208 KB upload whose document.xml unpacks to 49 MB took 20 s and doubled the memory."""
    import docx

    from bot.web.uploads import MAX_DOCX_XML
    from tests.web_helpers import docx_of_size

    big, small_docx = docx_of_size(MAX_DOCX_XML + 100_000), docx_of_size(200_000)
    assert len(big) < 1024 * 1024
    parsed: list[int] = []
    real = docx.Document
    monkeypatch.setattr(docx, "Document", lambda *a, **k: parsed.append(1) or real(*a, **k))
    async with running_web(web_config(tmp_path)) as server, client(server) as http:
        await sign_in(http)
        csrf = await staff_csrf(http)
        refused = await http.post("/staff/text", data={"csrf": csrf}, files={"file": ("big.docx", big)})
        small = await http.post("/staff/text", data={"csrf": csrf},
                                files={"file": ("small.docx", small_docx)})
    assert refused.status_code == 400 and "big.docx" in refused.text and "10 MB" in refused.text
    assert small.status_code == 200 and parsed == [1]


@pytest.mark.parametrize("kind", ["sqlite", "memory"])
def test_a_session_store_ends_and_expires_sessions(tmp_path: Path, kind: str) -> None:
    from bot.web.sessions import MemorySessionStore, SqliteSessionStore

    now = [1000.0]
    store = SqliteSessionStore(tmp_path / "s.sqlite3", clock=lambda: now[0]) if kind == "sqlite" \
        else MemorySessionStore(clock=lambda: now[0])
    first, second = store.start(60), store.start(600)
    assert first != second and store.active(first) and store.active(second) and not store.active("forged")
    store.end(first)
    assert not store.active(first) and store.active(second)
    now[0] += 601
    assert not store.active(second)
    if kind == "sqlite":  # only hashes are stored (in the database or its write-ahead log)
        stored = b"".join(p.read_bytes() for p in tmp_path.glob("s.sqlite3*"))
        assert second.encode() not in stored and hashlib.sha256(second.encode()).hexdigest().encode() in stored
    store.close()


def test_a_session_file_that_cannot_be_written_keeps_sessions_in_memory(tmp_path: Path,
                                                                        caplog: pytest.LogCaptureFixture) -> None:
    from bot.web.sessions import MemorySessionStore, open_session_store

    (tmp_path / "a-file").write_text("not a folder")
    store = open_session_store(tmp_path / "a-file" / "sessions.sqlite3")
    assert isinstance(store, MemorySessionStore) and store.active(store.start(60))
    assert "sessions are kept in memory" in caplog.text
