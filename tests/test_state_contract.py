"""The state interface's contract, run on both backends: SQLite files and a real PostgreSQL (one server per test
session, a new database per test). Two stores opened on the same database stand for two replicas; what one writes,
the other must see (answer keys, a chosen bureau, contexts, limits, sessions, the generation, the query log), and
the poller lease must refuse a second holder. The in-memory state keeps the same promises within one store."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from bot.config import QueryLogConfig, load_config
from bot.conversation.actions import Action
from bot.conversation.context import StateContexts
from bot.conversation.conversation import Conversation, ConversationSettings
from bot.conversation.replies import Answer, BureauSelected, Hint, Question
from bot.ratelimit import RateLimiter
from bot.report import build_report
from bot.state.base import MemoryState, PollerBusyError, StateStore
from bot.state.database import StateError
from bot.state.store import PostgresState, SqliteState, open_state
from index.dialogue.turns import Turn
from index.records import Hit, Passage, SearchResult
from tests.telegram_helpers import app_config, fake_searcher

SALT = "a-salt-of-sixteen-or-more-characters"
LOG_ON = QueryLogConfig(enabled=True)
ENVIRON = {"INTERVIEW_QA_LOG_SALT": SALT}


class Clock:
    """Starts at the real time (the limiter names its waits against it) and moves when a test says so."""

    def __init__(self) -> None:
        self.now = time.time()

    def __call__(self) -> float:
        return self.now


Opener = Callable[[], StateStore]


@pytest.fixture(params=["sqlite", "postgresql"])
def replicas(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Opener, Clock]]:
    """Opens stores on one database of the backend (each a "replica"), all on one clock the test moves."""
    clock = Clock()
    opened: list[StateStore] = []
    url = request.getfixturevalue("postgres_url") if request.param == "postgresql" else None

    def open_store() -> StateStore:
        if url is not None:
            store: StateStore = PostgresState(url, pool_size=4, answer_ttl_s=60, context_ttl_s=30, clock=clock)
        else:
            store = SqliteState(tmp_path / "state.sqlite3", tmp_path / "sessions.sqlite3", answer_ttl_s=60,
                                context_ttl_s=30, clock=clock)
        opened.append(store)
        return store

    yield open_store, clock
    for store in opened:
        store.close()


def passage(n: int) -> Passage:
    return Passage(passage_id=f"p{n}", interview_id="i1", kind="answer", text=f"回答第{n}段，缓缴资金1.35亿元。",
                   start=n * 10, end=n * 10 + 9, file="a.txt", bureau="海川市水务局", interviewee="钱明",
                   speaker="钱明", question="问题？", title="访谈")


# -- answer keys, a chosen bureau, contexts ----------------------------------------------------------------------------
def test_a_button_works_on_another_replica_only_for_its_owner_until_it_expires(replicas, tmp_path: Path) -> None:
    open_store, clock = replicas
    searcher = fake_searcher(app_config(tmp_path))
    first = Conversation(searcher, ConversationSettings(results_per_page=1), state=open_store())
    second = Conversation(searcher, ConversationSettings(results_per_page=1), state=open_store())
    answer = first.ask(7, "今年夏天用水高峰会不会停水？")
    assert isinstance(answer, Answer) and answer.key and len(answer.hits) > 1
    more = second.page(answer.key, 1, 7)  # "更多结果" pressed, the press reaching the other replica
    assert isinstance(more, Answer) and more.page == 1
    assert [h.passage.passage_id for h in more.hits] == [h.passage.passage_id for h in answer.hits]
    assert more.hits[0].passage == answer.hits[0].passage and more.confidence == answer.confidence
    stranger = second.page(answer.key, 1, 8)
    assert isinstance(stranger, Hint) and stranger.code == "expired"
    clock.now += 61
    expired = second.page(answer.key, 1, 7)
    assert isinstance(expired, Hint) and expired.code == "expired"


def test_hits_and_suggestions_come_back_whole(replicas) -> None:
    open_store, _ = replicas
    writer, reader = open_store().answers(), open_store().answers()
    hits = (Hit(passage(1), 0.91, (0, 4)), Hit(passage(2), 0.5, None))
    from bot.conversation.conversation import StoredAnswer

    stored = StoredAnswer(5, "缓缴了多少？", hits, "海川市水务局", "low", ("问一？", "问二？"))
    writer.keep("k1", 5, stored)
    assert reader.find("k1", StoredAnswer) == stored
    assert reader.find("missing", StoredAnswer) is None


def test_a_chosen_bureau_is_taken_once_by_the_next_question_anywhere(replicas, tmp_path: Path) -> None:
    open_store, _ = replicas
    searcher = fake_searcher(app_config(tmp_path))
    one, two = (Conversation(searcher, state=open_store()) for _ in range(2))
    bureau = one.corpus.bureaus[0][0]
    from bot.conversation.actions import bureau_token

    chosen = one.act(7, Action("b", bureau_token(bureau)))
    assert isinstance(chosen, BureauSelected)
    question = two.prepare(7, "停水吗")
    assert isinstance(question, Question) and question.bureau == bureau
    again = one.prepare(7, "停水吗")
    assert isinstance(again, Question) and again.bureau is None


def test_take_has_one_winner_among_threads_of_two_replicas(replicas) -> None:
    open_store, _ = replicas
    stores = [open_store(), open_store()]
    stores[0].entries.put("bureau", "7", 7, "海川市水务局", 60)
    won: list[object] = []
    barrier = threading.Barrier(8)

    def take(n: int) -> None:
        barrier.wait()
        won.append(stores[n % 2].entries.take("bureau", "7"))

    threads = [threading.Thread(target=take, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len([w for w in won if w is not None]) == 1


def test_a_follow_up_asked_of_another_replica_is_read_with_its_conversation(replicas) -> None:
    open_store, clock = replicas
    one, two = StateContexts(open_store().contexts()), StateContexts(open_store().contexts())
    first = Turn("疫情期间海域使用金可以缓缴吗？", "疫情期间海域使用金可以缓缴吗？", ("p1", "p2"), ("p1",), confidence="high")
    one.put("7", [first], 600)
    assert two.get("7") == (first,)  # the turns come back whole, as the follow-up reader needs them
    clock.now += 601
    assert two.get("7") == ()  # the put's own time, not the store's default


def test_the_conversation_context_plug_point_gets_puts_and_clears_per_chat(replicas) -> None:
    open_store, clock = replicas
    one, two = open_store().contexts(), open_store().contexts()
    one.put("private:7", {"question": "疫情期间海域使用金可以缓缴吗？", "passages": ["p1", "p2"], "turn": 1})
    one.put("group:-4001", {"question": "另一个"})
    assert two.get("private:7") == {"question": "疫情期间海域使用金可以缓缴吗？", "passages": ["p1", "p2"], "turn": 1}
    two.put("private:7", {"question": "那一共缓了多少钱？", "turn": 2})  # the next turn replaces it
    assert one.get("private:7") == {"question": "那一共缓了多少钱？", "turn": 2}
    two.clear("private:7")
    assert one.get("private:7") is None and one.get("group:-4001") == {"question": "另一个"}
    clock.now += 31
    assert two.get("group:-4001") is None  # forgotten after the store's default time (a put may say its own)


# -- limits -------------------------------------------------------------------------------------------------------
def test_a_limit_holds_across_replicas_and_its_window_moves(replicas) -> None:
    open_store, clock = replicas
    a, b = (RateLimiter(3, storage=open_store().rate_storage, name="questions") for _ in range(2))
    assert [a.wait(7), b.wait(7), a.wait(7)] == [0.0, 0.0, 0.0]
    refused = b.wait(7)
    assert 59 <= refused <= 60.0 and a.wait(7) > 0  # the fourth is refused on either replica
    assert a.wait(8) == 0.0  # another user is not limited
    other = RateLimiter(3, storage=open_store().rate_storage, name="inline")
    assert other.wait(7) == 0.0  # a limit of another name counts apart
    clock.now += 30
    assert a.wait(7) > 0
    clock.now += 31  # the first three left the window
    assert a.wait(7) == 0.0 and b.wait(7) == 0.0 and a.wait(7) == 0.0 and b.wait(7) > 0
    assert a.notify(7) and not b.notify(7)  # one "please wait" notice per interval, whichever replica


def test_a_limit_is_exact_under_concurrent_requests_to_two_replicas(replicas) -> None:
    open_store, _ = replicas
    limiters = [RateLimiter(25, storage=open_store().rate_storage, name="web") for _ in range(2)]
    allowed: list[bool] = []
    barrier = threading.Barrier(8)

    def hammer(n: int) -> None:
        barrier.wait()
        for _ in range(10):
            allowed.append(limiters[n % 2].wait("10.0.0.1") == 0.0)

    threads = [threading.Thread(target=hammer, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(allowed) == 80 and allowed.count(True) == 25


# -- sessions, generation, poller ---------------------------------------------------------------------------------
def test_a_staff_session_is_one_across_replicas(replicas) -> None:
    open_store, clock = replicas
    a, b = open_store().sessions, open_store().sessions
    session = a.start(100)
    assert b.active(session) and not b.active("forged")
    b.end(session)  # signing out on one replica
    assert not a.active(session)
    later = b.start(100)
    clock.now += 101
    assert not a.active(later)


def test_a_reload_anywhere_moves_the_generation_everywhere(replicas) -> None:
    open_store, _ = replicas
    a, b = open_store(), open_store()
    assert a.generation() == b.generation() == 0
    assert a.bump_generation() == 1 and b.generation() == 1
    threads = [threading.Thread(target=(a if n % 2 else b).bump_generation) for n in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert a.generation() == b.generation() == 11


def test_one_poller_per_bot(replicas) -> None:
    open_store, _ = replicas
    first, second = open_store(), open_store()
    first.hold_poller("123")
    first.hold_poller("123")  # holding it again is fine
    with pytest.raises(PollerBusyError, match=r"already polling Telegram for bot 123.*telegram.mode: webhook"):
        second.hold_poller("123")
    second.hold_poller("456")  # another bot
    first.close()
    open_store().hold_poller("123")  # released with its holder


# -- the query log --------------------------------------------------------------------------------------------------
def result(answered: bool, bureau: str = "海川市水务局") -> SearchResult:
    p = passage(1)
    hits = (Hit(Passage(**{**p.to_record(), "bureau": bureau}), 0.9),) if answered else ()
    return SearchResult(query="q", answered=answered, hits=hits, confidence="high" if answered else None)


def test_the_query_log_is_one_log_for_every_replica(replicas) -> None:
    open_store, _ = replicas
    a, b = open_store(), open_store()
    log_a, log_b = a.open_query_log(LOG_ON, ENVIRON), b.open_query_log(LOG_ON, ENVIRON)
    assert log_a is not None and log_b is not None
    first = log_a.record("private", 7, "停水吗？", result(True))
    second = log_b.record("web", None, "火星移民？", result(False))
    third = log_b.record("group", 8, "停水吗", result(True))
    assert first < second < third
    assert not log_a.feedback(first, 8, -1)  # only the asker rates
    assert log_b.feedback(first, 7, -1) and log_a.feedback(third, 8, 1)
    summary = log_a.summary()
    assert (summary["total"], summary["answered"], summary["thumbs_up"], summary["thumbs_down"],
            summary["users"]) == (3, 2, 1, 1, 2)
    source = a.log_source(LOG_ON)
    assert source is not None
    report = build_report(source)
    assert report.summary["total"] == 3 and report.unanswered[0].question == "火星移民?"  # NFKC
    assert report.top_questions[0].count == 2  # the two wordings of 停水吗 grouped
    assert report.disliked_passages[0].passage_id == "p1"


def test_query_log_rows_keep_no_user_id_and_ids_are_never_reused(replicas) -> None:
    open_store, _ = replicas
    store = open_store()
    log = store.open_query_log(LOG_ON, ENVIRON)
    assert log is not None
    ids = [log.record("private", 123456789, "问题", result(True)) for _ in range(3)]
    from datetime import UTC, datetime, timedelta

    log.purge(datetime.now(UTC) + timedelta(days=400))  # every row older than the retention
    assert log.count() == 0
    assert log.record("private", 123456789, "问题", result(True)) > max(ids)
    source = store.log_source(LOG_ON)
    from bot.querylog import connect_reader

    conn = connect_reader(source)
    try:
        text = repr(conn.execute("SELECT * FROM queries").fetchall())
    finally:
        conn.close()
    assert "123456789" not in text and "问题" in text


def test_no_query_log_without_the_setting(replicas) -> None:
    open_store, _ = replicas
    assert open_store().open_query_log(QueryLogConfig(enabled=False), ENVIRON) is None


# -- schemas and selection ----------------------------------------------------------------------------------------
def test_a_database_of_a_newer_program_is_refused(replicas) -> None:
    open_store, _ = replicas
    store = open_store()
    assert isinstance(store, (SqliteState, PostgresState))
    store.db.transaction(lambda tx: tx.run("INSERT INTO schema_version (version) VALUES (99)"))
    with pytest.raises(StateError, match="schema version 99, newer than this program's 1"):
        open_store()


def test_the_state_is_sqlite_unless_a_database_url_is_set(tmp_path: Path, postgres_url: str,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    config = load_config()
    store = open_state(config)
    try:
        assert store.kind == "sqlite" and (tmp_path / ".cache" / "state.sqlite3").exists()
    finally:
        store.close()
    monkeypatch.setenv("INTERVIEW_QA_DATABASE_URL", postgres_url)
    shared = open_state(load_config())
    try:
        assert shared.kind == "postgresql" and "postgresql" in shared.describe()
    finally:
        shared.close()


def test_an_unreachable_database_is_one_line_without_the_password() -> None:
    began = time.monotonic()
    with pytest.raises(StateError) as caught:
        PostgresState("postgresql://iqa:hunter2-secret@127.0.0.1:1/nowhere", pool_size=1)
    assert "hunter2" not in str(caught.value) and "\n" not in str(caught.value)
    assert "cannot connect to the state database postgresql://iqa:***@127.0.0.1:1/nowhere" in str(caught.value)
    assert time.monotonic() - began < 5  # refused at once, not after the pool's wait
    from bot.state.database import redact_url

    assert redact_url("postgresql://h/db?user=a&password=hunter2&sslmode=require") == \
        "postgresql://h/db?user=a&password=***&sslmode=require"


def test_memory_state_keeps_the_same_promises_within_one_process(tmp_path: Path) -> None:
    clock = Clock()
    state = MemoryState(answer_ttl_s=60, context_ttl_s=30, clock=clock)
    state.entries.put("answer", "k", 7, "v", 60)
    assert state.entries.take("answer", "k").value == "v" and state.entries.take("answer", "k") is None
    contexts = state.contexts()
    contexts.put("private:7", {"turn": 1})
    assert contexts.get("private:7") == {"turn": 1}
    clock.now += 31
    assert contexts.get("private:7") is None
    assert state.bump_generation() == 1 and state.generation() == 1
    state.hold_poller("1")
    with pytest.raises(PollerBusyError):
        MemoryState().hold_poller("1")
    state.close()
