"""What a re-extraction changed in the archive's posts, field by field.

:class:`FieldChanges` reads each archived post when its stored page is
answered (before anything can be written), and again when the archive pipeline
reports it: a front-matter key, or the body, that gained a value, changed or
lost it is counted for that field (``author: 120 gained, 3 changed``). A post
the pipelines left as it was counts nowhere.
"""

from __future__ import annotations

import logging
from collections import Counter
from pathlib import Path

from scrapy import signals as scrapy_signals
from scrapy.exceptions import NotConfigured

from newscrawl import signals
from newscrawl.adopt.posts import PostError, split_front_matter

logger = logging.getLogger(__name__)

POST_PATH = "reextract_path"  # request meta: the archived post a re-extracted page belongs to
BODY = "body"
OUTCOMES = ("gained", "changed", "lost")


def post_fields(text: str) -> dict[str, object]:
    """Return a post's front-matter values and its body (under "body"); {} when it is no post."""
    try:
        front, body = split_front_matter(text)
    except PostError:
        return {}
    return {**{str(k): v for k, v in (front or {}).items()}, BODY: body.strip()}


def field_changes(before: dict, after: dict) -> dict[str, str]:
    """Return each field whose value differs between two posts: "gained", "changed" or "lost"."""
    found = {}
    for name in dict.fromkeys([*before, *after]):
        old, new = before.get(name), after.get(name)
        if old == new or (_empty(old) and _empty(new)):
            continue
        found[name] = "gained" if _empty(old) else "lost" if _empty(new) else "changed"
    return found


def _empty(value) -> bool:
    return value is None or value == "" or value == [] or value == {}


class FieldChanges:
    """Count, per field, the posts a re-extraction changed (NEWSCRAWL_WARC_REEXTRACT runs only)."""

    def __init__(self, out: Path):
        self.out = out
        self.tally: dict[str, Counter[str]] = {}
        self._before: dict[str, dict] = {}  # post path -> its fields, read before the page was extracted

    @classmethod
    def from_crawler(cls, crawler) -> "FieldChanges":
        """Listen to answered pages and written posts; NotConfigured outside a re-extraction."""
        settings = crawler.settings
        if not settings.getbool("NEWSCRAWL_WARC_REEXTRACT") or not settings.getlist("NEWSCRAWL_WARC_SOURCE"):
            raise NotConfigured
        changes = cls(Path(settings.get("NEWSCRAWL_OUT")))
        crawler.signals.connect(changes.response_received, signal=scrapy_signals.response_received)
        crawler.signals.connect(changes.post_written, signal=signals.post_written)
        return changes

    @classmethod
    def of(cls, crawler) -> "FieldChanges | None":
        """Return the crawl's component, or None when it has none."""
        try:
            return crawler.get_extension(cls)
        except RuntimeError:
            return None

    def response_received(self, response, request, spider=None) -> None:
        """Read the archived post of a re-extracted page as it is now."""
        path = request.meta.get(POST_PATH)
        if path and path not in self._before:
            self._before[path] = self._read(path)

    def post_written(self, item, path: str, status: str, rendered: str | None = None) -> None:
        """Count the fields of ``path`` that the write changed."""
        before = self._before.pop(path, None)
        if before is None or status != "updated":
            return
        for name, outcome in field_changes(before, self._read(path)).items():
            self.tally.setdefault(name, Counter())[outcome] += 1

    def _read(self, path: str) -> dict:
        try:
            return post_fields((self.out / path).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            logger.debug("cannot read %s: %s", path, exc)
            return {}

    def report(self) -> dict[str, dict[str, int]]:
        """Return the counts per field: {"author": {"gained": 120, "changed": 3, "lost": 0}}, fields sorted."""
        return {name: {o: self.tally[name][o] for o in OUTCOMES} for name in sorted(self.tally)}


def report_lines(report: dict[str, dict[str, int]]) -> list[str]:
    """Return one line per changed field: ``author: 120 posts gained one, 3 changed``."""
    lines = []
    for name, counts in report.items():
        words = []
        if counts["gained"]:
            words.append(f"{counts['gained']} post{'s' * (counts['gained'] != 1)} gained one")
        if counts["changed"]:
            words.append(f"{counts['changed']} changed")
        if counts["lost"]:
            words.append(f"{counts['lost']} lost it")
        lines.append(f"{name}: {', '.join(words)}")
    return lines
