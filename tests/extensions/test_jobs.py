"""A job and its answer cross between processes as bytes: each way they can go wrong is the job's own failure."""

from __future__ import annotations

import pytest

from newscrawl.extensions.jobs import JobFailed, RemoteTraceback, pack_job, read_answer, run_job
from tests.extensions import jobs


def test_an_answer_comes_back_as_it_was_computed():
    assert read_answer(run_job(pack_job(divmod, (17, 5)))) == (3, 2)


def test_what_a_job_raised_is_raised_again_with_the_workers_traceback():
    with pytest.raises(ZeroDivisionError) as raised:
        read_answer(run_job(pack_job(divmod, (1, 0))))
    assert isinstance(raised.value.__cause__, RemoteTraceback) and "ZeroDivisionError" in str(raised.value.__cause__)


@pytest.mark.parametrize("job, message", [
    (jobs.unreadable_answer, "the worker's answer could not be read: ValueError"),
    (jobs.raise_unreadable, "the worker's answer could not be read: TypeError"),
    (jobs.unpicklable_answer, "the worker's answer could not be sent back"),
    (jobs.raise_unpicklable, "the worker's exception .RuntimeError: with a lambda. could not be sent back"),
])
def test_an_answer_that_cannot_cross_is_a_failed_job(job, message):
    answer = run_job(pack_job(job, ()))  # always bytes: the executor carries nothing it could choke on
    assert isinstance(answer, bytes)
    with pytest.raises(JobFailed, match=message):
        read_answer(answer)


def test_a_job_that_cannot_cross_is_a_failed_job():
    with pytest.raises(JobFailed, match="could not be sent to a worker: .*lambda"):
        pack_job(len, (lambda: None,))
    with pytest.raises(JobFailed, match="could not be read in the worker: ValueError"):
        read_answer(run_job(pack_job(len, (jobs.Unreadable(),))))


def test_a_job_or_an_answer_too_big_for_a_frame_is_a_failed_job(monkeypatch):
    monkeypatch.setattr("newscrawl.extensions.jobs.MAX_FRAME", 10_000)  # 1 GiB in a crawl
    with pytest.raises(JobFailed, match="too big to send to a worker"):
        pack_job(len, (b"x" * 20_000,))
    with pytest.raises(JobFailed, match="answer is too big to send back"):
        read_answer(run_job(pack_job(bytes, (20_000,))))
    assert read_answer(run_job(pack_job(bytes, (5_000,)))) == bytes(5_000)
