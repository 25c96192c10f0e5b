"""A job and its answer as bytes: each way they can fail to cross between processes fails the job alone.

The crawl pickles a job with :func:`pack_job`; the worker unpickles and runs
it with :func:`run_job`, which pickles the answer (or what the job raised, with
its traceback); the crawl reads it with :func:`read_answer`. A job or answer
that will not pickle, that will not unpickle at the other end, or that is too
big to send, raises :class:`JobFailed` for that job, and the pipes that carry
the bytes never see it.
"""

from __future__ import annotations

import pickle
import traceback
from typing import Any, Callable

MAX_FRAME = 1 << 30  # the largest job or answer sent: a bigger one is a bug, not a page


class JobFailed(RuntimeError):
    """A job or its answer could not be carried between the crawl and the worker."""


class RemoteTraceback(Exception):
    """The traceback of an exception raised in a worker process (set as the exception's cause)."""

    def __str__(self) -> str:
        return self.args[0]


def pack_job(fn: Callable, args: tuple) -> bytes:
    """Return the pickled job ``fn(*args)``; raise JobFailed when it will not pickle or is too big to send."""
    try:
        data = pickle.dumps((fn, args), pickle.HIGHEST_PROTOCOL)
    except Exception as exc:  # pickle raises PicklingError, TypeError, AttributeError, ...
        name = getattr(fn, "__qualname__", repr(fn))
        raise JobFailed(f"the job {name} could not be sent to a worker: {type(exc).__name__}: {exc}") from exc
    if len(data) > MAX_FRAME:
        raise JobFailed(f"the job is too big to send to a worker ({len(data):,} bytes)")
    return data


def read_answer(answer) -> Any:
    """Return the value of a worker's answer; re-raise what the job raised; JobFailed when it will not unpickle."""
    try:
        reply = pickle.loads(answer)
    except Exception as exc:  # e.g. an exception class whose __init__ takes other arguments than its args
        raise JobFailed(f"the worker's answer could not be read: {type(exc).__name__}: {exc}") from exc
    if reply[0]:
        return reply[1]
    raise reply[1] from RemoteTraceback(reply[2])


def run_job(job) -> bytes:
    """Return the pickled answer to a pickled job: ``(True, value)`` or ``(False, exception, traceback)``."""
    try:
        fn, args = pickle.loads(job)
    except Exception as exc:  # e.g. a class of the crawl's that this process cannot import
        return _failure(JobFailed(f"the job could not be read in the worker: {type(exc).__name__}: {exc}"),
                        traceback.format_exc())
    try:
        reply: tuple = (True, fn(*args))
    except Exception as exc:  # the crawl re-raises it; the worker goes on
        reply = (False, exc, traceback.format_exc())
    try:
        data = pickle.dumps(reply, pickle.HIGHEST_PROTOCOL)
    except Exception as exc:  # an answer or an exception that will not pickle
        what = "answer" if reply[0] else f"exception ({type(reply[1]).__name__}: {reply[1]})"
        return _failure(JobFailed(f"the worker's {what} could not be sent back: {type(exc).__name__}: {exc}"),
                        traceback.format_exc())
    if len(data) > MAX_FRAME:
        return _failure(JobFailed(f"the worker's answer is too big to send back ({len(data):,} bytes)"), "")
    return data


def _failure(error: JobFailed, trace: str) -> bytes:
    """Return the pickled answer of a job that failed with ``error``."""
    return pickle.dumps((False, error, trace), pickle.HIGHEST_PROTOCOL)
