"""Only bytes that decode in full as a raster picture a browser shows are kept (real Pillow, real files)."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from PIL import Image

from newscrawl.archive.raster import MAX_PIXELS, NotRaster, read_raster


def made(kind: str, size: tuple[int, int] = (40, 30), mode: str = "RGB", **options) -> bytes:
    """Return a picture Pillow writes in format ``kind``."""
    buffer = io.BytesIO()
    Image.new(mode, size, 128).save(buffer, kind, **options)
    return buffer.getvalue()


def png_header(width: int, height: int) -> bytes:
    """Return a PNG whose header declares ``width`` × ``height`` pixels and holds almost no data."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")


@pytest.mark.parametrize("kind, mode", [("JPEG", "RGB"), ("PNG", "RGBA"), ("GIF", "P"), ("WEBP", "RGB"),
                                        ("BMP", "RGB")])
def test_pictures_browsers_show_are_read_with_their_size(kind, mode):
    raster = read_raster(made(kind, (40, 30), mode))
    assert (raster.format, raster.width, raster.height) == (kind, 40, 30)


@pytest.mark.parametrize("data, words", [
    (b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "not a picture: SVG"),
    (b'\xef\xbb\xbf<?xml version="1.0"?>\n<svg><script>alert(1)</script></svg>', "not a picture: SVG"),
    (b'<?xml version="1.0"?><rss/>', "not a picture: XML"),
    (b"<!DOCTYPE html><html><body>404</body></html>", "not a picture: an HTML page"),
    (b"  <html><script>alert(1)</script>", "not a picture: an HTML page"),
    (b"alert(document.cookie)", "not a picture: no picture format"),
    (b"", "empty"),
])
def test_markup_scripts_and_nothing_are_refused(data, words):
    with pytest.raises(NotRaster) as refused:
        read_raster(data)
    assert refused.value.reason.startswith(words)


def test_a_truncated_picture_is_refused_once_decoded():
    data = made("PNG", (200, 200), "RGB")
    with pytest.raises(NotRaster, match="a damaged picture"):
        read_raster(data[: len(data) // 2])


def test_a_format_browsers_do_not_show_is_refused():
    with pytest.raises(NotRaster, match="not a picture"):
        read_raster(made("TIFF"))


def test_a_picture_of_too_many_pixels_is_refused_before_it_is_decoded():
    side = int(MAX_PIXELS ** 0.5) + 1
    with pytest.raises(NotRaster, match="more than 64,000,000"):
        read_raster(png_header(side, side))
