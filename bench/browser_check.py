"""Open every page of the built hostile archive in headless Chromium and count what ran.

Usage: python bench/browser_check.py [--format jekyll|hugo|both] [--keep DIR]

Crawls the hostile fixture newspaper (tests/e2e/test_hostile.py: scripts,
handlers, javascript:/data: links and sentinels in every article) into a fresh
archive per format, builds it with the real ``jekyll build`` / ``hugo``, then
opens, clicks and hovers every HTML page in Debian's Chromium
(tests/e2e/browser_probe.py). A raw hostile page is probed too, as a control
that the instruments see scripts when there are some. Prints one line of
counts per site; exits 1 when any built page ran a script, opened a dialog
or reached for a javascript:/data: target, 2 when a tool is missing.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newscrawl.render.browser import chromium_problem  # noqa: E402
from newscrawl.runner import project_settings  # noqa: E402
from tests.e2e.browser_probe import probe_folder  # noqa: E402
from tests.e2e.test_hostile import build_site, crawl_hostile  # noqa: E402

GENERATORS = {"jekyll": "jekyll", "hugo": "hugo"}
MUST_BE_ZERO = ("scripts", "dialogs", "errors", "hostile", "sentinel", "active")


def missing_tools(formats: list[str]) -> list[str]:
    """Return what is missing to run the check (generators, Chromium, Playwright)."""
    missing = [f"{GENERATORS[f]} (apt-get install {GENERATORS[f]})" for f in formats
               if not shutil.which(GENERATORS[f])]
    problem = chromium_problem(project_settings().get("NEWSCRAWL_CHROMIUM"))
    return missing + ([problem] if problem else [])


def check(fmt: str, work: Path) -> bool:
    """Crawl, build and probe one format; print its counts; return True when nothing ran."""
    started = time.monotonic()
    archive, _, _ = crawl_hostile(work, fmt)
    folder, pages, _ = build_site(fmt, archive, work / f"site-{fmt}")
    report = probe_folder(folder)
    control = probe_folder(work / "site", ["news/h1.html"])
    print(report.line(f"{fmt} built archive"))
    print(control.line(f"{fmt} control (a raw hostile page)"))
    counts = report.counts()
    posts_opened = len(set(pages.values()) & {folder / v.path for v in report.visits})
    print(f"{fmt}: {posts_opened} of {len(pages)} post pages among those opened; "
          f"{time.monotonic() - started:.1f} s")
    blind = [name for name in ("scripts", "dialogs", "sentinel") if not control.counts()[name]]
    if blind:
        print(f"{fmt}: the control page showed no {', '.join(blind)}: the probe is blind", file=sys.stderr)
    return all(counts[name] == 0 for name in MUST_BE_ZERO) and posts_opened == len(pages) and not blind


def main(argv: list[str] | None = None) -> int:
    """Run the check for the chosen formats and return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--format", choices=("jekyll", "hugo", "both"), default="both")
    parser.add_argument("--keep", metavar="DIR", type=Path,
                        help="build in DIR and keep it (default: a temporary folder)")
    args = parser.parse_args(argv)
    formats = ["jekyll", "hugo"] if args.format == "both" else [args.format]
    missing = missing_tools(formats)
    if missing:
        print(f"browser_check: missing {'; '.join(missing)}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="browser-check-") as temp:
        base = args.keep or Path(temp)
        results = []
        for fmt in formats:
            work = base / fmt
            work.mkdir(parents=True, exist_ok=False)
            results.append(check(fmt, work))
    return 0 if all(results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
