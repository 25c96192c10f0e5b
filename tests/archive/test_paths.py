"""Post and category paths stay inside the archive whatever the id or slug."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path, PurePosixPath

import pytest

from newscrawl.archive import category_path, post_path, post_url, render_post, resolve_inside, safe_name
from newscrawl.archive.paths import post_name, post_paths
from tests.archive.cases import HOSTILE_IDS, article

SAFE_FILE = re.compile(r"\d{4}-\d{2}-\d{2}-[A-Za-z0-9][A-Za-z0-9._-]*\.md")


def test_seed_id_gives_the_seed_file_name():
    assert post_path(article()) == PurePosixPath("_posts/2022-03-17-NW202203172312986018.md")
    assert post_path(article(), "hugo") == PurePosixPath("content/posts/2022-03-17-NW202203172312986018.md")


def test_date_is_the_day_in_the_items_own_zone():
    from datetime import datetime, timedelta, timezone
    late = datetime(2022, 3, 17, 23, 30, tzinfo=timezone(timedelta(hours=8)))  # 15:30 UTC
    assert post_path(article(published=late)).name.startswith("2022-03-17-")
    assert post_path(article(published=date(2022, 3, 18))).name.startswith("2022-03-18-")


@pytest.mark.parametrize("raw", HOSTILE_IDS)
@pytest.mark.parametrize("fmt", ["jekyll", "hugo"])
def test_hostile_id_stays_inside_the_archive(raw, fmt, tmp_path):
    rel = post_path(article(id=raw), fmt)
    assert rel.parent == PurePosixPath("_posts" if fmt == "jekyll" else "content/posts")
    assert SAFE_FILE.fullmatch(rel.name), rel.name
    assert ".." not in rel.name
    assert len(rel.name.encode()) <= 255
    assert resolve_inside(tmp_path, rel).parent == (tmp_path / rel.parent).resolve()


def test_distinct_hostile_ids_never_share_a_file():
    names = [safe_name(raw) for raw in HOSTILE_IDS + ["a-b", "a_b", "a.b"]]
    assert len(set(names)) == len(names)


def test_safe_ids_are_kept_as_they_are():
    for raw in ["NW202203172312986018", "content_5411_7712601", "a.b-c"]:
        assert safe_name(raw) == raw


def test_long_id_is_truncated_with_a_hash():
    name = safe_name("n" * 300)
    assert len(name) <= 96 and re.fullmatch(r"n+-[0-9a-f]{12}", name)


@pytest.mark.parametrize("changes", [{"id": None}, {"id": ""}, {"id": "  "}, {"published": None}])
def test_missing_id_or_date_is_refused(changes):
    with pytest.raises(ValueError):
        post_path(article(**changes))


def test_unknown_format_is_refused():
    with pytest.raises(ValueError, match="format"):
        post_path(article(), "pelican")


def test_category_paths():
    assert category_path("jiangxiribao") == PurePosixPath("category/jiangxiribao.html")
    assert category_path("jiangxiribao", "hugo") == PurePosixPath("content/categories/jiangxiribao/_index.md")
    assert category_path("../../x").parent == PurePosixPath("category")
    with pytest.raises(ValueError):
        category_path("")


def test_post_urls_follow_the_skeleton_permalinks():
    assert post_url(article()) == "/jiangxiribao/2022/03/17/NW202203172312986018.html"
    assert post_url(article(), "hugo") == "/posts/2022/03/17/NW202203172312986018/"


@pytest.mark.parametrize("rel", ["../x", "/etc/passwd", "a/../../x", "", ".", "a\x00b"])
def test_resolve_inside_refuses_escapes(rel, tmp_path):
    with pytest.raises(ValueError):
        resolve_inside(tmp_path, PurePosixPath(rel))


def test_resolve_inside_refuses_a_symlink_out(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    root = tmp_path / "root"
    root.mkdir()
    (root / "_posts").symlink_to(outside)
    with pytest.raises(ValueError, match="outside"):
        resolve_inside(root, PurePosixPath("_posts/x.md"))
    assert resolve_inside(root, PurePosixPath("category/x.html")) == root.resolve() / "category/x.html"
    assert isinstance(resolve_inside(Path(root), "a/b.md"), Path)


def test_a_second_story_of_one_day_and_id_gets_a_stable_name_of_its_own():
    # Issue 18: ids repeat; the names after the plain one hash the story's identity (its canonical URL).
    names = post_paths("_posts/2024-05-21-5678.md", "https://paper.example/tiyu/5678.html")
    first, second, third = (next(names) for _ in range(3))
    assert first == "_posts/2024-05-21-5678.md"
    assert re.fullmatch(r"_posts/2024-05-21-5678-[0-9a-f]{8}\.md", second) and SAFE_FILE.fullmatch(second[7:])
    assert second != third and re.fullmatch(r"_posts/2024-05-21-5678-[0-9a-f]{8}\.md", third)
    again = post_paths("_posts/2024-05-21-5678.md", "https://paper.example/tiyu/5678.html")
    assert [next(again) for _ in range(3)] == [first, second, third]  # the same in every run
    other = post_paths("_posts/2024-05-21-5678.md", "https://paper.example/yaowen/5678.html")
    assert next(other) == first and next(other) != second


@pytest.mark.parametrize("fmt, url", [("jekyll", "/jiangxiribao/2022/03/17/NW1-0a1b2c3d.html"),
                                      ("hugo", "/posts/2022/03/17/NW1-0a1b2c3d/")])
def test_a_post_with_a_name_of_its_own_is_published_under_it(fmt, url):
    # Hugo builds posts at their front matter's slug: a second story of one id must not share a page.
    named = article(id="NW1")
    named.path = "_posts/2022-03-17-NW1-0a1b2c3d.md"
    assert post_name(named) == "NW1-0a1b2c3d" and post_url(named, fmt) == url
    assert 'slug: "NW1-0a1b2c3d"' in render_post(named, base_url="", fmt="hugo")
    plain = article(id="NW1")
    plain.path = "_posts/2022-03-17-NW1.md"
    assert post_name(plain) == post_name(article(id="NW1")) == "NW1"
