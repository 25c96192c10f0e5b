"""End to end: a Founder-style e-paper's page PDFs and page images, kept once per 版面 and linked from its posts.

Each test serves the e-paper on 127.0.0.1 (``pagefilespaper.py``) and runs
``newscrawl crawl`` as a subprocess, as cron runs it.
"""

from __future__ import annotations

import hashlib
import json
import subprocess

import pytest
from lxml import html as lxml_html

from newscrawl.state import StateStore
from tests.e2e.pagefilespaper import (
    BASE, DAY, HTML_AS_PDF, PageFilesPaper, page_image_path, page_pdf_path,
)
from tests.helpers import need_tool, read_post, run_cli, snapshot

pytestmark = pytest.mark.e2e

POSTS = {n: f"_posts/2024-05-20-content_{n}.md" for n in (101, 102, 201)}


def kept_name(data: bytes, ext: str) -> str:
    """Return the name a page file's bytes are kept under in the images folder."""
    digest = hashlib.sha256(data).hexdigest()[:32]
    return f"{digest[:2]}/{digest}.{ext}"


def kept_files(paper: PageFilesPaper, folder: str = "assets/images") -> dict[str, bytes]:
    """Return every file of the archive's images folder, relative to it."""
    root = paper.out / folder
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def front(paper: PageFilesPaper, article: int) -> dict:
    return read_post(paper.out / POSTS[article])[0]


def body(paper: PageFilesPaper, article: int) -> str:
    return read_post(paper.out / POSTS[article])[1]


def served(paper: PageFilesPaper, path: str) -> bytes:
    return paper.files[f"paper/{path}"][1]


def test_page_files_are_kept_once_per_page_fetched_with_the_page_as_referer_and_linked_from_its_posts(tmp_path):
    paper = PageFilesPaper(tmp_path)
    paper.profile(page_files=True)
    result, summary = paper.crawl()
    assert result.returncode == 0, result.stderr[-3000:]
    assert sorted(e["path"] for e in summary["created"]) == sorted(POSTS.values())
    pdf1 = kept_name(served(paper, page_pdf_path(1)), "pdf")
    image1 = kept_name(served(paper, page_image_path(1)), "jpg")
    image2 = kept_name(served(paper, page_image_path(2)), "jpg")
    for article in (101, 102):  # both posts of page 1 link its one PDF and image: the page's own, not page 2's
        assert front(paper, article)["page_pdf"] == f"/assets/images/{pdf1}"
        assert front(paper, article)["page_image"] == f"/assets/images/{image1}"
        assert f"[本版PDF](/assets/images/{pdf1})" in body(paper, article)
        assert f"[本版版面图](/assets/images/{image1})" in body(paper, article)
    assert front(paper, 201)["page_image"] == f"/assets/images/{image2}"
    # Page 2's PDF is an HTML page: never kept, listed with its URL and why; the post links the paper's copy.
    bad = BASE + page_pdf_path(2)
    assert front(paper, 201)["page_pdf"] == bad
    assert [(e["url"], e["reason"]) for e in summary["failed"]] == [
        (bad, "page PDF not kept: not a PDF: an HTML page")]
    assert kept_files(paper) == {pdf1: served(paper, page_pdf_path(1)), image1: served(paper, page_image_path(1)),
                                 image2: served(paper, page_image_path(2))}
    assert all(HTML_AS_PDF not in data for data in kept_files(paper).values())
    # Each page file was asked for once, with its 版面 page as Referer.
    node = {n: BASE + DAY + f"node_{n}.htm" for n in (1, 2)}
    assert sorted(paper.page_file_requests()) == sorted([
        (f"paper/{page_pdf_path(1)}", node[1]), (f"paper/{page_image_path(1)}", node[1]),
        (f"paper/{page_pdf_path(2)}", node[2]), (f"paper/{page_image_path(2)}", node[2])])
    # The post's shape is the seed's otherwise: the page files' line stands before the original URL.
    assert body(paper, 101).split("\n\n")[-2] == f"<{BASE}{DAY}content_101.htm>"


