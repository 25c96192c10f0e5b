"""Errors a user can cause with a site profile, raised with the file and key to fix.

A leaf module: the profile loader and the crawl modes' own key checks both
raise :class:`ProfileError`, and neither has to import the other for it.
"""

from __future__ import annotations

from pathlib import Path


class ProfileError(ValueError):
    """A profile file is missing, unreadable or has a bad key."""

    def __init__(self, path: str | Path, key: str | None, reason: str):
        self.path = str(path)
        self.key = key
        self.reason = reason
        where = f"{self.path}: {key}" if key else self.path
        super().__init__(f"{where}: {reason}")


class ReportedError(Exception):
    """An expected failure whose one-line ``reason`` says all (logged where raised, without a traceback)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason
