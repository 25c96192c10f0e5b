"""Bench part (d): an incremental re-run with 1% new stories over the largest archive.

Compared with crawling only those new stories into an empty archive: the
re-run must read the whole sitemap and ask the state about every URL in it,
and fetch and write only the new stories.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import sitebuild
from throughput import crawl_cmd, measure, row


def incremental_rerun(work: Path, templates, site: Path, base: str, n: int, nginx: sitebuild.Nginx) -> None:
    """Print the time of a re-run with 1% new stories over archive ``n`` and of those stories alone."""
    new = range(n, n + max(1, n // 100))
    sitebuild.write_site(site, templates, new, base)  # the new pages, and a sitemap of them only
    sitebuild.write_sitemap(site, new, base, "sitemap-new.xml")
    sitebuild.write_sitemap(site, range(new.stop), base)  # the site's own sitemap: old and new
    archive = work / f"archive-{n}"
    rerun = measure(crawl_cmd(Path(work / "profiles"), archive), nginx).check("incremental re-run")
    created = len(list((archive / "_posts").glob("*.md"))) - n
    alone_profiles = sitebuild.write_profile(work / "profiles-new", base, "sitemap-new.xml").parent
    empty = work / "archive-new"
    shutil.rmtree(empty, ignore_errors=True)
    fresh = measure(crawl_cmd(alone_profiles, empty), nginx).check("new stories alone")
    print(row("archive", "(d) run", "new posts", "wall s", "CPU s", "peak MB: RSS / PSS", "× the new stories alone"))
    print(row(*["---"] * 7))
    print(row(n, f"re-run, {len(new)} new in the sitemap of {new.stop}", created, f"{rerun.wall:.1f}",
              f"{rerun.cpu:.1f}", f"{rerun.peak_rss_mb:.0f} / {rerun.peak_tree_mb:.0f}",
              f"{rerun.wall / fresh.wall:.2f}"))
    print(row(0, f"the {len(new)} new stories into an empty archive",
              len(list((empty / "_posts").glob("*.md"))), f"{fresh.wall:.1f}", f"{fresh.cpu:.1f}",
              f"{fresh.peak_rss_mb:.0f} / {fresh.peak_tree_mb:.0f}", "1.00"))
    sys.stdout.flush()
