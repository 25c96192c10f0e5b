"""Split each process's CPU time of a crawl by component, for bench/throughput.py.

A crawl runs with ``bench/ledger_site`` on its PYTHONPATH and
``NEWSCRAWL_BENCH_LEDGER=<folder>`` in its environment: that folder's
``sitecustomize`` calls :func:`install` in every Python process of the crawl
(the crawl, the fork server and the workers it forks). Each module named in
:data:`LABELS` is wrapped as it is imported: every function and method it
defines charges the thread's CPU time (``time.thread_time``) to its label while
it runs, exclusive of the labelled calls it makes (a stack per thread), and a
coroutine or async generator only for its own steps, not while it waits. Time
outside every label goes to the thread's root label (:data:`ROOT`), which
says what the process is doing: starting, running Scrapy, or shutting down.
Module imports are a label of their own wherever they happen.

Each process writes ``<folder>/<pid>.json`` when it ends (a worker when its
loop ends): its ledger and its own CPU time. :func:`read_ledgers` adds them
up; the difference to the cgroup's total is what no ledger saw (the fork
server's loop, threads that never entered a label, process exits). Library
code knows nothing of this: the modules are wrapped from outside.
"""

from __future__ import annotations

import atexit
import functools
import importlib.util
import importlib._bootstrap as bootstrap
import inspect
import json
import os
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

from importhook import AfterImport
from ledger_labels import FUNCTIONS, IMPORTS, LABELS, ROOT, SETTLE

ENV = "NEWSCRAWL_BENCH_LEDGER"
SITE = Path(__file__).resolve().parent / "ledger_site"  # put on PYTHONPATH: its sitecustomize installs the ledger

class Ledger:
    """CPU seconds per label, charged by the threads of this process."""

    def __init__(self, role: str):
        self.role = role
        self.phase = "start" if role == "crawl" else role
        self.totals: dict[str, float] = defaultdict(float)
        self.local = threading.local()
        self.lock = threading.Lock()

    def current(self) -> str:
        """Return the label this thread charges now."""
        return self._state().stack[-1]

    def _state(self):
        local = self.local
        if not hasattr(local, "stack"):
            main = threading.current_thread() is threading.main_thread()
            root = ROOT[self.phase] if main or self.role != "crawl" else ROOT["thread"]
            local.stack, local.last = [root], time.thread_time()
        return local

    def enter(self, label: str) -> None:
        """Charge the time so far to the current label, then start charging ``label``."""
        state, now = self._state(), time.thread_time()
        self._charge(state.stack[-1], now - state.last)
        state.last = now
        state.stack.append(label)

    def leave(self) -> None:
        """Charge the time so far to the current label and go back to the one before."""
        state, now = self._state(), time.thread_time()
        self._charge(state.stack.pop(), now - state.last)
        state.last = now

    def _charge(self, label: str, seconds: float) -> None:
        with self.lock:
            self.totals[label] += seconds

    def set_phase(self, phase: str) -> None:
        """Charge this thread's time so far, then charge its idle time to the root label of ``phase``."""
        state, now = self._state(), time.thread_time()
        self._charge(state.stack[-1], now - state.last)
        state.last = now
        self.phase = phase
        state.stack[0] = ROOT[phase]

    def dump(self, folder: str) -> None:
        """Write the ledger and this process's own CPU time to ``folder``/<pid>.json (once)."""
        if getattr(self, "dumped", False):
            return
        self.dumped = True
        state, now = self._state(), time.thread_time()
        self._charge(state.stack[-1], now - state.last)
        state.last = now
        times = os.times()
        record = {"pid": os.getpid(), "role": self.role, "labels": dict(self.totals),
                  "process_cpu": times.user + times.system}
        Path(folder, f"{os.getpid()}.json").write_text(json.dumps(record))


LEDGER: Ledger | None = None


