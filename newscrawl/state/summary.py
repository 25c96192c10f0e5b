"""What one run did, as JSON for machines and one paragraph for people.

The JSON object always has the keys ``created``, ``updated``, ``unchanged``,
``dropped`` and ``failed``, in that order; each is a list of objects with
``url``, plus ``path`` (posts) and ``reason`` (drops and failures); a
picture that could not be kept is a failure whose ``url`` is the picture's,
with ``article``, the URL of the post that links the paper's copy. Then two
counts: ``skipped_known``, how many archived articles the run did not fetch
again, and ``skipped_dropped``, how many it left alone because an earlier run
dropped them (each drop is listed once, by the run that dropped it). Then
``skipped``: the records of API lists that led to no article, counted by
reason (outside the date window, off the profile's hosts, not an article
link, a topic row, no id …), and ``selectors``: for each profile and field
with a selector, the pages it was tried on and those it matched nothing on
(``{"jiangxiribao": {"body": {"missed": 3, "pages": 4}}}``): a site that
changed its markup shows here before anyone reads the posts.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path, PurePath

from newscrawl.archive.write import write_text_atomic

POST_KINDS = ("created", "updated", "unchanged")
PROBLEM_KINDS = ("dropped", "failed")
KINDS = POST_KINDS + PROBLEM_KINDS

# How many distinct reasons the human summary spells out per kind.
_REASONS_SHOWN = 3


class RunSummary:
    """Collect the outcome of every article a run handled."""

    def __init__(self) -> None:
        self._entries: dict[str, list[dict[str, str]]] = {kind: [] for kind in KINDS}
        self.skipped_known = 0  # archived articles not fetched again (no entry each: there may be thousands)
        self.skipped_dropped = 0  # articles earlier runs dropped, not fetched again
        self.skipped: dict[str, int] = {}  # API list records that led to no article, by reason
        self.selectors: dict[str, dict[str, dict[str, int]]] = {}  # profile -> field -> missed, pages

    def add(self, kind: str, url: str, path: str | PurePath | None = None,
            reason: str | None = None, article: str | None = None) -> None:
        """Record one outcome.

        Raises ``ValueError`` for an unknown kind, a post kind without a
        ``path`` or a drop/failure without a ``reason``.
        """
        if kind not in self._entries:
            raise ValueError(f"unknown summary kind {kind!r}; expected one of {KINDS}")
        if kind in POST_KINDS and path is None:
            raise ValueError(f"a {kind!r} entry needs the post's path")
        if kind in PROBLEM_KINDS and not reason:
            raise ValueError(f"a {kind!r} entry needs a reason")
        entry = {"url": url}
        if path is not None:
            entry["path"] = PurePath(path).as_posix()
        if reason:
            entry["reason"] = reason
        if article:
            entry["article"] = article
        self._entries[kind].append(entry)

    def entries(self, kind: str) -> list[dict[str, str]]:
        """Return a copy of the entries of one kind."""
        return [dict(entry) for entry in self._entries[kind]]

    def counts(self) -> dict[str, int]:
        """Return how many entries each kind has."""
        return {kind: len(items) for kind, items in self._entries.items()}

    def has_changes(self) -> bool:
        """Return whether the run created or updated any post."""
        return bool(self._entries["created"] or self._entries["updated"])

    def to_dict(self) -> dict:
        """Return the summary as plain data: kinds in their fixed order, the two skipped counts, skips, selectors."""
        return {**{kind: self.entries(kind) for kind in KINDS}, "skipped_known": self.skipped_known,
                "skipped_dropped": self.skipped_dropped, "skipped": dict(self.skipped),
                "selectors": {slug: {name: dict(counts) for name, counts in fields.items()}
                              for slug, fields in self.selectors.items()}}

    def drifted(self) -> list[tuple[str, str, int, int]]:
        """Return (profile, field, missed, pages) for each selector that matched nothing on more than half its pages."""
        return [(slug, name, c["missed"], c["pages"]) for slug, fields in self.selectors.items()
                for name, c in fields.items() if c["pages"] and c["missed"] * 2 > c["pages"]]

    def to_json(self) -> str:
        """Return the summary as indented JSON (non-ASCII kept readable)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"

    def write(self, path: Path) -> None:
        """Write the JSON to ``path`` atomically (a reader never sees half)."""
        write_text_atomic(Path(path), self.to_json())

    def human(self) -> str:
        """Return a one-paragraph account of the run for stderr."""
        counts = self.counts()
        parts = [f"{counts[kind]} {kind}" for kind in KINDS]
        text = "newscrawl: " + ", ".join(parts) + "."
        for kind in PROBLEM_KINDS:
            reasons = self._top_reasons(kind)
            if reasons:
                text += f" {kind.capitalize()}: {reasons}."
        return text

    def _top_reasons(self, kind: str) -> str:
        """Return the commonest reasons of one kind as ``reason ×n`` text."""
        tally = Counter(entry["reason"] for entry in self._entries[kind])
        shown = [f"{reason} ×{n}" for reason, n in tally.most_common(_REASONS_SHOWN)]
        hidden = len(tally) - len(shown)
        if hidden > 0:
            shown.append(f"{hidden} more reason{'s' if hidden > 1 else ''}")
        return "; ".join(shown)
