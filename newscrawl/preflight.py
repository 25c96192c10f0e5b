"""Check a run before its first request: setting values, output paths, base URL, format, section.

Both the ``newscrawl`` command and ``scrapy crawl news`` call these; each check
raises :class:`ArgumentError` with one line naming what is wrong and what would
be right, and none of them writes anything.
"""

from __future__ import annotations

import difflib
import json
import logging
import os
from pathlib import Path
from typing import Any, Callable, Iterable

from scrapy.settings import BaseSettings, Settings

from newscrawl.archive.paths import FORMATS, POSTS_DIRS
from newscrawl.archive.safety import safe_base_url
from newscrawl.archive.skeleton import CONFIG_NAMES
from newscrawl.modes.config import mode_config
from newscrawl.profiles import SiteProfile
from newscrawl.spiders.arguments import ArgumentError

#: Folders that, besides a config file, show which generator an archive is for.
#: Settings holding a file the run writes (besides --summary, which is no setting).
FILE_SETTINGS = ("NEWSCRAWL_JSONL", "NEWSCRAWL_STATE", "LOG_FILE")

Label = Callable[[str], str]


def setting_label(name: str) -> str:
    """Return how ``scrapy crawl`` users name a setting: ``-s NAME``."""
    return f"-s {name}"


def check_setting_values(overrides: dict[str, Any], defaults: BaseSettings) -> None:
    """Raise ArgumentError for a ``-s`` value its setting cannot take (DOWNLOAD_DELAY=abc).

    The type is the default's; unknown ``NEWSCRAWL_*`` names are refused (with
    a close match), other unknown names pass: they may belong to add-ons.
    """
    for name, value in overrides.items():
        if not isinstance(value, str):
            continue
        if name not in defaults:
            if name.startswith("NEWSCRAWL_"):
                known = [n for n in defaults.attributes if n.startswith("NEWSCRAWL_")]
                close = difflib.get_close_matches(name, known, n=1)
                hint = f"did you mean {close[0]}?" if close else "see newscrawl/settings.py for the list"
                raise ArgumentError(f"-s {name}: no such newscrawl setting; {hint}")
            continue
        expected = _expected_kind(name, defaults[name], value)
        if expected:
            raise ArgumentError(f"-s {name}={value}: must be {expected}")


def _expected_kind(name: str, default: Any, value: str) -> str | None:
    """Return what ``value`` should have been for a setting whose default is ``default``; None if fine."""
    probe = Settings({name: value})
    try:
        if name == "LOG_LEVEL":
            return None if isinstance(logging.getLevelName(value.upper()), int) else \
                "a log level (DEBUG, INFO, WARNING, ERROR or CRITICAL)"
        if name == "NEWSCRAWL_FORMAT":
            return None if value in FORMATS else f"one of {', '.join(FORMATS)}"
        if isinstance(default, bool):
            probe.getbool(name)
        elif isinstance(default, (int, float)):
            probe.getfloat(name)
        elif isinstance(default, (dict, BaseSettings)):
            if not isinstance(json.loads(value), dict):
                return "a JSON object such as {\"name\": 100}"
    except ValueError:
        if isinstance(default, bool):
            return "True or False (or 1 or 0)"
        if isinstance(default, (int, float)):
            return f"a number (default {default})"
        return "a JSON object such as {\"name\": 100}"
    return None


def check_profile_dirs(dirs: Iterable[str | Path], label: str = "--profiles-dir") -> None:
    """Raise ArgumentError unless every folder of extra profiles exists."""
    for folder in dirs:
        if not Path(folder).is_dir():
            what = "is a file" if Path(folder).exists() else "does not exist"
            raise ArgumentError(f"{label} {folder}: {what}; give a folder of *.yaml site profiles")


def check_out_folder(out: Path, label: str = "--out") -> None:
    """Raise ArgumentError unless ``out`` is (or can be created as) a writable folder."""
    if out.exists() and not out.is_dir():
        raise ArgumentError(f"{label} {out}: is a file, not a folder; give a folder (it is created when missing)")
    _check_writable_folder(out if out.exists() else _nearest_existing(out), out, label)


def check_output_file(path: Path, label: str) -> None:
    """Raise ArgumentError unless a file can be written at ``path`` (its folder created if needed)."""
    if path.is_dir():
        raise ArgumentError(f"{label} {path}: is a folder; give a file name such as {path / 'run.json'}")
    _check_writable_folder(_nearest_existing(path.parent), path, label)


