"""No function of the extractor is too branchy to read (cyclomatic complexity as radon measures it)."""

from __future__ import annotations

from pathlib import Path

from radon import complexity as radon  # pinned in requirements-dev.txt, which the README's test command installs

from newscrawl import extract


LIMIT = 20
EXTRACT = Path(extract.__file__).resolve().parent


def test_no_function_in_the_extractor_is_above_the_limit():
    above = []
    for path in sorted(EXTRACT.glob("*.py")):
        for block in radon.cc_visit(path.read_text(encoding="utf-8")):
            for item in (block, *getattr(block, "methods", ())):
                if item.complexity > LIMIT:
                    above.append(f"{path.name}:{item.lineno} {item.fullname} ({item.complexity})")
    assert above == [], f"split these (limit {LIMIT}): {above}"


def test_the_measure_sees_a_branchy_function():
    source = "def f(x):\n" + "".join(f"    if x == {i} or x < -{i}:\n        return {i}\n" for i in range(11))
    assert radon.cc_visit(source)[0].complexity > LIMIT
