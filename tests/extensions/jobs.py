"""Jobs for the pool's tests: module-level functions (a worker finds them by name) that go wrong in each way."""

from __future__ import annotations

import os
import time
from pathlib import Path


class TwoArgumentError(Exception):
    """An exception that pickles but does not unpickle: pickle calls it again with ``args`` only."""

    def __init__(self, code: int, detail: str):
        super().__init__(f"{code}: {detail}")
        self.code = code


class Unreadable:
    """A value that pickles, and raises when it is unpickled."""

    def __reduce__(self):
        return refuse_unpickling, ()


def refuse_unpickling():
    raise ValueError("this answer cannot be read here")


def unreadable_answer():
    return Unreadable()


def unpicklable_answer():
    return lambda: None


def raise_unreadable():
    raise TwoArgumentError(7, "late edition")


def raise_unpicklable():
    error = RuntimeError("with a lambda")
    error.callback = lambda: None
    raise error


def pid_after(seconds: float, flag: str | None = None) -> int:
    """Return the worker's pid after ``seconds``; first create ``flag``, so a test knows the job started."""
    if flag:
        Path(flag).write_text(str(os.getpid()))
    time.sleep(seconds)
    return os.getpid()


def heavy_modules_loaded() -> list[str]:
    """Return which of Scrapy, Twisted and the crawl's extensions this process has imported."""
    import sys

    return sorted(name for name in ("scrapy", "twisted", "newscrawl.extensions.processes") if name in sys.modules)


def modules_loaded(*names: str) -> list[str]:
    """Return which of ``names`` this process has imported."""
    import sys

    return [name for name in names if name in sys.modules]
