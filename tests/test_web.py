"""The web over HTTP: the REAL server (uvicorn on 127.0.0.1) over the fictional test corpus (FakeEmbedder).

Public pages (the three outcomes, the interview whole with a permalink per passage), the JSON API (the CLI's
objects), /healthz and /metrics, the staff console behind its login (CSRF, claim and whole-text checks, uploads,
the query log with charts and CSV, reload), and the limits (body size, upload type, per-address searches)."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path
from urllib.parse import quote

import pytest

from bot import texts
from bot.config import QueryLogConfig
from bot.web.security import CSP
from index.search.searcher import Searcher
from index.settings import SearchConfig
from tests.telegram_helpers import WATER, fake_searcher, write_corpus
from tests.conftest import ROOT
from tests.web_helpers import (STAFF_TOKEN, client, csrf_of, docx_bytes, running_web, sign_in, staff_csrf,
                               web_config)

QUESTION = "今年夏天用水高峰会不会停水？"
MAX_PAGE_BYTES = 100 * 1024


def _answers_low(config):  # -> a Factory
    """The same corpus and model, with a decision whose "high" threshold cannot be reached: every answer is the
    closest passage, said to be only close (the middle outcome)."""
    def factory() -> Searcher:
        base = fake_searcher(config)
        calibration = replace(base.calibration, decision=replace(base.calibration.decision, high=1.0))
        return Searcher(base.data, base.embedder, SearchConfig(min_confidence=0.0), calibration)
    return factory


# -- public pages --------------------------------------------------------------------------------------------------
async def test_the_pages_are_light_script_free_and_under_a_strict_csp(tmp_path: Path) -> None:
    config = web_config(tmp_path)
    async with running_web(config) as server, client(server) as http:
        interviews = await http.get("/interviews")
        first_interview = re.search(r'href="(/i/[0-9a-f]+)"', interviews.text).group(1)
        for path in ("/", "/interviews", first_interview, f"/search?q={QUESTION}", "/staff/login",
                     "/static/style.css"):
            response = await http.get(path)
            assert response.status_code == 200, path
            assert len(response.content) < MAX_PAGE_BYTES, path
            assert response.headers["content-security-policy"] == CSP
            assert "<script" not in response.text and " on" + "load=" not in response.text
            assert response.headers["x-content-type-options"] == "nosniff"
            policy = dict(d.strip().split(" ", 1) for d in response.headers["content-security-policy"].split(";"))
            assert policy["default-src"] == "'none'" and "script-src" not in policy
            assert not any("'unsafe-inline'" in v or "*" in v.split() for k, v in policy.items() if k != "style-src")


async def test_the_search_page_shows_the_answer_with_its_sentence_question_speaker_and_outlet(tmp_path: Path) -> None:
    async with running_web(web_config(tmp_path)) as server, client(server) as http:
        page = (await http.get("/search", params={"q": QUESTION})).text
    assert re.findall(r'data-outcome="(\w+)"', page) == ["high"]
    assert '<mark class="best">' in page
    assert "钱明（局长）" in page and "海川市水务局" in page
    assert texts.asked("记者", "") + "</span>今年夏天用水高峰会不会停水？" in page
    assert "海川日报" in page and "《海川市水务局谈夏季供水保障》" in page
    assert re.search(r'href="/i/[0-9a-f]+#p-[0-9a-f]+-[0-9a-f]+"', page)


async def test_the_same_kind_of_bureau_of_another_city_is_pointed_to_under_the_first_answer(tmp_path: Path) -> None:
    """Two cities' water bureaus answer a question that names neither: the page says so under the first card and
    links to the other city's card; a question only one bureau answers has no such line."""
    other = WATER.replace("海川", "溪口").replace("钱明", "周涛").replace("80万吨", "35万吨")
    write_corpus(tmp_path / "corpus", {"fictional-water-xikou.txt": other})
    async with running_web(web_config(tmp_path)) as server, client(server) as http:
        page = (await http.get("/search", params={"q": QUESTION})).text
        alone = (await http.get("/search", params={"q": "海川市有哪些科技创新券？"})).text
    cards = re.findall(r'<article class="hit[^"]*" id="hit-(\d+)">\s*<p class="who">([^ ]+) ·', page)
    first, others = cards[0][1], {number: bureau for number, bureau in cards[1:]}
    other_city = next(number for number, bureau in others.items() if bureau.endswith("水务局") and bureau != first)
    notice = re.search(r'<p class="notice elsewhere">(.*?)</p>', page).group(1)
    assert notice.startswith(texts.ELSEWHERE_LEAD) and f'href="#hit-{other_city}"' in notice
    assert texts.elsewhere_item(others[other_city], int(other_city) - 1) in notice and first not in notice
    assert page.index('id="hit-1"') < page.index('class="notice elsewhere"') < page.index('id="hit-2"')
    assert 'id="hit-1"' in alone and 'class="notice elsewhere"' not in alone


