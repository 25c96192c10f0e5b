"""``newscrawl crawl warc:PATH …``: crawl stored responses (a CC-NEWS file, a colleague's crawl) instead of the network.

A ``warc:`` argument names WARC files: a file, a folder of ``*.warc.gz``, or a
glob. The other SITE arguments name the profiles whose pages to take; without
one, ``--category`` takes every HTML page the files hold into one category.
Everything is checked (and the files indexed) before the lock is taken.
"""

from __future__ import annotations

import argparse
from dataclasses import replace

from newscrawl.cli.exits import CliError
from newscrawl.profiles import SiteProfile
from newscrawl.profiles.adhoc import oneoff_profile
from newscrawl.profiles.loader import ProfileError
from newscrawl.spiders.arguments import find_site, is_url
from newscrawl.warc.index import WarcIndex

PREFIX = "warc:"
#: Options that ask for something a crawl from files does not do, with what it would mean.
_NETWORK_OPTIONS = (("warc", "--warc", "keeps what a crawl fetches; a crawl from WARC files fetches nothing"),
                    ("redis", "--redis", "shares a crawl of the network; crawl the files in one process"),
                    ("render", "--render/--no-render", "renders fetched pages; a stored page is read as kept"),
                    ("mirror", "--mirror", "changes where pages are fetched; a crawl from WARC files fetches none"))


def is_warc_source(value: str) -> bool:
    """Return True for a ``warc:PATH`` argument."""
    return value.startswith(PREFIX)


def take_warc_sources(args: argparse.Namespace) -> list[str]:
    """Return the paths of the ``warc:`` arguments; raise CliError for a bad mix with other arguments."""
    sources = [value[len(PREFIX):] for value in args.sites if is_warc_source(value)]
    if not sources:
        return []
    sites = profile_slugs(args)
    if any(not path.strip() for path in sources):
        raise CliError("warc:: give the WARC files after the colon: warc:FILE, warc:FOLDER or warc:'GLOB'")
    for attribute, option, why in _NETWORK_OPTIONS:
        if getattr(args, attribute, None):
            raise CliError(f"{option}: {why}")
    urls = [value for value in sites if is_url(value)]
    if urls:
        raise CliError(f"{urls[0]}: with warc: give profile slugs, or --category to take every stored page")
    if sites and args.category:
        raise CliError(f"--category {args.category}: names the posts of a crawl without a profile; "
                       "the profiles named name their own")
    if not sites and not args.category:
        raise CliError("warc:: name the profiles whose stored pages to take (e.g. jiangxiribao), or take every "
                       "stored page with --category SLUG[:LABEL]")
    return sources


def profile_slugs(args: argparse.Namespace) -> list[str]:
    """Return the SITE arguments that are not ``warc:`` sources."""
    return [value for value in args.sites if not is_warc_source(value)]


def warc_profiles(args: argparse.Namespace) -> list[SiteProfile]:
    """Return the profiles of a crawl from WARC files: those named, else one taking every page into ``--category``."""
    if profile_slugs(args):
        return [find_site(slug, args.profiles_dir) for slug in profile_slugs(args)]
    try:
        profile = oneoff_profile(["http://warc.invalid/"], args.category, args.timezone or "Asia/Shanghai")
    except ProfileError as exc:
        raise CliError(f"--timezone: {exc.reason}; give an IANA name such as Asia/Shanghai") from exc
    except ValueError as exc:
        raise CliError(f"--category: {exc}; give SLUG:LABEL such as jiangxiribao:江西日报新闻") from exc
    return [replace(profile, allowed_hosts=(), modes_config={}, path="<warc:>")]


def warc_index(sources: list[str], label: str = "warc:") -> WarcIndex:
    """Return the index of the files ``sources`` name; CliError when one names none or none holds a response."""
    try:
        index = WarcIndex.build(sources)
    except FileNotFoundError as exc:
        raise CliError(f"{label}{exc}; give a WARC file, a folder of *.warc.gz or a glob") from exc
    if not index.responses and not index.conversions:
        problems = f" ({index.unreadable[0]})" if index.unreadable else ""
        raise CliError(f"{label}{' '.join(sources)}: the files hold no response records{problems}")
    return index


def replay_settings(settings, sources: list[str], reextract: bool = False) -> None:
    """Point ``settings`` at the WARC files (and off rendering and writing WARC files).

    Raises CliError when the settings share the crawl on Redis (-s NEWSCRAWL_REDIS).
    """
    if settings.get("NEWSCRAWL_REDIS"):
        raise CliError("-s NEWSCRAWL_REDIS: shares a crawl of the network; crawl WARC files in one process")
    settings.set("NEWSCRAWL_WARC_SOURCE", list(sources), "cmdline")
    settings.set("NEWSCRAWL_WARC_REEXTRACT", reextract, "cmdline")
    settings.set("NEWSCRAWL_RENDER", "none", "cmdline")
    settings.set("NEWSCRAWL_WARC", "", "cmdline")
