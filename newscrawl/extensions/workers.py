"""What runs in the pool's worker processes, and how their answers are read back.

The pool (:mod:`newscrawl.extensions.processes`) runs its processes with
``concurrent.futures.ProcessPoolExecutor``, which already notices a process
that dies (``BrokenProcessPool``). What it carries between the processes is
bytes only: a job is pickled here, in the crawl, and unpickled in the worker
by :func:`run_job`, which pickles its answer (or what it raised) in turn; the
crawl unpickles it with :func:`read_answer`. So a job whose arguments or answer
will not pickle, or will not unpickle at the other end, fails that job alone
(:class:`JobFailed`), and never the executor's pipes and threads.
"""

from __future__ import annotations

import gc
import logging
import os
import pickle
import select
import threading
import time
import traceback
from pathlib import Path
from typing import Any, Callable

logger = logging.getLogger(__name__)


class JobFailed(RuntimeError):
    """A job or its answer could not be carried between the crawl and the worker."""


class RemoteTraceback(Exception):
    """The traceback of an exception raised in a worker process (set as the exception's cause)."""

    def __init__(self, text: str):
        super().__init__(text)
        self.text = text

    def __str__(self) -> str:
        return self.text


def pack_job(fn: Callable, args: tuple) -> bytes:
    """Return the pickled job ``fn(*args)``; raise JobFailed when it will not pickle."""
    try:
        return pickle.dumps((fn, args), pickle.HIGHEST_PROTOCOL)
    except Exception as exc:  # pickle raises PicklingError, TypeError, AttributeError, ...
        raise JobFailed(f"the job {_name(fn)} could not be sent to a worker: {type(exc).__name__}: {exc}") from exc


def run_job(job: bytes) -> bytes:
    """Run in the worker: return the pickled answer ``(True, value)`` or ``(False, exception, traceback)``."""
    try:
        fn, args = pickle.loads(job)
    except Exception as exc:  # e.g. a class of the crawl's that this process cannot import
        fn, args = _raise, (JobFailed(f"the job could not be read in the worker: {type(exc).__name__}: {exc}"),)
    try:
        reply: tuple = (True, fn(*args))
    except Exception as exc:  # the crawl re-raises it; the worker goes on
        reply = (False, exc, traceback.format_exc())
    try:
        return pickle.dumps(reply, pickle.HIGHEST_PROTOCOL)
    except Exception as exc:  # an answer or an exception that will not pickle
        what = "answer" if reply[0] else f"exception ({type(reply[1]).__name__}: {reply[1]})"
        failed = JobFailed(f"the worker's {what} could not be sent back: {type(exc).__name__}: {exc}")
        return pickle.dumps((False, failed, traceback.format_exc()), pickle.HIGHEST_PROTOCOL)


def read_answer(answer: bytes) -> Any:
    """Return the value of a worker's answer; re-raise what the job raised; JobFailed when it will not unpickle."""
    try:
        reply = pickle.loads(answer)
    except Exception as exc:  # e.g. an exception class whose __init__ takes other arguments than its args
        raise JobFailed(f"the worker's answer could not be read: {type(exc).__name__}: {exc}") from exc
    if reply[0]:
        return reply[1]
    raise reply[1] from RemoteTraceback(reply[2])


def start_worker(owner: int, package: str, preload: tuple[str, ...]) -> None:
    """Run first in each worker process: leave with the crawl, check the package is the crawl's, load ``preload``.

    Raises ImportError when the worker found another ``newscrawl`` than the
    crawl's (the executor then reports the pool broken).
    """
    _die_with(owner)
    import newscrawl

    found = str(Path(newscrawl.__file__).resolve().parent)
    if found != package:
        raise ImportError(f"the worker imported newscrawl from {found}, the crawl from {package}")
    for module in preload:
        __import__(module)
    gc.freeze()  # the imported modules are there to stay: collections need not walk them


def _die_with(owner: int) -> None:
    """Leave at once when process ``owner`` (the crawl) ends, whatever jobs are queued.

    A crawl killed by signal 9 must not leave a process behind that writes the
    posts still queued for it after a new run has started.
    """
    def watch() -> None:
        try:
            handle = os.pidfd_open(owner)
        except ProcessLookupError:  # gone already
            os._exit(1)
        except (AttributeError, OSError):  # no pidfd here: look every second
            while _alive(owner):
                time.sleep(1)
            os._exit(1)
        select.select([handle], [], [])  # readable once the process has ended
        os._exit(1)

    threading.Thread(target=watch, name="newscrawl-owner-watch", daemon=True).start()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _raise(error: Exception):
    raise error


def _name(fn: Callable) -> str:
    return getattr(fn, "__qualname__", None) or repr(fn)
