"""On Redis, too, two stories that share an id are two posts (issue 18, case 1).

A worker extracts some of the stories and hands them to the writer, whose own
pipelines name them: the writer must give the second story of a day's id a
distinct name whichever process fetched it.
"""

from __future__ import annotations

import pytest

from tests.distributed.test_writer_and_worker import finish, slow_files, worker, writer
from tests.e2e.paper import make_paper
from tests.e2e.shared_ids import PLAIN, STORIES, add_stories, check_day_pair, posts_by_story
from tests.localsite import local_site

pytestmark = pytest.mark.e2e


def test_a_writer_and_a_worker_keep_every_story_of_a_shared_id(redis_url, tmp_path):
    paper = make_paper(tmp_path)
    add_stories(paper, *STORIES)
    site = paper.site
    summary = tmp_path / "worker.json"
    with local_site(slow_files(site.root, 0.2)) as server:
        helper = worker(redis_url, summary)
        status, stderr = finish(writer(site, server, paper.out, redis_url))
        worker_status, worker_err = finish(helper)
    assert status == 0, stderr[-3000:]
    assert worker_status == 0, worker_err[-3000:]
    posts = posts_by_story(paper.out)
    assert set(posts) == set(STORIES), posts
    assert {name: posts[name] for name in PLAIN} == PLAIN
    check_day_pair(posts)
