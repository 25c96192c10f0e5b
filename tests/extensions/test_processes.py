"""The process pool: jobs computed in worker processes; whatever goes wrong fails a job, never hangs it.

A job that goes wrong on its own (an answer or exception that will not cross
between processes) fails alone; a process that dies breaks the pool: its jobs
and every later one fail at once, and nothing is started again.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newscrawl.extensions.jobs import JobFailed, RemoteTraceback
from newscrawl.extensions.processes import ProcessPool
from newscrawl.extensions.tasks import Reading, publish_post
from newscrawl.extensions.workers import WorkerDied
from newscrawl.extract import extract_article
from tests.extensions import jobs
from tests.helpers import REPO
from tests.pipelines.test_decide import item

PAGE = ("<html><head><title>市政府召开常务会议_测试日报</title></head><body><h1>市政府召开常务会议</h1>"
        "<div class='info'>2024-05-20 09:30 来源：测试日报</div><div class='content'>"
        + "<p>会议研究部署了下一阶段的重点工作，要求各部门抓好落实，确保按期完成年度目标任务。</p>" * 4
        + "</div></body></html>").encode()
URL = "http://paper.example/a/1.html"
PATIENCE = 60  # seconds a job may take on a loaded machine before the test calls it a hang


def run(coroutine):
    """Run ``coroutine`` on a new loop; fail (instead of hanging) after PATIENCE seconds."""
    async def bounded():
        return await asyncio.wait_for(coroutine, PATIENCE)
    return asyncio.run(bounded())


@pytest.fixture
def pool():
    made = ProcessPool(processes=1)
    yield made
    made.engine_stopped()


def test_a_job_runs_in_a_worker_process_and_its_errors_come_back_with_their_traceback(pool):
    async def jobs_():
        pid = await pool.compute(os.getpid)
        sizes = await asyncio.gather(*(pool.compute(len, b"x" * n) for n in (0, 10, 3_000_000)))
        with pytest.raises(ValueError, match="invalid literal") as raised:
            await pool.compute(int, "not a number")
        return pid, sizes, raised.value, await pool.compute(abs, -4)
    pid, sizes, error, after_error = run(jobs_())
    assert pid != os.getpid()
    assert sizes == [0, 10, 3_000_000] and after_error == 4  # a job bigger than a pipe, and on after an error
    assert isinstance(error.__cause__, RemoteTraceback) and "int(" in str(error.__cause__)


@pytest.mark.parametrize("job, message", [
    (jobs.unreadable_answer, "answer could not be read: ValueError: this answer cannot be read here"),
    (jobs.raise_unreadable, "answer could not be read: TypeError"),
    (jobs.unpicklable_answer, "answer could not be sent back"),
    (jobs.raise_unpicklable, r"exception \(RuntimeError: with a lambda\) could not be sent back"),
])
def test_an_answer_that_cannot_cross_fails_its_job_alone(pool, job, message):
    # The answer (or exception) will not pickle in the worker, or will not unpickle here.
    async def jobs_():
        before = await pool.compute(os.getpid)
        with pytest.raises(JobFailed, match=message):
            await pool.compute(job)
        return before, await asyncio.gather(*(pool.compute(abs, -n) for n in range(5))), await pool.compute(os.getpid)
    before, later, after = run(jobs_())
    assert later == [0, 1, 2, 3, 4] and after == before  # the same worker answers its later jobs
    assert pool.broken is None


def test_a_job_that_cannot_be_sent_fails_alone(pool):
    async def jobs_():
        with pytest.raises(JobFailed, match="could not be sent to a worker"):
            await pool.compute(len, lambda: None)
        with pytest.raises(JobFailed, match="job could not be read in the worker: ValueError"):
            await pool.compute(len, jobs.Unreadable())  # pickles here, cannot be unpickled there
        return await pool.compute(abs, -3)
    assert run(jobs_()) == 3


def test_a_worker_killed_mid_job_fails_its_job_and_every_later_one_at_once(pool, tmp_path):
    flag = tmp_path / "started"

    async def jobs_():
        held = asyncio.ensure_future(pool.compute(jobs.pid_after, 60, str(flag)))
        while not flag.exists():
            await asyncio.sleep(0.05)
        os.kill(int(flag.read_text()), signal.SIGKILL)
        with pytest.raises(WorkerDied, match=r"newscrawl-extract-0 was killed \(SIGKILL\)"):
            await held
        started = time.monotonic()
        with pytest.raises(WorkerDied, match="newscrawl-extract-0 was killed"):  # no new process: one that could not start would only die again
            await pool.read(PAGE, URL)
        return time.monotonic() - started
    assert run(jobs_()) < 1
    assert pool.broken == "the worker process newscrawl-extract-0 was killed (SIGKILL)"


def test_a_ctrl_c_or_a_term_to_the_process_group_is_the_crawls_to_answer(pool, tmp_path):
    # The terminal sends SIGINT to every process of the group, systemd SIGTERM: the workers
    # finish what they hold; the crawl decides when they stop.
    flag = tmp_path / "started"

    async def jobs_():
        held = asyncio.ensure_future(pool.compute(jobs.pid_after, 1, str(flag)))
        while not flag.exists():
            await asyncio.sleep(0.05)
        for sig in (signal.SIGINT, signal.SIGTERM):
            os.kill(int(flag.read_text()), sig)
        return await held
    assert run(jobs_()) == int(flag.read_text()) and pool.broken is None


def test_the_writing_process_killed_mid_post_fails_the_post(pool, tmp_path):
    post = item(id="1", url="http://paper.example/a/1.html", title="标题")
    first = tmp_path / "_posts" / "2024-05-20-1.md"
    stuck = tmp_path / "_posts" / "2024-05-20-2.md"

    async def jobs_():
        extractors = children(forkserver_of(os.getpid()))
        assert (await pool.publish(first, post, "//paper.example", "jekyll"))[0] == "created"
        (writer,) = set(children(forkserver_of(os.getpid()))) - set(extractors)  # started with the first post
        os.mkfifo(stuck)  # reading the old post waits for a writer that never comes
        held = asyncio.ensure_future(pool.publish(stuck, post, "//paper.example", "jekyll"))
        await asyncio.sleep(0.5)
        assert not held.done()
        os.kill(writer, signal.SIGKILL)
        with pytest.raises(WorkerDied, match=r"newscrawl-write was killed \(SIGKILL\)"):
            await held
    run(jobs_())


def test_the_pool_extracts_as_the_extractor_does_with_a_profiles_reading():
    pool = ProcessPool(processes=2)
    profile = Reading(selectors={"title": "div.info"}, timezone=None, language="zh")
    try:
        pooled, _ = run(pool.read(PAGE, URL, profile))
    finally:
        pool.engine_stopped()
    assert pooled == extract_article(PAGE, URL, profile)
    assert pooled.title.startswith("2024-05-20")  # the profile's selector was used


def test_the_writing_process_renders_and_writes_posts(tmp_path: Path, pool):
    posts = [item(id=str(n), url=f"http://paper.example/a/{n}.html", title=f"标题{n}") for n in range(12)]
    targets = [tmp_path / "_posts" / f"2024-05-20-{n}.md" for n in range(12)]

    async def write_all():
        statuses = await asyncio.gather(*(pool.publish(t, p, "//paper.example", "jekyll")
                                          for t, p in zip(targets, posts)))
        return statuses, await pool.publish(targets[0], posts[0], "//paper.example", "jekyll")
    statuses, again = run(write_all())
    assert [status for status, _ in statuses] == ["created"] * 12 and again[0] == "unchanged"
    assert again[1] == statuses[0][1] and len({digest for _, digest in statuses}) == 12  # the rendered bytes' hash
    reference = tmp_path / "reference.md"
    assert publish_post(reference, posts[3], "//paper.example", "jekyll") == ("created", statuses[3][1])
    assert targets[3].read_bytes() == reference.read_bytes()
    assert not list((tmp_path / "_posts").glob(".*.tmp"))  # no temporary file left behind



def test_the_pools_processes_run_their_jobs_without_importing_scrapy(tmp_path: Path, pool):
    """A job names light modules only: a worker that unpickled Scrapy's crawl side would import it (~0.4 s each)."""
    profile = Reading(selectors={"title": "div.info"}, timezone=None, language="zh")

    async def jobs_():
        await pool.read(PAGE, URL, profile)
        await pool.publish(tmp_path / "post.md", item(), "//paper.example", "jekyll")
        return await pool.compute(jobs.heavy_modules_loaded), await pool._writer.call(jobs.heavy_modules_loaded)
    assert run(jobs_()) == ([], [])


