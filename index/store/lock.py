"""The one advisory file lock of the project (filelock): one builder of the index or of the model folder at a time.
The operating system holds it for the holder's process, so a builder that died (even by SIGKILL) blocks no one."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path

from filelock import FileLock, Timeout, UnixFileLock, WindowsFileLock

# True where the lock is the kernel's (flock, or Windows' locking). Elsewhere filelock could only leave a marker file,
# which a crashed builder would leave behind for ever: builders then rely on atomic renames alone.
KERNEL_LOCK = FileLock in (UnixFileLock, WindowsFileLock)


@contextlib.contextmanager
def file_lock(path: Path, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
    """Holds an exclusive lock on `path` (created if missing) while the block runs; other processes (and threads)
    wait, and `on_wait` is called once first when the lock is taken (so a waiting command can say so)."""
    if not KERNEL_LOCK:
        yield
        return
    lock = FileLock(path)
    try:
        lock.acquire(blocking=False)
    except Timeout:
        if on_wait is not None:
            on_wait()
        lock.acquire()
    try:
        yield
    finally:
        lock.release()
