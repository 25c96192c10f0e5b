"""Rows of the state database as typed records, and their time encodings.

Times the store makes (first seen, updated, pruned, run start/finish) are
stored as UTC ISO 8601. ``published`` keeps the site's own offset, or is a
bare ``YYYY-MM-DD`` when the page gave only a day.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from pathlib import PurePath
from typing import Any

ARTICLE_COLUMNS = ("key, url, fingerprint, path, published, first_seen, updated, pruned, "
                   "etag, last_modified, checked, rendered, pictures_missing, picture_tries, source_fields")
RUN_COLUMNS = "id, started, finished, status, info, counts"


@dataclass(frozen=True)
class ArticleRecord:
    """One archived article: its key, where it came from and where it lives.

    ``path`` is relative to the archive root in POSIX form
    (``_posts/2022-03-17-NW1.md``). ``pruned`` is when retention removed the
    post, else ``None``. ``etag`` and ``last_modified`` are the validators the
    site sent with the page (for conditional re-checks); ``checked`` is when
    the page was last fetched; ``rendered`` hashes the post bytes newscrawl
    wrote (``None``: the post came from elsewhere, e.g. an adopted archive);
    ``pictures_missing`` counts the pictures its post links because keeping
    them failed for a reason that may pass, ``picture_tries`` the runs in a
    row that left some missing (later runs fetch the article again for them,
    a few times); ``source_fields`` the fields its listing, feed or API gave
    when it was last written (``None``: not known, stored by an older
    newscrawl or adopted).
    """

    key: str
    url: str
    fingerprint: str
    path: str
    published: datetime | date | None
    first_seen: datetime
    updated: datetime
    pruned: datetime | None = None
    etag: str | None = None
    last_modified: str | None = None
    checked: datetime | None = None
    rendered: str | None = None
    pictures_missing: int = 0
    picture_tries: int = 0
    source_fields: dict[str, Any] | None = None

    @property
    def last_known(self) -> datetime:
        """Return the last time the page was seen as archived (its last check, else its last change)."""
        return max(self.updated, self.checked) if self.checked else self.updated

    @property
    def is_pruned(self) -> bool:
        """Return whether retention has removed this article's post."""
        return self.pruned is not None


@dataclass(frozen=True)
class DroppedRecord:
    """A URL whose page could not become a post: why, and when it was dropped."""

    url: str
    reason: str
    dropped: datetime


@dataclass(frozen=True)
class RunRecord:
    """One crawl run: when, how it ended and what it counted."""

    id: int
    started: datetime
    finished: datetime | None
    status: str
    info: Any
    counts: dict[str, int] = field(default_factory=dict)


def require_aware(moment: datetime, name: str) -> datetime:
    """Return the moment unchanged; raise ``ValueError`` when it is naive."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be a timezone-aware datetime, got {moment!r}")
    return moment


def now_or_utc(now: datetime | None) -> datetime:
    """Return ``now`` checked for a time zone, or the current UTC time."""
    if now is None:
        return datetime.now(timezone.utc)
    return require_aware(now, "now")


def utc_text(moment: datetime) -> str:
    """Return an aware moment as UTC ISO 8601 text."""
    return moment.astimezone(timezone.utc).isoformat()


def parse_moment(text: str | None) -> datetime | None:
    """Return the datetime stored as ISO text, or ``None`` for NULL."""
    return datetime.fromisoformat(text) if text else None


def published_text(published: datetime | date | None) -> str | None:
    """Return ``published`` as stored text (a date stays a bare day)."""
    if published is None:
        return None
    if isinstance(published, datetime):
        return require_aware(published, "published").isoformat()
    return published.isoformat()


def parse_published(text: str | None) -> datetime | date | None:
    """Return the stored ``published`` value as a datetime, a date or ``None``."""
    if not text:
        return None
    if len(text) == 10:
        return date.fromisoformat(text)
    return datetime.fromisoformat(text)


def latest_moment(published: datetime | date, zone: tzinfo) -> datetime:
    """Return the latest moment ``published`` may stand for.

    A bare day may mean any time that day, so it counts as the end of the
    day in ``zone``: re-check windows then err on the side of fetching.
    """
    if isinstance(published, datetime):
        return published
    return datetime.combine(published + timedelta(days=1), time(), tzinfo=zone)


def due_for_recheck(published: datetime | date | None, first_seen: datetime | None, now: datetime,
                    recheck_hours: float | None) -> bool:
    """Return whether an archived article is young enough to fetch again for corrections.

    Its age runs from its publication (a bare day: that day's end in ``now``'s
    zone), or, lacking a date, from when it was first seen.
    """
    if not recheck_hours or first_seen is None:
        return False
    try:
        born = latest_moment(published, now.tzinfo) if published is not None else first_seen
    except OverflowError:  # a day at the end of the calendar: no later than now, whatever it is
        return True
    return now - born <= timedelta(hours=recheck_hours)


def path_text(path: str | PurePath) -> str:
    """Return a post path as stored: POSIX separators."""
    return PurePath(path).as_posix()


def article_from_row(row: tuple) -> ArticleRecord:
    """Return the record for an ``articles`` row selected with ``ARTICLE_COLUMNS``."""
    (key, url, fingerprint, path, published, first_seen, updated, pruned, etag, last_modified, checked, rendered,
     pictures_missing, picture_tries, source_fields) = row
    return ArticleRecord(
        key=key,
        url=url,
        fingerprint=fingerprint,
        path=path,
        published=parse_published(published),
        first_seen=parse_moment(first_seen),
        updated=parse_moment(updated),
        pruned=parse_moment(pruned),
        etag=etag,
        last_modified=last_modified,
        checked=parse_moment(checked),
        rendered=rendered,
        pictures_missing=pictures_missing or 0,
        picture_tries=picture_tries or 0,
        source_fields=json.loads(source_fields) if source_fields else None,
    )


def run_from_row(row: tuple) -> RunRecord:
    """Return the record for a ``runs`` row selected with ``RUN_COLUMNS``."""
    run_id, started, finished, status, info, counts = row
    return RunRecord(
        id=run_id,
        started=parse_moment(started),
        finished=parse_moment(finished),
        status=status,
        info=json.loads(info),
        counts=json.loads(counts) if counts else {},
    )

