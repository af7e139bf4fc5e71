"""Start-up benchmark: how soon a fresh process answers, beside `python -c "import sentence_transformers"` (the
yardstick) measured in the same run, and how fast and how big the service is once warm.

    .venv/bin/python benchmarks/startup.py [--json] [--runs 5] [--scale 100000] [--questions 40]

Fresh processes, run in rounds (yardstick, search, verify, bot in each round) so that every row sees the same machine
load; each row is the median over --runs rounds, with the minimum and maximum beside it:
- cold `search` / cold `verify`: `python -m bot.cli search "…" --json` with the index current and the question
  encoder exported (as `make index` leaves them); wall time, and the process's peak RSS (wait4's ru_maxrss);
- bot ready: `python -m bot.cli serve` against the local fake Bot API (tests/fake_bot_api.py), from the spawn to its
  first getUpdates; then --questions distinct dev questions are asked (one at a time) and the bot's peak RSS is read
  from /proc/<pid>/status (VmHWM) after the last reply;
- warm search, in this process: the shipped corpus's dev questions through the shipped pipeline (the question encoder
  that `model.question_encoder: auto` picks) and through the float encoder, p50/p95 each, and through the shipped
  pipeline with the reader on and off (its float and int8 graphs; the cost per question, the share it read, searches
  per second on one core = 1000 / mean ms); then the same at --scale
  synthetic passages (benchmarks/retrieval.py's synthetic index), with FAISS exact (`flat`, the default) and, for
  the shipped encoder, `hnsw` (index.faiss_type for large corpora).
The index lives in a temp folder; the model cache is the usual one (`interview-qa model build` first).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

QUESTION = "疫情期间海域使用金可以缓缴吗？"
CLAIM = "缓缴资金2亿元"
TARGETS = {"cold_ratio": 0.4, "bot_ready_s": 4.0, "rss_mb": 600, "warm_p50_ms": 6.0, "warm_p95_ms": 15.0,
           "scale_p50_ms": 15.0}


def environment(config: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "INTERVIEW_QA_CONFIG": str(config), "HF_HUB_OFFLINE": "1",
            "TRANSFORMERS_OFFLINE": "1"}


def timed(command: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float]:
    """(wall seconds, peak RSS MB) of one fresh process; it must exit 0."""
    began = time.perf_counter()
    process = subprocess.Popen(command, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - began
    process.returncode = os.waitstatus_to_exitcode(status)
    error = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}):\n{error[-2000:]}")
    return wall, usage.ru_maxrss / 1024


def vm_hwm_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def bot_run(config: Path, folder: Path, questions: list[str]) -> tuple[float, float]:
    """(seconds from spawn to the first getUpdates, peak RSS MB after answering `questions`)."""
    from tests.fake_bot_api import FakeBotAPI

    async with FakeBotAPI() as server:
        env = {**environment(config), "TELEGRAM_BOT_TOKEN": server.token, "TELEGRAM_API_BASE_URL": server.base_url,
               "INTERVIEW_QA_WEB_PORT": "0"}  # `serve` runs the web too: any free port
        log = (folder / "bot.log").open("wb")
        began = time.monotonic()
        process = await asyncio.create_subprocess_exec(sys.executable, "-m", "bot.cli", "serve", "--log-level",
                                                       "WARNING", env=env, cwd=str(folder), stdout=log, stderr=log)
        try:
            while not server.calls_of("getUpdates"):
                if process.returncode is not None or time.monotonic() - began > 300:
                    raise SystemExit(f"the bot did not start:\n{(folder / 'bot.log').read_text()[-3000:]}")
                await asyncio.sleep(0.01)
            ready = server.calls_of("getUpdates")[0].time - began
            user = server.user(4242, "基准")
            for n, question in enumerate(questions, 1):
                server.private_text(user, question)
                await server.wait_for("sendMessage", count=n, timeout=60)
            rss = vm_hwm_mb(process.pid)
        finally:
            if process.returncode is None:
                process.terminate()
                await process.wait()
            log.close()
    return ready, rss


def warm(config_path: Path, scale_size: int) -> dict[str, object]:
    """Warm search p50/p95: shipped encoder and float side by side, on the shipped corpus and at `scale_size`."""
    from benchmarks.corpora import question_sets
    from benchmarks.retrieval import percentile_ms, synthetic_index
    from bot.config import load_config
    from index.search.searcher import Searcher
    from index.service import open_searcher
    from index.store.vectors import VectorIndex

    config = load_config(str(config_path))
    shipped, _ = open_searcher(config.core)
    encoders = {"shipped": shipped.embedder}
    other = "quantized" if getattr(shipped.embedder, "variant", "") == "float" else "float"
    try:  # the other variant, side by side (both when the model has an exported question encoder)
        encoders[other] = shipped.embedder.with_variant(other)
    except Exception:  # noqa: BLE001 - PyTorch answers (no ONNX export), or no quantized variant was written
        pass
    questions = [q.q for q in question_sets("dev")["shipped"]]
    out: dict[str, object] = {"encoder": getattr(shipped.embedder, "variant", type(shipped.embedder).__name__)}

    def times_of(searcher: Searcher, texts: list[str]) -> list[float]:
        for text in texts[:20]:
            searcher.search(text)
        spent = []
        for text in texts:
            began = time.perf_counter()
            searcher.search(text)
            spent.append(time.perf_counter() - began)
        return spent

    searchers = {name: Searcher(shipped.data, encoder, config.core.search) for name, encoder in encoders.items()}
    readers = {}
    from benchmarks.retrieval import reader_of, with_reader

    for variant in ("float", "quantized"):
        reader = reader_of(shipped.embedder, config.core, variant)
        reading = with_reader(searchers["shipped"], reader, config.core) if reader is not None else None
        if reading is not None:
            searchers[f"reader_{variant}"], readers[f"reader_{variant}"] = reading, reader
    rounds = 3  # interleaved, so a busy moment of the machine hits every row alike
    samples: dict[str, list[float]] = {name: [] for name in searchers}
    for _ in range(rounds):
        for name, searcher in searchers.items():
            calls = readers[name].calls if name in readers else 0
            samples[name] += times_of(searcher, questions)
            if name in readers:
                out[f"{name}_read"] = round((readers[name].calls - calls) / (len(questions) + 20), 3)
    for name, spent in samples.items():
        out[f"{name}_p50_ms"], out[f"{name}_p95_ms"] = percentile_ms(spent, 50), percentile_ms(spent, 95)
        out[f"{name}_mean_ms"] = round(float(np.mean(spent)) * 1000, 2)
        out[f"{name}_per_s_core"] = round(1000 / out[f"{name}_mean_ms"], 1)
    if scale_size:
        rng = np.random.default_rng(7)
        data = synthetic_index(scale_size, shipped.data.passage_vectors.shape[1],
                               [p.text for p in shipped.data.passages], rng)
        texts = questions[:60]
        for name, encoder in encoders.items():
            spent = times_of(Searcher(data, encoder, config.core.search), texts)
            out[f"scale_{name}_p50_ms"], out[f"scale_{name}_p95_ms"] = percentile_ms(spent, 50), percentile_ms(spent, 95)
        # index.faiss_type: hnsw, the setting for large corpora: FAISS no longer reads all 150 MB of vectors per question
        hnsw = replace(data, vectors=VectorIndex.build(data.passage_vectors, "hnsw", config.core.index.hnsw_m))
        spent = times_of(Searcher(hnsw, shipped.embedder, config.core.search), texts)
        out["scale_hnsw_p50_ms"], out["scale_hnsw_p95_ms"] = percentile_ms(spent, 50), percentile_ms(spent, 95)
        out["scale_passages"] = scale_size
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5, help="fresh processes per row")
    parser.add_argument("--questions", type=int, default=40, help="questions the bot answers before its RSS is read")
    parser.add_argument("--scale", type=int, default=100_000, help="synthetic passages for warm search (0: skip)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    from benchmarks.corpora import question_sets
    from index.settings import default_cache_dir

    folder = Path(tempfile.mkdtemp(prefix="interview-qa-startup-"))
    config = folder / "config.yaml"
    config.write_text(f"corpus: {{dir: {ROOT / 'corpus'}}}\nindex: {{dir: {folder / 'index'}}}\n"
                      f"model: {{cache_dir: {default_cache_dir()}}}\ntelegram: {{questions_per_minute: 1000}}\n",
                      encoding="utf-8")
    env = environment(config)
    cli = [sys.executable, "-m", "bot.cli"]
    subprocess.run([*cli, "build", "--quiet"], env=env, cwd=folder, check=True, capture_output=True)
    subprocess.run([*cli, "search", QUESTION], env=env, cwd=folder, check=True, capture_output=True)  # warm caches
    dev = [q.q for q in question_sets("dev")["shipped"]]
    rows: dict[str, list[tuple[float, float]]] = {"yardstick": [], "search": [], "verify": [], "bot": []}
    for _ in range(args.runs):
        rows["yardstick"].append(timed([sys.executable, "-c", "import sentence_transformers"], env, folder))
        rows["search"].append(timed([*cli, "search", QUESTION, "--json"], env, folder))
        rows["verify"].append(timed([*cli, "verify", CLAIM, "--json"], env, folder))
        rows["bot"].append(asyncio.run(bot_run(config, folder, dev[: args.questions])))
    warm_figures = warm(config, args.scale)

    def med(name: str, i: int) -> float:
        return statistics.median(r[i] for r in rows[name])

    yardstick = med("yardstick", 0)
    out = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "load_average": os.getloadavg()[0],
        "runs": args.runs,
        "yardstick_s": round(yardstick, 3),
        "cold": {name: {"median_s": round(med(name, 0), 3), "min_s": round(min(r[0] for r in rows[name]), 3),
                        "max_s": round(max(r[0] for r in rows[name]), 3), "ratio": round(med(name, 0) / yardstick, 3),
                        "peak_rss_mb": round(med(name, 1))} for name in ("search", "verify")},
        "bot": {"ready_median_s": round(med("bot", 0), 3), "ready_min_s": round(min(r[0] for r in rows["bot"]), 3),
                "ready_max_s": round(max(r[0] for r in rows["bot"]), 3), "peak_rss_mb": round(med("bot", 1)),
                "questions": min(args.questions, len(dev))},
        "warm": warm_figures,
        "targets": TARGETS,
    }
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=1))
        return 0
    print(f"machine: {out['machine']}; load average {out['load_average']:.2f}; {args.runs} fresh processes per row\n")
    print("| what | median | min | max | vs yardstick | peak RSS MB | target |")
    print("|---|---|---|---|---|---|---|")
    ys = rows["yardstick"]
    print(f"| yardstick: python -c \"import sentence_transformers\" | {yardstick:.2f} s | {min(r[0] for r in ys):.2f} s "
          f"| {max(r[0] for r in ys):.2f} s | 1.00 | {med('yardstick', 1):.0f} | |")
    for name in ("search", "verify"):
        c = out["cold"][name]
        print(f"| cold `{name}` | {c['median_s']:.2f} s | {c['min_s']:.2f} s | {c['max_s']:.2f} s | {c['ratio']:.2f} "
              f"| {c['peak_rss_mb']} | <= {TARGETS['cold_ratio']}x |")
    b = out["bot"]
    print(f"| bot ready (spawn to first getUpdates) | {b['ready_median_s']:.2f} s | {b['ready_min_s']:.2f} s | "
          f"{b['ready_max_s']:.2f} s | {b['ready_median_s'] / yardstick:.2f} | {b['peak_rss_mb']} (after "
          f"{b['questions']} answers) | < {TARGETS['bot_ready_s']} s, < {TARGETS['rss_mb']} MB |")
    w = out["warm"]
    print(f"\nwarm search, one question at a time, embedding included (question encoder: {w['encoder']}):\n")
    print("| corpus | encoder | p50 ms | p95 ms | target |\n|---|---|---|---|---|")
    for name in ("shipped", "float", "quantized"):
        if f"{name}_p50_ms" in w:
            label = f"{w['encoder']} (shipped)" if name == "shipped" else name
            print(f"| shipped corpus | {label} | {w[f'{name}_p50_ms']} | {w[f'{name}_p95_ms']} | "
                  f"p50 <= {TARGETS['warm_p50_ms']}, p95 <= {TARGETS['warm_p95_ms']} |")
    print("\nwarm search with the reader on and off (shipped corpus, one thread):\n")
    print("| search | read | p50 ms | p95 ms | mean ms | searches/s/core | target |\n|---|---|---|---|---|---|---|")
    for name, label in (("shipped", "reader off"), ("reader_float", "reader on, float"),
                        ("reader_quantized", "reader on, int8")):
        if f"{name}_p50_ms" in w:
            print(f"| {label} | {w.get(f'{name}_read', '')} | {w[f'{name}_p50_ms']} | {w[f'{name}_p95_ms']} | "
                  f"{w[f'{name}_mean_ms']} | {w[f'{name}_per_s_core']} | "
                  f"{'p50 <= 40, p95 <= 80' if name != 'shipped' else ''} |")
    for name in ("shipped", "float", "quantized"):
        if f"scale_{name}_p50_ms" in w:
            label = f"{w['encoder']} (shipped)" if name == "shipped" else name
            print(f"| {w['scale_passages']:,} synthetic, flat | {label} | {w[f'scale_{name}_p50_ms']} | "
                  f"{w[f'scale_{name}_p95_ms']} | p50 <= {TARGETS['scale_p50_ms']} |")
    if "scale_hnsw_p50_ms" in w:
        print(f"| {w['scale_passages']:,} synthetic, hnsw | {w['encoder']} (shipped) | {w['scale_hnsw_p50_ms']} | "
              f"{w['scale_hnsw_p95_ms']} | p50 <= {TARGETS['scale_p50_ms']} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
