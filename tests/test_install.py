"""`pip install .` gives a working command: pyproject and requirements.txt agree, and a fresh venv runs the demo.

The wheel is built from this worktree and installed with its dependencies from
the package index into a new venv without the system's site-packages (which
would hide a dependency pyproject forgets); `newscrawl --help` and
`newscrawl demo` then run from a folder that is not the repository.
"""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from tests.helpers import REPO, missing_tool


def pyproject_requirements() -> dict[str, Requirement]:
    """Return pyproject's dependencies and optional dependencies, by normalised name."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    listed = [*project["dependencies"], *(d for extra in project["optional-dependencies"].values() for d in extra)]
    return {_name(r.name): r for r in map(Requirement, listed)}


def pinned_requirements(path: Path = REPO / "requirements.txt") -> dict[str, str]:
    """Return the pins of a requirements file (``name==version``), by normalised name."""
    pins = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line or line.startswith("-"):
            continue
        requirement = Requirement(line)
        (version,) = [s.version for s in requirement.specifier if s.operator == "=="]
        pins[_name(requirement.name)] = version
    return pins


def _name(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_requirements_and_pyproject_name_the_same_packages():
    assert sorted(pinned_requirements()) == sorted(pyproject_requirements())


@pytest.mark.parametrize("name", sorted(pinned_requirements()))
def test_each_pin_lies_in_pyprojects_range(name):
    requirement = pyproject_requirements()[name]
    assert requirement.specifier.contains(pinned_requirements()[name], prereleases=True), \
        f"requirements.txt pins {name}=={pinned_requirements()[name]}, outside pyproject's {requirement}"


def test_every_package_the_code_imports_is_a_dependency():
    """A top-level import of newscrawl/ or pipelines/ is the standard library's, ours, or a dependency's."""
    imported = set()
    for path in [*(REPO / "newscrawl").rglob("*.py"), *(REPO / "pipelines").rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and not node.level:
                imported.add(node.module.split(".")[0])
    ours = {"newscrawl", "pipelines", "__future__"}
    distributions = {"scrapy": "scrapy", "twisted": "twisted", "w3lib": "w3lib", "lxml": "lxml",
                     "cssselect": "cssselect", "dateutil": "python-dateutil", "pypinyin": "pypinyin",
                     "nh3": "nh3", "yaml": "pyyaml", "charset_normalizer": "charset-normalizer",
                     "feedparser": "feedparser", "PIL": "pillow", "redis": "redis", "scrapy_redis": "scrapy-redis",
                     "playwright": "playwright", "scrapy_playwright": "scrapy-playwright", "warcio": "warcio"}
    foreign = sorted(m for m in imported - ours - set(sys.stdlib_module_names))
    unknown = [m for m in foreign if m not in distributions]
    assert unknown == [], f"imported but not mapped to a dependency here: {unknown}"
    missing = [distributions[m] for m in foreign if distributions[m] not in pyproject_requirements()]
    assert missing == [], f"imported but missing from pyproject's dependencies: {missing}"


def test_redis_and_scrapy_redis_are_dependencies_of_the_command():
    """`newscrawl crawl --redis` and `newscrawl worker` need them; only rendering is an extra."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    core = {_name(Requirement(d).name) for d in project["dependencies"]}
    assert {"scrapy", "redis", "scrapy-redis"} <= core
    assert set(project["optional-dependencies"]) == {"render"}


@pytest.fixture(scope="module")
def fresh_venv(tmp_path_factory) -> Path:
    """Return the bin folder of a new venv holding the wheel built from this worktree and its dependencies."""
    root = tmp_path_factory.mktemp("install")
    source = root / "source"  # a copy: building writes build/ and *.egg-info beside the sources
    shutil.copytree(REPO, source, ignore=shutil.ignore_patterns(".git", "__pycache__", "build", "*.egg-info",
                                                                 "data", "tests", "bench"))
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(root / "dist"),
                            str(source)], capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr[-3000:]
    (wheel,) = (root / "dist").glob("newscrawl-*.whl")
    subprocess.run([sys.executable, "-m", "venv", str(root / "venv")], check=True, timeout=300)
    pip = root / "venv" / "bin" / "pip"
    installed = subprocess.run([str(pip), "install", "--disable-pip-version-check", str(wheel)],
                               capture_output=True, text=True, timeout=900)
    if installed.returncode != 0 and "No matching distribution" in installed.stderr:
        missing_tool(f"the package index is unreachable: {installed.stderr.strip().splitlines()[-1]}")
    assert installed.returncode == 0, installed.stderr[-3000:]
    return root / "venv" / "bin"


def clean_env() -> dict[str, str]:
    """Return the environment without this worktree on PYTHONPATH (the venv's own package must run)."""
    return {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "SCRAPY_SETTINGS_MODULE")}


@pytest.mark.e2e
def test_installed_command_shows_its_help(fresh_venv, tmp_path):
    result = subprocess.run([str(fresh_venv / "newscrawl"), "--help"], cwd=tmp_path, capture_output=True,
                            text=True, timeout=120, env=clean_env())
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.startswith("usage: newscrawl") and "demo" in result.stdout


@pytest.mark.e2e
def test_installed_demo_writes_posts_outside_the_repository(fresh_venv, tmp_path):
    result = subprocess.run([str(fresh_venv / "newscrawl"), "demo"], cwd=tmp_path, capture_output=True,
                            text=True, timeout=300, env=clean_env())
    assert result.returncode == 0, result.stderr[-3000:]
    posts = sorted((tmp_path / "data" / "_posts").glob("*.md"))
    assert len(posts) == 32, result.stderr[-3000:]
    assert (tmp_path / "data" / "_config.yml").exists()
    assert f"the archive holds {len(posts)} posts under {tmp_path / 'data'}" in result.stderr


@pytest.mark.e2e
def test_installed_command_starts_without_redis_or_playwright(fresh_venv, tmp_path):
    """The command imports Redis and Playwright only for a run that uses them."""
    python = fresh_venv / "python"
    probe = ("import sys; from newscrawl.cli import build_parser; build_parser(); "
             "print(sorted(m for m in ('redis', 'scrapy_redis', 'playwright') if m in sys.modules))")
    result = subprocess.run([str(python), "-c", probe], cwd=tmp_path, capture_output=True, text=True,
                            timeout=120, env=clean_env())
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip() == "[]"
