"""Read a post file someone else wrote: its id, title, date, original URL and body.

The replaced system wrote ``_posts/<day>-<id>.md`` with a seed-shaped front
matter it did not escape (a title holding ``"`` is not valid YAML there), the
body HTML, an optional ``> digest`` line above it, then the original link
as ``<URL>`` and a ``[返回…]`` back-links line. newscrawl's own posts have
the same shape plus ``id`` and ``original_url`` keys. Reading never changes
the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from pathlib import Path

import yaml

from newscrawl.modes.timeparse import parse_moment

POST_FILE = re.compile(r"^(\d{4}-\d{2}-\d{2})-(.+)\.(?:md|markdown)$")
_LINK_LINE = re.compile(r"^<(https?://[^<>\s]+)>$")
_FRONT_LINE = re.compile(r"^([A-Za-z_][\w-]*):[ \t]*(.*)$")
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class PostError(ValueError):
    """A file is not a post that can be adopted; the message says why."""


@dataclass(frozen=True)
class ExistingPost:
    """What a post file says about its article."""

    id: str  # the site's id: the ``id`` key, else the file name after its day
    title: str
    url: str  # the original article's URL
    published: datetime | date
    body_html: str  # the body without digest, link and back-links lines


def read_post(path: Path, tz: tzinfo) -> ExistingPost:
    """Return what the post at ``path`` says; raise PostError naming what is missing.

    A date without offset is taken in ``tz``; without any date the file
    name's day stands.
    """
    match = POST_FILE.match(path.name)
    if match is None:
        raise PostError("file name is not YYYY-MM-DD-<id>.md")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise PostError(f"not UTF-8 text: {exc.reason}") from exc
    front, body = split_front_matter(text)
    title = _string(front.get("title"))
    if not title:
        raise PostError("no title in the front matter")
    lines = body.split("\n")
    url = _string(front.get("original_url")) or _link_line(lines)
    if not url:
        raise PostError("no original-link line (<http…>) and no original_url key")
    return ExistingPost(
        id=_string(front.get("id")) or match.group(2),
        title=title,
        url=url,
        published=_published(front.get("date"), tz) or date.fromisoformat(match.group(1)),
        body_html=_body(lines),
    )


def original_url(path: Path) -> str | None:
    """Return the original article URL a post file names (``original_url`` key, else its ``<http…>`` line).

    None when the file cannot be read as a post or names no URL.
    """
    try:
        front, body = split_front_matter(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, PostError):
        return None
    return _string(front.get("original_url")) or _link_line(body.split("\n"))


def split_front_matter(text: str) -> tuple[dict, str]:
    """Return the front matter as a dict and the body; raise PostError when there is none.

    Front matter that is not valid YAML (the replaced system's unescaped
    titles) is read line by line: ``key: value``, one pair of surrounding
    double quotes removed.
    """
    if not text.startswith("---\n"):
        raise PostError("no front matter (the file does not start with ---)")
    head, sep, body = text[4:].partition("\n---\n")
    if not sep:
        raise PostError("front matter is not closed by ---")
    try:
        front = yaml.load(head, Loader=_LOADER)
    except yaml.YAMLError:
        front = _front_lines(head)
    if not isinstance(front, dict):
        raise PostError("front matter is not a mapping")
    return front, body


def _front_lines(head: str) -> dict:
    """Return ``key: value`` lines as a dict, taking each value literally."""
    front = {}
    for line in head.split("\n"):
        match = _FRONT_LINE.match(line)
        if match:
            value = match.group(2).strip()
            if len(value) >= 2 and value[0] == value[-1] == '"':
                value = value[1:-1]
            front[match.group(1)] = value
    return front


def _link_line(lines: list[str]) -> str | None:
    """Return the URL of the last ``<http…>`` line, or None."""
    for line in reversed(lines):
        match = _LINK_LINE.match(line.strip())
        if match:
            return match.group(1)
    return None


def _body(lines: list[str]) -> str:
    """Return the body HTML: without the digest quote, link lines and back-links."""
    kept = [line for line in lines
            if not _LINK_LINE.match(line.strip()) and not line.startswith(("> ", "[返回"))]
    return "\n".join(kept).strip()


def _published(value, tz: tzinfo) -> datetime | date | None:
    """Return the front matter's date as an aware datetime (or a day), or None."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=tz)
    if isinstance(value, date):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        return date.fromisoformat(value.strip())
    return parse_moment(value, tz) if isinstance(value, str) else None


def _string(value) -> str | None:
    """Return a scalar front-matter value as stripped text, or None."""
    if value is None or isinstance(value, (dict, list, bool)):
        return None
    text = str(value).strip()
    return text or None
