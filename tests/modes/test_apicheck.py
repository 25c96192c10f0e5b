"""Saved api responses checked offline: what a feed reads from a list or a detail response."""

from __future__ import annotations

import shutil

import pytest

from newscrawl.modes.apicheck import api_page_fields
from newscrawl.modes.savedpages import check_saved_pages
from newscrawl.profiles.loader import BUILTIN_DIR, load_profile

FINEWS = load_profile(BUILTIN_DIR / "finews.yaml")
PAGES = BUILTIN_DIR.parent / "pages" / "finews"
LIST = "http://183.136.162.242/web/webapi?type=45&count=100&newsid=1"


def test_list_response_gives_records_pages_and_categories():
    found = api_page_fields(FINEWS, (PAGES / "webapi_type45.json").read_bytes(),
                            {"kind": "api_list", "url": LIST, "feed": "media"})
    assert found["records"] == ["NW202305192312990101", "NW202305192312990102"]
    assert found["categories"] == ["jiangxiribao", "chongqingribao"]


def test_unknown_feed_is_named():
    with pytest.raises(ValueError, match="'news' is not a feed of finews"):
        api_page_fields(FINEWS, b"{}", {"kind": "api_list", "url": LIST, "feed": "news"})


def test_a_failed_expectation_is_reported(tmp_path):
    shutil.copy(PAGES / "webapi_type45.json", tmp_path)
    (tmp_path / "check.yaml").write_text(
        f"pages:\n- file: webapi_type45.json\n  url: {LIST}\n  kind: api_list\n  feed: media\n"
        "  expect: {categories: [jiangxiribao, zhongqingribao]}\n", encoding="utf-8")
    [check] = check_saved_pages(FINEWS, tmp_path)
    assert check.problems == ["categories: found ['jiangxiribao', 'chongqingribao'], "
                              "want ['jiangxiribao', 'zhongqingribao']"]
