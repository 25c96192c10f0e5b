"""Tell a picture from anything else that claims to be one: what a kept picture must decode as.

Pillow opens the bytes with the plugins of the formats a browser shows and
nothing else, then decodes every pixel: an SVG (which can carry scripts),
an HTML error page, a script or a truncated file served as ``image/jpeg``
fails here and never enters the archive. The bytes are kept as they came:
nothing is converted, so a photograph is not compressed twice.
"""

from __future__ import annotations

import struct
import warnings
from dataclasses import dataclass
from io import BytesIO

from PIL import Image, UnidentifiedImageError

from newscrawl.archive.pictures import EXTENSIONS

#: Pixels a picture may have at most (a 64-megapixel photograph); more is a decompression bomb or no news.
MAX_PIXELS = 64_000_000
_MARKUP = {b"<svg": "SVG (markup that can carry scripts)", b"<?xml": "XML (perhaps SVG)",
           b"<!doctype": "an HTML page", b"<html": "an HTML page", b"<script": "a script"}


def _readers() -> list[str]:
    """Return the Pillow readers of the formats kept (JPEG's reader also reads MPO) that this Pillow has."""
    Image.init()
    return [name for name in EXTENSIONS if name in Image.OPEN]


class NotRaster(ValueError):
    """The bytes are no picture the archive keeps; ``reason`` says what they are."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Raster:
    """What a picture's bytes decoded as: Pillow's format name and the size in pixels."""

    format: str
    width: int
    height: int


def describe(data: bytes) -> str:
    """Return what bytes that are no picture look like ("an HTML page", "SVG …"), for a failure's reason."""
    head = data[:256].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    for mark, words in _MARKUP.items():
        if head.startswith(mark) or (mark == b"<svg" and b"<svg" in head):
            return words
    if head.startswith((b"<", b"{", b"function", b"var ", b"(function")):
        return "text, not a picture"
    return "no picture format a browser shows"


def read_raster(data: bytes) -> Raster:
    """Return the format and size of the picture ``data`` holds, once every pixel has been decoded.

    Raises NotRaster saying why when the bytes are empty, are no raster
    image in a format of ``EXTENSIONS``, are truncated or damaged, or hold
    more than ``MAX_PIXELS`` pixels.
    """
    if not data:
        raise NotRaster("empty: no bytes")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(BytesIO(data), formats=_readers()) as image:
                if image.width * image.height > MAX_PIXELS:
                    raise NotRaster(f"{image.width}×{image.height} pixels, more than {MAX_PIXELS:,} kept")
                image.load()  # every pixel: a truncated or forged file fails here, not in a reader's browser
                return Raster(image.format, image.width, image.height)
    except UnidentifiedImageError:
        raise NotRaster(f"not a picture: {describe(data)}") from None
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise NotRaster(f"a decompression bomb: {exc}") from None
    except NotRaster:
        raise
    except (OSError, SyntaxError, ValueError, EOFError, IndexError, struct.error) as exc:
        raise NotRaster(f"a damaged picture: {exc}") from None
