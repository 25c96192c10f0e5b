"""How Chromium is launched: the OS package's binary, never a downloaded browser."""

from __future__ import annotations

import importlib.util
import os
import shutil
from typing import Iterable

from scrapy.settings import BaseSettings

from newscrawl.render.policy import parse_run_render, run_renders_any


class RenderError(RuntimeError):
    """Rendering was asked for but cannot run here; the message says what to install or set."""


def launch_options(settings: BaseSettings) -> dict:
    """Return Playwright's ``browser_type.launch`` options from the NEWSCRAWL_CHROMIUM* settings.

    Playwright gives every launch a fresh, empty ``--user-data-dir`` of its own
    and removes it on close, so no profile carries over between runs.
    """
    return {
        "executable_path": settings.get("NEWSCRAWL_CHROMIUM"),
        "args": settings.getlist("NEWSCRAWL_CHROMIUM_ARGS"),
        "headless": True,
        "timeout": settings.getfloat("NEWSCRAWL_RENDER_TIMEOUT") * 1000,
    }


def chromium_problem(executable: str | None) -> str | None:
    """Return why Chromium cannot be driven here (binary or Playwright missing); None when it can."""
    found = shutil.which(executable) if executable else None
    if not found or not os.access(found, os.X_OK):
        return (f"rendering needs Chromium, and {executable!r} is not an executable "
                "(apt-get install chromium, or set NEWSCRAWL_CHROMIUM to the browser's path)")
    for module, package in (("playwright", "playwright"), ("scrapy_playwright", "scrapy-playwright")):
        if importlib.util.find_spec(module) is None:
            return f"rendering needs the Python package {package} (pip install -r requirements.txt)"
    return None


def check_rendering(settings: BaseSettings, profiles: Iterable) -> bool:
    """Return True when this run renders some pages and can; False when it renders none.

    Raises :class:`RenderError` when NEWSCRAWL_RENDER is malformed, or when
    rendering is asked for and Chromium or Playwright is missing.
    """
    try:
        run_render = parse_run_render(settings.get("NEWSCRAWL_RENDER"))
    except ValueError as exc:
        raise RenderError(str(exc)) from exc
    if not run_renders_any(run_render, (getattr(p, "render", None) for p in profiles)):
        return False
    problem = chromium_problem(settings.get("NEWSCRAWL_CHROMIUM"))
    if problem:
        raise RenderError(problem)
    return True
