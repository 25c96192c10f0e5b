"""Measure what e-paper page files cost: finding them on a 版面 page, and checking a PDF.

Prints the time ``find_page_files`` takes per saved 版面 page of the shipped
profiles (newscrawl/profiles/pages/*/…node*), and ``pdf_name`` per MiB of PDF
(the check plus the content hash). Run: ``python3 bench/pagefiles.py [--rounds N]``.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from newscrawl.archive.pagefiles import pdf_name
from newscrawl.modes.pagefiles import find_page_files

PAGES = Path(__file__).resolve().parents[1] / "newscrawl/profiles/pages"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args()
    pages = [(p, p.read_bytes()) for p in sorted(PAGES.rglob("*")) if p.is_file() and "node" in p.name]
    found = sum(1 for p, body in pages if find_page_files(body, "http://e.test/" + p.name).pdf)
    start = time.process_time()
    for _ in range(args.rounds):
        for path, body in pages:
            find_page_files(body, "http://e.test/" + path.name)
    per_page = (time.process_time() - start) / (args.rounds * len(pages))
    print(f"find_page_files: {len(pages)} saved 版面 pages ({found} with their PDF found), "
          f"{per_page * 1000:.2f} ms CPU per page")
    pdf = b"%PDF-1.5\n" + os.urandom(8 * 1024 * 1024) + b"\n%%EOF\n"
    start = time.process_time()
    for _ in range(20):
        pdf_name(pdf)
    per_mib = (time.process_time() - start) / (20 * 8)
    print(f"pdf_name (check + SHA-256): {per_mib * 1000:.2f} ms CPU per MiB")


if __name__ == "__main__":
    main()
