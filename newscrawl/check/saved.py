"""Where a profile's saved pages live for the offline check."""

from __future__ import annotations

from pathlib import Path

from newscrawl.profiles.loader import BUILTIN_DIR

PAGES_DIR = BUILTIN_DIR.parent / "pages"


def saved_pages_dir(profile) -> Path | None:
    """Return the folder of ``profile``'s saved pages (with a check.yaml), or None.

    A profile file ``X.yaml`` keeps its pages in ``pages/<slug>/`` beside the
    built-in profiles, or in ``<slug>/`` next to the profile file itself.
    """
    for folder in (Path(profile.path).parent / profile.slug, PAGES_DIR / profile.slug):
        if (folder / "check.yaml").is_file():
            return folder
    return None
