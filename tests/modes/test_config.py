"""Mode keys of a profile are validated at load time; errors name the file and key."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from newscrawl.modes.config import (
    ApiConfig, EpaperConfig, FeedConfig, SitemapConfig, UrlsConfig, mode_config,
)
from newscrawl.profiles.loader import ProfileError, load_profile
from newscrawl.profiles.model import StartUrl
from tests.modes.conftest import EXAMPLE_BASE, LOCAL_PROFILES, PROFILE_SITES

EPAPER = {"edition": "html/{yyyy}-{mm}/{dd}/node_1.htm", "pages": r"node_\d+\.htm$",
          "articles": r"content_\d+\.htm$"}
API = {"list_url": "list?page={page}", "list_path": "data.list", "fields": {"id": "infoCode", "title": "title"},
       "detail_url": "detail?infoCode={id}", "detail_fields": {"body": "content"}}


def write_profile(tmp_path: Path, **modes) -> Path:
    """Write a profile with ``modes`` to a file and return its path."""
    data = {"name": "测试日报", "base_url": "http://paper.example.test/", **modes}
    path = tmp_path / "ceshiribao.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize("slug", sorted(PROFILE_SITES))
def test_local_test_profiles_load(tmp_path, slug):
    text = (LOCAL_PROFILES / f"{slug}.yaml").read_text(encoding="utf-8").replace("{base}", EXAMPLE_BASE)
    path = tmp_path / f"{slug}.yaml"
    path.write_text(text, encoding="utf-8")
    profile = load_profile(path)
    assert profile.slug == slug
    for mode in profile.modes_config:
        assert mode_config(profile, mode) is not None


def test_valid_modes_become_config_objects(tmp_path):
    path = write_profile(
        tmp_path, epaper={**EPAPER, "month_index": "html/{yyyy}-{mm}/period.xml", "recent_days": 2},
        feed=["rss.xml", {"url": "https://x.test/a.xml", "section": "要闻"}],
        sitemap={"urls": "robots.txt", "follow": "news", "recent_days": 3},
        api={**API, "categories": {"江西日报": {"slug": "jiangxiribao", "label": "江西日报新闻"}}},
        urls=["a.htm"],
    )
    profile = load_profile(path)
    assert profile.modes == ("epaper", "feed", "sitemap", "api", "urls")
    epaper = mode_config(profile, "epaper")
    assert isinstance(epaper, EpaperConfig) and epaper.recent_days == 2
    assert epaper.layouts[0].month_index == "html/{yyyy}-{mm}/period.xml"
    feed = mode_config(profile, "feed")
    assert isinstance(feed, FeedConfig)
    assert feed.urls == (StartUrl("rss.xml"), StartUrl("https://x.test/a.xml", "要闻"))
    sitemap = mode_config(profile, "sitemap")
    assert isinstance(sitemap, SitemapConfig) and sitemap.urls == (StartUrl("robots.txt"),)
    assert sitemap.follow.pattern == "news" and sitemap.recent_days == 3
    api = mode_config(profile, "api")
    assert isinstance(api, ApiConfig) and api.feeds[0].pages == 1 and api.feeds[0].detail_path == ""
    assert api.feeds[0].categories == {"江西日报": ("jiangxiribao", "江西日报新闻")}
    assert mode_config(profile, "urls") == UrlsConfig((StartUrl("a.htm"),))


@pytest.mark.parametrize("modes, key, reason", [
    ({"epaper": "html/x.htm"}, "epaper", "must be a mapping"),
    ({"epaper": {**EPAPER, "pagez": "x"}}, "epaper.pagez", "unknown key"),
    ({"epaper": {k: v for k, v in EPAPER.items() if k != "edition"}}, "epaper.edition", "missing"),
    ({"epaper": {**EPAPER, "edition": "html/{year}/node_1.htm"}}, "epaper.edition", "unknown placeholder {year}"),
    ({"epaper": {**EPAPER, "articles": "content_(\\d+.htm"}}, "epaper.articles", "bad regular expression"),
    ({"epaper": {**EPAPER, "recent_days": 0}}, "epaper.recent_days", "whole number >= 1"),
    ({"epaper": {**EPAPER, "recent_days": True}}, "epaper.recent_days", "whole number >= 1"),
    ({"feed": {"articles": "x"}}, "feed.urls", "missing"),
    ({"feed": []}, "feed", "missing"),
    ({"feed": [42]}, "feed[0]", "must be a URL"),
    ({"feed": [{"url": "a.xml", "sektion": "x"}]}, "feed[0].sektion", "unknown key"),
    ({"feed": [{"url": "a.xml", "section": ""}]}, "feed[0].section", "non-empty string"),
    ({"sitemap": {"urls": ["s.xml"], "follow": "("}}, "sitemap.follow", "bad regular expression"),
    ({"api": {**API, "detail_url": "detail"}}, "api.detail_url", "must contain {id}"),
    ({"api": {**API, "list_url": "list?p={pg}"}}, "api.list_url", "unknown placeholder {pg}"),
    ({"api": {**API, "fields": {"title": "t"}}}, "api.fields.id", "missing"),
    ({"api": {**API, "fields": {"id": "i", "title": "t", "author": "a"}}}, "api.fields.author", "unknown field"),
    ({"api": {**API, "detail_fields": {"title": "t"}}}, "api.detail_fields.body", "missing"),
    ({"api": {**API, "categories": {"江西日报": 7}}}, "api.categories.江西日报", "slug"),
    ({"api": {**API, "categories": {"江西日报": {"slug": "江西"}}}}, "api.categories.江西日报.slug", "lower-case"),
    ({"api": {**API, "only_categories": "yes"}}, "api.only_categories", "true or false"),
    ({"urls": [{"section": "x"}]}, "urls[0].url", "missing"),
])
def test_bad_mode_keys_name_file_and_key(tmp_path, modes, key, reason):
    path = write_profile(tmp_path, **modes)
    with pytest.raises(ProfileError) as info:
        load_profile(path)
    assert info.value.path == str(path)
    assert info.value.key == key
    assert reason in info.value.reason
    assert str(info.value).startswith(f"{path}: {key}: ")


def test_relative_mode_url_needs_base_url(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text(yaml.safe_dump({"name": "测试日报", "sitemap": ["sitemap.xml"]}), encoding="utf-8")
    with pytest.raises(ProfileError, match=r"sitemap\[0\]: 'sitemap.xml' is relative"):
        load_profile(path)
