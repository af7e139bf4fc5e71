"""The client address behind a reverse proxy (uvicorn's ProxyHeadersMiddleware): X-Forwarded-For is believed only
with `web.trust_proxy` and only from a trusted proxy, and then the client is the last hop that is not a proxy. The
per-address limit and the staff login log both see that address."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest

from tests.web_helpers import client, csrf_of, running_web, web_config

Q = {"q": "今年夏天用水高峰会不会停水？"}


async def statuses(tmp_path: Path, forwarded: list[str | None], **web: Any) -> list[int]:
    """The status of /api/search for each X-Forwarded-For value (None: no header), one search a minute allowed."""
    out = []
    async with running_web(web_config(tmp_path, searches_per_minute=1, **web)) as server, client(server) as http:
        for value in forwarded:
            headers = {} if value is None else {"x-forwarded-for": value}
            out.append((await http.get("/api/search", params=Q, headers=headers)).status_code)
    return out


async def test_without_trust_proxy_forwarded_headers_are_ignored(tmp_path: Path) -> None:
    assert await statuses(tmp_path, ["1.1.1.1", "2.2.2.2", None]) == [200, 429, 429]  # all are 127.0.0.1


async def test_a_peer_that_is_not_a_trusted_proxy_cannot_choose_its_address(tmp_path: Path) -> None:
    got = await statuses(tmp_path, ["1.1.1.1", "2.2.2.2"], trust_proxy=True, trusted_proxies=("10.0.0.1",))
    assert got == [200, 429]


async def test_behind_a_trusted_proxy_each_client_has_its_own_limit(tmp_path: Path) -> None:
    got = await statuses(tmp_path, ["1.1.1.1", "2.2.2.2", "2.2.2.2", "6.6.6.6, 1.1.1.1", None], trust_proxy=True)
    # a forged first hop (6.6.6.6) does not help: the client is the hop the proxy added, 1.1.1.1, already limited;
    # the proxy's own request (no header) is its own address
    assert got == [200, 200, 429, 429, 200]


async def test_trusted_proxies_may_be_networks(tmp_path: Path) -> None:
    got = await statuses(tmp_path, ["1.1.1.1", "2.2.2.2"], trust_proxy=True, trusted_proxies=("127.0.0.0/8",))
    assert got == [200, 200]


@pytest.mark.parametrize("trust, shown", [(True, "7.7.7.7"), (False, "127.0.0.1")])
async def test_the_staff_login_log_names_the_client_address(tmp_path: Path, caplog: pytest.LogCaptureFixture,
                                                            trust: bool, shown: str) -> None:
    caplog.set_level(logging.INFO)
    headers = {"x-forwarded-for": "7.7.7.7"}
    async with running_web(web_config(tmp_path, trust_proxy=trust)) as server, client(server) as http:
        form = await http.get("/staff/login", headers=headers)
        refused = await http.post("/staff/login", data={"csrf": csrf_of(form.text), "token": "wrong"},
                                  headers=headers)
    assert refused.status_code == 401
    assert [r.getMessage() for r in caplog.records if "staff login refused" in r.getMessage()] == \
        [f"staff login refused from {shown}"]


def test_a_trusted_proxy_that_is_not_an_address_is_a_config_error(tmp_path: Path) -> None:
    from bot.config import load_config
    from index.errors import ConfigError

    path = tmp_path / "config.yaml"
    path.write_text("web: {trust_proxy: true, trusted_proxies: [127.0.0.1, nginx]}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"`web.trusted_proxies`: .*'nginx' is not an IP address or network"):
        load_config(path)
    path.write_text("web: {trusted_proxies: 10.0.0.2}\n", encoding="utf-8")
    assert load_config(path).web.trusted_proxies == ("10.0.0.2",)
