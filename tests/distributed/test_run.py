"""The run record rebuilds the writer's exact profiles and options in a worker."""

from __future__ import annotations

from scrapy.utils.test import get_crawler

from newscrawl.distributed import run
from newscrawl.profiles import find_profile
from newscrawl.runner import project_settings
from newscrawl.spiders.news import NewsSpider


def writer_spider(**kwargs) -> NewsSpider:
    return NewsSpider.from_crawler(get_crawler(NewsSpider), **kwargs)


def test_a_worker_gets_the_writers_profiles_options_and_mirrors():
    spider = writer_spider(site="jiangxiribao", url="http://news.example.cn/sitemap.xml",
                           category="kuaixun:快讯", since="2024-05-01", section="要闻",
                           base_url="http://127.0.0.1:8000/")
    record = run.load(run.dump(run.run_record(spider, project_settings(), None)))
    args = run.spider_args(record)
    rebuilt = {p.slug: p for p in args.pop("profiles")}
    assert rebuilt == {p.slug: p for p in spider.profiles}  # the same profiles, field by field
    assert args == {"section": "要闻", "since": "2024-05-01"}
    worker = writer_spider(**args, profiles=list(rebuilt.values()))
    assert [m.key for m in worker.modes] == [m.key for m in spider.modes]
    mirrors = record["settings"]["NEWSCRAWL_MIRRORS"]
    assert any(m.endswith("=http://127.0.0.1:8000/") for m in mirrors)


def test_a_profile_file_travels_as_its_text():
    profile = find_profile("jiangxiribao")
    spec = run.profile_spec(profile)
    assert spec["path"] == profile.path and "jiangxiribao" in spec["text"]
    assert run.profile_from_spec(spec) == profile


def test_two_writers_of_the_same_targets_make_the_same_crawl():
    one = run.run_record(writer_spider(site="jiangxiribao"), project_settings(), None)
    two = run.run_record(writer_spider(site="jiangxiribao"), project_settings(), None)
    other = run.run_record(writer_spider(site="jiangxiribao", date="2024-05-20"), project_settings(), None)
    assert one["id"] != two["id"] and run.same_crawl(one, two) and not run.same_crawl(one, other)
