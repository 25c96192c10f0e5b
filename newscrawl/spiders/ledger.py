"""The spider's books: every article page scheduled until it has an outcome, every start page until one answers.

An article request is entered when the engine schedules it and settled when
it has an outcome: a post, a drop or a failure. What is still open when the
crawl closes never had one: the crawl stopped before (or a component lost
the request), and the run summary must say so rather than forget it. A profile
none of whose start pages answered fails the run.
"""

from __future__ import annotations

from collections import Counter


class Ledger:
    """Open article requests by URL, and start pages sent and answered per profile."""

    def __init__(self) -> None:
        self._open: dict[str, str] = {}  # url -> "" while no outcome is known
        self.starts_sent: Counter[str] = Counter()  # profile slug -> start requests sent
        self.starts_answered: Counter[str] = Counter()  # profile slug -> start pages answered 2xx

    def enter(self, url: str) -> None:
        """Open the books on a scheduled article URL."""
        self._open[url] = ""

    def settle(self, url: str | None) -> None:
        """Close the books on ``url`` (doing so twice, or for a URL never entered, is harmless)."""
        if url is not None:
            self._open.pop(url, None)

    def unsettled(self) -> list[str]:
        """Return the article URLs that never had an outcome, in the order they were accepted."""
        return list(self._open)

    def unreached_profiles(self) -> list[str]:
        """Return the slugs of profiles that sent start requests of which none answered."""
        return sorted(slug for slug, sent in self.starts_sent.items() if sent and not self.starts_answered[slug])
