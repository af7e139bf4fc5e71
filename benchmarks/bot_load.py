"""Bot load benchmark: `interview-qa serve` (its own process, the REAL model and the shipped corpus) against the
local fake Bot API, fed (a) questions paced at --rate per second for --seconds from --users users and (b) a burst
of --burst updates from --users other users queued at once.

    .venv/bin/python benchmarks/bot_load.py [--json] [--seconds 60] [--rate 30] [--users 50] [--burst 1000]

Latency is from the moment an update is queued in the fake (the bot sees it on its next long poll) to the moment
the fake receives the bot's sendMessage for it. A private chat has no reply-to, so replies are matched to
questions in order per chat (exact while a user has one question open; in the burst, the k-th reply of a chat is
timed against the k-th question of that chat). `lost` = questions without a reply when the run ends (--drain
seconds after the last question). Questions are the seed interview's dev set (tests/data/dev/seed.jsonl: answerable
ones in every style and ones the bot must refuse), shuffled with a fixed seed. There are 143 of them, so most
questions of a run are repeats, which the bot answers from its recent results without the model; `--distinct` words every
question differently (an opener and a closer around it) so that each one goes through the model.

The bot runs as a subprocess, so `rss_mb` is the bot's own peak RSS (VmHWM of /proc/<pid>/status), not this
script's; the index is built first by `interview-qa build` in another process (as `make index` does), so that figure
is the serving process's, not the build's. The bot's config is the shipped one except: the index in a temp folder, and questions_per_minute raised
(the paced run asks each user ~36 questions a minute, over the default per-user limit of 20, which would turn
most questions into rate-limit notices). The machine is shared: the load average is sampled during each run and
printed with the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.corpora import build_index_first  # noqa: E402
from tests.fake_bot_api import Call, FakeBotAPI  # noqa: E402

QUESTIONS = ROOT / "tests" / "data" / "dev" / "seed.jsonl"
USER_BASE = {"warmup": 700_000, "paced": 710_000, "burst": 720_000}


@dataclass
class Run:
    name: str
    sent: list[tuple[int, float]] = field(default_factory=list)  # (chat id, queued at)
    first_call: int = 0  # index into server.calls when the run began
    loads: list[float] = field(default_factory=list)
    cpu_s: float = 0.0
    loop_cpu_s: float = 0.0
    wall_s: float = 0.0


OPENERS = ("", "请问", "你好，", "想问一下，", "麻烦问下，", "打扰一下，", "您好，请问", "咨询一下：", "我想了解：", "问个问题，")
CLOSERS = ("", "谢谢", "？", "，谢谢！", "。", "呢", " 急", "，多谢", "～", "！")


def load_questions(seed: int, distinct: bool = False) -> list[str]:
    """The dev questions, shuffled. `distinct`: every question of the run worded differently (an opener and a
    closer around each dev question, 100 wordings each), so no answer comes from the bot's recent results."""
    questions = [json.loads(line)["q"] for line in QUESTIONS.read_text(encoding="utf-8").splitlines() if line.strip()]
    if distinct:
        questions = [f"{o}{q}{c}" for o in OPENERS for c in CLOSERS for q in questions]
    random.Random(seed).shuffle(questions)
    return questions


def loadavg() -> float:
    return float(Path("/proc/loadavg").read_text().split()[0])


def proc_status(pid: int) -> dict[str, str]:
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return {}
    return {k: v.strip() for k, _, v in (line.partition(":") for line in lines)}


def proc_cpu_seconds(pid: int) -> float:
    return proc_cpu_seconds_of(Path(f"/proc/{pid}/stat"))


def loop_cpu_seconds(pid: int) -> float:
    """CPU time of the bot's main thread: the asyncio event loop (PTB, HTTP, cards), not the search threads."""
    return proc_cpu_seconds_of(Path(f"/proc/{pid}/task/{pid}/stat"))


def proc_cpu_seconds_of(path: Path) -> float:
    try:
        fields = path.read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def write_config(folder: Path, questions_per_minute: int, settings: list[str]) -> Path:
    """The shipped settings, the index in `folder`, and `section.key=value` overrides (--set)."""
    import yaml

    from index.settings import default_cache_dir

    config: dict[str, dict[str, Any]] = {
        "corpus": {"dir": str(ROOT / "corpus")}, "index": {"dir": str(folder / "index")},
        "model": {"cache_dir": str(default_cache_dir())}, "telegram": {"questions_per_minute": questions_per_minute}}
    for setting in settings:
        name, _, value = setting.partition("=")
        section, _, key = name.partition(".")
        if not key:
            raise SystemExit(f"--set wants section.key=value, not {setting!r}")
        config.setdefault(section, {})[key] = yaml.safe_load(value)
    path = folder / "config.yaml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


