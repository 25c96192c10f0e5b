"""Build the C prototype of the block walk, check it against ``collect_blocks``, and time both.

Usage: python bench/cwalk/run.py [--rounds N]   (needs Cython and a C compiler: pip install cython)

``_cwalk.pyx`` follows ``newscrawl/extract/blocks.py``'s ``_Walker`` branch for
branch, reading libxml2's nodes through lxml's public C API and making lxml
proxies only for the elements a result holds. The script compiles it into a
temporary folder against the installed lxml's headers, checks that on every
corpus page it returns exactly what ``collect_blocks`` returns (blocks, headline
candidates, hidden elements, images), then prints CPU ms a page of the walk
alone and pages/s of ``extract_article`` with either walk, best of N rounds.
An experiment kept for its figures (``docs/architecture.md``): newscrawl does not ship it.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from accuracy import CORPUS, SETS, load_set  # noqa: E402
from sites import extractor_url  # noqa: E402


def build(folder: Path):
    """Compile ``_cwalk.pyx`` in ``folder`` and return the imported module."""
    import lxml

    shutil.copy(HERE / "_cwalk.pyx", folder)
    flags = " ".join(f"-I{path}" for path in lxml.get_include())
    subprocess.run(["cythonize", "-i", "-3", "-q", "_cwalk.pyx"], cwd=folder, check=True,
                   env={**os.environ, "CFLAGS": f"{flags} -O2 -Wno-unused-function"}, stdout=subprocess.DEVNULL)
    built = next(folder.glob(f"_cwalk*{sysconfig.get_config_var('EXT_SUFFIX')}"))
    spec = importlib.util.spec_from_file_location("_cwalk", built)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def same(a, b) -> bool:
    """Return True when two walks found the same blocks, headline candidates, hidden elements and images."""
    return (a.blocks == b.blocks and list(a.headings.items()) == list(b.headings.items())
            and a.hidden == b.hidden and a.images == b.images)


def best_cpu(fn, items, rounds: int) -> float:
    """Return the best CPU seconds of ``fn`` over every item, over ``rounds`` passes."""
    best = float("inf")
    for _ in range(rounds):
        started = time.process_time()
        for item in items:
            fn(*item)
        best = min(best, time.process_time() - started)
    return best


def main(argv: list[str] | None = None) -> int:
    """Build, check and time the prototype; 1 when a page walks differently."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=4, help="passes per measurement; the best one counts")
    args = parser.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"corpus not found at {CORPUS}", file=sys.stderr)
        return 2
    if shutil.which("cythonize") is None:
        print("cythonize not found: pip install cython (and a C compiler)", file=sys.stderr)
        return 2
    from newscrawl.extract import blocks, body, declared, extract_article, title
    from newscrawl.extract.parse import parse_html

    users = [module for module in (blocks, body, title, declared) if hasattr(module, "collect_blocks")]
    python_walk = blocks.collect_blocks
    with tempfile.TemporaryDirectory() as folder:
        native = build(Path(folder))
    differ = 0
    print("| set | pages | walk ms/page: Python / C | extract_article pages/s: Python walk / C walk |")
    print("|---|---|---|---|")
    for name in SETS:
        pages = [(html, extractor_url(truth)) for truth, html in load_set(name)]
        trees = [(parse_html(html)[0],) for html, _ in pages]
        differ += sum(not same(python_walk(tree), native.collect_blocks(tree)) for tree, in trees)
        walks = [best_cpu(fn, trees, args.rounds) / len(trees) * 1000 for fn in (python_walk, native.collect_blocks)]
        rates = []
        for walk in (python_walk, native.collect_blocks):
            for module in users:
                module.collect_blocks = walk
            rates.append(len(pages) / best_cpu(extract_article, pages, args.rounds))
        for module in users:
            module.collect_blocks = python_walk
        print(f"| {name} | {len(pages)} | {walks[0]:.2f} / {walks[1]:.2f} | {rates[0]:.0f} / {rates[1]:.0f} |",
              flush=True)
    print(f"pages whose walk differs: {differ}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
