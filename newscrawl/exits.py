"""Exit statuses of a newscrawl run: the one table the command, the runner and the lock use.

The README documents the same table (``tests/e2e/test_exit_statuses.py`` runs
each of its rows for every crawl mode, under ``newscrawl crawl`` and ``scrapy
crawl news``; scrapyd runs the latter). A scheduler keys on these: 0 and 4 are
success (with and without something new), 3 means "try again later".
"""

EXIT_OK = 0  # the run finished; posts may or may not be new
# the crawl failed: it could not start, a start page failed or no start page of a profile
# answered (the site is down), a post could not be written or recorded, a worker process
# died, or it crashed
EXIT_FAILED = 1
EXIT_USAGE = 2  # bad arguments or a broken site profile; nothing was fetched
EXIT_LOCKED = 3  # another run holds the archive's lock; nothing was done
EXIT_NOTHING_NEW = 4  # with --exit-nothing-new: finished, but no post was created or updated
