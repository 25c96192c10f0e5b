"""``scrapy crawl news``: Scrapy's crawl command, with the run checked before the first request.

A bad ``-a`` argument, ``-s`` value, output path or profile stops the command
with one line and exit status 2, before Scrapy starts: nothing is written.
The crawl then ends with the exit status of the ``newscrawl`` command (the one
table in :mod:`newscrawl.exits`): 3 when another run holds the archive's lock,
1 when the crawl failed, 4 with NEWSCRAWL_EXIT_NOTHING_NEW when nothing was
new. SIGTERM or SIGINT ends the news crawl within seconds, a second one at
once (status 1, lock released). scrapyd runs this command too, and logs the
status of each job's process. Other spiders run as Scrapy runs them.
"""

from __future__ import annotations

import sys
import time

from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.utils.conf import arglist_to_dict

from newscrawl.cli.exits import EXIT_USAGE
from newscrawl.extensions.stopping import stop_on_signals
from newscrawl.preflight import check_run_settings, check_section, check_setting_values
from newscrawl.profiles import ProfileError
from newscrawl.render.browser import RenderError, check_rendering
from newscrawl.runner import collect_errors, crawl_result, project_settings
from newscrawl.spiders.arguments import (
    ArgumentError,
    check_spider_arguments,
    check_window,
    find_site,
    parse_day,
    parse_limit,
    split_list,
    url_profile,
)
from newscrawl.spiders.news import NewsSpider


class Command(ScrapyCrawlCommand):
    """Run a spider; for the news spider, check its arguments and settings first."""

    def process_options(self, args, opts) -> None:
        """Apply the options as Scrapy does, then stop with one line if the news run is bad."""
        super().process_options(args, opts)
        if args[:1] != [NewsSpider.name]:
            return
        try:
            check_news_run(opts.spargs, arglist_to_dict(opts.set), self.settings)
        except (ArgumentError, ProfileError) as exc:
            print(f"scrapy crawl news: error: {exc}", file=sys.stderr)
            raise SystemExit(EXIT_USAGE) from None

    def run(self, args, opts) -> None:
        """Run the spider; the news spider's run sets the exit status from the one table."""
        if args[:1] != [NewsSpider.name] or len(args) != 1:
            super().run(args, opts)
            return
        started = time.monotonic()
        crawler = self.crawler_process.create_crawler(NewsSpider)
        errors = collect_errors(self.crawler_process.crawl(crawler, **opts.spargs))
        restore = stop_on_signals([crawler])  # a stop within seconds, not Scrapy's unbounded one
        try:
            self.crawler_process.start(install_signal_handlers=False)
        finally:
            restore()
        result = crawl_result(crawler, errors, time.monotonic() - started)
        if result.locked:
            print(f"scrapy crawl news: error: {errors[0].getErrorMessage()}", file=sys.stderr)
        elif result.failed:
            print(f"scrapy crawl news: FAILED: {result.failure}", file=sys.stderr)
        self.exitcode = result.exit_status()


def check_news_run(spargs: dict, overrides: dict, settings) -> None:
    """Raise ArgumentError (or ProfileError) for anything that would fail a news crawl late."""
    check_spider_arguments(spargs)
    check_setting_values(overrides, project_settings())
    check_run_settings(settings)
    dirs = settings.getlist("NEWSCRAWL_PROFILE_DIRS")
    profiles = [find_site(slug, dirs) for slug in split_list(spargs.get("site"))]
    urls = (spargs.get("url") or "").split()
    if urls:
        profiles.append(url_profile(urls, spargs.get("category"), spargs.get("timezone") or "Asia/Shanghai"))
    if not profiles:
        raise ArgumentError("site: give a profile slug (-a site=SLUG, see 'newscrawl sites') "
                            "or URLs to crawl without one (-a url=URL)")
    check_window(*(parse_day(name, spargs.get(name)) for name in ("date", "since", "until")))
    parse_limit(spargs.get("limit"))
    check_section(spargs.get("section"), profiles, "section")
    try:
        check_rendering(settings, profiles)
    except RenderError as exc:
        raise ArgumentError(str(exc)) from exc
