"""Idempotent writes: decide what to do with an article before touching disk.

The decision only reads the store. After writing a ``created`` or
``updated`` post, the caller stores it with
:meth:`StateStore.upsert_article`; after a ``duplicate`` drop it links the
URL to the existing article with :meth:`StateStore.record_url`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

from newscrawl.state.records import ArticleRecord, path_text
from newscrawl.state.store import StateStore

CREATED, UPDATED, UNCHANGED, DROPPED = "created", "updated", "unchanged", "dropped"


@dataclass(frozen=True)
class WriteDecision:
    """What to do with one article, and where its post lives.

    ``kind`` is a :class:`RunSummary` kind. ``existing`` is the stored article
    the decision rests on (the same key, the duplicate, the path's owner).
    """

    kind: str
    path: str
    reason: str | None = None
    existing: ArticleRecord | None = None

    @property
    def should_write(self) -> bool:
        """Return whether the post file must be (re)written."""
        return self.kind in (CREATED, UPDATED)


def decide_write(store: StateStore, key: str, fingerprint: str,
                 path: str | PurePath) -> WriteDecision:
    """Return whether the article under ``key`` is new, changed, unchanged or dropped.

    Same key: unchanged when the fingerprint matches, else updated in place
    (the stored path wins, so a story never moves). New key: dropped when
    retention pruned it, when its text is already archived under another
    key, or when another article owns ``path``; otherwise created.
    """
    wanted = path_text(path)
    previous = store.lookup_article(key)
    if previous is not None:
        return _decide_known(previous, fingerprint)
    duplicate = store.find_by_fingerprint(fingerprint)
    if duplicate is not None:
        return _decide_duplicate(duplicate)
    owner = store.find_by_path(wanted)
    if owner is not None:
        return _decide_taken_path(owner, wanted)
    return WriteDecision(CREATED, wanted)


def _decide_known(previous: ArticleRecord, fingerprint: str) -> WriteDecision:
    """Return the decision for an article already stored under its key."""
    if previous.is_pruned:
        return WriteDecision(DROPPED, previous.path, _pruned_reason(previous), previous)
    if previous.fingerprint == fingerprint:
        return WriteDecision(UNCHANGED, previous.path, existing=previous)
    return WriteDecision(UPDATED, previous.path, existing=previous)


def _decide_duplicate(duplicate: ArticleRecord) -> WriteDecision:
    """Return the decision for new text that is already archived elsewhere."""
    if duplicate.is_pruned:
        return WriteDecision(DROPPED, duplicate.path, _pruned_reason(duplicate), duplicate)
    reason = f"duplicate of {duplicate.key} ({duplicate.path}) from {duplicate.url}"
    return WriteDecision(DROPPED, duplicate.path, reason, duplicate)


def _decide_taken_path(owner: ArticleRecord, wanted: str) -> WriteDecision:
    """Return the decision when another article (or a pruned post) owns the path."""
    if owner.is_pruned:
        return WriteDecision(DROPPED, wanted, _pruned_reason(owner), owner)
    reason = f"path {wanted} already holds {owner.key}"
    return WriteDecision(DROPPED, wanted, reason, owner)


def _pruned_reason(record: ArticleRecord) -> str:
    """Return the drop reason for an article retention removed."""
    return f"pruned by retention on {record.pruned:%Y-%m-%d}"
