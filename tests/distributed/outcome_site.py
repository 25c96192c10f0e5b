"""The fault site, plus the outcomes only a crawl on Redis got wrong (issue 18, case 5).

:class:`OutcomeServer` serves every fault of ``tests/faults/server.py`` and adds
pages that end a request in the ways the fault suite does not reach: refused
by robots.txt, too many redirects, a redirect to a page fetched already, a
re-check answered 304, a page whose reading raises (:class:`CallbackBug`) and
an item a pipeline fails (:class:`PipelineBug`). It sees request headers, so a
page can answer a conditional request, and it can make one process (told by
its User-Agent) slow, so that another takes most of the work.
"""

from __future__ import annotations

from dataclasses import replace

from tests.faults import server as faults
from tests.faults.server import Answer, FaultServer, ok

ETAG = '"v1"'
CHAIN = 6  # hops of /a/redirect-chain.html; more than the REDIRECT_MAX_TIMES the tests set (4)
WORKER_AGENT = "newscrawl-worker-under-test"

#: name -> the outcome every crawl must give it: "created", or (kind, words its reason holds)
EXTRA = {
    "robots-refused": ("dropped", "robots.txt"),
    "redirect-chain": ("failed", "max redirections"),
    "callback-error": ("failed", "a bug in a callback"),
    "pipeline-error": ("failed", "a bug in a pipeline"),
}
#: two pages that redirect to one: one of them is a post, the other a duplicate
SAME_TARGET = ("moved", "moved-again")


def _redirect(target: str) -> Answer:
    return Answer(status=302, headers={"Location": target, "Content-Length": "0"})


class _Handler(faults._Handler):
    server: "OutcomeServer"

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        path = self.path.split("?", 1)[0]
        hit = self.server.count(path)
        agent = self.headers.get("User-Agent", "")
        answer = self.server.answer_request(path, hit, self.headers)
        if self.server.fast_agent and agent != self.server.fast_agent and path.startswith("/a/"):
            answer = replace(answer, delay=max(answer.delay, self.server.others_wait))
        try:
            self._send(answer)
        except (BrokenPipeError, ConnectionResetError):
            pass
        self.server.served.append((path, agent))


class OutcomeServer(FaultServer):
    """The fault site with the extra outcomes (``extra``); ``served`` lists (path, User-Agent) as answered.

    With ``fast_agent`` set, an article page asked for by any other User-Agent
    is answered after ``others_wait`` seconds.
    """

    def __init__(self, faults_served: dict[str, tuple] | None = None, *, extra: bool = True):
        super().__init__(faults_served)
        self.RequestHandlerClass = _Handler
        if extra:
            self.faults = {**self.faults, **{name: (None, outcome) for name, outcome in EXTRA.items()},
                           "moved-again": (None, None)}
        self.served: list[tuple[str, str]] = []
        self.not_modified = 0  # 304s answered
        self.fast_agent: str | None = None
        self.others_wait = 0.0

    def answer_request(self, path: str, hit: int, headers) -> Answer:
        """Return what to send for ``path`` (asked ``hit`` times) given the request's ``headers``."""
        if path == "/robots.txt":
            return Answer(body=b"User-agent: *\nDisallow: /a/robots-refused.html\n",
                          headers={"Content-Type": "text/plain"})
        name = path.removeprefix("/a/").removesuffix(".html")
        if name == "moved-again":
            return _redirect("/a/moved-here.html")
        if name == "redirect-chain" or name.startswith("chain-"):
            step = 0 if name == "redirect-chain" else int(name.removeprefix("chain-"))
            return _redirect(f"/a/chain-{step + 1}.html") if step < CHAIN else ok(name)
        if name.startswith("recheck"):
            if headers.get("If-None-Match") == ETAG:
                self.not_modified += 1
                return Answer(status=304, headers={"ETag": ETAG, "Content-Length": "0"})
            page = ok(name)
            return replace(page, headers={**page.headers, "ETag": ETAG})
        if name in EXTRA:
            return ok(name)
        return self.answer(path, hit)


class CallbackBug:
    """Spider middleware next to the spider: reading the page named ``callback-error`` raises, as a bug would."""

    async def process_spider_output_async(self, response, result):
        """Raise for the callback-error page; pass every other page's output on."""
        if "callback-error" in response.url:
            raise RuntimeError("a bug in a callback")
        async for out in result:
            yield out

    def process_spider_output(self, response, result):
        """The same for a synchronous callback."""
        if "callback-error" in response.url:
            raise RuntimeError("a bug in a callback")
        yield from result


class PipelineBug:
    """An item pipeline that fails the article of the page named ``pipeline-error``."""

    def process_item(self, item):
        """Return ``item``, or raise for the pipeline-error page."""
        if "pipeline-error" in item.url:
            raise RuntimeError("a bug in a pipeline")
        return item

