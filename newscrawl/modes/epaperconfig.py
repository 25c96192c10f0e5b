r"""Validate a profile's ``epaper`` block: one layout, or layouts by date.

A site that changed its e-paper software keeps one layout per period; each
names the day it starts (``from``), and a day is read with the last layout
that started on or before it. A layout may live on other hosts than the
profile (``base_url``, ``hosts``) and may read article pages with its own
``selectors`` (merged over the profile's)::

    epaper:
      recent_days: 1
      layouts:
        - edition: "html/{yyyy}-{mm}/{dd}/node_187.htm"   # before the first `from`
          base_url: "http://epaper.old.example.cn/paper/"
          pages: 'node_\d+\.htm$'
          articles: 'content_\d+\.htm$'
        - from: 2023-01-01
          month_index: "html/{yyyy}-{mm}/navi.xml"         # no edition: refs resolve in the day folder
          pages: 'node_\d+\.htm$'
          articles: 'content_\d+_\d+\.htm$'
          selectors: {body: "#ozoom"}

Without ``layouts``, the layout keys sit directly under ``epaper``. Beside them,
``sections`` lists the 版面 names the paper prints (``[要闻, 综合]``): a run's
``--section`` must be one of them or a 版 number (``01``, ``A01``, ``第3版``), so
that a misspelt name stops the run before its first request. ``page_files: true``
keeps each 版面's PDF and page image in the archive, linked from that page's
posts (``modes/pagefiles.py``, ``pipelines/pagefiles.py``); off by default.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urljoin, urlsplit

from newscrawl.extract.page import SELECTOR_FIELDS
from newscrawl.modes.checker import Checker
from newscrawl.modes.editions import TEMPLATE_FIELDS, fill_template

LAYOUT_KEYS = {"edition", "month_index", "pages", "articles", "section_selector", "base_url", "hosts", "selectors"}


@dataclass(frozen=True)
class EpaperLayout:
    """How one period of a 数字报 is laid out: its URLs, link rules and selectors."""

    pages: re.Pattern  # links to other 版面 pages
    articles: re.Pattern  # links to article pages
    edition: str | None = None  # front-page URL template, e.g. html/{yyyy}-{mm}/{dd}/node_1.htm
    month_index: str | None = None  # navi.xml/period.xml URL template listing the month's editions
    section_selector: str | None = None  # where a 版面 page names itself
    starts: date | None = None  # first day of this layout (None: since the beginning)
    base_url: str | None = None  # where relative templates resolve (None: the profile's)
    hosts: tuple[str, ...] = ()  # hosts of this layout's pages (empty: the profile's)
    selectors: dict = field(default_factory=dict)  # article selectors over the profile's

    def url(self, template: str, day: date, profile_base: str | None) -> str:
        """Return ``template`` filled for ``day`` and resolved against this layout's base."""
        return fill_template(template, day, self.base_url or profile_base)

    def day_folder(self, day: date, profile_base: str | None) -> str:
        """Return the URL month-index references of ``day`` resolve against.

        The front page's folder when an edition template is given, else the
        day's folder beside the month index (``html/2023-05/`` → ``html/2023-05/19/``).
        """
        if self.edition:
            return self.url(self.edition, day, profile_base)
        return urljoin(self.url(self.month_index, day, profile_base), f"{day.day:02d}/")

    def allows(self, url: str) -> bool | None:
        """Return whether ``url`` is on this layout's hosts; None when it names none."""
        if not self.hosts:
            return None
        host = (urlsplit(url).hostname or "").lower()
        return any(host == h or host.endswith("." + h) for h in self.hosts)


@dataclass(frozen=True)
class EpaperConfig:
    """数字报 editions: a day's front page, its 版面 pages, their articles — per layout."""

    layouts: tuple[EpaperLayout, ...]  # by start day, the first open-ended
    recent_days: int = 1  # editions crawled when no --date/--since/--until is given
    sections: tuple[str, ...] = ()  # 版面 names the paper prints: what --section is checked against
    page_files: bool = False  # keep each 版面's PDF and page image, linked from its posts

    def layout_for(self, day: date) -> EpaperLayout:
        """Return the layout that applies to ``day``."""
        chosen = self.layouts[0]
        for layout in self.layouts[1:]:
            if layout.starts <= day:
                chosen = layout
        return chosen

    @property
    def hosts(self) -> tuple[str, ...]:
        """Return every host the layouts name."""
        return tuple(dict.fromkeys(h for layout in self.layouts for h in layout.hosts))