def timed(fn, label: str):
    """Return ``fn`` wrapped to charge its CPU time to ``label`` (steps only, for coroutines and generators).

    The wrapper takes the keyword arguments ``fn`` takes: pydispatch (Scrapy's
    signals) reads a receiver's ``__code__`` to leave out the others, and sees
    the wrapper's.
    """
    if getattr(fn, "__ledger_label__", None):
        return fn
    fits = _keywords(fn)
    if inspect.iscoroutinefunction(fn):
        @functools.wraps(fn)
        async def wrapper(*args, **kwargs):
            return await Steps(fn(*args, **fits(kwargs)), label)
    elif inspect.isasyncgenfunction(fn):
        @functools.wraps(fn)
        async def wrapper(*args, **kwargs):
            inner = fn(*args, **fits(kwargs))
            while True:
                try:
                    value = await Steps(inner.__anext__(), label)
                except StopAsyncIteration:
                    return
                yield value
    elif inspect.isgeneratorfunction(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            inner = fn(*args, **fits(kwargs))
            while True:
                LEDGER.enter(label)
                try:
                    value = next(inner)
                except StopIteration:
                    return
                finally:
                    LEDGER.leave()
                yield value
    else:
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            if LEDGER.current() == label:  # charged already: no clock to read
                return fn(*args, **fits(kwargs))
            LEDGER.enter(label)
            try:
                return fn(*args, **fits(kwargs))
            finally:
                if label in SETTLE:
                    bytes(4096)
                LEDGER.leave()
    wrapper.__ledger_label__ = label
    return wrapper


def _keywords(fn):
    """Return a function that keeps the keyword arguments ``fn`` accepts (all of them when it takes ``**``)."""
    code = fn.__code__
    if code.co_flags & inspect.CO_VARKEYWORDS:
        return lambda kwargs: kwargs
    names = frozenset(code.co_varnames[:code.co_argcount + code.co_kwonlyargcount])
    return lambda kwargs: kwargs if kwargs.keys() <= names else {k: v for k, v in kwargs.items() if k in names}


class Steps:
    """An awaitable that charges each step of ``awaitable`` to ``label``."""

    def __init__(self, awaitable, label: str):
        self.awaitable, self.label = awaitable, label

    def __await__(self):
        inner = self.awaitable.__await__()
        value, error = None, None
        while True:
            charged = LEDGER.current() == self.label  # within a step of its own label (no clock to read)
            if not charged:
                LEDGER.enter(self.label)
            try:
                step = inner.throw(error) if error is not None else inner.send(value)
            except StopIteration as stop:
                return stop.value
            finally:
                if not charged:
                    LEDGER.leave()
            try:
                value, error = (yield step), None
            except GeneratorExit:
                inner.close()
                raise
            except BaseException as exc:  # thrown in: passed on to the inner awaitable
                value, error = None, exc


def wrap_module(module, label: str | None) -> None:
    """Wrap the functions and methods ``module`` defines (``label``; FUNCTIONS override)."""
    name = module.__name__
    for attr, value in list(vars(module).items()):
        own = FUNCTIONS.get((name, attr))
        if inspect.isfunction(value) and value.__module__ == name and (own or label):
            setattr(module, attr, timed(value, own or label))
        elif inspect.isclass(value) and value.__module__ == name and label:
            _wrap_class(value, label)


def _wrap_class(cls, label: str) -> None:
    for attr, value in list(vars(cls).items()):
        if attr in ("__init_subclass__", "__class_getitem__", "__getattr__", "__getattribute__", "__setattr__"):
            continue
        if isinstance(value, staticmethod):
            setattr(cls, attr, staticmethod(timed(value.__func__, label)))
        elif isinstance(value, classmethod):
            setattr(cls, attr, classmethod(timed(value.__func__, label)))
        elif inspect.isfunction(value):
            setattr(cls, attr, timed(value, label))


def _wanted(fullname: str) -> bool:
    """Return True for a module the ledger wraps (or runs an AFTER hook on) once it is imported."""
    return fullname in LABELS or fullname in AFTER or any(m == fullname for m, _ in FUNCTIONS)


def _wrap_imported(module) -> None:
    """Wrap a module of LABELS right after it is executed, and run its AFTER hook."""
    wrap_module(module, LABELS.get(module.__name__))
    if module.__name__ in AFTER:
        AFTER[module.__name__](module)


def _imports(find_and_load):
    @functools.wraps(find_and_load)
    def wrapper(name, import_):
        LEDGER.enter(IMPORTS)
        try:
            return find_and_load(name, import_)
        finally:
            LEDGER.leave()
    return wrapper


def _role() -> str:
    """Return what this process is: the crawl, the fork server, or a helper (``python -c``)."""
    try:
        command = Path("/proc/self/cmdline").read_bytes().split(b"\0")
    except OSError:
        command = [arg.encode() for arg in sys.argv]
    if any(b"multiprocessing.forkserver" in arg for arg in command):
        return "fork server"
    return "helper" if b"-c" in command else "crawl"


def install(folder: str) -> None:
    """Keep this process's ledger (and its forked children's) and write it to ``folder`` at exit."""
    global LEDGER
    LEDGER = Ledger(_role())
    bootstrap._find_and_load = _imports(bootstrap._find_and_load)
    sys.meta_path.insert(0, AfterImport(_wanted, _wrap_imported))
    atexit.register(LEDGER.dump, folder)
    os.register_at_fork(after_in_child=lambda: LEDGER.__init__("worker"))
    AFTER["newscrawl.extensions.workers"] = lambda module: _dump_after_serve(module, folder)


def _dump_after_serve(module, folder: str) -> None:
    """Have a worker write its ledger when its loop ends (workers leave through os._exit: no atexit)."""
    serve = module.serve

    @functools.wraps(serve)
    def serve_then_dump(*args, **kwargs):
        try:
            return serve(*args, **kwargs)
        finally:
            LEDGER.dump(folder)
    module.serve = serve_then_dump


def _phases(module) -> None:
    """Switch the crawl's root label when its engine starts and when its spider closes."""
    engine = module.ExecutionEngine
    start, close = engine.start_async, engine.close_spider_async

    @functools.wraps(start)
    async def start_async(self, *args, **kwargs):
        LEDGER.set_phase("run")
        return await start(self, *args, **kwargs)

    @functools.wraps(close)
    async def close_spider_async(self, *args, **kwargs):
        try:
            return await close(self, *args, **kwargs)
        finally:
            LEDGER.set_phase("stop")
    engine.start_async, engine.close_spider_async = start_async, close_spider_async


# Module -> what to do once it is imported (besides wrapping it)
AFTER = {"scrapy.core.engine": _phases}


def read_ledgers(folder: Path) -> dict[tuple[str, str], float]:
    """Return CPU seconds per (label, process role), summed over every process's ledger in ``folder``.

    A process's CPU time that no label saw (threads that never entered one,
    its start before the ledger, its end after) is put under a label of its own.
    """
    labels: dict[tuple[str, str], float] = defaultdict(float)
    for path in folder.glob("*.json"):
        record = json.loads(path.read_text())
        for label, seconds in record["labels"].items():
            labels[label, record["role"]] += seconds
        unseen = record["process_cpu"] - sum(record["labels"].values())
        labels["threads and moments no label saw", record["role"]] += max(0.0, unseen)
    return dict(labels)
