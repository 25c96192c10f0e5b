"""Write archive files atomically, and only when their content changed."""

from __future__ import annotations

import logging
import os
import re
import secrets
from pathlib import Path
from typing import Any

from newscrawl.archive.paths import category_path, post_path, resolve_inside
from newscrawl.archive.render import render_category_page, render_post

logger = logging.getLogger(__name__)

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"
_FILE_MODE = 0o666  # narrowed by the process umask, like any new file
# ".<name>.<12 hex digits>.tmp": the temporary file _replace_with writes beside its target
_TEMP_NAME = re.compile(r"^\..+\.[0-9a-f]{12}\.tmp$")
# Folders no writer here puts files in: build outputs, version control, our state.
_NOT_OURS = frozenset({"_site", "public", "resources", "node_modules"})


def _current_bytes(path: Path) -> bytes | None:
    """Return the file's bytes, or None when it does not exist."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def _fsync_dir(folder: Path) -> None:
    """Flush the folder entry so a rename survives a crash (best effort)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        logger.debug("cannot fsync folder %s", folder)
    finally:
        os.close(fd)


def _replace_with(path: Path, data: bytes) -> None:
    """Write data to a temp file beside path, fsync it, then rename over path."""
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")  # see _TEMP_NAME
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, _FILE_MODE)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o7777)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)  # a no-op once the rename happened
    _fsync_dir(path.parent)


def write_text_atomic(path: Path, text: str) -> str:
    """Write text as UTF-8 to path; return "created", "updated" or "unchanged".

    Unchanged content is not written at all, so the mtime does not move.
    """
    path = Path(path)
    data = text.encode("utf-8")
    old = _current_bytes(path)
    if old == data:
        return UNCHANGED
    path.parent.mkdir(parents=True, exist_ok=True)
    _replace_with(path, data)
    return CREATED if old is None else UPDATED


def remove_temp_files(root: Path) -> list[Path]:
    """Remove the temporary files an interrupted write left under ``root``; return them.

    Only names this module writes are touched; hidden folders and generator
    output (``_site``, ``public`` …) are not searched. Call it while holding
    the archive's lock, so no running write loses its file.
    """
    removed = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".") and d not in _NOT_OURS]
        for name in files:
            if _TEMP_NAME.match(name):
                path = Path(folder) / name
                path.unlink(missing_ok=True)
                removed.append(path)
    return removed


def write_post(root: Path, item: Any, *, base_url: str, fmt: str = "jekyll") -> tuple[Path, str]:
    """Render item and write it under root; return (path, outcome).

    The post goes to ``item.path`` when set, else to the format's plain path.
    Raises ValueError for a missing id/date/title or a path outside root.
    """
    path = resolve_inside(root, getattr(item, "path", None) or post_path(item, fmt))
    outcome = write_text_atomic(path, render_post(item, base_url=base_url, fmt=fmt))
    logger.debug("post %s %s", path, outcome)
    return path, outcome


def write_category_page(root: Path, slug: str, label: str, fmt: str = "jekyll",
                        link: str | None = None) -> tuple[Path, str]:
    """Write the category page for slug under root (served at ``link`` when given); return (path, outcome)."""
    path = resolve_inside(root, category_path(slug, fmt))
    outcome = write_text_atomic(path, render_category_page(slug, label, fmt, link))
    logger.debug("category page %s %s", path, outcome)
    return path, outcome
