"""What the routes share, one per server: the settings, the Searcher (as each front end sees it), the search
threads, the state store (bot.state: the limits, the staff sessions, the opt-in query log; shared by replicas with
PostgreSQL), the metrics, the running bot when there is one. A reload bumps the state's index generation, and a
watcher thread reloads this process when another one did (`state.reload_check_seconds`)."""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from bot import texts
from bot.config import AppConfig
from bot.web.metrics import MeteredSearcher, Metrics
from bot.ratelimit import RateLimiter
from bot.web.security import LOGIN_FAILURES_PER_MINUTE, LoginGuard, staff_token
from bot.state.store import StateStore, open_state
from bot.web.views import read_interview_source
from index.dialogue.followups import FollowUps
from index.records import SearchResult
from index.search.searcher import Searcher
from index.service import SEARCH_WORKERS, searcher_opener, searcher_reloader
from bot.conversation.conversation import example_questions
from index.search.service import SearchService

if TYPE_CHECKING:
    from bot.querylog import QueryLog
    from bot.telegram.state import BotApplication
    from index.records import RefreshReport

log = logging.getLogger("interview_qa.web")
T = TypeVar("T")
STAFF_WORKERS = 1  # staff checks of a whole text run one at a time, apart from the search threads
SOURCES_KEPT = 64  # interview source texts remembered for the interview pages
OPEN_WAIT_S = 600  # how long a background refresh that finished first waits for the start to put its searcher in


