"""The package run from a zipped egg (as scrapyd runs a deployed project) finds its own data files."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from tests.helpers import REPO

CHECK = """
import sys
sys.path.insert(0, sys.argv[1])
import newscrawl
assert newscrawl.__file__.startswith(sys.argv[1]), newscrawl.__file__
from newscrawl.profiles import find_profile, load_profiles
from newscrawl.spiders.arguments import unknown_site
from newscrawl.extract import extract_article
print(len(load_profiles()), find_profile("jiangxiribao").name)
print(unknown_site("jiangxiribo"))
page = b"<html><body><h1>Title</h1>" + b"<p>" + b"A sentence of the story, long enough to count. " * 4 + b"</p>" * 3
print(len(extract_article(page, "http://paper.example/a/1.html").paragraphs))
"""


def zipped_egg(folder: Path) -> Path:
    """Return an egg of the project's packages (a zip, as scrapyd-deploy builds and scrapyd imports)."""
    egg = folder / "newscrawl.egg"
    with zipfile.ZipFile(egg, "w") as archive:
        for package in ("newscrawl", "pipelines"):
            for path in sorted((REPO / package).rglob("*")):
                if path.is_file() and "__pycache__" not in path.parts:
                    archive.write(path, path.relative_to(REPO).as_posix())
    return egg


def test_a_zipped_egg_finds_its_built_in_profiles_and_its_block_model(tmp_path):
    egg = zipped_egg(tmp_path)
    done = subprocess.run([sys.executable, "-c", CHECK, str(egg)], cwd=tmp_path, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    profiles, suggestion, paragraphs = done.stdout.splitlines()
    count, name = profiles.split(" ", 1)
    builtin = len(list((REPO / "newscrawl" / "profiles" / "sites").glob("*.yaml")))
    assert int(count) == builtin and name == "江西日报"
    assert "did you mean jiangxiribao" in suggestion
    assert int(paragraphs) >= 1