def _nearest_existing(path: Path) -> Path:
    """Return ``path`` or its closest ancestor that exists."""
    path = Path(os.path.abspath(path))
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def _check_writable_folder(folder: Path, target: Path, label: str) -> None:
    """Raise ArgumentError when ``target`` cannot be created under the existing ``folder``."""
    if not folder.is_dir():
        raise ArgumentError(f"{label} {target}: {folder} is a file, not a folder; choose a path in a folder")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ArgumentError(f"{label} {target}: cannot write in {folder} (read-only or no permission); "
                            "choose a folder you can write to")


def check_base_url(value: str, label: str = "--base-url") -> None:
    """Raise ArgumentError unless ``value`` is http(s)://host, //host, a /path or empty."""
    try:
        safe_base_url(value)
    except ValueError:
        raise ArgumentError(f"{label} {value!r}: needs a scheme; give https://{value.lstrip('/')}, "
                            f"//{value.lstrip('/')} or a /path") from None


def archive_formats(out: Path) -> set[str]:
    """Return the generators ``out`` already holds a site or posts for."""
    return {fmt for fmt in FORMATS
            if any((out / name).exists() for name in CONFIG_NAMES[fmt]) or (out / POSTS_DIRS[fmt]).is_dir()}


def check_format_switch(out: Path, fmt: str, force: bool, label: str = "--format") -> None:
    """Raise ArgumentError when ``out`` holds another generator's archive and not ``fmt``'s."""
    present = archive_formats(out)
    if force or not present or fmt in present:
        return
    other = sorted(present)[0].capitalize()
    raise ArgumentError(f"{label} {fmt}: {out} is a {other} archive; writing {fmt.capitalize()} posts would start "
                        f"a second site beside it: give --format {sorted(present)[0]}, another --out, "
                        "or --force-format to do it anyway")


def check_run_settings(settings: BaseSettings, label: Label = setting_label,
                       extra_files: dict[str, str | None] | None = None) -> None:
    """Check the paths, base URL and format a crawl with ``settings`` will use; raise ArgumentError."""
    check_profile_dirs(settings.getlist("NEWSCRAWL_PROFILE_DIRS"), label("NEWSCRAWL_PROFILE_DIRS"))
    out = Path(settings.get("NEWSCRAWL_OUT") or ".")
    check_out_folder(out, label("NEWSCRAWL_OUT"))
    files = {label(name): settings.get(name) for name in FILE_SETTINGS}
    for option, value in {**files, **(extra_files or {})}.items():
        if value:
            check_output_file(Path(value), option)
    check_base_url(settings.get("NEWSCRAWL_BASE_URL") or "", label("NEWSCRAWL_BASE_URL"))
    fmt = settings.get("NEWSCRAWL_FORMAT")
    if fmt not in FORMATS:
        raise ArgumentError(f"{label('NEWSCRAWL_FORMAT')} {fmt!r}: must be one of {', '.join(FORMATS)}")
    check_format_switch(out, fmt, settings.getbool("NEWSCRAWL_FORCE_FORMAT"), label("NEWSCRAWL_FORMAT"))


def profile_sections(profile: SiteProfile) -> set[str] | None:
    """Return the section names a profile's start points carry; None when editions name them as they come."""
    if "epaper" in profile.modes:
        return None  # 版面 names are read from each day's edition
    starts = list(profile.listing.start_urls) if profile.listing else []
    for mode in ("feed", "sitemap", "urls"):
        if mode in profile.modes_config:
            starts += mode_config(profile, mode).urls
    return {s.section for s in starts if s.section}


def check_section(section: str | None, profiles: list[SiteProfile], label: str = "--section") -> None:
    """Raise ArgumentError when no profile of the run can have ``section``."""
    if not section:
        return
    known = {_who(p): profile_sections(p) for p in profiles}
    if any(names is None or section.strip() in names for names in known.values()):
        return
    if not any(known.values()):
        raise ArgumentError(f"{label} {section!r}: {', '.join(known)} name no sections; leave {label} out")
    listed = "; ".join(f"{who}: {', '.join(sorted(names)) or 'none'}" for who, names in known.items())
    raise ArgumentError(f"{label} {section!r}: no section of that name (sections — {listed}); "
                        "give one of those, or leave --section out")


def _who(profile: SiteProfile) -> str:
    """Return how a message names a profile: its slug, or 'URLs' for one-off URLs."""
    return "URLs without a profile" if "oneoff" in profile.modes_config else profile.slug
