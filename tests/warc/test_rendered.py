"""A page rendered in Chromium keeps the document fetched and its rendered DOM; the files give the same posts."""

from __future__ import annotations

import json

import pytest

from newscrawl.demo.server import serve
from tests.helpers import need_chromium, run_cli
from tests.render.scriptsite import FETCHED, GBK, PUBLIC_BASE, SLUG, write_profile, write_site
from tests.warc.warcs import indexed, records, warc_files, warcio

pytestmark = [pytest.mark.e2e, pytest.mark.chromium]


def test_a_rendered_page_keeps_its_dom_and_the_files_give_the_same_posts(tmp_path):
    need_chromium()
    site, profiles, out, warc = write_site(tmp_path / "site"), tmp_path / "profiles", tmp_path / "out", tmp_path / "w"
    write_profile(profiles, render="all")
    with serve(site) as server:
        live = run_cli("crawl", SLUG, "--profiles-dir", str(profiles), "--out", str(out), "--warc", str(warc),
                       "-s", f"NEWSCRAWL_BASE_URL_OVERRIDE={server.base_url}", "-s", "AUTOTHROTTLE_ENABLED=False",
                       timeout=300)
    assert live.returncode == 0, live.stderr[-3000:]
    [file] = warc_files(warc)
    assert warcio("check", str(file)).returncode == 0
    entries = indexed(file)
    for article in (FETCHED, GBK):
        url = f"{PUBLIC_BASE}{article.page}"
        kinds = [e["warc-type"] for e in entries if e.get("warc-target-uri") == url]
        assert kinds == ["response", "request", "conversion", "metadata"], (url, kinds)
    dom = next(raw for headers, _, raw in records(file) if headers.get_header("WARC-Type") == "conversion"
               and headers.get_header("WARC-Target-URI") == f"{PUBLIC_BASE}{FETCHED.page}")
    assert FETCHED.paragraphs[0] in dom.decode("utf-8")  # written by the page's script: only in the DOM

    summary = tmp_path / "replay.json"
    replay = run_cli("crawl", f"warc:{warc}", SLUG, "--profiles-dir", str(profiles), "--out", str(tmp_path / "copy"),
                     "--summary", str(summary))
    assert replay.returncode == 0, replay.stderr[-3000:]
    assert sorted(e["url"] for e in json.loads(summary.read_text(encoding="utf-8"))["created"]) == sorted(
        f"{PUBLIC_BASE}{a.page}" for a in (FETCHED, GBK))
    for path in (out / "_posts").glob("*.md"):
        assert (tmp_path / "copy" / "_posts" / path.name).read_bytes() == path.read_bytes()
