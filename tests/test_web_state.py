"""WebState: a background refresh that finishes while the server is still starting waits for the start (on an
Event, not by polling), then swaps its searcher in for every front end."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from types import SimpleNamespace

from bot.web.state import WebState
from tests.telegram_helpers import fake_searcher
from tests.web_helpers import web_config


def test_a_refresh_that_finishes_during_the_start_waits_for_it_then_swaps_in(tmp_path: Path) -> None:
    config = web_config(tmp_path)
    first, second = fake_searcher(config), fake_searcher(config)
    opening = threading.Event()

    def factory() -> object:
        assert opening.wait(10)
        return first

    state = WebState(config, factory)  # type: ignore[arg-type]
    try:
        report = SimpleNamespace(reason="the corpus changed", warnings=[])
        refresher = threading.Thread(target=state.refreshed, args=(second, report))
        refresher.start()
        opener = threading.Thread(target=state.open)
        opener.start()
        time.sleep(0.3)
        assert refresher.is_alive() and not state.ready  # waiting for the first searcher
        began = time.monotonic()
        opening.set()
        opener.join(10)
        refresher.join(10)
        assert not opener.is_alive() and not refresher.is_alive() and time.monotonic() - began < 5
        assert state.searcher is second and state.front("telegram").wrapped is second
    finally:
        state.close()


def test_a_refresh_after_the_start_swaps_in_at_once(tmp_path: Path) -> None:
    config = web_config(tmp_path)
    first, second = fake_searcher(config), fake_searcher(config)
    state = WebState(config, lambda: first)
    try:
        state.open()
        began = time.monotonic()
        state.refreshed(second, SimpleNamespace(reason="the corpus changed", warnings=[]))  # type: ignore[arg-type]
        assert state.searcher is second and time.monotonic() - began < 2
    finally:
        state.close()
