"""Time the state's upgrade to version 3 (articles keyed by canonical URL) on large version-2 stores.

Each store holds N articles keyed ``<site>:<id>``, each with its own URL and a
second URL linked to it (a copy), plus N/10 remembered drops; the upgrade
runs once, when a crawl (or any command) first opens the file. Prints one
row per size: the time to open the store (the upgrade) and the file size.

    python bench/migrate_state.py [N ...]      # default: 10000 100000
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from newscrawl.state import StateStore  # noqa: E402
from newscrawl.state.schema import MIGRATIONS  # noqa: E402

SEEN = "2024-05-20T01:00:00+00:00"


def version_2_store(path: Path, n: int) -> None:
    """Write a version-2 state of ``n`` articles, each with a copy's URL linked to it, and n/10 drops."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("BEGIN")
    for migration in MIGRATIONS[:2]:
        migration(conn)
    conn.executemany(
        "INSERT INTO articles (key, url, fingerprint, path, published, first_seen, updated) "
        "VALUES (?, ?, ?, ?, NULL, ?, ?)",
        ((f"paper:{i}", f"http://www.paper.example/news/{i // 500}/{i}.html", f"{i:032x}",
          f"_posts/2024-05-20-{i}.md", SEEN, SEEN) for i in range(n)))
    conn.executemany(
        "INSERT INTO urls VALUES (?, ?, ?, ?)",
        ((f"https://{host}/news/{i // 500}/{i}.html", f"paper:{i}", SEEN, SEEN)
         for i in range(n) for host in ("paper.example", "copy.example")))
    conn.executemany(
        "INSERT INTO dropped VALUES (?, ?, ?, ?)",
        ((f"https://paper.example/gone/{i}.html", f"http://paper.example/gone/{i}.html",
          "duplicate: same story as x" if i % 2 else "missing published date", SEEN) for i in range(n // 10)))
    conn.execute("PRAGMA user_version = 2")
    conn.execute("COMMIT")
    conn.close()


def main(sizes: list[int]) -> None:
    """Print the upgrade's time for each size."""
    print("| articles | upgrade s | state MB |")
    print("|---|---|---|")
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "state.sqlite"
            version_2_store(path, n)
            start = time.perf_counter()
            StateStore(path).close()
            took = time.perf_counter() - start
            size = sum(p.stat().st_size for p in Path(tmp).iterdir()) / 1e6
            print(f"| {n} | {took:.2f} | {size:.1f} |")
            sys.stdout.flush()


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [10_000, 100_000])
