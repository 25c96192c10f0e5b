"""Run a hook on a module right after it is imported, from outside it (the bench's ledgers and stand-ins)."""

from __future__ import annotations

import importlib.abc
import importlib.util
import sys
from typing import Callable


class AfterImport(importlib.abc.MetaPathFinder):
    """A meta path finder that finds the modules ``wanted`` names as usual, then calls ``after(module)``
    right after each one's code has run."""

    def __init__(self, wanted: Callable[[str], bool], after: Callable[[object], None]) -> None:
        self.wanted, self.after = wanted, after

    def find_spec(self, fullname, path, target=None):
        if not self.wanted(fullname):
            return None
        sys.meta_path.remove(self)  # find it as if this finder were not there
        try:
            spec = importlib.util.find_spec(fullname)
        finally:
            sys.meta_path.insert(0, self)
        if spec is None or spec.loader is None:
            return None
        run = spec.loader.exec_module

        def exec_module(module) -> None:
            run(module)
            self.after(module)

        spec.loader.exec_module = exec_module
        return spec
