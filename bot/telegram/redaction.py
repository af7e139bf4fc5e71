"""The token never reaches a log: every log record of the process has the registered secrets replaced."""

from __future__ import annotations

import logging
from typing import Any

from telegram.error import InvalidToken, NetworkError

MIN_SECRET_CHARS = 8  # shorter secrets are not redacted: they would blank out ordinary words
QUIET_LOGGERS = ("httpx", "httpcore")  # their INFO lines carry request URLs, which contain the token
_SECRETS: set[str] = set()
_ORIGINAL_FACTORY = logging.getLogRecordFactory()


def redact(text: str) -> str:
    for secret in sorted(_SECRETS, key=len, reverse=True):  # a whole token before its secret part
        text = text.replace(secret, "<redacted>")
    return text


def _redacting_factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
    record = _ORIGINAL_FACTORY(*args, **kwargs)
    _shorten_network_error(record)
    if not _SECRETS:
        return record
    try:
        message = record.getMessage()
    except Exception:  # a broken format string: leave it to the handler to report
        return record
    record.msg, record.args = redact(message), None
    if record.exc_info and record.exc_info[1] is not None:
        record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
    if record.stack_info:
        record.stack_info = redact(record.stack_info)
    return record


def _shorten_network_error(record: logging.LogRecord) -> None:
    """The library logs every failed Bot API call (an unreachable server, a 502 while polling) with a traceback
    of httpx internals; for these expected failures one line says it all. Tracebacks of real bugs stay."""
    error = record.exc_info[1] if record.exc_info else None
    if not record.name.startswith("telegram") or not isinstance(error, (NetworkError, InvalidToken)):
        return
    try:
        message = record.getMessage()
    except Exception:  # a broken format string: leave it to the handler to report
        return
    record.msg, record.args = f"{message} ({type(error).__name__}: {error})", None
    record.exc_info, record.exc_text = None, None


def install_redaction(*secrets: str | None) -> None:
    """Every log record of the process, at any level and through any handler, has these secrets replaced.

    A bot token `<id>:<secret>` is also redacted by its secret part alone, which is what survives when a URL
    is percent-encoded (`%3A`) or cut. Also quiets httpx/httpcore, whose INFO lines carry request URLs (which
    contain the token)."""
    parts = [s.partition(":")[2] for s in secrets if s and ":" in s]
    _SECRETS.update(s for s in (*secrets, *parts) if s and len(s) >= MIN_SECRET_CHARS)
    logging.setLogRecordFactory(_redacting_factory)
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
