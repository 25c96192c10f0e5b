"""A worker process imports the crawl's own newscrawl, and its pipes carry frames that cannot jam them."""

from __future__ import annotations

import asyncio
import multiprocessing
import sys
from pathlib import Path

import pytest

import newscrawl
from newscrawl.extensions.processes import fresh_interpreter_finds
from newscrawl.extensions.workers import Worker, WorkerDied, check_package, package_folder
from tests.extensions import jobs

OURS = str(Path(newscrawl.__file__).resolve().parent)


def test_a_worker_that_imported_another_newscrawl_refuses_to_start(tmp_path: Path):
    check_package(OURS)
    with pytest.raises(ImportError, match=f"imported newscrawl from {OURS}, the crawl from {tmp_path}"):
        check_package(str(tmp_path))


def test_what_a_fresh_interpreter_imports_is_asked_before_anything_is_preloaded(tmp_path: Path, monkeypatch):
    # The fork server is a fresh interpreter in the working folder: it must not preload from there,
    # and it does not see what the crawl added to sys.path at run time (an egg under scrapyd).
    monkeypatch.chdir(tmp_path)
    assert fresh_interpreter_finds("newscrawl") == package_folder() == OURS
    (tmp_path / "newscrawl").mkdir()
    assert fresh_interpreter_finds("newscrawl") is None  # a clone of the project: a namespace
    (tmp_path / "newscrawl" / "__init__.py").write_text("")
    assert fresh_interpreter_finds("newscrawl") == str(tmp_path / "newscrawl")
    assert fresh_interpreter_finds("no_such_package_here") is None


def test_a_worker_whose_answers_are_out_of_step_fails_its_jobs_and_says_so():
    deaths = []
    worker = Worker(multiprocessing.get_context("forkserver"), name="test-worker",
                    on_death=lambda w, reason: deaths.append(reason))

    async def jobs_():
        await worker.call(abs, -1)  # the pipes are open
        held = asyncio.ensure_future(worker.call(jobs.pid_after, 30))
        await asyncio.sleep(0.2)
        protocol = worker._answers
        protocol.data_received(b"\xff\xff\xff\xf0")  # a length no frame has
        with pytest.raises(WorkerDied, match="sent a frame of -16 bytes"):
            await asyncio.wait_for(held, 30)
    try:
        asyncio.run(jobs_())
    finally:
        worker.close(timeout=5)
    assert deaths == ["the worker process test-worker sent a frame of -16 bytes"]
