"""``newscrawl crawl SITE...``: crawl newspapers by profile slug."""

from __future__ import annotations

import argparse
from pathlib import Path

from newscrawl.cli.exits import CliError
from newscrawl.cli.locking import archive_lock
from newscrawl.cli.options import add_output_options, settings_from_args
from newscrawl.cli.report import finish
from newscrawl.mirrors import Mirrors
from newscrawl.profiles import ProfileError, SiteProfile, find_profile
from newscrawl.profiles.adhoc import oneoff_profile
from newscrawl.render.browser import RenderError, check_rendering
from newscrawl.runner import project_settings, run_crawl
from newscrawl.spiders.arguments import ArgumentError, parse_day


def add_parser(sub) -> None:
    """Add the ``crawl`` sub-command to ``sub``."""
    parser = sub.add_parser(
        "crawl", help="crawl newspapers into the archive",
        description="Crawl newspapers by profile slug (see 'newscrawl sites'), or URLs without a "
                    "profile: an article page is extracted, a feed or sitemap is followed.",
    )
    parser.add_argument("sites", nargs="+", metavar="SITE",
                        help="profile slug (e.g. jiangxiribao) or an http(s) URL of an article, feed or sitemap")
    add_output_options(parser)
    add_selection_options(parser)
    parser.add_argument("--profiles-dir", metavar="DIR", action="append", default=[],
                        help="also read site profiles from DIR (searched before the built-in ones)")
    parser.add_argument("--category", metavar="SLUG[:LABEL]",
                        help="category of posts from URLs (no profile): 'jiangxiribao:江西日报新闻', "
                             "or a name such as 江西日报 (slug from its pinyin); default: the URL's host")
    parser.add_argument("--timezone", default="Asia/Shanghai",
                        help="time zone of pages from URLs that give no UTC offset (default: %(default)s)")
    render = parser.add_mutually_exclusive_group()
    render.add_argument("--render", action="store_const", const="all", dest="render",
                        help="render every listing and article page in headless Chromium (Debian's "
                             "/usr/bin/chromium) before extracting it: for pages written by scripts "
                             "(a profile's 'render: articles|listings|all' key does this per site)")
    render.add_argument("--no-render", action="store_const", const="none", dest="render",
                        help="render nothing, even where a profile's render key asks")
    add_mirror_option(parser)
    parser.add_argument("--exit-nothing-new", action="store_true",
                        help="exit with status 4 when no post was created or updated")
    parser.set_defaults(run=run)


def add_mirror_option(parser: argparse.ArgumentParser) -> None:
    """Add the repeatable --mirror PUBLIC=LOCAL to ``parser``."""
    parser.add_argument("--mirror", metavar="PUBLIC=LOCAL", action="append", default=[],
                        help="fetch URLs under the PUBLIC prefix from the LOCAL prefix instead; posts, "
                             "state and summary keep the public URLs (repeatable; e.g. "
                             "http://finews.zning.xyz/=http://127.0.0.1:8000/)")


def mirror_args(args: argparse.Namespace) -> Mirrors:
    """Return the mirrors --mirror asks for; a malformed one is a CliError."""
    try:
        return Mirrors.parse(args.mirror)
    except ValueError as exc:
        raise CliError(f"--mirror: {exc}") from exc


def add_selection_options(parser: argparse.ArgumentParser) -> None:
    """Add --section, --date, --since and --until to ``parser``."""
    parser.add_argument("--section", help="only this section (版面/栏目) name")
    parser.add_argument("--date", metavar="YYYY-MM-DD", help="only this day's articles/edition")
    parser.add_argument("--since", metavar="YYYY-MM-DD", help="only articles/editions from this day on")
    parser.add_argument("--until", metavar="YYYY-MM-DD", help="only articles/editions up to this day")


def selection_args(args: argparse.Namespace) -> dict:
    """Return the spider arguments for the selection options, validated."""
    try:
        for name in ("date", "since", "until"):
            parse_day(name, getattr(args, name))
    except ArgumentError as exc:
        raise CliError(str(exc)) from exc
    return {k: getattr(args, k) for k in ("section", "date", "since", "until") if getattr(args, k)}


def load_profiles(slugs: list[str], dirs: list[str]) -> list[SiteProfile]:
    """Return the profiles named by ``slugs``; a missing or broken one is a CliError."""
    profiles = []
    for slug in slugs:
        try:
            profiles.append(find_profile(slug, dirs))
        except ProfileError as exc:
            raise CliError(f"bad site profile: {exc}") from exc
        except KeyError as exc:
            raise CliError(exc.args[0]) from exc
    return profiles


def _is_url(value: str) -> bool:
    return value.startswith(("http://", "https://"))


def run(args: argparse.Namespace) -> int:
    """Crawl the named sites and return the exit status."""
    overrides = settings_from_args(args)
    if mirror_args(args):
        overrides["NEWSCRAWL_MIRRORS"] = list(args.mirror)
    if args.profiles_dir:
        overrides["NEWSCRAWL_PROFILE_DIRS"] = args.profiles_dir
    if args.render:
        overrides["NEWSCRAWL_RENDER"] = args.render
    slugs = [s for s in args.sites if not _is_url(s)]
    urls = [s for s in args.sites if _is_url(s)]
    profiles = load_profiles(slugs, args.profiles_dir)
    if urls:
        try:
            profiles.append(oneoff_profile(urls, args.category, args.timezone))
        except (ValueError, ProfileError) as exc:
            raise CliError(str(exc)) from exc
    settings = project_settings({**overrides, "NEWSCRAWL_LOCK": False})
    try:
        check_rendering(settings, profiles)
    except RenderError as exc:
        raise CliError(str(exc)) from exc
    selection = selection_args(args)
    out = settings.get("NEWSCRAWL_OUT")
    with archive_lock(Path(out)):
        result = run_crawl(settings, profiles=profiles, **selection)
    return finish(result, args, out)
