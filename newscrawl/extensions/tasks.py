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
from pathlib import Path

from newscrawl.archive import render_post, write_text_atomic


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


def publish_post(target: Path, item, base_url: str, fmt: str) -> tuple[str, str]:
    """Render ``item`` and write it to ``target`` atomically.

    Return what happened to the file (created, updated or unchanged) and a
    hash of the rendered bytes (the state keeps it: the mark of a post we wrote).
    """
    text = render_post(item, base_url=base_url, fmt=fmt)
    return write_text_atomic(target, text), hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()
