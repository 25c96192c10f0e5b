"""``newscrawl worker --redis URL``: fetch and extract for the writer of a distributed crawl."""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from pathlib import Path

from typing import TYPE_CHECKING

from newscrawl.archive.write import write_text_atomic
from newscrawl.cli.exits import EXIT_FAILED, EXIT_OK, CliError
from newscrawl.cli.options import log_settings, parse_setting_overrides
from newscrawl.preflight import check_out_folder, check_output_file, check_setting_values
from newscrawl.runner import project_settings, run_crawl

if TYPE_CHECKING:
    import redis

    from newscrawl.distributed.keys import RedisKeys

# Redis and the distributed package are imported by the commands that use them, so that
# the command starts (and a crawl without --redis runs) without loading them.

logger = logging.getLogger(__name__)

WAIT_STEP = 0.5  # seconds between looks for the writer's run record


def add_parser(sub) -> None:
    """Add the ``worker`` sub-command to ``sub``."""
    parser = sub.add_parser(
        "worker", help="fetch and extract for a crawl on Redis (started by 'crawl --redis')",
        description="Join the crawl the writer ('newscrawl crawl ... --redis URL') runs on Redis: take "
                    "requests from its shared queue, fetch and extract them, and hand the items back "
                    "to the writer, the only process that writes the archive. Needs no archive and no "
                    "profiles: the writer publishes its own. Stops by itself once the crawl has been "
                    "idle for NEWSCRAWL_REDIS_IDLE seconds (or no crawl appeared that long).",
    )
    add_redis_option(parser, required=True)
    parser.add_argument("--summary", metavar="FILE",
                        help="write what this worker did as JSON to FILE: 'extracted' (the URLs it "
                             "extracted and sent) and 'failed' (url, reason)")
    parser.add_argument("--warc", metavar="DIR",
                        help="keep every response this worker fetches in WARC files in DIR, named by worker "
                             "(default: the folder the writer's --warc names, if any)")
    parser.add_argument("-s", "--set", metavar="NAME=VALUE", action="append", default=[], dest="settings",
                        help="set a Scrapy/newscrawl setting (repeatable); wins over what the writer "
                             "publishes, e.g. -s CONCURRENT_REQUESTS=32 for this machine")
    loud = parser.add_mutually_exclusive_group()
    loud.add_argument("-v", "--verbose", action="store_true", help="log every request and Scrapy's stats")
    loud.add_argument("-q", "--quiet", action="store_true", help="errors only")
    parser.set_defaults(run=run_worker)


def add_redis_option(parser: argparse.ArgumentParser, required: bool = False) -> None:
    """Add --redis URL to ``parser``."""
    parser.add_argument("--redis", metavar="URL", required=required,
                        help="share the crawl through Redis at URL (redis://HOST:PORT/DB): "
                             + ("the writer's" if required else
                                "this run writes the archive; 'newscrawl worker --redis URL' processes help it"))


def redis_client(url: str) -> "redis.Redis":
    """Return a client for ``url``; raise CliError (status 2) when it is malformed or unreachable."""
    import redis

    from newscrawl.distributed.keys import connect

    if not url.startswith(("redis://", "rediss://", "unix://")):
        raise CliError(f"--redis {url!r}: give a URL such as redis://127.0.0.1:6379/0")
    try:
        return connect(url)
    except ValueError as exc:
        raise CliError(f"--redis {url!r}: {exc}; give a URL such as redis://127.0.0.1:6379/0") from exc
    except redis.RedisError as exc:
        raise CliError(f"--redis {url}: cannot reach Redis ({exc}); start redis-server there or give "
                       "the URL of a running one") from exc


def wait_for_run(server: "redis.Redis", keys: "RedisKeys", seconds: float) -> dict | None:
    """Return the writer's run record, waiting up to ``seconds`` for one to appear; None if none did."""
    from newscrawl.distributed import run
    deadline = time.monotonic() + seconds
    while True:
        raw = server.get(keys.run)
        if raw:
            return run.load(raw)
        if time.monotonic() >= deadline:
            return None
        time.sleep(WAIT_STEP)


def run_worker(args: argparse.Namespace) -> int:
    """Join the crawl on --redis until it is idle; return the exit status."""
    from newscrawl.distributed import run
    from newscrawl.distributed.keys import RedisKeys
    from newscrawl.distributed.worker import WorkerRole

    given = parse_setting_overrides(args.settings)
    check_setting_values(given, project_settings())
    if args.summary:
        check_output_file(Path(args.summary), "--summary")
    if args.warc:
        check_out_folder(Path(args.warc), "--warc")
        given["NEWSCRAWL_WARC"] = str(Path(args.warc))
    base = project_settings(given)
    server = redis_client(args.redis)
    keys = RedisKeys(base.get("NEWSCRAWL_REDIS_KEY"))
    record = wait_for_run(server, keys, base.getfloat("NEWSCRAWL_REDIS_IDLE"))
    server.close()
    if record is None:
        if args.summary:
            write_text_atomic(Path(args.summary), json.dumps({"extracted": [], "failed": []}, indent=2) + "\n")
        if not args.quiet:
            print(f"newscrawl worker: no crawl on {args.redis} under '{keys.prefix}' within "
                  f"{base.getfloat('NEWSCRAWL_REDIS_IDLE'):.0f} s; nothing to do", file=sys.stderr)
        return EXIT_OK
    settings = project_settings({
        **{k: v for k, v in record["settings"].items() if v is not None},
        **log_settings(args),
        "NEWSCRAWL_REDIS": args.redis, "NEWSCRAWL_REDIS_ROLE": "worker", "NEWSCRAWL_OUT": "",
        "NEWSCRAWL_STATE_ENABLED": False, "NEWSCRAWL_LOCK": False, "NEWSCRAWL_SKELETON": False,
        **given,
    })
    if settings.get("NEWSCRAWL_WARC") and not args.warc:  # the writer's folder: it must take files here too
        check_out_folder(Path(settings.get("NEWSCRAWL_WARC")), "--warc (the writer's; give this worker its own)")
    result = run_crawl(settings, **run.spider_args(record))
    role = result.crawler.get_extension(WorkerRole) if result.crawler else None
    summary = role.summary() if role else {"extracted": [], "failed": []}
    if args.summary and role:
        role.write_summary(args.summary)
    if not args.quiet:
        print(f"newscrawl worker: {len(summary['extracted'])} extracted and sent, "
              f"{len(summary['failed'])} failed; {result.stats.get('response_received_count', 0)} pages "
              f"in {result.seconds:.1f} s", file=sys.stderr)
    if result.failed:
        print(f"newscrawl worker: FAILED: {result.failure}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK
