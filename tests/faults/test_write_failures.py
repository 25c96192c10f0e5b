"""No hidden failure: a post that cannot be written is listed under ``failed`` and fails the run (exit 1).

Crawled end to end with the ``newscrawl`` command against a fixture paper on
127.0.0.1: the archive's ``_posts`` is a file, then a read-only folder, then a
pipeline raises. Each time the summary names every article with its reason,
the exit status is 1 (never 0, never 4), nothing is left half written, and the
state records no article whose post is not on disk.
"""

from __future__ import annotations

import json

import pytest

from newscrawl.state import StateStore, canonical_url, default_state_path
from tests.e2e.paper import SLUG, make_paper, ok, urls
from tests.e2e.sitegen import PUBLIC_BASE, story
from tests.faults.disk import read_only
from tests.helpers import snapshot

pytestmark = pytest.mark.e2e


def paper_with(tmp_path, n: int, first: int = 1):
    """Return a fixture paper with ``n`` articles numbered from ``first``."""
    paper = make_paper(tmp_path)
    add(paper, n, first)
    return paper


def add(paper, n: int, first: int = 1) -> list:
    added = [paper.site.add_article(f"第{k}条：全省重点项目建设提速", story(k), published=f"2024-05-{k:02d} 09:30")
             for k in range(first, first + n)]
    paper.site.write()
    return added


def archived_keys(out) -> set[str]:
    """Return ``<site>:<id>`` of each article the archive's state holds (its key is its canonical URL)."""
    with StateStore(default_state_path(out)) as store:
        return {f"{SLUG}:{1000 + k}" for k in range(1, 40)
                if store.lookup_article(canonical_url(f"{PUBLIC_BASE}news/2024/05/{1000 + k}.html"))}


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if " ERROR: " in line or "FAILED" in line]


def test_posts_folder_that_is_a_file_fails_every_article_and_the_run(tmp_path):
    paper = paper_with(tmp_path, 5)
    paper.out.mkdir()
    (paper.out / "_posts").write_text("not a folder\n", encoding="utf-8")

    result, summary = paper.crawl("--exit-nothing-new")

    assert result.returncode == 1, result.stderr[-3000:]
    assert summary["created"] == [] and summary["dropped"] == []
    assert urls(summary["failed"]) == {paper.site.public_url(a) for a in paper.site.articles}
    reasons = {entry["reason"] for entry in summary["failed"]}
    assert any(r.startswith("cannot write _posts/") and r.endswith(": Not a directory") for r in reasons), reasons
    assert all(r.startswith(("cannot write _posts/", "not fetched: the crawl stopped")) for r in reasons), reasons
    assert "Traceback" not in result.stderr
    errors = error_lines(result.stderr)
    assert len(errors) == 2, result.stderr  # the first failed write (stopping the crawl), and FAILED
    assert "stopping the crawl" in errors[0] and "Not a directory" in errors[0]
    assert errors[1].startswith("newscrawl: FAILED: the archive cannot be written: cannot write _posts/")
    assert (paper.out / "_posts").read_text(encoding="utf-8") == "not a folder\n"
    assert archived_keys(paper.out) == set()


def test_read_only_posts_folder_fails_the_new_posts_and_leaves_the_archive_as_it_was(tmp_path):
    paper = paper_with(tmp_path, 3)
    ok(paper.crawl()[0])
    before = snapshot(paper.out)
    new = add(paper, 2, first=4)

    with read_only(paper.out / "_posts"):
        result, summary = paper.crawl("--exit-nothing-new")

    assert result.returncode == 1, result.stderr[-3000:]  # not 4: something new was not written
    assert summary["created"] == [] and summary["updated"] == []
    assert urls(summary["failed"]) == {paper.site.public_url(a) for a in new}
    assert all("cannot write _posts/" in e["reason"] or "not fetched" in e["reason"] for e in summary["failed"])
    assert "Traceback" not in result.stderr
    assert len(error_lines(result.stderr)) == 2, result.stderr
    posts = {name: data for name, (data, _) in snapshot(paper.out).items() if name.startswith("_posts/")}
    assert posts == {name: data for name, (data, _) in before.items() if name.startswith("_posts/")}
    assert not [p for p in paper.out.rglob("*.tmp")]
    assert archived_keys(paper.out) == {f"{SLUG}:{1000 + k}" for k in (1, 2, 3)}

    again, summary = paper.crawl("--exit-nothing-new")  # writable again: the two posts arrive
    ok(again)
    assert urls(summary["created"]) == {paper.site.public_url(a) for a in new}
    assert archived_keys(paper.out) == {f"{SLUG}:{1000 + k}" for k in range(1, 6)}


def test_a_pipeline_that_raises_fails_its_item_and_the_run(tmp_path):
    paper = paper_with(tmp_path, 3)
    pipelines = {"pipelines.clean.CleanPipeline": 100, "pipelines.validate.ValidatePipeline": 200,
                 "tests.faults.broken_pipeline.BrokenPipeline": 250,
                 "pipelines.dedupe.DedupePipeline": 300, "pipelines.decide.DecidePipeline": 400,
                 "pipelines.site.SitePipeline": 700, "pipelines.archive.ArchivePipeline": 800}

    result, summary = paper.crawl("-s", f"ITEM_PIPELINES={json.dumps(pipelines)}")

    assert result.returncode == 1, result.stderr[-3000:]
    broken = paper.site.articles[1]  # the broken pipeline fails the second story
    assert summary["failed"] == [{"url": paper.site.public_url(broken),
                                  "reason": "pipeline error: RuntimeError: a bug in a pipeline"}]
    assert len(summary["created"]) == 2
    assert f"post failed: {paper.site.public_url(broken)}: RuntimeError: a bug in a pipeline" in result.stderr
    assert "newscrawl: FAILED: 1 post(s) could not be written" in result.stderr
    assert archived_keys(paper.out) == {f"{SLUG}:{1000 + k}" for k in (1, 3)}
