"""Two databases behind one small API: `transaction(work)` runs `work(tx)` in one transaction, retried as a whole
when the database says "try again" (SQLite busy, a PostgreSQL serialization failure or deadlock, a dropped pooled
connection), and any other database error becomes one `StateError` line. SQL is written once with `?` placeholders.

`SqliteDatabase`: one connection per process guarded by a lock (WAL, synchronous=NORMAL, BEGIN IMMEDIATE for
writes, so other processes on the same file serialise with it). `PostgresDatabase`: a psycopg 3 connection pool
(autocommit; `transaction` opens a real one); `tx.lock(name)` serialises writers of one key (an advisory lock for
the transaction; SQLite's writers are serial already). Schemas are versioned: `migrate` applies the missing steps
under a lock, so replicas starting together agree, and refuses a database newer than this program."""

from __future__ import annotations

import logging
import re
import sqlite3
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol, TypeVar

from tenacity import Retrying, retry_if_exception, stop_after_attempt, stop_after_delay, stop_any, wait_exponential

from index.errors import InterviewQAError

log = logging.getLogger("interview_qa.state")
T = TypeVar("T")
Params = Sequence[Any]
BUSY_TIMEOUT_MS = 5_000
RETRY_DEADLINE_S = 30.0
PG_ATTEMPTS = 4  # a dropped connection, a deadlock, a serialization failure: tried again, then an error
POOL_TIMEOUT_S = 10.0  # waiting for a free pooled connection
CONNECT_TIMEOUT_S = 5


class StateError(InterviewQAError):
    """The state database cannot be opened, read or written."""


class Tx(Protocol):
    """One transaction's statements."""

    def rows(self, sql: str, params: Params = ()) -> list[tuple[Any, ...]]: ...

    def one(self, sql: str, params: Params = ()) -> tuple[Any, ...] | None: ...

    def run(self, sql: str, params: Params = ()) -> int:
        """A statement that changes rows; how many."""

    def lock(self, name: str) -> None:
        """Writers that lock the same name run one after another until their transactions end."""


class Database(Protocol):
    kind: str  # "sqlite" | "postgresql"

    def transaction(self, work: Callable[[Tx], T], write: bool = True) -> T: ...

    def close(self) -> None: ...


def redact_url(url: str) -> str:
    """A database URL as a log line may show it: the password replaced by ***."""
    url = re.sub(r"(://[^:/@]*:)[^@]*@", r"\1***@", url)
    return re.sub(r"(password=)[^&\s]*", r"\1***", url)


# -- SQLite ----------------------------------------------------------------------------------------------------------
def sqlite_busy(error: BaseException) -> bool:
    """SQLite's "database is locked/busy": another writer holds it, and trying again shortly may succeed."""
    if not isinstance(error, sqlite3.OperationalError):
        return False
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
    return "locked" in str(error).lower() or "busy" in str(error).lower()


class _SqliteTx:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def rows(self, sql: str, params: Params = ()) -> list[tuple[Any, ...]]:
        return list(self.conn.execute(sql, tuple(params)).fetchall())

    def one(self, sql: str, params: Params = ()) -> tuple[Any, ...] | None:
        row = self.conn.execute(sql, tuple(params)).fetchone()
        return None if row is None else tuple(row)

    def run(self, sql: str, params: Params = ()) -> int:
        return int(self.conn.execute(sql, tuple(params)).rowcount)

    def lock(self, name: str) -> None:
        """BEGIN IMMEDIATE holds the one write lock already."""


class SqliteDatabase:
    """A SQLite file (WAL), shared by the threads of a process and by every process that opens it."""

    kind = "sqlite"

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._conn: sqlite3.Connection | None = sqlite3.connect(
                path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False)
        except (OSError, sqlite3.Error) as error:
            raise StateError(f"cannot open the state file {path}: {error}") from error
        self._lock = threading.Lock()
        try:
            self._conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            mode = self._retry(lambda: self._live().execute("PRAGMA journal_mode = WAL").fetchone()[0])
            if str(mode).lower() != "wal":
                raise StateError(f"{path}: WAL journal mode unavailable (got {mode!r}); use a local disk")
            self._conn.execute("PRAGMA synchronous = NORMAL")
        except sqlite3.Error as error:
            self.close()
            raise StateError(f"{path} is not a usable state file: {error}") from error
        except BaseException:
            self.close()
            raise

    def _live(self) -> sqlite3.Connection:
        if self._conn is None:
            raise StateError(f"the state file {self.path} is closed")
        return self._conn

    def _retry(self, action: Callable[[], T]) -> T:
        retrying = Retrying(retry=retry_if_exception(sqlite_busy), stop=stop_after_delay(RETRY_DEADLINE_S),
                            wait=wait_exponential(0.005, max=0.1), reraise=True)
        try:
            return retrying(action)
        except sqlite3.Error as error:
            raise StateError(f"state file {self.path}: {error}") from error

    def transaction(self, work: Callable[[Tx], T], write: bool = True) -> T:
        def attempt() -> T:
            conn = self._live()
            conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            try:
                result = work(_SqliteTx(conn))
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            return result

        with self._lock:
            return self._retry(attempt)

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None


