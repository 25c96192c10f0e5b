"""End to end: a paper whose pictures sit on a host that demands the article's Referer, crawled as cron runs it.

Each test serves the paper and its picture host on 127.0.0.1 (``picturepaper.py``)
and runs ``newscrawl crawl`` as a subprocess; the pictures are real files made
and read with Pillow.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from lxml import html as lxml_html
from PIL import Image

from newscrawl.demo.server import serve
from newscrawl.state import StateStore
from tests.e2e.browser_probe import chromium
from tests.e2e.picturepaper import (
    IMAGE_BASE, SVG, captioned, figure, make_picture_paper, paragraphs, picture,
)
from tests.e2e.sitegen import PUBLIC_BASE
from tests.helpers import need_chromium, need_tool, read_post, run_cli, snapshot

pytestmark = pytest.mark.e2e

FAILING = {  # picture -> the reason the summary gives
    "photos/svg.jpg": "picture not kept: not a picture: SVG (markup that can carry scripts)",
    "photos/page.jpg": "picture not kept: not a picture: an HTML page",
    "photos/missing.jpg": "picture not kept: HTTP 404",
    "photos/big.png": "picture not kept: larger than 60,000 bytes (NEWSCRAWL_IMAGE_MAXSIZE; not read)",
    "private/secret.jpg": "picture not kept: forbidden by the site's robots.txt",
    "photos/flaky.jpg": "picture not kept: HTTP 503",
}


def two_articles(tmp_path: Path, **profile_keys):
    """Return the picture paper with two articles: captions of both kinds, lazy loading, shared bytes."""
    paper = make_picture_paper(tmp_path, **profile_keys)
    paper.add("图片新闻一", *paragraphs(1, "甲"), figure("photos/a.jpg", "图为会议现场。"), *paragraphs(1, "乙"),
              captioned("photos/b.png", "与会代表参观展台"), *paragraphs(1, "丙"))
    paper.add("图片新闻二", *paragraphs(1, "丁"), figure("photos/c.webp", attr="data-original"),
              *paragraphs(1, "戊"), figure("photos/same-as-a.jpg"), *paragraphs(1, "己"))
    return paper


def body_elements(post: Path) -> list[lxml_html.HtmlElement]:
    """Return the top elements of a post's body HTML (paragraphs and figures, not the source line), in order."""
    _, body = read_post(post)
    markup = body.split("\n\n<http", 1)[0]
    return [el for el in lxml_html.fragments_fromstring(markup)
            if not isinstance(el, str) and el.get("class") != "em_media"]


def shape(post: Path) -> list[tuple]:
    """Return a post's body as ('p', first characters) and ('figure', src, data-src, caption) entries."""
    found = []
    for el in body_elements(post):
        if el.tag == "figure":
            img = el.find("img")
            caption = el.find("figcaption")
            found.append(("figure", img.get("src"), img.get("data-src"),
                          caption.text_content() if caption is not None else None))
        else:
            found.append(("p", el.text_content()[:4]))
    return found


def kept_file(out: Path, src: str) -> Path:
    """Return the archive file a post's local ``src`` names (Jekyll's assets/, Hugo's static/)."""
    if src.startswith("/assets/images/"):
        return out / src.lstrip("/")
    assert src.startswith("/images/"), src
    return out / "static" / src.lstrip("/")


def name_of(data: bytes) -> str:
    """Return the name a picture's bytes are kept under, without the extension."""
    digest = hashlib.sha256(data).hexdigest()[:32]
    return f"{digest[:2]}/{digest}"


