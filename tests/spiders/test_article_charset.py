"""End to end: the HTTP header's charset reaches the extractor (issue 18, case 7).

Article pages without ``<meta charset>`` whose bytes alone mislead: a GBK page
with half a character lost (a truncating CMS) and a Big5 page, each labelled
rightly in ``Content-Type``; and a UTF-8 page labelled gbk, where the bytes
must still win over the header.
"""

from __future__ import annotations

import pytest

from tests.helpers import read_post, run_cli
from tests.localsite import html, local_site

pytestmark = pytest.mark.e2e

GBK_TITLE, GBK_STORY = "西湖区加快培育数字经济生态圈", "记者从区发展改革委获悉，西湖区将加快培育数字经济生态圈，推动产业数字化转型。"
BIG5_TITLE, BIG5_STORY = "臺北市政府宣布新措施", "記者從市政府獲悉，臺北市將加快推動數位經濟發展，擴大公共服務。"
UTF8_TITLE, UTF8_STORY = "南昌新建充电桩三千个", "本报讯 南昌市今年新建充电桩三千个，覆盖全部城区和主要乡镇，市民出行更加方便。"


def unlabelled(title: str, story: str) -> str:
    return (f"<html><head><title>{title}</title></head><body><h1>{title}</h1>"
            f"<div class='info'>2024-05-21 10:00</div><div class='content'>"
            + f"<p>{story}</p>" * 4 + "</div></body></html>")


def gbk_with_a_broken_character() -> bytes:
    data = unlabelled(GBK_TITLE, GBK_STORY).encode("gbk")
    cut = data.index("记者".encode("gbk")) + 1
    return data[:cut] + data[cut + 1:]


PAGES = {
    "/a/1.html": (200, "text/html; charset=gbk", gbk_with_a_broken_character()),
    "/a/2.html": (200, "text/html; charset=big5", unlabelled(BIG5_TITLE, BIG5_STORY).encode("big5")),
    "/a/3.html": (200, "text/html; charset=gbk", unlabelled(UTF8_TITLE, UTF8_STORY).encode("utf-8")),
    "/list.html": html("".join(f'<a href="/a/{n}.html">新闻{n}</a>' for n in (1, 2, 3))),
}


def test_article_pages_are_read_in_the_charset_their_header_names(tmp_path):
    with local_site(PAGES.get) as server:
        profiles = tmp_path / "profiles"
        profiles.mkdir()
        (profiles / "charsets.yaml").write_text(f"""name: 编码报
slug: charsets
base_url: "{server.base_url}"
listing:
  start_urls: [list.html]
  article_links: '/a/'
""", encoding="utf-8")
        result = run_cli("crawl", "charsets", "--profiles-dir", str(profiles), "--out", str(tmp_path / "out"),
                         "-s", "AUTOTHROTTLE_ENABLED=False")
    assert result.returncode == 0, result.stderr[-3000:]
    posts = {}
    for path in sorted((tmp_path / "out" / "_posts").glob("*.md")):
        front, body = read_post(path)
        posts[front["title"]] = body
    assert set(posts) == {GBK_TITLE, BIG5_TITLE, UTF8_TITLE}
    assert f"<p>{GBK_STORY}</p>" in posts[GBK_TITLE]
    assert f"<p>{BIG5_STORY}</p>" in posts[BIG5_TITLE]
    assert f"<p>{UTF8_STORY}</p>" in posts[UTF8_TITLE]


def test_extract_reads_a_fetched_page_in_the_charset_its_header_names():
    """``newscrawl extract URL`` passes the header's charset to the extractor as a crawl does."""
    with local_site(PAGES.get) as server:
        result = run_cli("extract", f"{server.base_url}a/2.html", "--json")
    assert result.returncode == 0, result.stderr[-3000:]
    assert f'"title": "{BIG5_TITLE}"' in result.stdout
