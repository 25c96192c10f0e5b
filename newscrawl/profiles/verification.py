"""A profile's verification record: what public evidence it was checked against, and what is open.

In YAML::

    verification:
      checked: 2025-06-01                # the day the evidence was read
      live: null                         # the day `newscrawl check SLUG --live` last passed, if ever
      evidence:                          # what each source shows, and the date it shows
        - source: "DIYgod/RSSHub lib/routes/people/rmrb.ts"
          shows: "pc layout: #list li a → node_NN.html; .news-list a → content_N.html; 本版责编 entries"
          dated: 2026-07
      unconfirmed:                       # what no public source shows: check these first
        - "the day the pc layout replaced html/…/nbs.D110000renmrb_NN.htm"
      confirm:                           # optional: commands a user runs to confirm it by hand
        - "curl -sI https://paper.people.com.cn/rmrb/pc/layout/202503/18/node_01.html"

``newscrawl check SLUG`` (and ``--live``) prints the ``confirm`` commands.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from newscrawl.errors import ProfileError

KEYS = {"checked", "live", "evidence", "unconfirmed", "confirm"}
EVIDENCE_KEYS = {"source", "shows", "dated"}


@dataclass(frozen=True)
class Evidence:
    """One public source a profile was checked against."""

    source: str  # repository + path, or a URL pattern
    shows: str  # what the source shows of the site's structure
    dated: str  # the date (or year-month) the source shows the site at


@dataclass(frozen=True)
class Verification:
    """What a profile was checked against, when, and what remains unconfirmed."""

    checked: date
    evidence: tuple[Evidence, ...]
    unconfirmed: tuple[str, ...] = ()
    live: date | None = None  # last clean live check
    confirm: tuple[str, ...] = ()  # shell commands that confirm the profile by hand


def parse_verification(value: Any, path) -> Verification:
    """Return the ``verification`` block of a profile; raise ProfileError naming the key."""

    def fail(key: str, reason: str) -> Exception:
        return ProfileError(path, f"verification.{key}" if key else "verification", reason)

    if not isinstance(value, dict):
        raise fail("", "must be a mapping with checked, evidence and unconfirmed")
    unknown = sorted(set(map(str, value)) - KEYS)
    if unknown:
        raise fail(unknown[0], f"unknown key (allowed: {', '.join(sorted(KEYS))})")
    checked = _day(value.get("checked"), lambda r: fail("checked", r), required=True)
    live = _day(value.get("live"), lambda r: fail("live", r), required=False)
    items = value.get("evidence")
    if not isinstance(items, list) or not items:
        raise fail("evidence", "missing: list the public sources the profile was checked against")
    evidence = tuple(_evidence(item, lambda k, r, i=i: fail(f"evidence[{i}]{k}", r))
                     for i, item in enumerate(items))
    open_points = value.get("unconfirmed") or []
    if not isinstance(open_points, list) or not all(isinstance(p, str) and p.strip() for p in open_points):
        raise fail("unconfirmed", "must be a list of what is not yet confirmed")
    commands = value.get("confirm") or []
    if not isinstance(commands, list) or not all(isinstance(c, str) and c.strip() for c in commands):
        raise fail("confirm", "must be a list of shell commands that confirm the profile by hand")
    return Verification(checked=checked, evidence=evidence, unconfirmed=tuple(p.strip() for p in open_points),
                        live=live, confirm=tuple(" ".join(c.split()) for c in commands))


def _evidence(item: Any, fail) -> Evidence:
    if not isinstance(item, dict):
        raise fail("", "must be a mapping with source, shows and dated")
    unknown = sorted(set(map(str, item)) - EVIDENCE_KEYS)
    if unknown:
        raise fail(f".{unknown[0]}", f"unknown key (allowed: {', '.join(sorted(EVIDENCE_KEYS))})")
    values = {}
    for key in sorted(EVIDENCE_KEYS):
        value = item.get(key)
        if isinstance(value, date):
            value = value.isoformat()
        if not isinstance(value, (str, int)) or not str(value).strip():
            raise fail(f".{key}", "missing" if value is None else "must be text")
        values[key] = str(value).strip()
    return Evidence(**values)


def _day(value: Any, fail, required: bool) -> date | None:
    if value is None:
        if required:
            raise fail("missing: the day the evidence was read, like 2025-06-01")
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise fail(f"{value!r} is not a day like 2025-06-01") from None
