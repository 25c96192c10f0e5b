"""PageFilesPipeline: keep an e-paper page's PDF and page image once, for every post printed on that page.

An e-paper profile with ``epaper.page_files: true`` gives each article the
files of the 版面 it was printed on (``item.page_files``: ``kind``, ``url``,
``page``; ``modes/pagefiles.py`` finds them). This pipeline is
:class:`~pipelines.pictures.PicturesPipeline` with another list and another
check, so everything else is the pictures' own: Scrapy's media machinery
(robots.txt, AutoThrottle, the User-Agent, retries, the mirrors; one fetch
per URL per run however many posts of the page ask), the archive's images
folder and its content-hash names, the state's ``pictures`` and
``refused_pictures`` tables (a kept file is not fetched again; one refused
for good is not asked for again), ``--images`` (``link`` links the paper's
files, ``none`` leaves them out) and ``archive prune``.

What is its own: the 版面 page is the ``Referer`` (it is the page that links
the files); a PDF must start as one (``%PDF-``) and a page image must decode
with Pillow, else it never enters the archive; ``NEWSCRAWL_PAGE_FILE_MAXSIZE``
caps both (a page PDF is often several MiB). A file that fails is listed once
under ``failed`` with its URL and reason; its posts link the paper's copy and,
when trying again may help, the next run fetches them again.
"""

from __future__ import annotations

from io import BytesIO

from scrapy import Request
from scrapy.http.request import NO_CALLBACK

from newscrawl.archive.pagefiles import NotPdf, pdf_name
from newscrawl.archive.pictures import is_kept_name, picture_name
from newscrawl.archive.raster import NotRaster, read_raster
from newscrawl.archive.safety import safe_http_url
from newscrawl.extensions.processes import compute
from pipelines.pictures import GONE, KEEP, NONE, PICTURE_OF, PictureNotKept, PicturesPipeline

PAGE_FILE_KIND = "newscrawl_page_file"  # request meta: "pdf" or "image"
WHAT = {"pdf": "page PDF", "image": "page image"}


class PageFilesPipeline(PicturesPipeline):
    """Keep the page PDF and page image of each e-paper post's 版面 in the archive; see the module's text."""

    MEDIA_NAME = "page_file"
    WHAT = "page file"
    MAXSIZE_SETTING = "NEWSCRAWL_PAGE_FILE_MAXSIZE"

    def __init__(self, store_uri: str, *, crawler, mode: str = "", maxsize: int = 0):
        super().__init__(store_uri, crawler=crawler, mode=mode, maxsize=maxsize)
        self.reported: set[str] = set()  # URLs listed under failed this run: a page's posts share its files

    @staticmethod
    def is_own_name(name: object) -> bool:
        """Return True when ``name`` is a kept file a page file may be (a picture's or a PDF's)."""
        return is_kept_name(name)

    def get_media_requests(self, item, info) -> list[Request]:
        """Return a request for each page file to keep (none when the post links, drops or keeps them as they are)."""
        if not item.page_files:
            return []
        mode = self.mode_of(item)
        if mode == NONE:
            item.page_files = []
        if mode != KEEP or self._kept_as_is(item):
            return []
        return [self._page_request(item.page_files[index], url) for index, url in self._wanted(item).items()]

    def _wanted(self, item) -> dict[int, str]:
        """Return the page file addresses to fetch, by their index in ``item.page_files``."""
        wanted = {}
        for index, entry in enumerate(item.page_files):
            url = safe_http_url(str(entry.get("url") or "")) if entry.get("kind") in WHAT else None
            if url:
                wanted[index] = url
        return wanted

    def _page_request(self, entry: dict, url: str) -> Request:
        page = str(entry.get("page") or "")
        return Request(url, callback=NO_CALLBACK, headers={"Referer": page} if page else None,
                       meta={PICTURE_OF: page, PAGE_FILE_KIND: entry["kind"], "download_maxsize": self.maxsize,
                             "download_warnsize": self.maxsize // 2})

    async def media_downloaded(self, response, request, info, *, item=None) -> dict:
        """Check the bytes (a PDF's start, or Pillow for the image), store them under their content's name and
        remember the URL. Raises PictureNotKept saying why a page file is refused."""
        if response.status != 200:
            raise PictureNotKept(f"HTTP {response.status}", final=response.status in GONE)
        body = response.body
        width = height = None
        try:
            if request.meta.get(PAGE_FILE_KIND) == "pdf":
                name = pdf_name(body)
            else:
                raster = await compute(self.crawler, read_raster, body)
                name, width, height = picture_name(body, raster.format), raster.width, raster.height
        except (NotPdf, NotRaster) as exc:
            raise PictureNotKept(exc.reason, final=True) from None
        self.store.persist_file(name, BytesIO(body), info)
        self.inc_stats("downloaded")
        self._remember(request.url, name, len(body), width, height)
        return {"url": request.url, "path": name, "checksum": name, "status": "downloaded"}

    def item_completed(self, results, item, info):
        """Set each page file's kept file, or its error (listed once under ``failed``); return the item.

        ``item.pictures_missing`` also counts the page files a later run may mend.
        """
        for (index, url), (ok, value) in zip(self._wanted(item).items(), results):
            entry = item.page_files[index]
            if ok:
                entry["file"], entry["error"] = value["path"], None
                continue
            failure = self._not_kept(value.value)
            entry["file"], entry["error"] = None, failure.reason
            item.pictures_missing += not failure.final
            if not failure.known and url not in self.reported:
                self.reported.add(url)
                self._report(url, failure, item, WHAT[entry["kind"]])
        return item