async def test_not_found_says_why_and_what_the_interviews_cover(tmp_path: Path) -> None:
    async with running_web(web_config(tmp_path)) as server, client(server) as http:
        small_talk = (await http.get("/search", params={"q": "你好"})).text
        elsewhere = (await http.get("/search", params={"q": "青岛市的水费是多少？"})).text
    for page in (small_talk, elsewhere):
        assert 'data-outcome="not_found"' in page and texts.NOT_FOUND_WEB in page
        assert "<blockquote>" not in page and "海川市水务局" in page  # what is covered, not a quote
    assert texts.REASONS["small_talk"] in small_talk
    assert "访谈库中没有关于「青岛" in elsewhere
    assert texts.TRY_ASKING in elsewhere and 'class="links examples"><li><a href="/search?q=' in elsewhere


async def test_a_low_confidence_answer_says_so_and_suggests_what_to_ask(tmp_path: Path) -> None:
    config = web_config(tmp_path)
    async with running_web(config, searcher_factory=_answers_low(config)) as server, client(server) as http:
        page = (await http.get("/search", params={"q": QUESTION})).text
        data = (await http.get("/api/search", params={"q": QUESTION})).json()
    assert data["confidence"] == "low" and data["suggestions"]
    assert 'data-outcome="low"' in page and texts.SUGGESTIONS_HEADING in page
    assert f"<h1>{texts.LOW_CONFIDENCE}</h1>" in page and f'<p class="notice low">{texts.LOW_CONFIDENCE_CHECK}</p>' in page
    for suggestion in data["suggestions"]:
        assert f">{suggestion}</a>" in page
    assert "<blockquote>" in page


async def test_the_bureau_filter_keeps_answers_inside_that_bureau(tmp_path: Path) -> None:
    async with running_web(web_config(tmp_path)) as server, client(server) as http:
        data = (await http.get("/api/search", params={"q": "补助", "bureau": "海川市水务局", "top_k": 3})).json()
        page = (await http.get("/search", params={"q": "补助", "bureau": "海川市水务局"})).text
    assert all(hit["bureau"] == "海川市水务局" for hit in data["hits"])
    assert texts.searched_bureau("海川市水务局") in page
    assert '<option value="海川市水务局" selected>' in page


async def test_an_interview_page_holds_every_passage_with_its_id_and_the_text_between(tmp_path: Path) -> None:
    config = web_config(tmp_path)
    async with running_web(config) as server, client(server) as http:
        searcher = server.state.searcher
        water = [p for p in searcher.data.passages if p.bureau == "海川市水务局"]
        target = water[1]
        redirect = await http.get(f"/p/{target.passage_id}")
        page = (await http.get(f"/i/{target.interview_id}")).text
        missing = await http.get("/p/no-such-passage")
        gone = await http.get("/i/ffffffff")
    assert redirect.status_code == 302
    assert redirect.headers["location"] == f"/i/{target.interview_id}#p-{target.passage_id}"
    for p in water:
        assert f'id="p-{p.passage_id}"' in page
    # the reporters' questions and the speaker labels come from the source text between the passages
    assert '<p class="question">记者：网上流传的水费计算器可靠吗？</p>' in page and '<p class="label">钱明：</p>' in page
    # a passage quoting HTML is shown as text, never as markup
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert(1)" not in page
    assert missing.status_code == 404 and texts.PASSAGE_NOT_FOUND in missing.text
    assert gone.status_code == 404 and texts.INTERVIEW_NOT_FOUND in gone.text


