"""The jobs the pool's processes run: read an article page, publish a post.

Light to import on purpose (no Scrapy, no Twisted): the fork server loads
this module, the extractor and the archive once (``processes.PRELOAD``), and
every worker it forks has them already. A job names its function and
arguments by module path, so anything a job carries must live in a module
as light as this one.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import tzinfo
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from newscrawl.archive import render_post, write_text_atomic
from newscrawl.extract.text import clean_text
from newscrawl.state import content_fingerprint

if TYPE_CHECKING:
    from newscrawl.extract import Extracted

#: How the clean pipeline cleans the text it stores (pipelines/clean.py): what a fingerprint hashes.
stored_text = partial(clean_text, nfc=True)


@dataclass(frozen=True)
class Reading:
    """What the extractor reads of a profile (its selectors, zone and language), small to send."""

    selectors: dict
    timezone: tzinfo | None
    language: str | None

    @classmethod
    def of(cls, profile) -> "Reading | None":
        """Return the reading of ``profile`` (None stays None)."""
        if profile is None:
            return None
        return cls(dict(profile.selectors), profile.timezone, profile.language)


def read_article(html: bytes, url: str | None, profile=None, charset: str | None = None) -> \
        tuple[Extracted, str | None]:
    """Return what ``extract_article`` finds in ``html``, and the fingerprint of its title and body.

    The fingerprint is :func:`text_fingerprint` of the page's own title and
    paragraphs: the item's, once cleaned, when its title is the page's.
    Computed here, next to the text, it costs the crawl no second job.
    """
    from newscrawl.extract.article import extract_article  # loaded before the fork (PRELOAD)

    fields = extract_article(html, url, profile, charset)
    return fields, text_fingerprint(fields.title, fields.paragraphs)


def text_fingerprint(title: str | None, paragraphs: list[str]) -> str | None:
    """Return the content fingerprint of a title and body as the clean pipeline leaves them.

    None when no letter or digit is left to hash (the decide pipeline then
    says why, as for any item).
    """
    cleaned = (stored_text(paragraph) for paragraph in paragraphs)
    try:
        return content_fingerprint(stored_text(title) if title else "", [p for p in cleaned if p])
    except ValueError:
        return None


def publish_post(target: Path, item, base_url: str, fmt: str) -> tuple[str, str]:
    """Render ``item`` and write it to ``target`` atomically.

    Return what happened to the file (created, updated or unchanged) and a
    hash of the rendered bytes (the state keeps it: the mark of a post we wrote).
    """
    text = render_post(item, base_url=base_url, fmt=fmt)
    return write_text_atomic(target, text), hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()
