"""Whether to fetch an article URL again, and how: the plan a crawl asks the state for.

- A URL never seen is fetched.
- An archived article is fetched again when its listing, sitemap, feed or API
  record says it changed after we last saw it (``modified``), or while it is
  young enough for corrections (``recheck_hours``). Either way the request is
  conditional (``If-None-Match`` / ``If-Modified-Since`` from the validators
  the site sent last time), so an unchanged page costs a 304 and nothing more.
- A URL that was dropped (no date, not HTML, too large …) is not fetched again,
  unless its source says it changed since, or the run retries drops.
- An archived article whose post links pictures that could not be kept (for
  a reason that may pass: a server error, a timeout) is fetched again, in
  full, by the next runs, until they are kept or ``PICTURE_TRIES`` runs in a
  row have tried.
- An archived article is also fetched again, conditionally, whatever its age,
  when the run re-checks its window (``--recheck``: "the site corrected
  something") and the article was published in it.
- A pruned article is never fetched again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Callable

from newscrawl.state.pictures import PICTURE_TRIES
from newscrawl.state.records import ArticleRecord, due_for_recheck, require_aware
from newscrawl.state.store import StateStore

NEW, RECHECK, MODIFIED, RETRY, PICTURES = "new", "recheck", "modified", "retry", "pictures"  # reasons to fetch
ARCHIVED, DROPPED, PRUNED = "archived", "dropped", "pruned"  # reasons not to


@dataclass(frozen=True)
class FetchPlan:
    """Whether to fetch a URL (``why`` says why or why not), with the headers and post of a re-check."""

    fetch: bool
    why: str
    headers: dict[str, str] = field(default_factory=dict)  # conditional request headers
    path: str | None = None  # the archived post a 304 leaves as it is
    published: datetime | date | None = None  # the archived story's publication, for a page that gives none

    def __bool__(self) -> bool:
        return self.fetch


#: A run's --recheck: True for the publication moment of an archived article to re-check now.
RecheckTest = Callable[[datetime | date | None], bool]


def plan_fetch(store: StateStore, url: str, now: datetime, recheck_hours: float | None = None,
               modified: datetime | None = None, retry_dropped: bool = False,
               recheck: RecheckTest | None = None) -> FetchPlan:
    """Return whether (and how) to fetch ``url`` now; ``modified`` is when its source says it last changed.

    ``recheck`` (``--recheck``) says which archived articles to re-check whatever their age.
    Raises ``ValueError`` for a URL that is not absolute http(s) or a naive ``now``.
    """
    now = require_aware(now, "now")
    modified = _aware(modified)
    seen, record = store.lookup_url(url)
    if record is not None:
        return _plan_archived(record, now, recheck_hours, modified, recheck)
    if seen:  # a URL linked to an archived story it copies
        return FetchPlan(False, ARCHIVED)
    dropped = store.lookup_dropped(url)
    if dropped is None:
        return FetchPlan(True, NEW)
    if retry_dropped or (modified is not None and modified > dropped.dropped):
        return FetchPlan(True, RETRY)
    return FetchPlan(False, DROPPED)


def conditional_headers(record: ArticleRecord) -> dict[str, str]:
    """Return the headers that ask the site for the page only if it changed since we stored it."""
    headers = {}
    if record.etag:
        headers["If-None-Match"] = record.etag
    if record.last_modified:
        headers["If-Modified-Since"] = record.last_modified
    return headers


def _plan_archived(record: ArticleRecord, now: datetime, recheck_hours: float | None,
                   modified: datetime | None, recheck: RecheckTest | None = None) -> FetchPlan:
    if record.is_pruned:
        return FetchPlan(False, PRUNED)
    if record.pictures_missing and record.picture_tries < PICTURE_TRIES:
        return FetchPlan(True, PICTURES, {}, record.path, record.published)
    if recheck is not None and record.published is not None and recheck(record.published):
        return FetchPlan(True, RECHECK, conditional_headers(record), record.path, record.published)
    if modified is not None and modified > record.last_known:
        return FetchPlan(True, MODIFIED, conditional_headers(record), record.path, record.published)
    if due_for_recheck(record.published, record.first_seen, now, recheck_hours):
        return FetchPlan(True, RECHECK, conditional_headers(record), record.path, record.published)
    return FetchPlan(False, ARCHIVED)


def _aware(moment: datetime | None) -> datetime | None:
    """Return ``moment`` with UTC attached when it has no zone (a source that gave none)."""
    if isinstance(moment, datetime) and moment.tzinfo is None:
        return moment.replace(tzinfo=timezone.utc)
    return moment if isinstance(moment, datetime) else None
