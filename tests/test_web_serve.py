"""`interview-qa serve` as an operator runs it: its own process, the log line with the URL, SIGTERM."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import sys
from pathlib import Path

import httpx

SCRIPT = """
import asyncio, sys
from dataclasses import replace
from pathlib import Path
from tests.telegram_helpers import app_config, fake_searcher
from bot.cli import main
from bot.config import WebConfig
import bot.web.server as w

config = app_config(Path(sys.argv[1]))
config = replace(config, web=WebConfig())  # the port comes from INTERVIEW_QA_WEB_PORT
w.run = lambda c, token: asyncio.run(w.serve_forever(replace(config, web=c.web), token, lambda: fake_searcher(config)))
sys.exit(main(["serve"]))
"""


async def test_serve_without_a_token_serves_the_web_and_says_where(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[1]
    env = {**os.environ, "PYTHONPATH": str(root), "INTERVIEW_QA_WEB_PORT": "0",
           "INTERVIEW_QA_STAFF_TOKEN": "a-staff-token-for-serve-0123456789"}
    env.pop("TELEGRAM_BOT_TOKEN", None)
    process = await asyncio.create_subprocess_exec(sys.executable, "-c", SCRIPT, str(tmp_path), env=env,
                                                   cwd=str(tmp_path), stderr=asyncio.subprocess.PIPE)
    assert process.stderr is not None
    lines: list[str] = []
    try:
        while not any("web: http://" in line for line in lines):
            line = (await asyncio.wait_for(process.stderr.readline(), 60)).decode()
            assert line, "".join(lines)
            lines.append(line)
        url = re.search(r"web: (http://127\.0\.0\.1:\d+/)", lines[-1]).group(1)
        async with httpx.AsyncClient() as http:
            home = await http.get(url)
            health = (await http.get(url + "healthz")).json()
        process.send_signal(signal.SIGTERM)
        rest = (await asyncio.wait_for(process.stderr.read(), 20)).decode()
        await asyncio.wait_for(process.wait(), 20)
    finally:
        if process.returncode is None:
            process.kill()
    log = "".join(lines) + rest
    assert "TELEGRAM_BOT_TOKEN is not set: serving the web only" in log
    assert home.status_code == 200 and health["telegram"] is None and health["staff_console"] is True
    assert process.returncode == 0 and "Traceback" not in log
    assert "a-staff-token-for-serve" not in log


def test_a_bad_web_port_variable_is_one_clear_line(capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from bot.cli import main

    monkeypatch.setenv("INTERVIEW_QA_WEB_PORT", "eighty")
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "")
    assert main(["serve"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1] == "interview-qa: error: INTERVIEW_QA_WEB_PORT must be a port number from 0 to 65535, not 'eighty'"
