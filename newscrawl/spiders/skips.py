"""What a run passed over without a word before: list records it skipped, profile selectors that matched nothing.

Both are counted in the crawl's stats as they happen (any process of the
crawl may read a list page or an article), and read back from the stats when
the run is reported: the summary's ``skipped`` (reason -> records) and
``selectors`` (profile -> field -> pages missed of pages read).
"""

from __future__ import annotations

from typing import Any, Iterable

SKIPPED_STAT = "newscrawl/records_skipped/"  # + reason: records of an API list that led to no article
SELECTOR_STAT = "newscrawl/selectors/"  # + "<slug>/<field>/pages" and "<slug>/<field>/missed"


def count_selectors(stats, profile, missed: Iterable[str]) -> None:
    """Count one page read with ``profile``'s selectors, and each field whose selector matched nothing."""
    missed = set(missed)
    for name in profile.selectors:
        stats.inc_value(f"{SELECTOR_STAT}{profile.slug}/{name}/pages")
        if name in missed:
            stats.inc_value(f"{SELECTOR_STAT}{profile.slug}/{name}/missed")


def skipped_records(stats: dict[str, Any]) -> dict[str, int]:
    """Return how many list records the run skipped, by reason, the commonest first."""
    counts = {key[len(SKIPPED_STAT):]: value for key, value in stats.items() if key.startswith(SKIPPED_STAT)}
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def selector_misses(stats: dict[str, Any]) -> dict[str, dict[str, dict[str, int]]]:
    """Return, per profile and field, the pages its selector was tried on and those it matched nothing on."""
    out: dict[str, dict[str, dict[str, int]]] = {}
    for key, value in sorted(stats.items()):
        if not key.startswith(SELECTOR_STAT):
            continue
        slug, name, kind = key[len(SELECTOR_STAT):].rsplit("/", 2)
        counts = out.setdefault(slug, {}).setdefault(name, {"missed": 0, "pages": 0})
        counts[kind] = value
    return out
