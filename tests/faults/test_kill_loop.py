"""Crash safety (issue 11, item 7): crawls killed with SIGKILL at random moments, then run again.

The short loop runs here (5 rounds); ``bench/killloop.py`` runs 20 or more.
Each round must end with exactly the archive an uninterrupted run writes,
byte for byte, no temporary file left and a state that opens, holding no
article whose post is missing.
"""

from __future__ import annotations

import random

import pytest

from tests.faults.killing import archive_files, kill_round, run_to_end, state_problems, temp_files

pytestmark = pytest.mark.e2e

ROUNDS = 5
SEED = 20241130


def test_five_kills_at_random_moments_each_repaired_by_the_next_run(tmp_path):
    status, seconds, stderr = run_to_end(tmp_path / "reference")
    assert status == 0, stderr
    reference = archive_files(tmp_path / "reference")
    rng = random.Random(SEED)
    rounds = [kill_round(tmp_path / f"round-{n}", reference, seconds, rng) for n in range(ROUNDS)]
    assert [r for r in rounds if not r.identical] == []
    assert sum(r.landed for r in rounds) >= 3  # most kills hit running crawls, not finished ones


def test_a_run_removes_the_temporary_files_a_killed_write_left(tmp_path):
    out = tmp_path / "archive"
    status, _, stderr = run_to_end(out)
    assert status == 0, stderr
    stale = [out / "_posts" / ".2024-05-20-1001.md.0123456789ab.tmp", out / "category" / ".x.html.a1b2c3d4e5f6.tmp"]
    for path in stale:
        path.write_bytes(b"half a post")
    keep = out / "_posts" / ".notes.tmp"  # not a name the writer uses: left alone
    keep.write_bytes(b"mine")
    status, _, stderr = run_to_end(out)
    assert status == 0, stderr
    assert temp_files(out) == ["_posts/.notes.tmp"] and state_problems(out) == []
