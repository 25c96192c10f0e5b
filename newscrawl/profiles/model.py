"""The in-memory shape of a site profile."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import tzinfo
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from newscrawl.extract.page import SELECTOR_FIELDS  # noqa: F401 (re-exported)
from newscrawl.modes.base import StartUrl  # noqa: F401 (re-exported: a listing's entry points)
from newscrawl.slugs import slugify  # noqa: F401 (re-exported: profiles name their slug with it)

if TYPE_CHECKING:  # pragma: no cover
    from newscrawl.profiles.verification import Verification


@dataclass(frozen=True)
class ListingMode:
    """Section listing pages with pagination, leading to article pages."""

    start_urls: tuple[StartUrl, ...]
    article_links: tuple[re.Pattern, ...]
    next_pages: tuple[re.Pattern, ...] = ()
    max_pages: int | None = None  # follow at most this many pages per start listing

    def is_article(self, url: str) -> bool:
        """Return True when ``url`` matches an article-link rule."""
        return any(p.search(url) for p in self.article_links)

    def is_next_page(self, url: str) -> bool:
        """Return True when ``url`` matches a pagination rule."""
        return any(p.search(url) for p in self.next_pages)


@dataclass(frozen=True)
class SiteProfile:
    """One newspaper: who it is, where to start, and how to read it.

    ``selectors`` maps a field name (see ``SELECTOR_FIELDS``) to a CSS selector,
    or to an XPath expression when it starts with ``/``, ``(`` or ``.``.
    """

    name: str
    slug: str
    label: str
    timezone: tzinfo
    path: str  # the file the profile came from, for error messages
    language: str = "zh"
    base_url: str | None = None
    allowed_hosts: tuple[str, ...] = ()
    verified: bool = False
    listing: ListingMode | None = None
    selectors: dict[str, str] = field(default_factory=dict)
    id_pattern: re.Pattern | None = None
    recheck_hours: float | None = None  # re-fetch archived articles younger than this
    render: str | None = None  # pages rendered in Chromium: "articles", "listings", "all"; None: off
    images: str | None = None  # pictures: "keep" (in the archive), "link" (the paper's), "none"; None: keep
    modes_config: dict = field(default_factory=dict)  # raw config of other modes
    verification: "Verification | None" = None  # what public evidence the profile was checked against

    @property
    def modes(self) -> tuple[str, ...]:
        """Return the names of the crawl modes this profile declares."""
        names = ["listing"] if self.listing else []
        names += [m for m in self.modes_config if m != "listing"]
        return tuple(names)

    def absolute(self, url: str) -> str:
        """Return ``url`` resolved against the profile's base URL."""
        return urljoin(self.base_url, url) if self.base_url else url

    def with_base_url(self, base_url: str) -> "SiteProfile":
        """Return a copy whose relative URLs resolve against ``base_url``.

        E-paper layouts with a site of their own are pointed at it too: a mirror
        serves one site, whatever the period.
        """
        from dataclasses import replace

        host = urlsplit(base_url).hostname or ""
        modes = dict(self.modes_config)
        epaper = modes.get("epaper")
        if isinstance(epaper, dict) and isinstance(epaper.get("layouts"), list):
            layouts = [{**layout, "base_url": base_url, "hosts": [host]} if "base_url" in layout else layout
                       for layout in epaper["layouts"] if isinstance(layout, dict)]
            modes["epaper"] = {**epaper, "layouts": layouts}
        return replace(self, base_url=base_url, allowed_hosts=(host,), modes_config=modes)

    def allows(self, url: str) -> bool:
        """Return True when ``url`` is on one of the profile's hosts."""
        host = (urlsplit(url).hostname or "").lower()
        if not self.allowed_hosts:
            return True
        return any(host == h or host.endswith("." + h) for h in self.allowed_hosts)
