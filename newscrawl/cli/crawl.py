"""``newscrawl crawl SITE...``: crawl newspapers by profile slug, or URLs without one."""

from __future__ import annotations

import argparse
from pathlib import Path

from newscrawl.cli.exits import EXIT_LOCKED, CliError
from newscrawl.cli.locking import archive_lock
from newscrawl.cli.options import add_mirror_option, add_output_options, checked_settings
from newscrawl.cli.report import finish
from newscrawl.cli.warc import is_warc_source, replay_settings, take_warc_sources, warc_index, warc_profiles
from newscrawl.cli.worker import add_redis_option, redis_client
from newscrawl.preflight import check_section
from newscrawl.profiles import SiteProfile
from newscrawl.render.browser import RenderError, check_rendering
from newscrawl.runner import run_crawl
from newscrawl.spiders.arguments import check_url, check_window, find_site, is_url, parse_day, url_profile


def add_parser(sub) -> None:
    """Add the ``crawl`` sub-command to ``sub``."""
    parser = sub.add_parser(
        "crawl", help="crawl newspapers into the archive",
        description="Crawl newspapers by profile slug (see 'newscrawl sites'), or URLs without a "
                    "profile: an article page is extracted, a feed or sitemap is followed. "
                    "Everything is checked before the first request; a bad argument is one line "
                    "and exit status 2, with nothing written.",
    )
    parser.add_argument("sites", nargs="+", metavar="SITE",
                        help="profile slug (e.g. jiangxiribao) or an http(s):// URL of an article, feed or "
                             "sitemap; or warc:PATH (a WARC file, a folder of them, or a glob): crawl the "
                             "responses stored there instead of the network (with profile slugs: their "
                             "pages; with --category: every page)")
    add_output_options(parser)
    add_selection_options(parser)
    parser.add_argument("--profiles-dir", metavar="DIR", action="append", default=[],
                        help="also read site profiles from DIR (searched before the built-in ones; repeatable)")
    parser.add_argument("--category", metavar="SLUG[:LABEL]",
                        help="category of posts from URLs (no profile): 'jiangxiribao:江西日报新闻', "
                             "or a name such as 江西日报 (slug from its pinyin); default: the URL's host")
    parser.add_argument("--timezone", metavar="ZONE",
                        help="time zone of pages from URLs that give no UTC offset (default: Asia/Shanghai)")
    render = parser.add_mutually_exclusive_group()
    render.add_argument("--render", action="store_const", const="all", dest="render",
                        help="render every listing and article page in headless Chromium (Debian's "
                             "/usr/bin/chromium) before extracting it: for pages written by scripts "
                             "(a profile's 'render: articles|listings|all' key does this per site)")
    render.add_argument("--no-render", action="store_const", const="none", dest="render",
                        help="render nothing, even where a profile's render key asks")
    add_mirror_option(parser)
    parser.add_argument("--warc", metavar="DIR",
                        help="keep every response fetched (pages, listings, feeds, sitemaps, API calls) with its "
                             "request in WARC files in DIR, for 'newscrawl archive reextract' (default: the "
                             "NEWSCRAWL_WARC setting; none)")
    add_redis_option(parser)
    parser.add_argument("--recheck", action="store_true",
                        help="fetch again, conditionally (If-None-Match/If-Modified-Since), every archived "
                             "article of the run's --date/--since/--until window the crawl reaches, however "
                             "old: for a site that corrected its articles (an unchanged page costs a 304)")
    parser.add_argument("--exit-nothing-new", action="store_true",
                        help="exit with status 4 when no post was created or updated")
    parser.set_defaults(run=run)


def add_selection_options(parser: argparse.ArgumentParser) -> None:
    """Add --section, --date, --since and --until to ``parser``."""
    parser.add_argument("--section", metavar="NAME", help="only this section (版面/栏目) of the profile")
    parser.add_argument("--date", metavar="YYYY-MM-DD", help="only this day's articles/edition")
    parser.add_argument("--since", metavar="YYYY-MM-DD", help="only articles/editions from this day on")
    parser.add_argument("--until", metavar="YYYY-MM-DD", help="only articles/editions up to this day")


def selection_args(args: argparse.Namespace, profiles: list[SiteProfile]) -> dict:
    """Return the spider arguments for the selection options; raise ArgumentError for a bad one."""
    window = [parse_day(f"--{name}", getattr(args, name)) for name in ("date", "since", "until")]
    check_window(*window, dash="--")
    check_section(args.section, profiles)
    return {k: getattr(args, k) for k in ("section", "date", "since", "until") if getattr(args, k)}


def resolve_sites(args: argparse.Namespace) -> list[SiteProfile]:
    """Return the profiles the SITE arguments name, URLs gathered into one profile of their own.

    With ``warc:`` sources, the profiles whose stored pages to take (``cli/warc.py``).
    """
    if any(is_warc_source(value) for value in args.sites):
        return warc_profiles(args)
    urls = [check_url(value) for value in args.sites if is_url(value)]
    profiles = [find_site(value, args.profiles_dir) for value in args.sites if not is_url(value)]
    if urls:
        profiles.append(url_profile(urls, args.category, args.timezone or "Asia/Shanghai"))
    else:
        for option, value in (("--category", args.category), ("--timezone", args.timezone)):
            if value:
                raise CliError(f"{option} {value}: applies to URLs crawled without a profile; "
                               "a profile names its own category and time zone")
    return profiles


def run(args: argparse.Namespace) -> int:
    """Check everything, then crawl the named sites (or the WARC files named); return the exit status."""
    sources = take_warc_sources(args)
    settings = checked_settings(args)
    profiles = resolve_sites(args)
    spider_args = {}
    if sources:
        replay_settings(settings, sources)
        spider_args["warc_index"] = warc_index(sources)
    try:
        check_rendering(settings, profiles)
    except RenderError as exc:
        raise CliError(str(exc)) from exc
    selection = selection_args(args, profiles)
    out = settings.get("NEWSCRAWL_OUT")
    if not sources and (args.redis or settings.get("NEWSCRAWL_REDIS")):
        check_writer(settings, args.redis)
    with archive_lock(Path(out)):
        result = run_crawl(settings, profiles=profiles, **selection, **spider_args)
    return finish(result, args, out)


def check_writer(settings, url: str | None) -> None:
    """Make the run the writer of a crawl on Redis; CliError when Redis is unreachable or has a writer."""
    from newscrawl.distributed.keys import RedisKeys
    from newscrawl.distributed.writer import writer_holder

    url = url or settings.get("NEWSCRAWL_REDIS")
    server = redis_client(url)
    holder = writer_holder(server, RedisKeys(settings.get("NEWSCRAWL_REDIS_KEY")))
    server.close()
    if holder:
        raise CliError(f"another newscrawl writer ({holder}) is running the crawl on {url}; "
                       "not starting a second one", EXIT_LOCKED)
    settings.set("NEWSCRAWL_REDIS", url, "cmdline")
    settings.set("NEWSCRAWL_REDIS_ROLE", "writer", "cmdline")