@pytest.mark.parametrize("name", ["fengjiang-medical-press.docx", "fengjiang-market-qa.pdf"])
async def test_docx_and_pdf_interviews_are_answered_linked_and_shown_whole(tmp_path: Path, name: str) -> None:
    config = web_config(tmp_path)
    (config.corpus.dir / name).write_bytes((ROOT / "tests" / "fixtures" / "layouts" / name).read_bytes())
    async with running_web(config) as server, client(server) as http:
        passages = [p for p in server.state.searcher.data.passages if p.file == name]
        answer = next(p for p in passages if p.kind == "answer" and p.question)
        found = (await http.get("/api/search", params={"q": answer.question, "top_k": 3})).json()
        redirect = await http.get(f"/p/{answer.passage_id}")
        page = (await http.get(f"/i/{answer.interview_id}")).text
    assert any(hit["source"]["file"] == name for hit in found["hits"])
    assert redirect.headers["location"] == f"/i/{answer.interview_id}#p-{answer.passage_id}"
    assert all(f'id="p-{p.passage_id}"' in page for p in passages)
    assert texts.INTERVIEW_SOURCE_MISSING not in page, "the page is the extracted text, offsets and all"


async def test_an_interview_whose_file_changed_is_shown_from_its_passages(tmp_path: Path) -> None:
    config = web_config(tmp_path)
    async with running_web(config) as server, client(server) as http:
        passage = next(p for p in server.state.searcher.data.passages if p.bureau == "海川市水务局")
        (config.corpus.dir / passage.file).write_text("完全不同的内容。\n", encoding="utf-8")
        page = (await http.get(f"/i/{passage.interview_id}")).text
    assert texts.INTERVIEW_SOURCE_MISSING in page and f'id="p-{passage.passage_id}"' in page
    assert '<p class="question">记者问：今年夏天用水高峰会不会停水？</p>' in page


# -- the JSON API ----------------------------------------------------------------------------------------------------
async def test_api_search_is_the_cli_object(tmp_path: Path) -> None:
    config = web_config(tmp_path)
    async with running_web(config) as server, client(server) as http:
        response = await http.get("/api/search", params={"q": QUESTION, "top_k": 2})
        expected = server.state.searcher.search(QUESTION, top_k=2).to_dict()
        bad = [await http.get("/api/search", params=params) for params in
               ({}, {"q": ""}, {"q": "x", "top_k": "0"}, {"q": "x", "top_k": "abc"}, {"q": "x", "top_k": "٣"})]
    assert response.status_code == 200 and response.headers["content-type"] == "application/json"
    assert response.json() == json.loads(json.dumps(expected, ensure_ascii=False))
    assert set(response.json()) == {"query", "answered", "confidence", "reason", "suggestions", "hits", "context"}
    assert [r.status_code for r in bad] == [400] * 5 and all("error" in r.json() for r in bad)


async def test_api_verify_and_passages(tmp_path: Path) -> None:
    config = web_config(tmp_path)
    async with running_web(config) as server, client(server) as http:
        as_json = await http.post("/api/verify", json={"claim": "日供水能力提高到90万吨"})
        as_form = await http.post("/api/verify", data={"claim": "日供水能力提高到80万吨"})
        reworded = await http.post("/api/verify", json={"claim": "海川今年新建的两座水厂投产后，日供水能力达到80万吨"})
        broken = await http.post("/api/verify", content=b"{not json", headers={"content-type": "application/json"})
        empty = await http.post("/api/verify", json={"claim": "  "})
        hit = as_json.json()["passages"][0]
        passage = await http.get(f"/api/passages/{hit['passage_id']}")
        unknown = await http.get("/api/passages/nope")
    assert as_json.json()["verdict"] == "differs"
    assert {"claim": "90万吨", "record": "80万吨", "kind": "number", "fact": "number"} in as_json.json()["differences"]
    assert set(as_json.json()) == {"claim", "verdict", "differences", "facts", "passages"}
    assert as_form.json()["verdict"] == "verbatim"
    # other words, the same facts: consistent, with each fact as the claim and the record write it
    assert reworded.json()["verdict"] == "consistent" and reworded.json()["differences"] == []
    assert reworded.json()["facts"] == [{"claim": "海川", "record": "海川市水务局", "kind": "place"},
                                        {"claim": "两座", "record": "两座", "kind": "number"},
                                        {"claim": "80万吨", "record": "80万吨", "kind": "number"}]
    assert "80万吨" in reworded.json()["passages"][0]["text"]
    assert broken.status_code == 400 and empty.status_code == 400
    body = passage.json()
    assert body["text"] == hit["text"] and body["permalink"].endswith(f"#p-{hit['passage_id']}")
    assert unknown.status_code == 404 and unknown.json() == {"error": texts.PASSAGE_NOT_FOUND}


