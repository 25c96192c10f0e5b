"""Draw the demo's article pictures: small deterministic PNGs, no image library needed."""

from __future__ import annotations

import struct
import zlib
from hashlib import sha256

WIDTH, HEIGHT = 160, 90


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def draw_png(name: str) -> bytes:
    """Return a striped RGB PNG whose colours derive from ``name`` (same name, same bytes)."""
    seed = sha256(name.encode("utf-8")).digest()
    top, bottom = seed[:3], seed[3:6]
    rows = b"".join(b"\x00" + (top if y < HEIGHT // 2 else bottom) * WIDTH for y in range(HEIGHT))
    header = struct.pack(">IIBBBBB", WIDTH, HEIGHT, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header)
            + _chunk(b"IDAT", zlib.compress(rows, 9)) + _chunk(b"IEND", b""))
