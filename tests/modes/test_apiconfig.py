"""The api mode's keys: one feed, a list of feeds, or shared keys plus feeds; errors name file and key."""

from __future__ import annotations

import pytest

from newscrawl.modes.apiconfig import FixedCategory, api_config
from newscrawl.profiles.loader import BUILTIN_DIR, ProfileError, load_profile
from newscrawl.modes.config import mode_config

BASE = "http://api.example.test/"
FEED = {"list_url": "list?page={page}", "list_path": "data.list", "fields": {"id": "infoCode", "title": "title"},
        "detail_url": "detail?id={id}", "detail_fields": {"body": "text"}}


def feeds(raw):
    return api_config(raw, "p.yaml", BASE).feeds


def test_one_feed_keeps_its_old_form():
    [feed] = feeds({**FEED, "pages": 2})
    assert (feed.name, feed.list_urls, feed.pages, feed.list_only) == ("1", ("list?page={page}",), 2, False)


def test_shared_keys_are_inherited_unless_a_feed_sets_its_own():
    shared = {k: v for k, v in FEED.items() if k not in ("list_url", "list_path")}
    media, rolling = feeds({**shared, "category": "media", "feeds": [
        {"name": "media", "list_url": "a", "list_path": "nodeList", "fields": {"id": "i", "title": "t", "media": "m"}},
        {"name": "rolling", "list_url": "b", "list_path": "records", "detail_fields": {"body": "content"},
         "category": {"slug": "emnews", "label": "东财滚动新闻", "link": "/emnews/"}},
    ]})
    assert (media.detail_url, media.detail_fields, media.media_categories, media.category) == (
        "detail?id={id}", {"body": "text"}, True, None)
    assert (rolling.fields, rolling.detail_fields, rolling.media_categories) == (
        {"id": "infoCode", "title": "title"}, {"body": "content"}, False)
    assert rolling.category == FixedCategory("emnews", "东财滚动新闻", "/emnews/")


def test_a_list_of_feeds_and_list_urls_over_values():
    first, second = feeds([{**FEED, "name": "a"}, {**FEED, "name": "b", "list_url": ["x?t={value}", "y?t={value}"],
                                                   "values": [37, "38"]}])
    assert first.name == "a"
    assert second.list_urls == ("x?t=37", "x?t=38", "y?t=37", "y?t=38")


def test_list_only_feed_needs_a_page_but_no_id():
    [feed] = feeds({"list_url": "ds.json", "list_path": "datasource", "fields": {"url": "publishUrl"}})
    assert feed.list_only and feed.detail_fields is None
    [feed] = feeds({"list_url": "ds.json", "list_path": "d", "fields": {"id": "cid"}, "article_url": "a/{id}.html"})
    assert feed.article_url == "a/{id}.html"


def test_detail_url_may_ask_for_another_field_than_the_id():
    [feed] = feeds({**FEED, "fields": {"id": "id", "detail_id": "infoCode", "title": "title"},
                    "detail_url": "http://other.example/GetNewsText.do?id={detail_id}"})
    assert feed.detail_url == "http://other.example/GetNewsText.do?id={detail_id}"


def test_category_overrides_may_be_bare_slugs():
    [feed] = feeds({**FEED, "fields": {**FEED["fields"], "media": "from"}, "category": "media",
                    "categories": {"重庆日报": "zhongqingribao", "江西日报": {"slug": "jxrb", "label": "赣报"}}})
    assert feed.categories == {"重庆日报": ("zhongqingribao", "重庆日报新闻"), "江西日报": ("jxrb", "赣报")}


@pytest.mark.parametrize("raw, key, reason", [
    ({**FEED, "detail_url": "detail"}, "api.detail_url", "must contain {id} or {detail_id}"),
    ({**FEED, "detail_url": "d?id={detail_id}"}, "api.detail_url", "fields.detail_id is not mapped"),
    ({**FEED, "detail_url": "d?id={code}"}, "api.detail_url", "unknown placeholder {code}"),
    ({**FEED, "list_url": "l?t={value}"}, "api.values", "missing: list_url uses {value}"),
    ({**FEED, "values": [1]}, "api.values", "no {value}"),
    ({**FEED, "list_url": "l?t={value}", "values": [True]}, "api.values", "strings or numbers"),
    ({**FEED, "list_url": "l", "pages": 3}, "api.pages", "needs {page}"),
    ({**FEED, "category": "outlet"}, "api.category", "must be 'media'"),
    ({**FEED, "category": "media"}, "api.category", "needs fields.media"),
    ({**FEED, "category": {"slug": "Em News"}}, "api.category.slug", "lower-case"),
    ({**FEED, "category": {"slug": "emnews", "link": "../x"}}, "api.category.link", "path on the archive site"),
    ({"list_url": "l", "list_path": "d", "fields": {"title": "t"}}, "api.fields.url", "records need a page URL"),
    ({"list_url": "l", "list_path": "d", "fields": {"url": "u"}, "detail_fields": {"body": "b"}},
     "api.detail_fields", "needs detail_url"),
    ({"feeds": []}, "api.feeds", "must be a list of feeds"),
    ({"feeds": ["x"]}, "api.feeds[0]", "must be a mapping"),
    ({"feeds": [{**FEED, "name": "x"}, {**FEED, "name": "x"}]}, "api.feeds", "feed names must differ"),
    ({"feedz": 1, "feeds": [FEED]}, "api.feedz", "unknown key"),
    ({"feeds": [{**FEED, "list_path": 5}]}, "api.feeds[0].list_path", "non-empty string"),
    ({"list_path": 5, "feeds": [{k: v for k, v in FEED.items() if k != "list_path"}]},
     "api.list_path", "non-empty string"),  # an inherited key is named where it was written
    ([{**FEED, "pagez": 1}], "api[0].pagez", "unknown key"),
])
def test_bad_keys_are_named(raw, key, reason):
    with pytest.raises(ProfileError) as caught:
        api_config(raw, "p.yaml", BASE)
    assert caught.value.key == key and reason in caught.value.reason, str(caught.value)


def test_shipped_finews_profile_has_its_three_feeds():
    profile = load_profile(BUILTIN_DIR / "finews.yaml")
    media, market, rolling = mode_config(profile, "api").feeds
    assert profile.verified is False
    assert [len(f.list_urls) for f in (media, market, rolling)] == [1, 3, 1]
    assert media.fields["id"] == "infocode" and market.fields["media"] == "medianame"
    assert rolling.detail_fields == {"body": "content"} and rolling.fields["url"] == "url_w"
    assert media.media_categories and market.media_categories and rolling.category.slug == "emnews"
