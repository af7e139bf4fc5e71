"""What the handlers share, typed: one `BotData` per Application (`ContextTypes(bot_data=BotData)`), reached as
`context.bot_data` in a handler and `app.bot_data` outside."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot

from bot.config import AppConfig
from bot.conversation.conversation import Conversation
from bot.telegram.batcher import SearchBatcher
from index.search.service import SearchService
from index.records import RefreshReport

if TYPE_CHECKING:
    from bot.conversation.conversation import QueryRecorder
    from bot.state.base import StateStore

SearcherFactory = Callable[[], SearchService]
Reloader = Callable[[SearchService], tuple[SearchService, RefreshReport]]


class NotStarted(RuntimeError):
    """A handler ran before `post_init` built the conversation."""


class BotData:
    """The settings `build_application` puts in, and the running parts `post_init` adds (the search threads, the
    conversation, the batcher, the query log). PTB creates it without arguments."""

    def __init__(self) -> None:
        self.config = AppConfig()
        self.searcher_factory: SearcherFactory | None = None
        self.reloader: Reloader | None = None
        self.admins: frozenset[int] = frozenset()
        self.search_workers = 1
        self.searcher: SearchService | None = None  # the one in use (swapped by /reload)
        self.query_log: QueryRecorder | None = None  # opt-in; closed at shutdown
        self.state: StateStore | None = None  # answer keys, limits, the query log (the server's; memory alone)
        self.reloading = False  # a /reload is under way: a second one waits its turn
        self._executor: ThreadPoolExecutor | None = None
        self._conversation: Conversation | None = None
        self._batcher: SearchBatcher | None = None

    def use_executor(self, executor: ThreadPoolExecutor) -> None:
        """The search threads, kept first so that a failed start still shuts them down."""
        self._executor = executor

    def start(self, conversation: Conversation, batcher: SearchBatcher) -> None:
        """The running parts, once post_init has built them."""
        self._conversation, self._batcher = conversation, batcher
        self.searcher = conversation.searcher

    def use_searcher(self, searcher: SearchService) -> None:
        """Answer from another searcher from now on (after /reload, or a reload the web made); before post_init
        built the conversation there is nothing to swap."""
        if self._conversation is not None and self._conversation.searcher is not searcher:
            self._conversation.replace_searcher(searcher)
            self.searcher = searcher

    def release_executor(self) -> ThreadPoolExecutor | None:
        """The search threads, handed over once to be shut down."""
        executor, self._executor = self._executor, None
        return executor

    @property
    def executor(self) -> ThreadPoolExecutor:
        if self._executor is None:
            raise NotStarted("the search threads are not running")
        return self._executor

    @property
    def conversation(self) -> Conversation:
        if self._conversation is None:
            raise NotStarted("the bot has not started: post_init did not run")
        return self._conversation

    @property
    def batcher(self) -> SearchBatcher:
        if self._batcher is None:
            raise NotStarted("the bot has not started: post_init did not run")
        return self._batcher


Context = CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], BotData]
BotApplication = Application[Any, Any, Any, Any, BotData, Any]  # what matters: app.bot_data is a BotData
CONTEXT_TYPES = ContextTypes(context=CallbackContext, bot_data=BotData)
