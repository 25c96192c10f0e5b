"""End to end: the shipped finews profile against a local stand-in of the replaced system's API.

`newscrawl crawl finews --mirror …` must write one post per record of all five
list URLs in exactly the seed's shape, the archive must build with real Jekyll,
and an archive the replaced system wrote, once imported, must be left byte for
byte as it is by crawls of the same records.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import html as lxml_html

from tests.e2e.finews_standin import copy_data, serve_standin
from tests.helpers import SEED_DIR, need_shared, need_tool, read_post, require_corpus, run_cli, snapshot
from tests.seed_page import SEED_NAME

pytestmark = pytest.mark.e2e

SITE = "//finews.withounder.com"
SHARE = "http://finews.zning.xyz/html_News/NewsShare.html?infoCode="
LISTS = {  # list file of the stand-in -> (record list key, id key, date key, media key)
    "type45.json": ("nodeList", "infocode", "showtime", "from"),
    "market37.json": ("record", "infoCode", "datetime", "medianame"),
    "market38.json": ("record", "infoCode", "datetime", "medianame"),
    "market39.json": ("record", "infoCode", "datetime", "medianame"),
}
ROLLING = "type102.json"
SLUGS = {  # the outlets of the stand-in and the slug each must get
    "江西日报": "jiangxiribao", "重庆日报": "chongqingribao", "第一财经 Daily": "diyicaijing-daily",
    "新华社·江西频道": "xinhuashe-jiangxipindao", "上海证券报": "shanghaizhengquanbao",
    "证券时报": "zhengquanshibao",
}
HOSTILE_ID = "NW202203172312986102"


def records(data: Path, name: str, key: str) -> list[dict]:
    """Return the records of one stand-in list file."""
    return json.loads((data / name).read_text(encoding="utf-8"))[key]


def detail(data: Path, code: str) -> dict:
    """Return the stand-in's detail object for ``code``."""
    return json.loads((data / "detail" / f"{code}.json").read_text(encoding="utf-8"))


def seed_text() -> str | None:
    """Return the seed post's text, or None when ../shared is absent (a failure under NEWSCRAWL_REQUIRE_CORPUS=1)."""
    path = SEED_DIR / SEED_NAME
    if require_corpus():
        need_shared(path)
    return path.read_text(encoding="utf-8") if path.exists() else None


def seed_body_into(data: Path) -> None:
    """Make the stand-in's record of the seed article carry the seed's text, as the API sent it."""
    seed = seed_text()
    if seed is None:
        return
    html = seed.split("---\n", 2)[2].split("\n\n<http")[0]
    path = data / "detail" / "NW202203172312986018.json"
    record = json.loads(path.read_text(encoding="utf-8"))
    record["text"] = html.replace("<p>", "<p>　　")  # the API indents; the seed's system removed it
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")


