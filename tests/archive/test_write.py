"""Atomic writes report what they did and leave unchanged files untouched."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from newscrawl.archive import write_category_page, write_post, write_text_atomic
from tests.archive.cases import BASE_URL, HOSTILE_IDS, article


def age(path: Path) -> int:
    """Set path's mtime an hour back and return it in nanoseconds."""
    old = path.stat().st_mtime_ns - 3600 * 10**9
    os.utime(path, ns=(old, old))
    return old


def test_new_changed_and_unchanged_content(tmp_path):
    path = tmp_path / "deep" / "folder" / "post.md"
    assert write_text_atomic(path, "one\n") == "created"
    old = age(path)
    assert write_text_atomic(path, "one\n") == "unchanged"
    assert path.stat().st_mtime_ns == old
    assert write_text_atomic(path, "two 中文\n") == "updated"
    assert path.read_bytes() == "two 中文\n".encode()
    assert path.stat().st_mtime_ns != old
    assert sorted(p.name for p in path.parent.iterdir()) == ["post.md"]


def test_newlines_are_written_as_given(tmp_path):
    path = tmp_path / "x.md"
    write_text_atomic(path, "a\r\nb\nc")
    assert path.read_bytes() == b"a\r\nb\nc"


def test_update_keeps_the_file_mode(tmp_path):
    path = tmp_path / "x.md"
    write_text_atomic(path, "a")
    path.chmod(0o640)
    write_text_atomic(path, "b")
    assert path.stat().st_mode & 0o777 == 0o640


def test_failed_write_leaves_the_old_file_and_no_temp_file(tmp_path, monkeypatch):
    path = tmp_path / "x.md"
    write_text_atomic(path, "old")

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        write_text_atomic(path, "new")
    assert path.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["x.md"]


def test_write_post_is_idempotent(tmp_path):
    path, outcome = write_post(tmp_path, article(), base_url=BASE_URL)
    assert outcome == "created" and path == tmp_path.resolve() / "_posts/2022-03-17-NW202203172312986018.md"
    old = age(path)
    assert write_post(tmp_path, article(), base_url=BASE_URL)[1] == "unchanged"
    assert path.stat().st_mtime_ns == old
    assert write_post(tmp_path, article(title="新标题"), base_url=BASE_URL)[1] == "updated"


@pytest.mark.parametrize("fmt", ["jekyll", "hugo"])
def test_hostile_ids_are_written_inside_the_archive(tmp_path, fmt):
    root = tmp_path / "archive"
    for raw in HOSTILE_IDS:
        path, outcome = write_post(root, article(id=raw), base_url=BASE_URL, fmt=fmt)
        assert outcome == "created"
        assert path.is_relative_to(root.resolve())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["archive"]
    assert len(list(root.rglob("*.md"))) == len(HOSTILE_IDS)


def test_category_page_written_once(tmp_path):
    path, outcome = write_category_page(tmp_path, "jiangxiribao", "江西日报新闻")
    assert outcome == "created" and path.name == "jiangxiribao.html"
    assert write_category_page(tmp_path, "jiangxiribao", "江西日报新闻")[1] == "unchanged"
    assert write_category_page(tmp_path, "jiangxiribao", "江西日报")[1] == "updated"
