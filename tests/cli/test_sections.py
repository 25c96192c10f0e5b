"""`--section` against every crawl mode: checked before the first request, and obeyed by the mode.

Listing, feed, sitemap and url start points name their sections; an e-paper
lists the 版面 names its paper prints (`epaper.sections`) and takes any 版
number; an API feed names its section. A name none of them has is one line
and exit status 2 (tests/cli/test_bad_input.py runs the command).
"""

from __future__ import annotations

import pytest
import yaml

from newscrawl.modes.api import ApiMode
from newscrawl.modes.base import CrawlOptions
from newscrawl.profiles import find_profile, load_profiles
from newscrawl.profiles.loader import parse_profile
from newscrawl.preflight import check_section, is_page_number
from newscrawl.spiders.arguments import ArgumentError
from tests.modes.test_mode_classes import StubSpider

API_PROFILE = {
    "name": "接口日报", "slug": "jiekouribao", "base_url": "https://api.example.cn/",
    "api": {"feeds": [
        {"name": "politics", "list_url": "politics.json", "list_path": "list", "section": "时政",
         "fields": {"url": "link", "title": "title", "published": "time"}},
        {"name": "sports", "list_url": "sports.json", "list_path": "list", "section": "体育",
         "fields": {"url": "link", "title": "title", "published": "time"}},
    ]},
}


def api_profile():
    return parse_profile(yaml.safe_load(yaml.safe_dump(API_PROFILE, allow_unicode=True)), "jiekouribao.yaml")


def test_every_shipped_epaper_profile_lists_its_sections():
    epapers = [p for p in load_profiles().values() if "epaper" in p.modes]
    assert len(epapers) >= 8
    for profile in epapers:
        check_section("要闻", [profile])  # every one of them prints a 要闻 版面


@pytest.mark.parametrize("section", ["01", "A3", "第3版", "03版", "要闻", "第02版：要闻", " 综合新闻 "])
def test_an_epaper_takes_a_listed_name_or_any_page_number(section):
    check_section(section, [find_profile("jiangxiribao")])


@pytest.mark.parametrize("section", ["不存在", "体育", "01版：不存在"])
def test_an_epaper_refuses_a_name_it_does_not_list(section):
    with pytest.raises(ArgumentError) as refused:
        check_section(section, [find_profile("jiangxiribao")])
    assert "jiangxiribao: 头版, 综合新闻, 要闻" in str(refused.value) and "版 number" in str(refused.value)


def test_page_numbers_are_told_from_names():
    assert [is_page_number(s) for s in ("1", "A01", "第12版", "要闻", "01版：要闻", "")] == \
        [True, True, True, False, False, False]


def test_an_api_feed_names_its_section():
    profile = api_profile()
    check_section("时政", [profile])
    with pytest.raises(ArgumentError, match="jiekouribao: 体育, 时政"):
        check_section("财经", [profile])


def test_the_api_mode_reads_only_the_feeds_of_the_section():
    spider = StubSpider()
    asked = [r.url for r in ApiMode(spider, api_profile(), CrawlOptions(section="体育")).start_requests()]
    assert asked == ["https://api.example.cn/sports.json"]
    everything = [r.url for r in ApiMode(spider, api_profile(), CrawlOptions()).start_requests()]
    assert everything == ["https://api.example.cn/politics.json", "https://api.example.cn/sports.json"]
