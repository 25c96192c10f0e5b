"""Open built pages in headless Chromium and count every sign of active content.

Each page is served from 127.0.0.1 and opened in a fresh browser context with
JavaScript on, as a reader's browser would. What is counted:

- scripts: every script Chromium compiles in the page's own JavaScript world
  (inline, external, event handler, ``javascript:`` URL), from the DevTools
  protocol's ``Debugger.scriptParsed`` — Playwright's helpers run in an
  isolated world and are not counted, and the probe reads the page only
  after taking the count;
- dialogs (``alert``/``confirm``/``prompt``), page errors, console messages;
- hostile targets: any request, navigation or blocked navigation to a
  ``javascript:`` or ``data:`` URL;
- the sentinel: hostile fixtures set ``window.__hostileRan`` if they run.

Every link is clicked and the page's text elements hovered with the mouse,
so a handler or ``javascript:`` link that needs a reader's gesture would fire.
Navigations are answered with 204 (the page stays) and recorded; requests to
other hosts are refused (nothing leaves the machine).
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator
from urllib.parse import quote

from newscrawl.demo.server import serve
from newscrawl.render.browser import launch_options
from newscrawl.runner import project_settings

SENTINEL = "window.__hostileRan=true;alert('sentinel')"
HOSTILE_SCHEMES = ("javascript:", "data:")
# Console text Chromium writes when it refuses a hostile navigation by itself.
REFUSED = ("Not allowed to navigate top frame to data URL", "javascript:")
# Elements hovered on each page (besides the links, which are clicked), and the
# tallest viewport used to show a whole page at once.
HOVERED = "p, img, svg, details, summary, span, h1, h2, li, input, video"
MAX_HEIGHT = 16000
# The centres of the links and of the elements to hover, in viewport coordinates.
GEOMETRY = """(() => {
  const centre = el => { const r = el.getBoundingClientRect();
    return r.width && r.height ? [r.x + r.width / 2, r.y + r.height / 2] : null; };
  const pick = selector => Array.from(document.querySelectorAll(selector)).map(centre).filter(Boolean);
  return {links: pick('a, area'), hover: pick('%s')};
})()""" % HOVERED
INSPECT = """() => ({
  sentinel: window.__hostileRan === true,
  active: Array.from(document.querySelectorAll('*')).flatMap(el => [
    ...(['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED', 'FRAME'].includes(el.tagName) ? [el.tagName] : []),
    ...Array.from(el.attributes)
      .filter(a => a.name.startsWith('on') || /^\\s*(javascript|data|vbscript):/i.test(a.value))
      .map(a => el.tagName + '[' + a.name + ']')]),
})"""


@dataclass
class PageVisit:
    """What one page did while it was open."""

    path: str
    scripts: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    hostile: list[str] = field(default_factory=list)  # javascript:/data: requests and navigations
    navigations: list[str] = field(default_factory=list)  # link targets (answered 204)
    refused: list[str] = field(default_factory=list)  # requests to other hosts (not sent)
    active: list[str] = field(default_factory=list)  # active elements/attributes left in the DOM
    sentinel: bool = False
    clicks: int = 0
    hovers: int = 0


@dataclass
class BrowserReport:
    """The visits of one probe run, and their totals."""

    visits: list[PageVisit]

    def total(self, name: str) -> int:
        """Return the sum over pages of a list field's length (or a count/flag field)."""
        values = (getattr(v, name) for v in self.visits)
        return sum(len(x) if isinstance(x, list) else int(x) for x in values)

    def counts(self) -> dict[str, int]:
        """Return the totals a report prints."""
        names = ("scripts", "dialogs", "errors", "hostile", "sentinel", "active", "clicks", "hovers",
                 "navigations", "refused")
        return {"pages": len(self.visits), **{name: self.total(name) for name in names}}

    def line(self, label: str) -> str:
        """Return the totals as one line: 'label: pages opened N, scripts run N, ...'."""
        c = self.counts()
        return (f"{label}: pages opened {c['pages']}, scripts run {c['scripts']}, dialogs {c['dialogs']}, "
                f"page errors {c['errors']}, javascript:/data: requests {c['hostile']}, "
                f"sentinels set {c['sentinel']}, active markup {c['active']}; "
                f"links clicked {c['clicks']}, elements hovered {c['hovers']}, "
                f"navigations held {c['navigations']}, off-site requests refused {c['refused']}")


def html_pages(folder: Path) -> list[str]:
    """Return every HTML page under ``folder``, relative, in a stable order."""
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.html") if p.is_file())