# -- operations ------------------------------------------------------------------------------------------------------
async def test_healthz_and_metrics(tmp_path: Path) -> None:
    config = web_config(tmp_path)
    async with running_web(config) as server, client(server) as http:
        for q in (QUESTION, "你好"):
            await http.get("/search", params={"q": q})
        await http.get("/api/search", params={"q": QUESTION})
        health = (await http.get("/healthz")).json()
        metrics = (await http.get("/metrics")).text
        count = server.state.searcher.passage_count
    assert health["status"] == "ok" and health["passages"] == count and health["interviews"] == 2
    assert health["index"]["build"].startswith("build-") and health["model"]["fingerprint"] == "fake-1"
    assert health["telegram"] is None and health["staff_console"] is True
    assert re.search(r'interview_qa_questions_total\{frontend="web",outcome="not_found"\} 1\.0', metrics)
    web_answered = sum(float(v) for v in re.findall(
        r'interview_qa_questions_total\{frontend="web",outcome="(?:high|low)"\} (\S+)', metrics))
    assert web_answered == 1.0
    assert re.search(r'interview_qa_search_seconds_count\{frontend="api"\} 1\.0', metrics)
    assert f"interview_qa_passages {float(count)}" in metrics
    assert "interview_qa_index_build_seconds" in metrics and "interview_qa_telegram_send_errors" in metrics


# -- security --------------------------------------------------------------------------------------------------------
INJECTIONS = ("<b>停水</b> 吗 <script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "s:<script>alert(1)</script>",
              "javascript:alert(1)", "{{ '注入' * 3 }}{% raw %}", "停水 water 停電 ВОДА 1️⃣ ㊙️ 𠀋", "\u200b", "&lt;b&gt;&amp;",
              "'; DROP TABLE queries; --", "\x00\x01停水\x7f", "停" * 5000)


@pytest.mark.parametrize("text", INJECTIONS)
async def test_bad_input_is_escaped_on_every_page_and_never_a_traceback(tmp_path: Path, text: str) -> None:
    config = web_config(tmp_path)
    async with running_web(config) as server, client(server) as http:
        await sign_in(http)
        csrf = await staff_csrf(http)
        in_url, in_path = text[:1000], quote(text[:50], safe="")
        responses = [
            await http.get("/search", params={"q": in_url}),
            await http.get("/search", params={"q": "停水", "bureau": in_url}),
            await http.get("/api/search", params={"q": in_url, "bureau": in_url}),
            await http.post("/api/verify", json={"claim": text}),
            await http.get(f"/i/{in_path}"),
            await http.get(f"/p/{in_path}"),
            await http.get(f"/api/passages/{in_path}"),
            await http.post("/staff/claim", data={"csrf": csrf, "claim": text}),
            await http.post("/staff/text", data={"csrf": csrf, "text": f"据海川市水务局介绍，{text}。"}),
            await http.post("/staff/text", data={"csrf": csrf, "text": "x"},
                            files={"file": (f"{text[:30]}.txt", f"钱明说：“{text}”".encode())}),
        ]
    for response in responses:
        assert response.status_code < 500, (response.request.url, response.text[:300])
        body = response.text
        assert "Traceback" not in body and "File \"" not in body
        if response.is_redirect:  # an empty question goes back to the ask page
            assert response.headers["location"] == "/"
            continue
        if response.request.url.path.startswith("/api/"):  # JSON: the text as data, never run as a page
            assert response.headers["content-type"] == "application/json"
            continue
        assert response.headers["content-type"].startswith("text/html")
        assert "<script>alert" not in body and "<img src=x" not in body and "<b>停水</b>" not in body
        # no template injection (evaluated, it would read 注入注入注入; "49" from {{7*7}} turned up in random tokens)
        assert "注入注入注入" not in body


