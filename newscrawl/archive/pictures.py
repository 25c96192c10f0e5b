"""Where an archive keeps its pictures, what they are called, and how a post shows one — pure functions.

A kept picture is a file named by its content (``ab/ab12….jpg``: the first
32 hex digits of the bytes' SHA-256, the extension of the format Pillow read)
under the format's images folder: Jekyll ``assets/images/``, served at
``/assets/images/``; Hugo ``static/images/``, served at ``/images/``. The
same bytes are one file, however many articles or URLs show them.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path, PurePosixPath
from typing import Any

from newscrawl.archive.paths import check_format
from newscrawl.archive.safety import escape_text, safe_http_url

#: Each archive format's folder of pictures (relative to the archive) and the site path it is served at.
IMAGES_DIRS = {"jekyll": "assets/images", "hugo": "static/images"}
IMAGES_URLS = {"jekyll": "/assets/images", "hugo": "/images"}
#: Raster formats a browser shows, as Pillow names them, and the extension their files get.
EXTENSIONS = {"JPEG": "jpg", "MPO": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp", "BMP": "bmp",
              "AVIF": "avif"}
HASH_DIGITS = 32
_NAME = re.compile(r"[0-9a-f]{2}/[0-9a-f]{%d}\.(?:%s)" % (HASH_DIGITS, "|".join(sorted(set(EXTENSIONS.values())))))
# A kept picture's site path as a post writes it (after the base URL's path).
_REFERENCE = re.compile(r"/(?:assets/)?images/(%s)" % _NAME.pattern)


def picture_name(data: bytes, image_format: str) -> str:
    """Return the file name of a picture's bytes in Pillow's ``image_format``; KeyError for a format not kept."""
    digest = hashlib.sha256(data).hexdigest()[:HASH_DIGITS]
    return f"{digest[:2]}/{digest}.{EXTENSIONS[image_format]}"


def is_picture_name(name: object) -> bool:
    """Return True when ``name`` is a kept picture's name (so it cannot leave the images folder)."""
    return isinstance(name, str) and _NAME.fullmatch(name) is not None


def images_dir(fmt: str) -> PurePosixPath:
    """Return the images folder of format ``fmt``, relative to the archive."""
    return PurePosixPath(IMAGES_DIRS[check_format(fmt)])


def images_folder(out: Path, fmt: str) -> Path:
    """Return the images folder of the archive ``out`` in format ``fmt``."""
    return Path(out) / images_dir(fmt)


def referenced_pictures(text: str) -> set[str]:
    """Return the names of the kept pictures a post's text refers to."""
    return {match.group(1) for match in _REFERENCE.finditer(text)}


def figure_html(picture: Any, base: str, fmt: str) -> str | None:
    """Return a picture as ``<figure><img …><figcaption>…</figcaption></figure>``; None without a usable URL.

    A kept picture (``file`` set) is shown from the archive, ``base`` (the
    site's base URL, no trailing slash) before its site path, with the paper's
    address in ``data-src``; any other is shown from the paper's address.
    """
    if not isinstance(picture, dict):
        return None
    original = safe_http_url(str(picture.get("url") or ""))
    if original is None:
        return None
    name = picture.get("file")
    if is_picture_name(name):
        img = f'<img src="{base}{IMAGES_URLS[fmt]}/{name}" data-src="{original}"'
    else:
        img = f'<img src="{original}"'
    img += f' alt="{escape_text(str(picture.get("alt") or ""))}">'
    caption = escape_text(str(picture.get("caption") or ""))
    return f"<figure>{img}<figcaption>{caption}</figcaption></figure>" if caption else f"<figure>{img}</figure>"


def pictures_at(pictures: Any, count: int) -> list[list[Any]]:
    """Return the pictures grouped by where they stand: list ``i`` precedes paragraph ``i``, the last follows all.

    A position that is no whole number, or past the text, puts the picture at the end.
    """
    slots: list[list[Any]] = [[] for _ in range(count + 1)]
    for picture in pictures or ():
        position = picture.get("position") if isinstance(picture, dict) else None
        index = position if isinstance(position, int) and not isinstance(position, bool) and 0 <= position else count
        slots[min(index, count)].append(picture)
    return slots
