"""Check a run before its first request: setting values, output paths, base URL, format, section.

Both the ``newscrawl`` command and ``scrapy crawl news`` call these; each check
raises :class:`ArgumentError` with one line naming what is wrong and what would
be right, and none of them writes anything.
"""

from __future__ import annotations

import difflib
import json
import os
import tempfile
from pathlib import Path
from typing import Any, Callable, Iterable

from scrapy.settings import BaseSettings, Settings

from newscrawl.archive.paths import FORMATS, POSTS_DIRS
from newscrawl.archive.safety import safe_base_url
from newscrawl.archive.skeleton import CONFIG_NAMES
from newscrawl.mirrors import Mirrors
from newscrawl.modes.config import mode_config
from newscrawl.modes.editions import split_label
from newscrawl.profiles import SiteProfile
from newscrawl.settings_registry import FILE, FOLDER, FOLDERS, SETTINGS, settings_of_kind
from newscrawl.spiders.arguments import ArgumentError

Label = Callable[[str], str]
#: File settings a run opens and writes to; the others (--summary, --jsonl, the state) it replaces.
APPENDED_FILES = ("LOG_FILE",)


def setting_label(name: str) -> str:
    """Return how ``scrapy crawl`` users name a setting: ``-s NAME``."""
    return f"-s {name}"


def given(label: str, value: Any) -> str:
    """Return a setting as the user gave it: ``-s NAME=VALUE`` or ``--option VALUE``."""
    return f"{label}={value}" if label.startswith("-s ") else f"{label} {value}"


def check_setting_values(overrides: dict[str, Any], defaults: BaseSettings) -> None:
    """Raise ArgumentError for a ``-s`` value its setting cannot take (NEWSCRAWL_LIMIT=2.5).

    A registered setting is checked against its kind and range; an unknown
    ``NEWSCRAWL_*`` name is refused (with a close match); another Scrapy setting
    is checked against its default's type, and unknown names pass: they may
    belong to add-ons.
    """
    for name, value in overrides.items():
        if name in SETTINGS:
            _check_registered(name, value, setting_label)
        elif name not in defaults:
            if name.startswith("NEWSCRAWL_"):
                known = [n for n in SETTINGS if n.startswith("NEWSCRAWL_")]
                close = difflib.get_close_matches(name, known, n=1)
                hint = f"did you mean {close[0]}?" if close else "see the settings table in README.md"
                raise ArgumentError(f"-s {name}: no such newscrawl setting; {hint}")
        elif isinstance(value, str):
            expected = _expected_kind(name, defaults[name], value)
            if expected:
                raise ArgumentError(f"-s {name}={value}: must be {expected}")


def check_registered_settings(settings: BaseSettings, label: Label = setting_label) -> None:
    """Raise ArgumentError for any registered setting whose value in ``settings`` its kind refuses."""
    for name in SETTINGS:
        if name in settings:
            _check_registered(name, settings[name], label)


def _check_registered(name: str, value: Any, label: Label) -> None:
    problem = SETTINGS[name].problem(value)
    if problem:
        raise ArgumentError(f"{given(label(name), value)}: {problem}")


def _expected_kind(name: str, default: Any, value: str) -> str | None:
    """Return what ``value`` should have been for an unregistered setting whose default is ``default``."""
    probe = Settings({name: value})
    try:
        if isinstance(default, bool):
            probe.getbool(name)
        elif isinstance(default, (int, float)):
            probe.getfloat(name)  # Scrapy reads some whole-number defaults as floats (timeouts)
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


def check_archive_folder(out: Path, label: str = "--out") -> None:
    """Raise ArgumentError unless ``out`` is an existing archive folder this run can write in."""
    if not out.is_dir():
        what = "is a file" if out.exists() else "does not exist"
        raise ArgumentError(f"{label} {out}: {what}; give the archive folder a crawl wrote")
    check_out_folder(out, label)


def check_output_file(path: Path, label: str, appended: bool = False) -> None:
    """Raise ArgumentError unless a file can be written at ``path`` (its folder created if needed).

    ``appended``: the file is opened and written to (a log), not replaced, so an
    existing device such as /dev/stderr will do.
    """
    if path.is_dir():
        raise ArgumentError(f"{label} {path}: is a folder; give a file name such as {path / 'run.json'}")
    if appended and path.exists():
        if not os.access(path, os.W_OK):
            raise ArgumentError(f"{label} {path}: cannot write to it (read-only or no permission)")
        return
    if path.exists() and not path.is_file():
        # written beside and renamed over: a device or pipe would be replaced, not written to
        raise ArgumentError(f"{label} {path}: is not a regular file (a device, pipe or socket); "
                            "give the name of a file to write, such as run.json")
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
    refused = _creation_refused(folder)
    if refused:
        raise ArgumentError(f"{label} {target}: cannot create anything in {folder} ({refused}); "
                            "choose a folder you can write to")