def pictures_in(out: Path, fmt: str = "jekyll") -> dict[str, bytes]:
    """Return every file of the archive's images folder, relative to it."""
    folder = out / ("assets/images" if fmt == "jekyll" else "static/images")
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_pictures_stand_in_place_kept_by_content_and_fetched_with_the_articles_referer(tmp_path):
    paper = two_articles(tmp_path)
    result, summary = paper.crawl()
    assert result.returncode == 0, result.stderr[-3000:]
    assert len(summary["created"]) == 2 and summary["failed"] == []
    files = paper.files
    one, two = paper.out / "_posts/2024-05-20-1001.md", paper.out / "_posts/2024-05-20-1002.md"
    a = f"/assets/images/{name_of(files['photos/a.jpg'][1])}.jpg"
    assert shape(one) == [
        ("p", "甲第1段"), ("figure", a, IMAGE_BASE + "photos/a.jpg", "图为会议现场。"), ("p", "乙第1段"),
        ("figure", f"/assets/images/{name_of(files['photos/b.png'][1])}.png", IMAGE_BASE + "photos/b.png",
         "与会代表参观展台"),
        ("p", "丙第1段")]
    assert shape(two) == [
        ("p", "丁第1段"),
        ("figure", f"/assets/images/{name_of(files['photos/c.webp'][1])}.webp", IMAGE_BASE + "photos/c.webp", None),
        ("p", "戊第1段"), ("figure", a, IMAGE_BASE + "photos/same-as-a.jpg", None), ("p", "己第1段")]
    kept = pictures_in(paper.out)
    assert len(kept) == 3  # a.jpg and same-as-a.jpg are the same bytes: one file
    for name, data in kept.items():
        assert name_of(data) == name.rsplit(".", 1)[0]
        with Image.open(kept_file(paper.out, "/assets/images/" + name)) as image:
            image.load()
    # Every picture was asked for once, as the article's page, by newscrawl.
    requests = [r for r in paper.runs[0] if r[0] != "robots.txt"]
    assert sorted(path for path, _, _ in requests) == sorted(
        ["photos/a.jpg", "photos/b.png", "photos/c.webp", "photos/same-as-a.jpg"])
    pages = {"photos/a.jpg": one, "photos/b.png": one, "photos/c.webp": two, "photos/same-as-a.jpg": two}
    for path, referer, agent in requests:
        assert referer == PUBLIC_BASE + pages[path].stem.replace("2024-05-20-", "news/2024/05/") + ".html"
        assert agent.startswith("newscrawl/")


def test_jsonl_and_extract_json_give_the_pictures_as_objects(tmp_path):
    paper = two_articles(tmp_path)
    jsonl = tmp_path / "posts.jsonl"
    assert paper.crawl("--jsonl", str(jsonl))[0].returncode == 0
    records = {r["id"]: r for r in map(json.loads, jsonl.read_text(encoding="utf-8").splitlines())}
    a_file = f"{name_of(paper.files['photos/a.jpg'][1])}.jpg"
    assert records["1001"]["pictures"][0] == {"url": IMAGE_BASE + "photos/a.jpg", "position": 1,
                                              "caption": "图为会议现场。", "alt": "配图", "file": a_file, "error": None}
    assert [p["position"] for p in records["1002"]["pictures"]] == [1, 2]
    extracted = run_cli("extract", str(paper.site.root / "news/2024/05/1001.html"), "--url",
                        PUBLIC_BASE + "news/2024/05/1001.html", "--json")
    assert extracted.returncode == 0, extracted.stderr
    assert json.loads(extracted.stdout)["pictures"] == [
        {"url": IMAGE_BASE + "photos/a.jpg", "position": 1, "caption": "图为会议现场。", "alt": "配图"},
        {"url": IMAGE_BASE + "photos/b.png", "position": 2, "caption": "与会代表参观展台", "alt": None}]
    shown = run_cli("extract", str(paper.site.root / "news/2024/05/1001.html"))
    lines = shown.stdout.splitlines()
    assert lines.index(f"[picture {IMAGE_BASE}photos/a.jpg — 图为会议现场。]") == next(
        i for i, line in enumerate(lines) if line.startswith("甲第1段")) + 1


def test_a_second_run_fetches_no_picture_and_changes_no_byte(tmp_path):
    paper = two_articles(tmp_path, recheck_hours=10 ** 6)  # the articles are fetched again: their pictures are not
    assert paper.crawl()[0].returncode == 0
    before = snapshot(paper.out)
    result, summary = paper.crawl()
    assert result.returncode == 0, result.stderr[-3000:]
    assert len(summary["unchanged"]) == 2
    assert paper.picture_requests() == []
    assert snapshot(paper.out) == before


