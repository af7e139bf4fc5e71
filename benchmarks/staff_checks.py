"""Public searches while staff check whole documents (issue 25, item 2): /api/search latency p50/p95 with and without
staff document checks under way, in the same run, for the server as it is and as it was.

    .venv/bin/python benchmarks/staff_checks.py [--json] [--clients 20] [--seconds 20] [--staff 2]

Each server is its own `interview-qa serve` (the real model, the shipped interview, the index built first):
- `now`: as shipped: staff checks run in one staff thread, apart from the two search threads;
- `before`: staff checks in the search threads, as before issue 25 (WebState.run_staff replaced by WebState.run in
  a wrapper around the same command).
Against each: `searches alone`: --clients users each asking a question a second (0.5-1.5 s apart, the web's
target load) for --seconds; then `while staff check documents`: the same while --staff staff members upload, one
after another, the heaviest .docx the upload check lets through (word/document.xml just under its 10 MB cap, every
sentence attributed: 100,000 characters read, 200 statements checked). Latency is the client's; questions are the
dev and tuning questions about the shipped interview, each worded differently (benchmarks/web_load.py).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402

from benchmarks.corpora import cli_command, serve_environment  # noqa: E402
from benchmarks.refresh_memory import status_kb, write_workspace  # noqa: E402
from benchmarks.web_load import Run, load, questions  # noqa: E402

STAFF_TOKEN = "refresh-memory-benchmark-staff-token-0123456789"
PARAGRAPH = "据威海市海洋发展局介绍，疫情期间缓缴资金2亿元。邢海文表示，将海域使用金推迟到疫情结束后缴纳。"
BEFORE = """
import sys
from bot.web.state import WebState
WebState.run_staff = WebState.run  # the code before issue 25: staff checks in the search threads
from bot.cli import main
sys.exit(main(["serve"]))
"""


def heaviest_docx() -> bytes:
    from bot.web.uploads import MAX_DOCX_XML
    from tests.web_helpers import docx_of_size

    return docx_of_size(MAX_DOCX_XML - 200_000, PARAGRAPH)


def start(folder: Path, config: Path, before: bool) -> tuple[subprocess.Popen[bytes], str]:
    command = [sys.executable, "-c", BEFORE] if before else [*cli_command(), "serve"]
    env = serve_environment(config, INTERVIEW_QA_STAFF_TOKEN=STAFF_TOKEN)
    env.pop("TELEGRAM_BOT_TOKEN", None)
    log = folder / f"serve-{'before' if before else 'now'}.log"
    process = subprocess.Popen(command, env=env, cwd=folder, stdout=log.open("wb"), stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        found = re.search(r"web: (http://\S+)", log.read_text(encoding="utf-8", errors="replace"))
        if found:
            return process, found.group(1).rstrip("/")
        if process.poll() is not None:
            break
        time.sleep(0.1)
    raise SystemExit(f"serve did not start:\n{log.read_text()[-3000:]}")


async def staff_member(url: str, document: bytes, stop: asyncio.Event, durations: list[float]) -> None:
    """Signs in, then uploads `document` for checking, again and again, until `stop`."""
    async with httpx.AsyncClient(base_url=url, timeout=600) as http:
        form = (await http.get("/staff/login")).text
        csrf = re.search(r'name="csrf" value="([^"]+)"', form).group(1)
        await http.post("/staff/login", data={"csrf": csrf, "token": STAFF_TOKEN})
        csrf = re.search(r'name="csrf" value="([^"]+)"', (await http.get("/staff")).text).group(1)
        while not stop.is_set():
            began = time.perf_counter()
            page = await http.post("/staff/text", data={"csrf": csrf}, files={"file": ("release.docx", document)})
            if page.status_code != 200:
                raise SystemExit(f"the staff check failed: {page.status_code} {page.text[-300:]}")
            durations.append(time.perf_counter() - began)


async def measure(url: str, pid: int, texts: list[str], args: argparse.Namespace,
                  document: bytes) -> list[dict[str, Any]]:
    limits = httpx.Limits(max_connections=args.clients + 5, max_keepalive_connections=args.clients + 5)
    rows = []
    async with httpx.AsyncClient(base_url=url, timeout=120, limits=limits) as http:
        await load(http, Run("warm-up", 2), "/api/search", 3, texts[:100])
        alone = Run(f"searches alone ({args.clients} users, 1 question/s)", args.clients)
        await load(http, alone, "/api/search", args.seconds, texts[100:5000], think=1.0)
        rows.append({**alone.row(), "staff_checks": 0, "staff_check_s": None,
                     "peak_rss_mb": round(status_kb(pid, "VmHWM") / 1024)})
        stop, durations = asyncio.Event(), []
        staff = [asyncio.create_task(staff_member(url, document, stop, durations)) for _ in range(args.staff)]
        await asyncio.sleep(1.0)
        busy = Run(f"while {args.staff} staff check documents", args.clients)
        await load(http, busy, "/api/search", args.seconds, texts[5000:10000], think=1.0)
        stop.set()
        await asyncio.gather(*staff)
        rows.append({**busy.row(), "staff_checks": len(durations),
                     "staff_check_s": round(statistics.median(durations), 1) if durations else None,
                     "peak_rss_mb": round(status_kb(pid, "VmHWM") / 1024)})
    return rows


def main(args: argparse.Namespace) -> dict[str, Any]:
    texts = questions()
    document = heaviest_docx()
    result: dict[str, Any] = {"document_kb": round(len(document) / 1024), "servers": {}}
    with tempfile.TemporaryDirectory(prefix="staff-checks-") as tmp:
        folder = Path(tmp)
        config = write_workspace(folder, with_bureaus=False)
        for name, before in (("now", False), ("before", True)):
            process, url = start(folder, config, before)
            try:
                rows = asyncio.run(measure(url, process.pid, texts, args, document))
            finally:
                process.terminate()
                process.wait(60)
            result["servers"][name] = {"rows": rows}
    result["load_avg"] = round(os.getloadavg()[0], 2)
    return result


def table(result: dict[str, Any]) -> str:
    lines = ["| server | run | requests | errors | p50 ms | p95 ms | p99 ms | max ms | staff checks done | staff check "
             "median s | server peak RSS MB so far |", "|" + "---|" * 11]
    for name, server in result["servers"].items():
        for r in server["rows"]:
            lines.append(f"| {name} | {r['run']} | {r['requests']} | {r['errors']} | {r['p50_ms']} | {r['p95_ms']} | "
                         f"{r['p99_ms']} | {r['max_ms']} | {r['staff_checks']} | {r['staff_check_s'] or '-'} | "
                         f"{r['peak_rss_mb']} |")
    lines.append(f"\nthe uploaded .docx: {result['document_kb']} KB; load average at the end: {result['load_avg']}")
    return "\n".join(lines)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--staff", type=int, default=2, help="staff members checking documents at once")
    parser.add_argument("--json", action="store_true")
    arguments = parser.parse_args()
    outcome = main(arguments)
    print(json.dumps(outcome, ensure_ascii=False, indent=1) if arguments.json else table(outcome))
