"""The command's one-line errors; the exit statuses themselves are :mod:`newscrawl.exits`."""

from newscrawl.exits import EXIT_FAILED, EXIT_LOCKED, EXIT_NOTHING_NEW, EXIT_OK, EXIT_USAGE

__all__ = ["EXIT_FAILED", "EXIT_LOCKED", "EXIT_NOTHING_NEW", "EXIT_OK", "EXIT_USAGE", "CliError"]


class CliError(Exception):
    """An error to report on one line, with the exit status to return."""

    def __init__(self, message: str, code: int = EXIT_USAGE):
        super().__init__(message)
        self.code = code
