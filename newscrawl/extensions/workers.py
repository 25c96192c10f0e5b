"""Worker processes the reactor talks to through two pipes, with no helper thread on its side.

``concurrent.futures.ProcessPoolExecutor`` feeds its processes from two
threads of the calling process; they cost the crawl's process about twice
what these pipes do (``bench/pool_overhead.py``, docs/architecture.md). A
:class:`Worker` is one process started by the fork server, a pipe for jobs and
a pipe for answers, both non-blocking asyncio transports on the reactor's loop:
``await worker.call(fn, *args)`` sends a job and returns its answer. The
process runs jobs one at a time, or in ``threads`` threads (for jobs that wait
on the disk).

A frame is the length (the framing of ``multiprocessing.Connection``), the
job's number, then a pickle. The number stays outside the pickle, so a job or
an answer that will not pickle, or not unpickle at the other end, fails that
job alone (:class:`JobFailed`) and the pipe goes on. A process that ends fails
every job it held (:class:`WorkerDied`), and its owner is told.
"""

from __future__ import annotations

import asyncio
import fcntl
import gc
import itertools
import logging
import os
import select
import signal
import struct
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Callable

import newscrawl
from newscrawl.errors import ReportedError
from newscrawl.extensions.jobs import MAX_FRAME, pack_job, read_answer, run_job

logger = logging.getLogger(__name__)

_HEADER = struct.Struct("!i")  # the framing of multiprocessing.Connection.send_bytes
_JOB = struct.Struct("!Q")  # the job's number, ahead of its pickle
_PIPE_BYTES = 1 << 20  # pipe buffer asked for: most pages and their answers fit whole
_REAPED_WITHIN = 10  # seconds a process whose pipe closed has to be reaped before it is reported anyway


class WorkerDied(ReportedError):
    """A worker process ended: the jobs it held fail, and so does every later job of its pool."""


# -- in the worker process ------------------------------------------------------

def serve(jobs, results, threads: int, owner: int, package: str) -> None:
    """Run in the worker process: answer each job frame with an answer frame of the same number.

    Raises ImportError (the process ends) when it imported another newscrawl
    than the crawl's, from folder ``package``.
    """
    for sig in (signal.SIGINT, signal.SIGTERM):  # a Ctrl-C or a TERM to the group is the crawl's to answer:
        signal.signal(sig, signal.SIG_IGN)  # it closes our pipes, and we leave with it in any case
    _die_with(owner)
    check_package(package)
    lock = threading.Lock()
    gc.freeze()  # the imported modules are there to stay: collections need not walk them

    def answer(frame: bytes) -> None:
        data = frame[:_JOB.size] + run_job(memoryview(frame)[_JOB.size:])
        with lock:
            results.send_bytes(data)

    pool = ThreadPoolExecutor(threads) if threads > 1 else None
    while True:
        try:
            frame = jobs.recv_bytes()
        except EOFError:  # the crawl closed the jobs pipe
            break
        if not frame:  # the crawl is over
            break
        if pool is None:
            answer(frame)
        else:
            pool.submit(answer, frame)
    if pool is not None:
        pool.shutdown(wait=True)


def check_package(package: str) -> None:
    """Raise ImportError unless this process's newscrawl is the one in folder ``package``."""
    found = package_folder()
    if found != package:
        raise ImportError(f"the worker imported newscrawl from {found}, the crawl from {package}")