async def test_staff_pages_need_a_login(tmp_path: Path) -> None:
    async with running_web(web_config(tmp_path)) as server, client(server) as http:
        pages = [await http.get(path) for path in ("/staff", "/staff/log")]
        posts = [await http.post(path, data={"claim": "x", "text": "x"})
                 for path in ("/staff/claim", "/staff/text", "/staff/reload")]
        charts = [await http.get(path) for path in ("/staff/charts/daily.svg", "/staff/log.csv")]
        wrong = await sign_in(http, "not-the-secret-at-all")
        still_out = await http.get("/staff")
    assert all(p.status_code == 303 and p.headers["location"] == "/staff/login" for p in pages)
    assert [p.status_code for p in posts + charts] == [401] * 5
    assert all(texts.STAFF_LOGIN_REQUIRED in p.text for p in posts + charts)
    assert wrong.status_code == 401 and texts.STAFF_LOGIN_FAILED in wrong.text
    assert still_out.status_code == 303


async def test_login_guesses_are_limited_and_a_stale_form_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                     caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level("DEBUG")
    monkeypatch.setattr("bot.web.security.LOCKED_LOGIN_DELAY_S", 0.1)
    async with running_web(web_config(tmp_path)) as server, client(server) as http:
        form = (await http.get("/staff/login")).text
        forged = await http.post("/staff/login", data={"csrf": "forged", "token": STAFF_TOKEN})
        statuses = [(await http.post("/staff/login", data={"csrf": csrf_of(form), "token": f"guess-{n}"})).status_code
                    for n in range(6)]
        right_after_a_wait = await http.post("/staff/login", data={"csrf": csrf_of(form), "token": STAFF_TOKEN})
    assert forged.status_code == 403 and texts.STAFF_CSRF in forged.text
    assert statuses == [401] * 5 + [429]
    assert right_after_a_wait.status_code == 303  # locked tries wait; the right secret still gets in (issue 25)
    assert "staff login refused from 127.0.0.1" in caplog.text
    assert STAFF_TOKEN not in caplog.text and "guess-" not in caplog.text  # what was typed is never logged


async def test_without_the_staff_secret_the_console_is_off(tmp_path: Path) -> None:
    async with running_web(web_config(tmp_path), staff=False) as server, client(server) as http:
        console = await http.get("/staff")
        login = await http.post("/staff/login", data={"token": "anything"})
        home = (await http.get("/")).text
    assert console.status_code == 404 and texts.STAFF_OFF in console.text
    assert login.status_code == 404 and 'href="/staff"' not in home


async def test_staff_checks_a_claim_and_a_whole_text(tmp_path: Path) -> None:
    text = ("海川市水务局近日介绍了夏季供水情况。据海川市水务局介绍，今年全市新建水厂两座，日供水能力提高到90万吨。\n"
            "“夏季高峰期间不会计划停水。”钱明说。天气越来越热了。老旧小区供水管网改造今年完成120个小区，钱明表示。\n"
            "该局局长称，明年将新建海底隧道三条。钱明说，海川今年新建的两座水厂投产后，日供水能力达到80万吨。")
    async with running_web(web_config(tmp_path)) as server, client(server) as http:
        assert (await sign_in(http)).status_code == 303
        csrf = await staff_csrf(http)
        claim = (await http.post("/staff/claim", data={"csrf": csrf, "claim": "日供水能力提高到90万吨"})).text
        stale = await http.post("/staff/claim", data={"csrf": "stale", "claim": "日供水能力提高到90万吨"})
        page = (await http.post("/staff/text", data={"csrf": csrf, "text": text})).text
    assert 'data-verdict="differs"' in claim and '<mark class="diff">90万吨</mark>' in claim
    assert '<mark class="best diff">80万吨</mark>' in claim  # the record side, side by side
    assert stale.status_code == 403
    rows = re.findall(r'<li class="sentence (\w+)" data-verdict="\w+" data-start="(\d+)" data-end="(\d+)"', page)
    verdicts = [r[0] for r in rows]
    assert verdicts == ["no_attribution", "differs", "verbatim", "no_attribution", "verbatim", "not_found",
                        "consistent"]
    start, end = int(rows[1][1]), int(rows[1][2])
    assert text[start:end] == "据海川市水务局介绍，今年全市新建水厂两座，日供水能力提高到90万吨。"
    assert '<mark class="claim diff">90万吨</mark>' in page
    # the paraphrase: its facts marked in the sentence and listed, the speaker named
    consistent = page[page.index('data-verdict="consistent"'):]
    assert 'data-speaker="钱明"' in consistent and texts.attributed_to("钱明") in consistent
    assert '<mark class="claim fact">两座</mark>' in consistent and '<ul class="facts">' in consistent
    assert texts.fact_matched("number", "80万吨", "80万吨") in consistent
    assert texts.staff_document_counts({"verbatim": 2, "consistent": 1, "differs": 1, "not_found": 1,
                                        "not_checked": 0, "no_attribution": 2}) in page


