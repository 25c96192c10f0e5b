"""Worker processes answer jobs through their pipes; a dead one fails its jobs and is replaced."""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newscrawl.extensions.processes import ProcessPool, Reading, publish_post
from newscrawl.extensions.workers import Worker, WorkerDied
from newscrawl.extract import extract_article
from tests.helpers import REPO
from tests.pipelines.test_decide import item

CONTEXT = multiprocessing.get_context("forkserver")
PAGE = ("<html><head><title>市政府召开常务会议_测试日报</title></head><body><h1>市政府召开常务会议</h1>"
        "<div class='info'>2024-05-20 09:30 来源：测试日报</div><div class='content'>"
        + "<p>会议研究部署了下一阶段的重点工作，要求各部门抓好落实，确保按期完成年度目标任务。</p>" * 4
        + "</div></body></html>").encode()


def run(coroutine):
    return asyncio.run(coroutine)


def test_a_worker_computes_in_its_own_process_and_passes_errors_back():
    worker = Worker(CONTEXT, name="test-worker")
    try:
        async def jobs():
            pid = await worker.call(os.getpid)
            sizes = await asyncio.gather(*(worker.call(len, b"x" * n) for n in (0, 10, 3_000_000)))
            with pytest.raises(ValueError, match="invalid literal"):
                await worker.call(int, "not a number")
            return pid, sizes, await worker.call(abs, -4)
        pid, sizes, after_error = run(jobs())
        assert pid != os.getpid() and pid == worker.process.pid
        assert sizes == [0, 10, 3_000_000] and after_error == 4  # a page bigger than the pipe, and on after an error
    finally:
        worker.close()
    assert not worker.process.is_alive()


def test_a_worker_that_dies_fails_its_jobs_and_the_pool_replaces_it():
    pool = ProcessPool(processes=1, write_threads=1)
    try:
        async def jobs():
            first = pool.extractors[0]
            waiting = asyncio.ensure_future(first.call(__import__("time").sleep, 30))
            await asyncio.sleep(0.5)
            os.kill(first.process.pid, signal.SIGKILL)
            with pytest.raises(WorkerDied):
                await waiting
            fields = await pool.extract(PAGE, "http://paper.example/a/1.html")
            return first, fields
        first, fields = run(jobs())
        assert pool.extractors[0] is not first and pool.extractors[0].alive
        assert fields.title == "市政府召开常务会议"
    finally:
        pool.engine_stopped()


def test_the_pool_extracts_as_the_extractor_does_with_a_profiles_reading():
    pool = ProcessPool(processes=2, write_threads=1)
    profile = Reading(selectors={"title": "div.info"}, timezone=None, language="zh")
    try:
        pooled = run(pool.extract(PAGE, "http://paper.example/a/1.html", profile))
    finally:
        pool.engine_stopped()
    assert pooled == extract_article(PAGE, "http://paper.example/a/1.html", profile)
    assert pooled.title.startswith("2024-05-20")  # the profile's selector was used


def test_the_writing_process_renders_and_writes_posts(tmp_path: Path):
    pool = ProcessPool(processes=1, write_threads=4)
    posts = [item(id=str(n), url=f"http://paper.example/a/{n}.html", title=f"标题{n}") for n in range(12)]
    targets = [tmp_path / "_posts" / f"2024-05-20-{n}.md" for n in range(12)]

    async def write_all():
        statuses = await asyncio.gather(*(pool.publish(t, p, "//paper.example", "jekyll")
                                          for t, p in zip(targets, posts)))
        return statuses, await pool.publish(targets[0], posts[0], "//paper.example", "jekyll")
    try:
        statuses, again = run(write_all())  # one loop: a worker's pipes belong to the loop that opened them
    finally:
        pool.engine_stopped()
    assert [status for status, _ in statuses] == ["created"] * 12 and again[0] == "unchanged"
    assert again[1] == statuses[0][1] and len({digest for _, digest in statuses}) == 12  # the rendered bytes' hash
    reference = tmp_path / "reference.md"
    assert publish_post(reference, posts[3], "//paper.example", "jekyll") == ("created", statuses[3][1])
    assert targets[3].read_bytes() == reference.read_bytes()
    assert not list((tmp_path / "_posts").glob(".*.tmp"))  # no temporary file left behind


HOLDER = """
import asyncio, time
from newscrawl.extensions.processes import ProcessPool

async def hold(pool):
    jobs = [asyncio.ensure_future(w.call(time.sleep, 60)) for w in pool.extractors]  # busy, with jobs queued
    jobs += [asyncio.ensure_future(w.call(time.sleep, 60)) for w in pool.extractors]
    await asyncio.sleep(0.5)
    print(" ".join(str(w.process.pid) for w in pool.extractors), flush=True)
    await asyncio.gather(*jobs)

if __name__ == "__main__":
    asyncio.run(hold(ProcessPool(processes=2, write_threads=1)))
"""


def test_the_workers_of_a_crawl_killed_by_signal_9_go_with_it(tmp_path):
    # They are busy, with more jobs queued: they must not go on working for a crawl that is gone.
    script = tmp_path / "holder.py"
    script.write_text(HOLDER)
    holder = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True,
                              env={**os.environ, "PYTHONPATH": str(REPO)})
    pids = [int(p) for p in holder.stdout.readline().split()]
    assert len(pids) == 2 and all(alive(p) for p in pids)
    holder.kill()
    holder.wait()
    deadline = time.monotonic() + 10
    while any(alive(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(alive(p) for p in pids)


def alive(pid: int) -> bool:
    """Return True while ``pid`` runs (a zombie counts as gone)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False