def test_the_workers_have_the_extractor_before_their_first_job(pool):
    """The fork server loads the readers once; a worker that imported them itself would pay ~0.15 s each."""
    assert run(pool.compute(jobs.modules_loaded, "newscrawl.extract.article", "newscrawl.archive.render")) == [
        "newscrawl.extract.article", "newscrawl.archive.render"]


def test_the_crawls_own_process_does_not_import_the_extractors_readers():
    """They run in the pool's processes; the crawl's imports are CPU every run pays (issue 22)."""
    code = ("import sys, newscrawl.cli, newscrawl.spiders.news, newscrawl.extensions.processes, "
            "newscrawl.extensions.state, pipelines.clean, pipelines.archive, pipelines.decide; "
            "print(' '.join(m for m in sys.modules if m.startswith('newscrawl.extract.')))")
    loaded = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    readers = {"article", "people", "dates", "title", "body", "blocks", "source", "images"}
    assert readers.isdisjoint(name.rpartition(".")[2] for name in loaded.stdout.split())


HOLDER = """
import asyncio, sys
from newscrawl.extensions.processes import ProcessPool
from tests.extensions import jobs

async def hold(pool, flags):
    held = [asyncio.ensure_future(pool.compute(jobs.pid_after, 60, flag)) for flag in flags]
    held += [asyncio.ensure_future(pool.compute(jobs.pid_after, 60)) for _ in flags]  # queued behind them
    await asyncio.gather(*held)

if __name__ == "__main__":
    asyncio.run(hold(ProcessPool(processes=2), sys.argv[1:]))
"""


