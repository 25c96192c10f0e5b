"""The ``newscrawl`` command: demo, crawl, extract, sites, check, archive."""

from __future__ import annotations

import argparse
import signal
import sys

from newscrawl import __version__
from newscrawl.cli import archive, check, crawl, demo, extract, sites, worker
from newscrawl.cli.exits import EXIT_FAILED, EXIT_USAGE, CliError
from newscrawl.profiles import ProfileError
from newscrawl.spiders.arguments import ArgumentError

COMMANDS = (demo, crawl, worker, extract, sites, check, archive)


class OneLineParser(argparse.ArgumentParser):
    """An argument parser that reports a bad command line in one line, with exit status 2."""

    def error(self, message: str):
        """Print ``message`` and where help is, then exit with EXIT_USAGE."""
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser with one sub-command per module in COMMANDS."""
    parser = OneLineParser(
        prog="newscrawl",
        description="Crawl newspapers into Jekyll/Hugo archives.",
        epilog="Run 'newscrawl COMMAND --help' for a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"newscrawl {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True, help="one of:")
    for module in COMMANDS:
        module.add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit status.

    SIGTERM is taken as SIGINT: until a crawl's own stop takes over (and after
    it), either ends the command with status 1, the archive's lock released.
    """
    args = build_parser().parse_args(argv)
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        return args.run(args)
    except CliError as exc:
        print(f"newscrawl: error: {exc}", file=sys.stderr)
        return exc.code
    except ArgumentError as exc:
        print(f"newscrawl: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except ProfileError as exc:
        print(f"newscrawl: error: bad site profile: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # output piped into head(1) and friends
        sys.stderr.close()
        return 0
    except OSError as exc:  # the disk or the system refused what the checks found possible
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"newscrawl: error: {where}{exc.strerror or exc}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("newscrawl: FAILED: interrupted", file=sys.stderr)
        return EXIT_FAILED


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