def test_a_picture_that_fails_is_listed_its_post_stands_and_the_next_run_mends_what_may_pass(tmp_path):
    paper = make_picture_paper(tmp_path)
    paper.files["photos/flaky.jpg"] = ("image/jpeg", picture("JPEG", (1, 2, 3)))
    paper.statuses = {"photos/flaky.jpg": 503}
    failing = [figure(path) for path in FAILING]
    paper.add("图片新闻三", *paragraphs(1, "庚"), figure("photos/a.jpg", "好图"), *failing, *paragraphs(1, "辛"))
    result, summary = paper.crawl("-s", "RETRY_TIMES=0")
    assert result.returncode == 0, result.stderr[-3000:]
    assert [e["path"] for e in summary["created"]] == ["_posts/2024-05-20-1001.md"]
    article = PUBLIC_BASE + "news/2024/05/1001.html"
    assert {e["url"]: (e["reason"], e["article"]) for e in summary["failed"]} == {
        IMAGE_BASE + path: (reason, article) for path, reason in FAILING.items()}
    post = paper.out / "_posts/2024-05-20-1001.md"
    figures = [entry for entry in shape(post) if entry[0] == "figure"]
    assert figures[0][1].startswith("/assets/images/")
    assert [f[1] for f in figures[1:]] == [IMAGE_BASE + path for path in FAILING]  # the paper's copy, linked
    assert "private/secret.jpg" not in paper.picture_requests()  # robots.txt forbids it
    for data in pictures_in(paper.out).values():
        assert not data.lstrip().startswith((b"<", SVG[:20])) and b"<script" not in data
    assert len(pictures_in(paper.out)) == 1
    # The server error passes: the next run fetches the article again for that picture alone.
    paper.statuses = {}
    result, summary = paper.crawl()
    assert result.returncode == 0, result.stderr[-3000:]
    assert [e["path"] for e in summary["updated"]] == ["_posts/2024-05-20-1001.md"]
    assert paper.picture_requests() == ["photos/flaky.jpg"]
    assert summary["failed"] == []  # the final failures are not tried again (nor listed again)
    flaky = [f for f in shape(post) if f[0] == "figure" and f[2] == IMAGE_BASE + "photos/flaky.jpg"]
    assert flaky and kept_file(paper.out, flaky[0][1]).is_file()
    result, summary = paper.crawl()
    assert paper.picture_requests() == [] and summary["updated"] == [] and summary["created"] == []


def test_a_corrected_article_shows_its_new_pictures_and_prune_removes_the_old_ones(tmp_path):
    paper = make_picture_paper(tmp_path, recheck_hours=10 ** 6)
    story = paper.add("更正的报道", *paragraphs(1, "壬"), figure("photos/a.jpg", "旧图"), *paragraphs(1, "癸"))
    paper.add("另一篇报道", *paragraphs(2, "子"), figure("photos/c.webp", "别的图"))
    assert paper.crawl()[0].returncode == 0
    old = pictures_in(paper.out)
    story.raw_body = "\n".join([*paragraphs(1, "壬"), figure("photos/b.png", "新图"), *paragraphs(1, "癸")])
    result, summary = paper.crawl()
    assert result.returncode == 0, result.stderr[-3000:]
    post = paper.out / "_posts/2024-05-20-1001.md"
    assert [e["path"] for e in summary["updated"]] == ["_posts/2024-05-20-1001.md"]  # same text, new picture
    assert [f[2:] for f in shape(post) if f[0] == "figure"] == [(IMAGE_BASE + "photos/b.png", "新图")]
    assert paper.picture_requests() == ["photos/b.png"]
    a_file = f"{name_of(paper.files['photos/a.jpg'][1])}.jpg"
    assert a_file in pictures_in(paper.out)  # kept until pruned: the state may still be asked of it
    pruned = run_cli("archive", "prune", "--out", str(paper.out), "--keep-days", "100000")
    assert pruned.returncode == 0, pruned.stderr
    assert set(pictures_in(paper.out)) == set(old) - {a_file} | {f"{name_of(paper.files['photos/b.png'][1])}.png"}
    assert f"removed\tassets/images/{a_file}" in pruned.stdout
    with StateStore(paper.out / ".newscrawl" / "state.sqlite") as store:
        assert store.lookup_picture(IMAGE_BASE + "photos/a.jpg") is None  # shown again, it is fetched again
        assert store.lookup_picture(IMAGE_BASE + "photos/b.png") is not None


