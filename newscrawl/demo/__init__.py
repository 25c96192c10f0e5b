"""The bundled demo newspaper 「演示日报」: data, site generator and local server.

``newscrawl demo`` serves :data:`SITE_DIR` with :func:`serve` and crawls it with
the profile at :data:`PROFILE_FILE`; the tests use the same site as a fixture.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from newscrawl.demo.data import DATA_FILE, DemoArticle, DemoData, load_demo

SITE_DIR = Path(__file__).with_name("site")
PROFILE_FILE = Path(__file__).parent.parent / "profiles" / "sites" / "demo.yaml"

__all__ = ["DATA_FILE", "PROFILE_FILE", "SITE_DIR", "DemoArticle", "DemoData", "RunningServer",
           "load_demo", "serve"]


def __getattr__(name: str) -> Any:
    """Import the server on first use, so ``python -m newscrawl.demo.server`` runs it cleanly."""
    if name in ("serve", "RunningServer"):
        from newscrawl.demo import server

        return getattr(server, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
