"""Web load benchmark: `interview-qa serve` (its own process, the REAL model and the shipped corpus, the bot polling
the local fake Bot API alongside) under /api/search from --clients concurrent clients for --seconds, with distinct
questions; baselines measured in the same run; then the weight of every page.

    .venv/bin/python benchmarks/web_load.py [--json] [--clients 20] [--seconds 30] [--bot-rate 1]

Runs, in order (the first in this process, the others against the same server process):
- `searcher alone x1`: the same kind of searches in this process, without HTTP: what a search costs by itself;
- `healthz xN`: GET /healthz from N clients (no search): what HTTP, the app and this load generator cost alone;
- `search x1`: /api/search from one client, one request at a time: a search with no queue;
- `search xN, think`: N clients each asking a question a second (a user reads the answer before asking again);
- `search xN`: the target, N clients each sending its next question as soon as the last one is answered (a closed
  loop with no think time: the hardest reading of "N concurrent clients"), while the bot long-polls the fake Bot
  API and answers --bot-rate Telegram questions a second.
Questions are the dev and tuning questions about the shipped interview (tests/data/dev/seed.jsonl,
benchmarks/data/tuning/seed.jsonl), each worded differently by an opener and a closer, never repeated within a
run (about 50,000 wordings). Latency is measured by the client (request sent to response read). The load generator shares the machine's
2 cores with the server: its own CPU time is printed. `errors` are non-200 responses and failed requests.

Page weight: each page's HTML, and with its stylesheet and icon (the pages load nothing else: no script, no font).
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import random
import re
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402

from benchmarks.corpora import build_index_first, cli_command, serve_environment  # noqa: E402
from tests.fake_bot_api import FakeBotAPI  # noqa: E402

QUESTION_FILES = (ROOT / "tests" / "data" / "dev" / "seed.jsonl", ROOT / "benchmarks" / "data" / "tuning" / "seed.jsonl")
OPENERS = ("", "请问", "你好，", "想问一下，", "麻烦问下，", "打扰一下，", "您好，请问", "咨询一下：", "我想了解：", "问个问题，")
CLOSERS = ("", "谢谢", "？", "，谢谢！", "。", "呢", " 急", "，多谢", "～", "！")
STAFF_TOKEN = "web-load-benchmark-staff-token-0123456789"
TARGET_P95_MS = 80.0
TARGET_PAGE_KB = 100.0


@dataclass
class Run:
    name: str
    clients: int
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    wall_s: float = 0.0
    load: float = 0.0
    client_cpu_s: float = 0.0

    def row(self) -> dict[str, Any]:
        ms = sorted(x * 1000 for x in self.latencies)

        def pct(p: float) -> float:
            return round(ms[min(len(ms) - 1, int(p * len(ms)))], 1) if ms else 0.0

        return {"run": self.name, "clients": self.clients, "requests": len(ms), "errors": self.errors,
                "rps": round(len(ms) / self.wall_s, 1) if self.wall_s else 0.0,
                "p50_ms": round(statistics.median(ms), 1) if ms else 0.0, "p95_ms": pct(0.95), "p99_ms": pct(0.99),
                "max_ms": round(ms[-1], 1) if ms else 0.0, "load_avg": round(self.load, 2),
                "client_cpu_s": round(self.client_cpu_s, 1)}


def questions() -> list[str]:
    """Every question once per opener/closer pair, shuffled with a fixed seed: distinct wordings."""
    base = []
    for path in QUESTION_FILES:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                base.append(json.loads(line)["q"].rstrip("？?。！!"))
    rng = random.Random(14)
    pairs = list(itertools.product(OPENERS, CLOSERS))
    worded = [f"{o}{q}{c}" for q in base for o, c in pairs]
    rng.shuffle(worded)
    return list(dict.fromkeys(worded))


def write_config(folder: Path) -> Path:
    import yaml

    from index.settings import default_cache_dir

    config = {"corpus": {"dir": str(ROOT / "corpus")}, "index": {"dir": str(folder / "index")},
              "model": {"cache_dir": str(default_cache_dir())},
              "web": {"port": 0, "searches_per_minute": 0}, "telegram": {"questions_per_minute": 0}}
    path = folder / "config.yaml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


async def start_server(bot: FakeBotAPI, folder: Path) -> tuple[asyncio.subprocess.Process, str]:
    command = cli_command()
    config = write_config(folder)
    build_index_first(config, {"PYTHONPATH": str(ROOT)})  # as `make index` does: the server's RSS is its own
    env = serve_environment(config, TELEGRAM_BOT_TOKEN=bot.token, TELEGRAM_API_BASE_URL=bot.base_url,
                            INTERVIEW_QA_STAFF_TOKEN=STAFF_TOKEN)
    log = folder / "serve.log"
    out = log.open("wb")
    process = await asyncio.create_subprocess_exec(*command, "serve", env=env, cwd=str(folder), stdout=out,
                                                   stderr=out)
    began = time.monotonic()
    while True:
        found = re.search(r"web: (http://\S+)", log.read_text(encoding="utf-8", errors="replace"))
        if found:
            return process, found.group(1).rstrip("/")
        if process.returncode is not None or time.monotonic() - began > 600:
            raise SystemExit(f"the server did not start (exit {process.returncode}):\n{log.read_text()[-3000:]}")
        await asyncio.sleep(0.1)


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return 0.0


async def load(http: httpx.AsyncClient, run: Run, path: str, seconds: float, texts: list[str] | None,
               think: float = 0.0) -> None:
    """`run.clients` clients for `seconds`, each sending its next request `think` seconds after the last answer;
    each request a fresh question when `texts` is given."""
    feed = iter(texts or [])
    deadline = time.monotonic() + seconds
    rng = random.Random(run.name)

    async def client() -> None:
        if think:  # users do not arrive in step, nor read at the same pace
            await asyncio.sleep(rng.uniform(0, think))
        while time.monotonic() < deadline:
            params = None
            if texts is not None:
                question = next(feed, None)
                if question is None:
                    return
                params = {"q": question}
            began = time.perf_counter()
            try:
                response = await http.get(path, params=params)
                ok = response.status_code == 200
            except httpx.HTTPError:
                ok = False
            if ok:
                run.latencies.append(time.perf_counter() - began)
            else:
                run.errors += 1
            if think:
                await asyncio.sleep(rng.uniform(0.5 * think, 1.5 * think))

    cpu, began = time.process_time(), time.monotonic()
    await asyncio.gather(*(client() for _ in range(run.clients)))
    run.wall_s = time.monotonic() - began
    run.client_cpu_s = time.process_time() - cpu
    run.load = os.getloadavg()[0]


async def telegram_questions(bot: FakeBotAPI, texts: list[str], rate: float, seconds: float) -> int:
    """Telegram questions at `rate` a second while the web is under load; returns how many were sent."""
    if rate <= 0:
        return 0
    users = [bot.user(900_000 + i, f"用户{i}") for i in range(20)]
    sent = 0
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        bot.private_text(users[sent % len(users)], texts[sent % len(texts)])
        sent += 1
        await asyncio.sleep(1.0 / rate)
    return sent


async def page_weights(http: httpx.AsyncClient) -> list[dict[str, Any]]:
    """Bytes of each page, and with the stylesheet and icon every page loads."""
    assets = 0
    for asset in ("/static/style.css", "/static/favicon.svg"):
        assets += len((await http.get(asset)).content)
    interviews = (await http.get("/interviews")).text
    interview = re.search(r'href="(/i/[0-9a-f]+)"', interviews).group(1)
    pages = {"/ (ask)": "/", "/search (answer)": "/search?q=疫情期间海域使用金可以缓缴吗？",
             "/search (not found)": "/search?q=青岛的旅游收入增长了多少？", "/interviews": "/interviews",
             "/i/<id> (whole interview)": interview, "/staff/login": "/staff/login"}
    rows = []
    for name, path in pages.items():
        body = (await http.get(path)).content
        rows.append({"page": name, "html_kb": round(len(body) / 1024, 1),
                     "with_css_kb": round((len(body) + assets) / 1024, 1)})
    form = await http.get("/staff/login")
    csrf = re.search(r'name="csrf" value="([^"]+)"', form.text).group(1)
    await http.post("/staff/login", data={"csrf": csrf, "token": STAFF_TOKEN})
    staff = await http.get("/staff")
    csrf = re.search(r'name="csrf" value="([^"]+)"', staff.text).group(1)
    text = ("据威海市海洋发展局介绍，疫情期间缓缴资金2亿元。邢海文表示，将海域使用金推迟到疫情结束后缴纳。\n"
            "“我们用三聚焦三攻坚推动工作。”邢海文说。今天天气很好。")
    checked = await http.post("/staff/text", data={"csrf": csrf, "text": text})
    for name, body in (("/staff (console)", staff.content), ("/staff/text (4 sentences checked)", checked.content)):
        rows.append({"page": name, "html_kb": round(len(body) / 1024, 1),
                     "with_css_kb": round((len(body) + assets) / 1024, 1)})
    return rows


def searcher_alone(texts: list[str], seconds: float) -> Run:
    """The same searches in this process, no HTTP: what a search costs by itself (measured before the server
    starts, so the two do not compete)."""
    from bot.config import load_config
    from index.service import open_searcher

    with tempfile.TemporaryDirectory(prefix="web-load-alone-") as tmp:
        config = load_config(write_config(Path(tmp)))
        searcher, _ = open_searcher(config.core)
        for text in texts[:20]:
            searcher.search(text)
        run = Run("searcher alone x1 (no HTTP)", 1)
        cpu, began = time.process_time(), time.monotonic()
        for text in texts[20:]:
            if time.monotonic() - began > seconds:
                break
            start = time.perf_counter()
            searcher.search(text)
            run.latencies.append(time.perf_counter() - start)
        run.wall_s, run.client_cpu_s, run.load = time.monotonic() - began, time.process_time() - cpu, os.getloadavg()[0]
    return run


async def main(args: argparse.Namespace) -> dict[str, Any]:
    texts = questions()
    alone = searcher_alone(texts[-12000:-10000], args.baseline_seconds)
    async with FakeBotAPI() as bot:
        with tempfile.TemporaryDirectory(prefix="web-load-") as tmp:
            process, url = await start_server(bot, Path(tmp))
            try:
                limits = httpx.Limits(max_connections=args.clients + 5, max_keepalive_connections=args.clients + 5)
                async with httpx.AsyncClient(base_url=url, timeout=30.0, limits=limits) as http:
                    await load(http, Run("warm-up", 2), "/api/search", 3, texts[-200:])
                    floor = Run(f"healthz x{args.clients}", args.clients)
                    await load(http, floor, "/healthz", args.baseline_seconds, None)
                    single = Run("search x1", 1)
                    await load(http, single, "/api/search", args.baseline_seconds, texts[-5000:-200])
                    paced = Run(f"search x{args.clients}, {args.think:g} s think time", args.clients)
                    await load(http, paced, "/api/search", args.baseline_seconds, texts[-10000:-5000], args.think)
                    target = Run(f"search x{args.clients} (+bot)", args.clients)
                    replies_before = len(bot.calls_of("sendMessage"))
                    sent, _ = await asyncio.gather(
                        telegram_questions(bot, texts[:500], args.bot_rate, args.seconds),
                        load(http, target, "/api/search", args.seconds, texts[: len(texts) - 12000]))
                    await asyncio.sleep(2.0)
                    replied = len(bot.calls_of("sendMessage")) - replies_before
                    pages = await page_weights(http)
                    metrics = (await http.get("/metrics")).text
            finally:
                process.terminate()
                rss = rss_mb(process.pid)
                await process.wait()
    runs = [alone.row(), floor.row(), single.row(), paced.row(), target.row()]
    searched = sum(float(v) for v in re.findall(r'interview_qa_search_seconds_count\{frontend="api"\} (\S+)', metrics))
    return {"runs": runs, "pages": pages, "telegram": {"sent": sent, "replied": replied,
                                                       "polls": len(bot.calls_of("getUpdates"))},
            "server_rss_mb": rss, "questions_distinct": len(texts), "api_searches_counted": searched,
            "target": {"p95_ms": TARGET_P95_MS, "met": target.row()["p95_ms"] <= TARGET_P95_MS and target.errors == 0,
                       "pages_kb": TARGET_PAGE_KB,
                       "pages_met": all(p["with_css_kb"] < TARGET_PAGE_KB for p in pages)}}


def table(result: dict[str, Any]) -> str:
    head = "| run | clients | requests | errors | req/s | p50 ms | p95 ms | p99 ms | max ms | load avg | client CPU s |"
    lines = [head, "|" + "---|" * 11]
    for r in result["runs"]:
        lines.append(f"| {r['run']} | {r['clients']} | {r['requests']} | {r['errors']} | {r['rps']} | {r['p50_ms']} | "
                     f"{r['p95_ms']} | {r['p99_ms']} | {r['max_ms']} | {r['load_avg']} | {r['client_cpu_s']} |")
    t = result["telegram"]
    lines += ["", f"bot alongside: {t['sent']} Telegram questions sent, {t['replied']} replied, {t['polls']} long polls; "
              f"server peak RSS {result['server_rss_mb']} MB; target p95 <= {TARGET_P95_MS:.0f} ms with no errors: "
              f"{'met' if result['target']['met'] else 'NOT met'}", "",
              "| page | HTML KB | with CSS and icon KB |", "|---|---|---|"]
    lines += [f"| {p['page']} | {p['html_kb']} | {p['with_css_kb']} |" for p in result["pages"]]
    lines.append(f"\npages under {TARGET_PAGE_KB:.0f} KB: {'yes' if result['target']['pages_met'] else 'NO'}")
    return "\n".join(lines)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--baseline-seconds", type=float, default=10.0)
    parser.add_argument("--think", type=float, default=1.0, help="seconds each client waits between questions in "
                                                                 "the paced baseline run")
    parser.add_argument("--bot-rate", type=float, default=1.0, help="Telegram questions a second during the load")
    parser.add_argument("--json", action="store_true")
    arguments = parser.parse_args()
    outcome = asyncio.run(main(arguments))
    print(json.dumps(outcome, ensure_ascii=False, indent=1) if arguments.json else table(outcome))
