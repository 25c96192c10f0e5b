"""The run record: what the writer crawls, published in Redis for the workers.

Workers must read pages with the writer's exact profiles and options, so the
writer publishes the text of each profile file (a profile made from URLs on
the command line as those URLs), the spider's options, the settings that
change what is fetched, and when the archive's last run started. A worker
builds its spider from this record alone: it needs no profile files of its
own and no archive.
"""

from __future__ import annotations

import json
import secrets
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml

from newscrawl.modes.base import CrawlOptions
from newscrawl.profiles import SiteProfile
from newscrawl.profiles.adhoc import oneoff_profile
from newscrawl.profiles.loader import parse_profile

#: Settings a worker takes from the writer (its own -s values still win): what is fetched and how.
SHARED_SETTINGS = (
    "NEWSCRAWL_RECHECK_HOURS", "NEWSCRAWL_RECHECK", "NEWSCRAWL_RENDER", "NEWSCRAWL_WARC", "NEWSCRAWL_WARC_MAXSIZE",
    "NEWSCRAWL_LIMIT", "ROBOTSTXT_OBEY", "USER_AGENT", "AUTOTHROTTLE_ENABLED", "AUTOTHROTTLE_START_DELAY",
    "AUTOTHROTTLE_MAX_DELAY", "AUTOTHROTTLE_TARGET_CONCURRENCY", "DOWNLOAD_DELAY", "DOWNLOAD_TIMEOUT",
    "RETRY_TIMES",
)
COMMAND_LINE = "<command line>"  # the path of a profile made from URLs (profiles.adhoc)
OPTION_NAMES = ("section", "date", "since", "until", "category", "category_name")


def profile_spec(profile: SiteProfile) -> dict[str, Any]:
    """Return what rebuilds ``profile`` elsewhere: its file's path and text, or the URLs it was made from."""
    if profile.path == COMMAND_LINE:
        return {"urls": list(profile.modes_config["oneoff"]), "category": f"{profile.slug}:{profile.label}",
                "timezone": str(profile.timezone)}
    return {"path": profile.path, "text": Path(profile.path).read_text(encoding="utf-8")}


def profile_from_spec(spec: dict[str, Any]) -> SiteProfile:
    """Return the profile ``spec`` describes; ProfileError when its text does not load here."""
    if "urls" in spec:
        return oneoff_profile(spec["urls"], spec["category"], spec["timezone"])
    return parse_profile(yaml.safe_load(spec["text"]), spec["path"])


def run_record(spider, settings, last_run_started: datetime | None, resuming: bool = False) -> dict[str, Any]:
    """Return the record of the writer's run (JSON-able): ``spider``'s profiles, options and mirrors,
    and what the state says of earlier runs (``resuming``: the last one did not finish)."""
    options: CrawlOptions = spider.options
    mirrors = [f"{m.public}={m.local}" for m in spider.mirrors.mirrors]
    return {
        "id": secrets.token_hex(8),
        "profiles": [profile_spec(p) for p in spider.profiles],
        "options": {name: _plain(getattr(options, name)) for name in OPTION_NAMES},
        "settings": {**{name: settings.get(name) for name in SHARED_SETTINGS}, "NEWSCRAWL_MIRRORS": mirrors},
        "last_run_started": last_run_started.isoformat() if last_run_started else None,
        "resuming": resuming,
    }


def same_crawl(record: dict[str, Any], other: dict[str, Any]) -> bool:
    """Return True when two records crawl the same profiles with the same options."""
    return all(record.get(k) == other.get(k) for k in ("profiles", "options"))


def dump(record: dict[str, Any]) -> str:
    """Return the record as JSON text."""
    return json.dumps(record, ensure_ascii=False)


def load(text: bytes | str) -> dict[str, Any]:
    """Return the record stored as JSON text."""
    return json.loads(text)


def spider_args(record: dict[str, Any]) -> dict[str, Any]:
    """Return the NewsSpider arguments of the record: its profiles and options."""
    options = {k: v for k, v in record["options"].items() if v is not None}
    return {"profiles": [profile_from_spec(s) for s in record["profiles"]], **options}


def last_run_started(record: dict[str, Any]) -> datetime | None:
    """Return when the archive's last finished run started, as the writer published it."""
    value = record.get("last_run_started")
    return datetime.fromisoformat(value) if value else None


def _plain(value):
    return value.isoformat() if hasattr(value, "isoformat") else value