def _die_with(owner: int) -> None:
    """Leave at once when process ``owner`` (the crawl) ends, whatever jobs are queued.

    A crawl killed by signal 9 must not leave a process behind that writes the
    posts still queued for it after a new run has started. (The fork server,
    the worker's parent, outlives the crawl as long as its children live.)
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


# -- in the crawl ---------------------------------------------------------------

def package_folder() -> str:
    """Return the folder this process imported newscrawl from."""
    return str(Path(newscrawl.__file__).resolve().parent)


def _widen(fd: int) -> None:
    """Give the pipe room for a whole page (Linux), so a job goes in one write; else leave it."""
    try:
        fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, _PIPE_BYTES)
    except (AttributeError, OSError):  # not Linux, or above /proc/sys/fs/pipe-max-size
        pass


class _Answers(asyncio.Protocol):
    """Read answer frames from the answers pipe and settle their jobs."""

    def __init__(self, worker: "Worker"):
        self.worker = worker
        self.buffer = bytearray()
        self.transport: asyncio.ReadTransport | None = None

    def connection_made(self, transport) -> None:
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while len(self.buffer) >= _HEADER.size:
            (size,) = _HEADER.unpack_from(self.buffer)
            if not _JOB.size <= size <= _JOB.size + MAX_FRAME:
                self.worker.lost(f"sent a frame of {size} bytes")  # out of step: nothing after it can be read
                self.transport.close()
                return
            end = _HEADER.size + size
            if len(self.buffer) < end:
                return
            frame = bytes(self.buffer[_HEADER.size:end])
            del self.buffer[:end]  # taken off first: whatever the frame holds, the next one is read
            (job_id,) = _JOB.unpack_from(frame)
            self.worker.settle(job_id, memoryview(frame)[_JOB.size:])

    def connection_lost(self, exc) -> None:
        self.worker.lost()


class Worker:
    """One worker process and its two pipes; ``on_death(worker, reason)`` is called if it ends unasked."""

    def __init__(self, context, threads: int = 1, name: str = "newscrawl-worker",
                 on_death: Callable[["Worker", str], None] | None = None):
        jobs_out, self._jobs_in = context.Pipe(duplex=False)
        self._results_out, results_in = context.Pipe(duplex=False)
        self.process = context.Process(target=serve, name=name, daemon=True,
                                       args=(jobs_out, results_in, threads, os.getpid(), package_folder()))
        self.process.start()
        jobs_out.close()
        results_in.close()
        self._ids = itertools.count()
        self._pending: dict[int, asyncio.Future] = {}
        self._sender: asyncio.WriteTransport | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._connecting: asyncio.Future | None = None
        self._answers: _Answers | None = None
        self._on_death = on_death
        self.alive = True
        self.closing = False

    @property
    def load(self) -> int:
        """Return how many jobs the worker holds."""
        return len(self._pending)

    async def call(self, fn: Callable, *args: Any) -> Any:
        """Return ``fn(*args)`` computed in the worker; re-raise what it raised.

        Raises JobFailed when the job or its answer cannot be carried, WorkerDied
        when the process ended before it answered.
        """
        if not self.alive:
            raise WorkerDied(f"the worker process {self.process.name} has ended")
        job = pack_job(fn, args)
        job_id = next(self._ids)
        future = self._pending[job_id] = asyncio.get_running_loop().create_future()  # counted in load at once
        await self._connect()
        if not future.done():  # the process may have ended while the pipes were opened
            self._sender.write(_HEADER.pack(_JOB.size + len(job)) + _JOB.pack(job_id) + job)
        return await future

    async def _connect(self) -> None:
        """Wrap the pipes as transports of the running loop (once)."""
        if self._sender is not None:
            return
        if self._connecting is None:
            self._connecting = asyncio.ensure_future(self._open())
        await asyncio.shield(self._connecting)

    async def _open(self) -> None:
        for end in (self._jobs_in, self._results_out):
            _widen(end.fileno())
        loop = self._loop = asyncio.get_running_loop()
        self._sender, _ = await loop.connect_write_pipe(asyncio.Protocol, os.fdopen(
            os.dup(self._jobs_in.fileno()), "wb", buffering=0))
        _, self._answers = await loop.connect_read_pipe(lambda: _Answers(self), os.fdopen(
            os.dup(self._results_out.fileno()), "rb", buffering=0))
        self._jobs_in.close()
        self._results_out.close()

    def settle(self, job_id: int, answer) -> None:
        """Hand an answer to the job that waits for it: its value, or what it raised."""
        future = self._pending.pop(job_id, None)
        if future is None or future.done():
            return
        try:
            future.set_result(read_answer(answer))
        except Exception as exc:  # raised by the job, or JobFailed: the answer could not be read
            future.set_exception(exc)

    def lost(self, why: str | None = None) -> None:
        """Fail every job the worker held: its process ended (or its answers cannot be read).

        The jobs fail, and the owner is told, once the process's exit status
        is known (its pipe closes a moment before), to say how it ended.
        """
        if not self.alive:
            return
        self.alive = False
        if self.closing and not self._pending:  # it left when asked
            return
        if why is not None or self.process.exitcode is not None:
            self._fail_jobs(why)
            return
        loop = asyncio.get_running_loop()
        timer = loop.call_later(_REAPED_WITHIN, self._fail_jobs)
        loop.add_reader(self.process.sentinel, lambda: (timer.cancel(), self._fail_jobs()))

    def _fail_jobs(self, why: str | None = None) -> None:
        if self._loop is not None and not self._loop.is_closed():
            self._loop.remove_reader(self.process.sentinel)
        reason = f"the worker process {self.process.name} {why or self._ending()}"
        pending, self._pending = self._pending, {}
        for future in pending.values():
            if not future.done():
                future.set_exception(WorkerDied(reason))
        if not self.closing and self._on_death is not None:
            self._on_death(self, reason)

    def _ending(self) -> str:
        """Return how the process ended, e.g. "was killed (SIGKILL)"."""
        code = self.process.exitcode
        if code is None:
            return "closed its pipe"
        if code < 0:
            return f"was killed ({signal.Signals(-code).name})"
        return f"ended (exit code {code}; see the log for why)"

    def close(self, timeout: float = 30) -> None:
        """Tell the process to finish its jobs and leave; wait for it."""
        self.closing = True
        if self.alive:
            self._say_stop()
            self.process.join(timeout)
            if self.process.is_alive():
                logger.warning("%s did not stop; killing it", self.process.name)
        if self.process.is_alive():  # stuck, or its answers could not be read: no use waiting
            self.process.kill()  # it ignores SIGTERM
            self.process.join(5)

    def _say_stop(self) -> None:
        """Send the empty frame that ends the process once its jobs are done; close the jobs pipe."""
        stop = _HEADER.pack(0)
        if self._sender is not None and not self._sender.is_closing() and not self._loop.is_closed():
            self._sender.write(stop)  # written now: the pipe is drained
            self._sender.close()
            return
        pipe = self._jobs_in if self._sender is None else self._sender.get_extra_info("pipe")  # no loop to say it
        try:
            os.write(pipe.fileno(), stop)
        except OSError:  # the process has gone already
            pass
        finally:
            pipe.close()