def test_a_second_run_fetches_no_page_file_again(tmp_path):
    paper = PageFilesPaper(tmp_path)
    paper.profile(page_files=True, recent_days=1)
    assert paper.crawl()[0].returncode == 0
    before = snapshot(paper.out)
    result, summary = paper.crawl("--recheck")  # every article fetched again: their page files are not
    assert result.returncode == 0, result.stderr[-3000:]
    assert paper.page_file_requests() == []
    assert summary["failed"] == []  # the PDF refused for good is neither asked for nor listed again
    assert snapshot(paper.out) == before


def test_a_page_file_that_may_pass_is_fetched_again_by_the_next_run(tmp_path):
    paper = PageFilesPaper(tmp_path)
    paper.profile(page_files=True)
    paper.statuses = {f"paper/{page_image_path(1)}": 503}
    result, summary = paper.crawl()
    assert result.returncode == 0, result.stderr[-3000:]
    image = BASE + page_image_path(1)
    assert {(e["url"], e["reason"]) for e in summary["failed"]} == {
        (image, "page image not kept: HTTP 503"), (BASE + page_pdf_path(2), "page PDF not kept: not a PDF: an HTML page")}
    assert front(paper, 101)["page_image"] == image  # the post stands, linking the paper's copy
    paper.statuses = {}
    result, summary = paper.crawl()
    assert result.returncode == 0, result.stderr[-3000:]
    assert sorted(e["path"] for e in summary["updated"]) == [POSTS[101], POSTS[102]]
    assert paper.page_file_requests() == [(f"paper/{page_image_path(1)}", BASE + DAY + "node_1.htm")]
    name = kept_name(served(paper, page_image_path(1)), "jpg")
    assert front(paper, 101)["page_image"] == front(paper, 102)["page_image"] == f"/assets/images/{name}"


def test_without_the_profile_key_no_page_file_is_fetched_and_posts_keep_their_shape(tmp_path):
    paper = PageFilesPaper(tmp_path)
    paper.profile()
    result, summary = paper.crawl()
    assert result.returncode == 0, result.stderr[-3000:]
    assert len(summary["created"]) == 3 and summary["failed"] == []
    assert paper.page_file_requests() == []
    assert not (paper.out / "assets/images").exists()
    assert "page_pdf" not in front(paper, 101) and "本版PDF" not in body(paper, 101)


def test_link_mode_links_the_papers_page_files_without_fetching_them_and_jsonl_lists_them(tmp_path):
    paper = PageFilesPaper(tmp_path)
    paper.profile(page_files=True)
    jsonl = tmp_path / "posts.jsonl"
    result, summary = paper.crawl("--images", "link", "--jsonl", str(jsonl))
    assert result.returncode == 0, result.stderr[-3000:]
    assert paper.page_file_requests() == []
    assert front(paper, 101)["page_pdf"] == BASE + page_pdf_path(1)
    records = {r["url"]: r for r in map(json.loads, jsonl.read_text(encoding="utf-8").splitlines())}
    assert [(f["kind"], f["url"], f["page"]) for f in records[BASE + DAY + "content_201.htm"]["page_files"]] == [
        ("pdf", BASE + page_pdf_path(2), BASE + DAY + "node_2.htm"),
        ("image", BASE + page_image_path(2), BASE + DAY + "node_2.htm")]


def test_none_mode_leaves_the_page_files_out(tmp_path):
    paper = PageFilesPaper(tmp_path)
    paper.profile(page_files=True)
    result, summary = paper.crawl("--images", "none")
    assert result.returncode == 0, result.stderr[-3000:]
    assert paper.page_file_requests() == [] and "page_pdf" not in front(paper, 101)


def test_prune_removes_the_page_files_no_post_links(tmp_path):
    paper = PageFilesPaper(tmp_path)
    paper.profile(page_files=True)
    assert paper.crawl()[0].returncode == 0
    (paper.out / POSTS[201]).unlink()  # page 2's only post is gone: its page image is an orphan
    pruned = run_cli("archive", "prune", "--out", str(paper.out), "--keep-days", "100000")
    assert pruned.returncode == 0, pruned.stderr
    image2 = kept_name(served(paper, page_image_path(2)), "jpg")
    assert set(kept_files(paper)) == {kept_name(served(paper, page_pdf_path(1)), "pdf"),
                                      kept_name(served(paper, page_image_path(1)), "jpg")}
    assert f"removed\tassets/images/{image2}" in pruned.stdout
    (paper.out / POSTS[101]).unlink()
    (paper.out / POSTS[102]).unlink()
    pruned = run_cli("archive", "prune", "--out", str(paper.out), "--keep-days", "100000")
    assert pruned.returncode == 0 and kept_files(paper) == {}
    with StateStore(paper.out / ".newscrawl" / "state.sqlite") as store:
        assert store.lookup_picture(BASE + page_pdf_path(1)) is None  # linked again, it is fetched again