def test_prune_leaves_no_orphaned_picture_and_keeps_the_shared_ones(tmp_path):
    paper = make_picture_paper(tmp_path)
    today = datetime.now(ZoneInfo("Asia/Shanghai")).strftime("%Y-%m-%d 08:00")
    paper.add("旧闻", *paragraphs(2, "丑"), figure("photos/a.jpg"), figure("photos/b.png"),
              published="2020-01-02 08:00")
    paper.add("新闻", *paragraphs(2, "寅"), figure("photos/same-as-a.jpg"), figure("photos/c.webp"), published=today)
    assert paper.crawl()[0].returncode == 0
    assert len(pictures_in(paper.out)) == 3
    moved = tmp_path / "attic"
    pruned = run_cli("archive", "prune", "--out", str(paper.out), "--keep-days", "30", "--move-to", str(moved))
    assert pruned.returncode == 0, pruned.stderr
    b_file = f"{name_of(paper.files['photos/b.png'][1])}.png"
    assert set(pictures_in(paper.out)) == {f"{name_of(paper.files['photos/a.jpg'][1])}.jpg",
                                           f"{name_of(paper.files['photos/c.webp'][1])}.webp"}
    assert (moved / "assets/images" / b_file).read_bytes() == paper.files["photos/b.png"][1]
    referenced = set()
    for post in (paper.out / "_posts").glob("*.md"):
        referenced |= {m for m in re.findall(r'src="/assets/images/([^"]+)"', post.read_text(encoding="utf-8"))}
    assert referenced == set(pictures_in(paper.out))  # no orphan, nothing missing


@pytest.mark.parametrize("how", ["option", "profile"])
def test_pictures_can_be_linked_instead_of_kept(tmp_path, how):
    paper = two_articles(tmp_path, **({"images": "link"} if how == "profile" else {}))
    result, _ = paper.crawl(*(["--images", "link"] if how == "option" else []))
    assert result.returncode == 0, result.stderr[-3000:]
    figures = [f for f in shape(paper.out / "_posts/2024-05-20-1001.md") if f[0] == "figure"]
    assert figures == [("figure", IMAGE_BASE + "photos/a.jpg", None, "图为会议现场。"),
                       ("figure", IMAGE_BASE + "photos/b.png", None, "与会代表参观展台")]
    assert paper.picture_requests() == [] and not (paper.out / "assets").exists()


def test_the_option_wins_over_the_profile_and_none_leaves_pictures_out(tmp_path):
    paper = two_articles(tmp_path, images="link")
    result, _ = paper.crawl("--images", "none")
    assert result.returncode == 0, result.stderr[-3000:]
    assert [f[0] for f in shape(paper.out / "_posts/2024-05-20-1001.md")] == ["p", "p", "p"]
    assert paper.picture_requests() == []


def test_a_bad_images_value_stops_the_run_before_the_first_request(tmp_path):
    paper = two_articles(tmp_path)
    result, summary = paper.crawl("-s", "NEWSCRAWL_IMAGE_MAXSIZE=0")
    assert result.returncode == 2 and summary is None
    assert result.stderr.strip().splitlines()[-1].startswith("newscrawl: error: -s NEWSCRAWL_IMAGE_MAXSIZE=0")
    assert not paper.out.exists() and paper.runs[-1] == []
    result, _ = paper.crawl("--images", "all")
    assert result.returncode == 2 and "--images" in result.stderr


def test_an_adopted_post_keeps_its_remote_pictures_as_they_are(tmp_path):
    paper = two_articles(tmp_path, recheck_hours=10 ** 6)
    assert paper.crawl("--images", "link")[0].returncode == 0
    # The same posts as another system wrote them, adopted into a fresh state.
    posts = sorted((paper.out / "_posts").glob("*.md"))
    theirs = {post: post.read_text(encoding="utf-8").replace("layout: post\n", "layout: post\ncomments: false\n")
              for post in posts}
    for post, text in theirs.items():
        post.write_text(text, encoding="utf-8")
    shutil.rmtree(paper.out / ".newscrawl")
    adopted = run_cli("archive", "import", "--out", str(paper.out), "--site", "ceshiribao",
                      "--profiles-dir", str(paper.profiles))
    assert adopted.returncode == 0, adopted.stderr
    result, summary = paper.crawl()
    assert result.returncode == 0, result.stderr[-3000:]
    assert len(summary["unchanged"]) == 2 and paper.picture_requests() == []
    assert {post: post.read_text(encoding="utf-8") for post in posts} == theirs
    assert IMAGE_BASE + "photos/a.jpg" in theirs[posts[0]]


