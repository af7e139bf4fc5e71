"""The state interface (`StateStore`) and its in-memory backend (`MemoryState`, this process only: the
conversation's default in tests). No database here: the SQLite and PostgreSQL backends are in bot.state.store."""

from __future__ import annotations

import logging
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from limits.storage import MemoryStorage, Storage

from bot.state.entries import AnswerKeys, Choices, Contexts, Entries, MemoryEntries
from bot.web.sessions import MemorySessionStore, SessionStore
from index.errors import ConfigError

if TYPE_CHECKING:
    from bot.conversation.conversation import QueryRecorder
    from bot.config import QueryLogConfig
    from bot.report import Source

log = logging.getLogger("interview_qa.state")


class PollerBusyError(ConfigError):
    """Another process already polls Telegram for this bot with the same state."""


def poller_refusal(bot_id: str, where: str) -> PollerBusyError:
    return PollerBusyError(
        f"another `interview-qa serve` is already polling Telegram for bot {bot_id} (state: {where}); Telegram "
        f"gives updates to one poller only: run the replicas with telegram.mode: webhook behind the proxy, or stop "
        f"the other poller first")


def bot_id_of(token: str) -> str:
    """The bot's id, the part of its token before the colon (not secret)."""
    return token.split(":", 1)[0].strip() or "bot"


class StateStore(ABC):
    """The query log and feedback, the answer keys behind buttons, the staff sessions, the rate-limit counters, the
    conversation contexts, the index generation and the poller lease, of one backend."""

    kind: str  # "memory" | "sqlite" | "postgresql", as /healthz says it
    entries: Entries
    rate_storage: Storage
    sessions: SessionStore

    def __init__(self, answer_ttl_s: float = 48 * 3600.0, context_ttl_s: float = 1800.0) -> None:
        self.answer_ttl_s, self.context_ttl_s = answer_ttl_s, context_ttl_s

    # what the conversation uses of the entries
    def answers(self) -> AnswerKeys:
        return AnswerKeys(self.entries, self.answer_ttl_s)

    def choices(self) -> Choices:
        return Choices(self.entries, self.answer_ttl_s)

    def contexts(self) -> Contexts:
        """The plug point for the conversation context of follow-ups: get / put / clear per chat."""
        return Contexts(self.entries, self.context_ttl_s)

    @abstractmethod
    def open_query_log(self, config: QueryLogConfig, environ: Mapping[str, str] | None = None
                       ) -> QueryRecorder | None:
        """The opt-in query log (None when off); `QueryLogSaltError` without a salt."""

    @abstractmethod
    def log_source(self, config: QueryLogConfig) -> Source | None:
        """What the report reads (the shared log of every replica), or None when there is no log to read."""

    @abstractmethod
    def generation(self) -> int:
        """The index generation: bumped by a reload, so that every process sharing the state reloads too."""

    @abstractmethod
    def bump_generation(self) -> int:
        """The generation after this process reloaded (the others see it change)."""

    @abstractmethod
    def hold_poller(self, bot_id: str) -> None:
        """Holds the one poller lease of this bot until `close`; `PollerBusyError` when another process has it."""

    @abstractmethod
    def close(self) -> None: ...

    def describe(self) -> str:
        return self.kind


class MemoryState(StateStore):
    """State in this process only."""

    kind = "memory"
    _pollers: set[str] = set()  # noqa: RUF012 - one per process, shared by its stores
    _pollers_lock = threading.Lock()

    def __init__(self, answer_ttl_s: float = 48 * 3600.0, context_ttl_s: float = 1800.0,
                 clock: Callable[[], float] = time.time) -> None:
        super().__init__(answer_ttl_s, context_ttl_s)
        self.entries = MemoryEntries(clock)
        self.rate_storage = MemoryStorage()  # the library's own clock
        self.sessions = MemorySessionStore(clock)
        self._generation = 0
        self._held: set[str] = set()

    def open_query_log(self, config: QueryLogConfig, environ: Mapping[str, str] | None = None
                       ) -> QueryRecorder | None:
        from bot.querylog import QueryLog

        return QueryLog.open(config, environ=environ)

    def log_source(self, config: QueryLogConfig) -> Source | None:
        return config.path if config.path.exists() else None

    def generation(self) -> int:
        return self._generation

    def bump_generation(self) -> int:
        self._generation += 1
        return self._generation

    def hold_poller(self, bot_id: str) -> None:
        with self._pollers_lock:
            if bot_id in self._held:
                return
            if bot_id in self._pollers:
                raise poller_refusal(bot_id, "this process")
            self._pollers.add(bot_id)
            self._held.add(bot_id)

    def close(self) -> None:
        with self._pollers_lock:
            self._pollers.difference_update(self._held)
            self._held.clear()
        self.sessions.close()
