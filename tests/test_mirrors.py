"""Mirrors: public URLs fetched from local prefixes, handed back under the public URL."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from scrapy import Request
from scrapy.exceptions import NotConfigured
from scrapy.http import HtmlResponse

from newscrawl.mirrors import MIRROR_META, Mirror, MirrorMiddleware, Mirrors, parse_mirror, public_url


def test_parse_splits_at_the_equals_sign_that_starts_the_local_url():
    assert parse_mirror("http://a.example/web/webapi?type=45=http://127.0.0.1:8000/x/") == \
        Mirror("http://a.example/web/webapi?type=45", "http://127.0.0.1:8000/x/")
    assert parse_mirror("http://43.240.125.15:1818=http://127.0.0.1:9") == \
        Mirror("http://43.240.125.15:1818/", "http://127.0.0.1:9/")  # a bare host ends at its "/"


@pytest.mark.parametrize("text", ["http://a.example/", "a.example=http://127.0.0.1/", "http://a/=ftp://b/", ""])
def test_parse_refuses_what_is_not_two_prefixes(text):
    with pytest.raises(ValueError, match="PUBLIC=LOCAL"):
        parse_mirror(text)


def test_longest_public_prefix_wins_and_hosts_do_not_run_on():
    mirrors = Mirrors.parse(["http://a.example/=http://127.0.0.1:1/", "http://a.example/api/=http://127.0.0.1:2/"])
    assert mirrors.to_local("http://a.example/api/list?x=1") == "http://127.0.0.1:2/list?x=1"
    assert mirrors.to_local("http://a.example/news/1.html") == "http://127.0.0.1:1/news/1.html"
    assert mirrors.to_local("http://a.example.org/x") == "http://a.example.org/x"
    assert not Mirrors() and mirrors


def middleware(*pairs: str) -> MirrorMiddleware:
    crawler = SimpleNamespace(spider=SimpleNamespace(mirrors=Mirrors.parse(pairs)))
    return MirrorMiddleware.from_crawler(crawler)


def test_middleware_readdresses_requests_and_hands_responses_back_public():
    mw = middleware("http://finews.example/=http://127.0.0.1:5/")
    public = Request("http://finews.example/NewsData/x.do?id=NW1", meta={"profile": "p"})
    local = mw.process_request(public)
    assert local.url == "http://127.0.0.1:5/NewsData/x.do?id=NW1" and local.dont_filter
    assert local.meta["profile"] == "p" and mw.process_request(local) is None  # not twice
    response = HtmlResponse(local.url, body=b"<p>x</p>", request=local)
    assert mw.process_response(local, response).url == public.url
    assert public_url(local) == public.url  # what errbacks report
    other = Request("http://elsewhere.example/")
    assert mw.process_request(other) is None and public_url(other) == other.url


def test_middleware_maps_a_redirect_on_the_mirror_back_too():
    mw = middleware("http://finews.example/=http://127.0.0.1:5/")
    local = mw.process_request(Request("http://finews.example/a"))
    moved = local.replace(url="http://127.0.0.1:5/b")  # what RedirectMiddleware sends on
    assert mw.process_request(moved) is None
    assert mw.process_response(moved, HtmlResponse(moved.url, body=b"", request=moved)).url == \
        "http://finews.example/b"


def test_mirror_under_its_own_public_prefix_does_not_loop():
    mw = middleware("http://a.example/=http://a.example/mirror/")
    local = mw.process_request(Request("http://a.example/x"))
    assert local.url == "http://a.example/mirror/x" and mw.process_request(local) is None
    assert local.meta[MIRROR_META] == Mirror("http://a.example/", "http://a.example/mirror/")


def test_middleware_is_off_without_mirrors():
    with pytest.raises(NotConfigured):
        MirrorMiddleware.from_crawler(SimpleNamespace(spider=SimpleNamespace(mirrors=Mirrors())))


def test_check_live_reads_the_site_through_a_mirror():
    from newscrawl.demo.server import serve
    from tests.helpers import run_cli

    with serve() as server:
        result = run_cli("check", "yanshiribao", "--live", "--limit", "1",
                         "--mirror", f"http://www.yanshiribao.example/={server.base_url}")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "  article http://www.yanshiribao.example/html/" in result.stdout  # the public URL
    assert "127.0.0.1" not in result.stdout


@pytest.mark.parametrize("command", [["crawl", "yanshiribao"], ["check", "yanshiribao", "--live"]])
def test_a_malformed_mirror_is_a_usage_error_before_any_request(command, tmp_path):
    from tests.helpers import run_cli

    result = run_cli(*command, "--mirror", "127.0.0.1:8000", "--out", str(tmp_path / "out")) \
        if command[0] == "crawl" else run_cli(*command, "--mirror", "127.0.0.1:8000")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines()[-1].startswith("newscrawl: error: --mirror: '127.0.0.1:8000' is not")
    assert not (tmp_path / "out").exists()