def _creation_refused(folder: Path) -> str | None:
    """Return why nothing can be created in ``folder`` (/proc, /sys, a full or odd file system); None if it can.

    Permission bits do not tell (root may write anywhere they say, and /proc
    takes no new files), so an empty folder is made and removed again, and
    the folder's times are put back: nothing is left.
    """
    times = folder.stat()
    try:
        probe = tempfile.mkdtemp(prefix=".newscrawl-probe-", dir=folder)
    except OSError as exc:
        return exc.strerror or str(exc)
    os.rmdir(probe)
    try:
        os.utime(folder, ns=(times.st_atime_ns, times.st_mtime_ns))
    except OSError:
        pass  # the times are cosmetic; what matters is that the probe is gone
    return None


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
    """Check every registered value, and the paths, base URL and format a crawl with ``settings`` uses.

    Raises ArgumentError; ``extra_files`` are files named by options, not settings (``--summary``).
    """
    check_registered_settings(settings, label)
    for name in settings_of_kind(FOLDERS):
        check_profile_dirs(settings.getlist(name), label(name))
    out = Path(settings.get("NEWSCRAWL_OUT") or ".")
    check_out_folder(out, label("NEWSCRAWL_OUT"))
    for name in settings_of_kind(FOLDER):
        if name != "NEWSCRAWL_OUT" and settings.get(name):
            check_out_folder(Path(settings.get(name)), label(name))
    files = {label(name): (settings.get(name), name in APPENDED_FILES) for name in settings_of_kind(FILE)}
    files.update({option: (value, False) for option, value in (extra_files or {}).items()})
    for option, (value, appended) in files.items():
        if value:
            check_output_file(Path(value), option, appended)
    check_base_url(settings.get("NEWSCRAWL_BASE_URL") or "", label("NEWSCRAWL_BASE_URL"))
    try:
        Mirrors.parse(settings.getlist("NEWSCRAWL_MIRRORS"))
    except ValueError as exc:
        raise ArgumentError(f"{label('NEWSCRAWL_MIRRORS')}: {exc}") from None
    fmt = settings.get("NEWSCRAWL_FORMAT")
    check_format_switch(out, fmt, settings.getbool("NEWSCRAWL_FORCE_FORMAT"), label("NEWSCRAWL_FORMAT"))
    if settings.getbool("NEWSCRAWL_RECHECK") and not (settings.getbool("NEWSCRAWL_STATE_ENABLED")
                                                      and settings.get("NEWSCRAWL_OUT")):
        raise ArgumentError(f"{label('NEWSCRAWL_RECHECK')}: re-checks the articles the archive's state "
                            f"records, but this run keeps none ({label('NEWSCRAWL_STATE_ENABLED')} is off); "
                            "drop one or the other")


def profile_sections(profile: SiteProfile) -> set[str]:
    """Return the section names a profile's start points carry, and the 版面 names its e-paper lists."""
    starts = list(profile.listing.start_urls) if profile.listing else []
    for mode in ("feed", "sitemap", "urls"):
        if mode in profile.modes_config:
            starts += mode_config(profile, mode).urls
    names = {s.section for s in starts if s.section}
    if "api" in profile.modes_config:
        names |= {feed.section for feed in mode_config(profile, "api").feeds if feed.section}
    if "epaper" in profile.modes:
        names |= set(mode_config(profile, "epaper").sections)
    return names


def check_section(section: str | None, profiles: list[SiteProfile], label: str = "--section") -> None:
    """Raise ArgumentError when no profile of the run can have ``section``.

    An e-paper's 版面 are named in each edition; its profile lists the names it
    prints (``epaper.sections``), and a 版 number (``01``, ``A3``) is always taken.
    """
    if not section:
        return
    known = {_who(p): profile_sections(p) for p in profiles}
    epapers = [_who(p) for p in profiles if "epaper" in p.modes]
    name = split_label(section)[1] or section.strip()  # "第02版：要闻" names 要闻
    if any(section.strip() in names or name in names for names in known.values()) or \
            (epapers and is_page_number(section)):
        return
    numbers = f"; or a 版 number such as 01 or A01 ({', '.join(epapers)})" if epapers else ""
    if not any(known.values()) and not epapers:
        raise ArgumentError(f"{label} {section!r}: {', '.join(known)} name no sections; leave {label} out")
    listed = "; ".join(f"{who}: {', '.join(sorted(names)) or 'none'}" for who, names in known.items())
    raise ArgumentError(f"{label} {section!r}: no section of that name (sections — {listed}{numbers}); "
                        f"give one of those, or leave {label} out")


def is_page_number(section: str) -> bool:
    """Return True when ``section`` names an e-paper page by its number ("01", "A3", "第3版", "03版")."""
    wanted = section.strip()
    number, name = split_label(wanted if "版" in wanted else f"{wanted}版")
    return number is not None and not name


def _who(profile: SiteProfile) -> str:
    """Return how a message names a profile: its slug, or 'URLs' for one-off URLs."""
    return "URLs without a profile" if "oneoff" in profile.modes_config else profile.slug