def crawl(standin, out: Path, *options: str) -> tuple[subprocess.CompletedProcess, dict]:
    """Run ``newscrawl crawl finews`` against the stand-in; return the process and its summary."""
    summary = out.parent / f"{out.name}-summary.json"
    result = run_cli("crawl", "finews", "--out", str(out), "--base-url", SITE, "--summary", str(summary),
                     "-s", "AUTOTHROTTLE_ENABLED=False", *standin.mirror_args, *options)
    assert result.returncode in (0, 4), result.stderr[-3000:]
    return result, json.loads(summary.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    """Crawl the stand-in once; return (data folder, archive, summary, requests the stand-in saw)."""
    tmp = tmp_path_factory.mktemp("finews")
    data = copy_data(tmp / "data")
    seed_body_into(data)
    with serve_standin(data) as standin:
        _, summary = crawl(standin, tmp / "archive")
    return data, tmp / "archive", summary, list(standin.requests)


def expected_posts(data: Path) -> dict[str, dict]:
    """Return, by file name, what each record of the five list URLs must become."""
    posts = {}
    for name, (key, code_key, day_key, media_key) in LISTS.items():
        for record in records(data, name, key):
            code, media = record[code_key], record[media_key]
            posts[f"2022-03-17-{code}.md"] = {
                "title": record["title"], "date": f"{record[day_key]} +0800",
                "categories": SLUGS[media], "tags": f"{media}新闻", "link": SHARE + code,
                "back": f"[返回{media}新闻]({SITE}/category/{SLUGS[media]}.html)｜[返回首页]({SITE}/)",
            }
    for record in records(data, ROLLING, "records"):
        posts[f"2022-03-17-{record['id']}.md"] = {
            "title": record["title"], "date": f"{record['showtime']} +0800", "categories": "emnews",
            "tags": "东财滚动新闻", "link": record["url_w"],
            "back": f"[返回东财滚动新闻]({SITE}/emnews/)｜[返回首页]({SITE}/)",
            "digest": record["digest"].split("】")[-1],
        }
    return posts


def test_sites_lists_finews_unverified_and_check_passes_offline():
    rows = {line.split("\t")[0]: line.split("\t") for line in run_cli("sites").stdout.splitlines()}
    assert rows["finews"][1:4] == ["财经资讯", "api", "unverified"]
    checked = run_cli("check", "finews")
    assert checked.returncode == 0 and checked.stdout.count(" ok   api_") == 5, checked.stdout


def test_five_list_urls_and_every_record_fetched(crawled):
    data, _, summary, requests = crawled
    lists = [r for r in requests if "webapi" in r]
    assert sorted(lists) == sorted([
        "/web/webapi?type=45&count=100&newsid=1", "/web/webapi?type=102&count=100&newsid=1",
        *(f"/information/newmarket/web/webapi?marketType={t}&count=100" for t in (37, 38, 39))])
    assert len([r for r in requests if r.startswith("/NewsData/GetNewsText.do?id=")]) == 9
    assert summary["failed"] == [] and summary["dropped"] == [] and len(summary["created"]) == 9
    assert {e["url"] for e in summary["created"]} == {p["link"] for p in expected_posts(data).values()}


def test_every_record_is_one_post_in_the_seed_shape(crawled):
    data, out, _, _ = crawled
    expected = expected_posts(data)
    assert sorted(p.name for p in (out / "_posts").iterdir()) == sorted(expected)
    for name, want in expected.items():
        front, body = read_post(out / "_posts" / name)
        assert list(front)[:5] == ["layout", "title", "date", "categories", "tags"], name
        assert (front["layout"], front["title"], front["date"], front["categories"], front["tags"]) == (
            "post", want["title"], want["date"], want["categories"], want["tags"]), name
        blocks = body.split("\n\n")
        assert blocks[-2:] == [f"<{want['link']}>", want["back"]], name
        if "digest" in want:
            assert blocks[0].replace("\\*", "*") == f"> {want['digest']}", name
        else:
            assert blocks[0].startswith("<p>"), name
        assert "　" not in body and "<script" not in body and "onclick" not in body and "iframe" not in body


def test_rolling_digest_is_quoted_after_its_last_bracket(crawled):
    _, out, _, _ = crawled
    _, body = read_post(out / "_posts" / "2022-03-17-202203172312988001.md")
    assert body.startswith("> 央行今日开展100亿元7天期逆回购操作，中标利率保持2.10%不变。\n\n<p>")  # as written
    _, body = read_post(out / "_posts" / "2022-03-17-202203172312988002.md")
    assert body.startswith("> 布伦特原油期货价格小幅回落, 市场关注库存数据 \\*初值\\*。\n\n<p>")  # * would be emphasis


def test_the_seed_record_gives_the_seed_post(crawled):
    seed = need_shared(SEED_DIR / SEED_NAME).read_text(encoding="utf-8")
    _, out, _, _ = crawled
    post = (out / "_posts" / SEED_NAME).read_text(encoding="utf-8")
    seed_head, seed_body = seed.split("---\n", 2)[1:]
    head, body = post.split("---\n", 2)[1:]
    assert body == seed_body  # byte for byte: paragraphs, source line, link, back-links
    assert head.startswith(seed_head)  # the seed's keys first; ours (author, id, …) after them


def test_category_pages_carry_their_own_outlets_label(crawled):
    _, out, _, _ = crawled
    pages = {p.stem: read_post(p)[0] for p in (out / "category").glob("*.html")}
    assert {slug: front["title"] for slug, front in pages.items()} == {
        **{slug: f"{media}新闻" for media, slug in SLUGS.items()}, "emnews": "东财滚动新闻"}
    assert all(front["category"] == slug for slug, front in pages.items())
    assert pages["emnews"]["permalink"] == "/emnews/"


def test_hostile_title_is_valid_yaml_and_the_body_inert(crawled):
    data, out, _, _ = crawled
    front, body = read_post(out / "_posts" / f"2022-03-17-{HOSTILE_ID}.md")
    assert front["title"] == detail(data, HOSTILE_ID)["title"]
    assert "{{" not in body and "{%" not in body and "&#123;&#123; page.title &#125;&#125;" in body
    assert front["source"] == "第一财经 Daily"  # the record's outlet, as the body's 来源 line says


@pytest.mark.jekyll
def test_the_archive_builds_with_jekyll(crawled, tmp_path):
    need_tool("jekyll")
    data, out, _, _ = crawled
    site = shutil.copytree(out, tmp_path / "site")
    env = {**os.environ, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
    done = subprocess.run(["jekyll", "build"], cwd=site, capture_output=True, text=True, timeout=300, env=env)
    assert done.returncode == 0 and "warn" not in (done.stdout + done.stderr).lower(), done.stdout + done.stderr
    built = site / "_site"
    [hostile] = built.glob(f"diyicaijing-daily/2022/03/17/{HOSTILE_ID}.html")
    page = lxml_html.document_fromstring(hostile.read_bytes())
    assert page.findtext(".//h1") == detail(data, HOSTILE_ID)["title"]  # Liquid shown, not run
    assert "{{ page.title }} 这样的写法" in page.text_content()
    for media, slug in SLUGS.items():
        category = lxml_html.document_fromstring((built / "category" / f"{slug}.html").read_bytes())
        assert category.findtext(".//h1") == f"{media}新闻"
    emnews = lxml_html.document_fromstring((built / "emnews" / "index.html").read_bytes())
    assert emnews.findtext(".//h1") == "东财滚动新闻" and len(emnews.findall(".//li")) == 2
    assert len(list(built.glob("*/2022/03/17/*.html"))) == 9


# -- switching over: the replaced system's archive, imported, then crawled --------------------

OLD_SLUGS = {**SLUGS, "重庆日报": "zhongqingribao", "第一财经 Daily": "diyicaijing Daily",
             "新华社·江西频道": "xinhuashe·jiangxipindao"}  # its pinyin library's spellings


def old_system_post(title: str, day: str, category: str, tags: str, body: str, link: str, back: str) -> str:
    """Return a post written the way the replaced system's scripts wrote them (no escaping)."""
    return (f'---\nlayout: post\ntitle: "{title}"\ndate: {day} +0800\ncategories: {category}\n'
            f"tags: {tags}\n---\n{body}\n\n<{link}>\n\n{back}")


def old_system_archive(data: Path, site: Path) -> None:
    """Write the archive the replaced system would have made of the stand-in's records."""
    posts = site / "_posts"
    posts.mkdir(parents=True)
    (site / "old_post").mkdir()
    (site / "_config.yml").write_text("title: finews\ntimezone: Asia/Shanghai\n", encoding="utf-8")
    (posts / "2021-12-01-init.md").write_text("---\nlayout: post\ntitle: init\n---\nhello\n", encoding="utf-8")
    for name, (key, code_key, day_key, media_key) in LISTS.items():
        for record in records(data, name, key):
            code, media = record[code_key], record[media_key]
            body = detail(data, code)["text"].replace("　　", "")
            back = f"[返回{media}新闻]({SITE}/category/{OLD_SLUGS[media]}.html)｜[返回首页]({SITE}/)"
            text = old_system_post(record["title"], record[day_key], OLD_SLUGS[media], f"{media}新闻",
                                   body, SHARE + code, back)
            # the market-37 record has been moved out by the three-day retention
            folder = site / "old_post" if name == "market37.json" else posts
            (folder / f"2022-03-17-{code}.md").write_text(text, encoding="utf-8")
    for record in records(data, ROLLING, "records"):
        body = detail(data, record["infoCode"])["content"].replace("　　", "")
        text = old_system_post(record["title"], record["showtime"], "emnews", "东财滚动新闻",
                               f"> {record['digest'].split('】')[-1]}\n\n{body}", record["url_w"],
                               f"[返回东财滚动新闻]({SITE}/emnews/)｜[返回首页]({SITE}/)")
        (posts / f"2022-03-17-{record['id']}.md").write_text(text, encoding="utf-8")
    seed = seed_text()
    if seed is not None:  # the seed is one of its posts, as it is
        (posts / SEED_NAME).write_text(seed, encoding="utf-8")


def test_import_then_crawls_of_the_same_records_change_no_byte(tmp_path):
    data = copy_data(tmp_path / "data")
    seed_body_into(data)
    site = tmp_path / "site"
    old_system_archive(data, site)
    before = snapshot(site)

    imported = run_cli("archive", "import", "--out", str(site))
    assert imported.returncode == 0, imported.stderr
    lines = [line.split("\t") for line in imported.stdout.splitlines()]
    adopted = {path: key for kind, path, key in lines if kind == "adopted"}
    assert len(adopted) == 9 and adopted["old_post/2022-03-17-NW202203172312987001.md"] == \
        "finews:NW202203172312987001"
    assert adopted[f"_posts/2022-03-17-{HOSTILE_ID}.md"] == f"finews:{HOSTILE_ID}"  # title breaks YAML
    assert adopted["_posts/2022-03-17-202203172312988001.md"] == "finews:202203172312988001"
    assert [line for line in lines if line[0] != "adopted"] == [
        ["skipped", "_posts/2021-12-01-init.md", "no original-link line (<http…>) and no original_url key"]]
    assert snapshot(site) == before

    with serve_standin(data) as standin:
        result, summary = crawl(standin, site)
        assert not [r for r in standin.requests if "GetNewsText" in r]  # nothing fetched again
    assert "0 created, 0 updated" in result.stderr
    assert summary["created"] == summary["updated"] == summary["failed"] == []
    assert snapshot(site) == before

    # Re-checking every live record fetches their bodies again: the text the import
    # fingerprinted is the text a crawl reads, so each is unchanged and keeps its file.
    with serve_standin(data) as standin:
        _, summary = crawl(standin, site, "-s", "NEWSCRAWL_RECHECK_HOURS=10000000")
        fetched = [r for r in standin.requests if "GetNewsText" in r]
    assert len(fetched) == 8 and "NW202203172312987001" not in " ".join(fetched)  # pruned: never again
    assert len(summary["unchanged"]) == 8
    assert summary["created"] == summary["updated"] == summary["dropped"] == summary["failed"] == []
    assert snapshot(site) == before

    # The README's retention step: old_post/ itself is published by Jekyll, so it is refused;
    # _old_post/ is not, and the posts moved there never come back.
    refused = run_cli("archive", "prune", "--out", str(site), "--keep-days", "3", "--move-to", "old_post")
    assert refused.returncode == 2 and "_pruned" in refused.stderr and snapshot(site) == before
    pruned = run_cli("archive", "prune", "--out", str(site), "--keep-days", "3", "--move-to", "_old_post")
    assert pruned.returncode == 0, pruned.stderr
    moved = sorted(p.relative_to(site).as_posix() for p in (site / "_old_post").rglob("*.md"))
    assert len(moved) == 9 and not list((site / "_posts").glob("20*.md"))  # the 8 live posts and init.md
    with serve_standin(data) as standin:
        _, summary = crawl(standin, site, "-s", "NEWSCRAWL_RECHECK_HOURS=10000000")
        assert not [r for r in standin.requests if "GetNewsText" in r]
    assert summary["created"] == summary["updated"] == [] and not list((site / "_posts").glob("2022-*.md"))


def test_import_reports_and_keeps_what_it_cannot_read(tmp_path):
    site = tmp_path / "site"
    (site / "_posts").mkdir(parents=True)
    extra = tmp_path / "older"
    extra.mkdir()
    (site / "_posts" / "notes.md").write_text("hello\n", encoding="utf-8")
    (site / "_posts" / "2022-03-17-x1.md").write_text("no front matter\n", encoding="utf-8")
    (extra / "2022-03-16-NW1.md").write_text(old_system_post(
        "旧稿", "2022-03-16 08:00:00", "jiangxiribao", "江西日报新闻", "<p>正文一段。</p>",
        SHARE + "NW1", "[返回首页](//x/)"), encoding="utf-8")
    before = snapshot(tmp_path)
    result = run_cli("archive", "import", "--out", str(site), str(extra))
    assert result.returncode == 0, result.stderr
    assert sorted(result.stdout.splitlines()) == sorted([
        f"adopted\t{extra / '2022-03-16-NW1.md'}\tfinews:NW1",
        "skipped\t_posts/2022-03-17-x1.md\tno front matter (the file does not start with ---)",
        "skipped\t_posts/notes.md\tfile name is not YYYY-MM-DD-<id>.md",
    ])
    assert "adopted 1 post(s) as finews, 0 already known, 2 could not be read" in result.stderr
    assert {k: v for k, v in snapshot(tmp_path).items() if ".newscrawl" not in k} == before
    again = run_cli("archive", "import", "--out", str(site), str(extra))
    assert f"known\t{extra / '2022-03-16-NW1.md'}\tfinews:NW1" in again.stdout
    assert run_cli("archive", "import", "--out", str(tmp_path / "nope")).returncode == 2
    unknown = run_cli("archive", "import", "--out", str(site), "--site", "nosuchpaper")
    assert unknown.returncode == 2 and "'nosuchpaper': no site profile of that name" in unknown.stderr
