"""Load and validate site profiles from YAML files.

A broken profile raises :class:`ProfileError` naming the file and the key, so a
run stops before any request with one line that says what to fix.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path
from typing import Any, Iterable
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from newscrawl.errors import ProfileError
from newscrawl.modes.config import validate_modes
from newscrawl.profiles.model import (
    SELECTOR_FIELDS,
    ListingMode,
    SiteProfile,
    StartUrl,
    slugify,
)
from newscrawl.profiles.verification import parse_verification
from newscrawl.render.policy import parse_render

BUILTIN_DIR = Path(__file__).parent / "sites"

TOP_KEYS = {
    "name", "slug", "label", "timezone", "language", "base_url", "allowed_hosts",
    "verified", "listing", "selectors", "id_pattern", "recheck_hours", "render", "images",
    # crawl modes other than listing; their own keys are validated by their modes
    "epaper", "feed", "sitemap", "api", "urls", "notes", "verification",
}
IMAGES_CHOICES = ("keep", "link", "none")  # what posts do with their pictures (see pipelines/pictures.py)
LISTING_KEYS = {"start_urls", "article_links", "next_pages", "max_pages"}


def builtin_dir():
    """Return the built-in profiles' folder: a path, or a folder in the zipped egg scrapyd runs."""
    return BUILTIN_DIR if BUILTIN_DIR.is_dir() else resources.files("newscrawl.profiles") / "sites"


def profile_dirs(extra: Iterable[str | Path] = ()) -> list[Path]:
    """Return the folders searched for profiles: ``extra`` first, then built-ins."""
    return [Path(d) for d in extra] + [builtin_dir()]


def profile_files(folder) -> list[Path]:
    """Return the profile files of ``folder`` by name (none when it is no folder)."""
    if not folder.is_dir():
        return []
    return sorted((p for p in folder.iterdir() if p.suffix in (".yaml", ".yml")), key=lambda p: p.name)


def _profile_files(dirs: Iterable[Path]) -> list[Path]:
    return [path for folder in dirs for path in profile_files(folder)]


def load_profiles(extra_dirs: Iterable[str | Path] = ()) -> dict[str, SiteProfile]:
    """Return every profile by slug; a profile in ``extra_dirs`` overrides a built-in."""
    profiles: dict[str, SiteProfile] = {}
    for path in reversed(_profile_files(profile_dirs(extra_dirs))):
        profile = load_profile(path)
        profiles[profile.slug] = profile
    return dict(sorted(profiles.items()))


def find_profile(slug: str, extra_dirs: Iterable[str | Path] = ()) -> SiteProfile:
    """Return the profile whose slug (or file stem) is ``slug``.

    Raises :class:`KeyError` naming the known slugs when there is none; only the
    matching file is parsed, so one broken profile does not block the others.
    """
    files = _profile_files(profile_dirs(extra_dirs))
    for path in files:
        if path.stem == slug:
            return load_profile(path)
    for path in files:
        profile = load_profile(path)
        if profile.slug == slug:
            return profile
    known = ", ".join(sorted(p.stem for p in files))
    raise KeyError(f"no site profile named {slug!r} (known: {known})")


def load_profile(path: str | Path) -> SiteProfile:
    """Return the profile in ``path``; raise :class:`ProfileError` if it is invalid."""
    path = Path(path) if isinstance(path, str) else path  # a built-in one may be a file in an egg
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ProfileError(path, None, f"cannot read: {exc.strerror}") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" at line {mark.line + 1}" if mark else ""
        raise ProfileError(path, None, f"not valid YAML{at}") from exc
    return parse_profile(data, path)


