"""The build lock (index.store.lock, on filelock): one holder across processes and threads, a waiter told once, and a
holder that died (SIGKILL, no clean-up) never blocks the next build."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from index.store.lock import KERNEL_LOCK, file_lock
from tests.conftest import ROOT

HOLD = """
import sys, time
from pathlib import Path
from index.store.lock import file_lock
with file_lock(Path(sys.argv[1])):
    print("held", flush=True)
    time.sleep(120)
"""


def holder(path: Path) -> subprocess.Popen[str]:
    """A process that takes the lock and keeps it until killed."""
    process = subprocess.Popen([sys.executable, "-c", HOLD, str(path)], stdout=subprocess.PIPE, text=True,
                               cwd=ROOT)
    assert process.stdout is not None and process.stdout.readline().strip() == "held"
    return process


def try_lock(path: Path, seconds: float) -> tuple[bool, list[str]]:
    """Whether `file_lock(path)` is held within `seconds` from another thread, and what its waiter heard."""
    heard: list[str] = []
    got = threading.Event()

    def take() -> None:
        with file_lock(path, on_wait=lambda: heard.append("waiting")):
            got.set()

    threading.Thread(target=take, daemon=True).start()
    return got.wait(seconds), heard


def test_the_lock_is_a_kernel_lock_here() -> None:
    assert KERNEL_LOCK  # on Linux: flock, released with its holder's process


def test_a_lock_held_by_another_process_makes_the_builder_wait_and_say_so(tmp_path: Path) -> None:
    path = tmp_path / ".lock"
    process = holder(path)
    try:
        taken, heard = try_lock(path, 0.5)
        assert not taken and heard == ["waiting"]
    finally:
        process.kill()
        process.wait()


def test_a_holder_killed_without_clean_up_does_not_block_the_next_build(tmp_path: Path) -> None:
    path = tmp_path / ".lock"
    process = holder(path)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert path.exists()  # the lock file stays behind; the lock itself went with the process
    began = time.monotonic()
    taken, heard = try_lock(path, 10)
    assert taken and heard == [] and time.monotonic() - began < 2


def test_the_lock_is_free_again_after_the_block_even_when_it_raised(tmp_path: Path) -> None:
    path = tmp_path / ".lock"
    try:
        with file_lock(path):
            raise RuntimeError("build failed")
    except RuntimeError:
        pass
    taken, heard = try_lock(path, 5)
    assert taken and heard == []
