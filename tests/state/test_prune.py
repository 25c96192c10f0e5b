"""Retention: old posts deleted or moved, marked pruned, nothing else touched."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from newscrawl.archive.paths import short_hash
from newscrawl.state import canonical_url, decide_write
from newscrawl.state.prune import post_date, prune_archive
from newscrawl.state.store import StateStore

CST = timezone(timedelta(hours=8))
NOW = datetime(2026, 11, 28, 10, 0, tzinfo=CST)


def make_archive(out: Path) -> dict[str, Path]:
    """Write a small archive: old and new posts plus files prune must not touch."""
    files = {
        "old": out / "_posts" / "2026-10-01-A1.md",
        "edge": out / "_posts" / "2026-10-29-A2.md",  # exactly keep_days=30 old: kept
        "new": out / "_posts" / "2026-11-27-A3.md",
        "nested_old": out / "_posts" / "jiangxiribao" / "2025-01-02-A4.html",
        "legacy_old": out / "_posts" / "2022-03-17-NW202203172312986018.md",
        "not_a_post": out / "_posts" / "README.md",
        "bad_date": out / "_posts" / "2022-13-45-x.md",
        "outside": out / "2020-01-01-outside.md",
        "category": out / "category" / "2020-01-01-jiangxiribao.html",
        "hidden": out / "_posts" / ".drafts" / "2020-01-01-draft.md",
    }
    for path in files.values():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"content of {path.name}\n", encoding="utf-8")
    return files


@pytest.fixture
def archive(tmp_path: Path):
    out = tmp_path / "site"
    files = make_archive(out)
    with StateStore.for_archive(out) as store:
        for name, key in [("old", "jx:A1"), ("edge", "jx:A2"), ("new", "jx:A3"), ("nested_old", "jx:A4")]:
            relative = files[name].relative_to(out)
            store.upsert_article(key, f"https://example.com/{key}", key * 4, relative, None)
        yield out, files, store


def test_prune_deletes_old_posts_and_marks_them(archive) -> None:
    out, files, store = archive
    pruned = prune_archive(out, 30, now=NOW, move_to=None, store=store)
    expected = [files["legacy_old"], files["old"], files["nested_old"]]
    assert sorted(pruned) == sorted(expected)
    assert all(not path.exists() for path in expected)
    assert all(files[name].exists() for name in
               ["edge", "new", "not_a_post", "bad_date", "outside", "category", "hidden"])
    assert store.is_pruned("jx:A1") and store.is_pruned("jx:A4")
    assert not store.is_pruned("jx:A2") and not store.is_pruned("jx:A3")
    assert not store.should_fetch("https://example.com/jx:A1", NOW, 24 * 365)
    assert store.find_by_path("_posts/2022-03-17-NW202203172312986018.md").is_pruned
    assert not (out / "_posts" / "jiangxiribao").exists()  # emptied folder removed


def test_prune_moves_posts_keeping_layout(archive, tmp_path: Path) -> None:
    out, files, store = archive
    attic = tmp_path / "attic"
    prune_archive(out, 30, now=NOW, move_to=attic, store=store)
    moved = attic / "_posts" / "jiangxiribao" / "2025-01-02-A4.html"
    assert moved.read_text(encoding="utf-8") == "content of 2025-01-02-A4.html\n"
    assert (attic / "_posts" / "2026-10-01-A1.md").exists()
    assert not files["old"].exists() and files["new"].exists()
    assert store.is_pruned("jx:A4")


def test_prune_is_repeatable(archive) -> None:
    out, _, store = archive
    first = prune_archive(out, 30, now=NOW, move_to=None, store=store)
    pruned_at = store.lookup_article("jx:A1").pruned
    assert first
    assert prune_archive(out, 30, now=NOW + timedelta(hours=1), move_to=None, store=store) == []
    assert store.lookup_article("jx:A1").pruned == pruned_at


def test_keep_days_zero_keeps_today_only(archive) -> None:
    out, files, store = archive
    prune_archive(out, 0, now=NOW, move_to=None, store=store)
    assert not files["new"].exists() and not files["edge"].exists()


@pytest.mark.parametrize("posts_dir", ["../elsewhere", "/tmp"])
def test_posts_dir_outside_archive_is_refused(archive, posts_dir: str) -> None:
    out, _, store = archive
    with pytest.raises(ValueError, match="not inside"):
        prune_archive(out, 30, now=NOW, move_to=None, store=store, posts_dir=posts_dir)


def test_move_target_inside_posts_is_refused(archive) -> None:
    out, files, store = archive
    with pytest.raises(ValueError, match="inside the posts folder"):
        prune_archive(out, 30, now=NOW, move_to=out / "_posts" / "old", store=store)
    assert files["old"].exists()


def test_bad_arguments_are_refused(archive) -> None:
    out, _, store = archive
    with pytest.raises(ValueError):
        prune_archive(out, -1, now=NOW, move_to=None, store=store)
    with pytest.raises(ValueError):
        prune_archive(out, 30, now=datetime(2026, 11, 28), move_to=None, store=store)


def test_missing_posts_dir_prunes_nothing(tmp_path: Path) -> None:
    with StateStore.for_archive(tmp_path) as store:
        assert prune_archive(tmp_path, 30, now=NOW, move_to=None, store=store) == []


@pytest.mark.parametrize(
    ("name", "expected"),
    [("2022-03-17-NW1.md", "2022-03-17"), ("2022-03-17.md", None),
     ("2022-13-45-x.md", None), ("notes-2022-03-17-x.md", None)],
)
def test_post_date_from_file_name(name: str, expected: str | None) -> None:
    day = post_date(name)
    assert (day.isoformat() if day else None) == expected


def test_bare_folder_archive_keeps_state_and_other_files(tmp_path: Path) -> None:
    out = tmp_path / "bare"
    out.mkdir()
    (out / "2020-01-01-OLD.md").write_text("old\n", encoding="utf-8")
    (out / "2026-11-28-NEW.md").write_text("new\n", encoding="utf-8")
    (out / "index.md").write_text("index\n", encoding="utf-8")
    with StateStore.for_archive(out) as store:
        pruned = prune_archive(out, 30, now=NOW, move_to=None, store=store, posts_dir=".")
        assert pruned == [out / "2020-01-01-OLD.md"]
        assert store.find_by_path("2020-01-01-OLD.md").is_pruned
    assert sorted(p.name for p in out.iterdir()) == [".newscrawl", "2026-11-28-NEW.md", "index.md"]


def test_a_post_the_state_never_knew_is_remembered_by_its_original_url(tmp_path: Path) -> None:
    # A tombstone keyed by its path only would refuse every story that wants the name (two
    # stories share an id): with the post's original link read before it goes, it is that story's.
    out = tmp_path / "site"
    post = out / "_posts" / "2024-05-20-1234.md"
    post.parent.mkdir(parents=True)
    post.write_text("---\ntitle: x\n---\n<p>x</p>\n\n<http://paper.example/2024/05/20/1234.html>\n", encoding="utf-8")
    links = {post: "http://paper.example/2024/05/20/1234.html"}
    with StateStore.for_archive(out) as store:
        assert prune_archive(out, 30, now=NOW, move_to=None, store=store, original_url=links.get) == [post]
        key = canonical_url(links[post])
        assert store.lookup_article(key).is_pruned and store.lookup_article(key).path == "_posts/2024-05-20-1234.md"
        assert not store.should_fetch(links[post], NOW, 24 * 365)
        assert decide_write(store, key, "a" * 32, "_posts/2024-05-20-1234.md").kind == "dropped"
        other = canonical_url("http://paper.example/tiyu/1234.html")
        decision = decide_write(store, other, "b" * 32, "_posts/2024-05-20-1234.md")
        assert (decision.kind, decision.path) == ("created", f"_posts/2024-05-20-1234-{short_hash(other)[:8]}.md")


def test_pictures_no_remaining_post_shows_go_and_others_stay(tmp_path: Path, store: StateStore):
    shown, orphan = "ab/" + "ab" * 16 + ".jpg", "cd/" + "cd" * 16 + ".png"
    images = tmp_path / "assets" / "images"
    for name in (shown, orphan, "logo.png", "cd/notes.txt"):
        (images / name).parent.mkdir(parents=True, exist_ok=True)
        (images / name).write_bytes(b"x")
    (tmp_path / "_posts").mkdir()
    (tmp_path / "_posts" / "2026-11-27-A.md").write_text(f'<img src="//site/base/assets/images/{shown}">')
    (tmp_path / "_posts" / "2026-10-01-B.md").write_text(f'<img src="/assets/images/{orphan}">')  # pruned below
    store.record_picture("http://img.example/a.jpg", shown, 1)
    store.record_picture("http://img.example/c.png", orphan, 1)
    pruned = prune_archive(tmp_path, 30, now=NOW, move_to=None, store=store, images_dir="assets/images")
    assert [p.relative_to(tmp_path).as_posix() for p in pruned] == [
        "_posts/2026-10-01-B.md", f"assets/images/{orphan}"]
    left = {p.relative_to(images).as_posix() for p in images.rglob("*") if p.is_file()}
    assert left == {shown, "logo.png", "cd/notes.txt"}  # files newscrawl did not name are never touched
    assert store.lookup_picture("http://img.example/c.png") is None
    assert store.lookup_picture("http://img.example/a.jpg") is not None


def test_without_a_posts_folder_every_kept_picture_is_an_orphan(tmp_path: Path, store: StateStore):
    name = "ab/" + "ab" * 16 + ".jpg"
    (tmp_path / "static" / "images" / "ab").mkdir(parents=True)
    (tmp_path / "static" / "images" / name).write_bytes(b"x")
    pruned = prune_archive(tmp_path, 30, now=NOW, move_to=tmp_path / "attic", store=store,
                           posts_dir="content/posts", images_dir="static/images")
    assert [p.name for p in pruned] == [name[3:]]
    assert (tmp_path / "attic" / "static" / "images" / name).is_file()
    assert not (tmp_path / "static" / "images" / "ab").exists()  # emptied folders go too
