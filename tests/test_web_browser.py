"""The pages in a REAL headless Chromium (Debian's `chromium`, driven by Playwright), against the real server.

Without the browser these tests fail, saying what to install; they are never skipped."""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from bot.config import QueryLogConfig
from tests.web_helpers import STAFF_TOKEN, running_web, web_config

CHROMIUM = os.environ.get("INTERVIEW_QA_CHROMIUM", "/usr/bin/chromium")
INSTALL = "apt-get update && apt-get install -y chromium fonts-wqy-microhei  (or `make test` as root)"
PHONE = {"width": 390, "height": 844}
QUESTION = "今年夏天用水高峰会不会停水？"


def _require_browser() -> Any:
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        pytest.fail(f"the browser tests need Chromium at {CHROMIUM}: run `{INSTALL}`", pytrace=False)
    try:
        from playwright.async_api import async_playwright
    except ImportError:
        pytest.fail("the browser tests need Playwright: run `.venv/bin/pip install -c constraints.txt playwright` "
                    "(never `playwright install`: the system Chromium is used)", pytrace=False)
    return async_playwright


@contextlib.asynccontextmanager
async def browser_page(viewport: dict[str, int] | None = None) -> AsyncIterator[tuple[Any, list[str]]]:
    """A page of a fresh headless Chromium, and the console errors and page errors it collects."""
    async_playwright = _require_browser()
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        try:
            page = await browser.new_page(viewport=viewport or {"width": 1280, "height": 900})
            errors: list[str] = []
            page.on("console", lambda m: errors.append(f"{m.type}: {m.text}") if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(f"pageerror: {e}"))
            yield page, errors
        finally:
            await browser.close()


async def sign_in(page: Any, url: str) -> None:
    """On the staff login page: the token entered and sent, and the console reached."""
    await page.fill("#token", STAFF_TOKEN)
    await page.click("form.staff button[type=submit]")
    await page.wait_for_url(f"{url}staff")


async def in_viewport(page: Any, selector: str) -> bool:
    return bool(await page.eval_on_selector(selector, """e => { const r = e.getBoundingClientRect();
        return r.top >= 0 && r.top < window.innerHeight; }"""))


async def test_ask_and_see_the_answer_with_its_sentence_highlighted(tmp_path: Path) -> None:
    async with running_web(web_config(tmp_path)) as server, browser_page(PHONE) as (page, errors):
        await page.goto(server.url)
        await page.fill("#q", QUESTION)
        await page.click("form.ask button[type=submit]")
        await page.wait_for_selector("#result")
        best = page.locator("article.hit.first mark.best")
        assert await best.count() == 1 and await best.is_visible()
        assert "不会计划停水" in await best.inner_text()
        background = await best.evaluate("e => getComputedStyle(e).backgroundColor")
        assert background == "rgb(255, 241, 184)"  # the highlight, from the stylesheet (CSP allowed it)
        assert "钱明（局长）" in await page.inner_text("article.hit.first .who")
        assert page.url.startswith(server.url + "search?q=")
        assert errors == []


async def test_a_permalink_scrolls_to_its_passage_and_highlights_it(tmp_path: Path) -> None:
    async with running_web(web_config(tmp_path)) as server, browser_page(PHONE) as (page, errors):
        passages = [p for p in server.state.searcher.data.passages if p.bureau == "海川市水务局"]
        target = passages[-1]
        await page.goto(f"{server.url}p/{target.passage_id}")
        selector = f"#p-{target.passage_id}"
        await page.wait_for_selector(selector)
        assert page.url.endswith(f"/i/{target.interview_id}#p-{target.passage_id}")
        assert await in_viewport(page, selector)
        assert await page.eval_on_selector(selector, "e => getComputedStyle(e).backgroundColor") == "rgb(255, 241, 184)"
        other = f"#p-{passages[0].passage_id}"
        assert await page.eval_on_selector(other, "e => getComputedStyle(e).backgroundColor") == "rgb(255, 255, 255)"
        assert errors == []


async def test_staff_login_and_a_pasted_text_shows_a_differs_row_with_the_number_highlighted(tmp_path: Path) -> None:
    text = "据海川市水务局介绍，今年全市新建水厂两座，日供水能力提高到90万吨。天气越来越热了。"
    async with running_web(web_config(tmp_path)) as server, browser_page() as (page, errors):
        await page.goto(f"{server.url}staff")
        assert page.url.endswith("/staff/login")
        await sign_in(page, server.url)
        await page.fill("#doc-text", text)
        await page.click("#document form button[type=submit]")
        await page.wait_for_selector("#document-result")
        row = page.locator("li.sentence.differs")
        assert await row.count() == 1
        number = page.locator("li.sentence.differs > p mark.diff")  # in the sentence itself
        assert (await number.inner_text()).strip() == "90万吨" and await number.is_visible()
        assert await number.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(255, 215, 207)"
        assert await page.locator("li.sentence.no_attribution").count() == 1
        record = row.locator(".side article.hit mark.diff")  # the record's side: what the interview says there
        assert "80万吨" in await record.first.inner_text()
        assert errors == []


