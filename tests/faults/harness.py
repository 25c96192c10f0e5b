"""Crawl the fault site with the ``newscrawl`` command and judge the outcome, for the tests and bench/faults.py.

:func:`crawl_faults` runs one crawl as a child process (its peak RSS read
with ``wait4``, so earlier children do not count) and :func:`judge` compares
each article's outcome with :data:`tests.faults.server.FAULTS`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from tests.faults.server import FAULTS, FINAL_NAME, FaultServer

REPO = Path(__file__).resolve().parents[2]
SLUG = "guzhangribao"
PUBLIC = "http://faults.example/"
TIMEOUT = 3  # DOWNLOAD_TIMEOUT of a crawl with the slow faults, which wait longer than this


@dataclass
class FaultRun:
    """One crawl of the fault site: its exit status, output, summary and peak memory."""

    returncode: int
    stderr: str
    summary: dict
    peak_rss_mb: float
    out: Path

    def outcomes(self) -> dict[str, tuple[str, str]]:
        """Return each article's outcome by fault name: (kind, reason or path)."""
        found = {}
        for kind in ("created", "updated", "unchanged", "dropped", "failed"):
            for entry in self.summary.get(kind, []):
                name = entry["url"].removeprefix(f"{PUBLIC}a/").removesuffix(".html")
                assert name not in found, f"{name} has two outcomes: {found[name]} and {kind}"
                found[name] = (kind, entry.get("reason") or entry.get("path"))
        return found


def write_profile(folder: Path) -> Path:
    """Write the fault site's listing profile into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{SLUG}.yaml"
    path.write_text(yaml.safe_dump({"name": "故障日报", "slug": SLUG, "timezone": "Asia/Shanghai",
                                    "base_url": PUBLIC,
                                    "listing": {"start_urls": ["index.html"], "article_links": [r"/a/"]}},
                                   allow_unicode=True), encoding="utf-8")
    return path


def crawl_faults(server: FaultServer, work: Path, *args: str, timeout: float = TIMEOUT) -> FaultRun:
    """Crawl the fault site served by ``server`` into ``work/archive``; return the run.

    ``timeout`` is the DOWNLOAD_TIMEOUT: short enough for the slow faults, when they are served.
    """
    profiles = work / "profiles"
    write_profile(profiles)
    out, summary = work / "archive", work / "summary.json"
    summary.unlink(missing_ok=True)
    command = [sys.executable, "-m", "newscrawl", "crawl", SLUG, "--profiles-dir", str(profiles),
               "--out", str(out), "--summary", str(summary), "-s", f"NEWSCRAWL_BASE_URL_OVERRIDE={server.base_url}",
               "-s", "AUTOTHROTTLE_ENABLED=False", "-s", f"DOWNLOAD_TIMEOUT={timeout:g}", *args]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("SCRAPY_SETTINGS_MODULE", None)
    with tempfile.TemporaryFile() as err:
        child = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=err, env=env)
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    data = json.loads(summary.read_text(encoding="utf-8")) if summary.exists() else {}
    return FaultRun(child.returncode, stderr, data, usage.ru_maxrss / 1024, out)


@dataclass
class Verdict:
    """How a fault run matched the expected outcomes."""

    injected: int = 0  # faults the site served
    recovered: list[str] = field(default_factory=list)  # transient faults that ended as posts
    reported: list[str] = field(default_factory=list)  # permanent faults listed with the expected reason
    lost: list[str] = field(default_factory=list)  # articles with no outcome at all
    wrong: list[str] = field(default_factory=list)  # an outcome other than the expected one

    @property
    def ok(self) -> bool:
        return not self.lost and not self.wrong


def judge(run: FaultRun, names: list[str]) -> Verdict:
    """Compare each fault's outcome in ``run`` with what FAULTS expects."""
    verdict = Verdict(injected=len(names))
    outcomes = run.outcomes()
    for name in names:
        expected = FAULTS[name][1]
        got = outcomes.get(FINAL_NAME.get(name, name))
        if got is None:
            verdict.lost.append(name)
        elif expected == "created":
            (verdict.recovered if got[0] == "created" else verdict.wrong).append(
                name if got[0] == "created" else f"{name}: {got}")
        elif got[0] == expected[0] and expected[1] in got[1]:
            verdict.reported.append(name)
        else:
            verdict.wrong.append(f"{name}: expected {expected}, got {got}")
    return verdict
