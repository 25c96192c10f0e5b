"""Exit statuses of the ``newscrawl`` command (documented in the README)."""

EXIT_OK = 0  # the run finished; posts may or may not be new
EXIT_FAILED = 1  # the crawl failed: could not start, a start page failed, or it crashed
EXIT_USAGE = 2  # bad arguments or a broken site profile; nothing was fetched
EXIT_LOCKED = 3  # another run holds the archive's lock; nothing was done
EXIT_NOTHING_NEW = 4  # with --exit-nothing-new: finished, but no post was created or updated


class CliError(Exception):
    """An error to report on one line, with the exit status to return."""

    def __init__(self, message: str, code: int = EXIT_USAGE):
        super().__init__(message)
        self.code = code
