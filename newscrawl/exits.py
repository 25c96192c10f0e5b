"""Exit statuses of a newscrawl run: the one table the command, the runner and the lock use.

The README documents the same table. A scheduler keys on these: 0 and 4
are success (with and without something new), 3 means "try again later".
"""

EXIT_OK = 0  # the run finished; posts may or may not be new
EXIT_FAILED = 1  # the crawl failed: could not start, a start page failed, or it crashed
EXIT_USAGE = 2  # bad arguments or a broken site profile; nothing was fetched
EXIT_LOCKED = 3  # another run holds the archive's lock; nothing was done
EXIT_NOTHING_NEW = 4  # with --exit-nothing-new: finished, but no post was created or updated
