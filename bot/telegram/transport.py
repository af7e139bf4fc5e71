"""Sending and receiving under faults: replies retried after a 5xx or a timeout, unreadable updates skipped."""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from typing import Any

from telegram import Update
from telegram.error import BadRequest, NetworkError
from telegram.ext import AIORateLimiter
from telegram.request import HTTPXRequest
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception, stop_after_attempt, wait_exponential

log = logging.getLogger("interview_qa.telegram")
RETRIED = ("send", "answer", "edit")  # Bot API methods retried after a 5xx or a timeout (a reply, not bootstrap)


class RetryingRateLimiter(AIORateLimiter):
    """AIORateLimiter (Telegram's flood limits, and a wait then a retry after a 429) that also retries a reply the
    Bot API or the network failed (5xx, a timeout, a dropped connection): the answer comes late rather than never.

    Only replies (send*/answer*/edit*) are retried; getUpdates has the Updater's own retry loop and start-up calls
    (getMe, setWebhook) have `bootstrap_retries`. A timed-out request may have reached Telegram, so a retry can
    deliver a reply twice: a repeated answer is better than a lost one. A 400 is never retried."""

    def __init__(self, max_retries: int, backoff: float = 0.5) -> None:
        super().__init__(max_retries=max_retries)
        self.network_retries = max(0, max_retries)
        self.backoff = backoff

    async def process_request(self, callback: Callable[..., Coroutine[Any, Any, Any]], args: Any,
                              kwargs: dict[str, Any], endpoint: str, data: dict[str, Any],
                              rate_limit_args: int | None) -> Any:
        retries = self.network_retries if endpoint.startswith(RETRIED) else 0
        retrying = AsyncRetrying(stop=stop_after_attempt(retries + 1), wait=wait_exponential(self.backoff),
                                 retry=retry_if_exception(_failed_in_transit), reraise=True,
                                 before_sleep=lambda state: _log_retry(endpoint, state, retries))
        return await retrying(super().process_request, callback, args, kwargs, endpoint, data, rate_limit_args)


def _failed_in_transit(error: BaseException) -> bool:
    """A 5xx, a timeout or a dropped connection; never a 400 (our request is wrong: repeating it cannot help)."""
    return isinstance(error, NetworkError) and not isinstance(error, BadRequest)


def _log_retry(endpoint: str, state: RetryCallState, retries: int) -> None:
    error = state.outcome.exception() if state.outcome is not None else None
    log.warning("%s failed (%s: %s); retry %d of %d", endpoint, type(error).__name__, error, state.attempt_number,
                retries)


class TolerantUpdatesRequest(HTTPXRequest):
    """The HTTP client of getUpdates. An update the library cannot read (a field it requires is missing or odd)
    would fail the whole batch, and polling would fetch the same batch forever: every later message lost. Such an
    update is logged and replaced by an empty one with its id, so the others are handled and polling moves on."""

    @staticmethod
    def parse_json_payload(payload: bytes) -> dict[str, Any]:
        data = HTTPXRequest.parse_json_payload(payload)
        if data.get("ok") and isinstance(data.get("result"), list):
            data["result"] = [_readable(update) for update in data["result"]]
        return data


def _readable(update: Any) -> Any:
    """The update as it came when the library can read it, else an empty update with its id."""
    try:
        parsed = Update.de_json(update, None)
        message = parsed.effective_message if parsed is not None else None
        if message is not None and message.chat is None:  # read by the library, but there is no one to answer
            raise ValueError("a message without its chat")
        return update
    except Exception as error:  # noqa: BLE001 - whatever the library chokes on
        update_id = update.get("update_id") if isinstance(update, dict) else None
        if not isinstance(update_id, int):
            raise
        log.warning("update %d cannot be read (%s: %s); skipped", update_id, type(error).__name__, error)
        return {"update_id": update_id}
