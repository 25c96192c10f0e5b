"""A crawl on Redis keeps pictures as one process does: the writer fetches them for the items workers send."""

from __future__ import annotations

import time

import pytest

from tests.distributed.test_writer_and_worker import finish, worker
from tests.e2e.picturepaper import IMAGE_BASE, figure, make_picture_paper, paragraphs
from tests.e2e.sitegen import PUBLIC_BASE

pytestmark = pytest.mark.e2e
ARTICLES = 8


def test_the_writer_keeps_the_pictures_of_every_article_with_its_referer(redis_url, tmp_path):
    paper = make_picture_paper(tmp_path)
    for n in range(ARTICLES):
        path = "photos/a.jpg" if n % 2 else "photos/b.png"
        paper.add(f"第{n}号图片新闻", *paragraphs(1, f"第{n}篇"), figure(path, f"图{n}"), *paragraphs(1, "续"))
    helper = worker(redis_url, tmp_path / "worker.json")
    time.sleep(1)  # the worker waits for the writer's run
    result, summary = paper.crawl("--redis", redis_url)
    worker_status, worker_err = finish(helper)
    assert result.returncode == 0, result.stderr[-3000:]
    assert worker_status == 0, worker_err[-3000:]
    assert len(summary["created"]) == ARTICLES and summary["failed"] == []
    for post in (paper.out / "_posts").glob("*.md"):
        text = post.read_text(encoding="utf-8")
        assert '<figure><img src="/assets/images/' in text and f'data-src="{IMAGE_BASE}photos/' in text, post
    # each picture fetched once, by the writer, as the page of an article that shows it
    requests = [(path, referer) for path, referer, _ in paper.runs[-1] if path != "robots.txt"]
    assert sorted(path for path, _ in requests) == ["photos/a.jpg", "photos/b.png"]
    assert all(referer.startswith(PUBLIC_BASE + "news/") for _, referer in requests)
