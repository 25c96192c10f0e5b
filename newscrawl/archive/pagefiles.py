"""An e-paper's page files in a post: the 版面 PDF and page image its article was printed on — pure functions.

A post of an e-paper whose profile keeps page files (``epaper.page_files``)
links them twice: front matter keys ``page_pdf`` and ``page_image`` (after
the seed's and the other extra keys, so a seed-style layout still works), and
one Markdown line before the original URL. A kept file is linked in the
archive (the images folder's site path, as pictures are); one that could not
be kept, or a run that links rather than keeps, links the paper's address.
"""

from __future__ import annotations

from typing import Any

from newscrawl.archive.frontmatter import yaml_str
from newscrawl.archive.pictures import IMAGES_URLS, PDF_EXTENSION, is_kept_name, kept_name
from newscrawl.archive.raster import describe
from newscrawl.archive.safety import safe_base_url, safe_http_url

#: Page file kinds, in the order a post shows them: front matter key and the link's text.
KINDS = {"pdf": ("page_pdf", "本版PDF"), "image": ("page_image", "本版版面图")}
PDF_MAGIC = b"%PDF-"
PDF_END = b"%%EOF"


class NotPdf(ValueError):
    """The bytes are no PDF; ``reason`` says what they are."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def pdf_name(data: bytes) -> str:
    """Return the kept name of a page PDF's bytes; raise NotPdf when they do not start as a PDF does."""
    if not data:
        raise NotPdf("empty: no bytes")
    # A PDF starts with %PDF- within its first KiB (readers allow leading bytes; Founder's start there).
    if PDF_MAGIC not in data[:1024]:
        words = describe(data)
        raise NotPdf(f"not a PDF: {words}" if words != "no picture format a browser shows" else "not a PDF")
    # and ends with %%EOF (a file cut short, or a page of HTML after a PDF's first line, does not)
    if PDF_END not in data[-2048:]:
        raise NotPdf("not a PDF: it does not end as a PDF does (cut short?)")
    return kept_name(data, PDF_EXTENSION)


def page_file_links(item: Any, base_url: str, fmt: str) -> list[tuple[str, str]]:
    """Return (kind, address) of the item's page files, in ``KINDS`` order: the archive's copy when kept."""
    base = safe_base_url(base_url)
    found = {}
    for entry in getattr(item, "page_files", None) or ():
        if not isinstance(entry, dict) or entry.get("kind") not in KINDS or entry["kind"] in found:
            continue
        original = safe_http_url(str(entry.get("url") or ""))
        name = entry.get("file")
        if is_kept_name(name):
            found[entry["kind"]] = f"{base}{IMAGES_URLS[fmt]}/{name}"
        elif original:
            found[entry["kind"]] = original
    return [(kind, found[kind]) for kind in KINDS if kind in found]


def page_file_entries(item: Any, base_url: str, fmt: str) -> list[tuple[str, str]]:
    """Return the front matter entries (``page_pdf``, ``page_image``) of the item's page files."""
    return [(KINDS[kind][0], yaml_str(link)) for kind, link in page_file_links(item, base_url, fmt)]


def page_files_line(item: Any, base_url: str, fmt: str) -> str | None:
    """Return the Markdown line linking the item's page files (``[本版PDF](…)｜[本版版面图](…)``), or None."""
    links = page_file_links(item, base_url, fmt)
    return "｜".join(f"[{KINDS[kind][1]}]({link})" for kind, link in links) or None