BUILDS = {"jekyll": (["jekyll", "build", "--quiet"], "_site"), "hugo": (["hugo", "--quiet"], "public")}


@pytest.fixture(scope="module", params=[pytest.param("jekyll", marks=pytest.mark.jekyll),
                                        pytest.param("hugo", marks=pytest.mark.hugo)])
def built(request, tmp_path_factory):
    """Return (format, the crawled paper, its built site, {post file: built page}) for each format."""
    fmt = request.param
    need_tool(BUILDS[fmt][0][0])
    paper = two_articles(tmp_path_factory.mktemp(f"pictures-{fmt}"))
    result, _ = paper.crawl(fmt=fmt)
    assert result.returncode == 0, result.stderr[-3000:]
    done = subprocess.run(BUILDS[fmt][0], cwd=paper.out, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, (done.stdout[-3000:], done.stderr[-3000:])
    site = paper.out / BUILDS[fmt][1]
    posts = sorted((paper.out / ("_posts" if fmt == "jekyll" else "content/posts")).glob("*.md"))
    pages = {post: (site / "ceshiribao/2024/05/20" / f"{post.stem[11:]}.html" if fmt == "jekyll"
                    else site / "posts/2024/05/20" / post.stem[11:] / "index.html") for post in posts}
    return fmt, paper, site, pages


def test_the_built_sites_show_each_picture_from_the_archive_in_place(built):
    fmt, paper, site, pages = built
    local = "/assets/images/" if fmt == "jekyll" else "/images/"
    for post, page in pages.items():
        assert page.is_file(), sorted(str(p.relative_to(site)) for p in site.rglob("*.html"))
        tree = lxml_html.fromstring(page.read_bytes())
        figures = tree.xpath("//figure")
        assert [(f.find("img").get("src"), f.findtext("figcaption")) for f in figures] == [
            (src, caption) for _, src, _, caption in (e for e in shape(post) if e[0] == "figure")]
        for figure_el in figures:
            src = figure_el.find("img").get("src")
            assert src.startswith(local) and (site / src.lstrip("/")).is_file(), src
        text = " ".join(tree.xpath("//article//text() | //main//text() | //body//text()"))
        assert text.index("甲第1段" if "1001" in post.name else "丁第1段") < text.index("丙第1段" if "1001" in post.name
                                                                                   else "己第1段")


@pytest.mark.chromium
def test_each_picture_loads_from_the_archive_in_chromium_with_the_paper_unreachable(built, capsys):
    need_chromium()
    fmt, paper, site, pages = built
    with serve(site) as server, chromium() as browser:
        shown = [picture_loads(browser, server.base_url, page.relative_to(site).as_posix()) for page in pages.values()]
    with capsys.disabled():
        print(f"\npictures in Chromium ({fmt}): " + "; ".join(
            f"{len(images)} loaded from the archive, {len(refused)} requests to other hosts refused"
            for images, refused in shown))
    assert sum(len(images) for images, _ in shown) == 4
    for images, refused in shown:
        assert refused == []  # nothing was even asked of the paper's hosts
        for src, complete, width in images:
            assert src.startswith(server.base_url) and complete and width == 64, (src, complete, width)


def picture_loads(browser, base_url: str, path: str) -> tuple[list[tuple[str, bool, int]], list[str]]:
    """Open a built page with every other host blocked; return each image's (source, loaded, natural width)
    and the requests refused."""
    context = browser.new_context()
    refused: list[str] = []

    def route(request_route):
        if request_route.request.url.startswith(base_url):
            request_route.continue_()
        else:
            refused.append(request_route.request.url)
            request_route.abort()

    context.route("**/*", route)
    page = context.new_page()
    try:
        page.goto(base_url + path, wait_until="load")
        images = page.evaluate("() => Array.from(document.images).map(i => [i.currentSrc, i.complete, i.naturalWidth])")
    finally:
        context.close()
    return [tuple(i) for i in images], refused
