"""A fixture newspaper whose stories share ids, and the archive an older newscrawl made of it.

Real papers reuse numeric ids across dated folders and sections: here
``/news/2024/05/20/1234.html`` and ``/news/2023/01/07/1234.html`` are two
stories (two days, one id), and ``/news/yaowen/5678.html`` and
``/news/tiyu/5678.html`` two more (one day, one id). Each story has its own
text, so only its URL tells it apart from the other story of its id.

``python -m tests.e2e.shared_ids CODE OUT`` crawls this site with the
newscrawl found in the folder CODE (a checkout of an older commit) in two
runs, as :func:`old_archive_runs` says, and leaves the archive in OUT: the
frozen archive ``tests/e2e/data/shared-ids-v2`` was made so from commit
f43c9de (state schema version 2, articles keyed ``<site>:<id>``).
"""

from __future__ import annotations

import re
import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path

from newscrawl.archive.paths import short_hash
from newscrawl.state import canonical_url
from tests.e2e.paper import Paper, make_paper
from tests.e2e.sitegen import Article, story
from tests.helpers import read_post

# name -> (page, published, story number): the two pairs of stories that share an id, and two more.
STORIES = {
    "may20": ("news/2024/05/20/1234.html", "2024-05-20 09:30", 1),
    "jan07": ("news/2023/01/07/1234.html", "2023-01-07 10:00", 2),
    "yaowen": ("news/yaowen/5678.html", "2024-05-21 08:00", 3),
    "tiyu": ("news/tiyu/5678.html", "2024-05-21 11:00", 4),
    "other": ("news/2024/05/19/1001.html", "2024-05-19 07:45", 5),
}
FIRST_RUN = ("other", "may20", "yaowen", "tiyu")  # what an older newscrawl's first run saw
FROZEN = Path(__file__).with_name("data") / "shared-ids-v2"
PLAIN = {"may20": "_posts/2024-05-20-1234.md", "jan07": "_posts/2023-01-07-1234.md",
         "other": "_posts/2024-05-19-1001.md"}
DAY_NAME = re.compile(r"^_posts/2024-05-21-5678(-[0-9a-f]{8})?\.md$")


def distinct_name(name: str) -> str:
    """Return the post path the second story of 2024-05-21's id 5678 gets: a short hash of its canonical URL."""
    return f"_posts/2024-05-21-5678-{short_hash(canonical_url(public_url(name)))[:8]}.md"


def posts_by_story(out: Path) -> dict[str, str]:
    """Return each story's post path, read from the posts' ``original_url``; fail on a story with two posts."""
    found: dict[str, str] = {}
    by_url = {public_url(name): name for name in STORIES}
    for post in sorted((out / "_posts").glob("*.md")):
        front, body = read_post(post)
        name = by_url[front["original_url"]]
        assert name not in found, f"{name} has two posts: {found[name]} and {post}"
        assert f"{name}：" in body, f"{post} holds another story's text"
        found[name] = post.relative_to(out).as_posix()
    return found


def check_day_pair(posts: dict[str, str]) -> None:
    """Assert the two stories of 2024-05-21 with id 5678: one keeps the plain name, the other a hashed one."""
    pair = {posts["yaowen"], posts["tiyu"]}
    assert all(DAY_NAME.match(p) for p in pair), pair
    plain = "_posts/2024-05-21-5678.md"
    assert plain in pair
    second = "tiyu" if posts["yaowen"] == plain else "yaowen"
    assert posts[second] == distinct_name(second)


def add_stories(paper: Paper, *names: str) -> dict[str, Article]:
    """Add the named stories to the paper's site (newest on the listing last named) and write it."""
    added = {}
    for name in names:
        page, published, n = STORIES[name]
        added[name] = paper.site.add_article(f"第{n}号稿：{name}版的一则消息", story(n, f"{name}："),
                                             published=published, page=page)
    paper.site.write()
    return added


def public_url(name: str) -> str:
    """Return the URL the profile names the story ``name`` by."""
    return "http://paper.example/" + STORIES[name][0]


def old_archive_runs(tmp: Path, code: Path) -> Paper:
    """Crawl the site twice with the newscrawl in ``code``: first ``FIRST_RUN``, then the rest too."""
    paper = make_paper(tmp)
    for names in (FIRST_RUN, ("jan07",)):
        add_stories(paper, *names)
        result, _ = paper.crawl(cwd=code, env={"PYTHONPATH": str(code)})
        if result.returncode not in (0, 4):
            raise SystemExit(result.stderr[-3000:])
    return paper


def freeze(archive: Path, out: Path) -> None:
    """Copy ``archive`` to ``out`` with its state in one file (the WAL checkpointed) and no lock."""
    state = archive / ".newscrawl" / "state.sqlite"
    conn = sqlite3.connect(state)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.close()
    shutil.copytree(archive, out, ignore=shutil.ignore_patterns("*.lock", "*-wal", "*-shm", "lock"))


def main(argv: list[str]) -> None:
    """Make the frozen archive: ``CODE OUT``."""
    code, out = (Path(arg).resolve() for arg in argv)
    with tempfile.TemporaryDirectory() as tmp:
        paper = old_archive_runs(Path(tmp), code)
        freeze(paper.out, out)


if __name__ == "__main__":
    main(sys.argv[1:])
