"""Decide which pages are rendered in a browser: the profile's ``render`` key and the run's setting.

Pure data, no browser: the profile loader, the command line and the render
components all read the same vocabulary from here.
"""

from __future__ import annotations

from typing import Any, Iterable

#: What a profile's ``render`` key (or ``--render``) may ask for.
RENDER_CHOICES = ("articles", "listings", "all")
#: The run-wide setting also takes "none": render nothing, whatever the profiles ask.
RUN_CHOICES = ("none", *RENDER_CHOICES)
#: Request meta: a list the browser's route appends each top-level document it fetched to, as
#: (url, status, [(name, value)], body): the WARC writer keeps them beside the rendered DOM.
KEPT_DOCUMENTS = "render_documents"
#: Page kinds a request can carry in ``meta["page_kind"]``, by the choice that covers them.
_KINDS = {"articles": {"article"}, "listings": {"listing"}, "all": {"article", "listing"}, "none": set()}


def parse_render(value: Any) -> str | None:
    """Return a profile's ``render`` value as one of RENDER_CHOICES, or None for off.

    ``true`` means "all", ``false`` (or no key) means off. Raises ValueError
    naming the allowed values.
    """
    if value is None or value is False:
        return None
    if value is True:
        return "all"
    if isinstance(value, str) and value.strip().lower() in RENDER_CHOICES:
        return value.strip().lower()
    raise ValueError(f"{value!r} is not one of {', '.join(RENDER_CHOICES)}, true or false")


def parse_run_render(value: Any) -> str | None:
    """Return the NEWSCRAWL_RENDER setting as one of RUN_CHOICES, or None when each profile decides.

    Raises ValueError naming the allowed values.
    """
    if value in (None, ""):
        return None
    if isinstance(value, str) and value.strip().lower() in RUN_CHOICES:
        return value.strip().lower()
    raise ValueError(f"NEWSCRAWL_RENDER: {value!r} is not one of '', {', '.join(RUN_CHOICES)}")


def renders(kind: str | None, profile_render: str | None, run_render: str | None) -> bool:
    """Return True when a page of ``kind`` ("article"/"listing") is to be rendered.

    The run's choice adds to the profile's; "none" turns rendering off for the run.
    """
    if not kind or run_render == "none":
        return False
    return kind in _KINDS.get(profile_render or "none", set()) | _KINDS.get(run_render or "none", set())


def run_renders_any(run_render: str | None, profile_renders: Iterable[str | None]) -> bool:
    """Return True when some page of this run may be rendered."""
    if run_render == "none":
        return False
    return bool(run_render) or any(profile_renders)