async def start_bot(server: FakeBotAPI, folder: Path, config: Path,
                    source: Path | None = None) -> tuple[asyncio.subprocess.Process, Path]:
    """`interview-qa serve` (or, with `source`, `python -m bot.cli serve` from another copy of the code, for A/B
    runs of two versions with the same venv), started and ready (its first long poll after setMyCommands)."""
    exe = Path(sys.executable).with_name("interview-qa")
    command = [str(exe)] if exe.exists() and source is None else [sys.executable, "-m", "bot.cli"]
    log = folder / "bot.log"
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": server.token, "TELEGRAM_API_BASE_URL": server.base_url,
           "INTERVIEW_QA_CONFIG": str(config), "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1",
           "INTERVIEW_QA_WEB_PORT": "0"}  # serve runs the web too: on a free port, beside anything on 8080
    if source is not None:
        env["PYTHONPATH"] = str(source.resolve())
    build_index_first(config, env)
    with log.open("wb") as out:
        process = await asyncio.create_subprocess_exec(*command, "serve", "--log-level", "WARNING", env=env,
                                                       cwd=str(folder), stdout=out, stderr=out)
    began = time.monotonic()
    while not server.calls_of("setMyCommands") or not any(
            c.method == "getUpdates" and c.time > server.calls_of("setMyCommands")[0].time for c in server.calls):
        if process.returncode is not None or time.monotonic() - began > 600:
            raise SystemExit(f"the bot did not start (exit {process.returncode}):\n{log.read_text()[-3000:]}")
        await asyncio.sleep(0.1)
    return process, log


def replies_since(server: FakeBotAPI, first_call: int) -> list[Call]:
    return [c for c in server.calls[first_call:] if c.method == "sendMessage"]


