"""Opt-in query log: one SQLite row per question, with a salted hash instead of the user id.

Off unless `query_log.enabled`; refuses to start without a salt of 16+ characters; WAL, one short transaction per
row, one locked connection shared by threads and tasks; old rows purged; row ids never reused. The design:
docs/operations.md, "Privacy: the query log"."""

from __future__ import annotations

import functools
import hashlib
import hmac
import json
import logging
import os
import re
import sqlite3
import threading
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from pydantic import Field, SecretStr, create_model
from tenacity import Retrying, retry_if_exception, stop_after_delay, wait_exponential

from bot.state.database import BUSY_TIMEOUT_MS, RETRY_DEADLINE_S, sqlite_busy
from index.environment import Environment, reveal
from index.errors import ConfigError, InterviewQAError

if TYPE_CHECKING:
    from bot.config import QueryLogConfig
    from index.records import SearchResult

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
CHAT_TYPES = frozenset({"private", "group", "supergroup", "channel", "inline", "terminal", "cli"})
MIN_SALT_CHARS = 16
HASH_HEX_CHARS = 16  # 64 bits of HMAC-SHA256
MAX_QUESTION_CHARS = 500
MAX_PASSAGE_IDS = 10
TOP_BUREAUS = 5  # bureaus named in the summary
TS_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"  # fixed width, so text order is time order

Clock = Callable[[], datetime]
T = TypeVar("T")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS queries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    ts TEXT NOT NULL,
    chat_type TEXT NOT NULL,
    user_hash TEXT,
    question TEXT NOT NULL,
    answered INTEGER NOT NULL CHECK (answered IN (0, 1)),
    passage_ids TEXT NOT NULL DEFAULT '[]',
    bureau TEXT,
    feedback INTEGER CHECK (feedback IN (-1, 1))
);
CREATE INDEX IF NOT EXISTS queries_ts ON queries (ts);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


class QueryLogError(InterviewQAError):
    """The query log cannot be opened, read or written."""


class QueryLogSaltError(QueryLogError, ConfigError):
    """Logging is enabled but the salt environment variable is missing or too short."""


class QueryLogBusyError(QueryLogError):
    """The database stayed locked by other writers past the retry deadline."""


@dataclass(frozen=True, slots=True)
class LogRow:
    """One logged question as the report reads it (no user hash)."""

    row_id: int
    ts: str
    chat_type: str
    question: str
    answered: bool
    passage_ids: tuple[str, ...]
    bureau: str | None
    feedback: int | None


def utc_now() -> datetime:
    return datetime.now(UTC)


