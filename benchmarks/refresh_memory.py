"""Memory of `interview-qa serve` across refreshes that embed (issue 25, item 3): peak and settled RSS of the serving
process, beside baselines measured in the same run.

    .venv/bin/python benchmarks/refresh_memory.py [--json] [--settle 10] [--reloads 2]

Each row is its own `serve` (the real model; the index of the shipped interview built first, as `make index` does):
- `current index (no refresh)`: the baselines: serve starts, answers a few questions, idles; over the shipped
  interview, and over all 13 interviews (the index built first with the 12 bureau interviews too);
- `refresh in a child (now)`: the 12 fictional bureau interviews are added before serve starts: serve answers from
  the previous index and refreshes it in the background, the whole refresh (parsing, embedding, saving) in a child
  process (index/store/child.py), then loads the new build; then --reloads staff reloads, each after another new
  file, the same way;
- `refresh in process (before)`: the same with the refresh done inside the serving process, as before issue 25
  (index.service._refresh_while_serving replaced by the code of before, in a wrapper around the same command).
Peak is VmHWM of the serving process; settled is its VmRSS --settle seconds after the last refresh finished;
`child peak` is the largest RSS seen of its children (sampled every 0.1 s).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402

from benchmarks.corpora import BUREAUS, SHIPPED, build_index_first, cli_command, serve_environment  # noqa: E402

STAFF_TOKEN = "refresh-memory-benchmark-staff-token-0123456789"
QUESTIONS = ("疫情期间海域使用金可以缓缴吗？", "海洋局打造模范机关的总体思路是什么？", "威海的海洋牧场是怎么建设的？")
IN_PROCESS = """
import sys
import index.service as service

def in_process(config, answering, notify):  # the code before issue 25: PyTorch loaded here, then released
    builder = service._LazyBuilder(config.model, answering)
    try:
        return service.refresh_index(config, builder, notify=notify)
    finally:
        service._done_with(builder)

