"""Helpers for the web tests: the REAL server (uvicorn on 127.0.0.1, a free port) over the fictional test corpus
with the FakeEmbedder, and the staff login done the way a browser does it (GET the form, POST it with its token)."""

from __future__ import annotations

import contextlib
import io
import re
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx

from bot.config import AppConfig, WebConfig
from bot.web.server import WebServer
from tests.telegram_helpers import app_config, fake_searcher

STAFF_TOKEN = "staff-secret-for-tests-0123456789"
CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def web_config(tmp: Path, **web: Any) -> AppConfig:
    """The bot tests' corpus and settings (water + Q/A interviews, always answering), the web on a free port."""
    config = app_config(tmp)
    return replace(config, web=replace(WebConfig(port=0, searches_per_minute=0), **web))


@contextlib.asynccontextmanager
async def running_web(config: AppConfig, *, staff: bool = True, token: str | None = None,
                      **kwargs: Any) -> AsyncIterator[WebServer]:
    environ = {"INTERVIEW_QA_STAFF_TOKEN": STAFF_TOKEN} if staff else {}
    server = WebServer(config, token, kwargs.pop("searcher_factory", None) or (lambda: fake_searcher(config)),
                       environ=environ, **kwargs)
    await server.start()
    try:
        yield server
    finally:
        await server.stop()


def client(server: WebServer) -> httpx.AsyncClient:
    return httpx.AsyncClient(base_url=server.url.rstrip("/"), timeout=20.0, follow_redirects=False)


def csrf_of(html: str) -> str:
    found = CSRF.search(html)
    assert found, "no CSRF token in the form"
    return found.group(1)


async def sign_in(http: httpx.AsyncClient, token: str = STAFF_TOKEN) -> httpx.Response:
    form = await http.get("/staff/login")
    assert form.status_code == 200, form.text
    return await http.post("/staff/login", data={"csrf": csrf_of(form.text), "token": token})


async def staff_csrf(http: httpx.AsyncClient) -> str:
    page = await http.get("/staff")
    assert page.status_code == 200, page.text
    return csrf_of(page.text)


def docx_bytes(paragraphs: list[str]) -> bytes:
    """A .docx file with these paragraphs (python-docx), for the upload and `verify --file` tests."""
    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def docx_of_size(xml_bytes: int, paragraph: str = "据海川市水务局介绍，今年全市新建水厂两座。") -> bytes:
    """A .docx whose word/document.xml is about `xml_bytes` of ordinary paragraphs (written straight into the zip:
    python-docx takes minutes to add a million paragraphs); it compresses to a few hundred KB."""
    import zipfile

    unit = f"<w:p><w:r><w:t>{paragraph}</w:t></w:r></w:p>"
    base = zipfile.ZipFile(io.BytesIO(docx_bytes(["标题"])))
    xml = base.read("word/document.xml").decode("utf-8")
    start = xml.index("<w:body>") + len("<w:body>")
    body = unit * (xml_bytes // len(unit.encode("utf-8")) + 1)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in base.infolist():
            data = xml[:start] + body + xml[start:] if info.filename == "word/document.xml" else base.read(info)
            archive.writestr(info.filename, data)
    return out.getvalue()
