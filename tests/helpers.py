"""Shared test helpers: paths, the shared folder, running the CLI, reading posts."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import NoReturn

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"
SEED_DIR = SHARED / "seed"


def require_corpus() -> bool:
    """Return True when a missing ../shared must fail the tests (.ci/run sets NEWSCRAWL_REQUIRE_CORPUS=1)."""
    return os.environ.get("NEWSCRAWL_REQUIRE_CORPUS") == "1"


def need_shared(path: Path) -> Path:
    """Return ``path`` under ../shared; skip the test saying it is absent (fail under NEWSCRAWL_REQUIRE_CORPUS=1).

    Every test that reads ../shared (the corpus, the seed) comes here, so CI
    cannot pass with the accuracy gate or the seed checks quietly skipped.
    """
    if not path.exists():
        message = f"{path} is absent: these tests read ../shared beside the project at run time"
        if require_corpus():
            pytest.fail(f"NEWSCRAWL_REQUIRE_CORPUS=1 and {message}", pytrace=False)
        pytest.skip(message)
    return path


def require_tools() -> bool:
    """Return True when a missing tool must fail the tests (CI sets NEWSCRAWL_REQUIRE_TOOLS=1)."""
    return os.environ.get("NEWSCRAWL_REQUIRE_TOOLS") == "1"


def missing_tool(message: str) -> NoReturn:
    """Skip the test for what this machine lacks; fail it instead under NEWSCRAWL_REQUIRE_TOOLS=1.

    The one place tests skip for a missing tool or privilege (tests/test_no_quiet_skips.py).
    """
    if require_tools():
        pytest.fail(f"NEWSCRAWL_REQUIRE_TOOLS=1 and {message}", pytrace=False)
    pytest.skip(message)


def need_tool(command: str, how: str = ".ci/run installs it with apt") -> None:
    """Skip (or fail under NEWSCRAWL_REQUIRE_TOOLS=1) unless ``command`` is on the PATH."""
    if shutil.which(command) is None:
        missing_tool(f"`{command}` is not installed ({how})")


def need_chromium() -> None:
    """Skip the test when Chromium or Playwright is missing; fail instead under NEWSCRAWL_REQUIRE_TOOLS=1."""
    from newscrawl.render.browser import chromium_problem
    from newscrawl.runner import project_settings

    problem = chromium_problem(project_settings().get("NEWSCRAWL_CHROMIUM"))
    if problem is not None:
        missing_tool(f"{problem}; .ci/run installs Debian's chromium and requirements.txt")


def run_cli(*args: str, cwd: Path | None = None, timeout: float = 120,
            env: dict | None = None, preexec_fn=None) -> subprocess.CompletedProcess:
    """Run ``python -m newscrawl ARGS`` in a subprocess and return the finished process.

    ``preexec_fn`` runs in the child before it starts (e.g. to set a resource limit).
    """
    full_env = {**os.environ, "PYTHONPATH": str(REPO), **(env or {})}
    full_env.pop("SCRAPY_SETTINGS_MODULE", None)
    return subprocess.run([sys.executable, "-m", "newscrawl", *args], cwd=cwd or REPO,
                          capture_output=True, text=True, timeout=timeout, env=full_env,
                          preexec_fn=preexec_fn)


def read_post(path: Path) -> tuple[dict, str]:
    """Return a post's front matter (parsed with a YAML parser) and its body."""
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n"), f"{path} does not start with front matter"
    head, sep, body = text[4:].partition("\n---\n")
    assert sep, f"{path} front matter is not closed"
    return yaml.safe_load(head), body


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Return every archive file under ``folder`` with its bytes and mtime (ns).

    The crawl's own bookkeeping (``.newscrawl/``: state database, lock) is left
    out: it records each run and is not part of the published archive.
    """
    return {str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*"))
            if p.is_file() and ".newscrawl" not in p.relative_to(folder).parts}