async def drain(server: FakeBotAPI, run: Run, timeout: float) -> None:
    """Waits until every question has a reply (or `timeout` seconds pass with replies still missing)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if sum(1 for c in replies_since(server, run.first_call) if c.status == 200) >= len(run.sent):
            return
        await asyncio.sleep(0.05)


async def sample_load(run: Run, stop: asyncio.Event) -> None:
    while not stop.is_set():
        run.loads.append(loadavg())
        try:
            await asyncio.wait_for(stop.wait(), 1.0)
        except TimeoutError:
            pass


async def paced(server: FakeBotAPI, pid: int, questions: list[str], rate: float, seconds: float, users: int,
                drain_s: float) -> Run:
    run = Run("paced", first_call=len(server.calls))
    people = [server.user(USER_BASE["paced"] + i, f"用户{i}") for i in range(users)]
    stop = asyncio.Event()
    sampler = asyncio.create_task(sample_load(run, stop))
    cpu0, loop0, began = proc_cpu_seconds(pid), loop_cpu_seconds(pid), time.monotonic()
    total = int(rate * seconds)
    for n in range(total):
        delay = began + n / rate - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        user = people[n % users]
        server.private_text(user, questions[(20 + n) % len(questions)])
        run.sent.append((user["id"], time.monotonic()))
    await drain(server, run, drain_s)
    run.wall_s, run.cpu_s = time.monotonic() - began, proc_cpu_seconds(pid) - cpu0
    run.loop_cpu_s = loop_cpu_seconds(pid) - loop0
    stop.set()
    await sampler
    return run


async def burst(server: FakeBotAPI, pid: int, questions: list[str], count: int, users: int, drain_s: float,
                offset: int = 0) -> Run:
    run = Run("burst", first_call=len(server.calls))
    people = [server.user(USER_BASE["burst"] + i, f"用户{i}") for i in range(users)]
    stop = asyncio.Event()
    sampler = asyncio.create_task(sample_load(run, stop))
    cpu0, loop0, began = proc_cpu_seconds(pid), loop_cpu_seconds(pid), time.monotonic()
    for n in range(count):  # no await in between: all queued before the bot's next long poll returns
        user = people[n % users]
        server.private_text(user, questions[(offset + n) % len(questions)])
        run.sent.append((user["id"], time.monotonic()))
    await drain(server, run, drain_s)
    run.wall_s, run.cpu_s = time.monotonic() - began, proc_cpu_seconds(pid) - cpu0
    run.loop_cpu_s = loop_cpu_seconds(pid) - loop0
    stop.set()
    await sampler
    return run


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = (len(ordered) - 1) * q / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def summarize(server: FakeBotAPI, run: Run) -> dict[str, Any]:
    calls = replies_since(server, run.first_call)
    ok = [c for c in calls if c.status == 200]
    queued: dict[int, list[float]] = {}
    for chat, at in run.sent:
        queued.setdefault(chat, []).append(at)
    got: dict[int, list[float]] = {}
    for c in ok:
        got.setdefault(int(c.params["chat_id"]), []).append(c.time)
    latencies = []
    for chat, times in queued.items():
        for asked, answered in zip(times, sorted(got.get(chat, []))):
            latencies.append(answered - asked)
    replied = len(latencies)
    start = min(at for _, at in run.sent) if run.sent else 0.0
    end = max((c.time for c in ok), default=start)
    return {
        "sent": len(run.sent), "replied": replied, "lost": len(run.sent) - replied,
        "per_s": round(replied / (end - start), 1) if end > start else 0.0,
        "p50_ms": round(percentile(latencies, 50) * 1000, 1), "p95_ms": round(percentile(latencies, 95) * 1000, 1),
        "max_ms": round(max(latencies, default=float("nan")) * 1000, 1),
        "errors": len(calls) - len(ok), "bot_cpu_s": round(run.cpu_s, 1),
        "loop_cpu_s": round(run.loop_cpu_s, 1), "wall_s": round(run.wall_s, 1),
        "load_start": run.loads[0] if run.loads else None, "load_max": max(run.loads, default=None),
        "load_end": run.loads[-1] if run.loads else None,
    }


async def main_async(args: argparse.Namespace) -> dict[str, Any]:
    questions = load_questions(args.seed, args.distinct)
    with tempfile.TemporaryDirectory(prefix="bot-load-") as tmp:
        folder = Path(tmp)
        config = write_config(folder, args.questions_per_minute, args.set)
        async with FakeBotAPI() as server:
            process, log = await start_bot(server, folder, config, args.source)
            try:
                warm = Run("warmup", first_call=len(server.calls))
                for n in range(20):
                    user = server.user(USER_BASE["warmup"] + n)
                    server.private_text(user, questions[n])
                    warm.sent.append((user["id"], time.monotonic()))
                await drain(server, warm, 120)
                results: dict[str, Any] = {}
                if args.seconds > 0 and args.rate > 0:
                    results["paced"] = summarize(server, await paced(server, process.pid, questions, args.rate,
                                                                     args.seconds, args.users, args.drain))
                if args.burst > 0:
                    offset = 20 + int(args.rate * args.seconds)  # --distinct: none of the burst was asked before
                    results["burst"] = summarize(server, await burst(server, process.pid, questions, args.burst,
                                                                     args.users, max(args.drain, args.burst / 5),
                                                                     offset))
                status = proc_status(process.pid)
                results["rss_mb"] = round(int(status.get("VmHWM", "0 kB").split()[0]) / 1024, 1)
                results["bot"] = {"subprocess": True, "pid": process.pid,
                                  "rss_now_mb": round(int(status.get("VmRSS", "0 kB").split()[0]) / 1024, 1)}
                results["machine"] = {"cores": os.cpu_count(), "loadavg_after": Path("/proc/loadavg").read_text().split()[:3]}
            finally:
                if process.returncode is None:
                    process.send_signal(signal.SIGTERM)
                    try:
                        await asyncio.wait_for(process.wait(), 30)
                    except TimeoutError:
                        process.kill()
            errors = [line for line in log.read_text(errors="replace").splitlines() if " ERROR " in line]
            results["bot"]["error_lines"] = len(errors)
            if errors and not args.json:
                print("bot errors (first 5):\n  " + "\n  ".join(errors[:5]), file=sys.stderr)
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", action="store_true", help="one JSON object")
    parser.add_argument("--seconds", type=float, default=60.0, help="length of the paced run (0: skip it)")
    parser.add_argument("--rate", type=float, default=30.0, help="questions per second in the paced run")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--burst", type=int, default=1000, help="updates queued at once (0: skip the burst)")
    parser.add_argument("--drain", type=float, default=30.0, help="seconds to wait for the last replies")
    parser.add_argument("--questions-per-minute", type=int, default=1000, help="the bot's per-user limit")
    parser.add_argument("--set", action="append", default=[], metavar="SECTION.KEY=VALUE",
                        help="override a setting of the bot, e.g. --set telegram.concurrent_updates=32 (repeatable)")
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--distinct", action="store_true",
                        help="word every question differently (no repeats: every question reaches the model)")
    parser.add_argument("--source", type=Path, default=None,
                        help="run the bot from this copy of the code (A/B comparisons; default: the installed one)")
    args = parser.parse_args()
    results = asyncio.run(main_async(args))
    if args.json:
        print(json.dumps({k: results[k] for k in ("paced", "burst", "rss_mb", "bot", "machine") if k in results},
                         ensure_ascii=False))
        return 0
    print(f"bot: `interview-qa serve` as a subprocess (pid {results['bot']['pid']}{', code from ' + str(args.source) if args.source else ''}), "
          f"real model, shipped corpus; {results['machine']['cores']} cores")
    print(f"{'run':<6} {'sent':>5} {'replied':>7} {'lost':>5} {'err':>4} {'per_s':>6} {'p50_ms':>8} {'p95_ms':>8} "
          f"{'max_ms':>8} {'cpu_s':>6} {'loop_s':>6} {'load start/max/end':>20}")
    for name in ("paced", "burst"):
        if name in results:
            r = results[name]
            print(f"{name:<6} {r['sent']:>5} {r['replied']:>7} {r['lost']:>5} {r['errors']:>4} {r['per_s']:>6} "
                  f"{r['p50_ms']:>8} {r['p95_ms']:>8} {r['max_ms']:>8} {r['bot_cpu_s']:>6} {r['loop_cpu_s']:>6} "
                  f"{r['load_start']}/{r['load_max']}/{r['load_end']:>5}")
    print(f"bot peak RSS (VmHWM): {results['rss_mb']} MB; error lines in the bot log: {results['bot']['error_lines']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
