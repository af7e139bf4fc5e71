"""Screenshots of the main pages, desktop (1280x900) and phone (390x844), in a real headless Chromium.

    .venv/bin/python benchmarks/screenshots.py [--out .cache/screenshots]

The README shows two of them, copied to docs/: answer-phone.png and staff-text-desktop.png.

Starts `interview-qa serve` (its own process, the real model, the shipped corpus, a query log in a temp folder),
asks a few questions so the log has something to chart, signs in to the staff console and checks a short text, and
writes one PNG per page and size. Needs Debian's chromium (`make browser` installs it as root).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402

CHROMIUM = os.environ.get("INTERVIEW_QA_CHROMIUM", "/usr/bin/chromium")
STAFF_TOKEN = "screenshots-staff-token-0123456789"
SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
QUESTIONS = ("疫情期间海域使用金可以缓缴吗？", "海洋局打造模范机关的总体思路是什么？", "威海的海洋牧场是怎么建设的？",
             "疫情期间海域使用金可以缓缴吗？", "青岛的旅游收入增长了多少？", "海洋局的电话是多少？", "你好")
TEXT = ("威海市海洋发展局近日介绍了疫情期间支持海洋企业的措施。据威海市海洋发展局介绍，疫情期间将海域使用金推迟到疫情结束后缴纳，"
        "缓缴资金2亿元。\n“我局党组用‘五聚焦五提升’全力打造精致模范机关。”邢海文说。今年的海洋经济形势总体向好。\n"
        "邢海文表示，明年将在青岛新建十个海洋牧场。")


async def start(folder: Path) -> tuple[asyncio.subprocess.Process, str]:
    import yaml

    from index.settings import default_cache_dir

    config = {"corpus": {"dir": str(ROOT / "corpus")}, "index": {"dir": str(ROOT / ".cache" / "index")},
              "model": {"cache_dir": str(default_cache_dir())}, "web": {"port": 0, "searches_per_minute": 0},
              "query_log": {"enabled": True, "path": str(folder / "log.sqlite3")}}
    (folder / "config.yaml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    env = {**os.environ, "INTERVIEW_QA_CONFIG": str(folder / "config.yaml"), "INTERVIEW_QA_STAFF_TOKEN": STAFF_TOKEN,
           "INTERVIEW_QA_LOG_SALT": "screenshots-salt-0123456789", "PYTHONPATH": str(ROOT)}
    env.pop("TELEGRAM_BOT_TOKEN", None)
    log = folder / "serve.log"
    process = await asyncio.create_subprocess_exec(sys.executable, "-m", "bot.cli", "serve", env=env, cwd=str(folder),
                                                   stdout=log.open("wb"), stderr=asyncio.subprocess.STDOUT)
    began = time.monotonic()
    while not (found := re.search(r"web: (http://\S+)", log.read_text(errors="replace"))):
        if process.returncode is not None or time.monotonic() - began > 600:
            raise SystemExit(f"the server did not start:\n{log.read_text()[-2000:]}")
        await asyncio.sleep(0.2)
    return process, found.group(1)


async def shoot(url: str, out: Path) -> list[Path]:
    from playwright.async_api import async_playwright

    async with httpx.AsyncClient(base_url=url) as http:
        for q in QUESTIONS:
            await http.get("/search", params={"q": q})
        answer = (await http.get("/api/search", params={"q": QUESTIONS[0]})).json()
    passage = answer["hits"][0]["passage_id"]
    written = []
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        for size, viewport in SIZES.items():
            page = await browser.new_page(viewport=viewport, device_scale_factor=1)
            pages = {"home": "", "answer": f"search?q={QUESTIONS[0]}", "not-found": f"search?q={QUESTIONS[4]}",
                     "permalink": f"p/{passage}", "interviews": "interviews"}
            for name, path in pages.items():
                await page.goto(url + path)
                written.append(out / f"{name}-{size}.png")
                await page.screenshot(path=str(written[-1]))
            await page.goto(url + "staff/login")
            await page.fill("#token", STAFF_TOKEN)
            await page.click("form.staff button[type=submit]")
            await page.wait_for_url(url + "staff")
            await page.fill("#doc-text", TEXT)
            await page.click("#document form button[type=submit]")
            await page.wait_for_selector("#document-result")
            await page.locator("#document-summary").scroll_into_view_if_needed()
            await page.evaluate("document.querySelector('#document h2').scrollIntoView()")
            written.append(out / f"staff-text-{size}.png")
            await page.screenshot(path=str(written[-1]))
            await page.goto(url + "staff/log")
            for name in ("daily", "top"):
                image = page.locator(f"#chart-{name}")
                await page.wait_for_function("e => e.complete", arg=await image.element_handle())
            written.append(out / f"staff-log-{size}.png")
            await page.screenshot(path=str(written[-1]))
            await page.close()
        await browser.close()
    return written


async def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="screenshots-") as tmp:
        process, url = await start(Path(tmp))
        try:
            for path in await shoot(url, out):
                print(f"{path} {path.stat().st_size // 1024} KB")
        finally:
            process.terminate()
            await process.wait()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / ".cache" / "screenshots")
    asyncio.run(main(parser.parse_args().out))