class WebState:
    """Built before the server starts (`open` loads the model and the index), closed after it stops."""

    def __init__(self, config: AppConfig, searcher_factory: Callable[[], Searcher],
                 reloader: Callable[[Searcher], tuple[Searcher, RefreshReport]] | None = None,
                 environ: dict[str, str] | None = None, store: StateStore | None = None) -> None:
        self.config = config
        self.store = store if store is not None else open_state(config)
        self.metrics = Metrics()
        self.searcher_factory = searcher_factory
        self.reloader = reloader or searcher_reloader(config.core)
        self.staff_token = staff_token(environ)
        # per client address, counted in the state (every replica's requests together)
        self.limiter = RateLimiter(config.web.searches_per_minute, storage=self.store.rate_storage, name="web")
        self.logins = LoginGuard(LOGIN_FAILURES_PER_MINUTE, self.store.rate_storage)  # every replica's failures
        self.sessions = self.store.sessions
        self.executor = ThreadPoolExecutor(SEARCH_WORKERS, thread_name_prefix="web-search")
        self.staff_executor = ThreadPoolExecutor(STAFF_WORKERS, thread_name_prefix="web-staff")
        self.query_log: QueryLog | None = None
        self.bot: BotApplication | None = None
        self.started = time.time()
        self.built_at: float | None = None
        self.examples: tuple[str, ...] = ()
        self._searcher: Searcher | None = None
        self._followups: FollowUps | None = None  # follow-up questions over the searcher (made on first use)
        self._fronts: dict[str, MeteredSearcher] = {}
        self._reload_lock = threading.Lock()
        self._opened = threading.Event()  # set once the first searcher is in place
        self._sources: OrderedDict[str, tuple[float, tuple[str, int] | None]] = OrderedDict()
        self._sources_lock = threading.Lock()
        self._generation = 0  # the state's index generation this process answers from
        self._closed = threading.Event()
        self._watcher: threading.Thread | None = None

    # -- the searcher -----------------------------------------------------------------------------------------
    def open(self) -> None:
        """Loads the model and brings the index up to date (slow: seconds), opens the query log when it is on."""
        self._generation = self.store.generation()  # a reload announced from now on is one to follow
        searcher = self._measured_build(self.searcher_factory)
        self._use(searcher)
        self.query_log = self.store.open_query_log(self.config.query_log)
        self._watcher = threading.Thread(target=self._watch_generation, name="reload-watch", daemon=True)
        self._watcher.start()

    def _measured_build(self, build: Callable[[], T]) -> T:
        """`build()`, counted as an index build that succeeded or failed, and timed."""
        began = time.perf_counter()
        try:
            result = build()
        except Exception:
            self.metrics.index_builds.labels("failed").inc()
            raise
        self.metrics.index_builds.labels("ok").inc()
        self.metrics.index_build_seconds.set(time.perf_counter() - began)
        return result

    def _use(self, searcher: Searcher) -> None:
        self._searcher = searcher
        self._followups = None
        self._fronts = {"telegram": MeteredSearcher(searcher, self.metrics, "telegram")}
        self.built_at = time.time()
        interviews = {p.interview_id for p in searcher.data.passages}
        self.metrics.corpus(searcher.passage_count, len(interviews))
        with self._sources_lock:
            self._sources.clear()
        self.examples = example_questions(searcher)
        self._opened.set()  # after the whole swap: a refresh waiting for the start never races with it

    @property
    def ready(self) -> bool:
        return self._searcher is not None

    @property
    def searcher(self) -> Searcher:
        if self._searcher is None:
            raise RuntimeError("the searcher is not open yet")
        return self._searcher

    def front(self, name: str) -> MeteredSearcher:
        """The searcher as the bot sees it (`telegram`): its searches counted under that name."""
        return self._fronts[name]

    # -- reloading (the staff button and the bot's /reload share it) -------------------------------------------
    def reload(self, announce: bool = True) -> tuple[Searcher, RefreshReport] | None:
        """A refreshed index swapped in for every front end; None when a reload is already under way. Blocking.
        `announce`: the state's generation is bumped, so that every process sharing it reloads too."""
        if not self._reload_lock.acquire(blocking=False):
            return None
        try:
            searcher, report = self._measured_build(lambda: self.reloader(self.searcher))
            self._use(searcher)
            self._tell_bot()
            if announce:
                self._generation = self.store.bump_generation()
            return searcher, report
        finally:
            self._reload_lock.release()

    def _watch_generation(self) -> None:
        """Reloads this process when another one sharing the state reloaded (its generation moved on)."""
        from index.errors import InterviewQAError

        while not self._closed.wait(self.config.state.reload_check_seconds):
            try:
                seen = self.store.generation()
                if seen == self._generation:
                    continue
                log.info("index: reloaded by another process (generation %d), reloading here", seen)
                if self.reload(announce=False) is not None:
                    self._generation = seen
            except InterviewQAError as error:
                log.error("index: following a reload made elsewhere failed, still serving the previous index: %s",
                          error)

    def refreshed(self, searcher: Searcher, report: RefreshReport) -> None:
        """A background refresh (index.service) finished: every front end answers from the new index."""
        with self._reload_lock:
            self._opened.wait(OPEN_WAIT_S)  # still starting: the first searcher is put in place first
            self._use(searcher)
            self._tell_bot()
        log.info("index refreshed in the background (%s): now %d passages", report.reason, searcher.passage_count)
        for warning in report.warnings:
            log.warning("corpus: %s", warning)

    def bot_reload(self, _current: SearchService) -> tuple[SearchService, RefreshReport]:
        """The bot's /reload: the same refresh, the bot handed its own (counted) view of the new searcher."""
        from index.errors import InterviewQAError

        done = self.reload()
        if done is None:
            raise InterviewQAError(texts.STAFF_RELOAD_BUSY)
        return self.front("telegram"), done[1]

    def _tell_bot(self) -> None:
        """After a reload from the web, the bot answers from the new searcher too (its counted view)."""
        if self.bot is not None:
            self.bot.bot_data.use_searcher(self.front("telegram"))

    # -- work off the event loop -----------------------------------------------------------------------------------
    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        """`fn(*args)` in a search thread (public searches and pages)."""
        return await asyncio.get_running_loop().run_in_executor(self.executor, fn, *args)

    async def run_staff(self, fn: Callable[..., T], *args: Any) -> T:
        """`fn(*args)` in the staff thread: staff checks (a whole document takes seconds) run one at a time and
        never occupy the search threads, so they cannot starve public searches."""
        return await asyncio.get_running_loop().run_in_executor(self.staff_executor, fn, *args)

    def followups(self, searcher: Searcher) -> FollowUps:
        """The follow-up reader over `searcher` (it remembers the conversations the pages carry)."""
        followups = self._followups
        if followups is None or followups.searcher is not searcher:
            followups = self._followups = FollowUps(searcher)
        return followups

    async def search(self, query: str, top_k: int | None = None, bureau: str | None = None,
                     frontend: str = "api", history: Sequence[str] = ()) -> SearchResult:
        """One question in a search thread, read with the earlier questions of its conversation (`history`,
        oldest first: the page's prev=, the API's history=), counted under `frontend` (web: the page, api:
        /api/search). Not batched: on this model a batch of questions costs as much CPU per question as one alone
        (measured, benchmarks/web_load.py), so batching would only make the first questions of a batch wait."""
        searcher = self.searcher

        def run() -> SearchResult:
            began = time.perf_counter()
            reading = self.followups(searcher).read_with_questions(query, history, top_k, bureau)
            self.metrics.observe(frontend, reading.result, time.perf_counter() - began)
            return reading.result

        return await self.run(run)

    def interview_source(self, file: str) -> tuple[str, int] | None:
        """The source text of a corpus file (cached until the file changes or the index is reloaded)."""
        corpus = Path(self.config.corpus.dir)
        try:
            mtime = (corpus / file).stat().st_mtime
        except OSError:
            return None
        with self._sources_lock:
            cached = self._sources.get(file)
            if cached is not None and cached[0] == mtime:
                self._sources.move_to_end(file)
                return cached[1]
        source = read_interview_source(corpus, file)
        with self._sources_lock:
            self._sources[file] = (mtime, source)
            while len(self._sources) > SOURCES_KEPT:
                self._sources.popitem(last=False)
        return source

    def close(self) -> None:
        self._closed.set()
        if self.query_log is not None:
            self.query_log.close()
            self.query_log = None
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.staff_executor.shutdown(wait=False, cancel_futures=True)
        self.store.close()


def default_searcher_factory(config: AppConfig, on_refreshed: Callable[[Searcher, RefreshReport], None] | None = None
                             ) -> Callable[[], Searcher]:
    """The real model and index. With `on_refreshed`, a changed corpus is indexed in the background while the
    previous index answers, and `on_refreshed` gets the new searcher."""
    return searcher_opener(config.core, notify=log.info, on_refreshed=on_refreshed)