def parse_profile(data: Any, path: str | Path) -> SiteProfile:
    """Return a profile built from parsed YAML ``data`` read from ``path``."""
    if not isinstance(data, dict):
        raise ProfileError(path, None, "must be a mapping of keys to values")
    unknown = sorted(set(map(str, data)) - TOP_KEYS)
    if unknown:
        raise ProfileError(path, unknown[0], f"unknown key (allowed: {', '.join(sorted(TOP_KEYS))})")

    name = _string(data, "name", path, required=True)
    slug = _string(data, "slug", path) or slugify(name)
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", slug):
        raise ProfileError(path, "slug", f"{slug!r} must be lower-case ASCII letters, digits and '-'")
    language = _string(data, "language", path) or "zh"
    label = _string(data, "label", path) or (f"{name}新闻" if language.startswith("zh") else name)
    tz_name = _string(data, "timezone", path) or ("Asia/Shanghai" if language.startswith("zh") else "UTC")
    try:
        timezone = ZoneInfo(tz_name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ProfileError(path, "timezone", f"unknown time zone {tz_name!r}") from exc

    base_url = _string(data, "base_url", path)
    if base_url and not _is_http(base_url):
        raise ProfileError(path, "base_url", f"{base_url!r} is not an http(s) URL")
    listing = _listing(data.get("listing"), path, base_url) if "listing" in data else None
    hosts = data.get("allowed_hosts")
    if hosts is None:
        starts = [s.url for s in listing.start_urls] if listing else []
        hosts = sorted({urlsplit(u).hostname for u in [base_url or "", *starts] if urlsplit(u).hostname})
    elif not _str_list(hosts):
        raise ProfileError(path, "allowed_hosts", "must be a list of host names")

    modes = {k: data[k] for k in ("epaper", "feed", "sitemap", "api", "urls") if k in data}
    configs = validate_modes(modes, path, base_url)
    if "epaper" in configs:  # an e-paper layout on its own host makes that host the profile's too
        hosts = list(dict.fromkeys([*hosts, *configs["epaper"].hosts]))
    if listing is None and not modes:
        raise ProfileError(path, "listing", "missing: a profile needs at least one crawl mode "
                           "(listing, epaper, feed, sitemap, api or urls)")
    verified = data.get("verified", False)
    if not isinstance(verified, bool):
        raise ProfileError(path, "verified", "must be true or false")

    verification = parse_verification(data["verification"], path) if "verification" in data else None

    recheck = data.get("recheck_hours")
    if recheck is not None and (isinstance(recheck, bool) or not isinstance(recheck, (int, float)) or recheck < 0):
        raise ProfileError(path, "recheck_hours", "must be a number of hours, 0 or more")

    try:
        render = parse_render(data.get("render"))
    except ValueError as exc:
        raise ProfileError(path, "render", f"{exc} (pages to render in Chromium)") from exc

    images = data.get("images")
    if images is not None and images not in IMAGES_CHOICES:
        raise ProfileError(path, "images", f"must be one of {', '.join(IMAGES_CHOICES)} (keep: the archive holds "
                           "the pictures; link: posts link the paper's; none: no pictures)")

    return SiteProfile(
        name=name, slug=slug, label=label, timezone=timezone, path=str(path),
        language=language, base_url=base_url, allowed_hosts=tuple(h.lower() for h in hosts),
        verified=verified, listing=listing, selectors=_selectors(data.get("selectors"), path),
        id_pattern=_regex(data, "id_pattern", path), modes_config=modes,
        recheck_hours=float(recheck) if recheck is not None else None, verification=verification,
        render=render, images=images,
    )


def _string(data: dict, key: str, path, required: bool = False) -> str | None:
    value = data.get(key)
    if value is None:
        if required:
            raise ProfileError(path, key, "missing")
        return None
    if not isinstance(value, str) or not value.strip():
        raise ProfileError(path, key, "must be a non-empty string")
    return value.strip()


def _str_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) and v for v in value)


def _is_http(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _compile(pattern: Any, path, key: str) -> re.Pattern:
    if not isinstance(pattern, str) or not pattern:
        raise ProfileError(path, key, "must be a regular expression string")
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise ProfileError(path, key, f"bad regular expression: {exc}") from exc


def _regex(data: dict, key: str, path) -> re.Pattern | None:
    return _compile(data[key], path, key) if data.get(key) is not None else None


def _patterns(value: Any, path, key: str, required: bool) -> tuple[re.Pattern, ...]:
    if value is None:
        if required:
            raise ProfileError(path, key, "missing")
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value:
        raise ProfileError(path, key, "must be a regular expression or a list of them")
    return tuple(_compile(v, path, f"{key}[{i}]") for i, v in enumerate(value))


def _listing(value: Any, path, base_url: str | None) -> ListingMode:
    if not isinstance(value, dict):
        raise ProfileError(path, "listing", "must be a mapping")
    unknown = sorted(set(map(str, value)) - LISTING_KEYS)
    if unknown:
        raise ProfileError(path, f"listing.{unknown[0]}", f"unknown key (allowed: {', '.join(sorted(LISTING_KEYS))})")
    raw = value.get("start_urls")
    if not isinstance(raw, list) or not raw:
        raise ProfileError(path, "listing.start_urls", "missing: give a list of listing page URLs")
    starts = tuple(_start_url(item, path, f"listing.start_urls[{i}]", base_url) for i, item in enumerate(raw))
    max_pages = value.get("max_pages")
    if max_pages is not None and (isinstance(max_pages, bool) or not isinstance(max_pages, int) or max_pages < 1):
        raise ProfileError(path, "listing.max_pages", "must be a whole number of pages, 1 or more")
    return ListingMode(
        start_urls=starts, max_pages=max_pages,
        article_links=_patterns(value.get("article_links"), path, "listing.article_links", required=True),
        next_pages=_patterns(value.get("next_pages"), path, "listing.next_pages", required=False),
    )


def _start_url(item: Any, path, key: str, base_url: str | None) -> StartUrl:
    if isinstance(item, str):
        url, section = item, None
    elif isinstance(item, dict) and isinstance(item.get("url"), str):
        url, section = item["url"], item.get("section")
        if section is not None and not isinstance(section, str):
            raise ProfileError(path, f"{key}.section", "must be a string")
        extra = sorted(set(item) - {"url", "section"})
        if extra:
            raise ProfileError(path, f"{key}.{extra[0]}", "unknown key (allowed: section, url)")
    else:
        raise ProfileError(path, key, "must be a URL or a mapping with 'url' (and 'section')")
    if not _is_http(url) and not base_url:
        raise ProfileError(path, key, f"{url!r} is relative but the profile has no base_url")
    return StartUrl(url=url, section=section)


def _selectors(value: Any, path) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ProfileError(path, "selectors", "must be a mapping of field to selector")
    out = {}
    for key, sel in value.items():
        if key not in SELECTOR_FIELDS:
            raise ProfileError(path, f"selectors.{key}", f"unknown field (allowed: {', '.join(SELECTOR_FIELDS)})")
        if not isinstance(sel, str) or not sel.strip():
            raise ProfileError(path, f"selectors.{key}", "must be a CSS selector or XPath string")
        out[key] = sel.strip()
    return out
