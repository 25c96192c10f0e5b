"""Group corpus pages by site and split every set into a tuning half and a checking half.

A rule written while looking at some pages is judged on pages of *other* sites:
two pages of one site share a template, so a split by page would let a
site-specific rule pass as general. The split is by site and deterministic.

Site key of a page:
- its URL's host, reduced to the registrable part (``news.sina.com.cn`` ->
  ``sina.com.cn``, ``www.faz.net`` -> ``faz.net``); a Wayback Machine URL
  counts as the page it archived;
- ``zh-news`` has URLs for a few pages only; its ids are ``<site>_<n>``
  (``163_1``, ``sina_sina``), so the id's prefix is the key for every page;
- ``trafilatura-dev`` labels some pages ``hard::<file>`` instead of a URL, where
  the file name starts with the domain (``elfaro.net-asamblea.html``,
  ``pcgamer.com.skyrim.html``): the domain is the name up to the first ``-``,
  else the name without its last dotted part.

The split: sites in order of size (largest first, ties by a hash of the key)
each go to the half that has fewer pages so far (a tie goes by the hash). The
halves are balanced in pages, every site sits wholly in one, and the
assignment needs no random seed.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import urlsplit

TUNE, CHECK = "tune", "check"
HALVES = (TUNE, CHECK)
_WAYBACK = re.compile(r"^https?://web\.archive\.org/web/[^/]+/(?P<url>.+)$")
# Second-level labels under a country code that registrars sell under (co.uk, com.cn, gob.mx).
_SECOND_LEVEL = {"co", "com", "org", "net", "gov", "edu", "ac", "gob", "or", "ne", "go", "nic", "mil"}


def registrable(host: str) -> str:
    """Return the registrable part of a host name ("news.bbc.co.uk" -> "bbc.co.uk")."""
    labels = [label for label in host.lower().strip(".").split(".") if label]
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def _label_domain(label: str) -> str:
    """Return the domain a ``hard::<file>`` label's file name starts with."""
    name = label.split("::", 1)[1].removesuffix(".html")
    return name.split("-", 1)[0] if "-" in name else name.rsplit(".", 1)[0]


def site_key(set_name: str, row: dict) -> str:
    """Return the site a corpus page comes from (see the module docstring)."""
    if set_name == "zh-news":
        return row["id"].rsplit("_", 1)[0]
    url = row.get("url") or ""
    if "::" in url and "://" not in url:
        return registrable(_label_domain(url))
    wayback = _WAYBACK.match(url)
    if wayback:
        inner = wayback.group("url")
        url = inner if "://" in inner else "http://" + inner
    host = urlsplit(url).hostname
    return registrable(host) if host else row["id"]


def _hash(key: str) -> int:
    """Return a stable integer for ``key`` (Python's own hash changes between runs)."""
    return int.from_bytes(hashlib.sha1(key.encode("utf-8")).digest()[:8], "big")


def split_halves(set_name: str, rows: list[dict]) -> dict[str, str]:
    """Return page id -> ``tune`` or ``check`` for the rows of one set."""
    sites: dict[str, list[str]] = {}
    for row in rows:
        sites.setdefault(site_key(set_name, row), []).append(row["id"])
    sizes = {TUNE: 0, CHECK: 0}
    half_of: dict[str, str] = {}
    for key in sorted(sites, key=lambda k: (-len(sites[k]), _hash(k))):
        if sizes[TUNE] != sizes[CHECK]:
            half = TUNE if sizes[TUNE] < sizes[CHECK] else CHECK
        else:
            half = HALVES[_hash(key) % 2]
        sizes[half] += len(sites[key])
        for page_id in sites[key]:
            half_of[page_id] = half
    return half_of


FOLDS = 5  # folds to measure on; one more, the last fold, stays closed until a change is final
LAST_FOLD = FOLDS


def split_folds(set_name: str, rows: list[dict], folds: int = FOLDS) -> dict[str, int]:
    """Return page id -> fold number: 0 .. folds-1 to measure on, ``folds`` for the last (closed) fold.

    Sites go, largest first (ties by hash), to the group that has the fewest pages so
    far (ties by hash): every site sits wholly in one fold, the folds are balanced in
    pages, and the split needs no random seed.
    """
    sites: dict[str, list[str]] = {}
    for row in rows:
        sites.setdefault(site_key(set_name, row), []).append(row["id"])
    groups = folds + 1
    sizes = [0] * groups
    fold_of: dict[str, int] = {}
    for key in sorted(sites, key=lambda k: (-len(sites[k]), _hash(k))):
        start = _hash("fold:" + key) % groups
        fold = min(range(groups), key=lambda g: (sizes[g], (g - start) % groups))
        sizes[fold] += len(sites[key])
        for page_id in sites[key]:
            fold_of[page_id] = fold
    return fold_of


def extractor_url(row: dict) -> str | None:
    """Return the URL to give the extractor: None for a label that is not a URL."""
    url = row.get("url")
    return url if url and "://" in url else None