async def test_staff_uploads_txt_html_and_docx_and_other_types_are_refused(tmp_path: Path) -> None:
    claim = "据海川市水务局介绍，日供水能力提高到90万吨。"
    files = {
        "a.txt": claim.encode("gb18030"),
        "b.html": f"<html><body><article><p>{claim}</p></article></body></html>".encode(),
        "c.docx": docx_bytes(["标题", claim]),
    }
    async with running_web(web_config(tmp_path)) as server, client(server) as http:
        await sign_in(http)
        csrf = await staff_csrf(http)
        pages = {name: await http.post("/staff/text", data={"csrf": csrf}, files={"file": (name, data)})
                 for name, data in files.items()}
        exe = await http.post("/staff/text", data={"csrf": csrf}, files={"file": ("x.exe", b"MZ\x90\x00")})
        fake_docx = await http.post("/staff/text", data={"csrf": csrf}, files={"file": ("d.docx", b"not a zip")})
        binary = await http.post("/staff/text", data={"csrf": csrf}, files={"file": ("e.txt", bytes(range(256)) * 8)})
    for name, response in pages.items():
        assert response.status_code == 200, name
        assert 'data-verdict="differs"' in response.text and '<mark class="claim diff">90万吨</mark>' in response.text
    assert exe.status_code == 415 and texts.STAFF_UPLOAD_TYPE in exe.text
    assert fake_docx.status_code == 400 and "d.docx" in fake_docx.text
    assert binary.status_code == 400 and "e.txt" in binary.text


async def test_a_body_over_the_limit_is_refused(tmp_path: Path) -> None:
    async with running_web(web_config(tmp_path, max_body_kb=4)) as server, client(server) as http:
        await sign_in(http)
        csrf = await staff_csrf(http)
        big = await http.post("/staff/text", data={"csrf": csrf, "text": "水" * 5000})
        api = await http.post("/api/verify", json={"claim": "水" * 5000})
        small = await http.post("/api/verify", json={"claim": "日供水能力提高到80万吨"})
    assert big.status_code == 413 and api.status_code == 413 and texts.BODY_TOO_LARGE in api.text
    assert small.status_code == 200


async def test_searches_are_limited_per_address(tmp_path: Path) -> None:
    async with running_web(web_config(tmp_path, searches_per_minute=3)) as server, client(server) as http:
        statuses = [(await http.get("/api/search", params={"q": QUESTION})).status_code for _ in range(4)]
        page = await http.get("/search", params={"q": QUESTION})
        other_pages = [(await http.get(path)).status_code for path in ("/", "/interviews", "/healthz")]
        metrics = (await http.get("/metrics")).text
    assert statuses == [200, 200, 200, 429] and page.status_code == 429
    assert int(page.headers["retry-after"]) >= 1 and "请求太频繁" in page.text
    assert other_pages == [200, 200, 200]
    assert "interview_qa_rate_limited_total 2.0" in metrics


async def test_unknown_routes_and_methods_get_a_page_not_a_traceback(tmp_path: Path) -> None:
    async with running_web(web_config(tmp_path)) as server, client(server) as http:
        missing = await http.get("/no/such/page")
        wrong_method = await http.delete("/api/search")
        api_missing = await http.get("/api/nothing")
    assert missing.status_code == 404 and texts.NOT_FOUND_PAGE in missing.text
    assert wrong_method.status_code == 405 and api_missing.status_code == 404