async def test_a_pasted_paraphrase_shows_a_consistent_row_with_its_facts_matched(tmp_path: Path) -> None:
    text = "钱明说，海川今年新建的两座水厂投产后，日供水能力达到80万吨。据说水费要涨了。"
    async with running_web(web_config(tmp_path)) as server, browser_page() as (page, errors):
        await page.goto(f"{server.url}staff/login")
        await sign_in(page, server.url)
        await page.fill("#doc-text", text)
        await page.click("#document form button[type=submit]")
        await page.wait_for_selector("#document-result")
        row = page.locator("li.sentence.consistent")
        assert await row.count() == 1 and await row.get_attribute("data-speaker") == "钱明"
        tag = row.locator("span.tag.consistent")
        assert (await tag.inner_text()).strip() == "与原文一致"
        assert await tag.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(31, 111, 139)"  # its own colour
        facts = row.locator("ul.facts li")  # the facts matched, listed (the details are open)
        assert await facts.count() == 3 and await facts.nth(2).is_visible()
        assert [await facts.nth(i).get_attribute("data-kind") for i in range(3)] == ["place", "number", "number"]
        assert "80万吨" in await facts.nth(2).inner_text()
        in_sentence = row.locator(":scope > p mark.fact")  # marked in the sentence pasted...
        assert [(await m.inner_text()).strip() for m in await in_sentence.all()] == ["海川", "两座", "80万吨"]
        in_record = row.locator(".side article.hit mark.fact")  # ...and in the passage of the record
        assert {(await m.inner_text()).strip() for m in await in_record.all()} >= {"两座", "80万吨"}
        assert await in_record.first.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(212, 236, 245)"
        assert await page.locator("li.sentence.no_attribution").count() == 1  # hearsay: no attribution
        assert errors == []


async def test_the_query_log_chart_renders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INTERVIEW_QA_LOG_SALT", "a-salt-of-sixteen-or-more")
    config = replace(web_config(tmp_path), query_log=QueryLogConfig(enabled=True, path=tmp_path / "log.sqlite3"))
    async with running_web(config) as server, browser_page() as (page, errors):
        for q in (QUESTION, QUESTION, "你好"):
            await page.goto(f"{server.url}search?q={q}")
        await page.goto(f"{server.url}staff/login")
        await sign_in(page, server.url)
        await page.goto(f"{server.url}staff/log")
        for name in ("daily", "top", "unanswered", "disliked"):
            image = page.locator(f"#chart-{name}")
            await image.scroll_into_view_if_needed()
            await page.wait_for_function("e => e.complete", arg=await image.element_handle())
            size = await image.evaluate("e => [e.naturalWidth, e.naturalHeight, e.getBoundingClientRect().width]")
            assert size[0] > 300 and size[1] > 100 and size[2] > 300, (name, size)
        assert errors == []


async def test_every_page_fits_a_phone_without_horizontal_scroll_or_console_errors(tmp_path: Path) -> None:
    long_word = "停水" * 200  # a long unbroken question must wrap, not widen the page
    async with running_web(web_config(tmp_path)) as server, browser_page(PHONE) as (page, errors):
        passage = server.state.searcher.data.passages[0]
        paths = ["", f"search?q={QUESTION}", f"search?q={long_word}", "search?q=你好", "interviews",
                 f"i/{passage.interview_id}", f"p/{passage.passage_id}", "staff/login", "no-such-page"]
        for path in paths:
            await page.goto(server.url + path)
            width = await page.evaluate("document.documentElement.scrollWidth")
            assert width <= PHONE["width"], (path, width)
        await page.goto(f"{server.url}staff/login")
        await sign_in(page, server.url)
        for path in ("staff", "staff/log"):
            await page.goto(server.url + path)
            assert await page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], path
    # the only error allowed is the 404 of the missing page itself
    assert [e for e in errors if "404" not in e] == [] and len(errors) <= 1


async def test_a_follow_up_typed_in_the_answer_pages_ask_box_is_read_with_the_question_before(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from bot import texts
    from index.dialogue.choice import Choice
    from tests.dialogue_helpers import write_dialogue_corpus
    from tests.test_followups import FISHING, pointing_choice

    monkeypatch.setattr(Choice, "load", classmethod(lambda cls, fingerprint, path=None: pointing_choice()))
    write_dialogue_corpus(tmp_path / "corpus")
    async with running_web(web_config(tmp_path)) as server, browser_page(PHONE) as (page, errors):
        await page.goto(server.url)
        await page.fill("#q", FISHING)
        await page.click("form.ask button[type=submit]")
        await page.wait_for_selector("#result")
        assert await page.locator(".read-with").count() == 0
        await page.fill("#q", "那补助什么时候发？")  # the answer page's own ask box, carrying the question before
        await page.click("form.ask button[type=submit]")
        await page.wait_for_selector(".read-with")
        assert await page.inner_text(".read-with") == texts.read_with(FISHING)
        assert "7月底前发放" in await page.inner_text("article.hit.first blockquote")
        assert "prev=" in page.url
        await page.click("a.new-topic")
        await page.wait_for_selector("#q")
        assert page.url == server.url and await page.locator("input[name=prev]").count() == 0
        assert errors == []
