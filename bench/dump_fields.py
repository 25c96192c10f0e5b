"""Dump every field the extractor returns for every corpus page, one JSON line a page.

Usage: python bench/dump_fields.py OUT.jsonl
Two dumps (before and after a change) compared with ``diff`` show any page whose
output moved, to the character: the check for a change meant to be speed-only.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from accuracy import SETS, load_set  # noqa: E402
from sites import extractor_url  # noqa: E402

from newscrawl.extract import extract_article  # noqa: E402


def fields(result) -> dict:
    """Return every field of an extraction result as JSON-ready values."""
    shown = dataclasses.asdict(result)
    shown["published"] = repr(result.published)
    return shown


def main(argv: list[str]) -> int:
    """Write the dump named on the command line."""
    if len(argv) != 1:
        print(__doc__.splitlines()[2], file=sys.stderr)
        return 2
    count = 0
    with open(argv[0], "w", encoding="utf-8") as out:
        for name in SETS:
            for truth, html in load_set(name):
                result = extract_article(html, extractor_url(truth))
                out.write(json.dumps({"set": name, "id": truth["id"], **fields(result)},
                                     ensure_ascii=False, sort_keys=True) + "\n")
                count += 1
    print(f"{count} pages dumped to {argv[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
