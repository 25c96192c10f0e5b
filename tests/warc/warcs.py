"""Helpers of the WARC tests: crawl a wire site with --warc, run warcio's own command, read records."""

from __future__ import annotations

import json
import subprocess
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from tests.e2e.sitegen import PUBLIC_BASE, FixtureSite
from tests.helpers import run_cli
from tests.warc.wiresite import Wire, serve_wire


def warcio(*args: str) -> subprocess.CompletedProcess:
    """Run warcio's command line (``warcio check``, ``warcio index``) in a subprocess."""
    code = "import sys; from warcio.cli import main; main(sys.argv[1:])"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=120)


def indexed(*files: Path) -> list[dict]:
    """Return ``warcio index`` of ``files`` (type, URI, status, record id, concurrent-to, content type)."""
    fields = ("warc-type,warc-target-uri,http:status,warc-record-id,warc-concurrent-to,content-type,"
              "warc-filename,offset")
    result = warcio("index", "-f", fields, *map(str, files))
    assert result.returncode == 0, result.stderr[-2000:]
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def warc_files(folder: Path) -> list[Path]:
    """Return the WARC files in ``folder``, sorted by name."""
    return sorted(folder.glob("*.warc.gz"))


def records(path: Path) -> list:
    """Return (record headers, http headers, raw payload) of every record of ``path``, digests checked."""
    found = []
    with path.open("rb") as stream:
        for record in ArchiveIterator(stream, check_digests=True):
            raw = record.raw_stream.read()
            assert record.digest_checker.passed is not False, record.digest_checker.problems
            found.append((record.rec_headers, record.http_headers, raw))
    return found


def gzip_members(path: Path) -> int:
    """Return how many gzip members ``path`` is made of."""
    data, count = path.read_bytes(), 0
    while data:
        inflater = zlib.decompressobj(zlib.MAX_WBITS | 16)
        inflater.decompress(data)
        assert inflater.eof, f"{path}: a gzip member is cut short"
        data, count = inflater.unused_data, count + 1
    return count


@dataclass
class WarcCrawl:
    """A wire site, its profile, an archive and a WARC folder, crawled with the newscrawl command."""

    tmp: Path
    site: FixtureSite
    wire: Wire

    @property
    def profiles(self) -> Path:
        return self.tmp / "profiles"

    @property
    def out(self) -> Path:
        return self.tmp / "archive"

    @property
    def warc(self) -> Path:
        return self.tmp / "warc"

    def crawl(self, *args: str, out: Path | None = None, expect: int = 0) -> dict:
        """Crawl the site live with --warc (unless ``args`` say otherwise); return the summary."""
        summary = self.tmp / "summary.json"
        summary.unlink(missing_ok=True)
        with serve_wire(self.wire) as base:
            result = run_cli("crawl", self.site.slug, "--profiles-dir", str(self.profiles),
                             "--out", str(out or self.out), "--summary", str(summary),
                             "--mirror", f"{PUBLIC_BASE}={base}", "-s", "AUTOTHROTTLE_ENABLED=False",
                             "-s", "NEWSCRAWL_PROCESSES=1", *args)
        assert result.returncode == expect, result.stderr[-3000:]
        self.stderr = result.stderr
        return json.loads(summary.read_text(encoding="utf-8")) if summary.exists() else {}

    def cli(self, *args: str, expect: int = 0) -> dict:
        """Run a newscrawl command that reads the WARC files (no server running); return its --summary."""
        summary = self.tmp / "summary.json"
        summary.unlink(missing_ok=True)
        result = run_cli(*args, "--profiles-dir", str(self.profiles), "--summary", str(summary),
                         "-s", "NEWSCRAWL_PROCESSES=1")
        assert result.returncode == expect, result.stderr[-3000:]
        self.stderr = result.stderr
        return json.loads(summary.read_text(encoding="utf-8")) if summary.exists() else {}

    def reextract(self, *args: str, out: Path | None = None, expect: int = 0) -> dict:
        """Run ``archive reextract`` over the WARC folder; return its --summary."""
        return self.cli("archive", "reextract", "--out", str(out or self.out), "--warc", str(self.warc), *args,
                        expect=expect)
