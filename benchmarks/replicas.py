"""Replica benchmark: three `interview-qa serve` processes sharing one PostgreSQL and one corpus folder, behind
nginx (Debian's; installed with apt when missing and run as root; else a small round-robin proxy of this script),
with the REAL model and the shipped corpus; Telegram's updates posted as webhooks by the fake Bot API
(tests/fake_bot_api.py), web searches spread across the replicas. One `serve` alone (the default SQLite state) is
measured in the same run, first.

    .venv/bin/python benchmarks/replicas.py [--json] [--web 400] [--clients 8] [--telegram 150]

Reports:
- nothing lost: every Telegram question answered, and in the shared query log exactly once (per asker);
- buttons pressed on another replica: a question posted to replica i, its 更多结果 pressed on replica i+1 and its
  👍 on replica i+2: each answered (no "expired") and the rating in the shared log;
- limits held across replicas: one Telegram user asking 26 questions through the proxy (20 a minute allowed) gets
  20 answers, and one web address sending 70 searches (60 a minute) gets 60, whichever replicas they reach;
- a staff reload on one replica reloads the others;
- web p50/p95 and throughput, and Telegram throughput, for the three replicas beside the one process.
Searches come from distinct client addresses (X-Forwarded-For, believed from the proxy: web.trust_proxy), each
under its limit, so the load phases measure serving, not refusing.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402

from benchmarks.corpora import build_index_first, cli_command, serve_environment  # noqa: E402
from benchmarks.web_load import Run, questions  # noqa: E402
from tests.fake_bot_api import Call, FakeBotAPI  # noqa: E402
from tests.postgres_server import PostgresServer, free_port  # noqa: E402

REPLICAS = 3
SALT = "replica-benchmark-salt-0123456789"
SECRET = "replica-benchmark-webhook-secret-0123456789"
STAFF_TOKEN = "replica-benchmark-staff-token-0123456789"
QUESTIONS_PER_MINUTE = 20
SEARCHES_PER_MINUTE = 60
START_TIMEOUT_S = 600


# -- processes ------------------------------------------------------------------------------------------------------
@dataclass
class Replica:
    process: asyncio.subprocess.Process
    url: str
    log: Path


def write_config(folder: Path, index: Path, webhook_url: str) -> Path:
    import yaml

    from index.settings import default_cache_dir

    config = {"corpus": {"dir": str(ROOT / "corpus")}, "index": {"dir": str(index)},
              "model": {"cache_dir": str(default_cache_dir())},
              "web": {"port": 0, "searches_per_minute": SEARCHES_PER_MINUTE, "trust_proxy": True},
              "telegram": {"mode": "webhook", "webhook": {"url": webhook_url, "path": "telegram"},
                           "questions_per_minute": QUESTIONS_PER_MINUTE, "concurrent_updates": 16},
              "query_log": {"enabled": True, "path": str(folder / "querylog.sqlite3")},
              "state": {"path": str(folder / "state.sqlite3"), "reload_check_seconds": 1.0}}
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "config.yaml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


async def start_serve(config: Path, port: int, bot: FakeBotAPI, database_url: str | None, name: str) -> Replica:
    command = cli_command()
    env = serve_environment(config, INTERVIEW_QA_WEB_PORT=str(port), TELEGRAM_BOT_TOKEN=bot.token,
                            TELEGRAM_API_BASE_URL=bot.base_url, TELEGRAM_WEBHOOK_SECRET=SECRET,
                            INTERVIEW_QA_LOG_SALT=SALT, INTERVIEW_QA_STAFF_TOKEN=STAFF_TOKEN)
    env.pop("INTERVIEW_QA_DATABASE_URL", None)
    if database_url:
        env["INTERVIEW_QA_DATABASE_URL"] = database_url
    log = config.parent / f"{name}.log"
    out = log.open("wb")
    process = await asyncio.create_subprocess_exec(*command, "serve", env=env, cwd=str(config.parent), stdout=out,
                                                   stderr=out)
    return Replica(process, f"http://127.0.0.1:{port}", log)


async def wait_ready(replica: Replica) -> None:
    began = time.monotonic()
    while not re.search(r"web: http://", replica.log.read_text(encoding="utf-8", errors="replace")):
        if replica.process.returncode is not None or time.monotonic() - began > START_TIMEOUT_S:
            raise SystemExit(f"a replica did not start (exit {replica.process.returncode}):\n"
                             f"{replica.log.read_text(errors='replace')[-3000:]}")
        await asyncio.sleep(0.1)


async def stop(replica: Replica) -> None:
    if replica.process.returncode is None:
        replica.process.terminate()
        try:
            await asyncio.wait_for(replica.process.wait(), 30)
        except TimeoutError:
            replica.process.kill()


# -- the proxy ------------------------------------------------------------------------------------------------------
NGINX_CONF = """worker_processes 2;
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
daemon off;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    client_body_temp_path {dir}/body; proxy_temp_path {dir}/proxy; fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi; scgi_temp_path {dir}/scgi;
    upstream replicas {{ {servers} keepalive 64; }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://replicas;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_read_timeout 120s;
        }}
    }}
}}
"""


def find_nginx() -> str | None:
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if found or os.geteuid() != 0 or not shutil.which("apt-get"):
        return found
    print("installing nginx (apt)", file=sys.stderr, flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], env=env, capture_output=True, check=False)
    subprocess.run(["apt-get", "install", "-y", "-qq", "nginx"], env=env, capture_output=True, check=False)
    return shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)


class Proxy:
    """nginx in front of the replicas, or (nginx unavailable) a round-robin proxy in this process."""

    def __init__(self, folder: Path, ports: list[int]) -> None:
        self.folder, self.ports, self.port = folder, ports, free_port()
        self.kind = "nginx"
        self._process: subprocess.Popen[bytes] | None = None
        self._runner: Any = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def start(self) -> None:
        nginx = find_nginx()
        if nginx is None:
            self.kind = "python round-robin"
            return await self._start_python()
        conf = self.folder / "nginx.conf"
        servers = " ".join(f"server 127.0.0.1:{p};" for p in self.ports)
        conf.write_text(NGINX_CONF.format(dir=self.folder, servers=servers, port=self.port))
        self._process = subprocess.Popen([nginx, "-c", str(conf), "-p", str(self.folder)],
                                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(100):
            try:
                async with httpx.AsyncClient() as http:
                    await http.get(self.url + "/healthz")
                return
            except httpx.HTTPError:
                await asyncio.sleep(0.1)
        raise SystemExit(f"nginx did not start: {(self.folder / 'error.log').read_text(errors='replace')[-2000:]}")

    async def _start_python(self) -> None:
        from aiohttp import ClientSession, web

        turn = {"next": 0}
        session = ClientSession()

        async def forward(request: web.Request) -> web.Response:
            port = self.ports[turn["next"] % len(self.ports)]
            turn["next"] += 1
            headers = {k: v for k, v in request.headers.items() if k.lower() not in ("host", "content-length")}
            peer = request.remote or "127.0.0.1"
            headers["X-Forwarded-For"] = f"{request.headers['X-Forwarded-For']}, {peer}" \
                if "X-Forwarded-For" in request.headers else peer
            async with session.request(request.method, f"http://127.0.0.1:{port}{request.rel_url}",
                                       headers=headers, data=await request.read(), allow_redirects=False) as answer:
                body = await answer.read()
                kept = {k: v for k, v in answer.headers.items()
                        if k.lower() not in ("content-length", "transfer-encoding", "connection")}
                return web.Response(status=answer.status, body=body, headers=kept)

        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", forward)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", self.port).start()
        self._session = session

    async def stop(self) -> None:
        if self._process is not None:
            self._process.terminate()
            self._process.wait(10)
        if self._runner is not None:
            await self._session.close()
            await self._runner.cleanup()


# -- load -----------------------------------------------------------------------------------------------------------
def address(n: int) -> str:
    return f"10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}"


async def web_load(base: str, texts: list[str], clients: int, name: str, first_address: int) -> Run:
    """/api/search of every text, `clients` at a time, each request from its own address (under every limit)."""
    run = Run(name, clients)
    queue = list(enumerate(texts))
    cpu0, began = time.process_time(), time.perf_counter()

    async def client(http: httpx.AsyncClient) -> None:
        while queue:
            n, text = queue.pop()
            sent = time.perf_counter()
            try:
                response = await http.get("/api/search", params={"q": text},
                                          headers={"X-Forwarded-For": address(first_address + n)})
                ok = response.status_code == 200
            except httpx.HTTPError:
                ok = False
            if ok:
                run.latencies.append(time.perf_counter() - sent)
            else:
                run.errors += 1

    async with httpx.AsyncClient(base_url=base, timeout=120.0,
                                 limits=httpx.Limits(max_connections=clients * 2)) as http:
        await asyncio.gather(*(client(http) for _ in range(clients)))
    run.wall_s, run.client_cpu_s = time.perf_counter() - began, time.process_time() - cpu0
    run.load = os.getloadavg()[0]
    return run


async def post_all(bot: FakeBotAPI, updates: list[tuple[dict[str, Any], str]], concurrency: int = 16) -> list[int]:
    """Each update posted as Telegram does to its URL; the HTTP statuses."""
    statuses: list[int] = []
    queue = list(updates)

    async def worker() -> None:
        while queue:
            update, url = queue.pop(0)
            status, _ = await bot.post_webhook(update, url=url)
            statuses.append(status)

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return statuses


def replies_to(bot: FakeBotAPI, chat: int) -> list[Call]:
    return [c for c in bot.calls_of("sendMessage") if int(c.params.get("chat_id", 0)) == chat and c.status == 200]


async def until(predicate: Callable[[], bool], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            return False
        await asyncio.sleep(0.05)
    return True


def keyboard(call: Call) -> dict[str, str]:
    markup = call.params.get("reply_markup") or {}
    markup = json.loads(markup) if isinstance(markup, str) else markup
    return {b["text"]: b.get("callback_data") for row in markup.get("inline_keyboard", []) for b in row}


async def telegram_load(bot: FakeBotAPI, url: str, texts: list[str], first_user: int) -> dict[str, Any]:
    """One question from each of len(texts) users, posted to `url`; the time until every one was answered."""
    users = [bot.user(first_user + n, f"用户{n}") for n in range(len(texts))]
    updates = [(bot.private_text(user, text), url) for user, text in zip(users, texts, strict=True)]
    bot._pending.clear()  # delivered by the webhook only
    began = time.perf_counter()
    statuses = await post_all(bot, updates)
    done = await until(lambda: all(replies_to(bot, u["id"]) for u in users), 300)
    wall = time.perf_counter() - began
    answered = sum(1 for u in users if replies_to(bot, u["id"]))
    return {"questions": len(texts), "answered": answered, "lost": len(texts) - answered,
            "http_errors": sum(1 for s in statuses if s != 200), "seconds": round(wall, 2),
            "per_second": round(answered / wall, 1) if wall else 0.0, "complete": done}


def log_counts(database_url: str, users: list[int]) -> dict[int, int]:
    """How many rows the shared query log holds for each of these users."""
    import psycopg

    from bot.querylog import hash_user

    by_hash = {hash_user(SALT, u): u for u in users}
    with psycopg.connect(database_url) as conn:
        rows = conn.execute("SELECT user_hash, COUNT(*) FROM queries WHERE user_hash = ANY(%s) GROUP BY user_hash",
                            (list(by_hash),)).fetchall()
    counts = {u: 0 for u in users}
    for user_hash, n in rows:
        counts[by_hash[user_hash]] = int(n)
    return counts


async def buttons_across(bot: FakeBotAPI, replicas: list[Replica], texts: list[str], first_user: int,
                         database_url: str) -> dict[str, Any]:
    """Question on replica i, 更多结果 on replica i+1, 👍 on replica i+2."""
    urls = [r.url + "/telegram" for r in replicas]
    users = [bot.user(first_user + n, f"按钮{n}") for n in range(len(texts))]
    await post_all(bot, [(bot.private_text(u, t), urls[n % len(urls)]) for n, (u, t) in
                         enumerate(zip(users, texts, strict=True))])
    await until(lambda: all(replies_to(bot, u["id"]) for u in users), 120)
    presses, rated = [], []
    for n, user in enumerate(users):
        cards = replies_to(bot, user["id"])
        data = keyboard(cards[0]) if cards else {}
        if "更多结果 ▶" in data:
            presses.append((bot.callback_query(user, cards[0], data["更多结果 ▶"]), urls[(n + 1) % len(urls)]))
        helpful = next((v for v in data.values() if v and v.startswith("f:+")), None)
        if helpful:
            rated.append(user["id"])
            presses.append((bot.callback_query(user, cards[0], helpful), urls[(n + 2) % len(urls)]))
    before = len(bot.calls_of("answerCallbackQuery"))
    await post_all(bot, presses)
    await until(lambda: len(bot.calls_of("answerCallbackQuery")) >= before + len(presses), 60)
    notices = [c.params.get("text") or "" for c in bot.calls_of("answerCallbackQuery")[before:]]
    pages = sum(1 for u in users if any("第 2/" in (c.result or {}).get("text", "") for c in replies_to(bot, u["id"])))
    import psycopg

    from bot.querylog import hash_user

    with psycopg.connect(database_url) as conn:
        ratings = conn.execute("SELECT COUNT(*) FROM queries WHERE feedback = 1 AND user_hash = ANY(%s)",
                               ([hash_user(SALT, u) for u in rated],)).fetchone()[0]
    more = len(presses) - len(rated)
    return {"more_pressed": more, "more_answered": pages, "rated": len(rated), "ratings_logged": int(ratings),
            "expired_notices": sum(1 for t in notices if "过期" in t)}


async def telegram_limit(bot: FakeBotAPI, proxy: Proxy, texts: list[str], user_id: int,
                         database_url: str) -> dict[str, Any]:
    """One user asking more than the per-minute limit through the proxy (its replicas take turns)."""
    user = bot.user(user_id, "急性子")
    await post_all(bot, [(bot.private_text(user, t), proxy.url + "/telegram") for t in texts], concurrency=1)
    await asyncio.sleep(3.0)  # let the last ones finish
    logged = log_counts(database_url, [user_id])[user_id]
    cards = [c for c in replies_to(bot, user_id) if "秒后再试" not in (c.result or {}).get("text", "")]
    return {"asked": len(texts), "allowed": QUESTIONS_PER_MINUTE, "answered": len(cards), "logged": logged}


async def web_limit(proxy: Proxy, texts: list[str]) -> dict[str, Any]:
    async with httpx.AsyncClient(base_url=proxy.url, timeout=60) as http:
        codes = [(await http.get("/api/search", params={"q": t}, headers={"X-Forwarded-For": "10.250.0.1"}))
                 .status_code for t in texts]
    return {"sent": len(codes), "allowed": SEARCHES_PER_MINUTE, "ok": codes.count(200), "refused": codes.count(429),
            "other": len(codes) - codes.count(200) - codes.count(429)}


async def reload_across(replicas: list[Replica]) -> dict[str, Any]:
    """A staff reload on the first replica; how long until the others reloaded too (their /healthz)."""
    async def loaded(r: Replica) -> float:
        async with httpx.AsyncClient(base_url=r.url, timeout=30) as http:
            return float((await http.get("/healthz")).json()["index"]["loaded_at"])

    before = [await loaded(r) for r in replicas]
    async with httpx.AsyncClient(base_url=replicas[0].url, timeout=120, follow_redirects=False) as http:
        page = await http.get("/staff/login")
        csrf = re.search(r'name="csrf" value="([^"]+)"', page.text)
        await http.post("/staff/login", data={"token": STAFF_TOKEN, "csrf": csrf.group(1) if csrf else ""})
        console = await http.get("/staff")
        csrf = re.search(r'name="csrf" value="([^"]+)"', console.text)
        began = time.monotonic()
        done = await http.post("/staff/reload", data={"csrf": csrf.group(1) if csrf else ""})
    followed: list[float | None] = []
    for r, was in zip(replicas[1:], before[1:], strict=True):
        ok = False
        while time.monotonic() - began < 30:
            if await loaded(r) > was:
                ok = True
                break
            await asyncio.sleep(0.2)
        followed.append(round(time.monotonic() - began, 1) if ok else None)
    return {"status": done.status_code, "others_reloaded_after_s": followed}


def health_states(replicas: list[Replica]) -> list[str]:
    return [httpx.get(r.url + "/healthz", timeout=30).json().get("state") for r in replicas]


# -- the run --------------------------------------------------------------------------------------------------------
async def main(args: argparse.Namespace) -> dict[str, Any]:
    texts = questions()
    web_texts, tg_texts = texts[: args.web], texts[args.web: args.web + args.telegram]
    rest = texts[args.web + args.telegram:]
    result: dict[str, Any] = {"replicas": REPLICAS, "cores": os.cpu_count()}
    with tempfile.TemporaryDirectory(prefix="iqa-replicas-") as tmp, PostgresServer() as postgres:
        folder = Path(tmp)
        os.chmod(folder, 0o755)
        database_url = postgres.create_database("replicas")
        index = folder / "index"
        async with FakeBotAPI() as bot:
            # one process, the default state (SQLite)
            port = free_port()
            single_config = write_config(folder / "single", index, f"http://127.0.0.1:{port}/telegram")
            build_index_first(single_config, {"PYTHONPATH": str(ROOT)})
            single = await start_serve(single_config, port, bot, None, "single")
            await wait_ready(single)
            result["single_state"] = health_states([single])[0]
            result["web_single"] = (await web_load(single.url, web_texts, args.clients, "1 process", 1)).row()
            result["telegram_single"] = await telegram_load(bot, single.url + "/telegram", tg_texts, 100_000)
            await stop(single)

            # three replicas behind the proxy, one PostgreSQL
            ports = [free_port() for _ in range(REPLICAS)]
            proxy = Proxy(folder, ports)
            config = write_config(folder / "replicas", index, f"{proxy.url}/telegram")
            replicas = [await start_serve(config, p, bot, database_url, f"replica-{n}") for n, p in enumerate(ports)]
            try:
                for r in replicas:
                    await wait_ready(r)
                await proxy.start()
                result["proxy"] = proxy.kind
                result["replica_states"] = health_states(replicas)
                result["web_replicas"] = (await web_load(proxy.url, web_texts, args.clients,
                                                         f"{REPLICAS} replicas + {proxy.kind}", 100_000)).row()
                first_user = 200_000
                result["telegram_replicas"] = await telegram_load(bot, proxy.url + "/telegram", tg_texts, first_user)
                counts = log_counts(database_url, list(range(first_user, first_user + len(tg_texts))))
                result["log"] = {"questions": len(tg_texts), "logged_once": sum(1 for n in counts.values() if n == 1),
                                 "missing": sum(1 for n in counts.values() if n == 0),
                                 "duplicated": sum(1 for n in counts.values() if n > 1)}
                result["buttons"] = await buttons_across(bot, replicas, rest[:args.buttons], 300_000, database_url)
                rest = rest[args.buttons:]
                result["telegram_limit"] = await telegram_limit(bot, proxy, rest[:QUESTIONS_PER_MINUTE + 6], 400_000,
                                                                database_url)
                rest = rest[QUESTIONS_PER_MINUTE + 6:]
                result["web_limit"] = await web_limit(proxy, rest[:SEARCHES_PER_MINUTE + 10])
                result["reload"] = await reload_across(replicas)
            finally:
                await proxy.stop()
                for r in replicas:
                    await stop(r)
            result["replica_errors_logged"] = sum(len(re.findall(r" ERROR ", r.log.read_text(errors="replace")))
                                                  for r in replicas)
    return result


def verdict(r: dict[str, Any]) -> list[str]:
    """What must hold; empty when everything does."""
    problems = []
    if r["telegram_replicas"]["lost"] or r["log"]["missing"] or r["log"]["duplicated"]:
        problems.append("questions lost or logged twice")
    if r["web_replicas"]["errors"] or r["web_single"]["errors"] or r["telegram_replicas"]["http_errors"]:
        problems.append("errors under load")
    b = r["buttons"]
    if b["more_answered"] != b["more_pressed"] or b["ratings_logged"] != b["rated"] or b["expired_notices"]:
        problems.append("a button pressed on another replica was not answered")
    t, w = r["telegram_limit"], r["web_limit"]
    if t["answered"] != t["allowed"] or t["logged"] != t["allowed"] or w["ok"] != w["allowed"] or w["other"]:
        problems.append("a limit did not hold across replicas")
    if None in r["reload"]["others_reloaded_after_s"]:
        problems.append("a reload did not reach every replica")
    if r["replica_errors_logged"]:
        problems.append("errors in the replicas' logs")
    return problems


def table(r: dict[str, Any]) -> str:
    head = "| setup | web requests | errors | rps | p50 ms | p95 ms | p99 ms | Telegram questions/s |"
    rows = [head, "|---|---|---|---|---|---|---|---|"]
    for web, tg in (("web_single", "telegram_single"), ("web_replicas", "telegram_replicas")):
        w, t = r[web], r[tg]
        rows.append(f"| {w['run']} | {w['requests']} | {w['errors']} | {w['rps']} | {w['p50_ms']} | {w['p95_ms']} | "
                    f"{w['p99_ms']} | {t['per_second']} |")
    b, t, w, log = r["buttons"], r["telegram_limit"], r["web_limit"], r["log"]
    problems = verdict(r)
    return "\n".join(rows + [
        "",
        f"state: one process {r['single_state']}; replicas {', '.join(r['replica_states'])}; proxy: {r['proxy']}; "
        f"{r['cores']} cores shared by everything",
        f"nothing lost: {r['telegram_replicas']['answered']}/{r['telegram_replicas']['questions']} Telegram questions "
        f"answered through the proxy; in the shared log once: {log['logged_once']}, missing {log['missing']}, "
        f"twice or more {log['duplicated']}",
        f"buttons on another replica: 更多结果 {b['more_answered']}/{b['more_pressed']} answered, 👍 "
        f"{b['ratings_logged']}/{b['rated']} in the log, {b['expired_notices']} 'expired'",
        f"limits across replicas: Telegram {t['answered']} answered and {t['logged']} logged of {t['asked']} "
        f"(allowed {t['allowed']}); web {w['ok']} ok, {w['refused']} refused of {w['sent']} (allowed {w['allowed']})",
        f"staff reload on replica 0: HTTP {r['reload']['status']}; the others reloaded after "
        f"{r['reload']['others_reloaded_after_s']} s",
        "verdict: " + ("ok: 0 lost, 0 errors, buttons and limits hold across replicas" if not problems
                       else "FAILED: " + "; ".join(problems)),
    ])


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--web", type=int, default=400, help="web searches per setup")
    parser.add_argument("--clients", type=int, default=8, help="concurrent web clients")
    parser.add_argument("--telegram", type=int, default=150, help="Telegram questions per setup")
    parser.add_argument("--buttons", type=int, default=30, help="questions whose buttons are pressed elsewhere")
    arguments = parser.parse_args()
    outcome = asyncio.run(main(arguments))
    print(json.dumps(outcome, ensure_ascii=False, indent=2) if arguments.json else table(outcome))
    sys.exit(1 if verdict(outcome) else 0)