@contextmanager
def chromium() -> Iterator[object]:
    """Yield a Playwright Chromium browser launched as newscrawl launches it (Debian's binary)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**launch_options(project_settings()))
        try:
            yield browser
        finally:
            browser.close()


def probe_folder(folder: Path, pages: Iterable[str] | None = None) -> BrowserReport:
    """Serve ``folder`` on 127.0.0.1 and open ``pages`` (default: every HTML page) one by one."""
    pages = list(pages) if pages is not None else html_pages(folder)
    with serve(folder) as server, chromium() as browser:
        return BrowserReport([visit(browser, server.base_url, path) for path in pages])


def _hostile(url: str) -> bool:
    return url.strip().lower().startswith(HOSTILE_SCHEMES)


def visit(browser, base_url: str, path: str) -> PageVisit:
    """Open one page in a fresh context, click and hover through it, and return what it did."""
    result = PageVisit(path)
    target = base_url + quote(path)
    context = browser.new_context()
    page = context.new_page()
    cdp = _instrument(context, page, base_url, target, result)
    try:
        page.goto(target, wait_until="load")
        _interact(page, cdp, result)
        page.wait_for_timeout(100)  # let late timers and handlers show themselves
        result.scripts = list(result.scripts)  # the page's; the probe's own reading comes next
        found = page.evaluate(INSPECT)
        result.sentinel, result.active = found["sentinel"], found["active"]
    finally:
        context.close()
    return result


def _instrument(context, page, base_url: str, target: str, result: PageVisit):
    """Attach listeners for scripts, dialogs, errors, console lines and every request; return the CDP session."""
    main_worlds: set[int] = set()
    scripts = result.scripts  # this list, even after visit() keeps a copy of it
    cdp = context.new_cdp_session(page)

    def world(event: dict) -> None:
        if event["context"].get("auxData", {}).get("isDefault"):
            main_worlds.add(event["context"]["id"])

    def script(event: dict) -> None:
        if event.get("executionContextId") in main_worlds:
            scripts.append(event.get("url") or "<inline>")

    def navigation(event: dict) -> None:
        if _hostile(event.get("url", "")):
            result.hostile.append(event["url"][:80])

    def network(event: dict) -> None:
        if _hostile(event["request"]["url"]):
            result.hostile.append(event["request"]["url"][:80])

    cdp.on("Runtime.executionContextCreated", world)
    cdp.on("Debugger.scriptParsed", script)
    cdp.on("Page.frameRequestedNavigation", navigation)
    cdp.on("Network.requestWillBeSent", network)
    for domain in ("Runtime", "Debugger", "Page", "Network"):
        cdp.send(f"{domain}.enable")

    def dialog(d) -> None:
        result.dialogs.append(f"{d.type}: {d.message}")
        d.dismiss()

    def console(message) -> None:
        result.console.append(message.text[:160])
        if any(word in message.text for word in REFUSED):
            result.hostile.append(f"refused by Chromium: {message.text[:80]}")

    page.on("dialog", dialog)
    page.on("pageerror", lambda error: result.errors.append(str(error)[:160]))
    page.on("console", console)
    context.on("page", lambda popup: result.navigations.append(f"popup {popup.url}"))
    context.route("**/*", lambda route: _route(route, base_url, target, result))
    return cdp


def _route(route, base_url: str, target: str, result: PageVisit) -> None:
    """Serve the page's own files; hold navigations with 204; refuse other hosts."""
    request = route.request
    url = request.url
    if _hostile(url):
        result.hostile.append(url[:80])
        route.abort()
    elif request.is_navigation_request() and url != target:
        result.navigations.append(url)
        route.fulfill(status=204, body="")
    elif url.startswith(base_url):
        route.continue_()
    else:
        result.refused.append(url)
        route.abort()


def _interact(page, cdp, result: PageVisit) -> None:
    """Click every link and hover every body element with the mouse, as a curious reader would.

    The positions are read in an isolated JavaScript world of the probe's own
    (not the page's, so not counted), with the viewport as tall as the page so
    that nothing needs scrolling; the mouse events are real input events.
    """
    frame = cdp.send("Page.getFrameTree")["frameTree"]["frame"]["id"]
    world = cdp.send("Page.createIsolatedWorld", {"frameId": frame, "worldName": "probe"})["executionContextId"]

    def read(expression: str):
        reply = cdp.send("Runtime.evaluate", {"expression": expression, "contextId": world,
                                              "returnByValue": True})
        return reply["result"]["value"]

    height = read("document.documentElement.scrollHeight")
    page.set_viewport_size({"width": 1280, "height": max(600, min(int(height), MAX_HEIGHT))})
    places = read(GEOMETRY)
    for x, y in places["links"]:
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            cdp.send("Input.dispatchMouseEvent", {"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1})
        result.clicks += 1
    for x, y in places["hover"]:
        cdp.send("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": x, "y": y})
        result.hovers += 1
