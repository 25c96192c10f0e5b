"""Print a finished run's summary and turn it into an exit status."""

from __future__ import annotations

import argparse
import sys

from newscrawl.runner import CrawlResult


def finish(result: CrawlResult, args: argparse.Namespace, out: str) -> int:
    """Print the run's summary to stderr, write --summary, and return the exit status."""
    summary = result.summary
    if getattr(args, "summary", None):
        summary.write(args.summary)
    counts = summary.counts()
    known = result.stats.get("newscrawl/articles_known", 0)
    print(f"newscrawl: {out}: {counts['created']} created, {counts['updated']} updated, "
          f"{counts['unchanged']} unchanged, {counts['dropped']} dropped, {counts['failed']} failed; "
          f"{known} already archived and skipped; "
          f"{result.stats.get('response_received_count', 0)} pages in {result.seconds:.1f} s",
          file=sys.stderr)
    for entry in summary.entries("dropped")[:5] + summary.entries("failed")[:5]:
        print(f"  {entry['url']}: {entry['reason']}", file=sys.stderr)
    if result.failed:
        print(f"newscrawl: FAILED: {result.failure}", file=sys.stderr)
    return result.exit_status(getattr(args, "exit_nothing_new", False))
