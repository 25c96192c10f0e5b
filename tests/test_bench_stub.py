"""bench/stubbed.py's stand-in extractor: installed in a fresh process, it answers with the table's fields."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys

from newscrawl.extract import extract_article
from tests.helpers import REPO

PAGE = b"""<html><head><title>Harbour bridge reopens</title></head><body><article>
<h1>Harbour bridge reopens</h1><p>The harbour bridge reopened to traffic on Monday after a year of repairs.</p>
</article></body></html>"""
PROBE = """
import sys
import newscrawl.extract.article as article
fields = article.extract_article(b"<html><body><p>ignored</p></body></html>", "http://bench.test/news/00000007.html")
print(fields.title)
print(fields.paragraphs)
"""


def run_probe(tmp_path, mode: str) -> list[str]:
    """Return the lines the probe prints in a process whose extractor is stubbed with ``mode``."""
    table = tmp_path / "fields.pickle"
    table.write_bytes(pickle.dumps([(extract_article(PAGE), "Harbour bridge reopens")]))
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), str(REPO / "bench" / "stub_site")]),
           "NEWSCRAWL_BENCH_STUB": f"{mode}:{table}"}
    done = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def test_the_stand_in_answers_with_the_tables_fields_numbered_by_the_url(tmp_path):
    title, paragraphs = run_probe(tmp_path, "none")
    assert title == "Harbour bridge reopens (7)"
    assert "reopened to traffic on Monday" in paragraphs


def test_the_parsing_stand_in_parses_and_answers_the_same(tmp_path):
    assert run_probe(tmp_path, "parse")[0] == "Harbour bridge reopens (7)"


def test_without_the_variable_the_real_extractor_runs(tmp_path):
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), str(REPO / "bench" / "stub_site")])}
    env.pop("NEWSCRAWL_BENCH_STUB", None)
    done = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, timeout=60)
    assert done.stdout.splitlines()[0] == "None"  # the probe's page has no headline
