"""Disk faults (issue 11, item 8): a full disk, a file-size limit and a read-only archive.

Each crawl must fail with a clear line and exit 1 (a read-only ``--out`` is
a user error found before the first request: 2), leave no partial post and
no temporary file, and keep a state that opens and records only posts that
are on disk. Once the disk has room again, the next run completes the
archive exactly as an undisturbed run writes it.
"""

from __future__ import annotations

import sqlite3

import pytest

from tests.e2e.paper import make_paper, ok
from tests.e2e.sitegen import story
from tests.faults.disk import file_size_limit, fill, grow, read_only, small_disk
from tests.faults.killing import archive_files, state_problems, temp_files

pytestmark = pytest.mark.e2e

ARTICLES = 8


def paper_with_articles(tmp_path, name: str):
    paper = make_paper(tmp_path / name)
    for n in range(1, ARTICLES + 1):
        paper.site.add_article(f"第{n}条：全省经济运行稳中向好", story(n) * (1 + n % 3), published=f"2024-05-{n:02d} 09:30")
    paper.site.write()
    return paper


@pytest.fixture
def reference(tmp_path):
    """Return the archive files an undisturbed crawl of the paper writes."""
    paper = paper_with_articles(tmp_path, "reference")
    ok(paper.crawl()[0])
    return archive_files(paper.out)


def recorded_paths(out) -> set[str]:
    with sqlite3.connect(f"file:{out / '.newscrawl' / 'state.sqlite'}?mode=ro", uri=True) as conn:
        return {row[0] for row in conn.execute("SELECT path FROM articles")}


def posts_on_disk(out) -> set[str]:
    return {p.relative_to(out).as_posix() for p in (out / "_posts").glob("*.md")}


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if " ERROR: " in line or "FAILED" in line or "error:" in line]


def test_a_full_disk_stops_the_crawl_with_one_line_and_the_next_run_completes_it(tmp_path, reference):
    paper = paper_with_articles(tmp_path, "full")
    posts = paper.out / "_posts"
    with small_disk(posts, size_kb=64):
        fill(posts, leave_kb=12)  # room for a few posts, not for all of them
        result, summary = paper.crawl()
        (posts / ".ballast").unlink()
        written = posts_on_disk(paper.out)

        assert result.returncode == 1, result.stderr[-3000:]
        assert "Traceback" not in result.stderr
        errors = error_lines(result.stderr)
        assert len(errors) == 2 and "No space left on device" in errors[0], result.stderr
        assert errors[1].startswith("newscrawl: FAILED: the archive cannot be written: cannot write _posts/")
        assert 0 < len(written) < ARTICLES
        assert len(summary["created"]) == len(written) and len(summary["failed"]) == ARTICLES - len(written)
        for name in written:  # no partial post: each is the whole post, as an undisturbed run writes it
            assert (paper.out / name).read_bytes() == reference[name]
        assert temp_files(paper.out) == [] and state_problems(paper.out) == []
        assert recorded_paths(paper.out) == written

        again, summary = paper.crawl()  # the disk has room again: the rest arrives
        ok(again)
        assert len(summary["created"]) == ARTICLES - len(written)
        assert archive_files(paper.out) == reference


# How much room is left decides where the disk runs out: opening the state, starting the
# run's record, or recording a post already written.
@pytest.mark.parametrize("room_kb", [16, 48, 64])
def test_a_full_disk_under_the_state_too_leaves_a_state_that_opens(tmp_path, reference, room_kb):
    paper = paper_with_articles(tmp_path, "fullstate")
    with small_disk(paper.out, size_kb=320):
        ok(paper.crawl("--limit", "1")[0])  # the state and the skeleton are on the small disk
        fill(paper.out, leave_kb=room_kb)
        result, summary = paper.crawl()
        assert result.returncode == 1, result.stderr[-3000:]
        assert "Traceback" not in result.stderr
        assert any(words in result.stderr for words in ("No space left", "disk is full", "disk I/O error"))
        assert all(len(line) < 300 for line in error_lines(result.stderr)), result.stderr  # one clear line each
        assert not {e["url"] for e in summary["created"]} & {e["url"] for e in summary["failed"]}, summary
        (paper.out / ".ballast").unlink()  # a WAL state needs room to be opened at all
        assert temp_files(paper.out) == [] and state_problems(paper.out) == []
        assert recorded_paths(paper.out) <= posts_on_disk(paper.out)
        grow(paper.out, 8192)  # room for the whole archive and the state's log
        ok(paper.crawl()[0])
        assert archive_files(paper.out) == reference


def test_a_file_size_limit_fails_the_big_posts_and_keeps_the_small_ones_whole(tmp_path, reference):
    paper = paper_with_articles(tmp_path, "rlimit")
    sizes = {name: len(data) for name, data in reference.items() if name.startswith("_posts/")}
    limit = sorted(sizes.values())[ARTICLES // 2]  # about half the posts are larger
    # Without a state: any write past the limit fails (RLIMIT_FSIZE holds for the database too).
    result, _ = paper.crawl("-s", "NEWSCRAWL_STATE_ENABLED=False", "-s", "NEWSCRAWL_SKELETON=False",
                            summary=None, preexec_fn=file_size_limit(limit))
    assert result.returncode == 1, result.stderr[-3000:]
    assert "File too large" in result.stderr and "Traceback" not in result.stderr
    written = posts_on_disk(paper.out)
    assert written == {name for name, size in sizes.items() if size <= limit}
    assert all((paper.out / name).read_bytes() == reference[name] for name in written)
    assert temp_files(paper.out) == []


def test_a_read_only_archive_is_refused_before_the_first_request(tmp_path):
    paper = paper_with_articles(tmp_path, "readonly")
    paper.out.mkdir()
    with read_only(paper.out):
        result, _ = paper.crawl(summary=None)
    assert result.returncode == 2, result.stderr
    assert result.stderr.count("\n") == 1 and "read-only or no permission" in result.stderr
    assert not any(paper.out.iterdir())
