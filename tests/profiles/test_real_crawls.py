"""End to end: the shipped profiles crawl their own saved pages, served on 127.0.0.1.

The profiles are the shipped ones with host names pointed at local servers (see
``realsites.py``); everything else — layouts by date, link rules, selectors — is as shipped.
"""

from __future__ import annotations

import re
from contextlib import ExitStack
from pathlib import Path

import pytest

from tests.helpers import read_post, run_cli
from tests.profiles.realsites import RealSite, serve_real_site

pytestmark = pytest.mark.e2e


def crawl(site: RealSite, tmp_path: Path, slug: str, *options: str) -> dict[str, dict]:
    """Run the CLI for ``slug`` and return each post's front matter by its public URL."""
    out = tmp_path / "archive"
    result = run_cli("crawl", slug, "--out", str(out), "--profiles-dir", str(site.profiles_dir), *options)
    assert result.returncode in (0, 4), result.stderr[-3000:]
    failed = re.search(r"(\d+) failed", result.stderr)
    assert failed and failed.group(1) == "0", result.stderr[-3000:]
    posts = {}
    for path in sorted((out / "_posts").glob("*.md")) if (out / "_posts").is_dir() else []:
        front, body = read_post(path)
        url = site.public(front["original_url"])
        assert url not in posts, f"{url} became two posts"
        posts[url] = {**front, "file": path.name, "body": body}
    return posts


@pytest.fixture
def real_site(tmp_path):
    with ExitStack() as stack:
        yield lambda slug, **kw: serve_real_site(slug, tmp_path / "served", stack, **kw)


def test_renminribao_pc_layout_skips_the_credit_entries(real_site, tmp_path):
    site = real_site("renminribao")
    posts = crawl(site, tmp_path, "renminribao", "--date", "2025-03-18")
    base = "https://paper.people.com.cn/rmrb/pc/content/202503/18/"
    assert {u: (p["file"], p["section"], p["title"]) for u, p in posts.items()} == {
        base + "content_30062301.html": ("2025-03-18-content_30062301.md", "要闻", "春耕备耕全面铺开"),
        base + "content_30062302.html": ("2025-03-18-content_30062302.md", "要闻", "新能源汽车下乡活动启动"),
        base + "content_30062303.html": ("2025-03-18-content_30062303.md", "要闻", "图片报道"),
        base + "content_30062310.html": ("2025-03-18-content_30062310.md", "要闻", "多地推出稳岗就业新举措"),
    }
    # the 本版责编 entries (content_30062304, content_30062311) were neither fetched nor posted:
    # their pages are not served, so fetching them would have failed the run above
    assert not any("本版责编" in p["title"] or "本版责编" in p["body"] for p in posts.values())


def test_renminribao_html_layout_before_december_2024(real_site, tmp_path):
    site = real_site("renminribao")
    posts = crawl(site, tmp_path, "renminribao", "--date", "2024-11-19")
    base = "https://paper.people.com.cn/rmrb/html/2024-11/19/"
    assert {u: (p["file"], str(p["date"])) for u, p in posts.items()} == {
        base + "nw.D110000renmrb_20241119_1-01.htm": ("2024-11-19-nw.D110000renmrb_20241119_1-01.md", "2024-11-19"),
        base + "nw.D110000renmrb_20241119_2-01.htm": ("2024-11-19-nw.D110000renmrb_20241119_2-01.md", "2024-11-19"),
        base + "nw.D110000renmrb_20241119_1-02.htm": ("2024-11-19-nw.D110000renmrb_20241119_1-02.md", "2024-11-19"),
    }
    assert posts[base + "nw.D110000renmrb_20241119_1-01.htm"]["title"] == "冬季供暖准备工作基本就绪"


def test_jiangxiribao_2017_edition_from_its_own_host_and_front_page(real_site, tmp_path):
    site = real_site("jiangxiribao")
    posts = crawl(site, tmp_path, "jiangxiribao", "--date", "2017-10-10")
    base = "http://epaper.jxnews.com.cn/jxrb/html/2017-10/10/"
    assert {u: (p["file"], p["section"], str(p["date"])) for u, p in posts.items()} == {
        base + "content_401921.htm": ("2017-10-10-content_401921.md", "头版", "2017-10-10"),
        base + "content_401922.htm": ("2017-10-10-content_401922.md", "头版", "2017-10-10"),
        base + "content_401925.htm": ("2017-10-10-content_401925.md", "要闻", "2017-10-10"),
    }
    assert posts[base + "content_401925.htm"]["title"] == "山区学校用上智慧课堂"


def test_jiangxiribao_current_edition_through_navi_xml(real_site, tmp_path):
    site = real_site("jiangxiribao")
    posts = crawl(site, tmp_path, "jiangxiribao", "--date", "2023-05-23")
    base = "https://epaper.jxxw.com.cn/html/2023-05/23/"
    assert {u: (p["file"], p["section"]) for u, p in posts.items()} == {
        base + "content_5451_7716101.htm": ("2023-05-23-content_5451_7716101.md", "要闻"),
        base + "content_5451_7716102.htm": ("2023-05-23-content_5451_7716102.md", "要闻"),
        base + "content_5452_7716110.htm": ("2023-05-23-content_5452_7716110.md", "综合新闻"),
    }
    assert posts[base + "content_5452_7716110.htm"]["title"] == "老街改造留住城市记忆"
    assert {(p["categories"], p["tags"]) for p in posts.values()} == {("jiangxiribao", "江西日报新闻")}


def test_jxnews_follows_jxrb_and_zt_system_links_and_decodes_gb2312(real_site, tmp_path):
    site = real_site("jxnews", content_types={".shtml": "text/html; charset=gb2312",
                                               ".html": "text/html; charset=gb2312"})
    posts = crawl(site, tmp_path, "jxnews", "--section", "江西日报")
    www = "http://www.jxnews.com.cn/"
    assert {u: (p["file"], p["section"]) for u, p in posts.items()} == {
        www + "jxrb/system/2017/10/11/016456021.shtml": ("2017-10-11-016456021.md", "江西日报"),
        www + "jxrb/system/2017/10/11/016456022.shtml": ("2017-10-11-016456022.md", "江西日报"),
        www + "jxrb/system/2017/10/11/016456025.shtml": ("2017-10-11-016456025.md", "江西日报"),
        www + "jxrb/system/2017/10/10/016452990.shtml": ("2017-10-10-016452990.md", "江西日报"),
        www + "zt/system/2017/10/09/016450311.shtml": ("2017-10-09-016450311.md", "江西日报"),
    }
    first = posts[www + "jxrb/system/2017/10/11/016456021.shtml"]
    assert first["title"] == "我省出台措施支持民营企业发展"
    assert str(first["date"]) == "2017-10-11 07:42:15 +0800"
    assert "从降低经营成本、拓宽融资渠道等方面推出一揽子政策" in first["body"]
    assert posts[www + "zt/system/2017/10/09/016450311.shtml"]["title"] == "【专题】喜迎党的十九大·江西这五年"
