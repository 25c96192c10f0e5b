"""Idempotent writes: decide what to do with an article before touching disk.

An article is known by its key, its canonical URL; its id only names its
post. A new story whose plain post name another story holds takes the next
name :func:`post_paths` gives it, so two stories never share a file and no
name changes between runs. The decision only reads the store. After writing
a ``created`` or ``updated`` post, the caller stores it with
:meth:`StateStore.upsert_article`; after a ``duplicate`` drop it links the
URL to the existing article with :meth:`StateStore.record_url`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath

from newscrawl.archive.paths import post_paths
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


def decide_write(store: StateStore, key: str, fingerprint: str, path: str | PurePath,
                 claimed: Callable[[str], bool] | None = None) -> WriteDecision:
    """Return whether the article under ``key`` is new, changed, unchanged or dropped, and where it lives.

    Same key: unchanged when the fingerprint matches, else updated in place
    (the stored path wins, so a story never moves). New key: dropped when
    retention pruned it or its text is already archived under another key;
    otherwise created at ``path``, or at the first of its distinct names that
    no stored article holds and ``claimed`` (a path a story decided in this
    run and not yet stored holds) does not refuse.
    """
    previous = store.lookup_article(key)
    if previous is not None:
        return _decide_known(previous, fingerprint)
    duplicate = store.find_by_fingerprint(fingerprint)
    if duplicate is not None:
        return _decide_duplicate(duplicate)
    return _decide_new(store, key, path_text(path), claimed)


def _decide_new(store: StateStore, key: str, wanted: str, claimed: Callable[[str], bool] | None) -> WriteDecision:
    """Return where a new story goes: the first of its names that no other story holds.

    A post retention removed that the state knows only by its path (a
    tombstone: an older system's post, URL unknown) may have been this very
    story, so its plain name is not given to a new one: the story is dropped.
    """
    owner = store.find_by_path(wanted)
    if owner is not None and owner.is_pruned and not owner.url:
        return WriteDecision(DROPPED, wanted, _pruned_reason(owner), owner)
    return WriteDecision(CREATED, free_post_path(store, key, wanted, claimed))


def free_post_path(store: StateStore, key: str, wanted: str | PurePath,
                   claimed: Callable[[str], bool] | None = None) -> str:
    """Return the first name of the story under ``key`` that no stored article holds and ``claimed`` does not refuse.

    The names are ``wanted``, then the story's distinct names (:func:`post_paths`).
    """
    names = post_paths(path_text(wanted), key)
    path = next(names)
    while store.find_by_path(path) is not None or (claimed is not None and claimed(path)):
        path = next(names)
    return path


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
    reason = f"duplicate of {duplicate.path} from {duplicate.url}"
    return WriteDecision(DROPPED, duplicate.path, reason, duplicate)


def _pruned_reason(record: ArticleRecord) -> str:
    """Return the drop reason for an article retention removed."""
    return f"pruned by retention on {record.pruned:%Y-%m-%d}"
