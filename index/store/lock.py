"""The one advisory file lock of the project: one builder of the index or of the model folder at a time."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # not POSIX: builders rely on atomic renames alone
    fcntl = None  # type: ignore[assignment]

HAVE_FLOCK = fcntl is not None


@contextlib.contextmanager
def file_lock(path: Path, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
    """Holds an exclusive lock on `path` (created if missing) while the block runs; other processes wait, and
    `on_wait` is called once first when the lock is taken (so a waiting command can say so)."""
    if fcntl is None:
        yield
        return
    with open(path, "a+b") as handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_wait is not None:
                on_wait()
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
