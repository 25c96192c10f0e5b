"""Read an ``api`` feed's categories: one fixed category, a category per media name, or a map of names.

See :mod:`newscrawl.modes.config` for the keys; errors name the file and the dotted key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newscrawl.modes.checker import Checker

MEDIA = "media"  # ``category: media``: each record's media name is its category
_SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")
_LINK = re.compile(r"/[A-Za-z0-9._~/-]*")


@dataclass(frozen=True)
class FixedCategory:
    """The one category every record of a feed is filed under."""

    slug: str
    label: str
    link: str | None = None  # back-link path on the archive site (/emnews/); None: the category page


def category_of(c: Checker) -> tuple[bool, FixedCategory | None]:
    """Return (media_categories, fixed category) from ``category``."""
    value = c.raw.get("category")
    if value is None:
        return False, None
    if value == MEDIA:
        if "media" not in c.raw.get("fields", {}):
            raise c.fail("category", "'media' needs fields.media")
        return True, None
    if not isinstance(value, dict) or set(value) - {"slug", "label", "link"} or "slug" not in value:
        raise c.fail("category", "must be 'media' (a category per media name) or a mapping with "
                                 "slug (and label, link)")
    slug, label, link = value["slug"], value.get("label") or value["slug"], value.get("link")
    if not isinstance(slug, str) or not _SLUG.fullmatch(slug):
        raise c.fail("category.slug", f"{slug!r} must be lower-case ASCII letters, digits and '-'")
    if not isinstance(label, str) or not label.strip():
        raise c.fail("category.label", "must be a non-empty string")
    if link is not None and not (isinstance(link, str) and _LINK.fullmatch(link)):
        raise c.fail("category.link", f"{link!r} must be a path on the archive site, like /emnews/")
    return False, FixedCategory(slug, label.strip(), link)


def categories_of(c: Checker) -> dict[str, tuple[str, str]] | None:
    """Return the media name -> (slug, label) map; a missing label is ``<name>新闻``."""
    value = c.raw.get("categories")
    if value is None:
        return None
    if not isinstance(value, dict) or not value:
        raise c.fail("categories", "must map a media name to {slug, label}")
    out = {}
    for media, target in value.items():
        key = f"categories.{media}"
        if isinstance(target, str):
            target = {"slug": target}
        if not isinstance(target, dict) or set(target) - {"slug", "label"} or "slug" not in target:
            raise c.fail(key, "must be a slug or a mapping with slug (and label)")
        slug, label = target["slug"], target.get("label") or f"{str(media).strip()}新闻"
        if not isinstance(slug, str) or not _SLUG.fullmatch(slug):
            raise c.fail(f"{key}.slug", f"{slug!r} must be lower-case ASCII letters, digits and '-'")
        if not isinstance(label, str):
            raise c.fail(f"{key}.label", "must be a string")
        out[str(media).strip()] = (slug, label)
    return out