def test_hugo_keeps_page_files_in_its_static_folder(tmp_path):
    paper = PageFilesPaper(tmp_path)
    paper.profile(page_files=True)
    assert paper.crawl(fmt="hugo")[0].returncode == 0
    pdf1 = kept_name(served(paper, page_pdf_path(1)), "pdf")
    post = read_post(paper.out / "content/posts/2024-05-20-content_101.md")[0]
    assert post["page_pdf"] == f"/images/{pdf1}"
    assert (paper.out / "static/images" / pdf1).read_bytes() == served(paper, page_pdf_path(1))


def test_a_page_files_value_that_is_no_flag_stops_the_run_before_the_first_request(tmp_path):
    paper = PageFilesPaper(tmp_path)
    paper.profile(page_files="yes")
    result, summary = paper.crawl()
    assert result.returncode == 2 and summary is None
    assert "page_files" in result.stderr and "true or false" in result.stderr
    assert paper.runs[-1] == [] and not paper.out.exists()


BUILDS = {"jekyll": (["jekyll", "build", "--quiet"], "_site", "yemianribao/2024/05/20/content_101.html", "/assets/images/"),
          "hugo": (["hugo", "--quiet"], "public", "posts/2024/05/20/content_101/index.html", "/images/")}


@pytest.mark.parametrize("fmt", [pytest.param("jekyll", marks=pytest.mark.jekyll),
                                 pytest.param("hugo", marks=pytest.mark.hugo)])
def test_the_built_site_serves_the_page_files_its_posts_link(tmp_path, fmt):
    command, folder, page, local = BUILDS[fmt]
    need_tool(command[0])
    paper = PageFilesPaper(tmp_path)
    paper.profile(page_files=True)
    assert paper.crawl(fmt=fmt)[0].returncode == 0
    done = subprocess.run(command, cwd=paper.out, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, (done.stdout[-3000:], done.stderr[-3000:])
    site = paper.out / folder
    tree = lxml_html.fromstring((site / page).read_bytes())
    links = {a.text_content(): a.get("href") for a in tree.iter("a") if a.text_content().startswith("本版")}
    assert set(links) == {"本版PDF", "本版版面图"}
    expected = {"本版PDF": served(paper, page_pdf_path(1)), "本版版面图": served(paper, page_image_path(1))}
    for text, href in links.items():
        assert href.startswith(local), href
        assert (site / href.lstrip("/")).read_bytes() == expected[text]


def test_a_page_file_robots_txt_forbids_is_not_fetched_and_is_listed(tmp_path):
    paper = PageFilesPaper(tmp_path)
    paper.profile(page_files=True)
    for n in (1, 2):  # page 1's PDF moves where robots.txt forbids (found by its 版面 list row, not its folder)
        kind, html = paper.files[f"paper/{DAY}node_{n}.htm"]
        paper.files[f"paper/{DAY}node_{n}.htm"] = (kind, html.replace(
            f"../../../{page_pdf_path(1)}".encode(), b"/private/2024052001.pdf"))
    paper.files["private/2024052001.pdf"] = paper.files.pop(f"paper/{page_pdf_path(1)}")
    result, summary = paper.crawl()
    assert result.returncode == 0, result.stderr[-3000:]
    forbidden = "http://epaper.paper.example/private/2024052001.pdf"
    assert (forbidden, "page PDF not kept: forbidden by the site's robots.txt") in {
        (e["url"], e["reason"]) for e in summary["failed"]}
    assert not [path for path, _ in paper.runs[-1] if path.startswith("private/")]
    assert front(paper, 101)["page_pdf"] == front(paper, 102)["page_pdf"] == forbidden