def test_the_workers_of_a_crawl_killed_by_signal_9_go_with_it(tmp_path):
    # They are busy, with more jobs queued: they must not go on working for a crawl that is gone.
    script = tmp_path / "holder.py"
    script.write_text(HOLDER)
    flags = [tmp_path / "one", tmp_path / "two"]
    holder = subprocess.Popen([sys.executable, str(script), *map(str, flags)],
                              env={**os.environ, "PYTHONPATH": str(REPO)})
    deadline = time.monotonic() + PATIENCE
    while not all(f.exists() and f.read_text() for f in flags) and time.monotonic() < deadline:
        time.sleep(0.1)
    pids = [int(f.read_text()) for f in flags]
    assert len(set(pids)) == 2 and all(alive(p) for p in pids)
    holder.kill()
    holder.wait()
    deadline = time.monotonic() + 10
    while any(alive(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(alive(p) for p in pids)


def forkserver_of(pid: int) -> int:
    """Return the pid of the fork server process ``pid`` started."""
    for child in children(pid):
        if b"multiprocessing.forkserver" in Path(f"/proc/{child}/cmdline").read_bytes():
            return child
    raise AssertionError(f"process {pid} has no fork server")


def children(pid: int) -> list[int]:
    return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def alive(pid: int) -> bool:
    """Return True while ``pid`` runs (a zombie counts as gone)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False
