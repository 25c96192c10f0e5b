"""Write a minimal Jekyll or Hugo site skeleton that builds the archive as it is.

Layouts are data files under ``skeletons/<fmt>/``; the config is generated so
the time zone and title are quoted correctly. Jekyll posts get the permalink
``/:categories/:year/:month/:day/:title.html`` (``/jiangxiribao/2022/03/17/
NW….html``), Hugo posts ``/posts/:year/:month/:day/:slug/``. Existing files are
never overwritten: a user's own files win.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from newscrawl.archive.frontmatter import yaml_list, yaml_str
from newscrawl.archive.paths import check_format, resolve_inside
from newscrawl.archive.safety import safe_base_url

logger = logging.getLogger(__name__)

# ":output_ext" (not ".html") so Jekyll also gives pages like category/x.html
# URLs ending in .html (Utils.add_permalink_suffix, Jekyll 3.x and 4.x).
JEKYLL_PERMALINK = "/:categories/:year/:month/:day/:title:output_ext"
HUGO_PERMALINK = "/posts/:year/:month/:day/:slug/"
# Present in any of these means "this is already a site": write nothing.
CONFIG_NAMES = {
    "jekyll": ("_config.yml", "_config.yaml", "_config.toml"),
    "hugo": ("hugo.toml", "hugo.yaml", "hugo.json", "config.toml", "config.yaml", "config.json"),
}
# Files a crawl may keep beside the posts that must not be published.
JEKYLL_EXCLUDE = (
    "README.md", "Gemfile", "Gemfile.lock", "node_modules", "vendor",
    "*.sqlite", "*.sqlite3", "*.db", "*.lock", "*.jsonl", "*.log",
)
# Build output and caches, so an archive kept in git holds only sources.
GITIGNORE = {
    "jekyll": "_site/\n.jekyll-cache/\n.jekyll-metadata\n.sass-cache/\n",
    "hugo": "public/\nresources/_gen/\n.hugo_build.lock\n",
}
_TOML_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def toml_str(value: str) -> str:
    """Return value as a TOML basic string."""
    out = []
    for ch in value:
        if ch in _TOML_ESCAPES:
            out.append(_TOML_ESCAPES[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def base_path(base_url: str) -> str:
    """Return the path part of the site's public URL (``/site`` of ``https://host/site/``), or ''."""
    return urlsplit(safe_base_url(base_url)).path.rstrip("/")


def jekyll_config(timezone: str, title: str, base_url: str = "") -> str:
    """Return the text of a Jekyll ``_config.yml`` for the archive (``baseurl`` from base_url's path)."""
    return "\n".join([
        "# Written by newscrawl: builds with Jekyll 3.x (GitHub Pages) and 4.x, no plugins.",
        f"title: {yaml_str(title)}",
        f"timezone: {yaml_str(timezone)}",
        "# The path the site is served under (from --base-url); layouts link through relative_url.",
        f"baseurl: {yaml_str(base_path(base_url), quote=True)}",
        "# Posts live at /<category slug>/YYYY/MM/DD/<id>.html",
        f"permalink: {yaml_str(JEKYLL_PERMALINK)}",
        "# Build posts even when the crawl clock ran ahead of the build clock.",
        "future: true",
        "markdown: kramdown",
        "plugins: []",
        f"exclude: {yaml_list(JEKYLL_EXCLUDE)}",
        "",
    ])


def hugo_config(timezone: str, title: str, base_url: str = "") -> str:
    """Return the text of a Hugo ``config.toml`` (read by 0.111 and later); baseURL from base_url."""
    return "\n".join([
        "# Written by newscrawl: a minimal site with its own layouts.",
        f"baseURL = {toml_str(safe_base_url(base_url) + '/')}",
        f"title = {toml_str(title)}",
        f"timeZone = {toml_str(timezone)}",
        "# Keep article ids as they are in URLs (NW2022… stays upper case).",
        "disablePathToLower = true",
        "buildFuture = true",
        "",
        "[markup.goldmark.renderer]",
        "# Post bodies are sanitised HTML written by newscrawl.",
        "unsafe = true",
        "",
        "[taxonomies]",
        'category = "categories"',
        'tag = "tags"',
        "",
        "[permalinks]",
        f"posts = {toml_str(HUGO_PERMALINK)}",
        "",
    ])


def _check_timezone(timezone: str) -> str:
    """Return timezone when it is a known IANA zone; raise ValueError otherwise."""
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown time zone {timezone!r}") from exc
    return timezone


def _walk(folder: Traversable, prefix: PurePosixPath) -> Iterator[tuple[PurePosixPath, Traversable]]:
    """Yield (relative path, resource) for every file below folder."""
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        rel = prefix / entry.name
        if entry.is_dir():
            yield from _walk(entry, rel)
        elif entry.is_file():
            yield rel, entry


def skeleton_files(fmt: str, *, timezone: str, title: str, base_url: str = "") -> dict[PurePosixPath, str]:
    """Return every skeleton file for fmt as {relative path: text}."""
    check_format(fmt)
    _check_timezone(timezone)
    folder = resources.files("newscrawl.archive").joinpath("skeletons", fmt)
    files = {rel: res.read_text(encoding="utf-8") for rel, res in _walk(folder, PurePosixPath())}
    if fmt == "jekyll":
        files[PurePosixPath("_config.yml")] = jekyll_config(timezone, title, base_url)
    else:
        files[PurePosixPath("config.toml")] = hugo_config(timezone, title, base_url)
    files[PurePosixPath(".gitignore")] = GITIGNORE[fmt]  # dotfiles skip package data
    return files


def _create_new(path: Path, text: str) -> bool:
    """Create path with text unless it exists; return True when written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except FileExistsError:
        return False
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
        handle.write(text)
    return True


def has_site_config(out: Path, fmt: str = "jekyll") -> bool:
    """Return True when out already holds a config file for fmt."""
    return any((Path(out) / name).exists() for name in CONFIG_NAMES[check_format(fmt)])


def ensure_skeleton(
    out: Path, fmt: str = "jekyll", *, timezone: str = "Asia/Shanghai", title: str = "newscrawl archive",
    base_url: str = "",
) -> list[Path]:
    """Write a buildable site skeleton into out unless it has a config; return files written.

    ``base_url`` is the site's public URL; its path becomes the config's base path.
    """
    out = Path(out)
    if has_site_config(out, fmt):
        return []
    files = skeleton_files(fmt, timezone=timezone, title=title, base_url=base_url)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for rel, text in files.items():
        path = resolve_inside(out, rel)
        if _create_new(path, text):
            written.append(path)
        else:
            logger.info("kept existing %s", path)
    return written
