"""WARC files in a folder: each run its own files, rotated by size, each record written whole.

A file is named ``newscrawl-<UTC start>-<run>[-<worker>]-<serial>.warc.gz``
and created exclusively (``O_EXCL``), so no run ever appends to or rewrites a
file another run wrote. It starts with a ``warcinfo`` record naming newscrawl's
version and the crawl's profiles. Records are gzipped one by one (a gzip member
each, as warcio writes them) and each batch (a response with its request and
metadata) goes to the file in one ``write``: a run that is killed leaves every
record it finished readable, and at worst one torn record at the end.
"""

from __future__ import annotations

import logging
import os
import re
import secrets
from datetime import datetime, timezone
from io import BytesIO
from pathlib import Path
from typing import Iterable

from warcio.warcwriter import WARCWriter

from newscrawl.warc.records import WARC_VERSION

logger = logging.getLogger(__name__)

SUFFIX = ".warc.gz"
PREFIX = "newscrawl"


def record_bytes(records: Iterable) -> bytes:
    """Return ``records`` serialised as WARC/1.1, each one its own gzip member."""
    buffer = BytesIO()
    writer = WARCWriter(buffer, gzip=True, warc_version=WARC_VERSION)
    for record in records:
        writer.write_record(record)
    return buffer.getvalue()


def worker_label(name: str) -> str:
    """Return ``name`` as a file-name part: letters, digits, dots and dashes only."""
    return re.sub(r"[^A-Za-z0-9.]+", "-", name).strip("-.") or "worker"


class WarcFiles:
    """Write records into this run's WARC files in ``folder``, a new file past ``maxsize`` bytes."""

    def __init__(self, folder: Path, maxsize: int, info: dict[str, str], worker: str | None = None,
                 now: datetime | None = None):
        self.folder = folder
        self.maxsize = maxsize
        self.info = info  # the warcinfo fields of every file
        started = (now or datetime.now(timezone.utc)).strftime("%Y%m%d%H%M%S")
        self.run = f"{started}-{secrets.token_hex(3)}"
        self.worker = worker_label(worker) if worker else None
        self.written: list[Path] = []  # the files of this run, in order
        self._fd: int | None = None
        self._size = 0  # bytes in the current file
        self._info_size = 0  # of which its warcinfo record: a file holds at least one record more
        self._serial = 0

    def next_name(self) -> str:
        """Return the name of this run's next file."""
        worker = f"-{self.worker}" if self.worker else ""
        return f"{PREFIX}-{self.run}{worker}-{self._serial:05d}{SUFFIX}"

    def write(self, data: bytes) -> Path:
        """Append ``data`` (whole gzipped records) to the current file, opening the next one when due.

        Return the file written to. Raises OSError when the folder takes no more.
        """
        if self._fd is None or (self._size + len(data) > self.maxsize and self._size > self._info_size):
            self._open_next()
        self._write_all(data)
        return self.written[-1]

    def _open_next(self) -> None:
        """Close the current file and start the next with its warcinfo record."""
        self.close()
        self.folder.mkdir(parents=True, exist_ok=True)
        while True:
            path = self.folder / self.next_name()
            self._serial += 1
            try:
                self._fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_APPEND, 0o644)
                break
            except FileExistsError:  # never another run's file; take the next serial
                continue
        self.written.append(path)
        self._size = 0
        info = record_bytes([warcinfo_record(path.name, self.info)])
        self._write_all(info)
        self._info_size = len(info)
        logger.info("writing WARC records to %s", path)

    def _write_all(self, data: bytes) -> None:
        view = memoryview(data)
        while view:
            count = os.write(self._fd, view)
            view = view[count:]
        self._size += len(data)

    def close(self) -> None:
        """Flush the current file to disk and close it (the next write opens a new one)."""
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def warcinfo_record(filename: str, info: dict[str, str]):
    """Return the warcinfo record that opens file ``filename``."""
    writer = WARCWriter(BytesIO(), gzip=True, warc_version=WARC_VERSION)
    fields = {"software": info.get("software"), "format": "WARC File Format 1.1",
              "conformsTo": "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/",
              **{k: v for k, v in info.items() if k != "software"}}
    return writer.create_warcinfo_record(filename, fields)