# -- PostgreSQL ------------------------------------------------------------------------------------------------------
def _pg_sql(sql: str) -> str:
    """`?` placeholders as psycopg's `%s` (the SQL of this package holds no other `?` and no `%`)."""
    return sql.replace("?", "%s")


class _PgTx:
    def __init__(self, conn: Any) -> None:
        self.conn = conn

    def rows(self, sql: str, params: Params = ()) -> list[tuple[Any, ...]]:
        return list(self.conn.execute(_pg_sql(sql), tuple(params)).fetchall())

    def one(self, sql: str, params: Params = ()) -> tuple[Any, ...] | None:
        row = self.conn.execute(_pg_sql(sql), tuple(params)).fetchone()
        return None if row is None else tuple(row)

    def run(self, sql: str, params: Params = ()) -> int:
        return int(self.conn.execute(_pg_sql(sql), tuple(params)).rowcount)

    def lock(self, name: str) -> None:
        self.conn.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", (name,))


def _pg_retryable(error: BaseException) -> bool:
    import psycopg
    from psycopg import errors

    return isinstance(error, (errors.SerializationFailure, errors.DeadlockDetected, psycopg.OperationalError))


class PostgresDatabase:
    """A psycopg connection pool to one PostgreSQL database, shared by the threads of a process."""

    kind = "postgresql"

    def __init__(self, url: str, pool_size: int = 10) -> None:
        import psycopg
        from psycopg_pool import ConnectionPool, PoolTimeout

        self.url = url
        self.shown = redact_url(url)
        self._pool_timeout = PoolTimeout
        try:
            psycopg.connect(url, connect_timeout=CONNECT_TIMEOUT_S).close()  # fails fast, with the server's reason
            self.pool = ConnectionPool(url, min_size=1, max_size=max(1, pool_size), open=False,
                                       kwargs={"autocommit": True, "connect_timeout": CONNECT_TIMEOUT_S},
                                       timeout=POOL_TIMEOUT_S, name="interview-qa-state")
            self.pool.open(wait=True, timeout=POOL_TIMEOUT_S)
        except (psycopg.Error, PoolTimeout) as error:
            raise StateError(f"cannot connect to the state database {self.shown}: {_first_line(error)}") from None

    def transaction(self, work: Callable[[Tx], T], write: bool = True) -> T:
        import psycopg

        def attempt() -> T:
            with self.pool.connection() as conn, conn.transaction():
                return work(_PgTx(conn))

        retrying = Retrying(retry=retry_if_exception(_pg_retryable),
                            stop=stop_any(stop_after_attempt(PG_ATTEMPTS), stop_after_delay(RETRY_DEADLINE_S)),
                            wait=wait_exponential(0.01, max=0.5), reraise=True)
        try:
            return retrying(attempt)
        except self._pool_timeout as error:
            raise StateError(f"state database {self.shown}: no free connection ({_first_line(error)})") from None
        except psycopg.Error as error:
            raise StateError(f"state database {self.shown}: {_first_line(error)}") from None

    def connect(self) -> Any:
        """A connection of its own, outside the pool (a lease held as long as the process runs)."""
        import psycopg

        try:
            return psycopg.connect(self.url, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S)
        except psycopg.Error as error:
            raise StateError(f"cannot connect to the state database {self.shown}: {_first_line(error)}") from None

    def close(self) -> None:
        self.pool.close()


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return redact_url(text.splitlines()[0] if text else type(error).__name__)


# -- versioned schemas -----------------------------------------------------------------------------------------------
Steps = Sequence[Sequence[str]]  # the statements of version 1, 2, …


def migrate(db: Database, steps: Steps, name: str) -> int:
    """Brings the schema to len(steps), each missing version in turn, under a lock; the version now."""
    target = len(steps)

    def work(tx: Tx) -> int:
        tx.lock("interview-qa schema")
        tx.run("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        row = tx.one("SELECT MAX(version) FROM schema_version")
        current = int(row[0]) if row and row[0] is not None else 0
        if current > target:
            raise StateError(f"{name} has schema version {current}, newer than this program's {target}: "
                             f"update interview-qa on every replica")
        for version in range(current + 1, target + 1):
            for statement in steps[version - 1]:
                tx.run(statement)
            tx.run("INSERT INTO schema_version (version) VALUES (?)", (version,))
        return target

    return db.transaction(work)
