"""End to end: ``archive reextract`` runs today's extractor over the kept pages and rewrites exactly what changed.

The extractor is changed the way a user changes it, through the profile: a
selector that makes a correspondent's byline the author changes the posts of
the two stories that have one and no other.
"""

from __future__ import annotations

import shutil

import pytest

from tests.helpers import read_post, run_cli, snapshot
from tests.warc.warcs import WarcCrawl, indexed, warc_files
from tests.warc.wiresite import Wire, fixture_site, serve_wire

pytestmark = pytest.mark.e2e

BYLINES = (2, 5)


def post(n: int) -> str:
    return f"_posts/2024-05-20-100{n}.md"


@pytest.fixture()
def kept(tmp_path) -> WarcCrawl:
    """A paper of six stories (two with a byline) crawled once with --warc."""
    site = fixture_site(tmp_path / "site", articles=6, bylines=BYLINES)
    site.profile(tmp_path / "profiles")
    paper = WarcCrawl(tmp_path, site, Wire(site.root))
    summary = paper.crawl("--warc", str(paper.warc))
    assert len(summary["created"]) == 6, summary
    paper.wire.seen.clear()
    return paper


def test_with_no_change_no_byte_or_mtime_moves_and_nothing_is_fetched(kept):
    before = snapshot(kept.out)
    with serve_wire(kept.wire):  # a live site, so that a request would show
        summary = kept.reextract()
    assert [len(summary[k]) for k in ("created", "updated", "unchanged", "dropped", "failed")] == [0, 0, 6, 0, 0]
    assert summary["fields"] == {} and summary["unreadable"] == []
    assert snapshot(kept.out) == before
    assert kept.wire.seen == []


def test_an_extractor_change_updates_exactly_the_posts_it_changes_and_says_how(kept):
    before = snapshot(kept.out)
    kept.site.profile(kept.profiles, selectors={"author": "p.byline"})
    summary = kept.reextract()

    assert sorted(e["path"] for e in summary["updated"]) == [post(n) for n in BYLINES]
    assert len(summary["unchanged"]) == 4 and summary["created"] == [] and summary["failed"] == []
    assert summary["fields"] == {"author": {"gained": 0, "changed": 2, "lost": 0}}
    assert "newscrawl: author: 2 changed" in kept.stderr
    after = snapshot(kept.out)
    assert {name for name in after if before.get(name) != after[name]} == {post(n) for n in BYLINES}
    front, _ = read_post(kept.out / post(2))
    assert front["author"] != ["张三"]

    summary = kept.reextract()  # idempotent: the same extractor again changes nothing
    assert summary["updated"] == [] and len(summary["unchanged"]) == 6
    assert snapshot(kept.out) == after


def test_the_window_and_the_profile_narrow_what_is_read(kept):
    before = snapshot(kept.out)
    summary = kept.reextract("--since", "2024-05-21")
    assert all(summary[k] == [] for k in ("created", "updated", "unchanged", "failed"))
    assert summary["left_out"]["outside --date/--since/--until"] == 6
    assert snapshot(kept.out) == before

    result = run_cli("archive", "reextract", "--out", str(kept.out), "--warc", str(kept.warc), "--profile", "nosuch",
                     "--profiles-dir", str(kept.profiles))
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert snapshot(kept.out) == before


def test_a_damaged_response_is_reported_and_its_post_left_as_it_is(kept):
    [file] = warc_files(kept.warc)
    target = "http://paper.example/news/2024/05/1003.html"
    offsets = [e for e in indexed(file) if e["warc-type"] == "response" and e["warc-target-uri"] == target]
    data = bytearray(file.read_bytes())
    start = next(int(e["offset"]) for e in offsets)
    for i in range(start + 60, start + 90):  # inside the record's compressed bytes
        data[i] ^= 0x55
    file.write_bytes(bytes(data))
    before = snapshot(kept.out)
    kept.site.profile(kept.profiles, selectors={"author": "p.byline"})
    summary = kept.reextract()

    assert [e["url"] for e in summary["failed"]] == [target], summary
    assert "WARC" in summary["failed"][0]["reason"]
    assert summary["unreadable"] and f"offset {start}" in summary["unreadable"][0]
    assert "newscrawl: unreadable:" in kept.stderr
    assert sorted(e["path"] for e in summary["updated"]) == [post(n) for n in BYLINES]  # the rest goes on
    assert snapshot(kept.out)[post(3)] == before[post(3)]


def test_adopted_posts_keep_their_bytes_unless_title_or_body_change(kept, tmp_path):
    adopted = tmp_path / "adopted"
    shutil.copytree(kept.out / "_posts", adopted / "_posts")
    for path in (adopted / "_posts").glob("*.md"):  # another system's back-links line
        path.write_text(path.read_text(encoding="utf-8").replace("[返回首页](/)", "[返回首页](//old.example/)"),
                        encoding="utf-8")
    result = run_cli("archive", "import", "--out", str(adopted), "--site", "ceshiribao",
                     "--profiles-dir", str(kept.profiles))
    assert result.returncode == 0, result.stderr[-2000:]
    before = snapshot(adopted)

    kept.site.profile(kept.profiles, selectors={"author": "p.byline"})  # author only: the text is the same
    summary = kept.reextract(out=adopted)
    assert summary["updated"] == [] and len(summary["unchanged"]) == 6, summary
    assert snapshot(adopted) == before

    kept.site.profile(kept.profiles, selectors={"title": "div.footer p"})  # the title really changes
    summary = kept.reextract(out=adopted)
    assert len(summary["updated"]) == 6 and summary["fields"]["title"]["changed"] == 6


def test_reextract_refuses_an_archive_without_state_or_files_in_one_line(tmp_path):
    from newscrawl.state import StateStore

    out, empty = tmp_path / "archive", tmp_path / "empty"
    out.mkdir()
    empty.mkdir()
    for args, words in ((["--warc", str(empty)], "has no state"),):
        result = run_cli("archive", "reextract", "--out", str(out), *args)
        assert result.returncode == 2 and words in result.stderr, result.stderr
    StateStore.for_archive(out).close()
    before = snapshot(out)
    for args, words in ((["--warc", str(empty)], "no WARC file"), ([], "--warc")):
        result = run_cli("archive", "reextract", "--out", str(out), *args)
        assert result.returncode == 2 and words in result.stderr, result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
    assert snapshot(out) == before
