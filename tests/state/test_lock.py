"""The run lock: exclusive across processes, never stuck after a crash."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

import newscrawl
from newscrawl.state.lock import EXIT_LOCKED, LockBusy, RunLock, default_lock_path

REPO_ROOT = Path(newscrawl.__file__).resolve().parent.parent

# Child: take the lock, say so, then hold it until stdin closes.
HOLDER = """
import sys
from pathlib import Path
from newscrawl.state.lock import RunLock
lock = RunLock.for_archive(Path(sys.argv[1]))
lock.acquire()
print("locked", flush=True)
sys.stdin.read()
lock.release()
"""


@contextmanager
def holder_process(archive: Path) -> Iterator[subprocess.Popen]:
    """Run a child process that holds the archive's lock until stdin closes."""
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    child = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(archive)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env,
    )
    try:
        assert child.stdout.readline().strip() == "locked"
        yield child
    finally:
        if child.poll() is None:
            child.kill()
        child.wait(timeout=10)


def test_second_run_is_refused_while_another_process_holds_the_lock(tmp_path: Path) -> None:
    with holder_process(tmp_path) as child:
        with pytest.raises(LockBusy) as caught:
            RunLock.for_archive(tmp_path).acquire()
    busy = caught.value
    assert busy.pid == child.pid
    assert busy.archive == tmp_path
    assert busy.exit_code == EXIT_LOCKED
    message = str(busy)
    assert str(tmp_path) in message and f"pid {child.pid}" in message
    assert busy.started and busy.started in message


def test_lock_is_free_after_holder_releases(tmp_path: Path) -> None:
    with holder_process(tmp_path) as child:
        child.stdin.close()
        assert child.wait(timeout=10) == 0
    with RunLock.for_archive(tmp_path) as lock:
        assert lock.held


def test_killed_run_leaves_no_blocking_lock(tmp_path: Path) -> None:
    with holder_process(tmp_path) as child:
        os.kill(child.pid, signal.SIGKILL)
        assert child.wait(timeout=10) == -signal.SIGKILL
    lock_file = default_lock_path(tmp_path)
    assert json.loads(lock_file.read_text())["pid"] == child.pid  # stale record left behind
    lock = RunLock.for_archive(tmp_path)
    lock.acquire()
    try:
        assert json.loads(lock_file.read_text())["pid"] == os.getpid()
    finally:
        lock.release()


def test_lock_file_records_holder_and_is_kept(tmp_path: Path) -> None:
    lock = RunLock.for_archive(tmp_path / "archive")
    lock.acquire()
    path = tmp_path / "archive" / ".newscrawl" / "lock"
    record = json.loads(path.read_text())
    assert record["pid"] == os.getpid() and record["started"]
    lock.release()
    lock.release()  # twice is harmless
    assert path.exists() and path.read_text() == ""


def test_second_lock_in_same_process_is_refused(tmp_path: Path) -> None:
    with RunLock.for_archive(tmp_path):
        with pytest.raises(LockBusy) as caught:
            RunLock.for_archive(tmp_path).acquire()
        assert caught.value.pid == os.getpid()
    with RunLock.for_archive(tmp_path) as again:
        assert again.held


def test_archive_of_custom_lock_path(tmp_path: Path) -> None:
    assert RunLock(tmp_path / "locks" / "news.lock").archive == tmp_path / "locks"
    assert RunLock.for_archive(tmp_path).archive == tmp_path
