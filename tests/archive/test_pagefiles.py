"""An e-paper's page files: what counts as a PDF, and how a post links them — pure functions."""

from __future__ import annotations

import hashlib
from types import SimpleNamespace

import pytest
import yaml

from newscrawl.archive.pagefiles import NotPdf, page_file_entries, page_files_line, pdf_name
from newscrawl.archive.pictures import is_kept_name, is_picture_name, referenced_pictures
from newscrawl.archive.render import render_post

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
KEPT = "ab/" + "ab" * 16 + ".pdf"


def test_a_pdf_is_named_by_its_content_beside_the_pictures():
    digest = hashlib.sha256(PDF).hexdigest()[:32]
    assert pdf_name(PDF) == f"{digest[:2]}/{digest}.pdf"
    assert is_kept_name(pdf_name(PDF)) and not is_picture_name(pdf_name(PDF))  # never shown as a figure
    assert referenced_pictures(f"page_pdf: /assets/images/{KEPT}\n[本版PDF](//x.org/images/{KEPT})") == {KEPT}


@pytest.mark.parametrize("data, reason", [
    (b"", "empty: no bytes"),
    (b"<!DOCTYPE html><html>PDF not found</html>", "not a PDF: an HTML page"),
    (b'<svg xmlns="http://www.w3.org/2000/svg"/>', "not a PDF: SVG (markup that can carry scripts)"),
    (b"\xff\xd8\xff\xe0 a jpeg", "not a PDF"),
    (PDF[:-8], "not a PDF: it does not end as a PDF does (cut short?)"),
])
def test_bytes_that_are_no_whole_pdf_are_refused_saying_why(data, reason):
    with pytest.raises(NotPdf) as caught:
        pdf_name(data)
    assert caught.value.reason == reason


def item(**page_files):
    entries = [{"kind": kind, "url": f"http://e.test/page/{kind}", "page": "http://e.test/node_1.htm", **extra}
               for kind, extra in page_files.items()]
    return SimpleNamespace(url="http://e.test/content_1.htm", title="标题", published=None, page_files=entries)


def test_a_post_links_the_kept_copy_and_the_papers_when_not_kept():
    one = item(image={"file": None, "error": "HTTP 503"}, pdf={"file": KEPT})
    assert [(key, yaml.safe_load(value)) for key, value in page_file_entries(one, "//x.org", "jekyll")] == [
        ("page_pdf", f"//x.org/assets/images/{KEPT}"), ("page_image", "http://e.test/page/image")]
    assert page_files_line(one, "", "hugo") == f"[本版PDF](/images/{KEPT})｜[本版版面图](http://e.test/page/image)"
    assert page_files_line(item(), "", "jekyll") is None


def test_a_hostile_page_file_address_never_reaches_the_post():
    bad = SimpleNamespace(page_files=[{"kind": "pdf", "url": "javascript:alert(1)", "file": "../../etc/passwd"},
                                      {"kind": "image", "url": "http://e.test/a b(1).jpg)"}])
    assert page_files_line(bad, "", "jekyll") == "[本版版面图](http://e.test/a%20b%281%29.jpg%29)"


def test_without_page_files_the_post_is_as_before():
    from datetime import datetime, timezone
    plain = SimpleNamespace(url="http://e.test/content_1.htm", title="标题", published=datetime(2024, 5, 20, tzinfo=timezone.utc),
                            paragraphs=["正文"], pictures=[], category="x", category_name="X新闻")
    with_none = SimpleNamespace(**vars(plain), page_files=[])
    assert render_post(plain, base_url="") == render_post(with_none, base_url="")
    assert "page_" not in render_post(with_none, base_url="")