# -- the query log and reload ----------------------------------------------------------------------------------------
async def test_the_query_log_page_has_charts_and_a_csv(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INTERVIEW_QA_LOG_SALT", "a-salt-of-sixteen-or-more")
    config = web_config(tmp_path)
    config = replace(config, query_log=QueryLogConfig(enabled=True, path=tmp_path / "log.sqlite3"))
    async with running_web(config) as server, client(server) as http:
        for q in (QUESTION, QUESTION, "你好", "青岛市的水费是多少？<b>x</b>"):
            await http.get("/search", params={"q": q})
        await sign_in(http)
        page = (await http.get("/staff/log")).text
        charts = {name: await http.get(f"/staff/charts/{name}.svg") for name in ("daily", "top", "unanswered",
                                                                                  "disliked")}
        csv = await http.get("/staff/log.csv")
        unknown = await http.get("/staff/charts/secrets.svg")
    assert texts.staff_log_summary(4, 2, 0, 0, 0) in page
    assert 'src="/staff/charts/daily.svg"' in page
    assert "青岛市的水费是多少" in page and "&lt;b&gt;x&lt;/b&gt;" in page and "<b>x</b>" not in page
    for name, chart in charts.items():
        assert chart.status_code == 200 and chart.headers["content-type"] == "image/svg+xml", name
        assert chart.text.lstrip().startswith("<?xml") and "<script" not in chart.text
    assert texts.STAFF_CHART_ANSWERED in charts["daily"].text
    assert "今年夏天用水高峰会不会停水" in charts["top"].text
    assert "&lt;b&gt;x&lt;/b&gt;" in charts["unanswered"].text  # escaped inside the SVG too
    assert csv.headers["content-type"].startswith("text/csv") and "top_question" in csv.text
    assert unknown.status_code == 404


async def test_reload_picks_up_a_new_interview(tmp_path: Path) -> None:
    from tests.telegram_helpers import FOREST

    config = web_config(tmp_path)
    async with running_web(config) as server, client(server) as http:
        before = (await http.get("/healthz")).json()["interviews"]
        (config.corpus.dir / "fictional-forest.txt").write_text(FOREST, encoding="utf-8")
        await sign_in(http)
        csrf = await staff_csrf(http)
        page = await http.post("/staff/reload", data={"csrf": csrf})
        after = (await http.get("/healthz")).json()["interviews"]
        found = (await http.get("/api/search", params={"q": "清明节上山祭扫有什么防火规定", "top_k": 1})).json()
        metrics = (await http.get("/metrics")).text
    assert before == 2 and after == 3
    assert page.status_code == 200 and "访谈库已重新加载" in page.text
    assert found["hits"][0]["bureau"] == "海川市林业局"
    assert 'interview_qa_index_builds_total{result="ok"} 2.0' in metrics


async def test_staff_sees_what_was_read_from_each_corpus_file_with_those_that_need_a_look_first(tmp_path: Path) -> None:
    config = web_config(tmp_path)
    (config.corpus.dir / "unknown.txt").write_text("记者：今年停水吗？\n\n答：今年不停水，管网改造已经完成。\n", "utf-8")
    (config.corpus.dir / "broken.docx").write_bytes(b"PK\x03\x04 not a document")
    async with running_web(config) as server, client(server) as http:
        assert (await sign_in(http)).status_code == 303
        page = (await http.get("/staff")).text
    rows = re.findall(r'<tr class="(look|ok)" data-file="([^"]+)" data-needs-look="(yes|no)">', page)
    files = [file for _, file, _ in rows]
    assert set(files) >= {"unknown.txt", "broken.docx"} and len(files) >= 4
    looks = [look for look, _, _ in rows]
    assert looks == sorted(looks), "the files that need a look come first"
    assert dict((f, look) for look, f, _ in rows)["unknown.txt"] == "look"
    assert dict((f, look) for look, f, _ in rows)["broken.docx"] == "look"
    assert texts.STAFF_FILES_UNKNOWN in page and texts.STAFF_FILES_UNREADABLE in page
    assert "not a .docx document" in page
