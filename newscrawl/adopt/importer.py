"""Record the posts of an existing archive in its state, so crawls neither repeat nor rewrite them.

Each post is stored under the key a crawl gives it, the canonical URL of its
original link (so the crawl does not fetch it again), with its path and the
fingerprint a re-crawl computes: the post's body is
read back through the same extractor as an API record's body, so a
re-checked story with unchanged text is "unchanged". Posts outside the
archive's posts folder (the replaced system's ``old_post/`` retention folder,
or folders given) are recorded as pruned: no crawl writes them back. Two
posts that share an id are two stories (two URLs): a retained one whose name
a live one (or another retained one) has is recorded under a distinct name.
Each post is reported as ``<site>:<id>`` (the profile and the id its name
carries). Nothing is written to any post.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from newscrawl.adopt.posts import PostError, read_post
from newscrawl.modes.records import record_page
from newscrawl.state import StateStore, canonical_url, content_fingerprint
from newscrawl.state.decide import free_post_path

logger = logging.getLogger(__name__)

RETENTION_DIR = "old_post"  # where the replaced system moved posts older than three days


@dataclass
class AdoptReport:
    """What an import did, post by post (paths relative to the archive when inside it)."""

    adopted: list[tuple[str, str]] = field(default_factory=list)  # (path, "<site>:<id>")
    known: list[tuple[str, str]] = field(default_factory=list)  # already in the state
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)


def adopt_archive(out: Path, profile, store: StateStore, *, posts_dir: str = "_posts",
                  folders: list[Path] = ()) -> AdoptReport:
    """Record every post under ``out/posts_dir``, ``out/old_post`` and ``folders`` in ``store``."""
    out = Path(out)
    report = AdoptReport()
    seen: dict[str, str] = {}  # canonical URL -> the path that claimed it
    live = out / posts_dir
    retained = [out / RETENTION_DIR, *map(Path, folders)]
    for root, is_live in [(live, True), *((r, False) for r in retained)]:
        for path in _post_files(root):
            shown = _shown(path, out)
            try:
                key, known = _adopt_one(path, shown, PurePosixPath(posts_dir), is_live, profile, store, seen)
            except PostError as exc:
                report.skipped.append((shown, str(exc)))
                continue
            (report.known if known else report.adopted).append((shown, key))
    return report


def _adopt_one(path: Path, shown: str, posts_dir: PurePosixPath, is_live: bool, profile,
               store: StateStore, seen: dict[str, str]) -> tuple[str, bool]:
    """Record one post; return how it is shown (``<site>:<id>``) and whether the state already had it."""
    post = read_post(path, profile.timezone)
    label = f"{profile.slug}:{post.id}"
    try:
        key = canonical_url(post.url)
    except ValueError as exc:
        raise PostError(f"original link {post.url!r} is not an http(s) URL") from exc
    if key in seen:
        raise PostError(f"same article as {seen[key]}")
    seen[key] = shown
    if store.lookup_article(key) is not None:
        return label, True
    rel = PurePosixPath(shown).as_posix() if is_live else free_post_path(store, key, posts_dir / path.name)
    owner = store.find_by_path(rel)
    if owner is not None:
        raise PostError(f"the state already has {owner.url or owner.key} at {rel}")
    store.upsert_article(key, post.url, _fingerprint(post, profile), rel, post.published)
    if not is_live:
        store.mark_pruned(key)
    logger.debug("adopted %s as %s", shown, key)
    return label, False


def _fingerprint(post, profile) -> str:
    """Return the fingerprint a crawl computes for this story (same extractor, same hash)."""
    page = record_page(post.title, None, post.body_html)
    from newscrawl.extract import extract_article  # the readers load only for an import

    fields = extract_article(page, post.url, profile)
    return content_fingerprint(post.title, list(fields.paragraphs))


def _post_files(root: Path) -> list[Path]:
    """Return the post files under ``root`` (any depth, hidden folders skipped), in path order."""
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found += [Path(folder) / name for name in files
                  if name.endswith((".md", ".markdown")) and not name.startswith(".")]
    return sorted(found)


def _shown(path: Path, out: Path) -> str:
    """Return ``path`` relative to the archive (POSIX) when inside it, else as given."""
    try:
        return path.resolve().relative_to(out.resolve()).as_posix()
    except ValueError:
        return str(path)
