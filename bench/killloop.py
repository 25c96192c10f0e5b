"""Kill crawls with SIGKILL at random moments, run each archive again, and count what survived.

Usage: python bench/killloop.py [--rounds N] [--seed S] [--keep DIR]

First crawls the demo newspaper once without interruption: the reference
archive. Then, N times (default 20), starts a crawl into a fresh archive,
kills it with SIGKILL after a random delay (a quarter of the rounds kill two
crawls in a row), runs the crawl normally to the end, and compares every
file with the reference byte for byte. Prints the kills, how many landed on
a running crawl, the archives identical to the reference, articles lost,
partial files, temporary files left and states that would not open. Exits 1
unless every round ends identical.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.faults.killing import archive_files, kill_round, run_to_end  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    """Run the loop; return 0 when every round ended with the reference archive."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=20, help="kill rounds (default 20)")
    parser.add_argument("--seed", type=int, default=None, help="random seed (default: a fresh one, printed)")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    rng = random.Random(seed)
    work = args.keep or Path(tempfile.mkdtemp(prefix="newscrawl-kill-"))
    status, seconds, stderr = run_to_end(work / "reference")
    if status != 0:
        print(f"the reference crawl failed ({status}):\n{stderr}", file=sys.stderr)
        return 1
    reference = archive_files(work / "reference")
    posts = sum(1 for name in reference if name.startswith("_posts/"))
    print(f"reference: {len(reference)} files ({posts} posts) in {seconds:.1f} s; seed {seed}")
    rounds = []
    for number in range(1, args.rounds + 1):
        out = work / f"round-{number:02d}"
        result = kill_round(out, reference, seconds, rng)
        rounds.append(result)
        verdict = "identical" if result.identical else "DIFFERENT"
        print(f"round {number:2d}: killed at {', '.join(f'{d:.2f} s' for d in result.delays)} "
              f"({result.landed} landed); then exit {result.status}: {verdict}"
              + "".join(f"; {k} {v}" for k, v in (("lost", result.lost), ("partial", result.partial),
                                                   ("extra", result.extra), ("temp", result.temps),
                                                   ("state", result.state)) if v))
        if result.identical and not args.keep:
            shutil.rmtree(out)
    kills = sum(len(r.delays) for r in rounds)
    print(f"kills {kills} ({sum(r.landed for r in rounds)} landed on a running crawl) in {len(rounds)} rounds; "
          f"identical archives {sum(r.identical for r in rounds)}/{len(rounds)}; "
          f"articles lost {sum(len([f for f in r.lost if f.startswith('_posts/')]) for r in rounds)}; "
          f"partial files {sum(len(r.partial) for r in rounds)}; extra files {sum(len(r.extra) for r in rounds)}; "
          f"temporary files left {sum(len(r.temps) for r in rounds)}; "
          f"states that would not open {sum(bool(r.state) for r in rounds)}")
    return 0 if all(r.identical for r in rounds) else 1


if __name__ == "__main__":
    raise SystemExit(main())
