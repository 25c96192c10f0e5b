"""The site generator is deterministic and the committed site matches the data."""

from __future__ import annotations

import pytest

from newscrawl.demo import SITE_DIR
from newscrawl.demo.build import HEADERS_FILE, build, write_site


def tree(root) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_committed_site_is_what_the_builder_makes(tmp_path):
    build(tmp_path / "site")
    built, committed = tree(tmp_path / "site"), tree(SITE_DIR)
    assert sorted(built) == sorted(committed), "run: python -m newscrawl.demo.build"
    changed = [p for p in built if built[p] != committed[p]]
    assert not changed, f"stale committed pages (run python -m newscrawl.demo.build): {changed[:5]}"


def test_two_builds_give_identical_bytes(tmp_path):
    build(tmp_path / "a")
    build(tmp_path / "b")
    assert tree(tmp_path / "a") == tree(tmp_path / "b")


def test_rebuild_replaces_stale_files(tmp_path):
    out = tmp_path / "site"
    build(out)
    (out / "html" / "stale.html").write_text("old", encoding="utf-8")
    build(out)
    assert not (out / "html" / "stale.html").exists()


def test_refuses_to_overwrite_a_folder_that_is_not_a_site(tmp_path):
    (tmp_path / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(FileExistsError):
        write_site({"index.html": b""}, {}, tmp_path)
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "keep me"
    assert not (tmp_path / HEADERS_FILE).exists()
