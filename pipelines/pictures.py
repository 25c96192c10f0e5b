"""PicturesPipeline: keep each post's pictures in the archive, through Scrapy's media pipeline.

A subclass of Scrapy's ``FilesPipeline``: its machinery fetches what an item
names through the engine's downloader (so robots.txt, AutoThrottle, the
User-Agent, retries, timeouts and the mirrors apply as for pages), fetches a
URL once per run however many posts show it, and hands each item its
results. What is ours:

- **Requests** carry the article's URL as ``Referer`` (many papers refuse
  others) and ``NEWSCRAWL_IMAGE_MAXSIZE`` as their size cap; a picture may
  live on any host (papers keep them on CDNs) once its article is allowed.
- **Knowing**: a URL the state has kept, whose file is still there with its
  size, is not fetched again (``media_to_download``).
- **Checking**: the bytes must decode in full as a raster picture
  (``archive/raster.py``, Pillow, in the crawl's extraction pool), or they
  never enter the archive: SVG, HTML and scripts served as ``image/jpeg``.
- **Naming**: a file is named by its content, under the format's images
  folder (``archive/pictures.py``); it is written once, atomically.
- **Failing**: a picture that cannot be kept is listed under ``failed`` with
  its URL and reason (the ``picture_failed`` signal); its post is written all
  the same, linking the paper's copy, and the state counts it, so that the
  next run fetches the article again for it.

What a post does with its pictures is ``NEWSCRAWL_IMAGES`` (``--images``), else
the profile's ``images`` key, else ``keep``: ``link`` leaves the paper's
addresses, ``none`` drops the pictures. A post kept as it is (adopted from
another system, unchanged) is left alone.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections import defaultdict
from io import BytesIO
from pathlib import Path

from scrapy import Request
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http.request import NO_CALLBACK
from scrapy.pipelines.files import FilesPipeline, FSFilesStore

from newscrawl import signals
from newscrawl.archive.pictures import images_folder, is_picture_name, picture_name
from newscrawl.archive.raster import NotRaster, read_raster
from newscrawl.archive.safety import safe_http_url
from newscrawl.archive.write import UNCHANGED
from newscrawl.errors import ReportedError
from newscrawl.extensions.processes import compute
from newscrawl.extensions.state import StateExtension, article_key
from newscrawl.logs import quiet_reported_media_failures
from pipelines.archive import archive_format

logger = logging.getLogger(__name__)

KEEP, LINK, NONE = "keep", "link", "none"
GONE = frozenset({400, 401, 403, 404, 410, 451})  # a picture answered so will not come back by itself
PICTURE_OF = "newscrawl_picture_of"  # request meta: the URL of the article that shows the picture


class PictureNotKept(ReportedError):
    """A picture could not be kept in the archive; ``reason`` says why in a few words.

    ``final``: trying again cannot help (the bytes are no picture, too large,
    forbidden by robots.txt, gone for good); else a later run tries again.
    ``known``: an earlier run refused it so (it is not asked for, nor listed, again).
    """

    def __init__(self, reason: str, final: bool = False, known: bool = False):
        super().__init__(reason)
        self.final = final or known
        self.known = known


class ArchiveStore(FSFilesStore):
    """Scrapy's local file store over the archive's images folder.

    Made without touching the disk (a run that keeps no picture leaves no
    folder); a file is written to a hidden temporary name and renamed into
    place, and a name already there is not written again (same name, same bytes).
    """

    def __init__(self, basedir: str):
        self.basedir = basedir
        self.created_directories = defaultdict(set)

    def persist_file(self, path, buf, info, meta=None, headers=None) -> None:
        """Write the file at ``path`` (relative to the folder) unless it is there already."""
        target = self._get_filesystem_path(path)
        if target.is_file():
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        temp = target.with_name(f".{target.name}.{os.getpid()}.part")
        temp.write_bytes(buf.getvalue())
        os.replace(temp, target)

    def holds(self, path: str, size: int) -> bool:
        """Return True when the file at ``path`` is there with ``size`` bytes."""
        try:
            return self._get_filesystem_path(path).stat().st_size == size
        except OSError:
            return False


class PicturesPipeline(FilesPipeline):
    """Keep the pictures of each post in the archive (or link or drop them); see the module's text."""

    MEDIA_NAME = "picture"
    STORE_SCHEMES = {"": ArchiveStore, "file": ArchiveStore}

    def __init__(self, store_uri: str, *, crawler, mode: str = "", maxsize: int = 0):
        super().__init__(store_uri, crawler=crawler)
        self.mode = mode  # NEWSCRAWL_IMAGES: "" (each profile's) or keep/link/none for every profile
        self.maxsize = maxsize

    @classmethod
    def from_crawler(cls, crawler) -> "PicturesPipeline":
        """Build the pipeline over NEWSCRAWL_OUT's images folder; NotConfigured without an archive."""
        settings = crawler.settings
        out = settings.get("NEWSCRAWL_OUT")
        if not out:
            raise NotConfigured("NEWSCRAWL_OUT is empty: no archive to keep pictures in")
        quiet_reported_media_failures()
        return cls(str(images_folder(Path(out), archive_format(settings))), crawler=crawler,
                   mode=settings.get("NEWSCRAWL_IMAGES") or "", maxsize=settings.getint("NEWSCRAWL_IMAGE_MAXSIZE"))

    def mode_of(self, item) -> str:
        """Return what the item's post does with its pictures: keep, link or none."""
        spider = getattr(self.crawler, "spider", None)
        finder = getattr(spider, "profile", None)
        profile = finder(item.site) if callable(finder) else None
        return self.mode or getattr(profile, "images", None) or KEEP

    def get_media_requests(self, item, info) -> list[Request]:
        """Return a request for each picture to keep (none when the post links, drops or keeps them as they are)."""
        mode = self.mode_of(item)
        if mode == NONE:
            item.pictures = []
        if mode != KEEP or self._kept_as_is(item):
            return []
        return [self._request(item, url) for url in self._wanted(item).values()]

    def _wanted(self, item) -> dict[int, str]:
        """Return the picture addresses to fetch, by their index in ``item.pictures``."""
        wanted = {}
        for index, picture in enumerate(item.pictures):
            url = safe_http_url(str(picture.get("url") or ""))
            if url:
                wanted[index] = url
        return wanted

    def _kept_as_is(self, item) -> bool:
        """Return True when the item's post stays as it is: unchanged, and not written by newscrawl."""
        if item.status != UNCHANGED:
            return False
        state = StateExtension.of(self.crawler)
        record = state.store.lookup_article(article_key(item)) if state is not None else None
        return record is None or record.rendered is None

    def _request(self, item, url: str) -> Request:
        return Request(url, callback=NO_CALLBACK, headers={"Referer": item.url},
                       meta={PICTURE_OF: item.url, "download_maxsize": self.maxsize,
                             "download_warnsize": self.maxsize // 2})

    def media_to_download(self, request, info, *, item=None):
        """Return the kept copy of a picture the state knows and the folder still holds; None to fetch it.

        Raises PictureNotKept (``known``) for a picture an earlier run refused for good.
        """
        state = StateExtension.of(self.crawler)
        if state is None:
            return None
        refused = state.store.refused_picture(request.url)
        if refused is not None:
            raise PictureNotKept(refused, known=True)
        record = state.store.lookup_picture(request.url)
        if record is None or not is_picture_name(record.file) or not self.store.holds(record.file, record.size):
            return None
        self.inc_stats("uptodate")
        return {"url": request.url, "path": record.file, "checksum": None, "status": "uptodate"}

    async def media_downloaded(self, response, request, info, *, item=None) -> dict:
        """Check the bytes with Pillow, store them under their content's name and remember the URL.

        Raises PictureNotKept saying why a picture is refused.
        """
        if response.status != 200:
            raise PictureNotKept(f"HTTP {response.status}", final=response.status in GONE)
        body = response.body
        try:
            raster = await compute(self.crawler, read_raster, body)
        except NotRaster as exc:
            raise PictureNotKept(exc.reason, final=True) from None
        name = picture_name(body, raster.format)
        self.store.persist_file(name, BytesIO(body), info)
        self.inc_stats("downloaded")
        self._remember(request.url, name, len(body), raster.width, raster.height)
        return {"url": request.url, "path": name, "checksum": name, "status": "downloaded"}

    def _remember(self, url: str, name: str, size: int, width: int, height: int) -> None:
        """Note the kept picture in the state; a note that cannot be written only costs a fetch next time."""
        state = StateExtension.of(self.crawler)
        if state is None:
            return
        try:
            state.store.record_picture(url, name, size, width, height)
        except sqlite3.Error as exc:  # the picture is kept all the same
            logger.error("state %s: could not note picture %s: %s", state.store.path, url, exc)

    def media_failed(self, failure, request, info):
        """Raise PictureNotKept saying why the download failed."""
        raise self._not_kept(failure.value) from None

    def _not_kept(self, error: BaseException) -> PictureNotKept:
        """Return why a picture's download failed, in a few words, and whether trying again may help."""
        if isinstance(error, PictureNotKept):
            return error
        if isinstance(error, ReportedError):  # the pool stopped: the crawl stops too
            return PictureNotKept(error.reason)
        text = str(error)
        if "DOWNLOAD_MAXSIZE" in text or error.__class__.__name__ == "DownloadCancelledError":
            return PictureNotKept(f"larger than {self.maxsize:,} bytes (NEWSCRAWL_IMAGE_MAXSIZE; not read)", True)
        if isinstance(error, IgnoreRequest):  # robots.txt, a redirect refused (its reason says which)
            reason = getattr(error, "reason", None) or text
            return PictureNotKept("forbidden by the site's robots.txt" if "robots.txt" in reason else reason, True)
        return PictureNotKept(f"{error.__class__.__name__}: {text}" if text else error.__class__.__name__)

    def item_completed(self, results, item, info):
        """Set each picture's kept file, or its error (reported under ``failed``); return the item.

        ``item.pictures_missing`` counts the failures a later run may mend.
        """
        if not results:
            return item
        item.pictures_missing = 0
        for (index, url), (ok, value) in zip(self._wanted(item).items(), results):
            picture = item.pictures[index]
            if ok:
                picture["file"], picture["error"] = value["path"], None
                continue
            failure = self._not_kept(value.value)
            picture["file"], picture["error"] = None, failure.reason
            item.pictures_missing += not failure.final
            if not failure.known:
                self._report(url, failure, item)
        return item

    def _report(self, url: str, failure: PictureNotKept, item) -> None:
        """Count, log and list a picture this run could not keep; remember it when it is refused for good."""
        self.crawler.stats.inc_value("newscrawl/pictures_failed")
        logger.warning("picture not kept: %s (in %s): %s", url, item.url, failure.reason)
        self.crawler.signals.send_catch_log(signals.picture_failed, url=url, reason=failure.reason,
                                            article=item.url)
        state = StateExtension.of(self.crawler)
        if failure.final and state is not None:
            try:
                state.store.record_refused_picture(url, failure.reason)
            except sqlite3.Error as exc:  # it is only asked for again
                logger.error("state %s: could not note picture %s: %s", state.store.path, url, exc)

    def inc_stats(self, status: str) -> None:
        """Count a picture kept (``downloaded``) or found kept (``uptodate``)."""
        self.crawler.stats.inc_value(f"newscrawl/pictures_{status}")