def format_ts(moment: datetime) -> str:
    """A datetime as the stored UTC text; naive datetimes are taken as UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime(TS_FORMAT)


def since_ts(since: date | datetime | None) -> str | None:
    """The lower bound for `ts >= ?`: a date means its UTC midnight."""
    if since is None:
        return None
    if not isinstance(since, datetime):
        since = datetime(since.year, since.month, since.day, tzinfo=UTC)
    return format_ts(since)


def hash_user(salt: str, user_id: int | str) -> str:
    """HMAC-SHA256 of the user id keyed by the salt, truncated to 16 hex digits."""
    digest = hmac.new(salt.encode("utf-8"), str(user_id).encode("utf-8"), hashlib.sha256).hexdigest()
    return digest[:HASH_HEX_CHARS]


def normalize_question(text: str) -> str:
    """NFKC, whitespace collapsed, capped: the fallback when the search did not return its normalised query."""
    text = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()
    return text[:MAX_QUESTION_CHARS]


@functools.cache
def _salt_environment(salt_env: str) -> type[Environment]:
    """The settings of the variable that `query_log.salt_env` names."""
    return create_model("SaltEnvironment", __base__=Environment,
                        salt=(SecretStr | None, Field(None, validation_alias=salt_env)))


def read_salt(salt_env: str, environ: Mapping[str, str] | None = None) -> str:
    """The salt from the environment, or `QueryLogSaltError` saying how to set one."""
    value = reveal(_salt_environment(salt_env).read(environ).salt) or ""  # type: ignore[attr-defined]
    if len(value) < MIN_SALT_CHARS:
        problem = "is not set" if not value else f"is shorter than {MIN_SALT_CHARS} characters"
        raise QueryLogSaltError(
            f"query_log is enabled but ${salt_env} {problem}; set it to a long random secret "
            f"(e.g. `export {salt_env}=$(python -c 'import secrets; print(secrets.token_hex(32))')`) "
            f"and keep it stable, or set query_log.enabled: false")
    return value


INSERT_SQL = ("INSERT INTO queries (ts, chat_type, user_hash, question, answered, passage_ids, bureau) "
              "VALUES (?, ?, ?, ?, ?, ?, ?)")


def log_row(salt: str, chat_type: str, user_id: int | str | None, question: str, result: SearchResult,
            moment: datetime) -> tuple[Any, ...]:
    """The values of INSERT_SQL for one question: the user as a salted hash, the normalised question, the top
    passages when it was answered."""
    kind = chat_type if chat_type in CHAT_TYPES else "other"
    user_hash = None if user_id is None else hash_user(salt, user_id)
    text = normalize_question(result.normalized_query or question)
    answered = bool(result.answered and result.hits)
    passage_ids = [hit.passage.passage_id for hit in result.hits[:MAX_PASSAGE_IDS]] if answered else []
    bureau = result.hits[0].passage.bureau if answered else None
    return (format_ts(moment), kind, user_hash, text, int(answered), json.dumps(passage_ids, ensure_ascii=False),
            bureau)


def _retry(action: Callable[[], T], deadline_s: float = RETRY_DEADLINE_S, where: str = "query log") -> T:
    """Runs `action`, tried again while SQLite reports busy/locked (5 ms apart, doubling up to 100 ms) until the
    deadline; any other SQLite error at once as a `QueryLogError`."""
    retrying = Retrying(retry=retry_if_exception(sqlite_busy), stop=stop_after_delay(deadline_s),
                        wait=wait_exponential(0.005, max=0.1), reraise=True)
    try:
        return retrying(action)
    except sqlite3.Error as error:
        if sqlite_busy(error):
            raise QueryLogBusyError(f"query log stayed locked for {deadline_s:.0f} s: {error}") from error
        raise QueryLogError(f"{where}: {error}") from error


def _connect(path: Path, readonly: bool = False) -> sqlite3.Connection:
    if readonly:
        uri = f"{path.resolve().as_uri()}?mode=ro"
        conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                               check_same_thread=False)
    else:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return conn


class QueryLog:
    """The query log of one process; share one instance between threads and tasks."""

    def __init__(self, path: str | os.PathLike[str], salt: str, retention_days: int = 90, *,
                 clock: Clock = utc_now, purge_every: int = 1000,
                 purge_interval: timedelta = timedelta(hours=1)) -> None:
        if retention_days < 0:
            raise ConfigError(f"query_log.retention_days must be >= 0 (0 keeps rows forever), not {retention_days}")
        if len(salt) < MIN_SALT_CHARS:
            raise QueryLogSaltError(f"the query log salt must be at least {MIN_SALT_CHARS} characters")
        self.path = Path(path)
        self.retention_days = retention_days
        self._salt = salt
        self._clock = clock
        self._purge_every = max(1, purge_every)
        self._purge_interval = purge_interval
        self._lock = threading.Lock()
        self._since_purge = 0
        self._last_purge = clock()
        self._conn: sqlite3.Connection | None = self._open_connection()
        try:
            self.purge()
        except BaseException:
            self.close()
            raise

    @classmethod
    def open(cls, config: QueryLogConfig, *, environ: Mapping[str, str] | None = None, clock: Clock = utc_now,
             purge_every: int = 1000, purge_interval: timedelta = timedelta(hours=1)) -> QueryLog | None:
        """None when logging is disabled (no file is created); raises `QueryLogSaltError` without a salt."""
        if not config.enabled:
            return None
        salt = read_salt(config.salt_env, environ)
        return cls(config.path, salt, config.retention_days, clock=clock, purge_every=purge_every,
                   purge_interval=purge_interval)

    def _open_connection(self) -> sqlite3.Connection:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            os.close(os.open(self.path, os.O_CREAT | os.O_RDWR, 0o600))  # private to the bot's user
            conn = _connect(self.path)
        except (OSError, sqlite3.Error) as error:
            raise QueryLogError(f"cannot open the query log {self.path}: {error}") from error
        try:
            mode = _retry(lambda: conn.execute("PRAGMA journal_mode = WAL").fetchone()[0],
                          where=f"{self.path} is not a usable query log")
            if str(mode).lower() != "wal":
                raise QueryLogError(f"{self.path}: WAL journal mode unavailable (got {mode!r}); use a local disk")
            conn.execute("PRAGMA synchronous = NORMAL")
            self._migrate(conn)
        except sqlite3.DatabaseError as error:
            conn.close()
            raise QueryLogError(f"{self.path} is not a usable query log: {error}") from error
        except BaseException:
            conn.close()
            raise
        return conn

    def _migrate(self, conn: sqlite3.Connection) -> None:
        version = _retry(lambda: conn.execute("PRAGMA user_version").fetchone()[0])
        if version > SCHEMA_VERSION:
            raise QueryLogError(f"{self.path} has schema {version}, newer than this program's {SCHEMA_VERSION}")
        check = hash_user(self._salt, "interview-qa/salt-check")

        def migrate(c: sqlite3.Connection) -> str | None:
            if c.execute("PRAGMA user_version").fetchone()[0] < SCHEMA_VERSION:
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        c.execute(statement)
                c.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            row = c.execute("SELECT value FROM meta WHERE key = 'salt_check'").fetchone()
            if row is None:
                c.execute("INSERT INTO meta (key, value) VALUES ('salt_check', ?)", (check,))
            return None if row is None else str(row[0])

        stored = self._transaction(migrate, conn)
        if stored is not None and stored != check:
            log.warning("query log %s: the salt changed since the log was created; older rows can no longer be "
                        "rated by their users or counted as the same users", self.path)

    def _transaction(self, work: Callable[[sqlite3.Connection], T], conn: sqlite3.Connection | None = None) -> T:
        """Runs `work` in one BEGIN IMMEDIATE transaction, retried as a whole while the database is busy."""
        connection = conn or self._connection()

        def attempt() -> T:
            connection.execute("BEGIN IMMEDIATE")
            try:
                result = work(connection)
                connection.execute("COMMIT")
            except BaseException:
                if connection.in_transaction:
                    connection.execute("ROLLBACK")
                raise
            return result

        return _retry(attempt)

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            raise QueryLogError("the query log is closed")
        return self._conn

    def record(self, chat_type: str, user_id: int | str | None, question: str, result: SearchResult) -> int:
        """Logs one question and its result; returns the row id to put in the feedback buttons."""
        row = log_row(self._salt, chat_type, user_id, question, result, self._clock())

        def insert(c: sqlite3.Connection) -> int:
            cursor = c.execute(INSERT_SQL, row)
            return int(cursor.lastrowid or 0)

        with self._lock:
            row_id = self._transaction(insert)
            self._since_purge += 1
            due = (self._since_purge >= self._purge_every
                   or self._clock() - self._last_purge >= self._purge_interval)
        if due:
            self.purge()
        return row_id

    def feedback(self, row_id: int, user_id: int | str, value: int) -> bool:
        """Sets 👍 (+1) or 👎 (-1), or clears it (0); False unless the row exists and was asked by this user."""
        if value not in (-1, 0, 1) or isinstance(value, bool):
            raise ValueError(f"feedback must be +1, -1 or 0, not {value!r}")
        user_hash = hash_user(self._salt, user_id)
        stored = None if value == 0 else int(value)

        def update(c: sqlite3.Connection) -> int:
            return c.execute("UPDATE queries SET feedback = ? WHERE id = ? AND user_hash = ?",
                             (stored, int(row_id), user_hash)).rowcount

        with self._lock:
            return self._transaction(update) == 1

    def purge(self, now: datetime | None = None) -> int:
        """Deletes the rows older than the retention period; returns how many went."""
        moment = now or self._clock()
        with self._lock:
            self._since_purge = 0
            self._last_purge = self._clock()
            if self.retention_days == 0:
                return 0
            cutoff = format_ts(moment - timedelta(days=self.retention_days))
            return self._transaction(lambda c: c.execute("DELETE FROM queries WHERE ts < ?", (cutoff,)).rowcount)

    def count(self) -> int:
        with self._lock:
            return int(_retry(lambda: self._connection().execute("SELECT COUNT(*) FROM queries").fetchone()[0]))

    def close(self) -> None:
        """Closes the connection (idempotent); the last closer checkpoints the WAL into the database."""
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def summary(self, since: date | datetime | None = None) -> dict[str, Any]:
        """The /stats numbers of this log (`summarize`), read through a separate read-only connection."""
        conn = connect_reader(self)
        try:
            return summarize(conn, since)
        finally:
            conn.close()

    def __enter__(self) -> QueryLog:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class LogSource(Protocol):
    """A query log kept elsewhere than a SQLite file (bot.state.postgres_log): a reading connection of its own."""

    def connect_reader(self) -> Any: ...


def connect_reader(source: QueryLog | LogSource | str | os.PathLike[str]) -> Any:
    """A separate read-only connection (WAL readers never block the bot's writers): a sqlite3 connection, or the
    DB-API connection of another kind of log."""
    if not isinstance(source, (QueryLog, str, os.PathLike)):
        return source.connect_reader()
    path = source.path if isinstance(source, QueryLog) else Path(source)
    if not path.is_file():
        raise QueryLogError(f"no query log at {path} (is query_log.enabled set?)")
    try:
        conn = _connect(path, readonly=True)
        conn.execute("SELECT 1 FROM queries LIMIT 1").fetchall()
    except sqlite3.Error as error:
        raise QueryLogError(f"{path} is not a readable query log: {error}") from error
    return conn


def _sql(conn: Any, sql: str) -> str:
    """SQL written with `?` placeholders, for this connection (psycopg's are `%s`)."""
    return sql if isinstance(conn, sqlite3.Connection) else sql.replace("?", "%s")


def begin_snapshot(conn: Any) -> None:
    """One snapshot for several reads (the summary and the tables see the same rows)."""
    conn.execute("BEGIN" if isinstance(conn, sqlite3.Connection) else "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")


def iter_rows(conn: Any, since: date | datetime | None = None) -> Iterator[LogRow]:
    """The logged questions from `since` on, oldest first, streamed."""
    sql = "SELECT id, ts, chat_type, question, answered, passage_ids, bureau, feedback FROM queries"
    params: tuple[Any, ...] = ()
    bound = since_ts(since)
    if bound is not None:
        sql += " WHERE ts >= ?"
        params = (bound,)
    for row_id, ts, chat_type, question, answered, ids, bureau, feedback in conn.execute(_sql(conn, sql + " ORDER BY id"),
                                                                                         params):
        try:
            passage_ids = tuple(str(p) for p in json.loads(ids or "[]"))
        except (ValueError, TypeError):
            passage_ids = ()
        yield LogRow(row_id, ts, chat_type, question, bool(answered), passage_ids, bureau, feedback)


def summarize(conn: Any, since: date | datetime | None) -> dict[str, Any]:
    """The /stats numbers: total, answered share, 👍/👎, distinct users, top bureaus (SQL aggregates, fast)."""
    bound = since_ts(since)
    where, params = ("WHERE ts >= ?", (bound,)) if bound else ("", ())
    total, answered, up, down, users = conn.execute(_sql(conn,
        "SELECT COUNT(*), COALESCE(SUM(answered), 0), COALESCE(SUM(CASE WHEN feedback = 1 THEN 1 ELSE 0 END), 0), "
        "COALESCE(SUM(CASE WHEN feedback = -1 THEN 1 ELSE 0 END), 0), COUNT(DISTINCT user_hash) "
        f"FROM queries {where}"), params).fetchone()
    bureau_where = f"{where} AND" if where else "WHERE"
    bureaus = conn.execute(_sql(conn,
        f"SELECT bureau, COUNT(*) AS n FROM queries {bureau_where} answered = 1 AND bureau IS NOT NULL "
        f"GROUP BY bureau ORDER BY n DESC, bureau LIMIT {TOP_BUREAUS}"), params).fetchall()
    return {
        "since": since.isoformat() if since else None,
        "total": int(total),
        "answered": int(answered),
        "unanswered": int(total) - int(answered),
        "answered_share": round(int(answered) / int(total), 4) if total else 0.0,
        "thumbs_up": int(up),
        "thumbs_down": int(down),
        "users": int(users),
        "top_bureaus": [{"bureau": b, "questions": int(n)} for b, n in bureaus],
    }
