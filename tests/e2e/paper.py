"""A fixture newspaper, its profile and its archive, crawled with the ``newscrawl`` command as cron runs it.

Shared by the end-to-end tests of scheduled crawls, faults and exit statuses.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from newscrawl.demo.server import serve
from tests.e2e.sitegen import FixtureSite
from tests.helpers import run_cli

SLUG = "ceshiribao"
SUMMARY_KEYS = ["created", "updated", "unchanged", "dropped", "failed"]
# Re-fetch every archived article, however old: corrections must be picked up.
RECHECK_ALL = 10 ** 6


@dataclass
class Paper:
    """A fixture site with its profile folder and the archive the tests crawl into."""

    site: FixtureSite
    profiles: Path
    out: Path
    tmp: Path

    def crawl(self, *args: str, summary: str | None = "summary.json", **run):
        """Serve the site and run ``newscrawl crawl``; return (process, summary or None).

        ``run`` goes to :func:`run_cli` (``env``, ``preexec_fn``).
        """
        summary_path = self.tmp / summary if summary else None
        if summary_path and summary_path.exists():
            summary_path.unlink()
        with serve(self.site.root) as server:
            result = crawl_cli(self, server.base_url, *args,
                               *(["--summary", str(summary_path)] if summary_path else []), **run)
        data = json.loads(summary_path.read_text(encoding="utf-8")) if summary_path and summary_path.exists() else None
        return result, data


def crawl_cli(paper: Paper, base_url: str, *args: str, **run):
    """Run ``newscrawl crawl`` on the paper's archive, fetching from ``base_url``."""
    return run_cli("crawl", SLUG, "--profiles-dir", str(paper.profiles), "--out", str(paper.out),
                   "-s", f"NEWSCRAWL_BASE_URL_OVERRIDE={base_url}", "-s", "AUTOTHROTTLE_ENABLED=False",
                   *args, **run)


def make_paper(tmp_path: Path, **profile_keys) -> Paper:
    """Return an empty fixture paper whose profile has ``profile_keys``."""
    site = FixtureSite(tmp_path / "site")
    profiles = tmp_path / "profiles"
    site.profile(profiles, **profile_keys)
    return Paper(site=site, profiles=profiles, out=tmp_path / "archive", tmp=tmp_path)


def urls(entries: list[dict]) -> set[str]:
    """Return the ``url`` of every summary entry."""
    return {e["url"] for e in entries}


def paths(entries: list[dict]) -> set[str]:
    """Return the ``path`` of every summary entry."""
    return {e["path"] for e in entries}


def changed_files(before: dict, after: dict) -> tuple[set[str], set[str], set[str]]:
    """Return the files added, changed (bytes or mtime) and removed between two snapshots."""
    added = set(after) - set(before)
    removed = set(before) - set(after)
    changed = {name for name in set(before) & set(after) if before[name] != after[name]}
    return added, changed, removed


def ok(result) -> None:
    """Assert a crawl exited 0, showing its stderr when not."""
    assert result.returncode == 0, result.stderr[-3000:]
