"""Measure a command's CPU time over all its processes: in a cgroup of its own, else from /proc.

``RUSAGE_CHILDREN`` counts only the children a process waited for: the
crawl's fork server is nobody's child once the crawl ends, and its workers
are the fork server's. A cgroup counts every process started inside it,
however it ends. Without a cgroup we can create (no root, no cgroupfs), the
process tree is sampled in /proc every 0.1 s, which misses what a process did
after its last sample.
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

# Where a cgroup of our own can be made: cgroup v2 (its cpu.stat counts every process), then v1's cpuacct.
HIERARCHIES = (Path("/sys/fs/cgroup"), Path("/sys/fs/cgroup/unified"), Path("/sys/fs/cgroup/cpuacct"))


@dataclass
class Run:
    """One measured process: wall and CPU seconds, peak memory, nginx CPU, exit status.

    ``cpu`` counts every process of the command (``how`` says through what:
    ``cgroup`` or ``/proc``). ``peak_rss_mb`` is the command's own peak RSS;
    ``peak_tree_mb`` the peak of the proportional set size (shared pages split
    between sharers) of it and its helper processes together: the memory the
    crawl takes.
    """

    wall: float
    cpu: float
    peak_rss_mb: float
    peak_tree_mb: float
    nginx_cpu: float
    status: int
    stderr: str
    how: str = "cgroup"
    system: float | None = None  # of ``cpu``, the seconds spent in the kernel (cgroup v2 only)

    def check(self, what: str) -> "Run":
        """Return the run, or exit naming ``what`` when it failed."""
        if self.status != 0:
            raise SystemExit(f"{what} failed ({self.status}):\n{self.stderr[-3000:]}")
        return self


class CpuGroup:
    """A cgroup made for one command; ``cpu_seconds()`` is the CPU time of everything that ran in it."""

    def __init__(self, name: str):
        self.path: Path | None = None
        for root in HIERARCHIES:
            usage = "cpu.stat" if (root / "cgroup.controllers").exists() else "cpuacct.usage"
            if not (root / usage).exists():
                continue
            try:
                (root / name).mkdir()
            except OSError:
                continue
            self.path, self.usage = root / name, usage
            break

    def join(self) -> None:
        """Move the calling process into the group (a ``preexec_fn``: the command starts inside it)."""
        if self.path is not None:
            (self.path / "cgroup.procs").write_text(str(os.getpid()))

    def cpu_seconds(self) -> float:
        """Return the CPU seconds of every process that ran in the group."""
        text = (self.path / self.usage).read_text()
        if self.usage == "cpuacct.usage":
            return int(text) / 1e9
        return next(int(line.split()[1]) for line in text.splitlines() if line.startswith("usage_usec")) / 1e6

    def system_seconds(self) -> float | None:
        """Return the CPU seconds the group's processes spent in the kernel (None under cgroup v1)."""
        if self.usage == "cpuacct.usage":
            return None
        text = (self.path / self.usage).read_text()
        return next(int(line.split()[1]) for line in text.splitlines() if line.startswith("system_usec")) / 1e6

    def empty(self, timeout: float = 10) -> bool:
        """Return True once no process is left in the group (the fork server leaves a moment after the crawl)."""
        deadline = time.monotonic() + timeout
        while (self.path / "cgroup.procs").read_text().strip():
            if time.monotonic() > deadline:
                return False
            time.sleep(0.05)
        return True

    def remove(self) -> None:
        """Remove the group (it must be empty)."""
        try:
            self.path.rmdir()
        except OSError:  # a straggler: the group goes with the machine's next reboot
            pass


def measure(cmd: list[str], nginx=None, code: Path | None = None, env: dict | None = None) -> Run:
    """Run ``cmd`` in folder ``code`` with environment ``env`` and return what it cost, all its processes counted."""
    nginx_before = nginx.cpu_seconds() if nginx else 0.0
    group = CpuGroup(f"newscrawl-bench-{os.getpid()}-{time.monotonic_ns()}")
    started = time.perf_counter()
    process = subprocess.Popen(cmd, cwd=code, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               text=True, preexec_fn=group.join if group.path else None)
    peak = [0]
    cpu_seen: dict[int, float] = {}  # pid -> CPU seconds, for the /proc fallback
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.1):
            rss, cpu = tree_usage(process.pid)
            peak[0] = max(peak[0], rss)
            cpu_seen.update(cpu)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stderr = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    done.set()
    sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    if group.path is not None:
        how = "cgroup" if group.empty() else "cgroup (a process outlived the command)"
        cpu, system = group.cpu_seconds(), group.system_seconds()
        group.remove()
    else:
        helpers = sum(cpu for pid, cpu in cpu_seen.items() if pid != process.pid)
        cpu, how = max(usage.ru_utime + usage.ru_stime, cpu_seen.get(process.pid, 0.0) + helpers), "/proc"
        system = None
    return Run(wall, cpu, usage.ru_maxrss / 1024, peak[0] / 1024,
               (nginx.cpu_seconds() - nginx_before) if nginx else 0.0, process.returncode, stderr, how, system)


def tree_usage(pid: int) -> tuple[int, dict[int, float]]:
    """Return the proportional memory (KiB) of ``pid`` and its descendants, and each one's CPU seconds."""
    total, cpu, todo = 0, {}, [pid]
    while todo:
        current = int(todo.pop())
        try:
            rollup = Path(f"/proc/{current}/smaps_rollup").read_text()
            stat = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            todo += Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        total += next((int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:")), 0)
        cpu[current] = (int(stat[11]) + int(stat[12])) / os.sysconf("SC_CLK_TCK")
    return total, cpu
