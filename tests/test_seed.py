"""The seed article, rebuilt as a page, comes out as the seed's post."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from newscrawl.archive import post_path, render_post
from newscrawl.extract import extract_article
from newscrawl.profiles.model import SiteProfile
from newscrawl.spiders.news import NewsSpider
from pipelines.clean import CleanPipeline
from tests.helpers import SEED_DIR, need_shared, read_post
from tests.seed_page import SEED_NAME, read_seed, seed_page

JIANGXI = SiteProfile(name="江西日报", slug="jiangxiribao", label="江西日报新闻",
                      timezone=ZoneInfo("Asia/Shanghai"), path="<test>")


@pytest.fixture(scope="module")
def seed():
    return read_seed(need_shared(SEED_DIR / SEED_NAME))


@pytest.fixture(scope="module")
def fields(seed):
    return extract_article(seed_page(seed), seed["url"], JIANGXI)


def test_extractor_finds_every_seed_field(seed, fields):
    assert fields.title == seed["front"]["title"]
    assert fields.published.isoformat() == "2022-03-17T09:04:04+08:00"
    assert fields.source == "江西日报"
    assert fields.author == "陈文萍"
    assert fields.editor is None
    assert fields.paragraphs == seed["paragraphs"]


def test_post_matches_the_seed(seed, fields, tmp_path):
    item = NewsSpider(profiles=[JIANGXI]).build_item(seed["url"], JIANGXI, fields, {})
    item = CleanPipeline().process_item(item)
    rel = post_path(item)
    assert str(rel) == f"_posts/{SEED_NAME}"
    post = tmp_path / "post.md"
    post.write_text(render_post(item, base_url="//finews.withounder.com"), encoding="utf-8")
    front, body = read_post(post)
    for key in ("layout", "title", "date", "categories", "tags"):
        assert front[key] == seed["front"][key], key
    assert list(front)[:5] == ["layout", "title", "date", "categories", "tags"]
    assert read_seed(post)["paragraphs"] == seed["paragraphs"]
    assert read_seed(post)["source"] == "江西日报"
    assert f"<{seed['url']}>" in body
    assert seed["links"] in body
    assert front.get("author") == ["陈文萍"]  # author is always a list
