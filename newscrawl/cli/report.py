"""Print a finished run's closing lines, write --summary, and turn the run into an exit status."""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime

from newscrawl.exits import EXIT_FAILED, EXIT_NOTHING_NEW, EXIT_OK
from newscrawl.runner import CrawlResult


def finish(result: CrawlResult, args: argparse.Namespace, out: str) -> int:
    """Write --summary, print the closing lines to stderr (only a failure with -q); return the status."""
    summary = result.summary
    written = True
    if getattr(args, "summary", None):
        try:
            summary.write(args.summary)
        except OSError as exc:
            print(f"newscrawl: error: cannot write --summary {args.summary}: {exc.strerror or exc}", file=sys.stderr)
            written = False
    if not getattr(args, "quiet", False):
        for line in closing_lines(result, args, out):
            print(line, file=sys.stderr)
    if result.failed:
        print(f"newscrawl: FAILED: {result.failure}", file=sys.stderr)
    status = result.exit_status()
    if not written and status in (EXIT_OK, EXIT_NOTHING_NEW):
        return EXIT_FAILED  # the run went well, but the summary a scheduler reads is missing
    return status


def closing_lines(result: CrawlResult, args: argparse.Namespace, out: str) -> list[str]:
    """Return the run's counts, and why fetched articles were left out of the date window."""
    counts = result.summary.counts()
    lines = [f"newscrawl: {out}: {counts['created']} created, {counts['updated']} updated, "
             f"{counts['unchanged']} unchanged, {counts['dropped']} dropped, {counts['failed']} failed; "
             f"{result.summary.skipped_known} already archived and skipped; "
             f"{_dropped_before(result.summary.skipped_dropped)}"
             f"{result.stats.get('response_received_count', 0)} pages in {result.seconds:.1f} s"]
    handed = result.stats.get("newscrawl/redis/items_handed_in")
    if handed is not None:  # the writer of a crawl on Redis
        items = result.stats.get("item_scraped_count", 0) + result.stats.get("item_dropped_count", 0)
        lines.append(f"newscrawl: {handed} of the {items} items came from workers through Redis")
    lines += skip_lines(result.summary) + drift_lines(result.summary, result.crawler)
    outside = result.stats.get("newscrawl/articles_outside_window", 0)
    if outside:
        examples = ", ".join(f"{a['url']} (published {_day(a['published'])})"
                             for a in result.extra.get("outside_window", []))
        lines.append(f"newscrawl: {outside} article(s) fetched were outside {_window(args)} and not written: "
                     f"{examples}")
    return lines


def skip_lines(summary) -> list[str]:
    """Return the closing line that counts the API records the run skipped, by reason (none without skips)."""
    if not summary.skipped:
        return []
    reasons = ", ".join(f"{n} {reason}" for reason, n in summary.skipped.items())
    return [f"newscrawl: {sum(summary.skipped.values())} API record(s) led to no article: {reasons}"]


def drift_lines(summary, crawler=None) -> list[str]:
    """Return one line per profile selector that matched nothing on more than half the pages it was tried on."""
    lines = []
    for slug, name, missed, pages in summary.drifted():
        spider = getattr(crawler, "spider", None)
        profile = spider.profile(slug) if spider is not None else None
        selector = profile.selectors.get(name) if profile is not None else None
        lines.append(f"newscrawl: {slug}: the {name} selector{f' {selector!r}' if selector else ''} matched "
                     f"nothing on {missed} of {pages} pages (the generic rules were used instead): "
                     "has the site changed its markup? Try: newscrawl check " + slug + " --live")
    return lines


def _dropped_before(count: int) -> str:
    """Return the closing line's words for articles dropped by earlier runs (nothing when there are none)."""
    return f"{count} dropped by earlier runs and skipped (--retry-dropped fetches them); " if count else ""


def _day(published) -> str:
    if isinstance(published, datetime):
        return published.date().isoformat()
    return published.isoformat() if isinstance(published, date) else "on an unknown day"


def _window(args: argparse.Namespace) -> str:
    """Return the date options of the run as written (``--date 2024-05-20``)."""
    given = [f"--{name} {getattr(args, name)}" for name in ("date", "since", "until") if getattr(args, name, None)]
    return " ".join(given) or "the date window"
