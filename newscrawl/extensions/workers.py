"""Worker processes the reactor talks to through two pipes, with no helper thread on its side.

``concurrent.futures.ProcessPoolExecutor`` feeds its processes from two
threads of the calling process; their fight for the GIL with the reactor's
thread costs the crawl more than the work they carry. A :class:`Worker` is one
process started by the fork server, a pipe for jobs and a pipe for results,
both non-blocking asyncio transports on the reactor's loop: ``await
worker.call(fn, *args)`` sends a framed pickle and returns the answer. The
process runs jobs one at a time, or in ``threads`` threads (for jobs that
wait on the disk). A process that dies fails its jobs with WorkerDied.
"""

from __future__ import annotations

import asyncio
import fcntl
import gc
import itertools
import logging
import os
import pickle
import select
import struct
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable

logger = logging.getLogger(__name__)

_HEADER = struct.Struct("!i")  # the framing of multiprocessing.Connection.send_bytes
_MAX_FRAME = 1 << 30  # a frame larger than this is a bug, not a page
_PIPE_BYTES = 1 << 20  # pipe buffer asked for: most pages and their answers fit whole


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


def _widen(fd: int) -> None:
    """Give the pipe room for a whole page (Linux), so a job goes in one write; else leave it."""
    try:
        fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, _PIPE_BYTES)
    except (AttributeError, OSError):  # not Linux, or above /proc/sys/fs/pipe-max-size
        pass


class WorkerDied(RuntimeError):
    """The worker process ended while it held the job."""


def serve(jobs, results, threads: int, owner: int) -> None:
    """Run in the worker process: answer each job ``(id, fn, args)`` with ``(id, ok, value)``."""
    _die_with(owner)
    lock = threading.Lock()
    gc.freeze()  # the imported modules are there to stay: collections need not walk them

    def answer(job_id: int, fn: Callable, args: tuple) -> None:
        try:
            reply = (job_id, True, fn(*args))
        except Exception as exc:  # the caller re-raises it; the worker goes on
            reply = (job_id, False, exc)
        try:
            data = pickle.dumps(reply, pickle.HIGHEST_PROTOCOL)
        except Exception as exc:  # an unpicklable answer or exception
            data = pickle.dumps((job_id, False, RuntimeError(f"{type(exc).__name__}: {exc}")))
        with lock:
            results.send_bytes(data)

    pool = ThreadPoolExecutor(threads) if threads > 1 else None
    while True:
        try:
            job = pickle.loads(jobs.recv_bytes())
        except EOFError:  # the crawl closed the jobs pipe
            break
        if job is None:  # the crawl is over
            break
        job_id, fn, args = job
        if pool is None:
            answer(job_id, fn, args)
        else:
            pool.submit(answer, job_id, fn, args)
    if pool is not None:
        pool.shutdown(wait=True)


class _Answers(asyncio.Protocol):
    """Read framed answers from the results pipe and settle their futures."""

    def __init__(self, worker: "Worker"):
        self.worker = worker
        self.buffer = bytearray()

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while len(self.buffer) >= _HEADER.size:
            (size,) = _HEADER.unpack_from(self.buffer)
            if size < 0 or size > _MAX_FRAME:
                raise ValueError(f"bad frame of {size} bytes from a worker")
            end = _HEADER.size + size
            if len(self.buffer) < end:
                return
            job_id, ok, value = pickle.loads(bytes(self.buffer[_HEADER.size:end]))
            del self.buffer[:end]
            self.worker.settle(job_id, ok, value)

    def connection_lost(self, exc) -> None:
        self.worker.died()


class Worker:
    """One worker process and its two pipes."""

    def __init__(self, context, threads: int = 1, name: str = "newscrawl-worker"):
        jobs_out, self._jobs_in = context.Pipe(duplex=False)
        self._results_out, results_in = context.Pipe(duplex=False)
        self.process = context.Process(target=serve, args=(jobs_out, results_in, threads, os.getpid()),
                                       name=name, daemon=True)
        self.process.start()
        jobs_out.close()
        results_in.close()
        self._ids = itertools.count()
        self._pending: dict[int, asyncio.Future] = {}
        self._sender: asyncio.WriteTransport | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._connecting: asyncio.Future | None = None
        self.alive = True

    @property
    def load(self) -> int:
        """Return how many jobs the worker holds."""
        return len(self._pending)

    async def call(self, fn: Callable, *args: Any) -> Any:
        """Return ``fn(*args)`` computed in the worker; re-raise what it raised; WorkerDied if it ended."""
        if not self.alive:
            raise WorkerDied(f"{self.process.name} is gone")
        await self._connect()
        job_id = next(self._ids)
        data = pickle.dumps((job_id, fn, args), pickle.HIGHEST_PROTOCOL)
        future = asyncio.get_running_loop().create_future()
        self._pending[job_id] = future
        self._sender.write(_HEADER.pack(len(data)) + data)
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
        await loop.connect_read_pipe(lambda: _Answers(self), os.fdopen(
            os.dup(self._results_out.fileno()), "rb", buffering=0))
        self._jobs_in.close()
        self._results_out.close()

    def settle(self, job_id: int, ok: bool, value: Any) -> None:
        """Hand an answer to the job that waits for it."""
        future = self._pending.pop(job_id, None)
        if future is None or future.done():
            return
        if ok:
            future.set_result(value)
        else:
            future.set_exception(value)

    def died(self) -> None:
        """Fail every job the worker held: its process ended."""
        self.alive = False
        pending, self._pending = self._pending, {}
        for future in pending.values():
            if not future.done():
                future.set_exception(WorkerDied(f"{self.process.name} ended (exit code {self.process.exitcode})"))

    def close(self, timeout: float = 30) -> None:
        """Tell the process to finish its jobs and leave; wait for it."""
        stop = pickle.dumps(None)
        if self._sender is None:
            self._jobs_in.close()
        elif self._sender.is_closing() or self._loop.is_closed():
            pipe = self._sender.get_extra_info("pipe")  # the loop is gone: say it directly
            os.write(pipe.fileno(), _HEADER.pack(len(stop)) + stop)
            pipe.close()
        else:
            self._sender.write(_HEADER.pack(len(stop)) + stop)  # written now: the pipe is drained
            self._sender.close()
        self.process.join(timeout)
        if self.process.is_alive():
            logger.warning("%s did not stop; terminating it", self.process.name)
            self.process.terminate()
            self.process.join(5)