def epaper_config(raw: Any, path, base_url: str | None = None) -> EpaperConfig:
    """Return the validated ``epaper`` config of a profile."""
    if isinstance(raw, dict) and "layouts" in raw:
        c = Checker(raw, "epaper", path, base_url, {"layouts", "recent_days", "sections", "page_files"})
        items = raw.get("layouts")
        if not isinstance(items, list) or not items:
            raise c.fail("layouts", "must be a list of layouts, each with its keys and a `from` day")
        layouts = tuple(_layout(item, f"epaper.layouts[{i}]", path, base_url, first=i == 0)
                        for i, item in enumerate(items))
        for i, (before, after) in enumerate(zip(layouts, layouts[1:]), start=1):
            if before.starts is not None and after.starts <= before.starts:
                raise c.fail(f"layouts[{i}].from", f"{after.starts} must come after {before.starts}")
    else:
        c = Checker(raw, "epaper", path, base_url, LAYOUT_KEYS | {"recent_days", "sections", "page_files"})
        layouts = (_read_layout(c, path, base_url, starts=None),)
    return EpaperConfig(layouts=layouts, recent_days=c.count("recent_days", 1), sections=_sections(c),
                        page_files=c.flag("page_files"))


def _sections(c: Checker) -> tuple[str, ...]:
    """Return the ``sections`` list: the 版面 names (要闻, 综合) a run's --section may give."""
    names = c.raw.get("sections", [])
    if not isinstance(names, list) or not all(isinstance(n, str) and n.strip() for n in names):
        raise c.fail("sections", "must be a list of 版面 names, such as [要闻, 综合]")
    return tuple(n.strip() for n in names)


def _layout(raw: Any, where: str, path, base_url: str | None, first: bool) -> EpaperLayout:
    c = Checker(raw, where, path, base_url, LAYOUT_KEYS | {"from"})
    starts = _day(c, "from")
    if starts is None and not first:
        raise c.fail("from", "missing: every layout after the first says from which day it applies")
    return _read_layout(c, path, base_url, starts)


def _read_layout(c: Checker, path, base_url: str | None, starts: date | None) -> EpaperLayout:
    own_base = c.string("base_url")
    if own_base and not re.match(r"https?://[^/]", own_base):
        raise c.fail("base_url", f"{own_base!r} is not an http(s) URL")
    c.base_url = own_base or base_url
    edition = c.template("edition", False, TEMPLATE_FIELDS)
    month_index = c.template("month_index", False, TEMPLATE_FIELDS)
    if not edition and not month_index:
        raise c.fail("edition", "missing: give an edition template (or a month_index)")
    hosts = c.raw.get("hosts")
    if hosts is None:
        hosts = [urlsplit(own_base).hostname] if own_base else []
    elif not isinstance(hosts, list) or not all(isinstance(h, str) and h.strip() for h in hosts):
        raise c.fail("hosts", "must be a list of host names")
    return EpaperLayout(
        pages=c.regex("pages", required=True), articles=c.regex("articles", required=True),
        edition=edition, month_index=month_index, section_selector=c.string("section_selector"),
        starts=starts, base_url=own_base, hosts=tuple(h.strip().lower() for h in hosts),
        selectors=_selectors(c),
    )


def _day(c: Checker, key: str) -> date | None:
    value = c.raw.get(key)
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise c.fail(key, f"{value!r} is not a day like 2024-12-01") from None


def _selectors(c: Checker) -> dict[str, str]:
    value = c.raw.get("selectors")
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise c.fail("selectors", "must be a mapping of field to selector")
    for key, selector in value.items():
        if key not in SELECTOR_FIELDS:
            raise c.fail(f"selectors.{key}", f"unknown field (allowed: {', '.join(SELECTOR_FIELDS)})")
        if not isinstance(selector, str) or not selector.strip():
            raise c.fail(f"selectors.{key}", "must be a CSS selector or XPath string")
    return {key: selector.strip() for key, selector in value.items()}
