"""Name post and category files so no id or slug can leave the archive.

Names use ASCII ``[A-Za-z0-9._-]`` only, never start with a dot, hold no
``..`` (Jekyll turns ``..`` in a URL into ``/``) and are at most
``MAX_NAME`` characters. A name that had to be changed gets a short hash of
the raw value appended, so two hostile ids never share one file.

An id names a file, it does not identify a story: two stories of one day
that share an id want one name. The first keeps it; the other gets
:func:`post_paths`' next name, the plain one with a short hash of its
identity (the canonical URL) before the suffix.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path, PurePosixPath
from typing import Any

#: Each archive format and the folder its posts live in.
POSTS_DIRS = {"jekyll": "_posts", "hugo": "content/posts"}
FORMATS = tuple(POSTS_DIRS)
MAX_NAME = 96
HASH_LEN = 12
DISTINCT_LEN = 8  # hex digits of the hash that tells a second story's name from the first's
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_DOTS = re.compile(r"\.{2,}")
_DASHES = re.compile(r"-{2,}")
_EDGES = "._-"
_DAY_NAME = re.compile(r"^\d{4}-\d{2}-\d{2}-(.+)$")


def check_format(fmt: str) -> str:
    """Return fmt when it names a supported generator; raise ValueError otherwise."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown archive format {fmt!r}; expected one of {FORMATS}")
    return fmt


def short_hash(raw: str) -> str:
    """Return a short stable hex digest of raw."""
    data = raw.encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()[:HASH_LEN]


def safe_name(raw: str) -> str:
    """Return raw as a filesystem- and URL-safe ASCII name.

    An unchanged safe value is returned as it is; a changed or truncated one
    keeps its safe part plus ``-<hash>``; when nothing safe remains the name
    is the hash alone.
    """
    cleaned = _UNSAFE.sub("-", raw)
    cleaned = _DASHES.sub("-", _DOTS.sub(".", cleaned)).strip(_EDGES)
    if cleaned == raw and len(cleaned) <= MAX_NAME:
        return cleaned
    keep = cleaned[: MAX_NAME - HASH_LEN - 1].rstrip(_EDGES)
    return f"{keep}-{short_hash(raw)}" if keep else short_hash(raw)


def publication_day(published: datetime | date | None) -> date:
    """Return the day the item was published, in its own time zone.

    Raises ValueError when there is no date.
    """
    if published is None:
        raise ValueError("item has no publication date")
    return published.date() if isinstance(published, datetime) else published


def _item_name(item: Any) -> str:
    """Return the safe file name stem (without date) for an item's id."""
    raw = getattr(item, "id", None)
    if raw is None or not str(raw).strip():
        raise ValueError(f"item {getattr(item, 'url', '?')!r} has no id")
    return safe_name(str(raw))


def post_path(item: Any, fmt: str = "jekyll") -> PurePosixPath:
    """Return the post's plain path relative to the archive root: ``<folder>/<day>-<id>.md``.

    Raises ValueError when the id or publication date is missing.
    """
    folder = POSTS_DIRS[check_format(fmt)]
    day = publication_day(getattr(item, "published", None))
    return PurePosixPath(folder, f"{day.isoformat()}-{_item_name(item)}.md")


def post_paths(wanted: str | PurePosixPath, identity: str) -> Iterator[str]:
    """Yield the names a story may take, best first: ``wanted``, then ones only ``identity`` gives.

    The second is ``wanted`` with ``-<hash of identity>`` before its suffix;
    later ones (for a hash that is taken too) hash ``identity`` with a count.
    The names are the same in every run, whatever order stories come in.
    """
    wanted = PurePosixPath(wanted)
    yield wanted.as_posix()
    attempt = 0
    while True:
        raw = identity if attempt == 0 else f"{identity}\n{attempt}"
        yield wanted.with_name(f"{wanted.stem}-{short_hash(raw)[:DISTINCT_LEN]}{wanted.suffix}").as_posix()
        attempt += 1


def post_name(item: Any) -> str:
    """Return the name a post is published under: its file name without day and suffix.

    That is the file name of ``item.path`` when the item has one (a second
    story of its id has a name of its own), else the id made safe.
    """
    path = getattr(item, "path", None)
    match = _DAY_NAME.match(PurePosixPath(path).stem) if path else None
    return match.group(1) if match else _item_name(item)


def category_path(slug: str, fmt: str = "jekyll") -> PurePosixPath:
    """Return the category page's path relative to the archive root."""
    name = category_slug(slug)
    if check_format(fmt) == "jekyll":
        return PurePosixPath("category", f"{name}.html")
    return PurePosixPath("content", "categories", name, "_index.md")


def category_slug(slug: str | None) -> str:
    """Return the category slug made safe; raise ValueError when it is blank."""
    if slug is None or not slug.strip():
        raise ValueError("category slug is missing")
    return safe_name(slug.strip())


def category_url(slug: str, fmt: str = "jekyll") -> str:
    """Return the category page's URL path under the skeleton's permalinks."""
    name = category_slug(slug)
    if check_format(fmt) == "jekyll":
        return f"/category/{name}.html"
    return f"/categories/{name}/"


def post_url(item: Any, fmt: str = "jekyll") -> str:
    """Return the URL path the skeleton gives the post.

    Assumes the site time zone equals the item's own offset (the date in the
    URL is the day the generator computes in its configured zone). Jekyll's
    "pretty" slugify keeps every character a safe name may hold, and it puts
    categories in URLs in lower case.
    """
    day = publication_day(getattr(item, "published", None))
    dated = f"{day.year:04d}/{day.month:02d}/{day.day:02d}"
    name = post_name(item)
    if check_format(fmt) == "hugo":
        return f"/posts/{dated}/{name}/"
    slug = getattr(item, "category", None)
    prefix = f"/{category_slug(slug).lower()}" if slug and slug.strip() else ""
    return f"{prefix}/{dated}/{name}.html"


def resolve_inside(root: Path, rel: PurePosixPath | str) -> Path:
    """Return root/rel resolved, raising ValueError if it would leave root."""
    rel = PurePosixPath(rel)
    text = str(rel)
    if rel.is_absolute() or "\x00" in text or ".." in rel.parts or text in ("", "."):
        raise ValueError(f"refusing archive path {text!r}")
    base = Path(root).resolve()
    target = base.joinpath(*rel.parts).resolve()
    if not target.is_relative_to(base) or target == base:
        raise ValueError(f"archive path {text!r} resolves outside {base}")
    return target
