"""A run's seen article URLs: fetched once, a refused one asked again only for a later change date."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from newscrawl.spiders.seen import SeenArticles

CST = timezone(timedelta(hours=8))
MAY20 = datetime(2024, 5, 20, 9, 30, tzinfo=CST)


def test_a_fetched_url_is_not_asked_about_again_whatever_its_date():
    seen = SeenArticles()
    seen.fetch("a", None)
    assert not seen.may_ask("a", None) and not seen.may_ask("a", MAY20 + timedelta(days=1))


def test_a_refused_url_is_asked_again_only_for_a_later_change_date():
    seen = SeenArticles()
    assert seen.may_ask("a", None)
    assert seen.refuse("a", None) is True  # the first refusal counts
    assert not seen.may_ask("a", None)  # a listing again: the same answer
    assert seen.may_ask("a", MAY20)  # a sitemap's lastmod: ask again
    assert seen.refuse("a", MAY20) is False
    assert not seen.may_ask("a", MAY20) and not seen.may_ask("a", MAY20 - timedelta(hours=1))
    assert seen.may_ask("a", datetime(2024, 5, 20, 2, 0))  # no zone: UTC, later than 01:30 UTC


def test_an_archived_story_is_fetched_through_one_of_its_urls():
    seen = SeenArticles()
    seen.fetch("print", "_posts/2024-05-20-1.md")
    assert seen.post_fetched("_posts/2024-05-20-1.md")
    assert not seen.post_fetched("_posts/2024-05-20-2.md") and not seen.post_fetched(None)


def test_a_record_of_a_url_the_state_refused_is_listed_twice_unless_it_says_it_changed_later():
    # An API record is asked about through NewsSpider.refusal before its request is built: a refusal
    # by the state this run must not hide a later change the record announces.
    from scrapy.utils.test import get_crawler

    from newscrawl.modes.links import link_key
    from newscrawl.spiders.news import LISTED_TWICE, NewsSpider
    from tests.modes.test_mode_classes import local_profile

    profile = local_profile("jiangnanribao")
    spider = NewsSpider.from_crawler(get_crawler(NewsSpider), profiles=[profile])
    url = "http://news.example.test/a.htm"
    spider._seen.refuse(link_key(url), MAY20)  # a listing named it first, archived and not due
    assert spider.refusal(url, profile, check_host=False, modified=MAY20) == LISTED_TWICE
    assert spider.refusal(url, profile, check_host=False) == LISTED_TWICE
    assert spider.refusal(url, profile, check_host=False, modified=MAY20 + timedelta(hours=1)) is None
