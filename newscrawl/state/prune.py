"""Retention: remove or move posts older than N days and remember them; remove the pictures no post shows.

A post's age comes from its file name (``YYYY-MM-DD-<id>.<ext>``, the
publication day), never from file times, which a checkout resets. Pruned
posts are marked in the state so later runs neither fetch nor write them
again. Only files under the posts folder are ever touched; hidden folders
there (``.newscrawl``) are skipped.

Then every kept picture (a file of the images folder named as newscrawl
names them) that no remaining post refers to goes the same way, and the
state forgets it: shown again, it is fetched again. Other files there (a
logo the site's owner put) are never touched.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

from newscrawl.archive.pictures import is_picture_name, referenced_pictures
from newscrawl.state.records import require_aware
from newscrawl.state.store import StateStore

logger = logging.getLogger(__name__)

POST_NAME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})-[^/]+$")


def prune_archive(out: Path, keep_days: int, *, now: datetime, move_to: Path | None,
                  store: StateStore, posts_dir: str = "_posts",
                  original_url: Callable[[Path], str | None] | None = None,
                  images_dir: str | None = None) -> list[Path]:
    """Delete (or move under ``move_to``) posts older than ``keep_days``, then the pictures under
    ``images_dir`` that no remaining post shows; return them all (posts first).

    A post dated before ``now``'s day minus ``keep_days`` goes; moved posts
    keep their path relative to ``out``. Each one is marked pruned in
    ``store`` by its path; one the store never knew is remembered by the URL
    ``original_url`` reads from it before it goes (None: by its path only,
    and then no other story may take its name). Raises ``ValueError`` for a negative window, a
    naive ``now``, a ``posts_dir`` outside ``out`` or a ``move_to`` inside
    the posts folder. A post that cannot be removed is logged and skipped.
    """
    if keep_days < 0:
        raise ValueError(f"keep_days must be 0 or more, got {keep_days}")
    now = require_aware(now, "now")
    out = Path(out)
    root = posts_root(out, posts_dir)
    if move_to is not None:
        _check_move_target(root, Path(move_to))
    cutoff = now.date() - timedelta(days=keep_days)
    pruned: list[Path] = []
    for post in expired_posts(root, cutoff):
        relative = post.relative_to(out)
        url = original_url(post) if original_url and store.find_by_path(relative) is None else None
        if not _remove_post(post, relative, move_to):
            continue
        store.mark_path_pruned(relative, now=now, url=url)
        pruned.append(post)
    _remove_emptied_dirs(root, pruned)
    logger.info("pruned %d post(s) older than %s from %s", len(pruned), cutoff, root)
    if images_dir is not None:
        pruned += prune_pictures(out, root, posts_root(out, images_dir), move_to, store)
    return pruned


def prune_pictures(out: Path, posts: Path, images: Path, move_to: Path | None, store: StateStore) -> list[Path]:
    """Delete (or move under ``move_to``) the kept pictures under ``images`` that no post under ``posts``
    shows; forget them in ``store``; return them."""
    if not images.is_dir():
        return []
    shown: set[str] = set()
    for folder, dirs, files in os.walk(posts, followlinks=False):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            try:
                shown |= referenced_pictures((Path(folder) / name).read_text(encoding="utf-8", errors="replace"))
            except OSError as exc:  # a post that cannot be read may show anything: prune nothing
                raise ValueError(f"cannot read {Path(folder) / name} to see its pictures: {exc}") from exc
    orphans = [p for p in sorted(images.rglob("*"))
               if p.is_file() and is_picture_name(p.relative_to(images).as_posix())
               and p.relative_to(images).as_posix() not in shown]
    removed = [p for p in orphans if _remove_post(p, p.relative_to(out), move_to)]
    store.forget_pictures(p.relative_to(images).as_posix() for p in removed)
    _remove_emptied_dirs(images, removed)
    logger.info("pruned %d picture(s) no post shows from %s", len(removed), images)
    return removed


def posts_root(out: Path, posts_dir: str) -> Path:
    """Return the posts folder; ``ValueError`` if it lies outside ``out``."""
    root = out / posts_dir
    if Path(posts_dir).is_absolute() or not root.resolve().is_relative_to(out.resolve()):
        raise ValueError(f"posts_dir {posts_dir!r} is not inside the archive {out}")
    return root


def _check_move_target(root: Path, move_to: Path) -> None:
    """Raise ``ValueError`` when ``move_to`` lies inside the posts folder."""
    if move_to.resolve().is_relative_to(root.resolve()):
        raise ValueError(
            f"move_to {move_to} is inside the posts folder {root}; "
            "pruned posts would still be published"
        )


def post_date(name: str) -> date | None:
    """Return the date a post's file name starts with, or ``None``."""
    match = POST_NAME.match(name)
    if match is None:
        return None
    try:
        return date(*(int(part) for part in match.groups()))
    except ValueError:
        return None  # e.g. 2022-13-45-x.md: not a post name after all


def expired_posts(root: Path, cutoff: date) -> list[Path]:
    """Return posts under ``root`` dated before ``cutoff``, in path order."""
    found: list[Path] = []
    for folder, dirs, files in os.walk(root, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            day = post_date(name)
            if day is not None and day < cutoff:
                found.append(Path(folder) / name)
    return sorted(found)


def _remove_post(post: Path, relative: Path, move_to: Path | None) -> bool:
    """Delete the post or move it to ``move_to / relative``; return success."""
    try:
        if move_to is None:
            post.unlink()
        else:
            target = Path(move_to) / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(post, target)
    except OSError as exc:
        logger.error("could not prune %s: %s", post, exc)
        return False
    return True


def _remove_emptied_dirs(root: Path, pruned: list[Path]) -> None:
    """Remove sub-folders of ``root`` that pruning left empty."""
    folders = {parent for post in pruned for parent in post.parents
               if parent != root and parent.is_relative_to(root)}
    for folder in sorted(folders, key=lambda p: len(p.parts), reverse=True):
        try:
            folder.rmdir()
        except OSError:
            pass  # not empty (or already gone): leave it