service._refresh_while_serving = in_process
from bot.cli import main
sys.exit(main(["serve"]))
"""


def status_kb(pid: int, key: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def write_workspace(folder: Path, with_bureaus: bool, built_with_bureaus: bool = False) -> Path:
    """A corpus and its config in `folder`, the index built (of the shipped interview; of all of them with
    `built_with_bureaus`), then the bureau interviews added (`with_bureaus`) for serve to find."""
    corpus = folder / "corpus"
    corpus.mkdir()
    for path in SHIPPED.iterdir():
        shutil.copy(path, corpus / path.name)
    bureaus = [p for p in sorted(BUREAUS.iterdir()) if p.suffix in (".txt", ".md", ".html")]
    if built_with_bureaus:
        for source in bureaus:
            shutil.copy(source, corpus / source.name)
    import yaml

    from index.settings import default_cache_dir

    config = {"corpus": {"dir": str(corpus)}, "index": {"dir": str(folder / "index")},
              "model": {"cache_dir": str(default_cache_dir())}, "web": {"port": 0, "searches_per_minute": 0,
                                                                      "staff_sessions": str(folder / "s.sqlite3")}}
    path = folder / "config.yaml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    build_index_first(path, {"PYTHONPATH": str(ROOT)})
    if with_bureaus:
        for source in bureaus:
            shutil.copy(source, corpus / source.name)
    return path


class Server:
    """One `serve` process, its RSS and its children's sampled while it runs."""

    def __init__(self, folder: Path, config: Path, in_process: bool) -> None:
        import subprocess

        command = [sys.executable, "-c", IN_PROCESS] if in_process else [*cli_command(), "serve"]
        env = serve_environment(config, INTERVIEW_QA_STAFF_TOKEN=STAFF_TOKEN)
        env.pop("TELEGRAM_BOT_TOKEN", None)
        self.log = folder / "serve.log"
        self.process = subprocess.Popen(command, env=env, cwd=folder, stdout=self.log.open("wb"),
                                        stderr=subprocess.STDOUT)
        self.child_peak_kb = 0
        self.url = self._wait_for(r"web: (http://\S+)", 600).group(1).rstrip("/")

    def text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def sample(self) -> None:
        kids = children(self.process.pid)
        self.child_peak_kb = max(self.child_peak_kb, sum(status_kb(c, "VmRSS") for c in kids))

    def _wait_for(self, pattern: str, seconds: float, count: int = 1) -> re.Match[str]:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            self.sample()
            found = list(re.finditer(pattern, self.text()))
            if len(found) >= count:
                return found[count - 1]
            if self.process.poll() is not None:
                raise SystemExit(f"serve stopped:\n{self.text()[-3000:]}")
            time.sleep(0.1)
        raise SystemExit(f"timed out waiting for {pattern!r}:\n{self.text()[-3000:]}")

    def idle(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            self.sample()
            time.sleep(0.1)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(60)


def ask(http: httpx.Client) -> None:
    for question in QUESTIONS:
        assert http.get("/api/search", params={"q": question}).status_code == 200


def staff_reload(http: httpx.Client) -> float:
    form = http.get("/staff/login")
    if form.status_code == 200:  # not signed in yet
        csrf = re.search(r'name="csrf" value="([^"]+)"', form.text).group(1)
        http.post("/staff/login", data={"csrf": csrf, "token": STAFF_TOKEN})
    csrf = re.search(r'name="csrf" value="([^"]+)"', http.get("/staff").text).group(1)
    began = time.monotonic()
    page = http.post("/staff/reload", data={"csrf": csrf}, timeout=900)
    assert page.status_code == 200, page.text[-500:]
    return time.monotonic() - began


def run(name: str, refresh: bool, in_process: bool, settle: float, reloads: int,
        built_with_bureaus: bool = False) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="refresh-memory-") as tmp:
        folder = Path(tmp)
        config = write_workspace(folder, with_bureaus=refresh, built_with_bureaus=built_with_bureaus)
        began = time.monotonic()
        server = Server(folder, config, in_process)
        try:
            with httpx.Client(base_url=server.url, timeout=60) as http:
                ask(http)
                embedded = 0
                if refresh:
                    server._wait_for(r"index refreshed in the background", 900)
                    found = re.search(r"embedding (\d+) new texts?", server.text())
                    embedded = int(found.group(1)) if found else 0
                    for n in range(reloads):
                        extra = folder / "corpus" / f"reload-{n}.txt"
                        text = (SHIPPED / next(p.name for p in SHIPPED.iterdir())).read_text(encoding="utf-8")
                        extra.write_text(text.replace("威海", f"第{n}次威海"), encoding="utf-8")
                        staff_reload(http)
                ask(http)
                refreshed = time.monotonic() - began
                server.idle(settle)
                pid = server.process.pid
                row = {"run": name, "texts_embedded": embedded, "reloads": reloads if refresh else 0,
                       "seconds": round(refreshed, 1), "peak_mb": round(status_kb(pid, "VmHWM") / 1024),
                       "settled_mb": round(status_kb(pid, "VmRSS") / 1024),
                       "child_peak_mb": round(server.child_peak_kb / 1024),
                       "torch_in_server": "libtorch" in Path(f"/proc/{pid}/maps").read_text()}
                ask(http)
        finally:
            server.stop()
    return row


def main(args: argparse.Namespace) -> dict[str, Any]:
    rows = [run("current index, shipped interview (no refresh)", False, False, args.settle, 0),
            run("current index, all 13 interviews (no refresh)", False, False, args.settle, 0, True),
            run("refresh in a child (now)", True, False, args.settle, args.reloads),
            run("refresh in process (before)", True, True, args.settle, args.reloads)]
    return {"rows": rows, "load_avg": round(os.getloadavg()[0], 2)}


def table(result: dict[str, Any]) -> str:
    lines = ["| run | texts embedded | reloads after | peak RSS MB | settled RSS MB | child peak MB | torch mapped "
             "in serve | seconds |", "|" + "---|" * 8]
    for r in result["rows"]:
        lines.append(f"| {r['run']} | {r['texts_embedded']} | {r['reloads']} | {r['peak_mb']} | {r['settled_mb']} | "
                     f"{r['child_peak_mb']} | {'yes' if r['torch_in_server'] else 'no'} | {r['seconds']} |")
    lines.append(f"\nload average at the end: {result['load_avg']}")
    return "\n".join(lines)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--settle", type=float, default=10.0, help="seconds idle before the settled RSS is read")
    parser.add_argument("--reloads", type=int, default=2, help="staff reloads, each with a new file, after the "
                                                               "background refresh")
    parser.add_argument("--json", action="store_true")
    arguments = parser.parse_args()
    outcome = main(arguments)
    print(json.dumps(outcome, ensure_ascii=False, indent=1) if arguments.json else table(outcome))
