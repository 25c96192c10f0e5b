"""Kill crawls with SIGKILL at random moments and check the next normal run repairs everything.

Used by the short kill loop in the tests and by ``bench/killloop.py``. Each
round crawls the demo newspaper (``newscrawl demo``, its server inside the
crawl's own process) into a fresh archive, kills the crawl after a random
delay (sometimes twice in a row), then runs it normally to the end and
compares the archive with one an uninterrupted run wrote, byte for byte. It
also looks for temporary files left behind, opens the state and checks its
integrity, and that every article the state holds has its post on disk.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
#: a small delay between requests spreads the writes over the run, so kills land among them
CRAWL_SETTINGS = ("-s", "DOWNLOAD_DELAY=0.03", "-s", "RANDOMIZE_DOWNLOAD_DELAY=False")


def demo_command(out: Path) -> list[str]:
    """Return the command that crawls the demo newspaper into ``out``."""
    return [sys.executable, "-m", "newscrawl", "demo", "--out", str(out), "-q", *CRAWL_SETTINGS]


def _env() -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("SCRAPY_SETTINGS_MODULE", None)
    return env


def run_to_end(out: Path) -> tuple[int, float, str]:
    """Crawl into ``out`` uninterrupted; return the exit status, the seconds taken and stderr."""
    started = time.monotonic()
    done = subprocess.run(demo_command(out), cwd=REPO, capture_output=True, text=True, env=_env(), timeout=300)
    return done.returncode, time.monotonic() - started, done.stderr


def kill_after(out: Path, delay: float) -> bool:
    """Start a crawl into ``out`` and SIGKILL it after ``delay`` seconds; return True if it was still running."""
    child = subprocess.Popen(demo_command(out), cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             env=_env())
    try:
        child.wait(timeout=delay)
        return False  # it finished before the kill
    except subprocess.TimeoutExpired:
        child.send_signal(signal.SIGKILL)
        child.wait()
        return True


def archive_files(out: Path) -> dict[str, bytes]:
    """Return every file of the published archive (the state folder left out) with its bytes."""
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and ".newscrawl" not in p.relative_to(out).parts}


def temp_files(out: Path) -> list[str]:
    """Return temporary files anywhere under ``out`` (an atomic write left half done)."""
    return [p.relative_to(out).as_posix() for p in out.rglob("*.tmp")]


def state_problems(out: Path) -> list[str]:
    """Return what is wrong with the archive's state: unreadable, corrupt, or an article without its post."""
    path = out / ".newscrawl" / "state.sqlite"
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        check = conn.execute("PRAGMA integrity_check").fetchone()[0]
        paths = [row[0] for row in conn.execute("SELECT path FROM articles WHERE pruned IS NULL")]
        conn.close()
    except sqlite3.Error as exc:
        return [f"state does not open: {exc}"]
    problems = [] if check == "ok" else [f"integrity_check: {check}"]
    return problems + [f"state holds {p} but the file is missing" for p in paths if not (out / p).is_file()]


@dataclass
class Round:
    """One round: where the kills landed and what the repairing run left."""

    delays: list[float]
    landed: int  # kills that hit a running crawl
    status: int  # exit status of the normal run after the kills
    lost: list[str] = field(default_factory=list)  # reference files missing
    partial: list[str] = field(default_factory=list)  # files whose bytes differ from the reference
    extra: list[str] = field(default_factory=list)  # files the reference does not have
    temps: list[str] = field(default_factory=list)
    state: list[str] = field(default_factory=list)

    @property
    def identical(self) -> bool:
        return self.status == 0 and not (self.lost or self.partial or self.extra or self.temps or self.state)


def kill_round(out: Path, reference: dict[str, bytes], full_seconds: float, rng: random.Random) -> Round:
    """Kill one or two crawls of ``out`` at random moments, then run it to the end and compare."""
    kills = 2 if rng.random() < 0.25 else 1
    delays = [round(rng.uniform(0.2, full_seconds), 2) for _ in range(kills)]
    landed = sum(kill_after(out, delay) for delay in delays)
    status, _, _ = run_to_end(out)
    files = archive_files(out)
    return Round(
        delays=delays, landed=landed, status=status,
        lost=sorted(set(reference) - set(files)),
        partial=sorted(name for name in set(reference) & set(files) if reference[name] != files[name]),
        extra=sorted(set(files) - set(reference)),
        temps=temp_files(out), state=state_problems(out),
    )
