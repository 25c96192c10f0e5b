"""The article URLs a run has seen: each fetched once, a refused one asked again only when a source says it changed.

A URL is known by its link key (its canonical form). The state may refuse a
URL (archived and not due, dropped before); another source may name it later
with a newer change date (a sitemap's ``lastmod`` after a listing's bare
link), and then the state is asked again. An archived story is fetched once a
run, through whichever of its URLs comes first.
"""

from __future__ import annotations

from datetime import datetime, timezone


class SeenArticles:
    """What this run fetched and what the state refused, by link key (and archived post)."""

    def __init__(self) -> None:
        self._fetched: set[str] = set()  # link keys, and "post:<path>" of each archived story fetched again
        self._refused: dict[str, datetime | None] = {}  # link key -> the latest change date it was refused with

    def may_ask(self, key: str, modified: datetime | None) -> bool:
        """Return True when the state should be asked about ``key`` (with the source's change date ``modified``)."""
        if key in self._fetched:
            return False
        return key not in self._refused or _later(modified, self._refused[key])

    def post_fetched(self, path: str | None) -> bool:
        """Return True when the archived post at ``path`` is fetched this run through another URL."""
        return path is not None and f"post:{path}" in self._fetched

    def refuse(self, key: str, modified: datetime | None) -> bool:
        """Remember that the state refused ``key``; return True the first time."""
        first = key not in self._refused
        earlier = self._refused.get(key)
        self._refused[key] = modified if _later(modified, earlier) else earlier
        return first

    def fetch(self, key: str, path: str | None) -> None:
        """Note that ``key`` is fetched (``path``: the archived post it re-checks)."""
        self._refused.pop(key, None)
        self._fetched.add(key)
        if path is not None:
            self._fetched.add(f"post:{path}")


def _later(modified: datetime | None, refused: datetime | None) -> bool:
    """Return True when a source's change date ``modified`` is later than ``refused`` (None: no date)."""
    if not isinstance(modified, datetime):
        return False
    return refused is None or _utc(modified) > _utc(refused)


def _utc(moment: datetime) -> datetime:
    """Return ``moment`` comparable with any other (one without a zone is taken as UTC, as the state does)."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=timezone.utc)
