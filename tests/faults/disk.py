"""Disks that misbehave: a read-only folder, a small full one, a file-size limit for a child process.

Mounts need root (or CAP_SYS_ADMIN); without them a read-only folder falls
back to permissions (which bind everyone but root), and a test that needs a
mount is skipped naming why — or fails under NEWSCRAWL_REQUIRE_TOOLS=1.
"""

from __future__ import annotations

import os
import resource
import subprocess
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from tests.helpers import missing_tool


def _mount(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["mount", *args], capture_output=True, text=True)


def _umount(path: Path) -> None:
    subprocess.run(["umount", "-l", str(path)], capture_output=True, check=False)


def mount_problem(probe_dir: Path) -> str | None:
    """Return why this process cannot mount a tmpfs here, or None when it can."""
    if os.geteuid() != 0:
        return "mounting needs root"
    probe_dir.mkdir(parents=True, exist_ok=True)
    done = _mount("-t", "tmpfs", "-o", "size=64k", "tmpfs", str(probe_dir))
    if done.returncode != 0:
        return f"mount is not permitted here ({done.stderr.strip()})"
    _umount(probe_dir)
    return None


def need_mounts(probe_dir: Path) -> None:
    """Skip (or fail under NEWSCRAWL_REQUIRE_TOOLS=1) when tmpfs and bind mounts cannot be made."""
    problem = mount_problem(probe_dir)
    if problem is not None:
        missing_tool(problem)


@contextmanager
def read_only(folder: Path) -> Iterator[Path]:
    """Make ``folder`` read-only while the block runs: a read-only bind mount as root, permissions otherwise."""
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0:
        mode = folder.stat().st_mode
        folder.chmod(0o555)
        try:
            yield folder
        finally:
            folder.chmod(mode)
        return
    need_mounts(folder.parent / ".mount-probe")
    assert _mount("--bind", str(folder), str(folder)).returncode == 0
    try:
        done = _mount("-o", "remount,bind,ro", str(folder))
        assert done.returncode == 0, done.stderr
        yield folder
    finally:
        _umount(folder)


@contextmanager
def small_disk(folder: Path, size_kb: int) -> Iterator[Path]:
    """Mount an empty tmpfs of ``size_kb`` KiB on ``folder`` while the block runs."""
    need_mounts(folder.parent / ".mount-probe")
    folder.mkdir(parents=True, exist_ok=True)
    done = _mount("-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", str(folder))
    assert done.returncode == 0, done.stderr
    try:
        yield folder
    finally:
        _umount(folder)


def grow(folder: Path, size_kb: int) -> None:
    """Give the tmpfs mounted on ``folder`` (by :func:`small_disk`) ``size_kb`` KiB: room again."""
    done = _mount("-o", f"remount,size={size_kb}k", str(folder))
    assert done.returncode == 0, done.stderr


def fill(folder: Path, leave_kb: int) -> None:
    """Fill the disk under ``folder`` until about ``leave_kb`` KiB are free."""
    stat = os.statvfs(folder)
    free = stat.f_bavail * stat.f_frsize
    ballast = max(0, free - leave_kb * 1024)
    with open(folder / ".ballast", "wb") as handle:
        handle.write(bytes(ballast))


def file_size_limit(limit: int):
    """Return a ``preexec_fn`` that caps the size of any file the child writes (RLIMIT_FSIZE)."""
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply
